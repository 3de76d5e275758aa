"""One stylesheet and one script per page, named by their content.

`extra_css` and `extra_javascript` in mkdocs.yml list our source files, one per feature, so
that each stays small and readable. A phone on a weak connection pays for every request and
waits for every stylesheet before it shows anything, so each page links one stylesheet
(Material's two, then ours) and one deferred script (ours alone) instead, written beside
Material's own files with a content hash in the name: servers cache them for a year
(deploy/nginx.conf does), and any change gets a new name, so nobody is served a stale copy.
overrides/main.html stops the theme from linking its own files a second time.

Material's script is left out of the site altogether, with its search engine and workers:
overrides/assets/js/theme.js does the little of it these pages use, for a tenth of the
bytes and of the time a phone spends running it.
"""

import contextlib
import fnmatch
import hashlib
import os
import re
import shutil

from mkdocs.config.config_options import ExtraScriptValue

import content_model
from content_model import ContentError

_STYLESHEETS = "assets/stylesheets"
_JAVASCRIPTS = "assets/javascripts"
# Material's own files, which its base.html links by their hashed names; they go first.
_THEME_STYLES = ("assets/stylesheets/main.*.min.css", "assets/stylesheets/palette.*.min.css")
# Material's scripts, which no page loads: theme.js stands in for the bundle, search.js for lunr.
_THEME_SCRIPTS_LEFT_OUT = ("assets/javascripts/bundle.*.min.js", "assets/javascripts/lunr",
                          "assets/javascripts/workers")


_SEARCH_TOGGLE = '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">'


class _Bundles:
    """This build's bundles (both language passes share them): kept in the build's state."""

    def __init__(self):
        self.bundles: dict[str, str] = {}   # site path -> content
        self.sources: set[str] = set()       # what went into them: not published on its own


def _state(config) -> _Bundles:
    return content_model.build_state(config, "asset_bundle", _Bundles, per_language=False)


# Replaces the lists of sources by one bundle each (once: the i18n passes share the config).
def on_config(config, **kwargs):
    state = _state(config)
    styles = [str(path) for path in config.extra_css]
    if not _is_bundle(state, styles):
        styles = _theme_files(config, _THEME_STYLES) + styles
        config.extra_css = [_bundle(state, config, styles, _STYLESHEETS, "css", _minified_css)]
    scripts = [script for script in config.extra_javascript]
    paths = [str(getattr(script, "path", script)) for script in scripts]
    if not _is_bundle(state, paths):
        _require_deferred(scripts)
        bundle = _bundle(state, config, paths, _JAVASCRIPTS, "js", _joined_scripts)
        script = ExtraScriptValue(bundle)
        script.defer = True
        config.extra_javascript = [script]
    return config


# Material's base.html writes, outside any block a template could replace, the checkbox its own
# script (left out) opens its search with: here it is a form control without a label, on every page.
# The site's search is a dialog (overrides/partials/site-search.html); Material's drawer toggle stays.
def on_post_page(output, page, config, **kwargs):
    return output.replace(_SEARCH_TOGGLE, "", 1)


def on_post_template(output_content, template_name, config, **kwargs):
    return output_content.replace(_SEARCH_TOGGLE, "", 1) if template_name.endswith(".html") else output_content


# Writes the bundles (every pass: the site folder is cleaned before the first one) and drops
# the copies of their sources and the theme's scripts, which no page links.
def on_post_build(config, **kwargs):
    state = _state(config)
    for pattern in _THEME_SCRIPTS_LEFT_OUT:
        folder, name = pattern.rsplit("/", 1)
        site_folder = os.path.join(config.site_dir, *folder.split("/"))
        for entry in os.listdir(site_folder) if os.path.isdir(site_folder) else ():
            if fnmatch.fnmatch(entry, name) or fnmatch.fnmatch(entry, name + ".map"):
                _remove(os.path.join(site_folder, entry))
    for site_path, content in state.bundles.items():
        target = os.path.join(config.site_dir, *site_path.split("/"))
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "w", encoding="utf-8") as out:
            out.write(content)
    for source in state.sources:
        copy = os.path.join(config.site_dir, *source.split("/"))
        for leftover in (copy, copy + ".map"):
            if os.path.isfile(leftover):
                os.remove(leftover)
        with contextlib.suppress(OSError):   # only when nothing else is left in it
            os.removedirs(os.path.dirname(copy))


def _remove(path):
    if os.path.isdir(path):
        shutil.rmtree(path)
    else:
        os.remove(path)


def _is_bundle(state, paths):
    return len(paths) == 1 and paths[0] in state.bundles


# Reads the sources in order, joins them and returns the bundle's site path.
def _bundle(state, config, paths, folder, extension, join):
    content = join([(path, _read_source(config, path)) for path in paths])
    state.sources.update(paths)
    digest = hashlib.sha256(content.encode("utf-8")).hexdigest()[:8]
    site_path = f"{folder}/site.{digest}.min.{extension}"
    state.bundles[site_path] = content
    return site_path


# The site paths of the theme's own files: exactly one file matches each pattern.
def _theme_files(config, patterns):
    found = []
    for pattern in patterns:
        folder, name = pattern.rsplit("/", 1)
        matches = sorted({entry for theme_dir in config.theme.dirs
                          if os.path.isdir(os.path.join(theme_dir, *folder.split("/")))
                          for entry in os.listdir(os.path.join(theme_dir, *folder.split("/")))
                          if fnmatch.fnmatch(entry, name)})
        if len(matches) != 1:
            raise ContentError("requirements.txt", "mkdocs-material",
                               f"the theme has {len(matches)} files like {pattern}, where one was expected",
                               "pin the version of mkdocs-material this site was made with, or update "
                               "hooks/asset_bundle.py for the new one")
        found.append(f"{folder}/{matches[0]}")
    return found


# A source is where MkDocs itself would copy it from: the theme's folders, then docs/.
def _read_source(config, path):
    for folder in [*config.theme.dirs, config.docs_dir]:
        candidate = os.path.join(folder, *path.split("/"))
        if os.path.isfile(candidate):
            with open(candidate, encoding="utf-8") as source:
                return source.read()
    field = "extra_css" if path.endswith(".css") else "extra_javascript"
    raise ContentError("mkdocs.yml", field, f"'{path}' is neither in overrides/ nor in docs/",
                       f"create overrides/{path} or remove it from {field}")


# Every script shares one `defer` tag, so each must have asked for it.
def _require_deferred(scripts):
    for script in scripts:
        if not getattr(script, "defer", False) or getattr(script, "async_", False):
            raise ContentError("mkdocs.yml", "extra_javascript",
                               f"'{getattr(script, 'path', script)}' is not loaded with defer",
                               "list it as '- path: ...' with 'defer: true'")


_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_CSS_SPACE = re.compile(r"\s*\n\s*")


# Comments out, line breaks folded: plenty for files that are gzip'd on the wire anyway.
# Files already minified are taken as they are, less the theme's rules for features the site
# does not use (a third of the bytes every reader waits for before the first paint).
def _minified_css(sources):
    parts = []
    for path, text in sources:
        if path.endswith(".min.css"):
            text = _without_unused_rules(text)
        else:
            text = _CSS_SPACE.sub("\n", _CSS_COMMENT.sub("", text))
        parts.append(f"/* {path} */\n{text.strip()}")
    return "\n".join(parts) + "\n"


# Keeps every rule with a selector the site may use; at-rules other than @media, @supports and
# @container (fonts, keyframes) stay whole.
def _without_unused_rules(css):
    kept = []
    for prelude, body in _css_blocks(css):
        if prelude.startswith(("@media", "@supports", "@container")):
            inner = _without_unused_rules(body)
            if inner:
                kept.append(f"{prelude}{{{inner}}}")
        elif prelude.startswith("@"):
            kept.append(f"{prelude}{{{body}}}")
        else:
            selectors = [selector for selector in _split_selectors(prelude)
                         if not UNUSED_THEME_CLASS.search(_NOT.sub("", selector))]
            if selectors:
                kept.append(f"{','.join(selectors)}{{{body}}}")
    return "".join(kept)


# (prelude, body) of each top-level block of minified CSS; quoted strings may hold braces.
def _css_blocks(css):
    blocks, start = [], 0
    while True:
        opening = css.find("{", start)
        if opening < 0:
            return blocks
        depth, index = 1, opening + 1
        while depth:
            char = css[index]
            if char in "\"'":
                index = css.index(char, index + 1)
            elif char == "{":
                depth += 1
            elif char == "}":
                depth -= 1
            index += 1
        blocks.append((css[start:opening].strip(), css[opening + 1:index - 1]))
        start = index


# "a,b:is(c,d)" -> ["a", "b:is(c,d)"]: commas inside parentheses do not separate selectors.
def _split_selectors(prelude):
    parts, depth, current = [], 0, ""
    for char in prelude:
        if char == "," and depth == 0:
            parts.append(current)
            current = ""
            continue
        depth += (char == "(") - (char == ")")
        current += char
    return parts + [current]


_SOURCE_MAP = re.compile(r"^//# sourceMappingURL=.*$", re.MULTILINE)


# Each source is a self-contained IIFE; a semicolon between keeps them apart. A source map
# comment would point the browser's tools at a map of another file.
def _joined_scripts(sources):
    return "\n;\n".join(f"/* {path} */\n{_SOURCE_MAP.sub('', text).strip()}" for path, text in sources) + "\n"


# ---------------------------------------------------------------------------- data

# Classes of Material features this site does not switch on (its own search replaces
# Material's; no code blocks, tabs, tooltips, blog, tags, repository link or versions).
# tests/test_budgets.py checks that no built page and none of our scripts uses them.
UNUSED_THEME_CLASS = re.compile(
    r"\.(md-search|md-tabs|tabbed-|md-annotation|md-tooltip|md-version|md-source|md-social|md-post|"
    r"md-tag|md-status|mermaid|md-clipboard|highlight|md-code__|task-list|critic|md-feedback|"
    r"md-progress|md-select|md-keys|arithmatex|katex|md-profile|md-author|md-draft|emojione|"
    r"twemoji|gemoji|md-sponsor|linenos|linenodiv|filename|md-meta|md-hero)")
# A class inside :not(...) does not make the rule unused.
_NOT = re.compile(r":not\([^()]*\)")
