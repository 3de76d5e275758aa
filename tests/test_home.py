"""Help on the first screen, call buttons, and the page "Is this job offer safe?", in Chromium and
in the built HTML, both languages."""

from __future__ import annotations

import re

import pytest

from conftest import LANGUAGES, PREFIXES, built_pages, html, shared_tab

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
def tab(shared_contexts, server, request):
    width, height = getattr(request, "param", (360, 740))
    options = {"viewport": {"width": width, "height": height}, "is_mobile": width < 500,
               "has_touch": width < 500, "device_scale_factor": 2 if width < 500 else 1}
    with shared_tab(request, shared_contexts, server, options) as page:
        page.base = server
        yield page


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
        # (the job-offer check's answer keeps its buttons hidden until a question is ticked)
        small = [link for link in links if link["shown"] and (link["width"] < MIN_TARGET or link["height"] < MIN_TARGET)]
        assert not small, (url, small)


def public_pages(site, language) -> list[str]:
    """The pages written for the public, by where they live: the home page, everything under
    publico/, denunciar and seguridad (a new public page is in the list by itself)."""
    prefix = PREFIXES[language]
    under = sorted(p.parent.relative_to(site / prefix).as_posix() + "/" for p in (site / prefix / "publico").rglob("index.html"))
    return [prefix + url for url in ["", "denunciar/", "seguridad/", *under]]


# What names each line on its button (facts sheet, section 5), and whether the call is free.
LINE_NAMES = {"tel:1818": (("trata", "trafficking"), True), "tel:105": (("Policía", "Police"), False),
              "tel:100": (("Línea 100",), True), "tel:080015170": (("Defensoría",), True)}
FREE = {"es": "gratis", "en": "free"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_number_a_public_page_links_has_a_call_button_that_says_what_it_calls(site, language):
    pages = public_pages(site, language)
    assert len(pages) >= 10 and PREFIXES[language] + "publico/si-te-pasa-a-ti/" in pages
    for url in pages:
        article = html(site, url).select_one("article")
        linked = {a["href"] for a in article.select("a[href^='tel:']")}
        buttons = article.select("a.call-button")
        assert linked <= {b["href"] for b in buttons}, (url, linked - {b["href"] for b in buttons})
        for button in buttons:
            text = button.get_text(" ", strip=True)
            names, free = LINE_NAMES[button["href"]]
            assert re.sub(r"\D", "", text).find(button["href"][4:]) >= 0, (url, text)  # it shows its number
            assert any(name in text for name in names), (url, text)
            assert (FREE[language] in text.lower()) == free, (url, text)


_HEADER_CONTROLS = """() => [...document.querySelectorAll('header a[href], header button, header label, header input')]
  .filter(el => el.checkVisibility({visibilityProperty: true, opacityProperty: true}))"""


@pytest.mark.parametrize("language", LANGUAGES)
def test_on_a_phone_each_public_pages_first_call_its_call_buttons_and_every_header_control_are_44_px(tab, site, language):
    """At 360 x 740 with touch: the page's first tel: (the reporting strip's), every call button in
    view of the page, and every control of the header, 44 x 44 px or more, and inside the screen."""
    for url in public_pages(site, language):
        tab.goto(tab.base + url, wait_until="load")
        first = tab.evaluate(f"() => ({_BOX})(document.querySelector('a[href^=\"tel:\"]'))")
        buttons = tab.evaluate(f"() => [...document.querySelectorAll('article a.call-button')].map({_BOX})")
        controls = tab.evaluate(f"() => ({_HEADER_CONTROLS})().map({_BOX})")
        assert first["shown"] and first["width"] >= MIN_TARGET and first["height"] >= MIN_TARGET, (url, first)
        assert any(b["shown"] for b in buttons), (url, "no call button")
        small = [b for b in buttons if b["shown"] and (b["width"] < MIN_TARGET or b["height"] < MIN_TARGET)]
        assert not small, (url, small)
        assert len(controls) >= 4, (url, controls)  # menu, light/dark, language, search, quick exit
        small = [c for c in controls if c["width"] < MIN_TARGET or c["height"] < MIN_TARGET
                 or c["left"] < 0 or c["right"] > tab.viewport_size["width"]]
        assert not small, (url, small)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("tab", [(320, 640), (1280, 800)], indirect=True, ids=["320x640", "1280x800"])
def test_every_header_control_is_44_px_and_on_the_screen_on_a_small_phone_and_a_desktop(tab, language):
    tab.goto(tab.base + PREFIXES[language] + "publico/", wait_until="load")
    controls = tab.evaluate(f"() => ({_HEADER_CONTROLS})().map({_BOX})")
    assert len(controls) >= 4, controls
    small = [c for c in controls if c["width"] < MIN_TARGET or c["height"] < MIN_TARGET
             or c["left"] < 0 or c["right"] > tab.viewport_size["width"]]
    assert not small, small


@pytest.mark.parametrize("language", LANGUAGES)
def test_on_the_reporting_and_safety_pages_every_line_has_its_button(site, language):
    for url in ("denunciar/", "seguridad/", OFFER_PAGE):
        buttons = {a["href"] for a in html(site, PREFIXES[language] + url).select("article a.call-button")}
        assert buttons == LINES, (url, buttons)


# ---------------------------------------------------------------------------- words kept whole

# Every word of four letters or more that a line breaks in two although it is narrower than the
# page's column of text: a box squeezed below its longest word, or a font too large for the screen
# (a word wider than the whole column may break: an address, or a long word hyphenated).
_BROKEN_WORDS = r"""() => {
  const broken = [], range = document.createRange();
  const column = document.querySelector('article'), style = getComputedStyle(column);
  const room = column.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  const walker = document.createTreeWalker(column, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, text = node.nodeValue, parent = node.parentElement;
    if (!parent || parent.closest('code, pre, svg, .visually-hidden') || !parent.checkVisibility()) continue;
    for (const m of text.matchAll(/\p{L}{4,}/gu)) {
      const token = text.slice(0, m.index).split(/\s/).pop() + text.slice(m.index).split(/\s/)[0];
      if (/[\/@:]|\.\p{L}/u.test(token)) continue;  // part of an address
      range.setStart(node, m.index); range.setEnd(node, m.index + m[0].length);
      const parts = [...range.getClientRects()].filter(r => r.width > 0);
      if (new Set(parts.map(r => Math.round(r.top))).size < 2) continue;
      const width = parts.reduce((sum, r) => sum + r.width, 0);
      if (width <= room) broken.push(m[0] + ' (' + Math.round(width) + ' px, the column ' + Math.round(room) + ')');
    }
  }
  return broken;
}"""

# One page of each kind a phone reader meets, and every public page.
WORD_PAGES = ["politica/", "politica/cultura-rechazo/", "regiones/madre-de-dios/", "capacitacion/",
              "capacitacion/que-es-la-trata/diapositivas/", "capacitacion/que-es-la-trata/hoja/", "glosario/"]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("tab", [(360, 740), (320, 640)], indirect=True, ids=["360x740", "320x640"])
def test_no_word_narrower_than_the_column_is_broken_in_two(tab, site, language):
    """The English home at 360 px read "Understan" + "d" in its first door."""
    for url in public_pages(site, language) + [PREFIXES[language] + url for url in WORD_PAGES]:
        tab.goto(tab.base + url, wait_until="load")
        assert tab.evaluate(_BROKEN_WORDS) == [], url


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_pages_about_her_own_situation_have_short_neutral_tab_titles(site, language):
    """What the tab and the browser's history show: not the site's name, nothing about trafficking."""
    # The policy's name, which the site's name carries (mkdocs.yml: "..., explicada").
    site_names = {"Política Nacional frente a la Trata de Personas", "National Policy against Trafficking in Persons"}
    for url in ("publico/si-te-pasa-a-ti/", OFFER_PAGE):
        title = html(site, PREFIXES[language] + url).select_one("title").get_text()
        assert not any(name in title for name in site_names), title
        assert not re.search(r"trata|traffick|explota|exploit|peligr|danger|ayuda|help", title, re.IGNORECASE), title
        assert 0 < len(title) <= 30, title
    # Other pages keep the site's name after theirs.
    other = html(site, PREFIXES[language] + "publico/").select_one("title").get_text()
    assert " - " in other and any(name in other.split(" - ", 1)[1] for name in site_names), other


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
        assert all(page.locator(".offer-check__without-js").nth(k).is_visible() for k in range(2))
        # After the questions, what to do and the buttons to call.
        calls = page.locator("[data-offer-answer] a.call-button")
        assert {calls.nth(k).get_attribute("href") for k in range(calls.count())} == {"tel:1818", "tel:105"}
        assert all(calls.nth(k).is_visible() for k in range(calls.count()))
    finally:
        context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_with_javascript_the_reader_ticks_what_applies_and_gets_the_matching_advice(tab, language):
    tab.goto(tab.base + PREFIXES[language] + OFFER_PAGE, wait_until="load")
    boxes = tab.locator("[data-offer-check] dt input[type=checkbox]")
    total = tab.locator("[data-offer-check] dt").count()
    assert boxes.count() == total >= 6
    advice = tab.locator("[data-offer-check] dd")
    assert not tab.locator(".offer-check__without-js").first.is_visible()
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


# What the reader sees after ticking: the answer's words and the call buttons in view.
_ANSWER = f"""() => ({{text: document.querySelector('.offer-check__summary').textContent,
  calls: [...document.querySelectorAll('[data-offer-answer] a[href^="tel:"]')].map({_BOX}).filter(b => b.shown)}})"""
DANGEROUS = {"es": "peligros", "en": "dangerous"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_job_offer_answer_grows_with_the_risk_one_sign_several_signs_under_18(tab, language):
    """One sign: a warning and the line to report. Several signs: it says the offer is dangerous,
    what to do now, and the police's button too. Under 18: its own answer, as plainly, with both
    buttons. Every button a real tel: link of 44 x 44 px or more; the advice per sign stays."""
    tab.goto(tab.base + PREFIXES[language] + OFFER_PAGE, wait_until="load")
    questions = tab.locator("[data-offer-check] dt")
    boxes = tab.locator("[data-offer-check] dt input[type=checkbox]")
    under_18 = [k for k in range(questions.count()) if questions.nth(k).get_attribute("id") == "senal-menor"]
    assert len(under_18) == 1
    minor, others = under_18[0], [k for k in range(boxes.count()) if k != under_18[0]]
    advice = tab.locator("[data-offer-check] dd")
    assert tab.evaluate(_ANSWER)["calls"] == [], "no button before a tick"

    def answer(ticked):
        for k in range(boxes.count()):
            boxes.nth(k).set_checked(k in ticked)
        assert [k for k in range(boxes.count()) if advice.nth(k).is_visible()] == sorted(ticked), "the advice per sign"
        seen = tab.evaluate(_ANSWER)
        for call in seen["calls"]:
            assert call["width"] >= MIN_TARGET and call["height"] >= MIN_TARGET, call
        return seen["text"], [call["href"] for call in seen["calls"]]

    one, one_calls = answer([others[0]])
    several, several_calls = answer([others[0], others[3]])
    alone, alone_calls = answer([minor])
    with_others, with_others_calls = answer([minor, others[1]])
    assert one_calls == ["tel:1818"] and DANGEROUS[language] not in one.lower()
    assert several_calls == alone_calls == with_others_calls == ["tel:1818", "tel:105"]
    assert DANGEROUS[language] in several.lower() and DANGEROUS[language] in alone.lower()
    assert "18" in alone.replace("1818", "") and "18" not in several.replace("1818", "")
    assert len({one, several, alone}) == 3, "three different answers"
    assert with_others.split(". ", 1)[1] == alone.split(". ", 1)[1], "under 18 is the answer, whatever else is ticked"
    # The numbers in the words are said; the buttons are what she taps.
    assert "105" in several and "105" in alone and "1818" in one
    assert tab.evaluate("localStorage.length + sessionStorage.length") == 0, "nothing is stored"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_job_offer_page_only_names_the_lines_of_the_facts_sheet(site, language):
    article = html(site, PREFIXES[language] + OFFER_PAGE).select_one("article")
    assert {a["href"] for a in article.select("a[href^='tel:']")} == LINES
    # Built from the site's own stories: it says so and links them.
    assert article.select_one("a[href$='como-ocurre/']") is not None
