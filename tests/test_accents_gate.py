"""The accent-free path's cost (issue 5): what it computes in C over the whole text gives
exactly what its plain-Python definition gives, and text typed with accents stops early.

- The gate (``accents._kept_segments``: one byte of class bits per character, shifts and
  ANDs of big integers, an exact count only for the few segments it cannot decide) keeps
  exactly the segments that ``_segment_kept`` keeps one by one, on the seeds as typed, on
  the seeds without diacritics, on mixtures, and on generated text full of the characters
  it classifies (marks of every block, every blank, every stop, characters beyond the
  BMP, lone surrogates).
- Its class tables are right for every character of the BMP, and no blank lies outside
  the blocks it looks at.
- The word-by-word mask computed per kept run of segments, and the guards read on a
  window of the text, give what they give on the whole text.
- Texts typed with accents never build the vocabulary (``_language``), the seed articles
  included, though three of them keep a few segments (a name in parentheses, file names).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline import accents
from timeline.candidates import scan, select
from timeline.compose import compose
from timeline.lexicon import load_lexicon
from timeline.rules import all_rules
from timeline.text import normalize

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
TEXTS = tuple(normalize(p.read_text(encoding="utf-8")).text for p in sorted(SEEDS.glob("*.txt")))
relaxed = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


def mixtures(text: str) -> list[str]:
    """``text`` with every second sentence, then every second word, without marks."""
    sentences = text.split(". ")
    words = text.split(" ")
    return [
        ". ".join(accents.strip_marks(s) if i % 2 else s for i, s in enumerate(sentences)),
        " ".join(accents.strip_marks(w) if i % 2 else w for i, w in enumerate(words)),
    ]


SAMPLES = TEXTS + tuple(accents.strip_marks(t) for t in TEXTS)
SAMPLES += tuple(m for t in TEXTS for m in mixtures(t))


# --- the gate ---------------------------------------------------------------------------------


@pytest.mark.parametrize("text", SAMPLES, ids=lambda t: t[:20])
def test_gate_keeps_what_the_plain_definition_keeps(text: str) -> None:
    assert accents._kept_segments(text) == accents._kept_segments_slowly(text)


# Characters the gate tells apart, and their neighbours in each block it looks at.
MARKS = "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
OTHERS = (
    "ĐÀÁÂĂƠƯỨỜ×÷ȀȁɏɐÿĀāǿ"  # the edges of the blocks with marks, × ÷ among them
    "“”‘’–—•«»°©…‧‰"  # punctuation next to the stops and blanks of the same blocks
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2005\u200a\u200b\u2028\u2029"
    "\u202f\u205f\u3000\u3001\u3080\u1600\u2080\u2026"  # blanks, and look-alikes
    ".!?;:,/-()0123456789_"
    "東京日本語한국어ΑλφαЖук"  # other scripts
    "\U0001f600\U00020000\ud800"  # beyond the BMP, and a lone surrogate
)
LETTERS = "abcdeghiklmnopqrstuvxyAHNTV"
words = st.text(alphabet=LETTERS + MARKS, min_size=1, max_size=8)
glue = st.text(alphabet=OTHERS + "  ", min_size=1, max_size=3)


@relaxed
@given(st.lists(st.tuples(words, glue), max_size=60))
def test_gate_on_generated_text(parts: list[tuple[str, str]]) -> None:
    text = "".join(w + g for w, g in parts)
    assert accents._kept_segments(text) == accents._kept_segments_slowly(text)


@relaxed
@given(st.text(alphabet=LETTERS + MARKS + OTHERS + "   ", max_size=300))
def test_gate_on_character_soup(text: str) -> None:
    assert accents._kept_segments(text) == accents._kept_segments_slowly(text)


def bits_of(char: str) -> int:
    tables = accents._gate_tables()
    code = ord(char)
    return tables.low[code & 0xFF] & tables.high[code >> 8]


def test_gate_tables_classify_every_character_of_the_bmp() -> None:
    tables = accents._gate_tables()
    for code in range(0x10000):
        char, bits = chr(code), bits_of(chr(code))
        marked = 0xC0 <= code < 0x200 or 0x1E00 <= code < 0x1F00
        assert bool(bits & (accents._MARKED_LATIN1 | accents._MARKED_EXTENDED)) == marked, char
        assert bool(bits & accents._SPACE) == (char == " "), hex(code)
        assert bool(bits & accents._NEWLINE) == (char == "\n"), hex(code)
        stop = bits & (accents._STOP | accents._STOP_PUNCTUATION)
        assert bool(stop) == (char in accents._STOPS), hex(code)
        blank = bits & (accents._BLANK | accents._BLANK_PUNCTUATION)
        if char.isspace() and char not in tables.uncovered:
            assert blank, hex(code)
        else:
            assert not blank, hex(code)
    # the blanks that no class covers are looked for before the gate reads a text
    assert tables.uncovered == ("\u1680", "\u3000")


def test_no_blank_outside_the_blocks_the_gate_looks_at() -> None:
    blanks = [code for code in range(sys.maxunicode + 1) if chr(code).isspace()]
    assert {code >> 8 for code in blanks} <= set(accents._BLANK_BLOCKS)


# --- the mask and the guards on parts of the text -----------------------------------------


@pytest.mark.parametrize("text", SAMPLES, ids=lambda t: t[:20])
def test_mask_without_marks(text: str) -> None:
    masked = accents.strip_marks(accents.accent_free_mask(text))
    assert accents._masked_without_marks(text) == masked


@relaxed
@given(
    st.text(alphabet=LETTERS + MARKS + " \t\n.,-/()0123456789", max_size=200),
    st.data(),
)
def test_guards_read_a_window_as_the_whole_text(text: str, data: st.DataObject) -> None:
    plain = accents.strip_marks(text)
    numbers = accents._number_words(load_lexicon())
    spans = [m.span() for m in accents._WORD.finditer(plain)]
    if not spans:
        return
    first = data.draw(st.integers(0, len(spans) - 1))
    last = data.draw(st.integers(first, len(spans) - 1))
    start, end = spans[first][0], spans[last][1]
    window, low = accents._plain_around(text, start, end)
    for guard in accents.guards().values():
        for a, b in spans[first : last + 1]:
            whole = guard.allows(plain, a, b, numbers)
            assert guard.allows(window, a - low, b - low, numbers) == whole


# --- texts typed with accents stop early ------------------------------------------------------


def test_text_typed_with_accents_builds_no_vocabulary(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(rules: object) -> None:
        raise AssertionError("the vocabulary was built for a text typed with accents")

    lex, rules = load_lexicon(), all_rules()
    ordinary = [
        [c for c in compose(normalize(t), select(scan(normalize(t), rules, lex)), lex)
         if not c.reading.latent]
        for t in TEXTS
    ]
    monkeypatch.setattr(accents, "_language", refuse)
    kept = 0
    for text, found in zip(TEXTS, ordinary, strict=True):
        kept += len(accents._kept_segments(text))
        assert accents.unaccented_candidates(normalize(text), rules, lex, found) == found
    assert kept  # the seeds do keep a few segments: the early stop is what is tested


def test_blocks_join_adjacent_segments() -> None:
    assert accents._blocks([(0, 3), (3, 5), (7, 9), (10, 12), (12, 13)]) == [
        (0, 5),
        (7, 9),
        (10, 13),
    ]
    assert accents._blocks([]) == []
