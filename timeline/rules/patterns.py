"""Pattern pieces that let a rule fail fast where it does not match.

The engine tries a rule, anchored, at every hit of one of its triggers
(:mod:`timeline.candidates`), and almost all of those calls fail. Python's ``re`` tries the
branches of an alternation one after the other; with ``IGNORECASE`` it cannot skip a branch
by its first letter, so a failing call pays one step for every word of every alternation it
reaches. The pieces here match exactly what the plain ones match, and reject a position at
its first characters:

- :func:`any_of` is :func:`~timeline.lexicon.alternation` with its forms grouped by their
  first letter: ``re`` moves the letter that all the forms of a group share in front of the
  group, so a word is compared with one group instead of every form. Two forms of different
  groups never match the same text (their first letters differ, with or without
  diacritics), and inside a group the forms keep the longest-first order, so the
  alternation reads what the plain one reads. The words of the pattern stay whole and as
  many, in the same order where they fold to the same letters: the accent-free path reads a
  rule's vocabulary, counted, from its pattern (:mod:`timeline.accents`);
- :data:`LETTER` and :data:`DIGIT_AHEAD` are zero-width guards that reject, in one step, a
  position where a piece made only of words (or only of digits) cannot start;
- :data:`WORD_START` and :data:`WORD_END` are ``\\b``, one step where a look-behind
  ``(?<![\\w])`` or a look-ahead ``(?![\\w])`` takes several (and costs more to compile):
  the same test wherever the character on the other side is a letter or a digit.

They are plain strings, composed into the rules' patterns. The regexes that the rules' build
functions and composition steps run besides are compiled by :func:`compiled`, once, when
first needed, as :attr:`Rule.compiled <timeline.grammar.Rule.compiled>` is: importing the
rules compiles nothing.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from timeline.grammar import fragments
from timeline.lexicon import Lexicon, alternation
from timeline.text import fold

__all__ = [
    "CLOCK_RANGE_BEFORE",
    "DIGIT_AHEAD",
    "LETTER",
    "NUMBER_END",
    "NUMBER_START",
    "WORD_END",
    "WORD_START",
    "any_of",
    "compiled",
    "day_any",
    "digits_then",
    "month_any",
    "number_words",
    "optional",
]

LETTER = r"(?=[^\W\d_])"
"""Zero-width: a letter follows (where a word must start)."""

DIGIT_AHEAD = r"(?=[0-9])"
"""Zero-width: a digit follows (where a number in digits must start)."""

WORD_START = r"\b"
"""Before a piece that starts with a letter or a digit: none of them precedes
(``(?<![\\w])``)."""

WORD_END = r"\b"
"""After a piece that ends with a letter or a digit: none of them follows (``(?![\\w])``)."""

NUMBER_START = r"\b(?<![0-9][.,/\-])"
"""Before a number: it does not go on a word or another number (``15`` of ``2.15`` or
``1/15``): :attr:`timeline.grammar.Fragments.left` where a letter or a digit follows."""

NUMBER_END = r"\b(?![.,/\-][\w])"
"""After a number: it does not go on (``15`` of ``15.3`` or ``15/10``):
:attr:`timeline.grammar.Fragments.right` where a letter or a digit precedes."""

CLOCK_RANGE_BEFORE = r"[0-9]\s?(?:h|g|giờ|:[0-5][0-9])(?:[0-5][0-9])?\s*(?:-|–|đến|tới)\s*$"
"""Searched in the text just before a number of hours: a clock time and a dash or
đến/tới, so that number ends a range of clock times (``12h – 14h mỗi ngày``) and is no
length of time."""


# A few forms are tried in a few steps anyway: grouping them costs more to compile than it
# saves in matching. From eight forms on they are grouped by first letter, and a group of
# six or more by its next letters in turn.
_NESTED_FROM = 8
_SUBGROUP_FROM = 6


@functools.lru_cache(maxsize=256)
def compiled(source: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """``re.compile(source, flags)``, once per process, where it is first needed (the
    grammar matches without regard to case, hence the default flags)."""
    return re.compile(source, flags)


def digits_then(follower: str, digits: str = "{1,2}") -> str:
    """Zero-width: a number of ``digits`` digits (one or two by default), then ``follower``
    (which does not start with a digit). Before the day of ``15/10`` or the hour of
    ``8h30``, it refuses at once the numbers that go on otherwise (``2024``, ``12,5``).
    The digits are read possessively: any fewer would leave a digit next, not the follower.

    >>> import re
    >>> guard = digits_then(r"\\s?[/\\-.]")
    >>> [bool(re.match(guard, t)) for t in ["15/10", "5 - 6", "2024", "3 năm"]]
    [True, True, False, False]
    """
    return rf"(?=[0-9]{digits}+(?:{follower}))"


def optional(piece: str) -> str:
    """``piece`` or nothing, as ``(?:piece)?`` reads it (``piece`` first), written as an
    alternation with an empty branch: ``re`` runs a ``?`` on a group as a repeat that keeps
    a count, several times the steps of a branch, even where the group fails at once.

    >>> optional("ngày\\\\s+")
    '(?:ngày\\\\s+|)'
    """
    return f"(?:{piece}|)"


def any_of(forms: Iterable[str]) -> str:
    """An alternation of literal ``forms`` (longest first, spaces matching any run of white
    space, as :func:`~timeline.lexicon.alternation`), nested as a trie: the forms that share
    their first letters stand in one group, so that ``re`` compares those letters once (it
    moves what all the branches of a group share in front of it).

    Every form is written whole, once. Two groups of the same level never match the same
    text (their next letters differ, with or without diacritics), and a form that ends
    where longer ones go on comes after them, so the alternation reads what the plain one
    reads, in the same order.

    >>> any_of(["tháng", "tuần", "tuần lễ", "năm", "ngày", "giờ", "phút", "giây"])
    '(?:(?:tuần\\\\s+lễ|tháng|tuần)|(?:giây|giờ)|(?:ngày|năm)|phút)'
    >>> import re
    >>> re.match(any_of(["hai", "hai mươi", "ba"]), "hai mươi năm").group()
    'hai mươi'
    """
    unique = sorted(set(forms), key=lambda form: (-len(form), form))
    if len(unique) < _NESTED_FROM:
        return alternation(unique)
    return _trie(unique, 0)


def _source(form: str) -> str:
    return r"\s+".join(map(re.escape, form.split()))


def _letter(form: str, depth: int) -> str:
    """The character of ``form`` at ``depth``, folded (đ and d, á and a are one: the text
    typed without diacritics is read in the same order too); a space for white space,
    ``""`` past its end."""
    text = fold(" ".join(form.split()))
    return text[depth] if depth < len(text) else ""


def _trie(forms: list[str], depth: int) -> str:
    """``forms`` (in alternation order) share their first ``depth`` characters."""
    while True:
        groups: dict[str, list[str]] = {}
        for form in forms:
            groups.setdefault(_letter(form, depth), []).append(form)
        if len(groups) > 1 or "" in groups:
            break
        depth += 1
    ending = groups.pop("", [])  # shorter than the others: tried after them
    branches = [
        _trie(group, depth + 1) if len(group) >= _SUBGROUP_FROM else _alternatives(group)
        for group in groups.values()
    ]
    return "(?:" + "|".join([*branches, *map(_source, ending)]) + ")"


def _alternatives(forms: list[str]) -> str:
    if len(forms) == 1:
        return _source(forms[0])
    return "(?:" + "|".join(map(_source, forms)) + ")"


@functools.lru_cache(maxsize=4)
def number_words(lex: Lexicon) -> str:
    """The number words 1..99 (no groups): what :func:`timeline.numerals.number_words_pattern`
    reads (``hai mươi mốt``, ``hai mươi``, ``mười lăm``, ``mười``, ``hai``), with the
    alternations grouped by first letter and each unit word tried once.

    >>> from timeline.lexicon import load_lexicon
    >>> pattern = re.compile(number_words(load_lexicon()) + "$")
    >>> [bool(pattern.match(t)) for t in ["hai mươi mốt", "mười lăm", "ba", "mươi", "12"]]
    [True, True, True, False, False]
    """
    unit = any_of(lex.unit_words)
    tens = any_of(lex.tens_markers)
    ten = any_of(lex.ten_forms)
    then = optional(rf"\s+{any_of(lex.units_after_ten)}")
    # hai mươi (mốt), hai, mười (lăm): a unit word once, before or without its tens (a
    # ten word is no unit word, so reading hai before mười changes nothing)
    if {fold(w) for w in lex.unit_words} & {fold(w) for w in lex.ten_forms}:
        raise ValueError("numbers.toml: a unit word is also a word for ten")
    with_tens = optional(rf"\s+{tens}{then}")
    return rf"(?:{unit}{with_tens}|{ten}{then})"


@functools.lru_cache(maxsize=4)
def day_any(lex: Lexicon) -> str:
    """A day of the month in digits or words: :attr:`timeline.grammar.Fragments.day_any`,
    with :func:`number_words`."""
    return rf"(?:{fragments().day}(?![0-9])|{number_words(lex)})"


@functools.lru_cache(maxsize=4)
def month_any(lex: Lexicon) -> str:
    """A month after ``tháng``, in digits, number words or by name:
    :attr:`timeline.grammar.Fragments.month_any`, with :func:`any_of`."""
    return rf"(?:{fragments().month}(?![0-9])|{any_of(lex.month_names)}{WORD_END})"
