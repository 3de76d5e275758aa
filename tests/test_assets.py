"""Each page loads only the stylesheets and scripts its markup needs (extra.assets in mkdocs.yml),
minified, and still has every behaviour (issue #30).

The expected files are worked out here from the table and the built page, with an HTML parser
(lxml's: conftest.markup), not with the hook's own matching (hooks/renderers/assets.py):
the shared pair (`site.*`) on every page, then, for the rows whose markup the page holds, one
stylesheet and one script that join them, named by their names in the table's order
(`copy_citation.*.min.js`). The behaviours themselves are the other tests' (quiz, slides, offer check,
citation, sort, print, search, quick exit, share, exercise), which run against these pages;
test_offline.py drives each of them from file://. What a page of every kind asks for in Chromium
is checked on test_budgets.py's first loads (one load for the budget, the files and the errors).
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

import functools

import pytest

from conftest import ASSETS_TABLE, ASSET_FILE, FIRST_PAINT, ROOT, Markup, build_error, built_pages, edit, expected_files, markup
from renderers import assets

# The stylesheets and the scripts a page links, in the page's order.
_LINKED = ("//link[@href and contains(concat(' ', normalize-space(@rel), ' '), ' stylesheet ')]/@href"
           " | //script[@src]/@src")


@functools.lru_cache(maxsize=1)
def _pages(site) -> dict:
    """Every built page, parsed once for the module's tests."""
    return {path: markup(path.read_text(encoding="utf-8")) for path in built_pages(site)}


def _linked(page: Markup) -> dict[str, list[str]]:
    """The site's stylesheets and scripts the page links, by extension, in the page's order."""
    files = {"css": [], "js": []}
    for address in page.tree.xpath(_LINKED):
        match = ASSET_FILE.search(urlsplit(address).path)
        assert match, f"a file outside the table: {address}"
        files[match.group("ext")].append(match.group("name"))
    return files


def test_every_row_of_the_table_is_one_of_our_files_and_needed_by_some_pages_only(site):
    pages = list(_pages(site).values())
    assert len(pages) > 200
    for row in ASSETS_TABLE:
        # A file a hook makes at each build is not a source in overrides/, and not in the site alone.
        made = "written by" in row
        assert (ROOT / "overrides" / row["file"]).is_file() != made, row
        assert not made or not (site / row["file"]).exists(), row
        if row["when"] in ("every page", FIRST_PAINT):
            continue
        holding = sum(1 for page in pages if any(page.holds(s) for s in row["when"]))
        assert 0 < holding < len(pages), f"{row['file']}: {holding} of {len(pages)} pages need it"


def test_every_page_links_the_shared_pair_and_exactly_the_files_its_markup_needs(site):
    wrong = []
    for path, page in _pages(site).items():
        linked, expected = _linked(page), expected_files(page)
        if linked != expected:
            wrong.append(f"{path.relative_to(site)}: links {linked}, its markup needs {expected}")
        for address in page.tree.xpath(_LINKED):
            target = urlsplit(urljoin("/" + path.relative_to(site).as_posix(), address)).path
            assert (site / target.lstrip("/")).is_file(), f"{path}: {address} is missing"
        # Deferred, all but the one run before the first paint, which comes right after the palette.
        for script in page.tree.xpath("//script[@src]"):
            first_paint = "/first-paint." in script.get("src")
            assert (script.get("defer") is None) == first_paint, (path, script.get("src"))
            assert not first_paint or script.getprevious().get("data-md-component") == "palette", path
    assert not wrong, "\n".join(wrong[:20])


def test_every_file_is_minified_and_named_by_its_content(site):
    written = sorted((site / "assets" / "stylesheets").glob("*.css")) + \
              sorted((site / "assets" / "javascripts").glob("*.js"))
    rows = {ext: [row["file"].rsplit("/", 1)[1].rsplit(".", 1)[0] for row in ASSETS_TABLE
                  if row["when"] not in ("every page", FIRST_PAINT) and row["file"].endswith("." + ext)]
            for ext in ("css", "js")}
    shared = {"css": {"site"}, "js": {"site", "first-paint"}}
    names = {(path.name.split(".")[0], path.suffix[1:]) for path in written}
    # Each file for some pages joins rows of the table, in its order; every such row is in one.
    assert all(name in shared[ext] or [part for part in rows[ext] if part in name.split("_")] == name.split("_")
               for name, ext in names), names
    for ext in rows:
        assert {part for name, e in names if e == ext for part in name.split("_")} == {*shared[ext], *rows[ext]}, names
    for path in written:
        text = path.read_text(encoding="utf-8")
        folder = ROOT / "overrides" / "assets" / ("css" if path.suffix == ".css" else "js")
        # No indentation, no comment but a licence's /*! ... */, and shorter than its sources.
        assert not re.search(r"\n[ \t]", text), path
        assert not re.search(r"/\*(?!!)", text) and not re.search(r"(?m)^\s*//", text), path
        sources = [folder / (part + path.suffix) for part in path.name.split(".")[0].split("_")]
        # The shared pair puts the theme's rules with ours; a file a hook makes has no source to compare.
        if path.name.split(".")[0] not in ("site", "first-paint") and all(source.is_file() for source in sources):
            assert len(text) < 0.8 * sum(len(source.read_text(encoding="utf-8")) for source in sources), path
        if path.suffix == ".css":
            assert "@charset" not in text[1:], f"{path}: @charset anywhere but first is ignored"


# ---------------------------------------------------------------------------- the minifiers


def test_scripts_are_minified_by_a_parser_local_names_shortened_globals_kept():
    source = """/* a comment */
    (function () {
      "use strict";
      var longLocalName = document.querySelector("[data-quiz]");   // a comment
      window.__site_thing = function (firstArgument) { return firstArgument + longLocalName; };
    })();
    function __site_global(value) { return value === true; }
    """
    text = assets.minified_js([source, "var b = 2;"])
    assert "longLocalName" not in text and "firstArgument" not in text and "comment" not in text
    assert "window.__site_thing" in text and "function __site_global(" in text and "[data-quiz]" in text
    assert text.endswith(";\nvar b=2;\n") and "eval" not in text
    with pytest.raises(assets.ScriptError, match=r"\d"):
        assets.minified_js(["function (x { return x; }"])


def test_pages_lose_their_templates_indentation_but_not_what_is_written_as_is():
    html = ('<div>\n    <span class="a">\n        Inicio\n      </span>  \n  <pre>  a\n   b</pre>\n'
            '<textarea>\n  x\n</textarea> <a title="one\n   two">t</a>\n\n   text and  text</div>')
    assert assets.compact_html(html) == (
        '<div>\n<span class="a">\nInicio\n</span>\n<pre>  a\n   b</pre>\n'
        '<textarea>\n  x\n</textarea> <a title="one\n   two">t</a>\ntext and  text</div>')


@pytest.mark.whole_build
def test_a_script_the_minifier_cannot_read_stops_the_build_naming_it(project):
    edit(project / "overrides/assets/js/table-sort.js", "(function", "(function (")
    message = build_error(project)
    assert message.startswith("overrides/assets/js/table-sort.js: the script cannot be minified (")
    assert message.endswith("Fix: correct the script at that line and column.")
