"""Text typed without diacritics: a second, context-guarded reading of the grammar.

People type Vietnamese on phones without diacritics (``hop luc 9h sang thu Hai, ngay
18/11``). Folding every text to plain letters would make ``Việt Nam`` a year (``năm``)
and a ladder (``thang``) a month, so the engine never does that. Instead
(:func:`unaccented_candidates`, called by :func:`timeline.candidates.candidates`):

1. **Where.** Only the stretches typed without accents are read on this path: a word
   belongs to one when, among the words of its sentence within ten words either side,
   fewer than 30 % carry diacritics. Everything else is masked out and left to the
   ordinary path. A gate computed in C over the whole text first masks the segments in
   which many words carry marks (most of a text typed with accents), and the rest of
   the path works only on the runs of segments it keeps.
2. **Match.** Each rule's pattern is compiled a second time with the marks stripped
   from its letters (:func:`strip_marks`: case kept, one character for one, ASCII
   untouched, so ``\\S``, group names and ``(?-i:T)`` keep their meaning), the first
   time one of its triggers occurs in a stretch, and run over the text with its marks
   stripped. Where no pattern matches, the path stops there: the language data below is
   read only for texts that have a match to restore.
3. **Restore.** The words of a match get their marks back — from the rule's own
   vocabulary (the accented words of its pattern) first, then from the language data
   (every word of ``lang/vi/*.toml``) — and the rule's *original* pattern must match the
   restored words over exactly the same span. The rule's build function then reads that
   match as it reads text typed with accents, its data tables and context checks
   included. A match that no restoration explains is dropped.
4. **Guard.** Words that are other words without their marks (``nam``: Việt Nam, Nam
   Định, miền Nam; ``thang``: a ladder; ``toi``: I; ``sang``: over to; ``chieu``: a
   dimension; ``mai``: a name) are read as time words only where their neighbours allow
   it (data: ``lang/vi/accents.toml``).
5. **Compose.** The modifiers, tense words and connectors around the kept matches get
   their marks back (from the lexicon, by position: ``ngoai`` is ``ngoài`` before a
   match and ``ngoái`` after it), and composition runs on the restored text.
6. **Merge.** Where a candidate of the ordinary path and the words around it lie in a
   stretch typed without accents, this path's candidates replace it (the ordinary path
   would read ``ty le 1/3/2024`` without its veto); elsewhere one of this path's
   candidates is kept only where it overlaps no ordinary candidate or strictly contains
   every one it overlaps.

Offsets never move: stripping, masking and restoring all keep one character for one.

>>> strip_marks("Thứ Hai, ngày 18/11 ở Đà Nẵng")
'Thu Hai, ngay 18/11 o Da Nang'
"""

from __future__ import annotations

import bisect
import collections
import functools
import itertools
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from importlib import resources
from types import MappingProxyType

import attrs

from timeline.compose import compose
from timeline.grammar import DIGIT, Candidate, Reading, Rule, RuleMatch
from timeline.lexicon import Lexicon, Veto, alternation, data_table
from timeline.model import Grain, TimeValue
from timeline.text import NormalizedText

__all__ = [
    "NUMBER",
    "Guard",
    "accent_free_mask",
    "guards",
    "strip_marks",
    "unaccented_candidates",
]

_WORD = re.compile(r"[^\W\d_]+")
_TOKEN = re.compile(r"[^\W_]+")
_CLASS_IN_WORD = re.compile(r"([^\W\d_]*)\[([^\]\\^\-]+)\]([^\W\d_]*)")
_MASK = "\u00a4"  # ¤: not a letter, a digit, a space or a dash; matches no rule
_WINDOW = 10  # words either side that say whether a stretch is typed without accents
_ACCENTED_SHARE = 0.3  # from this share of words with marks around it, a word is "accented"
_MAX_RESTORATIONS = 64
_CONTEXT = 40  # characters around a match that a rule's look-arounds and build may read
_LONGEST_MATCH = 200  # no temporal expression is longer
_SENTENCE_OPENERS = ".!?:;\n(\"“'‘[-*•"
_CLAUSE_BREAK = re.compile(r"[,;:.!?…\n(]")
_NOT_VOCABULARY = frozenset({"accents.toml", "categories.toml"})

NUMBER = "<number>"
"""In ``accents.toml``: any number, in digits or in words."""


def _strip_char(char: str) -> str:
    if char == "đ":
        return "d"
    if char == "Đ":
        return "D"
    decomposed = unicodedata.normalize("NFD", char)
    base = decomposed[0]
    if (
        len(decomposed) > 1
        and base.isascii()
        and all(unicodedata.combining(c) for c in decomposed[1:])
    ):
        return base
    return char


# The Latin letters with marks: Latin-1, Latin Extended-A and -B, Latin Extended Additional.
_MARKED_RANGES = (range(0xC0, 0x250), range(0x1E00, 0x1F00))


@functools.lru_cache(maxsize=1)
def _strip_table() -> Mapping[int, str]:
    return MappingProxyType(
        {
            code: stripped
            for block in _MARKED_RANGES
            for code in block
            if (stripped := _strip_char(chr(code))) != chr(code)
        }
    )


def strip_marks(text: str) -> str:
    """``text`` without diacritics (``đ`` → ``d``), case kept, one character for one."""
    return text.translate(_strip_table())


def _with_case(form: str, typed: str) -> str:
    """``form`` written with the capitals of ``typed`` (same length)."""
    return "".join(f.upper() if t.isupper() else f for f, t in zip(form, typed, strict=True))


# --- where: the stretches typed without accents --------------------------------------------


_WORD_ALONE = re.compile(r"(?<![0-9])[^\W\d_]+(?![0-9])")  # not the h of 9h, the T of T10
_SEGMENT_END = re.compile(r"[.!?…;:](?:\s|$)|\n")


def _accented_words(text: str, plain: str | None = None) -> list[tuple[int, int]]:
    """The spans of the Latin words of ``text`` that stand among words typed with accents
    (see :func:`accent_free_mask`); ``plain``: ``text`` without its marks, when at hand."""
    if text.isascii():
        return []  # no word carries marks
    if plain is None:
        plain = strip_marks(text)
    spans: list[tuple[int, int]] = []
    marked: list[int] = []
    segments: list[int] = []
    segment = 0
    last = 0
    for match in _WORD_ALONE.finditer(plain):
        start, end = match.span()
        if not plain.isascii() and not plain[start:end].isascii():
            continue  # Japanese, Chinese: neither counted nor masked
        if _SEGMENT_END.search(plain, last, start):
            segment += 1
        last = end
        spans.append((start, end))
        marked.append(text[start:end] != plain[start:end])
        segments.append(segment)
    total = len(spans)
    sums = list(itertools.accumulate(marked, initial=0))
    out: list[tuple[int, int]] = []
    index = 0
    while index < total:  # one sentence at a time
        low = high = index
        while high < total and segments[high] == segments[index]:
            high += 1
        for word in range(index, high):
            window_low, window_high = max(low, word - _WINDOW), min(high, word + _WINDOW + 1)
            share = (sums[window_high] - sums[window_low]) / (window_high - window_low)
            if share >= _ACCENTED_SHARE:
                out.append(spans[word])
        index = high
    return out


def accent_free_mask(text: str) -> str:
    """``text`` with every word masked (``¤``) that stands among words typed with accents.

    A word stands among them when, of the Latin words of its sentence within ten words
    either side (itself included), at least 30 % carry diacritics. Non-Latin words
    (Japanese, Chinese), letters glued to digits (``9h``, ``T10``), digits and
    punctuation are never masked. Same length as ``text``.

    >>> accent_free_mask("Ngày 17-10, đoàn tới Kanagawa. Hop luc 9h sang thu Hai")
    '¤¤¤¤ 17-10, ¤¤¤¤ ¤¤¤ ¤¤¤¤¤¤¤¤. Hop luc 9h sang thu Hai'
    """
    pieces: list[str] = []
    position = 0
    for start, end in _accented_words(text):
        pieces.append(text[position:start])
        pieces.append(_MASK * (end - start))
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


def _masked_without_marks(text: str) -> str:
    """``strip_marks(accent_free_mask(text))``, stripping once."""
    plain = strip_marks(text)
    pieces: list[str] = []
    position = 0
    for start, end in _accented_words(text, plain):
        pieces += (plain[position:start], _MASK * (end - start))
        position = end
    pieces.append(plain[position:])
    return "".join(pieces)


def _free_stretches(masked: str) -> list[tuple[int, int]]:
    """The stretches of ``masked`` that hold at least one word (not a letter glued to a
    digit: the ``h`` of ``24h``) and no masked one."""
    stretches: list[tuple[int, int]] = []
    start = 0
    has_word = False
    for match in re.finditer(rf"{_MASK}+|{_WORD_ALONE.pattern}", masked):
        if match.group()[0] == _MASK:
            if has_word:
                stretches.append((start, match.start()))
            start, has_word = match.end(), False
        else:
            has_word = True
    if has_word:
        stretches.append((start, len(masked)))
    return stretches


# --- the gate: segments typed with accents, masked whole -----------------------------------
#
# Most text is prose typed with accents, and the word-by-word mask above is a loop in Python.
# The gate masks first, whole, each segment (up to a _SEGMENT_END) in which enough words
# carry marks, and does it in C over the whole text:
#
# 1. Each character becomes one byte of class bits, from the two bytes of its UTF-16 code
#    unit: a class is "low byte in one set and high byte in another" (bytes.translate of
#    each half, then one AND of the two halves read as integers, eight classes at once).
# 2. With shifts, ANDs and one addition of such integers (one byte per character): where
#    segments end, and the last character with a mark of each blank-separated word. A word
#    with one holds a word with marks as _segment_kept counts them (one whose first letter
#    with a mark is preceded, within the word, only by letters without marks or nothing),
#    so their number never exceeds that count.
# 3. A segment that has enough of them is masked; the others (short, plain ASCII or with
#    few marks: a few per article) are counted exactly by _segment_kept.
#
# The decisions are exactly those of _segment_kept on every segment (_kept_segments_slowly),
# which tests/test_accents_gate.py checks on generated text.

# Two bits per class where it takes two terms, side by side (one OR of the bits with
# themselves shifted by one joins each pair), then the space and the newline on their own.
_MARKED_LATIN1 = 1 << 0  # U+00C0–U+00FF
_MARKED_EXTENDED = 1 << 1  # U+0100–U+01FF, U+1E00–U+1EFF
_BLANK = 1 << 2  # the blanks (\s) below U+0100, the space and the newline among them
_BLANK_PUNCTUATION = 1 << 3  # U+2000–U+200A, U+2028, U+2029, U+202F, U+205F
_STOP = 1 << 4  # the stops of _SEGMENT_END below U+0100
_STOP_PUNCTUATION = 1 << 5  # … (General Punctuation)
_SPACE = 1 << 6
_NEWLINE = 1 << 7
_STOPS = ".!?…;:"
# The high bytes of the UTF-16 code units of the blanks (a test checks that there are no
# others); the blanks of the ones that get no class (U+1680, U+3000, both spaces that
# normalize() folds) send a text the slow way.
_BLANK_BLOCKS = (0x00, 0x16, 0x20, 0x30)


@attrs.frozen(slots=True)
class _GateTables:
    """Low byte → the class bits it allows, high byte → the same; and the blanks and stops
    that no class covers (a text holding one is gated the slow way)."""

    low: bytes
    high: bytes
    uncovered: tuple[str, ...]
    uncovered_high: tuple[bytes, ...]  # their high bytes, looked for first


@functools.lru_cache(maxsize=1)
def _gate_tables() -> _GateTables:
    blanks = {
        chr(code)
        for block in _BLANK_BLOCKS
        for code in range(block << 8, (block + 1) << 8)
        if chr(code).isspace()
    }

    def low(chars: Iterable[str], high: int) -> set[int]:
        return {ord(c) & 0xFF for c in chars if ord(c) >> 8 == high}

    terms = (  # (bit, low bytes, high bytes)
        (_MARKED_LATIN1, set(range(0xC0, 0x100)), {0x00}),
        (_MARKED_EXTENDED, set(range(0x100)), {0x01, 0x1E}),
        (_SPACE, {ord(" ")}, {0x00}),
        (_NEWLINE, {ord("\n")}, {0x00}),
        (_STOP, low(_STOPS, 0x00), {0x00}),
        (_STOP_PUNCTUATION, low(_STOPS, 0x20), {0x20}),
        (_BLANK, low(blanks, 0x00), {0x00}),
        (_BLANK_PUNCTUATION, low(blanks, 0x20), {0x20}),
    )
    lows, highs = bytearray(256), bytearray(256)
    for bit, low_bytes, high_bytes in terms:
        for value in low_bytes:
            lows[value] |= bit
        for value in high_bytes:
            highs[value] |= bit
    covered = {0x00, 0x20}
    uncovered = sorted(c for c in {*blanks, *_STOPS} if ord(c) >> 8 not in covered)
    return _GateTables(
        bytes(lows),
        bytes(highs),
        tuple(uncovered),
        tuple(dict.fromkeys(bytes([ord(c) >> 8]) for c in uncovered)),
    )


_PLANE_ZERO = bytes([0xFF] + [0] * 255)  # a UTF-32 code unit whose third byte is 0: the BMP


def _gate_classes(text: str, tables: _GateTables) -> int | None:
    """The class bits of ``text``, one byte per character (the first most significant), or
    None when ``text`` holds a blank or a stop that no class covers."""
    units = text.encode("utf-16-le", "surrogatepass")
    width = 2
    if len(units) != 2 * len(text):  # characters beyond the BMP: one code unit each
        units, width = text.encode("utf-32-le", "surrogatepass"), 4
    highs = units[1::width]
    if any(h in highs for h in tables.uncovered_high) and any(
        char in text for char in tables.uncovered
    ):
        return None
    low = int.from_bytes(units[0::width].translate(tables.low), "big")
    high = int.from_bytes(highs.translate(tables.high), "big")
    bits = low & high
    if width == 4:
        bits &= int.from_bytes(units[2::width].translate(_PLANE_ZERO), "big")
    return bits


def _segment_kept(segment: str) -> bool:
    """Whether the gate keeps ``segment`` (for the word-by-word mask to decide).

    A segment of at most 21 words is one window: it is typed without accents exactly when
    under 30 % of its words carry marks. A longer one is kept when under 60 % do, so that a
    stretch without marks at one end still reaches the word-by-word mask. The words are
    counted by their spaces, those with marks by _MARKED_WORD (a count that errs towards
    keeping a segment: the word-by-word mask decides exactly after); a segment of plain
    ASCII is kept when it holds a letter."""
    if segment.isascii():
        words, marked = (1 if _HAS_LETTER.search(segment) else 0), 0
    else:
        words = segment.count(" ") + 1
        marked = len(_MARKED_WORD.findall(segment))
    limit = _ACCENTED_SHARE if words <= _WHOLE_WINDOW else 2 * _ACCENTED_SHARE
    return bool(words) and marked < limit * words


def _segments(text: str) -> Iterator[tuple[int, int]]:
    """The segments of ``text``: each up to and with its _SEGMENT_END, the last to the end."""
    start = 0
    for end in [*(m.end() for m in _SEGMENT_END.finditer(text)), len(text)]:
        if end > start:
            yield start, end
            start = end


def _kept_segments_slowly(text: str) -> list[tuple[int, int]]:
    """:func:`_kept_segments`, one segment at a time in Python (the reference)."""
    return [(a, b) for a, b in _segments(text) if _segment_kept(text[a:b])]


def _kept_segments(text: str) -> list[tuple[int, int]]:
    """The spans of the segments of ``text`` that the gate keeps, in order: those that
    :func:`_segment_kept` keeps (see the comment above)."""
    size = len(text)
    tables = _gate_tables()
    bits = _gate_classes(text, tables) if size else None
    if bits is None:
        return _kept_segments_slowly(text)
    # One byte per character, the first one most significant: a shift by 8 to the right
    # reads the character before, to the left the one after.
    ones = int.from_bytes(b"\x01" * size, "big")
    pairs = bits | bits >> 1
    marked = pairs & ones
    blank = pairs >> 2 & ones
    stop = pairs >> 4 & ones
    space = bits >> 6 & ones
    newline = bits >> 7 & ones
    # A segment ends after a newline, and after a blank that follows a stop.
    ends = newline | (stop >> 8 & blank)
    # A word's last mark: each blank adds 1 to the character before it, which carries on
    # through the characters with neither a mark nor a blank (0xFF) to the first that has
    # one; where that is a mark, it is the last of its word.
    other = ones ^ (marked | blank)
    last_marks = (other * 0xFF + (blank << 8)) & marked
    # One byte per character: 0xFF a word's last mark, 0xE0 another character but a space,
    # 0x00 a space; 0x02 where a segment ends, to split on. The bits of a segment are then
    # 5 per last mark + 3 per character that is not a space.
    others = ones ^ (space | ends)
    spread = last_marks * 0x1F | others * 0xE0 | ends << 1
    pieces = spread.to_bytes(size, "big").split(b"\x02")
    lengths = list(map(len, pieces))
    before = list(itertools.accumulate(lengths, initial=0))  # the pieces before each
    # A segment has at most its spaces + 2 words (the one it may end with, split off, and
    # one): 5 last marks - 3 spaces >= 6 is 60 % of them or more, masked at any size.
    undecided = [
        index
        for index, piece in enumerate(pieces)
        if int.from_bytes(piece, "big").bit_count() < 3 * len(piece) + 6
    ]
    kept = []
    last = len(pieces) - 1
    for index in undecided:
        # the segment: its piece and the end split off (but the last)
        start = before[index] + index
        end = start + lengths[index] + (index < last)
        if end - start == 1 and text[start] == "\n":
            continue  # an empty line
        piece = pieces[index]
        # its words: its spaces, the one it ends with (split off above) if any, and one
        words = piece.count(b"\x00") + (index < last and text[end - 1] == " ") + 1
        limit = _ACCENTED_SHARE if words <= _WHOLE_WINDOW else 2 * _ACCENTED_SHARE
        if start < end and piece.count(b"\xff") < limit * words and _segment_kept(text[start:end]):
            kept.append((start, end))
    return kept


# A word that carries marks: one Latin letter with a mark in it (the letters strip_marks
# changes). From the start of a word, letters without marks then one with: the two classes
# are disjoint, so the match never backtracks (linear even on a 50,000-letter "word").
_MARKED_WORD = re.compile(
    r"(?<![^\W\d_])[^\W\d_\u00c0-\u024f\u1e00-\u1eff]*[\u00c0-\u024f\u1e00-\u1eff]"
)
_HAS_LETTER = re.compile(r"[A-Za-z]")
# A segment longer than this holds windows that do not see all of it (2 x _WINDOW + 1).
_WHOLE_WINDOW = 2 * _WINDOW + 1


# --- guards: words that are other words without their marks ----------------------------


@attrs.frozen(slots=True)
class Guard:
    """When a word typed without marks may be read as a time word (``accents.toml``).

    In this order: a word glued to a code (``03-CTr/TU``) never is; a capitalised one
    inside a sentence is a name (``Nam``) unless after one of ``capitalised_after``
    (``thứ Năm``); after or before one of the ``always_*`` phrases (one or two words) it
    always is (``bắt đầu từ``, ``năm Đinh Dậu``); after or before one of the ``never_*``
    words it never is (``Việt Nam``, ``đầu tư``); and when ``follows`` or ``precedes`` is
    given, the word before it or the word after it must be one of those.
    """

    form: str
    reads: frozenset[str]
    follows: frozenset[str] = frozenset()
    precedes: frozenset[str] = frozenset()
    always_follows: frozenset[str] = frozenset()
    always_precedes: frozenset[str] = frozenset()
    never_follows: frozenset[str] = frozenset()
    never_precedes: frozenset[str] = frozenset()
    capitalised_is_name: bool = False
    capitalised_after: frozenset[str] = frozenset()

    def allows(self, text: str, start: int, end: int, numbers: frozenset[str]) -> bool:
        """Whether the word at ``text[start:end]`` (text without marks) may be read as
        one of :attr:`reads` there."""
        if start and text[start - 1] in "/-":
            return False  # part of a code: 03-CTr/TU, 15-NQ/TƯ
        before, after = _neighbours(text, start, end)
        previous = _key(before[-1] if before else None, numbers)
        following = _key(after[0] if after else None, numbers)
        if (
            self.capitalised_is_name
            and text[start].isupper()
            and not _sentence_initial(text, start)
            and previous not in self.capitalised_after
        ):
            return False
        if (previous is not None and previous in self.always_follows) or (
            following is not None and following in self.always_precedes
        ):
            return True
        if " ".join(before).lower() in self.always_follows:
            return True  # bắt đầu từ, though đầu tư
        if " ".join(after).lower() in self.always_precedes:
            return True  # năm Đinh Dậu, though Nam Định
        if previous in self.never_follows or following in self.never_precedes:
            return False
        if self.follows or self.precedes:
            return previous in self.follows or following in self.precedes
        return True


def _set(entry: Mapping[str, object], key: str) -> frozenset[str]:
    value = entry.get(key, ())
    if not isinstance(value, list | tuple):
        raise ValueError(f"accents.toml: {key} of {entry.get('form')!r} is not a list")
    return frozenset(str(v) for v in value)


@functools.lru_cache(maxsize=4)
def guards(language: str = "vi") -> Mapping[str, Guard]:
    """The guarded words of a language, by their form without marks."""
    table = data_table("accents.toml", language)
    out = {}
    for entry in table["word"]:
        out[entry["form"]] = Guard(
            form=entry["form"],
            reads=_set(entry, "reads"),
            follows=_set(entry, "follows"),
            precedes=_set(entry, "precedes"),
            always_follows=_set(entry, "always_follows"),
            always_precedes=_set(entry, "always_precedes"),
            never_follows=_set(entry, "never_follows"),
            never_precedes=_set(entry, "never_precedes"),
            capitalised_is_name=bool(entry.get("capitalised_is_name", False)),
            capitalised_after=_set(entry, "capitalised_after"),
        )
    return MappingProxyType(out)


@functools.lru_cache(maxsize=4)
def _number_words(lex: Lexicon) -> frozenset[str]:
    words = [*lex.unit_words, *lex.units_after_ten, *lex.ten_forms, *lex.tens_markers]
    return frozenset(strip_marks(w).lower() for w in words)


def _key(word: str | None, numbers: frozenset[str]) -> str | None:
    if word is None:
        return None
    lowered = word.lower()
    return NUMBER if lowered.isdigit() or lowered in numbers else lowered


def _neighbours(text: str, start: int, end: int) -> tuple[list[str], list[str]]:
    """Up to two words (or numbers) just before ``start`` and just after ``end``, on the
    same line and separated by spaces only, nearest last before and first after."""
    head = text[max(0, start - _CONTEXT) : start]
    before = list(_TOKEN.finditer(head))[-2:]
    if before and not head[before[-1].end() :].isspace():
        before = []
    if len(before) == 2 and not head[before[0].end() : before[1].start()].isspace():
        before = before[1:]
    after = list(itertools.islice(_TOKEN.finditer(text, end, min(len(text), end + _CONTEXT)), 2))
    if after and not text[end : after[0].start()].isspace():
        after = []
    if len(after) == 2 and not text[after[0].end() : after[1].start()].isspace():
        after = after[:1]
    return [t.group() for t in before], [t.group() for t in after]


def _sentence_initial(text: str, start: int) -> bool:
    index = start - 1
    while index >= 0 and text[index] in " \t":
        index -= 1
    return index < 0 or text[index] in _SENTENCE_OPENERS


def _guarded(
    plain: str, restored: str, start: int, end: int, lex: Lexicon, base: int = 0
) -> bool:
    """Whether every guarded word of ``plain[start:end]`` that ``restored`` (whose index
    0 is ``base`` in ``plain``) reads as a time word is allowed there."""
    table = guards()
    numbers = _number_words(lex)
    for word in _WORD.finditer(plain, start, end):
        guard = table.get(word.group().lower())
        if guard is None:
            continue
        if restored[word.start() - base : word.end() - base].lower() not in guard.reads:
            continue
        if not guard.allows(plain, word.start(), word.end(), numbers):
            return False
    return True


# --- vocabulary: the way back to the marks ----------------------------------------------


@functools.lru_cache(maxsize=1)
def _preferred() -> frozenset[str]:
    """Words that come first among the words a word without marks may be (``accents.toml``,
    ``[restore] prefer``): ``bay gio`` is ``bây giờ`` (now) before ``bấy giờ`` (then)."""
    return frozenset(w.lower() for w in data_table("accents.toml")["restore"]["prefer"])


def _vocabulary(words: Iterable[str], *, plain_too: bool = False) -> Mapping[str, tuple[str, ...]]:
    """Word without marks (lower case) → the words it may be: the preferred ones, then the
    most frequent in ``words`` (the word itself among them when it is one of ``words``:
    ``qua`` is ``qua`` before it is ``quà``). Unless ``plain_too``, only the keys that some
    accented word folds to are kept."""
    counts = collections.Counter(word.lower() for word in words)
    preferred = _preferred()
    ranked = [w for w, _ in sorted(counts.most_common(), key=lambda item: item[0] not in preferred)]
    table: dict[str, list[str]] = {}
    for word, plain in zip(ranked, _without_marks(ranked), strict=True):
        if plain.isascii() and len(plain) == len(word):
            table.setdefault(plain, []).append(word)
    return MappingProxyType(
        {k: tuple(v) for k, v in table.items() if plain_too or any(w != k for w in v)}
    )


def _without_marks(texts: Sequence[str]) -> list[str]:
    """:func:`strip_marks` of each of ``texts``, in one pass when none holds a newline."""
    if any("\n" in text for text in texts):
        return [strip_marks(text) for text in texts]
    return strip_marks("\n".join(texts)).split("\n") if texts else []


def _phrases(phrases: Iterable[str]) -> Mapping[str, str]:
    """Phrase without marks (lower case, single spaces) → its likeliest accented form."""
    return _likeliest_phrases(collections.Counter(" ".join(p.lower().split()) for p in phrases))


def _likeliest_phrases(counts: collections.Counter[str]) -> Mapping[str, str]:
    """:func:`_phrases` of phrases already in lower case with single spaces, counted."""
    ranked = [phrase for phrase, _ in counts.most_common()]
    table: dict[str, str] = {}
    for phrase, plain in zip(ranked, _without_marks(ranked), strict=True):
        if phrase and plain.isascii() and len(plain) == len(phrase):
            table.setdefault(plain, phrase)
    return MappingProxyType(table)


def _pattern_words(pattern: str) -> list[str]:
    """The literal words of a regex source: escapes removed, ``k[ỷỉ]`` → ``kỷ``, ``kỉ``."""
    source = re.sub(r"\\.", " ", pattern)
    words: list[str] = []
    for match in _CLASS_IN_WORD.finditer(source):
        words.extend(match.group(1) + c + match.group(3) for c in match.group(2))
    words.extend(_WORD.findall(_CLASS_IN_WORD.sub(" ", source)))
    return words


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


@functools.lru_cache(maxsize=4)
def _data_strings(language: str = "vi") -> tuple[str, ...]:
    """Every string of the language data (with repeats: frequency orders the choices)."""
    names = sorted(
        entry.name
        for entry in resources.files(f"timeline.lang.{language}").iterdir()
        if entry.name.endswith(".toml") and entry.name not in _NOT_VOCABULARY
    )
    return tuple(text for name in names for text in _strings(data_table(name, language)))


@attrs.frozen(slots=True, eq=False)
class _Language:
    """The way back to the marks for words that are not a rule's own: every word and
    phrase of the language data and of the rules' patterns."""

    words: Mapping[str, tuple[str, ...]]
    phrases: Mapping[str, str]
    longest: int

    def likeliest(self, text: str, tokens: Sequence[re.Match[str]]) -> dict[int, str]:
        """The likeliest accented form of each of ``tokens`` (matches in ``text``, in
        order) that the data knows, by start: the phrases of the data where they cover
        the most words (``tran dau keo dai`` is ``trận đấu`` + ``kéo dài``), single words
        elsewhere."""
        count = len(tokens)
        words = [t.group().lower() for t in tokens]
        joined = [text[a.end() : b.start()].isspace() for a, b in itertools.pairwise(tokens)]
        # best[i]: (words covered by phrases, -pieces) for tokens[i:], and the first piece
        best: list[tuple[tuple[int, int], int]] = [((0, 0), 0)] * (count + 1)
        for index in range(count - 1, -1, -1):
            choice = ((best[index + 1][0][0], best[index + 1][0][1] - 1), 1)
            for size in range(2, min(self.longest, count - index) + 1):
                if not joined[index + size - 2]:
                    break
                if " ".join(words[index : index + size]) in self.phrases:
                    rest = best[index + size][0]
                    score = (rest[0] + size, rest[1] - 1)
                    if score > choice[0]:
                        choice = (score, size)
            best[index] = choice
        out: dict[int, str] = {}
        index = 0
        while index < count:
            size = best[index][1]
            key = " ".join(words[index : index + size])
            group = tokens[index : index + size]
            index += size
            if key in self.phrases:
                forms: tuple[str, ...] = tuple(self.phrases[key].split())
            elif key in self.words:
                forms = self.words[key][:1]
            else:
                continue  # a word the data does not know: left as typed
            for token, form in zip(group, forms, strict=True):
                out[token.start()] = _with_case(form, token.group())
        return out


@functools.lru_cache(maxsize=8)
def _language(rules: tuple[Rule, ...]) -> _Language:
    """Every word and phrase (of up to three words) of the language data, of the rules'
    patterns and of their examples and negative examples, counted."""
    texts = [
        *_data_strings(),
        *(w for rule in rules for w in _pattern_words(rule.pattern)),
        *(e.text for rule in rules for e in rule.examples),
        *(n for rule in rules for n in rule.negatives),
    ]
    words: list[str] = []
    phrases: list[str] = []  # lower case, single spaces: as _phrases makes them
    for text in texts:
        found = _WORD.findall(text)
        words += found
        if len(found) > 1:
            lowered = [word.lower() for word in found]
            phrases += map(" ".join, itertools.pairwise(lowered))
            phrases += map(" ".join, zip(lowered, lowered[1:], lowered[2:], strict=False))
    return _Language(_vocabulary(words), _likeliest_phrases(collections.Counter(phrases)), 3)


@attrs.frozen(slots=True, eq=False)
class _Restorer:
    """A rule read on text without marks: the way back to its own words."""

    rule: Rule
    own: Mapping[str, tuple[str, ...]]  # the rule's own words

    def options(self, typed: str, language: _Language) -> tuple[str, ...]:
        """What a word of the match may be: the rule's own words that fold to it (or,
        when there are none, the language's), and the word as typed, last."""
        key = typed.lower()
        forms = self.own.get(key) or language.words.get(key, ())
        return tuple(dict.fromkeys((*(_with_case(f, typed) for f in forms), typed)))

    def read(
        self,
        masked: str,
        text: str,
        likeliest: Mapping[int, str],
        language: _Language,
        start: int,
        end: int,
        lex: Lexicon,
    ) -> tuple[Reading, str] | None:
        """The rule's reading of ``masked[start:end]`` once its words get their marks
        back, and the restored span; None when no restoration makes the rule's own
        pattern match exactly that span, passes the guards and is accepted by the build.

        The words of the match try every form they may be (the rule's own words first).
        The words around it, which look-arounds and build functions read, take their
        likeliest form (the phrases of the language data first: ``ngan hang`` is ``ngân
        hàng``), or the rule's own words where the pattern matches only so (a look-behind
        such as ``tối`` before ``mai``). Once the pattern has matched, the build decides.
        ``likeliest``: the likeliest form of every word of ``masked``, by its start;
        ``text``: the text as typed (the guards read it without its marks).
        """
        window_start = max(0, start - _CONTEXT)
        window = masked[window_start : min(len(masked), end + _CONTEXT)]
        offset, length = start - window_start, end - start
        tokens = list(_WORD.finditer(window))
        inside = [t for t in tokens if offset <= t.start() < offset + length]
        around = [t for t in tokens if not offset <= t.start() < offset + length]
        base = tuple(_at(likeliest, window_start + t.start(), t.group()) for t in around)
        own = tuple(
            _with_case(self.own[t.group().lower()][0], t.group())
            if t.group().lower() in self.own
            else word
            for t, word in zip(around, base, strict=True)
        )
        spans = [(t.start(), t.end()) for t in tokens]
        inside_at = [tokens.index(t) for t in inside]
        around_at = [tokens.index(t) for t in around]
        options = [self.options(t.group(), language) for t in inside]
        plain, low = _plain_around(text, start, end)
        combinations = itertools.chain(
            itertools.islice(itertools.product(*options), _MAX_RESTORATIONS),
            [tuple(t.group() for t in inside)],
        )
        for combination in combinations:
            for context in dict.fromkeys((base, own)):
                words = [""] * len(tokens)
                for index, word in zip(inside_at, combination, strict=True):
                    words[index] = word
                for index, word in zip(around_at, context, strict=True):
                    words[index] = word
                restored = _splice(window, spans, words)
                match = self.rule.compiled.match(restored, offset)
                if match is None or match.end() - offset != length:
                    continue
                if not _guarded(plain, restored, start - low, end - low, lex, window_start - low):
                    break
                reading = self.rule.build(RuleMatch(match, lex))
                if reading is None:
                    break
                return reading, restored[offset : offset + length]
        return None


def _words_within(text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """The whole words of ``text`` that lie within ``[start, end)``."""
    for word in _WORD.finditer(text, start, end):
        whole = (word.start() == 0 or not _is_letter(text[word.start() - 1])) and (
            word.end() == len(text) or not _is_letter(text[word.end()])
        )
        if whole:
            yield word


def _is_letter(char: str) -> bool:
    return char.isalpha()


def _at(likeliest: Mapping[int, str], position: int, typed: str) -> str:
    """The likeliest form of the word ``typed`` at ``position`` (a word cut by the edge of
    a window keeps its letters)."""
    word = likeliest.get(position)
    return word if word is not None and len(word) == len(typed) else typed


def _splice(text: str, spans: Sequence[tuple[int, int]], words: Sequence[str]) -> str:
    """``text`` with ``spans`` (in order, not overlapping) replaced by ``words``."""
    pieces: list[str] = []
    position = 0
    for (start, end), word in zip(spans, words, strict=True):
        pieces.append(text[position:start])
        pieces.append(word)
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


def _plain_around(text: str, start: int, end: int) -> tuple[str, int]:
    """``text`` without its marks where the guards of the words of ``text[start:end]`` read
    it (:meth:`Guard.allows`: the word before, the words around within _CONTEXT, back over
    blanks to the start of a sentence), and the offset of that part in ``text``."""
    low = max(0, start - _CONTEXT - 1)
    while low and text[low - 1] in " \t":
        low -= 1
    low = max(0, low - 1)
    return strip_marks(text[low : end + _CONTEXT + 1]), low


@functools.lru_cache(maxsize=1024)
def _stripped(rule: Rule) -> re.Pattern[str]:
    """The rule's pattern with the marks stripped from its letters, compiled (the rule's
    own compiled pattern when it has no marks)."""
    pattern = strip_marks(rule.pattern)
    return rule.compiled if pattern == rule.pattern else re.compile(pattern, re.IGNORECASE)


@functools.lru_cache(maxsize=1024)
def _restorer(rule: Rule) -> _Restorer:
    return _Restorer(rule, _vocabulary(_pattern_words(rule.pattern), plain_too=True))


@functools.lru_cache(maxsize=4)
def _stripped_vetoes(lex: Lexicon) -> Lexicon:
    """The lexicon with its vetoes written without marks (for numbers on this path), less
    the ones that without marks are as often a name or another word (``accents.toml``)."""
    ignored = {f.lower() for f in data_table("accents.toml")["vetoes"]["not_without_marks"]}

    def strip(vetoes: tuple[Veto, ...]) -> tuple[Veto, ...]:
        out = []
        for veto in vetoes:
            forms = [strip_marks(f).lower() for f in veto.forms if f.lower() not in ignored]
            if forms:
                out.append(Veto(veto.why, tuple(dict.fromkeys(forms)), veto.examples))
        return tuple(out)

    return attrs.evolve(
        lex, vetoes_before=strip(lex.vetoes_before), vetoes_after=strip(lex.vetoes_after)
    )


@attrs.frozen(slots=True, eq=False)
class _Tried:
    """A rule as the scanner tries it: its pattern without marks, compiled the first time
    the rule is tried (:func:`_stripped`)."""

    rule: Rule

    @functools.cached_property
    def pattern(self) -> re.Pattern[str]:
        return _stripped(self.rule)


@attrs.frozen(slots=True, eq=False)
class _Scanner:
    """The rules indexed by the first words of their matches without marks (their
    ``triggers``), as the engine does: a rule is tried, anchored, only where one of its
    first words or (for :data:`DIGIT`) a digit starts."""

    trigger: re.Pattern[str] | None
    by_word: Mapping[str, tuple[_Tried, ...]]
    by_digit: tuple[_Tried, ...]
    everywhere: tuple[_Tried, ...]

    def matches(self, text: str, start: int, end: int) -> list[tuple[Rule, re.Match[str]]]:
        """Every match that starts in ``text[start:end]`` (it may read on past ``end``)."""
        found = []
        if self.trigger is not None:
            by_word, by_digit = self.by_word, self.by_digit
            for hit in self.trigger.finditer(text, start, end):
                word, position = hit.group("w"), hit.start()
                for tried in by_word.get(word.lower(), ()) if word else by_digit:
                    match = tried.pattern.match(text, position)
                    if match is not None:
                        found.append((tried.rule, match))
        reach = min(len(text), end + _LONGEST_MATCH)
        for tried in self.everywhere:
            for match in tried.pattern.finditer(text, start, reach):
                if match.start() >= end:
                    break
                found.append((tried.rule, match))
        return found


@functools.lru_cache(maxsize=8)
def _scanner(rules: tuple[Rule, ...]) -> _Scanner:
    by_word: dict[str, list[_Tried]] = {}
    by_digit: list[_Tried] = []
    everywhere: list[_Tried] = []
    for rule in rules:
        tried = _Tried(rule)
        triggers: tuple[str, ...] = getattr(rule, "triggers", ())
        if not triggers:
            everywhere.append(tried)
        for word in triggers:
            if word == DIGIT:
                by_digit.append(tried)
            else:
                # a two-token trigger (các năm) is tried at its first word here
                by_word.setdefault(strip_marks(word.split()[0]).lower(), []).append(tried)
    parts = []
    if by_word:
        parts.append(rf"(?<![\w])(?P<w>{alternation(by_word)})(?![^\W\d_])")
    if by_digit:
        parts.append(r"(?<![0-9])(?P<d>[0-9])")
    return _Scanner(
        re.compile("|".join(parts), re.IGNORECASE) if parts else None,
        MappingProxyType({w: tuple(dict.fromkeys(r)) for w, r in by_word.items()}),
        tuple(by_digit),
        tuple(everywhere),
    )


def _matches(
    masked: str, stretches: Sequence[tuple[int, int]], rules: tuple[Rule, ...]
) -> list[tuple[Rule, re.Match[str]]]:
    """Every non-empty match of the stripped patterns that starts in one of the
    ``stretches`` of the masked text, in text order (rule by rule at one position)."""
    scanner = _scanner(rules)
    return [
        (rule, match)
        for low, high in stretches
        for rule, match in scanner.matches(masked, low, high)
        if match.end() > match.start()
    ]


def _read(
    masked: NormalizedText,
    text: str,
    matches: Sequence[tuple[Rule, re.Match[str]]],
    likeliest: Mapping[int, str],
    language: _Language,
    lex: Lexicon,
) -> list[tuple[Candidate, str]]:
    """The readings of ``matches`` (in the masked text) that their rules accept once their
    words get their marks back, each with its restored span (``likeliest``: the likeliest
    form of each word of the masked text, by its start; ``text``: the text as typed)."""
    from timeline.candidates import _trim, _vetoed  # the engine's own edges and vetoes

    typed = masked.text
    veto_lex = _stripped_vetoes(lex)
    found: list[tuple[Candidate, str]] = []
    for rule, match in matches:
        start, end = _trim(typed, match.start(), match.end())
        if start >= end or _vetoed(masked, start, end, veto_lex):
            continue
        read = _restorer(rule).read(
            typed, text, likeliest, language, match.start(), match.end(), lex
        )
        if read is None:
            continue
        reading, restored = read
        inner = restored[start - match.start() : end - match.start()]
        found.append((Candidate(start, end, reading, rule.name, rule.priority), inner))
    return found


# --- compose on restored text -------------------------------------------------------------


@attrs.frozen(slots=True, eq=False)
class _ComposeWords:
    """Phrase without marks → accented phrase, for the words around a match."""

    before: Mapping[str, str]  # modifiers, tense verbs, connectors
    before_day: Mapping[str, str]  # the same, but the parts of the day win: `toi` is `tối`
    after: Mapping[str, str]  # tense words, connectors


@functools.lru_cache(maxsize=4)
def _compose_words(lex: Lexicon) -> _ComposeWords:
    data = data_table("accents.toml")["compose"]
    before = _phrases([*data["before"], *lex.point_mods, *lex.duration_mods, *lex.tense_verbs])
    before_day = MappingProxyType({**before, **_phrases(lex.day_parts)})
    after = _phrases([*data["after"], *lex.tense_suffixes])
    return _ComposeWords(before, before_day, after)


def _day_or_finer(value: TimeValue) -> bool:
    """A day, a weekday or a time: what a part of the day before it (`tối 20/11`) joins."""
    if getattr(value, "weekday", None) is not None:
        return True  # a weekday of a relative week: `toi T6 tuan sau` is `tối`
    try:
        grain = value.grain
    except NotImplementedError:  # pragma: no cover - every value has a grain
        return False
    return grain is not None and grain.rank >= Grain.DAY.rank


def _restore_phrases(
    chars: list[str], done: set[int], text: str, start: int, end: int, phrases: Mapping[str, str]
) -> None:
    """Give their marks back to the ``phrases`` found in ``text[start:end]``."""
    tokens = [t for t in _words_within(text, start, end) if t.start() not in done]
    longest = max((p.count(" ") + 1 for p in phrases), default=1)
    found = _Language(MappingProxyType({}), phrases, longest).likeliest(text, tokens)
    for index, word in found.items():
        chars[index : index + len(word)] = list(word)
        done.add(index)


def _restored_text(
    text: str,
    selected: Sequence[Candidate],
    spans: Mapping[tuple[int, int, str], str],
    lex: Lexicon,
    likeliest: Mapping[int, str],
) -> str:
    """``text`` with the selected matches restored, and the words around them: first the
    modifiers, tense words and connectors by their position, then the likeliest forms."""
    chars = list(text)
    done: set[int] = set()
    words = _compose_words(lex)
    windows: list[tuple[int, int, int, int]] = []
    for index, candidate in enumerate(selected):
        previous_end = selected[index - 1].end if index else 0
        next_start = selected[index + 1].start if index + 1 < len(selected) else len(text)
        head = max(previous_end, candidate.start - 120)
        tail = min(next_start, candidate.end + _CONTEXT)
        windows.append((head, candidate.start, candidate.end, tail))
        # a tense word or connector follows its match in the same clause: in `toi T2, toi
        # T4` the second `toi` is no `tới` after T2 (it is `tối` before T4)
        clause = _CLAUSE_BREAK.search(text, candidate.end, tail)
        _restore_phrases(
            chars, done, text, candidate.end, clause.start() if clause else tail, words.after
        )
    for (head, start, _, _), candidate in zip(windows, selected, strict=True):
        day = _day_or_finer(candidate.reading.value)
        _restore_phrases(chars, done, text, head, start, words.before_day if day else words.before)
    for head, start, end, tail in windows:
        for low, high in ((head, start), (end, tail)):
            for token in _words_within(text, low, high):
                if token.start() not in done:
                    chars[token.start() : token.end()] = list(
                        _at(likeliest, token.start(), token.group())
                    )
                    done.add(token.start())
    for candidate in selected:
        chars[candidate.start : candidate.end] = list(
            spans[(candidate.start, candidate.end, candidate.rule)]
        )
    return "".join(chars)


# --- the path -----------------------------------------------------------------------------


def _blocks(kept: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The runs of adjacent spans of ``kept`` (in order), each as one span."""
    blocks: list[tuple[int, int]] = []
    for start, end in kept:
        if blocks and blocks[-1][1] == start:
            blocks[-1] = (blocks[-1][0], end)
        else:
            blocks.append((start, end))
    return blocks


def unaccented_candidates(
    norm: NormalizedText,
    rules: Sequence[Rule],
    lex: Lexicon,
    ordinary: Sequence[Candidate],
) -> list[Candidate]:
    """``ordinary`` (the confirmed candidates of the text as typed) merged with what the
    accent-free path reads where the text is typed without diacritics; in text order.

    The work is done only on the runs of segments the gate keeps (``blocks``), and stops
    as soon as nothing is left to read: no stretch typed without accents, or no pattern
    without marks that matches at one of the triggers in them. Texts typed with accents
    stop there, before the vocabulary (:func:`_language`) is built."""
    from timeline.candidates import select

    text = norm.text
    blocks = _blocks(_kept_segments(text))
    if not blocks:
        return list(ordinary)
    pieces: list[str] = []
    stretches: list[tuple[int, int]] = []
    position = 0
    for low, high in blocks:
        piece = _masked_without_marks(text[low:high])
        stretches.extend((low + a, low + b) for a, b in _free_stretches(piece))
        pieces += (_MASK * (low - position), piece)
        position = high
    if not stretches:
        return list(ordinary)
    pieces.append(_MASK * (len(text) - position))
    masked = "".join(pieces)
    rules = tuple(rules)
    matches = _matches(masked, stretches, rules)
    extra: list[Candidate] = []
    if matches:
        language = _language(rules)
        tokens = [t for low, high in blocks for t in _WORD.finditer(masked, low, high)]
        likeliest = language.likeliest(masked, tokens)
        found = _read(attrs.evolve(norm, text=masked), text, matches, likeliest, language, lex)
        spans = {(c.start, c.end, c.rule): restored for c, restored in found}
        selected = select(_most_faithful(found, masked))
        restored = _restored_text(masked, selected, spans, lex, likeliest) if selected else masked
        for candidate in compose(attrs.evolve(norm, text=restored), selected, lex):
            if candidate.reading.latent:
                continue
            plain, low = _plain_around(text, candidate.start, candidate.end)
            if _guarded(plain, restored, candidate.start - low, candidate.end - low, lex, -low):
                extra.append(candidate)
                continue
            extra.extend(
                c
                for c in selected
                if candidate.start <= c.start and c.end <= candidate.end and not c.reading.latent
            )
    # The candidates of the ordinary path that lie, with the words around them that their
    # rule may read (vetoes, context), in one stretch typed without accents give way. Away
    # from the ends of the text, only a stretch longer than twice _CONTEXT holds one.
    kept = list(ordinary)
    size = len(masked)
    for a, b in stretches:
        if b - a > 2 * _CONTEXT or a == 0 or b == size:
            kept = [
                c
                for c in kept
                if not (a <= max(0, c.start - _CONTEXT) and min(size, c.end + _CONTEXT) <= b)
            ]
    return _merge(kept, extra)


def _most_faithful(found: Sequence[tuple[Candidate, str]], typed: str) -> list[Candidate]:
    """Of the readings of one span, those that change the fewest words typed: a word that
    is a word without marks is more likely that word (``thang sau`` is ``tháng sau``, next
    month, before it is ``tháng sáu``, June)."""

    def changed(candidate: Candidate, restored: str) -> int:
        words = _WORD.finditer(typed, candidate.start, candidate.end)
        return sum(
            restored[w.start() - candidate.start : w.end() - candidate.start].lower()
            != w.group().lower()
            for w in words
        )

    fewest: dict[tuple[int, int], int] = {}
    counted = [(c, changed(c, restored)) for c, restored in found]
    for candidate, count in counted:
        span = (candidate.start, candidate.end)
        fewest[span] = min(count, fewest.get(span, count))
    return [c for c, count in counted if count == fewest[(c.start, c.end)]]


def _merge(ordinary: list[Candidate], extra: Sequence[Candidate]) -> list[Candidate]:
    """Add each accent-free candidate that overlaps none of ``ordinary`` or strictly
    contains every one it overlaps (which it then replaces)."""
    kept = sorted(ordinary, key=lambda c: (c.start, c.end))
    for candidate in extra:
        low = bisect.bisect_left([c.end for c in kept], candidate.start + 1)
        high = low
        while high < len(kept) and kept[high].start < candidate.end:
            high += 1
        overlapping = kept[low:high]
        if any(c.start < candidate.start or c.end > candidate.end for c in overlapping):
            continue
        if overlapping and sum(c.length for c in overlapping) >= candidate.length:
            continue
        kept[low:high] = [candidate]
    return kept
