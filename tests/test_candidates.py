"""The engine's own patterns, written for speed, say the same as their plain forms."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from timeline.candidates import _SENTENCE_END, _trie, sentence_starts

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
    trie = re.compile(_trie(words))
    for position in range(len(text) + 1):
        expected = plain.match(text, position)
        got = trie.match(text, position)
        assert (got and got.group()) == (expected and expected.group())
