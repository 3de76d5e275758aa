"""Bad content stops the build with one message naming the file, the field and the fix.

Each test breaks a copy of the real project in one way. `build_error` also checks that the
build exits without a traceback and leaves the previous site folder untouched.
"""

import pytest

from conftest import build_error, edit


def test_front_matter_that_does_not_parse(project):
    """As a person meets it: the command `mkdocs build --strict`, its exit status and its output."""
    edit(project / "docs/politica/cultura-rechazo.es.md", "order: 1", "order: [1")
    assert build_error(project, command_line=True).startswith(
        "docs/politica/cultura-rechazo.es.md: the front matter does not parse at line")


def test_front_matter_that_is_not_closed(project):
    page = project / "docs/politica/cultura-rechazo.en.md"
    page.write_text(page.read_text(encoding="utf-8").replace("---\n", "", 2).replace("title:", "---\ntitle:", 1))
    assert build_error(project) == (
        "docs/politica/cultura-rechazo.en.md: the front matter is not closed. "
        "Fix: end the block with a line holding only '---'.")


def test_a_missing_required_field(project):
    edit(project / "docs/politica/cultura-rechazo.es.md", 'label: "Cultura de rechazo"\n', "")
    assert build_error(project) == (
        "docs/politica/cultura-rechazo.es.md, field 'label': this required field is missing. "
        "Fix: add 'label:' to the front matter (a short label of a few words for the diagram).")


def test_a_missing_english_title(project):
    edit(project / "docs/politica/cultura-rechazo.en.md", 'title: "Developing a culture of rejection"\n', "")
    assert build_error(project) == (
        "docs/politica/cultura-rechazo.en.md, field 'title': this required field is missing. "
        "Fix: add 'title:' in English (the full title).")


def test_an_unknown_parent(project):
    edit(project / "docs/politica/cultura-rechazo.es.md", "parent: reduccion-tolerancia", "parent: reduccion-tolerancia-social")
    message = build_error(project)
    assert message.startswith(
        "docs/politica/cultura-rechazo.es.md, field 'parent': no page has the id 'reduccion-tolerancia-social'. "
        "Fix: use the id of an existing general guideline: ")
    assert "reduccion-tolerancia," in message


def test_a_duplicate_id(project):
    edit(project / "docs/politica/cultura-rechazo.es.md", "id: cultura-rechazo", "id: cultura-denuncia")
    assert build_error(project) == (
        "docs/politica/cultura-rechazo.es.md, field 'id': the id 'cultura-denuncia' is already used by "
        "docs/politica/cultura-denuncia.es.md. Fix: give each page its own id.")


def test_a_specific_guideline_directly_under_an_axis(project):
    edit(project / "docs/politica/cultura-rechazo.es.md", "parent: reduccion-tolerancia", "parent: prevencion")
    assert build_error(project) == (
        "docs/politica/cultura-rechazo.es.md, field 'parent': a specific guideline cannot sit directly under "
        "the axis 'prevencion'. Fix: give the id of a general guideline as parent.")


def test_a_page_in_one_language_only(project):
    (project / "docs/politica/cultura-rechazo.en.md").unlink()
    assert build_error(project) == (
        "docs/politica/cultura-rechazo.es.md: the page has no English version. "
        "Fix: add docs/politica/cultura-rechazo.en.md (every page exists in both languages).")


def test_structure_declared_in_the_english_file(project):
    edit(project / "docs/politica/cultura-rechazo.en.md", "title:", "parent: prevencion\ntitle:")
    assert build_error(project) == (
        "docs/politica/cultura-rechazo.en.md, field 'parent': structure is declared only in the Spanish file. "
        "Fix: remove 'parent:' from the English file; keep it in docs/politica/cultura-rechazo.es.md.")


def test_an_unknown_kind(project):
    edit(project / "docs/politica/cultura-rechazo.es.md", "kind: specific", "kind: especifico")
    message = build_error(project)
    assert message.startswith("docs/politica/cultura-rechazo.es.md, field 'kind': 'especifico' is not a known kind. "
                              "Fix: use one of: axis, component, general, specific, transversal")


def test_two_siblings_with_the_same_order(project):
    edit(project / "docs/politica/cultura-rechazo.es.md", "order: 1", "order: 2")
    message = build_error(project)
    assert message.startswith("docs/politica/")
    assert "field 'order': '2' is also the order of its sibling" in message


def test_a_stylesheet_listed_in_mkdocs_yml_that_does_not_exist(project):
    edit(project / "mkdocs.yml", "    - file: assets/css/regions.css\n", "    - file: assets/css/region.css\n")
    assert build_error(project) == (
        "mkdocs.yml, field 'extra.assets': 'assets/css/region.css' is neither in overrides/ nor in docs/. "
        "Fix: create overrides/assets/css/region.css or remove its row.")


def test_a_script_whose_pages_are_not_said(project):
    edit(project / "mkdocs.yml", '      when: ["[data-quiz]", "[data-training-modules]"]\n', "      when: data-quiz\n")
    assert build_error(project) == (
        "mkdocs.yml, field 'extra.assets': 'assets/js/quiz.js': when: 'data-quiz' names no markup the bundle "
        "can look for. Fix: write 'every page' (or 'before the first paint', for a script that must run before "
        "the page is shown), or a list of attributes in brackets and classes after a dot, quoted: "
        "['[data-quiz]', '.diagram'].")


def test_a_stylesheet_said_to_run_before_the_first_paint(project):
    edit(project / "mkdocs.yml", "    - file: assets/css/print.css\n      when: every page\n",
         "    - file: assets/css/print.css\n      when: before the first paint\n")
    assert build_error(project) == (
        "mkdocs.yml, field 'extra.assets': 'assets/css/print.css': when: 'before the first paint' is for scripts. "
        "Fix: write 'when: every page': every stylesheet is read before the first paint.")


@pytest.mark.whole_build  # found once a page is rendered: a whole build
def test_scripts_to_run_before_the_first_paint_with_no_place_in_the_page(project):
    edit(project / "overrides/partials/javascripts/palette.html", "<!--asset-bundle:first-paint:", "<!--nothing:")
    message = build_error(project)
    assert message.startswith("overrides/") or message.startswith("docs/"), message
    assert message.endswith(
        ": the page has no place for the scripts run before the first paint, and the table has some. Fix: keep "
        "'<!--asset-bundle:first-paint:{{ \"assets/\" | url | e }}-->' where they must run "
        "(overrides/partials/javascripts/palette.html) and their rows 'when: before the first paint', or neither.")


def test_a_file_written_by_a_hook_that_is_not_one(project):
    edit(project / "mkdocs.yml", "      written by: hooks/training.py\n", "      written by: hooks/trainings.py\n")
    assert build_error(project) == (
        "mkdocs.yml, field 'extra.assets': 'assets/css/training-print.css': written by: 'hooks/trainings.py' is "
        "not one of the hooks. Fix: name the hook that writes it, as listed under 'hooks:', or remove the line "
        "and create the file in overrides/.")


@pytest.mark.whole_build  # found only once a language pass has written its pages: a whole build
def test_a_file_written_by_a_hook_that_never_hands_it_over(project):
    edit(project / "mkdocs.yml", "    - file: assets/css/slides.css\n",
         "    - file: assets/css/notes.css\n      when: ['.diagram']\n      written by: hooks/share.py\n"
         "    - file: assets/css/slides.css\n")
    assert build_error(project) == (
        "mkdocs.yml, field 'extra.assets': 'assets/css/notes.css' is written by hooks/share.py, which did not "
        "hand it over in this build. Fix: have hooks/share.py call content_model.hand_to_bundle(config, "
        "'assets/css/notes.css', text) before the site is written, or remove 'written by' and create the file.")


def test_a_script_listed_the_old_way(project):
    edit(project / "mkdocs.yml", "extra:\n  # Our stylesheets", "extra_javascript:\n  - assets/js/x.js\n\nextra:\n  # Our stylesheets")
    assert build_error(project) == (
        "mkdocs.yml, field 'extra_javascript': 'assets/js/x.js' is listed there. Fix: list it in extra.assets "
        "with the pages that need it (every page, or the markup they hold), and leave extra_css and "
        "extra_javascript out.")


def test_an_axis_with_a_parent_is_named_with_the_right_article(project):
    edit(project / "docs/politica/prevencion.es.md", "kind: axis\n", "kind: axis\nparent: persecucion\n")
    assert build_error(project) == (
        "docs/politica/prevencion.es.md, field 'parent': an axis has no parent. Fix: remove the 'parent:' line.")


# ---------------------------------------------------------------------------- every file the build reads (issue #28)
# One broken input per line: (what, [(file, text written, text it replaces) ...], the message's start).
# Each stops the build with one message naming the file and the fix, no traceback, the previous
# site untouched (build_error). A file under hooks/data/ is read by the hooks' own packages, so
# those copies are built by the real command (slower: they are few).

MODULE = "docs/capacitacion/que-es-la-trata"
BROKEN = [
    # pages: a key a page's kind does not have names the nearest known one
    ("a misspelt key on a policy page", [("docs/politica/cultura-rechazo.es.md", "related:", "relatd:")],
     "docs/politica/cultura-rechazo.es.md, field 'relatd': this is not a field of a specific guideline page, and what "
     "it holds would be lost. Fix: write 'related:' (the nearest known field), or remove the line; "),
    ("a misspelt key in an English file", [("docs/politica/cultura-rechazo.en.md", "summary:", "sumary:")],
     "docs/politica/cultura-rechazo.en.md, field 'sumary': this is not a field of a specific guideline page"),
    ("a misspelt key on an ordinary page", [("docs/acerca.es.md", "title:", "description: x\ntitel:")],
     "docs/acerca.es.md, field 'titel': this is not a field of an ordinary page (no 'kind:'), and what it holds would "
     "be lost. Fix: write 'title:' (the nearest known field)"),
    ("a key no page kind has", [("docs/acerca.en.md", "title:", "colour: red\ntitle:")],
     "docs/acerca.en.md, field 'colour': this is not a field of an ordinary page (no 'kind:'), and what it holds would "
     "be lost. Fix: remove the line, or use one of the fields an ordinary page (no 'kind:') may carry: title, description"),
    ("a misspelt key on a region page", [("docs/regiones/lima.es.md", "ubigeo:", "ubigo:")],
     "docs/regiones/lima.es.md, field 'ubigo': this is not a field of a region page"),
    ("a misspelt national total", [("docs/regiones/index.es.md", "total_2007_2014:", "total_2007_2104:")],
     "docs/regiones/index.es.md, field 'total_2007_2104': this is not a field of an ordinary page (no 'kind:'), and what "
     "it holds would be lost. Fix: write 'total_2007_2014:' (the nearest known field)"),
    ("a misspelt key on a module", [(f"{MODULE}/index.es.md", "audiences:", "audience:")],
     f"{MODULE}/index.es.md, field 'audience': this is not a field of a module page"),
    ("a misspelt key in a plan's step", [(f"{MODULE}/plan.es.md", "    key_message:", "    key_mesage:")],
     f"{MODULE}/plan.es.md, field 'steps': 'key_mesage' is not a field of step 1, and what it holds would be lost. "
     "Fix: write 'key_message:' (the nearest known field)"),
    ("a misspelt key in a quiz's question", [(f"{MODULE}/cuestionario.en.md", "    explanation:", "    explanaton:")],
     f"{MODULE}/cuestionario.en.md, field 'questions': 'explanaton' is not a field of question 1"),
    ("a key on a pack", [(f"{MODULE}/paquete.es.md", "title:", "titulo: x\ntitle:")],
     f"{MODULE}/paquete.es.md, field 'titulo': this is not a field of a trainer's pack page"),
    # pages: characters no editor shows
    ("a NUL in a page's text", [("docs/acerca.es.md", "Este sitio explica", "Este sitio\x00 explica")],
     "docs/acerca.es.md: line 5, column 11 holds an invisible control character (U+0000, NUL). Fix: delete it"),
    ("a C1 control from a mis-decoded dash", [("docs/politica/cultura-rechazo.en.md", "normal or", "normal\x96 or")],
     "docs/politica/cultura-rechazo.en.md: line 7, column"),
    ("an escape in a title", [("docs/acerca.en.md", 'title: "About', 'title: "\x1b[1mAbout')],
     "docs/acerca.en.md: line 2, column 9 holds an invisible control character (U+001B, escape)"),
    ("a form feed in the shared disclosure text", [("docs/capacitacion/_revelacion.es.md", "---\n\n", "---\n\n\x0c")],
     "docs/capacitacion/_revelacion.es.md: line 7, column 1 holds an invisible control character (U+000C, form feed)"),
    # the shared disclosure text through the one reader: its front matter is front matter
    ("a disclosure text whose front matter is not closed",
     [("docs/capacitacion/_revelacion.en.md", "---\n\n", "\n\n")],
     "docs/capacitacion/_revelacion.en.md: the front matter is not closed. Fix: end the block with a line holding only '---'."),
    ("a key on the disclosure text", [("docs/capacitacion/_revelacion.es.md", "title:", "titulo: x\ntitle:")],
     "docs/capacitacion/_revelacion.es.md, field 'titulo': this is not a field of an ordinary page"),
    # the synonyms
    ("a tab in the synonyms", [("docs/search/sinonimos.es.yml", "- [", "-\t[")],
     "docs/search/sinonimos.es.yml: line "),
    ("a key twice in the synonyms", [("docs/search/synonyms.en.yml", "- [", "- {a: 1, a: 2}\n- [")],
     "docs/search/synonyms.en.yml, field 'a': the key 'a' appears twice"),
    # a page links a mirror of a publisher's site (hooks/data/source-hosts.yml)
    ("a link to a preview host", [("docs/acerca.es.md", "https://archivo.inforegion.pe/", "https://beta.inforegion.pe/")],
     "docs/acerca.es.md: line {line} links to 'beta.inforegion.pe', a preview or mirror copy of a publisher's site "
     "(listed under 'mirrors:' in hooks/data/source-hosts.yml). Fix: link the publisher's own address"),
    # mkdocs.yml
    ("the interface words back in mkdocs.yml", [("mkdocs.yml", "extra:\n", "extra:\n  ui:\n    quick_exit: Salir\n")],
     "mkdocs.yml, field 'extra.ui': the interface words are no longer kept here. Fix: move them under 'ui:'"),
    # (a nav entry without its colon is a strict warning: test_atomic_build.py builds it with the others)
]
# The same for the data files of hooks/data/ (built by the real command).
BROKEN_DATA = [
    ("a department without its abbreviation", [("hooks/data/peru-regions.yml", "abbr: AMA, ", "")],
     "hooks/data/peru-regions.yml, field '[1]': a department needs exactly 'code', 'name', 'abbr', 'col', 'row'. "
     "Fix: write it as '- {code: \"15\", name: \"Lima\", abbr: LIM, col: 1, row: 4}'."),
    ("an unquoted department code", [("hooks/data/peru-regions.yml", 'code: "16"', "code: 16")],
     "hooks/data/peru-regions.yml, field '[16].code': 16 is not a quoted two-digit INEI code"),
    ("two departments on one tile", [("hooks/data/peru-regions.yml", "abbr: LOR, col: 3, row: 0", "abbr: LOR, col: 2, row: 1")],
     "hooks/data/peru-regions.yml, field '[16]': Loreto and Amazonas share the tile at col 2, row 1. Fix: give each "
     "department its own place on the grid."),
    ("a key twice in a department", [("hooks/data/peru-regions.yml", 'name: "Amazonas",', 'name: "Amazonas", name: "Amazonía",')],
     "hooks/data/peru-regions.yml, field 'name': the key 'name' appears twice (lines 12 and 12)"),
    ("a tab in the districts", [("hooks/data/prosecution-districts.yml", '  - {name: "Sullana",', '\t- {name: "Sullana",')],
     "hooks/data/prosecution-districts.yml: line 25 holds a tab character. Fix: indent and separate with spaces"),
    ("a misspelt key in the districts", [("hooks/data/prosecution-districts.yml", "source:", "sourse:")],
     "hooks/data/prosecution-districts.yml, field 'sourse': this is not a field of the districts file"),
    ("a control character in the words", [("hooks/data/words.en.yml", "  search_close: Close", "  search_close: Clo\x07se")],
     "hooks/data/words.en.yml: line {line}, column 20 holds an invisible control character (U+0007)"),
    ("a host list that is not a list", [("hooks/data/source-hosts.yml", "mirrors:\n", "mirrors: beta.example.pe\nold_mirrors:\n")],
     "hooks/data/source-hosts.yml, field 'old_mirrors': this is not a field of the hosts file"),
]


def _break(project, changes):
    for file, old, new in changes:
        edit(project / file, old, new)


def _expected(project, changes, expected: str) -> str:
    """The message, with '{line}' the line of the first edit (where the file's lines move as it grows)."""
    if "{line}" not in expected:
        return expected
    file, old, _ = changes[0]
    text = (project / file).read_text(encoding="utf-8")
    return expected.replace("{line}", str(text[:text.index(old)].count("\n") + 1))


@pytest.mark.parametrize("what,changes,expected", BROKEN, ids=[case[0] for case in BROKEN])
def test_a_broken_input_stops_the_build_with_one_message(project, what, changes, expected):
    expected = _expected(project, changes, expected)
    _break(project, changes)
    message = build_error(project)
    assert message.startswith(expected), message
    assert "Traceback" not in message


@pytest.mark.parametrize("what,changes,expected", BROKEN_DATA, ids=[case[0] for case in BROKEN_DATA])
def test_a_broken_data_file_stops_the_build_with_one_message(project, what, changes, expected):
    expected = _expected(project, changes, expected)
    _break(project, changes)
    message = build_error(project)
    assert message.startswith(expected), message
