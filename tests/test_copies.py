"""A copy is labelled as a copy, every time (issue 25): the build stops on a link to a document-sharing
host or to a reprint on a news or legal site whose source line does not say "copia"/"copy", name the
original's publisher and, where the official address is known, give it first. The rules run on each
page's Markdown (content_model/sources.py) and on the HTML hooks generate (hooks/source_links.py);
each class has a case here, on the checker itself and on a broken copy of the project."""

from __future__ import annotations

import pytest

from conftest import build_error, edit, load_error

from content_model import ContentError, sources

AND = "https://elregionalpiura.com.pe/index.php/nacionales/156-regiones/3569-cerca-de-2-000-denuncias-por-trata-de-personas-se-registran-en-peru"
LPD = "https://lpderecho.pe/aprueban-politica-nacional-trata-personas-decreto-supremo-009-2021-in"
GOB = "https://www.gob.pe/77168"
DS16 = "https://es.scribd.com/document/585302292/DS-Nro-001-2016-IN-LEY-28950"
ECOI = "https://www.ecoi.net/de/dokument/2077642.html"
FDOC = "https://fdocuments.es/document/trata-de-personas-y-responsabilidades-estatales-.html"


def _check(line: str, language: str = "es") -> None:
    sources.check_markdown(f"---\ntitle: x\n---\n\nLead.\n\n{line}\n", "docs/x.md", language)


def _refused(line: str, language: str = "es") -> str:
    with pytest.raises(ContentError) as error:
        _check(line, language)
    return str(error.value)


# ---------------------------------------------------------------------------- the checker


@pytest.mark.parametrize("line", [
    f"- Ministerio del Interior, Decreto Supremo 001-2016-IN, copia en Scribd: <{DS16}>",
    f"- Ministerio del Interior: [Decreto Supremo 001-2016-IN (copia en Scribd)]({DS16}).",
    f"Un dato del texto ([Agencia Andina, copia en El Regional de Piura]({AND})).",
    f"[Defensoría del Pueblo (copia en fdocuments)]({FDOC}) · [Polaris](https://polarisproject.org/blog/x/)",
    f"- DS 009-2021-IN (El Peruano): página oficial <{GOB}>; copia en LP Derecho: <{LPD}>",
    "Código: `https://es.scribd.com/document/1/x` no es un enlace.",
    "- LP Derecho, comentario propio: <https://lpderecho.pe/problemas-concursales-delitos-explotacion-sexual-trata-personas-acuerdo-plenario-06-2019-cj-116/>",
])
def test_a_labelled_copy_an_address_in_code_and_a_hosts_own_article_pass(line):
    _check(line)


def test_a_copy_on_a_document_sharing_site_must_say_it_is_a_copy():
    assert _refused(f"- Ministerio del Interior, Decreto Supremo 001-2016-IN: <{DS16}>") == (
        f"docs/x.md, line 7: the link {DS16} is a copy on Scribd, and its source line does not say that it is a copy. "
        "Fix: write the publisher, the word for a copy and the official address first in the same line (or "
        f"parenthesis) as the link, e.g. 'Ministerio del Interior, <title>: copia en Scribd: <{DS16}>'.")


def test_a_copy_must_name_the_originals_publisher_not_the_host():
    assert "nor" not in _refused(f"- Scribd: [Decreto Supremo 001-2016-IN, copia en Scribd]({DS16}).")
    assert "does not name the original's publisher ('Ministerio del Interior')" in \
        _refused(f"- Scribd: [Decreto Supremo 001-2016-IN, copia en Scribd]({DS16}).")


def test_a_reprint_on_a_news_site_must_say_it_is_a_copy_and_name_the_agency():
    message = _refused(f"- El Regional Piura, denuncias 2007-2014: <{AND}>")
    assert message.startswith(f"docs/x.md, line 7: the link {AND} is a copy on El Regional de Piura, and its source "
                              "line does not say that it is a copy, nor name the original's publisher ('Agencia Andina').")


def test_a_reprinted_decree_must_give_the_official_address_first():
    message = _refused(f"- Decreto Supremo 009-2021-IN (El Peruano), copia en LP Derecho: <{LPD}>")
    assert message.startswith(f"docs/x.md, line 7: the link {LPD} is a copy on LP Derecho, and its source line does "
                              f"not give the official address first ({GOB}).")
    # After the copy is not first.
    assert "official address first" in _refused(f"- DS 009-2021-IN (El Peruano), copia en LP Derecho: <{LPD}>; oficial: <{GOB}>")


def test_a_reports_copy_on_ecoi_must_name_the_state_department():
    assert "('Departamento de Estado de los Estados Unidos')" in _refused(f"- Informe de 2022, copia en ecoi.net: <{ECOI}>")
    _check(f"- The report (US State Department, 2022; copy on ecoi.net): <{ECOI}>", "en")


def test_a_copy_is_labelled_in_the_pages_own_language():
    assert "does not say that it is a copy" in _refused(f"- Ministry of the Interior, SD 001-2016-IN, copia en Scribd: <{DS16}>", "en")
    assert "Ministry of the Interior" in _refused(f"- Ministerio del Interior, SD 001-2016-IN, copy on Scribd: <{DS16}>", "en")


def test_the_label_of_another_link_on_the_line_does_not_count():
    # The copy word sits in the other link's parenthesis, not in this one's part of the list.
    assert "does not say that it is a copy" in _refused(
        f"[Defensoría del Pueblo (fdocuments)]({FDOC}) · [Agencia Andina (copia en El Regional de Piura)]({AND})")
    assert "does not say that it is a copy" in _refused(
        f"Datos de la fiscalía ([Agencia Andina]({AND})), y luego una copia en otra parte.")


def test_an_unknown_address_on_a_copies_or_a_reprints_host_stops_until_its_publisher_is_listed():
    assert _refused("- Alguien, copia en Scribd: <https://es.scribd.com/document/1/nuevo>") == (
        "docs/x.md, line 7: the link https://es.scribd.com/document/1/nuevo is on Scribd, a document-sharing site, and "
        "hooks/data/source-hosts.yml does not say whose document it is. Fix: add the address under 'documents:' in "
        "hooks/data/source-hosts.yml with the original's publisher (and its official address, if one is known); an "
        "article of the host's own goes in its 'own:' list.")
    assert "a site that reprints documents published by others" in _refused("- LP Derecho: <https://lpderecho.pe/otra-norma>")


def test_generated_html_is_checked_by_its_block_of_text():
    sources.check_html(f'<p>Cifras en: <a href="{AND}">Agencia Andina, copia en El Regional de Piura</a>.</p>',
                       "docs/regiones/lima.es.md", "es")
    with pytest.raises(ContentError, match=r"\(in the HTML a hook generated\): the link .* does not say that it is a copy"):
        sources.check_html(f'<ul><li>Fuente: <a href="{AND}">Agencia Andina</a></li></ul>', "docs/regiones/lima.es.md", "es")


def test_a_generated_copy_is_labelled_from_the_registry():
    assert sources.label(AND, "es") == "Agencia Andina, copia en El Regional de Piura"
    assert sources.label(AND, "en") == "Agencia Andina, copy on El Regional de Piura"
    assert sources.label("https://rpp.pe/x", "es") is None


# ---------------------------------------------------------------------------- the build stops


def test_an_unlabelled_copy_stops_the_build_naming_the_file_the_line_and_the_link(project):
    page = project / "docs/politica/adecuacion-normatividad.es.md"
    edit(page, "- Corte Suprema, Acuerdo Plenario 06-2019/CJ-116, copia en Scribd:", "- Corte Suprema, Acuerdo Plenario 06-2019/CJ-116:")
    line = page.read_text(encoding="utf-8").split("\n").index(
        "- Corte Suprema, Acuerdo Plenario 06-2019/CJ-116: <https://es.scribd.com/document/692277849/CP-Art-129-C>") + 1
    assert load_error(project) == (
        f"docs/politica/adecuacion-normatividad.es.md, line {line}: the link https://es.scribd.com/document/692277849/CP-Art-129-C "
        "is a copy on Scribd, and its source line does not say that it is a copy. Fix: write the publisher, the word for a "
        "copy and the official address first in the same line (or parenthesis) as the link, e.g. 'Corte Suprema, <title>: "
        "copia en Scribd: <https://es.scribd.com/document/692277849/CP-Art-129-C>'.")


def test_a_reprint_without_its_official_address_first_stops_the_build(project):
    edit(project / "docs/contexto/de-2015-a-2030.en.md",
         f"the official page of the policy to 2030 on Gob.pe <{GOB}>; the decree's text, ", "the decree's text, ")
    line = next(number for number, text in enumerate(
        (project / "docs/contexto/de-2015-a-2030.en.md").read_text(encoding="utf-8").split("\n"), start=1) if LPD in text)
    message = load_error(project)
    assert message.startswith(f"docs/contexto/de-2015-a-2030.en.md, line {line}: the link {LPD} is a copy on LP Derecho, "
                              f"and its source line does not give the official address first ({GOB}).")


@pytest.mark.whole_build  # found only once a language pass has written its pages: a whole build
def test_a_copy_a_hook_generates_without_its_label_stops_the_build(project):
    """A renderer that forgets the label: the page's HTML is checked too (the real command: hooks/ is edited)."""
    edit(project / "hooks/renderers/region_map.py", "return sources.label(url, language) or ", "return ")
    message = build_error(project)
    assert message.startswith("docs/regiones/")
    assert f"(in the HTML a hook generated): the link {AND} is a copy on El Regional de Piura, and its source line " \
           "does not say that it is a copy" in message
