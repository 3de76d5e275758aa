"""Puts the whole policy on one printable page per language where a page carries its marker.

- `<!-- policy: whole -->`: every axis, component and guideline with its summary, in the
  poster's order, with how to cite the document (see `renderers/whole_policy.py`).

The marker stands on a line of its own; any other `<!-- policy: ... -->` stops the build
(`content_model.markers`, the one marker grammar).
"""

import content_model
from content_model import markers
from renderers import whole_policy

_MARKER = markers.pattern("policy")


# Checks every page's markers before the site folder is cleaned: a mistake leaves the previous site whole.
def on_pre_build(config, **kwargs):
    for file_src_uri, found in content_model.site_for(config).markers.items():
        _check([marker.name for marker in found if marker.family == "policy"], file_src_uri)


# Replaces the whole-policy marker on the page with the generated document.
def on_page_markdown(markdown, page, config, **kwargs):
    if "policy:" not in markdown:
        return markdown
    shown = f"docs/{page.file.src_uri}"
    _check([m.name for m in markers.parse(markdown, shown) if m.family == "policy"], page.file.src_uri)
    tree = content_model.site_for(config).tree(content_model.language_of(config))
    edition = (config.extra.get("edition") or {}).get("date")
    html = whole_policy.render(tree, page.url, config.site_name, str(edition) if edition else None)
    return _MARKER.sub(lambda match: html, markdown)


# ---------------------------------------------------------------------------- helpers


# Raises a ContentError for a marker used twice (the grammar is checked by content_model.markers).
def _check(names, file_src_uri):
    if len(names) > 1:
        raise content_model.ContentError(f"docs/{file_src_uri}", None, "the marker '<!-- policy: whole -->' appears twice",
                                         "keep one on the page")
