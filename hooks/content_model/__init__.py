"""The site's content model: every page's front matter, loaded and validated once per build.

Structure lives in the Spanish file of each page (Spanish is authoritative); the English
file carries only its own words (title, label, summary...), so the two languages cannot
disagree about the structure. Hooks never read front matter themselves: they ask this
package for the `Site` of the build in progress and use its typed objects.

Each part of the content owns the page kinds it validates: `policy` (axes, components,
guidelines), `regions`, `training`; `learning` reads what any page may declare for the public
(an exercise, sharing). A page without `kind` is an ordinary page. The statistics pages print
live in `figures` (hooks/data/figures.yml).
"""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path
from typing import Any

from .base import (DEFAULT_LANGUAGE, LANGUAGE_NAMES, LANGUAGES, ContentError, Pages, localised, read_docs, read_markdown,
                   read_yaml, unknown_key, unlocalised, page_folder, page_url, read_front_matter, shown,
                   with_article)
from . import figures, learning, markers, policy, regions, sources, training

__all__ = ["DEFAULT_LANGUAGE", "LANGUAGES", "ContentError", "Site", "Build", "build_state", "hand_to_bundle", "handed_to_bundle", "current_build", "load", "load_site", "model_of",
           "site_for", "in_nested_pass", "language_of", "localised", "markers", "read_markdown", "read_yaml", "unlocalised", "page_folder", "page_url", "read_front_matter", "shown",
           "POLICY_OVERVIEW"]

POLICY_OVERVIEW = policy.OVERVIEW

_PARTS = (policy, regions, training, learning)


@dataclasses.dataclass(frozen=True)
class Site:
    """Everything the hooks need to know about the content, per language."""

    pages: Pages  # src_uri ("politica/x.md") -> language -> front matter
    policy: dict[str, policy.PolicyTree]
    regions: dict[str, regions.RegionSet]
    training: dict[str, training.Training]
    learning: dict[str, learning.Learning]  # exercises and sharing on the pages the public learns from
    markers: dict[str, tuple[markers.Marker, ...]] = dataclasses.field(default_factory=dict)  # 'x.es.md' -> its markers
    figures: figures.FigureSet | None = None  # the statistics pages print (hooks/data/figures.yml)
    bodies: dict[str, str] = dataclasses.field(default_factory=dict)  # 'x.es.md' -> its Markdown below the front matter

    def tree(self, language: str) -> policy.PolicyTree:
        return self.policy[language]

    def kind_of(self, file_src_uri: str) -> str | None:
        """The `kind` a page declares (in its Spanish file), from either language's file name."""
        src_uri, _ = unlocalised(file_src_uri)
        return self.pages.get(src_uri, {}).get(DEFAULT_LANGUAGE, {}).get("kind")


def load_site(docs_dir: str | Path, directory_urls: bool = True) -> Site:
    """Read and validate every page's front matter in both languages, its pages at the addresses
    of the build's URL layout (`use_directory_urls`: False for the offline edition). Raises ContentError."""
    pages, texts, bodies = read_docs(Path(docs_dir))
    found = {name: markers.parse(text, f"docs/{name}") for name, text in texts.items()}
    for name, text in texts.items():  # every link to a copy says so and names the publisher
        sources.check_markdown(text, f"docs/{name}", unlocalised(name)[1])
    _check_kinds(pages)
    _check_keys(pages)
    sources.check_links(texts, sources.registry())
    trees = policy.build(pages, directory_urls)
    region_sets = regions.build(pages, trees, directory_urls)
    trainings = training.build(pages, trees, bodies, directory_urls)
    learnings = learning.build(pages)
    figure_set = figures.build(region_sets)
    _check_titles(pages)
    return Site(pages=pages, policy=trees, regions=region_sets, training=trainings, learning=learnings,
                markers=found, figures=figure_set, bodies=bodies)


# Every page, in every language, names itself: a page without `title:` would show another's. A
# short tab title (`tab_title:`, what the tab and the history show) is in both languages or none.
def _check_titles(pages: Pages) -> None:
    for src_uri, by_language in pages.items():
        for language in LANGUAGES:
            title = by_language[language].get("title")
            if not isinstance(title, str) or not title.strip():
                raise ContentError(shown(src_uri, language), "title", "this required field is missing",
                                   f"add 'title:' to the front matter, in {LANGUAGE_NAMES[language]}")
        if any("tab_title" in by_language[language] for language in LANGUAGES):
            for language in LANGUAGES:
                tab_title = by_language[language].get("tab_title")
                if not isinstance(tab_title, str) or not tab_title.strip():
                    raise ContentError(shown(src_uri, language), "tab_title", "the other language's page has a tab "
                                       "title and this one has none", f"add 'tab_title:' in {LANGUAGE_NAMES[language]} too "
                                       "(a short, neutral title for the tab and the browser's history)")


# ---------------------------------------------------------------------------- front-matter keys

# The fields MkDocs and Material read, which any page may carry: its title, the description for
# search engines, Material's search options ('search: boost:') and hidden sidebars ('hide:'); the
# short tab title (`tab_title:`, checked in _check_titles); and what a page the public learns
# from declares (learning.ANY_PAGE_KEYS: an exercise, sharing).
ANY_PAGE_KEYS = ("title", "description", "search", "hide", "tab_title", *learning.ANY_PAGE_KEYS)
# The fields each kind of page carries besides those: one table per kind, where the kind is
# validated (policy.KEYS, regions.KEYS, training.KEYS); an ordinary page (no `kind`) none, and a
# few pages theirs (regions.PAGE_KEYS: the region index's national total). A new field is a
# word in its kind's table.
KEYS: dict[str | None, tuple[str, ...]] = {None: (), **policy.KEYS, **regions.KEYS, **training.KEYS}
PAGE_KEYS: dict[str, tuple[str, ...]] = {**regions.PAGE_KEYS}


def _check_keys(pages: Pages) -> None:
    """A field a page's kind does not have (`relatd:` for `related:`) would silently drop what it
    holds: it stops the build, naming the file, the field and the nearest known one."""
    for src_uri, by_language in pages.items():
        kind = by_language[DEFAULT_LANGUAGE].get("kind") or training.kind_by_place(src_uri)
        known = tuple(dict.fromkeys((*ANY_PAGE_KEYS, *KEYS.get(kind, ()), *PAGE_KEYS.get(src_uri, ()))))
        for language in LANGUAGES:
            for key in by_language[language]:
                if key not in known:
                    what = f"{with_article(_KIND_NAMES.get(kind, kind))} page" if kind else "an ordinary page (no 'kind:')"
                    raise unknown_key(shown(src_uri, language), None, key, known, what)


# How a message names a page of each kind.
_KIND_NAMES = {"general": "general guideline", "specific": "specific guideline", "transversal": "transversal axis",
               "session-plan": "session plan", "evaluation": "evaluation form", "pack": "trainer's pack",
               "slides": "slides"}


def _check_kinds(pages: Pages) -> None:
    known = [kind for part in _PARTS for kind in part.KINDS]
    for src_uri, by_language in pages.items():
        kind = by_language[DEFAULT_LANGUAGE].get("kind")
        if kind is not None and kind not in known:
            raise ContentError(shown(src_uri, DEFAULT_LANGUAGE), "kind", f"'{kind}' is not a known kind",
                               f"use one of: {', '.join(known)}")


# ---------------------------------------------------------------------------- the command running

# What lasts as long as the command (`mkdocs build` or `mkdocs serve`): MkDocs calls `on_startup`
# once. Python imports the hook files and this package once per process: `mkdocs serve` rebuilds
# with the code it started with (MkDocs caches each hook module, `Hooks._load_hook`), so the
# Python files' times are kept to say, at each rebuild, which of them changed since.
_command: dict[str, Any] = {"name": None, "files": {}}
CODE_FOLDER = Path(__file__).resolve().parent.parent  # hooks/: the hook files, this package, renderers/


def begin_command(name: str) -> str:
    """Remember the command (see `effective_command`) and when the build's Python files were last
    changed; return the command."""
    _command.update(name=effective_command(name), files=_code_files())
    return _command["name"]


def effective_command(name: str | None) -> str | None:
    """The command as a person typed it: MkDocs tells `on_startup` 'build' for `mkdocs serve
    --clean` (mkdocs/commands/serve.py), which still serves a temporary folder and adds its
    live-reload script to every page. The server's own function on the call stack says 'serve'."""
    serve = sys.modules.get("mkdocs.commands.serve")
    frame = sys._getframe(1) if serve is not None else None
    while frame is not None:
        if frame.f_code is serve.serve.__code__:
            return "serve"
        frame = frame.f_back
    return name


def running_command() -> str | None:
    """'serve', 'build'... (None when a build is run from Python)."""
    return _command["name"]


def changed_code_files() -> list[str]:
    """The Python files of hooks/ changed since the command started (this process runs their old code)."""
    if not _command["files"]:
        return []
    now = _code_files()
    return sorted(path for path, stamp in {**_command["files"], **now}.items() if _command["files"].get(path) != now.get(path))


def _code_files() -> dict[str, float]:
    return {path.relative_to(CODE_FOLDER.parent).as_posix(): path.stat().st_mtime
            for path in sorted(CODE_FOLDER.rglob("*.py")) if "__pycache__" not in path.parts}


# ---------------------------------------------------------------------------- state per build


@dataclasses.dataclass
class Build:
    """What the hooks know and compute in one build, kept on the build's configuration: MkDocs
    loads the configuration again for every build (each rebuild of `mkdocs serve`, a failed one
    included) and the i18n plugin's language passes share it, so this state is made by the first
    hook that asks for it and dies with the build, as a plugin's would on its instance. The model
    is loaded once per build, by hooks/content.py's `on_pre_build`."""

    site: Site | None = None
    shared: dict[str, Any] = dataclasses.field(default_factory=dict)    # hook -> state for the whole build
    passes: dict[str, dict[str, Any]] = dataclasses.field(default_factory=dict)  # language -> hook -> state


_BUILD = "_content_model_build"   # the configuration's attribute that holds its Build


def current_build(config: Any) -> Build:
    """This build's state (made on first use)."""
    build = getattr(config, _BUILD, None)
    if build is None:
        build = Build()
        setattr(config, _BUILD, build)
    return build


def build_state(config: Any, name: str, factory, per_language: bool = True):
    """A hook's state for this build (`per_language`: for this language pass only), made by `factory`."""
    build = current_build(config)
    holder = build.passes.setdefault(language_of(config), {}) if per_language else build.shared
    if name not in holder:
        holder[name] = factory()
    return holder[name]


def hand_to_bundle(config: Any, path: str, text: str) -> None:
    """Give hooks/asset_bundle.py the text of a file of its table that a hook makes at each build
    (a row `written by` that hook in mkdocs.yml's extra.assets)."""
    handed_to_bundle(config)[path] = text


def handed_to_bundle(config: Any) -> dict[str, str]:
    """What hooks handed to the bundle in this build: site path -> text."""
    return build_state(config, "handed_to_bundle", dict, per_language=False)


def load(config: Any) -> Site:
    """Load and validate, then keep the result for the hooks of this build."""
    site = load_site(config.docs_dir, config.use_directory_urls)
    current_build(config).site = site
    return site


def model_of(config: Any) -> Site | None:
    """The model of this build (None before it is loaded)."""
    return current_build(config).site


def site_for(config: Any) -> Site:
    """The model of this build. Outside a build (a test calling a hook), it is loaded."""
    return model_of(config) or load(config)


def in_nested_pass(config: Any) -> bool:
    """True inside a language pass that mkdocs-static-i18n runs from the first pass's
    `on_post_build` (its `building` flag, which it does not document: read here alone)."""
    return bool(getattr(config.plugins.get("i18n"), "building", False))


def language_of(config: Any) -> str:
    """The language being built, from `on_pre_build` on: mkdocs-static-i18n sets the theme's
    language for each language's pass."""
    return config.theme["language"]
