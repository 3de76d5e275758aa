"""The region index: a tile-grid map of Peru's 25 regional governments, the table of the ten, the districts.

Pure functions: a `RegionSet` (and the URL of the page that shows the result) in, an HTML
string out. Every label is escaped; the same input gives the same bytes. Links are relative
to the page, because MkDocs does not rewrite links inside raw HTML.
"""

from __future__ import annotations

from html import escape
from urllib.parse import urlsplit

from mkdocs.utils import get_relative_url

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
            f'<p>{escape(words["map_note"])}</p><p class="rg-caveat">{escape(words["caveat"])}</p>'
            f'</figcaption></figure>')


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
    words = _WORDS[regions.language]
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
    words = _WORDS[regions.language]
    links = ", ".join(f'<a href="{escape(url)}">{escape(_PUBLISHERS.get(_site_name(url), _site_name(url)))}</a> ({period})'
                      for period, url in regions.sources())
    total = integer(regions.total_2007_2014, regions.language)
    return (f'<p class="rg-source">{escape(words["source"].format(total=total))} {links}.</p>'
            f'<p class="rg-caveat">{escape(words["caveat"])} {escape(words["later_note"])}</p>')


def render_figures(regions: RegionSet, region: Region, page_url: str) -> str:
    """The figures box of one region page, from its front matter, with the caveat (and its districts, if several)."""
    words = _WORDS[regions.language]
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
    return f'<p class="rg-caveat">{escape(_WORDS[language]["caveat"])}</p>'


# ---------------------------------------------------------------------------- helpers


# One tile, shaded by its department's figure, with the figure written on it: a link for a
# focus region, a labelled image for the others.
def _tile(department: Department, regions: RegionSet, page_url: str) -> str:
    x, y = department.col * _STEP, department.row * _STEP
    cx = x + _TILE // 2
    region = regions.by_code(department.code)
    words = _WORDS[regions.language]
    figure = regions.figure(department.code)
    level, fill, ink = _level(figure)
    count = integer(figure, regions.language)
    bold = ' font-weight="700"' if region else ""
    drawing = (f'<rect x="{x}" y="{y}" width="{_TILE}" height="{_TILE}" rx="6" fill="{fill}" '
               f'stroke="{"#3b0a1e" if region else "#8a8a8a"}" stroke-width="{3 if region else 1}"/>'
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
    items.append(f'<li><span class="rg-swatch rg-swatch--focus" aria-hidden="true"></span>{escape(words["level_focus"])}</li>')
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
    (50, "low", "#f0c4d5", "#1f0410"),
    (0, "least", "#fdf3f7", "#1f0410"),
)

# The publishers of the figures' sources, named in the source line (the host alone names no one).
_PUBLISHERS = {
    "elregionalpiura.com.pe": "El Regional Piura (Agencia Andina)",
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

_WORDS = {
    "es": {
        "map_title": "Mapa de las denuncias por trata de personas en cada región, 2007-2014",
        "map_desc": ("Mapa esquemático del Perú: una casilla por cada uno de los 25 gobiernos regionales "
                     "(24 departamentos y el Callao), en posiciones aproximadas. Cada casilla lleva el número de "
                     "denuncias de enero de 2007 a abril de 2014 y un color según ese número. Las {count} regiones "
                     "con más denuncias tienen borde grueso y enlazan con su página."),
        "map_note": ("Cada casilla es un departamento, con su abreviatura (ISO 3166-2:PE). Las posiciones son "
                     "aproximadas. Los nombres completos de las diez regiones están en la tabla."),
        "tile_name": "{name}: {count} denuncias, puesto {rank}",
        "tile_other": "{name}: {count} denuncias",
        "legend_title": "Denuncias registradas, enero de 2007 a abril de 2014 (suma de los distritos fiscales):",
        "level_from": "{low} o más",
        "level_range": "de {low} a {high}",
        "level_below": "menos de {high}",
        "level_focus": "Borde grueso: una de las diez regiones, con su página",
        "table_caption": ("Las diez regiones con más denuncias por trata de personas registradas por el "
                          "Ministerio Público: denuncias de cada departamento de enero de 2007 a abril de 2014 "
                          "(suma de sus distritos fiscales) y su parte (%) del total nacional de {total}, y denuncias "
                          "de 2009 a 2014 del distrito fiscal del mismo nombre"),
        # (hidden on narrow screens, always shown, hidden on narrow screens)
        "col_rank": ("", "Puesto", ""),
        "col_region": ("", "Región", ""),
        "col_2007": ("Denuncias ", "2007-2014", ""),
        "col_share": ("", "%", " del total nacional"),
        "col_2009": ("Denuncias ", "2009-2014", " (distrito fiscal)"),
        "districts_summary": "Las denuncias por distrito fiscal, como las da la fuente ({count} distritos)",
        "districts_caption": "Denuncias por trata registradas por el Ministerio Público, enero de 2007 a abril de 2014, por distrito fiscal",
        "col_district": "Distrito fiscal",
        "col_department": "Departamento",
        "col_2007_full": "Denuncias 2007-2014",
        "districts_sum": "Suma",
        "source": ("Fuente: Observatorio de Criminalidad del Ministerio Público; total nacional de enero de 2007 "
                   "a abril de 2014: {total} denuncias. Cifras publicadas en:"),
        "caveat": ("Son denuncias registradas por el Ministerio Público, no el número de víctimas; la fuente las "
                   "cuenta por distrito fiscal, y la cifra de cada departamento es la suma de sus distritos "
                   "hecha por este sitio."),
        "later_note": ("Las cifras de 2009 a 2014 son las de cada distrito fiscal, sin sumar: esa fuente da solo "
                       "los diez distritos con más denuncias."),
        "figures_title": "Las cifras",
        "figures": ("Denuncias por trata registradas por el Ministerio Público: {count} entre enero de 2007 y "
                    "abril de 2014 ({share} del total nacional; puesto {rank} entre las {of} regiones con más "
                    "denuncias) y {later} entre 2009 y 2014 en el distrito fiscal de {district}."),
        "figures_split": ("La fuente cuenta {name} en {count} distritos fiscales; la cifra de 2007-2014 del "
                          "departamento es su suma:"),
        "figures_link": "Ver las 25 regiones en el mapa y las diez en la tabla",
    },
    "en": {
        "map_title": "Map of trafficking complaints in each region, 2007-2014",
        "map_desc": ("Schematic map of Peru: one square for each of the 25 regional governments "
                     "(24 departments and Callao), at approximate positions. Each square carries its number of "
                     "complaints from January 2007 to April 2014 and a colour by that number. The {count} regions "
                     "with most complaints have a thick border and link to their pages."),
        "map_note": ("Each square is a department, with its abbreviation (ISO 3166-2:PE). Positions are "
                     "approximate. The full names of the ten regions are in the table."),
        "tile_name": "{name}: {count} complaints, rank {rank}",
        "tile_other": "{name}: {count} complaints",
        "legend_title": "Complaints registered, January 2007 to April 2014 (sum of the prosecution districts):",
        "level_from": "{low} or more",
        "level_range": "{low} to {high}",
        "level_below": "fewer than {high}",
        "level_focus": "Thick border: one of the ten regions, with its page",
        "table_caption": ("The ten regions with most trafficking complaints registered by the Public Prosecutor's "
                          "office: complaints of each department from January 2007 to April 2014 (the sum of its "
                          "prosecution districts) and their share (%) of the national total of {total}, and "
                          "complaints from 2009 to 2014 of the prosecution district of the same name"),
        "col_rank": ("", "Rank", ""),
        "col_region": ("", "Region", ""),
        "col_2007": ("Complaints ", "2007-2014", ""),
        "col_share": ("", "%", " of the national total"),
        "col_2009": ("Complaints ", "2009-2014", " (prosecution district)"),
        "districts_summary": "The complaints by prosecution district, as the source gives them ({count} districts)",
        "districts_caption": ("Trafficking complaints registered by the Public Prosecutor's office, January 2007 to "
                              "April 2014, by prosecution district"),
        "col_district": "Prosecution district",
        "col_department": "Department",
        "col_2007_full": "Complaints 2007-2014",
        "districts_sum": "Sum",
        "source": ("Source: the Public Prosecutor's crime observatory (Observatorio de Criminalidad del Ministerio "
                   "Público); national total January 2007 to April 2014: {total} complaints. Figures published in:"),
        "caveat": ("These are complaints registered by the Public Prosecutor's office, not the number of victims; "
                   "the source counts them by prosecution district, and each department's figure is this site's "
                   "sum of its districts."),
        "later_note": ("The 2009-2014 figures are those of each prosecution district, not summed: that source "
                       "gives the ten districts with most complaints only."),
        "figures_title": "The figures",
        "figures": ("Trafficking complaints registered by the Public Prosecutor's office: {count} between January "
                    "2007 and April 2014 ({share} of the national total; rank {rank} among the {of} regions with most "
                    "complaints) and {later} between 2009 and 2014 in the prosecution district of {district}."),
        "figures_split": ("The source counts {name} in {count} prosecution districts; the department's 2007-2014 "
                          "figure is their sum:"),
        "figures_link": "See all 25 regions on the map and the ten in the table",
    },
}
