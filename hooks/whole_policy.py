"""Puts the whole policy on one printable page per language where a page carries its marker.

- `<!-- policy: whole -->`: every axis, component and guideline with its summary, in the
  poster's order, with a print button and how to cite the document, cited like any policy page
  (see `renderers/whole_policy.py`). The page's diagram is the diagram hook's `<!-- diagram: full -->`.
- `<!-- policy: print -->`: the button that prints the page (or saves it as PDF).

The marker stands on a line of its own. Any other `<!-- policy: ... -->` marker stops the
build with one message.
"""

import re

import content_model
from renderers import citation, whole_policy

_MARKER = re.compile(r"^[ \t]{0,3}<!--\s*policy:\s*(?P<name>[^\s>]*)\s*-->[ \t]*$", re.MULTILINE)
_ANY_MARKER = re.compile(r"<!--\s*policy:")


# Checks every page's markers before the site folder is cleaned: a mistake leaves the previous site whole.
def on_pre_build(config, **kwargs):
    for file_src_uri, markdown in content_model.marked_files(config.docs_dir, "policy"):
        if _ANY_MARKER.search(markdown):
            _check(markdown, file_src_uri)


# Replaces the whole-policy marker on the page with the generated document.
def on_page_markdown(markdown, page, config, **kwargs):
    if not _ANY_MARKER.search(markdown):
        return markdown
    _check(markdown, page.file.src_uri)
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


# Raises a ContentError for a marker inside a line, an unknown one, or one used twice.
def _check(markdown, file_src_uri):
    shown = f"docs/{file_src_uri}"
    names = _MARKER.findall(markdown)
    if len(_ANY_MARKER.findall(markdown)) != len(names):
        raise content_model.ContentError(shown, None, "a '<!-- policy: ... -->' marker shares its line with other text",
                                         "put the marker on a line of its own")
    for name in names:
        if name not in _MARKERS:
            raise content_model.ContentError(shown, None, f"unknown marker '<!-- policy: {name} -->'",
                                             "use '<!-- policy: whole -->' or '<!-- policy: print -->'")
        if names.count(name) > 1:
            raise content_model.ContentError(shown, None, f"the marker '<!-- policy: {name} -->' appears twice",
                                             "keep one on the page")


# ---------------------------------------------------------------------------- data

# The markers this hook knows.
_MARKERS = ("whole", "print")
