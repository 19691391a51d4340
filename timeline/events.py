"""Events: what happens at the times a text mentions.

A :class:`~timeline.model.Mention` that sits on the calendar (a DATE or TIME with an
interval, or a SET anchored by a date of its sentence) becomes an :class:`Event`: its
time, a short title taken from the clause the mention belongs to, the sentence, the
place the text names (``tại Tokyo``), categories from a vocabulary kept as data
(``lang/vi/categories.toml``), the documents that report it, and an id that is the same
on every run.

>>> from datetime import datetime
>>> from zoneinfo import ZoneInfo
>>> from timeline.model import Day, Interval, Mention
>>> text = "Ngày 17-10, tại Tokyo, đoàn đã ký kết Bản ghi nhớ hợp tác."
>>> tz = ZoneInfo("Asia/Ho_Chi_Minh")
>>> when = Mention(text="Ngày 17-10", start=0, end=10, value=Day(2024, 10, 17),
...                interval=Interval(datetime(2024, 10, 17, tzinfo=tz),
...                                  datetime(2024, 10, 18, tzinfo=tz)))
>>> [event] = events_from_mentions("doc", text, [when])
>>> event.title, event.location, event.category.value
('Đoàn ký kết Bản ghi nhớ hợp tác', 'tại Tokyo', 'signing')

Several documents that report the same happening give one event with several
sources: see :func:`fuse` and ``docs/events.md``.
"""

from __future__ import annotations

import bisect
import enum
import hashlib
import itertools
import math
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime, timedelta
from functools import cache, lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

import attrs

from timeline.calendar import interval_of
from timeline.errors import InvalidArgumentError
from timeline.model import (
    Day,
    Grain,
    Interval,
    Mention,
    PartOfDay,
    Recurrence,
    TimeOfDay,
    TimexType,
    Weekday,
)

__all__ = [
    "FUSION_BASE_THRESHOLD",
    "FUSION_GRAIN_PENALTY",
    "FUSION_MAX_GRAIN_GAP",
    "Category",
    "Event",
    "Source",
    "Vocabulary",
    "events_from_mentions",
    "fold",
    "fuse",
    "sentence_spans",
    "similarity",
]

# --- accent folding --------------------------------------------------------------------------


def _fold_table() -> Mapping[int, str]:
    table: dict[int, str] = {}
    ranges = (range(0x41, 0x5B), range(0xC0, 0x250), range(0x1E00, 0x1F00))
    for block in ranges:
        for code in block:
            char = chr(code)
            decomposed = unicodedata.normalize("NFD", char)
            base = "".join(c for c in decomposed if not unicodedata.combining(c))
            lowered = base.lower()
            if len(lowered) == 1 and lowered != char:
                table[code] = lowered
    table[ord("đ")] = "d"
    table[ord("Đ")] = "d"
    return MappingProxyType(table)


_FOLD = _fold_table()


def _lower(text: str) -> str:
    """``str.lower`` that keeps the length (and so every offset) of the text."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def fold(text: str) -> str:
    """Lower case without Vietnamese diacritics, ``đ`` → ``d``; keeps every offset.

    >>> fold("Đoàn đại biểu THĂM Nhật Bản")
    'doan dai bieu tham nhat ban'
    """
    return _lower(text.translate(_FOLD))


def _has_marks(text: str) -> bool:
    """Whether the text is written with diacritics (most Vietnamese text is)."""
    return _lower(text) != fold(text)  # both keep the length of the text


# --- phrases: word sequences matched with or without accents ---------------------------------

_PUNCT = "\"'“”‘’«»()[]{}.,;:!?…*•·–—-/|"


def _core(word: str) -> str:
    return word.strip(_PUNCT)


@attrs.frozen(slots=True)
class _Phrases:
    """Phrases as word tuples, accented (lower case) and folded, longest first.

    ``starting`` and ``ending`` index the same phrases by their first and by their last
    word (accented, then folded), in the same order, so that a lookup tries only the
    phrases that can match at a position. ``quick`` is ``pattern`` without its word
    boundaries: it finds a superset of its matches much faster (its first characters
    guide the search), so a text where it finds none has no match of ``pattern``."""

    accented: tuple[tuple[str, ...], ...]
    folded: tuple[tuple[str, ...], ...]
    pattern: re.Pattern[str] | None
    quick: re.Pattern[str] | None
    starting: tuple[Mapping[str, tuple[tuple[str, ...], ...]], ...]
    ending: tuple[Mapping[str, tuple[tuple[str, ...], ...]], ...]

    @classmethod
    def of(cls, phrases: Iterable[str]) -> _Phrases:
        unique = sorted({" ".join(p.split()) for p in phrases if p.strip()},
                        key=lambda p: (-len(p.split()), -len(p), p))
        accented = tuple(tuple(_lower(p).split()) for p in unique)
        folded = tuple(tuple(fold(p).split()) for p in unique)
        alternatives = sorted({r"\s+".join(re.escape(w) for w in words) for words in folded},
                              key=lambda a: (-len(a), a))
        pattern = (re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)")
                   if alternatives else None)
        quick = re.compile("|".join(alternatives)) if alternatives else None
        starting = (_index(accented, 0), _index(folded, 0))
        ending = (_index(accented, -1), _index(folded, -1))
        return cls(accented, folded, pattern, quick, starting, ending)

    def count(self, text: str) -> int:
        """How many times the phrases occur in the text, accents ignored."""
        return self.count_folded(fold(text))

    def count_folded(self, folded: str) -> int:
        """:meth:`count` on a text already passed through :func:`fold`."""
        if self.pattern is None or self.quick is None or self.quick.search(folded) is None:
            return 0
        return len(self.pattern.findall(folded))

    def match(self, words: Sequence[str], at: int, accents: bool) -> int:
        """The length in words of the longest phrase that starts at ``words[at]``, or 0
        (a phrase of at most 8 words)."""
        if at >= len(words):
            return 0
        candidates = self.starting[not accents].get(_key(words[at], accents))
        if candidates is None:
            return 0
        room = min(len(words) - at, 8)
        for phrase in candidates:
            size = len(phrase)
            if size <= room and all(_key(words[at + i], accents) == phrase[i]
                                    for i in range(1, size)):
                return size
        return 0

    def match_end(self, words: Sequence[str], end: int, accents: bool) -> int:
        """The length of the longest phrase that ends just before ``words[end]``, or 0."""
        if end <= 0:
            return 0
        candidates = self.ending[not accents].get(_key(words[end - 1], accents))
        if candidates is None:
            return 0
        for phrase in candidates:
            start = end - len(phrase)
            if start >= 0 and all(_key(words[start + i], accents) == phrase[i]
                                  for i in range(len(phrase) - 1)):
                return len(phrase)
        return 0

    def find(self, words: Sequence[str], accents: bool, start: int = 0) -> int | None:
        """The index of the first word from ``start`` on where a phrase starts, or None."""
        first = self.starting[not accents]
        for index in range(start, len(words)):
            if _key(words[index], accents) in first and self.match(words, index, accents):
                return index
        return None


def _index(phrases: Sequence[tuple[str, ...]], position: int
           ) -> Mapping[str, tuple[tuple[str, ...], ...]]:
    """The phrases by their word at ``position`` (0: the first, -1: the last), in order."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        index.setdefault(phrase[position], []).append(phrase)
    return MappingProxyType({word: tuple(found) for word, found in index.items()})


@lru_cache(maxsize=1 << 16)
def _key(word: str, accents: bool) -> str:
    """A word as the phrases hold it: without surrounding punctuation, lower case, and
    folded unless ``accents``."""
    core = _core(word)
    return _lower(core) if accents else fold(core)


# --- the vocabulary --------------------------------------------------------------------------


class Category(enum.StrEnum):
    """What kind of happening an event is; keywords in ``lang/vi/categories.toml``."""

    SIGNING = "signing"
    MEETING = "meeting"
    CONFERENCE = "conference"
    FESTIVAL = "festival"
    EXHIBITION = "exhibition"
    VISIT = "visit"
    ANNIVERSARY = "anniversary"
    PLAN = "plan"
    STATISTIC = "statistic"
    OTHER = "other"


_ACTIVITIES = frozenset({
    Category.SIGNING, Category.MEETING, Category.CONFERENCE, Category.FESTIVAL,
    Category.EXHIBITION, Category.VISIT, Category.ANNIVERSARY,
})

_CLAUSE_LISTS = (
    "adverbial_openers", "locative", "frames", "event_nouns", "auxiliaries",
    "appositive_openers", "predicate_openers", "agent_closers", "cut_before", "trailing",
    "leading", "same_day", "clause_conjunctions", "verbs", "location_stops", "day_parts",
)


@attrs.frozen(slots=True)
class Vocabulary:
    """The event vocabulary: category keywords and the clause words of titles.

    :meth:`default` reads the one shipped in ``timeline/lang/vi/categories.toml``;
    :meth:`load` reads another file of the same shape.
    """

    categories: tuple[tuple[Category, str, _Phrases], ...]
    clause: Mapping[str, _Phrases]
    abbreviations: frozenset[str]
    max_title_words: int

    @classmethod
    def default(cls) -> Vocabulary:
        return _default_vocabulary()

    @classmethod
    def load(cls, path: str | Path) -> Vocabulary:
        with open(path, "rb") as handle:
            return cls.from_toml(tomllib.load(handle), str(path))

    @classmethod
    def from_toml(cls, data: Mapping[str, Any], origin: str = "categories.toml") -> Vocabulary:
        entries = data.get("category")
        if not isinstance(entries, list):
            raise InvalidArgumentError(f"{origin}: category", "a list of [[category]] tables",
                                       entries)
        categories: list[tuple[Category, str, _Phrases]] = []
        for entry in entries:
            name = entry.get("name") if isinstance(entry, dict) else None
            try:
                category = Category(str(name))
            except ValueError:
                raise InvalidArgumentError(
                    f"{origin}: category.name", f"one of {[c.value for c in Category]}", name
                ) from None
            keywords = entry.get("keywords", [])
            if not isinstance(keywords, list) or not all(isinstance(k, str) for k in keywords):
                raise InvalidArgumentError(f"{origin}: {name}.keywords", "a list of strings",
                                           keywords)
            categories.append((category, str(entry.get("label", name)), _Phrases.of(keywords)))
        missing = set(Category) - {c for c, _, _ in categories}
        if missing:
            raise InvalidArgumentError(f"{origin}: category", "an entry for every category",
                                       sorted(missing))
        clause = data.get("clause", {})
        lists: dict[str, _Phrases] = {}
        for key in _CLAUSE_LISTS:
            words = clause.get(key, [])
            if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
                raise InvalidArgumentError(f"{origin}: clause.{key}", "a list of strings", words)
            lists[key] = _Phrases.of(words)
        abbreviations = clause.get("abbreviations", [])
        maximum = clause.get("max_title_words", 20)
        if not isinstance(maximum, int) or maximum < 3:
            raise InvalidArgumentError(f"{origin}: clause.max_title_words", "an integer >= 3",
                                       maximum)
        return cls(tuple(categories), MappingProxyType(lists), frozenset(abbreviations), maximum)

    def label(self, category: Category) -> str:
        """The Vietnamese label of a category (``meeting`` → ``Hội kiến, làm việc``)."""
        return next(label for c, label, _ in self.categories if c is category)

    def categorize(self, title: str, sentence: str) -> tuple[Category, ...]:
        """Every category whose keywords occur, best first; ``(OTHER,)`` when none does."""
        return self._categorize(fold(title), self._counts(fold(sentence)))

    def _counts(self, folded: str) -> tuple[int, ...]:
        """How many keywords of each category a folded text holds."""
        return tuple(phrases.count_folded(folded) for _, _, phrases in self.categories)

    def _categorize(self, title: str, counts: Sequence[int]) -> tuple[Category, ...]:
        """:meth:`categorize` of a folded title and the :meth:`_counts` of its sentence."""
        scored: list[tuple[int, int, Category]] = []
        for order, ((category, _, phrases), count) in enumerate(
                zip(self.categories, counts, strict=True)):
            score = 3 * phrases.count_folded(title) + count
            if score:
                scored.append((-score, order, category))
        return tuple(c for _, _, c in sorted(scored)) or (Category.OTHER,)


@cache
def _default_vocabulary() -> Vocabulary:
    source = Path(__file__).parent / "lang" / "vi" / "categories.toml"
    return Vocabulary.from_toml(tomllib.loads(source.read_text(encoding="utf-8")),
                                "timeline/lang/vi/categories.toml")


# --- sentences -------------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s)")
_OPENERS = "“\"'‘(*-–•["


def _lines(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for match in re.finditer(r"\r?\n|\r", text):
        yield start, match.start()
        start = match.end()
    yield start, len(text)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def sentence_spans(text: str, vocabulary: Vocabulary | None = None) -> list[tuple[int, int]]:
    """``[start, end)`` of every sentence: a line break always ends one; a full stop, ``!``,
    ``?`` or ``…`` does when an upper-case letter, a digit or an opening quote follows
    and the word before it is not an abbreviation (``TP.``).

    >>> text = "Ngày 16-10, đoàn thăm Tokyo. Sau đó TP. Hà Nội ký kết.\\nTiêu đề"
    >>> [text[s:e] for s, e in sentence_spans(text)]
    ['Ngày 16-10, đoàn thăm Tokyo.', 'Sau đó TP. Hà Nội ký kết.', 'Tiêu đề']
    """
    abbreviations = (vocabulary or Vocabulary.default()).abbreviations
    spans: list[tuple[int, int]] = []
    for line_start, line_end in _lines(text):
        start = line_start
        for match in _SENTENCE_END.finditer(text, line_start, line_end):
            after = match.end()
            while after < line_end and text[after].isspace():
                after += 1
            if after >= line_end:
                break
            following = text[after]
            if not (following.isupper() or following.isdigit() or following in _OPENERS):
                continue
            word = re.search(r"([\w.]+)$", text[start:match.start()])
            if word and (word.group(1) in abbreviations
                         or (len(word.group(1)) == 1 and word.group(1).isupper())):
                continue
            spans.append(_trim(text, start, match.end()))
            start = after
        spans.append(_trim(text, start, line_end))
    return [(s, e) for s, e in spans if s < e]


# --- titles and places -----------------------------------------------------------------------


class _Token(NamedTuple):
    text: str
    start: int
    end: int


def _tokens(sentence: str) -> list[_Token]:
    return [_Token(m.group(), m.start(), m.end()) for m in re.finditer(r"\S+", sentence)]


def _covered(tokens: Sequence[_Token], spans: Iterable[tuple[int, int]]) -> list[bool]:
    """For each token, whether one of the spans overlaps it."""
    covered = [False] * len(tokens)
    starts = [t.start for t in tokens]
    ends = [t.end for t in tokens]
    for start, end in spans:
        # the tokens (in order, apart) that end after the span starts and start before it ends
        for index in range(bisect.bisect_right(ends, start), bisect.bisect_left(starts, end)):
            covered[index] = True
    return covered


def _ends_segment(word: str) -> bool:
    stripped = word.rstrip("\"'”’»)]")
    return bool(stripped) and stripped[-1] in ",;:"


def _segments(tokens: Sequence[_Token]) -> list[list[int]]:
    segments: list[list[int]] = [[]]
    for index, token in enumerate(tokens):
        segments[-1].append(index)
        if _ends_segment(token.text):
            segments.append([])
    return [s for s in segments if s]


class _Clause:
    """Shapes a title and finds a place in one sentence (see ``categories.toml``)."""

    def __init__(self, sentence: str, vocabulary: Vocabulary,
                 mentions: Sequence[tuple[int, int]] = ()) -> None:
        self.sentence = sentence
        self.vocabulary = vocabulary
        self.words = vocabulary.clause
        self.folded = fold(sentence)
        self.accents = _lower(sentence) != self.folded  # _has_marks(sentence)
        self.tokens = _tokens(sentence)
        self.segments = _segments(self.tokens)
        self.in_mention = _covered(self.tokens, mentions)

    def _inside(self, span: tuple[int, int] | None) -> list[int]:
        """The indexes of the tokens that the span overlaps."""
        if span is None:
            return []
        starts = [t.start for t in self.tokens]
        ends = [t.end for t in self.tokens]
        return list(range(bisect.bisect_right(ends, span[0]), bisect.bisect_left(starts, span[1])))

    # word-list helpers

    def _texts(self, indexes: Iterable[int]) -> list[str]:
        return [self.tokens[i].text for i in indexes]

    def _starts(self, words: Sequence[str], key: str) -> int:
        return self.words[key].match(words, 0, self.accents) if words else 0

    def _strip(self, words: Sequence[str], *, start_keys: Sequence[str] = ("leading",),
               end_keys: Sequence[str] = ("trailing",)) -> list[str]:
        """Drop dangling function words and punctuation at both ends."""
        kept = list(words)
        changed = True
        while kept and changed:
            changed = False
            while kept and not _core(kept[0]):
                kept, changed = kept[1:], True
            while kept and not _core(kept[-1]):
                kept, changed = kept[:-1], True
            for key in start_keys:
                n = self._starts(kept, key)
                if n:
                    kept, changed = kept[n:], True
            for key in end_keys:
                n = self.words[key].match_end(kept, len(kept), self.accents)
                if n:
                    kept, changed = kept[:-n], True
        if kept:
            kept[-1] = kept[-1].rstrip(",;:")
        return kept

    def _has_predicate(self, words: Sequence[str]) -> bool:
        return any(self.words[key].find(words, self.accents) is not None
                   for key in ("auxiliaries", "verbs"))

    def _event_noun(self, words: Sequence[str], *, last: bool = False) -> int | None:
        nouns = self.words["event_nouns"]
        first = nouns.starting[not self.accents]
        found = [i for i, word in enumerate(words) if _key(word, self.accents) in first
                 and nouns.match(words, i, self.accents)]
        if not found:
            return None
        return found[-1] if last else found[0]

    def _drop_agent(self, words: list[str]) -> list[str]:
        """Without ``do … dẫn đầu``, a relative clause about the agent."""
        index = 0
        while index < len(words):
            if _key(words[index], self.accents) in ("do",) and (self.accents or index > 0):
                closers = self.words["agent_closers"]
                for end in range(index + 2, min(len(words), index + 16) + 1):
                    n = closers.match_end(words, end, self.accents)
                    if n:
                        end = end - n + closers.match(words, end - n, self.accents)
                        words = words[:index] + words[end:]
                        break
            index += 1
        return words

    def _after_conjunction(self, words: list[str]) -> list[str]:
        """What follows the last clause conjunction (``nhưng``, ``còn`` …; not ``và``)."""
        conjunctions = self.words["clause_conjunctions"]
        first = conjunctions.starting[not self.accents]
        for index in range(len(words) - 1, 0, -1):
            key = _key(words[index], self.accents)
            if key not in first:
                continue
            n = conjunctions.match(words, index, self.accents)
            if n and key not in ("và", "va"):
                return self._strip(words[index + n:])
        return words

    # the title

    def title(self, span: tuple[int, int] | None) -> str:
        return self._finish(self._base(span))

    def _base(self, span: tuple[int, int] | None) -> list[str]:
        inside = self._inside(span)
        if not inside:
            return self._main_clause(range(len(self.segments)))
        first, last = inside[0], inside[-1]
        seg_a = next(k for k, seg in enumerate(self.segments) if first in seg)
        seg_b = next(k for k, seg in enumerate(self.segments) if last in seg)
        before = self._after_conjunction(
            self._strip(self._texts(i for i in self.segments[seg_a] if i < first)))
        if before and self._starts(before, "day_parts") == len(before):
            before = []
        raw_after = [w for w in self._texts(i for i in self.segments[seg_b] if i > last)
                     if _core(w)]
        after = self._strip(raw_after, start_keys=("leading", "trailing"))
        if before and self.tokens[first].text.startswith("("):
            # "Hội nghị Thượng đỉnh … (tháng 2-2019)": the date belongs to the noun before it.
            noun = self._event_noun(before, last=True)
            if noun is not None:
                return before[noun:]
        if self._starts(raw_after, "cut_before") or self._starts(raw_after, "clause_conjunctions"):
            after = []  # a detail or another clause follows the time, not the predicate
        if before and (self._starts(before, "frames") or self._starts(before, "adverbial_openers")):
            noun = self._event_noun(before)
            if noun is not None and self._starts(before, "frames"):
                # "Trong khuôn khổ chuyến thăm … từ ngày 15 đến 18-10", "Thực hiện Chương
                # trình số 03-CTr/TU ngày 28/6/2016 của Thành ủy": the time is the noun's.
                return before[noun:] + after
            before = []
        noun = self._event_noun(before, last=True)
        if noun and not self._has_predicate(before[noun:]):
            return before[noun:]  # "… hỗ trợ tổ chức thành công Lễ hội Kanagawa năm 2023"
        if before:
            if self._has_predicate(self._drop_agent(before)):
                if self._starts(raw_after, "locative"):
                    return before + self._strip(raw_after)  # "… diễn ra ngày 16-11 tại Hà Nội"
                return before
            if after:
                return before + after  # "vốn FDI của Hà Nội năm 2019 đạt 8,67 tỷ USD"
            return self._extend_back(before, seg_a)
        if after:
            if self._starts(after, "predicate_openers"):
                return self._texts(inside) + after  # the time is the subject: "Năm 2024 được …"
            return after
        forward = self._main_clause(range(seg_b + 1, len(self.segments)))
        return forward or self._main_clause(range(seg_a))

    def _extend_back(self, words: list[str], segment: int) -> list[str]:
        """A clause cut by the commas of a list ("các tỉnh, thành phố …") gets its head back."""
        limit = self.vocabulary.max_title_words * 2
        while segment > 0 and words[0][:1].islower() and len(words) < limit:
            previous = self._texts(self.segments[segment - 1])
            stripped = self._strip(previous)
            if (not stripped or previous[-1].rstrip("\"'”’»)]").endswith((";", ":"))
                    or self._starts(stripped, "adverbial_openers")
                    or self._starts(stripped, "frames")
                    or all(self.in_mention[i] for i in self.segments[segment - 1])):
                break
            words = previous + words
            segment -= 1
            if self._has_predicate(words):
                break
        return self._strip(words)

    def _main_clause(self, segments: Iterable[int]) -> list[str]:
        subject: list[str] | None = None
        for k in segments:
            indexes = self.segments[k]
            if all(self.in_mention[i] for i in indexes):
                continue
            if subject is not None and any(self.in_mention[i] for i in indexes):
                break  # another time, another clause
            words = self._strip(self._texts(i for i in indexes if not self.in_mention[i]))
            if not words:
                continue
            if self._starts(words, "adverbial_openers") or self._starts(words, "frames"):
                continue
            if subject is not None and self._starts(words, "appositive_openers"):
                continue
            if self._starts(words, "predicate_openers"):
                return (subject or []) + words
            if self._has_predicate(words):
                return words
            if subject is None:
                subject = words
        return subject or []

    def _finish(self, words: list[str]) -> str:
        accents = self.accents
        w = self.words
        # "X là Hội nghị …", "… như Hội nghị …": the happening is the noun after the copula.
        for index in range(1, len(words) - 1):
            if _key(words[index], accents) in ("là", "như") and w["event_nouns"].match(
                    words, index + 1, accents):
                words = words[index + 1:]
                break
        words = self._drop_agent(words)
        # A cause, a purpose or reported speech ends the title.
        cut = w["cut_before"].find(words, accents, start=2)
        if cut is not None:
            words = words[:cut]
        # Tense and aspect words go.
        kept: list[str] = []
        index = 0
        while index < len(words):
            n = w["auxiliaries"].match(words, index, accents)
            if n and index + n < len(words) and _core(words[index]) == words[index]:
                index += n
                continue
            kept.append(words[index])
            index += 1
        words = self._strip(kept, start_keys=("leading", "trailing"))
        maximum = self.vocabulary.max_title_words
        if len(words) > maximum + 5:
            boundary = None
            for index in range(maximum, int(maximum * 0.6), -1):
                if words[index - 1].endswith(",") or _key(words[index], accents) in ("và", "va"):
                    boundary = index
                    break
            words = self._strip(words[:boundary or maximum])
        title = " ".join(words)
        title = re.sub(r"\(\s*\)|\[\s*\]", "", title)
        title = re.sub(r"\s+([,;:])", r"\1", title)
        title = re.sub(r"\s+", " ", title).strip(" ,;:-–—*•.!?…")
        title = _balance_quotes(title.strip())
        return title[:1].upper() + title[1:] if title else title

    # the place

    def location(self, span: tuple[int, int] | None) -> str | None:
        """The ``tại/ở`` phrase nearest the mention that names a place: the preposition, the
        common nouns before the name (``trụ sở chính quyền tỉnh``), the capitalized name."""
        words = [t.text for t in self.tokens]
        inside = self._inside(span)
        anchor = inside[0] if inside else 0
        found: list[tuple[int, int, str]] = []
        locative = self.words["locative"]
        first = locative.starting[not self.accents]
        for index in range(max(0, anchor - 25), min(len(words), anchor + 26)):
            token = self.tokens[index]
            if self.in_mention[index] or _ends_segment(token.text):
                continue
            if _key(token.text, self.accents) not in first or not locative.match(
                    words, index, self.accents):
                continue
            if not self.accents and _key(token.text, False) != "tai":
                continue  # folded "o" is too many words
            phrase = self._place(words, index)
            if phrase:
                found.append((abs(index - anchor), index, phrase))
        if not found:
            return None
        text = min(found)[2]
        return text[:1].lower() + text[1:]

    def _place(self, words: Sequence[str], index: int) -> str | None:
        phrase = [_core(words[index])]
        seen_name = False
        end = index + 1
        while end < len(words) and end - index <= 12 and not self.in_mention[end]:
            word = words[end]
            core = word.strip("\"'“”‘’«»()[]{},;:.!?…")
            if not core or word[:1] in "(“\"[":
                break
            if self.words["location_stops"].match(words, end, self.accents):
                break
            capital = core[:1].isupper()
            if seen_name and not capital:
                # a name may go on after at most two small words: "Đồng bằng sông Hồng"
                bridge = [w for w in words[end:end + 3]]
                if len(bridge) < 2 or not any(b[:1].isupper() and b[:1] not in "(“\"["
                                              for b in bridge[1:]):
                    break
            seen_name = seen_name or capital
            phrase.append(core)
            end += 1
            if word.rstrip(",;:.!?…)”\"") != word:
                break
        if not seen_name:
            return None
        while len(phrase) > 2 and not phrase[-1][:1].isupper():
            phrase.pop()
        return " ".join(phrase)


def _balance_quotes(title: str) -> str:
    while title.count("“") > title.count("”"):
        if title.startswith("“"):
            title = title[1:].lstrip()
        else:
            title += "”"
    if title.count('"') % 2:
        title = title.replace('"', "")
    return title


# --- events ----------------------------------------------------------------------------------


@attrs.frozen(slots=True, order=True)
class Source:
    """Where a document reports an event: the span of the mention that dates it.

    An attrs value (not a NamedTuple), so that ``attrs.asdict(event)`` works."""

    document: str
    start: int
    end: int


def _categories(value: Iterable[Category | str]) -> tuple[Category, ...]:
    return tuple(Category(c) for c in value)


@attrs.frozen(slots=True)
class Event:
    """A happening on the calendar, reported by one or more documents.

    ``when`` is the mention that dates it; ``interval`` is where it sits on the calendar
    (the mention's interval; for a SET, its first occurrence). ``categories`` holds every
    category its words suggest, best first (``category`` is the first). ``sources`` lists
    the mentions that date it, one per reporting document, the primary one first.
    ``inferred`` marks an event dated by a later ``Cùng ngày …`` rather than by a mention
    of its own sentence (see ``docs/events.md``).
    """

    id: str
    when: Mention
    interval: Interval
    title: str
    sentence: str
    location: str | None = None
    categories: tuple[Category, ...] = attrs.field(default=(Category.OTHER,),
                                                   converter=_categories)
    sources: tuple[Source, ...] = ()
    inferred: bool = False

    def __attrs_post_init__(self) -> None:
        if not self.categories:
            raise InvalidArgumentError("categories", "at least one category", self.categories)

    @property
    def category(self) -> Category:
        return self.categories[0]

    @property
    def type(self) -> TimexType:
        return self.when.type

    @property
    def timex(self) -> str:
        return self.when.timex

    @property
    def grain(self) -> Grain | None:
        return self.when.grain

    @property
    def is_recurring(self) -> bool:
        return isinstance(self.when.value, Recurrence)

    @property
    def documents(self) -> tuple[str, ...]:
        """The ids of the documents that report the event, without repeats."""
        return tuple(dict.fromkeys(s.document for s in self.sources))

    @property
    def place(self) -> str | None:
        """The location without its preposition: ``tại Tokyo`` → ``Tokyo``."""
        if self.location is None:
            return None
        words = self.location.split(maxsplit=1)
        if len(words) == 2 and fold(words[0]) in ("tai", "o"):
            return words[1]
        return self.location

    def __repr__(self) -> str:
        return f"<Event {self.id} {self.timex} {self.category.value} {self.title!r}>"


def _stable_id(*parts: str) -> str:
    return _folded_id(*(fold(p) for p in parts))


def _folded_id(*folded: str) -> str:
    """:func:`_stable_id` of parts already passed through :func:`fold`."""
    normalized = "\x1f".join(" ".join(p.split()) for p in folded)
    return hashlib.blake2b(normalized.encode("utf-8"), digest_size=8).hexdigest()


def _on_calendar(mention: Mention) -> bool:
    return mention.type in (TimexType.DATE, TimexType.TIME) and mention.interval is not None


def _first_occurrence(recurrence: Recurrence, anchor: Interval) -> Interval | None:
    """The first occurrence of a recurrence at or after the start of its anchor."""
    if recurrence.pattern is None:
        return anchor
    tz = anchor.start.tzinfo
    assert tz is not None
    first = anchor.start.date()
    pattern = recurrence.pattern
    for offset in range(0, 366 * 4 + 1):
        day = first + timedelta(days=offset)
        value = _occurrence_on(pattern, day)
        if value is not None:
            return interval_of(_at_time(value, recurrence.time), tz)
    return None


def _at_time(value: Day | PartOfDay | TimeOfDay, time: TimeOfDay | PartOfDay | None
             ) -> Day | PartOfDay | TimeOfDay:
    """An occurrence at the recurrence's time of day (``14:00 mỗi thứ Hai``)."""
    if time is None or not isinstance(value, Day):
        return value
    if isinstance(time, TimeOfDay):
        return TimeOfDay(value, time.hour, time.minute)
    return PartOfDay(value, time.part)


def _occurrence_on(pattern: object, day: date) -> Day | PartOfDay | TimeOfDay | None:
    match pattern:
        case Weekday(weekday=w) if day.isoweekday() == w:
            return Day(day.year, day.month, day.day)
        case Day(year=None, month=m, day=d) if d is not None and day.day == d and (
                m is None or day.month == m):
            return Day(day.year, day.month, day.day)
        case PartOfDay(day=Day(year=None, month=None, day=None), part=part):
            return PartOfDay(Day(day.year, day.month, day.day), part)
        case TimeOfDay(day=Day(year=None, month=None, day=None), hour=h, minute=minute):
            return TimeOfDay(Day(day.year, day.month, day.day), h, minute)
    return None


def _anchor(mention: Mention, candidates: Sequence[Mention]) -> Interval | None:
    if mention.interval is not None:
        return mention.interval
    dated = [m for m in candidates if _on_calendar(m) and m.type is TimexType.DATE]
    if not dated:
        return None
    nearest = min(dated, key=lambda m: (abs(m.start - mention.start), m.start))
    return nearest.interval


MIN_SENTENCE_WORDS = 3
"""A sentence with fewer words than this besides its time phrases (a byline such as
``Quỳnh Dương 17/01/2024 06:56``) yields no event."""


def events_from_mentions(
    document: str,
    text: str,
    mentions: Iterable[Mention],
    *,
    vocabulary: Vocabulary | None = None,
) -> tuple[Event, ...]:
    """The events of one document, in text order.

    Every DATE or TIME mention with an interval gives an event; a SET gives one when it
    has an interval or when its sentence holds a dated mention to anchor it (``tổ chức
    thường niên từ năm 2016``). A sentence that opens with ``Cùng ngày …`` also dates the
    first activity told in the undated paragraphs just before it (``inferred=True``).
    """
    vocab = vocabulary or Vocabulary.default()
    ordered = sorted(mentions, key=lambda m: (m.start, m.end))
    sentences = sentence_spans(text, vocab)
    starts = [s for s, _ in sentences]

    def sentence_of(position: int) -> int:
        return max(0, bisect.bisect_right(starts, position) - 1)

    by_sentence: dict[int, list[Mention]] = {}
    for mention in ordered:
        by_sentence.setdefault(sentence_of(mention.start), []).append(mention)

    events: list[Event] = []
    seen: dict[str, int] = {}
    # the clause of each sentence and its category counts; None: a sentence of times only
    clauses: dict[tuple[int, int], tuple[_Clause, tuple[int, ...]] | None] = {}
    dated: list[tuple[int, Mention]] = []  # (sentence index, mention) of each event
    for mention in ordered:
        index = sentence_of(mention.start)
        s_start, s_end = sentences[index] if sentences else (0, len(text))
        s_end = max(s_end, mention.end)
        neighbours = by_sentence.get(index, [])
        if _on_calendar(mention):
            interval = mention.interval
        elif mention.type is TimexType.SET and isinstance(mention.value, Recurrence):
            anchor = _anchor(mention, [m for m in neighbours if m is not mention])
            interval = _first_occurrence(mention.value, anchor) if anchor is not None else None
        else:
            continue
        if interval is None:
            continue
        sentence = text[s_start:s_end]
        if (index, s_end) not in clauses:
            spans = [(m.start - s_start, m.end - s_start) for m in neighbours]
            clause = _Clause(sentence, vocab, spans)
            if sum(1 for i, t in enumerate(clause.tokens) if not clause.in_mention[i]
                   and any(map(str.isalpha, t.text))) < MIN_SENTENCE_WORDS:
                clauses[index, s_end] = None  # a byline or a caption: nothing but its time
            else:
                clauses[index, s_end] = (clause, vocab._counts(clause.folded))
        known = clauses[index, s_end]
        if known is None:
            continue
        clause, counts = known
        span = (mention.start - s_start, mention.end - s_start)
        title = clause.title(span) or mention.text
        key = "|".join((document, sentence, mention.text, mention.timex, str(mention.mod)))
        seen[key] = seen.get(key, 0) + 1
        events.append(Event(
            id=_folded_id(fold(document), clause.folded, fold(mention.text), fold(mention.timex),
                          fold(str(mention.mod)), fold(str(seen[key]))),
            when=mention,
            interval=interval,
            title=title,
            sentence=" ".join(sentence.split()),
            location=clause.location(span),
            categories=vocab._categorize(fold(title), counts),
            sources=(Source(document, mention.start, mention.end),),
        ))
        dated.append((index, mention))
    events.extend(_same_day_events(document, text, sentences, dated, vocab))
    return tuple(events)


_MAX_FRAME = timedelta(days=32)


def _same_day_events(document: str, text: str, sentences: Sequence[tuple[int, int]],
                     dated: Sequence[tuple[int, Mention]], vocab: Vocabulary) -> list[Event]:
    """``Cùng ngày 16-10, …`` at the head of a paragraph says that what the paragraphs just
    before it told happened on that day too. Those paragraphs are the ones after the last
    mention whose period holds that day (the frame of the story: ``từ ngày 15 đến 18-10``);
    the first activity they tell in a sentence without a date of its own becomes an event."""
    paragraphs = list(_lines(text))  # a year in passing ("G-nets 2024") frames no story
    para_starts = [s for s, _ in paragraphs]

    def paragraph_of(position: int) -> int:
        return max(0, bisect.bisect_right(para_starts, position) - 1)

    dated_sentences = {index for index, _ in dated}
    inferred: list[Event] = []
    same_day = vocab.clause["same_day"]
    for number, (index, mention) in enumerate(dated):
        day = mention.interval
        if day is None or mention.type is not TimexType.DATE:
            continue
        if day.end - day.start > timedelta(days=1, hours=1):
            continue
        s_start, s_end = sentences[index]
        paragraph = paragraph_of(s_start)
        if text[paragraphs[paragraph][0]:s_start].strip():
            continue  # not the first sentence of its paragraph
        sentence = text[s_start:s_end]
        words = [t.text for t in _tokens(sentence) if _core(t.text)][:6]
        if not same_day.match(words, 0, _has_marks(sentence)):
            continue
        frames = [m for _, m in dated[:number]
                  if m.interval is not None and m.interval.contains(day) and m.interval != day
                  and m.interval.end - m.interval.start <= _MAX_FRAME]
        if not frames:
            continue
        block = range(paragraph_of(frames[-1].start) + 1, paragraph)
        for candidate, (c_start, c_end) in enumerate(sentences):
            if paragraph_of(c_start) not in block or candidate in dated_sentences:
                continue
            told = text[c_start:c_end]
            clause = _Clause(told, vocab)
            title = clause.title(None)
            categories = vocab.categorize(title, told)
            if not title or not _ACTIVITIES & set(categories):
                continue
            inferred.append(Event(
                id=_stable_id(document, told, mention.text, mention.timex, "inferred"),
                when=mention,
                interval=day,
                title=title,
                sentence=" ".join(told.split()),
                location=clause.location(None),
                categories=categories,
                sources=(Source(document, mention.start, mention.end),),
                inferred=True,
            ))
            break
    return inferred


# --- the same happening in several documents -------------------------------------------------

FUSION_BASE_THRESHOLD = 0.35
"""Similarity two events of the same grain need to be one happening."""
FUSION_GRAIN_PENALTY = 0.1
"""Added to the threshold for each step of grain between the two events."""
FUSION_MAX_GRAIN_GAP = 2
"""Events further apart in grain than this (a day and a year) are never fused."""

_STOP = frozenset(fold(w) for w in (
    "và", "của", "các", "những", "với", "cho", "tại", "ở", "trong", "được", "đã", "là", "có",
    "này", "đó", "một", "về", "từ", "đến", "theo", "cũng", "sẽ", "đang", "như", "để", "do",
    "ngày", "tháng", "năm",
))


def _words(text: str) -> list[str]:
    return [w for w in re.findall(r"\w+", fold(text)) if w not in _STOP and not w.isdigit()]


def _shingles(event: Event) -> frozenset[str]:
    words = _words(event.title + " . " + _without(event.sentence, event.when.text))
    return frozenset(words) | frozenset(f"{a} {b}" for a, b in itertools.pairwise(words))


def _without(sentence: str, phrase: str) -> str:
    return sentence.replace(phrase, " ")


def similarity(a: Event, b: Event) -> float:
    """Jaccard index of the accent-folded words and word pairs of two events' titles and
    sentences (the time phrase, digits and common function words left out): 0 to 1."""
    x, y = _shingles(a), _shingles(b)
    if not x or not y:
        return 0.0
    return len(x & y) / len(x | y)


def _grain_rank(event: Event) -> int:
    grain = event.grain
    return grain.rank if grain is not None else Grain.DAY.rank


class _Profile(NamedTuple):
    """What fusion compares of an event. Two events of equal profiles score alike against
    any third (the copies of one report in many newspapers share one)."""

    interval: Interval
    recurring: bool
    rank: int
    shingles: frozenset[str]


def _profile(event: Event) -> _Profile:
    return _Profile(event.interval, event.is_recurring, _grain_rank(event), _shingles(event))


def _fusable(a: _Profile, b: _Profile) -> float | None:
    """The similarity of two events (their profiles) if they may be the same happening,
    else None."""
    if not a.interval.overlaps(b.interval) or a.recurring != b.recurring:
        return None
    gap = abs(a.rank - b.rank)
    if gap > FUSION_MAX_GRAIN_GAP:
        return None
    x, y = a.shingles, b.shingles
    score = len(x & y) / len(x | y) if x and y else 0.0  # similarity()
    return score if score >= FUSION_BASE_THRESHOLD + FUSION_GRAIN_PENALTY * gap else None


def _primary_key(event: Event) -> tuple[int, float, str, int]:
    span = (event.interval.end - event.interval.start).total_seconds()
    first = event.sources[0] if event.sources else Source("", 0, 0)
    return (-_grain_rank(event), span, first.document, first.start)


class _Prefixes:
    """Prefix filtering, the classic exact filter of set-similarity joins: with the words
    of every set in one global order (rarest first), two sets whose Jaccard index reaches
    ``t`` share a word among the first ``n - ceil(t * n) + 1`` of each (``n``: the size
    of the set). An event is then compared only with the groups that hold a member
    sharing a word of its prefix; the others cannot reach the threshold."""

    def __init__(self, profiles: Iterable[_Profile], threshold: float) -> None:
        frequency: dict[str, int] = {}
        for profile in profiles:
            for word in profile.shingles:
                frequency[word] = frequency.get(word, 0) + 1
        order = sorted(frequency, key=lambda w: (frequency[w], w))
        self.rank = {word: rank for rank, word in enumerate(order)}
        self.threshold = threshold
        self.known: dict[frozenset[str], tuple[str, ...]] = {}

    def of(self, shingles: frozenset[str]) -> tuple[str, ...]:
        prefix = self.known.get(shingles)
        if prefix is None:
            size = len(shingles)
            # the least overlap a set of this size needs; the margin keeps float rounding
            # on the safe side (a longer prefix only adds candidates)
            overlap = max(1, math.ceil(size * self.threshold - 1e-6))
            ordered = sorted(shingles, key=self.rank.__getitem__)
            prefix = self.known[shingles] = tuple(ordered[:max(0, size - overlap + 1)])
        return prefix


def fuse(events: Iterable[Event]) -> tuple[Event, ...]:
    """Merge events that different documents report about the same happening.

    Two events of different documents are one happening when their intervals overlap,
    their grains are at most :data:`FUSION_MAX_GRAIN_GAP` steps apart, and their
    :func:`similarity` reaches :data:`FUSION_BASE_THRESHOLD` plus
    :data:`FUSION_GRAIN_PENALTY` per step of grain. Events are taken in a fixed order and
    each joins the most similar group that has no event of its document yet, so the
    result does not depend on the order of the input. The merged event keeps the most
    precise member (finest grain, then shortest interval) as its ``when``, title and id,
    and the sources of all, the primary first.

    The cost is near linear in the number of events, also when many of them are one
    happening: see :class:`_Groups` for how the most similar group is found without
    comparing an event with every member of every group.
    """
    ordered = sorted(events, key=lambda e: (e.interval.start, e.interval.end, e.id))
    profiles = [_profile(event) for event in ordered]
    groups = _Groups(profiles)
    members: list[list[Event]] = []
    for event, profile in zip(ordered, profiles, strict=True):
        documents = set(event.documents)
        number = groups.choose(profile, documents)
        if number is None:
            number = len(members)
            members.append([])
        members[number].append(event)
        groups.add(number, profile, documents)
    return tuple(_merge(group) for group in members)


class _Groups:
    """The groups of :func:`fuse` as they grow, and the choice of the group an event joins.

    That choice is the group with the best score of the event against any of its members
    (the earliest group among equals), as if every member of every group were compared;
    three exact shortcuts keep the cost near linear:

    - *distinct profiles*: a group compares the event once with each distinct
      :class:`_Profile` of its members (a report copied by many newspapers is one);
    - *candidates*: only the groups that may still overlap the event (events come by
      start; a group whose members all end before it starts is done) and that share a word
      of its prefix (:class:`_Prefixes`) can reach the threshold;
    - *branch and bound*: each candidate has a bound on the score of any of its members;
      groups are tried by decreasing bound, a group's members until its best score
      reaches its bound or beats the bound of every group left, which settles the choice.
    """

    def __init__(self, profiles: Sequence[_Profile]) -> None:
        self.number_of: dict[_Profile, int] = {}  # a number for each distinct profile
        self.distinct: list[_Profile] = []
        for profile in profiles:
            if profile not in self.number_of:
                self.number_of[profile] = len(self.distinct)
                self.distinct.append(profile)
        self.threshold = FUSION_BASE_THRESHOLD
        self.prefixes = (_Prefixes(self.distinct, self.threshold) if self.threshold > 0
                         else None)  # with no threshold, every overlapping group competes
        self.documents: list[set[str]] = []  # the documents of each group's members
        self.ends: list[datetime] = []  # the latest end of each group's members
        self.members: list[dict[int, None]] = []  # each group's distinct profiles, in order
        self.union: list[set[str]] = []  # the words of each group's members
        self.core: list[set[str]] = []  # the words every member of each group holds
        self.smallest: list[int] = []  # the fewest words of a member of each group
        self.posted: list[set[str]] = []  # the prefix words of each group's members
        self.postings: dict[str, list[int]] = {}  # prefix word → the groups that hold it
        self.active: list[int] = []  # without prefixes: the groups that may overlap

    def candidates(self, profile: _Profile) -> list[int]:
        """The groups that may still overlap the event and reach the threshold, in order."""
        start = profile.interval.start
        ends = self.ends
        if self.prefixes is None:
            self.active = [number for number in self.active if ends[number] > start]
            return self.active
        found: set[int] = set()
        for word in self.prefixes.of(profile.shingles):
            posting = self.postings.get(word)
            if posting:
                posting[:] = [number for number in posting if ends[number] > start]
                found.update(posting)
        return sorted(found)

    def bound(self, number: int, words: frozenset[str]) -> float:
        """At least the similarity of the words to any member of the group.

        A member y holds no word outside the union of the group, every word of its core,
        and at least as many words as the smallest member: with i = |x ∩ union|,
        J(x, y) = |x ∩ y| / (|x| + |y| - |x ∩ y|) is at most i / (|x| + smallest - i) and
        at most i / |x ∪ core|. (Floats round the division of the bound as they round the
        score's, so it holds for the computed scores too.)"""
        if not words:
            return 0.0
        shared = len(words & self.union[number])
        core = self.core[number]
        return shared / max(len(words) + self.smallest[number] - shared,
                            len(words) + len(core) - len(words & core))

    def choose(self, profile: _Profile, documents: set[str]) -> int | None:
        """The group the event joins, or None for a group of its own."""
        bounded = sorted((-bound, number) for number in self.candidates(profile)
                         if not documents & self.documents[number]
                         and (bound := self.bound(number, profile.shingles)) >= self.threshold)
        best: tuple[float, int] | None = None
        for index, (negative, number) in enumerate(bounded):
            bound = -negative
            if best is not None and not _beats(bound, number, best):
                break  # neither this group nor any after it can do better
            rest = -bounded[index + 1][0] if index + 1 < len(bounded) else None
            top: float | None = None
            for other in self.members[number]:
                score = _fusable(profile, self.distinct[other])
                if score is not None and (top is None or score > top):
                    top = score
                    if top >= bound:
                        break  # no member can score more: the group's best is known
                    if (rest is None or top > rest) and (best is None
                                                         or _beats(top, number, best)):
                        break  # the group beats every other, whatever its exact best
            if top is not None and (best is None or _beats(top, number, best)):
                best = (top, number)
                if rest is None or top > rest:
                    break
        return None if best is None else best[1]

    def add(self, number: int, profile: _Profile, documents: set[str]) -> None:
        """The event joins group ``number`` (a new group when it is the next number)."""
        words = profile.shingles
        if number == len(self.members):
            self.documents.append(set())
            self.ends.append(profile.interval.end)
            self.members.append({})
            self.union.append(set())
            self.core.append(set(words))
            self.smallest.append(len(words))
            self.posted.append(set())
            if self.prefixes is None:
                self.active.append(number)
        self.documents[number].update(documents)
        self.ends[number] = max(self.ends[number], profile.interval.end)
        own = self.number_of[profile]
        if own in self.members[number]:
            return
        self.members[number][own] = None
        self.union[number].update(words)
        self.core[number].intersection_update(words)
        self.smallest[number] = min(self.smallest[number], len(words))
        if self.prefixes is not None:
            posted = self.posted[number]
            for word in self.prefixes.of(words):
                if word not in posted:
                    posted.add(word)
                    self.postings.setdefault(word, []).append(number)


def _beats(score: float, number: int, best: tuple[float, int]) -> bool:
    """Whether group ``number`` with ``score`` comes before ``best`` (a better score, or
    the same and an earlier group)."""
    return score > best[0] or (score == best[0] and number < best[1])


def _merge(group: Sequence[Event]) -> Event:
    if len(group) == 1:
        return group[0]
    primary = min(group, key=_primary_key)
    others = [e for e in group if e is not primary]
    sources = list(primary.sources)
    seen = set(sources)
    for event in sorted(others, key=lambda e: e.sources):
        for source in event.sources:
            if source not in seen:
                seen.add(source)
                sources.append(source)
    categories = list(primary.categories)
    for event in others:
        categories.extend(c for c in event.categories if c not in categories)
    if Category.OTHER in categories and len(categories) > 1:
        categories.remove(Category.OTHER)
    location = primary.location or next((e.location for e in others if e.location), None)
    return attrs.evolve(primary, sources=tuple(sources), categories=tuple(categories),
                        location=location)
