"""Open data (issues 9 and 18): the policy, regions and modules as JSON and CSV, in both languages.

The files are read from the built site, as a researcher downloads them, and checked against
the built pages: the same counts, the same titles as each page's heading, addresses that
resolve. The renderers are also checked directly on a tiny model.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from conftest import LANGUAGES, html
from content_model.policy import Node, PolicyTree
from content_model.regions import Department, District, RegionSet, Region
from content_model.training import Training
from renderers import open_data

# The poster's counts: axes, components, general and specific guidelines, transversal axis.
POSTER_COUNTS = {"axis": 3, "component": 5, "general": 7, "specific": 23, "transversal": 1}
FOLDER = {"es": "datos/", "en": "en/datos/"}


def _folder(site: Path, lang: str) -> Path:
    return site / FOLDER[lang]


def _json(site: Path, lang: str) -> dict:
    return json.loads((_folder(site, lang) / f"politica-trata.{lang}.json").read_text(encoding="utf-8"))


def _csv(site: Path, lang: str, name: str) -> tuple[list[str], list[dict[str, str]]]:
    text = (_folder(site, lang) / f"{name}.{lang}.csv").read_text(encoding="utf-8-sig")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    return list(reader.fieldnames or []), list(reader)


def _schema(site: Path, lang: str) -> dict:
    return json.loads((_folder(site, lang) / "schema.json").read_text(encoding="utf-8"))


def _h1(site: Path, url: str) -> str:
    return html(site, url).find("h1").get_text(" ", strip=True).replace("¶", "").strip()


# ---------------------------------------------------------------------------- the built files


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_schema_is_a_valid_draft_2020_12_schema(site, lang):
    schema = _schema(site, lang)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_json_file_validates_against_the_schema(site, lang):
    errors = [f"{list(e.absolute_path)}: {e.message}"
              for e in Draft202012Validator(_schema(site, lang)).iter_errors(_json(site, lang))]
    assert errors == []
    assert _json(site, lang)["language"] == lang


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_csv_files_have_their_header_rows(site, lang):
    assert _csv(site, lang, "lineamientos")[0] == list(open_data.GUIDELINE_COLUMNS)
    assert _csv(site, lang, "regiones")[0] == list(open_data.REGION_COLUMNS)
    assert _csv(site, lang, "modulos")[0] == list(open_data.MODULE_COLUMNS)
    assert _csv(site, lang, "distritos-fiscales")[0] == list(open_data.DISTRICT_COLUMNS)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_csv_file_starts_with_the_bytes_that_make_excel_read_utf8(site, lang):
    names = sorted(p.name for p in _folder(site, lang).glob("*.csv"))
    assert len(names) == 4
    for name in names:
        raw = (_folder(site, lang) / name).read_bytes()
        assert raw[:3] == b"\xef\xbb\xbf", name
        assert raw[3:5] in (b"id", b"di"), name  # the header row follows at once
        raw[3:].decode("utf-8")  # and the rest is UTF-8
    assert "Madre de Dios" in (_folder(site, lang) / f"regiones.{lang}.csv").read_bytes()[3:].decode("utf-8")
    assert (_folder(site, lang) / f"politica-trata.{lang}.json").read_bytes()[:1] == b"{"  # no BOM in JSON


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_districts_file_lists_the_32_districts_adding_up_to_each_department_and_the_total(site, lang):
    rows = _csv(site, lang, "distritos-fiscales")[1]
    assert len(rows) == 32
    assert sum(int(r["complaints_2007_2014"]) for r in rows) == _json(site, lang)["regions"]["total_2007_2014"] == 1976
    sums: dict[str, int] = {}
    for row in rows:
        sums[row["department"]] = sums.get(row["department"], 0) + int(row["complaints_2007_2014"])
    for row in rows:
        assert int(row["department_complaints_2007_2014"]) == sums[row["department"]]
    assert sums["Lima"] == 455 and sums["Piura"] == 150 and sums["Áncash"] == 29
    departments = _json(site, lang)["regions"]["departments"]
    assert len(departments) == 25 and sum(d["focus"] for d in departments) == 10
    assert {d["name"]: d["complaints_2007_2014"] for d in departments} == sums


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_licence_is_in_the_data_and_on_the_open_data_page(site, lang):
    licence = _json(site, lang)["licence"]
    assert licence["id"] == "CC-BY-4.0"
    assert licence["url"] == "https://creativecommons.org/licenses/by/4.0/"
    page = html(site, FOLDER[lang]).find("article")
    assert "CC BY 4.0" in page.get_text(" ")
    assert page.select_one('a[href^="https://creativecommons.org/licenses/by/4.0/"]')


def test_with_the_sites_address_every_data_address_is_absolute():
    tree, regions, training = _tiny()
    made = open_data.files(tree, regions, training, "https://example.org/trata/")
    data = json.loads(made["politica-trata.es.json"])
    assert data["nodes"][0]["url"] == "https://example.org/trata/politica/a/"
    assert data["regions"]["index_url"] == "https://example.org/trata/regiones/"
    rows = list(csv.DictReader(io.StringIO(made["lineamientos.es.csv"].removeprefix(open_data.BOM), newline="")))
    assert {r["url"] for r in rows} == {f"https://example.org/trata/politica/{i}/" for i in ("a", "a-1", "b", "t")}
    Draft202012Validator(open_data.SCHEMA).validate(data)
    assert json.loads(open_data.files(tree, regions, training)["politica-trata.es.json"])["nodes"][0]["url"] == "politica/a/"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_structure_has_the_posters_counts(site, lang):
    nodes = _json(site, lang)["nodes"]
    rows = _csv(site, lang, "lineamientos")[1]
    for kind, count in POSTER_COUNTS.items():
        assert sum(n["kind"] == kind for n in nodes) == count, kind
        assert sum(r["kind"] == kind for r in rows) == count, kind


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_node_has_the_title_of_its_page_and_an_address_that_resolves(site, lang):
    rows = {r["id"]: r for r in _csv(site, lang, "lineamientos")[1]}
    nodes = _json(site, lang)["nodes"]
    assert [n["id"] for n in nodes] == list(rows)
    for node in nodes:
        assert (site / node["url"] / "index.html").is_file(), node["url"]
        assert node["url"].startswith("en/") == (lang == "en")
        assert _h1(site, node["url"]) == node["title"] == rows[node["id"]]["title"]
        assert rows[node["id"]]["url"] == node["url"]
        assert rows[node["id"]]["parent"] == (node["parent"] or "")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_parent_is_a_node_of_the_kind_above(site, lang):
    above = {"component": "axis", "general": "component", "specific": "general"}
    nodes = {n["id"]: n for n in _json(site, lang)["nodes"]}
    for node in nodes.values():
        if node["kind"] in above:
            assert nodes[node["parent"]]["kind"] == above[node["kind"]], node["id"]
        else:
            assert node["parent"] is None


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_regions_agree_with_their_pages(site, lang):
    regions = _json(site, lang)["regions"]
    rows = _csv(site, lang, "regiones")[1]
    items = regions["items"]
    assert len(items) == len(rows) == 10
    assert [r["rank"] for r in items] == list(range(1, 11))
    assert (site / regions["index_url"] / "index.html").is_file()
    for item, row in zip(items, rows):
        assert row["id"] == item["id"] and row["title"] == item["title"] and row["url"] == item["url"]
        assert (site / item["url"] / "index.html").is_file(), item["url"]
        assert _h1(site, item["url"]) == item["title"]
        assert int(row["complaints_2007_2014"]) == item["complaints_2007_2014"]
        assert float(row["share"]) == pytest.approx(item["complaints_2007_2014"] / regions["total_2007_2014"],
                                                    abs=1e-4)
        assert row["source"].split(" ") == [s["url"] for s in item["sources"]]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_modules_agree_with_their_pages(site, lang):
    modules = _json(site, lang)["modules"]
    rows = _csv(site, lang, "modulos")[1]
    node_ids = {n["id"] for n in _json(site, lang)["nodes"]}
    prefix = "en/" if lang == "en" else ""
    # A published module's overview page carries the generated overview (a module still being written does not).
    built = sorted(p.parent.name for p in (site / prefix / "capacitacion").glob("*/index.html")
                   if 'class="training-overview' in p.read_text(encoding="utf-8"))
    assert sorted(m["id"] for m in modules) == built
    assert [r["id"] for r in rows] == [m["id"] for m in modules]
    for module, row in zip(modules, rows):
        assert _h1(site, module["url"]) == module["title"] == row["title"]
        assert row["teaches"].split() == module["teaches"]
        assert set(module["teaches"]) <= node_ids
        for part in module["parts"]:
            assert _h1(site, part["url"]) == part["title"], part["url"]


def test_both_languages_share_one_structure(site):
    spanish, english = _json(site, "es"), _json(site, "en")
    shape = lambda d: [(n["id"], n["kind"], n["parent"], n["order"]) for n in d["nodes"]]
    assert shape(spanish) == shape(english)
    assert ([r["complaints_2007_2014"] for r in spanish["regions"]["items"]]
            == [r["complaints_2007_2014"] for r in english["regions"]["items"]])
    assert _schema(site, "es") == _schema(site, "en")


# ---------------------------------------------------------------------------- the page


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_open_data_page_links_every_file_and_every_link_resolves(site, lang):
    page = html(site, FOLDER[lang])
    links = {a["href"] for a in page.select("article a[href]") if a["href"].endswith((".json", ".csv"))}
    written = {p.name for p in _folder(site, lang).iterdir() if p.suffix in (".json", ".csv")}
    assert links == written
    for href in links:
        assert (_folder(site, lang) / href).is_file()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_open_data_page_says_the_grouping_is_a_reconstruction_and_how_to_reuse(site, lang):
    text = html(site, FOLDER[lang]).find("article").get_text(" ", strip=True)
    assert ("reconstrucción" if lang == "es" else "reconstruction") in text
    assert "001-2015-JUS" in text
    assert ("citar este sitio" if lang == "es" else "name this site") in text


# ---------------------------------------------------------------------------- the renderers


def _tiny(lang: str = "es") -> tuple[PolicyTree, RegionSet, Training]:
    def node(node_id, kind, parent, order, title):
        return Node(id=node_id, kind=kind, parent=parent, order=order, title=title, label=title, summary="",
                    related=(), src_uri=f"politica/{node_id}.md", language=lang, number=order)

    tree = PolicyTree(language=lang, nodes=(
        node("b", "axis", None, 2, "Segundo"),
        node("t", "transversal", None, 1, "Transversal"),
        node("a", "axis", None, 1, 'Con "comillas", y coma'),
        node("a-1", "component", "a", 1, "Ñandú"),
    ))
    district = District(name="Lima", department="15", complaints_2007_2014=3)
    region = Region(id="lima", ubigeo="15", rank=1, complaints_2007_2014=3, complaints_2009_2014=4, title="Lima",
                    label="Lima", summary="", sources=("https://a.example/1", "https://b.example/2"),
                    src_uri="regiones/lima.md", language=lang, districts=(district,))
    regions = RegionSet(language=lang, regions=(region,), total_2007_2014=9,
                        departments=(Department(code="15", name="Lima", abbr="LIM", col=0, row=0),),
                        districts=(district,), districts_source="https://a.example/1")
    return tree, regions, Training(language=lang)


def test_the_same_model_gives_the_same_bytes():
    assert open_data.files(*_tiny()) == open_data.files(*_tiny())


def test_the_files_of_a_language_are_named_with_its_code():
    assert sorted(open_data.files(*_tiny("en"))) == [
        "distritos-fiscales.en.csv", "lineamientos.en.csv", "modulos.en.csv", "politica-trata.en.json",
        "regiones.en.csv", "schema.json"]


def test_the_guidelines_csv_keeps_the_posters_order_and_quotes_commas_and_quotes():
    rows = list(csv.reader(io.StringIO(open_data.render_guidelines_csv(_tiny()[0]).removeprefix(open_data.BOM), newline="")))
    assert rows == [list(open_data.GUIDELINE_COLUMNS),
                    ["a", "axis", "", "1", 'Con "comillas", y coma', 'Con "comillas", y coma', "politica/a/", "EJE 1"],
                    ["a-1", "component", "a", "1", "Ñandú", "Ñandú", "politica/a-1/", "C 1"],
                    ["b", "axis", "", "2", "Segundo", "Segundo", "politica/b/", "EJE 2"],
                    ["t", "transversal", "", "1", "Transversal", "Transversal", "politica/t/", "ET 1"]]


def test_the_regions_csv_gives_the_share_with_four_decimals_and_both_sources():
    rows = list(csv.DictReader(io.StringIO(open_data.render_regions_csv(_tiny()[1]).removeprefix(open_data.BOM), newline="")))
    assert rows[0]["share"] == "0.3333"
    assert rows[0]["source"] == "https://a.example/1 https://b.example/2"


def test_the_json_of_a_tiny_model_validates_and_keeps_accents_readable():
    text = open_data.render_json(*_tiny())
    assert "Ñandú" in text
    Draft202012Validator(open_data.SCHEMA).validate(json.loads(text))
