"""The page behaviours that overrides/assets/js/theme.js keeps from Material's script, which the
site no longer loads: light and dark, the header, back to top, the table of contents that
follows the reading, the menu's levels, <details> in print; and what moved to build time or CSS
(tables that scroll sideways, sidebars that scroll on their own)."""

import re

import pytest

from conftest import built_pages, html, own_tab, wait_until
from scroll_tables import wrapped_tables

# The bundle is the one script a page loads; blocking it shows what the HTML does alone.
_BUNDLE = re.compile(r".*/assets/javascripts/site\.[0-9a-f]+\.min\.js$")


def _scheme(page):
    return page.evaluate("document.body.getAttribute('data-md-color-scheme')")


def _frame(page):
    """Lets a scroll be handled: theme.js updates on the next animation frame."""
    page.evaluate("new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")


# ---------------------------------------------------------------------------- no theme script

def test_no_page_loads_materials_script_and_the_site_does_not_publish_it(site):
    scripts = sorted(path.name for path in (site / "assets" / "javascripts").iterdir())
    # Ours only: the shared one, and one per set of features (hooks/asset_bundle.py), named by their content.
    assert "site" in {name.split(".")[0] for name in scripts}, scripts
    assert all(re.fullmatch(r"[a-z_-]+\.[0-9a-f]{8}\.min\.js", name) and not name.startswith("bundle.")
               for name in scripts), scripts
    for path in built_pages(site):
        text = path.read_text(encoding="utf-8")
        assert "bundle." not in text and "__config" not in text, path


def test_every_page_carries_only_the_one_early_inline_script(site):
    """The Content-Security-Policy allows inline scripts by hash: the fewer, the simpler. Material's
    early setup (__md_get, __md_set) stays inline, in the head; the palette, which a page must
    apply before it is painted, is a file run from the header without `defer`, cached after the
    first page (assets/js/palette.js)."""
    for path in built_pages(site):
        text = path.read_text(encoding="utf-8")
        assert len(re.findall(r"<script>", text)) == 1, path
        assert text.index("<script>") < text.index("</head>") < text.index("/first-paint."), path


# ---------------------------------------------------------------------------- tables

def test_plain_tables_are_wrapped_to_scroll_and_tables_with_a_class_are_left_alone():
    page = '<p>a</p><table>\n<tr><td>1</td></tr>\n</table><table class="x"><tr><td>2</td></tr></table>'
    result = wrapped_tables(page)
    assert result.count('<div class="md-typeset__scrollwrap"><div class="md-typeset__table"><table>') == 1
    assert '</table></div></div><table class="x">' in result
    assert wrapped_tables("<p>no table</p>") == "<p>no table</p>"


def test_every_markdown_table_in_the_built_site_is_wrapped(site):
    for url in ("datos/", "en/datos/", "contexto/marco-legal/"):
        tables = html(site, url).select("article table:not([class])")
        assert tables, url
        for table in tables:
            assert table.parent.get("class") == ["md-typeset__table"], url
            assert table.parent.parent.get("class") == ["md-typeset__scrollwrap"], url


def test_on_a_phone_a_wide_table_scrolls_in_its_box_and_the_page_does_not(phone):
    phone.goto("datos/")
    page = phone.page
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    boxes = page.evaluate("""[...document.querySelectorAll('.md-typeset__scrollwrap')]
        .map(box => [box.scrollWidth, box.clientWidth, getComputedStyle(box).overflowX])""")
    assert boxes and all(overflow == "auto" for _, _, overflow in boxes)
    # The site's tables fit a phone today; a wider one (a long word, a new column) must not
    # widen the page.
    page.evaluate("document.querySelector('.md-typeset__table table').style.minWidth = '900px'")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert page.evaluate("(box => box.scrollWidth > box.clientWidth)"
                         "(document.querySelector('.md-typeset__scrollwrap'))")


# ---------------------------------------------------------------------------- light and dark

@pytest.mark.parametrize("device, scheme", [("light", "default"), ("dark", "slate")])
def test_the_devices_setting_is_shown_before_any_script_file_runs(browser, server, device, scheme):
    with own_tab(browser, color_scheme=device) as page:
        page.route(_BUNDLE, lambda route: route.abort())
        page.goto(server + "politica/")
        assert _scheme(page) == scheme
        # The one switch, a button, says whether the dark scheme is on.
        pressed = page.evaluate("[...document.querySelectorAll('[data-md-component=palette] button')]"
                                ".map(button => button.getAttribute('aria-pressed'))")
        assert pressed == ["false" if device == "light" else "true"]
        assert page.evaluate("localStorage.length") == 0


def test_a_readers_choice_is_kept_on_the_next_page_before_any_script_file_runs(browser, server):
    with own_tab(browser, color_scheme="light") as page:
        page.goto(server + "politica/")
        page.click("[data-md-component=palette] button")
        assert _scheme(page) == "slate"
        page.route(_BUNDLE, lambda route: route.abort())
        page.goto(server + "en/regiones/")
        assert _scheme(page) == "slate"


@pytest.mark.parametrize("language", ["es", "en"])
def test_the_switch_is_a_button_named_for_what_it_does_that_space_and_enter_press(visit, language):
    visit.goto("glosario/" if language == "es" else "en/glosario/")
    page = visit.page
    button = page.locator("[data-md-component=palette] button")
    assert button.count() == 1
    role = page.evaluate("""() => { const b = document.querySelector('[data-md-component=palette] button');
        return [b.tagName, b.type, b.textContent.trim()]; }""")
    assert role == ["BUTTON", "button", {"es": "Modo oscuro", "en": "Dark mode"}[language]]
    # No radio button is left to announce "checked" (Material's switch).
    assert page.locator("[data-md-component=palette] input").count() == 0
    assert _scheme(page) == "default" and button.get_attribute("aria-pressed") == "false"
    button.focus()
    page.keyboard.press("Space")
    assert _scheme(page) == "slate" and button.get_attribute("aria-pressed") == "true"
    page.keyboard.press("Enter")
    assert _scheme(page) == "default" and button.get_attribute("aria-pressed") == "false"
    # Chromium's own accessibility tree: a toggle button with that name, pressed or not.
    snapshot = page.locator("[data-md-component=palette]").aria_snapshot()
    assert f'button "{ {"es": "Modo oscuro", "en": "Dark mode"}[language] }"' in snapshot
    page.keyboard.press("Space")
    assert "[pressed]" in page.locator("[data-md-component=palette]").aria_snapshot()


def test_without_a_choice_the_page_follows_the_device_and_with_one_it_stays(browser, server):
    with own_tab(browser, color_scheme="light") as page:
        page.goto(server + "")
        assert _scheme(page) == "default"
        page.emulate_media(color_scheme="dark")
        wait_until(page, "document.body.getAttribute('data-md-color-scheme') === 'slate'")
        page.emulate_media(color_scheme="light")
        wait_until(page, "document.body.getAttribute('data-md-color-scheme') === 'default'")
        page.click("[data-md-component=palette] button")   # the reader chooses dark
        page.emulate_media(color_scheme="light")
        page.emulate_media(color_scheme="dark")
        page.emulate_media(color_scheme="light")
        page.wait_for_timeout(100)
        assert _scheme(page) == "slate"


# ---------------------------------------------------------------------------- header, back to top

def test_the_header_shows_the_pages_title_once_its_heading_scrolls_away(visit):
    visit.goto("glosario/")
    page = visit.page
    _frame(page)
    title = "document.querySelector('[data-md-component=header-title]').classList"
    header = "document.querySelector('[data-md-component=header]').classList"
    assert not page.evaluate(f"{title}.contains('md-header__title--active')")
    assert not page.evaluate(f"{header}.contains('md-header--shadow')")
    page.evaluate("window.scrollTo(0, document.querySelector('.md-content h1').getBoundingClientRect().bottom"
                  " + scrollY)")
    _frame(page)
    assert page.evaluate(f"{title}.contains('md-header__title--active')")
    assert page.evaluate(f"{header}.contains('md-header--shadow')")
    page.evaluate("window.scrollTo(0, 0)")
    _frame(page)
    assert not page.evaluate(f"{title}.contains('md-header__title--active')")


def test_back_to_top_shows_while_scrolling_up_and_takes_the_reader_to_the_start(visit):
    visit.goto("glosario/")
    page = visit.page
    hidden = "document.querySelector('.md-top').hidden"
    _frame(page)
    assert page.evaluate(hidden)
    page.mouse.wheel(0, 2000)
    page.wait_for_timeout(200)
    assert page.evaluate(hidden), "scrolling down"
    page.mouse.wheel(0, -300)
    wait_until(page, f"!{hidden}")
    assert page.evaluate("document.querySelector('.md-top').tabIndex") == 0
    page.click(".md-top")
    wait_until(page, "window.scrollY === 0")
    assert page.evaluate("document.activeElement.id") == "contenido-principal"
    wait_until(page, hidden)


# ---------------------------------------------------------------------------- table of contents

def test_the_table_of_contents_marks_the_section_being_read_and_keeps_it_in_view(browser, server):
    with own_tab(browser, viewport={"width": 1280, "height": 500}) as page:
        page.goto(server + "glosario/")
        links = page.evaluate("[...document.querySelectorAll('.md-sidebar--secondary a.md-nav__link')]"
                              ".map(link => link.hash.slice(1))")
        assert len(links) > 20
        box = "document.querySelector('.md-sidebar--secondary .md-sidebar__scrollwrap')"
        assert page.evaluate(f"{box}.scrollHeight > {box}.clientHeight"), "the contents must overflow"
        for target in links[::4]:
            # Where a link to the section takes the reader (below the header).
            page.evaluate(f"document.getElementById('{target}').scrollIntoView()")
            page.wait_for_timeout(60)
            _frame(page)
            active = page.evaluate("[...document.querySelectorAll('.md-sidebar--secondary .md-nav__link--active')]"
                                   ".map(link => link.hash.slice(1))")
            assert active == [target]
            inside = page.evaluate(f"""(() => {{
                const link = document.querySelector('.md-sidebar--secondary .md-nav__link--active').getBoundingClientRect();
                const wrap = {box}.getBoundingClientRect();
                return link.top >= wrap.top && link.bottom <= wrap.bottom; }})()""")
            assert inside, target
        passed = page.evaluate("document.querySelectorAll('.md-sidebar--secondary .md-nav__link--passed').length")
        assert passed > 1


def test_at_the_end_of_the_page_the_last_section_is_marked(visit):
    visit.goto("glosario/")
    page = visit.page
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    _frame(page)
    links = page.evaluate("[...document.querySelectorAll('.md-sidebar--secondary a.md-nav__link')]"
                          ".map(link => link.classList.contains('md-nav__link--active'))")
    assert links[-1] and sum(links) == 1


def test_the_sidebars_scroll_on_their_own_and_end_inside_the_window(visit):
    visit.page.set_viewport_size({"width": 1280, "height": 600})
    visit.goto("glosario/")
    page = visit.page
    page.evaluate("window.scrollTo(0, 800)")
    _frame(page)
    boxes = page.evaluate("""[...document.querySelectorAll('.md-sidebar__scrollwrap')].map(box => {
        const r = box.getBoundingClientRect();
        return [r.top, r.bottom, box.scrollHeight, box.clientHeight, getComputedStyle(box).overflowY]; })""")
    header = page.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")
    for top, bottom, _scroll, _client, overflow in boxes:
        assert top >= header and bottom <= 600 and overflow == "auto"
    assert any(scroll > client for _, _, scroll, client, _ in boxes), "the navigation is longer than the window"


# ---------------------------------------------------------------------------- menu, details

def test_on_a_phone_a_jump_from_the_menus_contents_closes_the_menu_at_that_section(phone):
    phone.goto("glosario/")
    page = phone.page
    page.click("[data-menu-open]")
    page.click("label[for='__toc']")
    link = page.locator(".md-sidebar--primary .md-nav--secondary a.md-nav__link").nth(3)
    target = link.evaluate("link => link.hash.slice(1)")
    page.wait_for_timeout(300)   # the level slides in
    link.click()
    wait_until(page, "!document.getElementById('__drawer').checked")
    assert page.evaluate("document.activeElement.id") == target
    assert page.evaluate("document.querySelector('[data-menu-open]').getAttribute('aria-expanded')") == "false"


def test_on_a_phone_enter_opens_a_level_of_the_menu_and_says_so(phone):
    phone.goto("politica/")
    page = phone.page
    page.click("[data-menu-open]")
    label = page.locator(".md-sidebar--primary label.md-nav__link[for^='__nav']").first
    toggle = label.get_attribute("for")
    level = f"document.querySelector('[aria-labelledby=\"{toggle}_label\"]')"
    before = page.evaluate(f"document.getElementById('{toggle}').checked")
    label.focus()
    page.keyboard.press("Enter")
    assert page.evaluate(f"document.getElementById('{toggle}').checked") != before
    assert page.evaluate(f"{level}.getAttribute('aria-expanded')") == str(not before).lower()


def test_every_details_opens_for_printing_and_closes_again_after(visit):
    visit.goto("capacitacion/que-es-la-trata/cuestionario/")
    page = visit.page
    count = "document.querySelectorAll('details:not([open])').length"
    closed = page.evaluate(count)
    assert closed > 0
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.evaluate(count) == 0
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.evaluate(count) == closed


def test_no_single_character_key_is_a_shortcut(visit):
    """WCAG 2.1.4: Material's "p", "n", ",", "." and "/" (previous, next page, search) are gone;
    search opens with Ctrl+K, a key with a modifier."""
    visit.goto("politica/prevencion/")
    page = visit.page
    url = page.url
    for key in ("p", "n", ",", ".", "/", "s", "f"):
        page.keyboard.press(key)
        page.wait_for_timeout(50)
        assert page.url == url, key
        assert not page.evaluate("document.getElementById('site-search').open"), key
    page.keyboard.press("Control+k")
    assert page.evaluate("document.getElementById('site-search').open")
    assert page.evaluate("document.activeElement.id") == "site-search-input"
