"""What a page the public learns from declares (issue 31): its "¿Qué harías?" exercise, and sharing.

- `exercise:` in both language files: four or five situations in the grammar every choice
  question shares (`content_model.questions`, with the EXERCISE rules: one or more choices that
  help, every choice saying why). The English file carries its own words, lined up with the
  Spanish one. hooks/exercise.py shows it where the page's `<!-- exercise: situations -->` stands.
- `share: true` in the Spanish file: the page offers "Compartir" (hooks/share.py). Sharing is
  asked for page by page, never given by folder, so that a page about the reader's own situation
  (getting help, safety, reporting, a job offer) cannot offer it by accident.

Neither is a page kind: any page may hold an exercise, and the page keeps its own kind.
"""

from __future__ import annotations

import dataclasses

from . import questions
from .base import DEFAULT_LANGUAGE, LANGUAGES, ContentError, Pages, check_translation, shown, unlocalised
from .questions import Question

KINDS: tuple[str, ...] = ()

# The front-matter fields.
EXERCISE = questions.EXERCISE.field
SHARE = "share"
# Fields any page may carry, whatever its kind (the content model's key check reads them).
ANY_PAGE_KEYS = (EXERCISE, SHARE)


@dataclasses.dataclass(frozen=True)
class Learning:
    """One language's exercises (by page) and the pages that offer sharing."""

    language: str
    exercises: dict[str, tuple[Question, ...]]  # src_uri ("publico/x.md") -> its situations
    shared: frozenset[str]                       # src_uris whose Spanish file says `share: true`

    def exercise_for(self, file_src_uri: str) -> tuple[Question, ...] | None:
        """The exercise of a built page, from the i18n file name ('publico/x.es.md'), or None."""
        return self.exercises.get(unlocalised(file_src_uri)[0])

    def shares(self, file_src_uri: str) -> bool:
        return unlocalised(file_src_uri)[0] in self.shared


def build(pages: Pages) -> dict[str, Learning]:
    """Every page's exercise, checked in both languages, and the pages that offer sharing."""
    exercises: dict[str, dict[str, tuple[Question, ...]]] = {language: {} for language in LANGUAGES}
    shared = set()
    for src_uri, by_language in pages.items():
        if any(EXERCISE in by_language[language] for language in LANGUAGES):
            found = {language: questions.parse(shown(src_uri, language), by_language[language], questions.EXERCISE)
                     for language in LANGUAGES}
            questions.check_match(src_uri, found, questions.EXERCISE)
            for language in LANGUAGES:
                questions.check_answer_lengths(src_uri, language, found[language], questions.EXERCISE)
                exercises[language][src_uri] = found[language]
        if _shares(src_uri, by_language):
            shared.add(src_uri)
    return {language: Learning(language=language, exercises=exercises[language], shared=frozenset(shared))
            for language in LANGUAGES}


# `share:` is true or false, and said once, in the Spanish file (the English page follows it).
def _shares(src_uri: str, by_language) -> bool:
    check_translation(src_uri, by_language["en"], (SHARE,), ())
    spanish = by_language[DEFAULT_LANGUAGE]
    value = spanish.get(SHARE, False)
    if value not in (True, False):
        raise ContentError(shown(src_uri, DEFAULT_LANGUAGE), SHARE, f"'{value}' is neither true nor false",
                           "write 'share: true' on a page the public learns from, or remove the line")
    return value is True

