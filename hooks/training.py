"""Renders the training material (issue 5) where the Markdown asks for it.

Markers, each replaced by HTML from `renderers.training`:

- `<!-- training: modules -->`  the table of modules with its filter (the training landing page);
- `<!-- training: overview -->` a module's audience, size, duration, guidelines and parts (its index);
- `<!-- training: plan -->`     the session plan's timed steps (the module's `plan` page, required);
- `<!-- training: quiz -->`     the interactive quiz (the module's `cuestionario` page, required);
- `<!-- training: pack -->`     the trainer's pack (the module's `paquete` page, required): the
                                plan, activities, handout, quiz (with its answers) and evaluation,
                                read from their own pages at build time (`renderers/training_pack.py`).

Every page of a module, and the landing page, also gets an empty `.training-page--<kind>`
marker so that CSS can treat it by kind: handouts print on one A4 page, evaluation forms get
lines to write on, each part of a pack starts a new sheet. A module's overview links to its
pack. A marker on a page that cannot show it, a plan, quiz or pack page
without its marker, or a part the pack prints that has no text stops the build.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.utils import meta

import content_model
from content_model import markers
from content_model import ContentError
from content_model.training import LANDING, PACK, PACK_CONTENTS, Module
from renderers import training as render
from renderers import training_pack


# Before the site folder is cleaned, so that a mistake leaves the previous site whole: every
# marker is known and on a page that can show it, every plan, quiz and pack page has its marker,
# and every part a pack prints has text, in both languages.
def on_pre_build(config, **kwargs):
    site = content_model.site_for(config)
    for file_src_uri, found_markers in site.markers.items():
        src_uri, language = content_model.unlocalised(file_src_uri)
        found = site.training[language].part_for(file_src_uri)
        for marker in found_markers:
            if marker.family == "training":
                _check_marker(marker.name, src_uri, language, found)
    for language in content_model.LANGUAGES:
        for module in site.training[language].modules:
            for part in (*module.parts, module.pack):
                name = content_model.localised(part.src_uri, language)
                used = [marker.name for marker in site.markers.get(name, ()) if marker.family == "training"]
                _check_required(part.kind, used, content_model.shown(part.src_uri, language))
            _pack_bodies(module, config.docs_dir)


# Replace this page's training markers and mark the page with its part of a module.
def on_page_markdown(markdown, page, config, files, **kwargs):
    language = content_model.language_of(config)
    site = content_model.site_for(config)
    src_uri, _ = content_model.unlocalised(page.file.src_uri)
    found = site.training[language].part_for(page.file.src_uri)
    used: list[str] = []
    markdown = _MARKER.sub(lambda match: _render(match, used, site, language, src_uri, found, page.url,
                                                 config.docs_dir), markdown)
    if found:
        _check_required(found[1].kind, used, content_model.shown(src_uri, language))
        if found[1].kind == "module" and "overview" not in used:
            markdown = _after_lead(markdown, _pack_link(found[0]))
        return _block(render.page_class(found[1].kind)) + markdown
    if src_uri == LANDING:
        return _block(render.page_class("landing")) + markdown
    return markdown


# ---------------------------------------------------------------------------- helpers


# The HTML for one marker, after checking that it belongs on this page.
def _render(match, used, site, language, src_uri, found, here, docs_dir):
    name = match.group("name")
    used.append(name)
    _check_marker(name, src_uri, language, found)
    if _MARKERS[name] == "training-landing":
        return _block(render.modules(site.training[language].modules, here, language))
    module, _ = found
    if name == "plan":
        return _block(render.plan(module))
    if name == "quiz":
        return _block(render.quiz(module))
    if name == "pack":
        return _block(training_pack.pack(module, _pack_bodies(module, docs_dir)))
    tree = site.tree(language)
    guidelines = [(tree.get(g).title, tree.get(g).url) for g in module.teaches]
    return _block(render.overview(module, guidelines, here)) + _pack_link(module)


# A known marker, on a page that can show it (`found`: the page's module and part, if any).
def _check_marker(name, src_uri, language, found):
    where = content_model.shown(src_uri, language)
    belongs = _MARKERS[name]
    if belongs == "training-landing":
        if src_uri != LANDING:
            raise ContentError(where, None, f"the marker <!-- training: {name} --> belongs on the training page",
                               f"move it to {content_model.shown(LANDING, language)}")
        return
    _, part = found or (None, None)
    if part is None or part.kind != belongs:
        raise ContentError(where, None, f"the marker <!-- training: {name} --> belongs on a module's '{belongs}' page",
                           "remove it, or give the page that kind and a 'module:'")


# A plan, quiz or pack page that forgot its marker would show nothing: stop instead.
def _check_required(kind, used, where):
    for name in _REQUIRED:
        if _MARKERS[name] == kind and name not in used:
            raise ContentError(where, None,
                               f"the {name} is not shown: the page has no <!-- training: {name} --> marker",
                               f"add a line '<!-- training: {name} -->' where the {name} belongs")


# The Markdown of each part a pack prints, front matter removed; a part with no text stops the build.
def _pack_bodies(module: Module, docs_dir: str) -> dict[str, str]:
    bodies = {}
    for kind in PACK_CONTENTS:
        part = module.part(kind)
        name = content_model.localised(part.src_uri, module.language)
        text = content_model.read_markdown(Path(docs_dir) / name, f"docs/{name}")
        bodies[kind], _ = meta.get_data(text)
        if kind in _PACK_PRINTS_BODY and not _MARKER.sub("", bodies[kind]).strip():
            name = _PACK_PRINTS_BODY[kind]
            raise ContentError(content_model.shown(part.src_uri, module.language), None,
                               f"{name} has no text below its front matter, and the trainer's pack prints it",
                               f"write {name} below the front matter")
    return bodies


# Where a module's pack is, said on its overview: after the overview block, or else after the lead.
# A Markdown link to the pack's file, beside the overview's: MkDocs makes the address.
def _pack_link(module: Module) -> str:
    return _block(training_pack.pack_link(module, f"{PACK}.md"))


# Markdown with a block put after its first paragraph.
def _after_lead(markdown: str, block: str) -> str:
    lead, _, rest = markdown.strip().partition("\n\n")
    return lead + block + rest


# Generated HTML as a Markdown block of its own.
def _block(html: str) -> str:
    return f"\n\n{html}\n\n"


# ---------------------------------------------------------------------------- data

_MARKER = markers.pattern("training")

# Each marker, and the page it belongs on: the landing page or a module part's kind (content_model.markers).
_MARKERS = {name: kinds[0] for name, kinds in markers.KNOWN["training"].items()}

# Markers whose page is pointless without them.
_REQUIRED = ("plan", "quiz", "pack")

# The parts whose text the pack prints (of the quiz it prints the questions), as an error names them.
_PACK_PRINTS_BODY = {
    "session-plan": "the session plan",
    "activities": "the activities",
    "handout": "the handout",
    "evaluation": "the evaluation form",
}
