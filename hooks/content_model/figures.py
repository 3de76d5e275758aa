"""The site's statistics, each typed once: `hooks/data/figures.yml`.

A figure is a value with its unit (a count or a percentage), what it counts (complaints,
victims, cases...: a key of the file's `counts:` vocabulary), the period it covers, the source's
address and publisher, and the source's own words. Pages never type a statistic: they print it
with an inline marker, `<!-- figure: id -->` (the exact value, "53 % de las denuncias") or
`<!-- figure-plain: id -->` (in words a teenager reads, "más de 5 de cada 10 denuncias"), so that
a page cannot turn "complaints" into "victims", and a corrected figure changes every page.

The prosecutors' complaints by district and their sums by department are already data
(`hooks/data/prosecution-districts.yml`, summed by `regions.py`): a figure can take its value from
there (`value: {district: Lima}`, `{department: "15"}`, `{total: 2007-2014}`) instead of typing it again.

The build checks, before anything is written: every field is there and well formed; a typed value
appears in the source's words as the source writes it ("79.6", "1,976"), so that a slip in one of
the two is caught; every marker names a figure the file knows (`markers.py`, which names the
nearest id).
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

from .base import LANGUAGES, ContentError, parse_yaml, read_markdown

FILE = Path(__file__).resolve().parent.parent / "data" / "figures.yml"
SHOWN = "hooks/data/figures.yml"

UNITS = ("count", "percent")
# A value the source gives as a floor: "más de 2500 casos".
QUALIFIERS = ("more-than",)
# Where a value may come from instead of being typed: the prosecutors' district data.
REFERENCES = ("district", "department", "total")

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_PERIOD = re.compile(r"^(\d{4})(?:-(0[1-9]|1[0-2]))?$")
_URL = re.compile(r"^https?://\S+$")
_FIELDS = ("value", "unit", "counts", "period", "source", "publisher", "words")
_COUNT_FORMS = ("many", "of", "plain")


@dataclasses.dataclass(frozen=True)
class Counted:
    """What a figure counts, in one language: 'denuncias' (a count), 'de las denuncias' (a share),
    'posibles víctimas' (the plain words, for a share said as 'N de cada 10 ...')."""

    many: str
    of: str
    plain: str


@dataclasses.dataclass(frozen=True)
class Figure:
    id: str
    value: float | int          # resolved: a reference is replaced by the district data's value
    digits: int                 # decimals as the value is written (79.6 -> 1)
    unit: str                   # count | percent
    counts: str                 # a key of the file's `counts:`
    period: tuple[str, str]     # ("2007-01", "2014-04"), or one year twice
    source: str
    publisher: dict[str, str]   # language -> the publisher as a reader sees it
    words: str                  # the source's own words, as it writes them
    words_language: str         # the language the source is written in
    breakdown: str | None       # shares of one breakdown (sex, age...) of one dataset
    qualifier: str | None       # "more-than": the source gives a floor
    derived: str | None         # "district: Lima" when the value comes from the district data


@dataclasses.dataclass(frozen=True)
class FigureSet:
    figures: dict[str, Figure]
    counts: dict[str, dict[str, Counted]]   # key -> language -> words

    def get(self, figure_id: str) -> Figure:
        return self.figures[figure_id]

    def counted(self, figure: Figure, language: str) -> Counted:
        return self.counts[figure.counts][language]


def ids() -> tuple[str, ...]:
    """The figure ids the data file declares (checked only as far as naming goes): the names of the
    `figure` markers (`markers.KNOWN`)."""
    return tuple(_raw()["figures"])


def build(region_sets: dict[str, Any]) -> FigureSet:
    """Every figure, validated, with the values that come from the district data filled in."""
    data = _raw()
    counts = _counts(data.get("counts"))
    regions = next(iter(region_sets.values()))
    figures = {figure_id: _figure(figure_id, fields, counts, regions)
               for figure_id, fields in data["figures"].items()}
    return FigureSet(figures=figures, counts=counts)


# ---------------------------------------------------------------------------- helpers


# The file as last read, with its size and time: every marker of every page asks for the ids, and
# `mkdocs serve` must see an edit at once (as the words' catalogue does).
_read: list = []


def _raw() -> dict[str, Any]:
    """The file as YAML, its top level checked."""
    if not FILE.is_file():
        raise ContentError(SHOWN, None, "the figures file is missing",
                           "create it with 'counts:' and 'figures:' (see README, 'A figure')")
    stamp = (FILE.stat().st_mtime_ns, FILE.stat().st_size)
    if _read and _read[0] == stamp:
        return _read[1]
    data = _checked(parse_yaml(read_markdown(FILE, SHOWN), SHOWN))
    _read[:] = [stamp, data]
    return data


def _checked(data: Any) -> dict[str, Any]:
    if not isinstance(data, dict) or not isinstance(data.get("figures"), dict) or not data["figures"]:
        raise ContentError(SHOWN, "figures", "the list of figures is missing",
                           "write 'figures:' with one 'id:' entry per figure under it")
    for figure_id in data["figures"]:
        if not isinstance(figure_id, str) or not _ID.match(figure_id):
            raise ContentError(SHOWN, f"figures.{figure_id}", f"'{figure_id}' is not a valid figure id",
                               "use lowercase letters, digits and hyphens, e.g. 'complaints-13-17'")
    return data


def _counts(raw: Any) -> dict[str, dict[str, Counted]]:
    if not isinstance(raw, dict) or not raw:
        raise ContentError(SHOWN, "counts", "the vocabulary of what figures count is missing",
                           "write 'counts:' with entries such as 'complaints: {es: {many: denuncias, of: de las "
                           "denuncias, plain: denuncias}, en: {...}}'")
    counts = {}
    for key, by_language in raw.items():
        counts[key] = {}
        for language in LANGUAGES:
            forms = (by_language or {}).get(language) if isinstance(by_language, dict) else None
            if not isinstance(forms, dict) or any(not isinstance(forms.get(f), str) or not forms[f].strip()
                                                  for f in _COUNT_FORMS):
                raise ContentError(SHOWN, f"counts.{key}.{language}", "the words for what this counts are missing",
                                   f"give '{language}:' its three forms: {', '.join(_COUNT_FORMS)}")
            counts[key][language] = Counted(**{f: forms[f].strip() for f in _COUNT_FORMS})
    return counts


def _figure(figure_id: str, fields: Any, counts: dict, regions: Any) -> Figure:
    where = f"figures.{figure_id}"
    if not isinstance(fields, dict):
        raise ContentError(SHOWN, where, "a figure is a set of fields",
                           f"give it {', '.join(_FIELDS)}")
    for field in _FIELDS:
        if fields.get(field) in (None, ""):
            raise ContentError(SHOWN, f"{where}.{field}", "this required field is missing",
                               f"add '{field}:' ({_HELP[field]})")
    unknown = set(fields) - set(_FIELDS) - {"breakdown", "words_language", "qualifier"}
    if unknown:
        raise ContentError(SHOWN, f"{where}.{sorted(unknown)[0]}", "this field is not known",
                           f"use only {', '.join(_FIELDS)}, breakdown, qualifier and words_language")
    if fields.get("qualifier") not in (None, *QUALIFIERS):
        raise ContentError(SHOWN, f"{where}.qualifier", f"'{fields['qualifier']}' is not a known qualifier",
                           f"use one of: {', '.join(QUALIFIERS)}, or leave it out")
    unit = fields["unit"]
    if unit not in UNITS:
        raise ContentError(SHOWN, f"{where}.unit", f"'{unit}' is not a known unit", f"use one of: {', '.join(UNITS)}")
    if fields["counts"] not in counts:
        raise ContentError(SHOWN, f"{where}.counts", f"'{fields['counts']}' is not in the file's 'counts:'",
                           f"use one of: {', '.join(counts)}, or add it under 'counts:'")
    value, digits, derived = _value(where, fields["value"], unit, regions)
    words = str(fields["words"]).strip()
    if derived is None and not _written_in(value, digits, unit, words):
        raise ContentError(SHOWN, f"{where}.value", f"{value} is not in the source's words ('{words[:60]}...')",
                           "copy the value as the source writes it, or the source's sentence that gives it")
    source = fields["source"]
    if not isinstance(source, str) or not _URL.match(source):
        raise ContentError(SHOWN, f"{where}.source", f"'{source}' is not a web address",
                           "give the address (http:// or https://) of the page that states the figure")
    publisher = fields["publisher"]
    if not isinstance(publisher, dict) or any(not isinstance(publisher.get(l), str) or not publisher[l].strip()
                                              for l in LANGUAGES):
        raise ContentError(SHOWN, f"{where}.publisher", "the publisher is not named in every language",
                           "write it as '{es: ..., en: ...}'")
    language = fields.get("words_language", "es")
    if language not in LANGUAGES:
        raise ContentError(SHOWN, f"{where}.words_language", f"'{language}' is not a language of the site",
                           f"use one of: {', '.join(LANGUAGES)}")
    return Figure(id=figure_id, value=value, digits=digits, unit=unit, counts=fields["counts"],
                  period=_period(where, fields["period"]), source=source,
                  publisher={l: publisher[l].strip() for l in LANGUAGES}, words=words, words_language=language,
                  breakdown=fields.get("breakdown"), qualifier=fields.get("qualifier"), derived=derived)


def _value(where: str, raw: Any, unit: str, regions: Any) -> tuple[float | int, int, str | None]:
    """(value, decimals as written, the reference it came from or None)."""
    if not isinstance(raw, dict):
        return _literal_value(where, raw, unit)
    if len(raw) != 1 or next(iter(raw)) not in REFERENCES or unit != "count":
        raise ContentError(SHOWN, f"{where}.value", "a value taken from the district data names one of "
                           f"{', '.join(REFERENCES)}, and is a count",
                           "write 'value: {district: Lima}', 'value: {department: \"15\"}' or "
                           "'value: {total: 2007-2014}'")
    kind, name = next(iter(raw.items()))
    if kind == "total":
        return regions.total_2007_2014, 0, "total"
    if kind == "district":
        found = next((d for d in regions.districts if d.name == name), None)
        if found is None:
            raise ContentError(SHOWN, f"{where}.value", f"'{name}' is not a prosecution district",
                               "use a name of hooks/data/prosecution-districts.yml: "
                               + ", ".join(d.name for d in regions.districts))
        return found.complaints_2007_2014, 0, f"district: {name}"
    if not any(d.code == name for d in regions.departments):
        raise ContentError(SHOWN, f"{where}.value", f"'{name}' is not the quoted INEI code of a department",
                           "use a code of hooks/data/peru-regions.yml, quoted: \"15\"")
    return regions.figure(name), 0, f"department: {name}"


def _literal_value(where: str, raw: Any, unit: str) -> tuple[float | int, int, None]:
    """A number written in the file: 0 or more, a percent at most 100, a count whole."""
    if isinstance(raw, bool) or not isinstance(raw, (int, float)) or raw < 0 or (unit == "percent" and raw > 100):
        raise ContentError(SHOWN, f"{where}.value", f"'{raw}' is not a number of 0 or more"
                           + (" and at most 100" if unit == "percent" else ""),
                           "write the number as digits, with a decimal point: 79.6")
    if unit == "count" and isinstance(raw, float):
        raise ContentError(SHOWN, f"{where}.value", f"'{raw}' is not a whole number", "a count is a whole number")
    text = repr(raw)
    return raw, len(text.split(".")[1]) if isinstance(raw, float) and "." in text else 0, None


# The ways a source may write the value: 79.6 as "79.6" or "79,6"; 1976 as "1976", "1,976", "1.976",
# "1 976"; a small whole number also in Spanish words ("doce", "sesenta"), as news reports write them.
def _written_in(value: float | int, digits: int, unit: str, words: str) -> bool:
    text = f"{value:.{digits}f}"
    forms = {text, text.replace(".", ",")}
    if digits == 0 and value in _SPANISH_WORDS and re.search(rf"\b{_SPANISH_WORDS[value]}\b", words, re.IGNORECASE):
        return True
    if unit == "count" and value >= 1000:
        forms |= {f"{value:,}", f"{value:,}".replace(",", "."), f"{value:,}".replace(",", " "),
                  f"{value:,}".replace(",", "\u00a0")}
    return any(re.search(rf"(?<![\d.,]){re.escape(form)}(?![\d]|[.,]\d)", words) for form in forms)


def _period(where: str, raw: Any) -> tuple[str, str]:
    parts = [str(p) for p in raw] if isinstance(raw, list) else [str(raw)]
    if len(parts) == 1:
        parts *= 2
    if len(parts) != 2 or not all(_PERIOD.match(p) for p in parts) or parts[0] > parts[1]:
        raise ContentError(SHOWN, f"{where}.period", f"'{raw}' is not a period",
                           "write a year, or '[2007-01, 2014-04]' (from, to; a year or year-month each)")
    return parts[0], parts[1]


_SPANISH_WORDS = dict(enumerate(
    "cero uno dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce quince dieciséis "
    "diecisiete dieciocho diecinueve veinte".split())) | {30: "treinta", 40: "cuarenta", 50: "cincuenta",
                                                         60: "sesenta", 70: "setenta", 80: "ochenta",
                                                         90: "noventa", 100: "cien"}

_HELP = {
    "value": "the number as the source gives it, or {district: Lima} for the prosecutors' district data",
    "unit": "count or percent",
    "counts": "what it counts: a key of 'counts:'",
    "period": "the years (or months) it covers: 2022, or [2007-01, 2014-04]",
    "source": "the address of the page that states it",
    "publisher": "who publishes that page, in each language: {es: ..., en: ...}",
    "words": "the source's own sentence that gives the figure",
}
