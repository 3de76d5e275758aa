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


# `mkdocs serve` runs the hook files again for each rebuild, but not the packages they import.
def _say_when_a_restart_is_needed():
    changed = content_model.changed_package_files()
    if changed:
        logging.getLogger("mkdocs").warning(
            f"{', '.join(changed)} changed since 'make serve' started, and Python keeps the old code of "
            "hooks/content_model/ and hooks/renderers/: stop 'make serve' (Ctrl+C) and start it again")


# A new build's state, made first of all (before the i18n plugin, -100, starts a nested pass).
@event_priority(900)
def on_config(config, **kwargs):
    i18n = config.plugins.get("i18n")
    if not getattr(i18n, "building", False):  # the first language pass: a new build
        content_model.begin_build()
        _say_when_a_restart_is_needed()
    logging.getLogger("mkdocs.commands.build").addFilter(_ONE_MESSAGE)  # once: a filter is added once
    check_interface_words(config.extra.get("ui"))
    return config


def check_interface_words(ui):
    """Every language has every interface word of `extra.ui` (a missing one would print nothing)."""
    if not isinstance(ui, dict):
        raise content_model.ContentError("mkdocs.yml", "extra.ui", "the interface words are missing",
                                         "add 'extra: ui:' with one set of words per language")
    keys = list(dict.fromkeys(key for language in content_model.LANGUAGES
                              for key in (ui.get(language) or {}) if isinstance(ui.get(language), dict)))
    for language in content_model.LANGUAGES:
        words = ui.get(language)
        if not isinstance(words, dict):
            raise content_model.ContentError("mkdocs.yml", f"extra.ui.{language}", "this language's interface words are missing",
                                             f"add 'extra.ui.{language}:' with the same keys as the other languages")
        for key in keys:
            if not isinstance(words.get(key), str) or not words[key].strip():
                other = next(lang for lang in content_model.LANGUAGES if isinstance((ui.get(lang) or {}).get(key), str))
                raise content_model.ContentError("mkdocs.yml", f"extra.ui.{language}.{key}", "this interface word is missing",
                                                 f"add '{key}:' under extra.ui.{language} (extra.ui.{other} has it)")


# Load the model at the start of each full build (both languages are validated at once), first of
# all hooks: the others only read it.
@event_priority(900)
def on_pre_build(config, **kwargs):
    i18n = config.plugins.get("i18n")
    language = getattr(i18n, "current_language", None) or content_model.DEFAULT_LANGUAGE
    if language == content_model.DEFAULT_LANGUAGE or content_model.current() is None:
        content_model.load(config.docs_dir, config.use_directory_urls)


# MkDocs and Material print a page's title as HTML (in <title>, the <h1>, the header, the
# navigation, the footer), and a title MkDocs takes from a '# heading' already is HTML text. The
# front matter's `title:` is plain text: escaped here, once, every place that prints it is safe.
def on_page_markdown(markdown, page, config, **kwargs):
    for field in ("title", "description"):
        if isinstance(page.meta.get(field), str):
            page.meta[field] = html.escape(page.meta[field], quote=True)
    return markdown
