"""The whole policy on one page: the poster's structure, every axis, component and guideline with
this site's summary of it. It is not the policy's text, and says so before the first entry (on
screen and on paper), and each entry shows the site's pinpoint ("LE 14", also its anchor: #le-14)
and the site's short label, marked as the site's.

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
    entries = "\n".join(_entry(node, page_url, words) for node in tree.walk())
    cite = (f'<aside class="whole-policy__cite">\n<p class="whole-policy__cite-heading"><strong>'
            f'{escape(words["cite_heading"])}</strong></p>\n{citation}\n</aside>')
    return (f'{cite}\n\n<div class="whole-policy" data-print-margin="{escape(margin)}" '
            f'data-print-address="{escape(address)}">\n{render_notice(tree)}\n{entries}\n</div>')


def render_notice(tree: PolicyTree) -> str:
    """What the document is and is not, before its first entry: the poster's structure and titles with
    this site's summaries, not the policy's text; the short labels and the pinpoints are the site's."""
    words = catalogue.words(tree.language, "whole_policy")
    first = {}
    for node in tree.walk():
        first.setdefault(node.kind, node)
    examples = ", ".join(node.pinpoint for node in first.values() if node.pinpoint)
    return (f'<div class="whole-policy__notice" role="note">\n<p><strong>{escape(words["notice"])}</strong></p>\n'
            f'<p>{escape(words["notice_labels"])} {escape(pinpoints_note(tree.language, examples))}</p>\n</div>')


def pinpoints_note(language: str, examples: str) -> str:
    """The one sentence that says the pinpoints are the site's, not the policy's numbering."""
    return catalogue.words(language, "whole_policy")["notice_pinpoints"].format(examples=examples)


def render_print_button(language: str) -> str:
    """The print button, the same as a trainer's pack's: quiz.js shows it and makes it print (without
    JavaScript it stays hidden, and the browser's own Print remains)."""
    return (f'<p class="whole-policy__print" data-print-box hidden><button type="button" '
            f'class="md-button md-button--primary" data-print>{escape(catalogue.words(language, "whole_policy")["print"])}</button></p>')


# ---------------------------------------------------------------------------- helpers


# One node: its kind and pinpoint, its linked title as a heading of its level, the site's short label
# (marked as the site's) and its summary. The pinpoint's anchor (#le-14) sits on the pinpoint itself.
def _entry(node: Node, page_url: str, words: dict) -> str:
    level = _LEVELS[node.kind]
    href = get_relative_url(node.url, page_url)
    kind = catalogue.words(node.language, "kinds")[node.kind][0].capitalize()
    pinpoint = (f'<span class="whole-policy__pinpoint pinpoint" id="{escape(node.anchor)}">{escape(node.pinpoint)}</span> · '
                if node.pinpoint else "")
    label = (f'\n<p class="whole-policy__label">{escape(words["label"])} «{escape(node.label)}»</p>'
             if node.label and node.label != node.title else "")
    summary = f'\n<p class="whole-policy__summary">{escape(node.summary)}</p>' if node.summary else ""
    return (f'<section class="whole-policy__entry whole-policy__entry--{node.kind}">\n'
            f'<h{level} id="{escape(node.id)}" class="whole-policy__title">'
            f'<span class="whole-policy__kind">{pinpoint}{escape(kind)}: </span>'
            f'<a href="{escape(href)}">{escape(node.title)}</a></h{level}>{label}{summary}\n</section>')


# ---------------------------------------------------------------------------- data

# The heading level of each kind of node.
_LEVELS = {
    "axis": 2,
    "transversal": 2,
    "component": 3,
    "general": 4,
    "specific": 5,
}
