"""Prints the statistics where a page names them, and says where they come from.

`<!-- figure: id -->` inside a sentence becomes the figure with its unit and what it counts
("53 % de las denuncias"); `<!-- figure-plain: id -->` says a share in plain words ("más de 5 de
cada 10 denuncias"). The figures live once, in hooks/data/figures.yml (content_model.figures checks
it, and content_model.markers every marker's id, before the site folder is touched). A page that
prints figures ends with a folded list of them: period, publisher, address and the source's own words.

Markers in the page's text are replaced in its Markdown. A marker may also stand in front matter
that a renderer prints (a quiz's options and explanations): the renderer escapes it, so the page's
HTML holds it escaped; it is replaced there, as plain text inside an attribute.
"""

import re
from html import escape

from mkdocs.plugins import event_priority

import content_model
from renderers import figures as render

# Written in a page's Markdown, and as a renderer's escaped text prints it.
_RAW = render.MARKER
_ESCAPED = re.compile(r"&lt;!--[ \t]*(figure(?:-plain)?)[ \t]*:[ \t]*([\w-]+)[ \t]*--&gt;")
_TAG = re.compile(r"<[^>]*>")
_USED = re.compile(r'<span class="figure(?: figure--plain)?" data-figure="([\w-]+)">')


# After the other hooks have put their blocks in (a pack's parts, the slides): every marker of the page.
@event_priority(-50)
def on_page_markdown(markdown, page, config, **kwargs):
    if "figure" not in markdown:
        return markdown
    site, language = content_model.site_for(config), content_model.language_of(config)
    return _RAW.sub(lambda match: _inline(match, site, language), markdown)


# Escaped markers from front matter; then the list of the page's figures, after its text.
@event_priority(50)
def on_page_content(html, page, config, **kwargs):
    site, language = content_model.site_for(config), content_model.language_of(config)
    if "figure" in html:
        html = _TAG.sub(lambda tag: _ESCAPED.sub(lambda m: _plain_text(m, site, language), tag.group(0)),
                        _escaped_in_text(html, site, language))
    used = list(dict.fromkeys(_USED.findall(html)))
    if used:
        html += "\n" + render.sources([site.figures.get(i) for i in used], site.figures, language)
    return html


# ---------------------------------------------------------------------------- helpers


def _inline(match, site, language):
    return render.inline(site.figures.get(match.group(2)), site.figures, language, match.group(1) == "figure-plain")


# Outside tags an escaped marker becomes the figure's span; inside a tag (an attribute), its text.
def _escaped_in_text(html, site, language):
    parts = re.split(r"(<[^>]*>)", html)
    for number in range(0, len(parts), 2):
        parts[number] = _ESCAPED.sub(lambda match: _inline(match, site, language), parts[number])
    return "".join(parts)


def _plain_text(match, site, language):
    figure = site.figures.get(match.group(2))
    return escape(render.text(figure, site.figures, language, match.group(1) == "figure-plain"))
