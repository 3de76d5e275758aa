"""Training modules (issue 5): validation, the built pages, and the quiz, filter and print in Chromium."""

from __future__ import annotations

import re
import shutil

import pytest
from bs4 import BeautifulSoup

from conftest import PREFIXES, ROOT, axe_violations, build_error, edit, html, load_error

import content_model
from content_model.training import PARTS
from renderers import training as render

MODULE = "capacitacion/que-es-la-trata"
PLAN_ES = f"docs/{MODULE}/plan.es.md"
PLAN_EN = f"docs/{MODULE}/plan.en.md"
QUIZ_ES = f"docs/{MODULE}/cuestionario.es.md"
QUIZ_EN = f"docs/{MODULE}/cuestionario.en.md"
INDEX_ES = f"docs/{MODULE}/index.es.md"


@pytest.fixture(scope="module")
def model():
    return content_model.load_site(ROOT / "docs")


# ---------------------------------------------------------------------------- validation


def test_steps_that_do_not_add_up_to_the_duration_stop_the_build(project):
    edit(project / PLAN_ES, 'minutes: 10\n    title: "Pausa"', 'minutes: 15\n    title: "Pausa"')
    assert load_error(project) == (
        f"{PLAN_ES}, field 'steps': the steps add up to 125 minutes, but the module lasts 120 "
        f"('duration' in {INDEX_ES}). Fix: make the steps' minutes add up to the duration, or change the duration.")


def test_english_steps_with_other_minutes_stop_the_build(project):
    edit(project / PLAN_EN, 'minutes: 10\n    title: "Break"', 'minutes: 15\n    title: "Break"')
    assert load_error(project) == (
        f"{PLAN_EN}, field 'steps': step 6 lasts 15 minutes in English but 10 in Spanish. "
        "Fix: give step 6 the Spanish minutes (10).")


def test_an_unknown_guideline_in_teaches_stops_the_build(project):
    edit(project / INDEX_ES, "teaches: [reduccion-tolerancia,", "teaches: [reduccion-toleranzia,")
    assert load_error(project) == (
        f"{INDEX_ES}, field 'teaches': no policy guideline has the id 'reduccion-toleranzia'. "
        "Fix: use the ids of guideline pages in docs/politica/ (their 'id:' field).")


def test_an_axis_in_teaches_stops_the_build(project):
    edit(project / INDEX_ES, "teaches: [reduccion-tolerancia,", "teaches: [prevencion,")
    assert load_error(project) == (
        f"{INDEX_ES}, field 'teaches': 'prevencion' is an axis, not a guideline. "
        "Fix: list general or specific guidelines (the pages that sit under a component).")


def test_a_question_with_no_correct_answer_stops_the_build(project):
    right = '      - text: "Un acto, un medio y un fin de explotación."\n'
    edit(project / QUIZ_ES, right + "        correct: true\n", right)
    assert load_error(project) == (
        f"{QUIZ_ES}, field 'questions': question 1 has no correct answer. "
        "Fix: mark exactly one option of question 1 with 'correct: true'.")


def test_a_question_with_two_correct_answers_stops_the_build(project):
    edit(project / QUIZ_ES, '      - text: "Migrar con los documentos en regla."\n',
         '      - text: "Migrar con los documentos en regla."\n        correct: true\n')
    assert load_error(project) == (
        f"{QUIZ_ES}, field 'questions': question 2 has 2 correct answers. "
        "Fix: mark exactly one option of question 2 with 'correct: true'.")


def test_english_quiz_with_the_right_answer_elsewhere_stops_the_build(project):
    edit(project / QUIZ_EN, '      - text: "Retaining a person."\n        correct: true\n'
                            '      - text: "Migrating with your papers in order."\n',
         '      - text: "Retaining a person."\n      - text: "Migrating with your papers in order."\n'
         '        correct: true\n')
    assert load_error(project) == (
        f"{QUIZ_EN}, field 'questions': the correct answer of question 2 is option 2 in English "
        "but option 1 in Spanish. "
        f"Fix: make it match {QUIZ_ES}: the same questions in the same order, the correct answer at the same place.")


def test_english_quiz_with_fewer_questions_stops_the_build(project):
    text = (project / QUIZ_EN).read_text(encoding="utf-8")
    start = text.index('  - question: "Which Ministry')
    (project / QUIZ_EN).write_text(text[:start] + text[text.index("---", start):], encoding="utf-8")
    assert load_error(project) == (
        f"{QUIZ_EN}, field 'questions': the English quiz has 6 questions, the Spanish one 7. "
        f"Fix: make it match {QUIZ_ES}: the same questions in the same order, the correct answer at the same place.")


def test_english_question_with_another_number_of_options_stops_the_build(project):
    edit(project / QUIZ_EN, '      - text: "105."\n', "")
    assert load_error(project) == (
        f"{QUIZ_EN}, field 'questions': question 7 has 2 options in English but 3 in Spanish. "
        f"Fix: make it match {QUIZ_ES}: the same questions in the same order, the correct answer at the same place.")


def test_a_part_naming_an_unknown_module_stops_the_build(project):
    edit(project / f"docs/{MODULE}/hoja.es.md", "module: que-es-la-trata", "module: que-es-la-trta")
    message = load_error(project)
    assert message.startswith(
        f"docs/{MODULE}/hoja.es.md, field 'module': no module has the id 'que-es-la-trta'. "
        "Fix: use the id of an existing module: ")
    assert "que-es-la-trata" in message


def test_a_declared_module_without_one_of_its_parts_stops_the_build(project):
    edit(project / f"docs/{MODULE}/evaluacion.es.md", "kind: evaluation\n", "")
    assert load_error(project) == (
        f"docs/{MODULE}/evaluacion.es.md, field 'kind': this required field is missing. "
        "Fix: add 'kind: evaluation' and 'module: que-es-la-trata' to the front matter.")


def test_a_module_folder_missing_a_page_stops_the_build(project):
    for language in ("es", "en"):
        (project / f"docs/{MODULE}/evaluacion.{language}.md").unlink()
    assert load_error(project) == (
        f"docs/{MODULE}/: the module has no 'evaluacion' page (the evaluation form). "
        f"Fix: add docs/{MODULE}/evaluacion.es.md and docs/{MODULE}/evaluacion.en.md with 'kind: evaluation' "
        "and 'module: que-es-la-trata' (every module has all six parts).")


def test_an_unknown_training_marker_stops_the_build(project):
    edit(project / QUIZ_ES, "<!-- training: quiz -->", "<!-- training: quizz -->")
    assert load_error(project) == (f"{QUIZ_ES}: '<!-- training: quizz -->' is not a known marker. Fix: use one of: "
            "<!-- training: modules -->, <!-- training: overview -->, <!-- training: plan -->, "
            "<!-- training: short-plan -->, <!-- training: disclosure -->, <!-- training: quiz -->, "
            "<!-- training: pack -->, <!-- training: short-pack -->, <!-- training: slides -->, "
                "<!-- training: short-slides -->, <!-- training: offline -->.")


def test_a_quiz_page_without_its_marker_stops_the_build(project):
    edit(project / QUIZ_EN, "<!-- training: quiz -->", "")
    assert build_error(project) == (f"{QUIZ_EN}: the quiz is not shown: the page has no <!-- training: quiz --> marker. "
            "Fix: add a line '<!-- training: quiz -->' where the quiz belongs.")


def test_a_module_folder_whose_index_declares_no_kind_is_a_stub(project):
    shutil.copytree(project / "docs" / MODULE, project / "docs/capacitacion/borrador")
    for path in (project / "docs/capacitacion/borrador").glob("*.md"):
        path.write_text('---\ntitle: "Borrador"\n---\n\nTODO\n', encoding="utf-8")
    site = content_model.load_site(project / "docs")
    assert "borrador" in site.training["es"].stubs
    assert "borrador" not in site.training["es"]


# ---------------------------------------------------------------------------- the model and renderers


def test_modules_teaching_a_guideline_give_title_and_address_in_each_language(model):
    for language in ("es", "en"):
        taught = model.training[language].modules_teaching("cultura-rechazo")
        expected = [m.id for m in model.training[language].modules if "cultura-rechazo" in m.teaches]
        assert [m.id for m in taught] == expected and "que-es-la-trata" in expected
        first = taught[expected.index("que-es-la-trata")]
        assert first.url == f"{PREFIXES[language]}capacitacion/que-es-la-trata/"
        assert first.title == model.pages["capacitacion/que-es-la-trata/index.md"][language]["title"]
    untaught = [n.id for n in model.tree("es").of_kind("specific")
                if not any(n.id in m.teaches for m in model.training["es"].modules)]
    for guideline in untaught:
        assert model.training["es"].modules_teaching(guideline) == []


def test_every_module_teaches_only_existing_guidelines(model):
    tree = model.tree("es")
    for module in model.training["es"].modules:
        assert module.teaches and all(tree.get(g).kind in ("general", "specific") for g in module.teaches)


def test_the_plan_runs_a_clock_from_zero_to_the_duration(model):
    module = model.training["es"].get("que-es-la-trata")
    table = render.plan(module)
    soup = BeautifulSoup(table, "html.parser")
    clocks = [cell.get_text() for cell in soup.select("tbody .training-plan__clock")]
    assert clocks[0] == "0:00–0:10" and clocks[-1] == "1:50–2:00"
    assert len(soup.select("tr")) == 1 + len(module.steps) + 1  # head, steps, total
    assert table == render.plan(module)


@pytest.mark.parametrize("language", ["es", "en"])
def test_on_a_phone_each_cell_of_the_plan_and_module_table_says_which_column_it_is_in(model, language):
    """training.css shows each row as a card, each cell after its data-label: the labels must
    be the column heads, in the same order."""
    training = model.training[language]
    for table in (render.plan(training.get("que-es-la-trata")), render.modules(training.modules, "capacitacion/", language)):
        soup = BeautifulSoup(table, "html.parser")
        assert "cards-on-phone" in soup.table["class"]
        heads = [th.get_text() for th in soup.select("thead th")]
        for row in soup.select("tbody tr, tfoot tr"):
            cells = row.find_all(["td", "th"])
            assert len(cells) == len(heads)
            for index, cell in enumerate(cells):
                if cell.name == "td" and cell.get_text():
                    assert cell["data-label"] == heads[index], (language, cell)


@pytest.mark.parametrize("language", ["es", "en"])
def test_on_a_phone_the_plan_is_a_list_of_cards_that_is_still_a_table(phone, language):
    """At 360 px each step is a card, each value after its column's name; what a screen reader is
    given is Chromium's own tree (not Playwright's guess from the markup): a table with its rows,
    row heads and column heads, from the HTML alone (no ARIA role, which the HTML standard forbids
    on a tr, th or td in a table), each cell named by its value alone (the column's name is its
    header's, not read out twice)."""
    phone.goto(f"{PREFIXES[language]}{MODULE}/plan/")
    page = phone.page
    plan = page.locator(".training-plan").first
    assert plan.evaluate("box => box.scrollWidth <= box.clientWidth"), "no sideways scrolling"
    table = page.locator(".training-plan:not(.training-plan--short) .training-plan__table")
    assert table.evaluate("t => [t, ...t.querySelectorAll('*')].filter(e => e.hasAttribute('role')).length") == 0
    steps = table.locator("tbody tr")
    assert steps.count() > 3
    assert steps.first.evaluate("row => getComputedStyle(row).display") == "block"
    heads = table.locator("thead th").all_inner_texts()
    assert len(heads) == 6
    # Each card's values say their column: the labels are the column heads, in order.
    labels = steps.first.evaluate("""row => [...row.cells].map(cell => cell.matches('td[data-label]')
        ? getComputedStyle(cell, '::before').content : null)""")
    for index, label in enumerate(labels):
        if label is not None and index != 0:   # the step's number stands before its title, unlabelled
            assert label.startswith(f'"{heads[index]}: "'), (index, label)

    cdp = page.context.new_cdp_session(page)
    found = cdp.send("Runtime.evaluate", {"expression": "document.querySelector("
                     "'.training-plan:not(.training-plan--short) .training-plan__table')"})
    object_id = found["result"]["objectId"]

    def chromium_says(role: str) -> list[str]:
        nodes = cdp.send("Accessibility.queryAXTree", {"objectId": object_id, "role": role})["nodes"]
        return [node.get("name", {}).get("value", "") for node in nodes if not node.get("ignored")]

    assert len(chromium_says("table")) == 1
    assert len(chromium_says("row")) == steps.count() + 2
    assert len(chromium_says("rowheader")) == steps.count() + 1
    assert [name.strip() for name in chromium_says("columnheader")] == [head.strip() for head in heads]
    minutes = table.locator("tbody .training-plan__minutes").first.inner_text().strip()
    assert minutes in chromium_says("cell")
    assert not any(name.startswith(heads[2]) for name in chromium_says("cell"))
    assert axe_violations(page) == []


def test_the_renderers_escape_what_authors_write(model):
    import dataclasses

    module = model.training["es"].get("que-es-la-trata")
    question = dataclasses.replace(module.questions[0], question="¿<script>alert(1)</script> & co?")
    html_text = render.quiz(dataclasses.replace(module, questions=(question, *module.questions[1:])))
    assert "<script>" not in html_text
    assert "¿&lt;script&gt;alert(1)&lt;/script&gt; &amp; co?" in html_text


# ---------------------------------------------------------------------------- the built site


@pytest.mark.parametrize("language", ["es", "en"])
def test_every_module_has_all_six_parts_on_the_built_site(site, model, language):
    modules = model.training[language].modules
    assert modules, "no module is declared"
    for module in modules:
        for part in module.parts:
            page = html(site, part.url)
            article = page.select_one("article.md-typeset")
            assert article.select_one(f".training-page--{part.kind}"), part.url
            assert article.h1.get_text(strip=True) == part.title
        plan = html(site, module.part("session-plan").url)
        assert len(plan.select(".training-plan:not(.training-plan--short) .training-plan__table tbody tr")) == len(module.steps)
        quiz = html(site, module.part("quiz").url)
        assert len(quiz.select("fieldset.quiz__question")) == len(module.questions)
        assert len(quiz.select("details.quiz__answer")) == len(module.questions)


@pytest.mark.parametrize("language", ["es", "en"])
def test_the_training_page_lists_every_module_with_audience_duration_and_group(site, model, language):
    page = html(site, f"{PREFIXES[language]}capacitacion/")
    rows = page.select(".training-modules__table tbody tr")
    modules = model.training[language].modules
    assert [row.a.get_text(strip=True) for row in rows] == [m.title for m in modules]
    for row, module in zip(rows, modules):
        audience, duration, group = (cell.get_text(strip=True) for cell in row.select("td"))
        assert audience == ", ".join(module.audience_names)
        assert duration.startswith(f"{module.duration} min")
        assert group == module.group_size
        target = row.a["href"]
        assert (site / f"{PREFIXES[language]}capacitacion" / target / "index.html").exists(), target
    assert page.select_one("[data-training-filter][hidden]"), "the filter shows only with JavaScript"


@pytest.mark.parametrize("language", ["es", "en"])
def test_a_module_overview_links_the_guidelines_it_teaches_and_its_parts(site, model, language):
    module = model.training[language].get("que-es-la-trata")
    page = html(site, module.url)
    links = [a["href"] for a in page.select(".training-overview a")]
    # The guidelines, the five other parts, the slides and the plan's 45-minute version.
    assert len(links) == len(module.teaches) + len(PARTS) - 1 + 2
    assert "plan/#version-corta" in links and "diapositivas/" in links
    for href in links:
        assert (site / module.url / href.split("#")[0] / "index.html").resolve().exists(), href


def test_a_quiz_without_javascript_keeps_questions_and_revealable_answers(site):
    page = html(site, f"{MODULE}/cuestionario/")
    first = page.select_one("#pregunta-1")
    assert first.legend.get_text(" ", strip=True).endswith("¿Qué tres elementos forman la trata de personas?")
    assert len(first.select("input[type=radio]")) == 3
    assert first.select_one(".quiz__check").has_attr("hidden")
    assert first.select_one("details.quiz__answer summary").get_text(strip=True) == "Ver respuesta"
    assert "B. Un acto, un medio y un fin de explotación." in first.select_one("details").get_text(" ", strip=True)
    assert not page.select("article script"), "no inline script in the content"


# ---------------------------------------------------------------------------- in Chromium

QUIZ = {"es": f"{MODULE}/cuestionario/", "en": f"en/{MODULE}/cuestionario/"}
WORDS = {
    "es": {"check": "Comprobar", "right": "Correcto.", "wrong": "Incorrecto.",
           "score": "Resultado: {n} de 7 preguntas correctas al primer intento."},
    "en": {"check": "Check", "right": "Right.", "wrong": "Wrong.",
           "score": "Score: {n} of 7 questions right at the first try."},
}


def _answers(model, language):
    return [q.answer for q in model.training[language].get("que-es-la-trata").questions]


@pytest.mark.parametrize("language", ["es", "en"])
def test_a_wrong_answer_then_the_right_one_shows_the_right_feedback(visit, model, language):
    visit.goto(QUIZ[language])
    page = visit.page
    question = page.locator("#pregunta-1")
    answer = _answers(model, language)[0]
    wrong = (answer + 1) % 3
    question.locator("input[type=radio]").nth(wrong).check()
    question.get_by_role("button", name=WORDS[language]["check"]).click()
    feedback = question.locator(".quiz__feedback")
    assert feedback.inner_text().startswith(WORDS[language]["wrong"])
    assert question.locator(".quiz__option--wrong input").get_attribute("value") == str(wrong)
    question.locator("input[type=radio]").nth(answer).check()
    question.get_by_role("button", name=WORDS[language]["check"]).click()
    assert feedback.inner_text().startswith(WORDS[language]["right"])
    explanation = model.training[language].get("que-es-la-trata").questions[0].explanation
    assert explanation in feedback.inner_text()
    assert question.locator(".quiz__option--wrong").count() == 0
    assert feedback.get_attribute("aria-live") == "polite"
    assert page.locator(".quiz__score").inner_text() == ""
    assert visit.console_errors == [] and visit.outside_requests() == []


@pytest.mark.parametrize("language", ["es", "en"])
def test_the_final_score_counts_first_tries(visit, model, language):
    visit.goto(QUIZ[language])
    page = visit.page
    answers = _answers(model, language)
    for number, answer in enumerate(answers, start=1):
        question = page.locator(f"#pregunta-{number}")
        if number in (2, 5):  # two first tries wrong, then put right
            question.locator("input[type=radio]").nth((answer + 1) % 3).check()
            question.locator(".quiz__check").click()
        question.locator("input[type=radio]").nth(answer).check()
        question.locator(".quiz__check").click()
    score = page.locator(".quiz__score")
    assert score.inner_text() == WORDS[language]["score"].format(n=5)
    assert score.get_attribute("role") == "status"
    page.locator(".quiz__reset").click()
    assert score.inner_text() == ""
    assert page.locator(".quiz__option input[type=radio]:checked").count() == 0


def test_the_quiz_works_by_keyboard_alone(visit, model):
    visit.goto(QUIZ["es"])
    page = visit.page
    active = "document.activeElement && document.activeElement.id"
    for _ in range(400):
        page.keyboard.press("Tab")
        if page.evaluate(active) == "pregunta-1-a":
            break
    else:
        pytest.fail("Tab never reached the first question")
    for number, answer in enumerate(_answers(model, "es"), start=1):
        assert page.evaluate(active).startswith(f"pregunta-{number}-"), page.evaluate(active)
        if answer == 0:
            page.keyboard.press("Space")
        for _ in range(answer):
            page.keyboard.press("ArrowDown")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent") == "Comprobar"
        page.keyboard.press("Enter")
        assert page.locator(f"#pregunta-{number} .quiz__feedback").inner_text().startswith("Correcto.")
        page.keyboard.press("Tab")
    assert page.locator(".quiz__score").inner_text() == WORDS["es"]["score"].format(n=7)


def test_the_answers_stay_revealable_without_javascript(browser, server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server + QUIZ["es"])
    question = page.locator("#pregunta-1")
    assert question.locator(".quiz__check").is_hidden()
    assert question.locator(".quiz__right").is_hidden()
    question.get_by_text("Ver respuesta").click()
    assert question.locator(".quiz__right").inner_text() == (
        "Respuesta correcta: B. Un acto, un medio y un fin de explotación.")
    context.close()


@pytest.mark.parametrize("language", ["es", "en"])
def test_a_handout_prints_on_exactly_one_a4_page(visit, language):
    visit.goto(f"{PREFIXES[language]}{MODULE}/hoja/")
    pdf = visit.page.pdf(format="A4")
    assert len(re.findall(rb"/Type\s*/Page(?!s)", pdf)) == 1


def test_print_hides_the_site_chrome_and_the_quiz_answers(visit):
    visit.goto(QUIZ["es"])
    page = visit.page
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-footer", ".quiz__answer", ".quiz__check"):
        if page.locator(selector).count():
            assert page.locator(selector).first.is_hidden(), selector
    assert page.locator("#pregunta-1 legend").is_visible()


@pytest.mark.parametrize("language", ["es", "en"])
def test_the_quiz_page_has_no_axe_violations(visit, model, language):
    visit.goto(QUIZ[language])
    question = visit.page.locator("#pregunta-1")
    question.locator("input[type=radio]").nth(_answers(model, language)[0]).check()
    question.locator(".quiz__check").click()
    assert axe_violations(visit.page) == []


@pytest.mark.browser  # the browser fixture is asked for by name, inside the test
@pytest.mark.parametrize("screen", ["visit", "phone"])   # a table on a wide screen, cards on a phone
def test_the_module_filter_hides_modules_that_do_not_fit(request, model, screen):
    reader = request.getfixturevalue(screen)
    reader.goto("capacitacion/")
    page = reader.page
    assert page.locator("[data-training-filter]").is_visible()
    modules = model.training["es"].modules
    rows = page.locator(".training-modules__table tbody tr")
    assert rows.count() == len(modules)

    def shown():
        return [rows.nth(i).is_visible() for i in range(len(modules))]

    # A module fits the time if its full session or its short version does (issue 17).
    shortest = min(m.duration for m in modules)
    page.get_by_label("Tiempo disponible", exact=True).select_option(str(shortest))
    assert shown() == [min(m.duration, m.short_duration) <= shortest for m in modules]
    visible = sum(min(m.duration, m.short_duration) <= shortest for m in modules)
    assert page.locator(".training-filter__count").inner_text() == f"Se muestran {visible} de {len(modules)} módulos."
    page.get_by_label("Tiempo disponible", exact=True).select_option("")
    for audience in ("salud", "jovenes", "funcionarios"):
        page.get_by_label("Público", exact=True).select_option(audience)
        assert shown() == [audience in m.audiences for m in modules], audience
    assert axe_violations(page) == []


def test_the_quiz_script_does_nothing_on_pages_without_a_quiz(visit):
    visit.goto("")
    assert visit.page.locator(".quiz--js").count() == 0
    assert visit.console_errors == []
