"""Site-wide promises, checked on every built page of both languages."""

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import LANGUAGES, PUBLISHED_URL, ROOT, built_pages, html, language_of_page, site_edition

import content_model


def _url_of(site: Path, path: Path) -> str:
    return path.relative_to(site).as_posix()


def _resolves(site: Path, page_path: Path, href: str) -> bool:
    target = urlsplit(urljoin(_url_of(site, page_path), href)).path.lstrip("/")
    candidate = site / target
    return candidate.is_file() or (candidate / "index.html").is_file()


def test_every_source_page_exists_in_both_languages():
    docs = ROOT / "docs"
    stems = {re.sub(r"\.(es|en)\.md$", "", p.relative_to(docs).as_posix()) for p in docs.rglob("*.md")}
    for stem in stems:
        for language in LANGUAGES:
            assert (docs / f"{stem}.{language}.md").is_file(), f"{stem} has no {language} page"


def test_every_page_is_built_in_both_languages(site):
    pages = content_model.load_site(ROOT / "docs").pages
    for src_uri in pages:
        if src_uri.rsplit("/", 1)[-1].startswith("_"):
            continue   # a shared text included by other pages (exclude_docs in mkdocs.yml), not a page
        for language in LANGUAGES:
            url = content_model.page_url(src_uri, language)
            assert (site / url / "index.html").is_file(), f"{src_uri} not built in {language}"


def test_html_lang_matches_the_language_of_each_page(site):
    for path in built_pages(site):
        if path.name == "404.html":
            continue
        assert html(site, _url_of(site, path)).html["lang"] == language_of_page(site, path), path


def test_the_language_switch_leads_to_the_same_page_in_the_other_language(site):
    for path in built_pages(site):
        if path.name == "404.html":
            continue
        page = html(site, _url_of(site, path))
        here = language_of_page(site, path)
        switches = page.select("a.language-switch")
        assert len(switches) == 1, path
        other = switches[0]["hreflang"]
        assert other != here
        target = urlsplit(urljoin(_url_of(site, path), switches[0]["href"])).path.lstrip("/")
        rel = _url_of(site, path)
        expected = rel[len("en/"):] if here == "en" else "en/" + rel
        assert target + ("index.html" if target.endswith("/") or not target else "") == expected, path


def test_the_reporting_strip_is_on_every_page_with_the_1818_line(site):
    for path in built_pages(site):
        page = html(site, _url_of(site, path))
        strip = page.select_one(".report-strip")
        assert strip is not None, path
        assert strip.select_one('a[href="tel:1818"]') is not None, path
        report_link = [a for a in strip.select("a") if not a["href"].startswith("tel:")][0]
        assert _resolves(site, path, report_link["href"]), path
        expected_language = language_of_page(site, path)
        target = urlsplit(urljoin(_url_of(site, path), report_link["href"])).path.lstrip("/")
        assert target.startswith("en/") == (expected_language == "en"), path


_OUTSIDE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)


def test_no_page_loads_anything_from_another_host(site):
    offenders = []
    for path in built_pages(site):
        page = html(site, _url_of(site, path))
        for tag, attr in (("script", "src"), ("img", "src"), ("iframe", "src"), ("source", "src"),
                          ("link", "href"), ("video", "src"), ("audio", "src"), ("object", "data")):
            for element in page.find_all(tag):
                value = element.get(attr)
                if not value:
                    continue
                if tag == "link" and not set(element.get("rel", [])) & {"stylesheet", "preload", "icon", "modulepreload", "prefetch", "manifest"}:
                    continue
                if _OUTSIDE.match(value) or value.startswith("http"):
                    offenders.append(f"{path}: <{tag} {attr}={value}>")
    for css in site.rglob("*.css"):
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", css.read_text(encoding="utf-8")):
            if _OUTSIDE.match(url):
                offenders.append(f"{css}: url({url})")
    assert offenders == []


def test_site_names_and_descriptions_are_per_language(site):
    spanish, english = html(site, ""), html(site, "en/")
    assert "Política Nacional frente a la Trata de Personas" in spanish.title.get_text()
    assert "National Policy against Trafficking in Persons" in english.title.get_text()
    assert spanish.select_one('meta[name="description"]')["content"] != english.select_one('meta[name="description"]')["content"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_policy_guideline_page_has_at_least_120_words_of_its_own(site, language):
    tree = content_model.load_site(ROOT / "docs").tree(language)
    for node in tree.nodes:
        article = BeautifulSoup(str(html(site, node.url).select_one("article")), "html.parser")
        for generated in article.select("nav.policy-path, .policy-context, #en-contexto, .diagram, figure, details, h1"):
            generated.decompose()
        words = len(article.get_text(" ", strip=True).split())
        assert words >= 120, f"{node.url}: {words} words"


@pytest.mark.parametrize("url, title", [("glosario/", "Enlace a esta sección"), ("en/glosario/", "Link to this section")])
def test_heading_anchor_links_speak_the_pages_language(site, url, title):
    links = html(site, url).select("a.headerlink")
    assert links and {a["title"] for a in links} == {title}


@pytest.mark.parametrize("url, language, home", [("404.html", "es", "/"), ("en/404.html", "en", "/en/")])
def test_the_404_page_speaks_the_language_of_its_folder(site, url, language, home):
    page = html(site, url)
    assert page.html["lang"] == language
    targets = {urlsplit(urljoin("https://host/" + url, a["href"])).path for a in page.select("article a")}
    assert {home, home + "denunciar/"} <= targets


def test_without_site_url_no_sitemap_with_broken_addresses_is_written(site):
    assert not (site / "sitemap.xml").exists()


def test_with_site_url_pages_get_canonical_links_and_the_sitemap_lists_both_languages(published):
    out = published.site
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{PUBLISHED_URL}politica/cultura-rechazo/</loc>" in sitemap
    assert f'hreflang="en" href="{PUBLISHED_URL}en/politica/cultura-rechazo/"' in sitemap
    assert "None" not in sitemap
    page = (out / "en" / "glosario" / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{PUBLISHED_URL}en/glosario/">' in page
    assert 'rel="alternate"' not in page


def test_every_page_404s_included_carries_the_same_content_security_policy(site):
    policies = set()
    for path in built_pages(site):
        meta = html(site, path.relative_to(site).as_posix()).select_one('meta[http-equiv="Content-Security-Policy"]')
        assert meta is not None, path
        policies.add(meta["content"])
    assert len(policies) == 1
    policy = policies.pop()
    assert "default-src 'none'" in policy and "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy


def test_every_page_shows_the_edition_and_the_changelog_lists_it(site):
    edition = site_edition()
    for path in built_pages(site):
        footer = html(site, path.relative_to(site).as_posix()).select_one(".edition")
        assert footer is not None, path
        assert f"{edition['version']} ({edition['date']})" in footer.get_text(), path
    for language in LANGUAGES:
        changes = html(site, ("" if language == "es" else "en/") + "cambios/")
        latest = changes.select("article h2")[0].get_text()
        assert edition["version"] in latest and edition["date"] in latest


def test_every_policy_page_says_how_to_cite_it(site):
    edition = site_edition()
    for language in LANGUAGES:
        for node in content_model.load_site(ROOT / "docs").tree(language).nodes:
            cite = html(site, node.url).select_one(".policy-cite").get_text(" ")
            assert "001-2015-JUS" in cite and node.title in cite, node.url
            assert edition["version"] in cite and edition["date"] in cite and node.url in cite
