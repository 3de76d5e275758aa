"""Where readers send corrections: `<!-- corrections: address -->` on the corrections page.

The address is `extra.corrections.address` in mkdocs.yml (an e-mail address or a web address),
set by whoever publishes the site. Until it is set, the marker says plainly that no address is
configured yet, rather than inventing one, and how to reach the publisher instead (or that the
publisher has not been named either: `extra.publisher`, hooks/publisher.py); the footer of every
page links to the corrections page only once there is an address to send them to
(overrides/partials/copyright.html).
"""

from html import escape

import content_model
from content_model import markers, settings

# Its grammar (known, on a line of its own) is checked with every marker by content_model.markers.
_MARKER = markers.pattern("corrections")


# The checked address, where the footer and the marker read it; a malformed one stops the build
# with one message, before anything is written.
def on_config(config, **kwargs):
    config.extra["corrections"] = settings.corrections(config.extra)
    return config


# Replaces the marker with the configured address, or with the words saying none is set yet.
def on_page_markdown(markdown, page, config, **kwargs):
    if "corrections:" not in markdown:
        return markdown
    ui = config.extra["ui"][content_model.language_of(config)]
    where = config.extra["corrections"]
    if not where["address"]:
        html = (f'<p class="corrections-address corrections-address--none"><strong>{escape(ui["corrections_none"])}</strong> '
                f'{_reach_the_publisher(ui, config.extra["publisher"])}</p>')
    else:
        html = (f'<p class="corrections-address">{escape(ui["corrections_send"])} '
                f'<a href="{escape(where["href"])}">{escape(where["address"])}</a></p>')
    return _MARKER.sub(lambda match: html, markdown)


# ---------------------------------------------------------------------------- helpers


# With no address for corrections: how to reach whoever publishes the site, or that no one is named.
def _reach_the_publisher(ui, publisher):
    if not publisher["name"]:
        return escape(ui["corrections_no_publisher"])
    if not publisher["contact"]:
        return escape(ui["corrections_publisher_no_contact"].format(name=publisher["name"]))
    before, _, after = ui["corrections_publisher"].partition("{contact}")
    return (escape(before.format(name=publisher["name"])) + f'<a href="{escape(publisher["href"])}">'
            f'{escape(publisher["contact"])}</a>' + escape(after.format(name=publisher["name"])))
