#!/usr/bin/env python3
"""Writes each text file of a built site compressed once, at the strongest level, beside itself.

    .venv/bin/python deploy/precompress.py SITE_DIR   (after the build, before render-nginx.py;
                                                     the venv has brotli and zopfli: make venv)

For every HTML, CSS, JS, SVG, JSON, CSV, XML and text file it writes F.br (Brotli, quality 11)
and F.gz (gzip made by Zopfli), each only if smaller than F, with F's own modification time.
nginx's `brotli_static` and `gzip_static` (deploy/nginx.conf) send them in place of compressing
every response on the fly at level 6: a reader's phone downloads about a tenth less with Brotli,
and 4 % less with gzip, and the server spends no time compressing. A copy whose file is
gone is deleted, so a site updated in place never serves a page that no longer exists.

Why not in the build: quality 11 costs some 20 s of CPU for the whole site, which `mkdocs serve`
and the tests would pay on every build for nothing. render-nginx.py refuses a site with a copy older
than its file (the file was written again after this ran): run this again.
"""

from __future__ import annotations

import argparse
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

# What nginx compresses (gzip_types in deploy/nginx.conf), by the files' endings in the site.
COMPRESSIBLE = (".html", ".css", ".js", ".svg", ".json", ".csv", ".xml", ".txt", ".webmanifest", ".map")
COPIES = (".br", ".gz")
# Zopfli's gain over zlib's level 9 barely grows past one iteration (0.02 % at 15), its time does.
ZOPFLI_ITERATIONS = 1


def compressed_copies(data: bytes) -> dict[str, bytes]:
    """The Brotli and gzip copies of `data`, by ending."""
    import brotli
    import zopfli.gzip

    return {".br": brotli.compress(data, quality=11, mode=brotli.MODE_TEXT),
            ".gz": zopfli.gzip.compress(data, numiterations=ZOPFLI_ITERATIONS)}


def sources(site: Path) -> list[Path]:
    return sorted(path for path in site.rglob("*") if path.suffix in COMPRESSIBLE and path.is_file())


def copy_of(source: Path, ending: str) -> Path:
    return source.with_name(source.name + ending)


def source_of(copy: Path) -> Path:
    return copy.with_name(copy.name[: -len(copy.suffix)])


def orphans(site: Path) -> list[Path]:
    """Compressed copies whose file is gone, and the partial copies of a run that was stopped."""
    gone = [path for ending in COPIES for path in site.rglob("*" + ending)
            if source_of(path).suffix in COMPRESSIBLE and not source_of(path).is_file()]
    partial = [path for ending in COPIES for path in site.rglob(f"*{ending}.*.partial")]
    return sorted(gone + partial)


def stale(site: Path) -> list[Path]:
    """Compressed copies that may no longer match their file: older than it (the file was written
    again after them; this script gives each copy its file's time, and a copy that MkDocs writes
    itself, sitemap.xml.gz, comes after its file), or whose file is gone."""
    found = []
    for source in sources(site):
        for ending in COPIES:
            copy = copy_of(source, ending)
            if copy.is_file() and copy.stat().st_mtime_ns < source.stat().st_mtime_ns:
                found.append(copy)
    return found + orphans(site)


def _write_copies(source: Path) -> int:
    """Write `source`'s copies (each only if smaller); returns how many were written."""
    times = source.stat()   # before reading: a file written again meanwhile leaves its copies older
    data = source.read_bytes()
    written = 0
    for ending, body in compressed_copies(data).items():
        copy = copy_of(source, ending)
        if len(body) >= len(data):
            copy.unlink(missing_ok=True)
            continue
        partial = copy.with_name(f"{copy.name}.{os.getpid()}.partial")
        try:
            partial.write_bytes(body)
            os.utime(partial, ns=(times.st_atime_ns, times.st_mtime_ns))
            partial.replace(copy)
        finally:
            partial.unlink(missing_ok=True)
        written += 1
    return written


def precompress(site: Path, workers: int | None = None) -> tuple[int, int]:
    """Compress every text file of `site`; returns (copies written, orphans deleted)."""
    if not (site / "index.html").is_file():
        raise SystemExit(f"{site} has no index.html: build the site first (make build)")
    removed = orphans(site)
    for path in removed:
        path.unlink()
    with ProcessPoolExecutor(max_workers=workers or os.cpu_count()) as pool:
        written = sum(pool.map(_write_copies, sources(site), chunksize=8))
    return written, len(removed)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    args = parser.parse_args()
    try:
        written, removed = precompress(args.site.resolve())
    except ImportError as error:
        sys.exit(f"{error.name} is missing: run 'make venv' (it installs requirements.txt), then retry")
    print(f"{written} compressed copies written, {removed} left by removed files deleted, in {args.site}")


if __name__ == "__main__":
    main()
