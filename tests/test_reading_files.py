"""One reader for every Markdown file (issue #16): UTF-8 with or without a byte-order mark, with
Windows or Unix line ends, is read; anything else stops the build with one message naming the
file, the line and the fix, and no traceback. The interface words are checked the same way."""

import re

import pytest

from conftest import build_error, edit, html, run_build

POLICY_PAGE = "docs/politica/cultura-rechazo.es.md"


def test_a_byte_order_mark_and_windows_line_ends_are_read_like_any_file(project):
    for name in (POLICY_PAGE, "docs/politica/cultura-rechazo.en.md", "docs/acerca.es.md"):
        path = project / name
        text = path.read_text(encoding="utf-8")
        path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    out = project / "site"
    result = run_build(project, out)
    assert result.returncode == 0, result.stdout + result.stderr
    assert html(out, "politica/cultura-rechazo/").h1.get_text(strip=True).startswith("Desarrollo de una cultura de rechazo")
    assert html(out, "acerca/").h1.get_text(strip=True) == "Acerca de este sitio"
    assert "\ufeff" not in (out / "acerca/index.html").read_text(encoding="utf-8")


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
    assert build_error(project) == (
        "docs/acerca.en.md, field 'title': this required field is missing. "
        "Fix: add 'title:' to the front matter, in English.")


def test_a_missing_interface_word(project):
    edit(project / "mkdocs.yml", "      search_close: Close\n", "")
    assert build_error(project) == (
        "mkdocs.yml, field 'extra.ui.en.search_close': this interface word is missing. "
        "Fix: add 'search_close:' under extra.ui.en (extra.ui.es has it).")


def test_a_language_without_interface_words(project):
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    start, end = text.index("    en:\n      quick_exit:"), text.index("\nplugins:")
    (project / "mkdocs.yml").write_text(text[:start] + text[end:], encoding="utf-8")
    assert build_error(project) == (
        "mkdocs.yml, field 'extra.ui.en': this language's interface words are missing. "
        "Fix: add 'extra.ui.en:' with the same keys as the other languages.")
