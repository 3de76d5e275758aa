"""Puts the whole policy on one printable page per language where a page carries its marker.

- `<!-- policy: whole -->`: every axis, component and guideline with its summary, in the
  poster's order, with a print button and how to cite the document, cited like any policy page
  (see `renderers/whole_policy.py`). The page's diagram is the diagram hook's `<!-- diagram: full -->`.
- `<!-- policy: print -->`: the button that prints the page (or saves it as PDF).

The marker stands on a line of its own; any other `<!-- policy: ... -->` stops the build
(`content_model.markers`, the one marker grammar).
"""

import content_model
from content_model import markers
from renderers import citation, whole_policy

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
    language = content_model.language_of(config)
    tree = content_model.site_for(config).tree(language)
    ui, edition = config.extra["ui"][language], config.extra["edition"]
    cite = citation.render(config.theme.get_env(), config, language, page.url, page.title or "")
    margin = f"{ui['edition']} {edition['version']} ({edition['date']})"
    address = citation.address(config.site_url.rstrip("/"), page.url) if config.site_url else ""
    html = {"whole": lambda: whole_policy.render(tree, page.url, cite, margin, address),
            "print": lambda: whole_policy.render_print_button(language)}
    return _MARKER.sub(lambda match: html[match.group("name")](), markdown)


# ---------------------------------------------------------------------------- helpers


# Raises a ContentError for a marker used twice (the grammar is checked by content_model.markers).
def _check(names, file_src_uri):
    for name in names:
        if names.count(name) > 1:
            raise content_model.ContentError(f"docs/{file_src_uri}", None, f"the marker '<!-- policy: {name} -->' appears twice",
                                             "keep one on the page")
