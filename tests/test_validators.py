"""What outside validators say about the built site (issue #28): the Nu HTML Checker (vnu, from
npm, on Debian's Java) finds no error that the project's own markup causes, and the checks it
and Chromium made before are held here: no obsolete `align`, no style attribute the policy
ignores, no unlabelled form control, a 404 page with a title of its own, and no document that
makes a browser ask for a file the site does not have."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from urllib.parse import urljoin, urlsplit

import pytest

from conftest import LANGUAGES, ROOT, built_pages, html

VNU = ROOT / "validate" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# The errors the checker still reports, and why they stay: (its message, the markup it quotes).
# Material's own markup, which its templates write outside any block the project can replace
# (README, "Validators"):
MATERIAL = {
    "the navigation's section labels": (re.compile(r"^Bad value “” for attribute “tabindex” on element “label”"),
                                        re.compile(r'<label class="md-nav__link" for="__nav_[0-9_]+"')),
    "the drawer's checkbox": (re.compile(r"^Attribute “autocomplete” is only allowed when the input type is"),
                              re.compile(r'data-md-toggle="drawer" type="checkbox" id="__drawer"')),
}


@pytest.fixture(scope="module")
def checker_errors(site, tmp_path_factory):
    """Every error of one run of the checker over every page (one Java process: a start per page
    would cost minutes)."""
    if shutil.which("java") is None:
        pytest.fail("Java is missing: run 'sudo apt-get install default-jre-headless' (make test does it as root)")
    if not VNU.is_file():
        pytest.fail("the Nu HTML Checker is missing: run 'npm ci --prefix validate' (make test does it)")
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", "--skip-non-html", str(site)],
                            capture_output=True, text=True, timeout=900)
    messages = json.loads(result.stderr)["messages"]
    return [(urlsplit(m.get("url", "")).path.split(str(site), 1)[-1], m["message"], m.get("extract", ""))
            for m in messages if m.get("type") == "error"]


def test_the_nu_html_checker_finds_no_error_of_the_projects_own_markup(checker_errors):
    ours = sorted({f"{page}: {message} ({extract.strip()[:80]})" for page, message, extract in checker_errors
                   if not any(said.search(message) and quoted.search(extract) for said, quoted in MATERIAL.values())})
    assert ours == [], "\n".join(ours[:40])


def test_every_page_has_been_checked(checker_errors, site):
    """The run read the pages (an empty report would pass the test above)."""
    assert len({page for page, _, _ in checker_errors}) > 200


# ---------------------------------------------------------------------------- what the checker and Chromium said


def test_no_element_carries_the_obsolete_align_or_a_style_attribute(site):
    """`align` is obsolete; a `style` attribute is not applied under the policy's `style-src 'self'`."""
    found = [(path.relative_to(site).as_posix(), element.name, attribute)
             for path in built_pages(site) for element in html(site, path.relative_to(site).as_posix()).find_all(True)
             for attribute in ("align", "style") if element.has_attr(attribute)]
    assert found == []


def test_every_form_control_has_a_label(site):
    """Material's search checkbox (#__search), with no label and no use here, is gone from every page."""
    unlabelled = []
    for path in built_pages(site):
        soup = html(site, path.relative_to(site).as_posix())
        labelled = {label.get("for") for label in soup.find_all("label")}
        for control in soup.find_all(["input", "select", "textarea"]):
            if control.get("type") == "hidden" or control.get("aria-label") or control.get("aria-labelledby"):
                continue
            if control.get("id") in labelled or control.find_parent("label"):
                continue
            unlabelled.append((path.relative_to(site).as_posix(), str(control)[:80]))
    assert unlabelled == []
    assert not any(html(site, p.relative_to(site).as_posix()).find(id="__search") for p in built_pages(site))


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_404_page_has_a_title_of_its_own(site, language):
    """Its neutral heading, then the site's name, as every page's title is: not the site's name alone."""
    from content_model import catalogue

    title = html(site, "404.html" if language == "es" else "en/404.html").title.get_text()
    home = html(site, "index.html" if language == "es" else "en/index.html").title.get_text()
    assert title == catalogue.words(language, "ui")["not_found_title"] + " - " + home.split(" - ", 1)[1]


def test_no_page_and_no_svg_asks_for_a_file_the_site_lacks(site):
    """What a browser loads by itself: stylesheets, scripts, icons, pictures; and the icon a
    standalone SVG names (without one, a browser asks the server's root for /favicon.ico)."""
    missing = []

    def check(path, reference):
        target = urlsplit(urljoin("http://site/" + path.relative_to(site).as_posix(), reference))
        if target.netloc != "site":
            return
        local = site / target.path.lstrip("/")
        if local.is_dir():
            local = local / "index.html"
        if not local.is_file():
            missing.append((path.relative_to(site).as_posix(), reference))

    for path in built_pages(site):
        soup = html(site, path.relative_to(site).as_posix())
        for element in soup.select("link[href], script[src], img[src]"):
            check(path, element.get("href") or element.get("src"))
        assert soup.select_one('link[rel="icon"]'), path
    svgs = sorted(site.rglob("*.svg"))
    assert len(svgs) >= 3
    for path in svgs:
        text = path.read_text(encoding="utf-8")
        if path.name == "favicon.svg":  # the icon itself
            continue
        icon = re.search(r'<link xmlns="http://www.w3.org/1999/xhtml" rel="icon" href="([^"]+)"', text)
        assert icon, f"{path} names no icon"
        check(path, icon.group(1))
    assert missing == []


def test_an_aligned_table_column_is_still_aligned(browser, server):
    """The alignment a Markdown table asks for (|:---:|) shows, through a class the policy allows."""
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(server + "capacitacion/que-es-la-trata/evaluacion/", wait_until="load")
        cells = page.locator("article td.align-center, article th.align-center")
        assert cells.count() > 0
        assert page.evaluate("[...document.querySelectorAll('article td.align-center, article th.align-center')]"
                             ".every(cell => getComputedStyle(cell).textAlign === 'center')")
    finally:
        context.close()


def test_only_a_sortable_table_looks_sortable_and_it_sorts(site, visit):
    """Material's CSS gives any th[role=columnheader] a pointer and a sort arrow, for its own
    table-sort script, which this site does not load. One page of each kind of table the site
    builds (by its class): a header of a table without data-sortable shows neither; the sortable
    ones (table-sort.js) show their header buttons, and a press sorts the rows."""
    kinds: dict[str, str] = {}
    for path in built_pages(site):
        for opening in re.findall(r"<table\b[^>]*>", path.read_text(encoding="utf-8")):
            kinds.setdefault(opening, path.relative_to(site).parent.as_posix() + "/")
    assert len(kinds) >= 5 and any("data-sortable" in opening for opening in kinds), kinds
    cues = """table => [...table.querySelectorAll('th')].map(th => {
        const style = getComputedStyle(th), after = getComputedStyle(th, '::after');
        return [th.textContent.trim().slice(0, 30), style.cursor, after.maskImage || after.webkitMaskImage, after.content];
    })"""
    for _kind, url in sorted(kinds.items()):
        visit.goto(url)
        tables = visit.page.locator("table:not([data-sortable])")
        for index in range(tables.count()):
            for head, cursor, mask, content in tables.nth(index).evaluate(cues):
                assert cursor != "pointer" and mask == "none" and content in ("none", "normal"), (url, head, cursor, mask)

    sortable = next(url for opening, url in kinds.items() if "data-sortable" in opening)
    visit.goto(sortable)
    table = visit.page.locator("table[data-sortable]").first
    buttons = table.locator("thead th > button.table-sort__button")
    assert buttons.count() == table.locator("thead th").count() > 1
    assert all(cursor == "pointer" for cursor in
               buttons.evaluate_all("buttons => buttons.map(b => getComputedStyle(b).cursor)"))
    keys = "table => [...table.tBodies[0].rows].map(row => parseFloat(row.cells[2].dataset.sortValue))"
    before = table.evaluate(keys)
    buttons.nth(2).click()
    after = table.evaluate(keys)
    assert after == sorted(before) != before
    assert table.locator("thead th").nth(2).get_attribute("aria-sort") == "ascending"
