"""The phone lines a page offers to call: `hooks/data/call-lines.yml`, with their words.

Each line is written once (its number, the option to press, whether it is free), and its words
once per language in the catalogue's `calls` part (`<line>_call`: the button's words, with
`{number}` and `{option}`; `<line>_what`: what the line is). `<!-- call: <line> -->` puts one
line's button on a page, `<!-- call: <group> -->` a block of several (hooks/calls.py). Checked
before anything is written: a line without words, a button that does not show its number or its
option, a free line whose button does not say so (or a line not known to be free whose words say
it is), a group naming an unknown line, or a line or group the marker table does not know.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from . import catalogue, markers
from .base import LANGUAGES, ContentError, parse_yaml, read_markdown

FILE = Path(__file__).resolve().parent.parent / "data" / "call-lines.yml"
SHOWN = "hooks/data/call-lines.yml"
PART = "calls"
_NUMBER = re.compile(r"^\d[\d-]*\d$")


@dataclasses.dataclass(frozen=True)
class Line:
    id: str
    number: str          # as shown: "0800-15170"
    option: str | None   # the option to press once connected, if any
    free: bool

    @property
    def tel(self) -> str:
        """The address a phone dials: digits only ("tel:080015170")."""
        return "tel:" + re.sub(r"\D", "", self.number)


@dataclasses.dataclass(frozen=True)
class Button:
    """One line's button in one language."""

    line: Line
    call: str   # "Llama gratis al 1818, opción 1"
    what: str   # "Para denunciar la trata. Confidencial, 24 horas."


@dataclasses.dataclass(frozen=True)
class CallLines:
    lines: dict[str, Line]
    groups: dict[str, tuple[str, ...]]
    buttons: dict[str, dict[str, Button]]   # language -> line id -> its button

    def for_marker(self, name: str, language: str) -> tuple[Button, ...]:
        """The buttons a `<!-- call: name -->` marker stands for, in order."""
        ids = self.groups.get(name, (name,))
        return tuple(self.buttons[language][line_id] for line_id in ids)

    def is_group(self, name: str) -> bool:
        return name in self.groups


def load(path: Path = FILE) -> CallLines:
    """The lines, their groups and their words in every language, checked. Raises ContentError."""
    data = parse_yaml(read_markdown(path, SHOWN), SHOWN)
    if not isinstance(data, dict) or not isinstance(data.get("lines"), dict) or not data["lines"]:
        raise ContentError(SHOWN, "lines", "there is no list of lines",
                           "write 'lines:' with one entry per line, e.g. 'report: {number: \"1818\", option: \"1\", free: true}'")
    lines = {line_id: _line(line_id, value) for line_id, value in data["lines"].items()}
    groups = {name: _group(name, ids, lines) for name, ids in (data.get("groups") or {}).items()}
    _match_markers(lines, groups)
    buttons = {language: {line_id: _button(line, language) for line_id, line in lines.items()}
               for language in LANGUAGES}
    return CallLines(lines=lines, groups=groups, buttons=buttons)


def _line(line_id, value) -> Line:
    field = f"lines.{line_id}"
    if not isinstance(value, dict):
        raise ContentError(SHOWN, field, "a line is not a set of fields", "give it 'number:' and 'free:' (and 'option:' if any)")
    number = value.get("number")
    if not isinstance(number, str) or not _NUMBER.match(number):
        raise ContentError(SHOWN, f"{field}.number", f"{number!r} is not a phone number",
                           "write the number as it is shown, in quotes, digits and hyphens only: \"0800-15170\"")
    option = value.get("option")
    if option is not None and not (isinstance(option, str) and option.isdigit()):
        raise ContentError(SHOWN, f"{field}.option", f"{option!r} is not an option to press", "write it in quotes: \"1\"")
    if not isinstance(value.get("free"), bool):
        raise ContentError(SHOWN, f"{field}.free", "it does not say whether the call is free",
                           "write 'free: true' only where the facts sheet says so, else 'free: false'")
    return Line(id=line_id, number=number, option=option, free=value["free"])


def _group(name, ids, lines) -> tuple[str, ...]:
    if not isinstance(ids, list) or not ids:
        raise ContentError(SHOWN, f"groups.{name}", "a group is not a list of lines", "write it as '[report, police]'")
    for line_id in ids:
        if line_id not in lines:
            raise ContentError(SHOWN, f"groups.{name}", f"'{line_id}' is not one of the lines",
                               f"use the lines' names: {', '.join(lines)}")
    if name in lines:
        raise ContentError(SHOWN, f"groups.{name}", "a group has the name of a line", "give it another name")
    return tuple(ids)


# The marker table (content_model.markers) lists the names a page may write: the same as here.
def _match_markers(lines, groups) -> None:
    known, here = set(markers.KNOWN["call"]), set(lines) | set(groups)
    for name in sorted(here - known):
        raise ContentError(SHOWN, name, "pages cannot call this line or group: the marker table does not list it",
                           f"add '\"{name}\": ANY_PAGE' under \"call\" in hooks/content_model/markers.py")
    for name in sorted(known - here):
        raise ContentError("hooks/content_model/markers.py", f"call.{name}", f"'{markers.written('call', name)}' "
                           f"names no line or group of {SHOWN}", f"add it to {SHOWN} or remove it from the table")


def _button(line: Line, language: str) -> Button:
    words = catalogue.words(language, PART)
    shown = catalogue.shown_name(language)
    call, what = (words.get(f"{line.id}_{key}") for key in ("call", "what"))
    for key, value in (("call", call), ("what", what)):
        if not isinstance(value, str) or not value.strip():
            raise ContentError(shown, f"{PART}.{line.id}_{key}", "the words of this line's button are missing",
                               f"add '{line.id}_{key}:' under '{PART}:'")
    for placeholder, needed in (("{number}", True), ("{option}", line.option is not None)):
        if needed and placeholder not in call:
            raise ContentError(shown, f"{PART}.{line.id}_call", f"the button does not show {placeholder}",
                               f"write {placeholder} where the button says it: the reader dials what she reads")
    free_word = words.get("free_word", "")
    says_free = free_word.lower() in f"{call} {what}".lower()
    if line.free and free_word.lower() not in call.lower():
        raise ContentError(shown, f"{PART}.{line.id}_call", f"the line is free and the button does not say '{free_word}'",
                           f"say it on the button: '{free_word}' (free calls are why she can call)")
    if not line.free and says_free:
        raise ContentError(shown, f"{PART}.{line.id}_call", f"the words say '{free_word}', and {SHOWN} does not say "
                           "this line is free", "take the word out: never promise what the facts sheet does not say")
    filled = lambda text: text.replace("{number}", line.number).replace("{option}", line.option or "")
    return Button(line=line, call=filled(call), what=filled(what))
