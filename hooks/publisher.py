"""Who publishes the site: `extra.publisher` in mkdocs.yml (`SITE_PUBLISHER`, `SITE_PUBLISHER_CONTACT`).

The site's name is almost the policy's, so every page says, above its title, that it is an
independent, unofficial explanation and who publishes it (overrides/partials/site-status.html),
the footer says who publishes it, every citation names the publisher (renderers/citation.py), and
`<!-- publisher: about -->` on the about page says who it is and how to reach them. Until the
owner sets a name, each of them says that no publisher has been named: none is ever invented.
"""

from html import escape

import content_model
from content_model import markers, settings

_MARKER = markers.pattern("publisher")


# The checked setting, where the templates, the citation and the corrections page read it, with the
# sentence that names the publisher in each language (`line`: the statement above every page's
# title and the footer print it); a malformed setting stops the build with one message, before
# anything is written. (The catalogue's words are in config.extra by now: hooks/content.py, first.)
def on_config(config, **kwargs):
    publisher = settings.publisher(config.extra)
    publisher["line"] = {language: _line(config.extra["ui"][language], publisher) for language in content_model.LANGUAGES}
    config.extra["publisher"] = publisher
    return config


# Replaces the marker with who publishes the site and how to reach them, or with the words saying
# that no one has been named yet.
def on_page_markdown(markdown, page, config, **kwargs):
    if "publisher:" not in markdown:
        return markdown
    ui = config.extra["ui"][content_model.language_of(config)]
    html = render(ui, config.extra["publisher"])
    return _MARKER.sub(lambda match: html, markdown)


# "Lo publica: Red Ejemplo." or, unset, "Lo publica: aún sin indicar." (plain text: templates escape it).
def _line(ui, publisher):
    if not publisher["name"]:
        return ui["status_publisher_unset"]
    return ui["status_publisher"].replace("{name}", publisher["name"])


def render(ui, publisher):
    """The about page's paragraph on the publisher (`ui`: the catalogue's words of the page's language)."""
    if not publisher["name"]:
        return f'<p class="site-publisher site-publisher--none"><strong>{escape(ui["publisher_unset"])}</strong></p>'
    contact = ""
    if publisher["contact"]:
        contact = (f' {escape(ui["publisher_contact"])} <a href="{escape(publisher["href"])}">'
                   f'{escape(publisher["contact"])}</a>')
    return (f'<p class="site-publisher">{escape(ui["publisher_named"])} <strong>{escape(publisher["name"])}</strong>.'
            f'{contact}</p>')
