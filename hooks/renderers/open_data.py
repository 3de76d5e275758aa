"""The policy as open data: JSON (with its JSON Schema) and CSV, from the content model.

Pure functions: the model's objects of one language in, file contents (strings) out. The same
input gives the same bytes: lists keep the model's order (the poster's order, the regions'
rank, the modules' order), JSON keys are sorted, and nothing depends on the clock.
Addresses are site-relative URLs, as the model gives them ('politica/prevencion/',
'en/politica/prevencion/'), or absolute ones when the site's address is known (`site_url`,
from `SITE_URL`): a file downloaded and passed on still leads back to its pages.
CSV files start with a UTF-8 byte order mark, the one sign by which Excel reads them as UTF-8
(without it, it garbles every accent); JSON files do not (RFC 8259 forbids it).
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from content_model import DEFAULT_LANGUAGE, LANGUAGES, catalogue
from content_model.policy import PINPOINT_PREFIX, PolicyTree
from content_model.regions import PERIODS, RegionSet
from content_model.training import Training

# The folder's file names, per language ("{lang}" is the language code).
JSON_FILE = "politica-trata.{lang}.json"
SCHEMA_FILE = "schema.json"
GUIDELINES_FILE = "lineamientos.{lang}.csv"
REGIONS_FILE = "regiones.{lang}.csv"
DISTRICTS_FILE = "distritos-fiscales.{lang}.csv"
MODULES_FILE = "modulos.{lang}.csv"

# `pinpoint` ("LE 14", this site's identifier, not an official number) comes last: columns only ever
# join at the end, so that a reader of an older file finds its columns where they were.
GUIDELINE_COLUMNS = ("id", "kind", "parent", "order", "title", "label", "url", "pinpoint")
REGION_COLUMNS = ("id", "ubigeo", "rank", "complaints_2007_2014", "complaints_2009_2014", "share", "title", "url",
                  "source")
DISTRICT_COLUMNS = ("district", "ubigeo", "department", "complaints_2007_2014", "department_complaints_2007_2014",
                    "source")
MODULE_COLUMNS = ("id", "title", "duration", "audiences", "teaches", "url")

# What Excel needs at the start of a CSV file to read it as UTF-8.
BOM = "\ufeff"

# Decimal places of a region's share of the national complaints (0 to 1).
SHARE_DIGITS = 4


def files(tree: PolicyTree, regions: RegionSet, training: Training, site_url: str | None = None) -> dict[str, str]:
    """Every open-data file of one language: file name -> contents, in file-name order."""
    lang = tree.language
    made = {
        JSON_FILE.format(lang=lang): render_json(tree, regions, training, site_url),
        SCHEMA_FILE: render_schema(),
        GUIDELINES_FILE.format(lang=lang): render_guidelines_csv(tree, site_url),
        REGIONS_FILE.format(lang=lang): render_regions_csv(regions, site_url),
        DISTRICTS_FILE.format(lang=lang): render_districts_csv(regions),
        MODULES_FILE.format(lang=lang): render_modules_csv(training, site_url),
    }
    return dict(sorted(made.items()))


def data(tree: PolicyTree, regions: RegionSet, training: Training, site_url: str | None = None) -> dict[str, Any]:
    """The whole data set of one language as plain Python values (what the JSON file holds)."""
    url = _addresser(site_url)
    names = {d.code: d.name for d in regions.departments}
    return {
        "$schema": SCHEMA_FILE,
        "language": tree.language,
        "licence": licence(tree.language),
        "policy": {
            "decree": DECREE,
            "title": catalogue.words(tree.language, "open_data")["policy_title"],
            "grouping": "reconstruction",
        },
        "nodes": [
            {"id": n.id, "kind": n.kind, "parent": n.parent, "order": n.order, "title": n.title,
             "label": n.label, "summary": n.summary, "related": list(n.related), "url": url(n.url),
             "pinpoint": n.pinpoint}
            for n in tree.walk()
        ],
        "regions": {
            "total_2007_2014": regions.total_2007_2014,
            "index_url": url(regions.index_url),
            "figures": catalogue.words(tree.language, "open_data")["figures_note"],
            "items": [
                {"id": r.id, "ubigeo": r.ubigeo, "rank": r.rank,
                 "complaints_2007_2014": r.complaints_2007_2014,
                 "complaints_2009_2014": r.complaints_2009_2014,
                 "share": round(regions.share(r), SHARE_DIGITS), "title": r.title, "label": r.label,
                 "summary": r.summary, "url": url(r.url),
                 "districts": [{"name": d.name, "complaints_2007_2014": d.complaints_2007_2014} for d in r.districts],
                 "sources": [{"period": period, "url": src} for period, src in zip(PERIODS, r.sources)]}
                for r in regions.regions
            ],
            "departments": [
                {"ubigeo": d.code, "name": d.name, "complaints_2007_2014": regions.figure(d.code),
                 "share": round(regions.department_share(d.code), SHARE_DIGITS),
                 "focus": regions.by_code(d.code) is not None}
                for d in regions.departments
            ],
            "districts": [
                {"name": d.name, "ubigeo": d.department, "department": names[d.department],
                 "complaints_2007_2014": d.complaints_2007_2014}
                for d in regions.districts
            ],
            "districts_source": regions.districts_source,
        },
        "modules": [
            {"id": m.id, "order": m.order, "title": m.title, "label": m.label, "summary": m.summary,
             "duration": m.duration, "group_size": m.group_size, "audiences": list(m.audiences),
             "teaches": list(m.teaches), "url": url(m.url),
             "parts": [{"kind": p.kind, "title": p.title, "url": url(p.url)} for p in m.parts]}
            for m in training.modules
        ],
    }


def licence(language: str) -> dict[str, str]:
    """The licence of the site's compilation, as the JSON file and the open-data page state it."""
    return {"id": LICENCE_ID, "name": LICENCE_NAME, "url": LICENCE_URL, "notice": catalogue.words(language, "open_data")["licence_notice"]}


def render_json(tree: PolicyTree, regions: RegionSet, training: Training, site_url: str | None = None) -> str:
    """The data set of one language as JSON: sorted keys, two-space indent, UTF-8 text."""
    return _json(data(tree, regions, training, site_url))


def render_schema() -> str:
    """The JSON Schema (draft 2020-12) that every language's JSON file follows."""
    return _json(SCHEMA)


def render_guidelines_csv(tree: PolicyTree, site_url: str | None = None) -> str:
    """Axes, components, general and specific guidelines and the transversal axis, in the poster's order."""
    url = _addresser(site_url)
    rows = [(n.id, n.kind, n.parent or "", n.order, n.title, n.label, url(n.url), n.pinpoint) for n in tree.walk()]
    return _csv(GUIDELINE_COLUMNS, rows)


def render_regions_csv(regions: RegionSet, site_url: str | None = None) -> str:
    """The focus regions in rank order; `source` holds the URLs of both periods, separated by a space.

    `complaints_2007_2014` is the department's figure (the sum of its prosecution districts);
    `complaints_2009_2014` that of the prosecution district of the same name.
    """
    url = _addresser(site_url)
    rows = [(r.id, r.ubigeo, r.rank, r.complaints_2007_2014, r.complaints_2009_2014,
             f"{regions.share(r):.{SHARE_DIGITS}f}", r.title, url(r.url), " ".join(r.sources))
            for r in regions.regions]
    return _csv(REGION_COLUMNS, rows)


def render_districts_csv(regions: RegionSet) -> str:
    """The 2007-2014 complaints by prosecution district as the source lists them, with each department's sum."""
    names = {d.code: d.name for d in regions.departments}
    rows = [(d.name, d.department, names[d.department], d.complaints_2007_2014, regions.figure(d.department),
             regions.districts_source)
            for d in regions.districts]
    return _csv(DISTRICT_COLUMNS, rows)


def render_modules_csv(training: Training, site_url: str | None = None) -> str:
    """The training modules in order; `audiences` and `teaches` are ids separated by a space."""
    url = _addresser(site_url)
    rows = [(m.id, m.title, m.duration, " ".join(m.audiences), " ".join(m.teaches), url(m.url))
            for m in training.modules]
    return _csv(MODULE_COLUMNS, rows)


# ---------------------------------------------------------------------------- helpers


# JSON as the files hold it: sorted keys, readable accents, one newline at the end.
def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


# A function that turns a site-relative address into the one the files give: absolute when the
# site's address is known.
def _addresser(site_url: str | None):
    if not site_url:
        return lambda url: url
    root = site_url.rstrip("/") + "/"
    return lambda url: root + url


# CSV with a header row, every field quoted only when it must be (RFC 4180, CRLF line ends),
# after the byte order mark that makes Excel read UTF-8.
def _csv(columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> str:
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return out.getvalue()


# ---------------------------------------------------------------------------- data

DECREE = "DS 001-2015-JUS"

# The licence of the site's compilation (the files' selection, structure and texts). CC BY 4.0:
# anyone, a ministry, a regional government, a newsroom, may reuse and adapt the files, even
# commercially, on the one condition of naming the source; its terms exist in Spanish; and it
# claims nothing over the figures themselves, which are public data of the Ministerio Público
# reported by the press.
LICENCE_ID = "CC-BY-4.0"
LICENCE_NAME = "Creative Commons Atribución 4.0 Internacional (CC BY 4.0)"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"

# The notices the files carry (the licence's, the figures' note) and the policy's title are
# words of each language: the catalogue's `open_data` part (hooks/data/words.<language>.yml).

_ID = "^[a-z0-9]+(?:-[a-z0-9]+)*$"
# A pinpoint: its kind's prefix (content_model.policy.PINPOINT_PREFIX), a space, a number from 1.
_PINPOINT = "^(?:" + "|".join(PINPOINT_PREFIX.values()) + ") [1-9][0-9]*$"
# A page address: site-relative ('', 'politica/x/', 'en/politica/x/'), or absolute when the site's
# address is known ('https://example.org/trata/politica/x/').
_SITE_URL = ("^(?:https?://\\S+/)?(?:(?:" + "|".join(language for language in LANGUAGES if language != DEFAULT_LANGUAGE)
             + ")/)?(?:[a-z0-9-]+/)*$")
_TEXT = {"type": "string", "minLength": 1}
_ORDER = {"type": "integer", "minimum": 1}
_COUNT = {"type": "integer", "minimum": 0}


def _object(properties: dict[str, Any], description: str) -> dict[str, Any]:
    return {"type": "object", "description": description, "properties": properties,
            "required": sorted(properties), "additionalProperties": False}


SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "Peru's National Policy against Trafficking in Persons (DS 001-2015-JUS) as open data",
    **_object({
        "$schema": {"const": SCHEMA_FILE},
        "language": {"enum": list(LANGUAGES)},
        "licence": _object({
            "id": {"const": LICENCE_ID},
            "name": {"const": LICENCE_NAME},
            "url": {"const": LICENCE_URL},
            "notice": _TEXT,
        }, "The licence of the site's compilation, and what it covers."),
        "policy": _object({
            "decree": {"const": DECREE},
            "title": _TEXT,
            "grouping": {"const": "reconstruction",
                         "description": "The parent of each component and guideline is a reconstruction."},
        }, "The policy the data describes."),
        "nodes": {
            "type": "array",
            "description": "Axes, components, guidelines and the transversal axis, depth-first in the poster's order.",
            "items": _object({
                "id": {"type": "string", "pattern": _ID},
                "kind": {"enum": ["axis", "component", "general", "specific", "transversal"]},
                "parent": {"oneOf": [{"type": "null"}, {"type": "string", "pattern": _ID}],
                           "description": "The id of the parent node; null for the axes and the transversal axis."},
                "order": _ORDER,
                "title": _TEXT,
                "label": _TEXT,
                "summary": {"type": "string"},
                "related": {"type": "array", "items": {"type": "string", "pattern": _ID}, "uniqueItems": True},
                "url": {"type": "string", "pattern": _SITE_URL},
                "pinpoint": {"type": "string", "pattern": _PINPOINT,
                             "description": "This site's identifier of the node, the same in every language, for "
                                            "citing it ('LE 14'; its page and the whole policy carry the anchor "
                                            "#le-14). Not an official numbering: the poster numbers nothing."},
            }, "One box of the policy diagram."),
        },
        "regions": _object({
            "total_2007_2014": {"type": "integer", "minimum": 1,
                                "description": "National complaints, January 2007 to April 2014."},
            "index_url": {"type": "string", "pattern": _SITE_URL},
            "figures": {**_TEXT, "description": "What the two complaint counts are."},
            "districts_source": {"type": "string", "pattern": "^https?://\\S+$",
                                 "description": "Where the district figures come from."},
            "departments": {
                "type": "array",
                "description": "All 25 regional governments, with this site's sum of their prosecution districts.",
                "items": _object({
                    "ubigeo": {"type": "string", "pattern": "^[0-9]{2}$"},
                    "name": _TEXT,
                    "complaints_2007_2014": _COUNT,
                    "share": {"type": "number", "minimum": 0, "maximum": 1},
                    "focus": {"type": "boolean", "description": "One of the ten focus regions, with its page."},
                }, "One department and its complaints of January 2007 to April 2014."),
            },
            "districts": {
                "type": "array",
                "description": "The prosecution districts as the source lists them, most complaints first.",
                "items": _object({
                    "name": _TEXT,
                    "ubigeo": {"type": "string", "pattern": "^[0-9]{2}$"},
                    "department": _TEXT,
                    "complaints_2007_2014": _COUNT,
                }, "One prosecution district (distrito fiscal)."),
            },
            "items": {
                "type": "array",
                "description": "The focus regions, in rank order.",
                "items": _object({
                    "id": {"type": "string", "pattern": _ID},
                    "ubigeo": {"type": "string", "pattern": "^[0-9]{2}$"},
                    "rank": _ORDER,
                    "complaints_2007_2014": _COUNT,
                    "complaints_2009_2014": _COUNT,
                    "share": {"type": "number", "minimum": 0, "maximum": 1},
                    "title": _TEXT,
                    "label": _TEXT,
                    "summary": {"type": "string"},
                    "url": {"type": "string", "pattern": _SITE_URL},
                    "districts": {
                        "type": "array", "minItems": 1,
                        "items": _object({"name": _TEXT, "complaints_2007_2014": _COUNT},
                                         "One of the department's prosecution districts."),
                    },
                    "sources": {
                        "type": "array", "minItems": 1,
                        "items": _object({
                            "period": {"enum": list(PERIODS)},
                            "url": {"type": "string", "pattern": "^https?://\\S+$"},
                        }, "Where the figures of one period come from."),
                    },
                }, "One focus region and its complaint figures."),
            },
        }, "The focus regions."),
        "modules": {
            "type": "array",
            "description": "The training modules, in their order.",
            "items": _object({
                "id": {"type": "string", "pattern": _ID},
                "order": _ORDER,
                "title": _TEXT,
                "label": _TEXT,
                "summary": _TEXT,
                "duration": {"type": "integer", "minimum": 1, "description": "Minutes."},
                "group_size": _TEXT,
                "audiences": {"type": "array", "items": {"type": "string", "pattern": _ID}, "uniqueItems": True},
                "teaches": {"type": "array", "items": {"type": "string", "pattern": _ID}, "uniqueItems": True,
                            "description": "The ids of the guidelines (nodes) the module teaches."},
                "url": {"type": "string", "pattern": _SITE_URL},
                "parts": {
                    "type": "array",
                    "items": _object({
                        "kind": {"enum": ["module", "session-plan", "activities", "handout", "quiz",
                                          "evaluation"]},
                        "title": _TEXT,
                        "url": {"type": "string", "pattern": _SITE_URL},
                    }, "One page of the module."),
                },
            }, "One training module."),
        },
    }, "The policy's structure, focus regions and training modules in one language, one file per language "
       "(politica-trata.es.json, politica-trata.en.json). Addresses are relative to the site's root, or absolute "
       "when the site was built with its address. The "
       "grouping of guidelines under components is a reconstruction: the official poster does not print it."),
}
