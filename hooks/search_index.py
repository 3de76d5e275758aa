"""Writes one search document list per language, as a script the search box loads on first use.

Material's search ships one index for all languages and fetches it on every page load; our
readers on slow phones download only their own language's list, and only when they search.
The file is `search/index.<lang>.js` (a script, not JSON) so that search also works from
`file://`, where browsers refuse `fetch`. MiniSearch (overrides/assets/vendor/) indexes it in
the browser: the benchmark (`python -m bench.search`) found that cheaper for a slow phone than
shipping MiniSearch's prebuilt index, which is several times larger for the same text.

What the list holds, per section of a page (split at h2/h3): the page's title, the heading,
the anchor and the text, minus what a reader never searches for: source lists ("Fuentes" /
"Sources" and what follows them up to the next heading of the same level), bare URLs, the
citation block, quiz controls, the theme's chrome and the trainer's packs (`kind: pack`), which
repeat their module's pages. It also carries the language's stop words, and the synonyms and the situations of
docs/search/ already analysed the way the browser analyses a query (the rules under
"analysis" below, with `snowballstemmer` pinned to the Snowball generation the browser runs).
"""

from __future__ import annotations

import functools
import json
from html import unescape
import os
import re
import unicodedata
from html.parser import HTMLParser

import snowballstemmer
from mkdocs.plugins import event_priority

import content_model
from content_model import catalogue
from content_model import situations as situations_file
from content_model import synonyms as synonyms_file

# The synonyms of both languages, read once per build (its first pass) and kept in the build's state.
def _synonyms(config) -> dict:
    return content_model.build_state(config, "search_synonyms", dict, per_language=False)


# The situations of both languages (content_model/situations.py), read and analysed once per build.
def _situations(config) -> dict:
    return content_model.build_state(config, "search_situations", dict, per_language=False)


# This language pass's pages, in the build's state: a failed build leaves nothing for the next.
def _pages(config) -> list[dict]:
    return content_model.build_state(config, "search_pages", list)


# Reads and checks the synonyms before the site folder is cleaned.
def on_pre_build(config, **kwargs):
    synonyms = _synonyms(config)
    if not synonyms:
        synonyms.update({code: analysed_synonyms(code, found.groups, found.shown)
                         for code, found in synonyms_file.load(config.docs_dir).items()})
    situations = _situations(config)
    if not situations:
        situations.update({code: (found, analysed_situations(code, found))
                           for code, found in situations_file.load(config.docs_dir).items()})


# The synonyms and situations files are read by this hook, not published.
def on_files(files, config, **kwargs):
    folder = os.path.join(os.path.abspath(config.docs_dir), synonyms_file.FOLDER) + os.sep
    for file in list(files):
        if os.path.abspath(file.abs_src_path or "").startswith(folder):
            files.remove(file)
    return files


# Collects each page's sections as the page is rendered.
@event_priority(-200)
def on_page_content(html, page, config, files, **kwargs):
    site = content_model.site_for(config)
    kind = site.kind_of(page.file.src_uri)
    if kind in _NOT_INDEXED_KINDS:
        return html
    boost = _KIND_BOOST.get(kind, 1) * page_boost(f"docs/{page.file.src_uri}", page.meta.get("search"))
    # page.title is HTML text (escaped); the list holds plain text, which search.js shows as text.
    _pages(config).append({"url": page.url, "title": unescape(page.title), "boost": boost,
                           "src": content_model.unlocalised(page.file.src_uri)[0][: -len(".md")],
                           "sections": sections(html)})
    return html


def page_boost(where: str, search: object) -> float:
    """The page's `search: {boost: n}` from its front matter (1 without one), or a ContentError."""
    if search is None:
        return 1.0
    example = "'search:' with an indented 'boost: 2' below it (higher ranks the page higher; 1 is the default)"
    if not isinstance(search, dict) or set(search) - {"boost"}:
        raise content_model.ContentError(where, "search", "only 'boost' can be set here", f"write {example}")
    boost = search.get("boost", 1)
    if isinstance(boost, bool) or not isinstance(boost, (int, float)) or not 0 < boost <= 10:
        raise content_model.ContentError(where, "search.boost", f"{boost!r} is not a number between 0 and 10",
                                         f"write {example}")
    return float(boost)


# Writes this language's list once its pages are all rendered.
def on_post_build(config, **kwargs):
    language = content_model.language_of(config)
    pages = sorted(_pages(config), key=lambda p: p["url"])
    payload = document_list(language, pages, _synonyms(config).get(language, []))
    found, analysed = _situations(config).get(language, (situations_file.Situations(), None))
    if analysed:
        payload["situations"] = situations_payload(found, analysed, [page["src"] for page in pages])
    target = os.path.join(config.site_dir, "search", f"index.{language}.js")
    os.makedirs(os.path.dirname(target), exist_ok=True)
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    with open(target, "w", encoding="utf-8") as out:
        # Registered by language: the other language's list may be loaded too (its result count).
        out.write(f"(window.__siteSearchIndexes=window.__siteSearchIndexes||{{}})[{json.dumps(language)}]={text};\n")


def document_list(language: str, pages: list[dict], synonyms: list[list[list[str]]]) -> dict:
    """The file's content: pages [url, title, boost], sections [page, anchor, heading, text, more],
    and the terms of the titles and headings coded (see cuts), one string per title or heading.

    `text` is the section's first SNIPPET_TEXT characters, what a result can show; `more` is
    the rest as the index terms it adds, each once, leaving out terms that more than one section
    in COMMON_TERM uses (they tell sections apart only where a reader sees them). The list is a
    third of the full text's size (80 KB budget) and the browser has less to stem.
    """
    listed, split = [], []
    sections_used: dict[str, int] = {}
    for number, page in enumerate(pages):
        boost = page["boost"]
        listed.append([page["url"], page["title"], int(boost) if boost == int(boost) else boost])
        for anchor, heading, text in page["sections"]:
            split.append((number, anchor, heading, *split_text(text)))
            for term in {t for token in _TOKEN.findall(text.lower()) for t in index_terms(language, token)}:
                sections_used[term] = sections_used.get(term, 0) + 1
    common = max(2, len(split) // COMMON_TERM)
    sections_out = []
    for number, anchor, heading, shown, rest in split:
        uses = tail_uses(language, rest)
        # A common term stays where the section uses it again and again: there it is the subject
        # ("tratantes" in the section about them), not a passing word.
        kept = [t for t in tail_terms(language, shown, rest) if sections_used[t] < common or uses[t] >= LOCAL_SUBJECT]
        sections_out.append([number, anchor, heading, shown, " ".join(kept)])
    return {"language": language, "stemmer": catalogue.words(language, "search")["stemmer"],
            "stopWords": sorted(stop_words(language)), "synonyms": synonyms,
            "pages": listed, "sections": sections_out,
            "cuts": " ".join(cuts(language, [page[1] for page in listed] + [section[2] for section in sections_out]))}


def cuts(language: str, texts: list[str]) -> list[str]:
    """The index terms of the titles and headings, coded, for the browser to read instead of
    stemming: the browser's first results come from titles and headings, and on a slow phone
    stemming their words was most of the time before them (the Snowball code is slow in the browser).
    One string per text, one code per word the texts have not had before (a word, as written, is
    coded once; a hyphenated word has a code for each of its parts: 'socio-económico' is two).

    A stem is the folded word less a few last letters, sometimes with others put in their place: a
    lowercase letter says how many it leaves out ('a' none, 'b' one...), capitals are the letters
    that follow ('Explotación' -> 'explot' is 'f', 'policy' -> 'polici' is 'bI'); '~' and two such
    codes give a word's two terms (as written and unaccented, see word_terms); '.' leaves the word
    to the browser (stop words, numbers, letters other than a to z)."""
    seen: set[str] = set()
    coded_texts = []
    for text in texts:
        out = []
        for part in (part for token in _TOKEN.findall(text) for part in token.split("-")):
            if part in seen:
                continue
            seen.add(part)
            lower = part.lower()
            terms = [] if any(ch.isdigit() for ch in lower) else word_terms(language, lower)
            coded = [_cut(fold(lower), term) for term in terms]
            out.append("." if not terms or None in coded else ("~" if len(coded) == 2 else "") + "".join(coded))
        coded_texts.append("".join(out))
    return coded_texts


def _cut(folded: str, term: str) -> str | None:
    """One term's code against its folded word (see cuts), or None where it cannot be coded."""
    kept = 0
    while kept < min(len(folded), len(term)) and folded[kept] == term[kept]:
        kept += 1
    left_out, added = len(folded) - kept, term[kept:]
    if left_out >= _CUTS or not re.fullmatch(r"[a-z]*", added):
        return None
    return chr(ord("a") + left_out) + added.upper()


def split_text(text: str, limit: int | None = None) -> tuple[str, str]:
    """The text cut at the last space before `limit` characters, and the rest."""
    limit = SNIPPET_TEXT if limit is None else limit
    if len(text) <= limit:
        return text, ""
    cut = text.rfind(" ", 0, limit)
    cut = cut if cut > limit // 2 else limit
    return text[:cut], text[cut:].strip()


def tail_uses(language: str, rest: str) -> dict[str, int]:
    """How many times each index term occurs in `rest`, in order of first use."""
    uses: dict[str, int] = {}
    for token in _TOKEN.findall(rest.lower()):
        for term in index_terms(language, token):
            uses[term] = uses.get(term, 0) + 1
    return uses


def tail_terms(language: str, shown: str, rest: str) -> list[str]:
    """The index terms of `rest` that `shown` does not give already, in order of first use."""
    seen = {term for token in _TOKEN.findall(shown.lower()) for term in index_terms(language, token)}
    return [term for term in tail_uses(language, rest) if term not in seen]


# ---------------------------------------------------------------------------- analysis
# The browser (overrides/assets/js/search.js) applies exactly these rules to the text it indexes
# and to the query; tests/test_search.py runs both on the site's words and compares.

_STEMMERS: dict[str, object] = {}
_TOKEN = re.compile(r"[^\W_]+(?:-[^\W_]+)*")


def fold(text: str) -> str:
    """Lowercase without accents: 'Explotación' -> 'explotacion'."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def stem(language: str, word: str) -> str:
    if language not in _STEMMERS:
        _STEMMERS[language] = snowballstemmer.stemmer(catalogue.words(language, "search")["stemmer"])
    return _STEMMERS[language].stemWord(word)


def word_terms(language: str, word: str) -> list[str]:
    """Index terms of one lowercase word: its stem, and the stem of its unaccented spelling
    (Snowball's Spanish rules need the accent, readers often leave it out). Stop words give none."""
    return list(_word_terms(language, word))


# A build meets each word many times (333,000 lookups of 7,600 distinct words in both languages)
# and the pure-Python stemmer was most of a build's time; a word's terms never change.
@functools.lru_cache(maxsize=None)
def _word_terms(language: str, word: str) -> tuple[str, ...]:
    if fold(word) in stop_words(language):
        return ()
    if any(ch.isdigit() for ch in word):
        return (fold(word),)
    terms = (fold(stem(language, word)), fold(stem(language, fold(word))))
    return terms[:1] if terms[0] == terms[1] else terms


def index_terms(language: str, token: str) -> list[str]:
    """The terms a token of the text gives: '129-a' as written and as '129'; 'socio-económico' as two words."""
    if "-" not in token:
        return word_terms(language, token)
    whole = [fold(token)] if any(ch.isdigit() for ch in token) else []
    return whole + [term for part in token.split("-") for term in word_terms(language, part)]


def query_words(language: str, text: str) -> list[list[str]]:
    """A phrase as a query: for each word, the terms it may give. '129-A' stays one word,
    'socio-económico' is two."""
    words: list[list[str]] = []
    for token in _TOKEN.findall(unicodedata.normalize("NFC", text.lower())):
        if "-" in token and any(ch.isdigit() for ch in token):
            words.append([fold(token)])
            continue
        words.extend(terms for terms in (word_terms(language, part) for part in token.split("-")) if terms)
    return words


def analysed_synonyms(language: str, groups: list[list[str]], shown: str | None) -> list[list[list[list[str]]]]:
    """Each group as its phrases' query words; a phrase of stop words alone cannot be searched."""
    analysed = []
    for number, group in enumerate(groups, start=1):
        members = []
        for phrase in group:
            words = query_words(language, phrase)
            if not words:
                raise content_model.ContentError(shown, f"group {number}",
                                                 f"'{phrase}' holds only words search ignores (such as 'de', 'la')",
                                                 "write the word a reader types, or remove it")
            if words not in members:
                members.append(words)
        if len(members) > 1:
            analysed.append(members)
    return analysed


def analysed_situations(language: str, found: situations_file.Situations) -> dict | None:
    """The situations' phrases as query words, in the compact form the index ships (None without a file).

    A phrase is one string: its words separated by spaces, a word's terms by '/' ("quit/quitar
    document"), so that the browser matches it as it matches a synonym. Pages stay paths here:
    situations_payload numbers them once the language's pages are known."""
    if found.shown is None:
        return None

    def phrases(field: str, listed: tuple[str, ...]) -> list[str]:
        out: list[str] = []
        for phrase in listed:
            words = query_words(language, phrase)
            if not words:
                raise content_model.ContentError(found.shown, field,
                                                 f"'{phrase}' holds only words search ignores (such as 'de', 'la', 'my')",
                                                 "write the words a reader types, or remove it")
            packed = " ".join("/".join(terms) for terms in words)
            if packed not in out:
                out.append(packed)
        return out

    return {"self": sorted({fold(word) for word in found.self_words}), "endings": [fold(e) for e in found.self_endings],
            "work": phrases("work", found.work),
            "groups": [(phrases(f"situations[{s.number}].terms", s.terms),
                        phrases(f"situations[{s.number}].with_self", s.with_self)) for s in found.situations]}


def situations_payload(found: situations_file.Situations, analysed: dict, srcs: list[str]) -> dict:
    """What the index ships: the analysed phrases, and pages as numbers of the index's page list."""
    number = {src: n for n, src in enumerate(srcs)}

    def numbers(field: str, paths: tuple[str, ...]) -> list[int]:
        missing = [path for path in paths if path not in number]
        if missing:
            raise content_model.ContentError(found.shown, field, f"'{missing[0]}' is not a page the search lists "
                                             "(a trainer's pack, for instance, is not indexed)",
                                             "name a page that search finds")
        return [number[path] for path in paths]

    return {"self": analysed["self"], "endings": analysed["endings"], "work": analysed["work"],
            "selfPages": numbers("self.pages", found.self_pages),
            "groups": [[terms, with_self, numbers(f"situations[{s.number}].pages", s.pages)]
                       for (terms, with_self), s in zip(analysed["groups"], found.situations)],
            "public": [n for n, src in enumerate(srcs) if found.is_public(src)]}


# ---------------------------------------------------------------------------- sections


def sections(html: str) -> list[list[str]]:
    """[anchor, heading, text] of each section of rendered HTML, without what is not indexed."""
    parser = _SectionParser()
    parser.feed(_CITATION.sub(" ", html))
    parser.close()
    found = []
    for anchor, heading, words in parser.sections:
        text = " ".join(_BARE_URL.sub(" ", " ".join(words)).split())
        if heading or text:
            found.append([anchor, heading, text])
    return found


class _SectionParser(HTMLParser):
    """Text by section; skipped elements, and skipped sections down to the next heading of their level."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.sections: list[list] = [["", "", []]]
        self._skip_depth = 0
        self._heading: list | None = None       # [level, anchor, words] while inside a heading
        self._skipped_level: int | None = None  # inside a skipped section of this heading level
        self._link_href: str | None = None
        self._link_words: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        classes = set((attributes.get("class") or "").split())
        if self._skip_depth or tag in _SKIPPED_TAGS or classes & _SKIPPED_CLASSES or "hidden" in attributes:
            if tag not in _VOID_TAGS:
                self._skip_depth += 1
            return
        if tag in _SECTION_HEADINGS:
            self._heading = [int(tag[1]), attributes.get("id") or "", []]
        elif tag == "a" and attributes.get("href"):
            self._link_href, self._link_words = attributes["href"], []

    def handle_endtag(self, tag):
        if self._skip_depth:
            if tag not in _VOID_TAGS:
                self._skip_depth -= 1
            return
        if tag == "a" and self._link_href is not None:
            # A link whose text is its own address is a bare URL: nothing a reader types.
            text = "".join(self._link_words).strip()
            if text and not _BARE_URL.fullmatch(text) and text.rstrip("/") != self._link_href.rstrip("/"):
                self._append(text)
            self._link_href = None
            return
        if tag in _SECTION_HEADINGS and self._heading is not None:
            level, anchor, words = self._heading
            heading = " ".join("".join(words).split())
            self._heading = None
            if self._skipped_level is not None and level > self._skipped_level:
                return
            self._skipped_level = level if _is_skipped_section(anchor, heading) else None
            if self._skipped_level is None:
                self.sections.append([anchor, heading, []])

    def handle_data(self, data):
        if self._skip_depth:
            return
        if self._heading is not None:
            self._heading[2].append(data)
        elif self._link_href is not None:
            self._link_words.append(data)
        else:
            self._append(data)

    def _append(self, text):
        if self._skipped_level is None:
            self.sections[-1][2].append(text)


def _is_skipped_section(anchor: str, heading: str) -> bool:
    return bool(_SKIPPED_HEADING.match(fold(heading))) or anchor.split("-")[-1] in _SKIPPED_ANCHORS


# ---------------------------------------------------------------------------- data

# Characters of each section kept as text for the results' snippets (see document_list).
SNIPPET_TEXT = 220
_CUTS = 26          # letters a stem may leave out of its word and still be coded (see cuts): 'a' to 'z'
COMMON_TERM = 20    # a term in more than 1 section in 20 is "common" (see document_list)
LOCAL_SUBJECT = 3   # ... but kept in a section's tail where the tail uses it this often

# Pages whose title names a thing a reader looks for rank above passing mentions.
_KIND_BOOST = {"specific": 1.5, "general": 1.5, "component": 1.5, "axis": 1.5, "transversal": 1.5,
               "region": 1.5, "module": 1.5}
_NOT_INDEXED_KINDS = {"pack", "short-pack"}  # the packs repeat the module's pages

_SECTION_HEADINGS = {"h2", "h3"}
# A module's slides (class "slides") repeat its pages, like the pack: only their title is indexed.
# "Fuentes" / "Sources" (also "Fuentes y notas", a pack part's "hoja-fuentes"), the citation block,
# and the list of where a page's figures come from (hooks/figures.py). The 45-minute script (class
# "training-script") says aloud, word for word, what the plan's steps, the activities, the quiz and
# the handout already hold: indexed, it doubled each plan's share of the download.
_SKIPPED_HEADING = re.compile(r"^(fuentes|sources)\b")
_SKIPPED_ANCHORS = {"fuentes", "sources", "citar"}
_BARE_URL = re.compile(r"(?:https?://|www\.)\S+")
# An inline citation: a parenthesis holding only links to other sites, "([Código Penal, art. 129-A](…);
# [Polaris](…))". Its words name another document; indexed, they rank every page that cites the
# law above the page about it.
_CITATION = re.compile(r"""\(\s*(?:<a\s[^>]*href=["']https?://[^"']*["'][^>]*>(?:(?!</a>).)*?</a>\s*[;,·]?\s*)+\)""", re.S)
INLINE_CITATION = _CITATION  # bench/readability.py leaves them out of the prose it scores, too
_SKIPPED_TAGS = {"script", "style", "svg", "template", "nav", "button", "input", "select", "textarea", "summary"}
_SKIPPED_CLASSES = {"headerlink", "policy-context", "policy-path", "policy-cite", "diagram", "diagram-list",
                    "md-source-file", "training-pack__part", "slides", "quiz__right", "quiz__letter", "quiz__number",
                    "figure-sources", "training-script"}
_VOID_TAGS = {"br", "hr", "img", "input", "meta", "link", "source", "wbr", "area", "col", "embed", "track"}

# Words too common to tell pages apart, unaccented (compared after folding), and the Snowball
# stemmer of each language: the catalogue's `search` part (hooks/data/words.<language>.yml).
def stop_words(language: str) -> set[str]:
    return set(catalogue.words(language, "search")["stop_words"].split())
