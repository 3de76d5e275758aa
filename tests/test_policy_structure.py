"""The policy's structure on the built site matches the poster and the facts sheet."""

import re
import unicodedata

import content_model
from conftest import ROOT, html

# Section 2 of the facts sheet, written out independently of the pages: axis -> component ->
# general -> specific, with the poster's exact Spanish titles.
EXPECTED = {
    "Prevención": {
        "Factores socioeconómicos (eliminar los factores estructurales de riesgo en poblaciones vulnerables)": {
            "Reducción y control de las situaciones de vulnerabilidad": [
                "Fortalecer el acceso a servicios sociales",
                "Generación de oportunidades laborales",
                "Identificación de la población vulnerable",
            ],
            "Reducción de la tolerancia social y cultural de prácticas asociadas": [
                "Desarrollo de una cultura de rechazo",
                "Fortalecimiento de una cultura de denuncia",
                "Fortalecimiento de programas para población vulnerable",
            ],
        },
    },
    "Persecución": {
        "Coordinación e implementación de estrategias multisectoriales": {
            "Fiscalización y control de los procesos": [
                "Intervención en procesos vinculados a la captación",
                "Intervención de los medios de transporte y traslado",
                "Intervención en espacios de acogida, recepción o retención",
            ],
            "Intervención en espacios de explotación": [
                "Clausura y cierre definitivo de los espacios",
                "Investigación y desarrollo de inteligencia",
            ],
        },
        "Persecución y sanción eficiente": {
            "Administración de justicia eficiente": [
                "Procedimientos y garantías para las víctimas y testigos",
                "Procedimientos y mecanismos ágiles y efectivos",
                "Adecuación de la normatividad",
                "Optimización de la gestión de información",
                "Fomento de la predictibilidad",
                "Mecanismos de coordinación interinstitucional",
            ],
        },
    },
    "Protección": {
        "Protección y atención integral de la víctima": {
            "Atención y protección oportuna": [
                "Fortalecimiento de capacidades",
                "Desarrollo de centros de acogida",
                "Implementación de equipos interdisciplinarios",
            ],
        },
        "Asistencia / reintegración": {
            "Recuperación y reintegración": [
                "Programas de protección, tratamiento y acompañamiento sostenible",
                "Restitución de derechos a favor de las víctimas",
                "Reintegración educativa y/o laboral de las víctimas",
            ],
        },
    },
}
TRANSVERSAL = "Localización y focalización de la política"

# Where the facts sheet restores the poster's wording (its PDF lost the "fi" ligature, and it
# prints "de las gestión"): poster text -> site text.
POSTER_ERRATA = {"\ufffd": "fi", "de las gestión": "de la gestión", "Asistencia/ reintegración": "Asistencia / reintegración"}


def _tree():
    return content_model.load_site(ROOT / "docs").tree("es")


def _actual(tree):
    return {
        axis.title: {
            component.title: {
                general.title: [specific.title for specific in tree.children(general.id)]
                for general in tree.children(component.id)
            }
            for component in tree.children(axis.id)
        }
        for axis in tree.roots() if axis.kind == "axis"
    }


def _poster_text():
    text = (ROOT / "tests" / "fixtures" / "poster.txt").read_text(encoding="utf-8")
    text = _folded(re.sub(r"-\s*\n\s*", "", text))  # words the poster hyphenates across lines
    for wrong, right in POSTER_ERRATA.items():
        text = text.replace(_folded(wrong), _folded(right))
    return text


def _folded(text):
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()


def test_the_hierarchy_is_the_one_in_the_facts_sheet_in_the_posters_order():
    tree = _tree()
    assert _actual(tree) == EXPECTED
    assert [n.title for n in tree.roots() if n.kind == "transversal"] == [TRANSVERSAL]


def test_the_policy_has_3_axes_5_components_7_general_and_23_specific_guidelines():
    tree = _tree()
    counts = {kind: len(tree.of_kind(kind)) for kind in content_model.policy.KINDS}
    assert counts == {"axis": 3, "component": 5, "general": 7, "specific": 23, "transversal": 1}


def test_every_spanish_guideline_title_is_printed_on_the_poster():
    poster = _poster_text()
    tree = _tree()
    missing = [n.title for n in tree.nodes if n.kind in ("general", "specific")
               and _folded(n.title) not in poster]
    assert missing == []


def test_each_policy_page_shows_its_spanish_title_and_where_it_sits(site):
    tree = _tree()
    for node in tree.nodes:
        page = html(site, node.url)
        assert page.h1.get_text(strip=True) == node.title
        path = page.select_one("nav.policy-path")
        assert path is not None, node.url
        steps = [li.find(["a", "span"]).get_text(strip=True) for li in path.select("li")]
        assert steps == [n.label for n in tree.ancestors(node.id)]
        assert path.select_one("[aria-current=page]").get_text(strip=True) == node.label


def test_english_policy_pages_show_english_titles(site):
    spanish, english = _tree(), content_model.load_site(ROOT / "docs").tree("en")
    for node in english.nodes:
        page = html(site, node.url)
        assert page.h1.get_text(strip=True) == node.title
        assert node.title != spanish.get(node.id).title, f"{node.id} has no English title"


def test_guideline_pages_link_to_their_parent_and_siblings(site):
    tree = _tree()
    for node in tree.of_kind("specific"):
        page = html(site, node.url)
        context = page.select_one(".policy-context")
        links = {a.get_text(strip=True) for a in context.select("a")}
        assert tree.get(node.parent).title in links
        assert {s.title for s in tree.siblings(node.id)} <= links


def test_each_guideline_page_lists_exactly_the_modules_that_teach_it(site):
    from urllib.parse import urljoin

    model = content_model.load_site(ROOT / "docs")
    for language in ("es", "en"):
        modules = model.training[language].modules
        for node in model.tree(language).nodes:
            listed = html(site, node.url).select(".policy-context__modules a")
            targets = [urljoin(node.url, a["href"]) for a in listed]
            expected = [m.url for m in modules if node.id in m.teaches]
            assert targets == expected, node.url
    assert any(m.teaches for m in model.training["es"].modules)
