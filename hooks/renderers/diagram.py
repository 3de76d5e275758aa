"""The policy diagram: axes, components and guidelines as linked boxes, the transversal axis across them.

Pure functions: a `PolicyTree` (and the URL of the page that shows the result) in, an HTML or
SVG string out. Every label is escaped; the same input gives the same bytes. Links are relative
to the page, because MkDocs does not rewrite links inside raw HTML.

Three layouts, in CSS pixels at 1:1 (labels are 13 px):
- wide: one column per axis; the transversal axis is a band that crosses the axes' spines;
- narrow: the axes stacked in one column, the transversal band running down their left side;
- column: one vertical tree (an axis with its subtree, or the "you are here" branch).
The full diagram carries the wide and the narrow layout; diagram.css shows the one that fits its
width. The inline SVGs take their colours from diagram.css (light, dark, print); the standalone
SVG carries its own black-on-white paint, so it works on a slide without any stylesheet.
"""

from __future__ import annotations

import dataclasses
from html import escape
from typing import Iterable, Iterator

from mkdocs.utils import get_relative_url

from content_model import catalogue
from content_model.policy import Node, PolicyTree


def render_full(tree: PolicyTree, page_url: str, download_url: str, current_id: str | None = None,
                note: str = "") -> str:
    """The whole policy: both layouts in a figure, the download link, then the same tree as a list.

    `note` (in every render_* function) is the reconstruction caveat the caption carries.
    """
    words = catalogue.words(tree.language, "diagram")
    svgs = (_svg(_wide(tree, current_id), "diagram-full-wide", _full_title(tree), _full_desc(tree), page_url)
            + _svg(_narrow(tree, current_id), "diagram-full-narrow", _full_title(tree), _full_desc(tree), page_url))
    download = (f'<p class="diagram__download"><a href="{escape(download_url)}" download type="image/svg+xml">'
                f'{escape(words["download"])}</a></p>')
    figure = _figure("full", words["caption_full"], _legend(tree, tree.nodes), svgs + download, note)
    return figure + "\n\n" + render_list(tree, _forest(tree), page_url, current_id)


def render_axis(tree: PolicyTree, axis_id: str, page_url: str, note: str = "") -> str:
    """One axis with its components and guidelines, the axis marked as the current page."""
    axis = tree.get(axis_id)
    words = catalogue.words(tree.language, "diagram")
    entries = list(_subtree(tree, axis, 0))
    title = words["title_axis"].format(label=axis.label)
    desc = words["desc_axis"].format(counts=_counts(tree.language, [n for n, _ in entries[1:]]))
    svg = _svg(_column(entries, axis_id), "diagram-axis", title, desc, page_url)
    figure = _figure("axis", words["caption_axis"].format(label=axis.label),
                     _legend(tree, [n for n, _ in entries]), svg, note)
    return figure + "\n\n" + render_list(tree, entries, page_url, axis_id)


def render_branch(tree: PolicyTree, node_id: str, page_url: str, note: str = "") -> str:
    """A compact "you are here": the node's ancestors, the node among its siblings, and its children."""
    node = tree.get(node_id)
    words = catalogue.words(tree.language, "diagram")
    entries = list(_branch(tree, node))
    path = words["path_sep"].join(n.label for n in tree.ancestors(node_id))
    desc = words["desc_branch"].format(path=path, here=words["here"])
    siblings, children = tree.siblings(node_id), tree.children(node_id)
    if siblings:
        desc += " " + words["desc_siblings"].format(labels=_join(tree.language, [n.label for n in siblings]))
    if children:
        desc += " " + words["desc_children"].format(labels=_join(tree.language, [n.label for n in children]))
    svg = _svg(_column(entries, node_id), "diagram-branch", words["title_branch"].format(label=node.label), desc, page_url)
    figure = _figure("branch", words["caption_branch"], "", svg, note)
    return figure + "\n\n" + render_list(tree, entries, page_url, node_id)


def render_list(tree: PolicyTree, entries: Iterable[tuple[Node, int]], page_url: str, current_id: str | None) -> str:
    """The fallback: the same (node, depth) entries as nested lists of links, in a collapsed <details>."""
    words = catalogue.words(tree.language, "diagram")
    parts, previous = [], -1
    for node, depth in entries:
        parts.append("<ul>" * (depth - previous) if depth > previous else "</li>" + "</ul></li>" * (previous - depth))
        parts.append(f"<li>{_list_item(node, page_url, node.id == current_id, words)}")
        previous = depth
    parts.append("</li>" + "</ul></li>" * previous + "</ul>" if previous >= 0 else "")
    return (f'<details class="diagram-list"><summary>{escape(words["as_list"])}</summary>'
            f'{"".join(parts)}</details>')


def render_standalone(tree: PolicyTree, icon: str | None = None) -> str:
    """The downloadable SVG: the wide layout in black on white, with a heading and a note, no links.
    `icon`: the site's icon, relative to the file: opened on its own in a browser, a document that
    names no icon makes the browser ask the server's root for /favicon.ico (an XHTML <link> names it)."""
    words = catalogue.words(tree.language, "diagram")
    layout = _wide(tree, None)
    heading = _wrap(words["heading"], _chars(layout.width, _HEADING_SIZE, bold=True))
    note = _wrap(words["note"], _chars(layout.width, _NOTE_SIZE))
    top = _MARGIN + len(heading) * _HEADING_LINE + _MARGIN // 2
    bottom = top + layout.height + _MARGIN
    width = layout.width + 2 * _MARGIN
    height = bottom + len(note) * _NOTE_LINE + _MARGIN // 2
    heading_svg = "".join(f'<text x="{_MARGIN}" y="{_MARGIN + (i + 1) * _HEADING_LINE - 6}">{escape(line)}</text>'
                          for i, line in enumerate(heading))
    note_svg = "".join(f'<text x="{_MARGIN}" y="{bottom + (i + 1) * _NOTE_LINE - 4}">{escape(line)}</text>'
                       for i, line in enumerate(note))
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" xml:lang="{tree.language}" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-labelledby="title" aria-describedby="desc" '
        f'font-family="{_PRINT_FONT}" font-size="{_FONT}" fill="#000000">'
        f'<title id="title">{escape(_full_title(tree))}</title><desc id="desc">{escape(_full_desc(tree))}</desc>'
        + (f'<link xmlns="http://www.w3.org/1999/xhtml" rel="icon" href="{escape(icon)}" type="image/svg+xml"/>' if icon else "")
        + f'<rect width="{width}" height="{height}" fill="#ffffff"/>'
        f'<g font-size="{_HEADING_SIZE}" font-weight="700">{heading_svg}</g>'
        f'<g transform="translate({_MARGIN} {top})">{_drawing(layout, None)}</g>'
        f'<g font-size="{_NOTE_SIZE}">{note_svg}</g>'
        "</svg>\n"
    )


# ---------------------------------------------------------------------------- layout


@dataclasses.dataclass(frozen=True)
class _Box:
    """One node's place: a box with its label's lines (a band when the node is transversal)."""

    node: Node
    x: int
    y: int
    width: int
    height: int
    lines: tuple[str, ...]
    current: bool
    depth: int = 0
    vertical: bool = False


@dataclasses.dataclass(frozen=True)
class _Layout:
    """Boxes in tree order (the keyboard's order), the connectors' path data, the drawing's size."""

    name: str
    width: int
    height: int
    boxes: tuple[_Box, ...]
    connectors: str


# The wide layout: a column per axis; the transversal bands cross all the columns under the axis boxes.
def _wide(tree: PolicyTree, current_id: str | None) -> _Layout:
    axes, transversals = _axes(tree), _transversals(tree)
    width = len(axes) * _COLUMN + (len(axes) - 1) * _COLUMN_GAP
    heads = [_box(axis, i * (_COLUMN + _COLUMN_GAP), 0, _COLUMN, 0, current_id) for i, axis in enumerate(axes)]
    y = max((head.height for head in heads), default=0) + _BAND_GAP
    bands = []
    for node in transversals:
        band = _band(node, 0, y, width, current_id)
        bands.append(band)
        y += band.height + _BAND_GAP
    boxes = []
    for head in heads:
        boxes += [head, *_stack(list(_subtree(tree, head.node, 0))[1:], head.x, y, _COLUMN, current_id)]
    height = max([b.y + b.height for b in boxes + bands], default=0)
    return _Layout("wide", width, height, tuple(boxes + bands), _connectors(boxes))


# The narrow layout: the axes one under the other, the transversal bands running down their left side.
def _narrow(tree: PolicyTree, current_id: str | None) -> _Layout:
    axes, transversals = _axes(tree), _transversals(tree)
    bands = [_band(node, 0, 0, _BAND_LENGTH, current_id, vertical=True) for node in transversals]
    x = sum(band.width for band in bands) + (_BAND_GAP if bands else 0)
    boxes, y = [], 0
    for axis in axes:
        column = _stack(list(_subtree(tree, axis, 0)), x, y, _NARROW - x, current_id)
        boxes += column
        y = column[-1].y + column[-1].height + _AXIS_GAP
    height = max(y - _AXIS_GAP, 0)
    placed, left = [], 0
    for band in bands:
        placed.append(dataclasses.replace(band, x=left, height=height))
        left += band.width
    stubs = "".join(f"M{left} {_mid(box)}H{box.x}" for box in boxes if box.depth == 0) if bands else ""
    return _Layout("narrow", _NARROW, height, tuple(boxes + placed), _connectors(boxes) + stubs)


# One vertical tree of (node, depth) entries, as wide as the narrow layout.
def _column(entries: list[tuple[Node, int]], current_id: str | None) -> _Layout:
    boxes = _stack(entries, 0, 0, _NARROW, current_id)
    height = boxes[-1].y + boxes[-1].height if boxes else 0
    return _Layout("column", _NARROW, height, tuple(boxes), _connectors(boxes))


# Boxes for (node, depth) entries from top to bottom, each indented by its depth.
def _stack(entries: list[tuple[Node, int]], x: int, y: int, width: int, current_id: str | None) -> list[_Box]:
    boxes = []
    for node, depth in entries:
        box = _box(node, x + depth * _INDENT, y, width - depth * _INDENT, depth, current_id)
        boxes.append(box)
        y += box.height + _GAP
    return boxes


# A node's box: its label wrapped to the box's width, one more line when it is the current page.
def _box(node: Node, x: int, y: int, width: int, depth: int, current_id: str | None) -> _Box:
    lines = _wrap(node.label, _chars(width, _FONT, bold=node.kind in _BOLD))
    current = node.id == current_id
    height = 2 * _PAD_Y + _LINE * (len(lines) + current)
    return _Box(node, x, y, width, height, lines, current, depth)


# A transversal axis's band, "Kind: label (across every axis)", as long as `length`.
def _band(node: Node, x: int, y: int, length: int, current_id: str | None, vertical: bool = False) -> _Box:
    words = catalogue.words(node.language, "diagram")
    text = words["band"].format(kind=catalogue.words(node.language, "kinds")["transversal"][0].capitalize(), label=node.label)
    lines = _wrap(text, _chars(length, _FONT, bold=node.kind in _BOLD))
    current = node.id == current_id
    thickness = 2 * _PAD_Y + _LINE * (len(lines) + current)
    if vertical:
        return _Box(node, x, y, thickness, length, lines, current, vertical=True)
    return _Box(node, x, y, length, thickness, lines, current)


# The connectors: from each parent's spine (under its box's left side) to the left edge of each child.
def _connectors(boxes: list[_Box]) -> str:
    path, open_boxes, spine_end = [], [], {}
    for box in boxes:
        del open_boxes[box.depth:]
        if open_boxes:
            parent = open_boxes[-1]
            top = spine_end.get(parent, parent.y + parent.height)
            path.append(f"M{parent.x + _INDENT // 2} {top}V{_mid(box)}H{box.x}")
            spine_end[parent] = _mid(box)
        open_boxes.append(box)
    return "".join(path)


# The height of a box's first line's middle, where its connector arrives.
def _mid(box: _Box) -> int:
    return box.y + _PAD_Y + _LINE // 2


# The axes, in order.
def _axes(tree: PolicyTree) -> list[Node]:
    return [node for node in tree.roots() if node.kind != "transversal"]


# The transversal axes (roots too, but drawn as bands across the axes).
def _transversals(tree: PolicyTree) -> list[Node]:
    return [node for node in tree.roots() if node.kind == "transversal"]


# Every node with its depth, in the poster's order: the axes' subtrees, then the transversal axes.
def _forest(tree: PolicyTree) -> Iterator[tuple[Node, int]]:
    for root in tree.roots():
        yield from _subtree(tree, root, 0)


# A node and everything under it, with depths counted from `depth`.
def _subtree(tree: PolicyTree, node: Node, depth: int) -> Iterator[tuple[Node, int]]:
    yield node, depth
    for child in tree.children(node.id):
        yield from _subtree(tree, child, depth + 1)


# The branch of a node: its ancestors, then it among its siblings with its children under it.
def _branch(tree: PolicyTree, node: Node) -> Iterator[tuple[Node, int]]:
    above = tree.ancestors(node.id)[:-1]
    yield from ((ancestor, depth) for depth, ancestor in enumerate(above))
    level = len(above)
    for sibling in tree.children(node.parent) if node.parent else [node]:
        yield sibling, level
        if sibling.id == node.id:
            yield from ((child, level + 1) for child in tree.children(node.id))


# A label cut into lines of at most `chars` characters, at spaces (a longer word keeps its own line).
def _wrap(text: str, chars: int) -> tuple[str, ...]:
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= chars:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return tuple(lines) or ("",)


# How many characters fit on one line of a box this wide (a generous estimate of the glyphs' width).
def _chars(width: int, size: int, bold: bool = False) -> int:
    return int((width - 2 * _PAD_X) / (size * (_BOLD_EM if bold else _CHAR_EM)))


# ---------------------------------------------------------------------------- drawing


# An inline SVG of one layout, named by its <title> and described by its <desc>.
def _svg(layout: _Layout, ident: str, title: str, desc: str, page_url: str) -> str:
    width, height = layout.width + 2 * _EDGE, layout.height + 2 * _EDGE
    return (f'<svg class="diagram__svg diagram__svg--{layout.name}" viewBox="-{_EDGE} -{_EDGE} {width} {height}" '
            f'width="{width}" height="{height}" font-size="{_FONT}" role="group" '
            f'aria-labelledby="{ident}-title" aria-describedby="{ident}-desc" xmlns="http://www.w3.org/2000/svg">'
            f'<title id="{ident}-title">{escape(title)}</title><desc id="{ident}-desc">{escape(desc)}</desc>'
            f"{_drawing(layout, page_url)}</svg>")


# The connectors, then every box: links with CSS classes inline, painted groups in the standalone file.
def _drawing(layout: _Layout, page_url: str | None) -> str:
    lines = ""
    if layout.connectors and page_url is None:
        lines = f'<path d="{layout.connectors}" fill="none" stroke="#000000" stroke-width="1.5"/>'
    elif layout.connectors:
        lines = f'<path class="diagram__lines" d="{layout.connectors}"/>'
    return lines + "".join(_node(box, page_url) for box in layout.boxes)


# One box: a link to the node's page (inline), or a plain group painted black on white (standalone).
def _node(box: _Box, page_url: str | None) -> str:
    words = catalogue.words(box.node.language, "diagram")
    rect = f'<rect x="{box.x}" y="{box.y}" width="{box.width}" height="{box.height}" rx="4"'
    text = _text(box, words["here"])
    if page_url is None:
        fill, stroke, dash = _PRINT_PAINT[box.node.kind]
        weight = ' font-weight="700"' if box.node.kind in _BOLD else ""
        return (f'<g>{rect} fill="{fill}" stroke="{stroke}" stroke-width="{3 if box.current else 1.5}"'
                f'{dash}/><g{weight}>{text}</g></g>')
    classes = f"diagram__node diagram__node--{box.node.kind}" + " diagram__node--current" * box.current
    current = ' aria-current="page"' * box.current
    href = escape(get_relative_url(box.node.url, page_url))
    return f'<a href="{href}" class="{classes}"{current}>{rect}/>{text}</a>'


# A box's label, line by line; a band's label centred (turned to read upwards when the band is vertical).
def _text(box: _Box, here: str) -> str:
    centred = box.node.kind == "transversal"
    if box.vertical:
        cx, cy = box.x + box.width // 2, box.y + box.height // 2
        x, y = cx, cy - box.width // 2 + _PAD_Y + _ASCENT
        place = f' transform="rotate(-90 {cx} {cy})" text-anchor="middle"'
    elif centred:
        x, y = box.x + box.width // 2, box.y + _PAD_Y + _ASCENT
        place = ' text-anchor="middle"'
    else:
        x, y = box.x + _PAD_X, box.y + _PAD_Y + _ASCENT
        place = ""
    lines = [escape(line) for line in box.lines]
    if box.current:
        lines.append(f'<tspan class="diagram__here" font-weight="700"><tspan aria-hidden="true">{_HERE_MARK} </tspan>'
                     f"{escape(here)}</tspan>")
    rest = "".join(f'<tspan x="{x}" dy="{_LINE}">{line}</tspan>' for line in lines[1:])
    return f'<text x="{x}" y="{y}"{place}>{lines[0]}{rest}</text>'


# The figure around the SVGs: a caption (with the reconstruction caveat), an optional legend, the drawing.
def _figure(view: str, caption: str, legend: str, body: str, note: str = "") -> str:
    caveat = f' <span class="diagram__note reconstruction-note">{escape(note)}</span>' if note else ""
    return (f'<figure class="diagram diagram--{view}"><figcaption class="diagram__caption">{escape(caption)}{caveat}'
            f"</figcaption>{legend}{body}</figure>")


# The legend: one swatch and name for each kind of node the drawing shows, in the tree's order of kinds.
def _legend(tree: PolicyTree, nodes: Iterable[Node]) -> str:
    shown = {node.kind for node in nodes}
    kinds = catalogue.words(tree.language, "kinds")
    items = "".join(f'<li><span class="diagram__key diagram__node--{kind}" aria-hidden="true"></span>'
                    f"{escape(kinds[kind][0])}</li>" for kind in _KIND_ORDER if kind in shown)
    return f'<ul class="diagram__legend">{items}</ul>'


# One entry of the fallback list: the link, its kind, and "you are here" on the current page.
def _list_item(node: Node, page_url: str, current: bool, words: dict) -> str:
    href = escape(get_relative_url(node.url, page_url))
    link = f'<a href="{href}"' + ' aria-current="page"' * current + f">{escape(node.label)}</a>"
    kind = f' <span class="diagram-list__kind">({escape(catalogue.words(node.language, "kinds")[node.kind][0])})</span>'
    here = f' <strong class="diagram-list__here">{escape(words["here_list"])}</strong>' if current else ""
    return link + kind + here


# ---------------------------------------------------------------------------- words


# The full diagram's title, the same inline and in the standalone file.
def _full_title(tree: PolicyTree) -> str:
    return catalogue.words(tree.language, "diagram")["title_full"]


# What the full diagram shows, in one or two sentences (counted from the tree).
def _full_desc(tree: PolicyTree) -> str:
    words = catalogue.words(tree.language, "diagram")
    axes = _axes(tree)
    desc = words["desc_full"].format(labels=_join(tree.language, [axis.label for axis in axes]),
                                     counts=_counts(tree.language, tree.nodes))
    for node in _transversals(tree):
        desc += " " + words["desc_transversal"].format(label=node.label)
    return desc + " " + words["desc_reconstruction"]


# "3 ejes, 5 componentes, 7 lineamientos generales y 23 lineamientos específicos".
def _counts(language: str, nodes: Iterable[Node]) -> str:
    kinds = catalogue.words(language, "kinds")
    found = [node.kind for node in nodes if node.kind != "transversal"]
    parts = [f"{found.count(kind)} {kinds[kind][found.count(kind) != 1]}"
             for kind in _KIND_ORDER if kind in found]
    return _join(language, parts)


# "a, b y c" / "a, b and c".
def _join(language: str, items: list[str]) -> str:
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + catalogue.words(language, "diagram")["and"] + items[-1]


# ---------------------------------------------------------------------------- data

_FONT = 13            # label size; diagram.css keeps 12 px as the smallest rendered size
_LINE = 16            # line height
_ASCENT = 12          # from a line's top to its baseline
_PAD_X = 8
_PAD_Y = 5
_GAP = 6              # between boxes of a column
_INDENT = 12          # per level of depth; the parent's spine runs at half of it
_CHAR_EM = 0.6        # a wide sans-serif's average glyph, so that labels never overflow
_BOLD_EM = 0.66
_COLUMN = 216         # wide layout: 3 columns and 2 gaps make 680, the page's width on a laptop
_COLUMN_GAP = 16
_BAND_GAP = 10        # around a transversal band
_AXIS_GAP = 18        # between axes in the narrow layout
_NARROW = 320         # narrow layout and columns: with its edges, fits a 360 px phone at 1:1
_EDGE = 3             # room around a drawing for the thickest border (focus, current page)
_BAND_LENGTH = 1000   # what a vertical band's label may use before it wraps
_BOLD = {"axis", "component", "transversal"}
_KIND_ORDER = ("axis", "component", "general", "specific", "transversal")
_HERE_MARK = "\u25ba"  # ►

# Standalone file: heading, note, margins, and black-on-white paint: kind -> (fill, stroke, dash).
_MARGIN = 24
_HEADING_SIZE = 18
_HEADING_LINE = 24
_NOTE_SIZE = 12
_NOTE_LINE = 16
_PRINT_FONT = "Arial, Helvetica, 'Liberation Sans', 'DejaVu Sans', sans-serif"
_PRINT_PAINT = {
    "axis": ("#d9d9d9", "#000000", ""),
    "component": ("#ebebeb", "#000000", ""),
    "general": ("#f5f5f5", "#000000", ""),
    "specific": ("#ffffff", "#000000", ""),
    "transversal": ("#ffffff", "#000000", ' stroke-dasharray="6 3"'),
}
