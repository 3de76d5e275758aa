"""The 45-minute version's script: every step with what to show, do, say, ask and answer.

A pure function: a `Module` and the Markdown of its activities in, HTML out (with one
Markdown link per activity, inside `md_in_html`, so that MkDocs resolves it), the same every
time. It is what the trainer holds in their hand: the plan page shows it under the 45-minute
table, the trainer's pack prints it with the plan, and the 45-minute pack is built around it.
It says the same as the 45-minute deck's slides and notes (`training_slides`), from the same
fields: a trainer without a projector writes the key message on the board and reads the rest.
"""

from __future__ import annotations

import re
from html import escape

from content_model import catalogue
from content_model.training import Module, Question, Step
from renderers.training import _clock as clock
from renderers.training_slides import activity_parts, quoted

_LETTERS = "ABCDEFGHIJ"


def script(module: Module, activities: str, level: int = 3, activities_href: str = "actividades.md") -> str:
    """The script of `module.short_steps`, each step under a heading of `level` (3 on the plan
    page, one more where the plan is a part of a pack); `activities_href` is the Markdown link
    target of the activities page, relative to the page it is shown on."""
    words = catalogue.words(module.language, "training_script")
    found = activity_parts(activities)
    read: set[int] = set()
    steps = []
    for step in module.short_steps:
        steps.append(_step(step, module, found, read, level, activities_href, words))
        read.update(step.quiz)
    return (f'<div class="training-script" markdown="block">\n'
            f'<p class="training-script__lead">{escape(words["lead"])}</p>\n'
            + "\n".join(steps) + "\n</div>")


# ---------------------------------------------------------------------------- helpers


def _step(step: Step, module: Module, activities: dict[int, dict[str, str]], read: set[int], level: int,
          activities_href: str, words: dict[str, str]) -> str:
    heading = f"h{min(level, 6)}"
    time = words["time"].format(minutes=step.minutes, start=clock(step.start), end=clock(step.end), method=step.method)
    parts = [f'<{heading} class="training-script__title">{step.number}. {escape(step.title)} '
             f'<span class="training-script__time">{escape(time)}</span></{heading}>',
             _labelled(words["screen"], escape(step.key_message), "training-script__screen"),
             _labelled(words["does"], escape(step.trainer))]
    if step.activity in activities:
        title = activities[step.activity]["title"]
        link = f"[{_inline(title)}]({activities_href}#actividad-{step.activity})"
        parts.append(f'<p class="training-script__activity" markdown="span"><strong>'
                     f'{escape(words["activity"])}:</strong> {link}</p>')
    if step.say:
        parts.append(f'<p class="training-script__say"><strong>{escape(words["say"])}</strong> '
                     + " ".join(f'<span class="training-script__line">{quoted(text, module.language)}</span>'
                                for text in step.say) + "</p>")
    if step.quiz:
        again = all(number in read for number in step.quiz)
        parts.append(f'<p class="training-script__label"><strong>{escape(words["quiz_again" if again else "quiz"])}'
                     '</strong></p>\n<ol class="training-script__quiz">'
                     + "".join(_question(module.questions[number - 1], number in read, words)
                               for number in step.quiz) + "</ol>")
    for item in step.ask:
        parts.append(f'<p class="training-script__ask"><strong>{escape(words["ask"])}</strong> '
                     f'<span class="training-script__question">{quoted(item.question, module.language)}</span> '
                     f'<strong>{escape(words["answer"])}:</strong> '
                     f'<span class="training-script__answer">{escape(item.answer)}</span></p>')
    return '<section class="training-script__step" markdown="block">\n' + "\n".join(parts) + "\n</section>"


# A quiz question as read aloud: the first time with its options and the right letter (to count
# the hands); the second time the question, the right answer and what to say about it.
def _question(question: Question, again: bool, words: dict[str, str]) -> str:
    right = f"{_LETTERS[question.answer]}. {escape(question.options[question.answer].text)}"
    if again:
        return (f'<li value="{question.number}">{escape(question.question)} '
                f'<strong>{escape(words["right_answer"])}:</strong> {right} '
                f'<strong>{escape(words["explain"])}:</strong> {escape(question.explanation)}</li>')
    options = " · ".join(f"{_LETTERS[i]}. {escape(option.text)}" for i, option in enumerate(question.options))
    return (f'<li value="{question.number}">{escape(question.question)} '
            f'<span class="training-script__options">{options}</span> '
            f'<strong>{escape(words["right_answer"])}:</strong> {_LETTERS[question.answer]}.</li>')


def _labelled(label: str, html: str, css: str = "") -> str:
    class_attribute = f' class="{css}"' if css else ""
    return f"<p{class_attribute}><strong>{escape(label)}:</strong> {html}</p>"


# Text for a Markdown link text: HTML escaped, Markdown's own characters escaped.
def _inline(text: str) -> str:
    return re.sub(r"([\\`*_{}\[\]()#!|])", r"\\\1", escape(re.sub(r"[*_`]", "", text), quote=False))
