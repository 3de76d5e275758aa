"""Loads and validates the content model before anything is written to the site folder.

Validation runs in `on_pre_build` of the first (Spanish) pass: MkDocs cleans the output
folder only after that event, so a content mistake stops the build and the previous site
stays whole. The English pass reuses the same model.
"""

import html
import logging
import re

from mkdocs.plugins import event_priority

import content_model
from content_model import catalogue


class _OneMessagePerMistake(logging.Filter):
    """MkDocs logs "Error reading page 'x.md':" before a hook's error raised while it renders a
    page; the error itself names the file, the problem and the fix. The bare line is dropped so
    that a mistake reads as one message."""

    _BARE = re.compile(r"^Error (reading|building) page '[^']*':$")

    def filter(self, record):
        return not self._BARE.match(record.getMessage())


_ONE_MESSAGE = _OneMessagePerMistake()


def on_startup(command, dirty, **kwargs):
    content_model.begin_command(command)


# The interface words, before the i18n plugin (-100) starts a nested pass. Each build's state is
# on its configuration (content_model.current_build): nothing is carried from one to the next.
@event_priority(900)
def on_config(config, **kwargs):
    if not content_model.in_nested_pass(config):
        _no_words_in_mkdocs_yml(config.extra)
    logging.getLogger("mkdocs.commands.build").addFilter(_ONE_MESSAGE)  # once: a filter is added once
    # The templates' words, from the one catalogue (hooks/data/words.*.yml), checked there:
    # every language has every key.
    for part in ("ui", "offer_check"):
        config.extra[part] = {language: catalogue.words(language, part) for language in content_model.LANGUAGES}
    return config


def _no_words_in_mkdocs_yml(extra) -> None:
    """Words written in mkdocs.yml's `extra.ui` (where they once were) would be silently replaced."""
    if "ui" in extra:
        raise content_model.ContentError("mkdocs.yml", "extra.ui", "the interface words are no longer kept here",
                                         f"move them under 'ui:' in {', '.join(map(catalogue.shown_name, content_model.LANGUAGES))}")


# Load the model at the start of each full build (both languages are validated at once), first of
# all hooks: the others only read it.
@event_priority(900)
def on_pre_build(config, **kwargs):
    i18n = config.plugins.get("i18n")
    language = getattr(i18n, "current_language", None) or content_model.DEFAULT_LANGUAGE
    if language == content_model.DEFAULT_LANGUAGE or content_model.model_of(config) is None:
        content_model.load(config)


# MkDocs and Material print a page's title as HTML (in <title>, the <h1>, the header, the
# navigation, the footer), and a title MkDocs takes from a '# heading' already is HTML text. The
# front matter's `title:` is plain text: escaped here, once, every place that prints it is safe.
def on_page_markdown(markdown, page, config, **kwargs):
    for field in ("title", "description", "tab_title"):
        if isinstance(page.meta.get(field), str):
            page.meta[field] = html.escape(page.meta[field], quote=True)
    return markdown
