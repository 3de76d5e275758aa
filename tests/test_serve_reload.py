"""`make serve` as a writer uses it (issues #16, #28): an edit to docs/, overrides/ or the
catalogue rebuilds and reloads the open page; an edit to any Python file the build runs (a hook
file, the content model, a renderer) restarts the server, and the page shows the new code's
output; a first build that fails waits for the fix instead of leaving no server behind."""

import re
import shlex
import shutil
import signal
import subprocess
import time
import urllib.error
import urllib.request

from playwright.sync_api import Error as PlaywrightError

from conftest import BUILD_ENV, ROOT, edit, free_port, page_markup, run_server, stop_server


def _make_serve(project, port):
    """The command `make serve` runs (as make prints it), on a free port, started in `project`."""
    printed = subprocess.run(["make", "-s", "-n", "serve", f"BIN={ROOT / '.venv' / 'bin'}", f"DEV_ADDR=127.0.0.1:{port}"],
                             cwd=ROOT, capture_output=True, text=True, check=True).stdout
    shutil.copytree(ROOT / "deploy", project / "deploy", ignore=shutil.ignore_patterns("__pycache__"))
    return run_server(shlex.split(printed.replace("\\\n", " ")), project, {**BUILD_ENV, "PYTHONDONTWRITEBYTECODE": "1"})


def _stop(server):
    """Ctrl+C, as a writer stops it: watchmedo stops the server it runs, then itself."""
    stop_server(server, signal.SIGINT)


def _get(url):
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def _until(predicate, what, log, timeout=240):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if predicate():
                return
        except (OSError, PlaywrightError):  # the server is restarting; the page is reloading
            pass
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {what}:\n" + "".join(log))


def test_every_edit_takes_effect_under_make_serve(project, browser):
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    context = browser.new_context()
    server, log = _make_serve(project, port)
    try:
        _until(lambda: "Acerca" in _get(base + "acerca/"), "the first build", log)
        policy = lambda: re.search(r'Content-Security-Policy" content="([^"]*)"', _get(base + "regiones/")).group(1)
        assert "'unsafe-inline'" in policy()

        # Saved together (one rebuild): a page, a template and the catalogue of interface words.
        docs = project / "docs/acerca.es.md"
        docs.write_text(docs.read_text(encoding="utf-8") + "\n\nPalabra-nueva-en-docs.\n", encoding="utf-8")
        footer = project / "overrides/partials/copyright.html"
        footer.write_text(footer.read_text(encoding="utf-8") + "\n<p>Palabra-nueva-en-overrides</p>\n", encoding="utf-8")
        edit(project / "hooks/data/words.es.yml", "  changes: Qué cambió\n", "  changes: Palabra-nueva-del-catalogo\n")
        expected = ("Palabra-nueva-en-docs", "Palabra-nueva-en-overrides", "Palabra-nueva-del-catalogo")
        _until(lambda: all(word in _get(base + "acerca/") for word in expected),
               "a rebuild after a change in docs/, overrides/ and hooks/data/", log)
        assert "'unsafe-inline'" in policy(), "a rebuild lost the live-reload policy"

        # The page a writer has open reloads by itself when the restarted server is up.
        page = context.new_page()
        page.goto(base + "regiones/", wait_until="load")
        page.wait_for_timeout(300)
        # A hook file, the content model and a renderer, saved together as an editor's "save all" does.
        edit(project / "hooks/csp.py", '"object-src \'none\'",', '"object-src \'none\'", "worker-src \'none\'",')
        edit(project / "hooks/content_model/regions.py", 'label=str(words["label"]),', 'label=str(words["label"]) + " Modelo-nuevo",')
        edit(project / "hooks/renderers/numbers.py", '    text = f"{share', '    text = "Renderer-nuevo" + f"{share')
        expected = ("worker-src 'none'", "Lima Modelo-nuevo", "Renderer-nuevo")
        _until(lambda: all(word in _get(base + "regiones/") for word in expected), "the restarted server's pages", log)
        _until(lambda: all(word in page_markup(page) for word in expected[1:]), "the open page to reload", log)
        assert "'unsafe-inline'" in policy()
        assert not any("Traceback" in line for line in log), "".join(log)
    finally:
        context.close()
        _stop(server)


def test_a_first_build_that_fails_waits_for_the_fix(project):
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    page = project / "docs/politica/cultura-rechazo.es.md"
    edit(page, "order: 1", "order: [1")
    server, log = _make_serve(project, port)
    try:
        _until(lambda: any("first build failed" in line for line in log), "the message that the server waits", log)
        assert any("docs/politica/cultura-rechazo.es.md: the front matter does not parse" in line for line in log)
        try:
            _get(base)
            raise AssertionError("something is served")
        except (urllib.error.URLError, ConnectionError):
            pass
        edit(page, "order: [1", "order: 1")
        _until(lambda: "Acerca" in _get(base + "acerca/"), "the build after the fix", log)
        assert not any("Traceback" in line for line in log), "".join(log)
    finally:
        _stop(server)
