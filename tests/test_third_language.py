"""A third language is the README's recipe and nothing more (issue #29): a copy of the project gets
one, made from the English catalogue and pages exactly as README.md's "A language" says, and
builds strictly; its pages say their language and print the interface's words from its own
catalogue, never Spanish's or English's.

Every text of the three catalogues is marked with its language (`zzes-`, `zzen-`, `zzpt-` before the
words), so a word the page prints shows which catalogue served it. The content pages of the new
language are English copies: their own words are not marked, only the interface's are."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import copy_project, run_build

pytestmark = pytest.mark.whole_build  # builds a copy of the site in three languages

CODE = "pt"


# Words the build reads rather than prints: a source line's word for a copy (looked for in the
# pages), the word 'free' (in a free line's call button), the search's stemmer and stop words, the
# citation date's locale (read by the browser).
_READ_IN_PAGES = {("sources", "copy_words"), ("calls", "free_word"), ("search", "stemmer"), ("search", "stop_words"),
                  ("ui", "date_locale")}


def _mark(value, language: str, where: tuple = ()):
    """Every non-empty text of a catalogue part, prefixed with the language's mark."""
    if where[:2] in _READ_IN_PAGES:
        return value
    if isinstance(value, dict):
        return {key: _mark(item, language, (*where, key)) for key, item in value.items()}
    if isinstance(value, list):
        return [_mark(item, language, where) for item in value]
    if isinstance(value, str) and value.strip():
        return f"zz{language}-{value}"
    return value


def _add_language(project: Path) -> None:
    """README.md, "A language", step by step."""
    # 1. mkdocs.yml: the language under plugins.i18n.languages, with its site name and description.
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    entry = (f"        - locale: {CODE}\n          name: Português\n          build: true\n"
             f"          site_name: zz{CODE}-The National Policy, explained\n"
             f"          site_description: zz{CODE}-The policy, explained\n")
    anchor = "\nhooks:\n"
    assert text.count(anchor) == 1
    # The languages' list is the last thing under the i18n plugin: the new one goes at its end.
    plugins_end = text.index(anchor)
    text = text[:plugins_end].rstrip("\n") + "\n" + entry + text[plugins_end:]
    config.write_text(text, encoding="utf-8")
    # 2. hooks/content_model/base.py: the code in LANGUAGES, its name in LANGUAGE_NAMES.
    base = project / "hooks/content_model/base.py"
    code = base.read_text(encoding="utf-8")
    code, changed = re.subn(r'^LANGUAGES = \("es", "en"\)$', f'LANGUAGES = ("es", "en", "{CODE}")', code, flags=re.M)
    assert changed == 1, "base.py's LANGUAGES is not the line the README names"
    code, changed = re.subn(r'^(LANGUAGE_NAMES = \{.*)\}$', rf'\1, "{CODE}": "Portuguese"}}', code, flags=re.M)
    assert changed == 1, "base.py's LANGUAGE_NAMES is not the line the README names"
    base.write_text(code, encoding="utf-8")
    # 3. Every page, and every language file of docs/ (search's situations and synonyms), in the language.
    english = sorted((project / "docs").rglob("*.en.*"))
    assert english
    for path in english:
        shutil.copy2(path, path.with_name(path.name.replace(".en.", f".{CODE}.")))
    # 4. The data files' texts in each language (`{es: ..., en: ...}`: publishers' names in
    # hooks/data/source-hosts.yml, the statistics' counts in figures.yml) get one in the language.
    for path in sorted((project / "hooks/data").glob("*.yml")):
        if not path.name.startswith("words."):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            path.write_text(yaml.safe_dump(_with_language(data), allow_unicode=True, sort_keys=False), encoding="utf-8")
    # 5. Search: the language's Snowball stemmer in the browser (English's, as the pages are English).
    vendor = project / "overrides/assets/vendor/snowball-stemmers-0.6.0"
    shutil.copy2(vendor / "snowball-en.min.js", vendor / f"snowball-{CODE}.min.js")
    # 6. The interface's words: words.en.yml copied to words.<code>.yml (here marked, not translated).
    data = project / "hooks/data"
    for language in ("es", "en"):
        words = yaml.safe_load((data / f"words.{language}.yml").read_text(encoding="utf-8"))
        (data / f"words.{language}.yml").write_text(yaml.safe_dump(_mark(words, language), allow_unicode=True),
                                                     encoding="utf-8")
    english_words = yaml.safe_load((project / "hooks/data/words.en.yml").read_text(encoding="utf-8"))
    (data / f"words.{CODE}.yml").write_text(
        yaml.safe_dump(_mark(_unmark(english_words, "en"), CODE), allow_unicode=True), encoding="utf-8")


def _with_language(value):
    """Every `{es: ..., en: ...}` text of a data file with the new language's (the English one)."""
    if isinstance(value, dict):
        found = {key: _with_language(item) for key, item in value.items()}
        if {"es", "en"} <= set(found) and CODE not in found:
            found[CODE] = found["en"]
        return found
    if isinstance(value, list):
        return [_with_language(item) for item in value]
    return value


def _unmark(value, language: str):
    if isinstance(value, dict):
        return {key: _unmark(item, language) for key, item in value.items()}
    if isinstance(value, list):
        return [_unmark(item, language) for item in value]
    if isinstance(value, str):
        return value.removeprefix(f"zz{language}-")
    return value


@pytest.fixture(scope="module")
def third(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("third-language")
    project = copy_project(folder / "project")
    _add_language(project)
    result = run_build(project, folder / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    warnings = [line for line in (result.stdout + result.stderr).splitlines() if "WARNING" in line]
    assert not warnings, warnings
    yield folder / "site"
    shutil.rmtree(folder, ignore_errors=True)


def _pages(site: Path, language: str) -> list[Path]:
    if language == "es":
        return [p for p in site.rglob("index.html") if p.relative_to(site).parts[0] not in ("en", CODE)]
    return sorted((site / language).rglob("index.html"))


def test_the_new_language_has_every_page_with_its_lang(third):
    spanish, new = _pages(third, "es"), _pages(third, CODE)
    assert len(new) == len(spanish) == len(_pages(third, "en")) > 100
    for page in new:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        assert soup.html.get("lang") == CODE, page
    assert (third / CODE / "404.html").exists()
    assert (third / "search" / f"index.{CODE}.js").exists()


def test_the_new_language_prints_its_own_interface_words(third):
    """No Spanish or English catalogue word on the new language's pages (in text or attributes,
    scripts' data included), and its own on every one of them."""
    leaks = {}
    for page in _pages(third, CODE):
        html = page.read_text(encoding="utf-8")
        found = sorted(set(re.findall(r"zz(?:es|en)-[^<\"&]{0,40}", html)))
        if found:
            leaks[page.relative_to(third).as_posix()] = found[:5]
        assert f"zz{CODE}-" in html, page
    assert not leaks, leaks
    # The navigation's section titles (named in Spanish in mkdocs.yml's nav:) are the catalogue's.
    named = set(yaml.safe_load((third.parent / "project/hooks/data/words.es.yml").read_text(encoding="utf-8"))["nav"])
    for page in _pages(third, CODE)[::10]:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        titles = {span.get_text(strip=True) for span in soup.select(".md-nav .md-ellipsis")}
        assert not titles & named, (page, titles & named)
        assert any(title.startswith(f"zz{CODE}-") for title in titles), (page, titles)
    # And the files written beside the pages (the diagram's SVG, open data, the search list).
    for path in (third / CODE).rglob("*"):
        if path.is_file() and path.suffix in (".svg", ".json", ".csv", ".js", ".txt"):
            text = path.read_text(encoding="utf-8", errors="replace")
            assert not re.search(r"zz(?:es|en)-", text), (path, re.findall(r"zz(?:es|en)-[^<\"&]{0,40}", text)[:5])


def test_spanish_and_english_pages_keep_their_own_words(third):
    """Adding a language takes nothing from the others: each still prints only its own catalogue."""
    for language, other in (("es", ("en", CODE)), ("en", ("es", CODE))):
        pages = _pages(third, language)
        sample = pages[:: max(1, len(pages) // 20)]
        for page in sample:
            html = page.read_text(encoding="utf-8")
            assert not re.search(f"zz(?:{'|'.join(other)})-", html), page
            assert f"zz{language}-" in html, page
