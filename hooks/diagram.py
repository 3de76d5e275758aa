"""Draws the policy diagram from the content model where a page carries its marker, and writes
the standalone SVG that readers download.

- `<!-- diagram: full -->`: the whole policy (the overview page), with the download link;
- `<!-- diagram: axis -->` on an axis page: that axis and everything under it (on the
  transversal axis's page: the whole policy, the transversal axis marked as the current page);
- `<!-- diagram: branch -->` on a component or guideline page: its branch, "you are here".

Each marker stands on a line of its own. An unknown marker, a marker twice on one page, or a
marker on a page it does not belong to stops the build with one message; the markers of every
page are checked before MkDocs cleans the site folder, so the previous site stays whole.

The i18n plugin builds each language in turn with the same `site_dir` (the site's root) and
puts the second language's pages under `en/`; the standalone SVG goes next to the overview
page of the language being built, so the overview links to it by its bare file name.
"""

import os

from mkdocs.utils import get_relative_url

import content_model
from content_model import catalogue, markers
from renderers import diagram

_MARKER = markers.pattern("diagram")


# Checks every page's markers before the site folder is cleaned: a mistake leaves the previous site whole.
# (content_model has already parsed them, with the one marker grammar: known, each on its own line.)
def on_pre_build(config, **kwargs):
    site = content_model.site_for(config)
    for file_src_uri, found in site.markers.items():
        names = [marker.name for marker in found if marker.family == "diagram"]
        if names:
            _, language = content_model.unlocalised(file_src_uri)
            _check(names, site.tree(language).for_page(file_src_uri), file_src_uri)


# Replaces each diagram marker on the page with the HTML it stands for.
def on_page_markdown(markdown, page, config, **kwargs):
    if "diagram:" not in markdown:
        return markdown
    tree = content_model.site_for(config).tree(content_model.language_of(config))
    node = tree.for_page(page.file.src_uri)
    ui = config.extra["ui"][tree.language]
    note = f'{ui["reconstruction_note"]} {ui["labels_note"]}'  # the boxes show the site's short labels
    return _MARKER.sub(lambda match: _render(match.group("name"), tree, node, page.url, note, config.use_directory_urls), markdown)


# Writes this language's standalone SVG beside its overview page, once the pages are built.
def on_post_build(config, **kwargs):
    language = content_model.language_of(config)
    tree = content_model.site_for(config).tree(language)
    path = os.path.join(config.site_dir, _download_url(language, config.use_directory_urls))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        out.write(diagram.render_standalone(tree, icon=get_relative_url(config.theme["favicon"], _download_url(language, config.use_directory_urls))))


# ---------------------------------------------------------------------------- helpers


# The HTML of one (checked) marker on the page of `node` (None: not a policy page); `note` is the
# reconstruction caveat and the labels' (ui.reconstruction_note, ui.labels_note in
# hooks/data/words.*.yml) its caption carries.
def _render(name, tree, node, page_url, note, directory_urls):
    download = get_relative_url(_download_url(tree.language, directory_urls), page_url)
    if name == "full" or node.kind == "transversal":
        return diagram.render_full(tree, page_url, download, current_id=node.id if node else None, note=note)
    if name == "axis":
        return diagram.render_axis(tree, node.id, page_url, note=note)
    return diagram.render_branch(tree, node.id, page_url, note=note)


# Raises a ContentError for a marker on the wrong page (one used twice: markers.KNOWN's `once`).
def _check(names, node, file_src_uri):
    shown = f"docs/{file_src_uri}"
    page_kind = node.kind if node else None
    for name in names:
        if not markers.belongs("diagram", name, page_kind):
            raise content_model.ContentError(shown, None,
                                             f"the marker '<!-- diagram: {name} -->' is on a page that is not {_PAGES_NAMED[name]}",
                                             f"use '<!-- diagram: {_MARKER_FOR[page_kind]} -->' or remove the marker")


# Where a language's standalone SVG lives, relative to the site's root ('en/politica/....svg'): its file
# name (what a trainer's download is called) is the catalogue's `diagram.file_name`.
def _download_url(language, directory_urls):
    return content_model.page_folder(content_model.POLICY_OVERVIEW, language, directory_urls) + catalogue.words(language, "diagram")["file_name"]


# ---------------------------------------------------------------------------- data

# How a message names the pages a marker belongs on (markers.KNOWN says which they are).
_PAGES_NAMED = {"axis": "an axis", "branch": "a component or a guideline"}

# The marker to suggest for a page of each kind (None: not a policy page).
_MARKER_FOR = {
    "axis": "axis",
    "transversal": "axis",
    "component": "branch",
    "general": "branch",
    "specific": "branch",
    None: "full",
}
