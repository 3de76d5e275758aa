"""Search (issues #14, #26, #30): what people type finds the right page, in the reader's language,
over HTTP and from the offline edition's files; what happened to her finds the pages written for
her; a title that holds the query comes first; typing downloads one language; the index leaves out
what nobody searches for; the Python and browser analysers agree; the dialog works by keyboard and
fits a phone; a broken synonyms or situations file stops the build."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path
from urllib.parse import unquote

import pytest

import search_index
from conftest import ROOT, build_error, wait_until
from content_model import ContentError
from content_model import situations as situations_file

# ---------------------------------------------------------------------------- the query table
# One row per kind of query a person types, in both languages: (kind, language, query, the page
# that must be among the first three results, or a tuple of pages any of which will do). Extend
# it freely; every row runs over HTTP, and the rows named in OFFLINE also from the offline edition.
QUERIES = [
    ("exact title", "es", "Desarrollo de una cultura de rechazo", "politica/cultura-rechazo/"),
    ("exact title", "en", "Developing a culture of rejection", "en/politica/cultura-rechazo/"),
    ("inflected", "es", "denuncie", "denunciar/"),
    ("inflected", "es", "denunciando", "denunciar/"),
    ("inflected", "es", "explotadores", "capacitacion/formas-de-explotacion/"),
    ("inflected", "en", "reported", "en/denunciar/"),
    ("inflected", "en", "myth", "en/publico/mitos-y-realidades/"),
    ("no accents", "es", "proteccion de victimas", ("politica/proteccion/", "politica/proteccion-atencion-integral/",
                                                     "capacitacion/proteccion-centrada-en-la-victima/")),
    ("no accents", "es", "PROTECCIÓN", "politica/proteccion/"),
    ("typo: wrong letter", "es", "denunsiar", "denunciar/"),
    ("typo: missing letter", "es", "glosaro", "glosario/"),
    ("typo: swapped letters", "es", "glosraio", "glosario/"),
    ("typo: wrong letter", "en", "glossery", "en/glosario/"),
    ("typo: swapped letters", "en", "Plaermo Protocol", "en/contexto/marco-legal/"),
    ("typo: two letters in a long word", "es", "explotasiomn", ("capacitacion/formas-de-explotacion/", "glosario/")),
    ("typo: two letters in a long word", "en", "trafiking", ("en/glosario/", "en/publico/trata-en-5-minutos/",
                                                             "en/capacitacion/que-es-la-trata/", "en/publico/")),
    ("synonym", "es", "albergue", "politica/centros-acogida/"),
    ("synonym", "es", "trabajo forzado", "glosario/"),
    ("synonym", "en", "forced labor", "en/glosario/"),
    ("synonym", "en", "safe house", "en/politica/centros-acogida/"),
    ("law number", "es", "28950", "contexto/marco-legal/"),
    ("law number", "es", "Ley 28950", "contexto/marco-legal/"),
    ("law number", "en", "Law 28950", "en/contexto/marco-legal/"),
    ("article cited everywhere", "es", "129-A", ("contexto/marco-legal/", "glosario/")),
    ("article, abbreviated", "en", "article 129-A", ("en/contexto/marco-legal/", "en/glosario/")),
    ("decree, abbreviated", "es", "DS 001-2015-JUS", ("politica/", "contexto/marco-legal/", "acerca/")),
    ("emergency line", "es", "1818", "denunciar/"),
    ("emergency line", "en", "1818", "en/denunciar/"),
    ("sentence", "es", "¿Qué hago si me ofrecen un trabajo en otra ciudad?", ("publico/si-te-pasa-a-ti/", "publico/como-ocurre/")),
    ("sentence", "en", "What can I do to help someone?", ("en/publico/que-puedes-hacer/", "en/publico/si-te-pasa-a-ti/")),
    ("region", "es", "Madre de Dios", "regiones/madre-de-dios/"),
    ("region", "en", "Cusco", "en/regiones/cusco/"),
]
OFFLINE = {"denuncie", "denunsiar", "albergue", "forced labor", "28950", "Cusco"}


def _acceptable(expected) -> tuple[str, ...]:
    return expected if isinstance(expected, tuple) else (expected,)


def _open_search(visit, language):
    visit.goto("" if language == "es" else "en/")
    visit.page.click("[data-search-open]")
    wait_until(visit.page, f"!!(window.__siteSearch && window.__siteSearch.engine('{language}') "
                           f"&& window.__siteSearch.engine('{language}').bodyReady)")


def _search(page, query, strip):
    """Type a query; the result addresses, site-relative, in rank order."""
    page.fill("#site-search-input", query)
    wait_until(page, "document.querySelector('#site-search-status').textContent.length > 0")
    hrefs = page.eval_on_selector_all(".site-search__link", "links => links.map(a => a.href)")
    return [strip(unquote(href)).split("#")[0] for href in hrefs]


# Known misses, each found lower down (none since the situations of issue #26: a sentence about
# oneself finds the page for her).
TOP: dict[str, int] = {}


@pytest.mark.parametrize("language", ["es", "en"])
def test_every_query_of_the_table_finds_its_page_in_the_top_three_in_the_readers_language(visit, language):
    _open_search(visit, language)
    strip = lambda href: href[len(visit.base):]
    failures = []
    for kind, query_language, query, expected in QUERIES:
        if query_language != language:
            continue
        results = _search(visit.page, query, strip)
        if not set(_acceptable(expected)) & set(results[:TOP.get(query, 3)]):
            failures.append(f"{kind}: {query!r} -> {results[:5]}")
        assert all(r.startswith("en/") == (language == "en") for r in results), (query, results)
    assert failures == []
    assert visit.console_errors == []
    assert visit.outside_requests() == []


def test_an_exact_title_comes_first(visit):
    _open_search(visit, "es")
    assert _search(visit.page, "Desarrollo de una cultura de rechazo", lambda h: h[len(visit.base):])[0] == \
        "politica/cultura-rechazo/"


def test_law_and_article_numbers_are_searchable_as_written(site):
    for language in ("es", "en"):
        sections = _index(site, language)["sections"]
        assert any("129-A" in section[3] for section in sections)
    assert search_index.query_words("es", "art. 129-A") == [["art"], ["129-a"]]
    assert search_index.query_words("es", "Ley 28950") == [["ley"], ["28950"]]


# ---------------------------------------------------------------------------- results


def test_the_snippet_marks_the_matched_words_and_holds_only_text_and_marks(visit):
    _open_search(visit, "es")
    _search(visit.page, "explotación laboral", lambda h: h)
    marks = visit.page.eval_on_selector_all(".site-search__snippet mark", "marks => marks.map(m => m.textContent)")
    assert marks and all(re.fullmatch(r"(?i)explotaci[oó]n|laboral(es)?|explot\w*|labor\w*", m) for m in marks), marks
    # Built from text nodes only: nothing from the content can become markup.
    kinds = visit.page.evaluate("""() => [...document.querySelectorAll('.site-search__snippet')]
        .flatMap(s => [...s.childNodes].map(n => n.nodeType === 3 ? 'text' : n.nodeName +
                      (n.children.length ? '+children' : '')))""")
    assert set(kinds) <= {"text", "MARK"}, set(kinds)
    first = visit.page.locator(".site-search__link").first
    assert first.locator("strong").inner_text().strip()


def test_results_show_the_section_and_link_to_its_heading(visit):
    _open_search(visit, "es")
    _search(visit.page, "Protocolo de Palermo", lambda h: h)
    first = visit.page.locator(".site-search__link").first
    assert first.get_attribute("href").endswith("contexto/marco-legal/#protocolo-de-palermo")
    assert first.locator(".site-search__section").inner_text() == "El Protocolo de Palermo"


def test_nothing_found_offers_a_word_of_the_index_and_the_other_languages_count(visit):
    _open_search(visit, "es")
    # Three letters off: more than the search matches, within what a suggestion looks at.
    results = _search(visit.page, "esplotasiomn", lambda h: h)
    assert results == []
    suggestion = visit.page.locator("[data-search-suggestion]")
    wait_until(visit.page, "!document.querySelector('[data-search-suggestion]').hidden")
    assert suggestion.inner_text().startswith("¿Quisiste decir")
    button = suggestion.locator("button")
    assert button.inner_text() == "explotación"
    button.click()
    assert visit.page.input_value("#site-search-input") == "explotación"
    assert visit.page.locator(".site-search__link").count() > 0

    # A word only the English pages use: the Spanish reader is told how many, with a link.
    results = _search(visit.page, "shelters", lambda h: h)
    assert results == []
    wait_until(visit.page, "!document.querySelector('[data-search-other]').hidden")
    link = visit.page.locator("[data-search-other] a")
    assert re.fullmatch(r"Hay (1 resultado|\d+ resultados) en inglés", link.inner_text())
    assert link.get_attribute("hreflang") == "en"
    with visit.page.expect_navigation():
        link.click()
    assert visit.page.url.startswith(visit.base + "en/")
    wait_until(visit.page, "document.querySelectorAll('.site-search__link').length > 0")
    assert visit.page.input_value("#site-search-input") == "shelters"
    hrefs = visit.page.eval_on_selector_all(".site-search__link", "links => links.map(a => a.href)")
    assert all(href.startswith(visit.base + "en/") for href in hrefs)


def test_the_other_index_is_loaded_only_when_nothing_is_found(visit):
    _open_search(visit, "es")
    _search(visit.page, "denunciar", lambda h: h)
    assert not any("index.en.js" in url for url in visit.requests)


def test_only_the_readers_language_files_are_downloaded_and_only_on_first_use(visit):
    visit.goto("en/politica/cultura-rechazo/")
    visit.page.wait_for_load_state("networkidle")
    assert not [r for r in visit.requests if "/search/" in r or "/vendor/" in r]
    visit.page.keyboard.press("Control+k")
    wait_until(visit.page, "window.__siteSearchIndex !== undefined")
    names = sorted(r.rsplit("/", 1)[-1] for r in visit.requests if "/search/" in r or "/vendor/" in r)
    assert names == ["index.en.js", "minisearch.min.js", "snowball-en.min.js"]


# ---------------------------------------------------------------------------- keyboard and phone


def test_arrows_move_through_the_results_and_enter_opens_one(visit):
    _open_search(visit, "en")
    _search(visit.page, "Cusco", lambda h: h)
    page = visit.page
    page.keyboard.press("ArrowDown")
    first = page.evaluate("document.activeElement.getAttribute('href')")
    page.keyboard.press("ArrowDown")
    second = page.evaluate("document.activeElement.getAttribute('href')")
    assert first != second and "cusco" in first.lower()
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.id") == "site-search-input"
    page.keyboard.press("ArrowDown")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.startswith(visit.base + "en/regiones/cusco/")


@pytest.mark.parametrize("key", ["Tab", "ArrowDown"])
def test_a_reader_already_in_the_results_keeps_their_place_when_the_body_text_is_indexed(visit, key):
    """The results are drawn twice: from titles and headings at once, then with the body text.
    The second drawing must not drop the keyboard focus onto the page (it did: a Tab walk in
    the dialog stopped after three stops). The CPU is slowed so that the reader is in the
    results before the body text is indexed; the test says so if it was not."""
    page = visit.page
    visit.goto("")
    cdp = page.context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 20})
    page.click("[data-search-open]")
    page.fill("#site-search-input", "proteccion")
    page.locator(".site-search__link").first.wait_for()
    # Read together, in one task of the page: the body may be indexed between two reads, and the
    # second drawing shows the page at its best section (#componentes).
    first, body_ready = page.evaluate("[document.querySelector('.site-search__link').getAttribute('href'),"
                                      " window.__siteSearch.engine('es').bodyReady]")
    assert not body_ready, "the body was indexed too soon to test"
    # The first results come from titles and headings only: the page titled so comes first.
    assert first.rstrip("/").endswith("politica/proteccion"), first
    page.keyboard.press(key)
    page.keyboard.press(key)
    chosen = page.evaluate("document.activeElement.getAttribute('href')").split("#")[0]
    assert page.evaluate("document.activeElement.classList.contains('site-search__link')")
    wait_until(page, "window.__siteSearch.engine('es').bodyReady", timeout=60)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 1})
    assert page.evaluate("document.activeElement.classList.contains('site-search__link')")
    assert page.evaluate("document.activeElement.getAttribute('href')").split("#")[0] == chosen


def test_enter_in_the_box_opens_the_first_result(visit):
    _open_search(visit, "es")
    _search(visit.page, "Loreto", lambda h: h)
    with visit.page.expect_navigation():
        visit.page.keyboard.press("Enter")
    assert visit.page.url.startswith(visit.base + "regiones/loreto/")


@pytest.mark.parametrize("typed", ["", "trata de personas"])
def test_one_escape_closes_the_dialog_even_with_text_typed(visit, typed):
    _open_search(visit, "es")
    if typed:
        _search(visit.page, typed, lambda h: h)
    visit.page.keyboard.press("Escape")
    assert not visit.page.locator("dialog#site-search").is_visible()
    assert visit.page.evaluate("document.activeElement.hasAttribute('data-search-open')")


def test_the_dialog_has_a_header_row_with_its_title_and_close_button(visit):
    _open_search(visit, "es")
    header = visit.page.locator("dialog#site-search .site-search__header")
    assert header.locator("h2#site-search-title").inner_text() == "Buscar en el sitio"
    header.locator("button[data-search-close]").click()
    assert not visit.page.locator("dialog#site-search").is_visible()


@pytest.mark.parametrize("language", ["es", "en"])
def test_the_dialog_and_its_results_fit_a_360_px_phone(phone, language):
    phone.goto("" if language == "es" else "en/")
    phone.page.click("[data-search-open]")
    wait_until(phone.page, f"!!(window.__siteSearch && window.__siteSearch.engine('{language}'))")
    phone.page.fill("#site-search-input", "explotación laboral en la minería ilegal de Madre de Dios")
    wait_until(phone.page, "document.querySelectorAll('.site-search__link').length > 0")
    boxes = phone.page.evaluate("""() => {
        const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.right]; };
        const dialog = document.getElementById('site-search');
        return {dialog: box(dialog), close: box(dialog.querySelector('[data-search-close]')),
                input: box(dialog.querySelector('input')), title: box(dialog.querySelector('h2')),
                overflow: dialog.scrollWidth - dialog.clientWidth, width: innerWidth}; }""")
    for name in ("dialog", "close", "input", "title"):
        left, right = boxes[name]
        assert left >= 0 and right <= boxes["width"], (name, boxes)
    assert boxes["overflow"] <= 0, boxes


# ---------------------------------------------------------------------------- what is indexed


def _index(site: Path, language: str) -> dict:
    text = (site / "search" / f"index.{language}.js").read_text(encoding="utf-8")
    return json.loads(text[text.index("={") + 1:].rstrip().rstrip(";"))


@pytest.mark.parametrize("language", ["es", "en"])
def test_sources_urls_citations_quiz_controls_and_packs_are_not_indexed(site, language):
    index = _index(site, language)
    pages = {page[0] for page in index["pages"]}
    assert not [url for url in pages if url.endswith("/paquete/")]
    assert any(url.endswith("/plan/") for url in pages)
    headings = {section[2] for section in index["sections"]}
    assert not {h for h in headings if re.match(r"(?i)(fuentes|sources)\b", h)}
    assert not {h for h in headings if re.search(r"(?i)c[oó]mo citar|how to cite", h)}
    text = " ".join(section[3] for section in index["sections"])
    assert "http://" not in text and "https://" not in text and "www." not in text
    for control in ("Ver respuesta", "Respuesta correcta:", "Show the answer", "Right answer:", "Comprobar Ver"):
        assert control not in text, control
    assert len(text) > 100_000      # everything else is there


def test_an_inline_citation_is_not_indexed_but_a_link_in_a_sentence_is():
    html = ("<p>La ley lo castiga (<a href='https://x.org/cp'>Código Penal, art. 129-A</a>; "
            "<a href=\"https://p.org/m\">Polaris</a>). Lee el <a href='../glosario/'>glosario</a> "
            "(<a href='../marco-legal/'>marco legal</a>) o (ver <a href='https://y.org'>la ley</a>).</p>")
    assert search_index.sections(html) == [["", "", "La ley lo castiga . Lee el glosario ( marco legal ) o (ver la ley )."]]


def test_a_section_after_the_sources_heading_of_a_lower_level_is_skipped_and_the_next_one_kept():
    html = ("<p>Intro</p><h2 id='a'>Qué significa</h2><p>Texto uno</p>"
            "<h2 id='fuentes'>Fuentes</h2><ul><li>Autor, <a href='https://x.org/a'>https://x.org/a</a></li></ul>"
            "<h3 id='mas'>Más fuentes</h3><p>Otra fuente</p>"
            "<h2 id='b'>Dónde denunciar</h2><p>Llama al <a href='tel:1818'>1818</a>, ver www.ejemplo.pe</p>")
    assert search_index.sections(html) == [["", "", "Intro"], ["a", "Qué significa", "Texto uno"],
                                           ["b", "Dónde denunciar", "Llama al 1818 , ver"]]


@pytest.mark.parametrize("language", ["es", "en"])
def test_a_first_search_downloads_at_most_80_kb_gzipped(site, language):
    files = [site / "search" / f"index.{language}.js",
             site / "assets" / "vendor" / "minisearch-7.2.0" / "minisearch.min.js",
             site / "assets" / "vendor" / "snowball-stemmers-0.6.0" / f"snowball-{language}.min.js"]
    sizes = [len(gzip.compress(path.read_bytes(), 6)) for path in files]
    assert sum(sizes) <= 80_000, sizes


@pytest.mark.parametrize("folder", ["minisearch-7.2.0", "snowball-stemmers-0.6.0"])
def test_vendored_libraries_carry_their_licence_and_use_no_eval(site, folder):
    vendored = site / "assets" / "vendor" / folder
    assert (vendored / "LICENSE.txt").read_text(encoding="utf-8").strip()
    for script in vendored.glob("*.js"):
        assert not re.search(r"\beval\(|new Function\(", script.read_text(encoding="utf-8")), script


# ---------------------------------------------------------------------------- the two analysers


def _site_words(language: str, limit: int = 400) -> list[str]:
    words = set()
    for path in sorted((ROOT / "docs").rglob(f"*.{language}.md")):
        words.update(w.lower() for w in re.findall(r"[^\W\d_]{3,}", path.read_text(encoding="utf-8")))
    ordered = sorted(words)
    accented = [w for w in ordered if re.search(r"[^a-z]", w)]
    plain = [w for w in ordered if not re.search(r"[^a-z]", w)]
    step = max(1, len(plain) // (limit - min(len(accented), limit // 3)))
    return accented[: limit // 3] + plain[::step]


@pytest.mark.parametrize("language", ["es", "en"])
def test_the_browser_stems_and_analyses_the_sites_words_exactly_as_the_build_does(visit, language):
    words = _site_words(language)
    assert len(words) >= 300
    assert language == "en" or len([w for w in words if re.search(r"[áéíóúñü]", w)]) >= 100
    _open_search(visit, language)
    snowball = {"es": "spanish", "en": "english"}[language]
    browser = visit.page.evaluate(f"""(words) => {{
        const stemmer = window.snowballFactory.newStemmer('{snowball}');
        const engine = window.__siteSearch.engine('{language}');
        return words.map(w => [stemmer.stem(w), engine.analyse.wordTerms(w)]); }}""", words)
    python = [[search_index.stem(language, w), search_index.word_terms(language, w)] for w in words]
    mismatches = [(w, b, p) for w, b, p in zip(words, browser, python) if b != p]
    assert mismatches == []


@pytest.mark.parametrize("language", ["es", "en"])
def test_the_titles_and_headings_terms_the_build_codes_are_the_terms_the_browser_would_stem(visit, site, language):
    """The first results come from titles and headings whose terms the build ships coded (no
    stemming in the browser before them): each word so learned must have the terms the stemmer
    gives, and nearly every word must be learned."""
    index = _index(site, language)
    texts = [page[1] for page in index["pages"]] + [section[2] for section in index["sections"]]
    parts = sorted({part for text in texts for token in search_index._TOKEN.findall(text) for part in token.split("-")})
    _open_search(visit, language)
    browser = visit.page.evaluate(f"""(parts) => {{
        const analyse = window.__siteSearch.engine('{language}').analyse;
        return parts.map(p => [analyse.learned.has(p), analyse.wordTerms(p)]); }}""", parts)
    wrong = [(part, terms) for part, (_, terms) in zip(parts, browser) if terms != search_index.word_terms(language, part.lower())]
    assert wrong == []
    stemmed = [part for part in parts if search_index.word_terms(language, part.lower()) and not part[0].isdigit()]
    learned = [part for part, (was_learned, _) in zip(parts, browser) if was_learned]
    assert len(learned) >= 0.9 * len(stemmed), set(stemmed) - set(learned)


# ---------------------------------------------------------------------------- the offline edition


@pytest.fixture
def edition(offline_edition) -> Path:
    return offline_edition


@pytest.mark.parametrize("language", ["es", "en"])
def test_the_table_works_from_the_offline_editions_files(browser, edition, language):
    context = browser.new_context()
    page = context.new_page()
    folder = edition.as_uri() + "/"
    outside, errors = [], []
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(folder)
                  else (outside.append(route.request.url), route.abort()))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    try:
        page.goto(folder + ("index.html" if language == "es" else "en/index.html"))
        page.click("[data-search-open]")
        wait_until(page, f"!!(window.__siteSearch && window.__siteSearch.engine('{language}') "
                         f"&& window.__siteSearch.engine('{language}').bodyReady)")
        strip = lambda href: href[len(folder):]
        for kind, query_language, query, expected in QUERIES:
            if query_language != language or query not in OFFLINE:
                continue
            files = {page_url[:-1] + ".html" if page_url.endswith("/") else page_url or "index.html"
                     for page_url in _acceptable(expected)}
            results = _search(page, query, strip)
            assert files & set(results[:3]), (kind, query, results[:5])
        with page.expect_navigation():
            page.locator(".site-search__link").first.click()
        assert page.url.startswith(folder) and page.url != folder + "index.html"
        assert outside == [] and errors == []
    finally:
        context.close()


# ---------------------------------------------------------------------------- a broken synonyms file


@pytest.mark.parametrize("name, text, expected", [
    ("sinonimos.es.yml", "- [albergue, centro de acogida\n", "the file does not parse at line 2"),
    # The one YAML reader's rules and messages (issue #28): no tab, no key twice, UTF-8 only.
    ("sinonimos.es.yml", "- [albergue,\trefugio]\n", "line 1 holds a tab character"),
    ("sinonimos.es.yml", "- [albergue, refugio]\n- {a: 1, a: 2}\n", "the key 'a' appears twice (lines 2 and 2)"),
    ("sinonimos.es.yml", "- [albergue, refugio\x00]\n", "line 1, column 21 holds an invisible control character (U+0000, NUL)"),
    ("sinonimos.es.yml", "albergue: centro de acogida\n", "is not a list of groups"),
    ("sinonimos.es.yml", "- albergue\n", "is not a list of words or phrases"),
    ("sinonimos.es.yml", "- [albergue, 12]\n", "is not a word or phrase"),
    ("sinonimos.es.yml", "- []\n", "a group needs at least two"),
    ("sinonimos.es.yml", "- [albergue, Albergue]\n", "a group needs at least two"),
    ("sinonimos.es.yml", "- [albergue, de la]\n", "only words search ignores"),
    ("sinonimos.fr.yml", "- [refuge, abri]\n", "'fr' is not a language of the site"),
    ("otros.es.yml", "- [albergue, refugio]\n", "already holds the synonyms"),
])
def test_a_broken_synonyms_file_stops_the_build_with_one_message_naming_it(project, name, text, expected):
    (project / "docs" / "search" / name).write_text(text, encoding="utf-8")
    message = build_error(project)
    assert "docs/search/" in message and expected in message and "Fix:" in message, message
    if name != "otros.es.yml":
        assert name in message, message


def test_the_synonyms_files_are_not_published(site):
    assert not list(site.rglob("*.yml"))


# ---------------------------------------------------------------------------- a page's search settings


def test_a_search_boost_that_is_not_a_number_stops_the_build_naming_the_page_and_field(project):
    page = project / "docs" / "denunciar.es.md"
    page.write_text(page.read_text(encoding="utf-8").replace("boost: 2", "boost: alto", 1), encoding="utf-8")
    assert build_error(project) == (
        "docs/denunciar.es.md, field 'search.boost': 'alto' is not a number between 0 and 10. "
        "Fix: write 'search:' with an indented 'boost: 2' below it (higher ranks the page higher; 1 is the default).")


@pytest.mark.parametrize("search, field", [
    (True, "search"), ("2", "search"), ({"exclude": True}, "search"), ({"boost": None}, "search.boost"),
    ({"boost": 0}, "search.boost"), ({"boost": -1}, "search.boost"), ({"boost": True}, "search.boost"),
    ({"boost": 1e9}, "search.boost"),
])
def test_every_other_wrong_search_setting_is_refused_with_its_field(search, field):
    with pytest.raises(search_index.content_model.ContentError) as raised:
        search_index.page_boost("docs/x.es.md", search)
    assert str(raised.value).startswith(f"docs/x.es.md, field '{field}': ") and "Fix: " in str(raised.value)


def test_a_search_boost_may_be_whole_or_decimal_and_defaults_to_one():
    assert search_index.page_boost("docs/x.es.md", None) == 1.0
    assert search_index.page_boost("docs/x.es.md", {"boost": 2}) == 2.0
    assert search_index.page_boost("docs/x.es.md", {"boost": 1.5}) == 1.5


# ---------------------------------------------------------------------------- situations (issue #26)
# What happened to her, in her words: a page written for her must be among the first three, and
# every page for the public before any training or policy page. Queries by someone about their
# work, or plain queries, must keep their own page. A sample of bench/search-queries.yml's and
# bench/search-heldout.yml's rows, with a few of its own; extend it freely.
FOR_HER = ("publico/si-te-pasa-a-ti/", "publico/como-ocurre/", "publico/oferta-de-trabajo/", "denunciar/")
SITUATIONS = {
    "es": [("me quitaron mi dni", FOR_HER), ("mi enamorado no me deja salir", FOR_HER),
           ("debo dinero a mi patrón y no me deja irme", FOR_HER), ("me prometieron un trabajo en lima", FOR_HER),
           ("me vigilan todo el tiempo", ("seguridad/", "publico/si-te-pasa-a-ti/")),
           ("no me pagan hace meses", FOR_HER), ("tengo 15 años y me hacen trabajar en un bar", FOR_HER),
           ("me encierran con llave en la noche", FOR_HER), ("ayúdenme por favor", FOR_HER),
           ("trabajo todo el dia sin sueldo", FOR_HER), ("estoy encerrada", FOR_HER)],
    "en": [("they took my passport", FOR_HER), ("my boyfriend won't let me go out", FOR_HER),
           ("I owe a debt to my boss", FOR_HER), ("I was promised a job in Lima", FOR_HER),
           ("someone checks my phone", ("seguridad/", "publico/si-te-pasa-a-ti/")),
           ("I haven't been paid for months", FOR_HER), ("I am 15 and they make me work in a bar", FOR_HER),
           ("they lock me in at night", FOR_HER), ("please help me", FOR_HER), ("unpaid for months", FOR_HER),
           ("I'm locked in", FOR_HER)],
}
NOT_SITUATIONS = {
    "es": [("soy docente y quiero dar una charla sobre la trata", ("capacitacion/charla-5-minutos/", "capacitacion/")),
           ("quiero descargar los datos abiertos", ("datos/",)),
           ("mendicidad forzada", ("capacitacion/formas-de-explotacion/", "glosario/"))],
    "en": [("I want to download the open data", ("datos/",)),
           ("I need the session plan on forms of exploitation", ("capacitacion/formas-de-explotacion/plan/",)),
           ("restoring identity documents to victims", ("politica/restitucion-derechos/",))],
}


def _is_public(language: str, url: str) -> bool:
    """Whether a result ('en/publico/', 'denunciar/') is a page docs/search/ names for the public."""
    path = (url[len("en/"):] if language == "en" else url).rstrip("/")
    if not (ROOT / "docs" / f"{path}.{language}.md").is_file():
        path = f"{path}/index".lstrip("/")
    return situations_file.load(ROOT / "docs")[language].is_public(path)


@pytest.mark.parametrize("language", ["es", "en"])
def test_what_happened_to_her_finds_a_page_written_for_her_first_and_public_pages_before_the_rest(visit, language):
    _open_search(visit, language)
    prefix = "" if language == "es" else "en/"
    strip = lambda href: href[len(visit.base):]
    failures = []
    for query, expected in SITUATIONS[language]:
        results = list(dict.fromkeys(_search(visit.page, query, strip)))
        if not {prefix + page for page in expected} & set(results[:3]):
            failures.append(f"{query!r}: not in the top 3: {results[:5]}")
        public = [_is_public(language, r) for r in results]
        if False in public and True in public[public.index(False):]:
            failures.append(f"{query!r}: a page for the public below another: {results}")
    for query, expected in NOT_SITUATIONS[language]:
        results = list(dict.fromkeys(_search(visit.page, query, strip)))
        if not {prefix + page for page in expected} & set(results[:3]):
            failures.append(f"{query!r} (not her situation): {results[:5]}")
    assert failures == []
    assert visit.console_errors == []


@pytest.mark.parametrize("language, query, first", [
    ("es", "oferta de trabajo falsa", "publico/oferta-de-trabajo/"),
    ("en", "fake job offer", "en/publico/oferta-de-trabajo/"),
    # Every title of the module, the policy and this page holds the word: the public's page comes first.
    ("en", "trafficking", "en/publico/trata-en-5-minutos/"),
])
def test_a_title_that_holds_the_querys_words_comes_first_and_among_them_a_page_for_the_public(visit, language, query, first):
    _open_search(visit, language)
    assert _search(visit.page, query, lambda h: h[len(visit.base):])[0] == first


def test_typing_a_word_that_finds_nothing_downloads_the_other_language_only_once_she_pauses(visit):
    """A reader typing letter by letter passes through prefixes that find nothing; the other
    language's list is loaded (to count its results) only for a query she has stopped typing."""
    _open_search(visit, "es")
    other = lambda: [url for url in visit.requests if "index.en.js" in url or "snowball-en" in url]
    visit.page.fill("#site-search-input", "")
    # Quicker than the pause, each prefix finding nothing ("q", "qz"...): nothing is loaded.
    visit.page.locator("#site-search-input").press_sequentially("qzxwv", delay=60)
    visit.page.wait_for_timeout(300)
    assert other() == []
    assert visit.page.locator("[data-search-suggestion]").is_hidden()
    # She stops: the count is looked for once, in the other language's files.
    wait_until(visit.page, "!!document.querySelector('script[src*=\"index.en.js\"]')")
    visit.page.wait_for_timeout(500)
    assert len([url for url in other() if "index.en.js" in url]) == 1
    assert visit.console_errors == []


# ---------------------------------------------------------------------------- a broken situations file

_SITUATIONS_ES = """public: [publico/, denunciar]
self:
  words: [me, mi]
  endings: [irme]
  pages: [publico/si-te-pasa-a-ti]
work: [docente]
situations:
  - terms: [quitaron documentos]
    with_self: [dni]
    pages: [publico/si-te-pasa-a-ti, denunciar]
"""


@pytest.fixture
def situation_docs(tmp_path) -> Path:
    """A docs/ folder with the pages the files name, a good Spanish and a good English file."""
    docs = tmp_path / "docs"
    for page in ("publico/si-te-pasa-a-ti", "denunciar"):
        for language in ("es", "en"):
            (docs / f"{page}.{language}.md").parent.mkdir(parents=True, exist_ok=True)
            (docs / f"{page}.{language}.md").write_text("---\ntitle: x\n---\n", encoding="utf-8")
    (docs / "search").mkdir()
    (docs / "search" / "situaciones.es.yml").write_text(_SITUATIONS_ES, encoding="utf-8")
    (docs / "search" / "situations.en.yml").write_text(_SITUATIONS_ES.replace("[me, mi]", "[i, my]"), encoding="utf-8")
    return docs


def test_a_good_situations_file_loads_with_its_public_pages(situation_docs):
    loaded = situations_file.load(situation_docs)
    spanish = loaded["es"]
    assert spanish.self_words == ("me", "mi") and spanish.self_endings == ("irme",) and spanish.work == ("docente",)
    assert spanish.situations[0].pages == ("publico/si-te-pasa-a-ti", "denunciar")
    assert spanish.is_public("publico/como-ocurre") and spanish.is_public("denunciar") and not spanish.is_public("glosario")
    assert loaded["en"].self_words == ("i", "my")
    analysed = search_index.analysed_situations("es", spanish)
    assert analysed["groups"] == [(["quit document"], ["dni"])] and analysed["self"] == ["me", "mi"]
    payload = search_index.situations_payload(spanish, analysed, ["denunciar", "glosario", "publico/si-te-pasa-a-ti"])
    assert payload["selfPages"] == [2] and payload["groups"][0][2] == [2, 0] and payload["public"] == [0, 2]


@pytest.mark.parametrize("edit, field, problem", [
    (lambda t: "public: [publico/\n", None, "does not parse"),
    (lambda t: "- public\n", None, "is not a set of 'key: value' fields"),
    (lambda t: t.replace("public: ", "public:\t"), None, "holds a tab character"),
    (lambda t: t + "public: [denunciar]\n", "public", "appears twice"),
    (lambda t: t + "situaciones: []\n", "situaciones", "this field is not known here"),
    (lambda t: t.replace("public: [publico/, denunciar]\n", ""), "public", "it is missing or not a list"),
    (lambda t: t.replace("[publico/, denunciar]", "[nada/]"), "public", "there is no folder docs/nada/"),
    (lambda t: t.replace("[publico/, denunciar]", "[denunciar.md]"), "public", "'denunciar.md' is not a page"),
    (lambda t: t.replace("self:", "yo:"), "yo", "this field is not known here"),
    (lambda t: t.replace("  words: [me, mi]\n", "  words: me\n"), "self.words", "it is missing or not a list"),
    (lambda t: t.replace("[me, mi]", "[me, a mi]"), "self.words", "'a mi' is not one word"),
    (lambda t: t.replace("[me, mi]", "[me, 3]"), "self.words", "3 is not one word"),
    (lambda t: t.replace("[irme]", "[me]"), "self.endings", "'me' is shorter than 3 letters"),
    (lambda t: t.replace("  pages: [publico/si-te-pasa-a-ti]\n", "  pages: [publico/nada]\n"), "self.pages",
     "there is no docs/publico/nada.es.md"),
    (lambda t: t.replace("  endings:", "  page: x\n  endings:"), "self.page", "this field is not known here"),
    (lambda t: t.replace("work: [docente]", "work: docente"), "work", "it is missing or not a list"),
    (lambda t: t[: t.index("situations:")] + "situations: []\n", "situations", "it is missing or not a list"),
    (lambda t: t[: t.index("situations:")] + "situations: [dni]\n", "situations[1]", "'dni' is not a set of fields"),
    (lambda t: t.replace("    with_self: [dni]\n", "").replace("  - terms: [quitaron documentos]\n    pages", "  - pages"),
     "situations[1]", "it has no 'terms' and no 'with_self'"),
    (lambda t: t.replace("  - terms:", "  - term:"), "situations[1].term", "this field is not known here"),
    (lambda t: t.replace("[quitaron documentos]", "[12]"), "situations[1].terms", "12 is not a word or phrase"),
    (lambda t: t.replace("    pages: [publico/si-te-pasa-a-ti, denunciar]\n", ""), "situations[1].pages",
     "it is missing or not a list"),
    (lambda t: t.replace("pages: [publico/si-te-pasa-a-ti, denunciar]", "pages: [docs/denunciar]"), "situations[1].pages",
     "'docs/denunciar' is not a page"),
])
def test_every_mistake_in_a_situations_file_names_the_file_the_field_and_the_fix(situation_docs, edit, field, problem):
    path = situation_docs / "search" / "situaciones.es.yml"
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        situations_file.load(situation_docs)
    where = "docs/search/situaciones.es.yml" + (f", field '{field}'" if field else "")
    message = str(raised.value)
    assert message.startswith(where + ": ") and problem in message and ". Fix: " in message, message


@pytest.mark.parametrize("change, named, problem", [
    (lambda docs: (docs / "situaciones.fr.yml").write_text(_SITUATIONS_ES, encoding="utf-8"),
     "docs/search/situaciones.fr.yml", "'fr' is not a language of the site"),
    (lambda docs: (docs / "situations.es.yml").write_text(_SITUATIONS_ES, encoding="utf-8"),
     "docs/search/situations.es.yml", "docs/search/situaciones.es.yml already holds the situations in 'es'"),
    (lambda docs: (docs / "situations.en.yml").unlink(), "docs/search/situations.en.yml", "the file is missing"),
    (lambda docs: (docs / "situaciones.es.yml").write_bytes("public: [publico/]\n# situación\n".encode("latin-1")),
     "docs/search/situaciones.es.yml", "the file is not UTF-8 text"),
])
def test_a_situations_file_too_many_missing_or_unreadable_is_named_with_the_fix(situation_docs, change, named, problem):
    change(situation_docs / "search")
    with pytest.raises(ContentError) as raised:
        situations_file.load(situation_docs)
    assert str(raised.value).startswith(named + ": ") and problem in str(raised.value), str(raised.value)


@pytest.mark.parametrize("old, new, expected", [
    # A phrase of stop words alone: the search could never match it (read when the build starts).
    ("[pasaporte, dni,", "[de la, dni,", "docs/search/situaciones.es.yml, field 'situations[1].with_self': 'de la' holds "
                                       "only words search ignores"),
    # A page that exists but that search does not list (read when the language's pages are known).
    pytest.param("  pages: [publico/si-te-pasa-a-ti, denunciar]\n",
                 "  pages: [capacitacion/que-es-la-trata/paquete, denunciar]\n",
                 "docs/search/situaciones.es.yml, field 'self.pages': 'capacitacion/que-es-la-trata/paquete' is not a "
                 "page the search lists", marks=pytest.mark.whole_build),
])
def test_a_situation_the_search_cannot_use_stops_the_build_and_leaves_the_site(project, old, new, expected):
    path = project / "docs" / "search" / "situaciones.es.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    message = build_error(project)
    assert expected in message and "Fix:" in message, message
