"""A module's slides: a projector view generated from the module's own pages.

A pure function: a `Module` and the Markdown of its activities and handout in, HTML (with
Markdown inside, through `md_in_html`) out, the same every time. Nothing is written for the
slides alone: one slide per plan step shows its title, time, method and `key_message` (its
presenter notes are the step's `trainer` text; the first also names the module), a step that
runs an activity ("Actividad 2: ...") carries that activity's instructions, and the last slide
is the handout's "where to get help or report" section (its `{ #denunciar }` heading). Without JavaScript the
slides read as one page, top to bottom; `assets/js/slides.js` turns them into a deck.
"""

from __future__ import annotations

import re
from html import escape

from content_model import catalogue
from content_model.training import Module, Step
from renderers.training import _clock as clock
from renderers.training import _duration as duration

# The heading id that marks the handout's reporting channels, and those of the activities.
REPORTING_ID = "denunciar"
_ACTIVITY = re.compile(r"^##\s+(?P<title>.+?)\s*\{\s*#actividad-(?P<number>\d+)\s*\}[ \t]*$", re.MULTILINE)
_SECTION = re.compile(r"^##\s+(?P<title>.+?)\s*\{\s*#(?P<id>[\w-]+)\s*\}[ \t]*$", re.MULTILINE)
_INSTRUCTIONS = re.compile(r"^###\s+.+?\{\s*#instrucciones[\w-]*\s*\}[ \t]*$", re.MULTILINE)
_ANY_HEADING = re.compile(r"^#{1,3}\s", re.MULTILINE)
# "Actividad 2: ...", "Activity 2: ...": the step that runs an activity names it by number.
_STEP_ACTIVITY = re.compile(r"\b(?:Actividad|Activity)\s+(\d+)\b", re.IGNORECASE)


def slides(module: Module, activities: str, handout: str) -> str:
    """The deck: one slide per plan step (the first also names the module; a step that runs an
    activity carries its instructions), then the reporting slide."""
    words = catalogue.words(module.language, "training_slides")
    prompts = activity_prompts(activities)
    runs = {}  # step number -> the activities it runs, by the number its title names
    for step in module.steps:
        match = _STEP_ACTIVITY.search(step.title)
        if match and int(match.group(1)) in prompts and int(match.group(1)) not in runs.values():
            runs[step.number] = int(match.group(1))
    # An activity no step names goes with the last step before the close, not nowhere.
    unplaced = [number for number in prompts if number not in runs.values()]
    deck = []
    for step in module.steps:
        shown = [prompts[runs[step.number]]] if step.number in runs else []
        if unplaced and step.number == max(len(module.steps) - 1, 1):
            shown += [prompts[number] for number in unplaced]
        deck.append(_step_slide(step, module, shown, words))
    deck.append(_reporting_slide(handout, module, words))
    sections = "\n\n".join(_open(kind, attributes, number, len(deck)) + inner + "</section>"
                           for number, (kind, attributes, inner) in enumerate(deck, start=1))
    return (f'<div class="slides" data-slides markdown="block" data-msg-slide="{escape(words["slide_of"])}"'
            f' data-msg-notes="{escape(words["notes"])}">\n\n'
            # The controls after the slides: the browser focuses the slide in the address (#s3) on
            # load, and Tab from there must reach "Next", not skip past the deck to the footer.
            f"{sections}\n\n"
            f'{_controls(words)}\n\n</div>')


def back_link(module: Module, href: str) -> str:
    """The slides page's link back to the module's overview, as Markdown (`href`: a link target)."""
    text = escape(catalogue.words(module.language, "training_slides")["back"].format(module=module.label), quote=False)
    text = re.sub(r"([\\`*_{}\[\]()#!|])", r"\\\1", text)
    return f"[{text}]({href}){{ .slides__back }}"


def activity_prompts(activities: str) -> dict[int, tuple[str, str]]:
    """Each activity's number -> (its title, the Markdown of its instructions, or its first paragraph)."""
    found = {}
    matches = list(_SECTION.finditer(activities))
    for index, match in enumerate(matches):
        activity = _ACTIVITY.match(match.group(0))
        if not activity:
            continue
        end = matches[index + 1].start() if index + 1 < len(matches) else len(activities)
        chunk = activities[match.end():end]
        instructions = _INSTRUCTIONS.search(chunk)
        if instructions:
            rest = chunk[instructions.end():]
            following = _ANY_HEADING.search(rest)
            text = rest[: following.start()] if following else rest
        else:
            following = _ANY_HEADING.search(chunk)
            text = (chunk[: following.start()] if following else chunk).strip().split("\n\n")[0]
        found[int(activity.group("number"))] = (activity.group("title"), text.strip())
    return found


def reporting(handout: str) -> tuple[str, str] | None:
    """The handout's reporting section: (its title, its Markdown), or None if it has none."""
    matches = list(_SECTION.finditer(handout))
    for index, match in enumerate(matches):
        if match.group("id") == REPORTING_ID:
            end = matches[index + 1].start() if index + 1 < len(matches) else len(handout)
            return match.group("title"), handout[match.end():end].strip()
    return None


# ---------------------------------------------------------------------------- helpers


def _step_slide(step: Step, module: Module, prompts: list[tuple[str, str]], words: dict[str, str]) -> str:
    meta = words["step_meta"].format(number=step.number, steps=len(module.steps), minutes=step.minutes,
                                     start=clock(step.start), end=clock(step.end), method=step.method)
    opening = ""
    if step.number == 1:
        facts = words["title_facts"].format(full=duration(module.duration), short=duration(module.short_duration))
        opening = (f'<p class="slide__module"><strong>{escape(module.title)}</strong> · {escape(facts)}</p>\n')
    activities = "".join(
        f'<div class="slide__activity" markdown="block">\n\n'
        f'<p class="slide__activity-title"><strong>{escape(words["activity"])}: {_plain(title)}</strong></p>\n\n'
        f"{markdown}\n\n</div>\n" for title, markdown in prompts)
    return ("step", f' data-step="{step.number}"',
            opening +
            f'<p class="slide__kicker">{escape(meta)}</p>\n'
            f'<h2 class="slide__title">{escape(step.title)}</h2>\n'
            f'<p class="slide__message">{escape(step.key_message)}</p>\n'
            + activities + _notes(step.trainer, words))


def _reporting_slide(handout: str, module: Module, words: dict[str, str]) -> str:
    found = reporting(handout)
    title, body = found if found else (words["reporting"], "")
    return ("reporting", "",
            f'<h2 class="slide__title">{_plain(title)}</h2>\n'
            f'<div class="slide__body" markdown="block">\n\n{body}\n\n</div>\n'
            + _notes(words["reporting_notes"], words))


# A slide's opening tag: numbered ("#s3" opens the deck at the third), labelled "3 / 12".
def _open(kind: str, attributes: str, number: int, total: int) -> str:
    return (f'<section class="slide slide--{kind}" data-slide data-kind="{kind}"{attributes} id="s{number}" '
            f'aria-roledescription="slide" aria-label="{number} / {total}" markdown="block">\n')


def _notes(text: str, words: dict[str, str]) -> str:
    return (f'<aside class="slide__notes" aria-label="{escape(words["notes"])}">'
            f'<p>{escape(text)}</p></aside>\n')


def _controls(words: dict[str, str]) -> str:
    buttons = "".join(f'<button type="button" class="slides__button" data-slides-action="{action}"'
                      f' aria-label="{escape(words[action + "_label"])}">{escape(words[action])}</button>'
                      for action in ("prev", "next", "notes", "fullscreen", "print"))
    return (f'<nav class="slides__controls" aria-label="{escape(words["controls"])}" hidden>{buttons}'
            f'<span class="slides__count" aria-live="polite"></span>'
            f'<span class="slides__help">{escape(words["help"])}</span></nav>')


# A Markdown heading's text as plain HTML text (no Markdown inside headings on slides).
def _plain(markdown: str) -> str:
    return escape(re.sub(r"[*_`]", "", markdown))
