"""The two cultures the policy asks of the public (issue 31): rejecting trafficking and reporting
it. Two public pages in both languages, linked from home, the public index and the glossary; their
"¿Qué harías?" exercise (the quiz's machinery: content_model.questions, renderers/exercise.py,
quiz.js) by keyboard, by touch at 360 px, without JavaScript and on paper; and "Compartir" on the
pages the public learns from, with no request beyond the site. Both in the built HTML and in
Debian's Chromium."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from conftest import LANGUAGES, PREFIXES, ROOT, axe_violations, build_error, edit, html, load_error

import content_model
from content_model import catalogue
from content_model.questions import Option, Question
from renderers import exercise as render

REJECTING = "publico/rechazar-la-trata/"
REPORTING = "publico/por-que-denunciar/"
PAGES = {REJECTING: "publico/rechazar-la-trata.md", REPORTING: "publico/por-que-denunciar.md"}
TITLES = {
    REJECTING: {"es": "Rechazar la trata en la vida diaria", "en": "Rejecting trafficking in daily life"},
    REPORTING: {"es": "Denunciar: por qué y qué pasa después", "en": "Reporting: why, and what happens next"},
}
CULTURES = {"es": ("cultura de rechazo", "cultura de denuncia"), "en": ("culture of rejection", "culture of reporting")}
# Each page's guidelines, and the page that stays the list of actions.
GUIDELINES = {REJECTING: ("politica/cultura-rechazo/", "politica/reduccion-tolerancia/", "politica/cultura-denuncia/"),
              REPORTING: ("politica/cultura-denuncia/",)}
ACTIONS = "publico/que-puedes-hacer/"
# The roles of publico/que-puedes-hacer that the rejecting page ties its own roles to.
ROLES = {"jovenes", "familias", "transporte-y-hoteles", "vecinos", "docentes"}
# The pages the public learns from offer sharing; the pages about the reader's own situation never do.
SHARED = ("publico/", "publico/trata-en-5-minutos/", "publico/como-ocurre/", "publico/mitos-y-realidades/",
          ACTIONS, REJECTING, REPORTING)
NOT_SHARED = ("", "publico/si-te-pasa-a-ti/", "publico/oferta-de-trabajo/", "seguridad/", "denunciar/", "glosario/",
              "politica/cultura-rechazo/")
EXERCISE_ES = "docs/publico/rechazar-la-trata.es.md"
EXERCISE_EN = "docs/publico/rechazar-la-trata.en.md"
# Facts sheet §5 and §5's Quechua line (2022), the policy's year (§1): the only numbers the pages
# state outside the made-up situations' ages.
ALLOWED_NUMBERS = {"1818", "1", "105", "100", "0800-15170", "24", "2022", "2015", "2025"}


@pytest.fixture(scope="module")
def model():
    return content_model.load_site(ROOT / "docs")


def words(language):
    return catalogue.words(language, "exercise")


def _target(href: str, here: str) -> str:
    """A relative link on the page at `here`, as a site-relative address."""
    parts = here.rstrip("/").split("/") if here else []
    for piece in href.split("#")[0].split("/"):
        if piece == "..":
            parts.pop()
        elif piece:
            parts.append(piece)
    return "/".join(parts) + "/" if parts else ""


def _targets(page, here: str) -> set[str]:
    return {_target(a["href"], here) for a in page.select("article a[href]")
            if not re.match(r"^[a-z]+:", a["href"]) and not a["href"].startswith("#")}


# ---------------------------------------------------------------------------- bad input


def test_a_situation_where_no_choice_helps_stops_the_build(project):
    edit(project / EXERCISE_ES, "        correct: true\n        feedback: \"Decirlo en tu casa", "        feedback: \"Decirlo en tu casa")
    edit(project / EXERCISE_ES, "        correct: true\n        feedback: \"Una sospecha basta para avisar.",
         "        feedback: \"Una sospecha basta para avisar.")
    assert load_error(project) == (
        f"{EXERCISE_ES}, field 'exercise': question 1 has no correct answer. "
        "Fix: mark each option of question 1 that helps with 'correct: true'.")


def test_a_situation_where_every_choice_helps_stops_the_build(project):
    text = (project / EXERCISE_ES).read_text(encoding="utf-8")
    first, rest = text.split("    explanation:", 1)
    first = first.replace("      - text: \"Pienso que está bien", "      - correct: true\n        text: \"Pienso que está bien")
    first = first.replace("      - text: \"No digo nada", "      - correct: true\n        text: \"No digo nada")
    (project / EXERCISE_ES).write_text(first + "    explanation:" + rest, encoding="utf-8")
    assert load_error(project) == (
        f"{EXERCISE_ES}, field 'exercise': every option of question 1 is marked 'correct: true'. "
        "Fix: give question 1 at least one option that does not help, and say why in its feedback.")


def test_a_choice_without_its_reason_stops_the_build(project):
    edit(project / EXERCISE_EN, "        feedback: \"Laughing makes abuse look normal. That is tolerance, even if you do not mean it.\"\n", "")
    assert load_error(project) == (
        f"{EXERCISE_EN}, field 'exercise': option 1 of question 2 has no 'feedback'. "
        "Fix: add 'feedback:' to it as text in quotes: why this choice helps, or why it does not.")


def test_an_english_exercise_whose_helping_choices_sit_elsewhere_stops_the_build(project):
    edit(project / EXERCISE_EN, "      - text: \"I do not share it, and I show it to an adult I trust.\"\n        correct: true\n",
         "      - text: \"I do not share it, and I show it to an adult I trust.\"\n")
    assert load_error(project) == (
        f"{EXERCISE_EN}, field 'exercise': the correct options of question 3 are 3 in English but 2, 3 in Spanish. "
        "Fix: make it match docs/publico/rechazar-la-trata.es.md: the same questions in the same order, "
        "the correct answer at the same place.")


def test_an_exercise_of_one_situation_stops_the_build(project):
    text = (project / EXERCISE_EN).read_text(encoding="utf-8")
    head, body = text.split("\n---\n", 1)
    head = head[: head.index("  - question: \"In your class's WhatsApp group")]
    (project / EXERCISE_EN).write_text(head.rstrip("\n") + "\n---\n" + body, encoding="utf-8")
    assert load_error(project) == (
        f"{EXERCISE_EN}, field 'exercise': the exercise has 1 questions. Fix: give it from 4 to 5 questions.")


def test_an_exercise_whose_longest_choice_always_helps_stops_the_build(project):
    text = (project / "docs/publico/por-que-denunciar.es.md").read_text(encoding="utf-8")
    for wrong in re.findall(r'      - text: "([^"]*)"\n        feedback', text):
        text = text.replace(f'"{wrong}"', f'"{wrong[:12]}."', 1)
    (project / "docs/publico/por-que-denunciar.es.md").write_text(text, encoding="utf-8")
    assert load_error(project) == (
        "docs/publico/por-que-denunciar.es.md, field 'exercise': the right option is the longest in 4 of 4 "
        "questions (1, 2, 3, 4): picking the longest answer passes the exercise. Fix: make a wrong option as long "
        "as the right one, or shorten the right one, in at least 2 of those questions.")


def test_a_page_with_an_exercise_and_no_marker_stops_the_build(project):
    edit(project / EXERCISE_EN, "<!-- exercise: situations -->\n", "")
    assert build_error(project) == (
        f"{EXERCISE_EN}: the exercise is not shown: the page has no <!-- exercise: situations --> marker. "
        "Fix: add a line '<!-- exercise: situations -->' where the exercise belongs, "
        "or remove 'exercise:' from the front matter.")


def test_an_exercise_marker_on_a_page_without_an_exercise_stops_the_build(project):
    edit(project / "docs/acerca.en.md", "\n## ", "\n<!-- exercise: situations -->\n\n## ")
    assert build_error(project) == (
        "docs/acerca.en.md: the marker <!-- exercise: situations --> has no exercise to show. "
        "Fix: add 'exercise:' to the front matter of docs/acerca.es.md and docs/acerca.en.md, or remove the marker.")


def test_share_that_is_neither_true_nor_false_stops_the_build(project):
    edit(project / "docs/publico/como-ocurre.es.md", "share: true", "share: sí")
    assert load_error(project) == (
        "docs/publico/como-ocurre.es.md, field 'share': 'sí' is neither true nor false. "
        "Fix: write 'share: true' on a page the public learns from, or remove the line.")


def test_share_declared_in_the_english_file_stops_the_build(project):
    edit(project / "docs/publico/si-te-pasa-a-ti.en.md", "---\ntitle:", "---\nshare: true\ntitle:")
    assert load_error(project) == (
        "docs/publico/si-te-pasa-a-ti.en.md, field 'share': structure is declared only in the Spanish file. "
        "Fix: remove 'share:' from the English file; keep it in docs/publico/si-te-pasa-a-ti.es.md.")


# ---------------------------------------------------------------------------- the renderer


def test_the_exercise_lists_every_choice_that_helps_and_escapes_what_authors_write():
    situation = Question(number=2, question='¿<b>Qué</b> "harías"?', explanation="Lo <i>importante</i>.", options=(
        Option(text="Avisar <script>", correct=True, feedback="Sirve & ayuda."),
        Option(text="Callar", correct=False, feedback="No <em>ayuda</em>."),
        Option(text="Contarlo", correct=True, feedback="También."),
    ))
    page = render.exercise([situation], "es")
    assert "<script>" not in page and "<b>" not in page and "<em>" not in page and "<i>" not in page
    assert 'data-answer="0 2"' in page and 'id="situacion-2"' in page
    assert page.count('class="quiz__reason ') == 3
    assert '<strong>A. Ayuda.</strong> <span class="quiz__reason-text">Sirve &amp; ayuda.</span>' in page
    assert '<strong>B. No ayuda.</strong>' in page
    # The check button's name says which situation it checks.
    assert 'Comprobar<span class="visually-hidden"> la situación 2</span></button>' in page


# ---------------------------------------------------------------------------- the built pages


@pytest.mark.parametrize("language", LANGUAGES)
def test_both_pages_name_their_culture_tie_it_to_the_policy_and_to_the_list_of_actions(site, model, language):
    for url, src_uri in PAGES.items():
        page = html(site, PREFIXES[language] + url)
        assert page.select_one("h1").get_text(strip=True) == TITLES[url][language]
        text = page.select_one("article").get_text(" ", strip=True).lower()
        for culture in CULTURES[language]:
            assert culture in text, (url, culture)
        links = _targets(page, PREFIXES[language] + url)
        for guideline in GUIDELINES[url]:
            assert PREFIXES[language] + guideline in links, (url, guideline)
        if url == REJECTING:
            assert PREFIXES[language] + ACTIONS in links
            # Each role's part links the list of actions at that role's place.
            places = {a["href"].split("#")[1] for a in page.select('article a[href^="../que-puedes-hacer/#"]')}
            assert places == ROLES
        # The exercise: four or five situations, each with its reasons.
        situations = model.learning[language].exercises[src_uri]
        fieldsets = page.select("fieldset.quiz__question")
        assert 4 <= len(fieldsets) == len(situations) <= 5
        for fieldset, situation in zip(fieldsets, situations):
            reasons = fieldset.select(".quiz__reason")
            assert [r.select_one(".quiz__reason-text").get_text() for r in reasons] == [o.feedback for o in situation.options]
            assert fieldset["data-answer"].split() == [str(i) for i in situation.answers]
        # The call buttons of the facts sheet's lines, and no other number than the sheet's.
        assert {a["href"] for a in page.select("article a.call-button")} >= {"tel:1818", "tel:105"}
        prose = " ".join(e.get_text(" ") for e in page.select("article > p, article > ul > li, article > ol > li")
                         if not e.find("a", href=re.compile("^https?://")))
        assert set(re.findall(r"\d+(?:-\d+)?", prose)) <= ALLOWED_NUMBERS, url


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_the_public_index_and_the_glossary_lead_to_both_pages(site, language):
    prefix = PREFIXES[language]
    home = html(site, prefix)
    home_links = {_target(a["href"], prefix) for a in home.select("article .grid.cards a")}
    index_links = _targets(html(site, prefix + "publico/"), prefix + "publico/")
    for url in PAGES:
        assert prefix + url in home_links, url
        assert prefix + url in index_links, url
    index_text = html(site, prefix + "publico/").select_one("article").get_text(" ", strip=True).lower()
    assert all(culture in index_text for culture in CULTURES[language])
    glossary = html(site, prefix + "glosario/")
    for anchor, public, policy in (("cultura-de-rechazo", REJECTING, "politica/cultura-rechazo/"),
                                   ("cultura-de-denuncia", REPORTING, "politica/cultura-denuncia/")):
        heading = glossary.select_one(f"h2#{anchor}")
        assert heading is not None, anchor
        entry = heading.find_next_sibling("p")
        targets = {_target(a["href"], prefix + "glosario/") for a in entry.select("a[href]")}
        assert {prefix + public, prefix + policy} <= targets, anchor
    # The policy's own pages lead the public to the plain-language page.
    for url, guideline in ((REJECTING, "politica/cultura-rechazo/"), (REPORTING, "politica/cultura-denuncia/")):
        assert prefix + url in _targets(html(site, prefix + guideline), prefix + guideline)


@pytest.mark.parametrize("language", LANGUAGES)
def test_only_the_pages_the_public_learns_from_offer_sharing(site, language):
    for url in SHARED:
        box = html(site, PREFIXES[language] + url).select_one("article [data-share]")
        assert box is not None and box.has_attr("hidden"), url
        assert box["data-share-title"] == html(site, PREFIXES[language] + url).select_one("h1").get_text(strip=True)
    for url in NOT_SHARED:
        assert html(site, PREFIXES[language] + url).select_one("[data-share]") is None, url


# ---------------------------------------------------------------------------- in Chromium


@pytest.mark.parametrize("language", LANGUAGES)
def test_both_pages_are_two_taps_from_home_on_a_phone(phone, language):
    page = phone.page
    for url in PAGES:
        phone.goto(PREFIXES[language])
        door = page.locator(".home-doors a").filter(has_text={"es": "Entender", "en": "Understand"}[language])
        door.tap()
        page.wait_for_url(re.compile(re.escape(PREFIXES[language] + "publico/") + "$"))
        page.get_by_role("link", name=TITLES[url][language]).first.tap()
        page.wait_for_url(re.compile(re.escape(PREFIXES[language] + url) + "$"))
        assert page.locator("h1").inner_text() == TITLES[url][language]
    assert phone.outside_requests() == [] and phone.console_errors == []


def test_the_exercise_works_by_keyboard_and_names_what_a_screen_reader_announces(visit, model):
    visit.goto(REJECTING)
    page = visit.page
    situations = model.learning["es"].exercises[PAGES[REJECTING]]
    first = page.get_by_role("group", name=re.compile(r"^Situación 1 de 5\. "))
    assert first.count() == 1
    for position, option in enumerate(situations[0].options):
        assert page.get_by_role("radio", name=f"{'ABCD'[position]}. {option.text}").count() == 1
    assert page.get_by_role("button", name="Comprobar la situación 1").is_visible()
    active = "document.activeElement && document.activeElement.id"
    page.locator("h2#que-harias > a.headerlink").focus()   # the heading just above the exercise
    page.keyboard.press("Tab")
    assert page.evaluate(active) == "situacion-1-a"
    page.keyboard.press("Space")                      # A: it does not help
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Comprobar la situación 1"
    page.keyboard.press("Enter")
    feedback = page.locator("#situacion-1 .quiz__feedback")
    helping = " y ".join("ABCD"[i] for i in situations[0].answers)
    assert feedback.inner_text() == (f"{words('es')['wrong']} {situations[0].options[0].feedback} "
                                     + words("es")["better_many"].format(options=helping))
    assert feedback.get_attribute("aria-live") == "polite"
    page.keyboard.press("Shift+Tab")                  # back to the chosen radio
    page.keyboard.press("ArrowDown")                  # B: it helps, and so does C
    assert feedback.inner_text() == "", "a new choice clears the old verdict"
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    other = [i for i in situations[0].answers if i != 1]
    assert feedback.inner_text() == (f"{words('es')['right']} {situations[0].options[1].feedback} "
                                     + words("es")["also_one"].format(options="ABCD"[other[0]]))
    assert page.locator("#situacion-1 .quiz__option--right input").get_attribute("value") == "1"
    # Every reason stays readable with JavaScript too: more than one choice may help.
    assert page.locator("#situacion-1 details.quiz__answer summary").is_visible()
    assert axe_violations(page) == []
    assert visit.console_errors == [] and visit.outside_requests() == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_on_a_phone_each_choice_is_a_row_a_thumb_can_tap(phone, model, language):
    phone.goto(PREFIXES[language] + REPORTING)
    page = phone.page
    situations = model.learning[language].exercises[PAGES[REPORTING]]
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    # A choice of one short word is a full-height row too (the situations here happen to wrap).
    short = page.locator("#situacion-1 .quiz__option").first
    short.locator("label").evaluate("label => { label.lastChild.textContent = ' Sí.'; }")
    assert short.bounding_box()["height"] >= 44
    for number, situation in enumerate(situations, start=1):
        fieldset = page.locator(f"#situacion-{number}")
        rows = fieldset.locator(".quiz__option")
        for i in range(rows.count()):
            box = rows.nth(i).bounding_box()
            assert box["height"] >= 44 and box["x"] >= 0 and box["x"] + box["width"] <= 360, (number, i, box)
        # A tap at the right end of the row, away from the radio and the words, picks the choice.
        answer = situation.answers[-1]
        rows.nth(answer).scroll_into_view_if_needed()
        row = rows.nth(answer).bounding_box()
        page.touchscreen.tap(row["x"] + row["width"] - 6, row["y"] + row["height"] / 2)
        assert fieldset.locator("input[type=radio]").nth(answer).is_checked(), number
        check = fieldset.locator(".quiz__check")
        assert check.bounding_box()["height"] >= 44
        check.tap()
        assert fieldset.locator(".quiz__feedback").inner_text().startswith(words(language)["right"])
    assert phone.console_errors == [] and phone.outside_requests() == []


def test_without_javascript_the_exercise_is_a_readable_list_and_sharing_is_hidden(browser, server, model):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(server + REJECTING)
    situations = model.learning["es"].exercises[PAGES[REJECTING]]
    assert page.locator(".quiz__check").first.is_hidden() and page.locator(".quiz__reset").is_hidden()
    assert page.locator("[data-share]").is_hidden()
    for number, situation in enumerate(situations, start=1):
        fieldset = page.locator(f"#situacion-{number}")
        assert fieldset.locator(".quiz__reasons").is_hidden()
        fieldset.get_by_text(words("es")["reasons"]).click()
        reasons = fieldset.locator(".quiz__reason")
        assert reasons.count() == len(situation.options)
        for i, option in enumerate(situation.options):
            verdict = words("es")["helps" if option.correct else "does_not_help"]
            assert reasons.nth(i).inner_text() == f"{'ABCD'[i]}. {verdict} {option.feedback}"
    context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_printed_the_exercise_holds_every_situation_with_why_each_choice_helps_or_not(visit, model, language):
    visit.goto(PREFIXES[language] + REJECTING)
    page = visit.page
    page.locator("#situacion-1 input[type=radio]").first.check()
    page.locator("#situacion-1 .quiz__check").click()
    page.emulate_media(media="print")
    situations = model.learning[language].exercises[PAGES[REJECTING]]
    assert page.locator(".quiz__paper").is_visible()
    for number, situation in enumerate(situations, start=1):
        fieldset = page.locator(f"#situacion-{number}")
        assert fieldset.locator("legend").is_visible()
        for i in range(len(situation.options)):
            assert fieldset.locator(".quiz__reason").nth(i).is_visible(), (number, i)
        assert fieldset.locator(".quiz__explanation").is_visible()
    for selector in (".quiz__check", ".quiz__reset", ".quiz__feedback", "[data-share]", ".md-header"):
        assert page.locator(selector).first.is_hidden(), selector
    pdf = page.pdf(format="A4")
    assert len(re.findall(rb"/Type\s*/Page(?!s)", pdf)) >= 2


# ---------------------------------------------------------------------------- sharing


def _reader(browser, server, attempted, init=None, permissions=None):
    """A phone that may reach nothing but the site: every other request is refused and recorded."""
    site = urlsplit(server).netloc
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True,
                                  permissions=permissions or [])

    def guard(route):
        if urlsplit(route.request.url).netloc == site:
            route.continue_()
        else:
            attempted.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    if init:
        context.add_init_script(init)
    return context


_STUB_SHARE = """window.__shared = [];
  Object.defineProperty(navigator, 'share', {configurable: true, value: data => {
    window.__shared.push({title: data.title, url: data.url, text: data.text || null}); return Promise.resolve(); }});
  Object.defineProperty(navigator, 'canShare', {configurable: true, value: () => true});"""
_NO_SHARE = "delete Navigator.prototype.share; delete Navigator.prototype.canShare;"
_NO_CLIPBOARD = _NO_SHARE + " Object.defineProperty(navigator, 'clipboard', {value: undefined});"


@pytest.mark.parametrize("language", LANGUAGES)
def test_share_opens_the_browsers_own_share_sheet_with_the_pages_address(browser, server, language):
    attempted = []
    context = _reader(browser, server, attempted, _STUB_SHARE)
    page = context.new_page()
    page.goto(server + PREFIXES[language] + REJECTING + "?desde=wsp#que-harias")
    button = page.get_by_role("button", name={"es": "Compartir esta página", "en": "Share this page"}[language])
    assert button.bounding_box()["height"] >= 44
    button.tap()
    shared = page.evaluate("window.__shared")
    assert shared == [{"title": TITLES[REJECTING][language], "url": server + PREFIXES[language] + REJECTING, "text": None}]
    assert page.locator(".share__field").is_hidden()
    assert attempted == []
    context.close()


def test_without_a_share_sheet_the_address_is_copied(browser, server):
    attempted = []
    context = _reader(browser, server, attempted, _NO_SHARE, ["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(server + REPORTING)
    page.get_by_role("button", name="Compartir esta página").click()
    status = page.locator(".share__status")
    status.wait_for(state="visible")
    assert status.inner_text() == catalogue.words("es", "ui")["share_copied"]
    assert page.evaluate("navigator.clipboard.readText()") == server + REPORTING
    assert attempted == []
    context.close()


def test_without_a_clipboard_the_address_is_shown_selected_to_copy(browser, server):
    attempted = []
    context = _reader(browser, server, attempted, _NO_CLIPBOARD)
    page = context.new_page()
    page.goto(server + "en/" + ACTIONS)
    page.get_by_role("button", name="Share this page").click()
    field = page.get_by_label(catalogue.words("en", "ui")["share_address"])
    assert field.is_visible() and field.input_value() == server + "en/" + ACTIONS
    assert page.evaluate("[document.activeElement.selectionStart, document.activeElement.selectionEnd]") == \
        [0, len(server + "en/" + ACTIONS)]
    assert page.locator(".share__status").inner_text() in (catalogue.words("en", "ui")["share_select"],
                                                           catalogue.words("en", "ui")["share_copied"])
    assert attempted == []
    context.close()
