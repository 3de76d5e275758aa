"""Each page loads only the stylesheets and scripts its markup needs (extra.assets in mkdocs.yml),
minified, and still has every behaviour (issue #30).

The expected files are worked out here from the table and the built page, with an HTML parser and
CSS selectors (BeautifulSoup's), not with the hook's own matching (hooks/renderers/assets.py):
the shared pair (`site.*`) on every page, then one file per row whose markup the page holds, in
the table's order. The behaviours themselves are the other tests' (quiz, slides, offer check,
citation, sort, print, search, quick exit, share, exercise), which run against these pages;
test_offline.py drives each of them from file://. What a page of every kind asks for in Chromium
is checked on test_budgets.py's first loads (one load for the budget, the files and the errors).
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup

from conftest import ASSETS_TABLE, ASSET_FILE, ROOT, built_pages, expected_files

def _linked(soup: BeautifulSoup) -> dict[str, list[str]]:
    """The site's stylesheets and scripts the page links, by extension, in the page's order."""
    files = {"css": [], "js": []}
    addresses = [tag["href"] for tag in soup.select("link[rel~=stylesheet][href]")] + \
                [tag["src"] for tag in soup.select("script[src]")]
    for address in addresses:
        match = ASSET_FILE.search(urlsplit(address).path)
        assert match or "/training-print.css" in address, f"a file outside the table: {address}"
        if match:
            files[match.group("ext")].append(match.group("name"))
    return files


def test_every_row_of_the_table_is_one_of_our_files_and_needed_by_some_pages_only(site):
    pages = [BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser") for path in built_pages(site)]
    assert len(pages) > 200
    for row in ASSETS_TABLE:
        assert (ROOT / "overrides" / row["file"]).is_file(), row
        if row["when"] == "every page":
            continue
        holding = sum(1 for soup in pages if any(soup.select_one(s) is not None for s in row["when"]))
        assert 0 < holding < len(pages), f"{row['file']}: {holding} of {len(pages)} pages need it"


def test_every_page_links_the_shared_pair_and_exactly_the_files_its_markup_needs(site):
    wrong = []
    for path in built_pages(site):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        linked, expected = _linked(soup), expected_files(soup)
        if linked != expected:
            wrong.append(f"{path.relative_to(site)}: links {linked}, its markup needs {expected}")
        for address in [tag["href"] for tag in soup.select("link[rel~=stylesheet][href]")] + \
                       [tag["src"] for tag in soup.select("script[src]")]:
            target = urlsplit(urljoin("/" + path.relative_to(site).as_posix(), address)).path
            assert (site / target.lstrip("/")).is_file(), f"{path}: {address} is missing"
        assert all(tag.has_attr("defer") for tag in soup.select("script[src]")), path
    assert not wrong, "\n".join(wrong[:20])


def test_every_file_is_minified_and_named_by_its_content(site):
    written = sorted((site / "assets" / "stylesheets").glob("*.css")) + \
              sorted((site / "assets" / "javascripts").glob("*.js"))
    names = {path.name.split(".")[0] for path in written}
    assert names == {"site"} | {row["file"].rsplit("/", 1)[1].rsplit(".", 1)[0] for row in ASSETS_TABLE
                                if row["when"] != "every page"}, names
    for path in written:
        text = path.read_text(encoding="utf-8")
        source = ROOT / "overrides" / "assets" / ("css" if path.suffix == ".css" else "js") / \
            (path.name.split(".")[0] + path.suffix)
        # No indentation, no comment but a licence's /*! ... */, and shorter than its source.
        assert not re.search(r"\n[ \t]", text), path
        assert not re.search(r"/\*(?!!)", text) and not re.search(r"(?m)^\s*//", text), path
        if path.name.split(".")[0] != "site":   # a file of its own (the shared pair puts several together)
            assert len(text) < 0.8 * len(source.read_text(encoding="utf-8")), path
        if path.suffix == ".css":
            assert "@charset" not in text[1:], f"{path}: @charset anywhere but first is ignored"
