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
