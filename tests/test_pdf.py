"""The packs as PDFs (issues 17 and 27): `make pdf` prints both trainer's packs of every module,
A4, one file each per language (the full pack and the 45-minute pack), from the built site, with
Debian's Chromium; the files are read back with PDFium (pypdfium2), and their signs and cards pictured with
Debian's pdftoppm (poppler-utils).

What each PDF must hold comes from the built pack and the content model: its parts (their
titles, in order, each from a new sheet), its handout on one sheet, the module's name and the
page number on every sheet, no screen-only text and no sheet that holds only the sources; the
45-minute pack on four sheets at most; a sign to a sheet and eight cards to a sheet.
"""

from __future__ import annotations

import functools
import math
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import BUILD_ENV, LANGUAGES, ROOT, html, pdf_sheets, pdf_sizes

import content_model
import training as training_hook
from renderers import training as render

# A4 in PostScript points, as page.pdf writes it (Chromium rounds to 1/100 pt or so).
A4 = (595.28, 841.89)


@pytest.fixture(scope="module")
def model():
    return content_model.load_site(ROOT / "docs")


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).casefold()


@functools.cache
def _sheets(path: Path) -> tuple[str, ...]:
    """Each sheet's text, read once per file and run: four tests read the PDFs."""
    return pdf_sheets(path)


def _body(sheet: str, module) -> str:
    """A sheet's text less its foot: the page number and the module's name."""
    foot = render.words(module.language)["sheet_of"].format(module=module.title)
    return re.sub(r"^\s*\d+ / \d+\s*", "", sheet.replace(unicodedata.normalize("NFKC", foot), "", 1))


def _modules(model):
    return [module for language in LANGUAGES for module in model.training[language].modules]


def test_make_pdf_writes_two_a4_pdfs_per_module_and_language(pdfs, model):
    expected = sorted(name for module in _modules(model) for name in training_hook.pdf_names(module))
    assert sorted(path.name for path in pdfs.glob("*.pdf")) == expected
    assert len(expected) == 4 * len(model.training["es"].modules)
    for path in pdfs.glob("*.pdf"):
        for size in pdf_sizes(path):
            assert abs(size[0] - A4[0]) < 1.5 and abs(size[1] - A4[1]) < 1.5, (path.name, size)


def test_every_sheet_carries_its_page_number_and_the_modules_name(pdfs, model):
    for module in _modules(model):
        for pdf in training_hook.pdf_names(module):
            sheets = _sheets(pdfs / pdf)
            name = _flat(render.words(module.language)["sheet_of"].format(module=module.title))
            for number, sheet in enumerate(sheets, start=1):
                assert f"{number} / {len(sheets)}" in sheet, (pdf, number)
                assert name in _flat(sheet), (pdf, number)


def test_the_45_minute_pack_prints_on_four_a4_sheets_at_most_with_the_script_the_route_and_the_handout(pdfs, model):
    for module in _modules(model):
        sheets = _sheets(pdfs / training_hook.pdf_name(module, short=True))
        assert 1 < len(sheets) <= 4, (module.id, module.language, len(sheets))
        printed = _flat(" ".join(sheets))
        for step in module.short_steps:
            for words in (step.title, *step.say, *(item.answer for item in step.ask)):
                assert _flat(words) in printed, (module.id, module.language, words[:40])
        assert "demuna" in printed and "1818" in printed
        assert _flat(module.part("handout").title) in _flat(sheets[-1]), "the handout, last, on a sheet of its own"


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
        # The room's signs and cards are sheets of a few large words: they are checked below.
        room = [_flat(caption.get_text()) for caption in
                article.select(".training-sign__caption, .training-cards__caption")]
        for number, sheet in enumerate(_sheets(pdfs / training_hook.pdf_name(module)), start=1):
            body = _flat(_body(sheet, module))
            if any(body.startswith(caption) for caption in room):
                continue
            rest = re.sub(r"\(https?://[^()]*\)", "", body)
            for source in sorted(sources, key=len, reverse=True):
                rest = rest.replace(re.sub(r"\(https?://[^()]*\)", "", source), "")
            assert len(rest) > 150, f"{module.id} ({module.language}) sheet {number} holds only {body[:120]!r}"
            # A line that leads into a list ("Debrief points:") never ends a sheet without its list.
            assert not _body(sheet, module).rstrip().endswith(":"), f"{module.id} ({module.language}) sheet {number}"
            assert not any(text and text in body for text in screen_only), (module.id, number)
            assert "ctrl+p" not in body


def test_a_build_links_both_pdfs_with_their_size_from_the_overview_the_plan_and_both_packs(published, model):
    out, pdfs = published.site, published.pdfs
    for module in _modules(model):
        for url in (module.url, module.part("session-plan").url, module.pack.url, module.short_pack.url):
            page = BeautifulSoup((out / url / "index.html").read_text(encoding="utf-8"), "html.parser")
            links = page.select("article a[href$='.pdf']")
            assert len(links) == 2, url
            for link, name in zip(links, training_hook.pdf_names(module), strict=True):
                target = (out / url / link["href"]).resolve()
                assert target.is_relative_to(out.resolve()) and target.read_bytes() == (pdfs / name).read_bytes()
                size = (pdfs / name).stat().st_size
                assert re.search(rf"\b{max(1, round(size / 1e3))}\s?kB\b", link.get_text()), (url, link.get_text())
                assert link.has_attr("download")


def test_every_pdf_link_of_the_built_site_leads_to_a_file_in_it(published):
    """Wherever a page links a PDF (module pages, plans, packs...), the file is in the built site."""
    out = published.site
    followed = 0
    for page in sorted(out.rglob("*.html")):
        # Every link to a PDF, read off the page's text (no page links one in another way).
        for href in re.findall(r'<a [^>]*href="([^"]+\.pdf)"', page.read_text(encoding="utf-8")):
            if href.startswith(("http:", "https:")):
                continue
            target = (page.parent / href).resolve()
            assert target.is_file() and target.is_relative_to(out.resolve()), (page, href)
            followed += 1
    assert followed >= 8 * 12, followed


def test_a_second_print_prints_only_the_packs_that_changed(pdfs, site, tmp_path):
    """What `make build` relies on: the manifest's fingerprints say which packs changed since they
    were printed. Nothing changed: nothing printed, no browser. A pack whose printed text changes
    is printed again; a change to what is only on the screen (the PDF links) is not one."""
    result = subprocess.run([sys.executable, str(ROOT / "deploy" / "training-pdf.py"), "--site", str(site),
                             "--out", str(pdfs), "--changed-only"], cwd=ROOT, env=BUILD_ENV,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0 and "up to date" in result.stdout, result.stdout + result.stderr
    printer = _printer()
    page = Path("capacitacion/que-es-la-trata/paquete/index.html")
    copy = tmp_path / "site"
    shutil.copytree(site, copy, ignore=shutil.ignore_patterns("*.pdf", "search", "datos"))
    before = printer.fingerprint(copy, page.parent.as_posix() + "/")
    text = (copy / page).read_text(encoding="utf-8")
    screen = text.replace('class="training-downloads" data-screen-only', 'class="training-downloads" data-screen-only data-x', 1)
    assert screen != text
    (copy / page).write_text(screen, encoding="utf-8")
    assert printer.fingerprint(copy, page.parent.as_posix() + "/") == before
    (copy / page).write_text(text.replace("</h1>", " (2)</h1>", 1), encoding="utf-8")
    assert printer.fingerprint(copy, page.parent.as_posix() + "/") != before


@functools.cache
def _printer():
    import importlib.util

    spec = importlib.util.spec_from_file_location("training_pdf", ROOT / "deploy" / "training-pdf.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# ---------------------------------------------------------------------------- the room's signs and cards, pictured

# pdftoppm's pictures at this resolution: an A4 sheet is 210 × 297 mm.
DPI = 50


def _picture(pdf: Path, page: int, folder: Path) -> tuple[int, int, bytes]:
    """One page of a PDF as pdftoppm draws it, in grey: (width, height, pixels, one byte each)."""
    if not shutil.which("pdftoppm"):
        pytest.fail("pdftoppm is missing: run 'sudo apt-get install poppler-utils' (make test does it as root)")
    stem = folder / f"{pdf.stem}-{page}"
    subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", "-f", str(page), "-l", str(page), "-singlefile",
                    str(pdf), str(stem)], check=True, timeout=60)
    data = Path(f"{stem}.pgm").read_bytes()
    magic, width, height, depth, pixels = re.match(rb"(P5)\s+(\d+)\s+(\d+)\s+(\d+)\s(.*)", data, re.DOTALL).groups()
    return int(width), int(height), pixels


def _ink(width: int, height: int, pixels: bytes) -> tuple[int, int, int, int]:
    """The box holding the dark pixels of a picture (left, top, right, bottom), margins' foot excluded."""
    rows = [y for y in range(height) if min(pixels[y * width:(y + 1) * width]) < 160]
    cols = [x for x in range(width) if min(pixels[x::width][: int(height * 0.9)]) < 160]
    return cols[0], rows[0], cols[-1], rows[-1]


def test_signs_and_cards_print_on_a4_a_sign_to_a_sheet_eight_cards_to_a_sheet(pdfs, model, tmp_path):
    a4 = (round(210 / 25.4 * DPI), round(297 / 25.4 * DPI))
    for module in (model.training["es"].get("cultura-de-rechazo"), model.training["en"].get("que-es-la-trata")):
        pdf = pdfs / training_hook.pdf_name(module)
        sheets = [_flat(sheet) for sheet in _sheets(pdf)]
        signs = [text for card_set in module.signs for text in card_set.items]
        sign_pages = [n for n, sheet in enumerate(sheets, start=1) for text in signs
                      if _flat(text) in sheet and _flat(module.signs[0].title) in sheet] if signs else []
        assert len(sign_pages) == len(signs), (module.id, sign_pages)
        card_pages = [n for n, sheet in enumerate(sheets, start=1)
                      if any(_flat(card_set.title) in sheet for card_set in module.cards)
                      and ("recorte" in sheet or "cutalong" in sheet)]
        expected = sum(math.ceil(len(card_set.items) / 8) for card_set in module.cards)
        assert len(card_pages) == expected >= 1, (module.id, card_pages)
        for page in sign_pages[:1] + card_pages[:1]:
            width, height, pixels = _picture(pdf, page, tmp_path)
            assert abs(width - a4[0]) <= 2 and abs(height - a4[1]) <= 2, (module.id, page, width, height)
            left, top, right, bottom = _ink(width, height, pixels)
            # Large type and cut lines that use the sheet: the ink spans most of it, both ways.
            assert right - left > 0.75 * width and bottom - top > 0.6 * height, (module.id, page, left, top, right, bottom)
