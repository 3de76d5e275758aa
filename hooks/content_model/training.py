"""Training modules (issue 5): modules, session plans and quizzes, validated.

A module is a folder `docs/capacitacion/<module-id>/` with six pages, one per part (see
`PARTS`), and a seventh, the trainer's pack (`PACK`), that prints them one after the other.
Its structure lives in the Spanish files; the English files carry only their own words, plus
the steps of the session plan and the questions of the quiz, which must line up with the
Spanish ones (same minutes, same number of options, the correct answer at the same
position). A folder whose `index` page has no `kind` at all is a module still being
written (a stub): it is skipped until its index declares `kind: module`, and from then on
all six parts and the generated pages (`GENERATED`: the two packs and the two decks) are required.

The 45-minute version (`short_steps:`) says every word the trainer needs: besides what each
step does, the sentences to say (`say`), the questions to ask with their answers (`ask`), the
quiz questions read aloud (`quiz`, by number) and the activity it runs (`activity`). The
activities page declares the room's printed material in its front matter: `signs` (one to an
A4 sheet) and `cards` (several to a sheet, with cut lines), each set tied to the section of the
page that describes it, whose text must hold every sign and card.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from typing import Any

from . import catalogue
from . import questions as choice_questions
from .base import (AtAddress, DEFAULT_LANGUAGE, LANGUAGES, ContentError, Pages, check_translation, localised, shown,
                   require_fields, unknown_key)
# A quiz's questions and options are the shared grammar of choice questions (content_model.questions).
from .questions import Option, Question  # noqa: F401 (renderers and tests import them from here)
from .questions import longest_is_right as _longest_is_right  # noqa: F401 (tests read it here)

# Each part of a module: the page's file name in the module folder, and the kind it declares.
PARTS = {
    "index": "module",
    "plan": "session-plan",
    "actividades": "activities",
    "hoja": "handout",
    "cuestionario": "quiz",
    "evaluacion": "evaluation",
}

# The trainer's pack: one printable page per module (its file name and kind) that gathers, at
# build time, the parts a trainer prints, in this order (hooks/training.py renders it). It is
# not a part of the session, but every declared module has one.
PACK = "paquete"
PACK_KIND = "pack"
PACK_CONTENTS = ("session-plan", "activities", "handout", "quiz", "evaluation")

# The slides: one projector page per module (its file name and kind), generated at build time
# from the plan, the activities and the handout (hooks/training.py renders it).
SLIDES = "diapositivas"
SLIDES_KIND = "slides"

# The 45-minute version has its own deck and its own pack (at most four A4 sheets).
SHORT_SLIDES = "diapositivas-45"
SHORT_SLIDES_KIND = "short-slides"
SHORT_PACK = "paquete-45"
SHORT_PACK_KIND = "short-pack"

# Every page a module has that is generated from its parts: file name -> (kind, its marker, what it
# is, why every module has one). Each holds a title and its marker and nothing else of substance.
GENERATED = {
    PACK: (PACK_KIND, "pack", "the trainer's pack", "every module has a pack to print"),
    SHORT_PACK: (SHORT_PACK_KIND, "short-pack", "the 45-minute pack", "every module has a 45-minute version to print"),
    SLIDES: (SLIDES_KIND, "slides", "the slides", "every module has slides to project"),
    SHORT_SLIDES: (SHORT_SLIDES_KIND, "short-slides", "the 45-minute slides",
                   "every module has a 45-minute deck to project"),
}

KINDS = (*PARTS.values(), *(kind for kind, *_ in GENERATED.values()))

# Every module also has a short version for a school period: its own steps (`short_steps:` in
# the plan), which must add up to exactly this many minutes.
SHORT_DURATION = 45

# The folder that holds the modules, and the landing page that lists them.
ROOT = "capacitacion/"
LANDING = "capacitacion/index.md"

# Who a module is for: the keys `audiences:` may use. Their names, per language, are the
# catalogue's `audiences` part (hooks/data/words.<language>.yml), which has every one of these keys.
AUDIENCES = ("funcionarios", "docentes", "salud", "transporte", "lideres-comunitarios", "jovenes", "publico-general")

# How many questions a quiz holds.
QUIZ_SIZE = choice_questions.QUIZ.size

# The policy kinds a module may teach: guidelines, general or specific.
GUIDELINE_KINDS = ("general", "specific")


@dataclasses.dataclass(frozen=True)
class Ask:
    """A question the trainer puts to the group (projected), and the answer to give (not projected)."""

    question: str
    answer: str


@dataclasses.dataclass(frozen=True)
class Step:
    """One step of a session plan, with its place on the session's clock."""

    number: int
    minutes: int
    start: int  # minutes from the start of the session
    title: str
    method: str
    trainer: str
    key_message: str = ""  # what the group takes away: the step's slide shows it
    say: tuple[str, ...] = ()  # what the trainer says, word for word (speaker notes, the printed plan)
    ask: tuple[Ask, ...] = ()
    quiz: tuple[int, ...] = ()  # numbers of the quiz questions read aloud in this step
    activity: int | None = None  # the activity (its number on the activities page) the step runs

    @property
    def end(self) -> int:
        return self.start + self.minutes


@dataclasses.dataclass(frozen=True)
class CardSet:
    """Printed room material: signs (one to an A4 sheet) or cards (several to a sheet, cut lines)."""

    kind: str  # "signs" or "cards"
    number: int  # its place among the module's sets of that kind, from 1
    title: str
    section: str  # the id of the activities page's heading that describes it
    items: tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class Part(AtAddress):
    """One page of a module in one language: its kind, title and address."""

    kind: str
    src_uri: str  # "capacitacion/que-es-la-trata/plan.md"
    title: str
    language: str



@dataclasses.dataclass(frozen=True)
class Module(AtAddress):
    """A training module in one language, with everything its pages show."""

    id: str
    order: int
    title: str
    label: str
    summary: str
    audiences: tuple[str, ...]  # keys of AUDIENCES
    group_size: str
    group_max: int  # the largest group `group_size` allows: the attendance sheet's rows
    duration: int  # total minutes
    teaches: tuple[str, ...]  # policy guideline ids
    steps: tuple[Step, ...]
    short_steps: tuple[Step, ...]  # the 45-minute version (SHORT_DURATION)
    questions: tuple[Question, ...]
    parts: tuple[Part, ...]  # in the order of PARTS
    pack: Part  # the trainer's pack
    slides: Part  # the projector view
    src_uri: str  # the overview page, "capacitacion/<id>/index.md"
    language: str
    short_pack: Part | None = None  # the 45-minute pack (at most four A4 sheets)
    short_slides: Part | None = None  # the 45-minute deck
    signs: tuple[CardSet, ...] = ()  # from the activities page's front matter
    cards: tuple[CardSet, ...] = ()


    @property
    def audience_names(self) -> tuple[str, ...]:
        names = catalogue.words(self.language, "audiences")
        return tuple(names[key] for key in self.audiences)

    @property
    def short_duration(self) -> int:
        return sum(step.minutes for step in self.short_steps)

    @property
    def generated(self) -> tuple[Part, ...]:
        """The pages made from the parts: both packs and both decks."""
        return tuple(part for part in (self.pack, self.short_pack, self.slides, self.short_slides) if part)

    @property
    def room_material(self) -> tuple[CardSet, ...]:
        return self.signs + self.cards

    def part(self, kind: str) -> Part:
        return next(part for part in self.parts if part.kind == kind)


@dataclasses.dataclass(frozen=True)
class Training:
    """All modules of one language, in their order, and the folders still being written."""

    language: str
    modules: tuple[Module, ...] = ()
    stubs: tuple[str, ...] = ()  # ids of module folders whose index declares no kind yet

    def get(self, module_id: str) -> Module:
        return self._by_id[module_id]

    def __contains__(self, module_id: str) -> bool:
        return module_id in self._by_id

    def modules_teaching(self, guideline_id: str) -> list[Module]:
        """The modules whose `teaches:` lists this guideline, in module order."""
        return [module for module in self.modules if guideline_id in module.teaches]

    def part_for(self, file_src_uri: str) -> tuple[Module, Part] | None:
        """The module and part a built page shows, from the i18n file name, or None."""
        return self._by_file.get(file_src_uri)

    @functools.cached_property
    def _by_id(self) -> dict[str, Module]:
        return {module.id: module for module in self.modules}

    @functools.cached_property
    def _by_file(self) -> dict[str, tuple[Module, Part]]:
        return {_file(part.src_uri, self.language): (module, part)
                for module in self.modules for part in (*module.parts, *module.generated)}


# ---------------------------------------------------------------------------- loading


def build(pages: Pages, trees: dict[str, Any], bodies: dict[str, str] | None = None,
          directory_urls: bool = True) -> dict[str, Training]:
    """Turn the training pages into one validated `Training` per language, its pages at the
    addresses of the build's URL layout (`directory_urls`). `bodies` holds every
    file's Markdown below its front matter, by its name under docs/ ('capacitacion/x/actividades.es.md'):
    the activities' headings and text, which steps and printed cards refer to, are checked against it."""
    bodies = bodies or {}
    folders = _module_folders(pages)
    stubs = sorted(module_id for module_id, index in folders.items()
                   if pages[index][DEFAULT_LANGUAGE].get("kind") is None)
    declared = {module_id: index for module_id, index in folders.items() if module_id not in stubs}
    for _module_id, index in declared.items():
        kind = pages[index][DEFAULT_LANGUAGE]["kind"]
        if kind not in KINDS:
            raise ContentError(shown(index, DEFAULT_LANGUAGE), "kind", f"the overview of a module cannot be a '{kind}'",
                               "write 'kind: module', or remove 'kind:' while the module is being written")
    for src_uri, by_language in pages.items():
        _check_placement(src_uri, by_language, declared, stubs)
    guideline_tree = trees[DEFAULT_LANGUAGE]
    structure = {module_id: _validate_module(module_id, pages, guideline_tree, bodies)
                 for module_id in declared}
    _check_orders(structure)
    return {language: Training(
        language=language,
        modules=tuple(sorted((_module(fields, pages, language, directory_urls) for fields in structure.values()),
                             key=lambda module: module.order)),
        stubs=tuple(stubs),
    ) for language in LANGUAGES}


# The module folders: module id -> the src_uri of its index page.
def _module_folders(pages: Pages) -> dict[str, str]:
    folders = {}
    for src_uri in pages:
        match = _MODULE_PAGE.match(src_uri)
        if match and match.group(2) == "index":
            folders[match.group(1)] = src_uri
    return folders


# A page that declares a training kind sits where that kind belongs, and names its module.
def _check_placement(src_uri: str, by_language: dict[str, dict[str, Any]], declared: dict[str, str],
                     stubs: list[str]) -> None:
    spanish = by_language[DEFAULT_LANGUAGE]
    kind = spanish.get("kind")
    if kind not in KINDS:
        return
    where_file = shown(src_uri, DEFAULT_LANGUAGE)
    match = _MODULE_PAGE.match(src_uri)
    if not match or match.group(2) not in _PAGES:
        raise ContentError(where_file, "kind", f"a '{kind}' page must sit in a module folder",
                           f"move it to docs/{ROOT}<module-id>/{_PART_OF_KIND[kind]}.es.md, or remove 'kind:'")
    folder, part = match.groups()
    if _PAGES[part] != kind:
        raise ContentError(where_file, "kind", f"the page '{part}' of a module is a '{_PAGES[part]}', not a '{kind}'",
                           f"write 'kind: {_PAGES[part]}'")
    if kind == "module":
        return
    module_id = spanish.get("module")
    if not module_id:
        raise ContentError(where_file, "module", "this required field is missing",
                           f"add 'module: {folder}' (the id of the module this page belongs to)")
    if module_id not in declared:
        if module_id in stubs:
            index = shown(f"{ROOT}{module_id}/index.md", DEFAULT_LANGUAGE)
            raise ContentError(where_file, "module", f"the module '{module_id}' is not declared yet",
                               f"add 'kind: module' and its fields to {index}")
        known = ", ".join(sorted(declared)) or "none is declared yet"
        raise ContentError(where_file, "module", f"no module has the id '{module_id}'",
                           f"use the id of an existing module: {known}")
    if module_id != folder:
        raise ContentError(where_file, "module",
                           f"the page sits in the folder of the module '{folder}', not '{module_id}'",
                           f"write 'module: {folder}', or move the page to docs/{ROOT}{module_id}/")


# Check a declared module and all six of its parts; return its language-neutral fields.
def _validate_module(module_id: str, pages: Pages, tree: Any, bodies_by_file: dict[str, str]) -> dict[str, Any]:
    index = f"{ROOT}{module_id}/index.md"
    spanish = pages[index][DEFAULT_LANGUAGE]
    where_file = shown(index, DEFAULT_LANGUAGE)
    group_max, audiences, teaches = _module_front_matter(module_id, where_file, spanish, tree)
    check_translation(index, pages[index]["en"], ("id", *_MODULE_STRUCTURE), _MODULE_TRANSLATED)

    _check_parts(module_id, pages)
    for name, (kind, marker, what, why) in GENERATED.items():
        _check_generated_page(module_id, pages, name, kind, what, marker, why)
    plan = f"{ROOT}{module_id}/plan.md"
    quiz = f"{ROOT}{module_id}/cuestionario.md"
    activities = f"{ROOT}{module_id}/actividades.md"
    bodies = {language: bodies_by_file.get(localised(activities, language), "") for language in LANGUAGES}
    questions = {language: choice_questions.parse(shown(quiz, language), pages[quiz][language], choice_questions.QUIZ)
                 for language in LANGUAGES}
    choice_questions.check_match(quiz, questions, choice_questions.QUIZ)
    for language in LANGUAGES:
        choice_questions.check_answer_lengths(quiz, language, questions[language], choice_questions.QUIZ)
    versions = {}
    for version in (_FULL, _SHORT):
        versions[version["field"]] = {
            language: _check_step_references(plan, language, version, _steps(plan, language, pages[plan][language], version),
                                             len(questions[language]), activities, bodies[language])
            for language in LANGUAGES}
    steps, short_steps = versions["steps"], versions["short_steps"]
    _check_duration(plan, steps[DEFAULT_LANGUAGE], spanish["duration"], where_file)
    _check_steps_match(plan, steps)
    _check_short_duration(plan, short_steps[DEFAULT_LANGUAGE])
    _check_steps_match(plan, short_steps, _SHORT)
    room = {language: {kind: _card_sets(activities, language, pages[activities][language], kind, bodies[language])
                       for kind in CARD_KINDS} for language in LANGUAGES}
    _check_card_sets_match(activities, room)
    return {
        "id": module_id, "order": spanish["order"], "audiences": tuple(audiences),
        "group_size": spanish["group_size"], "group_max": group_max, "duration": spanish["duration"],
        "teaches": tuple(teaches), "steps": steps, "short_steps": short_steps, "questions": questions,
        "room": room, "src_uri": index,
    }


# The module's front matter, field by field: (fields, the test a value passes, the problem, the fix).
_MODULE_FIELD_CHECKS = (
    (("order", "duration"), lambda value: _whole(value), "'{value}' is not a whole number from 1 up",
     "write {help}"),
    (("title", "label", "summary", "group_size"), lambda value: isinstance(value, str), "this field must be text",
     "write '{field}:' as one line of text in quotes"),
)


def _module_front_matter(module_id: str, where_file: str, spanish: dict[str, Any],
                         tree: Any) -> tuple[int, list[str], list[str]]:
    """The Spanish index's fields, validated: (largest group, audiences, guidelines taught)."""
    require_fields(where_file, spanish, _MODULE_REQUIRED, _FIELD_HELP)
    if spanish["id"] != module_id:
        raise ContentError(where_file, "id", f"'{spanish['id']}' differs from the module's folder name",
                           f"write 'id: {module_id}', or rename the folder docs/{ROOT}{module_id}/")
    for fields, passes, problem, fix in _MODULE_FIELD_CHECKS:
        for field in fields:
            if not passes(spanish[field]):
                raise ContentError(where_file, field, problem.format(value=spanish[field]),
                                   fix.format(field=field, help=_FIELD_HELP.get(field, "")))
    group_max = _group_max(where_file, spanish["group_size"])
    audiences = _id_list(where_file, "audiences", spanish["audiences"])
    for key in audiences:
        if key not in AUDIENCES:
            raise ContentError(where_file, "audiences", f"'{key}' is not a known audience",
                               "use some of: " + ", ".join(AUDIENCES))
    teaches = _id_list(where_file, "teaches", spanish["teaches"])
    for guideline in teaches:
        if guideline not in tree:
            raise ContentError(where_file, "teaches", f"no policy guideline has the id '{guideline}'",
                               "use the ids of guideline pages in docs/politica/ (their 'id:' field)")
        if tree.get(guideline).kind not in GUIDELINE_KINDS:
            kind = tree.get(guideline).kind
            raise ContentError(where_file, "teaches", f"'{guideline}' is an {kind}, not a guideline",
                               "list general or specific guidelines (the pages that sit under a component)")
    return group_max, audiences, teaches


def _check_parts(module_id: str, pages: Pages) -> None:
    """Every module has its six parts, each with its kind, each translated."""
    for part, kind in PARTS.items():
        src_uri = f"{ROOT}{module_id}/{part}.md"
        if src_uri not in pages:
            raise ContentError(f"docs/{ROOT}{module_id}/", None,
                               f"the module has no '{part}' page ({_PART_NAMES[kind]})",
                               f"add {shown(src_uri, DEFAULT_LANGUAGE)} and {shown(src_uri, 'en')} "
                               f"with 'kind: {kind}' and 'module: {module_id}' (every module has all six parts)")
        if pages[src_uri][DEFAULT_LANGUAGE].get("kind") != kind:
            raise ContentError(shown(src_uri, DEFAULT_LANGUAGE), "kind", "this required field is missing",
                               f"add 'kind: {kind}' and 'module: {module_id}' to the front matter")
        if kind != "module":
            check_translation(src_uri, pages[src_uri]["en"], ("kind", "module"), ("title",))


# "10-25" (or "20"): the group's smallest and largest size; the largest is returned.
def _group_max(where_file: str, value: str) -> int:
    match = _GROUP_SIZE.fullmatch(value.strip())
    low, high = (int(match.group(1)), int(match.group(2) or match.group(1))) if match else (0, 0)
    if not match or not 1 <= low <= high <= GROUP_LIMIT:
        raise ContentError(where_file, "group_size", f"'{value}' is not a group size",
                           f"write the smallest and the largest group as \"10-25\" (or one number, \"20\"), "
                           f"from 1 to {GROUP_LIMIT} people, the smaller first")
    return high


# Every declared module has its generated pages (the pack, the slides), in both languages.
def _check_generated_page(module_id: str, pages: Pages, name: str, kind: str, what: str, marker: str,
                          why: str) -> None:
    src_uri = f"{ROOT}{module_id}/{name}.md"
    if src_uri not in pages:
        raise ContentError(f"docs/{ROOT}{module_id}/", None, f"the module has no '{name}' page ({what})",
                           f"add {shown(src_uri, DEFAULT_LANGUAGE)} and {shown(src_uri, 'en')} with "
                           f"'kind: {kind}', 'module: {module_id}', a title and a line "
                           f"'<!-- training: {marker} -->' ({why})")
    if pages[src_uri][DEFAULT_LANGUAGE].get("kind") != kind:
        raise ContentError(shown(src_uri, DEFAULT_LANGUAGE), "kind", "this required field is missing",
                           f"add 'kind: {kind}' and 'module: {module_id}' to the front matter")
    check_translation(src_uri, pages[src_uri]["en"], ("kind", "module"), ("title",))


# The English file carries its own words only, and every one it needs.
# The steps of one language's session plan (the full one, or with `_SHORT` the 45-minute one),
# checked one by one.
def _steps(src_uri: str, language: str, data: dict[str, Any], version: dict[str, Any] | None = None) -> tuple[Step, ...]:
    version = version or _FULL
    field, fields = version["field"], version["fields"]
    where_file = shown(src_uri, language)
    raw = data.get(field)
    if not isinstance(raw, list) or not raw:
        raise ContentError(where_file, field, version["missing"],
                           f"add '{field}:' with one item per step: " + ", ".join(fields))
    optional = version["optional"]
    steps, clock = [], 0
    for number, step in enumerate(raw, start=1):
        if not isinstance(step, dict):
            raise ContentError(where_file, field, f"step {number} is not a set of fields",
                               "write each step as '- minutes: 10' followed by " + ", ".join(fields[1:]))
        unknown = sorted(set(step) - set(fields) - set(optional))
        if unknown:  # before the missing ones: a misspelt field is both
            raise unknown_key(where_file, field, unknown[0], (*fields, *optional), f"step {number}")
        for name in fields:
            if step.get(name) in (None, ""):
                raise ContentError(where_file, field, f"step {number} has no '{name}'",
                                   f"add '{name}:' to step {number} ({_STEP_HELP[name]})")
        if not _whole(step["minutes"]):
            raise ContentError(where_file, field,
                               f"the minutes of step {number} ('{step['minutes']}') are not a whole number from 1 up",
                               f"write 'minutes: 10' for step {number}")
        for name in fields[1:]:
            if not isinstance(step[name], str) or not step[name].strip():
                raise ContentError(where_file, field, f"the '{name}' of step {number} is not text",
                                   f"write '{name}:' of step {number} as text in quotes")
        extras = {name: _OPTIONAL_STEP_FIELDS[name](where_file, field, number, step[name])
                  for name in optional if name in step}
        steps.append(Step(number=number, minutes=step["minutes"], start=clock, title=step["title"].strip(),
                          method=step["method"].strip(), trainer=step["trainer"].strip(),
                          key_message=str(step.get("key_message", "")).strip(), **extras))
        clock += step["minutes"]
    return tuple(steps)


# The optional fields of a step, each read by a checker that names the step and the fix.
def _sentences(where_file: str, field: str, number: int, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not value or not all(isinstance(item, str) and item.strip() for item in value):
        raise ContentError(where_file, field, f"the 'say' of step {number} is not a list of sentences",
                           "write it as 'say:' followed by one '- \"...\"' line per thing to say, word for word")
    return tuple(item.strip() for item in value)


def _asks(where_file: str, field: str, number: int, value: Any) -> tuple[Ask, ...]:
    fix = ("write it as 'ask:' followed by items '- question: \"...\"' with an 'answer: \"...\"' each "
           "(what the trainer says or expects)")
    if not isinstance(value, list) or not value:
        raise ContentError(where_file, field, f"the 'ask' of step {number} is not a list of questions", fix)
    asks = []
    for position, item in enumerate(value, start=1):
        if not isinstance(item, dict) or set(item) != {"question", "answer"} or not all(
                isinstance(item[key], str) and item[key].strip() for key in ("question", "answer")):
            raise ContentError(where_file, field,
                               f"question {position} in the 'ask' of step {number} needs a 'question' and an "
                               "'answer', as text, and nothing else", fix)
        asks.append(Ask(question=item["question"].strip(), answer=item["answer"].strip()))
    return tuple(asks)


def _quiz_numbers(where_file: str, field: str, number: int, value: Any) -> tuple[int, ...]:
    if not isinstance(value, list) or not value or not all(_whole(item) for item in value) \
            or len(set(value)) != len(value):
        raise ContentError(where_file, field, f"the 'quiz' of step {number} is not a list of question numbers",
                           "write the numbers of the quiz questions read aloud, each once: 'quiz: [1, 3, 7]'")
    return tuple(value)


def _activity_number(where_file: str, field: str, number: int, value: Any) -> int:
    if not _whole(value):
        raise ContentError(where_file, field, f"the 'activity' of step {number} ('{value}') is not an activity's number",
                           "write the number of the activity the step runs, as on the activities page: 'activity: 1'")
    return value


# What a step's quiz numbers and activity point to exists: the quiz's questions, the activities
# page's '## ... { #actividad-N }' headings. A step without 'activity:' whose title names
# "Actividad N" ("Activity N") runs that activity, if the page has it and no earlier step runs it.
def _check_step_references(src_uri: str, language: str, version: dict[str, Any], steps: tuple[Step, ...],
                           questions: int, activities: str, body: str) -> tuple[Step, ...]:
    where_file, field = shown(src_uri, language), version["field"]
    present = {int(number) for number in _ACTIVITY_HEADING.findall(body)}
    resolved, run = [], set()
    for step in steps:
        for asked in step.quiz:
            if asked > questions:
                raise ContentError(where_file, field,
                                   f"step {step.number} reads question {asked} of the quiz, which has {questions}",
                                   f"use numbers from 1 to {questions} in its 'quiz:'")
        if step.activity is not None and step.activity not in present:
            raise ContentError(where_file, field,
                               f"step {step.number} runs activity {step.activity}, but "
                               f"{shown(activities, language)} has no heading '## ... {{ #actividad-{step.activity} }}'",
                               "give the step the number of an activity on that page")
        named = _STEP_ACTIVITY.search(step.title)
        if step.activity is None and named and int(named.group(1)) in present - run:
            step = dataclasses.replace(step, activity=int(named.group(1)))
        if step.activity is not None:
            run.add(step.activity)
        resolved.append(step)
    return tuple(resolved)


# One kind of room material (`signs` or `cards`) of the activities page in one language, checked.
def _card_sets(src_uri: str, language: str, data: dict[str, Any], kind: str, body: str) -> tuple[CardSet, ...]:
    where_file = shown(src_uri, language)
    raw = data.get(kind)
    if raw is None:
        return ()
    limit = CARD_LENGTH[kind]
    fix = (f"write '{kind}:' as a list of sets, each with 'title:', 'section:' (the id of the heading "
           f"that describes them) and 'items:' (one line of text each, at most {limit} characters)")
    if not isinstance(raw, list) or not raw:
        raise ContentError(where_file, kind, f"'{kind}' is not a list of sets", fix)
    sections = _sections(body)
    found = []
    for number, item in enumerate(raw, start=1):
        if not isinstance(item, dict) or set(item) != {"title", "section", "items"}:
            raise ContentError(where_file, kind, f"set {number} of '{kind}' needs exactly 'title', 'section' "
                               "and 'items'", fix)
        if not isinstance(item["title"], str) or not item["title"].strip():
            raise ContentError(where_file, kind, f"set {number} of '{kind}' has no title", fix)
        section = item["section"]
        if not isinstance(section, str) or section not in sections:
            raise ContentError(where_file, kind,
                               f"set {number} of '{kind}' names the section '{section}', which the page does not have",
                               "write the id of a heading of this page, e.g. 'section: tarjetas' for "
                               "'## ... { #tarjetas }': the section that tells the trainer how to use them")
        items = item["items"]
        if not isinstance(items, list) or not items or not all(isinstance(text, str) and text.strip() for text in items):
            raise ContentError(where_file, kind, f"set {number} of '{kind}' has no items", fix)
        for position, text in enumerate(items, start=1):
            if len(text.strip()) > limit:
                raise ContentError(where_file, kind,
                                   f"item {position} of set {number} of '{kind}' has {len(text.strip())} characters: "
                                   f"more than {limit} do not fit in large type",
                                   "shorten it, or split it into two items")
            if _plain(text) not in _plain(sections[section]):
                raise ContentError(where_file, kind,
                                   f"item {position} of set {number} of '{kind}' ('{text.strip()}') is not in the "
                                   f"section '{section}' of the page: the printed sheet would say something the page does not",
                                   "write it as the page's text has it, or add it to that section")
        found.append(CardSet(kind=kind, number=number, title=item["title"].strip(), section=section,
                             items=tuple(text.strip() for text in items)))
    return tuple(found)


# The English sets line up with the Spanish ones: as many, the same sections, as many items.
def _check_card_sets_match(src_uri: str, room: dict[str, dict[str, tuple[CardSet, ...]]]) -> None:
    where_file = shown(src_uri, "en")
    fix = f"translate the sets of {shown(src_uri, DEFAULT_LANGUAGE)} one for one, item for item"
    for kind in CARD_KINDS:
        spanish, english = room[DEFAULT_LANGUAGE][kind], room["en"][kind]
        if len(spanish) != len(english):
            raise ContentError(where_file, kind,
                               f"the English page has {len(english)} sets of {kind}, the Spanish one {len(spanish)}", fix)
        for es_set, en_set in zip(spanish, english):
            if es_set.section != en_set.section or len(es_set.items) != len(en_set.items):
                raise ContentError(where_file, kind,
                                   f"set {en_set.number} of {kind} has {len(en_set.items)} items under "
                                   f"'{en_set.section}' in English, but {len(es_set.items)} under "
                                   f"'{es_set.section}' in Spanish", fix)


# Each heading id of a page's Markdown -> its section's text (to the next heading of its level or higher).
def _sections(body: str) -> dict[str, str]:
    headings = list(_HEADING_ID.finditer(body))
    found = {}
    for index, match in enumerate(headings):
        level = len(match.group(1))
        end = next((later.start() for later in headings[index + 1:] if len(later.group(1)) <= level), len(body))
        found[match.group(2)] = body[match.start():end]
    return found


# Text compared as a reader sees it: no Markdown links, emphasis or quotes, one space, any case.
def _plain(text: str) -> str:
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"[*_`«»“”\"]", "", text)
    return re.sub(r"\s+", " ", text).strip().casefold()


def _check_duration(src_uri: str, steps: tuple[Step, ...], duration: int, index_file: str) -> None:
    total = sum(step.minutes for step in steps)
    if total != duration:
        raise ContentError(shown(src_uri, DEFAULT_LANGUAGE), "steps",
                           f"the steps add up to {total} minutes, but the module lasts {duration} "
                           f"('duration' in {index_file})",
                           "make the steps' minutes add up to the duration, or change the duration")


# The short version lasts a school period: its steps add up to SHORT_DURATION, no more, no less.
def _check_short_duration(src_uri: str, steps: tuple[Step, ...]) -> None:
    total = sum(step.minutes for step in steps)
    if total != SHORT_DURATION:
        raise ContentError(shown(src_uri, DEFAULT_LANGUAGE), _SHORT["field"],
                           f"the short version's steps add up to {total} minutes, not {SHORT_DURATION}",
                           f"make the minutes of 'short_steps:' add up to {SHORT_DURATION}")


def _check_steps_match(src_uri: str, steps: dict[str, tuple[Step, ...]], version: dict[str, Any] | None = None) -> None:
    field = (version or _FULL)["field"]
    spanish, english = steps[DEFAULT_LANGUAGE], steps["en"]
    where_file = shown(src_uri, "en")
    if len(english) != len(spanish):
        raise ContentError(where_file, field,
                           f"the English plan has {len(english)} items in '{field}', the Spanish one {len(spanish)}",
                           f"translate '{field}:' of {shown(src_uri, DEFAULT_LANGUAGE)} one for one")
    for es_step, en_step in zip(spanish, english):
        if es_step.minutes != en_step.minutes:
            raise ContentError(where_file, field,
                               f"step {en_step.number} lasts {en_step.minutes} minutes in English "
                               f"but {es_step.minutes} in Spanish",
                               f"give step {en_step.number} the Spanish minutes ({es_step.minutes})")
        for name, what in (("quiz", "reads the quiz questions"), ("activity", "runs the activity")):
            if getattr(es_step, name) != getattr(en_step, name):
                raise ContentError(where_file, field,
                                   f"step {en_step.number} {what} {_shown_value(getattr(en_step, name))} in English "
                                   f"but {_shown_value(getattr(es_step, name))} in Spanish",
                                   f"give step {en_step.number} the Spanish '{name}:'")
        for name, what in (("say", "sentences to say"), ("ask", "questions to ask")):
            if len(getattr(es_step, name)) != len(getattr(en_step, name)):
                raise ContentError(where_file, field,
                                   f"step {en_step.number} has {len(getattr(en_step, name))} {what} in English "
                                   f"but {len(getattr(es_step, name))} in Spanish",
                                   f"translate the '{name}:' of step {en_step.number} one for one")


def _shown_value(value: Any) -> str:
    if value in (None, ()):
        return "none"
    return ", ".join(str(item) for item in value) if isinstance(value, tuple) else str(value)


def _check_orders(structure: dict[str, dict[str, Any]]) -> None:
    seen: dict[int, str] = {}
    for module_id, fields in structure.items():
        if fields["order"] in seen:
            raise ContentError(shown(fields["src_uri"], DEFAULT_LANGUAGE), "order",
                               f"'{fields['order']}' is also the order of the module '{seen[fields['order']]}'",
                               "give each module its own order: 1, 2, 3...")
        seen[fields["order"]] = module_id


# One language's Module from the checked structure and that language's words.
def _module(fields: dict[str, Any], pages: Pages, language: str, directory_urls: bool) -> Module:
    words = pages[fields["src_uri"]][language]
    folder = fields["src_uri"][: -len("index.md")]
    generated = {name: Part(kind=kind, src_uri=f"{folder}{name}.md", language=language, directory_urls=directory_urls,
                            title=str(pages[f"{folder}{name}.md"][language]["title"]))
                 for name, (kind, *_) in GENERATED.items()}
    return Module(
        id=fields["id"], order=fields["order"], title=str(words["title"]), label=str(words["label"]),
        summary=str(words["summary"]), audiences=fields["audiences"], group_size=fields["group_size"],
        group_max=fields["group_max"], duration=fields["duration"], teaches=fields["teaches"],
        steps=fields["steps"][language], short_steps=fields["short_steps"][language],
        questions=fields["questions"][language],
        parts=tuple(Part(kind=kind, src_uri=f"{folder}{part}.md", language=language, directory_urls=directory_urls,
                         title=str(pages[f"{folder}{part}.md"][language]["title"]))
                    for part, kind in PARTS.items()),
        pack=generated[PACK], short_pack=generated[SHORT_PACK],
        slides=generated[SLIDES], short_slides=generated[SHORT_SLIDES],
        signs=fields["room"][language]["signs"], cards=fields["room"][language]["cards"],
        src_uri=fields["src_uri"], language=language, directory_urls=directory_urls,
    )


def _id_list(where_file: str, field: str, value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ContentError(where_file, field, "this field must be a list of ids",
                           f"write it as '{field}: [id-one, id-two]'")
    duplicates = sorted({item for item in value if value.count(item) > 1})
    if duplicates:
        raise ContentError(where_file, field, f"'{duplicates[0]}' is listed twice", "list each id once")
    return value


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 1


def kind_by_place(src_uri: str) -> str | None:
    """The kind a page without `kind:` is written as, by its place in a module's folder: a module
    still being written (its overview has no kind yet) already carries its fields, and a part
    that forgot its `kind:` is told so by the module's checks."""
    match = _MODULE_PAGE.match(src_uri)
    return _PAGES.get(match.group(2)) if match else None


def _file(src_uri: str, language: str) -> str:
    return f"{src_uri[: -len('.md')]}.{language}.md"


# ---------------------------------------------------------------------------- data

_MODULE_PAGE = re.compile(r"^" + re.escape(ROOT) + r"([^/]+)/([^/]+)\.md$")
_PAGES = {**PARTS, **{name: kind for name, (kind, *_) in GENERATED.items()}}  # every page a module folder holds
_PART_OF_KIND = {kind: part for part, kind in _PAGES.items()}

_MODULE_REQUIRED = ("id", "order", "title", "label", "summary", "audiences", "group_size", "duration", "teaches")
# The front-matter fields each page of a module may carry, by its kind (the English file only its
# own words: each check below says so). A field that is not here stops the build (content_model.check_keys).
_PART_KEYS = ("kind", "module", "title")
KEYS = {
    "module": ("kind", *_MODULE_REQUIRED),
    "session-plan": (*_PART_KEYS, "steps", "short_steps"),
    "activities": (*_PART_KEYS, "signs", "cards"),  # the printed room material (CARD_KINDS)
    "handout": _PART_KEYS,
    "quiz": (*_PART_KEYS, "questions"),
    "evaluation": _PART_KEYS,
    **{kind: _PART_KEYS for kind, *_ in GENERATED.values()},  # the packs and the decks
}
_MODULE_STRUCTURE = ("kind", "order", "audiences", "group_size", "duration", "teaches")
_MODULE_TRANSLATED = ("title", "label", "summary")
# The two versions of a session plan: the full one (`steps:`) and the 45-minute one
# (`short_steps:`), each step with the key message its slide shows. `fields` are required, in
# this order; `optional` may be added. The 45-minute version says every word: what to say, what
# to ask (and answer), which quiz questions to read aloud.
_FULL = {"field": "steps", "fields": ("minutes", "title", "method", "trainer", "key_message"),
         "optional": ("activity",), "missing": "the session plan has no steps"}
_SHORT = {"field": "short_steps", "fields": ("minutes", "title", "method", "trainer", "key_message"),
          "optional": ("say", "ask", "quiz", "activity"),
          "missing": f"the session plan has no {SHORT_DURATION}-minute version"}

# Each optional field of a step and the function that reads it (or stops the build).
_OPTIONAL_STEP_FIELDS = {"say": _sentences, "ask": _asks, "quiz": _quiz_numbers, "activity": _activity_number}

# Room material: the two kinds the activities page may declare, and the longest item each fits
# in large type (a sign on its own A4 sheet, a card an eighth of one).
CARD_KINDS = ("signs", "cards")
CARD_LENGTH = {"signs": 40, "cards": 160}

# The largest group a module may declare; "10-25" or "20".
GROUP_LIMIT = 200
_GROUP_SIZE = re.compile(r"(\d+)(?:\s*[-–]\s*(\d+))?")

# "Actividad 2: ...", "Activity 2: ...": a step's title that names the activity it runs.
_STEP_ACTIVITY = re.compile(r"\b(?:Actividad|Activity)\s+(\d+)\b", re.IGNORECASE)
_ACTIVITY_HEADING = re.compile(r"^##[ \t]+.*?\{[ \t]*#actividad-(\d+)[ \t]*\}[ \t]*$", re.MULTILINE)
_HEADING_ID = re.compile(r"^(#{1,6})[ \t]+.*?\{[^}\n]*?#([\w-]+)[^}\n]*\}[ \t]*$", re.MULTILINE)

_PART_NAMES = {
    "module": "the overview",
    "session-plan": "the session plan",
    "activities": "the activities",
    "handout": "the handout",
    "quiz": "the quiz",
    "evaluation": "the evaluation form",
    "pack": "the trainer's pack",
    "slides": "the slides",
    "short-pack": "the 45-minute pack",
    "short-slides": "the 45-minute slides",
}

_FIELD_HELP = {
    "id": "the module's folder name, e.g. 'que-es-la-trata'",
    "order": "'order: 1' for the module's position on the training page",
    "title": "the module's full title",
    "label": "a short label of a few words",
    "summary": "one sentence saying what participants learn",
    "audiences": "a list of: " + ", ".join(AUDIENCES),
    "group_size": "the smallest and largest group, as text such as \"10-25\" (or \"20\")",
    "duration": "'duration: 120', the total minutes of the session",
    "teaches": "a list of the ids of the policy guidelines it teaches",
}

_STEP_HELP = {
    "minutes": "how long the step lasts, a whole number",
    "title": "what the step is called",
    "method": "how it is done: a talk, group work, a case study...",
    "trainer": "what the trainer does",
    "key_message": "the one sentence the group should take away, shown on the step's slide",
}
