"""One reader for every Markdown file (issue #16): UTF-8 with or without a byte-order mark, with
Windows or Unix line ends, is read; anything else stops the build with one message naming the
file, the line and the fix, and no traceback. The interface words are checked the same way."""

import re
import shutil

import pytest

import content_model
from conftest import LANGUAGES, WINDOWS_FILES, build_error, edit, html, load_error

POLICY_PAGE = "docs/politica/cultura-rechazo.es.md"


def test_a_byte_order_mark_and_windows_line_ends_are_read_like_any_file(published):
    """The published build has these files saved so (conftest.published)."""
    assert POLICY_PAGE in WINDOWS_FILES and "docs/acerca.es.md" in WINDOWS_FILES
    out = published.site
    assert html(out, "politica/cultura-rechazo/").h1.get_text(strip=True).startswith("Desarrollo de una cultura de rechazo")
    assert html(out, "acerca/").h1.get_text(strip=True) == "Acerca de este sitio"
    assert "\ufeff" not in (out / "acerca/index.html").read_text(encoding="utf-8")


def test_the_shared_disclosure_text_and_a_packs_part_saved_so_are_read_by_the_same_reader(published):
    """Issue #28: a byte-order mark in capacitacion/_revelacion.es.md used to hide its front matter
    from the pack's reader, which printed 'title: "Texto compartido…"' on every plan and pack."""
    from conftest import PACK_MODULE

    assert "docs/capacitacion/_revelacion.es.md" in WINDOWS_FILES and f"docs/{PACK_MODULE}/actividades.en.md" in WINDOWS_FILES
    for url in (f"{PACK_MODULE}/plan/", f"{PACK_MODULE}/paquete/", f"en/{PACK_MODULE}/paquete/"):
        text = html(published.site, url).select_one("article").get_text(" ")
        assert "Texto compartido" not in text and "Shared text" not in text and "title:" not in text, url
        assert "\ufeff" not in text and "\r" not in text, url
    plan = html(published.site, f"{PACK_MODULE}/plan/").select_one("article").get_text(" ")
    assert "Si alguien cuenta que vivió abuso o explotación" in plan


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_a_file_in_another_encoding(project, encoding):
    path = project / POLICY_PAGE
    path.write_bytes(path.read_text(encoding="utf-8").encode(encoding))
    message = build_error(project)
    line = next(n for n, text in enumerate(path.read_bytes().split(b"\n"), 1) if re.search(rb"[\x80-\xff]", text))
    assert message.startswith(f"{POLICY_PAGE}: line {line} is not UTF-8 text"), message
    assert message.endswith("Fix: save the file with the UTF-8 encoding (in most editors: Save as > Encoding > UTF-8).")


@pytest.mark.parametrize("before,where", [("\n", "line 2, after a blank line"), ("\n \n", "line 3, after 2 blank lines")])
def test_blank_lines_before_the_front_matter(project, before, where):
    path = project / POLICY_PAGE
    path.write_text(before + path.read_text(encoding="utf-8"), encoding="utf-8")
    assert build_error(project) == (
        f"{POLICY_PAGE}: the front matter starts on {where}. "
        "Fix: remove what comes before the first '---': it must be the file's first line.")


def test_a_key_written_twice(project):
    edit(project / POLICY_PAGE, "order: 1\n", "order: 1\norder: 2\n")
    message = build_error(project)
    assert re.fullmatch(rf"{re.escape(POLICY_PAGE)}, field 'order': the key 'order' appears twice "
                        r"\(lines \d+ and \d+\)\. Fix: keep one 'order:' line\.", message), message


def test_a_key_written_twice_in_a_list_item(project):
    page = "docs/capacitacion/que-es-la-trata/plan.es.md"
    edit(project / page, "    method: \"Plenaria\"\n", "    method: \"Plenaria\"\n    method: \"Otra\"\n")
    assert "field 'method': the key 'method' appears twice" in build_error(project)


@pytest.mark.parametrize("language", ["es", "en"])
def test_a_tab_in_the_front_matter(project, language):
    page = f"docs/politica/cultura-rechazo.{language}.md"
    edit(project / page, "title:", "title:\t")
    message = build_error(project)
    assert re.fullmatch(rf"{re.escape(page)}: line \d+ holds a tab character\. "
                        r"Fix: indent and separate with spaces, not tabs \(YAML does not allow tabs\)\.", message), message


def test_an_english_page_without_a_title(project):
    edit(project / "docs/acerca.en.md", 'title: "About this site"\n', "")
    assert load_error(project) == (
        "docs/acerca.en.md, field 'title': this required field is missing. "
        "Fix: add 'title:' to the front matter, in English.")


# ---------------------------------------------------------------------------- the catalogue of words
# One build shows the clean stop on a missing word; every other class of broken catalogue is
# checked on the catalogue's own reader (the build calls it first, in on_config).


def test_a_missing_interface_word_stops_the_build_naming_the_file_and_key(project):
    edit(project / "hooks/data/words.en.yml", "  search_close: Close\n", "")
    assert build_error(project) == (
        "hooks/data/words.en.yml, field 'ui.search_close': this interface word is missing. "
        "Fix: add 'search_close:' under 'ui:' (hooks/data/words.es.yml has it).")


def test_words_left_in_mkdocs_yml_stop_the_build_saying_where_they_go(project):
    edit(project / "mkdocs.yml", "  offline_edition:", "  ui:\n    es:\n      search: Buscar\n  offline_edition:")
    assert build_error(project) == (
        "mkdocs.yml, field 'extra.ui': the interface words are no longer kept here. "
        "Fix: move them under 'ui:' in hooks/data/words.es.yml, hooks/data/words.en.yml.")


def _broken_catalogue(tmp_path, monkeypatch, language: str, change) -> str:
    """The catalogue's reader on a copy of the real files, one of them changed; its one message."""
    from content_model import catalogue

    for lang in LANGUAGES:
        shutil.copy2(catalogue.FOLDER / f"words.{lang}.yml", tmp_path / f"words.{lang}.yml")
    path = tmp_path / f"words.{language}.yml"
    if change is None:
        path.unlink()
    else:
        path.write_bytes(change(path.read_bytes()))
    monkeypatch.setattr(catalogue, "FOLDER", tmp_path)
    with pytest.raises(content_model.ContentError) as raised:
        catalogue.catalogue()
    return str(raised.value)


@pytest.mark.parametrize("language, change, expected", [
    ("en", lambda b: b.replace(b"  search_close: Close\n", b""),
     "field 'ui.search_close': this interface word is missing. Fix: add 'search_close:' under 'ui:' (hooks/data/words.es.yml has it)"),
    ("es", lambda b: b.replace("  as_list: Ver como lista\n".encode(), b"  as_list: ''\n"),
     "field 'diagram.as_list': this interface word is missing"),
    ("es", lambda b: b.replace(b"\nkinds:\n", b"\nkinds_typo:\n"),
     "field 'kinds': this part of the interface words is missing. Fix: add 'kinds:' with the same keys as in hooks/data/words.en.yml"),
    ("en", lambda b: b.replace(b"  col_rank:\n  - ''\n  - Rank\n  - ''\n", b"  col_rank: Rank\n"),
     "field 'region_map.col_rank': this is a text, and in hooks/data/words.es.yml it is a list of 3 texts"),
    ("en", lambda b: b.replace(b"  search: Search\n", b"  search: Search\n  search: Look up\n"),
     "field 'search': the key 'search' appears twice"),
    ("es", lambda b: b.replace(b"  search: Buscar\n", b"  search:\tBuscar\n"), "holds a tab character"),
    ("es", lambda b: b.replace("Buscar".encode(), "Buscar".encode("latin-1") + b"\xf1", 1), "is not UTF-8 text"),
    ("en", lambda b: b"ui: [\n", "the file does not parse at line"),
    ("en", lambda b: b"- just a list\n", "the file is not a set of 'part: words' fields"),
    ("en", None, "the interface words of this language are missing"),
])
def test_every_broken_catalogue_is_named_with_its_file_field_and_fix(tmp_path, monkeypatch, language, change, expected):
    message = _broken_catalogue(tmp_path, monkeypatch, language, change)
    assert message.startswith(f"hooks/data/words.{language}.yml"), message
    assert expected in message and "Fix: " in message, message


def test_the_catalogue_accepts_a_byte_order_mark_and_windows_line_ends(tmp_path, monkeypatch):
    from content_model import catalogue

    for lang in LANGUAGES:
        text = (catalogue.FOLDER / f"words.{lang}.yml").read_bytes()
        (tmp_path / f"words.{lang}.yml").write_bytes(b"\xef\xbb\xbf" + text.replace(b"\n", b"\r\n"))
    real = catalogue.catalogue()
    monkeypatch.setattr(catalogue, "FOLDER", tmp_path)
    assert catalogue.catalogue() == real
