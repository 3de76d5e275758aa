#!/usr/bin/env python3
"""Writes every trainer's pack as a PDF: two per module and language, A4 (what `make pdf` runs).

    python3 deploy/training-pdf.py [--site SITE] [--out dist/pdf] [--changed-only]
    python3 deploy/training-pdf.py --publish site [--out dist/pdf]      (what `make build` runs)

Builds the site (`mkdocs build --strict`) unless --site names one already built, serves it on a
loopback port, opens each pack in Debian's Chromium (the one the tests drive) and prints it with
`page.pdf`: the full pack (`paquete-<module>.<lang>.pdf`) and the 45-minute pack
(`paquete-45-<module>.<lang>.pdf`, four A4 sheets at most). The packs' own print rules
(training.css) lay them out, give every sheet its page number and the module's name (`@page`
margin boxes) and start each part on a new sheet. The files are named as hooks/training.py
expects: a later build finds them in OUT (its TRAINING_PDF_DIR, by default dist/pdf), copies them
beside the modules and links them, with their size, from each module's overview, plan and packs;
`make offline` puts them in the offline edition. The browser may reach nothing but the loopback
server. If anything fails, the PDFs already in OUT are left as they were.

Printing takes Chromium about a second a pack, so it is not part of every build (`mkdocs serve`
rebuilds on each save). OUT/manifest.json records, for each PDF, a fingerprint of what was
printed: the pack's article as printed (screen-only parts left out, so the PDF links and their
sizes do not count) and the stylesheets and scripts the page loads. `--changed-only` prints only
the packs whose fingerprint changed. `--publish SITE_DIR` is the publishing build: it builds
SITE_DIR with the PDFs in OUT, prints the packs that changed into OUT, and, if any did, builds
SITE_DIR again so that every link and size is the new file's. With nothing changed it costs one
build and no browser.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urljoin, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))
sys.path.insert(0, str(ROOT / "deploy"))

import content_model  # noqa: E402  (the hooks' own content model, as the build reads it)
import training as training_hook  # noqa: E402
from loopback import serve  # noqa: E402  (deploy/loopback.py: the tests' server too)

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
MANIFEST = "manifest.json"


def build(site_dir: Path, pdf_dir: Path | None = None) -> None:
    """`mkdocs build --strict` of the web layout (linking the PDFs in `pdf_dir`, or none); stops
    with the build's own message."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1",
           "TRAINING_PDF_DIR": str(pdf_dir) if pdf_dir else str(site_dir.parent / "no-pdf")}
    env.pop("OFFLINE_EDITION", None)
    # Not --quiet: it silences warnings before strict mode can count them.
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
                            cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        errors = [line for line in result.stderr.splitlines() if "ERROR" in line or "WARNING" in line]
        raise SystemExit("the site was not built, so no PDF was written: "
                         + ("\n".join(errors) or result.stderr.strip()))
    done = [line for line in result.stderr.splitlines() if "Documentation built" in line]
    print(f"{site_dir}: " + (done[-1].split("-", 1)[-1].strip() if done else "built"))


def packs() -> list[tuple[str, str]]:
    """(site-relative address of the pack, PDF file name) for both packs of every module, both languages."""
    site = content_model.load_site(ROOT / "docs")
    found = []
    for language in content_model.LANGUAGES:
        for module in site.training[language].modules:
            found.append((module.pack.url, training_hook.pdf_name(module)))
            found.append((module.short_pack.url, training_hook.pdf_name(module, short=True)))
    return found


def fingerprint(site_dir: Path, url: str) -> str:
    """What a pack's PDF depends on, as a SHA-256: the article as printed (screen-only parts left
    out) and every stylesheet and script the page loads."""
    from bs4 import BeautifulSoup

    page = site_dir / url / "index.html" if not url.endswith(".html") else site_dir / url
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article") or soup
    for element in article.select("[data-screen-only], .screen-only"):
        element.decompose()
    digest = hashlib.sha256(str(article).encode("utf-8"))
    here = "/" + page.relative_to(site_dir).as_posix()
    for element in soup.select('link[rel="stylesheet"][href], script[src]'):
        target = urlsplit(urljoin(here, element.get("href") or element.get("src"))).path.lstrip("/")
        path = site_dir / target
        digest.update(f"\n{target} {element.get('media', '')}\n".encode("utf-8"))
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def read_manifest(out: Path) -> dict[str, str]:
    try:
        found = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
        return found if isinstance(found, dict) else {}
    except (OSError, ValueError):
        return {}


def write_pdfs(site_dir: Path, out: Path, changed_only: bool = False) -> list[Path]:
    """Print the packs of the site in `site_dir` into `out` (with `changed_only`, only those whose
    fingerprint differs from the manifest's, or whose file is missing); returns the files written."""
    from playwright.sync_api import sync_playwright

    manifest = read_manifest(out) if changed_only else {}
    wanted = []
    for url, name in packs():
        print_id = fingerprint(site_dir, url)
        if manifest.get(name) != print_id or not (out / name).is_file():
            wanted.append((url, name, print_id))
    if not wanted:
        return []
    written = []
    with serve(site_dir) as base, tempfile.TemporaryDirectory(prefix="training-pdf-") as work, \
            sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM,
                                             args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
        page = browser.new_page()
        page.route("**/*", lambda route: route.continue_()
                   if urlsplit(route.request.url).netloc == urlsplit(base).netloc else route.abort())
        partials = []
        for url, name, print_id in wanted:
            response = page.goto(base + url, wait_until="load")
            if response is None or not response.ok:
                raise SystemExit(f"the pack {url} did not load from the built site")
            target = Path(work) / name
            page.pdf(path=str(target), format="A4", prefer_css_page_size=True, print_background=True)
            partials.append((target, name, print_id))
        browser.close()
        out.mkdir(parents=True, exist_ok=True)
        manifest = read_manifest(out)
        for partial, name, print_id in partials:
            final = out / name
            os.replace(partial, final) if partial.stat().st_dev == out.stat().st_dev else \
                final.write_bytes(partial.read_bytes())
            manifest[name] = print_id
            written.append(final)
        (out / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return written


def publish(site_dir: Path, out: Path) -> list[Path]:
    """The publishing build: the site with its PDFs, each printed from the site as it now is."""
    build(site_dir, out)
    written = write_pdfs(site_dir, out, changed_only=True)
    if written:
        build(site_dir, out)  # the links' sizes are the new files'
    return written


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a site already built (default: build one now)")
    parser.add_argument("--out", type=Path, default=ROOT / "dist" / "pdf", help="folder for the PDFs")
    parser.add_argument("--changed-only", action="store_true",
                        help="print only the packs that changed since the PDFs in OUT were printed")
    parser.add_argument("--publish", type=Path, metavar="SITE_DIR",
                        help="build SITE_DIR with the PDFs, printing those that changed (make build)")
    args = parser.parse_args(argv)
    out = args.out if args.out.is_absolute() else Path.cwd() / args.out
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"{CHROMIUM} is missing: run 'sudo apt-get install chromium', then retry")
    if args.publish:
        site_dir = args.publish if args.publish.is_absolute() else Path.cwd() / args.publish
        written = publish(site_dir, out)
    elif args.site:
        written = write_pdfs(args.site, out, args.changed_only)
    else:
        with tempfile.TemporaryDirectory(prefix="training-pdf-site-") as site_dir:
            build(Path(site_dir) / "site")
            written = write_pdfs(Path(site_dir) / "site", out, args.changed_only)
    for path in written:
        print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: {path.stat().st_size / 1e3:.0f} kB")
    if not written:
        print(f"the PDFs in {out} are up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
