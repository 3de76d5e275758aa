"""The hosts a source link is checked against: `hooks/data/source-hosts.yml`.

`mirrors:` lists preview, development or CDN copies of a publisher's site (host names, or
patterns such as "beta.*"): a link to one is never right, since the address can vanish or show
another text, so a page that links one stops the build naming the page, the line and the host.
`copies:` maps document-sharing hosts to their names: a link there is allowed, and the source
line must say it is a copy (tests/test_sources.py reads the built pages for that).
"""

from __future__ import annotations

import dataclasses
import fnmatch
import re
from pathlib import Path

from .base import ContentError, read_yaml, unknown_key

FILE = Path(__file__).resolve().parent.parent / "data" / "source-hosts.yml"
SHOWN = "hooks/data/source-hosts.yml"
_KEYS = ("mirrors", "copies")
_HOST = re.compile(r"^[a-z0-9*]([a-z0-9.*-]*[a-z0-9*])?$")
# An address in a page's Markdown or HTML: its host.
_ADDRESS = re.compile(r"https?://(?P<host>[^/\s)\]>\"'?#:]+)", re.IGNORECASE)


@dataclasses.dataclass(frozen=True)
class SourceHosts:
    mirrors: tuple[str, ...]
    copies: dict[str, str]

    def is_mirror(self, host: str) -> bool:
        return any(fnmatch.fnmatch(host.lower(), pattern) for pattern in self.mirrors)


def load() -> SourceHosts:
    """The file, checked: a list of host patterns and a mapping of hosts to names. Raises ContentError."""
    data = read_yaml(FILE, SHOWN, "write 'mirrors:' as a list of hosts and 'copies:' as 'host: Name' lines")
    if not isinstance(data, dict):
        raise ContentError(SHOWN, None, "the file is not a set of 'mirrors:' and 'copies:'",
                           "write 'mirrors:' as a list of hosts and 'copies:' as 'host: Name' lines")
    for key in data:
        if key not in _KEYS:
            raise unknown_key(SHOWN, None, key, _KEYS, "the hosts file")
    mirrors, copies = data.get("mirrors") or [], data.get("copies") or {}
    if not isinstance(mirrors, list):
        raise ContentError(SHOWN, "mirrors", "this is not a list of hosts", "write each host as '  - beta.example.pe'")
    for number, host in enumerate(mirrors, start=1):
        if not isinstance(host, str) or not _HOST.match(host):
            raise ContentError(SHOWN, f"mirrors[{number}]", f"{host!r} is not a host name or pattern",
                               "write a host as 'beta.inforegion.pe', or a pattern with '*' in quotes: '\"beta.*\"'")
    if not isinstance(copies, dict):
        raise ContentError(SHOWN, "copies", "this is not a set of 'host: Name' lines", "write each as '  studylib.es: Studylib'")
    for host, name in copies.items():
        if not isinstance(host, str) or not _HOST.match(host) or "*" in host:
            raise ContentError(SHOWN, "copies", f"{host!r} is not a host name", "write each as '  studylib.es: Studylib'")
        if not isinstance(name, str) or not name.strip():
            raise ContentError(SHOWN, f"copies.{host}", "the host has no name", f"write '{host}: ' and the site's name")
    return SourceHosts(mirrors=tuple(h.lower() for h in mirrors), copies=dict(copies))


def check_links(texts: dict[str, str], hosts: SourceHosts) -> None:
    """No page links a mirror host (`texts`: a file's name under docs/ -> its text)."""
    for name, text in texts.items():
        for match in _ADDRESS.finditer(text):
            host = match.group("host").lower()
            if hosts.is_mirror(host):
                line = text.count("\n", 0, match.start()) + 1
                raise ContentError(f"docs/{name}", None, f"line {line} links to '{host}', a preview or mirror copy of a "
                                   f"publisher's site (listed under 'mirrors:' in {SHOWN})",
                                   "link the publisher's own address, or cite the source without a link")
