"""The ten regions (issues 4 and 18): the renderer, the built index and region pages, bad input, Chromium."""

from __future__ import annotations

import dataclasses
import re
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import (LANGUAGES, PREFIXES, ROOT, axe_violations, build_error, each_mistake, edit, html, load_error,
                      mistake_stops_the_model)

import content_model
from content_model import read_front_matter
from content_model.regions import load_departments
from renderers import region_map

# The facts sheet's table (../shared/policy-facts.md, section 3), written out here as the
# independent expectation: page id -> (rank, name, complaints 2007-2014 summed by department,
# complaints 2009-2014 of the prosecution district of the same name).
FACTS = {
    "lima": (1, "Lima", 455, 350),
    "loreto": (2, "Loreto", 211, 243),
    "madre-de-dios": (3, "Madre de Dios", 178, 227),
    "cusco": (4, "Cusco", 167, 172),
    "piura": (5, "Piura", 150, 103),
    "san-martin": (6, "San Martín", 92, 94),
    "puno": (7, "Puno", 88, 95),
    "amazonas": (8, "Amazonas", 73, 74),
    "arequipa": (9, "Arequipa", 66, 75),
    "junin": (10, "Junín", 58, 76),
}
NATIONAL_TOTAL = 1976  # complaints, January 2007 to April 2014 (facts sheet)
# The other fifteen departments' sums, from the facts sheet.
OTHER_FIFTEEN = {
    "Moquegua": 45, "Huánuco": 44, "Ucayali": 41, "Callao": 40, "Ica": 36, "Ayacucho": 35, "La Libertad": 32,
    "Tacna": 32, "Áncash": 29, "Tumbes": 28, "Lambayeque": 24, "Cajamarca": 20, "Apurímac": 20, "Pasco": 7,
    "Huancavelica": 5,
}
# The districts of the two focus departments the source splits, from the facts sheet.
SPLIT = {
    "lima": {"Lima": 301, "Lima Norte": 48, "Lima Sur": 48, "Lima Este": 31, "Huaura": 20, "Cañete": 7},
    "piura": {"Piura": 96, "Sullana": 54},
}
DISTRICTS_FILE = "hooks/data/prosecution-districts.yml"
INDEX_ES = "docs/regiones/index.es.md"


def _es(region_id: str) -> str:
    return f"docs/regiones/{region_id}.es.md"


@pytest.fixture(scope="module")
def model():
    return content_model.load_site(ROOT / "docs")


def _table_rows(soup: BeautifulSoup) -> list[list]:
    return [row.find_all(["th", "td"]) for row in soup.select("table.rg-table tbody tr")]


# ---------------------------------------------------------------------------- renderer


def test_the_map_has_one_tile_for_each_of_the_25_regional_governments(model):
    soup = BeautifulSoup(region_map.render_map(model.regions["es"], "regiones/"), "html.parser")
    assert len(soup.select("svg .rg-tile")) == 25
    assert len(load_departments()) == 25
    assert {d.code for d in load_departments()} == {f"{n:02d}" for n in range(1, 26)}


def test_no_two_tiles_share_a_place_on_the_grid():
    places = [(d.col, d.row) for d in load_departments()]
    assert len(set(places)) == len(places)


def test_the_districts_of_each_department_add_up_to_its_figure_and_all_to_the_national_total(model):
    regions = model.regions["es"]
    assert len(regions.districts) == 32
    assert sum(d.complaints_2007_2014 for d in regions.districts) == NATIONAL_TOTAL
    expected = {name: before for _, name, before, _ in FACTS.values()} | OTHER_FIFTEEN
    by_name = {d.name: regions.figure(d.code) for d in regions.departments}
    assert by_name == expected
    assert sum(by_name.values()) == NATIONAL_TOTAL
    for region in regions.regions:
        assert sum(d.complaints_2007_2014 for d in region.districts) == region.complaints_2007_2014


def test_every_one_of_the_25_tiles_carries_its_departments_figure(model):
    soup = BeautifulSoup(region_map.render_map(model.regions["es"], "regiones/"), "html.parser")
    expected = {name: before for _, name, before, _ in FACTS.values()} | OTHER_FIFTEEN
    tiles = soup.select("svg .rg-tile")
    assert len(tiles) == 25
    seen = {}
    for tile in tiles:
        name = tile.title.get_text().split(":")[0]
        seen[name] = int(tile.select_one(".rg-tile__count").get_text())
        assert f"{name}: {seen[name]} denuncias" in tile["aria-label"]
    assert seen == expected
    others = soup.select("svg g.rg-tile--other")
    assert len(others) == 15 and all(t["role"] == "img" for t in others)


def test_the_map_links_the_ten_focus_regions_to_their_pages_and_writes_their_counts(model):
    soup = BeautifulSoup(region_map.render_map(model.regions["es"], "regiones/"), "html.parser")
    links = soup.select("svg a.rg-tile")
    assert sorted(a["href"] for a in links) == sorted(f"{region_id}/" for region_id in FACTS)
    for link in links:
        region_id = link["href"].rstrip("/")
        assert link.select_one(".rg-tile__count").get_text() == str(FACTS[region_id][2])
        assert FACTS[region_id][1] in link["aria-label"]


def test_the_map_has_an_accessible_name_and_description(model):
    soup = BeautifulSoup(region_map.render_map(model.regions["en"], "en/regiones/"), "html.parser")
    svg = soup.select_one("svg")
    assert soup.find(id=svg["aria-labelledby"]).get_text().startswith("Map of trafficking complaints")
    assert "25 regional governments" in soup.find(id=svg["aria-describedby"]).get_text()
    assert [li.get_text() for li in soup.select(".rg-legend li")] == [
        "200 or more", "100 to 199", "50 to 99", "fewer than 50", "Thick border: one of the ten regions, with its page"]


def test_every_label_is_escaped(model):
    regions = model.regions["es"]
    lima = dataclasses.replace(regions.regions[0], label='<script>alert("x")</script> & co')
    hostile = dataclasses.replace(regions, regions=(lima, *regions.regions[1:]))
    out = region_map.render_index(hostile, "regiones/")
    assert "<script>" not in out
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co" in out


def test_the_renderer_is_deterministic(model):
    regions = model.regions["es"]
    first = region_map.render_index(regions, "regiones/")
    assert region_map.render_index(regions, "regiones/") == first
    again = content_model.load_site(ROOT / "docs").regions["es"]
    assert region_map.render_index(again, "regiones/") == first


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_share_is_the_count_over_the_national_total(model, language):
    regions = model.regions[language]
    soup = BeautifulSoup(region_map.render_table(regions, PREFIXES[language] + "regiones/"), "html.parser")
    for cells, region in zip(_table_rows(soup), regions.regions):
        share = cells[3]
        assert float(share["data-sort-value"]) == region.complaints_2007_2014 / NATIONAL_TOTAL
        shown = float(re.sub(r"[^\d,.]", "", share.get_text()).replace(",", "."))
        assert shown == round(100 * region.complaints_2007_2014 / NATIONAL_TOTAL, 1)


def test_links_are_relative_to_the_page_that_shows_them(model):
    regions = model.regions["en"]
    lima = regions.regions[0]
    box = BeautifulSoup(region_map.render_figures(regions, lima, "en/regiones/lima/"), "html.parser")
    assert box.select_one("a")["href"] == "../"


# ---------------------------------------------------------------------------- the built site


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_figure_in_the_table_equals_the_facts_sheet_and_the_front_matter(site, language):
    rows = _table_rows(html(site, PREFIXES[language] + "regiones/"))
    assert len(rows) == len(FACTS)
    for cells in rows:
        region_id = cells[1].a["href"].rstrip("/")
        rank, name, before, after = FACTS[region_id]
        front = read_front_matter(ROOT / _es(region_id), _es(region_id))
        assert [c["data-sort-value"] for c in (cells[0], cells[2], cells[4])] == [str(rank), str(before), str(after)]
        assert [front["rank"], front["complaints_2007_2014"], front["complaints_2009_2014"]] == [rank, before, after]
        assert [cells[0].get_text(), cells[1].get_text(), cells[2].get_text(), cells[4].get_text()] == [
            str(rank), name, str(before), str(after)]
    assert [int(cells[0].get_text()) for cells in rows] == list(range(1, 11))


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_national_total_is_written_once_and_shown_in_each_language(site, language):
    front = read_front_matter(ROOT / INDEX_ES, INDEX_ES)
    assert front["total_2007_2014"] == NATIONAL_TOTAL
    page = html(site, PREFIXES[language] + "regiones/")
    total = {"es": "1976", "en": "1,976"}[language]
    assert total in page.select_one("table.rg-table caption").get_text()
    assert total in page.select_one(".rg-source").get_text()


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_tile_link_leads_to_a_built_region_page(site, language):
    url = PREFIXES[language] + "regiones/"
    links = html(site, url).select("svg a.rg-tile")
    assert len(links) == 10
    for link in links:
        target = urlsplit(urljoin(url, link["href"])).path
        page = site / target / "index.html"
        assert page.is_file(), target
        assert html(site, target).select_one("h1").get_text(strip=True) in link["aria-label"]


CAVEAT = {"es": "la cifra de cada departamento es la suma de sus distritos hecha por este sitio",
          "en": "each department's figure is this site's sum of its districts"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_region_page_shows_its_figures_and_the_caveat(site, language):
    caveat = {"es": "no el número de víctimas", "en": "not the number of victims"}[language]
    for region_id, (_rank, _name, before, after) in FACTS.items():
        box = html(site, f"{PREFIXES[language]}regiones/{region_id}/").select_one(".rg-figures")
        text = box.get_text(" ")
        assert str(before) in text and str(after) in text, region_id
        assert caveat in text and CAVEAT[language] in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_lima_and_piura_pages_show_each_prosecution_district(site, language):
    for region_id, districts in SPLIT.items():
        table = html(site, f"{PREFIXES[language]}regiones/{region_id}/").select_one(".rg-figures table.rg-districts")
        rows = {r.th.get_text(): int(r.find_all("td")[-1].get_text()) for r in table.select("tbody tr")}
        assert rows == districts
        assert int(table.select_one("tfoot td:last-child").get_text()) == FACTS[region_id][2]
    assert html(site, f"{PREFIXES[language]}regiones/cusco/").select_one(".rg-figures table") is None


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_that_quotes_the_regions_figures_carries_the_caveat(site, language):
    for url in ("regiones/", "politica/localizacion-focalizacion/", "politica/nota-metodologica/",
                "publico/trata-en-5-minutos/"):
        text = html(site, PREFIXES[language] + url).select_one("article").get_text(" ")
        assert CAVEAT[language] in text, url


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_index_and_the_transversal_axis_link_to_each_other(site, language):
    index = html(site, PREFIXES[language] + "regiones/").select_one("article")
    assert index.select_one('a[href="../politica/localizacion-focalizacion/"]')
    axis = html(site, PREFIXES[language] + "politica/localizacion-focalizacion/").select_one("article")
    assert axis.select_one('a[href="../../regiones/"]')


# ---------------------------------------------------------------------------- bad input


# Each mistake in a region page's front matter: (id, the page, the text replaced, its replacement,
# the one-line message that names the file, the field and the fix).
_REGION_MISTAKES = [
    ("unknown-department-code", _es("lima"), 'ubigeo: "15"', 'ubigeo: "26"',
     f"{_es('lima')}, field 'ubigeo': '26' is not the INEI code of a department. Fix: use one of: "
     "01 Amazonas, 02 Áncash, 03 Apurímac, 04 Arequipa, 05 Ayacucho, 06 Cajamarca, 07 Callao, 08 Cusco, "
     "09 Huancavelica, 10 Huánuco, 11 Ica, 12 Junín, 13 La Libertad, 14 Lambayeque, 15 Lima, 16 Loreto, "
     "17 Madre de Dios, 18 Moquegua, 19 Pasco, 20 Piura, 21 Puno, 22 San Martín, 23 Tacna, 24 Tumbes, "
     "25 Ucayali."),
    ("unquoted-department-code", _es("cusco"), 'ubigeo: "08"', "ubigeo: 8",
     f"{_es('cusco')}, field 'ubigeo': 8 is not a quoted two-digit code. "
     "Fix: write the code in quotes, e.g. 'ubigeo: \"08\"'."),
    ("duplicate-department-code", _es("loreto"), 'ubigeo: "16"', 'ubigeo: "15"',
     f"{_es('loreto')}, field 'ubigeo': the code '15' (Lima) is already used by {_es('lima')}. "
     "Fix: give each region page the INEI code of its own department."),
    # checked before the sum
    ("negative-count", _es("puno"), "complaints_2007_2014: 88", "complaints_2007_2014: -88",
     f"{_es('puno')}, field 'complaints_2007_2014': '-88' is not a whole number of 0 or more. "
     "Fix: write the number of complaints as digits, e.g. 'complaints_2007_2014: 301'."),
    ("count-not-whole", _es("junin"), "complaints_2009_2014: 76", "complaints_2009_2014: 76.5",
     f"{_es('junin')}, field 'complaints_2009_2014': '76.5' is not a whole number of 0 or more. "
     "Fix: write the number of complaints as digits, e.g. 'complaints_2009_2014: 301'."),
    ("rank-not-from-counts", _es("cusco"), "rank: 4", "rank: 3",
     f"{_es('cusco')}, field 'rank': rank 3 does not follow from the counts: with 167 complaints in "
     "2007-2014 this region ranks 4. Fix: write 'rank: 4' (rank follows complaints_2007_2014, highest first)."),
    ("figures-in-english", "docs/regiones/piura.en.md", 'title: "Piura"', 'title: "Piura"\ncomplaints_2007_2014: 96',
     "docs/regiones/piura.en.md, field 'complaints_2007_2014': structure is declared only in "
     f"the Spanish file. Fix: remove 'complaints_2007_2014:' from the English file; keep it in {_es('piura')}."),
]


@each_mistake(_REGION_MISTAKES)
def test_a_mistake_in_a_region_page_stops_the_build(project, page, old, new, message):
    mistake_stops_the_model(project, page, old, new, message)


def test_districts_that_do_not_add_up_to_the_national_total_stop_the_build(project):
    edit(project / INDEX_ES, "total_2007_2014: 1976", "total_2007_2014: 1977")
    assert load_error(project) == (
        f"{INDEX_ES}, field 'total_2007_2014': the 32 prosecution districts in {DISTRICTS_FILE} add up to 1976, "
        f"not to the national total 1977. Fix: check the national total and the districts' complaints in "
        f"{DISTRICTS_FILE}.")


def test_a_department_figure_that_is_not_the_sum_of_its_districts_stops_the_build(project):
    edit(project / _es("piura"), "complaints_2007_2014: 150", "complaints_2007_2014: 96")
    assert load_error(project) == (
        f"{_es('piura')}, field 'complaints_2007_2014': 96 is not the sum of Piura's prosecution districts in "
        f"{DISTRICTS_FILE} (Piura 96 + Sullana 54 = 150). Fix: write 'complaints_2007_2014: 150', or correct the "
        f"districts in {DISTRICTS_FILE}.")


def test_a_district_changed_in_the_data_file_stops_the_build_until_the_page_agrees(project):
    edit(project / DISTRICTS_FILE, '{name: "Santa",         department: "02", complaints: 3}',
         '{name: "Santa",         department: "15", complaints: 3}')
    assert build_error(project) == (
        f"{_es('lima')}, field 'complaints_2007_2014': 455 is not the sum of Lima's prosecution districts in "
        f"{DISTRICTS_FILE} (Lima 301 + Lima Norte 48 + Lima Sur 48 + Lima Este 31 + Huaura 20 + Cañete 7 + Santa 3 "
        f"= 458). Fix: write 'complaints_2007_2014: 458', or correct the districts in {DISTRICTS_FILE}.")


def test_a_district_with_an_unknown_department_stops_the_build(project):
    edit(project / DISTRICTS_FILE, 'department: "20", complaints: 54', 'department: "20x", complaints: 54')
    message = build_error(project)
    assert message.startswith(f"{DISTRICTS_FILE}, field 'districts[11].department': '20x' (Sullana) is not the "
                              "quoted INEI code of a department. Fix: use one of: \"01\" Amazonas")


def test_a_district_without_a_count_stops_the_build(project):
    edit(project / DISTRICTS_FILE, 'department: "20", complaints: 54}', 'department: "20"}')
    assert build_error(project) == (
        f"{DISTRICTS_FILE}, field 'districts[11]': a district needs exactly 'name', 'department' and 'complaints'. "
        "Fix: write it as '- {name: Sullana, department: \"20\", complaints: 54}'.")


def test_a_department_with_no_district_stops_the_build(project):
    edit(project / DISTRICTS_FILE, '  - {name: "Pasco",         department: "19", complaints: 7}\n', "")
    assert build_error(project) == (
        f"{DISTRICTS_FILE}, field 'districts': no district is listed for Pasco. Fix: add the department's "
        "prosecution districts (the map shows a figure for every department).")


def test_an_unknown_regions_marker_stops_the_build(project):
    edit(project / INDEX_ES, "<!-- regions: index -->", "<!-- regions: mapa -->")
    assert load_error(project) == (f"{INDEX_ES}: '<!-- regions: mapa -->' is not a known marker. Fix: use one of: "
                                    "<!-- regions: index -->, <!-- regions: figures -->, <!-- regions: caveat -->.")


def test_a_figures_marker_on_a_page_that_is_not_a_region_stops_the_build(project):
    edit(project / "docs/glosario.en.md", "\n## ", "\n<!-- regions: figures -->\n\n## ")
    assert build_error(project) == ("docs/glosario.en.md: the marker '<!-- regions: figures -->' is on a page that "
                                    "is not a region. Fix: use it only on pages with 'kind: region', or remove it.")


# ---------------------------------------------------------------------------- Chromium


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_index_fits_a_360_px_phone_without_horizontal_scroll(phone, language):
    phone.goto(PREFIXES[language] + "regiones/")
    page = phone.page
    overflow = page.evaluate(
        "Array.from(document.querySelectorAll('article .rg-map, article .rg-map *, article .rg-table-wrap, "
        "article .rg-table-wrap *')).filter(e => e.getBoundingClientRect().right > 360.5)"
        ".map(e => e.tagName + '.' + (e.getAttribute('class') || ''))")
    assert overflow == []
    widths = page.evaluate("[document.querySelector('.rg-table-wrap').scrollWidth, "
                           "document.querySelector('.rg-table-wrap').clientWidth]")
    assert widths[0] <= widths[1], "the table scrolls sideways inside its box"
    assert page.evaluate("document.querySelector('article').scrollWidth <= 360")


def _column(page, index: int) -> list[str]:
    return page.eval_on_selector_all(
        "table.rg-table tbody tr", f"rows => rows.map(r => r.cells[{index}].textContent.trim())")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_table_sorts_by_each_column(visit, language):
    visit.goto(PREFIXES[language] + "regiones/")
    page = visit.page
    headers = page.locator("table.rg-table thead th")
    assert headers.nth(0).get_attribute("aria-sort") == "ascending"
    by_rank = sorted(FACTS.values())
    expected = {
        0: [str(rank) for rank, *_ in by_rank],
        1: sorted((name for _, name, *_ in by_rank), key=lambda n: n.replace("í", "i")),
        2: [str(before) for _, _, before, _ in sorted(by_rank, key=lambda f: f[2])],
        4: [str(after) for *_, after in sorted(by_rank, key=lambda f: (f[3], f[0]))],
    }
    for index in range(5):
        button = headers.nth(index).get_by_role("button")
        button.click()
        if index == 0:  # the table arrives sorted by rank, ascending: the first press reverses it
            assert _column(page, 0) == expected[0][::-1]
            button.click()
        assert headers.nth(index).get_attribute("aria-sort") == "ascending"
        assert sum(headers.nth(i).get_attribute("aria-sort") is not None for i in range(5)) == 1
        ascending = _column(page, index)
        if index in expected:
            assert ascending == expected[index]
        else:
            shares = [float(v) for v in page.eval_on_selector_all(
                "table.rg-table tbody tr", "rows => rows.map(r => r.cells[3].dataset.sortValue)")]
            assert shares == sorted(shares)
        button.click()
        assert headers.nth(index).get_attribute("aria-sort") == "descending"
        assert _column(page, index) == ascending[::-1]  # no two regions share a value in any column
    assert visit.console_errors == []


def test_the_table_is_complete_without_javascript(browser, server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server + "regiones/")
    assert page.locator("table.rg-table tbody tr").count() == 10
    assert page.locator("table.rg-table thead button").count() == 0
    context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_region_index_has_no_axe_violations(visit, language):
    visit.goto(PREFIXES[language] + "regiones/")
    assert axe_violations(visit.page) == []


def test_the_map_tiles_are_keyboard_links(visit):
    visit.goto("regiones/")
    tile = visit.page.locator("svg a.rg-tile").first
    tile.focus()
    assert visit.page.evaluate("document.activeElement.getAttribute('href')") == tile.get_attribute("href")


# ---------------------------------------------------------------------------- one number format


def test_the_one_formatter_writes_numbers_as_each_language_does():
    from renderers.numbers import integer, percent
    assert [integer(1976, "es"), integer(1976, "en"), integer(12345, "es")] == ["1976", "1,976", "12\u00a0345"]
    assert [percent(0.796, "es"), percent(0.796, "en")] == ["79,6\u00a0%", "79.6%"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_pages_with_figures_write_numbers_in_their_languages_one_format(site, language):
    wrong = {"es": re.compile(r"\b\d{1,3},\d{3}\b|\d\.\d\s?%"), "en": re.compile(r"\d\s%|\d,\d\s?%")}[language]
    for url in ("regiones/", "regiones/lima/", "regiones/piura/", "politica/localizacion-focalizacion/",
                "politica/nota-metodologica/", "publico/trata-en-5-minutos/", "publico/mitos-y-realidades/",
                "datos/"):
        article = BeautifulSoup(str(html(site, PREFIXES[language] + url).select_one("article")), "html.parser")
        # Source titles, and the sources' own words about each figure, are quoted as published.
        for sources in article.select("#fuentes ~ ul, .figure-sources"):
            sources.decompose()
        text = article.get_text("|").replace("\u00a0", " ")  # "|": cells do not run into each other
        assert not wrong.findall(text), (url, wrong.findall(text))
