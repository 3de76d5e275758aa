"""The whole policy on one printable page (issue 9): the renderer, the built page in both languages, and printing."""

from __future__ import annotations

import unicodedata
from types import SimpleNamespace
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import LANGUAGES, PREFIXES, ROOT, build_error, edit, html, site_edition

import content_model
import whole_policy as hook
from content_model import catalogue
from content_model.policy import Node, PolicyTree
from renderers import whole_policy

PAGE = "politica/completa/"

# A small policy: two axes, a transversal axis, and every level below them, listed out of order.
SMALL = (
    ("eje-t", "transversal", None, 1), ("esp-a2", "specific", "gen-a", 2), ("eje-b", "axis", None, 2),
    ("eje-a", "axis", None, 1), ("comp-b", "component", "eje-b", 1), ("comp-a", "component", "eje-a", 1),
    ("gen-a", "general", "comp-a", 1), ("esp-a1", "specific", "gen-a", 1), ("gen-b", "general", "comp-b", 1),
    ("esp-b1", "specific", "gen-b", 1),
)
LEVELS = {"axis": "h2", "transversal": "h2", "component": "h3", "general": "h4", "specific": "h5"}


def _tree(titles=None, language="es") -> PolicyTree:
    titles = titles or {}
    nodes = tuple(Node(id=i, kind=kind, parent=parent, order=order, title=titles.get(i, f"Title {i}"),
                       label=f"Label {i}", summary=f"Summary of {i}.", related=(), src_uri=f"politica/{i}.md",
                       language=language)
                  for i, kind, parent, order in SMALL)
    return PolicyTree(language=language, nodes=nodes)


CITATION = '<div class="policy-cite">The citation block</div>'


def _render(tree=None) -> BeautifulSoup:
    return BeautifulSoup(whole_policy.render(tree or _tree(), PAGE, CITATION, "Edición 1.1"), "html.parser")


def _model(language):
    return content_model.load_site(ROOT / "docs").tree(language)


# ---------------------------------------------------------------------------- the renderer


def test_every_node_appears_once_in_the_posters_order():
    tree = _tree()
    entries = _render(tree).select(".whole-policy__entry")
    ids = [entry.find(["h2", "h3", "h4", "h5"])["id"] for entry in entries]
    assert ids == [node.id for node in tree.walk()]
    assert sorted(ids) == sorted(node.id for node in tree.nodes)


def test_each_heading_level_follows_the_nodes_level_and_carries_its_summary():
    tree = _tree()
    soup = _render(tree)
    for node in tree.nodes:
        heading = soup.find(id=node.id)
        assert heading.name == LEVELS[node.kind], node.id
        assert heading.parent.select_one(".whole-policy__summary").get_text() == node.summary


def test_each_title_links_to_its_page_relative_to_the_whole_policy_page():
    soup = _render()
    assert soup.find(id="gen-a").a["href"] == "../gen-a/"
    assert soup.find(id="eje-t").a.get_text() == "Title eje-t"


def test_titles_are_escaped():
    tricky = 'Fish & <chips> "quoted"'
    markup = whole_policy.render(_tree({"esp-a1": tricky}), PAGE, CITATION, 'Edition "1" <b>', "https://x.example/?a=1&b=<2>")
    assert "<chips>" not in markup and "<b>" not in markup and "<2>" not in markup
    soup = BeautifulSoup(markup, "html.parser")
    assert soup.find(id="esp-a1").a.get_text() == tricky
    assert soup.select_one(".whole-policy")["data-print-margin"] == 'Edition "1" <b>'
    assert soup.select_one(".whole-policy")["data-print-address"] == "https://x.example/?a=1&b=<2>"


def test_the_same_tree_gives_the_same_bytes():
    assert whole_policy.render(_tree(), PAGE, CITATION) == whole_policy.render(_tree(), PAGE, CITATION)


def test_the_citation_block_it_is_given_comes_before_the_policy():
    soup = _render()
    assert soup.select_one(".whole-policy__cite .policy-cite").get_text() == "The citation block"
    assert soup.select_one(".whole-policy__cite").find_next_sibling("div")["class"] == ["whole-policy"]


# ---------------------------------------------------------------------------- the marker


def _page(src_uri="politica/completa.es.md"):
    return SimpleNamespace(file=SimpleNamespace(src_uri=src_uri), url=PAGE)


def test_an_unknown_policy_marker_stops_the_build():
    with pytest.raises(content_model.ContentError) as error:
        hook.on_page_markdown("Lead.\n\n<!-- policy: everything -->\n", _page(), config=None)
    assert str(error.value) == ("docs/politica/completa.es.md: '<!-- policy: everything -->' is not a known marker. "
                                "Fix: use one of: <!-- policy: whole -->, <!-- policy: print -->.")


def test_an_unknown_policy_marker_stops_the_build_before_the_site_folder_is_touched(project):
    edit(project / "docs/politica/completa.en.md", "<!-- policy: whole -->", "<!-- policy: all -->")
    assert build_error(project) == ("docs/politica/completa.en.md: '<!-- policy: all -->' is not a known marker. "
                                    "Fix: use one of: <!-- policy: whole -->, <!-- policy: print -->.")


def test_a_policy_marker_inside_a_line_stops_the_build():
    with pytest.raises(content_model.ContentError, match="shares its line"):
        hook.on_page_markdown("Lead <!-- policy: whole --> here.\n", _page(), config=None)


def test_a_page_without_the_marker_is_left_alone():
    assert hook.on_page_markdown("Just text.\n", _page(), config=None) == "Just text.\n"


# ---------------------------------------------------------------------------- the built site


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_page_holds_every_node_of_the_content_model_in_order(site, language):
    tree = _model(language)
    content = html(site, PREFIXES[language] + PAGE).select_one(".md-content")
    titles = [h.a.get_text() for h in content.select(".whole-policy__title")]
    assert titles == [node.title for node in tree.walk()]
    assert len(titles) == len(tree.nodes)
    assert {n.title for n in tree.of_kind("specific")} <= set(titles)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_heading_says_it_is_the_posters_structure_with_the_sites_summaries_and_the_labels_are_marked(site, language):
    """Issue 25: the page is not the policy's text, and the site's short labels are not the poster's."""
    page = html(site, PREFIXES[language] + PAGE)
    heading = page.select_one("article h1").get_text(" ", strip=True)
    assert ("resúmenes de este sitio" if language == "es" else "this site's summaries") in heading
    words = catalogue.words(language, "whole_policy")
    notice = page.select_one(".whole-policy__notice")
    assert words["notice"] in notice.get_text(" ") and words["notice_labels"] in notice.get_text(" ")
    tree = _model(language)
    labels = {entry.select_one(".whole-policy__title a").get_text(): entry.select_one(".whole-policy__label")
              for entry in page.select(".whole-policy__entry")}
    for node in tree.nodes:
        label = labels[node.title]
        if node.label != node.title:
            assert label is not None and label.get_text() == f'{words["label"]} «{node.label}»', node.id
    # The diagram's boxes show the labels: its caption says whose they are.
    ui = catalogue.words(language, "ui")
    assert ui["labels_note"] in page.select_one("figure.diagram--full figcaption").get_text(" ")


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_title_links_to_a_built_page(site, language):
    url = PREFIXES[language] + PAGE
    links = html(site, url).select(".whole-policy__title a")
    assert links
    for link in links:
        target = urlsplit(urljoin("/" + url, link["href"])).path.lstrip("/")
        assert (site / target / "index.html").is_file(), link["href"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_page_says_how_to_cite_it_and_that_the_grouping_is_a_reconstruction(site, language):
    content = html(site, PREFIXES[language] + PAGE).select_one(".md-content")
    cite = content.select_one(".whole-policy__cite .policy-cite").get_text(" ")
    assert "001-2015-JUS" in cite
    site_name = html(site, PREFIXES[language] + PAGE).select_one("title").get_text()
    assert content.select_one(".whole-policy__cite .policy-cite em").get_text() in site_name
    assert content.select_one(".whole-policy__cite [data-citation-url]").get_text() == PREFIXES[language] + PAGE
    assert content.select_one(".whole-policy__cite .reconstruction-note")
    assert any(a["href"] == "../nota-metodologica/" for a in content.select("a"))


# ---------------------------------------------------------------------------- printing


@pytest.mark.parametrize("language", LANGUAGES)
def test_printing_shows_the_policy_without_navigation(visit, language):
    page = visit.page
    page.goto(visit.base + PREFIXES[language] + PAGE)
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar", ".report-strip", ".md-footer"):
        for element in page.locator(selector).all():
            assert not element.is_visible(), selector
    for node in _model(language).of_kind("specific"):
        assert page.locator(f'[id="{node.id}"]').is_visible(), node.id
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_page_shows_the_policy_diagram_and_a_print_button(site, language):
    content = html(site, PREFIXES[language] + PAGE).select_one("article")
    assert content.select_one("figure.diagram--full svg")
    assert content.select_one("figure.diagram--full .reconstruction-note")
    box = content.select_one("[data-print-box]")
    assert box.has_attr("hidden") and box.select_one("button[data-print]")  # shown by quiz.js


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_printed_sheet_carries_its_number_the_address_and_the_edition(visit, language):
    from pypdf import PdfReader
    import io
    import re
    page = visit.page
    address = visit.base + PREFIXES[language] + PAGE
    page.goto(address)
    assert page.locator("button[data-print]").is_visible()
    reader = PdfReader(io.BytesIO(page.pdf(format="A4")))
    sheets = [p.extract_text() for p in reader.pages]
    assert len(sheets) >= 3
    edition = {"es": "Edición", "en": "Edition"}[language] + " " + site_edition()["version"]
    unofficial = catalogue.words(language, "whole_policy")["print_unofficial"]
    for number, text in enumerate(sheets, start=1):
        flat = re.sub(r"\s+", "", text)
        assert f"{number}/{len(sheets)}" in flat, number
        assert re.sub(r"\s+", "", address) in flat, number
        assert re.sub(r"\s+", "", edition) in flat, number
        # A sheet handed on alone still says that it is not the policy's text (issue 25).
        assert re.sub(r"\s+", "", unofficial) in flat, number
    # The notice prints in full, before the first entry.
    printed = re.sub(r"\s+", "", unicodedata.normalize("NFKC", "".join(sheets)))  # the PDF's "ﬃ" is "ffi"
    notice = re.sub(r"\s+", "", catalogue.words(language, "whole_policy")["notice"])
    first = re.sub(r"\s+", "", _model(language).roots()[0].title)
    assert notice in printed and printed.index(notice) < printed.rindex(first)
    assert visit.console_errors == []


def test_the_print_button_opens_the_browsers_print(visit):
    page = visit.page
    page.goto(visit.base + PAGE)
    page.evaluate("window.__printed = 0; window.print = () => { window.__printed += 1; }; 0")
    page.click("button[data-print]")
    assert page.evaluate("window.__printed") == 1


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_home_page_and_the_policy_overview_link_to_the_whole_policy(site, language):
    for url, href in (("", "politica/completa/"), ("politica/", "completa/")):
        links = [a["href"] for a in html(site, PREFIXES[language] + url).select("article a[href]")]
        assert href in links, url
