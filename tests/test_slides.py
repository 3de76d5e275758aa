"""A module's slides (issue 17): generated from the module's pages, driven like a presentation.

The built pages hold a slide per plan step with its key message and the trainer's notes (a step
that runs an activity with its instructions), and the handout's reporting channels last; in Chromium the deck moves
with the keys a presenter's clicker sends, with swipes, shows the notes, goes full screen, stays
within the budgets and prints as handouts. What the slides must say comes from the content
model and the module's own pages.
"""

from __future__ import annotations

import io
import re
import unicodedata

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from conftest import LANGUAGES, ROOT, build_error, edit, html, wait_until

import content_model
from renderers import training_slides

SLIDES = {"es": "capacitacion/que-es-la-trata/diapositivas/", "en": "en/capacitacion/que-es-la-trata/diapositivas/"}


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


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_module_has_a_slide_per_step_and_the_reporting_channels_last(site, model, language):
    for module in model.training[language].modules:
        page = html(site, module.slides.url)
        slides = page.select("[data-slide]")
        steps = [slide for slide in slides if slide["data-kind"] == "step"]
        assert len(steps) == len(module.steps), module.slides.url
        for slide, step in zip(steps, module.steps):
            assert slide.select_one(".slide__title").get_text(strip=True).rstrip("¶") == step.title
            assert slide.select_one(".slide__message").get_text(strip=True) == step.key_message
            assert slide.select_one(".slide__notes").get_text(strip=True) == step.trainer
        assert len(slides) == len(module.steps) + 1, "one slide per step, plus the reporting slide"
        assert module.title in slides[0].select_one(".slide__module").get_text()
        assert slides[-1]["data-kind"] == "reporting"
        title, body = training_slides.reporting(_markdown(module, "handout"))
        assert _flat(title) in _flat(slides[-1].h2.get_text()).rstrip("¶")
        for number in re.findall(r"\[(\d[\d-]*)\]\(tel:", body):
            assert slides[-1].select_one(f'a[href^="tel:"]'), number
            assert number in slides[-1].get_text()
        assert [s["id"] for s in slides] == [f"s{n}" for n in range(1, len(slides) + 1)]
        assert page.select_one('meta[name="robots"][content="noindex"]')


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_activitys_instructions_are_on_the_slide_of_the_step_that_runs_it(site, model, language):
    for module in model.training[language].modules:
        prompts = training_slides.activity_prompts(_markdown(module, "activities"))
        assert prompts, module.id
        slides = html(site, module.slides.url).select("[data-slide]")
        carried = [slide for slide in slides if slide.select(".slide__activity")]
        assert sum(len(slide.select(".slide__activity")) for slide in carried) == len(prompts), module.id
        for number, (title, _) in prompts.items():
            holder = [slide for slide in carried if _flat(re.sub(r"[*_`]", "", title)) in _flat(slide.get_text())]
            assert holder, (module.id, title)
            step = module.steps[int(holder[0]["data-step"]) - 1]
            assert re.search(rf"\b{number}\b", step.title), (module.id, step.title)
            assert holder[0].select_one(".slide__activity li, .slide__activity p:not(.slide__activity-title)")
        assert not html(site, module.slides.url).select(".slides [markdown]"), "the Markdown inside is rendered"


def test_the_slides_are_linked_from_the_overview_and_the_pack_and_kept_out_of_search(site, model):
    for language in LANGUAGES:
        index = (site / "search" / f"index.{language}.js").read_text(encoding="utf-8")
        for module in model.training[language].modules:
            for url in (module.url, module.pack.url):
                page = html(site, url)
                hrefs = [a["href"] for a in page.select("article a[href]")]
                target = module.slides.url
                assert any((site / url / href).resolve() == (site / target).resolve() for href in hrefs), url
            # Only the slides' title is indexed: their key messages come from the plan.
            assert module.steps[2].key_message not in index


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
    message = build_error(project)
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


def test_the_notes_toggle_with_n_and_with_the_button(visit, model):
    module = model.training["es"].get("que-es-la-trata")
    visit.goto(SLIDES["es"] + "#s2")
    page = visit.page
    notes = page.locator(".slide--current .slide__notes")
    assert not notes.is_visible()
    page.keyboard.press("n")
    assert notes.is_visible() and notes.inner_text().strip().endswith(module.steps[1].trainer)
    page.keyboard.press("n")
    assert not notes.is_visible()
    page.locator("[data-slides-action=notes]").click()
    assert notes.is_visible()


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
