"""Accessibility, checked in Chromium on the built site.

- axe-core finds no WCAG 2.1 A/AA violation on any built page of either language (the 404 pages
  included) in the light scheme, nor on one page of every kind in the dark scheme.
- Every page opens with a skip link to its content: the first Tab reaches it, Enter moves the
  focus into the content.
- Tabbing through one page of every kind, in both languages: every stop is visible and wears a
  focus ring, the order follows the page (skip links, reporting strip, header, navigation, table
  of contents, content, footer), the focus never gets stuck, and everything interactive that the
  page shows can be reached; the site's own controls also work from the keyboard.
- On a phone the closed menu is out of Tab's way, and the menu (a button) opens, moves through its
  levels and closes from the keyboard, with the focus always on something shown.

The full axe run takes about 2 minutes for ~230 pages on an idle 2-CPU machine (A11Y_TABS pages at
a time, default: the number of CPUs, 2 to 4).
"""

from __future__ import annotations

import asyncio
import os
import sys
import threading
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import CHROMIUM, LANGUAGES, ROOT, built_pages, language_of_page
from test_browser_safety import NEUTRAL_SITE, _fake_neutral_site

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
from bench.first_load import PAGE_KINDS  # noqa: E402  (one page of every kind, shared with the benchmark)

PREFIXES = {"es": "", "en": "en/"}
KIND_PAGES = [(kind, language, PREFIXES[language] + url)
              for language in LANGUAGES for kind, url in PAGE_KINDS.items()]
KIND_IDS = [f"{language}-{kind.replace(' ', '-')}" for kind, language, _ in KIND_PAGES]
NOT_FOUND_PAGES = ["404.html", "en/404.html"]

SKIP_TEXT = {"es": "Saltar al contenido", "en": "Skip to content"}
CONTENT_ID = "contenido-principal"

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# The "no-passes" reporter leaves out what passed: the same violations, found about 10 % faster.
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"],
               "reporter": "no-passes"}
# Tabs that run axe at the same time (each page gets its own renderer process).
AXE_TABS = int(os.environ.get("A11Y_TABS", max(2, min(4, os.cpu_count() or 2))))
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _url(site: Path, path: Path) -> str:
    relative = path.relative_to(site).as_posix()
    return relative[: -len("index.html")] if relative.endswith("index.html") else relative


# ------------------------------------------------------------------------------------ axe-core

# One line per failing element: rule, CSS target, and axe's first explanation.
_AXE_RUN = """options => axe.run(document, options).then(results => results.violations.flatMap(
  violation => violation.nodes.map(node => {
    const check = [...node.any, ...node.all, ...node.none][0];
    return `${violation.id}: ${node.target.join(' ')}: ${check ? check.message : violation.help}`;
  })))"""


def axe_every_page(base: str, urls: list[str], color_scheme: str, width: int = 1280) -> tuple[dict, dict]:
    """Run axe-core on every URL, AXE_TABS pages at a time.

    Returns ({url: violations}, {url: Material's colour scheme on that page}). axe.min.js comes
    from the axe_playwright_python package and is injected before each page's own scripts; the
    Playwright async API runs in a thread of its own, apart from the session's sync browser.
    """
    from axe_playwright_python import base as axe_package
    from playwright.async_api import async_playwright

    async def main():
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
            try:
                context = await browser.new_context(viewport={"width": width, "height": 900},
                                                    color_scheme=color_scheme)
                await context.add_init_script(path=str(axe_package.AXE_FILE_PATH))
                queue, found, schemes = list(urls), {}, {}

                async def tab():
                    page = await context.new_page()
                    while queue:
                        url = queue.pop(0)
                        response = await page.goto(base + url, wait_until="load")
                        assert response.status == 200, (url, response.status)
                        schemes[url] = await page.evaluate("document.body.dataset.mdColorScheme")
                        found[url] = await page.evaluate(_AXE_RUN, AXE_OPTIONS)

                await asyncio.gather(*(tab() for _ in range(AXE_TABS)))
                return found, schemes
            finally:
                await browser.close()

    outcome = {}

    def run():
        try:
            outcome["result"] = asyncio.run(main())
        except BaseException as error:  # re-raised in the test's thread
            outcome["error"] = error

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]


def _report(failing: dict) -> str:
    return "\n".join(f"{url or '/'}\n    " + "\n    ".join(lines) for url, lines in failing.items())


def test_no_page_of_either_language_has_a_wcag_violation(site, server):
    urls = [_url(site, path) for path in built_pages(site)]
    assert set(NOT_FOUND_PAGES) <= set(urls)
    assert any(url.startswith("en/") for url in urls) and any(not url.startswith("en/") for url in urls)
    started = time.monotonic()
    found, schemes = axe_every_page(server, urls, "light")
    print(f"\naxe-core on {len(urls)} pages, {AXE_TABS} at a time: {time.monotonic() - started:.0f} s")
    assert sorted(found) == sorted(urls), "axe did not run on every page"
    assert set(schemes.values()) == {"default"}
    failing = {url: lines for url, lines in found.items() if lines}
    assert not failing, _report(failing)


def test_no_page_kind_has_a_wcag_violation_in_the_dark_scheme(server):
    urls = [url for _, _, url in KIND_PAGES] + NOT_FOUND_PAGES
    found, schemes = axe_every_page(server, urls, "dark")
    assert set(schemes.values()) == {"slate"}, schemes
    failing = {url: lines for url, lines in found.items() if lines}
    assert not failing, _report(failing)


# axe leaves an element "incomplete" when it cannot tell its background (a fixed skip link over
# the banner): then its own colours, composed over its ancestors' backgrounds, are measured.
_OWN_CONTRAST = """el => {
  const parse = c => { const m = c.match(/[\\d.]+/g).map(Number); return [m[0], m[1], m[2], m.length > 3 ? m[3] : 1]; };
  const over = (top, bottom) => [0, 1, 2].map(i => top[i] * top[3] + bottom[i] * (1 - top[3])).concat(1);
  const layers = [];
  for (let e = el; e; e = e.parentElement) {
    const bg = parse(getComputedStyle(e).backgroundColor);
    if (bg[3] > 0) layers.push(bg);
    if (bg[3] === 1) break;
  }
  let back = [255, 255, 255, 1];
  for (const layer of layers.reverse()) back = over(layer, back);
  const fore = over(parse(getComputedStyle(el).color), back);
  const lum = c => { const [r, g, b] = c.slice(0, 3).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const [a, b] = [lum(fore), lum(back)].sort((x, y) => y - x);
  const style = getComputedStyle(el), size = parseFloat(style.fontSize), bold = parseInt(style.fontWeight) >= 700;
  return {ratio: (a + 0.05) / (b + 0.05), needed: size >= 24 || (bold && size >= 18.66) ? 3 : 4.5};
}"""


def contrast_failures(page, selector: str) -> list[str]:
    """Colour contrast of one element as it looks now (focused, hovered): axe-core's rule."""
    from axe_playwright_python import base as axe_package

    page.evaluate("document.getAnimations().forEach(a => { try { a.finish(); } catch (e) {} })")
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(axe_package.AXE_SCRIPT)
    results = page.evaluate("""s => axe.run(document.querySelector(s), {runOnly: ['color-contrast']})
        .then(r => ({violations: r.violations.flatMap(v => v.nodes.map(n => n.any[0].message)),
                     incomplete: r.incomplete.length > 0}))""", selector)
    failures = results["violations"]
    if results["incomplete"]:
        own = page.locator(selector).evaluate(_OWN_CONTRAST)
        if own["ratio"] < own["needed"]:
            failures.append(f"{selector}: contrast {own['ratio']:.2f}:1, needs {own['needed']}:1")
    return failures


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_quiz_buttons_keep_their_contrast_when_hovered_or_focused(browser, server, scheme):
    """axe reads a page at rest; the buttons' focus and hover colours are checked here."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(server + "capacitacion/que-es-la-trata/cuestionario/", wait_until="load")
        for selector in ("#pregunta-1 .quiz__check", ".quiz__reset"):
            for action in ("focus", "hover"):
                page.mouse.move(0, 0)
                getattr(page.locator(selector), action)()
                assert contrast_failures(page, selector) == [], (selector, action)
    finally:
        context.close()


# ------------------------------------------------------------------------------------ skip link

def test_every_built_page_opens_with_a_skip_link_to_its_content(site):
    for path in built_pages(site):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        where = path.relative_to(site).as_posix()
        # Material's own skip link (only on pages with a table of contents) is hidden by site.css.
        for material_skip in soup.select("[data-md-component=skip]"):
            material_skip.decompose()
        first = soup.body.find(["a", "button", "select", "textarea", "summary"])
        assert first is not None and first.name == "a", where
        assert "content-skip" in first["class"], (where, str(first)[:200])
        assert first["href"] == "#" + CONTENT_ID, where
        assert first.get_text(strip=True) == SKIP_TEXT[language_of_page(site, path)], where
        following = first.find_next("a")
        assert "quick-exit-skip" in following.get("class", []), f"{where}: the quick exit must come second"
        targets = soup.find_all(id=CONTENT_ID)
        assert len(targets) == 1, where
        assert targets[0].name == "article" and targets[0].get("tabindex") == "-1", where
        assert targets[0].find("h1") is not None, f"{where}: the skip link's target holds the page's title"


_FOCUSED = """() => {
  const el = document.activeElement;
  document.getAnimations().forEach(a => { try { a.finish(); } catch (e) {} });
  const r = el.getBoundingClientRect(), s = getComputedStyle(el);
  return {id: el.id, classes: [...el.classList], text: el.textContent.trim(), href: el.getAttribute('href'),
          opacity: s.opacity, visibility: s.visibility, width: r.width, height: r.height,
          inView: r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth,
          outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2};
}"""


@pytest.mark.parametrize("url", [url for _, _, url in KIND_PAGES] + NOT_FOUND_PAGES)
def test_the_first_tab_reaches_the_skip_link_and_enter_moves_into_the_content(visit, url):
    language = "en" if url.startswith("en/") else "es"
    visit.goto(url)
    page = visit.page
    page.keyboard.press("Tab")
    focused = page.evaluate(_FOCUSED)
    assert "content-skip" in focused["classes"], focused
    assert focused["text"] == SKIP_TEXT[language]
    assert focused["visibility"] == "visible" and float(focused["opacity"]) == 1, focused
    assert focused["width"] > 40 and focused["height"] > 10 and focused["inView"] and focused["outline"], focused
    assert contrast_failures(page, ".content-skip") == []

    page.keyboard.press("Enter")
    landed = page.evaluate("""() => {
      const el = document.activeElement, header = document.querySelector('.md-header').getBoundingClientRect();
      return {id: el.id, hash: location.hash, top: el.getBoundingClientRect().top, headerBottom: header.bottom};
    }""")
    assert landed["id"] == CONTENT_ID and landed["hash"] == "#" + CONTENT_ID, landed
    assert landed["top"] >= landed["headerBottom"] - 1, f"the content starts under the sticky header: {landed}"

    # The next Tab goes on from the content, not back to the header or the navigation.
    page.keyboard.press("Tab")
    after = page.evaluate(f"""() => {{
      const content = document.getElementById('{CONTENT_ID}'), el = document.activeElement;
      return content.contains(el) || !!(content.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
    }}""")
    assert after, page.evaluate("document.activeElement.outerHTML.slice(0, 200)")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_skip_links_are_readable_when_focused(browser, server, scheme):
    context = browser.new_context(viewport={"width": 360, "height": 740}, color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(server + "en/politica/", wait_until="load")
        for selector in (".content-skip", ".quick-exit-skip"):
            page.keyboard.press("Tab")
            assert page.evaluate("s => document.activeElement.matches(s)", selector)
            assert contrast_failures(page, selector) == [], selector
    finally:
        context.close()


# ------------------------------------------------------------------------------------ keyboard

# Where a focusable element sits, in the order a reader meets the parts of the page.
REGIONS = ["skip link", "reporting strip", "header", "navigation", "table of contents", "content",
           "back to top", "footer"]

_PREPARE = """() => {
  // Each focusable element's look before it has the focus (and its label's, for hidden radios).
  const look = el => { const s = getComputedStyle(el);
    return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow].join(' | '); };
  window.__unfocused = new Map();
  for (const el of document.querySelectorAll('*'))
    if (el.tabIndex >= 0 || el.tagName === 'LABEL') window.__unfocused.set(el, look(el));
  window.__visited = [];
}"""

_STOP = """() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const again = window.__visited.indexOf(el);
  if (again !== -1) return {again};
  window.__visited.push(el);
  // Let fades and slides (skip links, heading anchors) reach their focused state.
  getComputedStyle(el).opacity;
  document.getAnimations().forEach(a => { try { a.finish(); } catch (e) {} });

  const look = e => { const s = getComputedStyle(e);
    return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow].join(' | '); };
  const shown = e => {
    const r = e.getBoundingClientRect(), s = getComputedStyle(e);
    if (r.width < 2 || r.height < 2 || !e.checkVisibility({visibilityProperty: true})) return false;
    for (let p = e; p instanceof Element; p = p.parentElement)
      if (parseFloat(getComputedStyle(p).opacity) < 0.5) return false;
    return true;
  };
  const ring = e => { const s = getComputedStyle(e);
    return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none'; };
  // A visually hidden radio button (Material's light/dark switch) shows its focus on its label.
  let candidates = [el];
  if (el.tagName === 'INPUT') {
    if (el.nextElementSibling && el.nextElementSibling.tagName === 'LABEL') candidates.push(el.nextElementSibling);
    candidates.push(...(el.labels || []));
  }
  const indicator = candidates.find(shown) || null;
  const before = indicator && window.__unfocused.get(indicator);
  const r = (indicator || el).getBoundingClientRect();
  const target = indicator || el;
  // Not hidden by something on top (the sticky header, a sticky sidebar title): at least one of
  // five points, its centre and four points near its corners, shows the element itself.
  const mine = top => !!top && (target.contains(top) || top.contains(target) || (el !== target && el.contains(top)));
  const points = [[0.5, 0.5], [0.1, 0.1], [0.9, 0.1], [0.1, 0.9], [0.9, 0.9]].map(([fx, fy]) =>
    [Math.min(Math.max(r.left + r.width * fx, 0), innerWidth - 1), Math.min(Math.max(r.top + r.height * fy, 0), innerHeight - 1)]);
  const region = el.closest('.content-skip, .quick-exit-skip') ? 'skip link'
    : el.closest('.md-banner') ? 'reporting strip'
    : el.closest('.md-header') ? 'header'
    : el.closest('.md-sidebar--primary') ? 'navigation'
    : el.closest('.md-sidebar--secondary') ? 'table of contents'
    : el.closest('#CONTENT_ID') ? 'content'
    : el.closest('.md-top') ? 'back to top'
    : el.closest('.md-footer') ? 'footer' : 'elsewhere';
  const name = (el.getAttribute('aria-label') || el.textContent || el.getAttribute('title') || '').trim().replace(/\\s+/g, ' ');
  return {
    index: window.__visited.length - 1, region,
    what: `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.classList.length ? '.' + [...el.classList].join('.') : ''} "${name.slice(0, 50)}"`,
    shown: indicator !== null,
    ring: indicator !== null && ring(indicator) && look(indicator) !== before,
    inView: r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth,
    uncovered: points.some(([x, y]) => mine(document.elementFromPoint(x, y))),
  };
}""".replace("CONTENT_ID", CONTENT_ID)

# Everything the page shows that a keyboard should reach, and the ones the walk did not reach.
_MISSED = """selectors => {
  const visited = new Set(window.__visited);
  const groups = new Set(window.__visited.filter(e => e.type === 'radio').map(e => e.name));
  const describe = el => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} "${el.textContent.trim().slice(0, 40)}"`;
  const missed = [];
  for (const el of document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]')) {
    if (el.tabIndex < 0 || el.disabled || el.closest('dialog:not([open]), [inert]')) continue;
    // Not rendered (display: none, inside a closed <details>) or visibility: hidden.
    if (!el.checkVisibility({visibilityProperty: true})) continue;
    if (el.type === 'radio' && groups.has(el.name)) continue;
    if (!visited.has(el)) missed.push(describe(el));
  }
  const required = {};
  for (const selector of selectors) {
    const all = [...document.querySelectorAll(selector)];
    required[selector] = all.length ? all.some(e => visited.has(e)) : 'not on the page';
  }
  return {missed, required};
}"""

# Controls the site adds, which the keyboard must reach on every page or on pages of one kind.
EVERY_PAGE_CONTROLS = [".content-skip", ".quick-exit-skip", ".md-header .quick-exit", ".md-header .language-switch",
                       ".md-header [data-search-open]", ".md-header [data-md-component=palette] button"]
KIND_CONTROLS = {
    "policy overview": ["a.diagram__node", "details.diagram-list > summary"],
    "axis": ["a.diagram__node"],
    "component": ["a.diagram__node"],
    "general guideline": ["a.diagram__node"],
    "specific guideline": ["a.diagram__node"],
    "region index": ["th > button.table-sort__button", "a.rg-tile"],
    "quiz": [".quiz__option input[type=radio]", "button.quiz__check", "button.quiz__reset"],
    "training index": ["[data-training-filter] select"],
}


def tab_through(page) -> list[dict]:
    """Press Tab from the top of the page until the focus leaves it; one description per stop."""
    page.evaluate(_PREPARE)
    stops = []
    for _ in range(1500):
        page.keyboard.press("Tab")
        stop = page.evaluate(_STOP)
        if stop is None:
            return stops  # past the last element, the focus leaves the page
        if "again" in stop:
            assert stop["again"] == 0, f"the focus is stuck: it came back to {stops[stop['again']]['what']}"
            return stops  # it wrapped around to the skip link
        stops.append(stop)
    pytest.fail("Tab never left the page")


def _listed(stops) -> str:
    return "\n".join(f"{s['index']}: {s['region']}: {s['what']}" for s in stops)


def check_tab_stops(page, stops: list[dict], kind: str, regions_reached: tuple, controls: list[str]) -> None:
    hidden = [s for s in stops if not (s["shown"] and s["inView"])]
    assert not hidden, "the focus lands on something not shown:\n" + _listed(hidden)
    covered = [s for s in stops if not s["uncovered"]]
    assert not covered, "the focused element is hidden under something else:\n" + _listed(covered)
    ringless = [s for s in stops if not s["ring"]]
    assert not ringless, "no visible focus indicator:\n" + _listed(ringless)

    regions = [s["region"] for s in stops]
    assert "elsewhere" not in regions, _listed(s for s in stops if s["region"] == "elsewhere")
    assert "content-skip" in stops[0]["what"] and "quick-exit-skip" in stops[1]["what"], _listed(stops[:3])
    ranks = [REGIONS.index(region) for region in regions]
    backwards = [stops[i] for i in range(1, len(ranks)) if ranks[i] < ranks[i - 1]]
    assert not backwards, "the order goes back up the page:\n" + _listed(backwards)
    assert sorted(set(regions) - {"skip link", "reporting strip", "back to top"}) == sorted(regions_reached), \
        f"Tab reached {sorted(set(regions))}"
    assert regions.index("header") < 8, "the header's controls (and its quick exit) come early"

    reach = page.evaluate(_MISSED, controls + KIND_CONTROLS.get(kind, []))
    assert reach["missed"] == [], "shown but out of the keyboard's reach:\n" + "\n".join(reach["missed"])
    unreached = {selector: state for selector, state in reach["required"].items() if state is not True}
    assert unreached == {}, unreached


@pytest.mark.parametrize(("kind", "language", "url"), KIND_PAGES, ids=KIND_IDS)
def test_tabbing_through_the_page_is_visible_in_order_and_reaches_everything(visit, kind, language, url):
    visit.goto(url)
    stops = tab_through(visit.page)
    has_toc = visit.page.evaluate("!!document.querySelector('.md-sidebar--secondary .md-nav__link')")
    regions = ("header", "navigation", "content", "footer") + (("table of contents",) if has_toc else ())
    check_tab_stops(visit.page, stops, kind, regions, EVERY_PAGE_CONTROLS)


@pytest.mark.parametrize(("kind", "language", "url"), KIND_PAGES, ids=KIND_IDS)
def test_on_a_phone_tab_skips_the_closed_menu_and_reaches_everything_else(phone, kind, language, url):
    phone.goto(url)
    stops = tab_through(phone.page)
    controls = EVERY_PAGE_CONTROLS + [".md-header button.site-menu"]
    check_tab_stops(phone.page, stops, kind, ("header", "content", "footer"), controls)


def _good(stop) -> bool:
    return stop["shown"] and stop["inView"] and stop["uncovered"] and stop["ring"]


def _focus_now(page) -> dict:
    """The focused element described as a tab stop, even if Tab was there before."""
    page.evaluate("window.__visited = []")
    return page.evaluate(_STOP)


@pytest.mark.parametrize(("language", "url"), [("es", "politica/cultura-rechazo/"), ("en", "en/regiones/lima/"),
                                               ("es", "")])
def test_on_a_phone_the_menu_works_from_the_keyboard(phone, language, url):
    phone.goto(url)
    page = phone.page
    menu = ".md-header button.site-menu"
    state = f"[document.getElementById('__drawer').checked, document.querySelector('{menu}').getAttribute('aria-expanded')]"
    focused = "document.activeElement"
    assert page.evaluate(state) == [False, "false"]
    assert page.locator(menu).get_attribute("aria-label") == {"es": "Navegación", "en": "Navigation"}[language]
    assert page.locator(".md-header label[for=__drawer]").is_hidden(), "the label gives way to the button"
    page.evaluate(_PREPARE)
    _tab_to(page, menu, limit=12)
    page.keyboard.press("Enter")
    assert page.evaluate(state) == [True, "true"]
    page.wait_for_timeout(400)  # the menu slides in

    # The focus is in the open menu; Tab goes through the entries of the level in view, each shown.
    stops = []
    while (stop := page.evaluate(_STOP)) and "again" not in stop and stop["region"] == "navigation":
        stops.append(stop)
        page.keyboard.press("Tab")
        page.wait_for_timeout(30)
    assert len(stops) >= 5, _listed(stops)
    assert all(_good(s) for s in stops), "\n".join(f"{s['what']}: {s}" for s in stops if not _good(s))
    # Tab past the last entry closes the menu.
    assert page.evaluate(state) == [False, "false"]

    # Space opens it too; a level's title goes back to the level above, Enter on a level opens it.
    page.focus(menu)
    page.keyboard.press("Space")
    page.wait_for_timeout(400)
    if page.evaluate(f"{focused}.matches('label.md-nav__title')"):
        opened_by = page.evaluate(f"{focused}.htmlFor")
        page.keyboard.press("Enter")
        page.wait_for_timeout(400)
        assert page.evaluate(f"{focused}.matches('label.md-nav__link') && {focused}.htmlFor") == opened_by
        assert _good(stop := _focus_now(page)), str(stop)
        page.keyboard.press("Enter")
        page.wait_for_timeout(400)
        assert page.evaluate(f"{focused}.matches('label.md-nav__title') && {focused}.htmlFor") == opened_by
    else:  # the top level: open a section
        _tab_to(page, "label.md-nav__link[for^='__nav']", limit=5)
        opened = page.evaluate(f"{focused}.htmlFor")
        page.keyboard.press("Space")
        page.wait_for_timeout(400)
        assert page.evaluate(f"{focused}.matches('label.md-nav__title') && {focused}.htmlFor") == opened
    assert _good(stop := _focus_now(page)), str(stop)

    page.keyboard.press("Escape")
    assert page.evaluate(state) == [False, "false"]
    assert page.evaluate(f"{focused}.matches('{menu}')"), "the focus goes back to the menu button"
    page.wait_for_timeout(400)  # the menu slides out, then leaves the keyboard's way
    page.keyboard.press("Tab")
    assert page.evaluate(f"!{focused}.closest('.md-sidebar--primary')")


# ------------------------------------------------------------------------ the site's own controls

def _tab_to(page, selector: str, limit: int = 400) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    pytest.fail(f"Tab never reached {selector}")


@pytest.mark.parametrize("language", LANGUAGES)
def test_search_opens_is_used_and_closes_with_the_keyboard_alone(visit, language):
    query = {"es": "captación", "en": "recruitment"}[language]
    visit.goto(PREFIXES[language] + "politica/")
    page = visit.page
    _tab_to(page, "[data-search-open]")
    page.keyboard.press("Enter")
    assert page.evaluate("document.getElementById('site-search').open")
    assert page.evaluate("document.activeElement.id") == "site-search-input"
    page.keyboard.type(query)
    page.wait_for_selector("#site-search .site-search__link")
    inside = []
    for _ in range(6):
        page.keyboard.press("Tab")
        inside.append(page.evaluate("""() => { const el = document.activeElement;
            return el === document.body || !!el.closest('#site-search'); }"""))
    assert all(inside), "Tab left the open search dialog"
    page.evaluate("document.getElementById('site-search-input').focus()")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('site-search__link')")
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('site-search').open")
    assert page.evaluate("document.activeElement.matches('[data-search-open]')"), "the focus goes back to the button"
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.getElementById('site-search').open")
    page.keyboard.press("Shift+Tab")  # the Close button, in the header row before the box
    page.keyboard.press("Enter")
    assert not page.evaluate("document.getElementById('site-search').open")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_language_switch_works_from_the_keyboard(visit, language):
    other = "en" if language == "es" else "es"
    visit.goto(PREFIXES[language] + "glosario/")
    _tab_to(visit.page, ".language-switch")
    with visit.page.expect_navigation():
        visit.page.keyboard.press("Enter")
    assert visit.page.url == visit.base + PREFIXES[other] + "glosario/"
    assert visit.page.evaluate("document.documentElement.lang") == other


@pytest.mark.parametrize("selector", [".quick-exit-skip", ".md-header .quick-exit"])
def test_the_quick_exit_works_from_the_keyboard(visit, selector):
    _fake_neutral_site(visit.page)
    visit.goto("denunciar/")
    _tab_to(visit.page, selector, limit=12)
    visit.page.keyboard.press("Enter")
    visit.page.wait_for_url(NEUTRAL_SITE)


def test_the_region_table_sorts_from_the_keyboard(visit):
    visit.goto("regiones/")
    page = visit.page
    sort = "document.activeElement.parentElement.getAttribute('aria-sort')"
    _tab_to(page, "th > button.table-sort__button")
    page.keyboard.press("Tab")  # the second column: not sorted yet
    assert page.evaluate("document.activeElement.matches('th > button.table-sort__button')")
    assert page.evaluate(sort) is None
    page.keyboard.press("Enter")
    assert page.evaluate(sort) == "ascending"
    page.keyboard.press("Space")
    assert page.evaluate(sort) == "descending"


def test_the_light_and_dark_switch_works_from_the_keyboard(visit):
    visit.goto("politica/")
    page = visit.page
    scheme = "document.body.dataset.mdColorScheme"
    assert page.evaluate(scheme) == "default"
    _tab_to(page, "[data-md-component=palette] button", limit=12)
    page.keyboard.press("Space")
    assert page.evaluate(scheme) == "slate"
    page.keyboard.press("Enter")
    assert page.evaluate(scheme) == "default"


# ---------------------------------------------------------------------------- focus ring, quiz dot

# WCAG's contrast ratio between two colours, and the colour an element sits on: the backgrounds
# of the element under a point and its ancestors, composed (what the eye sees around the ring).
_CONTRAST_TOOLS = """
  const parse = c => { const m = c.match(/[\\d.]+/g).map(Number); return [m[0], m[1], m[2], m.length > 3 ? m[3] : 1]; };
  const over = (top, bottom) => [0, 1, 2].map(i => top[i] * top[3] + bottom[i] * (1 - top[3])).concat(1);
  const backgroundOf = start => {
    const layers = [];
    for (let e = start; e; e = e.parentElement) {
      const bg = parse(getComputedStyle(e).backgroundColor);
      if (bg[3] > 0) layers.push(bg);
      if (bg[3] === 1) break;
    }
    let back = parse(getComputedStyle(document.body).backgroundColor);
    if (back[3] < 1) back = [255, 255, 255, 1];
    for (const layer of layers.reverse()) back = over(layer, back);
    return back;
  };
  const lum = c => { const [r, g, b] = c.slice(0, 3).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const ratio = (x, y) => { const [a, b] = [lum(x), lum(y)].sort((p, q) => q - p); return (a + 0.05) / (b + 0.05); };
"""

# The focused element's ring against what lies just outside it, on all four sides in view.
_RING_CONTRAST = """() => {""" + _CONTRAST_TOOLS + """
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const what = `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} "${(el.textContent || '').trim().slice(0, 30)}"`;
  let ringColour = style.outlineColor, reach = parseFloat(style.outlineOffset) + parseFloat(style.outlineWidth);
  if (style.outlineStyle === 'none' || parseFloat(style.outlineWidth) < 2) {
    // A link drawn in SVG (the region map's tiles) shows its focus as its shape's thick border.
    const shape = el.querySelector('rect, path, polygon');
    const drawn = shape && getComputedStyle(shape);
    if (!drawn || drawn.stroke === 'none' || parseFloat(drawn.strokeWidth) < 2) return {what, worst: 0, ring: 'none'};
    ringColour = drawn.stroke;
    reach = parseFloat(drawn.strokeWidth) / 2;
  }
  const ring = parse(ringColour);
  // A ring drawn inside the element sits on the element's own background.
  if (reach <= 0) {
    const back = backgroundOf(el);
    return {what, worst: ratio(ring, back), ring: ringColour, surface: `itself rgb(${back.slice(0, 3).map(Math.round)})`};
  }
  const r = el.getBoundingClientRect(), out = reach + 3;
  const points = [[r.left - out, r.top + r.height / 2], [r.right + out, r.top + r.height / 2],
                  [r.left + r.width / 2, r.top - out], [r.left + r.width / 2, r.bottom + out]]
    .filter(([x, y]) => x >= 0 && y >= 0 && x < innerWidth && y < innerHeight);
  let worst = Infinity, surface = null;
  for (const [x, y] of points) {
    const seen = document.elementsFromPoint(x, y).filter(e => !el.contains(e) &&
      e.checkVisibility({opacityProperty: true, visibilityProperty: true}));
    // The surface, not a neighbouring control the ring passes beside.
    const control = e => e.closest('a, button, label, input, select, summary');
    const under = seen.find(e => !e.contains(el) && !control(e)) || seen.find(e => !control(e)) || seen[0];
    if (!under) continue;
    const back = backgroundOf(under), value = ratio(ring, back);
    if (value < worst) { worst = value; surface = `${under.tagName.toLowerCase()}.${[...under.classList].join('.')} rgb(${back.slice(0, 3).map(Math.round)})`; }
  }
  return {what, worst: worst === Infinity ? null : worst, ring: ringColour, surface};
}"""

_QUIZ_DOT_CONTRAST = """selector => {""" + _CONTRAST_TOOLS + """
  const input = document.querySelector(selector);
  return {ratio: ratio(parse(getComputedStyle(input).accentColor), backgroundOf(input.parentElement)),
          accent: getComputedStyle(input).accentColor, checked: input.checked};
}"""

RING_PAGES = ["", "capacitacion/que-es-la-trata/cuestionario/", "capacitacion/que-es-la-trata/diapositivas/", "denunciar/",
              "regiones/", "publico/oferta-de-trabajo/", "politica/cultura-denuncia/"]


def _ring_failures(page, stops: int = 400) -> list[str]:
    failures, seen = [], 0
    for _ in range(stops):
        page.keyboard.press("Tab")
        found = page.evaluate(_RING_CONTRAST)
        if found is None:
            break
        seen += 1
        if found["worst"] is not None and found["worst"] < 3:
            failures.append(f"{found['what']}: ring {found['ring']} on {found.get('surface')}: {found['worst']:.2f}:1")
    assert seen > 5, "Tab reached almost nothing"
    return failures


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [360, 1280])
def test_the_focus_ring_stands_3_to_1_against_every_surface_it_sits_on(browser, server, scheme, width):
    context = browser.new_context(viewport={"width": width, "height": 800}, color_scheme=scheme)
    try:
        page = context.new_page()
        failures = []
        for prefix in PREFIXES.values():
            for url in RING_PAGES:
                page.goto(server + prefix + url, wait_until="load")
                failures += [f"{prefix + url}: {line}" for line in _ring_failures(page)]
        # The phone menu and the search dialog, open: their own surfaces.
        page.goto(server + "politica/", wait_until="load")
        if page.locator("[data-menu-open]").is_visible():
            page.click("[data-menu-open]")
            page.wait_for_timeout(400)
            failures += [f"menu: {line}" for line in _ring_failures(page, 30)]
            page.keyboard.press("Escape")
        page.click("[data-search-open]")
        page.fill("#site-search-input", "trata")
        # The results come once the index has loaded; walked before, Tab found only the box.
        page.locator(".site-search__link").first.wait_for()
        failures += [f"search: {line}" for line in _ring_failures(page, 15)]
        assert not failures, "\n".join(failures)
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_chosen_answer_of_a_quiz_stands_3_to_1_against_its_background(browser, server, scheme):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    try:
        page = context.new_page()
        for prefix in PREFIXES.values():
            page.goto(server + prefix + "capacitacion/que-es-la-trata/cuestionario/", wait_until="load")
            selector = "#pregunta-1 .quiz__option input[type=radio]"
            page.locator(selector).first.check()
            found = page.evaluate(_QUIZ_DOT_CONTRAST, selector)
            assert found["checked"] and found["ratio"] >= 3, found
    finally:
        context.close()
