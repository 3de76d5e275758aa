"""Numbers as each language writes them: the one formatter for every number the site generates.

Spanish: "1976", "12 345" (a space, no-break, from five digits on), "79,6 %" (comma, then a
no-break space before the sign). English: "1,976", "79.6%".
"""

from __future__ import annotations


def integer(value: int, language: str) -> str:
    """A whole number: 1976 in Spanish, 1,976 in English."""
    if language == "en":
        return f"{value:,}"
    return f"{value:,}".replace(",", "\u00a0") if abs(value) >= 10_000 else str(value)


def percent(share: float, language: str, digits: int = 1) -> str:
    """A share (0 to 1) as a percentage: '15,2 %' in Spanish, '15.2%' in English."""
    text = f"{share * 100:.{digits}f}"
    return f"{text.replace('.', ',')}\u00a0%" if language == "es" else f"{text}%"


def points(value: float, language: str, digits: int = 0) -> str:
    """A percentage given in points (53, 79.6), with as many decimals as the source gave it."""
    return percent(value / 100, language, digits)


def in_every(value: float) -> tuple[str, int, int]:
    """A percentage said in plain words: (how it compares, n, base) for "almost 8 in 10".

    From 20 % on, in tens ("8 in 10"); below, in hundreds ("4 in 100"): the nearest whole number,
    so that "almost" (the share is below it) or "more than" (above it) is true. The relation is
    'below', 'above' or 'exact'."""
    base = 10 if value >= 20 else 100
    scaled = value * base / 100
    n = max(1, round(scaled))
    relation = "exact" if abs(scaled - n) < 1e-9 else ("below" if scaled < n else "above")
    return relation, n, base
