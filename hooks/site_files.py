"""Site-level files the i18n plugin gets wrong: one 404 page per language, and a sitemap
only when its addresses can be absolute.

The i18n plugin renders the theme's `404.html` into the site root in every language pass,
so the last pass (English) wins. Each pass's page is kept instead: Spanish at `/404.html`,
English at `/en/404.html`. Without `site_url` the sitemap would list addresses such as
`Noneacerca/`, so it is left out.
"""

import os

import content_model



# Moves this pass's 404 page to its language's folder; restores the default language's.
def on_post_build(config, **kwargs):
    language = content_model.language_of(config)
    root_page = os.path.join(config.site_dir, "404.html")
    not_found_pages = content_model.build_state(config, "site_files.not_found", dict, per_language=False)
    with open(root_page, encoding="utf-8") as page:
        not_found_pages[language] = page.read()
    for lang, content in not_found_pages.items():
        _write(_not_found_path(config.site_dir, lang), content)
    if not config.site_url:
        for name in ("sitemap.xml", "sitemap.xml.gz"):
            path = os.path.join(config.site_dir, name)
            if os.path.exists(path):
                os.remove(path)


def _not_found_path(site_dir, language):
    if language == content_model.DEFAULT_LANGUAGE:
        return os.path.join(site_dir, "404.html")
    return os.path.join(site_dir, language, "404.html")


def _write(path, content):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as out:
        out.write(content)
