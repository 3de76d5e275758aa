"""A "Report a correction" route (issue 18): the page that says what to send, and the configured
address, or a plain statement that none is configured yet. The footer links to it once an address is
configured, and the page says how to reach the publisher meanwhile: tests/test_unofficial.py (issue 25)."""

from __future__ import annotations

import pytest

from conftest import CORRECTIONS_ADDRESS, LANGUAGES, PREFIXES, build_error, edit, html, load_error

NONE = {"es": "Todavía no hay una dirección configurada", "en": "No address for corrections has been configured yet"}
CONFIG_LINE = 'address: !ENV [CORRECTIONS_ADDRESS, ""]'


@pytest.mark.parametrize("language", LANGUAGES)
def test_without_an_address_the_page_and_the_note_say_so_plainly(site, language):
    for url in ("correcciones/", "politica/nota-metodologica/"):
        article = html(site, PREFIXES[language] + url).select_one("article")
        box = article.select_one(".corrections-address--none")
        assert box is not None and NONE[language] in box.get_text(), url
        assert not article.select('a[href^="mailto:"]')
    text = html(site, PREFIXES[language] + "correcciones/").select_one("article").get_text(" ")
    assert ("La fuente que la respalda" if language == "es" else "The source that supports it") in text


def test_a_configured_address_is_shown_and_linked(published):
    out = published.site  # mkdocs.yml there has `address: <CORRECTIONS_ADDRESS>`
    for url in ("correcciones/", "en/correcciones/", "politica/nota-metodologica/"):
        link = html(out, url).select_one(".corrections-address a")
        assert link["href"] == f"mailto:{CORRECTIONS_ADDRESS}" and link.get_text() == CORRECTIONS_ADDRESS
        assert html(out, url).select_one(".corrections-address--none") is None


def test_a_malformed_address_stops_the_build(project):
    edit(project / "mkdocs.yml", CONFIG_LINE, "address: write to us")
    assert build_error(project) == (
        "mkdocs.yml, field 'extra.corrections.address': 'write to us' is neither an e-mail address nor a web "
        "address. Fix: write an address such as 'correcciones@example.org' or 'https://example.org/correcciones', "
        "or leave it empty.")


def test_an_unknown_corrections_marker_stops_the_build(project):
    edit(project / "docs/correcciones.en.md", "<!-- corrections: address -->", "<!-- corrections: email -->")
    assert load_error(project) == ("docs/correcciones.en.md: '<!-- corrections: email -->' is not a known marker. "
                                    "Fix: use one of: <!-- corrections: address -->.")
