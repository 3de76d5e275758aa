"""Call buttons from one data source (issue #26): hooks/data/call-lines.yml, the catalogue's `calls`
words, `<!-- call: ... -->` markers. Each button shows its number and its option, says that the call
is free only where the facts sheet says so, and never contains markup from the words; a public page
that links a number in its text without a button for it stops the build."""

from __future__ import annotations

import re

import pytest

from conftest import build_error, edit

from content_model import LANGUAGES, ContentError, calls, catalogue
from renderers import calls as render

# Facts sheet, section 5, read independently of the data file: number, option, free.
FACTS = {"1818": ("1", True), "105": (None, False), "100": (None, True), "0800-15170": (None, True)}
FREE = {"es": "gratis", "en": "free"}


def test_the_lines_are_the_facts_sheets_and_no_other():
    lines = calls.load().lines.values()
    assert {line.number: (line.option, line.free) for line in lines} == FACTS
    assert {line.tel for line in lines} == {"tel:1818", "tel:105", "tel:100", "tel:080015170"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_button_shows_its_number_and_option_and_says_free_only_where_it_is(language):
    for button in calls.load().buttons[language].values():
        number, (option, free) = button.line.number, FACTS[button.line.number]
        assert number in button.call and "{" not in button.call + button.what, button
        assert option is None or re.search(rf"\b{option}\b", button.call), button
        said_free = FREE[language] in f"{button.call} {button.what}".lower()
        assert said_free == free, button
        assert button.what.strip(), button


def test_a_group_is_a_block_and_a_line_is_one_inline_button():
    lines = calls.load()
    urgent = lines.for_marker("urgent", "es")
    assert [b.line.number for b in urgent] == ["1818", "105"]
    html = render.block(urgent)
    assert html.startswith('<div class="call-lines">') and html.count('class="call-button call-button--line"') == 2
    one = render.button(lines.for_marker("police", "en")[0])
    assert one.startswith('<a class="call-button call-button--line" href="tel:105"') and "<div" not in one


def test_the_words_are_escaped_on_the_button(monkeypatch):
    words = dict(catalogue.words("es", "calls"), report_what='<img src=x onerror="alert(1)"> & más')
    real = catalogue.words
    monkeypatch.setattr(catalogue, "words", lambda language, part: words if part == "calls" else real(language, part))
    html = render.button(calls.load().for_marker("report", "es")[0])
    assert "<img" not in html and "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; más" in html


# ---------------------------------------------------------------------------- bad data, one message each

def _data(tmp_path, text):
    path = tmp_path / "call-lines.yml"
    path.write_text(text, encoding="utf-8")
    return path


_GOOD = calls.FILE.read_text(encoding="utf-8")


def test_a_line_the_data_says_is_not_free_but_whose_words_say_free(tmp_path):
    path = _data(tmp_path, _GOOD.replace('    number: "100"\n    free: true', '    number: "100"\n    free: false'))
    with pytest.raises(ContentError) as error:
        calls.load(path)
    assert str(error.value) == (
        "hooks/data/words.es.yml, field 'calls.women_call': the words say 'gratis', and hooks/data/call-lines.yml "
        "does not say this line is free. Fix: take the word out: never promise what the facts sheet does not say.")


def test_a_free_line_whose_button_does_not_say_so(tmp_path, monkeypatch):
    words = dict(catalogue.words("es", "calls"), ombudsman_call="Llama al {number}")
    real = catalogue.words
    monkeypatch.setattr(catalogue, "words", lambda language, part: words if part == "calls" and language == "es" else real(language, part))
    with pytest.raises(ContentError) as error:
        calls.load()
    assert str(error.value) == (
        "hooks/data/words.es.yml, field 'calls.ombudsman_call': the line is free and the button does not say 'gratis'. "
        "Fix: say it on the button: 'gratis' (free calls are why she can call).")


def test_a_button_that_does_not_show_its_option(monkeypatch):
    words = dict(catalogue.words("en", "calls"), report_call="Call {number} free")
    real = catalogue.words
    monkeypatch.setattr(catalogue, "words", lambda language, part: words if part == "calls" and language == "en" else real(language, part))
    with pytest.raises(ContentError, match=r"^hooks/data/words.en.yml, field 'calls.report_call': the button does not "
                                           r"show \{option\}\. Fix: write \{option\} where the button says it"):
        calls.load()


@pytest.mark.parametrize("broken, message", [
    (('number: "105"', 'number: "1O5"'),
     "hooks/data/call-lines.yml, field 'lines.police.number': '1O5' is not a phone number. Fix: write the number as it "
     "is shown, in quotes, digits and hyphens only: \"0800-15170\"."),
    (("urgent: [report, police]", "urgent: [report, policia]"),
     "hooks/data/call-lines.yml, field 'groups.urgent': 'policia' is not one of the lines. Fix: use the lines' names: "
     "report, police, women, ombudsman."),
    (('    number: "105"\n    free: false', '    number: "105"'),
     "hooks/data/call-lines.yml, field 'lines.police.free': it does not say whether the call is free. Fix: write "
     "'free: true' only where the facts sheet says so, else 'free: false'."),
    (("  lines: [report, police, women, ombudsman]\n", "  lines: [report, police, women, ombudsman]\n  all: [report]\n"),
     "hooks/data/call-lines.yml, field 'all': pages cannot call this line or group: the marker table does not list it. "
     "Fix: add '\"all\": ANY_PAGE' under \"call\" in hooks/content_model/markers.py."),
], ids=["number", "group", "free", "marker-table"])
def test_a_mistake_in_the_lines_names_the_file_the_field_and_the_fix(tmp_path, broken, message):
    old, new = broken
    assert old in _GOOD
    with pytest.raises(ContentError) as error:
        calls.load(_data(tmp_path, _GOOD.replace(old, new)))
    assert str(error.value) == message


@pytest.mark.whole_build  # found only once a language pass has written its pages: a whole build
def test_a_public_page_that_links_a_number_without_its_button_stops_the_build(project):
    """The rule of the public pages: a number in a sentence may be a link, never the only way to call."""
    edit(project / "docs/publico/mitos-y-realidades.es.md", "\n<!-- call: report -->\n", "\n")
    assert build_error(project) == (
        "docs/publico/mitos-y-realidades.es.md: the number 1818 is only a small link in the text, with no call button "
        "on the page. Fix: add '<!-- call: report -->' (or a block: '<!-- call: lines -->') on a line of its own "
        "where she needs it.")

