"""`make serve` rebuilds on changes in docs/, overrides/ and hooks/, keeps the writing-time policy
on every rebuild, and says plainly when a change needs a restart (issue #16)."""

import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request

from conftest import BUILD_ENV


def _serve_args(port):
    """The command `make serve` runs (read from the Makefile), on a free port."""
    from conftest import ROOT
    line = next(l for l in (ROOT / "Makefile").read_text().splitlines() if "mkdocs serve" in l)
    args = line.split("mkdocs serve", 1)[1].split()
    args[args.index("--dev-addr") + 1] = f"127.0.0.1:{port}"
    return [sys.executable, "-m", "mkdocs", "serve", *args]


def _get(url):
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def _until(predicate, what, timeout=240):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if predicate():
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {what}")


def test_serve_rebuilds_on_docs_overrides_and_hooks_and_asks_for_a_restart(project):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(_serve_args(port), cwd=project, env=BUILD_ENV,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    log = []
    threading.Thread(target=lambda: [log.append(line) for line in server.stdout], daemon=True).start()
    page = f"http://127.0.0.1:{port}/acerca/"
    try:
        _until(lambda: "Acerca" in _get(page), "the first build")

        def policy():
            return re.search(r'Content-Security-Policy" content="([^"]*)"', _get(page)).group(1)
        assert "'unsafe-inline'" in policy()

        docs = project / "docs/acerca.es.md"
        docs.write_text(docs.read_text(encoding="utf-8") + "\n\nPalabra-nueva-en-docs.\n", encoding="utf-8")
        _until(lambda: "Palabra-nueva-en-docs" in _get(page), "a rebuild after a change in docs/")
        assert "'unsafe-inline'" in policy(), "a rebuild lost the live-reload policy"

        footer = project / "overrides/partials/copyright.html"
        footer.write_text(footer.read_text(encoding="utf-8") + "\n<p>Palabra-nueva-en-overrides</p>\n", encoding="utf-8")
        _until(lambda: "Palabra-nueva-en-overrides" in _get(page), "a rebuild after a change in overrides/")

        renderer = project / "hooks/renderers/diagram.py"
        renderer.write_text(renderer.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
        _until(lambda: any("hooks/renderers/diagram.py changed since 'make serve' started" in line for line in log),
               "the message that a restart is needed")
        assert not any("Traceback" in line for line in log), "".join(log)
    finally:
        server.terminate()
        server.wait(timeout=30)
