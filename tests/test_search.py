"""Search in Chromium: the reader's language only, accents ignored, titles first, loaded on use."""

import json

import pytest

from conftest import wait_until

QUERIES = {
    "es": [
        ("Desarrollo de una cultura de rechazo", "politica/cultura-rechazo/"),
        ("centros de acogida", "politica/centros-acogida/"),
        ("Fomento de la predictibilidad", "politica/predictibilidad/"),
        ("proteccion", "politica/proteccion/"),
        ("espacios de explotacion", "politica/intervencion-espacios-explotacion/"),
        ("Madre de Dios", "regiones/madre-de-dios/"),
        ("Loreto", "regiones/loreto/"),
        ("Protocolo de Palermo", "contexto/marco-legal/"),
        ("mitos y realidades", "publico/mitos-y-realidades/"),
        ("glosario", "glosario/"),
        ("Qué es la trata de personas", "capacitacion/que-es-la-trata/"),
        ("1818", "denunciar/"),
    ],
    "en": [
        ("Developing a culture of rejection", "en/politica/cultura-rechazo/"),
        ("Developing shelters", "en/politica/centros-acogida/"),
        ("Promoting predictability", "en/politica/predictibilidad/"),
        ("prevention", "en/politica/prevencion/"),
        ("places of exploitation", "en/politica/intervencion-espacios-explotacion/"),
        ("Madre de Dios", "en/regiones/madre-de-dios/"),
        ("Cusco", "en/regiones/cusco/"),
        ("Palermo Protocol", "en/contexto/marco-legal/"),
        ("myths and facts", "en/publico/mitos-y-realidades/"),
        ("glossary", "en/glosario/"),
        ("What trafficking in persons is", "en/capacitacion/que-es-la-trata/"),
        ("1818", "en/denunciar/"),
    ],
}


def _search(visit, query):
    """Type a query and return the result addresses, site-relative, in rank order."""
    visit.page.fill("#site-search-input", query)
    wait_until(visit.page, "document.querySelector('#site-search-status').textContent.length > 0")
    hrefs = visit.page.eval_on_selector_all(".site-search__link", "links => links.map(a => a.href)")
    return [href[len(visit.base):].split("#")[0] for href in hrefs]


def _open_search(visit, start):
    visit.goto(start)
    visit.page.click("[data-search-open]")
    wait_until(visit.page, "window.__siteSearchIndex !== undefined")


@pytest.mark.parametrize("language", ["es", "en"])
def test_each_query_finds_its_page_in_the_top_three_and_nothing_in_the_other_language(visit, language):
    _open_search(visit, "" if language == "es" else "en/")
    for query, expected in QUERIES[language]:
        results = _search(visit, query)
        assert expected in results[:3], f"{query!r}: {results[:5]}"
        assert all(r.startswith("en/") == (language == "en") for r in results), f"{query!r}: {results}"


@pytest.mark.parametrize("language", ["es", "en"])
def test_a_guidelines_exact_title_returns_its_page_first(visit, language):
    _open_search(visit, "" if language == "es" else "en/")
    query, expected = QUERIES[language][0]
    assert _search(visit, query)[0] == expected


def test_accents_and_case_do_not_matter(visit):
    _open_search(visit, "politica/")
    with_accents = _search(visit, "Explotación")
    without = _search(visit, "explotacion")
    assert with_accents and with_accents == without
    assert _search(visit, "PROTECCIÓN") == _search(visit, "proteccion")


def test_the_search_index_is_not_downloaded_until_the_reader_opens_search(visit):
    visit.goto("politica/cultura-rechazo/")
    visit.page.wait_for_load_state("networkidle")
    assert [r for r in visit.requests if "/search/" in r] == []
    visit.page.click("[data-search-open]")
    wait_until(visit.page, "window.__siteSearchIndex !== undefined")
    assert [r.rsplit("/", 1)[-1] for r in visit.requests if "/search/" in r] == ["index.es.js"]


def test_an_english_reader_downloads_only_the_english_index(visit):
    visit.goto("en/politica/")
    visit.page.keyboard.press("Control+k")
    wait_until(visit.page, "window.__siteSearchIndex !== undefined")
    assert [r.rsplit("/", 1)[-1] for r in visit.requests if "/search/" in r] == ["index.en.js"]


def test_a_result_opens_the_right_page(visit):
    _open_search(visit, "en/")
    _search(visit, "Cusco")
    visit.page.click(".site-search__link >> nth=0")
    visit.page.wait_for_load_state("load")
    assert visit.page.url.startswith(visit.base + "en/regiones/cusco/")
    assert visit.page.evaluate("document.documentElement.lang") == "en"


def test_the_search_dialog_has_an_accessible_name_and_closes_with_escape(visit):
    _open_search(visit, "")
    dialog = visit.page.locator("dialog#site-search")
    assert dialog.get_attribute("aria-labelledby") == "site-search-title"
    assert visit.page.inner_text("#site-search-title") == "Buscar en el sitio"
    visit.page.keyboard.press("Escape")
    assert not dialog.is_visible()
    assert visit.page.evaluate("document.activeElement.hasAttribute('data-search-open')")


@pytest.mark.parametrize("language", ["es", "en"])
def test_a_trainers_pack_is_found_by_its_cover_not_by_the_pages_it_repeats(site, language):
    """Otherwise every search for words of a session plan would list the plan and the pack."""
    text = (site / "search" / f"index.{language}.js").read_text(encoding="utf-8")
    pages = json.loads(text[text.index("{"):].rstrip().rstrip(";"))["pages"]
    prefix = "" if language == "es" else "en/"
    packs = [page for page in pages if page["u"].startswith(prefix + "capacitacion/") and page["u"].endswith("/paquete/")]
    plans = {page["u"]: page for page in pages if page["u"].endswith("/plan/")}
    assert len(packs) == 6
    for pack in packs:
        plan = plans[pack["u"].replace("/paquete/", "/plan/")]
        plan_text = " ".join(section[2] for section in plan["s"])
        pack_text = " ".join(section[2] for section in pack["s"])
        assert len(plan_text) > 500
        assert plan_text[200:300] not in pack_text, pack["u"]
