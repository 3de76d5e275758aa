"""A module's two decks, the full session and the 45 minutes: projector views generated from its pages.

A pure function: a `Module` and the Markdown of its activities and handout in, HTML (with
Markdown inside, through `md_in_html`) out, the same every time. Nothing is written for the
slides alone. Each deck follows its plan step for step: a slide per step shows the step's
title, time, method and `key_message` (the first also names the module). Then, still in that
step, come the slides it needs, each short enough to project:

- one slide per quiz question the step reads aloud (`quiz:`), with its options;
- one slide per question it asks the group (`ask:`);
- for a step that runs an activity, that activity's questions for the group
  (`### ... { #preguntas-N }`), when the activity has them.

What is for the trainer, never for the room, is each slide's speaker notes: what the step
does (`trainer`), what to say (`say`), each answer, and the activity's instructions
(`### ... { #instrucciones-N }`: "Pegue los carteles…" is the facilitator's, not the group's).
The last slide is the handout's "where to get help or report" section (its `{ #denunciar }`
heading). Without JavaScript the slides read as one page, top to bottom, notes included;
`assets/js/slides.js` turns them into a deck that never shows the notes (a second window does).
"""

from __future__ import annotations

import re
from html import escape

from content_model import catalogue
from content_model.training import Module, Question, Step
from renderers.training import _clock as clock
from renderers.training import _duration as duration

# The heading id that marks the handout's reporting channels, and those of the activities.
REPORTING_ID = "denunciar"
_ACTIVITY = re.compile(r"^##\s+(?P<title>.+?)\s*\{\s*#actividad-(?P<number>\d+)\s*\}[ \t]*$", re.MULTILINE)
_SECTION = re.compile(r"^##\s+(?P<title>.+?)\s*\{\s*#(?P<id>[\w-]+)\s*\}[ \t]*$", re.MULTILINE)
_SUBSECTION = re.compile(r"^###\s+.+?\{\s*#(?P<id>[\w-]+)\s*\}[ \t]*$", re.MULTILINE)
_ANY_HEADING = re.compile(r"^#{1,3}\s", re.MULTILINE)
_LETTERS = "ABCDEFGHIJ"


def slides(module: Module, activities: str, handout: str, short: bool = False) -> str:
    """A deck: the full session's (`module.steps`) or, with `short`, the 45 minutes'
    (`module.short_steps`), then the reporting slide."""
    words = catalogue.words(module.language, "training_slides")
    steps = module.short_steps if short else module.steps
    found = activity_parts(activities)
    runs = {step.number: step.activity for step in steps if step.activity in found}
    # An activity no step of the full session runs goes with the last step before the close, not nowhere.
    unplaced = [] if short else [number for number in found if number not in runs.values()]
    read: set[int] = set()  # quiz questions already read aloud: the second time, the answer is given
    deck = []
    for step in steps:
        numbers = [runs[step.number]] if step.number in runs else []
        if unplaced and step.number == max(len(steps) - 1, 1):
            numbers += unplaced
        deck += _step_slides(step, module, steps, [(number, found[number]) for number in numbers], read, words)
        read.update(step.quiz)
    deck.append(_reporting_slide(handout, module, words))
    sections = "\n\n".join(_open(kind, attributes, number, len(deck)) + inner + "</section>"
                           for number, (kind, attributes, inner) in enumerate(deck, start=1))
    return (f'<div class="slides" data-slides markdown="block" data-msg-slide="{escape(words["slide_of"])}"'
            f' data-msg-next="{escape(words["up_next"])}" data-msg-last="{escape(words["last_slide"])}">\n\n'
            # The controls after the slides: the browser focuses the slide in the address (#s3) on
            # load, and Tab from there must reach "Next", not skip past the deck to the footer.
            f"{sections}\n\n"
            f'{_controls(words)}\n\n</div>')


def back_link(module: Module, href: str) -> str:
    """The slides page's link back to the module's overview, as Markdown (`href`: a link target)."""
    text = escape(catalogue.words(module.language, "training_slides")["back"].format(module=module.label), quote=False)
    text = re.sub(r"([\\`*_{}\[\]()#!|])", r"\\\1", text)
    return f"[{text}]({href}){{ .slides__back }}"


def activity_parts(activities: str) -> dict[int, dict[str, str]]:
    """Each activity's number -> its `title`, its `instructions` (the Markdown of
    `### ... { #instrucciones-N }`, or the activity's first paragraph) and its `questions` for
    the group (the Markdown of `### ... { #preguntas-N }`, or "")."""
    found = {}
    matches = list(_SECTION.finditer(activities))
    for index, match in enumerate(matches):
        activity = _ACTIVITY.match(match.group(0))
        if not activity:
            continue
        end = matches[index + 1].start() if index + 1 < len(matches) else len(activities)
        chunk = activities[match.end():end]
        number = activity.group("number")
        instructions = _subsection(chunk, f"instrucciones-{number}")
        if instructions is None:
            following = _ANY_HEADING.search(chunk)
            instructions = (chunk[: following.start()] if following else chunk).strip().split("\n\n")[0]
        found[int(number)] = {"title": activity.group("title"), "instructions": instructions.strip(),
                              "questions": (_subsection(chunk, f"preguntas-{number}") or "").strip()}
    return found


def activity_prompts(activities: str) -> dict[int, tuple[str, str]]:
    """Each activity's number -> (its title, the Markdown of its instructions)."""
    return {number: (part["title"], part["instructions"]) for number, part in activity_parts(activities).items()}


def reporting(handout: str) -> tuple[str, str] | None:
    """The handout's reporting section: (its title, its Markdown), or None if it has none."""
    matches = list(_SECTION.finditer(handout))
    for index, match in enumerate(matches):
        if match.group("id") == REPORTING_ID:
            end = matches[index + 1].start() if index + 1 < len(matches) else len(handout)
            return match.group("title"), handout[match.end():end].strip()
    return None


def quoted(text: str, language: str) -> str:
    """What the trainer says, in the language's quotation marks («…», “…”), escaped."""
    return escape(catalogue.words(language, "training_slides")["quote"].format(text=text))


# ---------------------------------------------------------------------------- helpers


# A step's slides: the step itself, its quiz questions, its questions to the group, its activity's questions.
def _step_slides(step: Step, module: Module, steps: tuple[Step, ...], activities: list[tuple[int, dict[str, str]]],
                 read: set[int], words: dict[str, str]) -> list[tuple[str, str, str]]:
    meta = words["step_meta"].format(number=step.number, steps=len(steps), minutes=step.minutes,
                                     start=clock(step.start), end=clock(step.end), method=step.method)
    opening = ""
    if step.number == 1:
        facts = words["title_facts"].format(full=duration(module.duration), short=duration(module.short_duration))
        opening = f'<p class="slide__module"><strong>{escape(module.title)}</strong> · {escape(facts)}</p>\n'
    notes = _notes_paragraph(words["does"], step.trainer)
    if step.say:
        notes += (f'<p class="slide__notes-label"><strong>{escape(words["say"])}</strong></p>\n<ul class="slide__say">'
                  + "".join(f"<li>{quoted(text, module.language)}</li>" for text in step.say) + "</ul>\n")
    for number, part in activities:
        notes += (f'<p class="slide__notes-label"><strong>{escape(words["instructions"].format(number=number))}: '
                  f'{_plain(part["title"])}</strong></p>\n\n{part["instructions"]}\n\n')
    attributes = f' data-step="{step.number}"'
    found = [("step", attributes,
              f'<div class="slide__content" markdown="block">\n{opening}'
              f'<p class="slide__kicker">{escape(meta)}</p>\n'
              f'<h2 class="slide__title">{escape(step.title)}</h2>\n'
              f'<p class="slide__message">{escape(step.key_message)}</p>\n</div>\n' + _notes(notes, words))]
    for position, asked in enumerate(step.quiz, start=1):
        question = module.questions[asked - 1]
        found.append(("quiz", attributes, _quiz_slide(step, question, position, len(step.quiz), asked in read, words)))
    for position, item in enumerate(step.ask, start=1):
        kicker = words["ask_meta"].format(number=step.number, position=position, total=len(step.ask))
        found.append(("ask", attributes,
                      f'<div class="slide__content">\n<p class="slide__kicker">{escape(kicker)}</p>\n'
                      f'<p class="slide__question">{escape(item.question)}</p>\n</div>\n'
                      + _notes(_notes_paragraph(words["answer"], item.answer), words)))
    for _number, part in activities:
        if part["questions"]:
            found.append(("activity", attributes,
                          f'<div class="slide__content" markdown="block">\n'
                          f'<p class="slide__kicker">{escape(words["group_questions"])}: {_plain(part["title"])}</p>\n\n'
                          f'<div class="slide__body" markdown="block">\n\n{part["questions"]}\n\n</div>\n</div>\n'
                          + _notes(_notes_paragraph(words["does"], words["group_questions_notes"]), words)))
    return found


# A quiz question read aloud: the question and its options on the screen; the answer in the notes
# (the first time, to count the hands; the second, to say it with its explanation).
def _quiz_slide(step: Step, question: Question, position: int, total: int, again: bool, words: dict[str, str]) -> str:
    kicker = words["quiz_meta"].format(number=step.number, position=position, total=total, question=question.number)
    options = "".join(f"<li>{escape(option.text)}</li>" for option in question.options)
    right = f"{_LETTERS[question.answer]}. {question.options[question.answer].text}"
    notes = _notes_paragraph(words["right_answer"], right)
    notes += _notes_paragraph(words["say"], question.explanation) if again else \
        f'<p>{escape(words["not_yet"])}</p>\n'
    return (f'<div class="slide__content">\n<p class="slide__kicker">{escape(kicker)}</p>\n'
            f'<p class="slide__question">{escape(question.question)}</p>\n'
            f'<ol class="slide__options" type="A">{options}</ol>\n</div>\n' + _notes(notes, words))


def _reporting_slide(handout: str, module: Module, words: dict[str, str]) -> tuple[str, str, str]:
    found = reporting(handout)
    title, body = found if found else (words["reporting"], "")
    return ("reporting", "",
            f'<div class="slide__content" markdown="block">\n'
            f'<h2 class="slide__title">{_plain(title)}</h2>\n'
            f'<div class="slide__body" markdown="block">\n\n{body}\n\n</div>\n</div>\n'
            + _notes(_notes_paragraph(words["does"], words["reporting_notes"]), words))


# The Markdown of a `### ... { #id }` subsection of an activity, to the next heading, or None.
def _subsection(chunk: str, section_id: str) -> str | None:
    for match in _SUBSECTION.finditer(chunk):
        if match.group("id") == section_id:
            rest = chunk[match.end():]
            following = _ANY_HEADING.search(rest)
            return rest[: following.start()] if following else rest
    return None


# A slide's opening tag: numbered ("#s3" opens the deck at the third), labelled "3 / 12".
def _open(kind: str, attributes: str, number: int, total: int) -> str:
    return (f'<section class="slide slide--{kind}" data-slide data-kind="{kind}"{attributes} id="s{number}" '
            f'aria-roledescription="slide" aria-label="{number} / {total}" markdown="block">\n')


# The speaker notes: for the trainer's eyes (the notes window, the printed handouts), never projected.
def _notes(html: str, words: dict[str, str]) -> str:
    return (f'<aside class="slide__notes" aria-label="{escape(words["notes"])}" markdown="block">\n'
            f"{html}</aside>\n")


def _notes_paragraph(label: str, text: str) -> str:
    return f"<p><strong>{escape(label)}:</strong> {escape(text)}</p>\n"


def _controls(words: dict[str, str]) -> str:
    buttons = "".join(f'<button type="button" class="slides__button slides__button--{action}" '
                      f'data-slides-action="{action}" aria-label="{escape(words[action + "_label"])}">'
                      f'{escape(words[action])}</button>'
                      for action in ("prev", "next", "notes", "fullscreen", "print"))
    return (f'<nav class="slides__controls" aria-label="{escape(words["controls"])}" hidden>{buttons}'
            f'<span class="slides__count" aria-live="polite"></span>'
            f'<span class="slides__help">{escape(words["help"])}</span></nav>')


# A Markdown heading's text as plain HTML text (no Markdown inside headings on slides).
def _plain(markdown: str) -> str:
    return escape(re.sub(r"[*_`]", "", markdown))
