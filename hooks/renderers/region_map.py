"""The region index: a tile-grid map of Peru's 25 regional governments, the table of the ten, the districts.

Pure functions: a `RegionSet` (and the URL of the page that shows the result) in, an HTML
string out. Every label is escaped; the same input gives the same bytes. Links are relative
to the page, because MkDocs does not rewrite links inside raw HTML.
"""

from __future__ import annotations

from html import escape
from urllib.parse import urlsplit

from mkdocs.utils import get_relative_url

from content_model import catalogue, sources
from content_model.regions import Department, District, Region, RegionSet
from renderers.numbers import integer, percent


def render_index(regions: RegionSet, page_url: str) -> str:
    """Everything the region index shows: the map with its legend, the table, the districts, source and caveat."""
    return "\n\n".join([
        render_map(regions, page_url),
        render_table(regions, page_url),
        render_districts(regions, regions.districts, open_=False),
        render_source(regions),
    ])


def render_map(regions: RegionSet, page_url: str) -> str:
    """A figure: one SVG tile per regional government, shaded by its figure; the focus regions linked."""
    words = catalogue.words(regions.language, "region_map")
    cols = 1 + max(d.col for d in regions.departments)
    rows = 1 + max(d.row for d in regions.departments)
    width, height = cols * _STEP - _GAP + 2 * _PAD, rows * _STEP - _GAP + 2 * _PAD
    tiles = [_tile(d, regions, page_url) for d in regions.departments]
    svg = (
        f'<svg class="rg-map__svg" viewBox="{-_PAD} {-_PAD} {width} {height}" width="{width}" height="{height}" '
        f'role="group" aria-labelledby="rg-map-title" aria-describedby="rg-map-desc" '
        f'xmlns="http://www.w3.org/2000/svg">'
        f'<title id="rg-map-title">{escape(words["map_title"])}</title>'
        f'<desc id="rg-map-desc">{escape(words["map_desc"].format(count=len(regions.regions)))}</desc>'
        + "".join(tiles) + "</svg>"
    )
    return (f'<figure class="rg-map">{svg}'
            f'<figcaption class="rg-map__caption">{_legend(regions)}'
            f'<p>{escape(words["map_note"])}</p><p class="rg-caveat">{escape(words["caveat"])}</p>'
            f'</figcaption></figure>')


def render_table(regions: RegionSet, page_url: str) -> str:
    """The ten regions in rank order; every column sortable by table-sort.js, readable without it."""
    words = catalogue.words(regions.language, "region_map")
    language = regions.language
    head = "".join(
        f'<th scope="col" data-sort-type="{kind}"'
        + (' aria-sort="ascending"' if i == 0 else "")
        + f">{_header(words[key])}</th>"
        for i, (key, kind) in enumerate(_COLUMNS)
    )
    body = "".join(
        "<tr>"
        f'<td data-sort-value="{region.rank}">{region.rank}</td>'
        f'<th scope="row"><a href="{escape(_href(region.url, page_url))}">{escape(region.label)}</a></th>'
        f'<td data-sort-value="{region.complaints_2007_2014}">{integer(region.complaints_2007_2014, language)}</td>'
        f'<td data-sort-value="{regions.share(region)!r}">{percent(regions.share(region), language)}</td>'
        f'<td data-sort-value="{region.complaints_2009_2014}">{integer(region.complaints_2009_2014, language)}</td>'
        "</tr>"
        for region in regions.regions
    )
    caption = escape(words["table_caption"].format(total=integer(regions.total_2007_2014, language)))
    return (f'<div class="rg-table-wrap"><table class="rg-table" data-sortable><caption>{caption}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>")


def render_districts(regions: RegionSet, districts: tuple[District, ...], open_: bool = True) -> str:
    """The 2007-2014 complaints by prosecution district, as the source lists them, with their department.

    On a region page (`open_`), the districts of its department, shown; on the index, all of them
    inside a disclosure, since the map and the table already give the departments' sums.
    """
    words = catalogue.words(regions.language, "region_map")
    language = regions.language
    names = {d.code: d.name for d in regions.departments}
    body = "".join(
        f'<tr><th scope="row">{escape(d.name)}</th><td>{escape(names[d.department])}</td>'
        f'<td>{integer(d.complaints_2007_2014, language)}</td></tr>'
        for d in districts
    )
    total = sum(d.complaints_2007_2014 for d in districts)
    foot = (f'<tfoot><tr><th scope="row">{escape(words["districts_sum"])}</th><td></td>'
            f"<td>{integer(total, language)}</td></tr></tfoot>")
    table = (f'<div class="rg-table-wrap"><table class="rg-districts">'
             f'<caption>{escape(words["districts_caption"])}</caption>'
             f'<thead><tr><th scope="col">{escape(words["col_district"])}</th>'
             f'<th scope="col">{escape(words["col_department"])}</th>'
             f'<th scope="col">{escape(words["col_2007_full"])}</th></tr></thead>'
             f"<tbody>{body}</tbody>{foot}</table></div>")
    if open_:
        return table
    return (f'<details class="rg-districts-all"><summary>{escape(words["districts_summary"].format(count=len(districts)))}'
            f"</summary>{table}</details>")


def render_source(regions: RegionSet) -> str:
    """The source line of the figures and the caveat on what they count."""
    words = catalogue.words(regions.language, "region_map")
    links = ", ".join(f'<a href="{escape(url)}">{escape(_publisher(url, regions.language))}</a> ({period})'
                      for period, url in regions.sources())
    total = integer(regions.total_2007_2014, regions.language)
    return (f'<p class="rg-source">{escape(words["source"].format(total=total))} {links}.</p>'
            f'<p class="rg-caveat">{escape(words["caveat"])} {escape(words["later_note"])}</p>')


def render_figures(regions: RegionSet, region: Region, page_url: str) -> str:
    """The figures box of one region page, from its front matter, with the caveat (and its districts, if several)."""
    words = catalogue.words(regions.language, "region_map")
    language = regions.language
    text = words["figures"].format(
        count=integer(region.complaints_2007_2014, language),
        share=percent(regions.share(region), language),
        rank=region.rank,
        of=len(regions.regions),
        later=integer(region.complaints_2009_2014, language),
        district=region.label,
    )
    split = ""
    if region.split:
        split = (f"<p>{escape(words['figures_split'].format(name=region.label, count=len(region.districts)))}</p>"
                 + render_districts(regions, region.districts))
    index = escape(_href(regions.index_url, page_url))
    return (f'<div class="admonition info rg-figures"><p class="admonition-title">{escape(words["figures_title"])}</p>'
            f"<p>{escape(text)}</p>{split}<p>{escape(words['caveat'])}</p>"
            f'<p><a href="{index}">{escape(words["figures_link"])}</a></p></div>')


def render_caveat(language: str) -> str:
    """The caveat sentence alone, for any page that quotes the figures."""
    return f'<p class="rg-caveat">{escape(catalogue.words(language, "region_map")["caveat"])}</p>'


# ---------------------------------------------------------------------------- helpers


# One tile, shaded by its department's figure, with the figure written on it: a link for a
# focus region, a labelled image for the others.
def _tile(department: Department, regions: RegionSet, page_url: str) -> str:
    x, y = department.col * _STEP, department.row * _STEP
    cx = x + _TILE // 2
    region = regions.by_code(department.code)
    words = catalogue.words(regions.language, "region_map")
    figure = regions.figure(department.code)
    level, fill, ink = _level(figure)
    count = integer(figure, regions.language)
    bold = ' font-weight="700"' if region else ""
    drawing = (f'<rect x="{x}" y="{y}" width="{_TILE}" height="{_TILE}" rx="6" fill="{fill}" '
               f'stroke="{_FOCUS_LINE if region else _OTHER_LINE}" stroke-width="{3 if region else 1}"/>'
               f'<text x="{cx}" y="{y + 26}" text-anchor="middle" font-size="17" fill="{ink}"'
               f'{bold}>{escape(department.abbr)}</text>'
               f'<text class="rg-tile__count" x="{cx}" y="{y + 49}" text-anchor="middle" font-size="19" '
               f'font-weight="{700 if region else 400}" fill="{ink}">{count}</text>')
    if region is None:
        name = words["tile_other"].format(name=department.name, count=count)
        return (f'<g class="rg-tile rg-tile--{level} rg-tile--other" role="img" aria-label="{escape(name)}" '
                f'data-figure="{figure}">{drawing}<title>{escape(name)}</title></g>')
    name = words["tile_name"].format(name=region.label, count=count, rank=region.rank)
    return (f'<a class="rg-tile rg-tile--{level} rg-tile--focus" href="{escape(_href(region.url, page_url))}" '
            f'aria-label="{escape(name)}" data-figure="{figure}">{drawing}<title>{escape(name)}</title></a>')


# The legend below the map: one entry per shading level, and one for the focus regions' border.
def _legend(regions: RegionSet) -> str:
    words = catalogue.words(regions.language, "region_map")
    items = []
    upper = None
    for threshold, level, fill, _ink in _LEVELS:
        if upper is None:
            text = words["level_from"].format(low=threshold)
        elif threshold == 0:
            text = words["level_below"].format(high=upper)
        else:
            text = words["level_range"].format(low=threshold, high=upper - 1)
        items.append(f'<li>{_swatch(level, fill, 1)}{escape(text)}</li>')
        upper = threshold
    items.append(f'<li>{_swatch("focus", "none", 3)}{escape(words["level_focus"])}</li>')
    return (f'<p class="rg-legend__title">{escape(words["legend_title"])}</p>'
            f'<ul class="rg-legend">{"".join(items)}</ul>')


# A legend's sample of a shading level (or of the focus regions' border), drawn as the tiles are,
# so its colours are the tiles' own (the dark palette restyles both in regions.css).
def _swatch(level: str, fill: str, width: int) -> str:
    return (f'<svg class="rg-swatch rg-swatch--{level}" viewBox="0 0 16 16" aria-hidden="true" focusable="false">'
            f'<rect x="1.5" y="1.5" width="13" height="13" rx="2" fill="{fill}" stroke="{_FOCUS_LINE}" '
            f'stroke-width="{width}"/></svg>')


# A column header whose outer words narrow screens hide visually (screen readers still read them).
def _header(parts: tuple[str, str, str]) -> str:
    before, core, after = parts
    wide = lambda text: f'<span class="rg-wide">{escape(text)}</span>' if text else ""
    return f"{wide(before)}{escape(core)}{wide(after)}"


# The shading level of a count: (name, fill, text colour) of the highest threshold it reaches.
def _level(count: int) -> tuple[str, str, str]:
    return next((level, fill, ink) for threshold, level, fill, ink in _LEVELS if count >= threshold)


# A link from one site-relative page URL to another, relative to the first ('lima/', '../'),
# in either URL layout (the offline edition links 'lima.html').
def _href(target_url: str, page_url: str) -> str:
    return get_relative_url(target_url, page_url)


# Who published a source, as its link says: a copy names the original's publisher and says that it is
# a copy ('Agencia Andina, copia en El Regional de Piura', from hooks/data/source-hosts.yml); another
# source names its publisher, or its site.
def _publisher(url: str, language: str) -> str:
    return sources.label(url, language) or _PUBLISHERS.get(_site_name(url), _site_name(url))


# The name of the site a URL points to: 'rpp.pe' for 'https://rpp.pe/lima/...'.
def _site_name(url: str) -> str:
    host = urlsplit(url).hostname or url
    return host.removeprefix("www.")


# ---------------------------------------------------------------------------- data

_TILE = 60
_GAP = 4
_PAD = 3  # room for the thick print and focus borders of the outer tiles
_STEP = _TILE + _GAP

# The map's light palette, written here only: shading levels, highest first (lowest count, name,
# fill, text colour), and the borders of the focus regions and of the others. They are the SVG's
# own attributes, so the map reads with or without the stylesheet; regions.css holds only the
# dark palette and print (black on white), which override them.
_FOCUS_LINE = "#3b0a1e"
_OTHER_LINE = "#8a8a8a"
_LEVELS = (
    (200, "high", "#8c1c46", "#ffffff"),
    (100, "mid", "#d98aa8", "#1f0410"),
    (50, "low", "#f0c4d5", "#1f0410"),
    (0, "least", "#fdf3f7", "#1f0410"),
)

# The publishers of the figures' sources that are not copies, named in the source line (the host
# alone names no one). Copies are named from hooks/data/source-hosts.yml.
_PUBLISHERS = {
    "rpp.pe": "RPP",
}

# Table columns: (word key, how table-sort.js compares the column).
_COLUMNS = (
    ("col_rank", "number"),
    ("col_region", "text"),
    ("col_2007", "number"),
    ("col_share", "number"),
    ("col_2009", "number"),
)
