"""How to cite a page: the one citation block of every policy page and of the whole policy.

It cites this site, not the policy: the site's publisher, the page (with its pinpoint), the site
as an independent, unofficial website, and the policy as its subject.

The words live in the catalogue's `ui` part (hooks/data/words.*.yml), the markup in `overrides/partials/citation.html`;
this module gathers what the template needs, so that both callers cite the same way.
"""

from __future__ import annotations

from typing import Any

from mkdocs.utils import get_relative_url

from content_model import page_url as url_of

# The methodological note, where the reconstruction is explained.
METHOD_NOTE = "politica/nota-metodologica.md"


def method_href(language: str, page_url: str, directory_urls: bool) -> str:
    """A link from the page to the methodological note, in the build's URL layout (`use_directory_urls`)."""
    return get_relative_url(url_of(METHOD_NOTE, language, directory_urls), page_url)


def render(env: Any, config: Any, language: str, page_url: str, title: str, kind: str | None = None,
           spanish_title: str | None = None, pinpoint: str = "") -> str:
    """The citation block's HTML for the page at `page_url` (site-relative), in `language`: the
    site's publisher (extra.publisher, checked by hooks/publisher.py), the page, its kind and
    pinpoint ('LE 14'), the site as the work, the policy as the subject."""
    site_url = (config.site_url or "").rstrip("/")
    return env.get_template("partials/citation.html").render(
        ui=config.extra["ui"][language],
        publisher=config.extra["publisher"]["name"],
        site_name=config.site_name,
        edition=config.extra["edition"],
        title=title,
        kind=kind,
        pinpoint=pinpoint,
        spanish_title=spanish_title if spanish_title and spanish_title != title else None,
        address=address(site_url, page_url),
        absolute=bool(site_url),
        method_href=method_href(language, page_url, config.use_directory_urls),
    )


def address(site_url: str, page_url: str) -> str:
    """The page's address: absolute under the site's address; without one, its path from the site's root
    (citation.js replaces it with the address the browser shows)."""
    return f"{site_url}/{page_url}" if site_url else page_url or "./"
