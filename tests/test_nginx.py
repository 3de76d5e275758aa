"""The built site behind the project's nginx configuration (deploy/nginx.conf): compression, cache
lifetimes, security headers, the two 404 pages, and every kind of page loading in Chromium, both at
the root of a domain and under a sub-path."""

from __future__ import annotations

import gzip
import os
import re
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from bench import local_nginx
from bench.first_load import PAGE_KINDS as _KINDS
from conftest import ROOT, built_pages

SUB_PATH = "/trata/"
# One page of every kind; the 404 page is loaded through a missing address.
PAGE_KINDS = [*_KINDS.values(), "no-existe/"]
_META_CSP = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)"')


def _start(site: Path, workdir: Path, location: str, brotli: str = "auto"):
    try:
        return local_nginx.start(site, workdir, location, brotli)
    except local_nginx.NginxError as error:
        pytest.fail(str(error))


_stop = local_nginx.stop
render_nginx = local_nginx.render_nginx


@pytest.fixture(scope="module", params=["/", SUB_PATH], ids=["root", "sub-path"])
def nginx(request, site, tmp_path_factory) -> str:
    """The site served by nginx with the project's configuration; returns the base URL."""
    process, base = _start(site, tmp_path_factory.mktemp("nginx"), request.param)
    yield base
    _stop(process)


@pytest.fixture(scope="module")
def nginx_root(site, tmp_path_factory) -> str:
    process, base = _start(site, tmp_path_factory.mktemp("nginx-root"), "/")
    yield base
    _stop(process)


def fetch(url: str, encoding: str | None = None):
    """(status, headers, body decoded from any Content-Encoding we asked for)."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding} if encoding else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            status, headers, body = response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        status, headers, body = error.code, error.headers, error.read()
    if headers.get("Content-Encoding") == "gzip":
        body = gzip.decompress(body)
    return status, headers, body


def page_policy(site: Path) -> str:
    policies = {}
    for path in built_pages(site):
        meta = _META_CSP.search(path.read_text(encoding="utf-8"))
        if meta is not None:
            policies.setdefault(meta.group(1), []).append(path.relative_to(site))
    assert len(policies) == 1, {policy: pages[:3] for policy, pages in policies.items()}
    return next(iter(policies))


def _asset(site: Path, pattern: str) -> str:
    found = sorted(site.glob(pattern))
    assert found, pattern
    return str(found[0].relative_to(site))


# ---------------------------------------------------------------------------- HTTP


def test_compression(site, nginx_root):
    for url in ("", "en/politica/", _asset(site, "assets/stylesheets/site.*.min.css"),
                _asset(site, "assets/javascripts/site.*.min.js"), _asset(site, "politica/*.svg"),
                _asset(site, "datos/*.json")):
        status, headers, body = fetch(nginx_root + url, "gzip")
        assert status == 200, url
        assert headers["Content-Encoding"] == "gzip", url
        assert "Accept-Encoding" in headers.get("Vary", ""), url
        assert body == (site / url / "index.html" if url == "" or url.endswith("/") else site / url).read_bytes()
    status, headers, _ = fetch(nginx_root, None)
    assert "Content-Encoding" not in headers


# Every type of file the site ships (the published site adds the PDFs, the offline edition's zip
# and the sitemap; a web app manifest is what a theme upgrade could add), as nginx must send it:
# (Content-Type, compressed). Text carries "; charset=utf-8".
TYPES = {
    ".html": ("text/html", True), ".css": ("text/css", True), ".js": ("application/javascript", True),
    ".json": ("application/json", True), ".svg": ("image/svg+xml", True), ".csv": ("text/csv", True),
    ".txt": ("text/plain", True), ".xml": ("text/xml", True), ".webmanifest": ("application/manifest+json", True),
    ".png": ("image/png", False), ".pdf": ("application/pdf", False), ".zip": ("application/zip", False),
}
_TEXT = {".html", ".css", ".js", ".json", ".svg", ".csv", ".txt", ".xml", ".webmanifest"}


def test_the_site_ships_only_types_the_configuration_is_checked_for(site):
    shipped = {path.suffix for path in site.rglob("*") if path.is_file()}
    assert shipped - set(TYPES) == set(), "add the new type to deploy/nginx.conf (types, charset_types, gzip_types) and to TYPES"


def _sample_site(site: Path, served: Path) -> dict[str, str]:
    """A small site in `served`: the home and 404 pages, and one file of each type (the site's own
    largest where it ships one); returns each type's file name."""
    for name in ("index.html", "404.html", "en/404.html"):
        (served / name).parent.mkdir(parents=True, exist_ok=True)
        (served / name).write_bytes((site / name).read_bytes())
    samples = {}
    for suffix in TYPES:
        found = sorted(site.rglob(f"*{suffix}"), key=lambda path: -path.stat().st_size)
        data = found[0].read_bytes() if found else (b"x" * 1000 if suffix in (".pdf", ".zip") else b" " * 1000)
        (served / f"sample{suffix}").write_bytes(data)
        samples[suffix] = f"sample{suffix}"
    return samples


def test_every_type_is_sent_with_its_type_charset_and_compression(site, tmp_path):
    """One file of each type (the site's own where it ships one), served by the project's configuration."""
    served = tmp_path / "site"
    samples = _sample_site(site, served)
    process, base = _start(served, tmp_path / "nginx", "/")
    try:
        for suffix, (kind, compressed) in TYPES.items():
            status, headers, _ = fetch(base + samples[suffix], "gzip")
            expected = f"{kind}; charset=utf-8" if suffix in _TEXT else kind
            assert (status, headers["Content-Type"]) == (200, expected), suffix
            assert (headers.get("Content-Encoding") == "gzip") == compressed, suffix
    finally:
        _stop(process)


def test_brotli_where_the_module_is_loaded(site, nginx_root):
    module = Path("/usr/lib/nginx/modules") / render_nginx.BROTLI_MODULE
    if not module.is_file():
        pytest.skip("libnginx-mod-http-brotli-filter is not installed: gzip only")
    _, headers, _ = fetch(nginx_root + _asset(site, "assets/stylesheets/site.*.min.css"), "br, gzip")
    assert headers["Content-Encoding"] == "br"


def test_config_works_without_brotli(site, tmp_path):
    process, base = _start(site, tmp_path, "/", brotli="off")
    try:
        assert "brotli" not in (tmp_path / "conf" / "nginx.conf").read_text().replace("# Brotli", "")
        status, headers, _ = fetch(base + _asset(site, "assets/stylesheets/site.*.min.css"), "br, gzip")
        assert (status, headers["Content-Encoding"]) == (200, "gzip")
    finally:
        _stop(process)


def _raw(url: str, encoding: str | None) -> tuple[str | None, bytes]:
    """(Content-Encoding, the body as it crossed the wire)."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding} if encoding else {})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.headers.get("Content-Encoding"), response.read()


def test_precompressed_copies_are_what_nginx_sends(site, tmp_path):
    """deploy/precompress.py writes F.br and F.gz beside every text file, each the file itself once
    decompressed, with the file's time; nginx sends them as they are (not compressed again at level
    6), the file itself to a client that takes neither; files that do not compress get none."""
    import brotli

    precompress = render_nginx.precompress
    served = tmp_path / "site"
    samples = _sample_site(site, served)
    (served / "tiny.txt").write_bytes(b"ok")
    compressed = {suffix for suffix, (_, gzipped) in TYPES.items() if gzipped}
    assert compressed <= set(precompress.COMPRESSIBLE), "a type nginx compresses that precompress.py skips"
    script = subprocess.run([sys.executable, str(ROOT / "deploy" / "precompress.py"), str(served)],
                            capture_output=True, text=True, timeout=300)
    assert script.returncode == 0, script.stderr
    sources = [served / name for name in ("index.html", "404.html", "en/404.html", *samples.values())]
    for source in sources:
        data, times = source.read_bytes(), source.stat().st_mtime_ns
        br, gz = precompress.copy_of(source, ".br"), precompress.copy_of(source, ".gz")
        if source.suffix not in compressed:
            assert not br.exists() and not gz.exists(), source.name
            continue
        assert brotli.decompress(br.read_bytes()) == data, source.name
        assert gzip.decompress(gz.read_bytes()) == data, source.name
        assert br.stat().st_mtime_ns == gz.stat().st_mtime_ns == times, source.name
    assert sorted(path.name for path in served.glob("tiny.txt*")) == ["tiny.txt"], "a copy larger than its file"
    assert precompress.stale(served) == []

    static = (Path("/usr/lib/nginx/modules") / render_nginx.BROTLI_STATIC_MODULE).is_file()
    process, base = _start(served, tmp_path / "nginx", "/")
    try:
        for name in ("", "sample.css", "sample.js", "sample.json", "sample.svg"):
            source = served / (name or "index.html")
            assert _raw(base + name, "gzip") == ("gzip", precompress.copy_of(source, ".gz").read_bytes()), name
            assert _raw(base + name, None) == (None, source.read_bytes()), name
            if static:
                assert _raw(base + name, "br, gzip") == ("br", precompress.copy_of(source, ".br").read_bytes()), name
    finally:
        _stop(process)
    # Under a sub-path the 404 pages are rewritten as they are sent (their links from the root):
    # from the page itself, never from its compressed copy, whose bytes the rewrite would garble.
    assert render_nginx.needs_404_fix(served, SUB_PATH)
    process, base = _start(served, tmp_path / "nginx-sub", SUB_PATH)
    try:
        for encoding in ("br, gzip", "gzip"):
            status, headers, body = fetch(base + "no-existe/", encoding)
            body = brotli.decompress(body) if headers.get("Content-Encoding") == "br" else body
            text = body.decode("utf-8")
            assert status == 404 and 'href="/assets/' not in text and f'href="{SUB_PATH}assets/' in text, encoding
    finally:
        _stop(process)

    # A file removed since: its copies go at the next run, and so do a stopped run's partial
    # copies. A file written again since: nginx would send the copy of what it was, so the
    # configuration is not rendered until the copies are made again. A copy newer than its file
    # (MkDocs writes sitemap.xml.gz itself, after sitemap.xml) is no reason to refuse.
    (served / "sample.csv").unlink()
    (served / "sample.json.gz.4242.partial").write_bytes(b"half")
    precompress.precompress(served, workers=1)
    assert not list(served.glob("sample.csv.*")) and not list(served.glob("*.partial"))
    newer = precompress.copy_of(served / "sample.txt", ".gz")
    os.utime(newer, ns=(newer.stat().st_atime_ns, newer.stat().st_mtime_ns + 10**9))
    assert precompress.stale(served) == []
    os.utime(served / "sample.js", ns=(0, (served / "sample.js").stat().st_mtime_ns + 10**9))
    with pytest.raises(SystemExit, match=r"older than their files or have none, like sample\.js\.(br|gz): "
                                         r"run '\.venv/bin/python deploy/precompress\.py "):
        render_nginx.render(served, tmp_path / "conf")


def test_cache_lifetimes(site, nginx_root):
    immutable = "public, max-age=31536000, immutable"
    expected = {
        "": "no-cache", "en/": "no-cache", "politica/prevencion/": "no-cache", "en/glosario/": "no-cache",
        _asset(site, "assets/stylesheets/site.*.min.css"): immutable,
        _asset(site, "assets/javascripts/site.*.min.js"): immutable,
        "assets/favicon.svg": "public, max-age=300, must-revalidate",
        "search/index.es.js": "no-cache",
        "no-existe/": "no-cache",
    }
    for url, cache_control in expected.items():
        _, headers, _ = fetch(nginx_root + url, "gzip")
        assert headers.get_all("Cache-Control") == [cache_control], url
    _, headers, _ = fetch(nginx_root, "gzip")
    assert headers["ETag"] and headers["Last-Modified"]


def test_security_headers_and_the_pages_own_policy(site, nginx_root):
    policy = page_policy(site)
    documents = ("", "en/regiones/", "no-existe", "en/no-existe", "politica", _asset(site, "politica/*.svg"))
    subresources = (_asset(site, "assets/stylesheets/site.*.min.css"), _asset(site, "assets/javascripts/site.*.min.js"),
                    "datos/" + _asset(site / "datos", "*.json"))
    for url in documents + subresources:
        _, headers, _ = fetch(nginx_root + url)
        assert headers["X-Content-Type-Options"] == "nosniff", url
        assert headers["Referrer-Policy"] == "no-referrer", url
        assert headers["Server"] == "nginx", url
        if url.endswith(".svg"):   # an SVG runs and loads nothing: no feature to deny it
            assert headers.get_all("Content-Security-Policy") == [local_nginx.render_nginx.SVG_POLICY], url
            assert headers["X-Frame-Options"] == "DENY" and "Permissions-Policy" not in headers, url
        elif url in documents:
            assert headers.get_all("Content-Security-Policy") == [policy], url
            assert headers["X-Frame-Options"] == "DENY", url
            permissions = headers["Permissions-Policy"]
            for feature in ("camera", "microphone", "geolocation", "payment", "usb", "interest-cohort"):
                assert f"{feature}=()" in permissions, (url, feature)
            # Only features Chromium knows: it warns on every page about any other (the browser
            # test below listens for that); these three it does not know.
            for feature in ("ambient-light-sensor", "battery", "document-domain"):
                assert feature not in permissions, (url, feature)
        else:   # policies govern documents; on a stylesheet or script they only cost bytes
            assert not {"Content-Security-Policy", "Permissions-Policy", "X-Frame-Options"} & set(headers), url


def test_no_server_version_in_error_pages(nginx_root):
    request = urllib.request.Request(nginx_root, method="DELETE")
    try:
        urllib.request.urlopen(request, timeout=10)
    except urllib.error.HTTPError as error:
        assert error.headers["Server"] == "nginx"
        assert b"nginx/" not in error.read()


@pytest.mark.parametrize("url, language", [("xyz", "es"), ("politica/xyz/", "es"), ("en/xyz", "en"),
                                           ("en/politica/xyz/", "en")])
def test_404_pages_per_language(site, nginx, url, language):
    status, headers, body = fetch(nginx + url, "gzip")
    assert status == 404
    assert headers["Content-Type"].startswith("text/html")
    assert f'<html lang="{language}"'.encode() in body
    expected = site / ("en/404.html" if language == "en" else "404.html")
    if nginx.endswith(SUB_PATH):   # the 404 page's site-absolute links are moved under the sub-path
        assert b'href="/assets/' not in body and f'href="{SUB_PATH}assets/'.encode() in body
    else:
        assert body == expected.read_bytes()


def test_sub_path_serves_only_the_site(site, tmp_path):
    process, base = _start(site, tmp_path, SUB_PATH)
    try:
        assert fetch(base)[0] == 200
        assert fetch(base.replace(SUB_PATH, "/"))[0] == 404
    finally:
        _stop(process)


# ---------------------------------------------------------------------------- browser

_DIAGRAMS = {"": ["politica/diagrama-politica-trata.svg"], "en/": ["politica/trafficking-policy-diagram.svg"]}

_RECORD_CSP = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e =>
  window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
"""


@pytest.mark.parametrize("language", ["", "en/"], ids=["es", "en"])
def test_every_kind_of_page_loads_cleanly(browser, nginx, language):
    """... with no console error and no warning (a Permissions-Policy feature Chromium does not
    know is one on every page), and the standalone diagram too (opened alone, a document that
    names no icon makes Chromium ask for /favicon.ico)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.add_init_script(_RECORD_CSP)
    errors, failed = [], []
    page.on("console", lambda msg: msg.type in ("error", "warning") and errors.append(msg.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    # Chromium asks for the icon on its own after the load, at times after the network has gone
    # idle: the next page's navigation then cancels it (net::ERR_ABORTED), which is no failure of
    # the site. Any other failed request, and any icon the server refuses, is one.
    page.on("requestfailed", lambda request: not (request.url.endswith("/favicon.svg") and request.failure == "net::ERR_ABORTED")
            and failed.append(f"{request.url} {request.failure}"))
    page.on("response", lambda response: response.status >= 400 and response.request.resource_type != "document"
            and failed.append(f"{response.url} {response.status}"))
    try:
        for url in PAGE_KINDS:
            response = page.goto(nginx + language + url, wait_until="load")
            assert response.status == (404 if url == "no-existe/" else 200), url
            page.wait_for_load_state("networkidle")
            # Every stylesheet for the screen arrived: the shared one first (Material's rules and ours),
            # then one per feature the page holds (tests/test_assets.py); training pages add one for
            # print only (the module's name on each sheet), which the screen never waits for.
            sheets, links, first = page.evaluate(
                "[[...document.styleSheets].filter(s => s.media.mediaText !== 'print').length,"
                " document.querySelectorAll('link[rel=stylesheet]:not([media=print])').length,"
                " document.querySelector('link[rel=stylesheet]').getAttribute('href')]")
            assert sheets == links >= 1 and re.search(r"/site\.[0-9a-f]{8}\.min\.css$", first), url
            if url == "no-existe/":   # Chromium reports the 404 document's own status
                assert errors[:1] == ["Failed to load resource: the server responded with a status of 404 (Not Found)"]
                del errors[:1]
            assert (errors, failed, page.evaluate("window.__cspViolations")) == ([], [], []), url
            assert page.url.startswith(nginx), url
        for svg in _DIAGRAMS[language]:
            response = page.goto(nginx + language + svg, wait_until="load")
            assert response.status == 200 and response.headers["content-type"].startswith("image/svg+xml"), svg
            page.wait_for_timeout(500)  # the browser asks for an icon after the load
            assert (errors, failed) == ([], []), svg
        # Search downloads its index on demand, from the right place, under any path.
        page.goto(nginx + language + "glosario/", wait_until="load")
        with page.expect_response(lambda r: "/search/index." in r.url) as search:
            page.keyboard.press("Control+k")
        assert search.value.status == 200 and search.value.url.startswith(nginx)
        page.wait_for_load_state("networkidle")
        assert (errors, failed) == ([], [])
    finally:
        context.close()
