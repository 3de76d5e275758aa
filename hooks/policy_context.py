"""Shows each policy page where it sits: a path at the top, and at the foot (before its
sources) its parent, its siblings, its children, related pages, the training modules that teach
it and how to cite it, all derived from the content model, so no page lists its neighbours
by hand.
"""

import re

from mkdocs.utils import get_relative_url

import content_model
from content_model import catalogue
from renderers import citation

_SOURCES_HEADING = re.compile(r"^#{2}\s.*\{\s*#fuentes\s*\}\s*$", re.MULTILINE)


# Wraps a policy page's Markdown with its place in the policy.
def on_page_markdown(markdown, page, config, **kwargs):
    language = content_model.language_of(config)
    site = content_model.site_for(config)
    tree = site.tree(language)
    node = tree.for_page(page.file.src_uri)
    if node is None:
        return markdown
    env = _environment(config)
    kinds = {kind: names[0] for kind, names in catalogue.words(language, "kinds").items()}
    # An English page names the poster's own (Spanish) words beside its translation.
    spanish_title = None if language == content_model.DEFAULT_LANGUAGE else site.tree(content_model.DEFAULT_LANGUAGE).get(node.id).title
    context = {
        "node": node,
        "path": tree.ancestors(node.id),
        "parent": tree.get(node.parent) if node.parent else None,
        "siblings": tree.siblings(node.id),
        "children": tree.children(node.id),
        "related": [tree.get(other) for other in node.related],
        "modules": site.training[language].modules_teaching(node.id),
        "ui": config.extra["ui"][language],
        "kinds": kinds,
        "spanish_title": spanish_title,
        "method_href": citation.method_href(language, page.url, config.use_directory_urls),
        "citation": citation.render(env, config, language, page.url, node.title, kinds[node.kind], spanish_title,
                                    node.pinpoint),
        "href": lambda target: get_relative_url(target.url, page.url),
    }
    top = env.get_template("partials/policy-path.html").render(context)
    foot = env.get_template("partials/policy-context.html").render(context)
    return top + "\n\n" + _before_sources(markdown, foot)


# MkDocs makes a new Jinja environment, with an empty template cache, on every call: compiling the
# two partials for each of the 78 policy pages was the slowest part of the build.
# One environment per language pass, kept in the build's state.
def _environment(config):
    return content_model.build_state(config, "policy_context.environment", config.theme.get_env)


# Puts the generated block before the page's sources, which stay last.
def _before_sources(markdown, block):
    match = _SOURCES_HEADING.search(markdown)
    if match is None:
        return markdown.rstrip() + "\n\n" + block + "\n"
    return markdown[: match.start()] + block + "\n\n" + markdown[match.start():]
