"""Numbers as Vietnamese writes them in dates: digits, number words, Roman numerals.

The word grammar covers 1..99, which is all a day, a month, a quarter or a count of
years in a date needs: ``mười lăm`` 15, ``hai mươi mốt`` 21, ``ba mươi`` 30. After
``mười``/``mươi`` five is ``lăm`` and one after ``mươi`` is ``mốt``, so ``mười năm``
is "ten years", never fifteen.

>>> from timeline.lexicon import load_lexicon
>>> lex = load_lexicon()
>>> [parse_number(s, lex) for s in ["15", "mười lăm", "hai mươi mốt", "ba mươi", "XXI", "iv"]]
[15, 15, 21, 30, 21, None]
"""

from __future__ import annotations

import re

from timeline.lexicon import Lexicon, alternation

__all__ = ["number_words_pattern", "parse_number", "parse_roman", "roman_pattern"]

_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
# Upper case only: a lower-case "v" or "x" in running text is a letter, not a numeral.
_ROMAN = r"(?-i:(?=[IVXLC])C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3}))"


def roman_pattern() -> str:
    return _ROMAN


def parse_roman(text: str) -> int | None:
    if not text or not re.fullmatch(_ROMAN, text):
        return None
    total = 0
    for index, char in enumerate(text):
        value = _ROMAN_VALUES[char]
        following = _ROMAN_VALUES[text[index + 1]] if index + 1 < len(text) else 0
        total += -value if value < following else value
    return total or None


def number_words_pattern(lex: Lexicon) -> str:
    """A regex for the number words 1..99 (no groups)."""
    unit = alternation(lex.unit_words)
    after_ten = alternation(lex.units_after_ten)
    ten = alternation(lex.ten_forms)
    tens = alternation(lex.tens_markers)
    return (
        rf"(?:{unit}\s+{tens}(?:\s+{after_ten})?"  # hai mươi (mốt)
        rf"|{ten}(?:\s+{after_ten})?"  # mười (lăm)
        rf"|{unit})"
    )


def parse_number(text: str, lex: Lexicon) -> int | None:
    """Digits, number words (1..99) or an upper-case Roman numeral, else None."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    roman = parse_roman(text)
    if roman is not None:
        return roman
    words = text.lower().split()
    if not words:
        return None
    if words[0] in lex.ten_forms:
        tens_value, rest = 1, words[1:]
    elif len(words) >= 2 and words[1] in lex.tens_markers and words[0] in lex.unit_words:
        tens_value, rest = lex.unit_words[words[0]], words[2:]
    elif len(words) == 1 and words[0] in lex.unit_words:
        return lex.unit_words[words[0]]
    else:
        return None
    if not rest:
        return tens_value * 10
    if len(rest) == 1 and rest[0] in lex.units_after_ten:
        return tens_value * 10 + lex.units_after_ten[rest[0]]
    return None
