"""Renders the region index (map, table, source, caveat) and each region page's figures box.

The figures live once, in the region pages' front matter (and the national total in the
index page's); this hook replaces markers in the Markdown with HTML derived from them:

- `<!-- regions: index -->` on the region index page: the tile map, the sortable table,
  the source line and the caveat;
- `<!-- regions: figures -->` on a region page: its figures, share and rank, with the caveat.

An unknown marker, or a marker on a page it does not belong to, stops the build.
"""

import re

import content_model
from content_model.regions import INDEX
from renderers import region_map

_MARKER = re.compile(r"<!--\s*regions:\s*(?P<name>[^\s>]*)\s*-->")


# Replace every region marker on the page with the HTML it stands for.
def on_page_markdown(markdown, page, config, **kwargs):
    if "regions:" not in markdown:
        return markdown
    language = content_model.language_of(config)
    regions = content_model.site_for(config).regions[language]
    return _MARKER.sub(lambda match: _render(match.group("name"), regions, page), markdown)


# The HTML of one marker, or a ContentError naming the page and the fix.
def _render(name, regions, page):
    shown = f"docs/{page.file.src_uri}"
    if name == "index":
        if page.file.src_uri != content_model.localised(INDEX, regions.language):
            raise content_model.ContentError(shown, None, "the marker '<!-- regions: index -->' belongs on the region index",
                                             f"remove it; the index is {content_model.shown(INDEX, regions.language)}")
        return region_map.render_index(regions, page.url)
    if name == "figures":
        region = regions.for_page(page.file.src_uri)
        if region is None:
            raise content_model.ContentError(shown, None, "the marker '<!-- regions: figures -->' is on a page that is not a region",
                                             "use it only on pages with 'kind: region', or remove it")
        return region_map.render_figures(regions, region, page.url)
    raise content_model.ContentError(shown, None, f"'<!-- regions: {name} -->' is not a known marker",
                                     "use one of: <!-- regions: index -->, <!-- regions: figures -->")
