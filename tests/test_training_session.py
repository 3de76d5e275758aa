"""A trainer's session (issue 17): the 45-minute version, the shared disclosure guidance, the
paperwork in every pack, quizzes that teach, and the offline edition offered on the web.

Everything expected comes from the content model or the content files, never from a list kept
here: the short plan adds up to `SHORT_DURATION`, the disclosure text is the one shared file,
the paperwork holds the module's own title, durations and questions.
"""

from __future__ import annotations

import dataclasses
import io
import re
import subprocess
import sys
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from conftest import BUILD_ENV, LANGUAGES, ROOT, build_error, edit, html, load_error

import content_model
from content_model.training import SHORT_DURATION, Option, Question
from content_model import training as training_model
from renderers import training as render
from renderers import training_paperwork as paperwork

PLAN = "docs/capacitacion/que-es-la-trata/plan"
QUIZ = "docs/capacitacion/que-es-la-trata/cuestionario"
DISCLOSURE = "docs/capacitacion/_revelacion"


@pytest.fixture(scope="module")
def model():
    return content_model.load_site(ROOT / "docs")


def _disclosure_paragraphs(language: str) -> list[str]:
    """The shared text's sentences as plain text: list items and paragraphs, Markdown removed."""
    text = (ROOT / f"{DISCLOSURE}.{language}.md").read_text(encoding="utf-8").split("---", 2)[2]
    blocks = [re.sub(r"^\d+\.\s+", "", line).strip() for line in text.splitlines()
              if line.strip() and not line.startswith("#")]
    plain = [re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", block).replace("**", "") for block in blocks]
    return plain


# ---------------------------------------------------------------------------- the 45-minute version


def test_every_module_has_a_short_version_that_adds_up_in_both_languages(model):
    for module_es in model.training["es"].modules:
        module_en = model.training["en"].get(module_es.id)
        assert module_es.short_duration == module_en.short_duration == SHORT_DURATION
        assert [s.minutes for s in module_es.short_steps] == [s.minutes for s in module_en.short_steps]
        assert module_es.short_steps[-1].end == SHORT_DURATION
        assert len(module_es.short_steps) >= 3, "a coherent session, not one block"
        # Its own design, not the full plan's steps: at least one step has its own timing.
        full = {(s.title, s.minutes) for s in module_es.steps}
        assert any((s.title, s.minutes) not in full for s in module_es.short_steps)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_plan_page_and_the_pack_show_the_short_version(site, model, language):
    for module in model.training[language].modules:
        for url in (module.part("session-plan").url, module.pack.url):
            page = html(site, url)
            short = page.select_one(".training-plan--short")
            assert short is not None, url
            rows = short.select("tbody tr")
            assert [row.th.get_text(strip=True) for row in rows] == [s.title for s in module.short_steps]
            total = short.select_one("tfoot .training-plan__minutes").get_text(strip=True)
            assert total == str(SHORT_DURATION)
        assert html(site, module.part("session-plan").url).select_one("#version-corta")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_training_page_filter_offers_the_short_version(site, model, language):
    page = html(site, "capacitacion/" if language == "es" else "en/capacitacion/")
    options = [option["value"] for option in page.select("#filtro-tiempo option") if option["value"]]
    assert str(SHORT_DURATION) in options and options == sorted(options, key=int)
    for row, module in zip(page.select(".training-modules__table tbody tr"), model.training[language].modules):
        assert row["data-minutes"] == str(min(module.duration, module.short_duration))
        assert str(SHORT_DURATION) in row.select_one(".training-modules__short").get_text()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_45_minutes_are_two_clicks_from_the_home_page(site, model, language):
    """The path the README gives a trainer: home → the training page → the module's 45-minute
    deck or pack, from its row of the module table."""
    from urllib.parse import urljoin

    home = "" if language == "es" else "en/"
    training = f"{home}capacitacion/"
    assert any(urljoin("/" + home, a["href"]) == "/" + training for a in html(site, home).select("article a[href]"))
    rows = html(site, training).select(".training-modules__table tbody tr")
    for row, module in zip(rows, model.training[language].modules, strict=True):
        targets = {urljoin("/" + training, a["href"]) for a in row.select(".training-modules__short a[href]")}
        assert targets == {"/" + module.short_slides.url, "/" + module.short_pack.url}, module.id


def test_choosing_45_minutes_keeps_every_module_that_has_a_short_version(visit, model):
    visit.goto("capacitacion/")
    page = visit.page
    page.get_by_label("Tiempo disponible", exact=True).select_option(str(SHORT_DURATION))
    rows = page.locator(".training-modules__table tbody tr")
    modules = model.training["es"].modules
    assert [rows.nth(i).is_visible() for i in range(len(modules))] == [m.short_duration <= SHORT_DURATION
                                                                      for m in modules]


def test_short_steps_that_do_not_add_up_to_45_stop_the_build(project):
    edit(project / f"{PLAN}.es.md", "short_steps:\n  - minutes: 5", "short_steps:\n  - minutes: 6")
    message = load_error(project)
    assert "plan.es.md" in message and "short_steps" in message and "46" in message and "45" in message


def test_english_short_steps_with_other_minutes_stop_the_build(project):
    edit(project / f"{PLAN}.en.md", "short_steps:\n  - minutes: 5", "short_steps:\n  - minutes: 7")
    message = load_error(project)
    assert "plan.en.md" in message and "short_steps" in message and "step 1" in message


def test_a_plan_without_a_short_version_stops_the_build(project):
    path = project / f"{PLAN}.es.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"short_steps:\n(?:  .*\n)+", "", text), encoding="utf-8")
    message = load_error(project)
    assert "plan.es.md" in message and "short_steps" in message and "45-minute" in message


def test_the_45_minutes_say_every_word_the_trainer_needs(model):
    """Every step of every 45-minute plan, in both languages: what the group sees, what the trainer
    does and the words they say or ask (each question with its answer); the questions read at the
    start are read again at the end; the activity step names its activity."""
    for language in LANGUAGES:
        for module in model.training[language].modules:
            steps = module.short_steps
            for step in steps:
                assert step.key_message and step.trainer, (module.id, step.number)
                assert step.say or step.ask or step.quiz, (module.id, language, step.number, "no words")
                assert all(item.question and item.answer for item in step.ask)
            quizzed = [step.quiz for step in steps if step.quiz]
            assert len(quizzed) == 2 and quizzed[0] == quizzed[-1], (module.id, "the same questions at both ends")
            assert quizzed[0] == tuple(sorted(quizzed[0])) and max(quizzed[0]) <= len(module.questions)
            assert [step.activity for step in steps if step.activity], (module.id, "no activity")
            english = model.training["en"].get(module.id).short_steps
            assert [(len(s.say), len(s.ask), s.quiz, s.activity) for s in steps] == \
                [(len(s.say), len(s.ask), s.quiz, s.activity) for s in english]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_full_pack_shows_the_45_minutes_and_leaves_their_script_to_the_45_minute_pack(site, model, language):
    """The full pack is for the full session: it keeps the 45-minute line-up (a trainer told on the
    day that there are only 45 minutes sees what to do), and says, with a link, that the script is
    printed in the 45-minute pack; it does not print the script a second time."""
    for module in model.training[language].modules:
        page = html(site, module.pack.url)   # the line-up: test_the_plan_page_and_the_pack_show_the_short_version
        assert page.select_one(".training-script") is None, module.pack.url
        pointer = page.select_one(".training-plan--short").find_next("p")
        links = [urljoin("/" + module.pack.url, a["href"]) for a in pointer.select("a[href]")]
        assert links == ["/" + module.short_pack.url], (module.pack.url, pointer)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_plan_page_and_the_45_minute_pack_print_the_45_minute_script_word_for_word(site, model, language):
    for module in model.training[language].modules:
        for url in (module.part("session-plan").url, module.short_pack.url):
            script = html(site, url).select_one(".training-script")
            assert script is not None, url
            steps = script.select(".training-script__step")
            assert len(steps) == len(module.short_steps), url
            for block, step in zip(steps, module.short_steps):
                text = _flat(block.get_text())
                assert _flat(step.title) in _flat(block.select_one(".training-script__title").get_text())
                for words in (step.key_message, step.trainer, *step.say,
                              *(item.question for item in step.ask), *(item.answer for item in step.ask)):
                    assert _flat(words) in text, (url, step.number, words[:40])
                for number in step.quiz:
                    question = module.questions[number - 1]
                    assert _flat(question.question) in text
                    assert f"{'ABCDEFGHIJ'[question.answer]}." in block.get_text()
                if step.activity:
                    link = block.select_one(f'.training-script__activity a[href*="#actividad-{step.activity}"]')
                    assert link is not None, (url, step.number)
            # The second reading of the questions gives each one's explanation, to say to the group.
            last = steps[-1].get_text()
            assert all(_flat(module.questions[n - 1].explanation) in _flat(last) for n in module.short_steps[-1].quiz)


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _short_steps_block(path) -> str:
    text = path.read_text(encoding="utf-8")
    return text[text.index("short_steps:"):text.index("\n---", 4)]


@pytest.mark.parametrize("change, expected", [
    (("    say:\n      - \"Durante 45 minutos", "    say:\n      - 12\n      - \"Durante 45 minutos"),
     "the 'say' of step 1 is not a list of sentences. Fix: write it as 'say:' followed by one '- \"...\"' line "
     "per thing to say, word for word"),
    (("        answer: \"En la del medio", "        respuesta: \"En la del medio"),
     "question 1 in the 'ask' of step 3 needs a 'question' and an 'answer', as text, and nothing else. Fix: write "
     "it as 'ask:' followed by items '- question: \"...\"' with an 'answer: \"...\"' each (what the trainer says "
     "or expects)"),
    (("    quiz: [1, 3, 7]", "    quiz: [1, 3, 9]"),
     "step 2 reads question 9 of the quiz, which has 7. Fix: use numbers from 1 to 7 in its 'quiz:'"),
    (("    activity: 1", "    activity: 5"),
     "step 4 runs activity 5, but docs/capacitacion/que-es-la-trata/actividades.es.md has no heading "
     "'## ... { #actividad-5 }'. Fix: give the step the number of an activity on that page"),
    (("    activity: 1", "    activity: uno"),
     "the 'activity' of step 4 ('uno') is not an activity's number. Fix: write the number of the activity the "
     "step runs, as on the activities page: 'activity: 1'"),
    (("    key_message: \"No hay nota: estas", "    mensaje: \"No hay nota: estas"),
     # A misspelt field is named before the missing one it stands for (content_model.unknown_key).
     "'mensaje' is not a field of step 2, and what it holds would be lost. Fix: remove the line, or use one of "
     "the fields step 2 may carry: minutes, title, method, trainer, key_message, say, ask, quiz, activity"),
    (("    key_message: \"No hay nota: estas", "    # key_message: \"No hay nota: estas"),
     "step 2 has no 'key_message'. Fix: add 'key_message:' to step 2 (the one sentence the group should take "
     "away, shown on the step's slide)"),
])
def test_a_45_minute_step_that_does_not_say_its_words_right_stops_the_build(project, change, expected):
    edit(project / f"{PLAN}.es.md", *change)
    assert load_error(project) == f"{PLAN}.es.md, field 'short_steps': {expected}."


@pytest.mark.parametrize("pattern, replacement, message", [
    (r"\n    quiz: \[1, 3, 7\]", "\n    quiz: [1, 3]",
     "step 2 reads the quiz questions 1, 3 in English but 1, 3, 7 in Spanish. Fix: give step 2 the Spanish 'quiz:'."),
    (r'\n      - "This topic can stir up feelings[^\n]*', "",
     "step 1 has 3 sentences to say in English but 4 in Spanish. Fix: translate the 'say:' of step 1 one for one."),
], ids=["other-quiz-questions", "fewer-sentences"])
def test_english_45_minute_steps_must_line_up_with_the_spanish_ones(project, pattern, replacement, message):
    path = project / f"{PLAN}.en.md"
    text = path.read_text(encoding="utf-8")
    changed = re.sub(pattern, replacement, text, count=1)
    assert changed != text, pattern
    path.write_text(changed, encoding="utf-8")
    assert load_error(project) == f"{PLAN}.en.md, field 'short_steps': {message}"


@pytest.mark.parametrize("value, shown", [('"diez a veinte"', "diez a veinte"), ('"30-10"', "30-10"),
                                          ('"0"', "0"), ('"10-500"', "10-500")])
def test_a_group_size_that_is_not_a_range_of_people_stops_the_build(project, value, shown):
    edit(project / "docs/capacitacion/que-es-la-trata/index.es.md", 'group_size: "10-25"', f"group_size: {value}")
    assert load_error(project) == (
        f"docs/capacitacion/que-es-la-trata/index.es.md, field 'group_size': '{shown}' is not a group size. Fix: write the "
        'smallest and the largest group as "10-25" (or one number, "20"), from 1 to 200 people, the smaller first.')


def test_a_step_without_its_key_message_stops_the_build(project):
    path = project / f"{PLAN}.en.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"\n    key_message: .*", "", text, count=1), encoding="utf-8")
    message = load_error(project)
    assert "plan.en.md" in message and "'steps'" in message and "key_message" in message and "step 1" in message


# ---------------------------------------------------------------------------- disclosure guidance


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_plan_and_pack_shows_the_one_shared_disclosure_text(site, model, language):
    expected = _disclosure_paragraphs(language)
    assert len(expected) >= 8
    for module in model.training[language].modules:
        for url in (module.part("session-plan").url, module.pack.url):
            text = re.sub(r"\s+", "", html(site, url).select_one("article").get_text())
            missing = [p for p in expected if re.sub(r"\s+", "", p) not in text]
            assert missing == [], (url, missing[:2])


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_plan_and_pack_shows_where_to_refer_a_case_locally_with_its_source(site, model, language):
    """The local route follows the disclosure guidance wherever it is shown: the same day's steps,
    what not to do, where the route differs by place; the one institution it names that the facts
    sheet does not (DEMUNA) is quoted from its source, which the same section links."""
    for module in model.training[language].modules:
        for url in (module.part("session-plan").url, module.pack.url, module.short_pack.url):
            route = html(site, url).find(id=re.compile(r"(^|-)ruta-local$"))
            assert route is not None, url
            section = []
            for sibling in route.find_next_siblings():
                if sibling.name in ("h2", "h3", "h4") or sibling.find(class_="training-script"):
                    break
                section.append(sibling)
            text = " ".join(element.get_text(" ") for element in section)
            for words in {"es": ("mismo día", "105", "1818", "Línea 100", "comisaría", "fiscalía", "DEMUNA",
                                 "Lo que no debe hacer", "cambia la ruta"),
                          "en": ("same day", "105", "1818", "Línea 100", "police station", "prosecutor", "DEMUNA",
                                 "What not to do", "route differs")}[language]:
                assert words in text, (url, words)
            sources = [a["href"] for element in section for a in element.select("a[href^='https://']")]
            assert sources == ["https://www.gob.pe/30753-defensoria-municipal-del-nino-y-del-adolescente-demuna"], url


def test_the_disclosure_text_is_written_once(model):
    # No plan copies the shared text: each has the marker and none of its sentences.
    for language in LANGUAGES:
        sentence = _disclosure_paragraphs(language)[3]
        for module in model.training[language].modules:
            plan = (ROOT / "docs" / content_model.localised(module.part("session-plan").src_uri, language))
            body = plan.read_text(encoding="utf-8")
            assert "<!-- training: disclosure -->" in body
            assert sentence[:40] not in body.replace("**", "")


def test_the_shared_text_is_not_built_as_a_page_of_its_own(site):
    assert not list(site.glob("**/_revelacion*")), "MkDocs built the shared snippet as a page"
    for language in LANGUAGES:
        assert "_revelacion" not in (site / "search" / f"index.{language}.js").read_text(encoding="utf-8")


def test_the_disclosure_text_says_what_to_do_for_a_child_and_for_an_adult():
    for language, words in (("es", ("niña", "adolescente", "adulta", "105", "1818", "Línea 100", "secreto")),
                            ("en", ("child", "teenager", "adult", "105", "1818", "Línea 100", "secret"))):
        text = " ".join(_disclosure_paragraphs(language))
        assert all(word in text for word in words), language


def test_a_missing_disclosure_text_stops_the_build(project):
    (project / f"{DISCLOSURE}.en.md").unlink()
    message = load_error(project)
    assert "_revelacion" in message


def test_a_missing_referral_route_stops_the_build(project):
    for language in LANGUAGES:
        (project / f"docs/capacitacion/_derivacion.{language}.md").unlink()
    assert build_error(project) == (
        "docs/capacitacion/_derivacion.es.md: this shared text is missing, and every session plan shows it. "
        "Fix: write docs/capacitacion/_derivacion.es.md: where to refer a case from a school or a health post, "
        "the same day.")


def test_a_plan_without_the_disclosure_marker_stops_the_build(project):
    edit(project / f"{PLAN}.es.md", "<!-- training: disclosure -->", "")
    message = build_error(project)
    assert "plan.es.md" in message and "<!-- training: disclosure -->" in message


# ---------------------------------------------------------------------------- paperwork


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_pack_holds_the_attendance_sheet_the_record_and_the_tally(site, model, language):
    for module in model.training[language].modules:
        article = html(site, module.pack.url).select_one("article")
        attendance = article.select_one("#asistencia").parent
        heads = [th.get_text(strip=True) for th in attendance.select("thead th")]
        assert len(heads) == 4 and all(heads)
        # A row per participant of the largest group "10-30" allows, read here from the text.
        largest = int(re.findall(r"\d+", model.pages[module.src_uri]["es"]["group_size"])[-1])
        assert len(attendance.select("tbody tr")) >= largest == module.group_max
        assert not attendance.select("input, form"), "filled in by hand, nothing sent"
        record = article.select_one("#constancia").parent
        text = record.get_text(" ")
        assert module.title in text and str(module.duration) in text and str(module.short_duration) in text
        assert len(record.select(".training-paper__signature")) == 2
        tally = article.select_one("#conteo").parent
        rows = tally.select("tbody tr")
        assert len(rows) == len(module.questions) + 1
        for row, question in zip(rows, module.questions):
            assert question.question in row.th.get_text()
            assert row.select_one(".training-paper__letter").get_text() == "ABCDEFGHIJ"[question.answer]
        contents = [a["href"] for a in article.select(".training-pack__contents a")]
        assert {"#asistencia", "#constancia", "#conteo"} <= set(contents)


def test_the_paperwork_escapes_what_authors_write(model):
    module = model.training["es"].get("que-es-la-trata")
    tricky = dataclasses.replace(module, title="<b>A & B</b>", questions=(
        dataclasses.replace(module.questions[0], question="<script>x</script>?"), *module.questions[1:]))
    for kind in paperwork.PARTS:
        out = paperwork.render(kind, tricky)
        assert "<b>A" not in out and "<script>" not in out


# ---------------------------------------------------------------------------- quizzes that teach


def _question(*lengths, right=0):
    return Question(number=1, question="?", explanation="why", options=tuple(
        Option(text="x" * length, correct=index == right) for index, length in enumerate(lengths)))


def test_a_right_answer_that_is_the_longest_option_is_counted_even_by_one_letter():
    assert training_model._longest_is_right(_question(10, 9, 9))
    assert not training_model._longest_is_right(_question(10, 10, 3)), "a tie gives nothing away"
    assert not training_model._longest_is_right(_question(5, 9, right=0))


def test_no_quiz_has_the_right_answer_longest_in_most_questions(model):
    for language in LANGUAGES:
        for module in model.training[language].modules:
            longest = sum(training_model._longest_is_right(q) for q in module.questions)
            assert longest * 2 <= len(module.questions), (module.id, language, longest)


def test_a_quiz_whose_right_answer_is_mostly_the_longest_stops_the_build(project, model):
    path = project / f"{QUIZ}.en.md"
    text = path.read_text(encoding="utf-8")
    # Make every right option of the English quiz the longest by far.
    text = re.sub(r'(- text: )"([^"\n]*)"(\n\s+correct: true)',
                  lambda m: f'{m.group(1)}"{m.group(2)} {"and this is the longest by far " * 4}"{m.group(3)}', text)
    path.write_text(text, encoding="utf-8")
    message = load_error(project)
    assert "cuestionario.en.md" in message and "questions" in message and "longest" in message


QUIZ_PAGES = {"es": "capacitacion/que-es-la-trata/cuestionario/", "en": "en/capacitacion/que-es-la-trata/cuestionario/"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_wrong_answer_names_the_right_option_and_why(visit, model, language):
    module = model.training[language].get("que-es-la-trata")
    visit.goto(QUIZ_PAGES[language])
    for question in module.questions:
        box = visit.page.locator(f"#pregunta-{question.number}")
        box.locator("input[type=radio]").nth((question.answer + 1) % len(question.options)).check()
        box.locator(".quiz__check").click()
        feedback = " ".join(box.locator(".quiz__feedback").inner_text().split())
        right = question.options[question.answer].text.rstrip(".")
        assert f"{'ABCDEFGHIJ'[question.answer]}. {right}" in feedback, feedback
        assert question.explanation in feedback
    assert visit.console_errors == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_changing_the_answer_clears_the_feedback(visit, model, language):
    module = model.training[language].get("que-es-la-trata")
    question = module.questions[1]
    visit.goto(QUIZ_PAGES[language])
    box = visit.page.locator("#pregunta-2")
    box.locator("input[type=radio]").nth(question.answer).check()
    box.locator(".quiz__check").click()
    assert box.locator(".quiz__feedback").inner_text().strip()
    assert box.locator(".quiz__option--right").count() == 1
    box.locator("input[type=radio]").nth((question.answer + 1) % len(question.options)).check()
    assert box.locator(".quiz__feedback").inner_text().strip() == ""
    assert box.locator(".quiz__option--right, .quiz__option--wrong").count() == 0
    # By keyboard too: an arrow key moves the choice and clears the verdict.
    box.locator(".quiz__check").click()
    assert box.locator(".quiz__feedback").inner_text().strip()
    box.locator("input[type=radio]:checked").press("ArrowDown")
    assert box.locator(".quiz__feedback").inner_text().strip() == ""


def test_on_a_phone_nothing_covers_the_question_being_answered(phone, model):
    phone.goto(QUIZ_PAGES["es"])
    page = phone.page
    last = len(model.training["es"].get("que-es-la-trata").questions)
    page.locator(f"#pregunta-{last}").scroll_into_view_if_needed()
    # Scroll up a little, as a reader going back to a question does: that is when the pill shows.
    for _ in range(6):
        page.mouse.wheel(0, -250)
        page.wait_for_timeout(120)
    boxes = page.evaluate("""() => [...document.querySelectorAll('.quiz__question')].map(q => {
        const r = q.getBoundingClientRect(); return [r.top, r.bottom, r.left, r.right]; })""")
    covering = page.evaluate("""() => [...document.querySelectorAll('.md-top, .md-header')].filter(el => {
        const s = getComputedStyle(el); return s.display !== 'none' && s.visibility !== 'hidden' &&
        !el.hidden && s.position === 'fixed'; }).map(el => { const r = el.getBoundingClientRect();
        return [el.className, r.top, r.bottom, r.left, r.right]; })""")
    for name, top, bottom, left, right in covering:
        if "md-top" in name:
            for q_top, q_bottom, q_left, q_right in boxes:
                assert bottom <= q_top or top >= q_bottom or right <= q_left or left >= q_right, \
                    "the back-to-top pill covers a question"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_quiz_prints_without_its_screen_instructions(visit, language):
    from pypdf import PdfReader

    visit.goto(QUIZ_PAGES[language])
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(visit.page.pdf(format="A4"))).pages)
    screen = {"es": "Comprobar", "en": '"Check"'}[language]
    assert screen not in text and render.words(language)["paper"] in " ".join(text.split())


def test_the_pack_has_no_empty_table_header(visit, model):
    from axe_playwright_python.sync_playwright import Axe

    for module in model.training["es"].modules:
        visit.goto(module.pack.url)
        results = Axe().run(visit.page, options={"runOnly": {"type": "rule", "values": ["empty-table-header"]}})
        assert results.response["violations"] == [], module.pack.url


# ---------------------------------------------------------------------------- content


def test_no_plan_uses_the_leismo_encontrarle():
    for path in (ROOT / "docs" / "capacitacion").rglob("*.es.md"):
        assert "encontrarle" not in path.read_text(encoding="utf-8"), path


# ---------------------------------------------------------------------------- the offline edition on the web


def test_with_site_url_the_training_and_about_pages_offer_the_offline_edition(published, tmp_path):
    out, archive, checksum = published.site, published.edition, published.checksum
    assert (out / "descargas" / archive.name).read_bytes() == b"a zip"
    for url in ("capacitacion/", "en/capacitacion/", "acerca/", "en/acerca/"):
        page = BeautifulSoup((out / url / "index.html").read_text(encoding="utf-8"), "html.parser")
        offer = page.select_one(".training-offline")
        assert offer is not None, url
        assert offer.select_one("code").get_text() == checksum
        link = offer.select_one("a[href]")["href"]
        assert (out / url / link).resolve() == (out / "descargas" / archive.name).resolve()
    # Without SITE_URL the same build offers nothing.
    plain = tmp_path / "plain"
    result = _build(plain, {**BUILD_ENV, "OFFLINE_EDITION_DIR": str(archive.parent)})
    assert result.returncode == 0
    assert 'class="training-offline"' not in (plain / "capacitacion" / "index.html").read_text(encoding="utf-8")
    assert not (plain / "descargas").exists()


def _edition_version() -> str:
    import yaml

    class _Loader(yaml.SafeLoader):
        pass

    _Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    return str(yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)["extra"]["edition"]["version"])


def _build(out, env):
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
                          cwd=ROOT, env={**env, "TRAINING_PDF_DIR": str(out / "no-pdfs")},
                          capture_output=True, text=True, timeout=600)
