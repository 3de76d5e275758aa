"""Training modules (issue 5): modules, session plans and quizzes, validated."""

from __future__ import annotations

import dataclasses

KINDS: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True)
class Training:
    language: str


def build(pages, trees):
    return {language: Training(language) for language in trees}
