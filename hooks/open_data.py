"""Writes the policy as open data (JSON, its JSON Schema, CSV) into the built site, per language.

The files go into the folder of the "open data" page of the language being built
(`datos/` for Spanish, `en/datos/` for English; the i18n plugin keeps `site_dir` at the
site's root in both passes), so that page links to them by their bare file names. What
the files hold is decided in `renderers/open_data.py`; with `SITE_URL` set, their addresses
are absolute.
"""

import os

import content_model
from renderers import open_data

# The page that describes the files and links to them.
_PAGE = "datos.md"


# Writes this language's data files beside its open-data page, once the pages are built.
def on_post_build(config, **kwargs):
    language = content_model.language_of(config)
    site = content_model.site_for(config)
    folder = os.path.join(config.site_dir, content_model.page_folder(_PAGE, language, config.use_directory_urls))
    os.makedirs(folder, exist_ok=True)
    made = open_data.files(site.tree(language), site.regions[language], site.training[language], config.site_url)
    for name, text in made.items():
        with open(os.path.join(folder, name), "w", encoding="utf-8", newline="") as out:
            out.write(text)
