"""The policy diagram (issue 3): the renderer, the built site in both languages, bad markers, and Chromium."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import LANGUAGES, PREFIXES, ROOT, axe_violations, build_error, edit, html, load_error, own_tab, shared_tab

import content_model
from content_model.policy import Node, PolicyTree
from renderers import diagram

SVG = "{http://www.w3.org/2000/svg}"
OVERVIEW_ES = "docs/politica/index.es.md"
DOWNLOAD = {"es": "politica/diagrama-politica-trata.svg", "en": "en/politica/trafficking-policy-diagram.svg"}
HERE = {"es": "Estás aquí", "en": "You are here"}
LAYOUTS = ("wide", "narrow")

# A small policy: two axes, a transversal axis, and every level below them.
SMALL = (
    ("eje-a", "axis", None, 1), ("eje-b", "axis", None, 2), ("eje-t", "transversal", None, 1),
    ("comp-a", "component", "eje-a", 1), ("comp-b", "component", "eje-b", 1), ("comp-c", "component", "eje-b", 2),
    ("gen-a", "general", "comp-a", 1), ("gen-b", "general", "comp-b", 1),
    ("esp-a1", "specific", "gen-a", 1), ("esp-a2", "specific", "gen-a", 2), ("esp-b1", "specific", "gen-b", 1),
)
SMALL_COUNTS = {"axis": 2, "component": 3, "general": 2, "specific": 3, "transversal": 1}


def _tree(rows=SMALL, language="es", labels=None) -> PolicyTree:
    labels = labels or {}
    nodes = tuple(Node(id=i, kind=kind, parent=parent, order=order, title=i, label=labels.get(i, f"Label {i}"),
                       summary="", related=(), src_uri=f"politica/{i}.md", language=language)
                  for i, kind, parent, order in rows)
    return PolicyTree(language=language, nodes=nodes)


def _soup(markup: str) -> BeautifulSoup:
    return BeautifulSoup(markup, "html.parser")


def _links(soup, layout: str):
    return soup.select(f"svg.diagram__svg--{layout} a")


def _kinds(links) -> dict[str, int]:
    counts: dict[str, int] = {}
    for link in links:
        kind = next(c for c in link["class"] if c.startswith("diagram__node--") and c != "diagram__node--current")
        counts[kind.removeprefix("diagram__node--")] = counts.get(kind.removeprefix("diagram__node--"), 0) + 1
    return counts


def _label(link) -> str:
    """A box's label as a reader sees it, without the 'you are here' line."""
    here = link.find("tspan", class_="diagram__here")
    skipped = {id(s) for s in here.find_all(string=True)} if here else set()
    words = [s for s in link.find("text").find_all(string=True) if id(s) not in skipped]
    return " ".join(" ".join(words).split())


@pytest.fixture(scope="module")
def model():
    return content_model.load_site(ROOT / "docs")


# ---------------------------------------------------------------------------- renderer


def test_the_full_diagram_has_one_linked_box_per_node_in_each_layout_and_in_the_list():
    soup = _soup(diagram.render_full(_tree(), "politica/", "diagrama.svg"))
    for layout in LAYOUTS:
        assert _kinds(_links(soup, layout)) == SMALL_COUNTS
    assert len(soup.select("details.diagram-list a")) == len(SMALL)
    assert soup.select_one("details.diagram-list > summary").get_text() == "Ver como lista"
    assert soup.select_one(".diagram__download a")["href"] == "diagrama.svg"


def test_every_box_but_the_roots_has_a_connector_and_the_narrow_axes_hang_from_the_band():
    soup = _soup(diagram.render_full(_tree(), "politica/", "diagrama.svg"))
    non_roots = sum(1 for _, _, parent, _ in SMALL if parent)
    assert soup.select_one("svg.diagram__svg--wide path.diagram__lines")["d"].count("M") == non_roots
    assert soup.select_one("svg.diagram__svg--narrow path.diagram__lines")["d"].count("M") == non_roots + 2


def test_links_are_relative_to_the_page_and_follow_the_tree_order():
    soup = _soup(diagram.render_full(_tree(), "politica/", "diagrama.svg"))
    order = ["eje-a", "comp-a", "gen-a", "esp-a1", "esp-a2", "eje-b", "comp-b", "gen-b", "esp-b1", "comp-c", "eje-t"]
    for layout in LAYOUTS:
        assert [a["href"] for a in _links(soup, layout)] == [f"{i}/" for i in order]
    assert [a["href"] for a in soup.select("details.diagram-list a")] == [f"{i}/" for i in order]
    from_guideline = _soup(diagram.render_full(_tree(), "politica/esp-a1/", "../diagrama.svg"))
    assert _links(from_guideline, "wide")[0]["href"] == "../eje-a/"


def test_a_label_with_markup_characters_shows_as_text():
    label = 'Menos <b>tolerancia</b> & "más" \'ya\''
    tree = _tree(labels={"gen-a": label})
    markup = diagram.render_full(tree, "politica/", "diagrama.svg")
    assert "<b>" not in markup
    soup = _soup(markup)
    for layout in LAYOUTS:
        assert label in [_label(a) for a in _links(soup, layout)]
    assert label in [a.get_text() for a in soup.select("details.diagram-list a")]
    for svg in re.findall(r"<svg.*?</svg>", markup, re.DOTALL):
        ET.fromstring(svg)  # each inline SVG is well-formed XML
    standalone = ET.fromstring(diagram.render_standalone(tree).split("\n", 1)[1])
    assert label in [" ".join(" ".join(t.itertext()).split()) for t in standalone.iter(f"{SVG}text")]


def test_the_same_tree_gives_the_same_bytes_whatever_the_order_of_its_nodes():
    first = diagram.render_full(_tree(), "politica/", "diagrama.svg")
    assert diagram.render_full(_tree(), "politica/", "diagrama.svg") == first
    assert diagram.render_full(_tree(rows=SMALL[::-1]), "politica/", "diagrama.svg") == first
    assert diagram.render_standalone(_tree(rows=SMALL[::-1])) == diagram.render_standalone(_tree())
    assert diagram.render_branch(_tree(rows=SMALL[::-1]), "gen-b", "politica/gen-b/") == \
        diagram.render_branch(_tree(), "gen-b", "politica/gen-b/")


def test_a_tree_with_one_more_guideline_gains_one_box_everywhere():
    before = _tree()
    after = _tree(rows=SMALL + (("esp-b2", "specific", "gen-b", 2),))
    old = _soup(diagram.render_full(before, "politica/", "d.svg"))
    new = _soup(diagram.render_full(after, "politica/", "d.svg"))
    for layout in LAYOUTS:
        assert len(_links(new, layout)) == len(_links(old, layout)) + 1
        assert _kinds(_links(new, layout))["specific"] == SMALL_COUNTS["specific"] + 1
    assert len(new.select("details.diagram-list a")) == len(old.select("details.diagram-list a")) + 1
    rects = lambda tree: diagram.render_standalone(tree).count("<rect")
    assert rects(after) == rects(before) + 1


def test_the_branch_view_shows_ancestors_the_page_among_its_siblings_and_its_children():
    tree = _tree()
    cases = {
        "esp-a1": ["eje-a", "comp-a", "gen-a", "esp-a1", "esp-a2"],
        "gen-a": ["eje-a", "comp-a", "gen-a", "esp-a1", "esp-a2"],
        "comp-b": ["eje-b", "comp-b", "gen-b", "comp-c"],
    }
    for node_id, expected in cases.items():
        soup = _soup(diagram.render_branch(tree, node_id, f"politica/{node_id}/"))
        links = soup.select("svg a")
        assert [a["href"].strip("./") or node_id for a in links] == expected
        current = soup.select("svg a[aria-current=page]")
        assert [a["href"] for a in current] == ["./"]
        assert "diagram__node--current" in current[0]["class"]
        assert current[0].find("tspan", class_="diagram__here").get_text(" ").split()[-2:] == ["Estás", "aquí"]
        assert [a.get_text() for a in soup.select("details.diagram-list a")] == [f"Label {i}" for i in expected]


def test_the_axis_view_shows_the_axis_and_everything_under_it_only():
    soup = _soup(diagram.render_axis(_tree(), "eje-b", "politica/eje-b/"))
    assert [a["href"] for a in soup.select("svg a")] == ["./", "../comp-b/", "../gen-b/", "../esp-b1/", "../comp-c/"]
    assert soup.select_one("svg a")["aria-current"] == "page"


def test_on_the_transversal_axis_page_the_full_diagram_marks_its_band_in_both_layouts():
    soup = _soup(diagram.render_full(_tree(), "politica/eje-t/", "../d.svg", current_id="eje-t"))
    for layout in LAYOUTS:
        current = soup.select(f"svg.diagram__svg--{layout} a[aria-current=page]")
        assert [a["class"] for a in current] == [["diagram__node", "diagram__node--transversal", "diagram__node--current"]]
        assert "Estás aquí" in current[0].get_text()
    assert soup.select_one("details.diagram-list a[aria-current=page]")["href"] == "./"


def test_the_svg_is_a_named_and_described_group_not_an_image():
    soup = _soup(diagram.render_full(_tree(language="en"), "en/politica/", "d.svg"))
    for svg in soup.select("svg"):
        assert svg["role"] == "group"
        assert soup.find(id=svg["aria-labelledby"]).name == "title"
        assert soup.find(id=svg["aria-describedby"]).name == "desc"
        assert "2 axes, 3 components, 2 general guidelines and 3 specific guidelines" in \
            soup.find(id=svg["aria-describedby"]).get_text()
    assert soup.select_one("details.diagram-list > summary").get_text() == "Show as a list"
    assert soup.select_one(".diagram__download a").get_text() == "Download the diagram (SVG)"


# ---------------------------------------------------------------------------- built site


def _resolve(page_url: str, href: str) -> str:
    """A link on a page, as a site-relative URL ('politica/x/')."""
    return urlsplit(urljoin("http://site/" + page_url, href)).path.lstrip("/")


def _exists(site: Path, url: str) -> bool:
    return (site / url / "index.html").is_file() if url.endswith("/") or url == "" else (site / url).is_file()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_overview_diagram_links_every_policy_page_in_tree_order_and_each_link_resolves(site, model, language):
    tree = model.tree(language)
    page_url = PREFIXES[language] + "politica/"
    soup = html(site, page_url)
    expected = [node.url for node in tree.walk()]
    assert {n.kind for n in tree.walk()} >= {"axis", "component", "general", "specific", "transversal"}
    for layout in LAYOUTS:
        targets = [_resolve(page_url, a["href"]) for a in soup.select(f"figure.diagram svg.diagram__svg--{layout} a")]
        assert targets == expected
    listed = [_resolve(page_url, a["href"]) for a in soup.select("details.diagram-list a")]
    assert listed == expected
    missing = [url for url in expected if not _exists(site, url)]
    assert missing == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_overview_diagram_labels_are_the_pages_short_labels_in_the_readers_language(site, model, language):
    tree = model.tree(language)
    soup = html(site, PREFIXES[language] + "politica/")
    labels = [_label(a) for a in soup.select("figure.diagram svg.diagram__svg--narrow a")]
    axes_and_guidelines = [_label(a) for a in soup.select("figure.diagram svg.diagram__svg--wide a")
                           if "diagram__node--transversal" not in a["class"]]
    assert labels[:-1] == axes_and_guidelines == [n.label for n in tree.walk() if n.kind != "transversal"]
    other = model.tree("es" if language == "en" else "en")
    only_other = {n.label for n in other.nodes} - {n.label for n in tree.nodes}
    assert only_other and not only_other & set(labels)


def test_the_english_overview_shows_english_labels(site):
    soup = html(site, "en/politica/")
    labels = {_label(a) for a in soup.select("figure.diagram svg.diagram__svg--wide a")}
    assert {"Prevention", "Prosecution", "Protection"} <= labels
    assert not {"Prevención", "Persecución", "Protección"} & labels


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_standalone_svg_exists_parses_and_the_overview_links_to_it(site, model, language):
    path = site / DOWNLOAD[language]
    root = ET.parse(path).getroot()
    assert root.tag == f"{SVG}svg"
    assert root.find(f"{SVG}title").text and root.find(f"{SVG}desc").text
    texts = " ".join(" ".join(t.itertext()) for t in root.iter(f"{SVG}text"))
    for node in model.tree(language).nodes:
        assert all(word in texts for word in node.label.split())
    # A downloaded file links nowhere; its icon (an XHTML <link rel="icon">, which keeps a browser from
    # asking the server's root for /favicon.ico) is not a link a reader follows.
    icon = "{http://www.w3.org/1999/xhtml}link"
    assert not [e for e in root.iter() if any(k.endswith("href") for k in e.attrib)
                and not (e.tag == icon and e.get("rel") == "icon")], "a downloaded file links nowhere"
    page_url = PREFIXES[language] + "politica/"
    link = html(site, page_url).select_one("figure.diagram .diagram__download a")
    assert _resolve(page_url, link["href"]) == DOWNLOAD[language]
    assert link.get_text() == {"es": "Descargar el diagrama (SVG)", "en": "Download the diagram (SVG)"}[language]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_full_inline_diagram_weighs_under_30_kb(site, language):
    page = (site / PREFIXES[language] / "politica" / "index.html").read_text(encoding="utf-8")
    start = page.index('<figure class="diagram diagram--full"')
    end = page.index("</details>", start) + len("</details>")
    assert len(page[start:end].encode("utf-8")) < 30_000


@pytest.mark.parametrize("language", LANGUAGES)
def test_pages_with_a_branch_or_axis_marker_show_where_they_sit(site, model, language):
    tree = model.tree(language)
    checked = 0
    for node in tree.nodes:
        source = (ROOT / "docs" / content_model.localised(node.src_uri, language)).read_text(encoding="utf-8")
        if "<!-- diagram: branch -->" in source:
            expected = {n.id for n in tree.ancestors(node.id)} | {n.id for n in tree.siblings(node.id)} \
                | {n.id for n in tree.children(node.id)}
        elif "<!-- diagram: axis -->" in source and node.kind == "axis":
            expected = {n.id for n in tree.walk(node.id)} | {node.id}
        else:
            continue
        by_url = {n.url: n.id for n in tree.nodes}
        soup = html(site, node.url)
        links = soup.select("figure.diagram svg a")
        assert {by_url[_resolve(node.url, a["href"])] for a in links} == expected, node.id
        current = [_resolve(node.url, a["href"]) for a in links if a.get("aria-current") == "page"]
        assert current == [node.url]
        checked += 1
    assert checked, "no policy page carries a branch or axis marker yet"


# ---------------------------------------------------------------------------- bad input


def test_an_unknown_marker_stops_the_build(project):
    edit(project / OVERVIEW_ES, "<!-- diagram: full -->", "<!-- diagram: poster -->")
    assert load_error(project) == (
        f"{OVERVIEW_ES}: '<!-- diagram: poster -->' is not a known marker. "
        "Fix: use one of: <!-- diagram: full -->, <!-- diagram: axis -->, <!-- diagram: branch -->.")


@pytest.mark.parametrize("page, marker, message", [
    ("docs/acerca.en.md", "branch",
     "docs/acerca.en.md: the marker '<!-- diagram: branch -->' is on a page that is not a component or a "
     "guideline. Fix: use '<!-- diagram: full -->' or remove the marker."),
    ("docs/politica/cultura-rechazo.es.md", "axis",
     "docs/politica/cultura-rechazo.es.md: the marker '<!-- diagram: axis -->' is on a page that is not an "
     "axis. Fix: use '<!-- diagram: branch -->' or remove the marker."),
], ids=["branch-outside-the-policy", "axis-on-a-guideline"])
def test_a_marker_on_a_page_of_another_kind_stops_the_build(project, page, marker, message):
    path = project / page
    path.write_text(path.read_text(encoding="utf-8") + f"\n<!-- diagram: {marker} -->\n", encoding="utf-8")
    assert build_error(project) == message


def test_a_marker_inside_a_paragraph_stops_the_build(project):
    edit(project / OVERVIEW_ES, "<!-- diagram: full -->", "Mira el diagrama: <!-- diagram: full -->")
    assert re.fullmatch(
        rf"{re.escape(OVERVIEW_ES)}: a '<!-- diagram: \.\.\. -->' marker shares its line with other text \(line \d+\)\. "
        r"Fix: put each diagram marker on a line of its own, with a blank line before and after\.", load_error(project))


def test_the_same_marker_twice_on_a_page_stops_the_build(project):
    edit(project / OVERVIEW_ES, "<!-- diagram: full -->", "<!-- diagram: full -->\n\n<!-- diagram: full -->")
    assert load_error(project) == (
        f"{OVERVIEW_ES}: the marker '<!-- diagram: full -->' appears twice. "
        "Fix: keep one diagram of each kind on a page.")


# ---------------------------------------------------------------------------- Chromium

_VISIBLE_LABELS = """() => Array.from(document.querySelectorAll('figure.diagram svg text'))
  .filter(t => t.getBoundingClientRect().width > 0)
  .map(t => { const m = t.getScreenCTM(); return parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b); })"""

_OVERFLOWING_LABELS = """() => Array.from(document.querySelectorAll('figure.diagram svg a'))
  .filter(a => a.getBoundingClientRect().width > 0)
  .filter(a => { const box = a.querySelector('rect').getBoundingClientRect();
                 const text = a.querySelector('text').getBoundingClientRect();
                 return text.left < box.left || text.right > box.right || text.top < box.top || text.bottom > box.bottom; })
  .map(a => a.textContent)"""

_COLOURS = """() => Array.from(document.querySelectorAll('figure.diagram svg a'))
  .filter(a => a.getBoundingClientRect().width > 0)
  .map(a => [a.textContent, getComputedStyle(a.querySelector('text')).fill, getComputedStyle(a.querySelector('rect')).fill])"""


_WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def _luminance(css: str) -> float:
    r, g, b = (int(v) / 255 for v in re.findall(r"\d+", css)[:3])
    lin = lambda c: c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)


def _contrast(one: str, two: str) -> float:
    high, low = sorted((_luminance(one), _luminance(two)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_overview_has_no_horizontal_scroll_on_a_360_px_phone(phone, language):
    phone.goto(PREFIXES[language] + "politica/")
    page = phone.page
    wide_items = page.evaluate("Array.from(document.querySelectorAll('figure.diagram, figure.diagram *, "
                               ".diagram-list, .diagram-list *')).filter(e => e.getBoundingClientRect().right > 360.5)"
                               ".map(e => e.tagName + '.' + (e.getAttribute('class') || ''))")
    assert wide_items == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


@pytest.mark.parametrize("width", [360, 600, 700, 1280])
def test_labels_render_at_12_px_or_more_and_stay_inside_their_boxes(browser, server, width):
    with own_tab(browser, viewport={"width": width, "height": 800}) as page:
        for url in ("politica/", "en/politica/", "politica/reduccion-tolerancia/", "en/politica/persecucion/"):
            page.goto(server + url)
            sizes = page.evaluate(_VISIBLE_LABELS)
            assert sizes and min(sizes) >= 12, (url, min(sizes))
            assert page.evaluate(_OVERFLOWING_LABELS) == [], url


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_labels_contrast_at_least_4_5_to_1_with_their_boxes_in_both_palettes(browser, server, scheme):
    with own_tab(browser, viewport={"width": 1280, "height": 800}, color_scheme=scheme) as page:
        page.goto(server + "politica/")
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == \
            {"light": "default", "dark": "slate"}[scheme]
        colours = page.evaluate(_COLOURS)
        assert len(colours) > 30
        low = [(label, round(_contrast(text, box), 2)) for label, text, box in colours if _contrast(text, box) < 4.5]
        assert low == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_diagram_prints_black_on_white(browser, server, scheme):
    with own_tab(browser, viewport={"width": 1280, "height": 800}, color_scheme=scheme) as page:
        page.goto(server + "politica/")
        page.emulate_media(media="print")
        for label, text, box in page.evaluate(_COLOURS):
            assert _luminance(text) == 0, label
            assert _contrast(text, box) >= 7, label


@pytest.mark.browser  # the browser fixture is asked for by name, inside the test
@pytest.mark.parametrize("fixture", ["visit", "phone"])
def test_the_keyboard_tabs_through_the_diagram_in_tree_order_with_a_visible_focus_ring(request, model, fixture):
    visit = request.getfixturevalue(fixture)
    visit.goto("politica/")
    page = visit.page
    expected = [node.url for node in model.tree("es").walk()]
    page.evaluate("document.querySelector('figure.diagram figcaption').setAttribute('tabindex', '-1')")
    page.focus("figure.diagram figcaption")
    visited = []
    for _ in expected:
        page.keyboard.press("Tab")
        focused = page.evaluate("""() => { const a = document.activeElement;
            return [a.getAttribute('href'), getComputedStyle(a).outlineStyle,
                    a.querySelector('rect') ? getComputedStyle(a.querySelector('rect')).strokeWidth : null]; }""")
        visited.append(_resolve("politica/", focused[0]))
        assert focused[1] == "solid" and focused[2] == "4px", focused
    assert visited == expected
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('.diagram__download') !== null")


@pytest.mark.parametrize("url", ["politica/", "en/politica/", "politica/prevencion/", "en/politica/cultura-rechazo/"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_diagram_and_its_list_have_no_accessibility_violations(request, shared_contexts, server, url, scheme):
    """With the list open, in both schemes: the diagram and its list, and on the overview (the
    diagram's own page) the whole page around them."""
    from axe_playwright_python.sync_playwright import Axe

    options = {"viewport": {"width": 1280, "height": 800}, "color_scheme": scheme}
    with shared_tab(request, shared_contexts, server, options) as page:
        page.goto(server + url)
        page.evaluate("document.querySelector('details.diagram-list').open = true")
        assert page.evaluate("document.querySelector('details.diagram-list').open")
        if url in (PREFIXES["es"] + "politica/", PREFIXES["en"] + "politica/"):
            assert axe_violations(page) == []
            return
        results = Axe().run(page, context={"include": [["figure.diagram"], ["details.diagram-list"]]},
                            options={"runOnly": {"type": "tag", "values": _WCAG}})
        assert [f"{v['id']}: {n['target']}" for v in results.response["violations"] for n in v["nodes"]] == []
