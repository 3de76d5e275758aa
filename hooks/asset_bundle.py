"""Each page links the stylesheets and scripts it needs, minified and named by their content.

`extra.assets` in mkdocs.yml is the table of our source files, one per feature, in order, and
says which pages need each: `every page`, or what a page's markup holds when it needs the file
(an attribute, `[data-quiz]`, or a class, `.diagram`; any one of them), looked for in the page
as built, so a feature follows its markup wherever a template, a hook or a writer puts it. A row
`written by` a hook is a file made from the content at each build (the modules' names on printed
sheets): the hook hands its text over with `content_model.hand_to_bundle` before the files are
written, and the file is bundled like the others, never written on its own. A
phone on a weak connection pays for every byte and waits for every stylesheet before it shows
anything, so each page links:

- `site.<hash>.min.css`, shared by every page: Material's rules that the site's markup can use
  (renderers/assets.py: about a third of the theme's file), then our sources for every page;
- `site.<hash>.min.js`, shared by every page: our scripts for every page;
- `first-paint.<hash>.min.js`, shared by every page, linked without `defer` where the template
  marks its place (`<!--asset-bundle:first-paint:...-->`): the scripts `when: before the first
  paint`, which must run before what follows them is painted (the light/dark choice). They were
  inline: the same bytes in every page's HTML and a hash in every page's policy; a file is read
  from the cache from the second page on;
- one more stylesheet and one more script for the other sources the page needs, if any: a file
  per distinct set of them (`<name>_<name>.<hash>.min.css`, in the table's order; one source alone
  keeps its own name). Each response costs a phone about 400 bytes of headers besides its body,
  and a page with four features paid for four; a set's file is small, so a second page whose set
  differs downloads its features again for less than the headers of one file each.

The hash is of the file's content: servers cache these files for a year (deploy/nginx.conf
does), and any change gets a new name. Which of Material's rules are used is known only once
every page is built, so pages are written with a placeholder in place of each hash; the last
pass's on_post_build writes the files and puts the names into the pages.

overrides/main.html marks where the links go (`<!--asset-bundle:styles:...-->`, `...scripts...`;
overrides/partials/javascripts/palette.html `...first-paint...`);
Material's own stylesheet links and its script are left out (theme.js stands in for the script,
for a tenth of its bytes and of the time a phone spends running it).
"""

from __future__ import annotations

import contextlib
import dataclasses
import fnmatch
import hashlib
import os
import re
import shutil

from mkdocs.plugins import event_priority

import content_model
from content_model import ContentError
from renderers import assets

_STYLESHEETS = "assets/stylesheets"
_JAVASCRIPTS = "assets/javascripts"
_SHARED = "site"     # the name of the two files every page links
_FIRST_PAINT = "first-paint"   # the name of the script every page runs before its first paint
_TABLE = "extra.assets"   # the table's field in mkdocs.yml, as errors name it
_EVERY_PAGE = "every page"
_BEFORE_FIRST_PAINT = "before the first paint"
# Material's own files, which its base.html would link by their hashed names; they go first.
_THEME_STYLES = ("assets/stylesheets/main.*.min.css", "assets/stylesheets/palette.*.min.css")
# Material's scripts, which no page loads: theme.js stands in for the bundle, search.js for lunr.
_THEME_SCRIPTS_LEFT_OUT = ("assets/javascripts/bundle.*.min.js", "assets/javascripts/lunr",
                          "assets/javascripts/workers")
_PLACEHOLDER = "@@asset-bundle@@"
_SLOT = re.compile(r"<!--asset-bundle:(?P<kind>styles|scripts|first-paint):(?P<prefix>[^>]*?)-->")
_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")   # a feature's file name: "_" joins a set's names
_SET_FILE = re.compile(r"/(?P<name>[a-z0-9_-]+)\." + re.escape(_PLACEHOLDER) + r"\.min\.(?P<extension>css|js)\b")
_SELECTOR = re.compile(r"^(?:\[(?P<attribute>[a-z][\w-]*)\]|\.(?P<class>-?[_a-zA-Z][\w-]*))$")
# Material's base.html writes, outside any block a template could replace, the checkbox its own
# script (left out) opens its search with: here it is a form control without a label, on every page.
# The site's search is a dialog (overrides/partials/site-search.html); Material's drawer toggle stays.
_SEARCH_TOGGLE = '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">'


@dataclasses.dataclass
class _Source:
    """One row of the table: a source file and the markup that needs it (None: every page)."""
    path: str
    text: str | None                     # None: written by `hook` during the build
    needs: tuple[str, ...] | None
    hook: str | None = None
    first_paint: bool = False            # every page, run before what follows it is painted

    @property
    def extension(self) -> str:
        return self.path.rsplit(".", 1)[1]

    @property
    def name(self) -> str:
        return _SHARED if self.needs is None else self.path.rsplit("/", 1)[1].rsplit(".", 1)[0]

    def needed_by(self, html: str, classes: set[str]) -> bool:
        return self.needs is None or any(assets.holds(html, classes, need) for need in self.needs)


class _Bundles:
    """This build's table and what its pages hold (both language passes share them)."""

    def __init__(self):
        self.sources: list[_Source] | None = None
        self.theme_styles: list[str] = []        # Material's stylesheets, by site path
        self.tags: set[str] = set()              # every start tag of the site's pages
        self.words: set[str] = set()             # the words of all of them
        self.sets: dict[tuple[str, str], list[_Source]] = {}   # (name, extension) -> the sources a page's set joins
        self.names: dict[tuple[str, str], str] = {}  # (name, extension) -> file name, once written

    @property
    def first_paint(self) -> list[_Source]:
        """The rows `when: before the first paint`: every page runs them, in one file, undeferred."""
        return [source for source in self.sources if source.first_paint]


def _state(config) -> _Bundles:
    return content_model.build_state(config, "asset_bundle", _Bundles, per_language=False)


# Reads the table and its sources once (the i18n passes share the config); Material's base.html
# links every extra_css and extra_javascript, so those lists stay empty.
def on_config(config, **kwargs):
    state = _state(config)
    if state.sources is None:
        _refuse_theme_lists(config)
        state.sources = _read_table(config)
        state.theme_styles = _theme_files(config, _THEME_STYLES)
    return config


# The page's links, from what its markup holds; and the words Material's rules may need.
@event_priority(-500)
def on_post_page(output, page, config, **kwargs):
    return _linked(output, _state(config), f"docs/{page.file.src_uri}")


# The same for pages rendered from a template alone (the 404 pages).
@event_priority(-500)
def on_post_template(output_content, template_name, config, **kwargs):
    if not template_name.endswith(".html"):
        return output_content
    return _linked(output_content, _state(config), f"overrides/{template_name}")


# Every pass drops the copies of the sources and the theme's scripts, which no page links. The
# outermost pass writes the files and names them in every page: late, after the i18n plugin's
# on_post_build, which builds the other languages (atomic_output.py's, later still, swaps the site in).
@event_priority(-9000)
def on_post_build(config, **kwargs):
    state = _state(config)
    _remove_unlinked(config, state)
    if content_model.in_nested_pass(config):
        return
    for (name, extension), content in _bundles(config, state).items():
        digest = hashlib.sha256(content.encode("utf-8")).hexdigest()[:8]
        folder = _STYLESHEETS if extension == "css" else _JAVASCRIPTS
        state.names[name, extension] = file_name = f"{name}.{digest}.min.{extension}"
        target = os.path.join(config.site_dir, *folder.split("/"), file_name)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "w", encoding="utf-8") as out:
            out.write(content)
    _name_in_pages(config.site_dir, state.names)


# ---------------------------------------------------------------------------- helpers


def _refuse_theme_lists(config):
    for field in ("extra_css", "extra_javascript"):
        if config[field]:
            first = config[field][0]
            raise ContentError("mkdocs.yml", field, f"'{getattr(first, 'path', first)}' is listed there",
                               "list it in extra.assets with the pages that need it (every page, or the "
                               "markup they hold), and leave extra_css and extra_javascript out")


# The table, checked: each row a file of ours (.css or .js) and the pages that need it.
def _read_table(config) -> list[_Source]:
    rows = config.extra.get("assets")
    if not isinstance(rows, list) or not rows:
        raise ContentError("mkdocs.yml", _TABLE, "the table of stylesheets and scripts is missing",
                           "list each file as '- file: assets/css/x.css' with 'when: every page' or "
                           "'when: [\"[data-x]\", \".x\"]'")
    sources, seen = [], set()
    for row in rows:
        path, when, hook = _row_fields(row)
        if hook is not None and (not isinstance(hook, str) or hook not in config.hooks):
            raise ContentError("mkdocs.yml", _TABLE, f"'{path}': written by: {hook!r} is not one of the hooks",
                               "name the hook that writes it, as listed under 'hooks:', or remove the line "
                               "and create the file in overrides/")
        source = _Source(path, None if hook else _read_source(config, path), _needs(path, when), hook,
                         first_paint=_runs_before_first_paint(path, when))
        _check_written_name(source, seen)
        sources.append(source)
    return sources


# A row's file, when it is needed, and the hook that writes it (None: a file in overrides/ or docs/).
def _row_fields(row) -> tuple[str, object, object]:
    if not isinstance(row, dict) or not {"file", "when"} <= set(row) <= {"file", "when", "written by"}:
        raise ContentError("mkdocs.yml", _TABLE, f"the row {row!r} is not a file and when it is needed",
                           "write '- file: assets/js/x.js' and, under it, 'when: every page' or a list of "
                           "selectors such as '[\"[data-quiz]\"]' (and 'written by: hooks/x.py' for a "
                           "file a hook makes at each build)")
    path = str(row["file"])
    if not path.endswith((".css", ".js")):
        raise ContentError("mkdocs.yml", _TABLE, f"'{path}' is neither a stylesheet (.css) nor a script (.js)",
                           "list only .css and .js files")
    return path, row["when"], row.get("written by")


# Whether every page runs the file before its first paint: a script only (a stylesheet in the head
# is already read before anything is painted).
def _runs_before_first_paint(path: str, when) -> bool:
    if when == _BEFORE_FIRST_PAINT and not path.endswith(".js"):
        raise ContentError("mkdocs.yml", _TABLE, f"'{path}': when: {when!r} is for scripts",
                           "write 'when: every page': every stylesheet is read before the first paint")
    return when == _BEFORE_FIRST_PAINT


# The markup that needs the file (None: every page).
def _needs(path: str, when) -> tuple[str, ...] | None:
    needs = (None if when in (_EVERY_PAGE, _BEFORE_FIRST_PAINT)
             else tuple(when) if isinstance(when, list) and when else ())
    if needs == () or any(not isinstance(need, str) or not _SELECTOR.match(need) for need in needs or ()):
        raise ContentError("mkdocs.yml", _TABLE, f"'{path}': when: {when!r} names no markup the bundle can look for",
                           "write 'every page' (or 'before the first paint', for a script that must run "
                           "before the page is shown), or a list of attributes in brackets and classes after "
                           "a dot, quoted: ['[data-quiz]', '.diagram']")
    return needs


# A file for some pages is written under its own name, which a set's file joins with "_".
def _check_written_name(source: _Source, seen: set) -> None:
    written = (source.path.rsplit("/", 1)[1].rsplit(".", 1)[0], source.extension)
    if source.needs is not None and not _NAME.match(written[0]):
        raise ContentError("mkdocs.yml", _TABLE, f"'{source.path}': its name '{written[0]}' is not lowercase words "
                           "joined by hyphens", "rename the file (e.g. 'table-sort.js'): '_' joins the names "
                           "of a page's set of files")
    if source.needs is not None and (written in seen or written[0] in (_SHARED, _FIRST_PAINT)):
        raise ContentError("mkdocs.yml", _TABLE, f"'{source.path}' would be written as "
                           f"{written[0]}.*.min.{source.extension}, like another file",
                           f"give each file for some pages a name of its own, not '{_SHARED}' "
                           f"or '{_FIRST_PAINT}'")
    seen.add(written)


# A source is where MkDocs itself would copy it from: the theme's folders, then docs/.
def _read_source(config, path):
    for folder in [*config.theme.dirs, config.docs_dir]:
        candidate = os.path.join(folder, *path.split("/"))
        if os.path.isfile(candidate):
            with open(candidate, encoding="utf-8") as source:
                return source.read()
    raise ContentError("mkdocs.yml", _TABLE, f"'{path}' is neither in overrides/ nor in docs/",
                       f"create overrides/{path} or remove its row")


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


# The page with its links in the templates' places, less its templates' indentation (7 %
# of every page's compressed bytes), and its words noted for the purge.
def _linked(html, state, where):
    html = html.replace(_SEARCH_TOGGLE, "", 1)
    tags = assets.tags_of(html)
    state.words |= assets.markup_words(tags - state.tags)
    state.tags |= tags
    slots = {match.group("kind"): match for match in _SLOT.finditer(html)}
    if not {"styles", "scripts"} <= set(slots):
        raise ContentError(where, None, "the page has no place for its stylesheets and scripts",
                           "keep '<!--asset-bundle:styles:{{ \"assets/\" | url | e }}-->' in the head and "
                           "'<!--asset-bundle:scripts:...-->' before </body> (overrides/main.html)")
    first_paint = state.first_paint
    if bool(first_paint) != ("first-paint" in slots):
        raise ContentError(where, None, f"the page has {'no' if first_paint else 'a'} place for the scripts "
                           "run before the first paint, and the table has "
                           f"{'some' if first_paint else 'none'}",
                           "keep '<!--asset-bundle:first-paint:{{ \"assets/\" | url | e }}-->' where they "
                           "must run (overrides/partials/javascripts/palette.html) and their rows 'when: "
                           "before the first paint', or neither")
    classes = assets.classes_of(html)
    needed = [source for source in state.sources if source.needed_by(html, classes)]
    names = {"css": [_SHARED], "js": [_SHARED]}
    for extension in names:
        joined = [source for source in needed if source.needs is not None and source.extension == extension]
        if joined:
            name = "_".join(source.name for source in joined)
            state.sets[name, extension] = joined
            names[extension].append(name)
    tags = {
        "styles": "".join(f'<link rel="stylesheet" href="{slots["styles"].group("prefix")}stylesheets/'
                          f'{name}.{_PLACEHOLDER}.min.css">' for name in names["css"]),
        "scripts": "".join(f'<script src="{slots["scripts"].group("prefix")}javascripts/'
                           f'{name}.{_PLACEHOLDER}.min.js" defer></script>' for name in names["js"]),
    }
    if first_paint:
        tags["first-paint"] = (f'<script src="{slots["first-paint"].group("prefix")}javascripts/'
                               f'{_FIRST_PAINT}.{_PLACEHOLDER}.min.js"></script>')
    # The later ones first: the earlier ones' offsets hold.
    for kind in sorted(slots, key=lambda kind: slots[kind].start(), reverse=True):
        match = slots[kind]
        html = html[:match.start()] + tags[kind] + html[match.end():]
    return assets.compact_html(html)


# Every file's content: the shared pair, then one file per set of sources for some pages. A source the
# minifiers cannot read stops the build with their own words (the line, and the column for a script).
def _bundles(config, state) -> dict[tuple[str, str], str]:
    _take_handed_over(state, content_model.handed_to_bundle(config))
    ours = _our_stylesheets(state)
    for source in state.sources:
        if source.extension == "js":
            state.words |= assets.script_words(source.text)
    shared_css = [_theme_rules(config, state, ours)] + [ours[source.path] for source in state.sources
                                                        if source.extension == "css" and source.needs is None]
    files = {(_SHARED, "css"): assets.minified_css(shared_css),
             (_SHARED, "js"): _minified_js([source for source in state.sources if source.extension == "js"
                                            and source.needs is None and not source.first_paint])}
    if state.first_paint:
        files[_FIRST_PAINT, "js"] = _minified_js(state.first_paint)
    for (name, extension), joined in sorted(state.sets.items()):
        files[name, extension] = (assets.minified_css([ours[source.path] for source in joined])
                                  if extension == "css" else _minified_js(joined))
    return files


# The text of the files hooks write, as they handed it over in this build.
def _take_handed_over(state, handed: dict[str, str]):
    for source in state.sources:
        if source.hook is None:
            continue
        if source.path not in handed:
            raise ContentError("mkdocs.yml", _TABLE, f"'{source.path}' is written by {source.hook}, "
                               "which did not hand it over in this build",
                               f"have {source.hook} call content_model.hand_to_bundle(config, '{source.path}', "
                               "text) before the site is written, or remove 'written by' and create the file")
        source.text = handed[source.path]


# Our stylesheets, each read as CSS tokens; one that cannot be read stops the build.
def _our_stylesheets(state) -> dict[str, list]:
    try:
        return {source.path: assets.parsed(source.text, source.path)
                for source in state.sources if source.extension == "css"}
    except assets.StylesheetError as error:
        raise ContentError("mkdocs.yml", _TABLE, f"a stylesheet cannot be bundled ({error})",
                           "correct that line of the stylesheet") from None


# Material's rules that the site's markup and scripts can use, without the custom properties nobody reads.
def _theme_rules(config, state, ours) -> list:
    theme = [rule for path in state.theme_styles
             for rule in assets.theme_rules(assets.parsed(_read_source(config, path), path), state.words)]
    named = {word for word in state.words if word.startswith("--")}   # style="--x: 1", var(--x) in a script
    return assets.without_unused_properties(theme, [rule for rules in ours.values() for rule in rules], named)


# The sources' scripts, minified and joined; one that cannot be read is named (each is read alone
# first: the minifier's line and column are then that file's).
def _minified_js(sources) -> str:
    for source in sources:
        try:
            assets.minified_js([source.text])
        except assets.ScriptError as error:
            raise ContentError(f"overrides/{source.path}", None, f"the script cannot be minified ({error})",
                               "correct the script at that line and column") from None
    return assets.minified_js(source.text for source in sources)


# Puts the files' names in place of the placeholders, in every page of the site.
def _name_in_pages(site_dir, names):
    for root, _, files in os.walk(site_dir):
        for file in files:
            if not file.endswith(".html"):
                continue
            path = os.path.join(root, file)
            with open(path, encoding="utf-8") as page:
                html = page.read()
            if _PLACEHOLDER not in html:
                continue
            html = _SET_FILE.sub(lambda match: "/" + names[match.group("name"), match.group("extension")], html)
            with open(path, "w", encoding="utf-8") as page:
                page.write(html)


def _remove_unlinked(config, state):
    for pattern in _THEME_SCRIPTS_LEFT_OUT:
        folder, name = pattern.rsplit("/", 1)
        site_folder = os.path.join(config.site_dir, *folder.split("/"))
        for entry in os.listdir(site_folder) if os.path.isdir(site_folder) else ():
            if fnmatch.fnmatch(entry, name) or fnmatch.fnmatch(entry, name + ".map"):
                _remove(os.path.join(site_folder, entry))
    for path in [source.path for source in state.sources] + state.theme_styles:
        copy = os.path.join(config.site_dir, *path.split("/"))
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
