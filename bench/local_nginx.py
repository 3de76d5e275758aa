"""The built site behind the project's own nginx configuration, on a loopback port.

Used by the tests (tests/test_nginx.py, tests/test_budgets.py) and by `make bench`, so that both
measure the site exactly as deploy/nginx.conf serves it.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import socket
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NGINX = os.environ.get("NGINX", "/usr/sbin/nginx")

_spec = importlib.util.spec_from_file_location("render_nginx", ROOT / "deploy" / "render-nginx.py")
render_nginx = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(render_nginx)


class NginxError(RuntimeError):
    """nginx is missing or did not start; the message says why."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(site: Path, workdir: Path, location: str = "/", brotli: str = "auto", csp: str | None = None):
    """Start nginx in the foreground; returns (process, base URL ending in `location`).

    `csp` replaces the pages' own policy (render-nginx.render); "" sends none.
    """
    if not Path(NGINX).exists():
        raise NginxError("nginx is missing: run 'sudo apt-get install nginx' (make test does it as root)")
    port = free_port()
    conf = render_nginx.render(site, workdir / "conf", listen=f"127.0.0.1:{port}", location=location,
                               state_dir=str(workdir / "state"), brotli=brotli,
                               user="root" if os.geteuid() == 0 else None, csp=csp)
    log = workdir / "state" / "error.log"
    process = subprocess.Popen([NGINX, "-p", str(workdir), "-c", str(conf), "-e", str(log), "-g", "daemon off;"],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 10
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                output = process.communicate()[0].decode(errors="replace")
                raise NginxError(f"nginx did not start: {output} {log.read_text() if log.exists() else ''}") from None
            time.sleep(0.05)
    return process, f"http://127.0.0.1:{port}{location}"


def compression(modules_dir: str = "/usr/lib/nginx/modules") -> str:
    """What nginx sends a browser that takes Brotli, in words, from the modules this machine has."""
    static = (Path(modules_dir) / render_nginx.BROTLI_STATIC_MODULE).is_file()
    if (Path(modules_dir) / render_nginx.BROTLI_MODULE).is_file():
        return ("Brotli: deploy/precompress.py's copies (quality 11), level 6 on the fly for the rest"
                if static else "Brotli level 6 on the fly (libnginx-mod-http-brotli-static missing)")
    return "gzip only (libnginx-mod-http-brotli-filter missing): Zopfli's copies, level 6 on the fly for the rest"


def stop(process) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextlib.contextmanager
def serving(site: Path, workdir: Path, location: str = "/", brotli: str = "auto", csp: str | None = None):
    """`with serving(site, tmp) as base:` the site is served at `base` until the block ends."""
    process, base = start(site, workdir, location, brotli, csp)
    try:
        yield base
    finally:
        stop(process)
