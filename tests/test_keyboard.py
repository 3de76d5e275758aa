"""The keyboard, in Chromium on the built site (from test_accessibility.py).

- Every page opens with a skip link to its content: the first Tab reaches it, Enter moves the
  focus into the content.
- Tabbing through one page of every kind, in both languages: every stop is visible and wears a
  focus ring, the order follows the page (skip links, reporting strip, header, navigation, table
  of contents, content, footer), the focus never gets stuck, and everything interactive that the
  page shows can be reached; the site's own controls also work from the keyboard.
- On a phone the closed menu is out of Tab's way, and the menu (a button) opens, moves through its
  levels and closes from the keyboard, with the focus always on something shown.
"""

from __future__ import annotations

import pytest

from conftest import (KIND_IDS, KIND_PAGES, LANGUAGES, NEUTRAL_SITE, NOT_FOUND_PAGES, PREFIXES, built_pages, own_tab,
                      contrast_failures, fake_neutral_site, html, language_of_page, own_contrast_failures,
                      wait_for_transitions, walk_with_tab)

SKIP_TEXT = {"es": "Saltar al contenido", "en": "Skip to content"}
CONTENT_ID = "contenido-principal"


# ------------------------------------------------------------------------------------ skip link

def test_every_built_page_opens_with_a_skip_link_to_its_content(site):
    def focusable(tag) -> bool:
        # Material's own skip link (only on pages with a table of contents) is hidden by site.css.
        return tag.name in ("a", "button", "select", "textarea", "summary") and \
            tag.find_parent(attrs={"data-md-component": "skip"}) is None

    for path in built_pages(site):
        where = path.relative_to(site).as_posix()
        soup = html(site, where)
        first = soup.body.find(focusable)
        assert first is not None and first.name == "a", where
        assert "content-skip" in first["class"], (where, str(first)[:200])
        assert first["href"] == "#" + CONTENT_ID, where
        assert first.get_text(strip=True) == SKIP_TEXT[language_of_page(site, path)], where
        following = first.find_next(lambda tag: tag.name == "a" and focusable(tag))
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


@pytest.mark.parametrize("url", NOT_FOUND_PAGES)
def test_the_first_tab_reaches_the_skip_link_and_enter_moves_into_the_content(visit, url):
    """The 404 pages; on a page of every other kind the Tab walk below checks the same."""
    visit.goto(url)
    visit.page.keyboard.press("Tab")
    _check_the_skip_link_and_enter(visit.page, "en" if url.startswith("en/") else "es")


def _check_the_skip_link_and_enter(page, language):
    """The focused skip link is shown whole, in the page's language, readable (its colours against
    the banner it sits on); Enter moves the focus into the content, under the sticky header, and
    the next Tab goes on from there."""
    focused = page.evaluate(_FOCUSED)
    assert "content-skip" in focused["classes"], focused
    assert focused["text"] == SKIP_TEXT[language]
    assert focused["visibility"] == "visible" and float(focused["opacity"]) == 1, focused
    assert focused["width"] > 40 and focused["height"] > 10 and focused["inView"] and focused["outline"], focused
    assert own_contrast_failures(page, ".content-skip") == []

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
    with own_tab(browser, viewport={"width": 360, "height": 740}, color_scheme=scheme) as page:
        page.goto(server + "en/politica/", wait_until="load")
        for selector in (".content-skip", ".quick-exit-skip"):
            page.keyboard.press("Tab")
            assert page.evaluate("s => document.activeElement.matches(s)", selector)
            assert contrast_failures(page, selector) == [], selector


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
    stops = walk_with_tab(page, _STOP, limit=1500)
    if stops and stops[-1] is None:
        return stops[:-1]  # past the last element, the focus leaves the page
    if stops and "again" in stops[-1]:
        again = stops.pop()["again"]
        assert again == 0, f"the focus is stuck: it came back to {stops[again]['what']}"
        return stops  # it wrapped around to the skip link
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
    """The walk's first stop is the skip link (check_tab_stops); then, back on it, Enter moves into
    the content (one page load for both)."""
    visit.goto(url)
    stops = tab_through(visit.page)
    has_toc = visit.page.evaluate("!!document.querySelector('.md-sidebar--secondary .md-nav__link')")
    regions = ("header", "navigation", "content", "footer") + (("table of contents",) if has_toc else ())
    check_tab_stops(visit.page, stops, kind, regions, EVERY_PAGE_CONTROLS)
    visit.page.evaluate("window.scrollTo(0, 0)")
    visit.page.focus(".content-skip")
    _check_the_skip_link_and_enter(visit.page, language)


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
    wait_for_transitions(page)  # the menu slides in

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
    wait_for_transitions(page)
    if page.evaluate(f"{focused}.matches('label.md-nav__title')"):
        opened_by = page.evaluate(f"{focused}.htmlFor")
        page.keyboard.press("Enter")
        wait_for_transitions(page)
        assert page.evaluate(f"{focused}.matches('label.md-nav__link') && {focused}.htmlFor") == opened_by
        assert _good(stop := _focus_now(page)), str(stop)
        page.keyboard.press("Enter")
        wait_for_transitions(page)
        assert page.evaluate(f"{focused}.matches('label.md-nav__title') && {focused}.htmlFor") == opened_by
    else:  # the top level: open a section
        _tab_to(page, "label.md-nav__link[for^='__nav']", limit=5)
        opened = page.evaluate(f"{focused}.htmlFor")
        page.keyboard.press("Space")
        wait_for_transitions(page)
        assert page.evaluate(f"{focused}.matches('label.md-nav__title') && {focused}.htmlFor") == opened
    assert _good(stop := _focus_now(page)), str(stop)

    page.keyboard.press("Escape")
    assert page.evaluate(state) == [False, "false"]
    assert page.evaluate(f"{focused}.matches('{menu}')"), "the focus goes back to the menu button"
    wait_for_transitions(page)  # the menu slides out, then leaves the keyboard's way
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
    fake_neutral_site(visit.page)
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
