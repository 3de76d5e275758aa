"""What a reader's phone downloads to show one page the first time: bytes on the wire and requests.

Measured in Chromium through the DevTools protocol: `encodedDataLength` is what crossed the
network (compressed body plus headers), which is what a prepaid data plan pays for.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# One page of every kind, as paths under a language's root ("" for Spanish, "en/" for English).
PAGE_KINDS = {
    "home": "",
    "policy overview": "politica/",
    "axis": "politica/prevencion/",
    "component": "politica/factores-socioeconomicos/",
    "general guideline": "politica/reduccion-tolerancia/",
    "specific guideline": "politica/cultura-rechazo/",
    "whole policy": "politica/completa/",
    "method note": "politica/nota-metodologica/",
    "region index": "regiones/",
    "region": "regiones/madre-de-dios/",
    "training index": "capacitacion/",
    "module overview": "capacitacion/que-es-la-trata/",
    "session plan": "capacitacion/que-es-la-trata/plan/",
    "handout": "capacitacion/que-es-la-trata/hoja/",
    "quiz": "capacitacion/que-es-la-trata/cuestionario/",
    "training pack": "capacitacion/que-es-la-trata/paquete/",
    "public page": "publico/como-ocurre/",
    "glossary": "glosario/",
    "report": "denunciar/",
    "open data": "datos/",
    "changelog": "cambios/",
}

# The second page of a visit (issue #30): a page of another kind after this one, the cache kept.
# A visit starts at home; the home page's own second-page figure is measured after the glossary.
SECOND_PAGE_AFTER = "home"
SECOND_PAGE_AFTER_HOME = "glossary"


def first_of_visit(kind: str) -> str:
    """The kind whose page is loaded before `kind`'s to measure `kind` as a visit's second page."""
    return SECOND_PAGE_AFTER_HOME if kind == SECOND_PAGE_AFTER else SECOND_PAGE_AFTER


# The kinds Lighthouse scores in `make bench` (issue #8 names them).
LIGHTHOUSE_KINDS = ("home", "policy overview", "specific guideline", "region index", "module overview", "quiz")


@dataclass
class FirstLoad:
    url: str
    responses: dict[str, int] = field(default_factory=dict)   # URL -> bytes on the wire

    @property
    def bytes(self) -> int:
        return sum(self.responses.values())

    @property
    def requests(self) -> int:
        return len(self.responses)


def measure(browser, url: str, viewport=(360, 740), watch=None) -> FirstLoad:
    """Load `url` in a fresh context (empty cache) and count every network response until idle."""
    return measure_visit(browser, [url], viewport, watch)[0]


def measure_visit(browser, urls: list[str], viewport=(360, 740), watch=None) -> list[FirstLoad]:
    """Load `urls` one after the other in one fresh context (its cache empty at the start, then
    kept, as a reader's browser keeps it between the pages of a visit): what each page added.

    A file served from the cache crosses no network, so it is not counted; one revalidated
    (a 304) counts its headers. `watch(page)`, if given, is called with the page before the first
    load and returns a function called with the page after each load has gone idle (the tests
    read the console and the page's own records there, on the load already paid for).
    """
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        requested: dict[str, str] = {}
        results: list[FirstLoad] = []

        def on_request(event):
            # data: URLs never touch the network.
            if not event["request"]["url"].startswith("data:"):
                requested[event["requestId"]] = event["request"]["url"]

        def on_cached(event):
            requested.pop(event["requestId"], None)

        def on_finished(event):
            if event["requestId"] in requested:
                results[-1].responses[requested.pop(event["requestId"])] = int(event["encodedDataLength"])

        def on_failed(event):
            if event["requestId"] in requested:
                results[-1].responses.setdefault(requested.pop(event["requestId"]), 0)

        cdp.on("Network.requestWillBeSent", on_request)
        cdp.on("Network.requestServedFromCache", on_cached)
        cdp.on("Network.loadingFinished", on_finished)
        cdp.on("Network.loadingFailed", on_failed)
        after_idle = watch(page) if watch else None
        for url in urls:
            results.append(FirstLoad(url))
            # "load" waits for the deferred scripts, however slow the machine; then nothing for 500 ms
            # (the favicon is asked for after "load").
            page.goto(url, wait_until="load")
            page.wait_for_load_state("networkidle")
            # The protocol's events can trail the page's idle on a busy machine. The answer to a
            # command comes after every event the session sent before it: once it is back, every
            # request of this page is known; then wait for those still running.
            for _ in range(200):
                cdp.send("Runtime.evaluate", {"expression": "0"})
                if not requested:
                    break
                page.wait_for_timeout(50)
            if after_idle:
                after_idle(page)
        return results
    finally:
        context.close()


# ------------------------------------------------------------------------------------ command line


def main(argv: list[str] | None = None) -> int:
    """The weight part of `make bench` alone (a minute, no Lighthouse): serve a built site with
    deploy/nginx.conf and print, per page kind and language, the first visit's bytes and requests
    and the second page's bytes, with the targets' misses in bold. `--json FILE` keeps the figures;
    `--before FILE` (an earlier `--json`) prints each figure as before → after.

        .venv/bin/python -m bench.first_load site/ [--json after.json] [--before before.json] [--brotli off]

    The figures are for the site as it is: run deploy/precompress.py on it first to measure what a
    deployment sends (`make bench` does). `--brotli off` measures a server without Brotli.
    """
    import argparse
    import json
    import tempfile
    from pathlib import Path

    from bench import local_nginx, run

    parser = argparse.ArgumentParser(prog="python -m bench.first_load", description=main.__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="the built site (mkdocs build --strict -d DIR)")
    parser.add_argument("--json", type=Path, help="write the figures (every response's bytes too) here")
    parser.add_argument("--before", type=Path, help="a --json file of an earlier build, to compare with")
    parser.add_argument("--brotli", choices=("auto", "on", "off"), default="auto",
                        help="deploy/render-nginx.py's --brotli (auto: where this machine has the modules)")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        parser.error(f"{args.site} holds no built site (no index.html): build it first")
    with tempfile.TemporaryDirectory(prefix="first-load-") as workdir, \
            local_nginx.serving(args.site.resolve(), Path(workdir), brotli=args.brotli) as base:
        loads = run.measure_first_loads(base)
    if args.json:
        args.json.write_text(json.dumps(loads, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    before = json.loads(args.before.read_text(encoding="utf-8")) if args.before else None

    def figure(lang, kind, key, target=None):
        row = loads[lang][kind]
        value = row[key] if key != "second" else row["second_page"]["bytes"]
        text = f"{value:,}"
        if target is not None and value > target:
            text = f"**{text}**"
        if before is not None:
            old = before[lang][kind]
            old_value = old[key] if key != "second" else old["second_page"]["bytes"]
            text = f"{old_value:,} → {text}"
        return text

    langs = list(loads)
    print("| page kind | first visit (" + " / ".join(langs) + ") | requests | second page (" + " / ".join(langs) + ") |")
    print("|---|---:|---:|---:|")
    for kind in PAGE_KINDS:
        print(f"| {kind} | " + " / ".join(figure(lang, kind, "bytes", run.TARGET["first_visit"]) for lang in langs)
              + " | " + " / ".join(figure(lang, kind, "requests") for lang in langs)
              + " | " + " / ".join(figure(lang, kind, "second", run.TARGET["second_page"]) for lang in langs) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
