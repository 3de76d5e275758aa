"""Markup typed into content is shown as text or refused, never run (issue #16).

One copy of the project gets a script tag, an `onerror=` attribute and a `</svg>` in every
content field that reaches a page (table FIELDS); it must build, and every page must show the
words as text: no such element in the HTML, no dialog in Chromium, even with the
Content-Security-Policy switched off (so escaping is what is tested, not the policy). The same
copy's catalogue gives every word the templates read (`ui`, `offer_check`) a quote and a `<`: each
page holds it as text, in attributes and in text alike, and every value a template under
overrides/ prints is escaped. Markup in a page's own text is refused: the build stops naming the page.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from bs4 import BeautifulSoup

from conftest import ROOT, build_error, copy_project, edit, html, run_build, shared_tab

# (file, field as written in its front matter) for every text field a page prints.
FIELDS = [
    (f"docs/{page}.{language}.md", field)
    for language in ("es", "en")
    for page, fields in [
        ("politica/cultura-rechazo", ("title", "label", "summary")),
        ("politica/prevencion", ("title", "label", "summary")),
        ("regiones/lima", ("title", "label", "summary")),
        ("regiones/index", ("title",)),
        # group_size is not here: it must read "10-25", so no markup gets past the content model.
        ("capacitacion/que-es-la-trata/index", ("title", "label", "summary")),
        ("capacitacion/que-es-la-trata/plan", ("title", "    title", "    method", "    trainer", "    key_message",
                                               "      - question", "        answer")),
        ("capacitacion/que-es-la-trata/actividades", ("  - title",)),
        ("capacitacion/que-es-la-trata/cuestionario", ("title", "  - question", "      - text", "    explanation")),
        ("publico/rechazar-la-trata", ("title", "  - question", "      - text", "        feedback", "    explanation")),
        ("acerca", ("title",)),
    ]
    for field in fields
]


def payload(number: int) -> str:
    """Markup that runs if printed raw anywhere: in text, in an attribute, or inside an SVG."""
    return (f'ZQ{number:02d}ZQ <script>alert("ZQ{number:02d}")</script>'
            f'<img src=x onerror=alert("ZQ{number:02d}")></svg>\'"><svg onload=alert("ZQ{number:02d}")>')


def inject(project: Path, file: str, field: str, number: int) -> None:
    path = project / file
    text = path.read_text(encoding="utf-8")
    pattern = re.compile(rf'^({re.escape(field)}: )"((?:[^"\\]|\\.)*)"$', re.MULTILINE)
    match = pattern.search(text)
    assert match, f"no {field!r} in {file}"
    value = json.loads('"' + match.group(2) + '"') + " " + payload(number)
    path.write_text(text[: match.start()] + match.group(1) + json.dumps(value, ensure_ascii=False)
                    + text[match.end():], encoding="utf-8")


@pytest.fixture(scope="module")
def injected_site(tmp_path_factory):
    """The project with every field of FIELDS carrying its own payload, built."""
    project = copy_project(tmp_path_factory.mktemp("injected") / "project")
    for number, (file, field) in enumerate(FIELDS):
        inject(project, file, field, number)
    for language in ("es", "en"):
        inject_words(project, language)
    out = project / "site"
    result = run_build(project, out)
    assert result.returncode == 0, result.stdout + result.stderr
    pages = {path.relative_to(out).as_posix(): path.read_text(encoding="utf-8")
             for path in sorted(out.rglob("*")) if path.suffix in (".html", ".svg")}
    return out, pages


_RAW = re.compile(r'<script>alert\("ZQ|<img src=x|<svg onload')

# The catalogue's parts that the templates print (hooks/content.py puts them in config.extra).
WORD_PARTS = ("ui", "offer_check")


def word_payload(language: str, key: str) -> str:
    """What a translator could type: a quote ends an attribute printed raw, a '<' opens a tag."""
    return f'ZW-{language}-{key}-ZW "<b>&\''


def inject_words(project: Path, language: str) -> None:
    import yaml

    path = project / "hooks" / "data" / f"words.{language}.yml"
    catalogue = yaml.safe_load(path.read_text(encoding="utf-8"))
    for part in WORD_PARTS:
        for key, value in catalogue[part].items():
            if isinstance(value, str):
                catalogue[part][key] = f"{value} {word_payload(language, key)}"
    path.write_text(yaml.safe_dump(catalogue, allow_unicode=True, sort_keys=False, width=10**6), encoding="utf-8")


_WORD = re.compile(r"ZW-(es|en)-(\w+)-ZW")


@pytest.mark.parametrize("language", ["es", "en"])
def test_a_catalogue_word_with_a_quote_and_a_bracket_is_text_wherever_a_page_prints_it(injected_site, language):
    """Every word's tag on every page, read as a browser reads it (entities decoded): each
    attribute and each text that holds it holds the whole word, quote and '<' included. A word
    printed raw would end its attribute at the quote, or open a <b> element."""
    out, pages = injected_site
    prefix = "en/" if language == "en" else ""
    where = {"attribute": set(), "text": set()}
    broken = []
    for name, text in pages.items():
        if not name.endswith(".html") or name.startswith("en/") != (language == "en"):
            continue
        soup = BeautifulSoup(text, "html.parser")
        for element in soup.find_all(True):
            for attribute, value in element.attrs.items():
                for item in value if isinstance(value, list) else [value]:
                    for match in _WORD.finditer(item):
                        where["attribute"].add(match.group(2))
                        if word_payload(*match.groups()) not in item:
                            broken.append((name, f"{element.name}[{attribute}]", item[:120]))
        for string in soup.find_all(string=_WORD):
            if string.parent.name in ("script", "style"):
                continue
            for match in _WORD.finditer(string):
                where["text"].add(match.group(2))
                if word_payload(*match.groups()) not in string:
                    broken.append((name, string.parent.name, string[:120]))
    assert broken == []
    # What main.html and its partials print, in attributes and in text, on the home page.
    assert {"quick_exit_pressed_one", "quick_exit_pressed_many", "palette_dark", "search_none"} <= where["attribute"]
    assert {"quick_exit_skip", "report_lead", "report_call", "skip_to_content", "search_title"} <= where["text"]
    home = BeautifulSoup(pages[prefix + "index.html"], "html.parser")
    assert home.select_one("[data-quick-exit]")["data-msg-pressed-one"].endswith(word_payload(language, "quick_exit_pressed_one"))


# Values a template prints that are HTML already, and why (every other value is escaped, `| e`).
_HTML_ALREADY = {
    "super()": "the parent template's block",
    "item.render()": "Material's navigation macro (partials/nav-item.html)",
    "citation": "hooks/renderers/citation.py renders partials/citation.html, which escapes",
    "page.meta.title": "escaped once by hooks/content.py, as Material's own templates print it raw",
    "page.meta.description": "the same",
    "page.meta.tab_title": "the same",
    "page.title": "the title above, or a '# heading' that is HTML text already",
}


def _escaped(expr) -> bool:
    from jinja2 import nodes

    if isinstance(expr, nodes.Const):
        return True
    if isinstance(expr, nodes.Filter):
        if expr.name in ("e", "escape", "script_tag"):   # script_tag: MkDocs writes the tag, escaping the address
            return True
        if expr.name == "replace":                      # an escaped text with escaped parts put in
            return _escaped(expr.node) and all(_escaped(arg) for arg in expr.args)
        return False
    if isinstance(expr, nodes.Concat):
        return all(_escaped(part) for part in expr.nodes)
    if isinstance(expr, nodes.CondExpr):
        return _escaped(expr.expr1) and (expr.expr2 is None or _escaped(expr.expr2))
    return _dotted(expr) in _HTML_ALREADY


def _dotted(expr) -> str:
    from jinja2 import nodes

    if isinstance(expr, nodes.Name):
        return expr.name
    if isinstance(expr, nodes.Getattr):
        return f"{_dotted(expr.node)}.{expr.attr}"
    if isinstance(expr, nodes.Call):
        return f"{_dotted(expr.node)}()"
    return ""


def test_every_value_a_project_template_prints_is_escaped():
    """MkDocs' Jinja does not escape (autoescape is off, as Material's templates need): each
    `{{ }}` in overrides/ ends in `| e`, or prints a value that is HTML already (_HTML_ALREADY)."""
    from jinja2 import Environment, nodes

    environment = Environment(extensions=["jinja2.ext.do", "jinja2.ext.loopcontrols"])
    unescaped = []
    templates = sorted((ROOT / "overrides").rglob("*.html"))
    assert len(templates) > 10
    for path in templates:
        tree = environment.parse(path.read_text(encoding="utf-8"))
        for output in tree.find_all(nodes.Output):
            for expr in output.nodes:
                if not isinstance(expr, nodes.TemplateData) and not _escaped(expr):
                    unescaped.append(f"{path.relative_to(ROOT)}:{expr.lineno}: {_dotted(expr) or type(expr).__name__}")
    assert unescaped == []


def test_no_page_carries_the_markup_as_markup(injected_site):
    _, pages = injected_site
    raw = {name: _RAW.search(text).group(0) for name, text in pages.items() if _RAW.search(text)}
    assert raw == {}


@pytest.mark.parametrize("number,file,field", [(n, f, fl.strip()) for n, (f, fl) in enumerate(FIELDS)],
                         ids=[f"{f}:{fl.strip()}" for f, fl in FIELDS])
def test_each_field_reaches_a_page_as_text_and_runs_nothing_there(injected_site, request, shared_contexts, number,
                                                                   file, field):
    out, pages = injected_site
    tag = f"ZQ{number:02d}ZQ"
    showing = [name for name, text in pages.items() if tag in text and name.endswith(".html")]
    if not showing:  # a field only the open data carries: there it is data, kept whole
        data = [json.loads(path.read_text(encoding="utf-8")) for path in sorted(out.rglob("*.json"))]
        assert any(payload(number) in text for item in data for text in _strings(item)), \
            f"{file} '{field}' reaches no page and no open data"
        return
    # The standalone diagram is still a whole SVG document.
    for name, text in pages.items():
        if name.endswith(".svg") and tag in text:
            ElementTree.fromstring(text)
    # The page where the field is most visible: its own page if it shows there.
    own = _own_url(file)
    url = own if own in showing else showing[0]
    dialogs = []
    # One context for the module's pages (it bypasses the policy, so that only the escaping stands).
    with shared_tab(request, shared_contexts, out.as_uri(), {"bypass_csp": True}) as page:
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto((out / url).as_uri(), wait_until="load")
        page.wait_for_timeout(100)
        assert dialogs == []
        assert f'<script>alert("ZQ{number:02d}")</script>' in page.evaluate("document.documentElement.textContent") \
            or f"alert(&quot;ZQ{number:02d}" in pages[url] or f'alert("ZQ{number:02d}' in pages[url]
        assert page.evaluate("document.querySelectorAll('img[src=x], svg[onload]').length") == 0


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _own_url(file: str) -> str:
    stem = re.sub(r"\.(es|en)\.md$", "", file.removeprefix("docs/"))
    prefix = "en/" if file.endswith(".en.md") else ""
    stem = stem.removesuffix("index").rstrip("/")
    return prefix + (stem + "/" if stem else "") + "index.html"


# ---------------------------------------------------------------------------- refused

REFUSED = [
    ("a script tag", "<script>alert(1)</script>", "the page's text contains an inline script"),
    ("a script file", '<script src="../assets/x.js"></script>', "the page's text contains a '<script>' tag"),
    ("an onerror attribute", '<img src="x.png" onerror="alert(1)">', "the page's text contains an event handler ('onerror='"),
    ("an onclick in raw HTML", '<p onclick="alert(1)">hola</p>', "the page's text contains an event handler ('onclick='"),
    ("a javascript: link", "[hola](javascript:alert(1))", "the page's text contains a 'javascript:' address"),
    ("an uppercase handler", '<div ONMOUSEOVER=alert(1)>x</div>', "the page's text contains an event handler ('onmouseover='"),
]


# Forms a browser decodes before it reads an address or an attribute (issue #28): each stops the
# build too. A build per form would cost minutes, so each is tried on the check itself (the one
# the build runs: csp.script_in) and three of them through a real build below.
DISGUISED = [
    ("a numeric entity in the scheme", '<a href="&#106;avascript:alert(1)">x</a>', "a 'javascript:' address (in 'href=' on <a>)"),
    ("hex entities for every letter", '<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)">x</a>',
     "a 'javascript:' address (in 'href=' on <a>)"),
    ("an entity tab inside the scheme", '<a href="jav&#x09;ascript:alert(1)">x</a>', "a 'javascript:' address (in 'href=' on <a>)"),
    ("a named tab inside the scheme", '<a href="jav&Tab;ascript:alert(1)">x</a>', "a 'javascript:' address (in 'href=' on <a>)"),
    ("a raw line break inside the scheme", '<a href="java\nscript:alert(1)">x</a>', "a 'javascript:' address (in 'href=' on <a>)"),
    ("a named colon", '<a href="javascript&colon;alert(1)">x</a>', "a 'javascript:' address (in 'href=' on <a>)"),
    ("spaces and capitals", '<a href="  JaVaScRiPt:alert(1)">x</a>', "a 'javascript:' address (in 'href=' on <a>)"),
    ("an unquoted entity address", "<a href=&#106;avascript:alert(1)>x</a>", "a 'javascript:' address (in 'href=' on <a>)"),
    ("a form button's action", '<form><button formaction="javascript:alert(1)">x</button></form>',
     "a 'javascript:' address (in 'formaction=' on <button>)"),
    ("an SVG link", '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
     "a 'javascript:' address (in 'xlink:href=' on <a>)"),
    ("an SVG animation that sets an address", '<svg><a><animate attributeName="href" values="#;javascript:alert(1)"/>'
     "<text>x</text></a></svg>", "a 'javascript:' address (in 'values=' on <animate>)"),
    ("srcdoc", '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>', "a document in 'srcdoc=' (on <iframe>)"),
    ("a data: document in a frame", '<iframe src="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
     "a 'data:' address that is not a picture (in 'src=' on <iframe>)"),
    ("a base64 data: document", '<object data="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="></object>',
     "a 'data:' address that is not a picture (in 'data=' on <object>)"),
    ("an SVG data: link", '<a href="data:image/svg+xml,&lt;svg onload=alert(1)&gt;">x</a>',
     "a 'data:' address that is not a picture (in 'href=' on <a>)"),
    ("a handler after a slash", "<img/onerror=alert(1) src=x>", "an event handler ('onerror=' on <img>)"),
    ("a handler in mixed case", '<p oNcLiCk="alert(1)">x</p>', "an event handler ('onclick=' on <p>)"),
    ("an SVG animation's handler", '<svg><animate onbegin="alert(1)" attributeName="x"/></svg>',
     "an event handler ('onbegin=' on <animate>)"),
    ("a refresh to elsewhere", '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
     "a '<meta http-equiv=\"refresh\">' (it sends the reader elsewhere)"),
    ("a script inside SVG", '<svg><script href="x.js"></script></svg>', "a '<script>' tag"),
]
HARMLESS = ['<a href="https://www.gob.pe/?a=1&amp;b=2">x</a>', '<img src="data:image/png;base64,iVBORw0KGgo=" alt="">',
            "<p>javascript: a language; data: facts; refresh the page; on=off</p>", '<a href="#on-line">on line</a>']


@pytest.mark.parametrize("what,markup,problem", DISGUISED, ids=[r[0] for r in DISGUISED])
def test_the_check_reads_markup_as_a_browser_does(what, markup, problem):
    import csp

    assert csp.script_in(markup, allowed=None) == problem
    if "<script" not in markup:  # a built page loads the site's own script files
        assert csp.script_in(f"<main>{markup}</main>", allowed=[]) == problem  # a built page's check too


def test_the_check_lets_ordinary_markup_through():
    import csp

    assert [csp.script_in(markup, allowed=None) for markup in HARMLESS] == [None] * len(HARMLESS)


@pytest.mark.parametrize("what,markup,problem", [DISGUISED[0], DISGUISED[11], DISGUISED[12]],
                         ids=[DISGUISED[0][0], DISGUISED[11][0], DISGUISED[12][0]])
def test_disguised_markup_in_a_pages_text_stops_the_build(project, what, markup, problem):
    page = project / "docs/acerca.es.md"
    page.write_text(page.read_text(encoding="utf-8") + f"\n\n{markup}\n", encoding="utf-8")
    message = build_error(project)
    assert message.startswith(f"docs/acerca.es.md: the page's text contains {problem}"), message


@pytest.mark.parametrize("what,markup,problem", REFUSED, ids=[r[0] for r in REFUSED])
# The English pages are checked in the second pass, once the Spanish one has written its pages.
@pytest.mark.parametrize("language", ["es", pytest.param("en", marks=pytest.mark.whole_build)])
def test_markup_in_a_pages_text_stops_the_build_naming_the_page(project, what, markup, problem, language):
    page = project / f"docs/acerca.{language}.md"
    page.write_text(page.read_text(encoding="utf-8") + f"\n\n{markup}\n", encoding="utf-8")
    message = build_error(project)
    assert message.startswith(f"docs/acerca.{language}.md: {problem}"), message
    assert "Fix: remove it" in message


@pytest.mark.whole_build  # found only once a language pass has written its pages: a whole build
def test_a_template_script_that_is_not_static_stops_the_build(project):
    edit(project / "overrides/main.html", "{% block scripts %}", "{% block scripts %}<script>var here = '{{ page.url }}';</script>")
    message = build_error(project)
    assert "the built page contains an inline script" in message and "that no template ships" in message
    assert "make the template's script static so its hash is allowed" in message


def test_each_pages_policy_allows_exactly_the_inline_scripts_it_carries(site):
    """Every page (both languages, the 404 pages too): the policy's hashes are the hashes of the
    page's own inline scripts, no more, no fewer, and each script's text is a template's, not a
    page's (the allow-list is read from the templates)."""
    import base64
    import hashlib

    from conftest import ROOT, built_pages

    def digest(text):
        return "sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()

    shipped = set()
    for template in (ROOT / "overrides").rglob("*.html"):
        for body in re.findall(r"<script>(.*?)</script>", template.read_text(encoding="utf-8"), re.DOTALL):
            if "{{" not in body and "{%" not in body:
                shipped.add(digest(body))
    assert len(shipped) == 1   # Material's early setup; the palette is a file (assets/js/palette.js)
    pages = built_pages(site)
    assert len(pages) > 200
    for path in pages:
        soup = html(site, path.relative_to(site).as_posix())
        meta = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        allowed = set(re.findall(r"'(sha256-[^']+)'", meta["content"]))
        carried = {digest(script.string or "") for script in soup.find_all("script")
                   if not script.get("src") and script.get("type") != "application/json"}
        assert allowed == carried, path
        assert carried <= shipped, path
