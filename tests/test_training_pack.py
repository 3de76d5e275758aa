"""The trainer's pack (issue 9): one printable page per module, built from the module's own pages.

The renderer on its own, the build that stops when a module cannot have its pack, the built
packs in both languages, and an edit to a part that shows up in the pack. What the pack looks
like on paper is tested in test_print.py.
"""

from __future__ import annotations

import dataclasses

import pytest
from bs4 import BeautifulSoup

from conftest import (LANGUAGES, PACK_MODULE, ROOT, build_error, each_mistake, edit, html, load_error,
                      mistake_stops_the_model)

import content_model
from content_model.training import PACK_CONTENTS
from renderers import training_pack, training_paperwork
from renderers.training_pack import ANSWERS_ID, PART_IDS, ROOM_ID

MODULE = "capacitacion/que-es-la-trata"
PACK_ES = f"docs/{MODULE}/paquete.es.md"
PACK_EN = f"docs/{MODULE}/paquete.en.md"


def _part_kinds(module) -> list[str]:
    """The pack's parts in order: the module's pages, the room's material after the activities
    when the module declares any, the paperwork, the answers."""
    kinds = list(PACK_CONTENTS)
    if module.room_material:
        kinds.insert(kinds.index("activities") + 1, "room")
    return kinds + list(training_paperwork.PARTS) + ["answers"]


def _part_order(module) -> list[str]:
    ids = {**PART_IDS, **training_paperwork.PARTS, "room": ROOM_ID, "answers": ANSWERS_ID}
    return [ids[kind] for kind in _part_kinds(module)]


@pytest.fixture(scope="module")
def model():
    return content_model.load_site(ROOT / "docs")


def _bodies(**changes):
    bodies = {kind: f"Text of the {kind}.\n\n## Sources {{ #fuentes }}\n\n- A source.\n" for kind in PACK_CONTENTS}
    bodies.update(changes)
    return bodies


# ---------------------------------------------------------------------------- the renderer


def test_a_parts_headings_move_one_level_down_and_its_ids_and_links_get_the_parts_name(model):
    module = model.training["es"].get("que-es-la-trata")
    activities = ("Lead.\n\n## Case { #caso }\n\nSee [the case](#caso), [elsewhere](#other) and [a page](plan.md#notas).\n\n"
                  "### Questions\n\n###### Deepest\n\n```\n## not a heading { #code }\n```\n")
    markdown = training_pack.pack(module, _bodies(activities=activities))
    assert "### Case { #actividades-caso }" in markdown
    assert "[the case](#actividades-caso)" in markdown
    assert "[elsewhere](#other)" in markdown and "[a page](plan.md#notas)" in markdown
    assert "#### Questions" in markdown and "###### Deepest" in markdown
    assert "```\n## not a heading { #code }\n```" in markdown
    assert "### Sources { #hoja-fuentes }" in markdown and "### Sources { #evaluacion-fuentes }" in markdown


def test_the_pack_holds_its_parts_in_order_each_in_a_section_with_its_title(model):
    module = model.training["en"].get("que-es-la-trata")
    markdown = training_pack.pack(module, _bodies())
    order = _part_order(module)
    assert ROOM_ID in order, "this module has cards to print"
    positions = [markdown.index(f"{{ #{part_id} }}") for part_id in order]
    assert positions == sorted(positions)
    for kind in PACK_CONTENTS:
        assert f'<section class="training-pack__part training-pack__part--{kind}" markdown="block">' in markdown
        assert f"## {module.part(kind).title} {{ #{PART_IDS[kind]} }}" in markdown
    assert markdown.count('<section class="training-pack__part ') == len(order)
    assert markdown.count("<section ") == markdown.count("</section>")
    assert markdown.count('class="training-plan"') == 0, "no plan marker in the plan, no table"
    with_marker = training_pack.pack(module, _bodies(**{"session-plan": "Lead.\n\n<!-- training: plan -->\n"}))
    assert with_marker.count('class="training-plan"') == 1


def test_the_quiz_on_paper_hides_the_answers_and_the_key_gives_them_last(model):
    module = model.training["es"].get("que-es-la-trata")
    paper = BeautifulSoup(training_pack.paper_quiz(module), "html.parser")
    assert len(paper.select(".training-pack__quiz > li")) == len(module.questions)
    assert not any(q.explanation in paper.get_text() for q in module.questions)
    key = BeautifulSoup(training_pack.answer_key(module), "html.parser")
    for item, question in zip(key.select(".training-pack__answers > li"), module.questions):
        letter = "ABCDEFGHIJ"[question.answer]
        assert f"{letter}. {question.options[question.answer].text}" in item.get_text()
        assert question.explanation in item.get_text()


def test_what_authors_write_is_escaped(model):
    module = model.training["es"].get("que-es-la-trata")
    question = dataclasses.replace(module.questions[0], question="¿<script>alert(1)</script> & *co*?")
    tricky = dataclasses.replace(module, questions=(question, *module.questions[1:]))
    paper = training_pack.paper_quiz(tricky)
    assert "<script>" not in paper and "¿&lt;script&gt;alert(1)&lt;/script&gt; &amp; *co*?" in paper
    part = dataclasses.replace(module.part("handout"), title="A [link](x) & <b>bold</b> # {x}")
    markdown = training_pack.pack(dataclasses.replace(module, parts=tuple(
        part if p.kind == "handout" else p for p in module.parts)), _bodies())
    assert "## A \\[link\\]\\(x\\) &amp; &lt;b&gt;bold&lt;/b&gt; \\# \\{x\\} { #hoja }" in markdown


def test_the_same_module_and_pages_give_the_same_pack(model):
    module = model.training["es"].get("que-es-la-trata")
    assert training_pack.pack(module, _bodies()) == training_pack.pack(module, _bodies())


# ---------------------------------------------------------------------------- the build stops


def test_a_module_without_its_pack_stops_the_build(project):
    for language in LANGUAGES:
        (project / f"docs/{MODULE}/paquete.{language}.md").unlink()
    assert load_error(project) == (
        f"docs/{MODULE}/: the module has no 'paquete' page (the trainer's pack). "
        f"Fix: add {PACK_ES} and {PACK_EN} with 'kind: pack', 'module: que-es-la-trata', a title and a line "
        "'<!-- training: pack -->' (every module has a pack to print).")


def test_a_part_the_pack_prints_without_text_stops_the_build(project):
    handout = project / f"docs/{MODULE}/hoja.en.md"
    text = handout.read_text(encoding="utf-8")
    handout.write_text(text[: text.index("---", 3) + 4], encoding="utf-8")
    assert build_error(project) == (
        f"docs/{MODULE}/hoja.en.md: the handout has no text below its front matter, and the trainer's pack "
        "prints it. Fix: write the handout below the front matter.")


def test_a_pack_page_without_its_marker_stops_the_build(project):
    edit(project / PACK_EN, "<!-- training: pack -->", "")
    assert build_error(project) == (f"{PACK_EN}: the pack is not shown: the page has no <!-- training: pack --> marker. "
            "Fix: add a line '<!-- training: pack -->' where the pack belongs.")


def test_a_pack_marker_on_another_page_stops_the_build(project):
    edit(project / f"docs/{MODULE}/hoja.es.md", "## La ley", "<!-- training: pack -->\n\n## La ley")
    assert build_error(project) == (f"docs/{MODULE}/hoja.es.md: the marker <!-- training: pack --> belongs on a module's 'pack' page. "
            "Fix: remove it, or give the page that kind and a 'module:'.")


# ---------------------------------------------------------------------------- the built site


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_module_has_a_pack_with_its_parts_in_order(site, model, language):
    for module in model.training[language].modules:
        article = html(site, module.pack.url).select_one("article")
        assert article.h1.get_text(strip=True) == module.pack.title
        assert article.select_one(".training-page--pack")
        parts = article.select("section.training-pack__part")
        assert [part.h2["id"] for part in parts] == _part_order(module), module.pack.url
        for part, kind in zip(parts, _part_kinds(module)):
            assert f"training-pack__part--{kind}" in part["class"]
            if kind in PACK_CONTENTS:
                assert part.h2.get_text(strip=True).rstrip("¶") == module.part(kind).title
        plan = article.select_one("#plan").parent
        assert len(plan.select(".training-plan:not(.training-plan--short) .training-plan__table tbody tr")) == len(module.steps)
        contents = [a["href"] for a in article.select(".training-pack__contents a")]
        assert contents == [f"#{part_id}" for part_id in _part_order(module)]
        ids = [element["id"] for element in article.select("[id]")]
        assert len(ids) == len(set(ids)), "two parts share an id"
        assert not article.select("input, .quiz"), "the pack prints the quiz on paper, not the interactive one"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_packs_links_lead_where_the_parts_own_links_lead(site, model, language):
    from urllib.parse import urljoin, urlsplit

    for module in model.training[language].modules:
        article = html(site, module.pack.url).select_one("article")
        own = BeautifulSoup(str(article), "html.parser")  # the pack's own anchors, parsed once
        for link in article.select("a[href]"):
            href = link["href"]
            if href.startswith(("http", "tel:", "mailto:")):
                continue
            target = urlsplit(urljoin("/" + module.pack.url, href))
            path = target.path.lstrip("/")
            if path.endswith(".pdf"):  # a PDF, where the site has one (test_pdf.py follows them all)
                assert (site / path).is_file(), f"{module.pack.url}: {href}"
                continue
            page = html(site, path) if path != module.pack.url else own
            if target.fragment:
                assert page.find(id=target.fragment), f"{module.pack.url}: {href}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_module_overview_leads_to_its_pack(site, model, language):
    for module in model.training[language].modules:
        overview = html(site, module.url)
        links = [a for a in overview.select("article a") if a["href"].rstrip("/").endswith("paquete")]
        assert len(links) == 1, module.url
        assert (site / module.url / links[0]["href"] / "index.html").resolve() == \
               (site / module.pack.url / "index.html").resolve()


def test_an_edit_to_a_modules_pages_shows_up_in_its_pack(published):
    """The published build has this module's plan and handout edited (conftest.published)."""
    assert MODULE == PACK_MODULE
    out = published.site
    spanish = html(out, f"{MODULE}/paquete/").select_one("article").get_text(" ")
    assert "Texto nuevo del plan." in spanish and "Pausa con café" in spanish
    assert "Keep it, share it, pin it up." in html(out, f"en/{MODULE}/paquete/").select_one("article").get_text(" ")


# ---------------------------------------------------------------------------- in Chromium


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_print_button_shows_with_javascript_and_opens_printing(visit, model, language):
    module = model.training[language].get("que-es-la-trata")
    visit.goto(module.pack.url)
    page = visit.page
    page.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; }")
    button = page.locator("button[data-print]")
    assert button.is_visible()
    button.click()
    assert page.evaluate("window.__printed") == 1
    assert visit.console_errors == [] and visit.outside_requests() == []


def test_without_javascript_the_pack_says_how_to_print(browser, server, model):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server + model.training["es"].get("que-es-la-trata").pack.url)
    assert page.locator("button[data-print]").is_hidden()
    how = page.locator(".training-pack__how").inner_text()
    assert "navegador" in how and "PDF" in how and "Ctrl+P" not in how, "a phone has no Ctrl+P"
    context.close()


@pytest.mark.parametrize("kind", ["short_pack", "session-plan"])
def test_on_a_phone_the_45_minute_pack_and_the_plan_have_a_print_button(phone, model, kind):
    module = model.training["es"].get("que-es-la-trata")
    phone.goto(module.short_pack.url if kind == "short_pack" else module.part(kind).url)
    page = phone.page
    page.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; }")
    button = page.locator(".training-downloads button[data-print]")
    assert button.is_visible()
    box = button.bounding_box()
    assert box["width"] >= 44 and box["height"] >= 44 and box["x"] + box["width"] <= 360
    button.tap()
    assert page.evaluate("window.__printed") == 1
    assert phone.console_errors == []


def test_an_overview_without_its_marker_still_leads_to_the_pack(model):
    import training as hook

    module = model.training["en"].get("que-es-la-trata")
    markdown = hook._after_lead("The lead.\n\n## Objectives { #objetivos }\n\nText.\n",
                                hook._downloads(module, "module", module.url, str(ROOT / "docs")))
    lead, links, rest = markdown.partition("\n\n")[0], markdown, markdown.rpartition("</div>")[2]
    assert lead == "The lead." and "[pack to print](paquete.md)" in links and "[pack to print](paquete-45.md)" in links
    assert rest.strip().startswith("## Objectives")


# ---------------------------------------------------------------------------- the room's material (issue 27)

ACTIVITIES = "docs/capacitacion/que-es-la-trata/actividades"
REJECTION = "docs/capacitacion/cultura-de-rechazo/actividades"


def test_the_room_material_gives_each_sign_a_sheet_and_eight_cards_to_a_sheet(model):
    from renderers import training_room

    for language in LANGUAGES:
        for module in model.training[language].modules:
            out = BeautifulSoup(training_room.room_material(module), "html.parser")
            signs = out.select('[data-room-sheet="sign"]')
            assert [sheet.select_one(".training-sign__text").get_text() for sheet in signs] == \
                [text for card_set in module.signs for text in card_set.items]
            sheets = out.select('[data-room-sheet="cards"]')
            cards = [[li.get_text() for li in sheet.select("li.training-card")] for sheet in sheets]
            assert all(1 <= len(sheet) <= training_room.CARDS_PER_SHEET for sheet in cards)
            assert [card for sheet in cards for card in sheet] == [t for s in module.cards for t in s.items]
            assert len(signs) + len(sheets) == training_room.sheet_count(module)
    words = model.training["es"].get("que-es-la-trata").cards[0]
    assert len(words.items) == 22, "the 22 word cards of 'Qué es la trata'"
    assert [s.items for s in model.training["es"].get("cultura-de-rechazo").signs] == \
        [("De acuerdo", "No estoy seguro", "En desacuerdo")]


def test_the_room_material_escapes_what_authors_write(model):
    from content_model.training import CardSet
    from renderers import training_room

    module = dataclasses.replace(model.training["es"].get("que-es-la-trata"),
                                 signs=(CardSet("signs", 1, "<b>T</b>", "x", ("<script>1</script>",)),),
                                 cards=(CardSet("cards", 1, "a & b", "x", ("<i>c</i>",)),))
    out = training_room.room_material(module)
    assert "<script>" not in out and "<b>" not in out and "<i>" not in out and "a &amp; b" in out


# Each mistake in a module's cards or signs: (id, the page, the text replaced, its replacement, the message).
_CARD_MISTAKES = [
    ("card-the-page-does-not-hold", f"{ACTIVITIES}.en.md", '      - "recruit"', '      - "kidnap"',
     f"{ACTIVITIES}.en.md, field 'cards': item 1 of set 1 of 'cards' ('kidnap') is not in the section 'tarjetas' "
     "of the page: the printed sheet would say something the page does not. Fix: write it as the page's text "
     "has it, or add it to that section."),
    ("set-tied-to-a-missing-section", f"{REJECTION}.es.md", "    section: frases", "    section: las-frases",
     f"{REJECTION}.es.md, field 'cards': set 1 of 'cards' names the section 'las-frases', which the page does "
     "not have. Fix: write the id of a heading of this page, e.g. 'section: tarjetas' for '## ... { #tarjetas }': "
     "the section that tells the trainer how to use them."),
    ("english-set-with-fewer-cards", f"{REJECTION}.en.md", '      - "Not sure"\n', "",
     f"{REJECTION}.en.md, field 'signs': set 1 of signs has 2 items under 'instrucciones-1' in English, but 3 "
     f"under 'instrucciones-1' in Spanish. Fix: translate the sets of {REJECTION}.es.md one for one, item for item."),
]


@each_mistake(_CARD_MISTAKES)
def test_a_mistake_in_the_cards_or_signs_stops_the_build(project, page, old, new, message):
    mistake_stops_the_model(project, page, old, new, message)


def test_a_sign_too_long_for_large_type_stops_the_build(project):
    long = "No estoy seguro de que esto sea trata de personas, la verdad"
    edit(project / f"{REJECTION}.es.md", '      - "No estoy seguro"', f'      - "{long}"')
    edit(project / f"{REJECTION}.es.md", "**No estoy seguro**", f"**{long}**")
    assert load_error(project) == (
        f"{REJECTION}.es.md, field 'signs': item 2 of set 1 of 'signs' has {len(long)} characters: more than 40 do "
        "not fit in large type. Fix: shorten it, or split it into two items.")
