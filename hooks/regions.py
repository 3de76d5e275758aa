"""Renders the region index (map, table, source, caveat) and each region page's figures box.

The figures live once, in the region pages' front matter (and the national total in the
index page's); this hook replaces markers in the Markdown with HTML derived from them:

- `<!-- regions: index -->` on the region index page: the tile map, the sortable table,
  the source line and the caveat;
- `<!-- regions: figures -->` on a region page: its figures, share and rank (and its prosecution
  districts where the source counts the department in several), with the caveat;
- `<!-- regions: caveat -->` on any page that quotes the figures: the caveat sentence alone,
  written once in `renderers/region_map.py`.

A marker on a page it does not belong to stops the build (an unknown one is stopped by
`content_model.markers`, the one marker grammar).
"""

import content_model
from content_model import markers
from content_model.regions import INDEX
from renderers import region_map

_MARKER = markers.pattern("regions")


# Checks every page's markers before the site folder is cleaned: a mistake leaves the previous site whole.
# (content_model has already parsed them, with the one marker grammar: known, each on its own line.)
def on_pre_build(config, **kwargs):
    site = content_model.site_for(config)
    for file_src_uri, found in site.markers.items():
        _, language = content_model.unlocalised(file_src_uri)
        for marker in found:
            if marker.family == "regions":
                _check(marker.name, site.regions[language], file_src_uri)


# Replace every region marker on the page with the HTML it stands for.
def on_page_markdown(markdown, page, config, **kwargs):
    if "regions:" not in markdown:
        return markdown
    language = content_model.language_of(config)
    regions = content_model.site_for(config).regions[language]
    return _MARKER.sub(lambda match: _render(match.group("name"), regions, page), markdown)


# The HTML of one (checked) marker.
def _render(name, regions, page):
    if name == "index":
        return region_map.render_index(regions, page.url)
    if name == "caveat":
        return region_map.render_caveat(regions.language)
    return region_map.render_figures(regions, regions.for_page(page.file.src_uri), page.url)


# Raises a ContentError naming the page and the fix for a misplaced marker.
def _check(name, regions, file_src_uri):
    shown = f"docs/{file_src_uri}"
    if name == "index":
        if file_src_uri != content_model.localised(INDEX, regions.language):
            raise content_model.ContentError(shown, None, "the marker '<!-- regions: index -->' belongs on the region index",
                                             f"remove it; the index is {content_model.shown(INDEX, regions.language)}")
    elif name == "figures" and regions.for_page(file_src_uri) is None:
        raise content_model.ContentError(shown, None, "the marker '<!-- regions: figures -->' is on a page that is not a region",
                                         "use it only on pages with 'kind: region', or remove it")
