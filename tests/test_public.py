"""The pages for the public: complete, fictional where they tell stories, plain, and with the
only phone numbers the facts sheet gives."""

import re

import pytest

from bench import readability
from conftest import LANGUAGES, built_pages, html

PUBLIC_PAGES = ["publico/", "publico/trata-en-5-minutos/", "publico/como-ocurre/", "publico/oferta-de-trabajo/",
                "publico/mitos-y-realidades/", "publico/si-te-pasa-a-ti/", "publico/que-puedes-hacer/",
                "publico/rechazar-la-trata/", "publico/por-que-denunciar/", "denunciar/", "seguridad/"]

# Facts sheet, section 5: the only numbers the site may show, as tel: targets.
ALLOWED_TEL = {"tel:1818", "tel:100", "tel:105", "tel:080015170"}

# Text that would be a phone number in Peru: a 0800 line, a nine-digit mobile, a Lima landline.
_PHONE_LIKE = re.compile(r"\b0800[\s-]?\d[\d\s-]{3,}\d|\b9\d{2}[\s-]?\d{3}[\s-]?\d{3}\b|\(0?1\)\s?\d{3}[\s-]?\d{4}")

# Plain-language ceiling: Peru's state writing guide asks for short sentences; 20 words on
# average is the usual plain-language limit (the issue names it), and the public pages for
# phone readers aim well below it.
MAX_AVERAGE_SENTENCE_WORDS = 20


def _prefix(language):
    return "" if language == "es" else "en/"


def _article_text(site, url):
    article = html(site, url).select_one("article")
    return article.get_text(" ", strip=True)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_public_page_exists_with_its_twin(site, language):
    for url in PUBLIC_PAGES:
        assert (site / _prefix(language) / url / "index.html").is_file(), url


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_story_says_it_is_fictional(site, language):
    page = html(site, _prefix(language) + "publico/como-ocurre/")
    stories = [h for h in page.select("article h2") if (h.get("id") or "").startswith("historia-")]
    assert len(stories) >= 4
    label = {"es": "ficticia", "en": "fictional"}[language]
    for heading in stories:
        section = []
        for sibling in heading.find_next_siblings():
            if sibling.name == "h2":
                break
            section.append(sibling.get_text(" ", strip=True).lower())
        assert label in " ".join(section), heading.get_text()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_myths_page_answers_at_least_ten_myths(site, language):
    page = html(site, _prefix(language) + "publico/mitos-y-realidades/")
    myths = [h for h in page.select("article h3") if (h.get("id") or "").startswith("mito-")]
    fact = {"es": "Lo cierto:", "en": "Fact:"}[language]
    answered = [m for m in myths if m.find_next_sibling("p") and m.find_next_sibling("p").get_text().startswith(fact)]
    assert len(answered) >= 10 and len(answered) == len(myths)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_reporting_page_links_every_channel_as_a_phone_call(site, language):
    page = html(site, _prefix(language) + "denunciar/")
    tel_links = {a["href"] for a in page.select("article a[href^='tel:']")}
    assert tel_links == ALLOWED_TEL


def test_no_other_phone_number_appears_anywhere_on_the_site(site):
    offenders = []
    for path in built_pages(site):
        page = html(site, path.relative_to(site).as_posix())
        for link in page.select("a[href^='tel:']"):
            if link["href"] not in ALLOWED_TEL:
                offenders.append(f"{path}: {link['href']}")
        for match in _PHONE_LIKE.finditer(page.get_text(" ")):
            if re.sub(r"\D", "", match.group()) != "080015170":
                offenders.append(f"{path}: {match.group()!r}")
        assert "0800-2-3232" not in page.get_text(), path
    assert offenders == []


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_spanish_public_pages_are_plain_language(site, url):
    """Short sentences; the score (Fernández-Huerta, with a Spanish syllabifier) is held by
    tests/test_readability.py, on the same prose (bench.readability.main_text)."""
    sentences, words = readability.sentences_and_words(readability.main_text(html(site, url)))
    per_sentence = len(words) / sentences
    assert per_sentence <= MAX_AVERAGE_SENTENCE_WORDS, f"{url}: {per_sentence:.1f} words per sentence"


@pytest.mark.parametrize("language", LANGUAGES)
def test_recruitment_through_a_false_romance_is_explained_with_its_signs_and_sources(site, language):
    """Issue #26: a boyfriend or an online romance as a way of recruiting ("falso enamoramiento"),
    in her words, with its warning signs, sourced from the facts sheet's section 6, and reached
    from the page written for her."""
    page = html(site, _prefix(language) + "publico/como-ocurre/")
    heading = page.select_one("article h2#falso-enamoramiento")
    assert heading is not None
    section = []
    for sibling in heading.find_next_siblings():
        if sibling.name == "h2":
            break
        section.append(sibling)
    signs = [li for element in section if element.name == "ul" for li in element.select("li")]
    assert len(signs) >= 4, signs
    text = " ".join(element.get_text(" ", strip=True) for element in section)
    assert "enamoramiento digital" in text and "loverboys" in text
    assert any(a.get("href") == "tel:1818" and "call-button" in a.get("class", []) for e in section for a in e.select("a"))
    sources = page.select_one("#fuentes").find_next("ul").get_text(" ", strip=True)
    sponsored = {"es": "contenido patrocinado", "en": "sponsored content"}[language]
    assert re.search(rf"El Comercio, {sponsored}", sources), "the sponsored explainer says it is sponsored"
    links = {a["href"] for a in page.select("#fuentes ~ ul a[href]")}
    assert any("proycontra.com.pe" in href for href in links) and any(href.startswith("https://peru.com/") for href in links)
    her_page = html(site, _prefix(language) + "publico/si-te-pasa-a-ti/").select("article a[href]")
    assert any(a["href"].endswith("como-ocurre/#falso-enamoramiento") for a in her_page)
