"""The whole policy on one page: every axis, component and guideline with its summary.

A pure function: a `PolicyTree`, the URL of the page that shows it and the words of the
citation in, an HTML string out. Every text is escaped; the same input gives the same bytes.
Nodes come in the poster's order (`tree.walk()`); the heading level follows the node's level
(h2 axis and transversal axis, h3 component, h4 general, h5 specific guideline). Links are
relative to the page, because MkDocs does not rewrite links inside raw HTML.
"""

from __future__ import annotations

from html import escape

from mkdocs.utils import get_relative_url

from content_model.policy import KIND_NAMES, Node, PolicyTree


def render(tree: PolicyTree, page_url: str, site_name: str, edition: str | None = None) -> str:
    """How to cite the document, then every node of the policy as a heading and its summary."""
    entries = "\n".join(_entry(node, page_url, tree.language) for node in tree.walk())
    return f'{_citation(tree.language, site_name, edition)}\n\n<div class="whole-policy">\n{entries}\n</div>'


# ---------------------------------------------------------------------------- helpers


# One node: its kind, its linked title as a heading of its level, and its summary.
def _entry(node: Node, page_url: str, language: str) -> str:
    level = _LEVELS[node.kind]
    href = get_relative_url(node.url, page_url)
    kind = KIND_NAMES[language][node.kind][0].capitalize()
    summary = f'\n<p class="whole-policy__summary">{escape(node.summary)}</p>' if node.summary else ""
    return (f'<section class="whole-policy__entry whole-policy__entry--{node.kind}">\n'
            f'<h{level} id="{escape(node.id)}" class="whole-policy__title">'
            f'<span class="whole-policy__kind">{escape(kind)}: </span>'
            f'<a href="{escape(href)}">{escape(node.title)}</a></h{level}>{summary}\n</section>')


# The block that says how to cite the printed document.
def _citation(language: str, site_name: str, edition: str | None) -> str:
    words = _WORDS[language]
    edition_text = f" {words['edition']} {escape(edition)}." if edition else ""
    return (f'<aside class="whole-policy__cite">\n<p class="whole-policy__cite-heading"><strong>'
            f'{escape(words["cite_heading"])}</strong></p>\n'
            f'<p>{escape(words["policy"])}. {escape(words["whole"])}. {escape(words["in"])}: '
            f'<cite>{escape(site_name)}</cite>.{edition_text}</p>\n</aside>')


# ---------------------------------------------------------------------------- data

# The heading level of each kind of node.
_LEVELS = {
    "axis": 2,
    "transversal": 2,
    "component": 3,
    "general": 4,
    "specific": 5,
}

_WORDS = {
    "es": {
        "cite_heading": "Cómo citar este documento",
        "policy": ("Política Nacional frente a la Trata de Personas y sus Formas de Explotación, "
                   "aprobada por Decreto Supremo N° 001-2015-JUS"),
        "whole": "La política completa",
        "in": "En",
        "edition": "Edición del",
    },
    "en": {
        "cite_heading": "How to cite this document",
        "policy": ("Política Nacional frente a la Trata de Personas y sus Formas de Explotación "
                   "(National Policy against Trafficking in Persons and its Forms of Exploitation), "
                   "approved by Supreme Decree No. 001-2015-JUS"),
        "whole": "The whole policy",
        "in": "In",
        "edition": "Edition of",
    },
}
