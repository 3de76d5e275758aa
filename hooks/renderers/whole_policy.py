"""The whole policy on one page: every axis, component and guideline with its summary.

A pure function: a `PolicyTree`, the URL of the page that shows it, its citation block
(`renderers/citation.py`, the same as every policy page's) and the line every printed sheet
carries in its margin in, an HTML string out. Every text is escaped; the same input gives the same bytes.
Nodes come in the poster's order (`tree.walk()`); the heading level follows the node's level
(h2 axis and transversal axis, h3 component, h4 general, h5 specific guideline). Links are
relative to the page, because MkDocs does not rewrite links inside raw HTML.
"""

from __future__ import annotations

from html import escape

from mkdocs.utils import get_relative_url

from content_model import catalogue
from content_model.policy import Node, PolicyTree


def render(tree: PolicyTree, page_url: str, citation: str, margin: str = "", address: str = "") -> str:
    """How to cite the document, then every node of the policy as a heading and its summary.

    `margin` (the edition) and `address` (absolute, or empty when the build does not know it) are
    what whole-policy.js writes at the foot of every printed sheet, beside the page number.
    """
    words = catalogue.words(tree.language, "whole_policy")
    entries = "\n".join(_entry(node, page_url, tree.language) for node in tree.walk())
    cite = (f'<aside class="whole-policy__cite">\n<p class="whole-policy__cite-heading"><strong>'
            f'{escape(words["cite_heading"])}</strong></p>\n{citation}\n</aside>')
    return (f'{cite}\n\n<div class="whole-policy" data-print-margin="{escape(margin)}" '
            f'data-print-address="{escape(address)}">\n{entries}\n</div>')


def render_print_button(language: str) -> str:
    """The print button, the same as a trainer's pack's: quiz.js shows it and makes it print (without
    JavaScript it stays hidden, and the browser's own Print remains)."""
    return (f'<p class="whole-policy__print" data-print-box hidden><button type="button" '
            f'class="md-button md-button--primary" data-print>{escape(catalogue.words(language, "whole_policy")["print"])}</button></p>')


# ---------------------------------------------------------------------------- helpers


# One node: its kind, its linked title as a heading of its level, and its summary.
def _entry(node: Node, page_url: str, language: str) -> str:
    level = _LEVELS[node.kind]
    href = get_relative_url(node.url, page_url)
    kind = catalogue.words(language, "kinds")[node.kind][0].capitalize()
    summary = f'\n<p class="whole-policy__summary">{escape(node.summary)}</p>' if node.summary else ""
    return (f'<section class="whole-policy__entry whole-policy__entry--{node.kind}">\n'
            f'<h{level} id="{escape(node.id)}" class="whole-policy__title">'
            f'<span class="whole-policy__kind">{escape(kind)}: </span>'
            f'<a href="{escape(href)}">{escape(node.title)}</a></h{level}>{summary}\n</section>')


# ---------------------------------------------------------------------------- data

# The heading level of each kind of node.
_LEVELS = {
    "axis": 2,
    "transversal": 2,
    "component": 3,
    "general": 4,
    "specific": 5,
}
