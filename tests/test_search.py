"""Search (issue #14): what people type finds the right page, in the reader's language, over HTTP
and from the offline edition's files; the index leaves out what nobody searches for; the
Python and browser analysers agree; the dialog works by keyboard and fits a phone; a broken
synonyms file stops the build."""

from __future__ import annotations

import gzip
import json
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

import pytest

import search_index
from conftest import BUILD_ENV, ROOT, build_error, wait_until

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


# Known misses, each found lower down (issue #14 stays open for them): since edition 1.2 the home page
# leads with help for someone at risk, and outranks the public pages for this sentence.
TOP = {"What can I do to help someone?": 5}


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
    assert not page.evaluate("window.__siteSearch.engine('es').bodyReady"), "the body was indexed too soon to test"
    # The first results come from titles and headings only: the page titled so comes first.
    assert page.locator(".site-search__link").first.get_attribute("href").rstrip("/").endswith("politica/proteccion")
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
    assert f"docs/search/" in message and expected in message and "Fix:" in message, message
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
