"""The offline edition (`make offline`): a zip that a trainer unzips onto a laptop or a USB stick
and reads from the files, with no server and no connection, in both languages."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup

import content_model
from conftest import BUILD_ENV, ROOT, wait_until

def _edition() -> dict:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    return yaml.safe_load(re.search(r"^  edition:\n(?:    .*\n)+", text, re.MULTILINE).group(0))["edition"]


@pytest.fixture
def package(offline_package) -> Path:
    return offline_package


@pytest.fixture
def edition(offline_edition) -> Path:
    return offline_edition


@pytest.fixture
def reader(browser, edition):
    """A tab reading the edition from files; every request outside its folder is recorded and refused."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    folder = edition.as_uri() + "/"
    outside, errors = [], []

    def guard(route):
        if route.request.url.startswith(folder):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.folder, page.outside, page.errors = folder, outside, errors
    yield page
    assert outside == [], "requests left the folder"
    assert errors == [], "console errors"
    context.close()


def _open(page, path: str) -> None:
    page.goto(page.folder + path, wait_until="load")


def _here(page) -> str:
    return unquote(page.url[len(page.folder):]) if page.url.startswith(page.folder) else page.url


# ---------------------------------------------------------------------------- the package


def test_the_zip_has_a_checksum_file_that_sha256sum_accepts(package):
    line = package.with_name(package.name + ".sha256").read_text(encoding="utf-8")
    assert line == f"{hashlib.sha256(package.read_bytes()).hexdigest()}  {package.name}\n"
    check = subprocess.run(["sha256sum", "-c", package.name + ".sha256"], cwd=package.parent,
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr


def test_the_zip_holds_one_folder_named_after_the_edition(package):
    with zipfile.ZipFile(package) as archive:
        names = archive.namelist()
    assert {name.split("/")[0] for name in names} == {package.stem}
    for needed in ("index.html", "en/index.html", "LEEME-README.txt", "search/index.es.js", "search/index.en.js"):
        assert f"{package.stem}/{needed}" in names, needed


def test_every_page_shows_the_edition_and_the_date_the_copy_was_made(edition):
    version, date = _edition()["version"], _edition()["date"]
    pages = sorted(edition.rglob("*.html"))
    assert len(pages) > 200
    for path in pages:
        if "assets" in path.relative_to(edition).parts:
            continue
        footer = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select_one(".edition")
        assert footer is not None, path
        text = " ".join(footer.get_text().split())
        assert f" {version} ({date})." in text, (path, text)
        assert re.search(r"(generada el|made on) \d{4}-\d{2}-\d{2}\.", text), (path, text)


def test_every_link_between_pages_points_to_a_file_in_the_folder(edition):
    """A browser reading files does not open 'politica/' as 'politica/index.html'."""
    broken = []
    for path in sorted(edition.rglob("*.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.select("[href], [src]"):
            reference = tag.get("href") or tag.get("src")
            parts = urlsplit(reference)
            if parts.scheme or reference.startswith("#") or not parts.path:
                continue   # other sites (sources), tel:, mailto:, data: and anchors in the page
            target = Path(unquote(urlsplit(urljoin(path.as_uri(), reference)).path))
            if not target.is_file():
                broken.append(f"{path.relative_to(edition)}: {reference}")
    assert broken == []


# ---------------------------------------------------------------------------- reading it


def test_a_reader_navigates_from_the_home_page_to_a_guideline(reader, edition):
    _open(reader, "index.html")
    reader.locator(".md-nav--primary a", has_text="Política").first.click()
    reader.wait_for_load_state("load")
    assert _here(reader) == "politica/index.html"
    guideline = content_model.load_site(ROOT / "docs").tree("es").get("cultura-rechazo")
    reader.locator(".diagram__svg--wide a", has_text=guideline.label).first.click()
    reader.wait_for_load_state("load")
    assert _here(reader) == "politica/cultura-rechazo.html"
    assert reader.locator("h1").inner_text() == guideline.title


@pytest.mark.parametrize("start, other", [("politica/prevencion.html", "en/politica/prevencion.html"),
                                          ("en/regiones/index.html", "regiones/index.html"),
                                          ("index.html", "en/index.html")])
def test_the_language_switch_opens_the_same_page_in_the_other_language(reader, start, other):
    _open(reader, start)
    reader.locator("a.language-switch").click()
    reader.wait_for_load_state("load")
    assert _here(reader) == other


@pytest.mark.parametrize("language, query, expected", [
    ("es", "proteccion", "politica/proteccion.html"),
    ("es", "Madre de Dios", "regiones/madre-de-dios.html"),
    ("en", "Developing shelters", "en/politica/centros-acogida.html"),
])
def test_search_works_from_the_files_in_the_readers_language(reader, language, query, expected):
    _open(reader, "index.html" if language == "es" else "en/index.html")
    reader.click("[data-search-open]")
    # The final results: once the body text is indexed (the first ones come from titles and headings).
    wait_until(reader, f"!!(window.__siteSearch && window.__siteSearch.engine('{language}') "
                       f"&& window.__siteSearch.engine('{language}').bodyReady)")
    reader.fill("#site-search-input", query)
    wait_until(reader, "document.querySelector('#site-search-status').textContent.length > 0")
    results = [unquote(href[len(reader.folder):]).split("#")[0]
               for href in reader.eval_on_selector_all(".site-search__link", "links => links.map(a => a.href)")]
    assert expected in results[:3], results[:5]
    assert all(result.startswith("en/") == (language == "en") for result in results), results
    reader.locator(".site-search__link").first.click()
    reader.wait_for_load_state("load")
    assert reader.url.startswith(reader.folder) and reader.locator("h1").count() == 1


@pytest.mark.parametrize("language", ["es", "en"])
def test_a_trainer_answers_a_quiz_question(reader, language):
    prefix = "" if language == "es" else "en/"
    _open(reader, prefix + "capacitacion/que-es-la-trata/cuestionario.html")
    answer = content_model.load_site(ROOT / "docs").training[language].get("que-es-la-trata").questions[0].answer
    question = reader.locator("#pregunta-1")
    question.locator("input[type=radio]").nth(answer).check()
    question.locator(".quiz__check").click()
    assert question.locator("[aria-live=polite]").inner_text().startswith({"es": "Correcto.", "en": "Right."}[language])


def test_the_diagram_and_the_region_map_link_to_pages_in_the_folder(reader):
    _open(reader, "politica/index.html")
    links = reader.eval_on_selector_all(".diagram__svg--wide a[href]", "links => links.map(a => a.href)")
    assert len(links) >= 30
    reader.locator(".diagram__svg--wide a[href]").first.click()
    reader.wait_for_load_state("load")
    assert _here(reader).startswith("politica/") and _here(reader).endswith(".html")
    _open(reader, "regiones/index.html")
    tiles = reader.locator("a.rg-tile")
    assert tiles.count() == 10
    tiles.first.click()
    reader.wait_for_load_state("load")
    assert _here(reader).startswith("regiones/") and _here(reader) != "regiones/index.html"


@pytest.mark.parametrize("language", ["es", "en"])
def test_with_no_connection_the_quick_exit_blanks_the_page_and_lands_on_a_blank_page(reader, language):
    """about:blank: it needs no file and no network, and its address and title say nothing of the
    copy (a page of the folder would show the folder's path, politica-trata-..., in the address)."""
    prefix = "" if language == "es" else "en/"
    _open(reader, prefix + "publico/oferta-de-trabajo.html")
    _open(reader, prefix + "publico/si-te-pasa-a-ti.html")
    reader.context.set_offline(True)
    reader.locator("header .quick-exit").click()
    reader.wait_for_url("about:blank", timeout=5000)
    assert reader.evaluate("document.body.textContent") == "" and reader.title() == ""
    reader.go_back()
    assert _here(reader) == prefix + "publico/oferta-de-trabajo.html"


@pytest.mark.parametrize("language", ["es", "en"])
def test_each_pages_own_scripts_work_from_the_files(reader, language):
    """The features whose scripts only some pages load (issue #30), each on its page read from
    files: the job-offer check answers, the regions' table sorts, the citation copies (or selects),
    the public page's exercise gives its verdict, and sharing stays hidden (an address on a USB
    stick leads nowhere on someone else's phone)."""
    prefix = "" if language == "es" else "en/"
    from content_model import catalogue

    ui = catalogue.words(language, "ui")
    _open(reader, prefix + "publico/oferta-de-trabajo.html")
    summary = reader.locator(".offer-check__summary")
    assert summary.inner_text() == ""
    reader.locator("[data-offer-check] dt input[type=checkbox]").first.check()
    assert summary.inner_text() != "" and reader.locator("[data-offer-answer] a[href^='tel:']").first.is_visible()
    _open(reader, prefix + "regiones/index.html")
    header = reader.locator("table.rg-table thead th").nth(0)
    assert header.get_attribute("aria-sort") == "ascending"
    header.get_by_role("button").click()
    assert header.get_attribute("aria-sort") == "descending"
    _open(reader, prefix + "politica/prevencion.html")
    reader.locator("button[data-citation-copy]").click()
    reader.locator("[data-citation-status]").filter(has_text=re.compile(".+")).wait_for()
    assert reader.locator("[data-citation-status]").inner_text() in (ui["cite_copied"], ui["cite_selected"])
    _open(reader, prefix + "publico/rechazar-la-trata.html")
    situation = reader.locator("#situacion-1")
    situation.locator("input[type=radio]").first.check()
    situation.locator(".quiz__check").click()
    assert situation.locator(".quiz__feedback").inner_text().strip() != ""
    assert reader.locator("[data-share]").count() == 1 and not reader.locator("[data-share]").is_visible()


def test_a_page_prints_from_the_files(reader):
    _open(reader, "politica/completa.html")
    pdf = reader.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000


# ---------------------------------------------------------------------------- a trainer's material (issue 17)


def test_the_zip_holds_every_packs_pdf_linked_from_its_module(edition):
    site = content_model.load_site(ROOT / "docs")
    for language in ("es", "en"):
        for module in site.training[language].modules:
            prefix = "" if language == "es" else "en/"
            overview = edition / prefix / "capacitacion" / module.id / "index.html"
            soup = BeautifulSoup(overview.read_text(encoding="utf-8"), "html.parser")
            links = [a["href"] for a in soup.select("article a[href$='.pdf']")]
            assert len(links) == 2, overview  # the full pack and the 45-minute pack
            for link in links:
                assert (overview.parent / link).read_bytes().startswith(b"%PDF")


def test_without_the_pdfs_the_offline_edition_says_to_run_make_pdf(tmp_path):
    result = subprocess.run([sys.executable, str(ROOT / "deploy" / "offline-edition.py"), "--out", str(tmp_path),
                             "--require-pdfs"], cwd=ROOT, env={**BUILD_ENV, "TRAINING_PDF_DIR": str(tmp_path / "none")},
                            capture_output=True, text=True, timeout=600)
    assert result.returncode != 0 and "make pdf" in result.stderr and "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("language", ["es", "en"])
def test_the_slides_work_from_the_files(reader, language):
    prefix = "" if language == "es" else "en/"
    _open(reader, prefix + "capacitacion/que-es-la-trata/diapositivas.html")
    assert reader.evaluate("document.querySelector('.slide--current').id") == "s1"
    reader.keyboard.press("PageDown")
    assert reader.evaluate("document.querySelector('.slide--current').id") == "s2"
    # The notes open in a second window, from the files too; the projected one never shows them.
    with reader.context.expect_page() as opened:
        reader.keyboard.press("n")
    notes_window = opened.value
    notes_window.wait_for_load_state()
    notes_window.wait_for_function("document.documentElement.classList.contains('slides-presenter')")
    assert notes_window.url.startswith("file://")
    assert notes_window.locator(".slide--current .slide__notes").is_visible()
    assert reader.evaluate("[...document.querySelectorAll('.slide__notes')].every(n => !n.getClientRects().length)")
    notes_window.close()
    reader.locator(".slides__back").click()
    reader.wait_for_load_state("load")
    assert _here(reader) == prefix + "capacitacion/que-es-la-trata/index.html"


def test_the_pack_works_from_the_files(reader):
    _open(reader, "capacitacion/que-es-la-trata/paquete.html")
    assert reader.locator("[data-print]").is_visible()
    reader.locator(".training-pack__contents a").last.click()
    assert reader.url.endswith("#respuestas")
    pdf = reader.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 50_000
