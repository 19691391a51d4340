"""The date a text says it was written: its byline, its dateline, a notice's date line.

:func:`infer_reference` looks only at the first and the last few lines of a text, and
only at lines shaped like a byline or a dateline (``lang/vi/reference.toml``):

- a byline: ``Quỳnh Dương 17/01/2024 06:56``, ``Thứ Tư, 16/10/2024 08:30 (GMT+7)``,
  ``Cập nhật: 20/11/2024``;
- a dateline: ``Hà Nội, ngày 20/11/2024``, ``TP.HCM, ngày 5 tháng 3 năm 2024``, and the
  date line of an official notice (``…, ngày 15 tháng 10 năm 2024``).

Such a line holds exactly one full date (day, month and year), read by the library's own
:func:`timeline.extract`; before the date stand only names and places (capitalised
words), labels (``Cập nhật``, ``ngày``, ``lúc``), weekdays and punctuation, and after it
only a clock time, a time zone, or a name after a separator (``| Quỳnh Dương``). A date
in the body of the text is never taken, and nothing is ever taken from the clock: a text
that does not say when it was written has no reference (None).

:func:`timeline.extract` does not call this: a ``reference`` of None stays None there.
:meth:`timeline.Timeline.from_texts` infers the reference of each text that has none.

>>> infer_reference("Đối ngoại\\n\\nQuỳnh Dương 17/01/2024 06:56\\n\\nNăm 2023, Hà Nội đón khách.")
datetime.date(2024, 1, 17)
>>> infer_reference("THÔNG BÁO\\nHà Nội, ngày 15 tháng 10 năm 2024\\nLịch họp ngày 20/10/2024.")
datetime.date(2024, 10, 15)
>>> infer_reference("Ngày 17-10-2024, đoàn đến Kanagawa.") is None
True
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from datetime import date

import attrs

from timeline.errors import InvalidTypeError
from timeline.lexicon import alternation, data_table
from timeline.model import Day, Mention, PartOfDay, TimeOfDay, TimexType, Weekday

__all__ = ["infer_reference"]

_LINE = re.compile(r"[^\n]+")
_CLOCK = re.compile(r"(?<![\w:])[0-2]?[0-9]\s?[:hg]\s?[0-5][0-9](?::[0-5][0-9])?(?![\w:])", re.I)
_SEPARATORS = "|-–—•·/"
_PUNCTUATION = set(",:;()[]…." + _SEPARATORS)
_TOKEN = re.compile(r"[^\W\d_][\w.]*|\d+|\S")


@attrs.frozen(slots=True)
class _Shape:
    lines_at_start: int
    lines_at_end: int
    max_line_length: int
    max_name_words: int
    labels: re.Pattern[str]
    place_prefixes: frozenset[str]
    time_zone: re.Pattern[str]


def _strip_marks(text: str) -> str:
    """:func:`timeline.accents.strip_marks`, imported when first needed."""
    from timeline.accents import strip_marks as strip

    return strip(text)


@functools.lru_cache(maxsize=2)
def _shape(language: str = "vi") -> _Shape:
    data = data_table("reference.toml", language)
    labels = [_strip_marks(label).lower() for label in data["labels"]]
    zones = alternation(data["time_zones"])
    return _Shape(
        lines_at_start=int(data["lines_at_start"]),
        lines_at_end=int(data["lines_at_end"]),
        max_line_length=int(data["max_line_length"]),
        max_name_words=int(data["max_name_words"]),
        labels=re.compile(rf"(?<![\w]){alternation(labels)}(?![\w])", re.IGNORECASE),
        place_prefixes=frozenset(_strip_marks(p).lower() for p in data["place_prefixes"]),
        time_zone=re.compile(
            rf"(?<![\w]){zones}(?:\s?[+\-]\s?[0-9]{{1,2}}(?::?[0-9]{{2}})?)?(?![\w])",
            re.IGNORECASE,
        ),
    )


def infer_reference(text: str) -> date | None:
    """The date ``text`` says it was written, from a byline or a dateline near its start
    or its end; None when it says none (never the machine's clock)."""
    if not isinstance(text, str):
        raise InvalidTypeError("text", "a str", type(text).__name__)
    shape = _shape()
    text = unicodedata.normalize("NFC", text)
    lines = [m.group().strip() for m in _LINE.finditer(text) if m.group().strip()]
    head = lines[: shape.lines_at_start]
    tail = lines[max(len(head), len(lines) - shape.lines_at_end) :]
    for line in [*head, *reversed(tail)]:
        found = _date_of_line(line, shape)
        if found is not None:
            return found
    return None


def _full_day(mention: Mention) -> date | None:
    value = mention.value
    if isinstance(value, TimeOfDay | PartOfDay):
        value = value.day
    if isinstance(value, Day) and value.year and value.month and value.day:
        return date(value.year, value.month, value.day)
    return None


def _date_of_line(line: str, shape: _Shape) -> date | None:
    if len(line) > shape.max_line_length or not any(c.isdigit() for c in line):
        return None
    from timeline.api import extract

    mentions = extract(line)
    days = [(m, d) for m in mentions if (d := _full_day(m)) is not None]
    if len({d for _, d in days}) != 1:
        return None
    anchor, day = days[0]
    for mention in mentions:
        if _full_day(mention) is None and not _beside_a_date(mention):
            return None
    spans = [(m.start, m.end) for m in mentions]
    before = _blank(line[: anchor.start], spans, 0)
    after = _blank(line[anchor.end :], spans, anchor.end)
    if _names_and_labels(before, shape) and _after_the_date(after, shape):
        return day
    return None


def _beside_a_date(mention: Mention) -> bool:
    """A clock time, a weekday or a part of the day: what a byline has beside its date."""
    value = mention.value
    if isinstance(value, Weekday):
        return True
    return mention.type is TimexType.TIME and isinstance(value, TimeOfDay | PartOfDay) and (
        value.day.year is None and value.day.month is None and value.day.day is None
    )


def _blank(part: str, spans: Sequence[tuple[int, int]], offset: int) -> str:
    """``part`` (at ``offset`` in its line) with the mentions in it blanked out."""
    chars = list(part)
    for start, end in spans:
        for index in range(max(start - offset, 0), min(end - offset, len(chars))):
            chars[index] = " "
    return "".join(chars)


def _without_labels(part: str, shape: _Shape) -> str:
    """``part`` with its clock times, time zones and labels blanked out."""
    for pattern in (_CLOCK, shape.time_zone):
        part = pattern.sub(lambda m: " " * len(m.group()), part)
    plain = _strip_marks(part)
    chars = list(part)
    for match in shape.labels.finditer(plain):
        chars[match.start() : match.end()] = " " * (match.end() - match.start())
    return "".join(chars)


def _names_and_labels(part: str, shape: _Shape) -> bool:
    """Only names and places (capitalised words), labels and punctuation."""
    names = 0
    for token in _TOKEN.finditer(_without_labels(part, shape)):
        word = token.group()
        if word in _PUNCTUATION:
            continue
        if word[0].isdigit():
            return False
        if _strip_marks(word).lower() in shape.place_prefixes:
            continue
        if not word[0].isupper():
            return False
        names += 1
    return names <= shape.max_name_words


def _after_the_date(part: str, shape: _Shape) -> bool:
    """Nothing but a clock time, a time zone and punctuation — or, after a separator, a
    name (``17/01/2024 06:56 | Quỳnh Dương``)."""
    cleaned = _without_labels(part, shape)
    words = [t for t in _TOKEN.finditer(cleaned) if t.group() not in _PUNCTUATION]
    if not words:
        return True
    separator = cleaned[: words[0].start()]
    return any(c in _SEPARATORS for c in separator) and _names_and_labels(cleaned, shape)
