"""Choice questions written in front matter, one grammar for every set of them, checked by one code.

Two kinds of set use it: a training module's quiz (`questions:` on its `cuestionario` page, one
right option per question, explained once per question) and a public page's "¿Qué harías?"
exercise (`exercise:`, issue 31: one or more choices that help, and every choice says why it
helps or not). The grammar is the same:

    questions:                      # or exercise:
      - question: "¿...?"
        options:
          - text: "..."
            correct: true           # a quiz: exactly one; an exercise: each choice that helps
            feedback: "Why."        # an exercise only: every option says why
          - text: "..."
            feedback: "Why not."
        explanation: "What to take away."

What differs between the two is a `Rules` row (QUIZ, EXERCISE). The English file carries its
own words and must line up with the Spanish one: the same questions, the same number of
options, the correct ones at the same places.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from .base import DEFAULT_LANGUAGE, ContentError, shown, unknown_key


@dataclasses.dataclass(frozen=True)
class Option:
    text: str
    correct: bool
    feedback: str = ""  # why this choice helps or not (an exercise's options; a quiz explains per question)


@dataclasses.dataclass(frozen=True)
class Question:
    """One question; `answer` is the position (from 0) of its first correct option, `answers` all of them."""

    number: int
    question: str
    options: tuple[Option, ...]
    explanation: str

    @property
    def answer(self) -> int:
        return self.answers[0]

    @property
    def answers(self) -> tuple[int, ...]:
        return tuple(i for i, option in enumerate(self.options) if option.correct)


@dataclasses.dataclass(frozen=True)
class Rules:
    """What one kind of question set asks of its author."""

    field: str                  # the front-matter field that holds the set
    name: str                   # how a message names the set: "the quiz"
    size: tuple[int, int]       # how many questions, at least and at most
    single_answer: bool         # exactly one correct option (else one or more, never all)
    feedback: bool              # every option says why it is, or is not, a good choice


# The fields of a question (an exercise's or a quiz's).
QUESTION_KEYS = ("question", "options", "explanation")

QUIZ = Rules(field="questions", name="quiz", size=(5, 10), single_answer=True, feedback=False)
EXERCISE = Rules(field="exercise", name="exercise", size=(4, 5), single_answer=False, feedback=True)


# ---------------------------------------------------------------------------- loading


def parse(where_file: str, data: dict[str, Any], rules: Rules) -> tuple[Question, ...]:
    """The questions of one language's file, checked one by one."""
    field = rules.field
    raw = data.get(field)
    low, high = rules.size
    if not isinstance(raw, list) or not raw:
        raise ContentError(where_file, field, f"the {rules.name} has no questions",
                           f"add '{field}:' with {low} to {high} items: question, options, explanation")
    if not low <= len(raw) <= high:
        raise ContentError(where_file, field, f"the {rules.name} has {len(raw)} questions",
                           f"give it from {low} to {high} questions")
    return tuple(_question(where_file, number, item, rules) for number, item in enumerate(raw, start=1))


def _question(where_file: str, number: int, item: Any, rules: Rules) -> Question:
    field = rules.field
    if not isinstance(item, dict):
        raise ContentError(where_file, field, f"question {number} is not a set of fields",
                           "write each question as '- question: ...' followed by options and explanation")
    unknown = sorted(set(item) - set(QUESTION_KEYS))
    if unknown:  # before the missing ones: a misspelt field is both
        raise unknown_key(where_file, field, unknown[0], QUESTION_KEYS, f"question {number}")
    for name in ("question", "explanation"):
        if not isinstance(item.get(name), str) or not item[name].strip():
            raise ContentError(where_file, field, f"question {number} has no '{name}'",
                               f"add '{name}:' to question {number} as text in quotes")
    options = item.get("options")
    if not isinstance(options, list) or len(options) < 2:
        raise ContentError(where_file, field, f"question {number} has fewer than two options",
                           f"give question {number} an 'options:' list of two or more '- text: ...' items")
    parsed = tuple(_option(where_file, number, position, option, rules)
                   for position, option in enumerate(options, start=1))
    _check_correct(where_file, number, parsed, rules)
    return Question(number=number, question=item["question"].strip(), options=parsed,
                    explanation=item["explanation"].strip())


def _option(where_file: str, number: int, position: int, option: Any, rules: Rules) -> Option:
    field = rules.field
    allowed = {"text", "correct", "feedback"} if rules.feedback else {"text", "correct"}
    if not isinstance(option, dict) or not isinstance(option.get("text"), str) or not option["text"].strip():
        raise ContentError(where_file, field, f"option {position} of question {number} has no text",
                           "write each option as '- text: \"...\"' (add 'correct: true' to the right one)")
    if option.get("correct", False) not in (True, False) or set(option) - allowed:
        if rules.feedback:
            raise ContentError(where_file, field,
                               f"option {position} of question {number} has a field other than 'text', "
                               "'feedback' and 'correct: true'",
                               "write each option as '- text: \"...\"' with 'feedback: \"...\"'; "
                               "add 'correct: true' to each choice that helps")
        raise ContentError(where_file, field,
                           f"option {position} of question {number} has a field other than 'text' "
                           "and 'correct: true'",
                           "write each option as '- text: \"...\"'; add 'correct: true' to the right one only")
    feedback = option.get("feedback", "")
    if rules.feedback and (not isinstance(feedback, str) or not feedback.strip()):
        raise ContentError(where_file, field, f"option {position} of question {number} has no 'feedback'",
                           "add 'feedback:' to it as text in quotes: why this choice helps, or why it does not")
    return Option(text=option["text"].strip(), correct=option.get("correct", False) is True,
                  feedback=feedback.strip() if rules.feedback else "")


# A quiz has one right option; an exercise at least one choice that helps and one that does not
# (a situation where every choice is right teaches nothing).
def _check_correct(where_file: str, number: int, options: tuple[Option, ...], rules: Rules) -> None:
    right = sum(option.correct for option in options)
    if rules.single_answer:
        if right != 1:
            problem = "no correct answer" if right == 0 else f"{right} correct answers"
            raise ContentError(where_file, rules.field, f"question {number} has {problem}",
                               f"mark exactly one option of question {number} with 'correct: true'")
        return
    if right == 0:
        raise ContentError(where_file, rules.field, f"question {number} has no correct answer",
                           f"mark each option of question {number} that helps with 'correct: true'")
    if right == len(options):
        raise ContentError(where_file, rules.field, f"every option of question {number} is marked 'correct: true'",
                           f"give question {number} at least one option that does not help, and say why in its feedback")


# ---------------------------------------------------------------------------- the two languages


def check_match(src_uri: str, questions: dict[str, tuple[Question, ...]], rules: Rules) -> None:
    """The English set lines up with the Spanish one: same questions, options, correct places."""
    spanish, english = questions[DEFAULT_LANGUAGE], questions["en"]
    where_file = shown(src_uri, "en")
    fix = (f"make it match {shown(src_uri, DEFAULT_LANGUAGE)}: the same questions in the same order, "
           "the correct answer at the same place")
    if len(english) != len(spanish):
        raise ContentError(where_file, rules.field,
                           f"the English {rules.name} has {len(english)} questions, the Spanish one {len(spanish)}", fix)
    for es_q, en_q in zip(spanish, english):
        if len(en_q.options) != len(es_q.options):
            raise ContentError(where_file, rules.field,
                               f"question {en_q.number} has {len(en_q.options)} options in English "
                               f"but {len(es_q.options)} in Spanish", fix)
        if en_q.answers != es_q.answers:
            if rules.single_answer:
                raise ContentError(where_file, rules.field,
                                   f"the correct answer of question {en_q.number} is option {en_q.answer + 1} "
                                   f"in English but option {es_q.answer + 1} in Spanish", fix)
            raise ContentError(where_file, rules.field,
                               f"the correct options of question {en_q.number} are {_positions(en_q)} in English "
                               f"but {_positions(es_q)} in Spanish", fix)


def _positions(question: Question) -> str:
    return ", ".join(str(position + 1) for position in question.answers)


# A set whose right option is the longest in most questions can be passed by picking the longest
# one. This stops the build (a warning would stop `--strict` anyway) and names the questions.
def check_answer_lengths(src_uri: str, language: str, questions: tuple[Question, ...], rules: Rules) -> None:
    giveaways = [question.number for question in questions if longest_is_right(question)]
    if len(giveaways) * 2 > len(questions):
        listed = ", ".join(str(number) for number in giveaways)
        raise ContentError(shown(src_uri, language), rules.field,
                           f"the right option is the longest in {len(giveaways)} of {len(questions)} questions "
                           f"({listed}): picking the longest answer passes the {rules.name}",
                           "make a wrong option as long as the right one, or shorten the right one, "
                           f"in at least {len(giveaways) - len(questions) // 2} of those questions")


def longest_is_right(question: Question) -> bool:
    """Whether a correct option is longer than every wrong one (counted in characters)."""
    right = max(len(option.text) for option in question.options if option.correct)
    return all(len(option.text) < right for option in question.options if not option.correct)
