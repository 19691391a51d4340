"""The engine's own patterns, written for speed, say the same as their plain forms."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import attrs
from hypothesis import given
from hypothesis import strategies as st

import timeline
from timeline.candidates import (
    _SENTENCE_END,
    Scanner,
    _trie_branches,
    digit_follows,
    lower_in_place,
    scan,
    scanner_for,
    sentence_starts,
)
from timeline.lexicon import load_lexicon
from timeline.rules import all_rules
from timeline.text import normalize

_PLAIN_SENTENCE_END = re.compile(r"[.!?…]+(?=\s)|\n+")


@given(st.text(alphabet="ab .!?…\n\t", max_size=40))
def test_sentence_ends_are_those_of_the_plain_pattern(text: str) -> None:
    fast = [m.span() for m in _SENTENCE_END.finditer(text)]
    assert fast == [m.span() for m in _PLAIN_SENTENCE_END.finditer(text)]


def test_sentence_starts() -> None:
    text = "Ngày 15/10. Đoàn tới!\n\nHọp lúc 8h… Xong"
    starts = sentence_starts(text)
    assert [text[s : s + 4] for s in starts] == ["Ngày", " Đoà", "\n\nHọ", "Họp ", " Xon"]


_WORDS = st.lists(st.text(alphabet="abtháng2", min_size=1, max_size=6), min_size=1, max_size=8)


@given(_WORDS, st.text(alphabet="abtháng2 ", max_size=12))
def test_the_trie_matches_what_the_longest_first_alternation_matches(
    words: list[str], text: str
) -> None:
    longest_first = sorted(set(words), key=lambda w: (-len(w), w))
    plain = re.compile("|".join(map(re.escape, longest_first)))
    trie = re.compile("|".join(first + rest for first, rest in _trie_branches(words)))
    for position in range(len(text) + 1):
        expected = plain.match(text, position)
        got = trie.match(text, position)
        assert (got and got.group()) == (expected and expected.group())


def _plain_trigger(scanner: Scanner) -> re.Pattern[str]:
    """The trigger pass as it reads: a trigger word standing alone, or a digit that starts
    a number followed by what makes it temporal."""
    words = sorted(scanner.by_word, key=lambda w: (-len(w), w))
    return re.compile(
        rf"(?<![\w])(?:{'|'.join(map(re.escape, words))})(?![^\W\d_])"
        rf"|(?<![0-9])[0-9]{digit_follows(load_lexicon())}"
    )


_TEXT = st.lists(
    st.sampled_from(["năm", "ngày", "tháng", "thứ", "t2", "hai", "các", "x", "năm2",
                     "15", "/", "10", "2024", "h", " ", " ", ",", "-", "đ", "9"]),
    max_size=12,
).map("".join)


@given(_TEXT)
def test_the_trigger_pass_finds_what_its_plain_form_finds(text: str) -> None:
    scanner = scanner_for(all_rules(), load_lexicon())
    assert scanner.trigger is not None
    plain = _plain_trigger(scanner)
    found = [(m.start(), m.group()) for m in scanner.trigger.finditer(text)]
    assert found == [(m.start(), m.group()) for m in plain.finditer(text)]


def _texts() -> list[str]:
    """The seeds, the development sets and every example and negative of the grammar."""
    root = Path(__file__).resolve().parent
    texts = [path.read_text(encoding="utf-8") for path in sorted(root.parent.glob("seeds/*.txt"))]
    data = root / "data"
    for gold in (data / "registers" / "dev.jsonl", data / "ud_vtb" / "gold.jsonl"):
        lines = gold.read_text(encoding="utf-8").splitlines()
        texts += [json.loads(line)["text"] for line in lines if line.strip()]
    for rule in all_rules():
        texts += [example.text for example in rule.examples] + list(rule.negatives)
    return texts


def test_two_token_triggers_only_spare_tries_that_would_fail() -> None:
    """A two-token trigger (các năm) tries its rule where the rule tried at the first word
    alone (các) would match: the same candidates on every text at hand."""
    lex = load_lexicon()
    rules = all_rules()
    assert any(" " in trigger for rule in rules for trigger in rule.triggers)
    first_tokens = tuple(
        attrs.evolve(rule, triggers=tuple(dict.fromkeys(t.split()[0] for t in rule.triggers)))
        for rule in rules
    )
    for text in _texts():
        for variant in (text, text.upper()):
            norm = normalize(variant)
            assert scan(norm, rules, lex) == scan(norm, first_tokens, lex), variant[:80]


def _digit_rules_where_the_trigger_is_silent(text: str) -> list[tuple[str, str]]:
    """The rules triggered by digits that match at the start of a number of ``text`` where
    the trigger pass does not fire."""
    scanner = scanner_for(all_rules(), load_lexicon())
    assert scanner.trigger is not None
    lowered = lower_in_place(text)
    fired = {m.start() for m in scanner.trigger.finditer(lowered) if m.group().isdigit()}
    return [
        (rule.name, text[start : start + 30])
        for start in (m.start() for m in re.finditer(r"(?<![0-9])[0-9]", text))
        if start not in fired
        for rule in scanner.by_digit
        if rule.compiled.match(text, start)
    ]


def test_the_digit_trigger_misses_no_match_at_hand() -> None:
    for text in _texts():
        assert _digit_rules_where_the_trigger_is_silent(normalize(text).text) == []


_NUMBER = st.from_regex(r"[0-9]{1,6}(?:[.,/:\-][0-9]{1,6}){0,3}", fullmatch=True)
_AFTER = st.sampled_from(
    ["", " ", "h", "g", "p", "%", " %", " - 12 năm", "-5 ngày", " năm", " tháng", " ngày",
     " giờ", " phút", " tuần", " tỷ", " người", " lần", " rưỡi", " âm lịch", " Tết", " sáng"]
)


@given(_NUMBER, _AFTER, st.sampled_from(["", "ngày ", "năm ", "từ ", "lúc ", "khoảng "]))
def test_the_digit_trigger_misses_no_match_on_numbers(
    number: str, after: str, before: str
) -> None:
    text = f"Hôm đó {before}{number}{after} xong."
    assert _digit_rules_where_the_trigger_is_silent(text) == []


def test_lower_case_keeps_every_offset() -> None:
    longer = [c for c in range(sys.maxunicode + 1) if len(chr(c).lower()) != 1]
    assert longer == [0x130]  # İ, the one lower_in_place maps to i
    text = "İSTANBUL, NGÀY 15/10"
    assert lower_in_place(text) == "istanbul, ngày 15/10"
    assert [m.timex for m in timeline.extract(text, reference="2024-10-20")] == ["2024-10-15"]
