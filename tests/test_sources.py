"""Sources an official can cite (issue 18): no link to a mirror or preview host, copies marked as
copies, every source line naming its publisher, and the 2030 objectives in their own words."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from content_model import sources
from conftest import LANGUAGES, PREFIXES, ROOT, built_pages, html

HOSTS = sources.registry()  # hooks/data/source-hosts.yml, as the build reads it
# The file as written, for the tests that read its entries (reprints' own articles, documents).
HOSTS_FILE = yaml.safe_load((ROOT / "hooks" / "data" / "source-hosts.yml").read_text(encoding="utf-8"))

# The pages whose sources issue 18 put in order: the policy, the regions, the context, the glossary,
# the five-minute summary, about and open data.
AUDITED = ("politica/", "regiones/", "contexto/", "glosario/", "publico/trata-en-5-minutos/", "acerca/", "datos/")

# The 2030 policy's priority objectives in its own words, as ../shared/policy-facts.md (section 1) gives them.
OBJECTIVES_2030 = (
    "Ampliar la vigilancia preventiva contra la trata de personas y sus formas de explotación en contextos con "
    "población en situación de riesgo y vulnerabilidad.",
    "Mejorar el funcionamiento del sistema de persecución, sanción penal y fiscalización para combatir el delito "
    "de trata de personas.",
    "Fortalecer la atención y el proceso de reintegración de las víctimas por el delito de trata de personas.",
)
OFFICIAL_2030 = ("https://www.gob.pe/77168-politicas-nacionales-multisectoriales-del-estado-peruano-que-vinculan-al-mimp-"
                 "por-las-tematicas-de-la-ley-n-30364-politica-nacional-frente-a-la-trata-de-personas-y-sus-formas-de-"
                 "explotacion-al-2030-pnftp")
FACTS_SHEET = ROOT.parent / "shared" / "policy-facts.md"


is_mirror = HOSTS.is_mirror


def _links(soup):
    return [a["href"] for a in soup.select("a[href]") if a["href"].startswith(("http://", "https://"))]


def _url(site: Path, path: Path) -> str:
    return path.relative_to(site).as_posix().removesuffix("index.html")


def _sources(soup):
    heading = soup.find(id="fuentes")
    if heading is None:
        return []
    items = []
    for sibling in heading.find_next_siblings():
        if sibling.name and re.fullmatch(r"h[1-2]", sibling.name):
            break
        items.extend(sibling.select("li") if sibling.name in ("ul", "ol") else [])
    return items


# ---------------------------------------------------------------------------- the list itself


def test_the_list_catches_the_mirror_hosts_the_issue_names_and_spares_publishers():
    for host in ("ojopublico.jerre-dev.xyz", "dev.antitraffickingreview.org", "deploy.studylib.es",
                 "elcomercio-gestion-prod.cdn.arcpublishing.com", "beta.inforegion.pe", "staging.example.pe"):
        assert is_mirror(host), host
    for host in ("ojo-publico.com", "www.antitraffickingreview.org", "studylib.es", "elcomercio.pe",
                 "inforegion.pe", "archivo.inforegion.pe", "www.gob.pe", "developer.example.org"):
        assert not is_mirror(host), host


# ---------------------------------------------------------------------------- the built site


def test_no_page_links_to_a_mirror_or_preview_host(site):
    found = [(_url(site, path), href) for path in built_pages(site)
             for href in _links(html(site, _url(site, path))) if is_mirror(urlsplit(href).hostname or "")]
    assert found == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_source_line_names_its_publisher_and_marks_copies_as_copies(site, language):
    checked = 0
    for path in built_pages(site):
        url = _url(site, path)
        if not url.removeprefix(PREFIXES[language]).startswith(AUDITED) or (language == "es" and url.startswith("en/")):
            continue
        for item in _sources(html(site, url)):
            text = re.sub(r"\s+", " ", item.get_text(" ")).strip()
            for link in item.select('a[href^="http"]'):
                host = (urlsplit(link["href"]).hostname or "").lower()
                before = text.split(link.get_text(" ").strip())[0].strip(" :;-")
                assert len(before) >= 3, (url, text)  # who published it comes before the address
                if host in HOSTS.copies:
                    assert re.search(r"\bcopia\b|\bcopy\b", text, re.I), (url, text)
                checked += 1
    assert checked > 300


# ---------------------------------------------------------------------------- copies and reprints (issue 25)

COPY_WORD = {"es": r"\bcopias?\b", "en": r"\bcop(?:y|ies)\b"}
OWN = {address.rstrip("/") for entry in HOSTS_FILE["reprints"].values() for address in entry.get("own") or ()}


def _names(publisher, language):
    names = publisher.get(language, publisher) if isinstance(publisher, dict) else publisher
    return [names] if isinstance(names, str) else list(names)


def _block(link):
    """The words a reader sees with a link: its parenthesis if it sits in one, else its part of a ' · '
    list, else its paragraph, list item or table cell (read here from the built HTML, on its own terms)."""
    block = link.find_parent(["li", "p", "td", "dd", "figcaption"])
    text = re.sub(r"\s+", " ", block.get_text(" ")).strip()
    words = re.sub(r"\s+", " ", link.get_text(" ")).strip()
    at = text.find(words)
    depth, start = 0, None
    for index in range(at - 1, -1, -1):  # the nearest parenthesis still open before the link
        depth += {")": 1, "(": -1}.get(text[index], 0)
        if depth < 0:
            start = index
            break
    if start is not None:
        close, depth = None, 0
        for index in range(at + len(words), len(text)):
            depth += {"(": 1, ")": -1}.get(text[index], 0)
            if depth < 0:
                close = index
                break
        if close is not None:
            return text[start: close + 1], block
    parts = text.split(" · ")
    return (next(part for part in parts if words in part) if len(parts) > 1 else text), block


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_link_to_a_copy_or_a_reprint_says_copy_names_the_publisher_and_puts_the_official_address_first(site, language):
    hosts = set(HOSTS_FILE["copies"]) | set(HOSTS_FILE["reprints"])
    documents = {address.rstrip("/"): entry for address, entry in HOSTS_FILE["documents"].items()}
    checked = 0
    for path in built_pages(site):
        url = _url(site, path)
        if (url.startswith("en/")) != (language == "en"):
            continue
        for link in html(site, url).select("article a[href^='http']"):
            address = link["href"].rstrip("/")
            if (urlsplit(address).hostname or "").lower() not in hosts or address in OWN:
                continue
            assert address in documents, (url, address)  # every copy the site links is known, with its publisher
            text, block = _block(link)
            assert re.search(COPY_WORD[language], text, re.I), (url, text)
            assert any(name.casefold() in text.casefold() for name in _names(documents[address]["publisher"], language)), (url, text)
            official = documents[address].get("official") or []
            official = [official] if isinstance(official, str) else official
            if official:
                earlier = [a["href"].rstrip("/") for a in block.select("a[href]")]
                earlier = earlier[: earlier.index(link["href"].rstrip("/"))]
                assert set(earlier) & {o.rstrip("/") for o in official}, (url, text)
            checked += 1
    assert checked > 100  # 242 links in the two languages today, and the regions' generated ones


def test_every_class_of_copy_the_issue_names_is_listed_with_its_original_publisher():
    documents = HOSTS_FILE["documents"]
    publishers = lambda host: {name for address, entry in documents.items() if urlsplit(address).hostname == host
                               for name in _names(entry["publisher"], "es")}
    assert "Agencia Andina" in publishers("elregionalpiura.com.pe")          # Andina reprinted by El Regional de Piura
    assert "El Peruano" in publishers("lpderecho.pe")                         # LP Derecho's decree texts
    assert "Departamento de Estado de los Estados Unidos" in publishers("www.ecoi.net")  # the US report on ecoi.net
    for host in ("docplayer.es", "fdocuments.es", "es.scribd.com", "studylib.es", "issuu.com"):
        assert host in HOSTS_FILE["copies"] and publishers(host), host
    # Official addresses come only from the facts sheet or the site: never a guessed one.
    known = FACTS_SHEET.read_text(encoding="utf-8") if FACTS_SHEET.is_file() else ""
    site_text = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "docs").rglob("*.md"))
    for entry in documents.values():
        for address in ([entry["official"]] if isinstance(entry.get("official"), str) else entry.get("official") or []):
            assert address in known or address in site_text, address


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_2030_page_gives_the_three_objectives_word_for_word_and_the_official_link(site, language):
    article = html(site, PREFIXES[language] + "contexto/de-2015-a-2030/").select_one("article")
    quoted = [span.get_text() for span in article.select(".official-text")]
    assert quoted[:3] == list(OBJECTIVES_2030)
    assert "3.1. Mejorar los mecanismos de detección de víctimas" in quoted
    assert article.select_one(f'a[href="{OFFICIAL_2030}"]')
    text = article.get_text(" ")
    assert ("lectura de este sitio" if language == "es" else "this site's reading") in text
    assert "42" in text and ("indicadores" if language == "es" else "indicators") in text


@pytest.mark.skipif(not FACTS_SHEET.is_file(), reason="the facts sheet is not beside this checkout")
def test_the_objectives_this_test_expects_are_the_facts_sheets_own():
    sheet = FACTS_SHEET.read_text(encoding="utf-8")
    for objective in OBJECTIVES_2030:
        assert f'"{objective}"' in sheet


def test_polaris_is_cited_by_its_article_not_its_home_page(site):
    for path in built_pages(site):
        for href in _links(html(site, _url(site, path))):
            if urlsplit(href).hostname == "polarisproject.org":
                assert urlsplit(href).path not in ("", "/"), _url(site, path)
