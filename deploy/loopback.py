"""A built site served on a loopback port, with no log lines: the one server that
deploy/training-pdf.py prints the packs from and that the tests' Chromium reads the site from
(tests/conftest.py's `server`). Python's own threaded file server: the site is static files."""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(folder: Path | str) -> Iterator[str]:
    """Serve `folder` on 127.0.0.1 at a free port while the block runs; yields its base URL, with
    a trailing slash."""
    handler = functools.partial(_Quiet, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()
