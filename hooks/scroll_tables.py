"""Wide tables scroll sideways in a box of their own, instead of widening the page.

Material's script wrapped each plain table (a Markdown table: no class) in two boxes when the
page loaded; the site no longer loads that script (hooks/asset_bundle.py), so the same boxes
are written at build time, where they cost the reader nothing and work without JavaScript.
Tables our renderers write carry a class and their own wrapper, and are left alone.

A column aligned in Markdown (`|:---:|`) gets a class (`align-center`, site.css) on its cells:
Python-Markdown writes either the obsolete `align` attribute or a `style` attribute, which the
Content-Security-Policy (`style-src 'self'`, hooks/csp.py) does not apply.
"""

import re

_PLAIN_TABLE = re.compile(r"<table>.*?</table>", re.DOTALL)
_ALIGNED = re.compile(r' style="text-align: (left|center|right);"')


def on_page_content(html, page, config, files, **kwargs):
    return wrapped_tables(html)


def wrapped_tables(html):
    """The HTML with every plain <table> inside Material's scrolling boxes, its aligned cells classed."""
    return _PLAIN_TABLE.sub(
        lambda table: '<div class="md-typeset__scrollwrap"><div class="md-typeset__table">'
                      + _ALIGNED.sub(r' class="align-\1"', table.group(0)) + "</div></div>",
        html)
