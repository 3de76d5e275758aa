"""Wide tables scroll sideways in a box of their own, instead of widening the page.

Material's script wrapped each plain table (a Markdown table: no class) in two boxes when the
page loaded; the site no longer loads that script (hooks/asset_bundle.py), so the same boxes
are written at build time, where they cost the reader nothing and work without JavaScript.
Tables our renderers write carry a class and their own wrapper, and are left alone.
"""

import re

_PLAIN_TABLE = re.compile(r"<table>.*?</table>", re.DOTALL)


def on_page_content(html, page, config, files, **kwargs):
    return wrapped_tables(html)


def wrapped_tables(html):
    """The HTML with every plain <table> inside Material's scrolling boxes."""
    return _PLAIN_TABLE.sub(
        lambda table: f'<div class="md-typeset__scrollwrap"><div class="md-typeset__table">{table.group(0)}</div></div>',
        html)
