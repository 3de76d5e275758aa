"""Puts the whole policy on one printable page per language where a page carries its marker.

- `<!-- policy: whole -->`: every axis, component and guideline with this site's summary, in the
  poster's order, after a notice that this is not the policy's text, with how to cite the
  document, cited like any policy page (see `renderers/whole_policy.py`); every printed sheet's
  margin says it is the poster's structure with the site's unofficial summaries. The page's diagram is the diagram hook's `<!-- diagram: full -->`.
- `<!-- policy: print -->`: the button that prints the page (or saves it as PDF).

The marker stands on a line of its own; any other `<!-- policy: ... -->` stops the build
(`content_model.markers`, the one marker grammar, which also stops a marker written twice on a page:
its `once` column).
"""

import html

import content_model
from content_model import catalogue, markers
from renderers import citation, whole_policy

_MARKER = markers.pattern("policy")


# Replaces the whole-policy marker on the page with the generated document.
def on_page_markdown(markdown, page, config, **kwargs):
    if "policy:" not in markdown:
        return markdown
    # Checked again here, with the one grammar (known, on its own line, once): the hook is also
    # called on markdown the content model has not read.
    markers.parse(markdown, f"docs/{page.file.src_uri}")
    language = content_model.language_of(config)
    tree = content_model.site_for(config).tree(language)
    ui, edition = config.extra["ui"][language], config.extra["edition"]
    # The page's title as text: hooks/content.py escaped it for the templates, and the citation escapes it again.
    cite = citation.render(config.theme.get_env(), config, language, page.url, html.unescape(page.title or ""))
    # Every printed sheet says what it is, beside the address and the edition: a sheet handed on alone
    # must not pass for the policy's text.
    margin = (f"{catalogue.words(language, 'whole_policy')['print_unofficial']} · "
              f"{ui['edition']} {edition['version']} ({edition['date']})")
    address = citation.address(config.site_url.rstrip("/"), page.url) if config.site_url else ""
    made = {"whole": lambda: whole_policy.render(tree, page.url, cite, margin, address),
            "print": lambda: whole_policy.render_print_button(language)}
    return _MARKER.sub(lambda match: made[match.group("name")](), markdown)
