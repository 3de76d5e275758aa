"""Where readers send corrections: `<!-- corrections: address -->` on the corrections page.

The address is `extra.corrections.address` in mkdocs.yml (an e-mail address or a web address),
set by whoever publishes the site. Until it is set, the marker says plainly that no address is
configured yet, rather than inventing one; the footer of every page links to the corrections
page either way (overrides/partials/copyright.html).
"""

import re
from html import escape

import content_model
from content_model import markers

# Its grammar (known, on a line of its own) is checked with every marker by content_model.markers.
_MARKER = markers.pattern("corrections")
_EMAIL = re.compile(r"^[^@\s/]+@[^@\s/]+\.[^@\s/]+$")
_WEB = re.compile(r"^https?://\S+$")


# Checks the configured address before the site folder is cleaned.
def on_pre_build(config, **kwargs):
    address(config)


# Replaces the marker with the configured address, or with the words saying none is set yet.
def on_page_markdown(markdown, page, config, **kwargs):
    if "corrections:" not in markdown:
        return markdown
    ui = config.extra["ui"][content_model.language_of(config)]
    where = address(config)
    if where is None:
        html = f'<p class="corrections-address corrections-address--none"><strong>{escape(ui["corrections_none"])}</strong></p>'
    else:
        href = f"mailto:{where}" if _EMAIL.match(where) else where
        html = (f'<p class="corrections-address">{escape(ui["corrections_send"])} '
                f'<a href="{escape(href)}">{escape(where)}</a></p>')
    return _MARKER.sub(lambda match: html, markdown)


# The configured address (None when unset); a malformed one stops the build with one message.
def address(config):
    value = (config.extra.get("corrections") or {}).get("address")
    if value in (None, ""):
        return None
    value = str(value).strip()
    if not (_EMAIL.match(value) or _WEB.match(value)):
        raise content_model.ContentError("mkdocs.yml", "extra.corrections.address",
                                         f"'{value}' is neither an e-mail address nor a web address",
                                         "write an address such as 'correcciones@example.org' or "
                                         "'https://example.org/correcciones', or leave it empty")
    return value
