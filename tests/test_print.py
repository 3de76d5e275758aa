"""Print (issue 9): what comes out of the printer, read back from the PDF Chromium makes.

Each test prints a built page with Playwright's `page.pdf()` (print media, A4) and reads the
text back with PDFium (pypdfium2); a trainer's full pack is read from the PDF `make pdf`
prints (the `pdfs` fixture). What the paper must hold comes from the content model or from the
built pages themselves, never from a list kept here: the whole policy holds every title of
the policy, a handout is one sheet, a trainer's pack holds each part of its module from a new
sheet on, and no text of the site's navigation reaches the paper.
"""

from __future__ import annotations

import re
import unicodedata

import pytest
from bs4 import BeautifulSoup

from conftest import LANGUAGES, PREFIXES, ROOT, html, pdf_sheets

import content_model
import training as training_hook
from content_model.training import PACK_CONTENTS
from renderers import figures as render_figures
from renderers import training_paperwork
from renderers.training_pack import ANSWERS_ID, PART_IDS, ROOM_ID

WHOLE_POLICY = "politica/completa/"
# The width of the printed area: A4 (210 mm) less the page margins of print.css (15 mm each side), in CSS px.
PRINTED_WIDTH = round((210 - 2 * 15) / 25.4 * 96)


@pytest.fixture(scope="module")
def model():
    return content_model.load_site(ROOT / "docs")


def _module_ids():
    return [module.id for module in content_model.load_site(ROOT / "docs").training["es"].modules]


def _printed(visit, url: str, pdfs=None) -> list[str]:
    """The text of each printed A4 sheet of a page (printed once per test run, then remembered),
    less the sheet's foot (its number and, on a module's pages, the module's name). A trainer's
    full pack is read from the PDF `make pdf` printed (`pdfs`): it is the same page, printed."""
    if url not in _PRINTS:
        pack = _PACK_PDFS.get(url)
        if pack and pdfs is not None:
            sheets = pdf_sheets(pdfs / pack)
        else:
            visit.goto(url)
            sheets = pdf_sheets(visit.page.pdf(format="A4"))
        _PRINTS[url] = [_without_foot(sheet) for sheet in sheets]
    return _PRINTS[url]


# Each full pack's address and the name of its PDF.
_PACK_PDFS = {module.pack.url: training_hook.pdf_name(module)
              for language in LANGUAGES for module in content_model.load_site(ROOT / "docs").training[language].modules}

# "3 / 17" and "Módulo «...»" / "Module “...”" (from the margin boxes, in either order), where the PDF's text begins.
_FOOT = re.compile(r"^\s*(?:(?:Módulo «[^»\n]*»|Module “[^”\n]*”)\s*)?\d+ / \d+\s*(?:(?:Módulo «[^»\n]*»|Module “[^”\n]*”)\s*)?")


def _without_foot(text: str) -> str:
    return _FOOT.sub("", text, count=1)


_PRINTS: dict[str, list[str]] = {}


def _flat(text: str) -> str:
    """Text to compare across line breaks and letter case (CSS may print a heading in capitals):
    ligatures undone, no whitespace at all, case folded."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).casefold()


def _without_printed_addresses(flat: str) -> str:
    """Printed text less the addresses print adds after external links: ' (https://...)'."""
    return re.sub(r"\(https?://[^()]*\)", "", flat)


def _on_paper(text: str, sheets: list[str]) -> bool:
    """Whether flat text is printed on a sheet, or begins on one sheet and ends on the next.

    The PDF's text is in drawing order, not always reading order: a box's title may come after
    the paragraph that the sheet's end cuts in two, so the two halves are looked for apart.
    """
    if any(text in sheet for sheet in sheets):
        return True
    return any(text[:cut] in sheet and text[cut:] in following
               for sheet, following in zip(sheets, sheets[1:]) for cut in range(1, len(text)))


def _texts(article, leave_out: str = "") -> list[str]:
    """The paragraphs, list items and table cells of a built page's content, as on screen, but
    what `leave_out` (a CSS selector) selects."""
    article = BeautifulSoup(str(article), "html.parser")   # a copy: the parsed pages are shared between tests
    # Not on paper by design: what is marked for the screen only (the list of where the figures come
    # from); .site-status: the site's chrome at the top of the content (what the site is), not the page's text.
    for hidden in article.select(".headerlink, [hidden], script, .quiz, .training-plan, [data-screen-only], .screen-only, .site-status"
                                 + (f", {leave_out}" if leave_out else "")):
        hidden.decompose()
    blocks = article.select("p, td, th") + [li for li in article.select("li") if not li.select("p, ul, ol")]
    return [block.get_text(" ", strip=True) for block in blocks if block.get_text(strip=True)]


def _ui_strings(language: str) -> list[str]:
    """The words of the site's chrome (the catalogue's `ui`), the quick exit and the reporting strip among them."""
    from content_model import catalogue

    ui = catalogue.words(language, "ui")
    chrome = ("quick_exit", "quick_exit_skip", "report_lead", "report_call", "report_detail", "report_more",
              "search", "search_title", "search_label", "search_close", "search_loading", "edition", "changes")
    return [ui[key] for key in chrome]


# ---------------------------------------------------------------------------- the whole policy


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_printed_whole_policy_holds_every_title_of_the_policy(visit, model, language):
    printed = _flat(" ".join(_printed(visit, PREFIXES[language] + WHOLE_POLICY)))
    tree = model.tree(language)
    missing = [node.title for node in tree.walk() if _flat(node.title) not in printed]
    assert missing == []
    assert len(tree.of_kind("specific")) and len(tree.of_kind("general"))


# ---------------------------------------------------------------------------- handouts


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("module_id", _module_ids())
def test_every_handout_prints_on_exactly_one_a4_sheet(visit, model, language, module_id):
    handout = model.training[language].get(module_id).part("handout")
    sheets = _printed(visit, handout.url)
    assert len(sheets) == 1, f"{handout.url} prints on {len(sheets)} sheets"
    assert _flat(sheets[0]).startswith(_flat(handout.title))


# ---------------------------------------------------------------------------- no navigation on paper


PRINTED_PAGES = [WHOLE_POLICY, "politica/cultura-rechazo/", "capacitacion/que-es-la-trata/hoja/",
                 "capacitacion/que-es-la-trata/paquete/", ""]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("url", PRINTED_PAGES)
def test_printed_pages_hold_no_text_of_the_sites_navigation(visit, pdfs, language, url):
    sheets = _printed(visit, PREFIXES[language] + url, pdfs)
    visit.goto(PREFIXES[language] + url)
    page = visit.page
    chrome = set(_ui_strings(language))
    for selector in (".md-header", ".md-banner", ".md-sidebar--primary .md-nav__link", ".md-footer",
                     ".quick-exit", ".md-search", ".site-search"):
        for text in page.locator(selector).all_text_contents():
            chrome.update(line.strip() for line in text.splitlines())
    content = _flat(page.locator("article").text_content())
    # Text that the content shows too (a heading named like a menu entry) is fair on paper.
    only_chrome = sorted(text for text in chrome if len(text) > 2 and _flat(text) not in content)
    assert len(only_chrome) > 20, only_chrome  # the navigation was read
    printed = " ".join(" ".join(sheet.split()) for sheet in sheets)
    found = [text for text in only_chrome
             if re.search(r"(?<!\w)" + re.escape(" ".join(text.split())) + r"(?!\w)", printed)]
    assert found == []


# ---------------------------------------------------------------------------- the trainer's pack


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("module_id", _module_ids())
def test_a_pack_prints_each_part_from_a_new_sheet_and_its_handout_on_one(visit, pdfs, site, model, language, module_id):
    module = model.training[language].get(module_id)
    sheets = _printed(visit, module.pack.url, pdfs)
    built = html(site, module.pack.url)
    parts = [(h2["id"], h2.get_text(strip=True).rstrip("¶")) for h2 in built.select(".training-pack__part > h2")]
    expected = [PART_IDS[kind] for kind in PACK_CONTENTS]
    if module.room_material:  # the signs and cards follow the activities
        expected.insert(expected.index(PART_IDS["activities"]) + 1, ROOM_ID)
    assert [part_id for part_id, _ in parts] == expected + list(training_paperwork.PARTS.values()) + [ANSWERS_ID]
    assert ([title for part_id, title in parts if part_id != ROOM_ID][:len(PACK_CONTENTS)]
            == [module.part(kind).title for kind in PACK_CONTENTS])
    starts = []
    for _part_id, title in parts:
        first = [number for number, sheet in enumerate(sheets) if _flat(sheet).startswith(_flat(title))]
        assert first, f"no sheet of {module.pack.url} starts with the part '{title}'"
        starts.append(first[0])
    assert starts == sorted(starts) and starts[0] == 1, starts  # the cover, then the parts in order
    handout = [part_id for part_id, _ in parts].index(PART_IDS["handout"])
    assert starts[handout + 1] - starts[handout] == 1, "the handout takes more than one sheet"
    cover = _flat(sheets[0])
    assert _flat(module.pack.title) in cover
    words = {"es": ("Imprimir el paquete", "Ctrl+P"), "en": ("Print the pack", "Ctrl+P")}[language]
    assert not any(_flat(word) in cover for word in words), "the print button and how to print stay on screen"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("module_id", _module_ids())
def test_a_printed_pack_holds_the_text_of_its_modules_pages(visit, pdfs, site, model, language, module_id):
    module = model.training[language].get(module_id)
    sheets = _printed(visit, module.pack.url, pdfs)
    flat_sheets = [_without_printed_addresses(_flat(sheet)) for sheet in sheets]
    printed = "".join(flat_sheets)
    for kind in ("session-plan", "activities", "handout", "evaluation"):
        part = module.part(kind)
        # The plan's 45-minute script is printed in the 45-minute pack only (renderers/training_pack.py).
        texts = _texts(html(site, part.url).select_one("article"), ".training-script" if kind == "session-plan" else "")
        assert len(texts) > 5, part.url
        missing = [text for text in texts if not _on_paper(_without_printed_addresses(_flat(text)), flat_sheets)]
        assert missing == [], f"{part.url}: {missing[:3]}"
    for step in module.steps:
        assert _flat(step.title) in printed and _flat(step.trainer) in printed
    shown = lambda written: _flat(render_figures.resolved(written, model.figures, language))  # figures as printed
    for question in module.questions:
        assert shown(question.question) in printed and shown(question.explanation) in printed
        assert all(shown(option.text) in printed for option in question.options)
    answers = sheets[[n for n, sheet in enumerate(sheets) if _flat(sheet).startswith(
        _flat({"es": "Respuestas del cuestionario", "en": "Quiz answers"}[language]))][0]]
    right = module.questions[0].options[module.questions[0].answer].text
    assert shown(right) in _flat(answers), "the answer key gives the right answers"


# ---------------------------------------------------------------------------- links and drawings on paper


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("url", ["capacitacion/que-es-la-trata/hoja/", "capacitacion/que-es-la-trata/paquete/"])
def test_printed_links_show_their_address_and_phone_links_their_number(visit, pdfs, site, language, url):
    article = html(site, PREFIXES[language] + url).select_one("article")
    printed = _flat(" ".join(_printed(visit, PREFIXES[language] + url, pdfs)))
    external = {a["href"] for a in article.select('a[href^="http"]')}
    phones = article.select('a[href^="tel:"]')
    assert external and phones
    for href in external:
        assert _flat(href) in printed, href
    for phone in phones:
        number = phone["href"][len("tel:"):]
        assert re.sub(r"\D", "", phone.get_text()) == number, phone
        assert _flat(phone.get_text()) in printed, phone


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_printed_diagram_fits_the_width_of_the_sheet(browser, server, language):
    context = browser.new_context(viewport={"width": PRINTED_WIDTH, "height": 1000})
    page = context.new_page()
    page.goto(server + PREFIXES[language] + "politica/")
    page.emulate_media(media="print")
    drawings = [svg for svg in page.locator("svg.diagram__svg").all() if svg.is_visible()]
    assert drawings, "no diagram is printed"
    for svg in drawings:
        box = svg.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PRINTED_WIDTH + 0.5, box
        assert box["width"] > PRINTED_WIDTH / 3, box
    assert page.evaluate("document.documentElement.scrollWidth") <= PRINTED_WIDTH
    context.close()
