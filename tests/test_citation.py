"""What an official can cite (issue 18): the reconstruction caveat where readers land, and citations
with an absolute address, a date of access and a copy button, on every policy page in both languages."""

from __future__ import annotations

import datetime
import re

import pytest

from conftest import LANGUAGES, PREFIXES, PUBLISHED_URL, ROOT, html, shared_tab

import content_model

WHOLE_POLICY = "politica/completa/"


def _ui(language: str) -> dict:
    from content_model import catalogue

    return catalogue.words(language, "ui")


def _nodes(language: str):
    return content_model.load_site(ROOT / "docs").tree(language).nodes


def _text(element) -> str:
    return re.sub(r"\s+", " ", element.get_text(" ")).strip()


# ---------------------------------------------------------------------------- the built pages


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_policy_page_states_the_reconstruction_in_its_path_its_diagram_and_its_citation(site, language):
    note = _ui(language)["reconstruction_note"]
    for node in _nodes(language):
        page = html(site, node.url)
        assert note in _text(page.select_one(".policy-path__notes")), node.url
        assert note in _text(page.select_one(".policy-cite")), node.url
        caption = page.select_one("figure.diagram figcaption")
        assert caption is not None and note in _text(caption), node.url
        if node.parent:
            assert note in _text(page.select_one(".policy-context")), node.url
        link = page.select_one(".policy-path__notes a")
        assert link["href"].endswith("nota-metodologica/"), node.url


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_caveat_is_written_once_in_the_catalogue_of_interface_words(language):
    note = _ui(language)["reconstruction_note"]
    sources = [p for p in (ROOT / "overrides").rglob("*.html")] + list((ROOT / "hooks").rglob("*.py"))
    assert not [str(p) for p in sources if note in p.read_text(encoding="utf-8")]


def test_english_policy_pages_show_the_posters_spanish_title_beside_the_english_one(site):
    spanish = {node.id: node.title for node in _nodes("es")}
    for node in _nodes("en"):
        page = html(site, node.url)
        title = spanish[node.id]
        shown = page.select_one('.policy-path__spanish span[lang="es"]')
        assert shown is not None and shown.get_text() == title, node.url
        cite = page.select_one(".policy-cite")
        assert node.title in _text(cite) and cite.select_one('span[lang="es"]').get_text() == title, node.url
    for node in _nodes("es"):
        assert html(site, node.url).select_one(".policy-path__spanish") is None


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_whole_policy_is_cited_like_any_policy_page(site, language):
    page = html(site, PREFIXES[language] + WHOLE_POLICY)
    cite = page.select_one(".policy-cite")
    assert "001-2015-JUS" in _text(cite)
    assert page.select_one("h1").get_text(strip=True).rstrip("¶") in _text(cite)
    assert cite.select_one("[data-citation-url]").get_text() == PREFIXES[language] + WHOLE_POLICY
    assert cite.select_one("[data-citation-date]") is not None
    assert cite.select_one("button[data-citation-copy]") is not None


def test_acerca_no_longer_claims_what_the_pages_did_not_do(site):
    for language in LANGUAGES:
        text = _text(html(site, PREFIXES[language] + "acerca/").select_one("article"))
        assert "lo decimos en cada página" not in text and "we say so on each page" not in text


def test_with_the_sites_address_the_citation_is_absolute_in_the_html(published):
    out = published.site
    for url in ("politica/prevencion/", "en/politica/cultura-rechazo/", WHOLE_POLICY, "en/" + WHOLE_POLICY):
        cite = html(out, url).select_one(".policy-cite [data-citation-url]")
        assert cite.get_text() == PUBLISHED_URL + url
        assert not cite.has_attr("data-citation-relative")
    data = (out / "datos" / "lineamientos.es.csv").read_text(encoding="utf-8-sig")
    assert PUBLISHED_URL + "politica/prevencion/" in data
    whole = html(out, WHOLE_POLICY).select_one(".whole-policy")
    assert whole["data-print-address"] == PUBLISHED_URL + WHOLE_POLICY


# ---------------------------------------------------------------------------- in the browser


def _today(language: str) -> str:
    months = {"es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
                     "octubre", "noviembre", "diciembre"],
              "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                     "October", "November", "December"]}[language]
    today = datetime.date.today()
    return f"{today.day} de {months[today.month - 1]} de {today.year}" if language == "es" else \
        f"{today.day} {months[today.month - 1]} {today.year}"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("url", ["politica/cultura-denuncia/", WHOLE_POLICY])
def test_a_copied_citation_holds_the_pages_absolute_address_and_the_date_of_access(request, shared_contexts, server,
                                                                                language, url):
    with shared_tab(request, shared_contexts, server, {"permissions": ["clipboard-read", "clipboard-write"]}) as page:
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        address = server + PREFIXES[language] + url
        page.goto(address + "#como-citar")
        button = page.locator("button[data-citation-copy]")
        assert button.is_visible()
        button.click()
        status = page.locator("[data-citation-status]")
        status.filter(has_text=re.compile(".+")).wait_for()
        copied = page.evaluate("navigator.clipboard.readText()")
        assert address in copied and "#" not in copied
        assert _today(language) in copied
        assert "001-2015-JUS" in copied and "\n" not in copied
        assert status.inner_text() == _ui(language)["cite_copied"]
        assert errors == []


def test_without_the_clipboard_api_the_citation_is_copied_or_selected_without_an_error(browser, server):
    context = browser.new_context()
    context.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined});")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
    page.goto(server + "politica/prevencion/")
    page.click("button[data-citation-copy]")
    status = page.locator("[data-citation-status]").inner_text()
    assert status in (_ui("es")["cite_copied"], _ui("es")["cite_selected"])
    selected = re.sub(r"\s+", " ", page.evaluate("String(window.getSelection())")).strip()
    assert selected.startswith(_ui("es")["cite_publisher_unset"]) and server + "politica/prevencion/" in selected
    assert errors == []
    context.close()


def test_without_javascript_the_citation_reads_whole_and_has_no_dead_button(browser, server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server + "politica/prevencion/")
    assert not page.locator("button[data-citation-copy]").is_visible()
    text = page.locator(".policy-cite__text").inner_text()
    assert "politica/prevencion/" in text and _ui("es")["cite_accessed_blank"] in text
    context.close()
