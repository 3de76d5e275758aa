"""Puts a Content-Security-Policy in every page: only the site's own files may load.

The theme keeps one small inline script (Material's early setup, in the head; the light/dark
choice is a file, assets/js/palette.js, run before the first paint). Rather than allowing inline
script wholesale, each page's policy lists the SHA-256 hash of exactly the inline scripts that
page carries, and each of them must be on an allow-list read from the template files
(overrides/ first, then Material's, as Jinja finds them), never from the built pages, so a
script that comes from content is never allowed. Such a script, an event-handler attribute
(`onerror=`, in any case), a `javascript:` address (however its letters are written: entities,
tabs), a `srcdoc` or a `data:` address that could hold a document in a page stops the build with
one message naming the page: the editor learns of it at once, instead of shipping a page the
browser quietly refuses to run. The page's own text (the Markdown's HTML, markers' output
included) is read with an HTML parser that decodes entities as a browser does.

A template's inline script must not contain Jinja: its text would change from page to page
and no hash could allow it (overrides/partials/javascripts/base.html shows how to keep one
static). Such scripts are not on the allow-list, so a page that carries one stops the build.

Under `mkdocs serve` (`make serve`, `mkdocs serve --clean` too) the development server adds its
live-reload script to every page after this hook, with numbers that change on each request: no
hash can match it. There, and only there, inline scripts are allowed as such, so that pages
reload on save; the checks above and everything else in the policy (nothing from another site)
hold while writing too.
"""

import base64
import hashlib
import os
import re
from html.parser import HTMLParser

from mkdocs.plugins import event_priority

import content_model
from content_model import ContentError

_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\b(?:src|href)=)(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.DOTALL | re.IGNORECASE)
_CHARSET = re.compile(r"<meta charset=[\"']?utf-8[\"']?>", re.IGNORECASE)
_JINJA = re.compile(r"\{\{|\{%|\{#")
# Attributes whose value a browser opens as an address.
_URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "cite",
                   "codebase", "ping", "manifest", "srcset", "imagesrcset")
# data: addresses that are pictures only: any other type (HTML, SVG, script) can hold a document that runs.
_DATA_PICTURE = re.compile(r"^data:image/(png|jpeg|gif|webp|avif)[;,]")
# What a browser drops from an address before reading its scheme (the URL standard): tabs and
# line breaks anywhere, and controls or spaces at its ends.
_URL_NOISE = re.compile(r"[\t\n\r]")
# A page that holds none of these holds nothing the parser below could refuse, so most pages are
# not parsed (a parse of every page would cost a third of the build): attribute names are never
# decoded, so a handler is written '<x on...=' (after a space, '/' or a quote); an address's scheme
# is written out, or disguised with a numeric entity ('&#106;', not the '&#39;' of an apostrophe),
# a named ':' or tab or line break ('&colon;', '&Tab;', '&NewLine;'), or a raw tab or line break
# (gone once those are removed). No named entity is an ASCII letter.
_HANDLER = re.compile(r"[\s/\"']on[a-z]+\s*=", re.IGNORECASE)
_NUMERIC_REF = re.compile(r"&#(?!39;|34;|38;|60;|62;|x27;|x22;)")
_WORDS = ("javascript:", "vbscript:", "data:", "&colon", "&tab", "&newline", "srcdoc", "<animate", "<set", "refresh")


def _maybe_runs(html, scripts):
    if _HANDLER.search(html) or _NUMERIC_REF.search(html):
        return True
    text = html.lower().replace("\t", "").replace("\n", "").replace("\r", "")
    return any(word in text for word in _WORDS) or (scripts and "<script" in text)


# The allow-list, read from the templates once per build (the language passes share the theme's folders).
def _allowed(config):
    return content_model.build_state(config, "csp", lambda: template_script_hashes(config.theme.dirs), per_language=False)


# Content is the Markdown's own HTML: no script tag, no event handler, no address that runs may come from it.
@event_priority(-1000)
def on_page_content(html, page, config, files, **kwargs):
    problem = script_in(html, allowed=None)
    if problem:
        raise ContentError(f"docs/{page.file.src_uri}", None, f"the page's text contains {problem}",
                           "remove it: pages carry no scripts or event handlers (the site's scripts live in overrides/assets/js/)")
    return html


# Checks the final page against the allow-list, then puts the policy for its scripts right after the charset.
@event_priority(-1000)
def on_post_page(output, page, config, **kwargs):
    problem = script_in(output, _allowed(config))
    if problem:
        raise ContentError(f"docs/{page.file.src_uri}", None, f"the built page contains {problem}",
                           "escape the text that carries it, or make the template's script static so its hash is allowed")
    return _with_policy(output)


# The same for pages rendered from theme templates alone, such as the 404 page.
@event_priority(-1000)
def on_post_template(output_content, template_name, config, **kwargs):
    if not template_name.endswith(".html"):
        return output_content
    problem = script_in(output_content, _allowed(config))
    if problem:
        raise ContentError(f"overrides/{template_name}", None, f"the built page contains {problem}",
                           "make the template's script static so its hash is allowed")
    return _with_policy(output_content)


def script_in(html, allowed):
    """What in this HTML could run without being on the `allowed` hashes (None: no inline script
    at all, nor a script file), or None when nothing could."""
    for _attrs, body in inline_scripts(html):
        if allowed is None or hash_of(body) not in allowed:
            return f"an inline script ('<script>{_shortened(body)}</script>') that no template ships"
    if not _maybe_runs(html, scripts=allowed is None):
        return None
    scan = _Scan(scripts_allowed=allowed is not None)
    scan.feed(html)
    scan.close()
    return scan.problem


def inline_scripts(html):
    """(attributes, text) of each inline script, as the browser hashes it (JSON data blocks are not scripts)."""
    return [(match.group("attrs"), match.group("body")) for match in _INLINE_SCRIPT.finditer(html)
            if "application/json" not in match.group("attrs").lower()]


class _Scan(HTMLParser):
    """The first thing in the HTML that could run, read as a browser reads it: attribute names in
    any case, values with their entities decoded."""

    def __init__(self, scripts_allowed):
        super().__init__(convert_charrefs=True)
        self.scripts_allowed = scripts_allowed  # a built page's scripts are checked by their hashes
        self.problem = None

    def handle_starttag(self, tag, attrs):
        if self.problem is None:
            self.problem = self._problem(tag, dict((name, value or "") for name, value in attrs))

    handle_startendtag = handle_starttag

    def _problem(self, tag, attrs):
        if tag == "script" and not self.scripts_allowed:
            return "a '<script>' tag"
        for name, value in attrs.items():
            if name.startswith("on"):
                return f"an event handler ('{name}=' on <{tag}>)"
            if name == "srcdoc":
                return f"a document in 'srcdoc=' (on <{tag}>)"
            if name in _URL_ATTRIBUTES and _runs(value):
                return f"{_runs(value)} (in '{name}=' on <{tag}>)"
        # SVG animation can set an address: <animate attributeName="href" values="javascript:...">.
        if tag in ("animate", "set") and attrs.get("attributename", "").lower() in ("href", "xlink:href"):
            for name in ("to", "from", "values", "by"):
                for value in attrs.get(name, "").split(";"):
                    if _runs(value):
                        return f"{_runs(value)} (in '{name}=' on <{tag}>)"
        if tag == "meta" and attrs.get("http-equiv", "").lower() == "refresh":
            return "a '<meta http-equiv=\"refresh\">' (it sends the reader elsewhere)"
        return None


def _runs(address):
    """What kind of address this is if a browser would run it ('a javascript: address'), else ''."""
    address = _URL_NOISE.sub("", address).strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12\x13"
                                                "\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ").lower()
    if address.startswith(("javascript:", "vbscript:")):
        return "a 'javascript:' address"
    if address.startswith("data:") and not _DATA_PICTURE.match(address):
        return "a 'data:' address that is not a picture"
    return ""


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


def _with_policy(output):
    """The page with its policy: the hashes of exactly the inline scripts it carries (each on the
    allow-list: script_in checked), or, under `mkdocs serve`, inline scripts as such."""
    # The command (from on_startup, which `mkdocs serve` calls once), `mkdocs serve --clean` included.
    if content_model.running_command() == "serve":
        allowed = ["unsafe-inline"]
    else:
        allowed = sorted({hash_of(body) for _, body in inline_scripts(output)})
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
