"""One stylesheet and one script of ours per page, named by their content.

`extra_css` and `extra_javascript` in mkdocs.yml list our source files, one per feature, so
that each stays small and readable. A phone on a weak connection pays for every request, so
the pages link one bundle of each instead, written beside Material's own bundles with a
content hash in the name: servers cache them for a year (deploy/nginx.conf does), and any
change gets a new name, so nobody is served a stale copy.
"""

import contextlib
import hashlib
import os
import re

from mkdocs.config.config_options import ExtraScriptValue

from content_model import ContentError

_STYLESHEETS = "assets/stylesheets"
_JAVASCRIPTS = "assets/javascripts"
_bundles: dict[str, str] = {}   # site path -> content, for this build
_sources: set[str] = set()       # what went into them: not published on its own


# Replaces the lists of sources by one bundle each (once: the i18n passes share the config).
def on_config(config, **kwargs):
    styles = [str(path) for path in config.extra_css]
    if styles and not _is_bundle(styles):
        config.extra_css = [_bundle(config, styles, _STYLESHEETS, "css", _minified_css)]
    scripts = [script for script in config.extra_javascript]
    paths = [str(getattr(script, "path", script)) for script in scripts]
    if paths and not _is_bundle(paths):
        _require_deferred(scripts)
        bundle = _bundle(config, paths, _JAVASCRIPTS, "js", _joined_scripts)
        script = ExtraScriptValue(bundle)
        script.defer = True
        config.extra_javascript = [script]
    return config


# Writes the bundles (every pass: the site folder is cleaned before the first one) and drops
# the copies of their sources, which no page links.
def on_post_build(config, **kwargs):
    for site_path, content in _bundles.items():
        target = os.path.join(config.site_dir, *site_path.split("/"))
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "w", encoding="utf-8") as out:
            out.write(content)
    for source in _sources:
        copy = os.path.join(config.site_dir, *source.split("/"))
        if os.path.isfile(copy):
            os.remove(copy)
            with contextlib.suppress(OSError):   # only when nothing else is left in it
                os.removedirs(os.path.dirname(copy))


def _is_bundle(paths):
    return len(paths) == 1 and paths[0] in _bundles


# Reads the sources in order, joins them and returns the bundle's site path.
def _bundle(config, paths, folder, extension, join):
    content = join([(path, _read_source(config, path)) for path in paths])
    _sources.update(paths)
    digest = hashlib.sha256(content.encode("utf-8")).hexdigest()[:8]
    site_path = f"{folder}/site.{digest}.min.{extension}"
    _bundles[site_path] = content
    return site_path


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
def _minified_css(sources):
    parts = []
    for path, text in sources:
        text = _CSS_SPACE.sub("\n", _CSS_COMMENT.sub("", text)).strip()
        parts.append(f"/* {path} */\n{text}")
    return "\n".join(parts) + "\n"


# Each source is a self-contained IIFE; a semicolon between keeps them apart.
def _joined_scripts(sources):
    return "\n;\n".join(f"/* {path} */\n{text.strip()}" for path, text in sources) + "\n"
