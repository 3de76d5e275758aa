"""The ten focus regions (issue 4): region pages' front matter, validated."""

from __future__ import annotations

import dataclasses

KINDS: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True)
class RegionSet:
    language: str


def build(pages, trees):
    return {language: RegionSet(language) for language in trees}
