"""What the i18n plugin and Markdown read per language, set from the one catalogue of words.

The i18n plugin runs the whole build once per language but leaves `markdown_extensions`
alone, so the heading anchors' tooltip would read Spanish on English pages: it is the
catalogue's `ui.permalink_title`. The navigation's section titles (`nav:` in mkdocs.yml names
them in Spanish) are translated by the plugin's `nav_translations`, which this hook fills from
the catalogue's `nav` part rather than mkdocs.yml, so a language's words live in one file.
mkdocs.yml's languages are checked against base.py's LANGUAGES, the one list the hooks read.
"""

from mkdocs.plugins import event_priority

import content_model
from content_model import catalogue


# After the i18n plugin (priority -100) has chosen this pass's language.
@event_priority(-200)
def on_config(config, **kwargs):
    i18n = config.plugins["i18n"]
    _check_languages(i18n)
    language = i18n.current_language
    # The language's folder ('' for Spanish, 'en/'...), which templates put before a site address.
    config.extra["language_folder"] = content_model.page_folder("index.md", language, config.use_directory_urls)
    config.mdx_configs.setdefault("toc", {})["permalink_title"] = catalogue.words(language, "ui")["permalink_title"]
    # The plugin translates the navigation in on_nav, from this pass's language's settings; in
    # Spanish too, so mkdocs.yml's `nav:` titles are names and the words are the catalogue's.
    i18n.current_language_config.nav_translations = dict(catalogue.words(language, "nav"))
    return config


def _check_languages(i18n) -> None:
    """mkdocs.yml lists the languages the plugin builds, and base.py's LANGUAGES the ones the
    content model reads: the same, or a language would be built without its words or pages."""
    listed = [language.locale for language in i18n.config.languages]
    if listed != list(content_model.LANGUAGES) or i18n.default_language != content_model.DEFAULT_LANGUAGE:
        raise content_model.ContentError(
            "mkdocs.yml", "plugins.i18n.languages", f"the languages are {', '.join(listed)}, and "
            f"hooks/content_model/base.py's LANGUAGES are {', '.join(content_model.LANGUAGES)}",
            f"list the same languages in the same order in both, {content_model.DEFAULT_LANGUAGE} first "
            "(README.md, 'Adding things', 'A language')")
    for language in i18n.config.languages:
        theirs = language.nav_translations
        if theirs and theirs != catalogue.words(language.locale, "nav"):  # what this hook sets is allowed
            raise content_model.ContentError(
                "mkdocs.yml", f"plugins.i18n.languages.{language.locale}.nav_translations",
                "the navigation's titles are no longer translated here",
                f"write them under 'nav:' in {catalogue.shown_name(language.locale)}")
