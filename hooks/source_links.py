"""Stops the build on a link to a copy, in the HTML a hook generated, that does not say it is a copy.

Every page's Markdown is checked as the content model loads it (content_model/sources.py: the
message names the file and the line). What hooks write into a page (a region's sources, a figure's
source...) is not in the Markdown: it is checked here, in the page's HTML, by the same rules.
Renderers label such links with `content_model.sources.label()`.
"""

import content_model
from content_model import sources


# Checks the page's finished HTML, which holds what every hook generated.
def on_page_content(html, page, config, **kwargs):
    sources.check_html(html, f"docs/{page.file.src_uri}", content_model.language_of(config))
    return html
