"""A page costs a reader on a prepaid phone plan at most 90 KB and 12 requests the first time.

Two checks of the same budget (issue #8):
- measured: a page of every kind, in both languages, loaded in Chromium from the project's nginx
  configuration with an empty cache; bytes are what crossed the wire (compressed bodies and headers);
- counted: every built page and the files its HTML links, each fetched from the same nginx with
  gzip (what a server without Brotli sends; Brotli is smaller still), headers included.
Speed is not tested here: `make bench` measures it. The measured loads also carry the checks of
test_browser_safety.py (errors, CSP, other sites) and test_assets.py (the files asked for) for the
pages of every kind, so that no page kind is loaded three times.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from bench import local_nginx
from bench.first_load import PAGE_KINDS, measure
from conftest import ASSET_FILE, PREFIXES, ROOT, PageWatch, built_pages, expected_files, html, markup, watch_page

MAX_BYTES = 90_000
MAX_REQUESTS = 12


@pytest.fixture(scope="module")
def nginx_site(site, tmp_path_factory) -> str:
    try:
        with local_nginx.serving(site, tmp_path_factory.mktemp("budget-nginx")) as base:
            yield base
    except local_nginx.NginxError as error:
        pytest.fail(str(error))


@pytest.mark.parametrize("language", PREFIXES.values(), ids=PREFIXES.keys())
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_first_load_of_every_kind_of_page_fits_the_budget_is_safe_and_asks_only_for_its_files(
        browser, site, nginx_site, kind, language):
    """One load of the page for three files' checks. Also what test_browser_safety.py asks of
    every page (it loads the pages of its sample that are of no kind here): a 200, no console
    error, no CSP violation, nothing asked of another site, once the page has gone idle; and what
    test_assets.py asks of the browser: the stylesheets and scripts it asks for are the ones the
    page's markup needs (extra.assets in mkdocs.yml), each once."""
    watched = PageWatch(nginx_site)
    load = measure(browser, nginx_site + language + PAGE_KINDS[kind],
                   watch=lambda page: watch_page(page, nginx_site, watched)[1])
    assert watched.statuses == [200]
    assert watched.console_errors == []
    assert watched.csp_violations == []
    assert watched.outside_requests() == []
    loaded = {"css": [], "js": []}
    for url in watched.requests:
        match = ASSET_FILE.search(urlsplit(url).path)
        if match:
            loaded[match.group("ext")].append(match.group("name"))
    page = site / (language + PAGE_KINDS[kind]) / "index.html"
    expected = expected_files(markup(page.read_text(encoding="utf-8")))
    assert {ext: sorted(names) for ext, names in loaded.items()} == \
        {ext: sorted(names) for ext, names in expected.items()}, watched.requests
    detail = "\n".join(f"{size:>7} {url}" for url, size in load.responses.items())
    assert load.requests <= MAX_REQUESTS, detail
    assert load.bytes <= MAX_BYTES, detail
    # Search costs nothing until it is used.
    assert not any("/search/" in url for url in load.responses), detail
    # Everything came from the site itself.
    assert all(url.startswith(nginx_site) for url in load.responses), detail


def test_every_built_page_fits_the_budget(site, nginx_site):
    fetched: dict[str, int] = {}

    def wire_bytes(address: str) -> int:
        if address not in fetched:
            request = urllib.request.Request(nginx_site + address.lstrip("/"), headers={"Accept-Encoding": "gzip"})
            try:
                response = urllib.request.urlopen(request, timeout=10)
            except urllib.error.HTTPError as error:   # the 404 pages, fetched by their own address
                response = error
            with response:
                fetched[address] = len(response.read()) + len(str(response.headers)) + len("HTTP/1.1 200 OK\r\n")
        return fetched[address]

    over = []
    pages = built_pages(site)
    for page in pages:
        address = "/" + page.relative_to(site).as_posix()
        linked = _linked_files(site, address, html(site, page.relative_to(site).as_posix()))
        total = wire_bytes(address) + sum(wire_bytes(asset) for asset in linked)
        if len(linked) + 1 > MAX_REQUESTS or total > MAX_BYTES:
            over.append(f"{address}: {len(linked) + 1} requests, {total} bytes")
    assert len(pages) > 200
    assert not over, "\n".join(over)


# The addresses of the files a browser fetches to show the page: stylesheets, scripts, icons, images.
def _linked_files(site: Path, address: str, soup) -> set[str]:
    references = [tag["href"] for tag in soup.select("link[href]")
                  if {"stylesheet", "icon"} & set(tag.get("rel", []))]
    references += [tag["src"] for tag in soup.select("script[src], img[src]")]
    files = set()
    for reference in references:
        if reference.startswith("data:"):
            continue
        target = urlsplit(urljoin(address, reference))
        assert not target.netloc, f"{address} links {reference} on another site"
        assert (site / target.path.lstrip("/")).is_file(), f"{address} links {reference}, which is not in the site"
        files.add(target.path)
    return files


def test_every_class_a_page_or_script_uses_keeps_materials_rules_for_it(site):
    """hooks/asset_bundle.py keeps of Material's stylesheet only the rules whose classes some page
    or script names: every class of Material's that a built page or one of our scripts uses must
    still have a rule in the shared stylesheet (a code block, content tabs... styled as the theme
    styles them), and the shared stylesheet is a fraction of Material's."""
    import material

    theme_css = "".join(path.read_text(encoding="utf-8") for pattern in ("main.*.min.css", "palette.*.min.css")
                        for path in (Path(material.__file__).parent / "templates" / "assets" / "stylesheets").glob(pattern))
    shared = next((site / "assets" / "stylesheets").glob("site.*.min.css")).read_text(encoding="utf-8")
    used = {}
    for page in built_pages(site):
        for match in re.finditer(r'class="([^"]*)"', page.read_text(encoding="utf-8")):
            for name in match.group(1).split():
                used.setdefault(name, page.relative_to(site).as_posix())
    for script in (ROOT / "overrides" / "assets" / "js").glob("*.js"):
        for name in re.findall(r"md-[a-z0-9_-]+", script.read_text(encoding="utf-8")):
            used.setdefault(name, script.name)
    assert len(used) > 100

    def styled(name, css):
        return re.search(r"\." + re.escape(name) + r"(?![\w-])", css) is not None

    themed = {name for name in used if styled(name, theme_css)}
    assert len(themed) > 30
    assert {name: used[name] for name in themed if not styled(name, shared)} == {}
    assert len(shared) < 0.6 * len(theme_css)
