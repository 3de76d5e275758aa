"""Loads and validates the content model before anything is written to the site folder.

Validation runs in `on_pre_build` of the first (Spanish) pass: MkDocs cleans the output
folder only after that event, so a content mistake stops the build and the previous site
stays whole. The English pass reuses the same model.
"""

import content_model


# Load the model at the start of each full build (both languages are validated at once).
def on_pre_build(config, **kwargs):
    i18n = config.plugins.get("i18n")
    language = getattr(i18n, "current_language", None) or content_model.DEFAULT_LANGUAGE
    if language == content_model.DEFAULT_LANGUAGE or content_model.current() is None:
        content_model.load(config.docs_dir, config.use_directory_urls)
