"""The region index: a tile-grid map of Peru's 25 regional governments and the table of the ten.

Pure functions: a `RegionSet` (and the URL of the page that shows the result) in, an HTML
string out. Every label is escaped; the same input gives the same bytes. Links are relative
to the page, because MkDocs does not rewrite links inside raw HTML.
"""

from __future__ import annotations

from html import escape
from urllib.parse import urlsplit

from mkdocs.utils import get_relative_url

from content_model.regions import Department, Region, RegionSet


def render_index(regions: RegionSet, page_url: str) -> str:
    """Everything the region index shows: the map with its legend, the table, source and caveat."""
    return "\n\n".join([
        render_map(regions, page_url),
        render_table(regions, page_url),
        render_source(regions),
    ])


def render_map(regions: RegionSet, page_url: str) -> str:
    """A figure: one SVG tile per regional government, the focus regions shaded and linked."""
    words = _WORDS[regions.language]
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
            f'<p>{escape(words["map_note"])}</p></figcaption></figure>')


def render_table(regions: RegionSet, page_url: str) -> str:
    """The ten regions in rank order; every column sortable by table-sort.js, readable without it."""
    words = _WORDS[regions.language]
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
        f'<td data-sort-value="{region.complaints_2007_2014}">{_number(region.complaints_2007_2014, language)}</td>'
        f'<td data-sort-value="{regions.share(region)!r}">{_percent(regions.share(region), language)}</td>'
        f'<td data-sort-value="{region.complaints_2009_2014}">{_number(region.complaints_2009_2014, language)}</td>'
        "</tr>"
        for region in regions.regions
    )
    caption = escape(words["table_caption"].format(total=_number(regions.total_2007_2014, language)))
    return (f'<div class="rg-table-wrap"><table class="rg-table" data-sortable><caption>{caption}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>")


def render_source(regions: RegionSet) -> str:
    """The source line of the figures and the caveat on what they count."""
    words = _WORDS[regions.language]
    links = ", ".join(f'<a href="{escape(url)}">{escape(_site_name(url))}</a> ({period})'
                      for period, url in regions.sources())
    total = _number(regions.total_2007_2014, regions.language)
    return (f'<p class="rg-source">{escape(words["source"].format(total=total))} {links}.</p>'
            f'<p class="rg-caveat">{escape(words["caveat"])}</p>')


def render_figures(regions: RegionSet, region: Region, page_url: str) -> str:
    """The figures box of one region page, from its front matter, with the caveat."""
    words = _WORDS[regions.language]
    language = regions.language
    text = words["figures"].format(
        count=_number(region.complaints_2007_2014, language),
        share=_percent(regions.share(region), language),
        rank=region.rank,
        of=len(regions.regions),
        later=_number(region.complaints_2009_2014, language),
    )
    index = escape(_href(regions.index_url, page_url))
    return (f'<div class="admonition info rg-figures"><p class="admonition-title">{escape(words["figures_title"])}</p>'
            f"<p>{escape(text)}</p><p>{escape(words['caveat'])}</p>"
            f'<p><a href="{index}">{escape(words["figures_link"])}</a></p></div>')


# ---------------------------------------------------------------------------- helpers


# One tile: a link with the count for a focus region, a plain labelled square for the others.
def _tile(department: Department, regions: RegionSet, page_url: str) -> str:
    x, y = department.col * _STEP, department.row * _STEP
    cx = x + _TILE // 2
    region = regions.by_code(department.code)
    if region is None:
        return (f'<g class="rg-tile rg-tile--other" aria-hidden="true">'
                f'<rect x="{x}" y="{y}" width="{_TILE}" height="{_TILE}" rx="6" fill="#ffffff" stroke="#8a8a8a"/>'
                f'<text x="{cx}" y="{y + 36}" text-anchor="middle" font-size="17" fill="#4d4d4d">{escape(department.abbr)}</text>'
                f"<title>{escape(department.name)}</title></g>")
    words = _WORDS[regions.language]
    level, fill, ink = _level(region.complaints_2007_2014)
    count = _number(region.complaints_2007_2014, regions.language)
    name = words["tile_name"].format(name=region.label, count=count, rank=region.rank)
    return (f'<a class="rg-tile rg-tile--{level}" href="{escape(_href(region.url, page_url))}" aria-label="{escape(name)}">'
            f'<rect x="{x}" y="{y}" width="{_TILE}" height="{_TILE}" rx="6" fill="{fill}" stroke="#3b0a1e"/>'
            f'<text x="{cx}" y="{y + 26}" text-anchor="middle" font-size="17" fill="{ink}">{escape(department.abbr)}</text>'
            f'<text class="rg-tile__count" x="{cx}" y="{y + 49}" text-anchor="middle" font-size="19" font-weight="700" fill="{ink}">{count}</text>'
            f"<title>{escape(name)}</title></a>")


# The legend below the map: one entry per shading level, and one for the other regions.
def _legend(regions: RegionSet) -> str:
    words = _WORDS[regions.language]
    items = []
    upper = None
    for threshold, level, _fill, _ink in _LEVELS:
        if upper is None:
            text = words["level_from"].format(low=threshold)
        elif threshold == 0:
            text = words["level_below"].format(high=upper)
        else:
            text = words["level_range"].format(low=threshold, high=upper - 1)
        items.append(f'<li><span class="rg-swatch rg-swatch--{level}" aria-hidden="true"></span>{escape(text)}</li>')
        upper = threshold
    items.append(f'<li><span class="rg-swatch rg-swatch--other" aria-hidden="true"></span>{escape(words["level_other"])}</li>')
    return (f'<p class="rg-legend__title">{escape(words["legend_title"])}</p>'
            f'<ul class="rg-legend">{"".join(items)}</ul>')


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


# The name of the site a URL points to: 'rpp.pe' for 'https://rpp.pe/lima/...'.
def _site_name(url: str) -> str:
    host = urlsplit(url).hostname or url
    return host.removeprefix("www.")


# A whole number as each language writes it: 1976 in Spanish, 1,976 in English.
def _number(value: int, language: str) -> str:
    if language == "en":
        return f"{value:,}"
    return f"{value:,}".replace(",", "\u00a0") if value >= 10_000 else str(value)


# A share (0 to 1) as a percentage with one decimal: '15,2 %' in Spanish, '15.2%' in English.
def _percent(share: float, language: str) -> str:
    text = f"{share * 100:.1f}"
    return f"{text.replace('.', ',')}\u00a0%" if language == "es" else f"{text}%"


# ---------------------------------------------------------------------------- data

_TILE = 60
_GAP = 4
_PAD = 3  # room for the thick print and focus borders of the outer tiles
_STEP = _TILE + _GAP

# Shading levels, highest first: (lowest count, name, fill, text colour). The CSS
# (regions.css) restyles them for the dark palette and for print; these are the defaults.
_LEVELS = (
    (200, "high", "#8c1c46", "#ffffff"),
    (100, "mid", "#d98aa8", "#1f0410"),
    (0, "low", "#f6dfe8", "#1f0410"),
)

# Table columns: (word key, how table-sort.js compares the column).
_COLUMNS = (
    ("col_rank", "number"),
    ("col_region", "text"),
    ("col_2007", "number"),
    ("col_share", "number"),
    ("col_2009", "number"),
)

_WORDS = {
    "es": {
        "map_title": "Mapa de las regiones con más denuncias por trata de personas, 2007-2014",
        "map_desc": ("Mapa esquemático del Perú: una casilla por cada uno de los 25 gobiernos regionales "
                     "(24 departamentos y el Callao), en posiciones aproximadas. Las {count} regiones con más "
                     "denuncias entre enero de 2007 y abril de 2014 llevan color y el número de denuncias, "
                     "y cada una enlaza con su página."),
        "map_note": ("Cada casilla es un departamento, con su abreviatura (ISO 3166-2:PE). Las posiciones son "
                     "aproximadas. Las cifras y los nombres completos están en la tabla."),
        "tile_name": "{name}: {count} denuncias, puesto {rank}",
        "legend_title": "Denuncias registradas, enero de 2007 a abril de 2014:",
        "level_from": "{low} o más",
        "level_range": "de {low} a {high}",
        "level_below": "menos de {high}",
        "level_other": "No está entre las diez",
        "table_caption": ("Las diez regiones con más denuncias por trata de personas registradas por el "
                          "Ministerio Público: número de denuncias en cada periodo y su parte (%) del total nacional de "
                          "{total} denuncias de enero de 2007 a abril de 2014"),
        # (hidden on narrow screens, always shown, hidden on narrow screens)
        "col_rank": ("", "Puesto", ""),
        "col_region": ("", "Región", ""),
        "col_2007": ("Denuncias ", "2007-2014", ""),
        "col_share": ("", "%", " del total nacional"),
        "col_2009": ("Denuncias ", "2009-2014", ""),
        "source": ("Fuente: Observatorio de Criminalidad del Ministerio Público; total nacional de enero de 2007 "
                   "a abril de 2014: {total} denuncias. Cifras publicadas en:"),
        "caveat": ("Las cifras son denuncias registradas por el Ministerio Público en cada periodo, no el número "
                   "de víctimas. La lista de las diez regiones sale de esos datos: la política no la imprime."),
        "figures_title": "Las cifras",
        "figures": ("Denuncias por trata registradas por el Ministerio Público: {count} entre enero de 2007 y "
                    "abril de 2014 ({share} del total nacional; puesto {rank} entre las {of} regiones con más "
                    "denuncias) y {later} entre 2009 y 2014."),
        "figures_link": "Ver las diez regiones en el mapa y la tabla",
    },
    "en": {
        "map_title": "Map of the regions with most trafficking complaints, 2007-2014",
        "map_desc": ("Schematic map of Peru: one square for each of the 25 regional governments "
                     "(24 departments and Callao), at approximate positions. The {count} regions with most "
                     "complaints between January 2007 and April 2014 carry a colour and the number of complaints, "
                     "and each links to its page."),
        "map_note": ("Each square is a department, with its abbreviation (ISO 3166-2:PE). Positions are "
                     "approximate. The figures and full names are in the table."),
        "tile_name": "{name}: {count} complaints, rank {rank}",
        "legend_title": "Complaints registered, January 2007 to April 2014:",
        "level_from": "{low} or more",
        "level_range": "{low} to {high}",
        "level_below": "fewer than {high}",
        "level_other": "Not among the ten",
        "table_caption": ("The ten regions with most trafficking complaints registered by the Public Prosecutor's "
                          "office: number of complaints in each period and their share (%) of the national total of "
                          "{total} complaints from January 2007 to April 2014"),
        "col_rank": ("", "Rank", ""),
        "col_region": ("", "Region", ""),
        "col_2007": ("Complaints ", "2007-2014", ""),
        "col_share": ("", "%", " of the national total"),
        "col_2009": ("Complaints ", "2009-2014", ""),
        "source": ("Source: the Public Prosecutor's crime observatory (Observatorio de Criminalidad del Ministerio "
                   "Público); national total January 2007 to April 2014: {total} complaints. Figures published in:"),
        "caveat": ("The figures are complaints registered by the Public Prosecutor's office in each period, not the "
                   "number of victims. The list of ten regions comes from that data: the policy does not print it."),
        "figures_title": "The figures",
        "figures": ("Trafficking complaints registered by the Public Prosecutor's office: {count} between January "
                    "2007 and April 2014 ({share} of the national total; rank {rank} among the {of} regions with most "
                    "complaints) and {later} between 2009 and 2014."),
        "figures_link": "See the ten regions on the map and in the table",
    },
}
