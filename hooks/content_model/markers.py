"""The one grammar of the markers a page's Markdown carries, such as `<!-- diagram: full -->`.

A marker is an HTML comment `<!-- family: name -->` on a line of its own; a hook replaces it
with generated HTML. KNOWN lists every marker and the page kinds it may appear on: to add a
marker, add a row here and handle it in its family's hook. Anything that looks like a marker
(`<!-- word: word -->`, in any case) but is not in the table stops the build naming the file
and the known markers, so that a typo (`<!-- Diagram: full -->`, `<!-- diagrama: full -->`,
`<!-- region: figures -->`) is never a block silently missing from the page.
"""

from __future__ import annotations

import dataclasses
import difflib
import re

from .base import ContentError

ANY_PAGE = None

# family -> marker name -> the page kinds it may appear on (ANY_PAGE: any page). Besides the
# `kind:` of the content model, "region-index" is the region index page, "training-landing"
# the training page and "edition" the pages that offer the offline edition (training, about).
KNOWN: dict[str, dict[str, tuple[str, ...] | None]] = {
    "corrections": {
        "address": ANY_PAGE,
    },
    "diagram": {
        "full": ANY_PAGE,
        "axis": ("axis", "transversal"),
        "branch": ("component", "general", "specific"),
    },
    "policy": {
        "whole": ANY_PAGE,
        "print": ANY_PAGE,
    },
    "regions": {
        "index": ("region-index",),
        "figures": ("region",),
        "caveat": ANY_PAGE,
    },
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
    """'<!-- diagram: full -->, <!-- diagram: axis -->, ...': how a message lists a family's markers."""
    return ", ".join(written(family, name) for name in KNOWN[family])


def pattern(family: str) -> re.Pattern:
    """A regex matching this family's (checked) markers, whole lines, with the name as group 'name'."""
    return re.compile(rf"^[ \t]*<!--[ \t]*{family}[ \t]*:[ \t]*(?P<name>[\w-]*)[ \t]*-->[ \t]*$", re.MULTILINE)


def parse(markdown: str, shown: str) -> tuple[Marker, ...]:
    """Every marker of a page, checked: known, written in lowercase, on a line of its own."""
    found = []
    for match in _LOOKS_LIKE.finditer(markdown):
        family, name = match.group("family"), match.group("name")
        line_number = markdown.count("\n", 0, match.start()) + 1
        _check_known(family, name, match.group(0), shown)
        start = markdown.rfind("\n", 0, match.start()) + 1
        end = markdown.find("\n", match.end())
        line = markdown[start: end if end != -1 else len(markdown)]
        if line.strip() != match.group(0):
            raise ContentError(shown, None, f"a '<!-- {family}: ... -->' marker shares its line with other text "
                               f"(line {line_number})",
                               f"put each {family} marker on a line of its own, with a blank line before and after")
        found.append(Marker(family, name, line_number))
    return tuple(found)


def _check_known(family, name, text, shown):
    if family in KNOWN and name in KNOWN[family]:
        return
    if family.lower() in KNOWN and name.lower() in KNOWN[family.lower()]:
        raise ContentError(shown, None, f"'{text}' is not a known marker (markers are written in lowercase)",
                           f"write '{written(family.lower(), name.lower())}'")
    if family in KNOWN:
        raise ContentError(shown, None, f"'{text}' is not a known marker", f"use one of: {known_in(family)}")
    close = difflib.get_close_matches(family.lower(), KNOWN, n=1, cutoff=0.6)
    hint = f" (did you mean '{written(close[0], name.lower())}'?)" if close and name.lower() in KNOWN[close[0]] else ""
    raise ContentError(shown, None, f"'{text}' is not a known marker{hint}",
                       "use one of: " + ", ".join(known_in(f) for f in KNOWN))


def belongs(family: str, name: str, page_kind: str | None) -> bool:
    """Whether this marker may appear on a page of this kind (None: an ordinary page)."""
    kinds = KNOWN[family][name]
    return kinds is ANY_PAGE or page_kind in kinds
