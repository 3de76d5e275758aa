"""Training material as HTML: the session plan, the quiz, the module table, a module's overview.

Pure functions: content-model objects in, escaped HTML strings out, the same every time.
Addresses are site-relative (as `page_url` gives them); each renderer takes the address of
the page it renders for (`here`) and links relative to it, so the site works from any folder.
The quiz and the module table are complete without JavaScript; `assets/js/quiz.js` adds the
checking and the filter, reading only what is rendered here (data-* attributes, hidden parts).
"""

from __future__ import annotations

from html import escape
from typing import Iterable

from mkdocs.utils import get_relative_url

from content_model import catalogue
from content_model.training import AUDIENCES, Module, Question

# ---------------------------------------------------------------------------- renderers


def page_class(kind: str, module_id: str = "") -> str:
    """An empty marker that lets CSS treat a page by its part (`.training-page--handout`) and its
    module (`data-training-module`, which names its printed sheets: see `print_names`)."""
    module = f' data-training-module="{escape(module_id)}"' if module_id else ""
    return (f'<div class="training-page training-page--{escape(kind)}" data-training-kind="{escape(kind)}"'
            f"{module} hidden></div>")


def print_names(modules: Iterable[Module]) -> str:
    """A print stylesheet that puts each module's name at the foot of every printed sheet of its
    pages (print.css puts the page number beside it). One named page per module and language,
    given to the pages that carry the module's marker (`page_class`): CSS cannot read the name
    from the page, and inline styles are not allowed (hooks/csp.py). The rules are for print only:
    the file is bundled with the styles the module pages link for the screen too."""
    rules = []
    for module in modules:
        name = f"training-{module.id}-{module.language}"
        words = catalogue.words(module.language, "training")
        label = _css_string(words["sheet_of"].format(module=module.title))
        rules.append(f'html[lang="{module.language}"]:has([data-training-module="{module.id}"]) body '
                     f"{{ page: {name}; }}\n"
                     f"@page {name} {{ @bottom-left {{ content: {label}; font-size: 8pt; color: #444; }} }}")
    return ("/* Written by hooks/training.py at every build: the module's name on every printed sheet. */\n"
            "@media print {\n" + "\n".join(rules) + "\n}\n")


# A CSS string literal: quotes, backslashes and line breaks escaped.
def _css_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ").replace("<", "\\3c ")
    return f'"{escaped}"'


def plan(module: Module, short: bool = False) -> str:
    """The session plan: a numbered table of steps with minutes, running clock, method and trainer.

    With `short`, the 45-minute version (`module.short_steps`) instead of the full one.
    """
    words = catalogue.words(module.language, "training")
    steps = module.short_steps if short else module.steps
    minutes = sum(step.minutes for step in steps)
    caption = words["short_caption" if short else "plan_caption"].format(steps=len(steps), minutes=minutes)
    caption_id = "short-plan-caption" if short else "plan-caption"
    label = {key: _card_cell(words, key) for key in _PLAN_COLUMNS}
    rows = "\n".join(
        '<tr>'
        f'<td class="training-plan__number" {label["col_number"]}>{step.number}</td>'
        f'<th scope="row">{escape(step.title)}</th>'
        f'<td class="training-plan__minutes" {label["col_minutes"]}>{step.minutes}</td>'
        f'<td class="training-plan__clock" {label["col_clock"]}>{_clock(step.start)}–{_clock(step.end)}</td>'
        f'<td {label["col_method"]}>{escape(step.method)}</td>'
        f'<td class="training-plan__trainer" {label["col_trainer"]}>{escape(step.trainer)}</td>'
        "</tr>"
        for step in steps
    )
    return (
        f'<div class="training-plan{" training-plan--short" if short else ""}" role="region" '
        f'aria-labelledby="{caption_id}" tabindex="0">\n'
        f'<table class="training-plan__table cards-on-phone">\n'
        f'<caption id="{caption_id}">{escape(caption)}</caption>\n'
        f'{_card_heads(words, _PLAN_COLUMNS)}\n'
        f'<tbody>\n{rows}\n</tbody>\n'
        f'<tfoot><tr><td></td>'
        f'<th scope="row">{escape(words["total"])}</th>'
        f'<td class="training-plan__minutes" {label["col_minutes"]}>{minutes}</td>'
        f'<td class="training-plan__clock" {label["col_clock"]}>{_clock(0)}–{_clock(minutes)}</td>'
        f'<td></td><td></td></tr></tfoot>\n'
        f"</table>\n</div>"
    )


def quiz(module: Module) -> str:
    """The quiz: one fieldset of radio buttons per question, each answer revealable without JavaScript."""
    words = catalogue.words(module.language, "training")
    total = len(module.questions)
    questions = "\n".join(_question(question, total, words) for question in module.questions)
    return (
        f'<div class="quiz" data-quiz data-total="{total}"'
        f' data-msg-right="{escape(words["right"])}" data-msg-wrong="{escape(words["wrong"])}"'
        f' data-msg-right-option="{escape(words["right_option"])}"'
        f' data-msg-choose="{escape(words["choose"])}" data-msg-score="{escape(words["score"])}">\n'
        f'<p class="quiz__paper print-only">{escape(words["paper"])}</p>\n'
        f'<ol class="quiz__questions">\n{questions}\n</ol>\n'
        f'<div class="quiz__end">\n'
        f'<p class="quiz__score" role="status" aria-live="polite"></p>\n'
        f'<button type="button" class="md-button quiz__reset" hidden>{escape(words["reset"])}</button>\n'
        f"</div>\n</div>"
    )


def modules(modules: Iterable[Module], here: str, language: str) -> str:
    """The landing page's table of modules, with a filter by audience and time that JavaScript reveals."""
    words = catalogue.words(language, "training")
    modules = list(modules)
    if not modules:
        return f'<p class="training-modules__empty">{escape(words["no_modules"])}</p>'
    audiences = [key for key in AUDIENCES if any(key in module.audiences for module in modules)]
    durations = sorted({minutes for module in modules for minutes in (module.short_duration, module.duration)})
    names = catalogue.words(language, "audiences")
    audience_options = "".join(f'<option value="{escape(key)}">{escape(names[key])}</option>'
                               for key in audiences)
    time_options = "".join(
        f'<option value="{minutes}">{escape(words["up_to"].format(duration=_duration(minutes)))}</option>'
        for minutes in durations)
    rows = "\n".join(
        f'<tr data-audiences="{escape(" ".join(module.audiences))}"'
        f' data-minutes="{min(module.duration, module.short_duration)}">'
        f'<th scope="row"><a href="{escape(_href(module.url, here))}">{escape(module.title)}</a>'
        f'<span class="training-modules__summary">{escape(module.summary)}</span></th>'
        f'<td {_card_cell(words, "col_audience")}>{escape(", ".join(module.audience_names))}</td>'
        f'<td class="training-modules__minutes" {_card_cell(words, "col_duration")}>{escape(_duration(module.duration))}'
        f'<span class="training-modules__short">{escape(words["short_version"].format(duration=_duration(module.short_duration)))}'
        f'{_short_links(module, here)}</span></td>'
        f'<td {_card_cell(words, "col_group")}>{escape(module.group_size)}</td>'
        "</tr>"
        for module in modules
    )
    return (
        f'<div class="training-modules" data-training-modules data-msg-count="{escape(words["count"])}"'
        f' data-msg-none="{escape(words["none"])}">\n'
        f'<div class="training-filter" data-training-filter hidden>\n'
        f'<p class="training-filter__field"><label for="filtro-publico">{escape(words["filter_audience"])}</label>'
        f'<select id="filtro-publico" data-filter="audience"><option value="">{escape(words["any_audience"])}</option>'
        f"{audience_options}</select></p>\n"
        f'<p class="training-filter__field"><label for="filtro-tiempo">{escape(words["filter_time"])}</label>'
        f'<select id="filtro-tiempo" data-filter="minutes"><option value="">{escape(words["any_time"])}</option>'
        f"{time_options}</select></p>\n"
        f'<p class="training-filter__count" role="status" aria-live="polite"></p>\n'
        f"</div>\n"
        f'<div class="training-modules__wrap" role="region" aria-labelledby="modules-caption" tabindex="0">\n'
        f'<table class="training-modules__table cards-on-phone">\n'
        f'<caption id="modules-caption">{escape(words["modules_caption"])}</caption>\n'
        f'{_card_heads(words, _MODULE_COLUMNS)}\n'
        f'<tbody>\n{rows}\n</tbody>\n'
        f"</table>\n</div>\n</div>"
    )


# The 45 minutes, two clicks from the home page: the module table links its deck and its pack.
def _short_links(module: Module, here: str) -> str:
    if not (module.short_slides and module.short_pack):
        return ""
    pack_words = catalogue.words(module.language, "training_pack")
    links = " · ".join(f'<a href="{escape(_href(part.url, here))}">{escape(pack_words[key])}</a>'
                       for part, key in ((module.short_slides, "slides_link"), (module.short_pack, "pack_link")))
    return f": {links}"


def overview(module: Module, guidelines: Iterable[tuple[str, str]], here: str) -> str:
    """A module's key facts: audience, group size, duration, guidelines taught (title, url) and its parts."""
    words = catalogue.words(module.language, "training")
    taught = "".join(f'<li><a href="{escape(_href(url, here))}">{escape(title)}</a></li>' for title, url in guidelines)
    parts = "".join(f'<li><a href="{escape(_href(part.url, here))}">{escape(words["part_" + part.kind])}</a></li>'
                    for part in (*module.parts, module.slides) if part.kind != "module")
    facts = [
        (words["audience"], escape(", ".join(module.audience_names))),
        (words["group_size"], escape(words["people"].format(size=module.group_size))),
        (words["duration"], escape(_duration(module.duration))
         + f'<br><a href="{escape(_href(module.part("session-plan").url, here))}#version-corta">'
         f'{escape(words["short_version"].format(duration=_duration(module.short_duration)))}</a>'),
        (words["teaches"], f"<ul>{taught}</ul>"),
        (words["parts"], f"<ul>{parts}</ul>"),
    ]
    items = "\n".join(f"<dt>{escape(term)}</dt><dd>{value}</dd>" for term, value in facts)
    return f'<dl class="training-overview">\n{items}\n</dl>'


def offline_link(language: str, href: str, size: int, checksum: str, version: str) -> str:
    """A paragraph offering the offline edition's zip (`href`), its size in bytes and its SHA-256."""
    words = catalogue.words(language, "training")
    link = f'<a href="{escape(href)}" download>{escape(words["offline_link"].format(version=version))}</a>'
    text = escape(words["offline"].format(size=f"{size / 1e6:.1f}", link="{link}")).replace("{link}", link)
    return (f'<p class="training-offline" id="copia-sin-conexion">{text} '
            f'{escape(words["offline_check"])} <code class="training-offline__sha">{escape(checksum)}</code>.</p>')


def words(language: str) -> dict[str, str]:
    """This renderer's words in one language, for the renderers that print the same things."""
    return catalogue.words(language, "training")


def options_list(qid: str, question: Question) -> str:
    """A question's options as lettered radio buttons, one group named `qid`: the quiz's, and
    the public pages' exercise's (renderers/exercise.py), which quiz.js checks alike."""
    return "\n".join(
        f'<li class="quiz__option"><input type="radio" id="{qid}-{letter(i).lower()}" name="{qid}" value="{i}">'
        f' <label for="{qid}-{letter(i).lower()}"><span class="quiz__letter">{letter(i)}.</span> '
        f"{escape(option.text)}</label></li>"
        for i, option in enumerate(question.options)
    )


def letter(position: int) -> str:
    """'A' for the first option, 'B' for the second..."""
    return _LETTERS[position]


# ---------------------------------------------------------------------------- helpers


# One question: a fieldset whose legend is the question, radios for the options, a revealable answer.
def _question(question: Question, total: int, words: dict[str, str]) -> str:
    qid = f"pregunta-{question.number}"
    options = options_list(qid, question)
    number = words["question_of"].format(number=question.number, total=total)
    right = question.options[question.answer]
    return (
        f'<li class="quiz__item">\n'
        f'<fieldset class="quiz__question" id="{qid}" data-answer="{question.answer}">\n'
        f'<legend><span class="quiz__number">{escape(number)}</span> '
        f"{escape(question.question)}</legend>\n"
        f'<ul class="quiz__options">\n{options}\n</ul>\n'
        f'<button type="button" class="md-button quiz__check" hidden>{escape(words["check"])}</button>\n'
        f'<div class="quiz__feedback" aria-live="polite"></div>\n'
        f'<details class="quiz__answer">\n<summary>{escape(words["reveal"])}</summary>\n'
        f'<p class="quiz__right">{escape(words["right_answer"])}: '
        f"<strong>{_LETTERS[question.answer]}. {escape(right.text)}</strong></p>\n"
        f'<p class="quiz__explanation">{escape(question.explanation)}</p>\n'
        f"</details>\n"
        f"</fieldset>\n</li>"
    )


# "0:00", "1:05", "2:00": minutes from the start of the session as a clock.
def _clock(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"


# "90 min (1 h 30 min)", "45 min": a duration a trainer can plan with.
def _duration(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{minutes} min"
    return f"{minutes} min ({hours} h" + (f" {rest} min)" if rest else ")")


# A link from the page at `here` to the page at `target`, both site-relative URLs, in either
# URL layout (the offline edition links 'plan.html').
def _href(target: str, here: str) -> str:
    return get_relative_url(target, here)


# Tables that training.css shows as one card per row on a phone (class "cards-on-phone"): each
# cell carries its column's name, shown before it there. No ARIA role: the native table, row,
# cell and header semantics stay in Chromium and Firefox when CSS makes the cells blocks (Chromium's
# tree is tested at 360 px, tests/test_training.py), the HTML standard forbids a role on a tr, th or
# td inside a table (the Nu HTML Checker rejects each), and Material's CSS gives any
# th[role=columnheader] the pointer and arrow of a sortable column.
def _card_cell(words, key: str) -> str:
    return f'data-label="{escape(words[key])}"'


def _card_heads(words, keys) -> str:
    heads = "".join(f'<th scope="col">{escape(words[key])}</th>' for key in keys)
    return f'<thead><tr>{heads}</tr></thead>'


# ---------------------------------------------------------------------------- data

_LETTERS = "ABCDEFGHIJ"

_PLAN_COLUMNS = ("col_number", "col_step", "col_minutes", "col_clock", "col_method", "col_trainer")
_MODULE_COLUMNS = ("col_module", "col_audience", "col_duration", "col_group")
