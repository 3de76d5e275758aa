"""Call buttons on the pages: `<!-- call: report -->`, `<!-- call: lines -->`...

The lines are `hooks/data/call-lines.yml` (number, option, whether it is free) with their words
in the catalogue's `calls` part, checked by `content_model.calls`; a marker stands for one line's
button (inline: a description may follow on the next line) or for a group's block of buttons.

The pages for the public (everything under `publico/`, the home page, `denunciar` and
`seguridad`) follow one rule, checked on the built page: every number a page links with `tel:`
(a "call 1818" inside a sentence may stay a link) also has a call button on that page, so that
the small link is never the only way to call it. A page that breaks it stops the build, naming
the number and the marker that adds its button.
"""

import re

import content_model
from content_model import calls, markers
from renderers import calls as render

_MARKER = markers.pattern("call")
_TEL = re.compile(r"<a\b(?P<attrs>[^>]*\bhref=\"(?P<tel>tel:[^\"]*)\"[^>]*)>")
_CALL_BUTTON = re.compile(r"\bclass=\"[^\"]*\bcall-button\b")
# The pages written for the public: by where they live, not a list of pages.
_PUBLIC = re.compile(r"^(publico/[^/]+|index|denunciar|seguridad)\.(es|en)\.md$")


# The lines and their words, checked before the site folder is cleaned.
def on_pre_build(config, **kwargs):
    _lines(config)


# Every call marker becomes its button or its block of buttons.
def on_page_markdown(markdown, page, config, **kwargs):
    if "call:" not in markdown:
        return markdown
    lines, language = _lines(config), content_model.language_of(config)

    def html(match):
        name = match.group("name")
        buttons = lines.for_marker(name, language)
        return render.block(buttons) if lines.is_group(name) else render.button(buttons[0])

    return _MARKER.sub(html, markdown)


# A public page's numbers: each one it links has a button too.
def on_page_content(html, page, config, **kwargs):
    if not _PUBLIC.match(page.file.src_uri):
        return html
    linked, buttons = [], set()
    for match in _TEL.finditer(html):
        linked.append(match.group("tel"))
        if _CALL_BUTTON.search(match.group("attrs")):
            buttons.add(match.group("tel"))
    lines = _lines(config)
    for tel in dict.fromkeys(linked):
        if tel not in buttons:
            line = next((line for line in lines.lines.values() if line.tel == tel), None)
            fix = (f"add '{markers.written('call', line.id)}' (or a block: '{markers.written('call', 'lines')}') "
                   "on a line of its own where she needs it" if line else
                   f"link only the lines of {calls.SHOWN}")
            raise content_model.ContentError(f"docs/{page.file.src_uri}", None,
                                             f"the number {tel[4:]} is only a small link in the text, with no call "
                                             "button on the page", fix)
    return html


# Read once per build (both languages' words: the language passes share it).
def _lines(config):
    return content_model.build_state(config, "calls", calls.load, per_language=False)
