"""Clock times and parts of the day, and the composition step that puts them on a day.

Rules:

- clock times: ``8h``, ``8h30``, ``8g30``, ``14:00``, ``14h00``, ``8 giờ 30 (phút)``,
  ``7 giờ sáng`` (07:00), ``3 giờ chiều`` (15:00), ``10 giờ tối`` (22:00), ``12 giờ trưa``,
  ``0h``, ``8 giờ kém 15`` (07:45), ``9 giờ rưỡi`` (09:30), ``nửa đêm`` (24:00): a
  :class:`~timeline.model.TimeOfDay` on an unknown day;
- a range whose first end has no ``h``: ``8-11h``, ``2 - 4h chiều`` (``8h-11h`` and
  ``từ 8h đến 11h30`` are joined by :mod:`timeline.compose`);
- a part of the day on a day named relative to the reference: ``sáng nay``, ``chiều
  mai``, ``tối qua``, ``đêm hôm kia`` → ``Relative(DAY, n, part=…)``.

A number of hours is a clock time or a length (``48 giờ`` is a DURATION, spec §2): a time
written with ``giờ`` needs a word that makes it a clock time (``lúc``, a part of the day,
minutes, a date after it); ``8h`` is a clock time unless a length word stands around it
(``trong 24h``, ``24h qua``). The words are data: ``lang/vi/times.toml``.

Composition (:func:`attach_times`, called by :func:`timeline.compose.compose` before and
after it joins ranges): a clock time, a part of the day, a weekday and a date standing
next to each other are ONE mention: ``8h30 ngày 16/10``, ``8h30 sáng 16-10``, ``ngày 16/10
lúc 8h30``, ``17/01/2024 06:56``, ``8h sáng nay``, ``sáng 16-10``, ``sáng thứ Bảy``,
``thứ Tư (16/10)``, ``thứ Tư, ngày 16/10/2024``, ``8h-11h ngày 16/10``. A part of the day
is read from the words just before a date, a weekday or a relative day; alone it is not a
mention. Decisions: ``docs/times.md``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import attrs

from timeline.grammar import (
    DIGIT,
    Candidate,
    Example,
    Reading,
    Rule,
    RuleMatch,
    first_words,
    fragments,
    g,
)
from timeline.lexicon import Lexicon, data_table
from timeline.model import (
    Anaphor,
    AnaphorKind,
    Calendar,
    Day,
    DayPart,
    Direction,
    Grain,
    LunarDay,
    Mod,
    PartOfDay,
    Range,
    Relative,
    TimeOfDay,
    TimeValue,
)
from timeline.rules.patterns import (
    CLOCK_RANGE_BEFORE,
    LETTER,
    WORD_END,
    WORD_START,
    any_of,
    compiled,
    digits_then,
    number_words,
)
from timeline.text import NormalizedText, fold

__all__ = ["RULES", "attach_times", "evening_clocks", "on_part_of_day"]

F = fragments()
_LEX = F.lex
_DATA = data_table("times.toml")
_CLOCK = _DATA["clock"]
_NO_DAY = Day(None, None, None)


def _key(text: str | None) -> str:
    return " ".join((text or "").lower().split())


def _table(entries: Sequence[Mapping[str, object]], key: str) -> dict[str, int]:
    return {_key(f): int(str(e[key])) for e in entries for f in e["forms"]}  # type: ignore[attr-defined]


_PART_DAYS = _table(_DATA["part_days"], "offset")
_ADD_TWELVE = {
    DayPart(entry["part"]): frozenset(entry.get("add_twelve", ())) for entry in _DATA["part_hours"]
}
_TO_MIDNIGHT = {
    DayPart(entry["part"]): frozenset(entry.get("midnight", ())) for entry in _DATA["part_hours"]
}


def on_part_of_day(hour: int, part: DayPart | None) -> int:
    """The 24-hour value of an hour said with a part of the day (``lang/vi/times.toml``).

    >>> on_part_of_day(3, DayPart.AFTERNOON), on_part_of_day(7, DayPart.MORNING)
    (15, 7)
    >>> on_part_of_day(12, DayPart.NIGHT), on_part_of_day(12, DayPart.MIDDAY)
    (24, 12)
    """
    if part is None:
        return hour
    if hour in _ADD_TWELVE.get(part, ()):
        return hour + 12
    if hour in _TO_MIDNIGHT.get(part, ()):
        return 24
    return hour


def _either(forms: Sequence[str]) -> str:
    """An alternation of ``forms`` and of the same forms typed without diacritics: the
    context checks below also run on the accent-free path (timeline.accents)."""
    return any_of({f for form in forms for f in (form, fold(form))})


def _words_pattern(forms: Sequence[str]) -> str:
    words = [f for form in forms if form[0].isalnum() for f in (form, fold(form))]
    marks = [f for f in forms if not f[0].isalnum()]
    choices = [rf"{any_of(words)}{WORD_END}"] if words else []
    choices += [any_of(marks)] if marks else []
    return "(?:" + "|".join(choices) + ")"


_PARTS = any_of(_LEX.day_parts)
_DAY_WORDS = any_of(_PART_DAYS)
_HOUR = r"(?:2[0-4]|[01]?[0-9])"
_LEFT = rf"{WORD_START}(?<![0-9][.,:/])"  # before an hour in digits or words
_NUMBER = number_words(F.lex)
_THEN_WORD = f"(?:{LETTER}|" + digits_then(r"\s") + ")"  # an hour in words, or digits and a space
_HOUR_THEN_TO = digits_then(r"\s?(?:-|[^\W\d_])")  # 8-11h, 2 đến 4h
_MINUTE_WORD = _words_pattern(list(_CLOCK["minute_words"]))
_HOUR_WORD = any_of(_CLOCK["hour_words"])
_HALF = any_of(_CLOCK["half"])
_TO_HOUR = any_of(_CLOCK["to_the_hour"])
_LETTERS = "".join(_CLOCK["hour_letters_with_minutes"])
_BARE_LETTERS = frozenset(_CLOCK["hour_letters"])
# A part of the day after a clock time, unless it starts a relative day (8h | sáng nay).
_PART_AFTER = rf"(?:\s+{g('part', _PARTS)}{WORD_END}(?!\s+{_DAY_WORDS}{WORD_END}))?"

_CLOCK_BEFORE = rf"(?<![\w]){_either(_CLOCK['clock_before'])}\s+$"
_DURATION_BEFORE = rf"(?<![\w]){_either(_CLOCK['duration_before'])}\s+$"
_DURATION_AFTER = rf"\s*{_words_pattern(list(_CLOCK['duration_after']))}(?!\s*[0-9])"
# After a clock time written with giờ: a part of the day, a date or a weekday confirm it.
_DAY_AFTER = (
    rf"\s*(?:,\s*)?(?:{_either(list(_LEX.day_parts))}(?![\w])"
    rf"|{_either(_CLOCK['clock_after'])}(?![\w])|[0-9]{{1,2}}\s?[/\-.]\s?[0-9])"
)


def _before(m: RuleMatch, width: int = 24) -> str:
    return m.match.string[max(0, m.match.start() - width) : m.match.start()]


def _part(m: RuleMatch) -> DayPart | None:
    return _LEX.day_parts.get(_key(m["part"])) if m.has("part") else None


def _length_around(m: RuleMatch) -> bool:
    """A length word before or after a number of hours: trong 24h, 24h qua (but 12h – 14h
    mỗi ngày ends a range of clock times)."""
    if compiled(_DURATION_BEFORE).search(_before(m)):
        return True
    if compiled(CLOCK_RANGE_BEFORE).search(_before(m, 16)):
        return False
    return compiled(_DURATION_AFTER).match(m.match.string, m.match.end()) is not None


def _clock(hour: int | None, minute: int | None, part: DayPart | None) -> Reading | None:
    if hour is None or not 0 <= hour <= 24 or (minute is not None and not 0 <= minute <= 59):
        return None
    hour = on_part_of_day(hour, part)
    if hour == 24 and minute:
        return None
    return Reading(TimeOfDay(_NO_DAY, hour, minute))


def _int(text: str | None) -> int | None:
    return None if text is None else int(text)


def _colon(m: RuleMatch) -> Reading | None:
    return _clock(_int(m["h"]), _int(m["m"]), _part(m))


clock_colon = Rule(
    name="clock_colon",
    doc="A clock time with a colon: 14:00, 06:56, 14:00:05 (seconds are dropped).",
    pattern=(
        rf"{digits_then(':')}{_LEFT}(?<![0-9]:){g('h', _HOUR)}:{g('m', '[0-5][0-9]')}"
        r"(?::[0-5][0-9])?"
        rf"(?![0-9]|:[0-9]){_PART_AFTER}"
    ),
    build=_colon,
    examples=(
        Example("họp lúc 14:00", "2024-10-20T14:00", "14:00"),
        Example("Quỳnh Dương 17/01/2024 06:56", "2024-01-17T06:56", "17/01/2024 06:56"),
        Example("ngày 16/10 lúc 08:30", "2024-10-16T08:30"),
    ),
    negatives=("tỷ lệ 1:500", "tỷ số 3:1"),
    priority=1,
    triggers=(DIGIT,),
)


# A bare count before the connector (2-3h, 2 đến 3h), not the end of a date (16/7 đến 17h)
_COUNT_RANGE_BEFORE = r"(?<![\w:/.\-])[0-9]{1,2}\s?(?:-|đến|tới)\s?$"


def _letter(m: RuleMatch) -> Reading | None:
    part = _part(m)
    if compiled(_COUNT_RANGE_BEFORE).search(_before(m)):
        return None  # the end of 2-3h (clock_range decides)
    if (m["l"] or "").lower() not in _BARE_LETTERS and not m.has("m"):
        return None  # 8g alone is eight grams
    if part is None and _length_around(m):
        return None
    if m.has("k"):
        hour, minutes = _int(m["h"]), _int(m["k"])
        if hour is None or minutes is None or not 0 < minutes < 60 or not 0 < hour <= 24:
            return None
        return _clock(hour - 1, 60 - minutes, part)
    return _clock(_int(m["h"]), _int(m["m"]), part)


clock_letter = Rule(
    name="clock_letter",
    doc=(
        "A clock time with h or g: 8h, 8h30, 8g30, 14h00, 0h, 8h30', 7h sáng, 3h chiều; "
        "not after or before a length word (trong 24h, 24h qua: durations)."
    ),
    pattern=(
        rf"{digits_then(f'[{_LETTERS}]')}{_LEFT}{g('h', _HOUR)}(?P<l>[{_LETTERS}])"
        rf"(?:{g('m', '[0-5][0-9]|[0-9](?![0-9])')}(?:\s?{_MINUTE_WORD})?"
        # 7h kém 15: a quarter to seven (06:45)
        rf"|(?<=[{_LETTERS}])\s+{_TO_HOUR}\s+{g('k', '[0-5]?[0-9](?![0-9])')}(?:\s?{_MINUTE_WORD})?"
        rf")?(?![\w]){_PART_AFTER}"
    ),
    build=_letter,
    examples=(
        Example("họp lúc 8h", "2024-10-20T08:00", "8h"),
        Example("bắt đầu 8h30", "2024-10-20T08:30", "8h30"),
        Example("khai mạc 8g30", "2024-10-20T08:30", "8g30"),
        Example("14h00", "2024-10-20T14:00"),
        Example("lúc 0h", "2024-10-20T00:00", "0h"),
        Example("3h chiều", "2024-10-20T15:00"),
        Example("8h30 ngày 16/10", "2024-10-16T08:30"),
        Example("8h30 sáng 16-10", "2024-10-16T08:30"),
        Example("8h sáng nay", "2024-10-20T08:00"),
        Example("10h tối qua", "2024-10-19T22:00"),
        Example("từ 8h đến 11h30", "2024-10-20T08:00/2024-10-20T11:30"),
        Example("13h30-17h", "2024-10-20T13:30/2024-10-20T17:00"),
        Example("8h-11h ngày 16/10", "2024-10-16T08:00/2024-10-16T11:00"),
        Example("từ 8h đến 11h30 ngày 16/10", "2024-10-16T08:00/2024-10-16T11:30"),
        Example("ngày 16/10, từ 8h đến 11h", "2024-10-16T08:00/2024-10-16T11:00"),
        Example("đón lúc 7h kém 15 sáng", "2024-10-20T06:45", "7h kém 15 sáng"),
        Example("giờ vàng 12h – 14h mỗi ngày: giảm giá", "XXXX-XX-XXT12:00/XXXX-XX-XXT14:00",
                "12h – 14h mỗi ngày"),
    ),
    # trong 24h, 24h qua, kéo dài 2h are durations (not clock times): tests/test_times.py.
    negatives=("mua 500g đường", "chỉ số H2O", "Top 4h"),
    priority=1,
    triggers=(DIGIT,),
)


def _written(m: RuleMatch) -> Reading | None:
    part = _part(m)
    hour = m.number("h")
    if hour is None:
        return None
    if m.has("half2"):  # 9 rưỡi: a clock time only where the context says so
        if part is None and not compiled(_CLOCK_BEFORE).search(_before(m)):
            return None
        return _clock(hour, 30, part)
    before = _before(m)
    if part is None and compiled(_DURATION_BEFORE).search(before):
        return None
    if m.has("k"):
        minutes = m.number("k")
        if minutes is None or not 0 < minutes < 60 or not 0 < hour <= 24:
            return None
        return _clock(hour - 1, 60 - minutes, part)
    if m.has("half"):
        return _clock(hour, 30, part)
    minute = m.number("m")
    strong = part is not None or hour == 0 or (minute is not None and not m.has("ph"))
    if not strong and not (
        compiled(_CLOCK_BEFORE).search(before)
        or compiled(_DAY_AFTER).match(m.match.string, m.match.end())
    ):
        return None  # 48 giờ, 2 giờ 30 phút: lengths
    return _clock(hour, minute, part)


_MINUTES = rf"[0-5]?[0-9](?![0-9])|{_NUMBER}(?!\s+[0-9])"  # not the day of a date after it
_SPACED_MINUTE_WORD = rf"\s+{_MINUTE_WORD}"

clock_written = Rule(
    name="clock_written",
    doc=(
        "A clock time with giờ: 8 giờ 30, lúc 8 giờ 30 phút, tám giờ sáng, 3 giờ chiều, "
        "12 giờ trưa, 8 giờ kém 15 (07:45), 9 giờ rưỡi, lúc 9 rưỡi (09:30). A bare "
        "N giờ is a clock time only after lúc/vào/từ/đến or before a part of the day or "
        "a date; elsewhere it is a length (trong 48 giờ, 24 giờ qua)."
    ),
    pattern=(
        rf"{_THEN_WORD}{_LEFT}{g('h', _HOUR + '(?![0-9])|' + _NUMBER)}\s+"
        rf"(?:{_HOUR_WORD}{WORD_END}(?:\s+{g('half', _HALF)}"
        rf"|\s+{_TO_HOUR}\s+{g('k', '[0-5]?[0-9](?![0-9])|' + _NUMBER)}(?:\s+{_MINUTE_WORD})?"
        rf"|\s+{g('m', _MINUTES)}{g('ph', _SPACED_MINUTE_WORD)}?)?"
        rf"|{g('half2', _HALF)})(?![\w]){_PART_AFTER}"
    ),
    build=_written,
    examples=(
        Example("lúc 8 giờ 30 phút", "2024-10-20T08:30", "8 giờ 30 phút"),
        Example("8 giờ 30", "2024-10-20T08:30"),
        Example("7 giờ sáng", "2024-10-20T07:00"),
        Example("3 giờ chiều", "2024-10-20T15:00"),
        Example("10 giờ tối", "2024-10-20T22:00"),
        Example("12 giờ trưa", "2024-10-20T12:00"),
        Example("tám giờ sáng", "2024-10-20T08:00"),
        Example("8 giờ kém 15", "2024-10-20T07:45"),
        Example("9 giờ rưỡi", "2024-10-20T09:30"),
        Example("hẹn lúc 9 rưỡi", "2024-10-20T09:30", "9 rưỡi"),
        Example("vào lúc 8 giờ ngày 16/10", "2024-10-16T08:00", "8 giờ ngày 16/10"),
        Example("12 giờ đêm 20/11", "2024-11-20T24:00"),
    ),
    # trong 48 giờ, 24 giờ qua are durations (not clock times): tests/test_times.py.
    negatives=("bao giờ xong", "giờ nào cũng được"),
    priority=1,
    triggers=(DIGIT, *first_words([*_LEX.unit_words, *_LEX.ten_forms])),
)


def _bare_range(m: RuleMatch) -> Reading | None:
    part = _part(m)
    if part is None and _length_around(m):
        return None
    first = _clock(_int(m["h1"]), None, part)
    last = _clock(_int(m["h2"]), _int(m["m2"]), part)
    if first is None or last is None:
        return None
    start, end = first.value, last.value
    assert isinstance(start, TimeOfDay) and isinstance(end, TimeOfDay)
    if not start.hour < end.hour:
        return None
    confirmed = part is not None or compiled(_CLOCK_BEFORE).search(_before(m)) is not None
    return Reading(Range(start, end), latent=not confirmed)


clock_range = Rule(
    name="clock_range",
    doc=(
        "Hours whose first end has no h: 8-11h, 2 - 4h chiều (14:00 to 16:00). A range of "
        "clock times after từ/lúc/vào or before a part of the day; 2-3h alone is a length."
    ),
    pattern=(
        rf"{_HOUR_THEN_TO}{_LEFT}{g('h1', _HOUR)}\s?(?:-|đến|tới)\s?{g('h2', _HOUR)}h"
        rf"{g('m2', '[0-5][0-9]')}?{WORD_END}{_PART_AFTER}"
    ),
    build=_bare_range,
    examples=(
        Example("từ 8-11h ngày 16/10", "2024-10-16T08:00/2024-10-16T11:00"),
        Example("2 - 4h chiều", "2024-10-20T14:00/2024-10-20T16:00"),
    ),
    negatives=("mất 2-3h", "nghỉ 2-3h"),
    priority=1,
    triggers=(DIGIT,),
)


def _midnight(m: RuleMatch) -> Reading | None:
    if m.has("d"):
        offset = _PART_DAYS[_key(m["d"])]
        return Reading(Relative(grain=Grain.DAY, offset=offset, hour=24, minute=0))
    confirmed = compiled(_CLOCK_BEFORE).search(_before(m)) is not None
    return Reading(TimeOfDay(_NO_DAY, 24, 0), latent=not confirmed)


midnight = Rule(
    name="midnight",
    doc="nửa đêm: T24:00 of the day it ends (spec §3a); nửa đêm qua → yesterday T24:00.",
    pattern=(
        rf"{WORD_START}{any_of(_CLOCK['midnight'])}{WORD_END}"
        rf"(?:\s+{g('d', _DAY_WORDS)}{WORD_END})?"
    ),
    build=_midnight,
    examples=(
        Example("nửa đêm 20/11", "2024-11-20T24:00"),
        Example("nửa đêm qua", "2024-10-19T24:00"),
        Example("đến nửa đêm", "2024-10-20T24:00", mod=Mod.ON_OR_BEFORE),
    ),
    negatives=("giữa đêm khuya thanh vắng",),
    triggers=first_words(_CLOCK["midnight"]),
)


def _part_of_day(m: RuleMatch) -> Reading | None:
    part = _part(m)
    if part is None:
        return None
    offset = _PART_DAYS[_key(m["d"])]
    return Reading(Relative(grain=Grain.DAY, offset=offset, part=part))


part_of_relative_day = Rule(
    name="part_of_relative_day",
    doc="sáng nay, chiều mai, tối qua, đêm hôm kia: a part of a day counted from the reference.",
    pattern=rf"{WORD_START}{g('part', _PARTS)}\s+{g('d', _DAY_WORDS)}{WORD_END}",
    build=_part_of_day,
    examples=(
        Example("sáng nay", "2024-10-20TMO"),
        Example("chiều mai", "2024-10-21TAF"),
        Example("tối qua", "2024-10-19TEV"),
        Example("đêm qua", "2024-10-19TNI"),
        Example("trưa nay", "2024-10-20TMI"),
        Example("sáng hôm qua", "2024-10-19TMO"),
        Example("tối nay", "XXXX-XX-XXTEV", reference=None),
    ),
    negatives=("sáng lập công ty", "sáng tạo", "tối đa", "tối ưu", "chiều dài", "chiều cao",
               "đêm nhạc", "hoa mai"),
    triggers=first_words(_LEX.day_parts),
)


# --- composition: a clock time, a part of the day, a weekday and a date as one mention ------

_ATTACH = _DATA["attach"]
_GAP_TO_DAY = rf"\s*(?:,\s*)?(?:{_either(_ATTACH['before_day'])}\s+)?"
_GAP_PAREN = r"\s*\(\s*"  # (these three hold no letters: their case does not matter)
_GAP_DASH = r"\s+[-|]\s+"
_GAP_TO_CLOCK = rf"\s*(?:,\s*)?(?:{_either(_ATTACH['before_clock'])}\s+)?"
_CLOSE = r"\s*\)"
_RANGE_GAP = rf"\s*(?:-|~|{_either(_ATTACH['range'])})\s*"
_PART_BEFORE = rf"(?<![\w]){g('part', _PARTS)}\s+$"

_CLOCK_T = tuple[int, int | None]


@attrs.frozen(slots=True)
class _Parts:
    """What a candidate says about a moment: a day, a weekday, a part, a clock time."""

    day: Day | Relative | Anaphor | LunarDay | None = None
    weekday: Relative | None = None
    part: DayPart | None = None
    clock: _CLOCK_T | None = None
    until: _CLOCK_T | None = None  # the end of a range of clock times on the same day
    first: str = ""  # what the text says first: "T" clock, "W" weekday, "D" day

    @property
    def kinds(self) -> frozenset[str]:
        return frozenset(
            k for k, v in (("T", self.clock), ("W", self.weekday), ("D", self.day)) if v
        )


def _known(day: Day) -> Day | None:
    return None if day == _NO_DAY else day


def _parts_of(value: TimeValue) -> _Parts | None:
    match value:
        case TimeOfDay(day=day, hour=hour, minute=minute):
            return _Parts(day=_known(day), clock=(hour, minute), first="T")
        case PartOfDay(day=day, part=part):
            return _Parts(day=_known(day), part=part, first="D")
        case Day(day=int()):
            return _Parts(day=value, first="D")
        case Relative(grain_=Grain.DAY | Grain.WEEK, weekday=int()):
            bare = Relative(grain=value.grain, offset=value.offset, weekday=value.weekday)
            clock = None if value.hour is None else (value.hour, value.minute)
            return _Parts(weekday=bare, part=value.part, clock=clock, first="W")
        case Relative(grain_=Grain.DAY):
            bare = Relative(grain=Grain.DAY, offset=value.offset)
            clock = None if value.hour is None else (value.hour, value.minute)
            return _Parts(day=bare, part=value.part, clock=clock, first="D")
        case LunarDay(day=int()):
            # tối mùng 10 tháng Giêng, 7h sáng mùng 8 (Tết): a moment of a lunar day
            bare_lunar = attrs.evolve(value, part=None, hour=None, minute=None)
            clock = None if value.hour is None else (value.hour, value.minute)
            return _Parts(day=bare_lunar, part=value.part, clock=clock, first="D")
        case Anaphor(grain_=Grain.DAY, kind=kind) if kind is not AnaphorKind.SAME_PERIOD:
            # sáng hôm sau, 15 giờ cùng ngày, 1 g đêm hôm đó: a moment of the day before
            bare_anaphor = Anaphor(kind=kind, grain=Grain.DAY)
            clock = None if value.hour is None else (value.hour, value.minute)
            return _Parts(day=bare_anaphor, part=value.part, clock=clock, first="D")
        case Range(start=TimeOfDay() as a, end=TimeOfDay() as b):
            first, last = _known(a.day), _known(b.day)
            if first is not None and last is not None and first != last:
                return None
            clock, until = (a.hour, a.minute), (b.hour, b.minute)
            return _Parts(day=first or last, clock=clock, until=until, first="T")
    return None


def _deictic_and_written(left: object, right: object) -> bool:
    """One side a relative day (hôm qua), the other the written date of it (23-3)."""
    return (isinstance(left, Relative) and isinstance(right, Day)) or (
        isinstance(left, Day) and isinstance(right, Relative)
    )


def _merge(left: _Parts, right: _Parts) -> _Parts | None:
    shared = left.kinds & right.kinds
    if shared and not (shared == {"D"} and _deictic_and_written(left.day, right.day)):
        return None
    if left.part and right.part and left.part is not right.part:
        return None
    if (left.until or right.until) and (left.clock and right.clock):
        return None
    day = left.day or right.day
    if left.day is not None and right.day is not None:
        # hôm qua 23-3, hôm nay (24/3): the written date says which day the deictic meant
        day = left.day if isinstance(left.day, Day) else right.day
    weekday = left.weekday or right.weekday
    if weekday is not None and isinstance(day, Relative):
        return None
    return _Parts(
        day=day,
        weekday=weekday,
        part=left.part or right.part,
        clock=left.clock or right.clock,
        until=left.until or right.until,
        first=left.first,
    )


def _hm(clock: _CLOCK_T, part: DayPart | None) -> _CLOCK_T:
    return on_part_of_day(clock[0], part), clock[1]


def _value(parts: _Parts) -> TimeValue | None:
    base = parts.day if parts.day is not None else parts.weekday
    if parts.clock is not None:
        hour, minute = _hm(parts.clock, parts.part)
        if parts.until is not None:
            hour2, minute2 = _hm(parts.until, parts.part)
            if isinstance(base, Relative | Anaphor | LunarDay):
                return Range(
                    attrs.evolve(base, hour=hour, minute=minute, part=None),  # type: ignore[arg-type]
                    attrs.evolve(base, hour=hour2, minute=minute2, part=None),  # type: ignore[arg-type]
                )
            day = base if base is not None else _NO_DAY
            return Range(TimeOfDay(day, hour, minute), TimeOfDay(day, hour2, minute2))
        if isinstance(base, Relative | Anaphor | LunarDay):
            return attrs.evolve(base, hour=hour, minute=minute, part=None)
        return TimeOfDay(base if base is not None else _NO_DAY, hour, minute)
    if parts.part is not None:
        if isinstance(base, Relative | Anaphor | LunarDay):
            return attrs.evolve(base, part=parts.part)
        return PartOfDay(base if base is not None else _NO_DAY, parts.part)
    return base


def _reading(parts: _Parts, readings: Sequence[Reading]) -> Reading | None:
    value = _value(parts)
    if value is None:
        return None
    direction = next(
        (r.direction for r in readings if r.direction is not Direction.NEAREST),
        Direction.NEAREST,
    )
    mod = next((r.mod for r in readings if r.mod is not None), None)
    weekday = None
    if parts.weekday is not None and isinstance(parts.day, Day | LunarDay):
        weekday = parts.weekday.weekday
    warnings = tuple(w for r in readings for w in r.warnings)
    calendar = next((r.calendar for r in readings if r.calendar is not Calendar.GREGORIAN),
                    Calendar.GREGORIAN)  # tối mùng 10 tháng Giêng: a lunar day's moment
    return Reading(value, mod=mod, direction=direction, warnings=warnings, weekday=weekday,
                   calendar=calendar)


@attrs.frozen(slots=True)
class _Group:
    start: int
    end: int
    parts: _Parts
    readings: tuple[Reading, ...]
    members: tuple[Candidate, ...]


def _in_parentheses(text: str, gap: str, end: int) -> int | None:
    """The end of the closing parenthesis after ``end`` when ``gap`` opens one, else None."""
    if not compiled(_GAP_PAREN).fullmatch(gap):
        return None
    close = compiled(_CLOSE).match(text, end)
    return None if close is None else close.end()


def _gap_ok(text: str, left: _Group, right: Candidate, right_parts: _Parts) -> int | None:
    """The end of the joined span when ``right`` may join ``left``, else None."""
    gap = text[left.end : right.start]
    if len(gap) > 12:
        return None
    kinds = left.parts.kinds
    if (
        right_parts.first == "D"
        and "T" not in right_parts.kinds
        and _deictic_and_written(left.parts.day, right_parts.day)
        and "\n" not in gap
        and compiled(_GAP_TO_DAY).fullmatch(gap)
        # a bare 2-1 may be a score (trận hôm qua 2-1); 6/10 is a date
        and (not right.reading.latent or "/" in text[right.start : right.end])
    ):
        return right.end  # hôm nay 6/10, Hôm nay, ngày 10 tháng 4 năm 2025: the day twice
    if right_parts.first in ("W", "D") and "D" not in kinds:
        if compiled(_GAP_TO_DAY).fullmatch(gap) or (
            "W" in kinds and compiled(_GAP_DASH).fullmatch(gap)
        ):
            return right.end
        return _in_parentheses(text, gap, right.end)
    if right_parts.first == "W" and "D" in kinds and "W" not in kinds:
        return _in_parentheses(text, gap, right.end)  # ngày 20/11/2024 (thứ Tư)
    if right_parts.first == "T" and kinds & {"D", "W"} and "T" not in kinds:
        if compiled(_GAP_TO_CLOCK).fullmatch(gap):
            return right.end
        if right_parts.until is None and "D" in kinds and compiled(_GAP_DASH).fullmatch(gap):
            return right.end  # a byline: 20/11/2024 - 08:30
    return None


def _ends_range(text: str, found: Sequence[Candidate], index: int) -> bool:
    """The clock time at ``index`` ends a range of clock times (8h-11h ngày 16/10): the
    date joins the range after :mod:`timeline.compose` has made it, not its last end."""
    if index == 0:
        return False
    previous, current = found[index - 1], found[index]
    previous_parts = _parts_of(previous.reading.value)
    return (
        previous_parts is not None
        and previous_parts.kinds == {"T"}
        and compiled(_RANGE_GAP).fullmatch(text[previous.end : current.start]) is not None
    )


def attach_times(
    norm: NormalizedText, found: Sequence[Candidate], lex: Lexicon, *, first: bool = True
) -> list[Candidate]:
    """Join a clock time, a part of the day, a weekday and a date that stand together into
    one candidate (see the module's docstring). ``first``: the pass before ranges are
    joined, which leaves the last end of a range of clock times alone."""
    del lex  # the vocabulary is this module's data
    text = norm.text
    out: list[Candidate] = []
    group: _Group | None = None
    group_index = 0

    def close(group: _Group | None) -> None:
        if group is None:
            return
        start, parts = group.start, group.parts
        lower = out[-1].end if out else 0
        if parts.part is None and parts.first in ("W", "D"):
            window = text[max(lower, start - 16) : start]
            found_part = compiled(_PART_BEFORE).search(window)
            if found_part is not None:
                part = _LEX.day_parts.get(_key(found_part.group("part")))
                parts = attrs.evolve(parts, part=part)
                start -= len(window) - found_part.start()
        if len(group.members) == 1 and start == group.start:
            out.append(group.members[0])
            return
        reading = _reading(parts, group.readings)
        if reading is None:
            out.extend(group.members)
            return
        out.append(Candidate(start, group.end, reading, "time_attach"))

    for index, candidate in enumerate(found):
        parts = _parts_of(candidate.reading.value)
        if parts is None:
            close(group)
            group = None
            out.append(candidate)
            continue
        if group is not None and not (
            first and len(group.members) == 1 and _ends_range(text, found, group_index)
        ):
            end = _gap_ok(text, group, candidate, parts)
            merged = None if end is None else _merge(group.parts, parts)
            if end is not None and merged is not None and _value(merged) is not None:
                group = _Group(
                    group.start,
                    end,
                    merged,
                    (*group.readings, candidate.reading),
                    (*group.members, candidate),
                )
                continue
        close(group)
        group = _Group(candidate.start, candidate.end, parts, (candidate.reading,), (candidate,))
        group_index = index
    close(group)
    return out


# --- a bare clock time after an afternoon or evening (a composition step) -----------------

_LATE_PARTS = (DayPart.AFTERNOON, DayPart.EVENING, DayPart.NIGHT)
_CARRY_WINDOW = 160  # characters back to the mention that gives the part of the day
_PART_WORD = rf"(?<![\w]){_either(list(_LEX.day_parts))}(?![\w])"


def _late_part(value: TimeValue) -> tuple[DayPart, int | None] | None:
    """The afternoon or evening a mention names (tối nay, tối 27/12, 6h30 chiều), with its
    hour when it has one."""
    match value:
        case PartOfDay(part=part) if part in _LATE_PARTS:
            return part, None
        case Relative(part=part) | Anaphor(part=part) | LunarDay(part=part) if (
            part in _LATE_PARTS
        ):
            return part, None
        case TimeOfDay(hour=hour) | Relative(hour=int(hour)) if 13 <= hour <= 23:
            return (DayPart.EVENING if hour >= 18 else DayPart.AFTERNOON), hour
    return None


def _later(clock: TimeOfDay, part: DayPart, after: int | None) -> TimeOfDay | None:
    hour = on_part_of_day(clock.hour, part)
    if not 13 <= hour <= 23 or (after is not None and hour < after):
        return None
    return attrs.evolve(clock, hour=hour)


def evening_clocks(text: str, found: Sequence[Candidate]) -> list[Candidate]:
    """A clock time written without its part of the day, soon after a mention of an
    afternoon or an evening, is read in it (docs: ``9h t moi tan lam`` after ``toi nay`` is
    21:00): ``tối nay họp nhóm, 8h vào meet`` → 20:00; ``tiệc tối 27/12, 6h30 đón khách``
    → 18:30. A clock time of its own day or part (``7h sáng``) keeps its hour."""
    out = list(found)
    moved_here: set[int] = set()
    for index, candidate in enumerate(found):
        value = candidate.reading.value
        clocks = (
            [value]
            if isinstance(value, TimeOfDay)
            else [value.start, value.end]
            if isinstance(value, Range)
            else []
        )
        if not clocks or not all(
            isinstance(c, TimeOfDay) and c.day == _NO_DAY and 1 <= c.hour <= 11 for c in clocks
        ):
            continue
        if compiled(_PART_WORD).search(text, candidate.start, candidate.end):
            continue  # 7h sáng: the part is written
        before = next((i for i in range(index - 1, -1, -1) if not out[i].reading.latent), None)
        if before is None:
            continue
        previous = out[before]
        if candidate.start - previous.end > _CARRY_WINDOW:
            continue
        if "\n\n" in text[previous.end : candidate.start]:
            continue  # another paragraph
        late = _late_part(previous.reading.value)
        written = before in moved_here or compiled(_PART_WORD).search(
            text, previous.start, previous.end
        )
        if late is None or not written:
            continue  # the part of the day must be said (16h30 in a timetable is not)
        moved = [
            shifted
            for c in clocks
            if isinstance(c, TimeOfDay) and (shifted := _later(c, late[0], late[1])) is not None
        ]
        if len(moved) != len(clocks):
            continue
        new_value: TimeValue = moved[0] if len(moved) == 1 else Range(moved[0], moved[1])
        reading = attrs.evolve(candidate.reading, value=new_value)
        out[index] = attrs.evolve(candidate, reading=reading)
        moved_here.add(index)
    return out


RULES = (clock_colon, clock_letter, clock_written, clock_range, midnight, part_of_relative_day)
