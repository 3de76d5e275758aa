"""One catalogue of interface words (issue #16): hooks/data/words.<language>.yml. The templates,
renderers and scripts take their words from it, and nothing else holds a table of words; the
build's own check (every language has every key) is tested in test_reading_files.py."""

from __future__ import annotations

import re

import pytest

from conftest import LANGUAGES, ROOT
from content_model import catalogue

TEMPLATES = sorted((ROOT / "overrides").rglob("*.html"))
SCRIPTS = sorted(p for p in (ROOT / "overrides" / "assets" / "js").glob("*.js"))


def _template_keys() -> set[tuple[str, str]]:
    """(part, key) of every catalogue word a template names: `ui.x` or a `set name = ...ui[...]`
    alias, and `offer.x` for the job-offer check."""
    found = set()
    for path in TEMPLATES:
        text = path.read_text(encoding="utf-8")
        aliases = {"ui"} | set(re.findall(r"set (\w+) = config\.extra\.ui\[", text))
        for alias in aliases:
            found |= {("ui", key) for key in re.findall(rf"\b{alias}\.(\w+)", text)}
        found |= {("offer_check", key) for key in re.findall(r"\boffer\.(\w+)", text)}
    return found


def test_every_word_a_template_names_is_in_the_catalogue_in_every_language():
    keys = _template_keys()
    assert len(keys) > 30, keys  # the chrome: quick exit, reporting strip, search, citation...
    missing = [f"{part}.{key} ({language})" for part, key in sorted(keys) for language in LANGUAGES
               if key not in catalogue.words(language, part)]
    assert not missing, missing


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_no_script_keeps_a_table_of_words_or_a_phone_number(script):
    """A script's words come from the page (data-msg-* attributes written from the catalogue)."""
    text = script.read_text(encoding="utf-8")
    code = re.sub(r"/\*.*?\*/|//[^\n]*", "", text, flags=re.DOTALL)
    assert not re.search(r"\b(es|en)\s*:\s*[\[{\"']", code), "a table of words by language"
    assert "1818" not in code and "105" not in re.findall(r"\b\d{3,4}\b", code), "a phone number"


def test_the_parts_the_renderers_read_are_in_the_catalogue():
    parts = set()
    for path in (ROOT / "hooks").rglob("*.py"):
        parts |= set(re.findall(r"catalogue\.words\([^,]+, \"(\w+)\"\)", path.read_text(encoding="utf-8")))
    assert {"diagram", "region_map", "training", "kinds"} <= parts, parts
    for language in LANGUAGES:
        assert parts <= set(catalogue.catalogue()[language]), parts - set(catalogue.catalogue()[language])
