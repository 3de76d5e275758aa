"""Training modules (issue 5): modules, session plans and quizzes, validated.

A module is a folder `docs/capacitacion/<module-id>/` with six pages, one per part (see
`PARTS`), and a seventh, the trainer's pack (`PACK`), that prints them one after the other.
Its structure lives in the Spanish files; the English files carry only their own words, plus
the steps of the session plan and the questions of the quiz, which must line up with the
Spanish ones (same minutes, same number of options, the correct answer at the same
position). A folder whose `index` page has no `kind` at all is a module still being
written (a stub): it is skipped until its index declares `kind: module`, and from then on
all six parts and the pack are required.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from typing import Any

from . import questions as choice_questions
from .base import DEFAULT_LANGUAGE, LANGUAGES, ContentError, Pages, check_translation, page_url, shown, unknown_key
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

KINDS = (*PARTS.values(), PACK_KIND, SLIDES_KIND)

# Every module also has a short version for a school period: its own steps (`short_steps:` in
# the plan), which must add up to exactly this many minutes.
SHORT_DURATION = 45

# The folder that holds the modules, and the landing page that lists them.
ROOT = "capacitacion/"
LANDING = "capacitacion/index.md"

# Who a module is for: the keys `audiences:` may use, with their names in each language.
AUDIENCES = {
    "funcionarios": {"es": "Funcionarios públicos", "en": "Public officials"},
    "docentes": {"es": "Docentes", "en": "Teachers"},
    "salud": {"es": "Personal de salud", "en": "Health staff"},
    "transporte": {"es": "Trabajadores del transporte", "en": "Transport workers"},
    "lideres-comunitarios": {"es": "Líderes comunitarios", "en": "Community leaders"},
    "jovenes": {"es": "Jóvenes", "en": "Young people"},
    "publico-general": {"es": "Público general", "en": "General public"},
}

# How many questions a quiz holds.
QUIZ_SIZE = choice_questions.QUIZ.size

# The policy kinds a module may teach: guidelines, general or specific.
GUIDELINE_KINDS = ("general", "specific")


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

    @property
    def end(self) -> int:
        return self.start + self.minutes


@dataclasses.dataclass(frozen=True)
class Part:
    """One page of a module in one language: its kind, title and address."""

    kind: str
    src_uri: str  # "capacitacion/que-es-la-trata/plan.md"
    title: str
    language: str

    @property
    def url(self) -> str:
        return page_url(self.src_uri, self.language)


@dataclasses.dataclass(frozen=True)
class Module:
    """A training module in one language, with everything its pages show."""

    id: str
    order: int
    title: str
    label: str
    summary: str
    audiences: tuple[str, ...]  # keys of AUDIENCES
    group_size: str
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

    @property
    def url(self) -> str:
        """The overview page's address relative to the site root, in this module's language."""
        return page_url(self.src_uri, self.language)

    @property
    def audience_names(self) -> tuple[str, ...]:
        return tuple(AUDIENCES[key][self.language] for key in self.audiences)

    @property
    def short_duration(self) -> int:
        return sum(step.minutes for step in self.short_steps)

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
                for module in self.modules for part in (*module.parts, module.pack, module.slides)}


# ---------------------------------------------------------------------------- loading


def build(pages: Pages, trees: dict[str, Any]) -> dict[str, Training]:
    """Turn the training pages into one validated `Training` per language."""
    folders = _module_folders(pages)
    stubs = sorted(module_id for module_id, index in folders.items()
                   if pages[index][DEFAULT_LANGUAGE].get("kind") is None)
    declared = {module_id: index for module_id, index in folders.items() if module_id not in stubs}
    for module_id, index in declared.items():
        kind = pages[index][DEFAULT_LANGUAGE]["kind"]
        if kind not in KINDS:
            raise ContentError(shown(index, DEFAULT_LANGUAGE), "kind", f"the overview of a module cannot be a '{kind}'",
                               "write 'kind: module', or remove 'kind:' while the module is being written")
    for src_uri, by_language in pages.items():
        _check_placement(src_uri, by_language, declared, stubs)
    guideline_tree = trees[DEFAULT_LANGUAGE]
    structure = {module_id: _validate_module(module_id, pages, guideline_tree)
                 for module_id in declared}
    _check_orders(structure)
    return {language: Training(
        language=language,
        modules=tuple(sorted((_module(fields, pages, language) for fields in structure.values()),
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
def _validate_module(module_id: str, pages: Pages, tree: Any) -> dict[str, Any]:
    index = f"{ROOT}{module_id}/index.md"
    spanish = pages[index][DEFAULT_LANGUAGE]
    where_file = shown(index, DEFAULT_LANGUAGE)
    for field in _MODULE_REQUIRED:
        if spanish.get(field) in (None, "", []):
            raise ContentError(where_file, field, "this required field is missing",
                               f"add '{field}:' to the front matter ({_FIELD_HELP[field]})")
    if spanish["id"] != module_id:
        raise ContentError(where_file, "id", f"'{spanish['id']}' differs from the module's folder name",
                           f"write 'id: {module_id}', or rename the folder docs/{ROOT}{module_id}/")
    for field in ("order", "duration"):
        if not _whole(spanish[field]):
            raise ContentError(where_file, field, f"'{spanish[field]}' is not a whole number from 1 up",
                               f"write {_FIELD_HELP[field]}")
    for field in ("title", "label", "summary", "group_size"):
        if not isinstance(spanish[field], str):
            raise ContentError(where_file, field, "this field must be text",
                               f"write '{field}:' as one line of text in quotes")
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
    check_translation(index, pages[index]["en"], ("id", *_MODULE_STRUCTURE), _MODULE_TRANSLATED)

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
    _check_generated_page(module_id, pages, PACK, PACK_KIND, "the trainer's pack", "pack",
                          "every module has a pack to print")
    _check_generated_page(module_id, pages, SLIDES, SLIDES_KIND, "the slides", "slides",
                          "every module has slides to project")
    plan = f"{ROOT}{module_id}/plan.md"
    quiz = f"{ROOT}{module_id}/cuestionario.md"
    steps = {language: _steps(plan, language, pages[plan][language]) for language in LANGUAGES}
    _check_duration(plan, steps[DEFAULT_LANGUAGE], spanish["duration"], where_file)
    _check_steps_match(plan, steps)
    short_steps = {language: _steps(plan, language, pages[plan][language], _SHORT) for language in LANGUAGES}
    _check_short_duration(plan, short_steps[DEFAULT_LANGUAGE])
    _check_steps_match(plan, short_steps, _SHORT)
    questions = {language: choice_questions.parse(shown(quiz, language), pages[quiz][language], choice_questions.QUIZ)
                 for language in LANGUAGES}
    choice_questions.check_match(quiz, questions, choice_questions.QUIZ)
    for language in LANGUAGES:
        choice_questions.check_answer_lengths(quiz, language, questions[language], choice_questions.QUIZ)
    return {
        "id": module_id, "order": spanish["order"], "audiences": tuple(audiences),
        "group_size": spanish["group_size"], "duration": spanish["duration"], "teaches": tuple(teaches),
        "steps": steps, "short_steps": short_steps, "questions": questions, "src_uri": index,
    }


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
    steps, clock = [], 0
    for number, step in enumerate(raw, start=1):
        if not isinstance(step, dict):
            raise ContentError(where_file, field, f"step {number} is not a set of fields",
                               "write each step as '- minutes: 10' followed by " + ", ".join(fields[1:]))
        unknown = sorted(set(step) - set(fields))
        if unknown:  # before the missing ones: a misspelt field is both
            raise unknown_key(where_file, field, unknown[0], fields, f"step {number}")
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
        steps.append(Step(number=number, minutes=step["minutes"], start=clock, title=step["title"].strip(),
                          method=step["method"].strip(), trainer=step["trainer"].strip(),
                          key_message=str(step.get("key_message", "")).strip()))
        clock += step["minutes"]
    return tuple(steps)


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


def _check_orders(structure: dict[str, dict[str, Any]]) -> None:
    seen: dict[int, str] = {}
    for module_id, fields in structure.items():
        if fields["order"] in seen:
            raise ContentError(shown(fields["src_uri"], DEFAULT_LANGUAGE), "order",
                               f"'{fields['order']}' is also the order of the module '{seen[fields['order']]}'",
                               "give each module its own order: 1, 2, 3...")
        seen[fields["order"]] = module_id


# One language's Module from the checked structure and that language's words.
def _module(fields: dict[str, Any], pages: Pages, language: str) -> Module:
    words = pages[fields["src_uri"]][language]
    folder = fields["src_uri"][: -len("index.md")]
    pack = f"{folder}{PACK}.md"
    slides = f"{folder}{SLIDES}.md"
    return Module(
        id=fields["id"], order=fields["order"], title=str(words["title"]), label=str(words["label"]),
        summary=str(words["summary"]), audiences=fields["audiences"], group_size=fields["group_size"],
        duration=fields["duration"], teaches=fields["teaches"], steps=fields["steps"][language],
        short_steps=fields["short_steps"][language], questions=fields["questions"][language],
        parts=tuple(Part(kind=kind, src_uri=f"{folder}{part}.md", language=language,
                         title=str(pages[f"{folder}{part}.md"][language]["title"]))
                    for part, kind in PARTS.items()),
        pack=Part(kind=PACK_KIND, src_uri=pack, language=language, title=str(pages[pack][language]["title"])),
        slides=Part(kind=SLIDES_KIND, src_uri=slides, language=language, title=str(pages[slides][language]["title"])),
        src_uri=fields["src_uri"], language=language,
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
_PAGES = {**PARTS, PACK: PACK_KIND, SLIDES: SLIDES_KIND}  # every page a module folder may hold, and its kind
_PART_OF_KIND = {kind: part for part, kind in _PAGES.items()}

_MODULE_REQUIRED = ("id", "order", "title", "label", "summary", "audiences", "group_size", "duration", "teaches")
# The front-matter fields each page of a module may carry, by its kind (the English file only its
# own words: each check below says so). A field that is not here stops the build (content_model.check_keys).
_PART_KEYS = ("kind", "module", "title")
KEYS = {
    "module": ("kind", *_MODULE_REQUIRED),
    "session-plan": (*_PART_KEYS, "steps", "short_steps"),
    "activities": _PART_KEYS,
    "handout": _PART_KEYS,
    "quiz": (*_PART_KEYS, "questions"),
    "evaluation": _PART_KEYS,
    "pack": _PART_KEYS,
    "slides": _PART_KEYS,
}
_MODULE_STRUCTURE = ("kind", "order", "audiences", "group_size", "duration", "teaches")
_MODULE_TRANSLATED = ("title", "label", "summary")
# The two versions of a session plan: the full one (`steps:`, each with the key message its slide
# shows) and the 45-minute one (`short_steps:`).
_FULL = {"field": "steps", "fields": ("minutes", "title", "method", "trainer", "key_message"),
         "missing": "the session plan has no steps"}
_SHORT = {"field": "short_steps", "fields": ("minutes", "title", "method", "trainer"),
          "missing": f"the session plan has no {SHORT_DURATION}-minute version"}

_PART_NAMES = {
    "module": "the overview",
    "session-plan": "the session plan",
    "activities": "the activities",
    "handout": "the handout",
    "quiz": "the quiz",
    "evaluation": "the evaluation form",
    "pack": "the trainer's pack",
    "slides": "the slides",
}

_FIELD_HELP = {
    "id": "the module's folder name, e.g. 'que-es-la-trata'",
    "order": "'order: 1' for the module's position on the training page",
    "title": "the module's full title",
    "label": "a short label of a few words",
    "summary": "one sentence saying what participants learn",
    "audiences": "a list of: " + ", ".join(AUDIENCES),
    "group_size": "the number of participants, as text such as \"10-25\"",
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
