"""Call buttons: a phone line's `tel:` link as a button of 44 x 44 px or more that says what it calls.

One line's button is inline HTML (a link), so that a marker can stand at the start of a
paragraph whose next line describes the line, or in a definition list's term; several lines are
a block, one button under the other. Everything from the catalogue is escaped.
"""

from __future__ import annotations

from html import escape

from content_model.calls import Button


def button(call: Button) -> str:
    """<a class="call-button call-button--line" href="tel:1818">words, then what the line is</a>"""
    return (f'<a class="call-button call-button--line" href="{escape(call.line.tel)}" data-call-line="{escape(call.line.id)}">'
            f'<span class="call-button__call">{escape(call.call)}</span> '
            f'<span class="call-button__what">{escape(call.what)}</span></a>')


def block(calls: tuple[Button, ...]) -> str:
    """Several buttons, one under the other, as a block of their own."""
    inner = "\n".join(button(call) for call in calls)
    return f'<div class="call-lines">\n{inner}\n</div>'
