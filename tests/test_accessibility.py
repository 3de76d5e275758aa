"""Accessibility, checked in Chromium on the built site: axe-core finds no WCAG 2.1 A/AA
violation on any built page of either language (the 404 pages included) in the light scheme, nor
on one page of every kind in the dark scheme; the quiz buttons keep their contrast when hovered
or focused. The keyboard is tested in test_keyboard.py, the focus ring in test_focus_ring.py
(three files, so that xdist's workers share the work).

The full axe run takes about 2 minutes for ~270 pages on an idle 2-CPU machine (A11Y_TABS pages at
a time, default: the number of CPUs, 2 to 4).
"""

from __future__ import annotations

import asyncio
import os
import threading
import time
from pathlib import Path

import pytest

from conftest import CHROMIUM, KIND_PAGES, NOT_FOUND_PAGES, built_pages, contrast_failures, own_tab


WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# The "no-passes" reporter leaves out what passed: the same violations, found about 10 % faster.
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"],
               "reporter": "no-passes"}
# Tabs that run axe at the same time (each page gets its own renderer process).
AXE_TABS = int(os.environ.get("A11Y_TABS", max(2, min(4, os.cpu_count() or 2))))
# One page's axe run takes about a second; past this, it is stuck (the test fails naming it).
AXE_PAGE_SECONDS = 120
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


def axe_every_page(base: str, runs: dict[str, tuple[list[str], str]], width: int = 1280) -> dict[str, tuple[dict, dict]]:
    """Run axe-core on every URL of each run ({name: (urls, colour scheme)}), AXE_TABS pages at a
    time, in one Chromium launched for them all (a context per run).

    Returns {name: ({url: violations}, {url: Material's colour scheme on that page}, {url: HTTP status})}. axe.min.js
    comes from the axe_playwright_python package and is injected before each page's own scripts;
    the Playwright async API runs in a thread of its own, apart from the session's sync browser.
    """
    from axe_playwright_python import base as axe_package
    from playwright.async_api import async_playwright

    async def one_run(browser, urls, color_scheme):
        context = await browser.new_context(viewport={"width": width, "height": 900}, color_scheme=color_scheme)
        try:
            await context.add_init_script(path=str(axe_package.AXE_FILE_PATH))
            queue, found, schemes, statuses = list(urls), {}, {}, {}

            async def tab():
                page = await context.new_page()
                while queue and not stopped.is_set():
                    url = queue.pop(0)
                    response = await page.goto(base + url, wait_until="load")
                    statuses[url] = response.status
                    schemes[url] = await page.evaluate("document.body.dataset.mdColorScheme")
                    # Playwright bounds a navigation, never a script: an axe run that never settles
                    # would hold the thread (and the test) for good.
                    try:
                        found[url] = await asyncio.wait_for(page.evaluate(_AXE_RUN, AXE_OPTIONS), AXE_PAGE_SECONDS)
                    except asyncio.TimeoutError:
                        raise AssertionError(f"axe did not finish on {url or '/'} in {AXE_PAGE_SECONDS} s") from None

            await asyncio.gather(*(tab() for _ in range(AXE_TABS)))
            return found, schemes, statuses
        finally:
            await context.close()

    async def main():
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
            try:
                return {name: await one_run(browser, urls, scheme) for name, (urls, scheme) in runs.items()}
            finally:
                await browser.close()

    outcome, stopped = {}, threading.Event()

    def run():
        try:
            outcome["result"] = asyncio.run(main())
        except BaseException as error:  # re-raised in the test's thread
            outcome["error"] = error

    # A daemon, so that a run that outlives the test's timeout (make test) cannot keep the worker from exiting.
    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    try:
        thread.join()
    finally:  # a test that timed out leaves the rest of the pages alone (their Chromium would share the cores)
        stopped.set()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]


@pytest.fixture(scope="module")
def axe_found(site, server):
    """axe on every built page in the light scheme and on a page of every kind in the dark one,
    in one Chromium: {"light" | "dark": (urls, ({url: violations}, {url: scheme}, {url: status}))}."""
    urls = {"light": [_url(site, path) for path in built_pages(site)],
            "dark": [url for _, _, url in KIND_PAGES] + NOT_FOUND_PAGES}
    started = time.monotonic()
    found = axe_every_page(server, {name: (urls[name], name) for name in urls})
    print(f"\naxe-core on {sum(map(len, urls.values()))} pages, {AXE_TABS} at a time: {time.monotonic() - started:.0f} s")
    return {name: (urls[name], found[name]) for name in urls}


def _report(failing: dict) -> str:
    return "\n".join(f"{url or '/'}\n    " + "\n    ".join(lines) for url, lines in failing.items())


def test_no_page_of_either_language_has_a_wcag_violation(axe_found):
    urls, (found, schemes, statuses) = axe_found["light"]
    assert {url: status for url, status in statuses.items() if status != 200} == {}
    assert set(NOT_FOUND_PAGES) <= set(urls)
    assert any(url.startswith("en/") for url in urls) and any(not url.startswith("en/") for url in urls)
    assert sorted(found) == sorted(urls), "axe did not run on every page"
    assert set(schemes.values()) == {"default"}
    failing = {url: lines for url, lines in found.items() if lines}
    assert not failing, _report(failing)


def test_no_page_kind_has_a_wcag_violation_in_the_dark_scheme(axe_found):
    urls, (found, schemes, statuses) = axe_found["dark"]
    assert {url: status for url, status in statuses.items() if status != 200} == {}
    assert set(schemes.values()) == {"slate"}, schemes
    failing = {url: lines for url, lines in found.items() if lines}
    assert not failing, _report(failing)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_quiz_buttons_keep_their_contrast_when_hovered_or_focused(browser, server, scheme):
    """axe reads a page at rest; the buttons' focus and hover colours are checked here."""
    with own_tab(browser, viewport={"width": 1280, "height": 900}, color_scheme=scheme) as page:
        page.goto(server + "capacitacion/que-es-la-trata/cuestionario/", wait_until="load")
        for selector in ("#pregunta-1 .quiz__check", ".quiz__reset"):
            for action in ("focus", "hover"):
                page.mouse.move(0, 0)
                getattr(page.locator(selector), action)()
                assert contrast_failures(page, selector) == [], (selector, action)
