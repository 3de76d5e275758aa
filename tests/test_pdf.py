"""The packs as PDFs (issue 17): `make pdf` prints every trainer's pack, A4, one file per module
and language, from the built site, with Debian's Chromium; the files are read back with pypdf.

What each PDF must hold comes from the built pack and the content model: its parts (their
titles, in order, each from a new sheet), its handout on one sheet, the module's name and the
page number on every sheet, no screen-only text and no sheet that holds only the sources.
"""

from __future__ import annotations

import functools
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from conftest import BUILD_ENV, LANGUAGES, ROOT, html

import content_model
import training as training_hook
from renderers import training as render

# A4 in PostScript points, as page.pdf writes it (Chromium rounds to 1/100 pt or so).
A4 = (595.28, 841.89)


@pytest.fixture(scope="module")
def model():
    return content_model.load_site(ROOT / "docs")


@pytest.fixture(scope="module")
def pdfs(site, tmp_path_factory) -> Path:
    """The PDFs, written by the command `make pdf` runs, from the site the other tests read."""
    out = tmp_path_factory.mktemp("pdf")
    result = subprocess.run([sys.executable, str(ROOT / "deploy" / "training-pdf.py"), "--site", str(site),
                             "--out", str(out)], cwd=ROOT, env=BUILD_ENV, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).casefold()


@functools.cache
def _sheets(path: Path) -> tuple[str, ...]:
    """Each sheet's text. Read once per file and run: pypdf takes about 2 s a PDF, and three
    tests read all twelve."""
    return tuple(unicodedata.normalize("NFKC", page.extract_text()) for page in PdfReader(path).pages)


def _body(sheet: str, module) -> str:
    """A sheet's text less its foot: the page number and the module's name."""
    foot = render.words(module.language)["sheet_of"].format(module=module.title)
    return re.sub(r"^\s*\d+ / \d+\s*", "", sheet).replace(unicodedata.normalize("NFKC", foot), "", 1)


def _modules(model):
    return [module for language in LANGUAGES for module in model.training[language].modules]


def test_make_pdf_writes_one_a4_pdf_per_module_and_language(pdfs, model):
    expected = sorted(training_hook.pdf_name(module) for module in _modules(model))
    assert sorted(path.name for path in pdfs.glob("*.pdf")) == expected
    assert len(expected) == 2 * len(model.training["es"].modules)
    for path in pdfs.glob("*.pdf"):
        for page in PdfReader(path).pages:
            size = (float(page.mediabox.width), float(page.mediabox.height))
            assert abs(size[0] - A4[0]) < 1.5 and abs(size[1] - A4[1]) < 1.5, (path.name, size)


def test_every_sheet_carries_its_page_number_and_the_modules_name(pdfs, model):
    for module in _modules(model):
        sheets = _sheets(pdfs / training_hook.pdf_name(module))
        name = _flat(render.words(module.language)["sheet_of"].format(module=module.title))
        for number, sheet in enumerate(sheets, start=1):
            assert f"{number} / {len(sheets)}" in sheet, (module.id, module.language, number)
            assert name in _flat(sheet), (module.id, module.language, number)


def test_each_part_starts_a_new_sheet_in_order_and_the_handout_takes_one(pdfs, site, model):
    for module in _modules(model):
        sheets = [_flat(_body(sheet, module)) for sheet in _sheets(pdfs / training_hook.pdf_name(module))]
        titles = [h2.get_text(strip=True).rstrip("¶") for h2 in
                  html(site, module.pack.url).select(".training-pack__part > h2")]
        assert len(titles) >= 9
        starts = []
        for title in titles:
            first = [n for n, sheet in enumerate(sheets) if sheet.startswith(_flat(title))]
            assert first, f"{module.id} ({module.language}): no sheet starts with '{title}'"
            starts.append(first[0])
        assert starts == sorted(starts) and starts[0] == 1, (module.id, starts)
        handout = titles.index(module.part("handout").title)
        assert starts[handout + 1] - starts[handout] == 1, f"{module.id}: the handout takes more than one sheet"


def test_no_sheet_holds_only_sources_or_a_closing_line_and_nothing_for_the_screen(pdfs, site, model):
    for module in _modules(model):
        article = html(site, module.pack.url).select_one("article")
        sources = set()
        for heading in article.select('[id$="fuentes"]'):
            sources.add(_flat(heading.get_text().rstrip("¶")))
            following = heading.find_next_sibling()
            if following is not None:
                sources.update(_flat(item.get_text()) for item in following.select("li") or [following])
        screen_only = [_flat(element.get_text()) for element in article.select("[data-screen-only], .screen-only")]
        for number, sheet in enumerate(_sheets(pdfs / training_hook.pdf_name(module)), start=1):
            body = _flat(_body(sheet, module))
            rest = re.sub(r"\(https?://[^()]*\)", "", body)
            for source in sorted(sources, key=len, reverse=True):
                rest = rest.replace(re.sub(r"\(https?://[^()]*\)", "", source), "")
            assert len(rest) > 150, f"{module.id} ({module.language}) sheet {number} holds only {body[:120]!r}"
            # A line that leads into a list ("Debrief points:") never ends a sheet without its list.
            assert not _body(sheet, module).rstrip().endswith(":"), f"{module.id} ({module.language}) sheet {number}"
            assert not any(text and text in body for text in screen_only), (module.id, number)
            assert "ctrl+p" not in body


def test_a_build_links_the_pdfs_from_the_overview_and_the_pack_when_they_are_present(published, model):
    out, pdfs = published.site, published.pdfs
    for module in _modules(model):
        for url in (module.url, module.pack.url):
            page = BeautifulSoup((out / url / "index.html").read_text(encoding="utf-8"), "html.parser")
            links = [a["href"] for a in page.select("article a[href$='.pdf']")]
            assert len(links) == 1, url
            target = (out / url / links[0]).resolve()
            assert target.read_bytes() == (pdfs / training_hook.pdf_name(module)).read_bytes()
