"""The "¿Qué harías?" exercise of a page for the public (issue 31), as HTML.

Pure: the page's situations (`content_model.questions.Question`, EXERCISE rules) and its
language in, escaped HTML out, the same every time. It is the quiz's markup (a fieldset per
situation, lettered radios from `renderers.training.options_list`, a Check button and a live
feedback region that assets/js/quiz.js fills), with what an exercise adds: `data-answer` lists
every choice that helps, and each choice's own reason sits in a list that reads whole without
JavaScript (a <details> a reader opens), stays open to read with it, and prints for a classroom
(assets/css/learning.css).
"""

from __future__ import annotations

from html import escape
from typing import Iterable

from content_model import catalogue
from content_model.questions import Question
from renderers.training import letter, options_list

# The situations' ids, the same in both languages (a teacher's link to "#situacion-3" works in both).
ID = "situacion-{number}"


def exercise(situations: Iterable[Question], language: str) -> str:
    """The exercise: one fieldset per situation, each with its reasons, and a button to start again."""
    words = catalogue.words(language, "exercise")
    situations = list(situations)
    total = len(situations)
    messages = "".join(f' data-msg-{key.replace("_", "-")}="{escape(words[key])}"' for key in _SCRIPT_WORDS)
    items = "\n".join(_situation(situation, total, words) for situation in situations)
    return (
        f'<div class="quiz quiz--exercise" data-quiz data-total="{total}"{messages}>\n'
        f'<p class="quiz__paper print-only">{escape(words["paper"])}</p>\n'
        f'<ol class="quiz__questions">\n{items}\n</ol>\n'
        f'<div class="quiz__end">\n'
        f'<button type="button" class="md-button quiz__reset" hidden>{escape(words["reset"])}</button>\n'
        f"</div>\n</div>"
    )


# ---------------------------------------------------------------------------- helpers


# One situation: its legend, the choices, the Check button (its name says which situation), the
# live feedback, and every choice's reason with the situation's lesson.
def _situation(situation: Question, total: int, words: dict[str, str]) -> str:
    sid = ID.format(number=situation.number)
    number = words["situation_of"].format(number=situation.number, total=total)
    which = words["check_which"].format(number=situation.number)
    reasons = "\n".join(
        f'<li class="quiz__reason quiz__reason--{"helps" if option.correct else "not"}" data-option="{i}">'
        f'<strong>{letter(i)}. {escape(words["helps" if option.correct else "does_not_help"])}</strong> '
        f'<span class="quiz__reason-text">{escape(option.feedback)}</span></li>'
        for i, option in enumerate(situation.options)
    )
    return (
        f'<li class="quiz__item">\n'
        f'<fieldset class="quiz__question" id="{sid}" data-answer="{" ".join(map(str, situation.answers))}">\n'
        f'<legend><span class="quiz__number">{escape(number)}</span> {escape(situation.question)}</legend>\n'
        f'<ul class="quiz__options">\n{options_list(sid, situation)}\n</ul>\n'
        f'<button type="button" class="md-button quiz__check" hidden>{escape(words["check"])}'
        f'<span class="visually-hidden">{escape(which)}</span></button>\n'
        f'<div class="quiz__feedback" aria-live="polite"></div>\n'
        f'<details class="quiz__answer">\n<summary>{escape(words["reasons"])}</summary>\n'
        f'<ul class="quiz__reasons">\n{reasons}\n</ul>\n'
        f'<p class="quiz__explanation"><strong>{escape(words["takeaway"])}</strong> '
        f"{escape(situation.explanation)}</p>\n"
        f"</details>\n"
        f"</fieldset>\n</li>"
    )


# ---------------------------------------------------------------------------- data

# The words quiz.js says after a check, handed to it as data-msg-* attributes.
_SCRIPT_WORDS = ("right", "wrong", "choose", "also_one", "also_many", "better_one", "better_many", "and")
