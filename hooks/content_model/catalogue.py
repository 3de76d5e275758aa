"""The one catalogue of interface words: `hooks/data/words.<language>.yml`.

Templates read its `ui` part (hooks/content.py puts it in `config.extra.ui`), the renderers their
own part (`words(language, "diagram")`), the scripts what the templates hand them. Every language
must have every key the other has: a missing word would print nothing, so the build stops and
names it, with the file that has it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .base import DEFAULT_LANGUAGE, LANGUAGES, ContentError, read_yaml

FOLDER = Path(__file__).resolve().parent.parent / "data"

# The catalogue as last read, with the files' sizes and times it was read at: a renderer asks for
# words many times a build, and `mkdocs serve` must see an edit at once.
_read: tuple[tuple, dict[str, dict[str, Any]]] | None = None


def shown_name(language: str) -> str:
    return f"hooks/data/words.{language}.yml"


def catalogue() -> dict[str, dict[str, Any]]:
    """Every language's words, checked against each other. Raises ContentError."""
    global _read
    stamp = tuple((path.stat().st_mtime_ns, path.stat().st_size) if path.exists() else None
                  for path in (FOLDER / f"words.{language}.yml" for language in LANGUAGES))
    if _read is None or _read[0] != stamp:
        _read = (stamp, _load())
    return _read[1]


def words(language: str, part: str) -> dict[str, Any]:
    """One part of one language's catalogue: 'ui', 'kinds', 'diagram', 'region_map'..."""
    return catalogue()[language][part]


def _load() -> dict[str, dict[str, Any]]:
    found = {}
    for language in LANGUAGES:
        path = FOLDER / f"words.{language}.yml"
        if not path.exists():
            raise ContentError(shown_name(language), None, "the interface words of this language are missing",
                               f"create it with the same keys as {shown_name(_other(language))}")
        data = read_yaml(path, shown_name(language), "write each part ('ui:', 'diagram:'...) as 'key: words' lines")
        if not isinstance(data, dict):
            raise ContentError(shown_name(language), None, "the file is not a set of 'part: words' fields",
                               "write each part ('ui:', 'diagram:'...) as a YAML mapping of 'key: words'")
        found[language] = data
    for language in LANGUAGES:
        _check(found, language)
    return found


def _other(language: str) -> str:
    return next(other for other in LANGUAGES if other != language)


def _check(found: dict[str, dict[str, Any]], language: str) -> None:
    """Every key of the other language is here and filled. Where both have a key in different
    shapes (a text, a list of texts), the Spanish file is the model: Spanish is written first."""
    other = _other(language)
    for part, theirs in found[other].items():
        ours = found[language].get(part)
        if not isinstance(ours, dict):
            raise ContentError(shown_name(language), part, "this part of the interface words is missing",
                               f"add '{part}:' with the same keys as in {shown_name(other)}")
        for key, their_words in (theirs or {}).items():
            value = ours.get(key)
            if not _filled(value):
                raise ContentError(shown_name(language), f"{part}.{key}", "this interface word is missing",
                                   f"add '{key}:' under '{part}:' ({shown_name(other)} has it)")
            if language != DEFAULT_LANGUAGE and _shape(value) != _shape(their_words):
                raise ContentError(shown_name(language), f"{part}.{key}", f"this is {_shape(value)}, and in "
                                   f"{shown_name(other)} it is {_shape(their_words)}",
                                   f"write it as {shown_name(other)} does")


def _filled(value: Any) -> bool:
    """Words: a text, or a list of texts (a part of a list may be empty: a table heading's prefix)."""
    if isinstance(value, list):
        return bool(value) and all(isinstance(v, str) for v in value) and any(v.strip() for v in value)
    return isinstance(value, str) and bool(value.strip())


def _shape(value: Any) -> str:
    return f"a list of {len(value)} texts" if isinstance(value, list) else "a text"
