"""The site's content model: every page's front matter, loaded and validated once per build.

Structure lives in the Spanish file of each page (Spanish is authoritative); the English
file carries only its own words (title, label, summary...), so the two languages cannot
disagree about the structure. Hooks never read front matter themselves: they ask this
package for the `Site` of the build in progress and use its typed objects.

Each part of the content owns the page kinds it validates: `policy` (axes, components,
guidelines), `regions`, `training`. A page without `kind` is an ordinary page.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from .base import (DEFAULT_LANGUAGE, LANGUAGE_NAMES, LANGUAGES, ContentError, Pages, localised, read_docs, read_markdown,
                   unlocalised, page_folder, page_url, read_front_matter, set_directory_urls, shown)
from . import markers, policy, regions, training

__all__ = ["DEFAULT_LANGUAGE", "LANGUAGES", "ContentError", "Site", "Build", "begin_build", "end_build", "build_state", "current_build", "load", "load_site", "current",
           "site_for", "language_of", "localised", "markers", "read_markdown", "unlocalised", "page_folder", "page_url", "read_front_matter", "shown",
           "POLICY_OVERVIEW"]

POLICY_OVERVIEW = policy.OVERVIEW

_PARTS = (policy, regions, training)


@dataclasses.dataclass(frozen=True)
class Site:
    """Everything the hooks need to know about the content, per language."""

    pages: Pages  # src_uri ("politica/x.md") -> language -> front matter
    policy: dict[str, policy.PolicyTree]
    regions: dict[str, regions.RegionSet]
    training: dict[str, training.Training]
    markers: dict[str, tuple[markers.Marker, ...]] = dataclasses.field(default_factory=dict)  # 'x.es.md' -> its markers

    def tree(self, language: str) -> policy.PolicyTree:
        return self.policy[language]

    def kind_of(self, file_src_uri: str) -> str | None:
        """The `kind` a page declares (in its Spanish file), from either language's file name."""
        src_uri, _ = unlocalised(file_src_uri)
        return self.pages.get(src_uri, {}).get(DEFAULT_LANGUAGE, {}).get("kind")


def load_site(docs_dir: str | Path) -> Site:
    """Read and validate every page's front matter in both languages. Raises ContentError."""
    pages, texts = read_docs(Path(docs_dir))
    found = {name: markers.parse(text, f"docs/{name}") for name, text in texts.items()}
    _check_kinds(pages)
    trees = policy.build(pages)
    region_sets = regions.build(pages, trees)
    trainings = training.build(pages, trees, texts)
    _check_titles(pages)
    return Site(pages=pages, policy=trees, regions=region_sets, training=trainings, markers=found)


# Every page, in every language, names itself: a page without `title:` would show another's.
def _check_titles(pages: Pages) -> None:
    for src_uri, by_language in pages.items():
        for language in LANGUAGES:
            title = by_language[language].get("title")
            if not isinstance(title, str) or not title.strip():
                raise ContentError(shown(src_uri, language), "title", "this required field is missing",
                                   f"add 'title:' to the front matter, in {LANGUAGE_NAMES[language]}")


def _check_kinds(pages: Pages) -> None:
    known = [kind for part in _PARTS for kind in part.KINDS]
    for src_uri, by_language in pages.items():
        kind = by_language[DEFAULT_LANGUAGE].get("kind")
        if kind is not None and kind not in known:
            raise ContentError(shown(src_uri, DEFAULT_LANGUAGE), "kind", f"'{kind}' is not a known kind",
                               f"use one of: {', '.join(known)}")


# ---------------------------------------------------------------------------- the command running

# What lasts as long as the command (`mkdocs build` or `mkdocs serve`): MkDocs calls `on_startup`
# once, with the first configuration; `mkdocs serve` loads the configuration again, and runs the
# hook files again, for every rebuild, but this package (and renderers/) is imported once.
_command: dict[str, Any] = {"name": None, "files": {}}
_PACKAGES = ("content_model", "renderers")


def begin_command(name: str) -> None:
    """Remember the command, and when this package's and the renderers' files were last changed."""
    _command.update(name=name, files=_package_files())


def running_command() -> str | None:
    """'serve', 'build'... (None when a build is run from Python)."""
    return _command["name"]


def changed_package_files() -> list[str]:
    """The package files changed since the command started (Python still runs their old code)."""
    if not _command["files"]:
        return []
    now = _package_files()
    return sorted(path for path, stamp in now.items() if _command["files"].get(path) != stamp)


def _package_files() -> dict[str, float]:
    hooks = Path(__file__).resolve().parent.parent
    return {path.relative_to(hooks.parent).as_posix(): path.stat().st_mtime
            for package in _PACKAGES for path in sorted((hooks / package).glob("*.py"))}


# ---------------------------------------------------------------------------- state per build


@dataclasses.dataclass
class Build:
    """What the hooks know and compute in one build: made by the first language pass's `on_config`
    (hooks/content.py), replaced by the next build's, so nothing survives from one build of
    `mkdocs serve` to the next, a failed one included. The model is loaded once per build, by
    hooks/content.py's `on_pre_build`."""

    site: Site | None = None
    shared: dict[str, Any] = dataclasses.field(default_factory=dict)    # hook -> state for the whole build
    passes: dict[str, dict[str, Any]] = dataclasses.field(default_factory=dict)  # language -> hook -> state


_builds: list[Build] = []  # the build in progress: one holder, replaced at each build


def begin_build() -> Build:
    """A new, empty state: called once at the start of every build (its first language pass)."""
    set_directory_urls(True)
    _builds[:] = [Build()]
    return _builds[0]


def end_build() -> None:
    """Forget the last build's state: the command is over (`on_shutdown`)."""
    _builds.clear()


def current_build() -> Build:
    if not _builds:
        begin_build()
    return _builds[0]


def build_state(config: Any, name: str, factory, per_language: bool = True):
    """A hook's state for this build (`per_language`: for this language pass only), made by `factory`."""
    build = current_build()
    holder = build.passes.setdefault(language_of(config), {}) if per_language else build.shared
    if name not in holder:
        holder[name] = factory()
    return holder[name]


def load(docs_dir: str | Path, directory_urls: bool = True) -> Site:
    """Load and validate, then keep the result for the hooks of this build."""
    set_directory_urls(directory_urls)
    site = load_site(docs_dir)
    current_build().site = site
    return site


def current() -> Site | None:
    """The model of the build in progress (None before it is loaded)."""
    return _builds[0].site if _builds else None


def site_for(config: Any) -> Site:
    """The model of the build in progress. Outside a build (a test calling a hook), it is loaded."""
    return current() or load(config.docs_dir, config.use_directory_urls)


def language_of(config: Any) -> str:
    """The language being built: right from `on_pre_build` on (see STYLE.md)."""
    return config.theme["language"]
