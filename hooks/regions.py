"""Renders the region index (map, table, source, caveat) and each region page's figures box.

The figures live once, in the region pages' front matter (and the national total in the
index page's); this hook replaces markers in the Markdown with HTML derived from them:

- `<!-- regions: index -->` on the region index page: the tile map, the sortable table,
  the source line and the caveat;
- `<!-- regions: figures -->` on a region page: its figures, share and rank (and its prosecution
  districts where the source counts the department in several), with the caveat;
- `<!-- regions: caveat -->` on any page that quotes the figures: the caveat sentence alone,
  written once in `renderers/region_map.py`.

An unknown marker, or a marker on a page it does not belong to, stops the build.
"""

import re

import content_model
from content_model.regions import INDEX
from renderers import region_map

_MARKER = re.compile(r"<!--\s*regions:\s*(?P<name>[^\s>]*)\s*-->")


# Checks every page's markers before the site folder is cleaned: a mistake leaves the previous site whole.
def on_pre_build(config, **kwargs):
    site = content_model.site_for(config)
    for file_src_uri, markdown in content_model.marked_files(config.docs_dir, "regions"):
        _, language = content_model.unlocalised(file_src_uri)
        for match in _MARKER.finditer(markdown):
            _check(match.group("name"), site.regions[language], file_src_uri)


# Replace every region marker on the page with the HTML it stands for.
def on_page_markdown(markdown, page, config, **kwargs):
    if "regions:" not in markdown:
        return markdown
    language = content_model.language_of(config)
    regions = content_model.site_for(config).regions[language]
    return _MARKER.sub(lambda match: _render(match.group("name"), regions, page), markdown)


# The HTML of one marker.
def _render(name, regions, page):
    _check(name, regions, page.file.src_uri)
    if name == "index":
        return region_map.render_index(regions, page.url)
    if name == "caveat":
        return region_map.render_caveat(regions.language)
    return region_map.render_figures(regions, regions.for_page(page.file.src_uri), page.url)


# Raises a ContentError naming the page and the fix for an unknown or misplaced marker.
def _check(name, regions, file_src_uri):
    shown = f"docs/{file_src_uri}"
    if name == "index":
        if file_src_uri != content_model.localised(INDEX, regions.language):
            raise content_model.ContentError(shown, None, "the marker '<!-- regions: index -->' belongs on the region index",
                                             f"remove it; the index is {content_model.shown(INDEX, regions.language)}")
    elif name == "figures":
        if regions.for_page(file_src_uri) is None:
            raise content_model.ContentError(shown, None, "the marker '<!-- regions: figures -->' is on a page that is not a region",
                                             "use it only on pages with 'kind: region', or remove it")
    elif name != "caveat":
        raise content_model.ContentError(shown, None, f"'<!-- regions: {name} -->' is not a known marker",
                                         "use one of: <!-- regions: index -->, <!-- regions: figures -->, "
                                         "<!-- regions: caveat -->")
