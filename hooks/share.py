"""Sharing without trackers (issue 31): "Compartir" on the pages the public learns from.

A page whose Spanish front matter says `share: true` (checked by `content_model.learning`; the
English page follows it) gets `overrides/partials/share.html` at the end of its article: a
button that opens the browser's own share sheet (Web Share API) or copies the page's address
(assets/js/share.js). No third-party script or button, no request to any other site, nothing
in the Content-Security-Policy relaxed. A page about the reader's own situation never says it.
"""

import content_model


# Tell the template whether this page offers sharing, in either language.
def on_page_markdown(markdown, page, config, **kwargs):
    site = content_model.site_for(config)
    page.meta["share"] = site.learning[content_model.language_of(config)].shares(page.file.src_uri)
    return markdown
