"""Renders the training material (issue 5) where the Markdown asks for it.

Markers, each replaced by HTML from `renderers.training`:

- `<!-- training: modules -->`  the table of modules with its filter (the training landing page);
- `<!-- training: overview -->` a module's audience, size, duration, guidelines and parts (its index);
- `<!-- training: plan -->`     the session plan's timed steps (the module's `plan` page, required);
- `<!-- training: quiz -->`     the interactive quiz (the module's `cuestionario` page, required).

Every page of a module, and the landing page, also gets an empty `.training-page--<kind>`
marker so that CSS can treat it by kind: handouts print on one A4 page, evaluation forms get
lines to write on. An unknown marker, a marker on a page that cannot show it, or a plan or
quiz page without its marker stops the build.
"""

from __future__ import annotations

import re

import content_model
from content_model import ContentError
from content_model.training import LANDING
from renderers import training as render


# Replace this page's training markers and mark the page with its part of a module.
def on_page_markdown(markdown, page, config, files, **kwargs):
    language = content_model.language_of(config)
    site = content_model.site_for(config)
    src_uri = _neutral(page.file.src_uri)
    found = site.training[language].part_for(page.file.src_uri)
    used: list[str] = []
    markdown = _MARKER.sub(lambda match: _render(match, used, site, language, src_uri, found, page.url), markdown)
    if found:
        _check_required(found[1].kind, used, content_model.shown(src_uri, language))
        return _block(render.page_class(found[1].kind)) + markdown
    if src_uri == LANDING:
        return _block(render.page_class("landing")) + markdown
    return markdown


# ---------------------------------------------------------------------------- helpers


# The HTML for one marker, after checking that it belongs on this page.
def _render(match, used, site, language, src_uri, found, here):
    name = match.group(1)
    used.append(name)
    where = content_model.shown(src_uri, language)
    if name not in _MARKERS:
        raise ContentError(where, None, f"'{match.group(0)}' is not a known marker",
                           "use one of: " + ", ".join(f"<!-- training: {m} -->" for m in _MARKERS))
    belongs = _MARKERS[name]
    if belongs == "landing":
        if src_uri != LANDING:
            raise ContentError(where, None, f"the marker <!-- training: {name} --> belongs on the training page",
                               f"move it to {content_model.shown(LANDING, language)}")
        return _block(render.modules(site.training[language].modules, here, language))
    module, part = found or (None, None)
    if part is None or part.kind != belongs:
        raise ContentError(where, None, f"the marker <!-- training: {name} --> belongs on a module's '{belongs}' page",
                           "remove it, or give the page that kind and a 'module:'")
    if name == "plan":
        return _block(render.plan(module))
    if name == "quiz":
        return _block(render.quiz(module))
    tree = site.tree(language)
    guidelines = [(tree.get(g).title, tree.get(g).url) for g in module.teaches]
    return _block(render.overview(module, guidelines, here))


# A plan or quiz page that forgot its marker would show nothing: stop instead.
def _check_required(kind, used, where):
    for name in _REQUIRED:
        if _MARKERS[name] == kind and name not in used:
            raise ContentError(where, None,
                               f"the {name} is not shown: the page has no <!-- training: {name} --> marker",
                               f"add a line '<!-- training: {name} -->' where the {name} belongs")


# Generated HTML as a Markdown block of its own.
def _block(html: str) -> str:
    return f"\n\n{html}\n\n"


# 'capacitacion/x/plan.es.md' -> 'capacitacion/x/plan.md'
def _neutral(file_src_uri: str) -> str:
    return re.sub(r"\.[a-z]{2}\.md$", ".md", file_src_uri)


# ---------------------------------------------------------------------------- data

_MARKER = re.compile(r"<!--\s*training:\s*([^\s>]*)\s*-->")

# Each marker, and the page it belongs on: the landing page or a module part's kind.
_MARKERS = {
    "modules": "landing",
    "overview": "module",
    "plan": "session-plan",
    "quiz": "quiz",
}

# Markers whose page is pointless without them.
_REQUIRED = ("plan", "quiz")
