"""What a reader does in Chromium: load pages, switch language, leave quickly, stay private.

The quick exit by tap, click and three Shift presses, its words and its count, from every state
the site has: test_quick_exit.py."""

import pytest

from bench.first_load import PAGE_KINDS
from conftest import NEUTRAL_SITE, PREFIXES, fake_neutral_site, watch_page

# One page of every kind, in both languages. test_budgets.py loads the kinds it measures
# (bench.first_load.PAGE_KINDS) once and checks the same there.
SAMPLE_PAGES = [
    "", "politica/", "politica/prevencion/", "politica/factores-socioeconomicos/",
    "politica/reduccion-tolerancia/", "politica/cultura-rechazo/", "politica/localizacion-focalizacion/",
    "politica/nota-metodologica/", "regiones/", "regiones/madre-de-dios/", "capacitacion/",
    "capacitacion/que-es-la-trata/", "capacitacion/que-es-la-trata/cuestionario/",
    "capacitacion/que-es-la-trata/hoja/", "publico/como-ocurre/", "denunciar/", "glosario/",
    "contexto/marco-legal/", "acerca/", "seguridad/",
]
PAGES_BOTH_LANGUAGES = [prefix + url for prefix in PREFIXES.values() for url in SAMPLE_PAGES
                        if url not in PAGE_KINDS.values()]


@pytest.mark.parametrize("url", PAGES_BOTH_LANGUAGES)
def test_page_loads_with_no_console_error_no_csp_violation_and_no_outside_request(visit, url):
    watched, after_idle = watch_page(visit.page, visit.base)
    visit.goto(url)
    visit.page.wait_for_load_state("networkidle")
    after_idle(visit.page)
    assert watched.statuses == [200]
    assert watched.console_errors == []
    assert watched.csp_violations == []
    assert watched.outside_requests() == []


@pytest.mark.parametrize("start, arrival, language", [
    ("contexto/marco-legal/#protocolo-de-palermo", "en/contexto/marco-legal/#protocolo-de-palermo", "en"),
    ("en/politica/cultura-denuncia/", "politica/cultura-denuncia/", "es"),
], ids=["to English, the same section", "back to Spanish"])
def test_the_language_switch_opens_the_same_page_in_the_other_language(visit, start, arrival, language):
    visit.goto(start)
    visit.page.click("a.language-switch")
    visit.page.wait_for_load_state("load")
    assert visit.page.url == visit.base + arrival
    assert visit.page.evaluate("document.documentElement.lang") == language


def test_quick_exit_blanks_the_page_before_leaving(visit):
    fake_neutral_site(visit.page)
    visit.goto("seguridad/")
    # Read the page in the same task as the click: before the browser starts to leave.
    body, visibility = visit.page.evaluate("""() => {
        document.querySelector('header .quick-exit').click();
        return [document.body.textContent, getComputedStyle(document.body).visibility];
    }""")
    assert (body, visibility) == ("", "hidden")
    visit.page.wait_for_url(NEUTRAL_SITE)


def test_assistive_technology_finds_the_quick_exit_link_first_after_the_skip_link(visit):
    visit.goto("politica/")
    visit.page.keyboard.press("Tab")
    first = visit.page.evaluate("document.activeElement.className")
    if "md-skip" in first and "quick-exit-skip" not in first:
        visit.page.keyboard.press("Tab")
    focused = visit.page.evaluate("[document.activeElement.className, document.activeElement.textContent.trim()]")
    assert "quick-exit-skip" in focused[0]
    assert focused[1].startswith("Salir rápido de esta página")


def test_the_site_sets_no_cookie_and_stores_only_the_palette_choice(visit):
    visit.goto("")
    visit.page.click("[data-md-component=palette] button")
    visit.goto("politica/")
    assert visit.page.context.cookies() == []
    assert visit.page.evaluate("document.cookie") == ""
    local = visit.page.evaluate("Object.keys(localStorage)")
    assert [key.rsplit(".", 1)[-1] for key in local] == ["__palette"]
    assert visit.page.evaluate("sessionStorage.length") == 0
