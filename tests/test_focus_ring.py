"""The focus ring and the quiz's chosen answer stand 3 to 1 against what they sit on, in both
schemes, on a phone and a desktop (WCAG 2.1 1.4.11; from test_accessibility.py)."""

from __future__ import annotations

import pytest

from conftest import CONTRAST_TOOLS, PREFIXES, own_tab, wait_for_transitions, walk_with_tab


# ---------------------------------------------------------------------------- focus ring, quiz dot


# The focused element's ring against what lies just outside it, on all four sides in view.
_RING_CONTRAST = """() => {""" + CONTRAST_TOOLS + """
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

_QUIZ_DOT_CONTRAST = """selector => {""" + CONTRAST_TOOLS + """
  const input = document.querySelector(selector);
  return {ratio: ratio(parse(getComputedStyle(input).accentColor), backgroundOf(input.parentElement)),
          accent: getComputedStyle(input).accentColor, checked: input.checked};
}"""

RING_PAGES = ["", "capacitacion/que-es-la-trata/cuestionario/", "capacitacion/que-es-la-trata/diapositivas/", "denunciar/",
              "regiones/", "publico/oferta-de-trabajo/", "politica/cultura-denuncia/"]


def _ring_failures(page, stops: int = 400) -> list[str]:
    found = [stop for stop in walk_with_tab(page, _RING_CONTRAST, limit=stops) if stop is not None]
    assert len(found) > 5, "Tab reached almost nothing"
    return [f"{stop['what']}: ring {stop['ring']} on {stop.get('surface')}: {stop['worst']:.2f}:1"
            for stop in found if stop["worst"] is not None and stop["worst"] < 3]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [360, 1280])
def test_the_focus_ring_stands_3_to_1_against_every_surface_it_sits_on(browser, server, scheme, width):
    with own_tab(browser, viewport={"width": width, "height": 800}, color_scheme=scheme) as page:
        failures = []
        for prefix in PREFIXES.values():
            for url in RING_PAGES:
                page.goto(server + prefix + url, wait_until="load")
                failures += [f"{prefix + url}: {line}" for line in _ring_failures(page)]
        # The phone menu and the search dialog, open: their own surfaces.
        page.goto(server + "politica/", wait_until="load")
        if page.locator("[data-menu-open]").is_visible():
            page.click("[data-menu-open]")
            wait_for_transitions(page)
            failures += [f"menu: {line}" for line in _ring_failures(page, 30)]
            page.keyboard.press("Escape")
        page.click("[data-search-open]")
        page.fill("#site-search-input", "trata")
        # The results come once the index has loaded; walked before, Tab found only the box.
        page.locator(".site-search__link").first.wait_for()
        failures += [f"search: {line}" for line in _ring_failures(page, 15)]
        assert not failures, "\n".join(failures)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_chosen_answer_of_a_quiz_stands_3_to_1_against_its_background(browser, server, scheme):
    with own_tab(browser, viewport={"width": 1280, "height": 900}, color_scheme=scheme) as page:
        for prefix in PREFIXES.values():
            page.goto(server + prefix + "capacitacion/que-es-la-trata/cuestionario/", wait_until="load")
            selector = "#pregunta-1 .quiz__option input[type=radio]"
            page.locator(selector).first.check()
            found = page.evaluate(_QUIZ_DOT_CONTRAST, selector)
            assert found["checked"] and found["ratio"] >= 3, found
