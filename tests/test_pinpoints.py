"""Pinpoints (issue 25): every axis, component, guideline and the transversal axis carries this site's
identifier ("LE 14"), the same in both languages in the anchor, the citation and the open data, so
that an official citing "LE 14" lands on it; it says once, wherever it appears, that it is the site's
and not an official numbering; and correcting a `parent:` line does not move it."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil

import pytest

from conftest import LANGUAGES, PREFIXES, ROOT, edit, html, load_error

import content_model
from content_model import catalogue
from content_model.policy import PINPOINT_PREFIX

WHOLE = "politica/completa/"
FORM = re.compile(r"^(EJE|C|LG|LE|ET) [1-9][0-9]*$")


def _trees():
    site = content_model.load_site(ROOT / "docs")
    return {language: site.tree(language) for language in LANGUAGES}


def _text(element) -> str:
    return re.sub(r"\s+", " ", element.get_text(" ")).strip()


# ---------------------------------------------------------------------------- the model


def test_every_node_has_a_pinpoint_of_its_kind_unique_within_its_kind_and_the_same_in_both_languages():
    trees = _trees()
    spanish = {node.id: node.pinpoint for node in trees["es"].nodes}
    assert len(spanish) == 39
    for node in trees["es"].nodes:
        assert FORM.match(node.pinpoint) and node.pinpoint.split()[0] == PINPOINT_PREFIX[node.kind], node.id
        assert node.anchor == node.pinpoint.lower().replace(" ", "-")
    assert len(set(spanish.values())) == len(spanish)
    assert {node.id: node.pinpoint for node in trees["en"].nodes} == spanish
    # The poster's counts: 3 axes, 5 components, 7 general and 23 specific guidelines, one transversal axis.
    numbers = {kind: sorted(n.number for n in trees["es"].nodes if n.kind == kind) for kind in PINPOINT_PREFIX}
    assert numbers == {"axis": [1, 2, 3], "component": list(range(1, 6)), "general": list(range(1, 8)),
                       "specific": list(range(1, 24)), "transversal": [1]}


def test_correcting_a_parent_line_moves_the_guideline_but_not_any_pinpoint(tmp_path):
    before = {node.id: node.pinpoint for node in _trees()["es"].nodes}
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    # The methodological note's own example: oversight moved from prosecution to prevention.
    edit(docs / "politica/fiscalizacion-control.es.md", "parent: coordinacion-multisectorial\norder: 1",
         "parent: factores-socioeconomicos\norder: 3")
    tree = content_model.load_site(docs).tree("es")
    assert tree.get("fiscalizacion-control").parent == "factores-socioeconomicos"
    assert [n.id for n in tree.walk()] != [n.id for n in _trees()["es"].walk()]  # the order did change
    assert {node.id: node.pinpoint for node in tree.nodes} == before


def test_a_pinpoint_used_twice_in_a_kind_stops_the_build(project):
    edit(project / "docs/politica/cultura-denuncia.es.md", "pinpoint: 5", "pinpoint: 4")
    assert load_error(project) == (
        "docs/politica/cultura-rechazo.es.md, field 'pinpoint': 'LE 4' is also the pinpoint of 'cultura-denuncia' "
        "(docs/politica/cultura-denuncia.es.md). Fix: give it a number no other specific guideline has (the next free "
        "one is 24), and never change a pinpoint once published.")


def test_a_missing_pinpoint_stops_the_build(project):
    edit(project / "docs/politica/cultura-rechazo.es.md", "pinpoint: 4\n", "")
    assert load_error(project) == (
        "docs/politica/cultura-rechazo.es.md, field 'pinpoint': this required field is missing. Fix: add 'pinpoint:' "
        "to the front matter (the number of this site's identifier of the page, such as 14 for 'LE 14': the next "
        "free number of its kind, never changed once published).")


def test_a_pinpoint_that_is_not_a_whole_number_stops_the_build(project):
    edit(project / "docs/politica/prevencion.es.md", "pinpoint: 1\n", "pinpoint: EJE 1\n")
    assert load_error(project) == (
        "docs/politica/prevencion.es.md, field 'pinpoint': 'EJE 1' is not a whole number from 1 up. "
        "Fix: give the number of its identifier ('pinpoint: 14' makes EJE 14).")


def test_a_pinpoint_in_the_english_file_stops_the_build(project):
    edit(project / "docs/politica/cultura-rechazo.en.md", "title:", "pinpoint: 4\ntitle:")
    assert load_error(project) == (
        "docs/politica/cultura-rechazo.en.md, field 'pinpoint': structure is declared only in the Spanish file. "
        "Fix: remove 'pinpoint:' from the English file; keep it in docs/politica/cultura-rechazo.es.md.")


# ---------------------------------------------------------------------------- the built site


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_official_citing_a_pinpoint_lands_on_it_on_the_whole_structure_and_on_its_page(site, language):
    whole = html(site, PREFIXES[language] + WHOLE)
    for node in _trees()[language].walk():
        target = whole.find(id=node.anchor)
        assert target is not None and _text(target) == node.pinpoint, node.id
        entry = target.find_parent("section")
        assert entry.select_one(".whole-policy__title a").get_text() == node.title, node.id
        page = html(site, node.url)
        mark = page.find(id=node.anchor)
        assert mark is not None and node.pinpoint in _text(mark), node.url
        assert mark.find_parent("article") is not None and len(page.find_all(id=node.anchor)) == 1
        cite = _text(page.select_one(".policy-cite__text"))
        assert catalogue.words(language, "ui")["cite_pinpoint"].replace("{pinpoint}", node.pinpoint) in cite, node.url


def test_the_pinpoints_are_the_same_in_both_languages_in_the_anchors_and_the_open_data(site):
    found = {}
    for language in LANGUAGES:
        folder = site / PREFIXES[language] / "datos"
        data = json.loads((folder / f"politica-trata.{language}.json").read_text(encoding="utf-8"))
        rows = list(csv.DictReader(io.StringIO((folder / f"lineamientos.{language}.csv").read_text(encoding="utf-8-sig"))))
        from_json = {node["id"]: node["pinpoint"] for node in data["nodes"]}
        assert {row["id"]: row["pinpoint"] for row in rows} == from_json
        whole = html(site, PREFIXES[language] + WHOLE)
        anchors = {mark["id"]: _text(mark) for mark in whole.select(".whole-policy__pinpoint")}
        assert sorted(anchors.values()) == sorted(from_json.values())
        found[language] = from_json
    assert found["es"] == found["en"] and len(found["es"]) == 39
    schema = json.loads((site / "datos" / "schema.json").read_text(encoding="utf-8"))
    description = schema["properties"]["nodes"]["items"]["properties"]["pinpoint"]["description"]
    assert "Not an official numbering" in description


@pytest.mark.parametrize("language", LANGUAGES)
def test_wherever_pinpoints_appear_they_are_said_once_to_be_the_sites_not_an_official_numbering(site, language):
    words = catalogue.words(language, "whole_policy")
    ui = catalogue.words(language, "ui")
    whole = html(site, PREFIXES[language] + WHOLE).select_one("article")
    notice = whole.select_one(".whole-policy__notice")
    assert notice is not None and words["notice"] in _text(notice)
    said = words["notice_pinpoints"].split("(")[0]
    assert _text(whole).count(said.strip()) == 1
    # It comes before the first entry that carries one.
    assert notice.find_next(class_="whole-policy__pinpoint") is not None
    assert notice.find_previous(class_="whole-policy__pinpoint") is None
    for node in _trees()[language].nodes:
        article = html(site, node.url).select_one("article")
        assert _text(article).count(ui["pinpoint_note"]) == 1, node.url
    data = html(site, PREFIXES[language] + "datos/").select_one("article")
    assert ("No es una numeración oficial" if language == "es" else "It is not an official numbering") in _text(data)
