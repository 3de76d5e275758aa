"""Builds the policy's navigation from the content model: axes, components and guidelines.

The grouping of guidelines is a reconstruction that lives only in the pages' `parent`
fields; deriving the navigation from it means a correction is a one-line change there,
and `mkdocs.yml` lists only the overview page of the policy section.
"""

import html

from mkdocs.plugins import event_priority
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

import content_model


# Runs after the i18n plugin (priority -100) has localised the navigation.
@event_priority(-200)
def on_nav(nav, config, files, **kwargs):
    language = content_model.language_of(config)
    tree = content_model.site_for(config).tree(language)
    overview = content_model.localised(content_model.POLICY_OVERVIEW, language)
    section = _section_holding(nav.items, overview)
    if section is None:
        return nav
    by_src = {file.src_uri: file for file in files.documentation_pages()}
    after = 1 + next(i for i, c in enumerate(section.children) if isinstance(c, Page) and c.file.src_uri == overview)
    section.children[after:after] = _items(tree, None, by_src, config, language)
    items = nav.items
    _link_parents(items, None)
    pages = list(_pages_in(items))
    _link_neighbours(pages)
    rebuilt = Navigation(items, pages)
    rebuilt.homepage = nav.homepage
    return rebuilt


# The nav items for the children of one node, in the poster's order.
def _items(tree, parent_id, by_src, config, language):
    items = []
    for node in tree.children(parent_id) if parent_id else tree.roots():
        file = by_src[content_model.localised(node.src_uri, language)]
        page = file.page or Page(None, file, config)
        below = _items(tree, node.id, by_src, config, language)
        # A section title is printed as HTML; the label is plain text.
        items.append(Section(html.escape(node.label), [page, *below]) if below else page)
    return items


# Each item's `parent`, as MkDocs sets it (with public attributes only).
def _link_parents(items, parent):
    for item in items:
        item.parent = parent
        if isinstance(item, Section):
            _link_parents(item.children, item)


# Every page of the navigation, in reading order.
def _pages_in(items):
    for item in items:
        if isinstance(item, Page):
            yield item
        elif isinstance(item, Section):
            yield from _pages_in(item.children)


# The footer's previous and next links follow the reading order.
def _link_neighbours(pages):
    for before, page, after in zip([None, *pages[:-1]], pages, [*pages[1:], None]):
        page.previous_page, page.next_page = before, after


# The section whose direct children include the page with this source path.
def _section_holding(items, src_uri):
    for item in items:
        if isinstance(item, Section):
            if any(isinstance(c, Page) and c.file.src_uri == src_uri for c in item.children):
                return item
            found = _section_holding(item.children, src_uri)
            if found:
                return found
    return None


