"""The ten focus regions: region pages' front matter, the prosecution districts and the national total.

The list of regions is data, not a list printed in the policy: the complaints for trafficking
registered by the Public Prosecutor's office (Observatorio de Criminalidad del Ministerio
Público), January 2007 to April 2014. The source counts them by prosecution district (distrito
fiscal), not by department: the 32 districts live in one data file (`hooks/data/
prosecution-districts.yml`), and a department's figure is this site's sum of its districts.
Each region page declares its department's figure in its Spanish file, the region index page
(`regiones/index.es.md`) the national total; the build checks that the districts of each
department add up to its page's figure and that all of them add up to the national total.
The 2009-2014 figures stay per district: their source gives the ten leading districts only.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from pathlib import Path
from typing import Any

from .base import (AtAddress, DEFAULT_LANGUAGE, check_translation, LANGUAGES, ContentError, Pages, localised, page_url, read_yaml,
                   require_fields, require_id, shown, unknown_key)

KINDS = ("region",)

# The page that shows the map and the table, and declares the national total.
INDEX = "regiones/index.md"

# The periods of the two complaint counts, in the order of `Region.sources`.
PERIODS = ("2007-2014", "2009-2014")

# Peru's 25 regional governments, their INEI codes and their places on the tile grid.
DEPARTMENTS_FILE = Path(__file__).resolve().parent.parent / "data" / "peru-regions.yml"

# The 2007-2014 complaints by prosecution district, as the source lists them.
DISTRICTS_FILE = Path(__file__).resolve().parent.parent / "data" / "prosecution-districts.yml"

_REQUIRED = ("id", "kind", "ubigeo", "rank", "complaints_2007_2014", "complaints_2009_2014",
             "title", "label", "source_2007_2014", "source_2009_2014")
_COUNTS = ("complaints_2007_2014", "complaints_2009_2014")
_SOURCES = ("source_2007_2014", "source_2009_2014")
_WORDS = ("title", "label", "summary")
_STRUCTURAL_FIELDS = ("kind", "ubigeo", "rank", *_COUNTS, *_SOURCES)
_INDEX_FIELDS = ("total_2007_2014",)

# The front-matter fields a region page may carry (the English file only title, label, summary),
# and what the region index page carries besides an ordinary page's (content_model.check_keys).
KEYS = {"region": (*_REQUIRED, "summary")}
PAGE_KEYS = {INDEX: _INDEX_FIELDS}

_URL = re.compile(r"^https?://\S+$")


@dataclasses.dataclass(frozen=True)
class Department:
    """One of the 25 regional governments, as the tile map places it."""

    code: str  # INEI ubigeo, two digits
    name: str
    abbr: str  # ISO 3166-2:PE, written on the tile
    col: int
    row: int


@dataclasses.dataclass(frozen=True)
class District:
    """One prosecution district (distrito fiscal) and its complaints of January 2007 to April 2014."""

    name: str
    department: str  # INEI code of the department it belongs to
    complaints_2007_2014: int


@dataclasses.dataclass(frozen=True)
class Region(AtAddress):
    """One focus region in one language: its page and its figures."""

    id: str
    ubigeo: str
    rank: int
    complaints_2007_2014: int
    complaints_2009_2014: int
    title: str
    label: str
    summary: str
    sources: tuple[str, str]  # URLs of the figures of each of PERIODS
    src_uri: str
    language: str
    districts: tuple[District, ...] = ()  # the department's prosecution districts, most complaints first

    @property
    def split(self) -> bool:
        """True when the source counts the department in more than one prosecution district."""
        return len(self.districts) > 1



@dataclasses.dataclass(frozen=True)
class RegionSet:
    """The focus regions of one language in rank order, with the national total they share."""

    language: str
    regions: tuple[Region, ...]
    total_2007_2014: int
    departments: tuple[Department, ...]
    districts: tuple[District, ...] = ()  # as the source lists them, most complaints first
    districts_source: str = ""
    index_src_uri: str = INDEX
    directory_urls: bool = True   # the build's URL layout (see AtAddress)

    @property
    def index_url(self) -> str:
        return page_url(self.index_src_uri, self.language, self.directory_urls)

    def share(self, region: Region) -> float:
        """The region's part of the national complaints of 2007-2014 (0 to 1)."""
        return region.complaints_2007_2014 / self.total_2007_2014

    def figure(self, code: str) -> int:
        """A department's complaints of 2007-2014: this site's sum of its prosecution districts."""
        return self._figures.get(code, 0)

    def department_share(self, code: str) -> float:
        return self.figure(code) / self.total_2007_2014

    @functools.cached_property
    def _figures(self) -> dict[str, int]:
        return department_figures(self.districts)

    def by_code(self, code: str) -> Region | None:
        return self._by_code.get(code)

    @functools.cached_property
    def _by_code(self) -> dict[str, Region]:
        return {region.ubigeo: region for region in self.regions}

    def for_page(self, file_src_uri: str) -> Region | None:
        """The region a built page shows, from the i18n file name ('regiones/x.es.md'), or None."""
        return next((r for r in self.regions if localised(r.src_uri, self.language) == file_src_uri), None)

    def sources(self) -> list[tuple[str, str]]:
        """The distinct sources of the figures as (period, URL), in the order of the periods."""
        return sorted({pair for region in self.regions for pair in zip(PERIODS, region.sources)})


# ---------------------------------------------------------------------------- loading


def build(pages: Pages, trees: dict[str, Any], directory_urls: bool = True) -> dict[str, RegionSet]:
    """Validate the region pages and the index's total; one RegionSet per language, its pages at
    the addresses of the build's URL layout (`directory_urls`).

    `trees` (the policy) is not needed here; every part of the content model takes it.
    """
    departments = load_departments()
    codes = {d.code: d for d in departments}
    districts, districts_source = load_districts(codes)
    figures = department_figures(districts)
    structure: dict[str, dict[str, Any]] = {}
    where: dict[str, str] = {}
    by_code: dict[str, str] = {}
    for src_uri, by_language in pages.items():
        spanish = by_language[DEFAULT_LANGUAGE]
        if spanish.get("kind") not in KINDS:
            continue
        fields = _validate_region_fields(src_uri, spanish, codes)
        region_id, code = fields["id"], fields["ubigeo"]
        if region_id in structure:
            raise ContentError(shown(src_uri, DEFAULT_LANGUAGE), "id",
                               f"the id '{region_id}' is already used by {shown(where[region_id], DEFAULT_LANGUAGE)}",
                               "give each region page its own id")
        if code in by_code:
            raise ContentError(shown(src_uri, DEFAULT_LANGUAGE), "ubigeo",
                               f"the code '{code}' ({codes[code].name}) is already used by "
                               f"{shown(by_code[code], DEFAULT_LANGUAGE)}",
                               "give each region page the INEI code of its own department")
        _validate_sum(src_uri, fields, codes[code], districts, figures[code])
        structure[region_id], where[region_id], by_code[code] = fields, src_uri, src_uri
        _validate_translation(src_uri, region_id, by_language["en"], _STRUCTURAL_FIELDS)

    _validate_ranks(structure, where)
    total = _national_total(pages, districts) if structure else 0
    ordered = sorted(structure, key=lambda region_id: (structure[region_id]["rank"], region_id))
    return {
        language: RegionSet(
            language=language,
            regions=tuple(_region(structure[i], where[i], pages[where[i]][language], language,
                                  tuple(d for d in districts if d.department == structure[i]["ubigeo"]),
                                  directory_urls)
                          for i in ordered),
            total_2007_2014=total,
            departments=departments,
            districts=districts,
            districts_source=districts_source,
            directory_urls=directory_urls,
        )
        for language in LANGUAGES
    }


def load_departments() -> tuple[Department, ...]:
    """The 25 regional governments from the project's data table, in code order (read on every build)."""
    where_file = _DEPARTMENTS_SHOWN
    rows = read_yaml(DEPARTMENTS_FILE, where_file, f"write one department per line, e.g. {_DEPARTMENT_EXAMPLE}")
    if not isinstance(rows, list) or not rows:
        raise ContentError(where_file, None, "the file is not a list of departments",
                           f"write one department per line, e.g. {_DEPARTMENT_EXAMPLE}")
    departments, codes, places = [], {}, {}
    for number, row in enumerate(rows, start=1):
        field = f"[{number}]"
        if not isinstance(row, dict) or set(row) != set(_DEPARTMENT_KEYS):
            extra = sorted(set(row) - set(_DEPARTMENT_KEYS)) if isinstance(row, dict) else []
            if extra:
                raise unknown_key(where_file, field, extra[0], _DEPARTMENT_KEYS, "a department")
            raise ContentError(where_file, field, "a department needs exactly " + ", ".join(f"'{k}'" for k in _DEPARTMENT_KEYS),
                               f"write it as {_DEPARTMENT_EXAMPLE}")
        code, name = row["code"], row["name"]
        if not isinstance(code, str) or not re.fullmatch(r"[0-9]{2}", code):
            raise ContentError(where_file, f"{field}.code", f"{code!r} is not a quoted two-digit INEI code",
                               "write the code in quotes, e.g. 'code: \"15\"'")
        if code in codes:
            raise ContentError(where_file, f"{field}.code", f"the code '{code}' is also the code of {codes[code]}",
                               "give each department its own INEI code")
        if not isinstance(name, str) or not name.strip() or not isinstance(row["abbr"], str) or not row["abbr"].strip():
            raise ContentError(where_file, f"{field}.name", f"the department {code} has no name or no abbreviation",
                               "write its name and its ISO 3166-2:PE code ('abbr: LIM') as text")
        for axis in ("col", "row"):
            if not _is_count(row[axis]):
                raise ContentError(where_file, f"{field}.{axis}", f"'{row[axis]}' ({name}) is not a whole number of 0 or more",
                                   f"write the tile's {'column' if axis == 'col' else 'row'} on the grid as digits, from 0")
        place = (row["col"], row["row"])
        if place in places:
            raise ContentError(where_file, field, f"{name} and {places[place]} share the tile at col {place[0]}, row {place[1]}",
                               "give each department its own place on the grid")
        codes[code], places[place] = name, name
        departments.append(Department(**row))
    return tuple(sorted(departments, key=lambda d: d.code))


def load_districts(codes: dict[str, Department]) -> tuple[tuple[District, ...], str]:
    """The prosecution districts (most complaints first) and the address of their source, validated."""
    where_file = _DISTRICTS_SHOWN
    data = read_yaml(DISTRICTS_FILE, where_file, "write 'source:' and 'districts:', each district as "
                     "'- {name: ..., department: \"15\", complaints: 301}'")
    if not isinstance(data, dict) or not isinstance(data.get("districts"), list) or not data["districts"]:
        raise ContentError(where_file, "districts", "the list of prosecution districts is missing",
                           "list each district as '- {name: ..., department: \"15\", complaints: 301}'")
    for key in data:
        if key not in _DISTRICTS_KEYS:
            raise unknown_key(where_file, None, key, _DISTRICTS_KEYS, "the districts file")
    source = data.get("source")
    if not isinstance(source, str) or not _URL.match(source):
        raise ContentError(where_file, "source", f"'{source}' is not a web address",
                           "give the address (http:// or https://) of the page the district figures come from")
    districts: list[District] = []
    for number, row in enumerate(data["districts"], start=1):
        districts.append(_district(where_file, f"districts[{number}]", row, codes, {d.name for d in districts}))
    missing = [d.name for d in codes.values() if not any(x.department == d.code for x in districts)]
    if missing:
        raise ContentError(where_file, "districts", "no district is listed for " + ", ".join(missing),
                           "add the department's prosecution districts (the map shows a figure for every department)")
    # Most complaints first; equal counts keep the file's (the source's) order.
    return tuple(sorted(districts, key=lambda d: -d.complaints_2007_2014)), source



def _district(where_file: str, field: str, row: Any, codes: dict[str, Department], seen: set[str]) -> District:
    """One row of the districts file, validated against the departments and the rows before it."""
    if not isinstance(row, dict) or set(row) != {"name", "department", "complaints"}:
        raise ContentError(where_file, field, "a district needs exactly 'name', 'department' and 'complaints'",
                           "write it as '- {name: Sullana, department: \"20\", complaints: 54}'")
    name, code, count = row["name"], row["department"], row["complaints"]
    if not isinstance(name, str) or not name.strip():
        raise ContentError(where_file, f"{field}.name", "the district has no name",
                           "write the district's name as the source lists it")
    if name in seen:
        raise ContentError(where_file, f"{field}.name", f"the district '{name}' is listed twice",
                           "list each district once")
    if code not in codes:
        raise ContentError(where_file, f"{field}.department",
                           f"'{code}' ({name}) is not the quoted INEI code of a department",
                           "use one of: " + ", ".join(f"\"{d.code}\" {d.name}" for d in codes.values()))
    if not _is_count(count):
        raise ContentError(where_file, f"{field}.complaints", f"'{count}' ({name}) is not a whole number of 0 or more",
                           "write the district's number of complaints as digits, e.g. 'complaints: 54'")
    return District(name=name, department=code, complaints_2007_2014=count)

def department_figures(districts: tuple[District, ...]) -> dict[str, int]:
    """Each department's complaints of 2007-2014: the sum of its prosecution districts."""
    figures: dict[str, int] = {}
    for district in districts:
        figures[district.department] = figures.get(district.department, 0) + district.complaints_2007_2014
    return figures


def _region(fields: dict[str, Any], src_uri: str, words: dict[str, Any], language: str,
            districts: tuple[District, ...], directory_urls: bool) -> Region:
    return Region(
        id=fields["id"],
        ubigeo=fields["ubigeo"],
        rank=fields["rank"],
        complaints_2007_2014=fields["complaints_2007_2014"],
        complaints_2009_2014=fields["complaints_2009_2014"],
        title=str(words["title"]),
        label=str(words["label"]),
        summary=str(words.get("summary") or ""),
        sources=(fields["source_2007_2014"], fields["source_2009_2014"]),
        src_uri=src_uri,
        language=language,
        districts=districts,
        directory_urls=directory_urls,
    )


def _validate_region_fields(src_uri: str, data: dict[str, Any], codes: dict[str, Department]) -> dict[str, Any]:
    where_file = shown(src_uri, DEFAULT_LANGUAGE)
    require_fields(where_file, data, _REQUIRED, _FIELD_HELP)
    require_id(where_file, data["id"], "madre-de-dios")
    code = data["ubigeo"]
    if not isinstance(code, str):
        raise ContentError(where_file, "ubigeo", f"{code!r} is not a quoted two-digit code",
                           f"write the code in quotes, e.g. 'ubigeo: \"{int(code):02d}\"'" if _is_count(code)
                           else "write the department's INEI code in quotes, e.g. 'ubigeo: \"15\"'")
    if code not in codes:
        raise ContentError(where_file, "ubigeo", f"'{code}' is not the INEI code of a department",
                           "use one of: " + ", ".join(f"{d.code} {d.name}" for d in codes.values()))
    for field in _COUNTS:
        if not _is_count(data[field]):
            raise ContentError(where_file, field, f"'{data[field]}' is not a whole number of 0 or more",
                               f"write the number of complaints as digits, e.g. '{field}: 301'")
    if not _is_count(data["rank"]) or data["rank"] < 1:
        raise ContentError(where_file, "rank", f"'{data['rank']}' is not a whole number from 1 up",
                           "give the region's place by complaints_2007_2014, highest first: 1, 2, 3...")
    for field in _SOURCES:
        if not isinstance(data[field], str) or not _URL.match(data[field]):
            raise ContentError(where_file, field, f"'{data[field]}' is not a web address",
                               "give the address (http:// or https://) of the page the figure comes from")
    _validate_words(where_file, data)
    return data


def _validate_words(where_file: str, data: dict[str, Any]) -> None:
    for field in _WORDS:
        if field in data and not isinstance(data[field], str):
            raise ContentError(where_file, field, "this field must be text", f"write '{field}:' as one line of text")


def _validate_translation(src_uri: str, page_id: str | None, english: dict[str, Any], structural: tuple[str, ...]) -> None:
    required = ("title", "label") if page_id else ("title",)
    check_translation(src_uri, english, structural, required, _FIELD_HELP, page_id)
    _validate_words(shown(src_uri, "en"), english)


def _validate_ranks(structure: dict[str, dict[str, Any]], where: dict[str, str]) -> None:
    """Rank 1 has the most complaints in 2007-2014; equal counts share a rank."""
    counts = [fields["complaints_2007_2014"] for fields in structure.values()]
    for region_id, fields in structure.items():
        expected = 1 + sum(count > fields["complaints_2007_2014"] for count in counts)
        if fields["rank"] != expected:
            raise ContentError(shown(where[region_id], DEFAULT_LANGUAGE), "rank",
                               f"rank {fields['rank']} does not follow from the counts: with "
                               f"{fields['complaints_2007_2014']} complaints in 2007-2014 this region ranks {expected}",
                               f"write 'rank: {expected}' (rank follows complaints_2007_2014, highest first)")


def _validate_sum(src_uri: str, fields: dict[str, Any], department: Department, districts: tuple[District, ...],
                  figure: int) -> None:
    """A region page's 2007-2014 figure is the sum of its department's prosecution districts."""
    if fields["complaints_2007_2014"] != figure:
        parts = " + ".join(f"{d.name} {d.complaints_2007_2014}" for d in districts if d.department == department.code)
        raise ContentError(shown(src_uri, DEFAULT_LANGUAGE), "complaints_2007_2014",
                           f"{fields['complaints_2007_2014']} is not the sum of {department.name}'s prosecution "
                           f"districts in {_DISTRICTS_SHOWN} ({parts} = {figure})",
                           f"write 'complaints_2007_2014: {figure}', or correct the districts in {_DISTRICTS_SHOWN}")


def _national_total(pages: Pages, districts: tuple[District, ...]) -> int:
    index_file = shown(INDEX, DEFAULT_LANGUAGE)
    if INDEX not in pages:
        raise ContentError(index_file, None, "the region index page is missing",
                           "add it, with 'total_2007_2014:' (the national number of complaints) in its front matter")
    total = pages[INDEX][DEFAULT_LANGUAGE].get("total_2007_2014")
    if total in (None, ""):
        raise ContentError(index_file, "total_2007_2014", "this required field is missing",
                           "add 'total_2007_2014:' with the national number of complaints of the period")
    if not _is_count(total) or total < 1:
        raise ContentError(index_file, "total_2007_2014", f"'{total}' is not a whole number from 1 up",
                           "write the national number of complaints as digits, e.g. 'total_2007_2014: 1976'")
    counted = sum(d.complaints_2007_2014 for d in districts)
    if counted != total:
        raise ContentError(index_file, "total_2007_2014",
                           f"the {len(districts)} prosecution districts in {_DISTRICTS_SHOWN} add up to {counted}, "
                           f"not to the national total {total}",
                           f"check the national total and the districts' complaints in {_DISTRICTS_SHOWN}")
    _validate_translation(INDEX, None, pages[INDEX]["en"], _INDEX_FIELDS)
    return total


def _is_count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


# ---------------------------------------------------------------------------- data

# The data files as error messages name them, and what they hold.
_DISTRICTS_SHOWN = "hooks/data/prosecution-districts.yml"
_DISTRICTS_KEYS = ("period", "source", "districts")
_DEPARTMENTS_SHOWN = "hooks/data/peru-regions.yml"
_DEPARTMENT_KEYS = ("code", "name", "abbr", "col", "row")
_DEPARTMENT_EXAMPLE = "'- {code: \"15\", name: \"Lima\", abbr: LIM, col: 1, row: 4}'"

_FIELD_HELP = {
    "id": "a unique lowercase id such as 'madre-de-dios'",
    "kind": "'region'",
    "ubigeo": "the department's two-digit INEI code, in quotes, e.g. \"15\"",
    "rank": "its place by complaints 2007-2014, highest first: 1, 2, 3...",
    "complaints_2007_2014": "the department's complaints of January 2007 to April 2014 (the sum of its prosecution districts), as digits",
    "complaints_2009_2014": "the complaints of the prosecution district of the same name, 2009 to 2014, as digits",
    "title": "the region's name as the page title",
    "label": "the region's name as the table and the map show it",
    "source_2007_2014": "the address of the page the 2007-2014 figure comes from",
    "source_2009_2014": "the address of the page the 2009-2014 figure comes from",
}
