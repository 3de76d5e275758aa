"""Writes one search index per language, as a script the search box loads on first use.

Material's search ships one index for all languages and fetches it on every page load; our
readers on slow phones should download only their own language's index, and only when they
search. The index is a `.js` file (not JSON) so that search also works from `file://`, where
browsers refuse `fetch`.
"""

import json
import os
from html.parser import HTMLParser

from mkdocs.plugins import event_priority

import content_model

_collected: dict[str, list[dict]] = {}


# Collects each page's title, sections and text as the page is rendered.
@event_priority(-200)
def on_page_content(html, page, config, files, **kwargs):
    language = content_model.language_of(config)
    kind = content_model.site_for(config).kind_of(page.file.src_uri)
    entry = {
        "u": page.url,
        "t": page.title,
        "b": _TITLE_BOOST.get(kind, 0),
        "s": _sections(html),
    }
    weight = (page.meta.get("search") or {}).get("boost")
    if weight:
        entry["w"] = weight
    _collected.setdefault(language, []).append(entry)
    return html


# Writes this language's index once its pages are all rendered.
def on_post_build(config, **kwargs):
    language = content_model.language_of(config)
    entries = sorted(_collected.pop(language, []), key=lambda e: e["u"])
    target = os.path.join(config.site_dir, "search", f"index.{language}.js")
    os.makedirs(os.path.dirname(target), exist_ok=True)
    payload = json.dumps({"language": language, "pages": entries}, ensure_ascii=False, separators=(",", ":"))
    with open(target, "w", encoding="utf-8") as out:
        out.write(f"window.__siteSearchIndex={payload};\n")


# Splits rendered HTML into [anchor, heading, text] sections, skipping generated blocks.
def _sections(html):
    parser = _SectionParser()
    parser.feed(html)
    parser.close()
    return [[anchor, heading, " ".join(" ".join(words).split())]
            for anchor, heading, words in parser.sections if heading or words]


class _SectionParser(HTMLParser):
    """Text by section; text inside skipped elements (diagrams, generated neighbours) is left out."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.sections = [["", "", []]]
        self._skip_depth = 0
        self._heading = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        classes = set((attributes.get("class") or "").split())
        if self._skip_depth or tag in _SKIPPED_TAGS or classes & _SKIPPED_CLASSES:
            if tag not in _VOID_TAGS:
                self._skip_depth += 1
            return
        if tag in ("h2", "h3"):
            self._heading = [attributes.get("id") or "", []]

    def handle_endtag(self, tag):
        if self._skip_depth:
            if tag not in _VOID_TAGS:
                self._skip_depth -= 1
            return
        if tag in ("h2", "h3") and self._heading is not None:
            anchor, words = self._heading
            self.sections.append([anchor, " ".join("".join(words).split()), []])
            self._heading = None

    def handle_data(self, data):
        if self._skip_depth:
            return
        if self._heading is not None:
            self._heading[1].append(data)
        else:
            self.sections[-1][2].append(data)


# ---------------------------------------------------------------------------- data

# Pages whose title names a thing a reader looks for rank above passing mentions.
_TITLE_BOOST = {"specific": 3, "general": 3, "component": 3, "axis": 3, "transversal": 3,
                "region": 3, "module": 3}

_SKIPPED_TAGS = {"script", "style", "svg", "template", "nav"}
# A trainer's pack repeats its module's pages: only its cover is indexed, so results do not come twice;
# a module's slides repeat them too (class "slides"): only their title is.
_SKIPPED_CLASSES = {"headerlink", "policy-context", "policy-path", "diagram", "diagram-list", "md-source-file",
                    "training-pack__part", "slides"}
_VOID_TAGS = {"br", "hr", "img", "input", "meta", "link", "source", "wbr", "area", "col", "embed", "track"}
