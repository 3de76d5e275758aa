"""Pages a 14-16-year-old can read (issue #25): the public pages score at least 80 on the
Fernández-Huerta scale, the policy pages at least 70, measured as bench/readability.py measures
them (the same functions: `make bench` reports what these tests hold). The pages are chosen by
folder (bench.readability.kind_of), so a public page written tomorrow is held to it too.

The targets hold the Spanish pages, whose formula they are; English pages are scored with Flesch
Reading Ease and reported by the benchmark, without a target (README, "Benchmark")."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from bench import readability


def test_spanish_syllables_follow_the_rules_of_spanish():
    """Hiatus, diphthongs and clusters, where a count of vowel groups goes wrong ("país", "Línea")."""
    words = {"país": 2, "línea": 3, "víctima": 3, "ciudad": 2, "trata": 2, "explotación": 4, "hablantes": 3,
             "quechua": 2, "aimara": 3, "policía": 4, "oigo": 2, "y": 1, "CEM": 1}
    assert {word: readability.spanish_syllables(word) for word in words} == words


def test_english_syllables_come_from_the_pronouncing_dictionary():
    words = {"police": 2, "trafficking": 3, "every": 3, "the": 1, "exploitation": 4, "Conapoc": 3}
    assert {word: readability.english_syllables(word) for word in words} == words


def test_the_formulas_are_the_published_ones():
    # 3 sentences, 11 words.
    blocks = ["El perro come. La casa es azul. Ana lee un libro."]
    sentences, words = readability.sentences_and_words(blocks)
    syllables = sum(readability.spanish_syllables(w) for w in words)
    assert (sentences, len(words)) == (3, 11)
    assert readability.fernandez_huerta(blocks) == pytest.approx(
        206.84 - 60 * syllables / 11 - 1.02 * 11 / 3)
    english = ["The cat sat. It was red."]
    assert readability.flesch(english) == pytest.approx(206.835 - 1.015 * 6 / 2 - 84.6 * 6 / 6)
    hard = ["La implementación interinstitucional de las estrategias multisectoriales requiere coordinación."]
    assert readability.fernandez_huerta(hard) < readability.fernandez_huerta(blocks)
    # The same words in one long sentence read harder than in three short ones.
    assert readability.fernandez_huerta(["El perro come, la casa es azul y Ana lee un libro."]) < readability.fernandez_huerta(blocks)


def test_only_the_pages_own_prose_is_read():
    page = BeautifulSoup(
        "<header><p>Salir rápido</p></header><article><p>Texto propio. Con dos frases.</p>"
        "<p>Una cita (<a href='https://example.org'>Código Penal, art. 129-A</a>).</p>"
        "<h2 id='fuentes'>Fuentes</h2><ul><li>Una fuente larguísima</li></ul><h2>Más</h2><p>Vuelve.</p>"
        "<details class='figure-sources'><summary>Cifras</summary><ul><li>Palabras de la fuente</li></ul></details>"
        "<div class='policy-cite'><p>Cómo citar</p></div></article><footer><p>Pie</p></footer>", "html.parser")
    assert readability.main_text(page) == ["Texto propio. Con dos frases.", "Una cita .", "Vuelve."]


@pytest.mark.parametrize("url,kind", [("", "public"), ("publico/", "public"), ("publico/una-pagina-nueva/", "public"),
                                      ("denunciar/", "public"), ("seguridad/", "public"), ("politica/x/", "policy"),
                                      ("capacitacion/", None), ("glosario/", None)])
def test_pages_are_held_to_a_target_by_their_folder(url, kind):
    assert readability.kind_of(url) == kind


def test_every_spanish_public_and_policy_page_meets_its_target(site):
    rows = [row for row in readability.measure(site) if row["language"] == "es"]
    assert {row["kind"] for row in rows} == {"public", "policy"} and len(rows) > 45
    missing = [f"{row['url'] or '(home)'}: {row['score']:.1f} < {row['target']}" for row in rows if not row["passes"]]
    assert missing == []
