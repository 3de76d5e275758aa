#!/usr/bin/env python3
"""Writes every trainer's pack as a PDF: one per module and language, A4 (what `make pdf` runs).

    python3 deploy/training-pdf.py [--site SITE] [--out dist/pdf]

Builds the site (`mkdocs build --strict`) unless --site names one already built, serves it on a
loopback port, opens each pack in Debian's Chromium (the one the tests drive) and prints it with
`page.pdf`: the pack's own print rules (training.css) lay it out, give every sheet its page
number and the module's name (`@page` margin boxes) and start each part on a new sheet. The
files are named as hooks/training.py expects (`paquete-<module>.<lang>.pdf`): a later build
finds them in OUT (its TRAINING_PDF_DIR, by default dist/pdf) and links them from the module's
overview and pack, and `make offline` puts them in the offline edition. The browser may reach
nothing but the loopback server. If anything fails, the PDFs already in OUT are left as they were.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

import content_model  # noqa: E402  (the hooks' own content model, as the build reads it)
import training as training_hook  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


def build(site_dir: Path) -> None:
    """`mkdocs build --strict` of the web layout; stops with the build's own message."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("OFFLINE_EDITION", None)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
                             "--site-dir", str(site_dir)], cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        errors = [line for line in result.stderr.splitlines() if "ERROR" in line or "WARNING" in line]
        raise SystemExit("the site was not built, so no PDF was written: "
                         + ("\n".join(errors) or result.stderr.strip()))


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def packs() -> list[tuple[str, str]]:
    """(site-relative address of the pack, PDF file name) for every module in both languages."""
    site = content_model.load_site(ROOT / "docs")
    return [(module.pack.url, training_hook.pdf_name(module))
            for language in content_model.LANGUAGES for module in site.training[language].modules]


def write_pdfs(site_dir: Path, out: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Quiet, directory=str(site_dir))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    written = []
    try:
        with tempfile.TemporaryDirectory(prefix="training-pdf-") as work, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM,
                                                 args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
            page = browser.new_page()
            page.route("**/*", lambda route: route.continue_()
                       if urlsplit(route.request.url).netloc == urlsplit(base).netloc else route.abort())
            partials = []
            for url, name in packs():
                response = page.goto(base + url, wait_until="load")
                if response is None or not response.ok:
                    raise SystemExit(f"the pack {url} did not load from the built site")
                target = Path(work) / name
                page.pdf(path=str(target), format="A4", prefer_css_page_size=True, print_background=True)
                partials.append(target)
            browser.close()
            out.mkdir(parents=True, exist_ok=True)
            for partial in partials:
                final = out / partial.name
                os.replace(partial, final) if partial.stat().st_dev == out.stat().st_dev else \
                    final.write_bytes(partial.read_bytes())
                written.append(final)
    finally:
        httpd.shutdown()
    return written


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a site already built (default: build one now)")
    parser.add_argument("--out", type=Path, default=ROOT / "dist" / "pdf", help="folder for the PDFs")
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"{CHROMIUM} is missing: run 'sudo apt-get install chromium', then retry")
    if args.site:
        written = write_pdfs(args.site, args.out)
    else:
        with tempfile.TemporaryDirectory(prefix="training-pdf-site-") as site_dir:
            # No PDFs from an earlier run in the site that prints the new ones.
            os.environ["TRAINING_PDF_DIR"] = str(Path(site_dir) / "none")
            build(Path(site_dir))
            written = write_pdfs(Path(site_dir), args.out)
    for path in written:
        print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: {path.stat().st_size / 1e3:.0f} kB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
