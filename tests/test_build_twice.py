"""Nothing a build computes survives into the next one (issue #16): `mkdocs serve` rebuilds in one
process, loading the configuration again each time, and a failed build must leave no trace."""

import json
import os
import re

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from conftest import snapshot

import content_model
from content_model.training import PACK, SHORT_PACK

pytestmark = pytest.mark.whole_build  # three builds of the whole site


def _build(project, site_dir):
    """One build in this process, as `mkdocs serve` makes it: a fresh configuration, then build()."""
    cwd = os.getcwd()
    os.chdir(project)
    try:
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(site_dir))
        build(config)
        return config
    finally:
        os.chdir(cwd)


def _index(site_dir, language):
    """The language's search list (hooks/search_index.py): pages are [url, title, boost]."""
    text = (site_dir / "search" / f"index.{language}.js").read_text(encoding="utf-8")
    found = re.fullmatch(r"\(window\.__siteSearchIndexes=window\.__siteSearchIndexes\|\|\{\}\)\[\"(\w+)\"\]=(.*);\n",
                         text, re.DOTALL)
    assert found and found.group(1) == language, text[:200]
    return json.loads(found.group(2))


def test_two_builds_in_one_process_with_a_failed_one_between_are_identical(project, tmp_path):
    first, failed, second = tmp_path / "first", tmp_path / "failed", tmp_path / "second"
    first_model = content_model.model_of(_build(project, first))

    page = project / "docs/seguridad.en.md"
    good = page.read_text(encoding="utf-8")
    page.write_text(good + "\n\n<p onclick=\"x()\">x</p>\n", encoding="utf-8")
    with pytest.raises(Exception, match="Aborted with a BuildError"):  # the hook refused the page
        _build(project, failed)
    page.write_text(good, encoding="utf-8")

    assert content_model.model_of(_build(project, second)) is not first_model, "the model was not loaded again"
    assert snapshot(second) == snapshot(first)
    for language in content_model.LANGUAGES:
        urls = [entry[0] for entry in _index(second, language)["pages"]]
        assert len(urls) == len(set(urls)), f"a page is listed twice in the {language} search index"
        built = {p.relative_to(second).parent.as_posix() + "/" for p in second.rglob("index.html")}
        built = {"" if url == "./" else url for url in built}
        # Every page of the language but the trainer's packs (full and 45-minute), which repeat their module's pages.
        expected = {url for url in built if (url.startswith("en/") or url == "en/") == (language == "en")
                    and not url.endswith((f"/{PACK}/", f"/{SHORT_PACK}/"))}
        assert set(urls) == expected
