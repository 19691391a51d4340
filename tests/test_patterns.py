"""The fail-fast pattern pieces of ``timeline/rules/patterns.py`` read what the plain
pieces they stand for read, and keep the words that the accent-free path counts.

Each piece is compared with its plain form (``lexicon.alternation``, the ``Fragments`` of
the grammar, ``(?:…)?``) at every position of texts made of the forms themselves, typed
with and without diacritics, in both letter cases, with runs of white space: the same
match, the same span, the same groups.
"""

from __future__ import annotations

import collections
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline.accents import _pattern_words, strip_marks
from timeline.grammar import fragments
from timeline.lexicon import alternation, load_lexicon
from timeline.numerals import number_words_pattern
from timeline.rules import all_rules
from timeline.rules.patterns import (
    NUMBER_END,
    NUMBER_START,
    any_of,
    compiled,
    day_any,
    digits_then,
    month_any,
    number_words,
    optional,
)
from timeline.text import fold

F = fragments()
LEX = load_lexicon()

# Forms that share beginnings, end where others go on, fold to the same letters (đ and d,
# bảy and bẩy), and hold runs of white space: what a trie must keep apart and in order.
FORMS = [
    "tết", "tết nguyên đán", "tết ta", "tết tây", "tết trung thu", "tết nguyên tiêu",
    "tết đoan ngọ", "tết hàn thực", "tết thanh minh", "trung thu", "thứ hai",
    "thứ ba", "thứ bảy", "thứ bẩy", "thứ 2", "tháng", "tuần", "tuần lễ", "đêm", "dem",
    "đêm giao thừa", "dân", "dần", "năm", "nam", "ngày", "ngày lễ", "ngày đêm", "giờ",
    "giây", "một", "một vài", "mốt", "h",
]


def _texts(forms: list[str]) -> list[str]:
    words = " ".join(forms)
    variants = [words, strip_marks(words), words.upper(), words.title()]
    joined = [re.sub(" ", "  \n ", v) for v in variants]  # runs of white space
    glued = ["".join(forms), "-".join(forms), "x".join(forms)]  # forms inside words
    return variants + joined + glued


def _all_matches(pattern: str, texts: list[str]) -> list[tuple[object, ...] | None]:
    compiled_pattern = re.compile(pattern, re.IGNORECASE)
    out: list[tuple[object, ...] | None] = []
    for text in texts:
        for position in range(len(text) + 1):
            match = compiled_pattern.match(text, position)
            out.append(None if match is None else (match.span(), match.groupdict()))
    return out


def _same(plain: str, fast: str, texts: list[str], after: str = "") -> None:
    """The plain and the fast piece match alike, alone and followed by ``after``, on the
    texts and on the texts without diacritics (as the accent-free path reads them)."""
    for tail in dict.fromkeys(["", after, r"\b", r"\s", "$"]):
        assert _all_matches(plain + tail, texts) == _all_matches(fast + tail, texts)
        stripped = [strip_marks(t) for t in texts]
        assert _all_matches(strip_marks(plain + tail), stripped) == _all_matches(
            strip_marks(fast + tail), stripped
        )


@pytest.mark.parametrize("size", [1, 3, 8, 12, 20, len(FORMS)])
def test_any_of_reads_what_alternation_reads(size: int) -> None:
    forms = FORMS[:size]
    _same(alternation(forms), any_of(forms), _texts(forms), after=r"\s+[a-z]")


@given(st.lists(st.sampled_from(FORMS), min_size=1, max_size=14, unique=True))
def test_any_of_reads_what_alternation_reads_for_any_forms(forms: list[str]) -> None:
    _same(alternation(forms), any_of(forms), _texts(forms)[:6])


def _counted(pattern: str) -> collections.Counter[str]:
    return collections.Counter(w.lower() for w in _pattern_words(pattern) if w.isalpha())


@given(st.lists(st.sampled_from(FORMS), min_size=1, max_size=len(FORMS), unique=True))
def test_any_of_keeps_the_words_whole_and_as_many(forms: list[str]) -> None:
    # the accent-free path reads a rule's vocabulary, counted, from its pattern
    assert _counted(any_of(forms)) == _counted(alternation(forms))


def test_any_of_keeps_the_order_of_words_that_fold_alike() -> None:
    def order(pattern: str) -> list[str]:
        seen = dict.fromkeys(w.lower() for w in _pattern_words(pattern) if w.isalpha())
        return list(seen)

    for key in {fold(w) for f in FORMS for w in f.split()}:
        plain = [w for w in order(alternation(FORMS)) if fold(w) == key]
        fast = [w for w in order(any_of(FORMS)) if fold(w) == key]
        assert plain == fast, key


def _number_texts() -> list[str]:
    units = ["một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "bẩy", "tám", "chín"]
    after = ["một", "mốt", "hai", "ba", "bốn", "tư", "lăm", "nhăm", "sáu", "bảy", "tám", "chín"]
    phrases = [*units, "mười", *(f"mười {a}" for a in after), *(f"{u} mươi" for u in units)]
    phrases += [f"{u} mươi {a}" for u in units for a in after]
    text = " ".join(phrases)
    return [text, text.upper(), strip_marks(text), "mười năm hai mươi năm năm năm 25 năm"]


def test_number_words_read_what_the_grammar_reads() -> None:
    _same(number_words_pattern(LEX), number_words(LEX), _number_texts(), after=r"\s+năm")


def test_days_and_months_read_what_the_fragments_read() -> None:
    texts = [*_number_texts(), "ngày 5 tháng 12, 31 tháng Mười Một, 32 tháng 13 tháng năm"]
    _same(F.day_any, day_any(LEX), texts, after=r"\s+tháng")
    _same(F.month_any, month_any(LEX), texts, after=r"\s+năm")


def test_number_edges_read_what_the_fragments_read_around_a_number() -> None:
    texts = ["15/10/2024 1.5 2,5 x15 15x 15-16 (15) 15. 15.3 2.15 1/15 15/ 15h", "15"]
    number = r"[0-9]{1,4}"
    _same(F.left + number + F.right, NUMBER_START + number + NUMBER_END, texts)


def test_optional_reads_what_a_question_mark_reads() -> None:
    texts = ["ngày 15", "ngày  15", "15", "ngày ngày 15", "Ngày x"]
    _same(r"(?:(?P<w>ngày)\s+)?[0-9]+", optional(r"(?P<w>ngày)\s+") + "[0-9]+", texts)


def test_digits_then_refuses_only_what_cannot_follow() -> None:
    day_then_slash = r"(?:0?[1-9]|[12][0-9]|3[01])\s?[/\-.]"
    texts = ["15/10 5 - 6 2024 3 năm 1.1.1.1 123/4 07.08 31 /"]
    _same(day_then_slash, digits_then(r"\s?[/\-.]") + day_then_slash, texts)


def test_compiled_compiles_once() -> None:
    assert compiled(r"\s*:") is compiled(r"\s*:")
    assert compiled("năm").flags & re.IGNORECASE


def test_every_rule_pattern_compiles_and_its_stripped_pattern_too() -> None:
    for rule in all_rules():
        assert rule.compiled.pattern == rule.pattern
        re.compile(strip_marks(rule.pattern), re.IGNORECASE)
