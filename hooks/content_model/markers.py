"""The one grammar of the markers a page's Markdown carries, such as `<!-- diagram: full -->`.

A marker is an HTML comment `<!-- family: name -->` on a line of its own; a hook replaces it
with generated HTML. KNOWN lists every marker and the page kinds it may appear on: to add a
marker, add a row here and handle it in its family's hook. Anything that looks like a marker
(`<!-- word: word -->`, in any case) but is not in the table stops the build naming the file
and the known markers, so that a typo (`<!-- Diagram: full -->`, `<!-- diagrama: full -->`,
`<!-- region: figures -->`) is never a block silently missing from the page.

Most markers stand for a block and sit on a line of their own. A family whose row is a `Family`
with `inline=True` is written inside a sentence instead (`<!-- figure: complaints-13-17 -->`, a
statistic printed with its unit); a family with `names_from` takes its names from a data file
(the figures' ids, `hooks/data/figures.yml`), read when the page is checked, and an unknown name
stops the build naming the page, the line and the nearest known name.
"""

from __future__ import annotations

import dataclasses
import difflib
import re

from .base import ContentError

ANY_PAGE = None


class Family(dict):
    """A family's row in KNOWN: its names and the page kinds each may appear on (a dict, as a plain
    row is), and how its markers are written: `inline` ones stand inside a sentence; `names_from`
    gives the names of a family whose names are data (a function returning them, and the file it
    reads, for messages), each allowed on `kinds`; `once`, the fix a message gives when one of the
    family's markers appears twice on a page (None: a marker may repeat)."""

    def __init__(self, names=(), *, inline=False, names_from=None, data_file=None, kinds=ANY_PAGE, once=None):
        super().__init__(names)
        self.inline, self.names_from, self.data_file, self.kinds = inline, names_from, data_file, kinds
        self.once = once

    def known(self) -> dict:
        """name -> page kinds, the data's names included."""
        if self.names_from is None:
            return dict(self)
        return {**self, **{name: self.kinds for name in self.names_from()}}


def _figure_ids():
    from . import figures  # the figures' ids are read from their data file when a page is checked
    return figures.ids()


# family -> marker name -> the page kinds it may appear on (ANY_PAGE: any page). Besides the
# `kind:` of the content model, "region-index" is the region index page, "training-landing"
# the training page and "edition" the pages that offer the offline edition (training, about).
KNOWN: dict[str, dict[str, tuple[str, ...] | None]] = {
    # A phone line's call button, or a block of several (hooks/data/call-lines.yml names them).
    "call": {
        "report": ANY_PAGE,
        "police": ANY_PAGE,
        "women": ANY_PAGE,
        "ombudsman": ANY_PAGE,
        "lines": ANY_PAGE,
        "urgent": ANY_PAGE,
    },
    "corrections": {
        "address": ANY_PAGE,
    },
    "diagram": Family({
        "full": ANY_PAGE,
        "axis": ("axis", "transversal"),
        "branch": ("component", "general", "specific"),
    }, once="keep one diagram of each kind on a page"),
    # The "¿Qué harías?" exercise of a page whose front matter declares one (hooks/exercise.py).
    "exercise": {
        "situations": ANY_PAGE,
    },
    "policy": Family({
        "whole": ANY_PAGE,
        "print": ANY_PAGE,
    }, once="keep one on the page"),
    "publisher": {
        "about": ANY_PAGE,
    },
    "regions": {
        "index": ("region-index",),
        "figures": ("region",),
        "caveat": ANY_PAGE,
    },
    # A statistic, printed with its unit and what it counts (hooks/figures.py); "figure-plain" says
    # a share in plain words ("casi 8 de cada 10"). Their names are the ids of hooks/data/figures.yml.
    "figure": Family(inline=True, names_from=_figure_ids, data_file="hooks/data/figures.yml"),
    "figure-plain": Family(inline=True, names_from=_figure_ids, data_file="hooks/data/figures.yml"),
    "training": {
        "modules": ("training-landing",),
        "overview": ("module",),
        "plan": ("session-plan",),
        "short-plan": ("session-plan",),
        "disclosure": ("session-plan",),
        "quiz": ("quiz",),
        "pack": ("pack",),
        "short-pack": ("short-pack",),
        "slides": ("slides",),
        "short-slides": ("short-slides",),
        "offline": ("edition",),
    },
}

# Anything shaped like a marker: a comment holding one word, a colon and one word.
_LOOKS_LIKE = re.compile(r"<!--[ \t]*(?P<family>[^\W\d][\w-]*)[ \t]*:[ \t]*(?P<name>[\w-]*)[ \t]*-->")


@dataclasses.dataclass(frozen=True)
class Marker:
    family: str
    name: str
    line: int   # 1-based, in the file as read (front matter included)

    @property
    def text(self) -> str:
        return written(self.family, self.name)


def written(family: str, name: str) -> str:
    return f"<!-- {family}: {name} -->"


def known_in(family: str) -> str:
    """'<!-- diagram: full -->, <!-- diagram: axis -->, ...': how a message lists a family's markers
    ('<!-- figure: <an id of hooks/data/figures.yml> -->' for a family whose names are data)."""
    row = KNOWN[family]
    if getattr(row, "names_from", None) is not None:
        return written(family, f"<an id of {row.data_file}>")
    return ", ".join(written(family, name) for name in row)


def names(family: str) -> dict:
    """A family's names -> the page kinds each may appear on (a data family's names read now)."""
    row = KNOWN[family]
    return row.known() if isinstance(row, Family) else row


def inline(family: str) -> bool:
    """Whether this family's markers stand inside a sentence rather than on a line of their own."""
    return bool(getattr(KNOWN[family], "inline", False))


def pattern(family: str) -> re.Pattern:
    """A regex matching this family's (checked) markers, whole lines, with the name as group 'name'."""
    return re.compile(rf"^[ \t]*<!--[ \t]*{family}[ \t]*:[ \t]*(?P<name>[\w-]*)[ \t]*-->[ \t]*$", re.MULTILINE)


def parse(markdown: str, shown: str) -> tuple[Marker, ...]:
    """Every marker of a page, checked: known, written in lowercase, on a line of its own (an
    inline family's inside its sentence)."""
    found = []
    for match in _LOOKS_LIKE.finditer(markdown):
        family, name = match.group("family"), match.group("name")
        line_number = markdown.count("\n", 0, match.start()) + 1
        _check_known(family, name, match.group(0), shown, line_number)
        if inline(family):
            found.append(Marker(family, name, line_number))
            continue
        start = markdown.rfind("\n", 0, match.start()) + 1
        end = markdown.find("\n", match.end())
        line = markdown[start: end if end != -1 else len(markdown)]
        if line.strip() != match.group(0):
            raise ContentError(shown, None, f"a '<!-- {family}: ... -->' marker shares its line with other text "
                               f"(line {line_number})",
                               f"put each {family} marker on a line of its own, with a blank line before and after")
        found.append(Marker(family, name, line_number))
    _check_once(found, shown)
    return tuple(found)


def _check_once(found, shown):
    seen = set()
    for marker in found:
        fix = getattr(KNOWN[marker.family], "once", None)
        if fix and (marker.family, marker.name) in seen:
            raise ContentError(shown, None, f"the marker '{marker.text}' appears twice", fix)
        seen.add((marker.family, marker.name))


def _check_known(family, name, text, shown, line_number):
    if family in KNOWN and name in names(family):
        return
    if family.lower() in KNOWN and name.lower() in names(family.lower()):
        raise ContentError(shown, None, f"'{text}' is not a known marker (markers are written in lowercase)",
                           f"write '{written(family.lower(), name.lower())}'")
    if family in KNOWN and getattr(KNOWN[family], "names_from", None) is not None:
        data_file = KNOWN[family].data_file
        nearest = difflib.get_close_matches(name, list(names(family)), n=1, cutoff=0)
        hint = f"; the nearest is '{nearest[0]}'" if nearest else ""
        raise ContentError(shown, None, f"'{text}' (line {line_number}) names no id of {data_file}{hint}",
                           f"use an id of {data_file}, or add the figure there (README, 'A figure')")
    if family in KNOWN:
        raise ContentError(shown, None, f"'{text}' is not a known marker", f"use one of: {known_in(family)}")
    close = difflib.get_close_matches(family.lower(), KNOWN, n=1, cutoff=0.6)
    hint = f" (did you mean '{written(close[0], name.lower())}'?)" if close and name.lower() in names(close[0]) else ""
    raise ContentError(shown, None, f"'{text}' is not a known marker{hint}",
                       "use one of: " + ", ".join(known_in(f) for f in KNOWN))


def belongs(family: str, name: str, page_kind: str | None) -> bool:
    """Whether this marker may appear on a page of this kind (None: an ordinary page)."""
    kinds = names(family)[name]
    return kinds is ANY_PAGE or page_kind in kinds
