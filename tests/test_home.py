"""Help on the first screen, call buttons, and the page "Is this job offer safe?", in Chromium and
in the built HTML, both languages."""

from __future__ import annotations

import re

import pytest

from conftest import LANGUAGES, built_pages, html

PREFIXES = {"es": "", "en": "en/"}
OFFER_PAGE = "publico/oferta-de-trabajo/"
OFFER_WAY_IN = {"es": "¿Te ofrecieron un trabajo que parece demasiado bueno?",
                "en": "Were you offered a job that seems too good to be true?"}
DOORS = {"publico/", "capacitacion/", "politica/"}
MIN_TARGET = 44  # px, both ways: WCAG 2.5.5's target size for the main action

# Where calling is the main action: every call link there is a button.
CALL_PAGES = ["", "denunciar/", "seguridad/", OFFER_PAGE, "capacitacion/que-es-la-trata/hoja/",
              "capacitacion/cultura-de-denuncia/hoja/"]
# The lines of the facts sheet, section 5.
LINES = {"tel:1818", "tel:105", "tel:100", "tel:080015170"}

_BOX = """el => { const r = el.getBoundingClientRect();
  return {top: r.top, bottom: r.bottom, left: r.left, right: r.right, width: r.width, height: r.height,
          shown: el.checkVisibility({visibilityProperty: true, opacityProperty: true}),
          href: el.getAttribute('href'), text: el.textContent.trim()}; }"""

# The main call links of a page: the reporting strip's, the marked buttons, a handout's numbers.
_CALL_LINKS = """() => [...document.querySelectorAll(
  '.report-strip__tel, a.call-button, .md-typeset:has(> .training-page--handout) a[href^="tel:"]')]"""


@pytest.fixture
def tab(browser, server, request):
    width, height = getattr(request, "param", (360, 740))
    context = browser.new_context(viewport={"width": width, "height": height}, is_mobile=width < 500,
                                  has_touch=width < 500, device_scale_factor=2 if width < 500 else 1)
    page = context.new_page()
    page.base = server
    yield page
    context.close()


# ---------------------------------------------------------------------------- the first screen

@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("tab", [(360, 740), (320, 640), (1280, 800)], indirect=True,
                         ids=["360x740", "320x640", "1280x800"])
def test_the_first_screen_holds_the_call_button_the_job_offer_way_in_and_the_three_doors(tab, language):
    tab.goto(tab.base + PREFIXES[language], wait_until="load")
    viewport = tab.viewport_size
    if viewport["height"] < 740:
        pytest.skip("measured at 360x740 and above")  # a smaller phone scrolls a little: see below
    inside = lambda box: box["shown"] and box["top"] >= 0 and box["bottom"] <= viewport["height"] \
        and box["left"] >= 0 and box["right"] <= viewport["width"]
    sentence = tab.locator(".home-help > p").first.evaluate(_BOX)
    assert inside(sentence) and ("culpa" in sentence["text"] or "fault" in sentence["text"]), sentence
    call = tab.locator(".home-help a.call-button[href='tel:1818']").evaluate(_BOX)
    assert inside(call), call
    assert "1818" in call["text"] and ("opción 1" in call["text"] or "option 1" in call["text"])
    assert call["height"] >= MIN_TARGET and call["width"] >= viewport["width"] / 2 - 40, "a large button"
    offer = tab.get_by_role("link", name=OFFER_WAY_IN[language]).first.evaluate(_BOX)
    assert inside(offer) and offer["href"].rstrip("/").endswith("publico/oferta-de-trabajo"), offer
    doors = tab.locator(".home-doors a").evaluate_all(f"links => links.map({_BOX})")
    assert {re.sub(r"^(\.\./)*(en/)?", "", d["href"]) for d in doors} == DOORS
    for door in doors:
        assert inside(door) and door["height"] >= MIN_TARGET, door
    # The introduction for officials comes after all of it.
    about = tab.locator("#sobre-este-sitio").evaluate(_BOX)
    assert about["top"] > max(d["bottom"] for d in doors)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("tab", [(320, 640)], indirect=True, ids=["320x640"])
def test_on_a_smaller_phone_the_call_button_is_still_on_the_first_screen(tab, language):
    tab.goto(tab.base + PREFIXES[language], wait_until="load")
    call = tab.locator(".home-help a.call-button[href='tel:1818']").evaluate(_BOX)
    assert call["bottom"] <= 640 and call["right"] <= 320, call


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_home_page_in_html_puts_help_before_the_introduction(site, language):
    article = html(site, PREFIXES[language]).select_one("article")
    order = [el for el in article.find_all(True)
             if el.get("class") and {"home-help", "home-doors"} & set(el["class"]) or el.get("id") == "sobre-este-sitio"]
    assert [("home-help" in (e.get("class") or []), "home-doors" in (e.get("class") or []),
             e.get("id")) for e in order] == [(True, False, None), (False, True, None),
                                              (False, False, "sobre-este-sitio")]


# ---------------------------------------------------------------------------- call buttons

@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("tab", [(360, 740), (1280, 800)], indirect=True, ids=["360", "1280"])
def test_every_main_call_link_is_a_button_of_44_px_or_more(tab, language):
    for url in CALL_PAGES:
        tab.goto(tab.base + PREFIXES[language] + url, wait_until="load")
        links = tab.evaluate(f"({_CALL_LINKS})().map({_BOX})")
        hrefs = {link["href"] for link in links}
        assert "tel:1818" in hrefs, url
        if url in ("denunciar/", "seguridad/", OFFER_PAGE) or "hoja" in url:
            assert hrefs >= LINES, (url, hrefs)
        small = [link for link in links if link["width"] < MIN_TARGET or link["height"] < MIN_TARGET]
        assert not small, (url, small)


@pytest.mark.parametrize("language", LANGUAGES)
def test_on_the_reporting_and_safety_pages_every_line_has_its_button(site, language):
    for url in ("denunciar/", "seguridad/", OFFER_PAGE):
        buttons = {a["href"] for a in html(site, PREFIXES[language] + url).select("article a.call-button")}
        assert buttons == LINES, (url, buttons)


# ---------------------------------------------------------------------------- what the pages say

@pytest.mark.parametrize("language", LANGUAGES)
def test_the_reporting_page_says_what_happens_when_you_call_1818_and_that_you_need_not_give_your_name(site, language):
    article = html(site, PREFIXES[language] + "denunciar/").select_one("article")
    section = article.select_one("#al-llamar-1818")
    assert section is not None
    steps = section.find_next_sibling("ol")
    text = steps.get_text(" ", strip=True)
    assert "1818" in text and {"es": "opción 1", "en": "option 1"}[language] in text
    assert {"es": "No tienes que dar tu nombre", "en": "You do not have to give your name"}[language] in text


def _sentences_naming(text: str, word: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text) if word in s]


def test_the_reporting_page_says_which_languages_each_line_answers_in_and_no_page_promises_aymara_on_1818(site):
    # 1818's Quechua is a 2022 report's word (facts §5), never a date the site vouches for.
    expected = {"es": (r"según (el|un) informe de 2022[^.]*1818[^.]*quechua|según un informe de 2022, la línea se amplió para atender a hablantes de quechua",
                       r"Línea 100[^.]*castellano, quechua y aimara|castellano, quechua y aimara"),
                "en": (r"according to (the|a) [^.]*2022 report[^.]*1818[^.]*Quechua|according to a 2022 report, the line has been expanded to serve Quechua speakers",
                       r"Línea 100[^.]*Quechua and Aymara|Spanish \(castellano\), Quechua and Aymara")}
    for language, (quechua, languages_of_100) in expected.items():
        text = html(site, PREFIXES[language] + "denunciar/").select_one("article").get_text(" ", strip=True)
        assert re.search(quechua, text, re.IGNORECASE), language
        assert re.search(languages_of_100, text), language
    for path in built_pages(site):
        text = html(site, path.relative_to(site).as_posix()).get_text(" ", strip=True)
        for sentence in _sentences_naming(text, "1818"):
            assert not re.search(r"aymara|aimara", sentence, re.IGNORECASE) or "100" in sentence, (path, sentence)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_safety_page_covers_call_logs_sync_private_windows_and_the_offline_exit(site, language):
    article = html(site, PREFIXES[language] + "seguridad/").select_one("article")
    ids = {h.get("id") for h in article.select("h2")}
    assert {"salida-rapida", "navegacion-privada", "registro-de-llamadas", "sincronizacion"} <= ids
    text = article.get_text(" ", strip=True)
    assert {"es": "No borra tu historial", "en": "It does not erase your browsing history"}[language] in text
    assert {"es": "Mantén presionada la llamada", "en": "Press and hold the call"}[language] in text
    assert {"es": "página en blanco", "en": "blank page"}[language] in text


# ---------------------------------------------------------------------------- the job-offer page

# The summary's word for a question, as a reader reads it in the singular and the plural.
QUESTION = {"es": "pregunta", "en": "question"}

@pytest.mark.parametrize("language", LANGUAGES)
def test_the_job_offer_page_is_linked_from_home_the_public_pages_and_the_reporting_strip(site, language):
    prefix = PREFIXES[language]
    def links_to_offer(url, scope):
        page = html(site, prefix + url)
        return [a for a in page.select(f"{scope} a[href]") if a["href"].rstrip("/").endswith("oferta-de-trabajo")
                or a["href"].endswith("oferta-de-trabajo/")]
    assert links_to_offer("", "article")
    for url in ("publico/", "publico/como-ocurre/", "publico/si-te-pasa-a-ti/", "publico/que-puedes-hacer/"):
        assert links_to_offer(url, "article"), url
    for url in ("", "denunciar/", "politica/", "capacitacion/"):
        assert links_to_offer(url, ".report-strip"), url
    nav = html(site, prefix + "publico/").select(".md-nav--primary a[href]")
    assert any(a["href"].rstrip("/").endswith("oferta-de-trabajo") for a in nav), "in the navigation"


@pytest.mark.parametrize("language", LANGUAGES)
def test_without_javascript_the_job_offer_check_is_a_plain_list_of_questions_and_advice(browser, server, language):
    context = browser.new_context(viewport={"width": 360, "height": 740}, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(server + PREFIXES[language] + OFFER_PAGE, wait_until="load")
        questions = page.locator("[data-offer-check] dt")
        advice = page.locator("[data-offer-check] dd")
        assert questions.count() >= 6 and advice.count() == questions.count()
        assert all(advice.nth(k).is_visible() for k in range(advice.count()))
        assert page.locator("[data-offer-check] input").count() == 0
        assert page.locator(".offer-check__without-js").is_visible()
    finally:
        context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_with_javascript_the_reader_ticks_what_applies_and_gets_the_matching_advice(tab, language):
    tab.goto(tab.base + PREFIXES[language] + OFFER_PAGE, wait_until="load")
    boxes = tab.locator("[data-offer-check] dt input[type=checkbox]")
    total = tab.locator("[data-offer-check] dt").count()
    assert boxes.count() == total >= 6
    advice = tab.locator("[data-offer-check] dd")
    assert not tab.locator(".offer-check__without-js").is_visible()
    assert tab.locator(".offer-check__hint").is_visible()
    assert not any(advice.nth(k).is_visible() for k in range(total)), "advice waits for a tick"
    # Ticking by the question's words (its label), as a reader does.
    first_question = tab.locator("[data-offer-check] dt label").nth(1)
    first_question.click()
    boxes.nth(4).check()
    shown = [k for k in range(total) if advice.nth(k).is_visible()]
    assert shown == [1, 4]
    summary = tab.locator(".offer-check__summary")
    assert summary.get_attribute("aria-live") == "polite" and summary.get_attribute("role") == "status"
    assert re.search(r"\b2\b", summary.inner_text()) and "1818" in summary.inner_text()
    assert re.search(rf"\b2 {QUESTION[language]}s de {total}\b|\b2 {QUESTION[language]}s of {total}\b", summary.inner_text())
    boxes.nth(1).uncheck()
    assert [k for k in range(total) if advice.nth(k).is_visible()] == [4]
    assert re.search(rf"\b1 {QUESTION[language]} (de|of) {total}\b", summary.inner_text()), summary.inner_text()
    boxes.nth(4).uncheck()
    from content_model import catalogue

    assert summary.inner_text() == catalogue.words(language, "offer_check")["none"]
    # Each advice is the one written under its question, and the box is named by the question.
    name = tab.locator("[data-offer-check] dt input").nth(4).evaluate("b => b.labels[0].textContent.trim()")
    assert name.endswith("?")
    assert tab.evaluate("localStorage.length + sessionStorage.length") == 0, "the ticks are not stored"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_job_offer_page_only_names_the_lines_of_the_facts_sheet(site, language):
    article = html(site, PREFIXES[language] + OFFER_PAGE).select_one("article")
    assert {a["href"] for a in article.select("a[href^='tel:']")} == LINES
    # Built from the site's own stories: it says so and links them.
    assert article.select_one("a[href$='como-ocurre/']") is not None
