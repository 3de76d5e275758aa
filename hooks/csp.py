"""Puts a Content-Security-Policy in every page: only the site's own files may load.

The theme keeps a few small inline scripts (palette, early setup). Rather than allowing inline
script wholesale, the policy lists the SHA-256 hash of each inline script the templates ship:
an allow-list read from the template files (overrides/ first, then Material's, as Jinja finds
them), never from the built pages, so a script that comes from content is never allowed.
Such a script, an event-handler attribute (`onerror=`...) or a `javascript:` address in a
page stops the build with one message naming the page: the editor learns of it at once,
instead of shipping a page the browser quietly refuses to run.

A template's inline script must not contain Jinja: its text would change from page to page
and no hash could allow it (overrides/partials/javascripts/base.html shows how to keep one
static). Such scripts are not on the allow-list, so a page that carries one stops the build.

Under `mkdocs serve` (`make serve`) the development server adds its live-reload script to every
page after this hook, with numbers that change on each request: no hash can match it. There,
and only there, inline scripts are allowed as such, so that pages reload on save; the checks
above and everything else in the policy (nothing from another site) hold while writing too.
"""

import base64
import hashlib
import os
import re

from mkdocs.plugins import event_priority

import content_model
from content_model import ContentError

_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.DOTALL | re.IGNORECASE)
_CHARSET = re.compile(r"<meta charset=[\"']?utf-8[\"']?>", re.IGNORECASE)
_JINJA = re.compile(r"\{\{|\{%|\{#")
# A start tag and its attributes, quoted values skipped, so that escaped text inside a value
# (title="&lt;img onerror=...&gt;") is not mistaken for an attribute.
_TAG = re.compile(r"<(?P<name>[a-zA-Z][\w:-]*)(?P<attrs>(?:\s+[^\s=>/]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?)*)\s*/?>")
_ATTRIBUTE = re.compile(r"(?P<name>[^\s=>/]+)(?:\s*=\s*(?P<value>\"[^\"]*\"|'[^']*'|[^\s>]+))?")
_SUSPECT = re.compile(r"\son[a-z]+\s*=|javascript:", re.IGNORECASE)
_SCRIPT_TAG = re.compile(r"<script\b", re.IGNORECASE)
_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data"}


# The allow-list, read from the templates once per build (the language passes share the theme's folders).
def _allowed(config):
    return content_model.build_state(config, "csp", lambda: template_script_hashes(config.theme.dirs), per_language=False)


# Content is the Markdown's own HTML: no script tag and no event handler may come from it.
@event_priority(-1000)
def on_page_content(html, page, config, files, **kwargs):
    problem = script_in(html, allowed=None)
    if problem:
        raise ContentError(f"docs/{page.file.src_uri}", None, f"the page's text contains {problem}",
                           "remove it: pages carry no scripts or event handlers (the site's scripts live in overrides/assets/js/)")
    return html


# Checks the final page against the allow-list, then puts the policy right after the charset.
@event_priority(-1000)
def on_post_page(output, page, config, **kwargs):
    problem = script_in(output, _allowed(config))
    if problem:
        raise ContentError(f"docs/{page.file.src_uri}", None, f"the built page contains {problem}",
                           "escape the text that carries it, or make the template's script static so its hash is allowed")
    return _with_policy(output, _allowed(config))


# The same for pages rendered from theme templates alone, such as the 404 page.
@event_priority(-1000)
def on_post_template(output_content, template_name, config, **kwargs):
    if not template_name.endswith(".html"):
        return output_content
    problem = script_in(output_content, _allowed(config))
    if problem:
        raise ContentError(f"overrides/{template_name}", None, f"the built page contains {problem}",
                           "make the template's script static so its hash is allowed")
    return _with_policy(output_content, _allowed(config))


def script_in(html, allowed):
    """What in this HTML could run without being on the `allowed` hashes (None: no inline script
    at all, nor a script file), or None when nothing could."""
    for match in _INLINE_SCRIPT.finditer(html):
        if "application/json" in match.group("attrs").lower():
            continue
        if allowed is None or hash_of(match.group("body")) not in allowed:
            return f"an inline script ('<script>{_shortened(match.group('body'))}</script>') that no template ships"
    if allowed is None and _SCRIPT_TAG.search(html):
        return "a '<script>' tag"
    if not _SUSPECT.search(html):  # most pages: no tag scan needed
        return None
    for tag in _TAG.finditer(html):
        for attribute in _ATTRIBUTE.finditer(tag.group("attrs")):
            name = attribute.group("name").lower()
            value = (attribute.group("value") or "").strip("\"'").strip().lower()
            if name.startswith("on"):
                return f"an event handler ('{name}=' on <{tag.group('name')}>)"
            if name in _URL_ATTRIBUTES and value.replace("\t", "").replace("\n", "").startswith("javascript:"):
                return f"a 'javascript:' address (in '{name}=' on <{tag.group('name')}>)"
    return None


def template_script_hashes(theme_dirs):
    """The hashes of the static inline scripts in the templates Jinja would use, sorted."""
    seen, hashes = set(), set()
    for folder in theme_dirs:
        for root, _, names in os.walk(folder):
            for name in names:
                if not name.endswith(".html"):
                    continue
                path = os.path.join(root, name)
                relative = os.path.relpath(path, folder)
                if relative in seen:  # a copy in overrides/ shadows the theme's file
                    continue
                seen.add(relative)
                with open(path, encoding="utf-8") as template:
                    for match in _INLINE_SCRIPT.finditer(template.read()):
                        body = match.group("body")
                        if "application/json" not in match.group("attrs") and not _JINJA.search(body):
                            hashes.add(hash_of(body))
    return sorted(hashes)


def _with_policy(output, allowed):
    # The command (from on_startup, which `mkdocs serve` calls once), `mkdocs serve --clean` included.
    allowed = ["unsafe-inline"] if content_model.running_command() == "serve" else allowed
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


def hash_of(script):
    return "sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")


def _shortened(text, length=40):
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1] + "…"
