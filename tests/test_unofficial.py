"""Honest about what the site is (issue 25): every page says, above its title and on a phone's first
screen, that the site is an independent, unofficial explanation and who publishes it (a setting:
`extra.publisher`, SITE_PUBLISHER, which says so when unset); every citation names the site's
publisher as the publisher and the policy as its subject; the corrections route ends honestly."""

from __future__ import annotations

import re
from types import SimpleNamespace
from urllib.parse import urljoin

import pytest

from conftest import (CORRECTIONS_ADDRESS, LANGUAGES, PREFIXES, PUBLISHER_CONTACT, PUBLISHER_NAME, ROOT, build_error, built_pages,
                      edit, html, language_of_page)

import content_model
from content_model import catalogue

# What the site is called in each language: the policy's name with the qualifier.
QUALIFIER = {"es": "explicada", "en": "explained"}
POLICY_NAME = {"es": "Política Nacional frente a la Trata de Personas", "en": "National Policy against Trafficking in Persons"}


def _ui(language: str) -> dict:
    return catalogue.words(language, "ui")


def _text(element) -> str:
    return re.sub(r"\s+", " ", element.get_text(" ")).strip()


def _url(site, path) -> str:
    return path.relative_to(site).as_posix().removesuffix("index.html")


def _policy_urls(language: str) -> list[str]:
    tree = content_model.load_site(ROOT / "docs").tree(language)
    return [node.url for node in tree.nodes] + [PREFIXES[language] + "politica/completa/"]


# ---------------------------------------------------------------------------- every page


def test_every_page_says_above_its_title_that_the_site_is_unofficial_and_that_no_publisher_is_named_yet(site):
    pages = built_pages(site)
    assert len(pages) > 200
    for path in pages:
        language = language_of_page(site, path)
        ui, page = _ui(language), html(site, path.relative_to(site).as_posix())
        status = page.select_one("article > .site-status")
        assert status is not None, path
        text = _text(status)
        assert ui["status_unofficial"] in text and ui["status_publisher_unset"] in text, path
        # Above the title: the first thing in the content, before the page's <h1>.
        assert status.find_previous_sibling() is None and status.find_previous("h1") is None, path
        assert status.find_next("h1") is not None, path
        href = urljoin("/" + _url(site, path), status.select_one("a")["href"])
        assert href == f"/{PREFIXES[language]}acerca/#quien-publica", (path, href)
        footer = page.select_one(".md-copyright.edition")
        assert ui["status_publisher_unset"] in _text(footer), path


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_sites_name_in_the_header_and_the_window_title_says_it_explains_the_policy(site, language):
    for url in (PREFIXES[language], PREFIXES[language] + "politica/", PREFIXES[language] + "politica/cultura-rechazo/"):
        page = html(site, url)
        name = _text(page.select_one(".md-header__topic .md-ellipsis"))
        assert POLICY_NAME[language] in name and QUALIFIER[language] in name, (url, name)
        assert QUALIFIER[language] in page.select_one("title").get_text(), url


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_about_page_says_the_site_is_not_official_and_that_no_publisher_is_named(site, language):
    article = html(site, PREFIXES[language] + "acerca/").select_one("article")
    section = article.select_one("#quien-publica").find_next_sibling("p")
    assert ("No es un sitio oficial" if language == "es" else "not an official site") in _text(section)
    box = article.select_one(".site-publisher--none")
    assert box is not None and _ui(language)["publisher_unset"] in _text(box)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_citation_names_the_publisher_the_unofficial_site_and_the_policy_as_its_subject(site, language):
    ui = _ui(language)
    for url in _policy_urls(language):
        cite = html(site, url).select_one(".policy-cite__text")
        text = _text(cite)
        assert text.startswith(ui["cite_publisher_unset"] + " ."), (url, text)
        work = cite.select_one("em").get_text()
        assert QUALIFIER[language] in work, url  # the work cited is the site, not the policy
        assert f"{ui['cite_in']}: {work} , {ui['cite_site_kind']}," in text, (url, text)
        assert f"{ui['cite_subject']}: {ui['cite_policy']}" in text, url
        # The old citation's "In: <policy's name>, edition" is gone.
        assert not re.search(rf"{ui['cite_in']}: {re.escape(POLICY_NAME[language])} ,", text), url


def test_with_a_publisher_every_page_every_citation_and_the_about_page_name_it(published):
    out = published.site
    for path in built_pages(out):
        language = language_of_page(out, path)
        page = html(out, path.relative_to(out).as_posix())
        expected = _ui(language)["status_publisher"].replace("{name}", PUBLISHER_NAME)
        assert expected in _text(page.select_one(".site-status")), path
        assert expected in _text(page.select_one(".md-copyright.edition")), path
        assert '&amp; Asociados' in str(page.select_one(".site-status")), path  # escaped, not raw
    for language in LANGUAGES:
        for url in _policy_urls(language):
            cite = html(out, url).select_one(".policy-cite__text")
            assert cite.select_one(".policy-cite__publisher").get_text() == PUBLISHER_NAME, url
        about = html(out, PREFIXES[language] + "acerca/").select_one(".site-publisher")
        assert PUBLISHER_NAME in _text(about) and about.select_one("a")["href"] == PUBLISHER_CONTACT


# ---------------------------------------------------------------------------- corrections


def test_without_an_address_no_footer_links_to_the_corrections_page(site):
    for path in built_pages(site):
        links = [a["href"] for a in html(site, path.relative_to(site).as_posix()).select(".md-copyright.edition a")]
        assert not [href for href in links if "correcciones" in href], path


@pytest.mark.parametrize("language", LANGUAGES)
def test_without_an_address_or_a_publisher_the_corrections_page_says_there_is_nowhere_yet(site, language):
    box = html(site, PREFIXES[language] + "correcciones/").select_one(".corrections-address--none")
    assert _ui(language)["corrections_none"] in _text(box)
    assert _ui(language)["corrections_no_publisher"] in _text(box)


def _corrections_page(language: str, publisher: dict, address: str = "") -> str:
    import corrections as hook

    config = SimpleNamespace(extra={"ui": {language: _ui(language)}, "publisher": publisher,
                                    "corrections": {"address": address, "href": f"mailto:{address}"}},
                             theme={"language": language})
    return hook.on_page_markdown("Lead.\n\n<!-- corrections: address -->\n", SimpleNamespace(), config)


@pytest.mark.parametrize("language", LANGUAGES)
def test_without_an_address_the_corrections_page_says_how_to_reach_the_publisher(language):
    ui = _ui(language)
    named = {"name": "Red & Co", "contact": "hola@example.org", "href": "mailto:hola@example.org"}
    page = _corrections_page(language, named)
    assert "Red &amp; Co" in page and '<a href="mailto:hola@example.org">hola@example.org</a>' in page
    assert ui["corrections_publisher"].split("{")[0] in page
    no_contact = _corrections_page(language, {**named, "contact": "", "href": ""})
    assert ui["corrections_publisher_no_contact"].replace("{name}", "Red &amp; Co") in no_contact
    nobody = _corrections_page(language, {"name": "", "contact": "", "href": ""})
    assert ui["corrections_no_publisher"] in nobody and "mailto:" not in nobody


def test_with_an_address_every_footer_links_to_the_corrections_page_of_its_language(published):
    out = published.site
    for path in [p for p in built_pages(out) if p.name == "index.html"]:  # 404.html links from the site's root
        url = _url(out, path)
        language = language_of_page(out, path)
        links = [a["href"] for a in html(out, path.relative_to(out).as_posix()).select(".md-copyright.edition a")]
        assert f"/{PREFIXES[language]}correcciones/" in {urljoin("/" + url, href) for href in links}, url
    box = html(out, "correcciones/").select_one(".corrections-address a")
    assert box["href"] == f"mailto:{CORRECTIONS_ADDRESS}"


# ---------------------------------------------------------------------------- a bad setting


def test_a_publishers_contact_that_is_no_address_stops_the_build(project):
    edit(project / "mkdocs.yml", 'contact: !ENV [SITE_PUBLISHER_CONTACT, ""]', 'contact: "write to us"')
    edit(project / "mkdocs.yml", 'name: !ENV [SITE_PUBLISHER, ""]', 'name: "Red Ejemplo"')
    assert build_error(project) == (
        "mkdocs.yml, field 'extra.publisher.contact': 'write to us' is neither an e-mail address nor a web address. "
        "Fix: write an address such as 'contacto@example.org' or 'https://example.org/contacto', or leave it empty.")


def test_a_contact_without_a_publishers_name_stops_the_build(project):
    edit(project / "mkdocs.yml", 'contact: !ENV [SITE_PUBLISHER_CONTACT, ""]', 'contact: "hola@example.org"')
    assert build_error(project) == (
        "mkdocs.yml, field 'extra.publisher.contact': a contact is given but no publisher's name. "
        "Fix: set 'extra.publisher.name' (SITE_PUBLISHER) too: a reader must know whose address it is.")


def test_a_publishers_name_with_markup_stops_the_build(project):
    edit(project / "mkdocs.yml", 'name: !ENV [SITE_PUBLISHER, ""]', 'name: "<b>Red</b>"')
    assert build_error(project) == (
        "mkdocs.yml, field 'extra.publisher.name': '<b>Red</b>' is not a name of one short line. "
        "Fix: write the person's or organisation's name, on one line of at most 120 characters, without markup.")


# ---------------------------------------------------------------------------- in the browser

FIRST_SCREEN = (360, 640)
_BOX = """el => { const r = el.getBoundingClientRect();
  return {top: r.top, bottom: r.bottom, left: r.left, right: r.right,
          shown: el.checkVisibility({visibilityProperty: true, opacityProperty: true})}; }"""


@pytest.mark.parametrize("language", LANGUAGES)
def test_on_a_phones_first_screen_the_statement_sits_with_the_call_button_and_the_quick_exit(browser, server, language):
    width, height = FIRST_SCREEN
    context = browser.new_context(viewport={"width": width, "height": height}, is_mobile=True, has_touch=True,
                                  device_scale_factor=2)
    page = context.new_page()
    inside = lambda box: box["shown"] and box["top"] >= 0 and box["bottom"] <= height and box["left"] >= 0 \
        and box["right"] <= width
    # One page of each kind a reader lands on: home, a policy page, a public page, the whole structure.
    for url in ("", "politica/cultura-rechazo/", "publico/si-te-pasa-a-ti/", "politica/completa/"):
        page.goto(server + PREFIXES[language] + url, wait_until="load")
        for selector in (".site-status", ".report-strip__tel", ".md-header .quick-exit"):
            box = page.locator(selector).first.evaluate(_BOX)
            assert inside(box), (url, selector, box)
        title = page.locator("article h1").first.evaluate(_BOX)
        assert page.locator(".site-status").evaluate(_BOX)["bottom"] <= title["top"], url
    context.close()
