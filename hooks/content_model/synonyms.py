"""The search synonyms: one small YAML file per language in docs/search/, validated at build time.

    # docs/search/sinonimos.es.yml: each group lists words or phrases a reader may type for
    # the same thing; searching for any of them also finds the others.
    - [albergue, centro de acogida]
    - [tratante, captador]

The file is named `<anything>.<language>.yml`, one per language of the site; it is not a page
and is not copied into the site. A mistake stops the build with one message naming the file.
The folder's other files, `situaciones.<language>.yml` or `situations.<language>.yml`, are the
situations vocabulary (content_model/situations.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .base import LANGUAGES, ContentError, read_yaml

FOLDER = "search"
# The first part of a situations file's name (content_model/situations.py), in either language.
SITUATIONS_NAMES = ("situaciones", "situations")
_EXAMPLE = "'- [albergue, centro de acogida]'"


@dataclass(frozen=True)
class Synonyms:
    """One language's groups, and the file they come from (for messages)."""

    shown: str | None = None
    groups: list[list[str]] = field(default_factory=list)


def files(docs_dir: str | Path) -> list[Path]:
    """Every synonyms file in docs/search/, sorted."""
    return [path for path in sorted((Path(docs_dir) / FOLDER).glob("*.yml"))
            if path.name.split(".")[0] not in SITUATIONS_NAMES]


def language_of_file(path: Path) -> tuple[str, str]:
    """How messages name a file of docs/search/, and its language (from '<name>.<language>.yml')."""
    shown = f"docs/{FOLDER}/{path.name}"
    parts = path.name.split(".")
    language = parts[-2] if len(parts) >= 3 else None
    if language not in LANGUAGES:
        raise ContentError(shown, None, f"'{language or path.name}' is not a language of the site",
                           f"name the file '<name>.<language>.yml' with one of: {', '.join(LANGUAGES)}")
    return shown, language


def by_language(paths: list[Path], what: str, read) -> dict:
    """language -> `read(path, shown, language)` of its one file of docs/search/ (synonyms or
    situations, named in messages by `what`). Raises ContentError."""
    found: dict = {}
    named: dict[str, str] = {}
    for path in paths:
        shown, language = language_of_file(path)
        if language in named:
            raise ContentError(shown, None, f"{named[language]} already holds the {what} in '{language}'",
                               f"keep one {what} file per language: move these {what} into it")
        named[language] = shown
        found[language] = read(path, shown, language)
    return found


def load(docs_dir: str | Path) -> dict[str, Synonyms]:
    """language -> its groups of phrases (as written). Raises ContentError."""
    found = by_language(files(docs_dir), "synonyms", lambda path, shown, language: Synonyms(shown, _groups(path, shown)))
    for language in LANGUAGES:
        found.setdefault(language, Synonyms())
    return found


def _groups(path: Path, shown: str) -> list[list[str]]:
    data = read_yaml(path, shown, f"write one group per line, e.g. {_EXAMPLE}")  # as every YAML of the project: UTF-8, no tab, no key twice
    if not data:  # an empty file: no groups yet
        return []
    if not isinstance(data, list):
        raise ContentError(shown, None, "it is not a list of groups",
                           f"write one group per line, starting with '- ', e.g. {_EXAMPLE}")
    groups = []
    for number, group in enumerate(data, start=1):
        where = f"group {number}"
        if not isinstance(group, list):
            raise ContentError(shown, where, f"{group!r} is not a list of words or phrases",
                               f"write the group in brackets, e.g. {_EXAMPLE}")
        phrases = []
        for phrase in group:
            if not isinstance(phrase, str) or not phrase.strip():
                raise ContentError(shown, where, f"{phrase!r} is not a word or phrase",
                                   "write each member as text; remove empty entries")
            phrases.append(" ".join(phrase.split()))
        if len(set(p.lower() for p in phrases)) < 2:
            raise ContentError(shown, where, "a group needs at least two different words or phrases",
                               "add what a reader may type instead, or remove the group")
        groups.append(phrases)
    return groups
