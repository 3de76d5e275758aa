"""One marker grammar (issue #16): a mistyped or unknown marker, or one inside a line, stops the
build naming the file and the known markers, instead of a block silently missing from the page."""

import pytest

from conftest import edit, load_error

import content_model
from content_model import markers

OVERVIEW = "docs/politica/index.es.md"
REGION = "docs/regiones/lima.es.md"
ALL_KNOWN = ", ".join(markers.known_in(family) for family in markers.KNOWN)

MISTYPED = [
    # (file, the marker as written there, the mistyped one, what the message says)
    (OVERVIEW, "<!-- diagram: full -->", "<!-- Diagram: full -->",
     "'<!-- Diagram: full -->' is not a known marker (markers are written in lowercase). Fix: write '<!-- diagram: full -->'."),
    (OVERVIEW, "<!-- diagram: full -->", "<!-- DIAGRAM: FULL -->",
     "'<!-- DIAGRAM: FULL -->' is not a known marker (markers are written in lowercase). Fix: write '<!-- diagram: full -->'."),
    (OVERVIEW, "<!-- diagram: full -->", "<!-- diagrama: full -->",
     f"'<!-- diagrama: full -->' is not a known marker (did you mean '<!-- diagram: full -->'?). Fix: use one of: {ALL_KNOWN}."),
    (REGION, "<!-- regions: figures -->", "<!-- region: figures -->",
     f"'<!-- region: figures -->' is not a known marker (did you mean '<!-- regions: figures -->'?). Fix: use one of: {ALL_KNOWN}."),
    (REGION, "<!-- regions: figures -->", "<!-- regions: Figures -->",
     "'<!-- regions: Figures -->' is not a known marker (markers are written in lowercase). Fix: write '<!-- regions: figures -->'."),
    (REGION, "<!-- regions: figures -->", "<!-- regions: figuras -->",
     "'<!-- regions: figuras -->' is not a known marker. Fix: use one of: <!-- regions: index -->, <!-- regions: figures -->, <!-- regions: caveat -->."),
    (REGION, "<!-- regions: figures -->", "<!-- mapa: regiones -->",
     f"'<!-- mapa: regiones -->' is not a known marker. Fix: use one of: {ALL_KNOWN}."),
    ("docs/capacitacion/que-es-la-trata/plan.en.md", "<!-- training: plan -->", "<!--training:Plan-->",
     "'<!--training:Plan-->' is not a known marker (markers are written in lowercase). Fix: write '<!-- training: plan -->'."),
]


@pytest.mark.parametrize("file,marker,mistyped,message", MISTYPED, ids=[m[2] for m in MISTYPED])
def test_a_mistyped_or_unknown_marker_stops_the_build(project, file, marker, mistyped, message):
    edit(project / file, marker, mistyped)
    assert load_error(project) == f"{file}: {message}"


@pytest.mark.parametrize("file,marker", [(OVERVIEW, "<!-- diagram: full -->"), (REGION, "<!-- regions: figures -->"),
                                         ("docs/capacitacion/que-es-la-trata/index.en.md", "<!-- training: overview -->"),
                                         ("docs/politica/completa.es.md", "<!-- policy: whole -->")])
def test_a_marker_inside_a_paragraph_stops_the_build(project, file, marker):
    """A region marker inside a paragraph used to put a <div> inside a <p>."""
    edit(project / file, marker, "See the figures: " + marker)
    family = marker.split()[1].rstrip(":")
    line = next(n for n, text in enumerate((project / file).read_text(encoding="utf-8").split("\n"), 1) if marker in text)
    assert load_error(project) == (
        f"{file}: a '<!-- {family}: ... -->' marker shares its line with other text (line {line}). "
        f"Fix: put each {family} marker on a line of its own, with a blank line before and after.")


def test_every_marker_in_the_docs_is_in_the_table():
    site = content_model.load_site(content_model_docs())
    used = {(m.family, m.name) for found in site.markers.values() for m in found}
    table = {(family, name) for family in markers.KNOWN for name in markers.names(family)}
    assert used and used <= table


def test_a_new_row_in_the_table_is_a_known_marker(monkeypatch):
    """Adding a marker (say a training one for handouts) is a row in markers.KNOWN."""
    with pytest.raises(content_model.ContentError, match="is not a known marker"):
        markers.parse("Lead.\n\n<!-- training: handouts -->\n", "docs/x.es.md")
    monkeypatch.setitem(markers.KNOWN, "training", {**markers.KNOWN["training"], "handouts": ("slides",)})
    assert markers.parse("Lead.\n\n<!-- training: handouts -->\n", "docs/x.es.md") == (
        markers.Marker("training", "handouts", 3),)
    assert markers.belongs("training", "handouts", "slides") and not markers.belongs("training", "handouts", "quiz")


def test_comments_that_are_not_shaped_like_markers_are_left_alone():
    assert markers.parse("<!-- a note: to be checked -->\n\n<!-- TODO -->\n", "docs/x.es.md") == ()


def content_model_docs():
    from conftest import ROOT
    return ROOT / "docs"
