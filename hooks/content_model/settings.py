"""What a publisher sets in mkdocs.yml about themselves: who publishes the site, and where corrections go.

Both are empty until the site's owner fills them in (`SITE_PUBLISHER`, `SITE_PUBLISHER_CONTACT`,
`CORRECTIONS_ADDRESS`), and the site then says so rather than inventing anyone. Each value is
checked here, once, with one message naming the field and the fix; the hooks put the checked
values back into `config.extra`, where the templates read them. Reading a value that is already
checked gives the same value, so it does not matter how often a language pass asks.
"""

from __future__ import annotations

import re
from typing import Any

from .base import ContentError

_EMAIL = re.compile(r"^[^@\s/]+@[^@\s/]+\.[^@\s/]+$")
_WEB = re.compile(r"^https?://\S+$")
# A name is shown on every page and in every citation: one line of text, not an address or markup.
_NAME_LIMIT = 120


def publisher(extra: dict[str, Any]) -> dict[str, str]:
    """`extra.publisher`, checked: {'name', 'contact', 'href'}, each '' when unset."""
    given = extra.get("publisher") or {}
    if not isinstance(given, dict):
        raise ContentError("mkdocs.yml", "extra.publisher", "this must be a 'name:' and a 'contact:' line",
                           "write 'publisher:' with 'name: !ENV [SITE_PUBLISHER, \"\"]' and "
                           "'contact: !ENV [SITE_PUBLISHER_CONTACT, \"\"]' under it")
    name = _text(given.get("name"))
    if "\n" in name or len(name) > _NAME_LIMIT or "<" in name:
        raise ContentError("mkdocs.yml", "extra.publisher.name", f"'{name[:40]}' is not a name of one short line",
                           f"write the person's or organisation's name, on one line of at most {_NAME_LIMIT} "
                           "characters, without markup")
    contact = _address(given.get("contact"), "extra.publisher.contact", "contacto@example.org", "https://example.org/contacto")
    if contact and not name:
        raise ContentError("mkdocs.yml", "extra.publisher.contact", "a contact is given but no publisher's name",
                           "set 'extra.publisher.name' (SITE_PUBLISHER) too: a reader must know whose address it is")
    return {"name": name, "contact": contact, "href": href(contact)}


def corrections(extra: dict[str, Any]) -> dict[str, str]:
    """`extra.corrections`, checked: {'address', 'href'}, each '' when unset."""
    address = _address((extra.get("corrections") or {}).get("address"), "extra.corrections.address",
                       "correcciones@example.org", "https://example.org/correcciones")
    return {"address": address, "href": href(address)}


def href(address: str) -> str:
    """What a link to an address points at: 'mailto:' for an e-mail address."""
    return f"mailto:{address}" if _EMAIL.match(address) else address


# ---------------------------------------------------------------------------- helpers


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


# An e-mail or web address, or '' when unset; anything else stops the build with one message.
def _address(value: Any, field: str, email: str, web: str) -> str:
    value = _text(value)
    if value and not (_EMAIL.match(value) or _WEB.match(value)):
        raise ContentError("mkdocs.yml", field, f"'{value}' is neither an e-mail address nor a web address",
                           f"write an address such as '{email}' or '{web}', or leave it empty")
    return value
