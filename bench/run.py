"""`make bench` (issue #8): our site against a stock Material for MkDocs build of the same pages.

Builds both sites, serves each with deploy/nginx.conf on 127.0.0.1, measures what a phone
downloads to show a page of every kind the first time (bench.first_load), runs Lighthouse on
the pages issue #8 names, then writes bench/out/report.json and bench/out/report.md and prints
the Markdown. A budget that fails is marked FAIL, but the exit code stays 0: this is a report,
not a test. The browser reaches nothing beyond 127.0.0.1 (every other host name fails to
resolve), so the numbers never depend on the network, and any attempt to leave is listed.

    .venv/bin/python -m bench.run        (make bench installs Lighthouse first)
"""

from __future__ import annotations

import datetime
import functools
import importlib.metadata
import json
import logging
import os
import platform
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

from bench import first_load, local_nginx
from bench import readability as readability_bench
from bench import search as search_bench

ROOT = local_nginx.ROOT
OUT = ROOT / "bench" / "out"
OUR_CONFIG = ROOT / "mkdocs.yml"
BASELINE_CONFIG = ROOT / "bench" / "baseline" / "mkdocs.yml"
LIGHTHOUSE = ROOT / "bench" / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")

SITES = ("ours", "baseline")
LANGUAGES = {"es": "", "en": "en/"}          # language -> path under the site's root
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
BUDGET = {"bytes": 90_000, "requests": 12, "lighthouse": 100, "build_seconds": 10.0}
# Issue #30's targets: a first visit of 40 KB at most, a second page (another kind) 15 KB more at most.
TARGET = {"first_visit": 40_000, "second_page": 15_000}

# Chromium may resolve no host name but 127.0.0.1: nothing leaves the machine, and a page that
# tries (Material's Google Fonts link) fails at once instead of waiting for a timeout.
LOOPBACK_ONLY = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-default-apps", "--disable-extensions", "--metrics-recording-only"]
LIGHTHOUSE_TIMEOUT = 180    # seconds for one run; a stuck run is recorded as an error
LIGHTHOUSE_RUNS = max(1, int(os.environ.get("LIGHTHOUSE_RUNS", "1")))   # per page; the median is kept
CORE = "MkDocs + Material"  # the build's time outside any hook and outside the i18n plugin's events


# ------------------------------------------------------------------------------------- building


class BuildProfile:
    """Exclusive time per (part, language) of an in-process build.

    Nested calls are subtracted from their caller, so each second is counted once: the i18n
    plugin builds every other language inside its on_post_build, and that pass is counted as
    the other language's, not as the plugin's. A call is the language the i18n plugin is
    building when it starts (the default language before the plugin's on_config has run).
    """

    def __init__(self, i18n):
        self.i18n = i18n
        self.seconds: dict[tuple[str, str], float] = defaultdict(float)
        self._children = [0.0]

    def language(self) -> str:
        return self.i18n.current_language or self.i18n.default_language

    def timed(self, part: str, function):
        @functools.wraps(function)
        def wrapper(*args, **kwargs):
            language = self.language()
            self._children.append(0.0)
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                elapsed = time.perf_counter() - start
                nested = self._children.pop()
                self._children[-1] += elapsed
                self.seconds[part, language] += elapsed - nested
        return wrapper


def instrument(config, profile: BuildProfile) -> list[str]:
    """Swap every event method of the hooks and of the i18n plugin for a timed one; returns the parts.

    MkDocs loads each file of `hooks:` as a plugin named by its path (config.hooks keeps the
    names), so the methods are found by asking each of those plugins for its on_<event>.
    """
    from mkdocs.plugins import EVENTS

    parts = ["i18n", *config.hooks]
    owner = {}
    for part in parts:
        for event in EVENTS:
            method = getattr(config.plugins[part], f"on_{event}", None)
            if method is not None:
                owner[method] = part
    for methods in config.plugins.events.values():
        for index, method in enumerate(methods):
            if method in owner:
                methods[index] = profile.timed(owner[method], method)
    return parts


def profile_build(config_file: Path, site_dir: Path) -> dict:
    """Build once in this process with every hook and the i18n plugin timed (as `mkdocs build` does)."""
    from mkdocs.commands import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort
    import mkdocs_static_i18n.plugin as i18n_module

    logging.getLogger("mkdocs").addHandler(logging.StreamHandler())
    start = time.perf_counter()
    config = load_config(str(config_file), site_dir=str(site_dir), strict=True)
    load_seconds = time.perf_counter() - start
    profile = BuildProfile(config.plugins["i18n"])
    parts = instrument(config, profile)
    language_pass = profile.timed(CORE, build.build)
    i18n_module.build = language_pass          # the plugin's own build() of the other languages
    config.plugins.on_startup(command="build", dirty=False)
    start = time.perf_counter()
    try:
        language_pass(config)
    except Abort as error:
        raise SystemExit(f"our site does not build: {error}") from error
    finally:
        i18n_module.build = build.build
        config.plugins.on_shutdown()
    build_seconds = time.perf_counter() - start
    languages = list(LANGUAGES)
    split = {part: {lang: round(profile.seconds[part, lang], 3) for lang in languages} for part in [CORE, *parts]}
    return {"load_config_seconds": round(load_seconds, 3), "build_seconds": round(build_seconds, 3),
            "languages": {lang: round(sum(split[p][lang] for p in split), 3) for lang in languages},
            "split": split}


def timed_build(config_file: Path, site_dir: Path, strict: bool) -> dict:
    """`mkdocs build` in its own process: the wall-clock time a person waits, and its warnings."""
    command = [sys.executable, "-m", "mkdocs", "build", "--config-file", str(config_file),
               "--site-dir", str(site_dir)] + (["--strict"] if strict else [])
    start = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    warnings = [line for line in result.stderr.splitlines() if line.startswith("WARNING")]
    if result.returncode != 0:
        raise SystemExit(f"{config_file.relative_to(ROOT)} does not build:\n{result.stderr[-3000:]}")
    return {"wall_seconds": round(seconds, 2), "warnings": len(warnings), "warning_lines": warnings[:20]}


# ------------------------------------------------------------------------------------ measuring


def is_remote(url: str) -> bool:
    return urlsplit(url).scheme in ("http", "https") and urlsplit(url).hostname != "127.0.0.1"


def measure_first_loads(base: str) -> dict:
    """Bytes and requests of a first visit to one page of every kind, in both languages."""
    from playwright.sync_api import sync_playwright

    results: dict = {lang: {} for lang in LANGUAGES}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, LOOPBACK_ONLY])
        try:
            for lang, prefix in LANGUAGES.items():
                for kind, path in first_load.PAGE_KINDS.items():
                    load = first_load.measure(browser, base + prefix + path)
                    before = base + prefix + first_load.PAGE_KINDS[first_load.first_of_visit(kind)]
                    second = first_load.measure_visit(browser, [before, base + prefix + path])[1]
                    results[lang][kind] = {"url": load.url, "bytes": load.bytes, "requests": load.requests,
                                           "remote": sorted(url for url in load.responses
                                                            if is_remote(url)) + sorted(url for url in second.responses
                                                                                        if is_remote(url)),
                                           "responses": load.responses,
                                           "second_page": {"after": first_load.first_of_visit(kind),
                                                           "bytes": second.bytes, "requests": second.requests,
                                                           "responses": second.responses}}
        finally:
            browser.close()
    return results


def run_lighthouse(url: str, report_path: Path) -> dict:
    """One Lighthouse run (mobile, its default simulated throttling), summarised; errors are kept, not raised."""
    command = [str(LIGHTHOUSE), url, "--output=json", f"--output-path={report_path}", "--quiet",
               f"--only-categories={','.join(CATEGORIES)}", "--no-enable-error-reporting",
               "--disable-full-page-screenshot",
               "--chrome-flags=" + " ".join(["--headless=new", *CHROMIUM_ARGS, f'"{LOOPBACK_ONLY}"'])]
    environment = {**os.environ, "CHROME_PATH": CHROMIUM}
    try:
        result = subprocess.run(command, capture_output=True, text=True, env=environment, timeout=LIGHTHOUSE_TIMEOUT)
    except subprocess.TimeoutExpired:
        return {"error": f"Lighthouse took more than {LIGHTHOUSE_TIMEOUT} s"}
    if result.returncode != 0 or not report_path.is_file():
        return {"error": (result.stderr.strip() or f"exit code {result.returncode}")[-1500:]}
    return summarize_lighthouse(json.loads(report_path.read_text(encoding="utf-8")))


def summarize_lighthouse(lhr: dict) -> dict:
    """Scores 0-100, the three metrics issue #8 names, weight, requests, and what keeps a category below 100."""
    audits = lhr["audits"]
    requests = (audits.get("network-requests", {}).get("details") or {}).get("items", [])
    scores = {category: None if lhr["categories"][category]["score"] is None
              else round(lhr["categories"][category]["score"] * 100) for category in CATEGORIES}
    return {
        "lighthouse_version": lhr.get("lighthouseVersion"),
        "benchmark_index": (lhr.get("environment") or {}).get("benchmarkIndex"),
        "scores": scores,
        "fcp_ms": audits["first-contentful-paint"].get("numericValue"),
        "lcp_ms": audits["largest-contentful-paint"].get("numericValue"),
        "tbt_ms": audits["total-blocking-time"].get("numericValue"),
        "transfer_bytes": audits["total-byte-weight"].get("numericValue"),
        "requests": len(requests),
        "remote": sorted({item["url"] for item in requests if is_remote(item.get("url", ""))}),
        "failing": failing_audits(lhr),
        "runtime_error": (lhr.get("runtimeError") or {}).get("message"),
        "run_warnings": lhr.get("runWarnings", []),
    }


def failing_audits(lhr: dict) -> list[dict]:
    """Every audit that costs a category points (weight > 0, score < 1), with the elements it names.

    For performance, only the metrics carry weight: the opportunities and diagnostics that
    promise savings on a metric are listed with them, since they say what to change.
    """
    audits, failing = lhr["audits"], []
    for category in CATEGORIES:
        for ref in lhr["categories"][category]["auditRefs"]:
            audit = audits[ref["id"]]
            if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
                failing.append(audit_summary(category, audit))
    if any(item["category"] == "performance" for item in failing):
        for audit in audits.values():
            savings = audit.get("metricSavings") or {}
            if audit.get("score") is not None and audit["score"] < 1 and any(savings.values()):
                failing.append(audit_summary("performance (hint)", audit))
    return failing


def audit_summary(category: str, audit: dict) -> dict:
    """The audit with the elements, resources or messages it names (timings and statistics are left
    to the full report in bench/out/lighthouse/)."""
    items = [line for line in map(describe_item, leaf_items(audit.get("details") or {})) if line]
    return {"category": category, "id": audit["id"], "title": audit.get("title"), "score": audit.get("score"),
            "display": audit.get("displayValue"), "items": items[:10], "more_items": max(0, len(items) - 10)}


def leaf_items(details: dict) -> list[dict]:
    """An audit's rows; some audits (the LCP element, for one) nest tables inside a list."""
    rows = []
    for item in details.get("items") or []:
        rows += leaf_items(item) if item.get("type") in ("table", "list") else [item]
    return rows


def describe_item(item: dict) -> str | None:
    """One line for an element, a resource or a message named by an audit; None for anything else."""
    node = next((value for value in item.values() if isinstance(value, dict) and value.get("type") == "node"), None)
    if node:
        text = f"{node.get('selector', '')} {node.get('snippet', '')}".strip()
        explanation = " ".join(node.get("explanation", "").split())
        return f"{text} — {explanation}"[:400] if explanation else text[:400]
    location = item.get("sourceLocation") if isinstance(item.get("sourceLocation"), dict) else {}
    words = [item.get(key) for key in ("description", "url", "source", "label")] + [location.get("url")]
    text = " ".join(dict.fromkeys(word for word in words if isinstance(word, str) and word))
    return text[:400] or None


def median_run(url: str, report_path: Path) -> dict:
    """Lighthouse's advice for its noisy performance score: run several times, keep the median run.

    LIGHTHOUSE_RUNS (default 1) sets how many; the kept run's JSON is `report_path`.
    """
    runs = []
    for index in range(LIGHTHOUSE_RUNS):
        path = report_path.with_suffix(f".{index}.json")
        path.unlink(missing_ok=True)
        runs.append((run_lighthouse(url, path), path))
    scored = sorted((run for run in runs if "error" not in run[0]), key=lambda run: run[0]["scores"]["performance"] or 0)
    summary, kept = scored[len(scored) // 2] if scored else runs[0]
    if kept.is_file():
        kept.replace(report_path)
    for _, path in runs:
        path.unlink(missing_ok=True)
    summary["performance_runs"] = [run.get("scores", {}).get("performance") for run, _ in runs]
    return summary


def lighthouse_all(site: str, base: str) -> dict:
    """Lighthouse on the listed kinds in both languages, one run at a time (the machine has 2 cores)."""
    folder = OUT / "lighthouse"
    folder.mkdir(parents=True, exist_ok=True)
    results: dict = {lang: {} for lang in LANGUAGES}
    for lang, prefix in LANGUAGES.items():
        for kind in first_load.LIGHTHOUSE_KINDS:
            report_path = folder / f"{site}-{lang}-{kind.replace(' ', '-')}.json"
            results[lang][kind] = median_run(base + prefix + first_load.PAGE_KINDS[kind], report_path)
            print(f"  lighthouse {site} {lang} {kind}: {results[lang][kind].get('scores') or 'error'}", file=sys.stderr)
    return results


def measure_site(site: str, site_dir: Path) -> tuple[dict, dict]:
    """Serve the built site with the project's nginx configuration, then measure it.

    The baseline carries no Content-Security-Policy of its own, so it is served with none.
    """
    csp = "" if site == "baseline" else None
    with local_nginx.serving(site_dir, OUT / "nginx" / site, csp=csp) as base:
        loads = measure_first_loads(base)
        scores = lighthouse_all(site, base)
    return loads, scores


# ------------------------------------------------------------------------------------ reporting


def versions() -> dict:
    packages = {name: importlib.metadata.version(name) for name in ("mkdocs", "mkdocs-material", "mkdocs-static-i18n")}
    chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True).stdout.strip()
    lighthouse = json.loads((ROOT / "bench" / "package-lock.json").read_text())["packages"]["node_modules/lighthouse"]["version"]
    return {**packages, "lighthouse": lighthouse, "chromium": chromium, "python": platform.python_version()}


def first_load_passes(row: dict) -> bool:
    return row["bytes"] <= BUDGET["bytes"] and row["requests"] <= BUDGET["requests"]


def lighthouse_passes(row: dict) -> bool:
    return "scores" in row and all(score == BUDGET["lighthouse"] for score in row["scores"].values())


def verdicts(report: dict) -> dict:
    """Pass or fail for each budget of issue #8, on our site only (the baseline is for comparison)."""
    loads = [row for lang in report["first_load"]["ours"].values() for row in lang.values()]
    runs = [row for lang in report["lighthouse"]["ours"].values() for row in lang.values()]
    return {
        "first_load": all(map(first_load_passes, loads)),
        "lighthouse": all(map(lighthouse_passes, runs)),
        "build": report["build"]["ours"]["wall_seconds"] < BUDGET["build_seconds"],
        "no_remote_requests": not any(row["remote"] for row in loads + runs if "remote" in row),
    }


def mark(passed: bool) -> str:
    return "pass" if passed else "**FAIL**"


def ratio(ours: float, baseline: float) -> str:
    return f"{ours / baseline:.2f}×" if baseline else "–"


def first_load_table(report: dict, lang: str) -> list[str]:
    lines = ["| Page | Ours bytes | Ours req. | Baseline bytes | Baseline req. | Bytes ratio | Budget | "
             f"≤ {TARGET['first_visit'] // 1000} KB | Ours, 2nd page (after) | Baseline, 2nd page | "
             f"≤ {TARGET['second_page'] // 1000} KB more |",
             "|---|---:|---:|---:|---:|---:|---|---|---:|---:|---|"]
    for kind in first_load.PAGE_KINDS:
        ours, base = report["first_load"]["ours"][lang][kind], report["first_load"]["baseline"][lang][kind]
        second, base_second = ours.get("second_page"), base.get("second_page")
        lines.append(f"| {kind} (`{LANGUAGES[lang]}{first_load.PAGE_KINDS[kind]}`) | {ours['bytes']:,} | "
                     f"{ours['requests']} | {base['bytes']:,} | {base['requests']} | "
                     f"{ratio(ours['bytes'], base['bytes'])} | {mark(first_load_passes(ours))} | "
                     f"{mark(ours['bytes'] <= TARGET['first_visit'])} | "
                     + (f"{second['bytes']:,} ({second['after']}) | {base_second['bytes']:,} | "
                        f"{mark(second['bytes'] <= TARGET['second_page'])} |" if second and base_second else "– | – | – |"))
    return lines


def both(ours: dict, base: dict, value) -> str:
    """`ours / baseline` for one cell; a run that failed shows 'error'."""
    def one(row):
        return "error" if "error" in row else value(row)
    return f"{one(ours)} / {one(base)}"


def lighthouse_table(report: dict) -> list[str]:
    indexes = [row["benchmark_index"] for site in SITES for lang in report["lighthouse"][site].values()
               for row in lang.values() if row.get("benchmark_index")]
    runs = report["lighthouse_runs"]
    lines = ["Each cell is *ours / baseline*. Times in ms (simulated mobile throttling). "
             + (f"Median of {runs} runs by performance score. " if runs > 1 else "One run per page (LIGHTHOUSE_RUNS=3 for the median of 3). ")
             + (f"Lighthouse's CPU benchmark index: {min(indexes):.0f}–{max(indexes):.0f}. " if indexes else "")
             + "Lighthouse counts `data:` URIs (Material's inline icons) as requests; the first-load tables do not.", "",
             "| Page | Perf. | A11y | Best pr. | SEO | FCP | LCP | TBT | KB | Req. | Budget |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    for lang in LANGUAGES:
        for kind in first_load.LIGHTHOUSE_KINDS:
            ours, base = (report["lighthouse"][site][lang][kind] for site in SITES)
            cells = [both(ours, base, lambda row, c=category: row["scores"][c]) for category in CATEGORIES]
            cells += [both(ours, base, lambda row, m=metric: round(row[m] or 0)) for metric in ("fcp_ms", "lcp_ms", "tbt_ms")]
            cells += [both(ours, base, lambda row: round((row["transfer_bytes"] or 0) / 1000)),
                      both(ours, base, lambda row: row["requests"])]
            lines.append(f"| {lang} {kind} | " + " | ".join(cells) + f" | {mark(lighthouse_passes(ours))} |")
    return lines


def failing_section(report: dict) -> list[str]:
    """What keeps our pages below 100, grouped by audit, with the pages and elements it names."""
    grouped: dict[str, dict] = {}
    errors = []
    for lang in LANGUAGES:
        for kind in first_load.LIGHTHOUSE_KINDS:
            row = report["lighthouse"]["ours"][lang][kind]
            if "error" in row:
                errors.append(f"- {lang} {kind}: Lighthouse failed: `{row['error'][:300]}`")
                continue
            for audit in row["failing"]:
                entry = grouped.setdefault(audit["id"], {**audit, "pages": [], "items": []})
                entry["pages"].append(f"{lang} {kind} ({audit['display'] or audit['score']})")
                entry["items"] += [item for item in audit["items"] if item not in entry["items"]]
    if not grouped and not errors:
        return ["Nothing: every audit that carries weight passes on every page measured."]
    lines = errors[:]
    for audit_id, entry in sorted(grouped.items(), key=lambda pair: pair[1]["category"]):
        lines.append(f"- **{entry['category']}: `{audit_id}`** {entry['title']}. Pages: {', '.join(entry['pages'])}.")
        lines += [f"    - `{item}`" for item in entry["items"][:12]]
    return lines


def build_section(report: dict) -> list[str]:
    ours, base, profile = report["build"]["ours"], report["build"]["baseline"], report["build"]["profile"]
    lines = [f"- Our site, `mkdocs build --strict` (both languages, own process): **{ours['wall_seconds']} s** "
             f"(budget < {BUDGET['build_seconds']:g} s: {mark(report['verdicts']['build'])}).",
             f"- Baseline, `mkdocs build` (stock Material, both languages): {base['wall_seconds']} s, "
             f"{base['warnings']} warnings.",
             f"- In-process profile: loading mkdocs.yml (imports the hooks) {profile['load_config_seconds']} s, "
             f"building {profile['build_seconds']} s.", "",
             "| Part | " + " | ".join(LANGUAGES) + " | Total |", "|---|" + "---:|" * (len(LANGUAGES) + 1)]
    for part, seconds in profile["split"].items():
        lines.append(f"| {part} | " + " | ".join(f"{seconds[lang]:.3f}" for lang in LANGUAGES)
                     + f" | {sum(seconds.values()):.3f} |")
    lines.append("| **language pass** | " + " | ".join(f"**{profile['languages'][lang]:.3f}**" for lang in LANGUAGES)
                 + f" | **{sum(profile['languages'].values()):.3f}** |")
    return lines


def remote_section(report: dict) -> list[str]:
    """Requests the pages tried to send beyond 127.0.0.1 (refused by the browser's resolver rules)."""
    lines = []
    for site in SITES:
        urls = sorted({url for lang in report["first_load"][site].values() for row in lang.values() for url in row["remote"]}
                      | {url for lang in report["lighthouse"][site].values() for row in lang.values()
                         for url in row.get("remote", [])})
        lines.append(f"- {site}: " + (", ".join(f"`{url}`" for url in urls) if urls else "none"))
    return lines


def busy_warning(report: dict) -> list[str]:
    """Other work on the machine slows the builds and Lighthouse's simulated phone alike: say so."""
    busiest = max(report["load_average"])
    if busiest <= report["cpus"]:
        return []
    return [f"**Warning: the machine was busy** (load average up to {busiest:.1f} on {report['cpus']} cores): "
            "build times and Lighthouse performance scores (TBT above all) are inflated. Bytes, requests and "
            "the other Lighthouse categories do not depend on it.", ""]


def markdown(report: dict) -> str:
    verdict = report["verdicts"]
    overall = "PASS" if all(verdict.values()) else "FAIL"
    lines = [f"# Benchmark: {overall}", "",
             f"{report['generated']}, {report['run_seconds']:.0f} s ("
             + ", ".join(f"{phase} {seconds:.0f} s" for phase, seconds in report["phase_seconds"].items()) + "). "
             + ", ".join(f"{name} {version}" for name, version in report["versions"].items()) + ".", "",
             *busy_warning(report),
             "Ours: this repository's mkdocs.yml. Baseline: the same docs/ with a stock Material theme "
             "(bench/baseline/mkdocs.yml). Both served by deploy/nginx.conf on 127.0.0.1 and loaded by "
             "Chromium with an empty cache at 360×740; bytes are what crossed the wire (compressed, with headers). "
             f"Compression: {report.get('compression', 'not recorded')}.", "",
             "## Budgets (issue #8, our site)", "",
             f"- First load ≤ {BUDGET['bytes']:,} bytes and ≤ {BUDGET['requests']} requests on every page: "
             f"{mark(verdict['first_load'])}",
             f"- Lighthouse {BUDGET['lighthouse']} in every category on the listed pages: {mark(verdict['lighthouse'])}",
             f"- Full build < {BUDGET['build_seconds']:g} s: {mark(verdict['build'])}",
             f"- No request beyond the site itself: {mark(verdict['no_remote_requests'])}", ""]
    for lang in LANGUAGES:
        lines += [f"## First load, {lang}", "", *first_load_table(report, lang), ""]
    lines += ["## Lighthouse", "", *lighthouse_table(report), "",
              "## What keeps our pages below 100", "", *failing_section(report), "",
              "## Requests beyond 127.0.0.1 (refused)", "", *remote_section(report), "",
              "## Build time", "", *build_section(report), ""]
    if "readability" in report:
        # bench.readability's own report, one heading level down.
        lines += ["#" + line if line.startswith("#") else line
                  for line in readability_bench.markdown(report["readability"]).splitlines()]
    if "search" in report:
        # bench.search's own report, one heading level down.
        lines += ["#" + line if line.startswith("#") else line for line in search_bench.markdown(report["search"]).splitlines()]
    return "\n".join(lines)


def precompress(folders) -> None:
    """Each built site as README's Deploy section has it served: every text file also compressed once
    at the strongest level (deploy/precompress.py), which nginx's static modules send."""
    for folder in folders:
        local_nginx.render_nginx.precompress.precompress(folder)


def main() -> int:
    started = time.perf_counter()
    OUT.mkdir(parents=True, exist_ok=True)
    sites = {"ours": OUT / "site", "baseline": OUT / "baseline-site"}
    print("building our site (profiled, then timed on its own)…", file=sys.stderr)
    profile = profile_build(OUR_CONFIG, sites["ours"])
    build = {"profile": profile, "ours": timed_build(OUR_CONFIG, sites["ours"], strict=True)}
    print("building the baseline…", file=sys.stderr)
    build["baseline"] = timed_build(BASELINE_CONFIG, sites["baseline"], strict=False)
    phases = {"builds": round(time.perf_counter() - started, 1)}
    start = time.perf_counter()
    precompress(sites.values())
    phases["precompress"] = round(time.perf_counter() - start, 1)
    report: dict = {"generated": datetime.datetime.now().isoformat(timespec="seconds"), "versions": versions(),
                    "budgets": BUDGET, "cpus": os.cpu_count(), "load_average": [os.getloadavg()[0]],
                    "lighthouse_runs": LIGHTHOUSE_RUNS, "phase_seconds": phases, "build": build,
                    "compression": local_nginx.compression(),
                    "first_load": {}, "lighthouse": {}}
    for site in SITES:
        print(f"measuring {site}…", file=sys.stderr)
        start = time.perf_counter()
        report["first_load"][site], report["lighthouse"][site] = measure_site(site, sites[site])
        phases[f"measuring {site}"] = round(time.perf_counter() - start, 1)
        report["load_average"].append(os.getloadavg()[0])
    print("measuring search (bench.search)…", file=sys.stderr)
    start = time.perf_counter()
    report["search"] = search_bench.measure(sites)
    phases["measuring search"] = round(time.perf_counter() - start, 1)
    print("measuring readability (bench.readability)…", file=sys.stderr)
    report["readability"] = readability_bench.measure(sites["ours"])
    report["verdicts"] = verdicts(report)
    report["run_seconds"] = round(time.perf_counter() - started, 1)
    search_bench.publish(OUT, "report", report, markdown(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
