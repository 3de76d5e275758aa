"""Bad content stops the build with one message naming the file, the field and the fix.

Each test breaks a copy of the real project in one way. `build_error` also checks that the
build exits without a traceback and leaves the previous site folder untouched.
"""

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
        "can look for. Fix: write 'every page', or a list of attributes in brackets and classes after a dot, "
        "quoted: ['[data-quiz]', '.diagram'].")


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
