"""Copies labelled as copies: every link to a copy of someone else's document says so and names the publisher.

`hooks/data/source-hosts.yml` lists the hosts that hold copies: `copies:` (document-sharing
sites: Scribd, Docplayer... every link there is a copy) and `reprints:` (news and legal sites
that reprint laws and reports: LP Derecho, ecoi.net...; each link there is declared a reprint in
`documents:` or the host's own article in its `own:` list). `documents:` says, for each copy the
site links (by its address), who published the original and, where the official address is
known, that address. The source line of every such link, in the page's language, must:

- say that it is a copy ("copia" / "copy"),
- name the original's publisher (one of the names `documents:` gives for that language),
- give the official address first, where `documents:` knows one.

The line is the link's own parenthesis when it sits in one ("([Agencia Andina, copia en El
Regional de Piura](...))"), else its part of a list separated by " · " (the handouts' sources),
else its whole line. Each page's Markdown is checked as the content model loads it (the message
names the file, the line, the link and the fix); the HTML that hooks generate is checked as each
page is rendered (hooks/source_links.py), and renderers label their links with `label()`.
"""

from __future__ import annotations

import dataclasses
import fnmatch
import functools
import re
from html import unescape
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from . import catalogue
from .base import LANGUAGES, ContentError, front_matter_end, read_yaml, unknown_key

FILE = Path(__file__).resolve().parent.parent / "data" / "source-hosts.yml"
SHOWN = "hooks/data/source-hosts.yml"



def _copy_word(language: str) -> re.Pattern:
    """The word a source line uses for a copy, as a word ("copia", "copias", "copy", "copies"):
    the catalogue's `sources.copy_words`."""
    found = "|".join(re.escape(word) for word in catalogue.words(language, "sources")["copy_words"] if word)
    return re.compile(rf"\b(?:{found})\b", re.IGNORECASE)


def _copy_on(language: str, host: str) -> str:
    """How a line says it, in a fix and in `label()`: "copia en Scribd" (`sources.copy_on`)."""
    return catalogue.words(language, "sources")["copy_on"].replace("{host}", host)


@dataclasses.dataclass(frozen=True)
class Document:
    """A copy the site links: where the copy is, on which host, who published the original."""

    address: str
    host: str                               # the copy's host, as the line names it: "Scribd", "LP Derecho"
    publisher: dict[str, tuple[str, ...]]   # language -> the names a line may give (the first is suggested)
    official: tuple[str, ...] = ()          # the official address (and its equivalents), to be given first


@dataclasses.dataclass(frozen=True)
class Registry:
    mirrors: tuple[str, ...]                # preview, development or CDN hosts ("beta.*"): never linked
    copies: dict[str, str]                  # document-sharing host -> its name
    reprints: dict[str, str]                # host that reprints others' documents -> its name
    own: frozenset[str]                     # addresses on a reprint host that are its own articles
    documents: dict[str, Document]          # a copy's address -> the document

    @functools.cached_property
    def anchor(self) -> re.Pattern:
        """An HTML link to any of these hosts."""
        hosts = "|".join(re.escape(host) for host in sorted((*self.copies, *self.reprints), key=len, reverse=True))
        return re.compile(rf'<a\b[^>]*?\bhref="https?://(?:{hosts})[/:"?#]', re.IGNORECASE)

    def is_mirror(self, host: str) -> bool:
        return any(fnmatch.fnmatch(host.lower(), pattern) for pattern in self.mirrors)

    def host_name(self, address: str) -> str | None:
        """The name of the copy's host, where the address is on a copies or reprints host."""
        host = (urlsplit(address).hostname or "").lower()
        return self.copies.get(host) or self.reprints.get(host)

    def document(self, address: str) -> Document | None:
        return self.documents.get(_normal(address))


def registry() -> Registry:
    """The hosts and documents of hooks/data/source-hosts.yml, checked (read again when the file changes)."""
    stamp = FILE.stat()
    return _registry(stamp.st_mtime_ns, stamp.st_size)


load = registry  # what tests and hooks call to read the file


def check_links(texts: dict[str, str], hosts: Registry) -> None:
    """No page links a mirror host (`texts`: a file's name under docs/ -> its text)."""
    for name, text in texts.items():
        for match in _ADDRESS.finditer(text):
            host = match.group("host").lower()
            if hosts.is_mirror(host):
                line = text.count("\n", 0, match.start()) + 1
                raise ContentError(f"docs/{name}", None, f"line {line} links to '{host}', a preview or mirror copy of a "
                                   f"publisher's site (listed under 'mirrors:' in {SHOWN})",
                                   "link the publisher's own address, or cite the source without a link")


def label(address: str, language: str) -> str | None:
    """How a generated link to a copy reads: 'Agencia Andina, copia en El Regional de Piura'
    (None: the address is not a copy)."""
    document = registry().document(address)
    if document is None:
        return None
    return f"{document.publisher[language][0]}, {_copy_on(language, document.host)}"


# ---------------------------------------------------------------------------- checking pages


@dataclasses.dataclass(frozen=True)
class Link:
    address: str
    start: int  # where the link's text starts in its line's flat text, and ends
    end: int


def check_markdown(text: str, shown: str, language: str) -> None:
    """Every link to a copy in a page's Markdown (its front matter, code blocks and code spans aside);
    a message names the file and the line."""
    found = registry()
    body, skipped = body_of(text)
    in_code = False
    for number, line in enumerate(body.split("\n"), start=skipped + 1):
        if line.lstrip().startswith(("```", "~~~")):
            in_code = not in_code
        if in_code or "://" not in line:
            continue
        flat, links = _flatten_markdown(line)
        for link in links:
            _judge(found, flat, link, links, language, f"{shown}, line {number}")


def check_html(html: str, shown: str, language: str) -> None:
    """Every link to a copy in HTML a hook generated (its block of text is the line)."""
    found = registry()
    seen = set()
    for anchor in found.anchor.finditer(html):
        # The block of text the link sits in: the nearest opening tag of a block before it, to its end.
        opening = None
        for opening in _BLOCK_OPEN.finditer(html, max(0, anchor.start() - _BLOCK_REACH), anchor.start()):  # noqa: B007 (the last one is kept)
            pass
        if opening is None or opening.start() in seen:
            continue
        seen.add(opening.start())
        end = html.find(f"</{opening.group('tag')}>", anchor.end())
        flat, links = _flatten_html(html[opening.end(): end if end != -1 else len(html)])
        for link in links:
            _judge(found, flat, link, links, language, f"{shown} (in the HTML a hook generated)")


def body_of(text: str) -> tuple[str, int]:
    """A page's text after its front matter, and how many lines that front matter took (to number lines)."""
    end = front_matter_end(text)
    return text[end:], text.count("\n", 0, end)


# ---------------------------------------------------------------------------- helpers


def _judge(found: Registry, flat: str, link: Link, links: list[Link], language: str, where: str) -> None:
    host = found.host_name(link.address)
    if host is None or _normal(link.address) in found.own:
        return
    document = found.document(link.address)
    if document is None:
        kind = ("a document-sharing site" if (urlsplit(link.address).hostname or "").lower() in found.copies
                else "a site that reprints documents published by others")
        raise ContentError(where, None, f"the link {link.address} is on {host}, {kind}, and {SHOWN} does not say "
                           "whose document it is",
                           f"add the address under 'documents:' in {SHOWN} with the original's publisher (and its "
                           "official address, if one is known); an article of the host's own goes in its 'own:' list")
    context = _context(flat, link, links)
    names = document.publisher[language]
    missing = []
    if not _copy_word(language).search(context):
        missing.append("say that it is a copy")
    if not any(_folded(name) in _folded(context) for name in names):
        missing.append(f"name the original's publisher ({' or '.join(repr(name) for name in names)})")
    if document.official:
        before = [other for other in links if other.end <= link.start and _context(flat, other, links) == context]
        if not any(_normal(other.address) in document.official for other in before):
            missing.append(f"give the official address first ({document.official[0]})")
    if missing:
        copy_on = _copy_on(language, host)
        official = f"<{document.official[0]}>; " if document.official else ""
        raise ContentError(where, None, f"the link {link.address} is a copy on {host}, and its source line does not "
                           + ", nor ".join(missing),
                           f"write the publisher, the word for a copy and the official address first in the same "
                           f"line (or parenthesis) as the link, e.g. '{names[0]}, <title>: {official}{copy_on}: "
                           f"<{link.address}>'")


# The text a link is judged by: its parenthesis, else its part of a " · " list, else its whole line.
def _context(flat: str, link: Link, links: list[Link]) -> str:
    # A link's own text may hold parentheses ("DS 001-2015-JUS (El Peruano, copia en Docplayer)"):
    # they open no group around it.
    masked = list(flat)
    for other in links:
        masked[other.start: other.end] = "x" * (other.end - other.start)
    opened, groups = [], []
    for index, char in enumerate(masked):
        if char == "(":
            opened.append(index)
        elif char == ")" and opened:
            start = opened.pop()
            groups.append((start, index + 1))
    around = [(a, b) for a, b in groups if a < link.start and link.end <= b]
    if around:
        a, b = min(around, key=lambda group: group[1] - group[0])
        return flat[a:b]
    start = flat.rfind(" · ", 0, link.start)
    end = flat.find(" · ", link.end)
    return flat[start + 3 if start != -1 else 0: end if end != -1 else len(flat)]


# One Markdown line as the reader sees it (links as their text, code spans blanked) and its links.
def _flatten_markdown(line: str) -> tuple[str, list[Link]]:
    line = _CODE_SPAN.sub(lambda match: " " * len(match.group(0)), line)
    flat, links, position = [], [], 0
    for match in _MD_LINK.finditer(line):
        flat.append(line[position: match.start()])
        offset = sum(len(part) for part in flat)
        text = match.group("text") if match.group("text") is not None else (match.group("auto") or match.group("bare"))
        address = match.group("url") or match.group("auto") or match.group("bare")
        flat.append(text)
        links.append(Link(address=address, start=offset, end=offset + len(text)))
        position = match.end()
    flat.append(line[position:])
    return "".join(flat).replace("*", ""), links


# One HTML block as text (tags dropped, entities read) and its links.
def _flatten_html(inner: str) -> tuple[str, list[Link]]:
    flat, links, position = [], [], 0
    for match in _A.finditer(inner):
        flat.append(_text(inner[position: match.start()]))
        offset = sum(len(part) for part in flat)
        text = _text(match.group("text"))
        flat.append(text)
        links.append(Link(address=unescape(match.group("href")), start=offset, end=offset + len(text)))
        position = match.end()
    flat.append(_text(inner[position:]))
    return "".join(flat), links


def _text(html: str) -> str:
    return unescape(_TAG.sub("", html))


def _folded(text: str) -> str:
    return re.sub(r"\s+", " ", text).casefold()


def _normal(address: str) -> str:
    """An address as the registry keys it: without a trailing slash (the same page either way)."""
    return address.strip().rstrip("/")


@functools.lru_cache(maxsize=4)
def _registry(_mtime: int, _size: int) -> Registry:
    how = "write 'mirrors:', 'copies:', 'reprints:' and 'documents:' as YAML"
    data = read_yaml(FILE, SHOWN, how)
    if not isinstance(data, dict):
        raise ContentError(SHOWN, None, "the file is not a set of 'section: ...' fields", how)
    for key in data:
        if key not in _SECTIONS:
            raise unknown_key(SHOWN, None, key, _SECTIONS, "the hosts file")
    mirrors = _mirrors(data)
    copies = _names(data, "copies")
    reprints, own = _reprints(data)
    documents = {}
    for address, entry in (data.get("documents") or {}).items():
        documents[_normal(str(address))] = _document(str(address), entry, copies, reprints)
    return Registry(mirrors=tuple(host.lower() for host in mirrors), copies=copies, reprints=reprints,
                    own=frozenset(own), documents=documents)



def _mirrors(data: dict[str, Any]) -> list[str]:
    mirrors = data.get("mirrors") or []
    if not isinstance(mirrors, list):
        raise ContentError(SHOWN, "mirrors", "this is not a list of hosts", "write each host as '  - beta.example.pe'")
    for number, host in enumerate(mirrors, start=1):
        if not isinstance(host, str) or not _HOST.match(host):
            raise ContentError(SHOWN, f"mirrors[{number}]", f"{host!r} is not a host name or pattern",
                               "write a host as 'beta.inforegion.pe', or a pattern with '*' in quotes: '\"beta.*\"'")
    return mirrors


def _reprints(data: dict[str, Any]) -> tuple[dict[str, str], set[str]]:
    """The reprint hosts by name, and the addresses of their own articles."""
    reprints, own = {}, set()
    for host, entry in (data.get("reprints") or {}).items():
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) or not entry["name"].strip():
            raise ContentError(SHOWN, f"reprints.{host}", "a reprint host needs its name",
                               "write 'name: <the host's name, as a source line gives it>' (and 'own:', a list of "
                               "its own articles the site links, if any)")
        reprints[str(host).lower()] = entry["name"].strip()
        own |= {_normal(address) for address in entry.get("own") or ()}
    return reprints, own


def _document(address: str, entry: Any, copies: dict[str, str], reprints: dict[str, str]) -> Document:
    field = f"documents.{address}"
    host = (urlsplit(address).hostname or "").lower()
    if host not in copies and host not in reprints:
        raise ContentError(SHOWN, field, f"'{host}' is neither under 'copies:' nor under 'reprints:'",
                           "add its host to one of them, or remove the entry")
    if not isinstance(entry, dict) or "publisher" not in entry:
        raise ContentError(SHOWN, field, "a document needs its publisher",
                           "write 'publisher:' with the original's publisher (one name, or one per language: "
                           "'es: ...' and 'en: ...')")
    official = entry.get("official") or ()
    official = (official,) if isinstance(official, str) else tuple(official)
    for other in official:
        if not re.match(r"^https?://\S+$", str(other)):
            raise ContentError(SHOWN, f"{field}.official", f"'{other}' is not a web address",
                               "give the official address the source line must give first, or remove it")
    return Document(address=address, host=copies.get(host) or reprints[host],
                    publisher=_publisher(entry["publisher"], field), official=tuple(_normal(str(o)) for o in official))

def _names(data: dict[str, Any], section: str) -> dict[str, str]:
    names = data.get(section) or {}
    if not isinstance(names, dict) or not all(isinstance(v, str) and v.strip() for v in names.values()):
        raise ContentError(SHOWN, section, "this must map each host to its name", "write 'host.example: Its name'")
    return {str(host).lower(): name.strip() for host, name in names.items()}


# A publisher: one name for every language, a list of names, or one name (or list) per language.
def _publisher(value: Any, field: str) -> dict[str, tuple[str, ...]]:
    if isinstance(value, dict):
        by_language = {language: value.get(language) for language in LANGUAGES}
    else:
        by_language = {language: value for language in LANGUAGES}
    found = {}
    for language, names in by_language.items():
        names = (names,) if isinstance(names, str) else tuple(names or ())
        if not names or not all(isinstance(name, str) and name.strip() for name in names):
            raise ContentError(SHOWN, f"{field}.publisher", f"the publisher's name in {language} is missing",
                               f"write 'publisher:' with one name, or with '{language}: <name>'")
        found[language] = tuple(name.strip() for name in names)
    return found


# ---------------------------------------------------------------------------- data

_SECTIONS = ("mirrors", "copies", "reprints", "documents")
_HOST = re.compile(r"^[a-z0-9*]([a-z0-9.*-]*[a-z0-9*])?$")
# An address in a page's Markdown: its host.
_ADDRESS = re.compile(r"https?://(?P<host>[^/\s)\]>\"'?#:]+)", re.IGNORECASE)
_CODE_SPAN = re.compile(r"`[^`]*`")
# [text](address "title"), <address>, or a bare address; a link's text may hold one level of brackets.
_MD_LINK = re.compile(r"\[(?P<text>(?:[^\[\]]|\[[^\[\]]*\])*)\]\((?P<url>https?://[^\s)]+)(?:\s+\"[^\"]*\")?\)"
                      r"|<(?P<auto>https?://[^>\s]+)>"
                      r"|(?<![(<\[\"'=])(?P<bare>https?://[^\s)<>\]]+)")
_BLOCK_OPEN = re.compile(r"<(?P<tag>p|li|td|th|dd|dt|figcaption|caption|h[1-6])\b[^>]*>", re.IGNORECASE)
_BLOCK_REACH = 20_000  # how far before a link its block may open (a source line is far shorter)
_A = re.compile(r"<a\b[^>]*?\bhref=\"(?P<href>https?://[^\"]+)\"[^>]*>(?P<text>.*?)</a>", re.DOTALL | re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")
