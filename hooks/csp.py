"""Puts a Content-Security-Policy in every page: only the site's own files may load.

The theme keeps a few small inline scripts (palette, early setup). Rather than allowing
inline script wholesale, the policy lists the SHA-256 hash of each inline script the page
actually carries, computed here from the final HTML, so it cannot fall out of date.

Under `mkdocs serve` (`make serve`) the development server adds its live-reload script to every
page after this hook, with numbers that change on each request: no hash can match it. There,
and only there, inline scripts are allowed as such, so that pages reload on save; everything
else in the policy (nothing from another site) holds while writing too.
"""

import base64
import hashlib
import re

from mkdocs.plugins import event_priority

_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.DOTALL)
_CHARSET = re.compile(r"<meta charset=[\"']?utf-8[\"']?>", re.IGNORECASE)


_serving = False


def on_startup(command, dirty, **kwargs):
    global _serving
    _serving = command == "serve"


# Inserts the policy right after the charset declaration, once the page is final.
@event_priority(-1000)
def on_post_page(output, page, config, **kwargs):
    return _with_policy(output)


# The same for pages rendered from theme templates alone, such as the 404 page.
@event_priority(-1000)
def on_post_template(output_content, template_name, config, **kwargs):
    return _with_policy(output_content) if template_name.endswith(".html") else output_content


def _with_policy(output):
    if _serving:
        allowed = ["unsafe-inline"]
    else:
        allowed = sorted({_hash(m.group("body")) for m in _INLINE_SCRIPT.finditer(output)
                          if "application/json" not in m.group("attrs")})
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(allowed)}">'
    match = _CHARSET.search(output)
    if match is None:
        return output
    return output[: match.end()] + meta + output[match.end():]


def policy(inline_scripts):
    """The policy text for pages whose inline scripts are allowed by these hashes (or keyword)."""
    scripts = " ".join(["'self'", *(f"'{source}'" for source in inline_scripts)])
    return "; ".join([
        "default-src 'none'",
        f"script-src {scripts}",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "manifest-src 'self'",
        "base-uri 'none'",
        "form-action 'none'",
        "object-src 'none'",
    ])


def _hash(script):
    return "sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
