"""`make serve`: MkDocs' development server with this project, as a writer uses it."""

import sys
import time

import pytest

from conftest import BUILD_ENV, ROOT, free_port, page_markup, run_server, serving, stop_server


@pytest.fixture(scope="module")
def dev_server():
    port = free_port()
    server, log = run_server([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                             ROOT, BUILD_ENV)
    base = f"http://127.0.0.1:{port}/"
    try:
        serving(server, log, base, 120)
        yield base
    finally:
        stop_server(server)


@pytest.mark.parametrize("url", ["politica/", "en/capacitacion/que-es-la-trata/cuestionario/"])
def test_pages_reload_on_save_and_still_load_nothing_from_another_site(browser, dev_server, url):
    """The live-reload script the server adds must run (the build's policy would block it),
    and the rest of the Content-Security-Policy still holds."""
    context = browser.new_context()
    page = context.new_page()
    messages, violations = [], []
    page.on("console", lambda message: messages.append(message.text))
    page.on("request", lambda request: request.url.startswith(dev_server) or violations.append(request.url))
    try:
        page.goto(dev_server + url, wait_until="load")
        policy = page.get_attribute("meta[http-equiv=Content-Security-Policy]", "content")
        assert "default-src 'none'" in policy and "script-src 'self' 'unsafe-inline';" in policy
        page.wait_for_timeout(300)
        assert "Enabled live reload" in messages
        assert not [m for m in messages if "Content Security Policy" in m]
        assert violations == []
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") in ("default", "slate")
    finally:
        context.close()


def test_the_built_site_allows_no_inline_script_by_keyword(site):
    """Only `mkdocs serve` relaxes the policy; `mkdocs build` lists hashes."""
    page = (site / "index.html").read_text(encoding="utf-8")
    assert "'unsafe-inline'" not in page and "'sha256-" in page


def test_serve_clean_serves_the_site_and_reloads_it_on_save(project, browser):
    """`mkdocs serve --clean`: MkDocs tells the hooks 'build' there, yet it serves its own temporary
    folder (not the atomic build's staging folder) with its live-reload script. A bare `mkdocs
    serve` restarts on nothing, so a rebuild after a hook file's edit names it and stops (the old code runs)."""
    port = free_port()
    context = browser.new_context()
    page = context.new_page()
    messages = []
    page.on("console", lambda message: messages.append(message.text))
    server, log = run_server(
        [sys.executable, "-m", "mkdocs", "serve", "--clean", "--dev-addr", f"127.0.0.1:{port}", "--watch", "hooks"],
        project, BUILD_ENV)
    base = f"http://127.0.0.1:{port}/"
    try:
        serving(server, log, base + "acerca/", 240)
        response = page.goto(base + "acerca/", wait_until="load")
        assert response.status == 200
        page.wait_for_timeout(300)
        assert "Enabled live reload" in messages and not [m for m in messages if "Content Security Policy" in m]
        docs = project / "docs/acerca.es.md"
        docs.write_text(docs.read_text(encoding="utf-8") + "\n\nPalabra-nueva-en-docs.\n", encoding="utf-8")
        deadline = time.monotonic() + 240
        while "Palabra-nueva-en-docs" not in page_markup(page):
            assert time.monotonic() < deadline, "the page did not reload:\n" + "".join(log)
            page.wait_for_timeout(500)
        # The old code would build the next pages: the rebuild names the file and stops (strict).
        hook = project / "hooks/csp.py"
        hook.write_text(hook.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
        deadline = time.monotonic() + 240
        while not any("hooks/csp.py changed since the server started" in line for line in log):
            assert time.monotonic() < deadline, "no word that the old code runs:\n" + "".join(log)
            time.sleep(0.5)
    finally:
        context.close()
        stop_server(server)
