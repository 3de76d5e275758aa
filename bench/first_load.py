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


def measure(browser, url: str, viewport=(360, 740)) -> FirstLoad:
    """Load `url` in a fresh context (empty cache) and count every network response until idle."""
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        urls: dict[str, str] = {}
        result = FirstLoad(url)

        def on_request(event):
            # data: URLs never touch the network.
            if not event["request"]["url"].startswith("data:"):
                urls[event["requestId"]] = event["request"]["url"]

        def on_finished(event):
            if event["requestId"] in urls:
                result.responses[urls[event["requestId"]]] = int(event["encodedDataLength"])

        cdp.on("Network.requestWillBeSent", on_request)
        cdp.on("Network.loadingFinished", on_finished)
        cdp.on("Network.loadingFailed", lambda event: event["requestId"] in urls
               and result.responses.setdefault(urls[event["requestId"]], 0))
        page.goto(url, wait_until="networkidle")
        return result
    finally:
        context.close()
