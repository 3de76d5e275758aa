"""A module's two decks (issues 17 and 27): generated from the module's pages, driven like a presentation.

The built pages hold, for the full session and for the 45 minutes, a slide per plan step with its
key message, then the step's questions, one to a slide; the trainer's words (what to do, to say,
each answer, the activities' instructions) are speaker notes, never the projected part; the
handout's reporting channels come last. In Chromium the deck moves with the keys a presenter's
clicker sends, with swipes, opens its notes in a second window that keeps in step, goes full
screen, fits every slide on a projector's screen, stays within the budgets and prints as
handouts. What the slides must say comes from the content model and the module's own pages.
"""

from __future__ import annotations

import io
import re
import unicodedata

import pytest
from pypdf import PdfReader

from conftest import LANGUAGES, ROOT, build_error, edit, html, load_error, wait_until

import content_model
from renderers import training_slides

SLIDES = {"es": "capacitacion/que-es-la-trata/diapositivas/", "en": "en/capacitacion/que-es-la-trata/diapositivas/"}
# The sizes a projector shows a deck at, in full screen, and a laptop's window.
PROJECTORS = ((1280, 720), (1024, 768), (1366, 768))
WINDOW = (1280, 900)


@pytest.fixture(scope="module")
def model():
    return content_model.load_site(ROOT / "docs")


def _flat(text: str) -> str:
    """Text to compare across line breaks, with the PDF's ligatures (ﬁ, ﬃ) undone."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _markdown(module, kind: str) -> str:
    part = module.part(kind)
    return (ROOT / "docs" / content_model.localised(part.src_uri, module.language)).read_text(encoding="utf-8")


# ---------------------------------------------------------------------------- the built slides


def _decks(module):
    """Each deck of a module with the plan it follows: the full session's and the 45 minutes'."""
    return ((module.slides, module.steps, module.part("session-plan").url, ".training-plan:not(.training-plan--short)"),
            (module.short_slides, module.short_steps, module.part("session-plan").url, ".training-plan--short"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_deck_follows_its_plan_step_for_step_and_ends_with_the_reporting_channels(site, model, language):
    """The deck's step slides against the plan page's table, as the trainer reads it: the same
    steps, in order, with the same minutes and times; a step's other slides carry its number."""
    for module in model.training[language].modules:
        for deck, steps, plan_url, table in _decks(module):
            page = html(site, deck.url)
            slides = page.select("[data-slide]")
            step_slides = [slide for slide in slides if slide["data-kind"] == "step"]
            rows = html(site, plan_url).select_one(table).select("tbody tr")
            assert [s.select_one(".slide__title").get_text(strip=True).rstrip("¶") for s in step_slides] == \
                [row.th.get_text(strip=True) for row in rows] == [step.title for step in steps], deck.url
            for slide, row, step in zip(step_slides, rows, steps):
                kicker = slide.select_one(".slide__kicker").get_text()
                assert f"{row.select_one('.training-plan__minutes').get_text()} min" in kicker
                assert row.select_one(".training-plan__clock").get_text() in kicker
                assert slide.select_one(".slide__message").get_text(strip=True) == step.key_message
                assert step.trainer in slide.select_one(".slide__notes").get_text(" ")
            numbers = [int(slide["data-step"]) for slide in slides[:-1]]
            assert numbers == sorted(numbers) and set(numbers) == {step.number for step in steps}
            for step in steps:
                own = [slide["data-kind"] for slide in slides[:-1] if int(slide["data-step"]) == step.number]
                assert own.count("quiz") == len(step.quiz) and own.count("ask") == len(step.ask), (deck.url, step.number)
            assert module.title in slides[0].select_one(".slide__module").get_text()
        assert slides[-1]["data-kind"] == "reporting"
        title, body = training_slides.reporting(_markdown(module, "handout"))
        assert _flat(title) in _flat(slides[-1].h2.get_text()).rstrip("¶")
        for number in re.findall(r"\[(\d[\d-]*)\]\(tel:", body):
            assert slides[-1].select_one('a[href^="tel:"]'), number
            assert number in slides[-1].get_text()
        assert [s["id"] for s in slides] == [f"s{n}" for n in range(1, len(slides) + 1)]
        assert page.select_one('meta[name="robots"][content="noindex"]')


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_activitys_instructions_are_the_notes_of_the_step_that_runs_it_never_projected(site, model, language):
    """"Pegue los carteles… No juzgue a nadie" is the trainer's: the notes of the step that runs the
    activity carry it; no projected part of any slide does. The group's questions are projected."""
    for module in model.training[language].modules:
        parts = training_slides.activity_parts(_markdown(module, "activities"))
        assert parts, module.id
        for deck, steps, _, _ in _decks(module):
            slides = html(site, deck.url).select("[data-slide]")
            projected = _flat(" ".join(s.select_one(".slide__content").get_text() for s in slides))
            for step in steps:
                if step.activity is None:
                    continue
                instructions = _plain_markdown(parts[step.activity]["instructions"])
                notes = _flat(slides_of(slides, step, "step")[0].select_one(".slide__notes").get_text())
                assert instructions[:60] in notes, (deck.url, step.number)
                assert instructions[:60] not in projected, (deck.url, step.number)
                if parts[step.activity]["questions"]:
                    shown = slides_of(slides, step, "activity")
                    question = _plain_markdown(parts[step.activity]["questions"])[:40]
                    assert shown and question in _flat(shown[0].select_one(".slide__content").get_text())
            assert not html(site, deck.url).select(".slides [markdown]"), "the Markdown inside is rendered"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_45_minute_deck_projects_the_questions_and_keeps_every_word_and_answer_in_the_notes(site, model, language):
    for module in model.training[language].modules:
        slides = html(site, module.short_slides.url).select("[data-slide]")
        for step in module.short_steps:
            step_notes = _flat(slides_of(slides, step, "step")[0].select_one(".slide__notes").get_text())
            for text in step.say:
                assert _flat(text) in step_notes
            for slide, item in zip(slides_of(slides, step, "ask"), step.ask, strict=True):
                assert _flat(slide.select_one(".slide__content").get_text()).endswith(_flat(item.question))
                assert _flat(item.answer) in _flat(slide.select_one(".slide__notes").get_text())
                assert _flat(item.answer) not in _flat(slide.select_one(".slide__content").get_text())
            for slide, number in zip(slides_of(slides, step, "quiz"), step.quiz, strict=True):
                question = module.questions[number - 1]
                content = slide.select_one(".slide__content")
                assert _flat(question.question) in _flat(content.get_text())
                assert [li.get_text() for li in content.select(".slide__options li")] == [o.text for o in question.options]
                notes = _flat(slide.select_one(".slide__notes").get_text())
                assert _flat(question.options[question.answer].text) in notes
        projected = _flat(" ".join(s.select_one(".slide__content").get_text() for s in slides))
        for step in module.short_steps:
            for text in (step.trainer, *step.say, *(item.answer for item in step.ask)):
                assert _flat(text) not in projected, (module.short_slides.url, text[:50])


def slides_of(slides, step, kind):
    return [slide for slide in slides if slide.get("data-step") == str(step.number) and slide["data-kind"] == kind]


def _plain_markdown(markdown: str) -> str:
    """Markdown as its rendered text reads, whitespace folded (enough for lists, emphasis and links)."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    text = re.sub(r"^\s*(?:\d+\.|[-*])\s+", "", text, flags=re.MULTILINE)
    return _flat(re.sub(r"[*_`]", "", text))


def test_both_decks_are_linked_from_the_overview_the_plan_and_both_packs_and_kept_out_of_search(site, model):
    for language in LANGUAGES:
        index = (site / "search" / f"index.{language}.js").read_text(encoding="utf-8")
        for module in model.training[language].modules:
            for url in (module.url, module.part("session-plan").url, module.pack.url, module.short_pack.url):
                page = html(site, url)
                hrefs = [a["href"] for a in page.select("article .training-downloads a[href]")]
                for target in (module.slides.url, module.short_slides.url):
                    assert any((site / url / href).resolve() == (site / target).resolve() for href in hrefs), (url, target)
            # Only the slides' title is indexed: the full session's key messages are shown on its
            # slides alone (the 45 minutes' are in the plan's script too).
            shown_elsewhere = {step.key_message for step in module.short_steps}
            alone = [step.key_message for step in module.steps if step.key_message not in shown_elsewhere]
            assert alone and alone[-1] not in index, module.id


def test_the_slides_renderer_escapes_what_authors_write(model):
    import dataclasses

    module = model.training["es"].get("que-es-la-trata")
    step = dataclasses.replace(module.steps[0], title="<b>x</b>", key_message="<script>1</script>", trainer="a & b")
    tricky = dataclasses.replace(module, steps=(step, *module.steps[1:]), title="<i>t</i>")
    out = training_slides.slides(tricky, "", "")
    assert "<script>1" not in out and "<b>x" not in out and "<i>t" not in out and "a &amp; b" in out
    assert out.count('data-kind="reporting"') == 1


def test_a_slides_page_without_its_marker_stops_the_build(project):
    edit(project / "docs/capacitacion/que-es-la-trata/diapositivas.es.md", "<!-- training: slides -->", "")
    message = build_error(project)
    assert "diapositivas.es.md" in message and "<!-- training: slides -->" in message


def test_a_module_without_slides_stops_the_build(project):
    (project / "docs/capacitacion/que-es-la-trata/diapositivas.en.md").unlink()
    (project / "docs/capacitacion/que-es-la-trata/diapositivas.es.md").unlink()
    message = load_error(project)
    assert "que-es-la-trata" in message and "diapositivas" in message


# ---------------------------------------------------------------------------- in Chromium


def _current(page) -> str:
    return page.evaluate("document.querySelector('.slide--current').id")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_keyboard_moves_the_deck_as_a_clicker_does(visit, model, language):
    module = model.training[language].get("que-es-la-trata")
    visit.goto(SLIDES[language])
    page = visit.page
    total = page.locator("[data-slide]").count()
    assert page.locator(".slide--current").count() == 1 and _current(page) == "s1"
    assert page.locator("[data-slide]:visible").count() == 1
    page.keyboard.press("ArrowRight")
    assert _current(page) == "s2"
    page.keyboard.press("PageDown")
    assert _current(page) == "s3"
    page.keyboard.press("ArrowLeft")
    assert _current(page) == "s2"
    page.keyboard.press("PageUp")
    assert _current(page) == "s1"
    page.keyboard.press("PageUp")
    assert _current(page) == "s1", "no slide before the first"
    page.keyboard.press("End")
    assert _current(page) == f"s{total}"
    page.keyboard.press("ArrowRight")
    assert _current(page) == f"s{total}", "no slide after the last"
    assert page.url.endswith(f"#s{total}")
    page.keyboard.press("Home")
    assert _current(page) == "s1"
    # The slides show the plan's steps in order.
    assert page.locator(".slide--current .slide__title").inner_text().rstrip("¶").strip() == module.steps[0].title
    page.keyboard.press("ArrowRight")
    assert page.locator(".slide--current .slide__title").inner_text().rstrip("¶").strip() == module.steps[1].title
    assert visit.console_errors == [] and visit.outside_requests() == []


def test_the_notes_open_in_a_second_window_that_keeps_in_step_and_never_on_the_projected_one(visit, model):
    module = model.training["es"].get("que-es-la-trata")
    visit.goto(module.short_slides.url + "#s2")
    projector = visit.page
    wait_until(projector, "document.documentElement.classList.contains('slides-js')")
    with projector.context.expect_page() as opened:
        projector.keyboard.press("n")
    notes_window = opened.value
    notes_window.wait_for_load_state()
    wait_until(notes_window, "document.documentElement.classList.contains('slides-presenter')")
    assert "notas" in notes_window.url and _current(notes_window) == "s2"
    assert notes_window.locator(".slide--current .slide__notes").is_visible()
    assert module.short_steps[1].trainer in notes_window.locator(".slide--current .slide__notes").inner_text()
    assert notes_window.locator(".slides__up-next").inner_text().strip()
    notes_window.keyboard.press("ArrowRight")
    wait_until(projector, "document.querySelector('.slide--current').id === 's3'")
    projector.keyboard.press("ArrowRight")
    wait_until(notes_window, "document.querySelector('.slide--current').id === 's4'")
    # The projected window never shows a note, whatever the trainer presses there.
    projector.keyboard.press("n")
    assert projector.evaluate("[...document.querySelectorAll('.slide__notes')].every(n => !n.getClientRects().length)")
    pages = len(projector.context.pages)
    projector.locator("[data-slides-action=notes]").click()
    projector.wait_for_timeout(300)
    assert len(projector.context.pages) == pages, "the same notes window, not a second one"
    notes_window.close()
    assert visit.console_errors == []


def test_every_slide_of_every_deck_fits_a_projector_and_a_window(browser, server, model):
    """Every slide of both decks of every module, in both languages, in full screen at 1280 × 720,
    1024 × 768 and 1366 × 768, then in a 1280 × 900 window: no projected content outside the screen
    or its slide, the slide not scrolling, every control on screen, no note rendered, the type no
    smaller than 18 px. One context, a page per deck; the slides are measured in a loop in the page."""
    failures, measured = [], 0
    context = browser.new_context(viewport=dict(zip(("width", "height"), PROJECTORS[0])), reduced_motion="reduce")
    for language in LANGUAGES:
        for module in model.training[language].modules:
            for deck in (module.slides, module.short_slides):
                page = context.new_page()
                page.goto(server + deck.url)
                wait_until(page, "document.documentElement.classList.contains('slides-js')")
                page.keyboard.press("f")
                wait_until(page, "document.fullscreenElement !== null")
                for size in (*PROJECTORS, WINDOW):
                    if size == WINDOW:
                        page.keyboard.press("f")
                        wait_until(page, "document.fullscreenElement === null")
                    page.set_viewport_size(dict(zip(("width", "height"), size)))
                    for found in page.evaluate(_MEASURE_EVERY_SLIDE):
                        measured += 1
                        if found["problems"] or found["smallest"] < 18:
                            failures.append(f"{deck.url}#{found['id']} at {size}: {found}")
                page.close()
    context.close()
    assert measured > 300 and failures == [], "\n".join(failures[:10])


# Shows each slide in turn, as the keys do, and measures it where the projector would show it.
_MEASURE_EVERY_SLIDE = """() => {
  const slides = [...document.querySelectorAll('[data-slide]')];
  const screen = {top: 0, left: 0, bottom: innerHeight, right: innerWidth};
  const inside = (r, box) => r.top >= box.top - 1 && r.left >= box.left - 1 && r.bottom <= box.bottom + 1 && r.right <= box.right + 1;
  const press = (key) => document.dispatchEvent(new KeyboardEvent('keydown', {key, bubbles: true}));
  const found = [];
  press('Home');
  slides.forEach((expected, index) => {
    if (index) press('ArrowRight');
    const slide = document.querySelector('.slide--current');
    const box = slide.getBoundingClientRect();
    const problems = new Set();
    if (slide !== expected) problems.add('not shown in turn');
    for (const element of slide.querySelectorAll('.slide__content, .slide__content *')) {
      for (const r of element.getClientRects()) {
        if (!r.width && !r.height) continue;
        if (!inside(r, screen)) problems.add(`off the screen: ${element.tagName} ${Math.round(r.top)}-${Math.round(r.bottom)}`);
        else if (!inside(r, box)) problems.add(`cut by the slide: ${element.tagName}`);
      }
    }
    if (slide.scrollHeight > slide.clientHeight + 1) problems.add('the slide scrolls');
    for (const button of document.querySelectorAll('.slides__controls button')) {
      if (getComputedStyle(button).display === 'none') continue;
      const r = button.getBoundingClientRect();
      if (!r.width || !inside(r, screen)) problems.add(`control off the screen: ${button.textContent}`);
    }
    if ([...document.querySelectorAll('.slide__notes')].some(notes => notes.getClientRects().length)) problems.add('a note shows');
    const sizes = [...slide.querySelectorAll('.slide__content :is(p, li, h2, td, th)')].map(e => parseFloat(getComputedStyle(e).fontSize));
    found.push({id: slide.id, problems: [...problems], smallest: Math.min(...sizes)});
  });
  return found;
}"""


def test_the_address_opens_the_deck_on_a_slide_for_a_second_window(visit):
    visit.goto(SLIDES["en"] + "#s4")
    assert _current(visit.page) == "s4"


@pytest.mark.parametrize("address", ["", "#s3"])
def test_tab_from_the_deck_reaches_its_buttons_not_the_footer(visit, address):
    """The browser focuses the slide named in the address once the page has loaded; the next Tab
    must land on the deck's own buttons (it used to skip them and land in the footer)."""
    visit.goto(SLIDES["es"] + address)
    page = visit.page
    wait_until(page, "document.documentElement.classList.contains('slides-js')")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.matches('.slides__controls button')"), \
        page.evaluate("document.activeElement.outerHTML.slice(0, 120)")


def test_the_buttons_move_the_deck_and_ask_for_full_screen(visit):
    visit.goto(SLIDES["es"])
    page = visit.page
    page.locator("[data-slides-action=next]").click()
    assert _current(page) == "s2"
    page.locator("[data-slides-action=prev]").click()
    assert _current(page) == "s1"
    page.locator("[data-slides-action=fullscreen]").click()
    wait_until(page, "document.fullscreenElement !== null")
    page.keyboard.press("f")
    wait_until(page, "document.fullscreenElement === null")


def test_a_swipe_moves_the_deck_on_a_touch_screen(phone):
    phone.goto(SLIDES["es"])
    page = phone.page

    def swipe(dx):
        page.evaluate("""(dx) => {
            const deck = document.querySelector('[data-slides]');
            const touch = (x) => new Touch({identifier: 1, target: deck, clientX: x, clientY: 300});
            deck.dispatchEvent(new TouchEvent('touchstart', {touches: [touch(200)], changedTouches: [touch(200)], bubbles: true}));
            deck.dispatchEvent(new TouchEvent('touchend', {touches: [], changedTouches: [touch(200 + dx)], bubbles: true}));
        }""", dx)

    swipe(-120)
    assert _current(page) == "s2"
    swipe(120)
    assert _current(page) == "s1"
    swipe(-20)
    assert _current(page) == "s1", "a small move is not a swipe"


def test_without_javascript_the_slides_read_as_one_page(browser, server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server + SLIDES["es"])
    assert page.locator("[data-slide]:visible").count() == page.locator("[data-slide]").count() > 5
    assert not page.locator(".slides__controls").is_visible()
    context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_slides_print_as_handouts_with_their_notes(visit, model, language):
    module = model.training[language].get("que-es-la-trata")
    visit.goto(SLIDES[language])
    reader = PdfReader(io.BytesIO(visit.page.pdf(format="A4", prefer_css_page_size=True)))
    slides = visit.page.locator("[data-slide]").count()
    assert len(reader.pages) < slides, "handouts hold more than one slide to a sheet"
    printed = _flat(" ".join(page.extract_text() for page in reader.pages))
    for step in module.steps:
        assert _flat(step.title) in printed and _flat(step.trainer) in printed
    assert all(abs(float(p.mediabox.width) - 595.3) < 2 and abs(float(p.mediabox.height) - 841.9) < 2
               for p in reader.pages)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_slides_page_fits_the_budget_and_loads_only_the_sites_files(browser, site, tmp_path_factory, language):
    """Measured as test_budgets.py measures every kind of page: a first visit through nginx."""
    from bench import local_nginx
    from bench.first_load import measure

    with local_nginx.serving(site, tmp_path_factory.mktemp("slides-nginx")) as base:
        load = measure(browser, base + SLIDES[language])
    detail = "\n".join(f"{size:>7} {url}" for url, size in load.responses.items())
    assert load.requests <= 12 and load.bytes <= 90_000, detail
    assert any(re.search(r"/slides\.[0-9a-f]{8}\.min\.js$", url) for url in load.responses), detail
    assert all(url.startswith(base) for url in load.responses), detail
