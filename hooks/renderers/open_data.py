"""The policy as open data: JSON (with its JSON Schema) and CSV, from the content model.

Pure functions: the model's objects of one language in, file contents (strings) out. The same
input gives the same bytes: lists keep the model's order (the poster's order, the regions'
rank, the modules' order), JSON keys are sorted, and nothing depends on the clock.
Addresses are site-relative URLs, as the model gives them ('politica/prevencion/',
'en/politica/prevencion/').
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from content_model.policy import PolicyTree
from content_model.regions import PERIODS, RegionSet
from content_model.training import Training

# The folder's file names, per language ("{lang}" is the language code).
JSON_FILE = "politica-trata.{lang}.json"
SCHEMA_FILE = "schema.json"
GUIDELINES_FILE = "lineamientos.{lang}.csv"
REGIONS_FILE = "regiones.{lang}.csv"
MODULES_FILE = "modulos.{lang}.csv"

GUIDELINE_COLUMNS = ("id", "kind", "parent", "order", "title", "label", "url")
REGION_COLUMNS = ("id", "ubigeo", "rank", "complaints_2007_2014", "complaints_2009_2014", "share", "title", "url",
                  "source")
MODULE_COLUMNS = ("id", "title", "duration", "audiences", "teaches", "url")

# Decimal places of a region's share of the national complaints (0 to 1).
SHARE_DIGITS = 4


def files(tree: PolicyTree, regions: RegionSet, training: Training) -> dict[str, str]:
    """Every open-data file of one language: file name -> contents, in file-name order."""
    lang = tree.language
    made = {
        JSON_FILE.format(lang=lang): render_json(tree, regions, training),
        SCHEMA_FILE: render_schema(),
        GUIDELINES_FILE.format(lang=lang): render_guidelines_csv(tree),
        REGIONS_FILE.format(lang=lang): render_regions_csv(regions),
        MODULES_FILE.format(lang=lang): render_modules_csv(training),
    }
    return dict(sorted(made.items()))


def data(tree: PolicyTree, regions: RegionSet, training: Training) -> dict[str, Any]:
    """The whole data set of one language as plain Python values (what the JSON file holds)."""
    return {
        "$schema": SCHEMA_FILE,
        "language": tree.language,
        "policy": {
            "decree": DECREE,
            "title": _POLICY_TITLE[tree.language],
            "grouping": "reconstruction",
        },
        "nodes": [
            {"id": n.id, "kind": n.kind, "parent": n.parent, "order": n.order, "title": n.title,
             "label": n.label, "summary": n.summary, "related": list(n.related), "url": n.url}
            for n in tree.walk()
        ],
        "regions": {
            "total_2007_2014": regions.total_2007_2014,
            "index_url": regions.index_url,
            "items": [
                {"id": r.id, "ubigeo": r.ubigeo, "rank": r.rank,
                 "complaints_2007_2014": r.complaints_2007_2014,
                 "complaints_2009_2014": r.complaints_2009_2014,
                 "share": round(regions.share(r), SHARE_DIGITS), "title": r.title, "label": r.label,
                 "summary": r.summary, "url": r.url,
                 "sources": [{"period": period, "url": url} for period, url in zip(PERIODS, r.sources)]}
                for r in regions.regions
            ],
        },
        "modules": [
            {"id": m.id, "order": m.order, "title": m.title, "label": m.label, "summary": m.summary,
             "duration": m.duration, "group_size": m.group_size, "audiences": list(m.audiences),
             "teaches": list(m.teaches), "url": m.url,
             "parts": [{"kind": p.kind, "title": p.title, "url": p.url} for p in m.parts]}
            for m in training.modules
        ],
    }


def render_json(tree: PolicyTree, regions: RegionSet, training: Training) -> str:
    """The data set of one language as JSON: sorted keys, two-space indent, UTF-8 text."""
    return _json(data(tree, regions, training))


def render_schema() -> str:
    """The JSON Schema (draft 2020-12) that every language's JSON file follows."""
    return _json(SCHEMA)


def render_guidelines_csv(tree: PolicyTree) -> str:
    """Axes, components, general and specific guidelines and the transversal axis, in the poster's order."""
    rows = [(n.id, n.kind, n.parent or "", n.order, n.title, n.label, n.url) for n in tree.walk()]
    return _csv(GUIDELINE_COLUMNS, rows)


def render_regions_csv(regions: RegionSet) -> str:
    """The focus regions in rank order; `source` holds the URLs of both periods, separated by a space."""
    rows = [(r.id, r.ubigeo, r.rank, r.complaints_2007_2014, r.complaints_2009_2014,
             f"{regions.share(r):.{SHARE_DIGITS}f}", r.title, r.url, " ".join(r.sources))
            for r in regions.regions]
    return _csv(REGION_COLUMNS, rows)


def render_modules_csv(training: Training) -> str:
    """The training modules in order; `audiences` and `teaches` are ids separated by a space."""
    rows = [(m.id, m.title, m.duration, " ".join(m.audiences), " ".join(m.teaches), m.url)
            for m in training.modules]
    return _csv(MODULE_COLUMNS, rows)


# ---------------------------------------------------------------------------- helpers


# JSON as the files hold it: sorted keys, readable accents, one newline at the end.
def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


# CSV with a header row, every field quoted only when it must be (RFC 4180, CRLF line ends).
def _csv(columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return out.getvalue()


# ---------------------------------------------------------------------------- data

DECREE = "DS 001-2015-JUS"

_POLICY_TITLE = {
    "es": "Política Nacional frente a la Trata de Personas y sus Formas de Explotación",
    "en": "National Policy against Trafficking in Persons and its Forms of Exploitation",
}

_ID = "^[a-z0-9]+(?:-[a-z0-9]+)*$"
_SITE_URL = "^(?:en/)?(?:[a-z0-9-]+/)*$"  # site-relative page address: '', 'politica/x/', 'en/politica/x/'
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
        "language": {"enum": ["es", "en"]},
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
            }, "One box of the policy diagram."),
        },
        "regions": _object({
            "total_2007_2014": {"type": "integer", "minimum": 1,
                                "description": "National complaints, January 2007 to April 2014."},
            "index_url": {"type": "string", "pattern": _SITE_URL},
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
       "(politica-trata.es.json, politica-trata.en.json). Addresses are relative to the site's root. The "
       "grouping of guidelines under components is a reconstruction: the official poster does not print it."),
}
