"""What every part of the content model shares: reading files, naming them, reporting errors."""

from __future__ import annotations

import dataclasses
import difflib
import posixpath
import re
from pathlib import Path
from typing import Any

import yaml
from mkdocs.exceptions import PluginError

LANGUAGES = ("es", "en")
DEFAULT_LANGUAGE = "es"
LANGUAGE_NAMES = {"es": "Spanish", "en": "English"}

Pages = dict[str, dict[str, dict[str, Any]]]

# libyaml's loader when PyYAML has it (ten times faster on 224 files), else the pure-Python one.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.DOTALL)
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_SUFFIXED = re.compile(r"^(.*)\.([a-z]{2})\.md$")


class ContentError(PluginError):
    """A content mistake: one message that names the file, the field and the fix."""

    def __init__(self, path: Path | str, field: str | None, problem: str, fix: str):
        where = f"{path}" + (f", field '{field}'" if field else "")
        super().__init__(f"{where}: {problem}. Fix: {fix}.")


def with_article(noun: str) -> str:
    """'an axis', 'a component': how a message names one thing of a kind."""
    return ("an " if noun[:1].lower() in "aeiou" else "a ") + noun


def require_fields(where_file: str, data: dict[str, Any], fields, help: dict[str, str]) -> None:
    """Stop at the first of these fields that is missing or empty (no value, '' or [])."""
    for field in fields:
        if data.get(field) in (None, "", []):
            raise ContentError(where_file, field, "this required field is missing",
                               f"add '{field}:' to the front matter ({help[field]})")


def require_id(where_file: str, value: Any, example: str) -> None:
    """Ids are lowercase words joined by hyphens: they become addresses and anchors."""
    if not isinstance(value, str) or not _ID.match(value):
        raise ContentError(where_file, "id", f"'{value}' is not a valid id",
                           f"use lowercase letters, digits and hyphens, e.g. '{example}'")


def check_translation(src_uri: str, english: dict[str, Any], structural, required,
                      help: dict[str, str] | None = None, page_id: str | None = None) -> None:
    """An English file carries its own words only: no structure, and every required text."""
    where_file = shown(src_uri, "en")
    for field in structural:
        if field in english:
            raise ContentError(where_file, field, "structure is declared only in the Spanish file",
                               f"remove '{field}:' from the English file; keep it in {shown(src_uri, DEFAULT_LANGUAGE)}")
    if page_id is not None and english.get("id") not in (None, page_id):
        raise ContentError(where_file, "id", f"'{english['id']}' differs from the Spanish file's id '{page_id}'",
                           f"use 'id: {page_id}' or remove the line")
    for field in required:
        if not isinstance(english.get(field), str) or not english[field].strip():
            explained = f" ({help[field]})" if help and field in help else ""
            raise ContentError(where_file, field, "this required field is missing",
                               f"add '{field}:' in English{explained}")


def shown(src_uri: str, language: str) -> str:
    """How a message names a page's file: 'docs/politica/x.es.md'."""
    return f"docs/{localised(src_uri, language)}"


def localised(src_uri: str, language: str) -> str:
    """'politica/x.md' as the file of one language: 'politica/x.es.md'."""
    return f"{src_uri[: -len('.md')]}.{language}.md"


def unlocalised(file_src_uri: str) -> tuple[str, str]:
    """'politica/x.es.md' (a file name in an i18n build) -> ('politica/x.md', 'es')."""
    match = _SUFFIXED.match(file_src_uri)
    if not match:
        return file_src_uri, DEFAULT_LANGUAGE
    return match.group(1) + ".md", match.group(2)


def page_url(src_uri: str, language: str, directory_urls: bool = True) -> str:
    """Site-relative URL of a page, as the i18n plugin and `use_directory_urls` lay it out:
    "politica/x/" on the website, "politica/x.html" in the offline edition (`directory_urls`
    False), which is read from files where a folder does not open its index.html."""
    stem = src_uri[: -len(".md")]
    if not directory_urls:
        path = stem + ".html"
    elif stem == "index":
        path = ""
    elif stem.endswith("/index"):
        path = stem[: -len("index")]
    else:
        path = stem + "/"
    return path if language == DEFAULT_LANGUAGE else f"{language}/{path}"


@dataclasses.dataclass(frozen=True)
class AtAddress:
    """A page of one language (its dataclass has `src_uri` and `language`): where the site serves
    it, in the URL layout of the build that loaded it (`use_directory_urls`, given at load)."""

    directory_urls: bool = dataclasses.field(default=True, kw_only=True, compare=False, repr=False)

    @property
    def url(self) -> str:
        """The page's address relative to the site root, in its language."""
        return page_url(self.src_uri, self.language, self.directory_urls)  # type: ignore[attr-defined]


def page_folder(src_uri: str, language: str, directory_urls: bool = True) -> str:
    """The site-relative folder that a page's relative links start from ('' for the root)."""
    url = page_url(src_uri, language, directory_urls)
    if not url or url.endswith("/"):
        return url
    folder = posixpath.dirname(url)
    return folder + "/" if folder else ""


_BOM = b"\xef\xbb\xbf"
# Control characters: invisible in an editor, and the page would carry them (a NUL ends a C
# string; U+0080-U+009F are what Windows-1252 punctuation becomes when read as Latin-1). Tab,
# line feed and carriage return are text (YAML refuses the tab itself: parse_yaml says so).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_CONTROL_NAMES = {"\x00": "NUL", "\x08": "backspace", "\x0b": "vertical tab", "\x0c": "form feed", "\x1b": "escape",
                  "\x7f": "delete"}


def read_markdown(path: Path, shown_as: str) -> str:
    """The one way a text file of the project is read (pages, the shared texts, the data YAML):
    UTF-8, with or without a byte-order mark, with Windows (CRLF) or Unix line ends, as MkDocs reads
    a page. Another encoding, or a control character, stops the build naming the file and the line."""
    data = path.read_bytes()
    if data.startswith(_BOM):
        data = data[len(_BOM):]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ContentError(shown_as, None, f"line {line} is not UTF-8 text (byte 0x{data[error.start]:02x}; "
                           "the file was probably saved as Latin-1 or Windows-1252)",
                           "save the file with the UTF-8 encoding (in most editors: Save as > Encoding > UTF-8)") from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    control = _CONTROL.search(text)
    if control:
        char = control.group(0)
        line = text.count("\n", 0, control.start()) + 1
        column = control.start() - (text.rfind("\n", 0, control.start()) + 1) + 1
        name = _CONTROL_NAMES.get(char, "a control character")
        raise ContentError(shown_as, None, f"line {line}, column {column} holds an invisible control character "
                           f"(U+{ord(char):04X}{', ' + name if name != 'a control character' else ''})",
                           "delete it (retype the line if your editor does not show it); if it came with text "
                           "pasted from another program, paste it as plain text")
    return text


def read_yaml(path: Path, shown_as: str, how: str = "write it as YAML 'key: value' lines") -> Any:
    """A data file (hooks/data/*.yml, docs/search/*.yml), read and parsed as every YAML of the project."""
    return parse_yaml(read_markdown(path, shown_as), shown_as, how=how)


def read_front_matter(path: Path, shown_as: str) -> dict[str, Any]:
    """Parse one file's YAML front matter; an empty dict when it has none."""
    return front_matter(read_markdown(path, shown_as), shown_as)


def front_matter(text: str, shown_as: str) -> dict[str, Any]:
    """The front matter of a page's text, checked: it opens on line 1, has no tab, no key twice."""
    return split_front_matter(text, shown_as)[0]


def front_matter_end(text: str) -> int:
    """Where a page's front matter block ends, as split_front_matter finds it (0: there is none)."""
    match = _FRONT_MATTER.match(text)
    return match.end() if match else 0


def split_front_matter(text: str, shown_as: str) -> tuple[dict[str, Any], str]:
    """A page's text as its checked front matter and the Markdown below it."""
    match = _FRONT_MATTER.match(text)
    if not match:
        if text.startswith("---"):
            raise ContentError(shown_as, None, "the front matter is not closed",
                               "end the block with a line holding only '---'")
        if text.lstrip().startswith("---") and _FRONT_MATTER.match(text.lstrip()):
            blank = len(text) - len(text.lstrip())
            lines = text[:blank].count("\n")
            raise ContentError(shown_as, None, f"the front matter starts on line {lines + 1}, after "
                               f"{'a blank line' if lines == 1 else f'{lines} blank lines'}",
                               "remove what comes before the first '---': it must be the file's first line")
        return {}, text
    data = parse_yaml(match.group(1) or "", shown_as, first_line=2, what="the front matter")
    if not isinstance(data, dict):
        raise ContentError(shown_as, None, "the front matter is not a set of 'key: value' fields",
                           "write it as YAML 'key: value' lines")
    return data, text[match.end():]


def unknown_key(shown_as: str, field: str | None, key: Any, known, what: str) -> ContentError:
    """The error for a key that `what` (a page kind, a plan's step...) does not have: with the
    nearest known key (a typo: 'relatd' for 'related') and every known one."""
    close = difflib.get_close_matches(str(key), list(known), n=1, cutoff=0.6)
    listed = ", ".join(known)
    fix = (f"write '{close[0]}:' (the nearest known field), or remove the line; {what} may carry: {listed}" if close
           else f"remove the line, or use one of the fields {what} may carry: {listed}")
    problem = f"'{key}' is not a field of {what}" if field else f"this is not a field of {what}"
    return ContentError(shown_as, field or str(key), f"{problem}, and what it holds would be lost", fix)


def parse_yaml(text: str, shown_as: str, first_line: int = 1, what: str = "the file",
               how: str = "write it as YAML 'key: value' lines") -> Any:
    """YAML as every file of the project is read: no tab, no key twice, and a message that names
    the line (counted from `first_line`, where the text starts in its file) and says `how` the
    file is written."""
    for number, line in enumerate(text.split("\n"), start=first_line):
        if "\t" in line:
            raise ContentError(shown_as, None, f"line {number} holds a tab character",
                               "indent and separate with spaces, not tabs (YAML does not allow tabs)")
    try:
        return yaml.load(text, Loader=_UniqueKeyLoader) or {}
    except _DuplicateKey as duplicate:
        first, second = duplicate.first + first_line, duplicate.second + first_line
        raise ContentError(shown_as, duplicate.key, f"the key '{duplicate.key}' appears twice (lines {first} and {second})",
                           f"keep one '{duplicate.key}:' line") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f" at line {mark.line + first_line}" if mark else ""
        problem = getattr(error, "problem", None) or "it is not valid YAML"
        raise ContentError(shown_as, None, f"{what} does not parse{line} ({problem})",
                           f"{how}; quote values that contain ':' or '#'") from None


class _DuplicateKey(Exception):
    def __init__(self, key, first, second):
        super().__init__(key)
        self.key, self.first, self.second = key, first, second


class _UniqueKeyLoader(_SafeLoader):
    """PyYAML keeps the last of two equal keys without a word; here the second one is an error."""

    def construct_mapping(self, node, deep=False):
        seen = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            line = key_node.start_mark.line  # counted from 0: parse_yaml adds where the text starts
            if isinstance(key, str) and key in seen:
                raise _DuplicateKey(key, seen[key], line)
            seen[key] = line
        return super().construct_mapping(node, deep=deep)


def read_docs(docs: Path) -> tuple[Pages, dict[str, str], dict[str, str]]:
    """Every Markdown page's front matter, paired with its translation, every file's text and its
    Markdown below the front matter (by its name under docs/, 'politica/x.es.md'), each file read once."""
    found: dict[str, dict[str, Path]] = {}
    for path in sorted(docs.rglob("*.md")):
        rel = path.relative_to(docs).as_posix()
        match = _SUFFIXED.match(rel)
        if not match or match.group(2) not in LANGUAGES:
            raise ContentError(f"docs/{rel}", None, "the file name has no language suffix",
                               "rename it to end in " + " or ".join(f".{l}.md" for l in LANGUAGES))
        found.setdefault(match.group(1) + ".md", {})[match.group(2)] = path
    pages: Pages = {}
    texts: dict[str, str] = {}
    bodies: dict[str, str] = {}
    for src_uri, by_language in found.items():
        for language in LANGUAGES:
            if language not in by_language:
                present = next(iter(by_language.values()))
                raise ContentError(f"docs/{present.relative_to(docs).as_posix()}", None,
                                   f"the page has no {LANGUAGE_NAMES[language]} version",
                                   f"add {shown(src_uri, language)} (every page exists in both languages)")
        pages[src_uri] = {}
        for language, path in by_language.items():
            rel = path.relative_to(docs).as_posix()
            texts[rel] = read_markdown(path, f"docs/{rel}")
            pages[src_uri][language], bodies[rel] = split_front_matter(texts[rel], f"docs/{rel}")
    return pages, texts, bodies
