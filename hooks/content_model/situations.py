"""The search's situations: what a reader types when it is happening to her, one file per language.

A frightened reader types what happened ("me quitaron mi dni", "my boyfriend won't let me go
out"), not the policy's words. This vocabulary, written with the content, tells the search which
queries speak of the reader herself and which pages answer them:

    # docs/search/situaciones.es.yml
    public: [index, publico/, denunciar, seguridad]  # pages (or folders, ending in '/') written for the public
    self:
      words: [yo, me, mi, mis]            # a query holding one of these words speaks of the reader herself
      endings: [arme, erme, irme]         # ... or a word ending so ("dejarme", "irme")
      pages: [publico/si-te-pasa-a-ti]    # the pages for any query about herself
    work: [docente, mis alumnos]          # ... unless it holds one of these: it is about someone's work
    situations:
      - terms: [pasaporte, dni]           # words or phrases that say by themselves what happened
        with_self: [documento, papeles]   # ... or that say it in a query about herself
        pages: [publico/si-te-pasa-a-ti, publico/como-ocurre]

`words` and `endings` are compared with the query's words as typed (capitals and accents do
not matter); `work`, `terms` and `with_self` are matched like the synonyms, by their stems, every word of
a phrase anywhere in the query. What the search does with a match is in hooks/search_index.py and
the README ("Search"). Pages are named by their path under docs/ without the language and `.md`
(`publico/si-te-pasa-a-ti`, `denunciar`); each must exist in the file's language.

The file is `situaciones.<language>.yml` or `situations.<language>.yml`, one per language, and
every language has one when any has. It is not a page and is not copied into the site. A mistake
stops the build with one message naming the file, the field and the fix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .base import LANGUAGES, ContentError, parse_yaml
from .synonyms import FOLDER, SITUATIONS_NAMES, by_language

_KEYS = ("public", "self", "work", "situations")
_SELF_KEYS = ("words", "endings", "pages")
_SITUATION_KEYS = ("terms", "with_self", "pages")
# One word as the search splits a query: letters and digits (the browser's TOKEN in search.js).
_WORD = re.compile(r"^[^\W_]+$")
_ENDING_MIN = 3   # a shorter ending would take in too many ordinary words ("-me": "informe", "enorme")
_EXAMPLE_PAGE = "'publico/si-te-pasa-a-ti' (the path under docs/ without the language and '.md')"


@dataclass(frozen=True)
class Situation:
    """A situation: its phrases (alone, or in a query about oneself) and the pages that answer it."""

    number: int
    terms: tuple[str, ...]
    with_self: tuple[str, ...]
    pages: tuple[str, ...]


@dataclass(frozen=True)
class Situations:
    """One language's vocabulary, and the file it comes from (for messages)."""

    shown: str | None = None
    public: tuple[str, ...] = ()
    self_words: tuple[str, ...] = ()
    self_endings: tuple[str, ...] = ()
    self_pages: tuple[str, ...] = ()
    work: tuple[str, ...] = ()
    situations: tuple[Situation, ...] = field(default_factory=tuple)

    def is_public(self, path: str) -> bool:
        """Whether a page ('publico/x', no language, no '.md') is one of `public` or in one of its folders."""
        return any(path == entry or (entry.endswith("/") and path.startswith(entry)) for entry in self.public)


def files(docs_dir: str | Path) -> list[Path]:
    """Every situations file in docs/search/, sorted."""
    return [path for path in sorted((Path(docs_dir) / FOLDER).glob("*.yml"))
            if path.name.split(".")[0] in SITUATIONS_NAMES]


def load(docs_dir: str | Path) -> dict[str, Situations]:
    """language -> its vocabulary (an empty one where the site has none). Raises ContentError."""
    docs = Path(docs_dir)
    found = by_language(files(docs), "situations", lambda path, shown, language: _read(docs, path, shown, language))
    if found:
        for language in LANGUAGES:
            if language not in found:
                have = next(iter(found.values())).shown
                raise ContentError(f"docs/{FOLDER}/situations.{language}.yml", None,
                                   f"the file is missing ({have} has the situations of another language)",
                                   f"write the situations in this language too, as in {have}")
    return {language: found.get(language, Situations()) for language in LANGUAGES}


def _read(docs: Path, path: Path, shown: str, language: str) -> Situations:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ContentError(shown, None, "the file is not UTF-8 text", "save it as UTF-8") from None
    data = parse_yaml(text, shown)
    if not isinstance(data, dict):
        raise ContentError(shown, None, "it is not a set of 'key: value' fields",
                           f"write the fields {', '.join(_KEYS)} (see the comments of docs/{FOLDER}/situaciones.es.yml)")
    _only_keys(shown, None, data, _KEYS)
    public = _pages(docs, shown, "public", data, language, folders=True)
    self_ = data.get("self")
    if not isinstance(self_, dict):
        raise ContentError(shown, "self", "it is missing or not a set of fields",
                           "write 'self:' with 'words:', 'endings:' and 'pages:' indented below it")
    _only_keys(shown, "self", self_, _SELF_KEYS)
    words = _words(shown, "self.words", self_.get("words"), required=True)
    endings = _words(shown, "self.endings", self_.get("endings"), required=False)
    short = [ending for ending in endings if len(ending) < _ENDING_MIN]
    if short:
        raise ContentError(shown, "self.endings", f"'{short[0]}' is shorter than {_ENDING_MIN} letters",
                           f"write endings of {_ENDING_MIN} letters or more ('irme'), or list whole words in 'self.words'")
    self_pages = _pages(docs, shown, "self.pages", self_, language)
    work = _phrases(shown, "work", data.get("work"))
    listed = data.get("situations")
    if not isinstance(listed, list) or not listed:
        raise ContentError(shown, "situations", "it is missing or not a list",
                           "write 'situations:' with one '- terms: [...]' / 'pages: [...]' item per situation")
    situations = []
    for number, item in enumerate(listed, start=1):
        where = f"situations[{number}]"
        if not isinstance(item, dict):
            raise ContentError(shown, where, f"{item!r} is not a set of fields",
                               "write the situation as '- terms: [...]' with 'with_self:' and 'pages:' below it")
        _only_keys(shown, where, item, _SITUATION_KEYS)
        terms = _phrases(shown, f"{where}.terms", item.get("terms"))
        with_self = _phrases(shown, f"{where}.with_self", item.get("with_self"))
        if not terms and not with_self:
            raise ContentError(shown, where, "it has no 'terms' and no 'with_self'",
                               "list what a reader types for this situation in 'terms' (or in 'with_self')")
        situations.append(Situation(number, terms, with_self, _pages(docs, shown, f"{where}.pages", item, language)))
    return Situations(shown, public, words, endings, self_pages, work, tuple(situations))


def _only_keys(shown: str, where: str | None, data: dict, allowed: tuple[str, ...]) -> None:
    unknown = [key for key in data if key not in allowed]
    if unknown:
        name = f"{where}.{unknown[0]}" if where else str(unknown[0])
        raise ContentError(shown, name, "this field is not known here", f"use only: {', '.join(allowed)}")


def _list(shown: str, field_name: str, value, required: bool) -> list:
    if value is None and not required:
        return []
    if not isinstance(value, list) or (required and not value):
        raise ContentError(shown, field_name, "it is missing or not a list",
                           f"write '{field_name.rsplit('.', 1)[-1]}:' with its entries in brackets, e.g. [a, b]")
    return value


def _words(shown: str, field_name: str, value, required: bool) -> tuple[str, ...]:
    words = []
    for entry in _list(shown, field_name, value, required):
        if not isinstance(entry, str) or not _WORD.match(entry.strip()):
            raise ContentError(shown, field_name, f"{entry!r} is not one word",
                               "write one word per entry, letters only (the search compares a query word by word)")
        words.append(entry.strip().lower())
    return tuple(words)


def _phrases(shown: str, field_name: str, value) -> tuple[str, ...]:
    phrases = []
    for entry in _list(shown, field_name, value, required=False):
        if not isinstance(entry, str) or not entry.strip():
            raise ContentError(shown, field_name, f"{entry!r} is not a word or phrase",
                               "write each entry as text; remove empty entries")
        phrases.append(" ".join(entry.split()))
    return tuple(phrases)


def _pages(docs: Path, shown: str, field_name: str, data: dict, language: str, folders: bool = False) -> tuple[str, ...]:
    """The pages (and, where allowed, folders) a field names, each checked to exist in `language`."""
    entries = _list(shown, field_name, data.get(field_name.rsplit(".", 1)[-1]), required=True)
    pages = []
    for entry in entries:
        if not isinstance(entry, str) or not entry.strip():
            raise ContentError(shown, field_name, f"{entry!r} is not a page", f"name each page as {_EXAMPLE_PAGE}")
        path = entry.strip()
        if folders and path.endswith("/"):
            if not (docs / path).is_dir():
                raise ContentError(shown, field_name, f"there is no folder docs/{path}",
                                   "name a folder of docs/ ending in '/' ('publico/'), or a page")
        elif path.endswith(".md") or path.startswith(("/", "docs/")) or not (docs / f"{path}.{language}.md").is_file():
            raise ContentError(shown, field_name, f"'{path}' is not a page (there is no docs/{path}.{language}.md)",
                               f"name each page as {_EXAMPLE_PAGE}" + (", or a folder ending in '/'" if folders else ""))
        pages.append(path)
    return tuple(pages)
