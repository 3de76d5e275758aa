"""The paperwork of a trainer's pack: an attendance sheet, a record of participation and a tally
sheet for the quiz before and after the session.

Pure functions: a `Module` in, escaped HTML out, the same every time. Each sheet is filled in
by hand, on paper: the site collects no personal data, so there is no form to send, only lines
to write on. training.css gives each sheet one printed A4 page.
"""

from __future__ import annotations

from html import escape

from content_model import catalogue
from content_model.training import Module
from renderers.training import _duration as duration

# Each sheet's kind and the id of its heading in the pack.
PARTS = {"attendance": "asistencia", "participation": "constancia", "tally": "conteo"}

# The attendance sheet has a row for each participant of the module's largest group
# (`group_size`, "10-30": 30 rows). Up to this many fit one A4 sheet (training.css); a larger
# group's list runs over to the next sheet, its head repeated.
ATTENDANCE_ONE_SHEET = 30


def title(kind: str, language: str) -> str:
    """The sheet's title, as the pack's heading and contents list show it."""
    return catalogue.words(language, "training_paperwork")[f"title_{kind}"]


def render(kind: str, module: Module) -> str:
    """The HTML of one sheet: `attendance`, `participation` or `tally`."""
    return _RENDERERS[kind](module)


def attendance(module: Module) -> str:
    """A numbered table to sign, a row per participant of the largest group: name, organisation,
    signature; the session's details above it."""
    words = catalogue.words(module.language, "training_paperwork")
    heads = "".join(f'<th scope="col">{escape(words[key])}</th>' for key in ("number", "name", "organisation", "signature"))
    rows = "\n".join(f'<tr><th scope="row">{number}</th><td></td><td></td><td></td></tr>'
                     for number in range(1, module.group_max + 1))
    long = " training-paper__table--long" if module.group_max > ATTENDANCE_ONE_SHEET else ""
    return (_blanks(module, ("date", "place", "trainer")) +
            f'<table class="training-paper__table training-paper__table--attendance{long}">\n'
            f'<caption>{escape(words["attendance_caption"].format(module=module.title))}</caption>\n'
            f"<thead><tr>{heads}</tr></thead>\n<tbody>\n{rows}\n</tbody>\n</table>\n"
            f'<p class="training-paper__note">{escape(words["no_data"])}</p>')


def participation(module: Module) -> str:
    """A record of participation to fill in by hand, with the session's title and both lengths."""
    words = catalogue.words(module.language, "training_paperwork")
    text = words["record"].format(module=escape(module.title), full=escape(duration(module.duration)),
                                  short=escape(duration(module.short_duration)), line=_LINE)
    signatures = "".join(f'<p class="training-paper__signature"><span class="training-paper__line"></span>'
                         f"{escape(words[key])}</p>" for key in ("signature_trainer", "signature_host"))
    return (f'<div class="training-paper__record">\n<p class="training-paper__record-title">'
            f'{escape(words["record_title"])}</p>\n<p>{text}</p>\n'
            f'<div class="training-paper__signatures">{signatures}</div>\n</div>\n'
            f'<p class="training-paper__note">{escape(words["record_note"])}</p>')


def tally(module: Module) -> str:
    """For each quiz question, its right letter and room for the count of right answers, before and after."""
    words = catalogue.words(module.language, "training_paperwork")
    heads = "".join(f'<th scope="col">{escape(words[key])}</th>'
                    for key in ("question", "right_letter", "before", "after"))
    rows = "\n".join(f'<tr><th scope="row">{question.number}. {escape(question.question)}</th>'
                     f'<td class="training-paper__letter">{_LETTERS[question.answer]}</td><td></td><td></td></tr>'
                     for question in module.questions)
    total = (f'<tr><th scope="row">{escape(words["answered"])}</th><td>{escape(words["not_applicable"])}</td>'
             f"<td></td><td></td></tr>")
    return (f'<p>{escape(words["tally_lead"])}</p>\n' + _blanks(module, ("date", "place")) +
            f'<table class="training-paper__table training-paper__table--tally">\n'
            f'<caption>{escape(words["tally_caption"].format(module=module.title))}</caption>\n'
            f"<thead><tr>{heads}</tr></thead>\n<tbody>\n{rows}\n{total}\n</tbody>\n</table>\n"
            f'<p class="training-paper__note">{escape(words["tally_note"])}</p>')


# Labelled lines to write the session's details on.
def _blanks(module: Module, keys: tuple[str, ...]) -> str:
    words = catalogue.words(module.language, "training_paperwork")
    items = "".join(f'<p class="training-paper__blank">{escape(words[key])}: <span class="training-paper__line"></span></p>'
                    for key in keys)
    return f'<div class="training-paper__blanks">{items}</div>\n'


_LETTERS = "ABCDEFGHIJ"
_LINE = '<span class="training-paper__line"></span>'

_RENDERERS = {"attendance": attendance, "participation": participation, "tally": tally}
