"""A statistic as a page prints it, and the list of where a page's statistics come from.

Pure functions: a `Figure` (hooks/data/figures.yml, through content_model.figures) and a language
in, HTML out; every word is escaped. A figure is always printed with its unit and what it counts
("53 % de las denuncias", "1976 denuncias"): the page writes the rest of its sentence.
The numbers go through `numbers.py`, so Spanish reads "79,6 %" and English "79.6%".
"""

from __future__ import annotations

import re
from html import escape

from content_model import catalogue
from content_model.figures import Figure, FigureSet
from renderers import numbers


def text(figure: Figure, figures: FigureSet, language: str, plain: bool = False) -> str:
    """The figure with its unit and what it counts, as plain text."""
    counted = figures.counted(figure, language)
    words = catalogue.words(language, "figures")
    if figure.unit == "count":
        said = f"{numbers.integer(figure.value, language)} {counted.plain if plain else counted.many}"
    elif not plain:
        said = f"{numbers.points(figure.value, language, figure.digits)} {counted.of}"
    else:
        relation, n, base = numbers.in_every(figure.value)
        said = f"{words['in_every_' + relation].format(n=n, base=base)} {counted.plain}"
    return words["more_than"].format(figure=said) if figure.qualifier == "more-than" else said


# A figure marker in plain text (a quiz's question, as the content model holds it).
MARKER = re.compile(r"<!--[ \t]*(figure(?:-plain)?)[ \t]*:[ \t]*([\w-]+)[ \t]*-->")


def resolved(written: str, figures: FigureSet, language: str) -> str:
    """Plain text with its figure markers replaced by what a reader sees in their place."""
    return MARKER.sub(lambda m: text(figures.get(m.group(2)), figures, language, m.group(1) == "figure-plain"), written)


def inline(figure: Figure, figures: FigureSet, language: str, plain: bool = False) -> str:
    """The figure as it stands in a sentence: a span that names its id (the tests read it)."""
    kind = "figure figure--plain" if plain else "figure"
    return (f'<span class="{kind}" data-figure="{escape(figure.id)}">'
            f'{escape(text(figure, figures, language, plain))}</span>')


def sources(used: list[Figure], figures: FigureSet, language: str) -> str:
    """Where the page's figures come from: each figure, its period, its source (publisher and
    address) and the source's own words. Folded, after the page's text; not printed."""
    if not used:
        return ""
    words = catalogue.words(language, "figures")
    items = []
    for figure in used:
        said = words["source_words"] + (f" {words['in_spanish']}" if figure.words_language != language
                                        and figure.words_language == "es" else "")
        derived = f" {words['derived']}" if figure.derived and figure.derived.startswith("department") else ""
        items.append(
            f'<li><strong>{escape(text(figure, figures, language))}</strong>, '
            f'{escape(period(figure.period, language))}.{escape(derived)} '
            f'<a href="{escape(figure.source)}">{escape(figure.publisher[language])}</a>. '
            f'{escape(said)}: <q lang="{escape(figure.words_language)}">{escape(figure.words)}</q></li>')
    return (f'<details class="figure-sources" id="{escape(words["anchor"])}" data-screen-only>'
            f'<summary>{escape(words["title"])}</summary>\n'
            f'<ul>\n' + "\n".join(items) + '\n</ul>\n</details>')


def period(span: tuple[str, str], language: str) -> str:
    """'enero de 2007 a abril de 2014', '2022', '2017 a 2023'."""
    words = catalogue.words(language, "figures")
    start, end = (_when(part, words) for part in span)
    return start if span[0] == span[1] else words["period"].format(start=start, end=end)


def _when(part: str, words: dict) -> str:
    year, _, month = part.partition("-")
    return words["month"].format(month=words["months"][int(month) - 1], year=year) if month else year
