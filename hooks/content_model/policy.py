"""The policy's structure: axes, components, general and specific guidelines, transversal axis."""

from __future__ import annotations

import dataclasses
import functools
from typing import Any, Iterable

from . import catalogue
from .base import (AtAddress, DEFAULT_LANGUAGE, check_translation, LANGUAGES, ContentError, Pages, localised, require_fields, with_article,
                   require_id, shown)

# Which kind of node may sit under which: the reconstruction's shape, not its contents.
PARENT_KIND = {
    "axis": None,
    "component": "axis",
    "general": "component",
    "specific": "general",
    "transversal": None,
}
KINDS = tuple(PARENT_KIND)

# The page that introduces the policy; its nav section receives the generated tree.
OVERVIEW = "politica/index.md"

# The front-matter fields a policy page may carry, per kind (the English file only its words: title,
# label, summary). A field that is not here stops the build (content_model.check_keys). An axis
# may write 'parent:' only to be told that an axis has none.
KEYS = {kind: ("id", "kind", "parent", "order", "pinpoint", "title", "label", "summary", "related") for kind in KINDS}

# Fields a Spanish policy page must carry, and those that only the Spanish file may carry.
_POLICY_REQUIRED = ("id", "kind", "order", "pinpoint", "title", "label")
_STRUCTURAL_FIELDS = ("kind", "parent", "order", "pinpoint", "related")
_TRANSLATED_REQUIRED = ("title", "label")



@dataclasses.dataclass(frozen=True)
class Node(AtAddress):
    """One box of the policy diagram in one language: an axis, component or guideline."""

    id: str
    kind: str
    parent: str | None
    order: int
    title: str
    label: str
    summary: str
    related: tuple[str, ...]
    src_uri: str  # language-neutral path under docs/, e.g. "politica/prevencion.md"
    language: str
    number: int = 0  # the front matter's `pinpoint:` (0: none, in a test's hand-made tree)


    @property
    def pinpoint(self) -> str:
        """This site's identifier of the node, the same in every language: 'LE 14', 'EJE 2' ('' without a number).
        Not the policy's numbering: the policy numbers nothing (see PINPOINT_PREFIX)."""
        return f"{PINPOINT_PREFIX[self.kind]} {self.number}" if self.number else ""

    @property
    def anchor(self) -> str:
        """The pinpoint as an HTML id, on the whole policy and on the node's own page: 'le-14'."""
        return self.pinpoint.lower().replace(" ", "-")


@dataclasses.dataclass(frozen=True)
class PolicyTree:
    """All policy nodes of one language, in the poster's order."""

    language: str
    nodes: tuple[Node, ...]

    def get(self, node_id: str) -> Node:
        return self._by_id[node_id]

    def __contains__(self, node_id: str) -> bool:
        return node_id in self._by_id

    @functools.cached_property
    def _by_id(self) -> dict[str, Node]:
        return {node.id: node for node in self.nodes}

    def for_page(self, file_src_uri: str) -> Node | None:
        """The node a built page shows, from the i18n file name ('politica/x.es.md'), or None."""
        return self._by_file.get(file_src_uri)

    @functools.cached_property
    def _by_file(self) -> dict[str, Node]:
        return {localised(node.src_uri, self.language): node for node in self.nodes}

    def children(self, node_id: str | None) -> list[Node]:
        kids = [n for n in self.nodes if n.parent == node_id]
        return sorted(kids, key=lambda n: n.order)

    def roots(self) -> list[Node]:
        """Axes in order, then the transversal axis."""
        return sorted(self.children(None), key=lambda n: (n.kind == "transversal", n.order))

    def of_kind(self, kind: str) -> list[Node]:
        return [n for n in self.walk() if n.kind == kind]

    def walk(self, node_id: str | None = None) -> Iterable[Node]:
        """Depth-first, in the poster's order."""
        for child in (self.children(node_id) if node_id else self.roots()):
            yield child
            yield from self.walk(child.id)

    def ancestors(self, node_id: str) -> list[Node]:
        """From the axis down to the node itself."""
        chain = []
        node: Node | None = self.get(node_id)
        while node is not None:
            chain.append(node)
            node = self.get(node.parent) if node.parent else None
        return chain[::-1]

    def siblings(self, node_id: str) -> list[Node]:
        node = self.get(node_id)
        return [n for n in self.children(node.parent) if n.id != node_id] if node.parent else []


# ---------------------------------------------------------------------------- loading


def build(pages: Pages, directory_urls: bool = True) -> dict[str, PolicyTree]:
    """Turn policy pages (those with a policy `kind`) into one validated tree per language, its
    pages at the addresses of the build's URL layout (`directory_urls`)."""
    return _build_policy(pages, directory_urls)


def _build_policy(pages: Pages, directory_urls: bool) -> dict[str, PolicyTree]:
    structure: dict[str, dict[str, Any]] = {}
    where: dict[str, str] = {}
    for src_uri, by_language in pages.items():
        spanish = by_language[DEFAULT_LANGUAGE]
        english = by_language["en"]
        if spanish.get("kind") not in KINDS:
            continue
        fields = _validate_policy_fields(src_uri, spanish)
        node_id = fields["id"]
        if node_id in structure:
            raise ContentError(shown(src_uri, DEFAULT_LANGUAGE), "id",
                               f"the id '{node_id}' is already used by {shown(where[node_id], DEFAULT_LANGUAGE)}",
                               "give each page its own id")
        structure[node_id] = fields
        where[node_id] = src_uri
        check_translation(src_uri, english, _STRUCTURAL_FIELDS, _TRANSLATED_REQUIRED, _FIELD_HELP, node_id)

    for node_id, fields in structure.items():
        _validate_links(where[node_id], fields, structure)
    _validate_sibling_order(structure, where)
    _validate_pinpoints(structure, where)

    trees = {}
    for language in LANGUAGES:
        nodes = []
        for node_id, fields in structure.items():
            words = pages[where[node_id]][language]
            nodes.append(Node(
                id=node_id,
                kind=fields["kind"],
                parent=fields.get("parent"),
                order=fields["order"],
                title=str(words["title"]),
                label=str(words["label"]),
                summary=str(words.get("summary", "")),
                related=tuple(fields.get("related") or ()),
                src_uri=where[node_id],
                language=language,
                number=fields["pinpoint"],
                directory_urls=directory_urls,
            ))
        trees[language] = PolicyTree(language=language, nodes=tuple(nodes))
    return trees


def _validate_policy_fields(src_uri: str, data: dict[str, Any]) -> dict[str, Any]:
    where_file = shown(src_uri, DEFAULT_LANGUAGE)
    require_fields(where_file, data, _POLICY_REQUIRED, _FIELD_HELP)
    require_id(where_file, data["id"], "cultura-rechazo")
    if not isinstance(data["order"], int) or isinstance(data["order"], bool) or data["order"] < 1:
        raise ContentError(where_file, "order", f"'{data['order']}' is not a whole number from 1 up",
                           "give the page's position among its siblings: 1, 2, 3...")
    if not isinstance(data["pinpoint"], int) or isinstance(data["pinpoint"], bool) or data["pinpoint"] < 1:
        raise ContentError(where_file, "pinpoint", f"'{data['pinpoint']}' is not a whole number from 1 up",
                           f"give the number of its identifier ('pinpoint: 14' makes {PINPOINT_PREFIX.get(data['kind'], 'LE')} 14)")
    for field in ("title", "label", "summary"):
        if field in data and not isinstance(data[field], str):
            raise ContentError(where_file, field, "this field must be text", f"write '{field}:' as one line of text")
    wants_parent = PARENT_KIND[data["kind"]] is not None
    if wants_parent and not data.get("parent"):
        raise ContentError(where_file, "parent", "this required field is missing",
                           f"add 'parent:' with the id of the {_kind_name(PARENT_KIND[data['kind']])} it belongs to")
    if not wants_parent and data.get("parent"):
        raise ContentError(where_file, "parent", f"{with_article(_kind_name(data['kind']))} has no parent",
                           "remove the 'parent:' line")
    related = data.get("related", [])
    if not isinstance(related, list) or not all(isinstance(r, str) for r in related):
        raise ContentError(where_file, "related", "this field must be a list of page ids",
                           "write it as 'related: [id-one, id-two]'")
    return data


def _validate_links(src_uri: str, fields: dict[str, Any], structure: dict[str, dict[str, Any]]) -> None:
    where_file = shown(src_uri, DEFAULT_LANGUAGE)
    parent = fields.get("parent")
    expected_kind = PARENT_KIND[fields["kind"]]
    if parent is not None:
        if parent not in structure:
            raise ContentError(where_file, "parent", f"no page has the id '{parent}'",
                               f"use the id of an existing {_kind_name(expected_kind)}: "
                               + ", ".join(sorted(i for i, f in structure.items() if f["kind"] == expected_kind)))
        actual_kind = structure[parent]["kind"]
        if actual_kind != expected_kind:
            raise ContentError(where_file, "parent",
                               f"{with_article(_kind_name(fields['kind']))} cannot sit directly under "
                               f"the {_kind_name(actual_kind)} '{parent}'",
                               f"give the id of {with_article(_kind_name(expected_kind))} as parent")
    for other in fields.get("related") or ():
        if other not in structure:
            raise ContentError(where_file, "related", f"no page has the id '{other}'",
                               "use ids of existing policy pages, or remove the entry")
        if other == fields["id"]:
            raise ContentError(where_file, "related", "a page cannot be related to itself", "remove its own id")


def _validate_sibling_order(structure: dict[str, dict[str, Any]], where: dict[str, str]) -> None:
    seen: dict[tuple[Any, Any, int], str] = {}
    for node_id, fields in structure.items():
        key = (fields.get("parent"), fields["kind"] == "transversal", fields["order"])
        if key in seen:
            raise ContentError(shown(where[node_id], DEFAULT_LANGUAGE), "order",
                               f"'{fields['order']}' is also the order of its sibling '{seen[key]}'",
                               "give siblings different orders: 1, 2, 3...")
        seen[key] = node_id


# Pinpoints are the site's own identifiers ("LE 14"), cited by officials: they must not move when
# the reconstruction is corrected. So each is a number written once in the page's front matter
# (`pinpoint:`), not a position computed from the tree: moving a guideline to another parent keeps
# its pinpoint. Unique per kind; a number once published is never given to another page.
def _validate_pinpoints(structure: dict[str, dict[str, Any]], where: dict[str, str]) -> None:
    seen: dict[tuple[str, int], str] = {}
    for node_id, fields in structure.items():
        key = (fields["kind"], fields["pinpoint"])
        if key in seen:
            taken = [f["pinpoint"] for f in structure.values() if f["kind"] == fields["kind"]]
            raise ContentError(shown(where[node_id], DEFAULT_LANGUAGE), "pinpoint",
                               f"'{PINPOINT_PREFIX[fields['kind']]} {fields['pinpoint']}' is also the pinpoint of "
                               f"'{seen[key]}' ({shown(where[seen[key]], DEFAULT_LANGUAGE)})",
                               f"give it a number no other {_kind_name(fields['kind'])} has (the next free one is "
                               f"{max(taken) + 1}), and never change a pinpoint once published")
        seen[key] = node_id


# ---------------------------------------------------------------------------- data

# The prefix of each kind's pinpoint: the same in every language, so that "LE 14" cited in English
# finds the Spanish page and the open data. Eje, componente, lineamiento general, lineamiento
# específico, eje transversal.
PINPOINT_PREFIX = {
    "axis": "EJE",
    "component": "C",
    "general": "LG",
    "specific": "LE",
    "transversal": "ET",
}

def _kind_name(kind: str) -> str:
    """What a kind is called in the build's messages (English): the catalogue's word, as the
    English pages and diagram say it."""
    return catalogue.words("en", "kinds")[kind][0]

_FIELD_HELP = {
    "id": "a unique lowercase id such as 'cultura-rechazo'",
    "kind": "one of " + ", ".join(KINDS),
    "order": "its position among its siblings: 1, 2, 3...",
    "pinpoint": "the number of this site's identifier of the page, such as 14 for 'LE 14': the next free number of its kind, never changed once published",
    "title": "the full title",
    "label": "a short label of a few words for the diagram",
}
