"""Markdown settings the i18n plugin cannot translate, set for the language being built.

The i18n plugin runs the whole build once per language but leaves `markdown_extensions`
alone, so the heading anchors' tooltip would read Spanish on English pages.
"""

from mkdocs.plugins import event_priority


# After the i18n plugin (priority -100) has chosen this pass's language.
@event_priority(-200)
def on_config(config, **kwargs):
    language = config.plugins["i18n"].current_language
    config.mdx_configs.setdefault("toc", {})["permalink_title"] = _PERMALINK_TITLE[language]
    return config


_PERMALINK_TITLE = {"es": "Enlace a esta sección", "en": "Link to this section"}
