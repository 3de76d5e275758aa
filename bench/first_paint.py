"""When a first visit paints, on a slow phone's link: two builds of the site, runs interleaved.

Lighthouse's performance figures are a simulation (Lantern) from one fast load; this is the
browser itself, slowed: DevTools' network emulation (each request waits `--latency` ms, the
link carries `--kbits` kbit/s) and CPU throttling (÷4), an empty cache each load. Each run loads
every page from the old build, then from the new, so that a machine busy for a while slows both.
It prints each page's median first contentful paint (and every run's) in milliseconds.

    .venv/bin/python -m bench.first_paint OLD_SITE NEW_SITE [--pages ",politica/,denunciar/"] [--runs 5]

Both sites as deploy/nginx.conf serves them: run deploy/precompress.py on each first.
"""

from __future__ import annotations

import statistics

SLOW_3G = {"latency": 400, "kbits": 400}   # DevTools' "Slow 3G" preset, rounded
CPU_SLOWDOWN = 4
DEFAULT_PAGES = ("", "politica/", "denunciar/", "capacitacion/que-es-la-trata/plan/")


def first_paint(browser, url: str, latency: int, kbits: int) -> float:
    """The first contentful paint of `url` (ms since navigation), from an empty cache."""
    context = browser.new_context(viewport={"width": 360, "height": 740})
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        throughput = kbits * 1024 / 8
        cdp.send("Network.emulateNetworkConditions", {"offline": False, "latency": latency,
                                                      "downloadThroughput": throughput, "uploadThroughput": throughput})
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
        page.goto(url, wait_until="load")
        return page.evaluate("performance.getEntriesByName('first-contentful-paint')[0].startTime")
    finally:
        context.close()


def main(argv: list[str] | None = None) -> int:
    import argparse
    import tempfile
    from pathlib import Path

    from playwright.sync_api import sync_playwright

    from bench import local_nginx
    from bench.run import CHROMIUM, CHROMIUM_ARGS, LOOPBACK_ONLY

    parser = argparse.ArgumentParser(prog="python -m bench.first_paint", description=__doc__.split("\n\n")[0])
    parser.add_argument("old", type=Path, help="the earlier build (mkdocs build --strict -d DIR)")
    parser.add_argument("new", type=Path, help="the later build")
    parser.add_argument("--pages", default=",".join(DEFAULT_PAGES),
                        help="paths under the site's root, comma-separated ('' is the home page)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--latency", type=int, default=SLOW_3G["latency"], help="ms each request waits")
    parser.add_argument("--kbits", type=int, default=SLOW_3G["kbits"], help="the link's kbit/s, both ways")
    args = parser.parse_args(argv)
    sites = {"old": args.old, "new": args.new}
    for site in sites.values():
        if not (site / "index.html").is_file():
            parser.error(f"{site} holds no built site (no index.html): build it first")
    pages = args.pages.split(",")
    paints = {(name, path): [] for name in sites for path in pages}
    with tempfile.TemporaryDirectory(prefix="first-paint-") as workdir, \
            local_nginx.serving(args.old.resolve(), Path(workdir) / "old") as old_base, \
            local_nginx.serving(args.new.resolve(), Path(workdir) / "new") as new_base, \
            sync_playwright() as playwright:
        bases = {"old": old_base, "new": new_base}
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, LOOPBACK_ONLY])
        for _ in range(args.runs):
            for path in pages:
                for name in sites:
                    paints[name, path].append(first_paint(browser, bases[name] + path, args.latency, args.kbits))
        browser.close()
    print(f"| page | old: median (runs), ms | new: median (runs), ms |  ({args.latency} ms a request, "
          f"{args.kbits} kbit/s, CPU ÷{CPU_SLOWDOWN})")
    print("|---|---:|---:|")
    for path in pages:
        cells = [f"{statistics.median(paints[name, path]):,.0f} ({', '.join(f'{x:.0f}' for x in paints[name, path])})"
                 for name in sites]
        print(f"| {path or '(home)'} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
