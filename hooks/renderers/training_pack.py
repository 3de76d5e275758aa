"""A module's trainer's pack: its printable parts one after the other, on one page.

A pure function: a `Module` and the Markdown bodies of its parts (front matter removed) in,
Markdown out, the same every time. Unlike the other renderers it returns Markdown, not HTML:
MkDocs then renders the parts exactly as on their own pages and resolves their relative links
itself (the pack sits in the module's folder, beside the parts), so the pack needs no address
of its own making and follows `use_directory_urls` like every other page.

The 45-minute pack (`short_pack`) is built the same way from fewer parts, to fit four A4
sheets: the 45-minute script, what to do when someone discloses (with the local referral
route), and the handout. Both covers carry `downloads`: the module's two versions, their
decks, packs and PDFs (with their sizes) and a print button, which on a phone is the way to print.

Each part becomes a `<section class="training-pack__part training-pack__part--<kind>">`
(Markdown inside, through `md_in_html`) that opens with the part's title as an `h2` whose id
is the part's file name (`plan`, `actividades`, `hoja`...). The part's own headings move one
level down, and its explicit ids, and the links to them within the part, get the part's file
name as a prefix (`{ #fuentes }` becomes `{ #hoja-fuentes }`), so that no two parts share an
id. The quiz is printed as a paper test, and its answers come last, on a page of their own,
so that the trainer can keep them apart. training.css starts each part on a new sheet.
"""

from __future__ import annotations

import re
from html import escape

from content_model import catalogue, markers
from content_model.training import PACK_CONTENTS, PARTS, SHORT_PACK, Module, Question
from renderers import numbers
from renderers import training as render
from renderers import training_paperwork as paperwork
from renderers import training_room as room
from renderers import training_script
from renderers.training import _duration as duration

# The id of the part's heading in the pack: the part's file name ("plan", "hoja"...).
PART_IDS = {kind: part for part, kind in PARTS.items()}
ANSWERS_ID = "respuestas"
ROOM_ID = "material"
# The 45-minute pack's parts: the script, the disclosure guidance, the handout.
SCRIPT_ID = "guion"
DISCLOSURE_ID = "revelacion"


def pack(module: Module, bodies: dict[str, str], extras: dict[str, str] | None = None) -> str:
    """The pack's Markdown: the cover (key facts, contents, how to print), then every part in order,
    the paperwork (attendance, record of participation, quiz tally) and, last, the quiz's answers.

    `bodies` holds the Markdown of each part in `PACK_CONTENTS` but the quiz, whose questions
    come from the content model. `extras` holds the links the cover gives (see `downloads`).
    The room's printed material (signs, cards) follows the activities, when the module has any.
    """
    words = catalogue.words(module.language, "training_pack")
    parts = [(PART_IDS[kind], module.part(kind).title, kind) for kind in PACK_CONTENTS]
    if module.room_material:
        at = parts.index((PART_IDS["activities"], module.part("activities").title, "activities")) + 1
        parts.insert(at, (ROOM_ID, words["room"], "room"))
    parts += [(part_id, paperwork.title(kind, module.language), kind) for kind, part_id in paperwork.PARTS.items()]
    parts.append((ANSWERS_ID, words["answers"], "answers"))
    sections = []
    for part_id, title, kind in parts:
        if kind == "quiz":
            body = _block(paper_quiz(module))
        elif kind == "room":
            body = _block(room.room_material(module))
        elif kind in paperwork.PARTS:
            body = _block(paperwork.render(kind, module))
        elif kind == "answers":
            quiz_sources = _sources(bodies.get("quiz", ""))
            body = _block(answer_key(module)) + (_part_body(quiz_sources, PART_IDS["quiz"]) if quiz_sources else "")
        else:
            body = _part_body(_with_markers(bodies[kind], module), part_id)
        sections.append(_section(part_id, title, kind, body))
    return _cover(module, parts, extras or {}) + "\n\n" + "\n\n".join(sections) + "\n"


def short_pack(module: Module, bodies: dict[str, str], disclosure: str, extras: dict | None = None) -> str:
    """The 45-minute pack's Markdown: a short cover, then the script, what to do when someone
    discloses (`disclosure`: the shared text, Markdown), and the handout, each on a new sheet."""
    words = catalogue.words(module.language, "training_pack")
    parts = [(SCRIPT_ID, words["script"], "script"), (DISCLOSURE_ID, words["disclosure"], "disclosure"),
             (PART_IDS["handout"], module.part("handout").title, "handout")]
    sections = [
        _section(SCRIPT_ID, words["script"], "script",
                 _block(training_script.script(module, bodies["activities"], level=3))),
        _section(DISCLOSURE_ID, words["disclosure"], "disclosure", _part_body(disclosure, DISCLOSURE_ID, shift=False)),
        _section(PART_IDS["handout"], module.part("handout").title, "handout",
                 _part_body(_with_markers(bodies["handout"], module), PART_IDS["handout"])),
    ]
    facts = [(words["audience"], ", ".join(module.audience_names)),
             (words["group_size"], words["people"].format(size=module.group_size)),
             (words["duration"], duration(module.short_duration))]
    return _cover(module, parts, extras or {}, facts) + "\n\n" + "\n\n".join(sections) + "\n"


def paper_quiz(module: Module) -> str:
    """The quiz as a test on paper: each question with its lettered options, no answer."""
    items = "\n".join(
        f'<li class="training-pack__question"><p>{escape(question.question)}</p>\n'
        f'<ol class="training-pack__options" type="A">'
        + "".join(f"<li>{escape(option.text)}</li>" for option in question.options)
        + "</ol></li>"
        for question in module.questions
    )
    return (f'<p class="training-pack__instructions">{escape(render.words(module.language)["paper"])}</p>\n'
            f'<ol class="training-pack__quiz">\n{items}\n</ol>')


def answer_key(module: Module) -> str:
    """The quiz's answers: for each question, the right option and why."""
    words = catalogue.words(module.language, "training_pack")
    items = "\n".join(_answer(question, words) for question in module.questions)
    return (f'<p class="training-pack__instructions">{escape(words["answers_lead"])}</p>\n'
            f'<ol class="training-pack__answers">\n{items}\n</ol>')


def downloads(module: Module, extras: dict, print_button: str = "") -> str:
    """Where a trainer finds each version, as a screen-only block of Markdown: the full session
    and the 45 minutes, each with its plan, deck, pack and, when it exists, the pack's PDF with
    its size; with `print_button` ("print" for a pack, "print_page" for another page), a button
    that prints the page (on a phone, the way to print).

    `extras` maps `plan`, `short_plan`, `slides`, `short_slides`, `pack`, `short_pack` to Markdown
    link targets (a missing one is left out: a page does not link itself) and `pdf`, `short_pdf`
    to (address, size in bytes) when the PDF is there.
    """
    words = catalogue.words(module.language, "training_pack")
    rows = []
    for version, keys, minutes in (("full", ("plan", "slides", "pack", "pdf"), module.duration),
                                   ("short", ("short_plan", "short_slides", "short_pack", "short_pdf"),
                                    module.short_duration)):
        links = []
        for key, name in zip(keys, ("plan_link", "slides_link", "pack_link", "pdf_link")):
            if key not in extras:
                continue
            if name == "pdf_link":
                href, size = extras[key]
                text = words["pdf_link"].format(size=numbers.file_size(size, module.language))
                links.append(f'<a href="{escape(href)}" download>{escape(text)}</a>')
            else:
                links.append(f"[{_inline(words[name])}]({extras[key]})")
        label = words[f"{version}_version"].format(duration=duration(minutes))
        rows.append(f'<p class="training-downloads__row" markdown="span"><strong>{escape(label)}:</strong> '
                    + " · ".join(links) + "</p>")
    button = (f'<p class="training-downloads__print" data-print-box hidden>'
              f'<button type="button" class="md-button md-button--primary" data-print>{escape(words[print_button])}</button>'
              f"</p>\n" if print_button else "")
    return (f'<div class="training-downloads" data-screen-only markdown="block">\n'
            f'<p class="training-downloads__title"><strong>{escape(words["downloads"])}</strong></p>\n'
            + "\n".join(rows) + "\n" + button + "</div>")


# ---------------------------------------------------------------------------- helpers


# Key facts, where to find each version and how to print, then the list of parts (links to their headings).
def _cover(module: Module, parts: list[tuple[str, str, str]], extras: dict,
           facts: list[tuple[str, str]] | None = None) -> str:
    words = catalogue.words(module.language, "training_pack")
    facts = facts or [
        (words["audience"], ", ".join(module.audience_names)),
        (words["group_size"], words["people"].format(size=module.group_size)),
        (words["duration"], duration(module.duration)),
        (words["short"], duration(module.short_duration)),
    ]
    items = "\n".join(f"<dt>{escape(term)}</dt><dd>{escape(value)}</dd>" for term, value in facts)
    contents = "\n".join(f"{number}. [{_inline(title)}](#{part_id})"
                         for number, (part_id, title, _) in enumerate(parts, start=1))
    return (f'<dl class="training-overview training-pack__facts">\n{items}\n</dl>\n\n'
            + downloads(module, extras, print_button="print") + "\n\n"
            f'<p class="training-pack__how" data-screen-only>{escape(words["how"])}</p>\n\n'
            f'<nav class="training-pack__contents" aria-labelledby="contenido-del-paquete" markdown="block">\n'
            f'<p class="training-pack__contents-title" id="contenido-del-paquete"><strong>'
            f'{escape(words["contents"])}</strong></p>\n\n'
            f"{contents}\n\n</nav>")


# One part: a section that opens with the part's title.
def _section(part_id: str, title: str, kind: str, body: str) -> str:
    return (f'<section class="training-pack__part training-pack__part--{escape(kind)}" markdown="block">\n\n'
            f"## {_inline(title)} {{ #{part_id} }}\n\n"
            f"{body.strip()}\n\n"
            f"</section>")


# The part's Markdown, its headings one level down (unless `shift` is false) and its ids prefixed
# with the part's id.
def _part_body(markdown: str, prefix: str, shift: bool = True) -> str:
    lines = markdown.splitlines()
    outside = _outside_code(lines)
    ids = set()
    for number in outside:
        match = _ATTR_ID.search(lines[number])
        if match:
            ids.add(match.group(2))
    for number in outside:
        line = _HEADING.sub(lambda m: m.group(1) + ("#" if shift and len(m.group(2)) < 6 else "") + m.group(2),
                            lines[number])
        line = _ATTR_ID.sub(lambda m: f"{m.group(1)}#{prefix}-{m.group(2)}{m.group(3)}", line)
        line = _SAME_PAGE_LINK.sub(
            lambda m: f"](#{prefix}-{m.group(1)})" if m.group(1) in ids else m.group(0), line)
        lines[number] = line
    return "\n".join(lines)


# The numbers of the lines that are not inside a fenced code block.
def _outside_code(lines: list[str]) -> list[int]:
    outside, fence = [], ""
    for number, line in enumerate(lines):
        match = _FENCE.match(line)
        if not fence:
            if match:
                fence = match.group(1)
            else:
                outside.append(number)
        elif match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence) \
                and not line[match.end():].strip():
            fence = ""
    return outside


# The part's markers replaced by what they show on its own page (only the plan has them: its
# tables, its headings one level down as the part's; hooks/training.py has put the shared
# disclosure text in already, and the plan's page checks that no other marker stands there).
# The 45-minute version keeps its table, but its word-by-word script is printed once, in the
# 45-minute pack (`SHORT_PACK`, beside this one): the full pack is for the full session, and
# the script would add sheets to every printout and 1.7 KB to the page a phone downloads.
def _with_markers(markdown: str, module: Module) -> str:
    words = catalogue.words(module.language, "training_pack")
    script_elsewhere = words["script_elsewhere"].format(
        link=f"[{_inline(words['short_pack_link'])}]({SHORT_PACK}.md)")
    shown = {
        "plan": lambda: render.plan(module),
        "short-plan": lambda: render.plan(module, short=True) + "\n\n" + script_elsewhere,
    }
    return _MARKER.sub(lambda match: _block(shown.get(match.group(1), lambda: "")()), markdown)


# The section of a page's Markdown that holds its sources, from its heading to the end.
def _sources(markdown: str) -> str:
    match = _SOURCES_HEADING.search(markdown)
    return markdown[match.start():] if match else ""


# One answer: the question, the right option and the explanation.
def _answer(question: Question, words: dict[str, str]) -> str:
    right = question.options[question.answer]
    return (f'<li><p class="training-pack__answer-question">{escape(question.question)}</p>\n'
            f'<p><strong>{escape(words["right_answer"])}: {_LETTERS[question.answer]}. {escape(right.text)}'
            f"</strong></p>\n<p>{escape(question.explanation)}</p></li>")


# Text for a Markdown heading or link text: HTML escaped, Markdown's own characters escaped.
def _inline(text: str) -> str:
    return re.sub(r"([\\`*_{}\[\]()#!|])", r"\\\1", escape(text, quote=False))


# Generated HTML as a Markdown block of its own.
def _block(html: str) -> str:
    return f"\n\n{html}\n\n"


# ---------------------------------------------------------------------------- data

_LETTERS = "ABCDEFGHIJ"

_HEADING = re.compile(r"^( {0,3})(#{1,6})(?=[ \t]|$)")
_ATTR_ID = re.compile(r"(\{:?[^{}\n]*?)#([A-Za-z][\w-]*)([^{}\n]*\}[ \t]*)$")
_SAME_PAGE_LINK = re.compile(r"\]\(#([\w-]+)\)")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_MARKER = markers.pattern("training")  # the one marker grammar (content_model.markers)
_SOURCES_HEADING = re.compile(r"^#{2}\s.*\{\s*#fuentes\s*\}[ \t]*$", re.MULTILINE)

