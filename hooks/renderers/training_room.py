"""The room's printed material: signs to stick on the walls and cards to cut out, on A4.

A pure function: a `Module` in, escaped HTML out, the same every time. Everything comes from
the activities page's front matter (`signs:` and `cards:`, checked by the content model against
the page's own text), so the sheets say what the page says. Each sign fills an A4 sheet of its
own in large type; cards go eight to a sheet, two columns of four, each framed by a dashed cut
line, the type sized by the card's length (`CARD_SIZES`) so that the longest card the content
model allows still fits. The sheets are laid out here, at build time, so that the number of
printed pages follows from the content: signs + ceil(cards / 8) per set.
"""

from __future__ import annotations

from html import escape

from content_model import catalogue
from content_model.training import CardSet, Module

# Cards to an A4 sheet (two columns of four).
CARDS_PER_SHEET = 8
# The type of a card by the length of its text: up to so many characters, this size class.
CARD_SIZES = ((24, "large"), (70, "medium"), (10_000, "small"))


def room_material(module: Module) -> str:
    """Every sign, then every card sheet, each a printed sheet of its own (training.css)."""
    words = catalogue.words(module.language, "training_room")
    sheets = [_sign(card_set, position, text, words)
              for card_set in module.signs for position, text in enumerate(card_set.items, start=1)]
    for card_set in module.cards:
        chunks = [card_set.items[start:start + CARDS_PER_SHEET]
                  for start in range(0, len(card_set.items), CARDS_PER_SHEET)]
        sheets += [_card_sheet(card_set, number, len(chunks), chunk, words)
                   for number, chunk in enumerate(chunks, start=1)]
    return (f'<p class="training-room__how">{escape(words["how"])}</p>\n'
            f'<div class="training-room">\n' + "\n".join(sheets) + "\n</div>")


def sheet_count(module: Module) -> int:
    """How many A4 sheets the room material prints on."""
    return sum(len(card_set.items) for card_set in module.signs) + sum(
        -(-len(card_set.items) // CARDS_PER_SHEET) for card_set in module.cards)


def size_class(text: str) -> str:
    return next(name for limit, name in CARD_SIZES if len(text) <= limit)


# ---------------------------------------------------------------------------- helpers


def _sign(card_set: CardSet, position: int, text: str, words: dict[str, str]) -> str:
    caption = words["sign_caption"].format(title=card_set.title, number=position, total=len(card_set.items))
    return (f'<section class="training-sign" data-room-sheet="sign">\n'
            f'<p class="training-sign__caption">{escape(caption)}</p>\n'
            f'<p class="training-sign__text">{escape(text)}</p>\n</section>')


def _card_sheet(card_set: CardSet, number: int, total: int, items: tuple[str, ...], words: dict[str, str]) -> str:
    caption = words["cards_caption"].format(title=card_set.title, number=number, total=total)
    cards = "".join(f'<li class="training-card training-card--{size_class(text)}">{escape(text)}</li>'
                    for text in items)
    return (f'<section class="training-cards" data-room-sheet="cards">\n'
            f'<p class="training-cards__caption">{escape(caption)}</p>\n'
            f'<ul class="training-cards__grid">{cards}</ul>\n</section>')
