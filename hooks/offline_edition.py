"""The offline edition: the same site, laid out to be read from files (`make offline`).

A browser opening files does not turn "politica/" into "politica/index.html", so the offline
edition links every page by its file name, and its footer says when the copy was made (a USB
stick can travel for years). Everything else (search, the language switch, the quick exit's
local page) already works from files; tests/test_offline.py proves it.
"""

import datetime
import os


# `OFFLINE_EDITION=1 mkdocs build` sets `extra.offline_edition` (see mkdocs.yml).
def on_config(config, **kwargs):
    if config.extra.get("offline_edition"):
        config.use_directory_urls = False
        config.extra["build_date"] = _build_date().isoformat()
    return config


# SOURCE_DATE_EPOCH (reproducible builds) when set, else today, in UTC.
def _build_date():
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    now = (datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc) if epoch
           else datetime.datetime.now(datetime.timezone.utc))
    return now.date()
