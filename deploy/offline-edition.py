#!/usr/bin/env python3
"""Builds the offline edition: a zip to unzip on a laptop or copy to a USB stick, and its checksum.

    python3 deploy/offline-edition.py [--out dist]      (what `make offline` runs)

Writes OUT/politica-trata-<version>.zip, holding one folder politica-trata-<version>/ with the
whole site in both languages laid out for reading from files (open index.html), and
OUT/politica-trata-<version>.zip.sha256 in `sha256sum -c` format. The version is
`extra.edition.version` in mkdocs.yml. If the build fails, nothing in OUT is touched.

The trainers' packs as PDFs, the full one and the 45-minute one of every module (`make pdf`,
dist/pdf, or TRAINING_PDF_DIR), go into the copy, beside each module's pages and linked from
them: the build copies them (hooks/training.py).
`--require-pdfs` (what `make offline` uses) stops if any is missing.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

import content_model  # noqa: E402  (the hooks' own content model and names)
import training as training_hook  # noqa: E402

NAME = training_hook.EDITION_NAME  # the site's pages link the zip by this name

# Shown first in the folder: people open files from a USB stick, not URLs.
_README = """\
Política Nacional frente a la Trata de Personas y sus Formas de Explotación (DS 001-2015-JUS)
Edición {version} ({date}). Copia para leer sin conexión.

Para leerla: abra el archivo index.html de esta carpeta con su navegador
(Firefox, Chrome, Edge...). No necesita internet. La versión en inglés está en en/index.html.
¿Sabe de un caso de trata? Llame gratis al 1818, opción 1 (confidencial, 24 horas).

National Policy against Trafficking in Persons and its Forms of Exploitation (Peru)
Edition {version} ({date}). Copy for reading offline.

To read it: open the file en/index.html in this folder with your web browser.
No internet connection is needed.
Do you know of a trafficking case in Peru? Call 1818, option 1 (free, confidential, 24 hours).
"""


def edition() -> dict:
    """The edition's version and date, from mkdocs.yml as MkDocs reads it."""
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"))
    return config.extra["edition"]


def build(site_dir: Path) -> None:
    """`mkdocs build --strict` with the offline layout; stops with the build's own message."""
    env = {**os.environ, "OFFLINE_EDITION": "1", "NO_MKDOCS_2_WARNING": "1", "TRAINING_PDF_DIR": str(pdf_folder())}
    # Not --quiet: it silences warnings before strict mode can count them (a broken link would pass).
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict",
                             "--site-dir", str(site_dir)], cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        errors = [line for line in result.stderr.splitlines() if "ERROR" in line or "WARNING" in line]
        raise SystemExit("the offline edition was not built: " + ("\n".join(errors) or result.stderr.strip()))


def pdf_folder() -> Path:
    """Where the build takes the packs' PDFs from (as hooks/training.py reads it)."""
    folder = Path(os.environ.get("TRAINING_PDF_DIR") or ROOT / "dist" / "pdf")
    return folder if folder.is_absolute() else ROOT / folder


def missing_pdfs() -> list[str]:
    """The PDF file names of trainer's packs that the PDF folder lacks."""
    site = content_model.load_site(ROOT / "docs")
    names = [name for language in content_model.LANGUAGES for module in site.training[language].modules
             for name in training_hook.pdf_names(module)]
    return [name for name in names if not (pdf_folder() / name).is_file()]


def unused(relative: Path) -> bool:
    """Files no reader of the copy opens: source maps, and the "page not found" pages, which only
    a web server shows. (Material's scripts are not in the built site at all.)"""
    text = relative.as_posix()
    return text.endswith(".map") or text in ("404.html", "en/404.html")


def write_zip(folder: Path, target: Path, date: str) -> None:
    """A reproducible zip: entries sorted, every timestamp the edition's date."""
    year, month, day = (int(part) for part in date.split("-"))
    stamp = (year, month, day, 0, 0, 0)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and not unused(path.relative_to(folder)):
                entry = zipfile.ZipInfo(str(path.relative_to(folder.parent).as_posix()), date_time=stamp)
                entry.compress_type = zipfile.ZIP_DEFLATED
                entry.external_attr = 0o644 << 16
                archive.writestr(entry, path.read_bytes(), compresslevel=9)


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as data:
        for block in iter(lambda: data.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "dist", help="folder for the zip and its checksum")
    parser.add_argument("--require-pdfs", action="store_true",
                        help="stop unless every trainer's pack has its PDF (run `make pdf` first)")
    args = parser.parse_args(argv)
    if args.require_pdfs:
        missing = missing_pdfs()
        if missing:
            raise SystemExit(f"the offline edition was not built: {len(missing)} trainer's pack PDFs are missing "
                             f"({missing[0]}...): run `make pdf` first")

    info = edition()
    version, date = str(info["version"]), str(info["date"])
    name = NAME.format(version=version)
    with tempfile.TemporaryDirectory(prefix="offline-edition-") as work:
        folder = Path(work) / name
        build(folder)
        (folder / "LEEME-README.txt").write_text(_README.format(version=version, date=date), encoding="utf-8")
        partial = Path(work) / f"{name}.zip"
        write_zip(folder, partial, date)
        checksum = sha256(partial)
        args.out.mkdir(parents=True, exist_ok=True)
        target = args.out / f"{name}.zip"
        _publish(target, partial.read_bytes())
    _publish(args.out / f"{name}.zip.sha256", f"{checksum}  {name}.zip\n".encode())
    size = target.stat().st_size
    print(f"{target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}: "
          f"{size / 1e6:.1f} MB, sha256 {checksum}")
    return 0


# Written beside the target, then renamed: a reader never finds half a file.
def _publish(target: Path, content: bytes) -> None:
    partial = target.with_name(target.name + ".partial")
    partial.write_bytes(content)
    os.replace(partial, target)


if __name__ == "__main__":
    sys.exit(main())
