"""Search quality and cost (issue #14): our search against stock Material's, on the same pages.

    .venv/bin/python -m bench.search        (also part of `make bench`, through bench.run)

Runs every query of bench/search-queries.yml in Chromium, typed into each site's search box as
a person would, and counts the queries with a right page among the first three pages listed; then
the same for bench/search-heldout.yml, queries the tuning never used, reported apart (by set).
Both sites are served by deploy/nginx.conf on 127.0.0.1 (our build and the bench/baseline build,
Material's lunr search); the browser reaches nothing else. With the CPU slowed 4× (Chromium's
`Emulation.setCPUThrottlingRate`, as Lighthouse's mobile preset does) it also measures what a
first search downloads (compressed bytes of every request made after the box opens), both with
the words put in the box at once and typed key by key at a person's pace (a prefix that finds
nothing must not download the other language), the time from the search files' arrival to the
first results on screen, and the time each later keystroke takes to update the results. The
timings are taken SEARCH_RUNS times (3 unless set) and reported as median and minimum: on a shared
machine one run varies by tens of milliseconds. For our site it measures the alternative we did
not ship as well: MiniSearch's prebuilt index (serialised from the browser's own index) instead
of the document list, its gzipped size and the time to load it, whole and for the titles and
headings alone (what the first results need).

Writes bench/out/search.json and bench/out/search.md and prints the Markdown.
"""

from __future__ import annotations

import fnmatch
import gzip
import json
import os
import statistics
import sys
import time
from pathlib import Path

import yaml

from bench import local_nginx

ROOT = local_nginx.ROOT
OUT = ROOT / "bench" / "out"
QUERIES = ROOT / "bench" / "search-queries.yml"
HELD_OUT = ROOT / "bench" / "search-heldout.yml"
SITES = {"ours": OUT / "site", "baseline": OUT / "baseline-site"}
PREFIX = {"es": "", "en": "en/"}
THROTTLE = 4
PROBE = {"es": "trata", "en": "trafficking"}   # the first search, and the check that a search answers
KEYSTROKES = {"es": "explotacion laboral", "en": "labour exploitation"}   # typed a letter at a time
TYPED = {"es": "denunciar", "en": "reporting"}   # the first search typed key by key (its bytes)
KEY_DELAY_MS = 150   # a quick typist on a phone (every prefix of TYPED from three letters on finds pages)
SETTLE_MS = 3000     # after the last key: what a pause would still download arrives
RUNS = int(os.environ.get("SEARCH_RUNS", "3"))
TOP = 3
RETYPE_MS = 250
# What a search downloads, on either site: our index and libraries; Material's worker, index and lunr.
SEARCH_FILES = ("/search/", "/assets/vendor/", "/workers/search", "/lunr/")
BUDGET = {"top3_share": 0.90, "first_search_bytes": 80_000, "first_results_ms": 300, "keystroke_ms": 50}

# How each site's search box is driven: opener, input, result links (page first, then its sections).
DRIVERS = {
    "ours": {"open": "[data-search-open]", "input": "#site-search-input", "links": ".site-search__link",
             "results": "#site-search-results"},
    "baseline": {"open": "label.md-search__icon[for=__search], label[for=__search]",
                 "input": "input.md-search__input", "links": ".md-search-result__link",
                 "results": ".md-search-result__list"},
}


def load_queries(path: Path = QUERIES) -> dict[str, list[dict]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for language, rows in data.items():
        for row in rows:
            if not row.get("q") or not row.get("right"):
                raise SystemExit(f"{path.relative_to(ROOT)}: every query needs 'q' and 'right' ({language}: {row})")
            if language not in PREFIX:
                raise SystemExit(f"{path.relative_to(ROOT)}: '{language}' is not a language of the site")
    return data


def is_right(path: str, language: str, right: list[str]) -> bool:
    """A result path ('en/glosario/') against the acceptable paths of the query's language."""
    prefix = PREFIX[language]
    if not path.startswith(prefix) or (language == "es" and path.startswith("en/")):
        return False
    rest = path[len(prefix):]
    return any(fnmatch.fnmatchcase(rest, pattern) and rest.count("/") == pattern.count("/") for pattern in right)


def result_pages(hrefs: list[str], base: str) -> list[str]:
    """Distinct pages in the order listed, as site paths ('politica/x/'), anchors dropped."""
    pages: list[str] = []
    for href in hrefs:
        path = href.split("#")[0].split("?")[0]
        path = path[len(base):] if path.startswith(base) else path
        if path.endswith("index.html"):
            path = path[: -len("index.html")]
        if path not in pages:
            pages.append(path)
    return pages


# ------------------------------------------------------------------------------------ in Chromium

# Records, in epoch milliseconds, when the first result link appears in the results list.
_WATCH_RESULTS = """(selector) => {
  const target = document.querySelector(selector);
  const observer = new MutationObserver(() => {
    if (target.querySelector('a')) { window.__firstResultsAt = performance.timeOrigin + performance.now(); observer.disconnect(); }
  });
  observer.observe(target, {childList: true, subtree: true});
}"""

# Our search's marks (search.js), in ms after the last of its files arrived.
_OUR_STEPS = """() => {
  const files = performance.getEntriesByType('resource').filter(e => /\\/search\\/|\\/vendor\\//.test(e.name));
  const arrived = Math.max(...files.map(e => e.responseEnd));
  const at = name => { const m = performance.getEntriesByName('site-search:' + name)[0]; return m ? Math.round(m.startTime - arrived) : null; };
  return {files: at('files'), heads: at('heads'), results: at('results'), body: at('body')};
}"""

_KEYSTROKE = """([inputSelector, resultsSelector, value]) => new Promise(resolve => {
  const input = document.querySelector(inputSelector), target = document.querySelector(resultsSelector);
  let started;
  const observer = new MutationObserver(() => { observer.disconnect(); resolve(performance.now() - started); });
  observer.observe(target, {childList: true, subtree: true, characterData: true});
  started = performance.now();
  input.value = value;
  input.dispatchEvent(new Event('input', {bubbles: true}));
  input.dispatchEvent(new KeyboardEvent('keyup', {bubbles: true, key: value.slice(-1)}));
  setTimeout(() => { observer.disconnect(); resolve(null); }, 5000);
})"""


def _new_page(browser, throttle: int = 1):
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    if throttle > 1:
        session = context.new_cdp_session(page)
        session.send("Emulation.setCPUThrottlingRate", {"rate": throttle})
    return context, page


def _type(page, selector: str, text: str) -> None:
    """Clear the box and type the text key by key (Material's search listens to keys, not to `fill`)."""
    page.fill(selector, "")
    page.locator(selector).press_sequentially(text)


def _open(page, driver):
    page.locator(driver["open"]).first.click()
    page.wait_for_selector(driver["input"], state="visible")


def _ready(page, site: str, language: str):
    """Wait until the search can answer everything: our body text indexed; Material's worker ready."""
    if site == "ours":
        deadline = time.monotonic() + 60
        while not page.evaluate(f"!!(window.__siteSearch && window.__siteSearch.engine('{language}') "
                                f"&& window.__siteSearch.engine('{language}').bodyReady)"):
            if time.monotonic() > deadline:
                raise RuntimeError("our search never finished indexing")
            page.wait_for_timeout(50)
    else:
        deadline = time.monotonic() + 90
        while not page.locator(DRIVERS[site]["links"]).count():
            if time.monotonic() > deadline:
                raise RuntimeError("Material's search never answered")
            _type(page, DRIVERS[site]["input"], PROBE[language])
            page.wait_for_timeout(RETYPE_MS)


def _results(page, site: str, query: str, base: str) -> list[str]:
    driver = DRIVERS[site]
    _type(page, driver["input"], query)
    # Ours answers synchronously; Material's worker replies a little later: wait until the list settles.
    previous, stable = None, 0
    for _ in range(60):
        page.wait_for_timeout(50)
        current = page.eval_on_selector_all(driver["links"], "links => links.map(a => a.href)")
        stable = stable + 1 if current == previous else 0
        previous = current
        if stable >= 3:
            break
    return result_pages(previous or [], base)


def quality(browser, site: str, base: str, queries: dict) -> dict:
    rows = []
    for language, items in queries.items():
        context, page = _new_page(browser)
        try:
            page.goto(base + PREFIX[language], wait_until="load")
            _open(page, DRIVERS[site])
            _ready(page, site, language)
            for item in items:
                pages = _results(page, site, item["q"], base)
                rows.append({"language": language, "q": item["q"], "kind": item.get("kind"), "who": item.get("who"),
                             "set": item.get("set"), "top": pages[:TOP],
                             "right": any(is_right(p, language, item["right"]) for p in pages[:TOP])})
        finally:
            context.close()
    share = sum(row["right"] for row in rows) / len(rows)
    return {"share": share, "rows": rows}


def typed_bytes(browser, site: str, base: str, language: str) -> dict:
    """What a first search downloads when its words are typed key by key, at CPU ÷THROTTLE."""
    context, page = _new_page(browser, THROTTLE)
    driver = DRIVERS[site]
    fetched: list[dict] = []
    page.on("requestfinished", lambda request: any(part in request.url for part in SEARCH_FILES) and fetched.append(
        {"url": request.url, "bytes": request.sizes()["responseBodySize"]}))
    try:
        page.goto(base + PREFIX[language], wait_until="networkidle")
        _open(page, driver)
        # She opens search and starts typing once it is ready (a prefix that finds nothing before
        # the text is indexed is not yet known to find nothing).
        _ready(page, site, language)
        page.fill(driver["input"], "")
        page.locator(driver["input"]).press_sequentially(TYPED[language], delay=KEY_DELAY_MS)
        page.wait_for_timeout(SETTLE_MS)
        return {"bytes": sum(row["bytes"] for row in fetched),
                "files": sorted(row["url"].rsplit("/", 1)[-1] for row in fetched)}
    finally:
        context.close()


def cost(browser, site: str, base: str, language: str) -> dict:
    """First-search bytes, first results after the files arrive, and later keystrokes, at 4× slower CPU."""
    context, page = _new_page(browser, THROTTLE)
    driver = DRIVERS[site]
    fetched: list[dict] = []

    def finished(request):
        if any(part in request.url for part in SEARCH_FILES):
            timing = request.timing
            fetched.append({"url": request.url, "bytes": request.sizes()["responseBodySize"],
                            "end": timing["startTime"] + timing["responseEnd"]})

    page.on("requestfinished", finished)
    try:
        page.goto(base + PREFIX[language], wait_until="networkidle")
        page.evaluate(_WATCH_RESULTS, driver["results"])
        if site == "ours":
            # The words are in the box before the files arrive: the time is the search's alone.
            page.evaluate(f"document.querySelector('{driver['input']}').value = {json.dumps(PROBE[language])}")
            _open(page, driver)
        else:
            _open(page, driver)
            _type(page, driver["input"], PROBE[language])
        # Material's worker drops a query typed before its index is built: type it again, as a
        # person would, until results come (so its time is exact to RETYPE_MS).
        deadline, typed = time.monotonic() + 90, time.monotonic()
        while not page.evaluate("window.__firstResultsAt || 0"):
            if time.monotonic() > deadline:
                raise RuntimeError(f"{site}: no results for {PROBE[language]!r}")
            if site != "ours" and time.monotonic() - typed > RETYPE_MS / 1000:
                _type(page, driver["input"], PROBE[language])
                typed = time.monotonic()
            page.wait_for_timeout(20)
        shown_at = page.evaluate("window.__firstResultsAt")
        _ready(page, site, language)
        # search.js marks its steps; the files' arrival is their last responseEnd (read before the
        # keystrokes below, which may load the other language's files).
        steps = page.evaluate(_OUR_STEPS) if site == "ours" else None
        page.wait_for_timeout(300)
        keystrokes = []
        for end in range(1, len(KEYSTROKES[language]) + 1):
            spent = page.evaluate(_KEYSTROKE, [driver["input"], driver["results"], KEYSTROKES[language][:end]])
            if spent is not None:
                keystrokes.append(spent)
        arrived = max((row["end"] for row in fetched if row["end"] <= shown_at), default=None)
        first_results = round(shown_at - arrived) if arrived else None
        measured = {"first_search_bytes": sum(row["bytes"] for row in fetched if row["end"] <= shown_at),
                    "requests": [f"{row['url'].rsplit('/', 1)[-1]} {row['bytes']}" for row in fetched],
                    "first_results_ms": steps["results"] if site == "ours" else first_results,
                    "keystroke_ms_median": round(statistics.median(keystrokes), 1) if keystrokes else None,
                    "keystroke_ms_max": round(max(keystrokes), 1) if keystrokes else None}
        if site == "ours":
            measured["steps_ms"] = steps
            measured["all_text_indexed_ms"] = steps["body"]
            measured["prebuilt"] = _prebuilt_alternative(page, language)
        return measured
    finally:
        context.close()


def _prebuilt_alternative(page, language: str) -> dict:
    """What shipping MiniSearch's serialised index (plus the text for snippets) would cost instead."""
    serialised = page.evaluate(f"""() => {{
        const e = window.__siteSearch.engine('{language}');
        return [JSON.stringify(e.titles), JSON.stringify(e.heads), JSON.stringify(e.body)]; }}""")
    load = f"""([titles, heads, body]) => {{
        const e = window.__siteSearch.engine('{language}');
        const started = performance.now();
        MiniSearch.loadJSON(titles, e.titles._options); MiniSearch.loadJSON(heads, e.heads._options);
        if (body) MiniSearch.loadJSON(body, e.body._options);
        return performance.now() - started; }}"""
    load_ms = page.evaluate(load, serialised)
    first_ms = page.evaluate(load, serialised[:2] + [None])
    text = page.evaluate(f"() => JSON.stringify(window.__siteSearchIndexes['{language}'])")
    gz = lambda parts: len(gzip.compress("".join(parts).encode("utf-8"), 6))
    return {"index_gzip_bytes": gz(serialised), "document_list_gzip_bytes": len(gzip.compress(text.encode("utf-8"), 6)),
            "load_ms": round(load_ms), "titles_headings_gzip_bytes": gz(serialised[:2]), "titles_headings_load_ms": round(first_ms)}


# ------------------------------------------------------------------------------------ running


def measure(sites: dict[str, Path] = SITES) -> dict:
    from playwright.sync_api import sync_playwright

    from bench.run import CHROMIUM, CHROMIUM_ARGS, LOOPBACK_ONLY

    queries, held_out = load_queries(), load_queries(HELD_OUT)
    report: dict = {"queries": sum(len(rows) for rows in queries.values()),
                    "held_out_queries": sum(len(rows) for rows in held_out.values()),
                    "throttle": THROTTLE, "budget": BUDGET, "runs": RUNS}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, LOOPBACK_ONLY])
        try:
            for site, folder in sites.items():
                csp = "" if site == "baseline" else None
                with local_nginx.serving(folder, OUT / "nginx-search" / site, csp=csp) as base:
                    report[site] = {"quality": quality(browser, site, base, queries),
                                    "held_out": quality(browser, site, base, held_out),
                                    "cost": {language: repeated([cost(browser, site, base, language) for _ in range(RUNS)])
                                             for language in PREFIX},
                                    "typed": {language: typed_bytes(browser, site, base, language) for language in PREFIX}}
        finally:
            browser.close()
    return report


def repeated(runs: list[dict]) -> dict:
    """One run's figures (the first), with the timings as the median of all runs and their minimum."""
    merged = dict(runs[0])
    for key in ("first_results_ms", "all_text_indexed_ms", "keystroke_ms_median", "keystroke_ms_max"):
        values = [run[key] for run in runs if run.get(key) is not None]
        if values:
            merged[key] = round(statistics.median(values), 1)
            merged[key + "_min"] = round(min(values), 1)
            merged[key + "_runs"] = values
    return merged


def _timed(cost: dict, key: str) -> str:
    """'median (min)' of a timing measured over several runs."""
    value = cost.get(key)
    if value is None:
        return "–"
    low = cost.get(key + "_min")
    return f"{value:g}" + (f" ({low:g})" if low is not None and len(cost.get(key + "_runs", [])) > 1 else "")


def markdown(report: dict) -> str:
    ours, base = report["ours"], report["baseline"]
    share = lambda site: f"{report[site]['quality']['share']:.0%}"
    budget = report["budget"]
    ahead = ours["quality"]["share"] >= budget["top3_share"] and ours["quality"]["share"] > base["quality"]["share"]
    count = lambda rows: f"{sum(r['right'] for r in rows)}/{len(rows)}"
    lines = [f"# Search: ours {share('ours')}, stock Material {share('baseline')} "
             f"({'PASS' if ahead else 'FAIL'}: ≥ {budget['top3_share']:.0%} and ahead)", "",
             f"{report['queries']} queries of bench/search-queries.yml with a right page in the first {TOP} results; "
             f"{report.get('held_out_queries', 0)} more of bench/search-heldout.yml, never tuned on, below them. "
             f"Timings: median (minimum) of {report.get('runs', 1)} runs.", "",
             "| | ours | stock Material |", "|---|---:|---:|",
             f"| right page in the top {TOP} | {share('ours')} | {share('baseline')} |"]
    kinds = sorted({row["kind"] for row in ours["quality"]["rows"]})
    for kind in kinds:
        cells = [count([row for row in report[site]["quality"]["rows"] if row["kind"] == kind]) for site in ("ours", "baseline")]
        lines.append(f"| … {kind} | {cells[0]} | {cells[1]} |")
    if "held_out" in ours:
        held = lambda site, test: [row for row in report[site]["held_out"]["rows"] if test(row)]
        lines.append(f"| held out (bench/search-heldout.yml) | {count(held('ours', bool))} | {count(held('baseline', bool))} |")
        for group in sorted({(row["set"], row["kind"]) for row in ours["held_out"]["rows"]}, key=lambda g: (str(g[0]), str(g[1]))):
            test = lambda row, group=group: (row["set"], row["kind"]) == group
            lines.append(f"| … set {group[0]}, {group[1]} | {count(held('ours', test))} | {count(held('baseline', test))} |")
    for language in PREFIX:
        o, b = ours["cost"][language], base["cost"][language]
        typed = lambda site, language=language: report[site].get("typed", {}).get(language, {}).get("bytes")
        lines += [f"| first search, {language}: bytes (compressed) | {o['first_search_bytes']:,} | {b['first_search_bytes']:,} |",
                  f"| first search typed key by key (“{TYPED[language]}”), {language}: bytes | "
                  f"{typed('ours') or 0:,} | {typed('baseline') or 0:,} |",
                  f"| first results after the files arrive, {language}, CPU ÷{THROTTLE} (ms) | {_timed(o, 'first_results_ms')} "
                  f"| {_timed(b, 'first_results_ms')} |",
                  f"| all text indexed after the files arrive, {language}, CPU ÷{THROTTLE} (ms) | {_timed(o, 'all_text_indexed_ms')} | – |",
                  f"| later keystroke, {language}, CPU ÷{THROTTLE}: median / max (ms) | {_timed(o, 'keystroke_ms_median')} / "
                  f"{_timed(o, 'keystroke_ms_max')} | {_timed(b, 'keystroke_ms_median')} / {_timed(b, 'keystroke_ms_max')} |"]
    lines += ["", f"Budgets (ours): top {TOP} ≥ {budget['top3_share']:.0%}; first search ≤ {budget['first_search_bytes']:,} bytes "
              f"(also typed key by key); first results ≤ {budget['first_results_ms']} ms; keystroke < {budget['keystroke_ms']} ms.", "",
              "Prebuilt index instead of the document list (not shipped; measured in the same browser):", ""]
    for language in PREFIX:
        pre = ours["cost"][language]["prebuilt"]
        lines.append(f"- {language}: MiniSearch's serialised index {pre['index_gzip_bytes']:,} bytes gzipped on top of the "
                     f"text the snippets need ({pre['document_list_gzip_bytes']:,} bytes gzipped as the document list alone); "
                     f"loading it takes {pre['load_ms']} ms at CPU ÷{THROTTLE}. Its titles and headings alone (what the first "
                     f"results need): {pre.get('titles_headings_gzip_bytes', 0):,} bytes, {pre.get('titles_headings_load_ms', '–')} ms "
                     f"to load, against {ours['cost'][language].get('steps_ms', {}).get('heads', '–')} ms from the files' arrival "
                     f"to a built title and heading index here.")
    lines += ["", "Queries without a right page in our top 3:", ""]
    lines += [f"- {row['language']} “{row['q']}” ({row['kind']}): {', '.join(row['top']) or 'nothing'}"
              for row in ours["quality"]["rows"] if not row["right"]] or ["- none"]
    if "held_out" in ours:
        lines += ["", "Held-out queries without a right page in our top 3:", ""]
        lines += [f"- {row['language']} “{row['q']}” (set {row['set']}, {row['kind']}): {', '.join(row['top']) or 'nothing'}"
                  for row in ours["held_out"]["rows"] if not row["right"]] or ["- none"]
    return "\n".join(lines) + "\n"


def build_sites() -> None:
    from bench.run import BASELINE_CONFIG, OUR_CONFIG, precompress, timed_build

    timed_build(OUR_CONFIG, SITES["ours"], strict=True)
    timed_build(BASELINE_CONFIG, SITES["baseline"], strict=False)
    precompress(SITES.values())


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    print("building both sites…", file=sys.stderr)
    build_sites()
    report = measure()
    publish(OUT, "search", report, markdown(report))
    return 0


def publish(out: Path, name: str, report: dict, text: str) -> None:
    """A report as <name>.json (for scripts) and <name>.md (for people), and on the terminal."""
    (out / f"{name}.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (out / f"{name}.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    sys.exit(main())
