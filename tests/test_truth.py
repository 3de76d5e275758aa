"""Every sentence true and safe (issue #25), read from the built pages in both languages.

Each test is a class of mistake, not one sentence: a statistic typed by hand or printed without
what it counts, two shares of one dataset joined in one sentence, the 2030 policy's services or
targets described though they could not be consulted, "the person decides whether to report"
without the exception for minors, advice to talk or call without "only if it is safe", facts one
language states and the other does not, English decimals in Spanish. The figures themselves
live in hooks/data/figures.yml; these tests read the pages that print them.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from bench import readability
from conftest import ROOT, build_error, build_in_process, built_pages, copy_project, edit, html, load_error

import content_model
from content_model import figures as figures_model
from renderers import figures as render_figures

# A statistic written out by hand: a percentage, or a number followed by what it counts. Not a
# range ("10-25 personas", a session's size) nor a year ("the 2018 complaints").
_COUNTED = {"es": r"denuncias?|casos?|víctimas?|mujeres|hombres|personas|menores|niñ[oa]s|adolescentes|tratantes",
            "en": r"complaints?|cases?|victims?|women|men|people|minors|children|adolescents|traffickers"}
_HAND_TYPED = {language: re.compile(rf"\d(?:[\d.,\u00a0 ]*\d)?\s?(?:%|por ciento|percent\b)"
                                    rf"|(?<![\d-])\b(?!(?:19[5-9]|20[0-4])\d\b)\d[\d.,\u00a0]*\s+(?:{nouns})\b",
                                    re.IGNORECASE) for language, nouns in _COUNTED.items()}
_SENTENCE = re.compile(r"(?<=[.!?;:])\s+")


def _page_files(site: Path) -> list[tuple[str, str, Path]]:
    """(language, address, file) of every page with an article: the 404 pages and slides too."""
    found = []
    for path in built_pages(site):
        relative = path.relative_to(site)
        language = "en" if relative.parts[0] == "en" else "es"
        found.append((language, relative.as_posix(), path))
    return found


def _soup(site: Path, relative: str) -> BeautifulSoup:
    return html(site, relative)


@functools.lru_cache(maxsize=None)
def _prose(site: Path, relative: str, without_figures: bool = False) -> tuple[str, ...]:
    """The page's prose blocks as bench.readability reads them (parsed once per run: every test here
    reads every page); `without_figures`: with the figures' spans taken out."""
    page = _soup(site, relative)
    if without_figures:
        page = BeautifulSoup(str(page), "html.parser")
        for span in page.select("span.figure"):
            span.decompose()
    return tuple(readability.main_text(page))


def _figures():
    site = content_model.load_site(ROOT / "docs")
    return site.figures


def _blocks_with_figures(page: BeautifulSoup):
    """Each prose block of the article (as bench.readability reads it) with the figures it prints."""
    article = page.select_one("article")
    if article is None:
        return []
    found = []
    for block in article.find_all(["p", "li", "dd", "td", "th", "label"]):
        if block.find(["p", "li", "dd"]) or block.find_parent(class_="figure-sources"):
            continue
        found.append((" ".join(block.get_text(" ", strip=True).split()), block))
    return found


# ---------------------------------------------------------------------------- one figure, typed once


def test_every_figure_is_printed_with_its_unit_and_what_it_counts(site):
    figures = _figures()
    seen = 0
    for language, relative, _path in _page_files(site):
        for span in _soup(site, relative).select("span.figure"):
            figure = figures.figures.get(span["data-figure"])
            assert figure is not None, f"{relative}: unknown figure {span['data-figure']}"
            plain = "figure--plain" in span.get("class", [])
            assert span.get_text() == render_figures.text(figure, figures, language, plain), relative
            counted = figures.counted(figure, language)
            assert (counted.plain if plain else (counted.of if figure.unit == "percent" else counted.many)) in span.get_text()
            if figure.unit == "percent" and not plain:
                assert span.get_text().split()[0].rstrip("%\u00a0") and "%" in span.get_text(), relative
            seen += 1
    assert seen > 100


def test_no_page_types_a_statistic_by_hand(site):
    """Outside the figures' spans (and the generated region map and tables, the sources, the
    inline citations and the list of where the figures come from), no page writes a percentage
    or a number of complaints, cases, victims... : each of those is a figure of figures.yml."""
    offenders = []
    for language, relative, _path in _page_files(site):
        for block in _prose(site, relative, without_figures=True):
            for match in _HAND_TYPED[language].finditer(block):
                offenders.append(f"{relative}: …{block[max(0, match.start() - 40): match.end() + 20]}…")
    assert offenders == []


def test_every_page_that_prints_figures_says_where_they_come_from(site):
    figures = _figures()
    for _language, relative, _path in _page_files(site):
        page = _soup(site, relative)
        used = {span["data-figure"] for span in page.select("span.figure")}
        if not used:
            assert page.select_one(".figure-sources") is None, relative
            continue
        listed = page.select_one("details.figure-sources")
        assert listed is not None, relative
        for figure_id in used:
            figure = figures.get(figure_id)
            assert listed.find("a", href=figure.source), f"{relative}: {figure_id}"
            assert figure.words in listed.get_text(), f"{relative}: {figure_id}"


def test_no_figure_marker_is_left_in_a_page(site):
    for _language, relative, path in _page_files(site):
        text = path.read_text(encoding="utf-8")
        assert "<!-- figure" not in text and "&lt;!-- figure" not in text, relative


def test_shares_of_two_breakdowns_never_share_a_sentence(site):
    """Shared facts, section 3: 79.6 % women and 53 % of complaints about 13-17-year-olds are
    separate shares; one sentence may give several shares of one breakdown (women and men), never
    shares of two."""
    figures = _figures()
    offenders = []
    for _language, relative, _path in _page_files(site):
        for text, block in _blocks_with_figures(_soup(site, relative)):
            for sentence in _sentence_figures(block):
                breakdowns = {figures.get(i).breakdown for i in sentence} - {None}
                if len(breakdowns) > 1:
                    offenders.append(f"{relative}: {sorted(breakdowns)} in «{text[:120]}»")
    assert offenders == []


def _sentence_figures(block) -> list[list[str]]:
    """The figure ids of each sentence of a block, in order."""
    sentences, current = [], []
    for node in block.descendants:
        if getattr(node, "name", None) == "span" and "figure" in node.get("class", []):
            current.append(node["data-figure"])
        elif isinstance(node, str) and not node.find_parent("span", class_="figure"):
            if re.search(r"[.!?;]\s", node + " "):
                sentences.append(current)
                current = []
    return sentences + [current]


def test_a_figure_whose_value_is_not_in_its_source_words_stops_the_build(project):
    edit(project / "hooks/data/figures.yml", "    value: 79.6\n", "    value: 79.9\n")
    assert build_error(project) == (
        "hooks/data/figures.yml, field 'figures.victims-women-2007-2014.value': 79.9 is not in the source's words "
        "('Este estudio detalla que el 79.6 por ciento de las presuntas...'). "
        "Fix: copy the value as the source writes it, or the source's sentence that gives it.")


def test_an_unknown_figure_id_stops_the_build_naming_the_line_and_the_nearest_id(project):
    page = project / "docs/publico/mitos-y-realidades.es.md"
    edit(page, "<!-- figure: complaints-13-17-2007-2014 -->", "<!-- figure: complaints-13-18-2007-2014 -->")
    line = next(n for n, text in enumerate(page.read_text(encoding="utf-8").split("\n"), 1) if "13-18" in text)
    assert load_error(project) == (
        f"docs/publico/mitos-y-realidades.es.md: '<!-- figure: complaints-13-18-2007-2014 -->' (line {line}) names no "
        "id of hooks/data/figures.yml; the nearest is 'complaints-13-17-2007-2014'. Fix: use an id of "
        "hooks/data/figures.yml, or add the figure there (README, 'A figure').")


@pytest.mark.whole_build
def test_a_corrected_figure_changes_every_page_that_prints_it(tmp_path, site, monkeypatch):
    """The figure lives once: correct it in figures.yml and every page, in both languages, follows."""
    printing = {relative for _, relative, path in _page_files(site)
                if 'data-figure="victims-peruvian-2007-2014"' in path.read_text(encoding="utf-8")}
    assert len(printing) >= 8
    data = tmp_path / "figures.yml"
    data.write_text(figures_model.FILE.read_text(encoding="utf-8").replace(
        "El 84.7 por ciento de las víctimas son peruanas", "El 84.2 por ciento de las víctimas son peruanas").replace(
        "    value: 84.7\n", "    value: 84.2\n"), encoding="utf-8")
    monkeypatch.setattr(figures_model, "FILE", data)
    project = copy_project(tmp_path / "project")
    result = build_in_process(project, tmp_path / "built")
    assert result.returncode == 0, result.stdout
    for relative in printing:
        text = (tmp_path / "built" / relative).read_text(encoding="utf-8")
        assert ("84,2\u00a0%" in text or "84.2%" in text) and "84,7" not in text and "84.7%" not in text, relative


# ---------------------------------------------------------------------------- the sheet's words


@pytest.mark.parametrize("language,right,wrong", [("es", "tolerancia social", "rechazo social"),
                                                  ("en", "social tolerance", "social rejection")])
def test_the_glossary_says_prevention_reduces_social_tolerance(site, language, right, wrong):
    page = html(site, "glosario/" if language == "es" else "en/glosario/")
    heading = page.select_one("h2#prevencion")
    definition = heading.find_next("p").get_text(" ", strip=True)
    assert right in definition and wrong not in definition


# What a page may say about the 2030 policy's services, indicators and targets: that there are 42
# services, and that they could not be consulted (shared facts, section 1); not what they are, who
# provides them or what the targets are.
_2030 = re.compile(r"2030")
_SERVICES = {"es": re.compile(r"indicador|\bmetas?\b|matriz|%|servicio.*(?:ministerio|polic|mimp|a cargo)", re.IGNORECASE),
             "en": re.compile(r"indicator|\btargets?\b|matrix|%|service.*(?:ministry|police|mimp|led by|run by)", re.IGNORECASE)}
_NOT_CONSULTED = re.compile(r"\b42\b|no pud|no tuvimos|could not|we had no|not consult", re.IGNORECASE)


def test_no_page_describes_the_2030_policys_services_indicators_or_targets(site):
    offenders = []
    for language, relative, _path in _page_files(site):
        for block in _prose(site, relative):
            for sentence in _SENTENCE.split(block):
                if _2030.search(sentence) and _SERVICES[language].search(sentence) and not _NOT_CONSULTED.search(sentence):
                    offenders.append(f"{relative}: {sentence}")
    assert offenders == []


_DECIDES = {"es": re.compile(r"decide si denuncia", re.IGNORECASE),
            "en": re.compile(r"decides? whether (?:and when )?to report", re.IGNORECASE)}
_ADULT = {"es": re.compile(r"adult", re.IGNORECASE), "en": re.compile(r"adult", re.IGNORECASE)}
_MINORS = {"es": re.compile(r"menor(?:es)? de 18|niña, (?:un )?niño o (?:un )?adolescente", re.IGNORECASE),
           "en": re.compile(r"under(?:-| )18|child or a teenager", re.IGNORECASE)}


def test_an_adult_decides_and_with_a_minor_the_adult_who_learns_of_it_acts(site):
    """Wherever a page says the person decides whether to report, it says that person is an adult,
    and the page says what changes with someone under 18 (docs/capacitacion/_revelacion)."""
    checked = 0
    for language, relative, _path in _page_files(site):
        page = _soup(site, relative)
        text = page.get_text(" ", strip=True)
        for block, _element in _blocks_with_figures(page):
            if _DECIDES[language].search(block):
                checked += 1
                assert _ADULT[language].search(block), f"{relative}: «{block}»"
                assert _MINORS[language].search(text), relative
        for explanation in page.select(".quiz__explanation, .training-pack__answers li"):
            if _DECIDES[language].search(explanation.get_text(" ")):
                checked += 1
                assert _MINORS[language].search(explanation.get_text(" ")), relative
    assert checked >= 8


_ALONE = {"es": re.compile(r"\ba solas\b|hable con la persona", re.IGNORECASE),
          "en": re.compile(r"\btalk to the person\b|\bthen, alone\b", re.IGNORECASE)}
_SAFE = {"es": re.compile(r"segur|nadie", re.IGNORECASE), "en": re.compile(r"safe|nobody|without anyone", re.IGNORECASE)}


def test_advice_to_talk_to_a_person_alone_says_only_if_it_is_safe(site):
    checked = 0
    for language, relative, _path in _page_files(site):
        for block, _ in _blocks_with_figures(_soup(site, relative)):
            if _ALONE[language].search(block):
                checked += 1
                assert _SAFE[language].search(block), f"{relative}: «{block}»"
    assert checked >= 2


@pytest.mark.parametrize("language,unseen", [("es", "sin que te vean"), ("en", "without being seen")])
def test_a_victim_is_told_to_call_105_only_if_nobody_sees_and_how_to_clear_the_call(site, language, unseen):
    page = html(site, ("" if language == "es" else "en/") + "publico/si-te-pasa-a-ti/")
    heading = page.select_one("#peligro")
    block = heading.find_next("p")  # the caveat comes before the call button
    assert block.find("a", href="tel:105") and unseen in block.get_text()
    section = []
    for tag in heading.find_next_siblings():
        if tag.name == "h2":
            break
        section.append(tag)
    assert any(tag.find("a", href=re.compile(r"seguridad/#registro-de-llamadas$")) for tag in section)


def test_both_languages_state_the_same_facts_about_quechua(site):
    """A page mentions Quechua (1818's expansion, Línea 100's languages) in as many places in
    Spanish as in English: neither language says it alone."""
    differ = []
    for language, relative, _path in _page_files(site):
        if language != "en":
            continue
        spanish = relative[len("en/"):]
        if not (site / spanish).exists():
            continue
        count = lambda rel: sum(1 for block in _prose(site, rel) if re.search("quechua", block, re.I))
        if count(spanish) != count(relative):
            differ.append(f"{spanish}: {count(spanish)} in Spanish, {count(relative)} in English")
    assert differ == []


def test_spanish_writes_decimal_commas_and_english_decimal_points(site):
    offenders = []
    for language, relative, _path in _page_files(site):
        wrong = re.compile(r"\d\.\d+\s?%" if language == "es" else r"\d,\d+\s?%")
        for block in _prose(site, relative):
            offenders += [f"{relative}: {m.group()}" for m in wrong.finditer(block)]
    assert offenders == []


def test_the_centro_emergencia_mujer_has_the_name_the_sheet_gives_it(site):
    offenders = []
    for _language, relative, _path in _page_files(site):
        for block in _prose(site, relative):
            for match in re.finditer(r"Emergencia Mujer(?! y Familia)", block):
                offenders.append(f"{relative}: …{block[max(0, match.start() - 30): match.end() + 20]}…")
    assert offenders == []
