"""Frozen, typed values: what a temporal mention *means*.

Values flow one way: the grammar reads text into (possibly partial or relative)
values, :mod:`timeline.resolve` fills in what the text left out, and the TIMEX3
string of spec §3 is rendered from the typed value at the edge (``.timex``).
Unknown parts are ``None`` and render as ``X``.

>>> Day(2024, 10, 15).timex
'2024-10-15'
>>> Day(None, 10, 15).timex
'XXXX-10-15'
>>> Range(Day(2024, 10, 15), Day(2024, 10, 18)).timex
'2024-10-15/2024-10-18'
>>> Duration(3, Unit.YEAR).timex
'P3Y'
>>> TimexType.DATE == "DATE"
True
"""

from __future__ import annotations

import enum
from datetime import datetime
from decimal import Decimal

import attrs

__all__ = [
    "Anaphor",
    "AnaphorKind",
    "Calendar",
    "Century",
    "Day",
    "DayPart",
    "Decade",
    "Direction",
    "Duration",
    "Grain",
    "Half",
    "Interval",
    "LunarDay",
    "Mention",
    "Mod",
    "Month",
    "PartOfDay",
    "Point",
    "Quarter",
    "Range",
    "Recurrence",
    "Ref",
    "RefKind",
    "Relative",
    "Season",
    "SeasonName",
    "TimeOfDay",
    "TimeValue",
    "TimexType",
    "Unit",
    "Week",
    "Weekday",
    "Year",
]


class TimexType(enum.StrEnum):
    """The four TIMEX3 types (spec §2)."""

    DATE = "DATE"
    TIME = "TIME"
    DURATION = "DURATION"
    SET = "SET"


class Grain(enum.StrEnum):
    """The size of the unit a value is precise to, coarsest first."""

    CENTURY = "century"
    DECADE = "decade"
    YEAR = "year"
    HALF = "half"
    QUARTER = "quarter"
    SEASON = "season"
    MONTH = "month"
    WEEK = "week"
    DAY = "day"
    PART_OF_DAY = "part_of_day"
    HOUR = "hour"
    MINUTE = "minute"

    @property
    def rank(self) -> int:
        """0 for the coarsest grain; a finer grain has a larger rank."""
        return list(Grain).index(self)


class Mod(enum.StrEnum):
    """TIMEX3 modifiers (spec §4)."""

    START = "START"
    MID = "MID"
    END = "END"
    APPROX = "APPROX"
    MORE_THAN = "MORE_THAN"
    LESS_THAN = "LESS_THAN"
    EQUAL_OR_MORE = "EQUAL_OR_MORE"
    EQUAL_OR_LESS = "EQUAL_OR_LESS"
    BEFORE = "BEFORE"
    AFTER = "AFTER"
    ON_OR_AFTER = "ON_OR_AFTER"
    ON_OR_BEFORE = "ON_OR_BEFORE"


class Calendar(enum.StrEnum):
    GREGORIAN = "gregorian"
    LUNAR = "lunar"


class Direction(enum.StrEnum):
    """Which way tense words point when a part of a date is missing (spec §5)."""

    PAST = "past"
    FUTURE = "future"
    NEAREST = "nearest"


class Unit(enum.StrEnum):
    """Units of a duration, with their ISO 8601 designators."""

    YEAR = "Y"
    MONTH = "M"
    WEEK = "W"
    DAY = "D"
    HOUR = "H"
    MINUTE = "MIN"
    SECOND = "S"

    @property
    def is_time(self) -> bool:
        return self in (Unit.HOUR, Unit.MINUTE, Unit.SECOND)


class DayPart(enum.StrEnum):
    """Parts of the day (spec §3a): sáng MO, trưa MI, chiều AF, tối EV, đêm NI."""

    MORNING = "MO"
    MIDDAY = "MI"
    AFTERNOON = "AF"
    EVENING = "EV"
    NIGHT = "NI"
    DAYTIME = "DT"


class SeasonName(enum.StrEnum):
    SPRING = "SP"
    SUMMER = "SU"
    FALL = "FA"
    WINTER = "WI"


class RefKind(enum.StrEnum):
    PRESENT = "PRESENT_REF"
    PAST = "PAST_REF"
    FUTURE = "FUTURE_REF"


class AnaphorKind(enum.StrEnum):
    """What an anaphoric expression points back to."""

    SAME = "same"  # cùng ngày, hôm đó, thời điểm đó: the period just discussed
    NEXT = "next"  # ngày hôm sau: the unit after it
    PREVIOUS = "previous"  # hôm trước: the unit before it
    SAME_PERIOD = "same_period"  # cùng kỳ năm …: the period moved to another year


def _x(value: int | None, width: int) -> str:
    return "X" * width if value is None else f"{value:0{width}d}"


@attrs.frozen(slots=True)
class Interval:
    """A concrete half-open interval ``[start, end)`` of aware datetimes (spec §6)."""

    start: datetime
    end: datetime

    def __attrs_post_init__(self) -> None:
        if self.start.tzinfo is None or self.end.tzinfo is None:
            raise ValueError("Interval: start and end must be time-zone aware datetimes")
        if not self.start < self.end:
            raise ValueError(f"Interval: start {self.start} must be before end {self.end}")

    def overlaps(self, other: Interval) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: Interval | datetime) -> bool:
        if isinstance(other, Interval):
            return self.start <= other.start and other.end <= self.end
        return self.start <= other < self.end

    def __str__(self) -> str:
        return f"[{self.start.isoformat()}, {self.end.isoformat()})"


class TimeValue:
    """Base of every value. Subclasses are frozen attrs classes."""

    __slots__ = ()

    @property
    def timex(self) -> str:
        raise NotImplementedError

    @property
    def grain(self) -> Grain | None:
        raise NotImplementedError

    @property
    def type(self) -> TimexType:
        return TimexType.DATE

    @property
    def is_complete(self) -> bool:
        """True when no part is unknown, so the value sits on the calendar."""
        return "X" not in self.timex

    def __str__(self) -> str:
        return self.timex


# --- points on the calendar ----------------------------------------------------------------


@attrs.frozen(slots=True)
class Day(TimeValue):
    year: int | None
    month: int | None
    day: int | None

    @property
    def timex(self) -> str:
        return f"{_x(self.year, 4)}-{_x(self.month, 2)}-{_x(self.day, 2)}"

    @property
    def is_complete(self) -> bool:  # what the base class says, without writing the timex
        return self.year is not None and self.month is not None and self.day is not None

    @property
    def grain(self) -> Grain:
        return Grain.DAY


@attrs.frozen(slots=True)
class Month(TimeValue):
    year: int | None
    month: int | None

    @property
    def timex(self) -> str:
        return f"{_x(self.year, 4)}-{_x(self.month, 2)}"

    @property
    def is_complete(self) -> bool:
        return self.year is not None and self.month is not None

    @property
    def grain(self) -> Grain:
        return Grain.MONTH


@attrs.frozen(slots=True)
class Year(TimeValue):
    year: int | None

    @property
    def timex(self) -> str:
        return _x(self.year, 4)

    @property
    def is_complete(self) -> bool:
        return self.year is not None

    @property
    def grain(self) -> Grain:
        return Grain.YEAR


@attrs.frozen(slots=True)
class Decade(TimeValue):
    """``decade`` is the year divided by ten: 199 for the 1990s."""

    decade: int | None

    @property
    def timex(self) -> str:
        return _x(self.decade, 3)

    @property
    def grain(self) -> Grain:
        return Grain.DECADE


@attrs.frozen(slots=True)
class Century(TimeValue):
    """``century`` is the year divided by a hundred: 19 for thế kỷ XX (1900–1999)."""

    century: int | None

    @property
    def timex(self) -> str:
        return _x(self.century, 2)

    @property
    def grain(self) -> Grain:
        return Grain.CENTURY


@attrs.frozen(slots=True)
class Quarter(TimeValue):
    year: int | None
    quarter: int

    @property
    def timex(self) -> str:
        return f"{_x(self.year, 4)}-Q{self.quarter}"

    @property
    def grain(self) -> Grain:
        return Grain.QUARTER


@attrs.frozen(slots=True)
class Half(TimeValue):
    year: int | None
    half: int

    @property
    def timex(self) -> str:
        return f"{_x(self.year, 4)}-H{self.half}"

    @property
    def grain(self) -> Grain:
        return Grain.HALF


@attrs.frozen(slots=True)
class Season(TimeValue):
    year: int | None
    season: SeasonName

    @property
    def timex(self) -> str:
        return f"{_x(self.year, 4)}-{self.season.value}"

    @property
    def grain(self) -> Grain:
        return Grain.SEASON


@attrs.frozen(slots=True)
class Week(TimeValue):
    """An ISO week; ``weekend`` for its Saturday and Sunday (``…-WE``)."""

    year: int | None
    week: int | None
    weekend: bool = False

    @property
    def timex(self) -> str:
        base = f"{_x(self.year, 4)}-W{_x(self.week, 2)}"
        return base + "-WE" if self.weekend else base

    @property
    def grain(self) -> Grain:
        return Grain.WEEK


@attrs.frozen(slots=True)
class Weekday(TimeValue):
    """A weekday not yet placed on the calendar: 1 = Monday … 7 = Sunday (ISO)."""

    weekday: int

    @property
    def timex(self) -> str:
        return f"XXXX-WXX-{self.weekday}"

    @property
    def grain(self) -> Grain:
        return Grain.DAY


@attrs.frozen(slots=True)
class PartOfDay(TimeValue):
    day: Day
    part: DayPart

    @property
    def timex(self) -> str:
        return f"{self.day.timex}T{self.part.value}"

    @property
    def grain(self) -> Grain:
        return Grain.PART_OF_DAY

    @property
    def type(self) -> TimexType:
        return TimexType.TIME


@attrs.frozen(slots=True)
class TimeOfDay(TimeValue):
    """A clock time, on a day (possibly unknown); ``hour`` 24 only as ``T24:00``."""

    day: Day
    hour: int
    minute: int | None = None

    @property
    def timex(self) -> str:
        minute = 0 if self.minute is None else self.minute
        return f"{self.day.timex}T{self.hour:02d}:{minute:02d}"

    @property
    def grain(self) -> Grain:
        return Grain.HOUR if self.minute is None else Grain.MINUTE

    @property
    def type(self) -> TimexType:
        return TimexType.TIME


@attrs.frozen(slots=True)
class Ref(TimeValue):
    """``hiện nay`` PRESENT_REF, ``trước đây`` PAST_REF, ``sắp tới`` FUTURE_REF."""

    kind: RefKind

    @property
    def timex(self) -> str:
        return self.kind.value

    @property
    def grain(self) -> None:
        return None

    @property
    def is_complete(self) -> bool:
        return False


@attrs.frozen(slots=True)
class LunarDay(TimeValue):
    """A day of the Vietnamese lunar calendar, before conversion to the Gregorian day.

    ``day`` None is the whole lunar month (``tháng Chạp``); a negative day counts from the
    month's end, -1 its last day (29 or 30: ``đêm Giao thừa``). ``cycle`` is the place
    0..59 of a year named by its can chi (``Tết Giáp Thìn`` → 40) when the number is not
    given. ``part`` and ``hour``/``minute`` place a part of that day or a clock time on it
    (``tối mùng 10 tháng Giêng``, ``7h sáng mùng 8``). Unconverted, its TIMEX3 value is
    the X form of its grain: the Gregorian day it falls on is unknown
    (``timeline.lunar.resolve_lunar`` converts it).
    """

    year: int | None
    month: int
    day: int | None
    leap: bool = False
    cycle: int | None = None
    part: DayPart | None = None
    hour: int | None = None
    minute: int | None = None

    @property
    def timex(self) -> str:
        if self.day is None:
            return "XXXX-XX"
        if self.hour is not None:
            return f"XXXX-XX-XXT{self.hour:02d}:{self.minute or 0:02d}"
        return "XXXX-XX-XX" if self.part is None else f"XXXX-XX-XXT{self.part.value}"

    @property
    def grain(self) -> Grain:
        if self.day is None:
            return Grain.MONTH
        if self.hour is not None:
            return Grain.HOUR if self.minute is None else Grain.MINUTE
        return Grain.DAY if self.part is None else Grain.PART_OF_DAY

    @property
    def type(self) -> TimexType:
        if self.day is not None and (self.part is not None or self.hour is not None):
            return TimexType.TIME
        return TimexType.DATE

    @property
    def is_complete(self) -> bool:
        return False  # only its Gregorian conversion sits on the calendar


Point = (
    Day | Month | Year | Decade | Century | Quarter | Half | Season | Week | Weekday
    | PartOfDay | TimeOfDay | Ref | LunarDay
)


@attrs.frozen(slots=True)
class Range(TimeValue):
    """Both ends inclusive (spec §3, an extension of TIMEX3): ``2016/2020``."""

    start: Point
    end: Point

    @property
    def timex(self) -> str:
        return f"{self.start.timex}/{self.end.timex}"

    @property
    def grain(self) -> Grain | None:
        grains = [g for g in (self.start.grain, self.end.grain) if g is not None]
        return max(grains, key=lambda g: g.rank) if grains else None

    @property
    def type(self) -> TimexType:
        if TimexType.TIME in (self.start.type, self.end.type):
            return TimexType.TIME
        return TimexType.DATE

    @property
    def is_complete(self) -> bool:
        return self.start.is_complete and (
            self.end.is_complete or self.end == Ref(RefKind.PRESENT)
        )


# --- lengths and recurrences ---------------------------------------------------------------


@attrs.frozen(slots=True)
class Duration(TimeValue):
    """A length of time; ``amount`` None is an unknown number (``PXY``). ``rest`` is the
    length in smaller units written after it: ``1 năm 6 tháng`` → ``P1Y6M``,
    ``2 giờ 30 phút`` → ``PT2H30M``, ``1 ngày 12 giờ`` → ``P1DT12H``."""

    amount: Decimal | int | None
    unit: Unit
    rest: Duration | None = None

    @property
    def timex(self) -> str:
        date, time = "", ""
        part: Duration | None = self
        while part is not None:
            if part.amount is None:
                number = "X"
            elif isinstance(part.amount, Decimal):
                number = format(part.amount.normalize(), "f")
            else:
                number = str(part.amount)
            if part.unit.is_time:
                time += number + ("M" if part.unit is Unit.MINUTE else part.unit.value)
            else:
                date += number + part.unit.value
            part = part.rest
        return f"P{date}T{time}" if time else f"P{date}"

    @property
    def grain(self) -> Grain:
        return {
            Unit.YEAR: Grain.YEAR,
            Unit.MONTH: Grain.MONTH,
            Unit.WEEK: Grain.WEEK,
            Unit.DAY: Grain.DAY,
            Unit.HOUR: Grain.HOUR,
            Unit.MINUTE: Grain.MINUTE,
            Unit.SECOND: Grain.MINUTE,
        }[self.unit]

    @property
    def type(self) -> TimexType:
        return TimexType.DURATION

    @property
    def is_complete(self) -> bool:
        return False


@attrs.frozen(slots=True)
class Recurrence(TimeValue):
    """A SET: every ``period`` (``hằng năm`` → P1Y), or every match of ``pattern``
    (``mỗi thứ Hai`` → XXXX-WXX-1, ``ngày 15 hằng tháng`` → XXXX-XX-15). ``time`` is the
    time of day of each occurrence of a pattern that has none of its own (spec §3a:
    ``14:00 mỗi thứ Hai`` → XXXX-WXX-1T14:00, ``mỗi sáng thứ Hai`` → XXXX-WXX-1TMO)."""

    period: Duration | None = None
    pattern: Point | Range | None = None  # a Range: opening hours, từ thứ Hai đến thứ Sáu
    time: TimeOfDay | PartOfDay | None = None

    def __attrs_post_init__(self) -> None:
        if (self.period is None) == (self.pattern is None):
            raise ValueError("Recurrence: give exactly one of period and pattern")
        if self.time is not None and self.pattern is None:
            raise ValueError("Recurrence: a time of day needs a pattern")

    @property
    def timex(self) -> str:
        if self.pattern is not None:
            if self.time is not None:
                clock = self.time.timex
                return self.pattern.timex + clock[clock.index("T") :]
            return self.pattern.timex
        assert self.period is not None
        return self.period.timex

    @property
    def grain(self) -> Grain | None:
        inner: TimeValue | None = self.pattern if self.pattern is not None else self.period
        return None if inner is None else inner.grain

    @property
    def type(self) -> TimexType:
        return TimexType.SET

    @property
    def is_complete(self) -> bool:
        return False


# --- values that need an anchor before they mean anything ----------------------------------


@attrs.frozen(slots=True)
class Relative(TimeValue):
    """``offset`` units from the reference: hôm qua (DAY, -1), tuần tới (WEEK, +1),
    năm nay (YEAR, 0). ``weekday`` places a day inside a relative week (thứ Hai tuần tới);
    with the DAY grain it is the weekday nearest the reference, or the next or previous one
    as the direction says (thứ Năm, thứ Năm tới; docs/times.md). ``part`` and ``hour``/
    ``minute`` place a part of that day or a clock time on it (sáng nay, 8h sáng mai)."""

    grain_: Grain = attrs.field(alias="grain")
    offset: int
    weekday: int | None = None
    part: DayPart | None = None
    hour: int | None = None
    minute: int | None = None
    anchored: bool = False  # N năm sau (N years later): counted from the story, not the reference
    # A point placed inside the relative period: tháng 7 năm ngoái is Month(None, 7) within
    # (YEAR, -1); quý I năm nay, ngày 5 tháng sau. Its missing year (month) comes from it.
    within: Point | None = None
    weekend: bool = False  # cuối tuần này: the Saturday and Sunday of that ISO week (-WE)

    @property
    def grain(self) -> Grain:
        if self.within is not None and self.within.grain is not None:
            return self.within.grain
        return self.grain_

    @property
    def timex(self) -> str:
        if self.within is not None:
            return self.within.timex
        if self.weekend:
            return "XXXX-WXX-WE"
        # Unresolved: the X form of its grain (spec §3a); a weekday keeps its number.
        if self.weekday is not None and self.grain_ in (Grain.DAY, Grain.WEEK):
            day = f"XXXX-WXX-{self.weekday}"
        elif self.part is not None or self.hour is not None:
            day = "XXXX-XX-XX"
        else:
            return _unknown_of_grain(self.grain_, None)
        if self.hour is not None:
            return f"{day}T{self.hour:02d}:{self.minute or 0:02d}"
        return f"{day}T{self.part.value}" if self.part is not None else day

    @property
    def type(self) -> TimexType:
        if self.within is not None:
            return self.within.type
        if self.part is not None or self.hour is not None:
            return TimexType.TIME
        return TimexType.DATE

    @property
    def is_complete(self) -> bool:
        return False


@attrs.frozen(slots=True)
class Anaphor(TimeValue):
    """``cùng ngày``, ``hôm đó``, ``ngày hôm sau``, ``cùng kỳ năm 2022``: a pointer back
    to the period the text was just discussing. ``year`` is the year a SAME_PERIOD
    anaphor moves that period to (None: the year before it). ``part`` and ``hour``/
    ``minute`` place a part of that day or a clock time on it (sáng hôm sau, 15 giờ
    cùng ngày)."""

    kind: AnaphorKind
    grain_: Grain = attrs.field(alias="grain")
    year: int | None = None
    part: DayPart | None = None
    hour: int | None = None
    minute: int | None = None

    @property
    def grain(self) -> Grain:
        return self.grain_

    @property
    def timex(self) -> str:
        if self.hour is not None:
            return f"XXXX-XX-XXT{self.hour:02d}:{self.minute or 0:02d}"
        return _unknown_of_grain(self.grain_, self.part)

    @property
    def type(self) -> TimexType:
        if self.part is not None or self.hour is not None:
            return TimexType.TIME
        return TimexType.DATE

    @property
    def is_complete(self) -> bool:
        return False


def _unknown_of_grain(grain: Grain, part: DayPart | None) -> str:
    if part is not None:
        return f"XXXX-XX-XXT{part.value}"
    return {
        Grain.CENTURY: "XX",
        Grain.DECADE: "XXX",
        Grain.YEAR: "XXXX",
        Grain.HALF: "XXXX-HX",
        Grain.QUARTER: "XXXX-QX",
        Grain.SEASON: "XXXX-XX",
        Grain.MONTH: "XXXX-XX",
        Grain.WEEK: "XXXX-WXX",
        Grain.DAY: "XXXX-XX-XX",
        Grain.PART_OF_DAY: "XXXX-XX-XXTXX",
        Grain.HOUR: "XXXX-XX-XXTXX:XX",
        Grain.MINUTE: "XXXX-XX-XXTXX:XX",
    }[grain]


# --- a mention: a span of the caller's text with its resolved value ------------------------


@attrs.frozen(slots=True)
class Mention:
    """One temporal expression found in a text (spec §1–§6).

    ``source[start:end] == text``, offsets into the caller's string. ``value`` is the
    resolved typed value, ``unresolved`` what the text itself said before any anchor
    filled the gaps (kept so that the mention can be resolved again against another
    reference without re-reading the text).
    """

    text: str
    start: int
    end: int
    value: TimeValue
    mod: Mod | None = None
    interval: Interval | None = None
    calendar: Calendar = Calendar.GREGORIAN
    unresolved: TimeValue | None = None
    direction: Direction = Direction.NEAREST
    rule: str = ""
    warnings: tuple[str, ...] = ()
    sentence: int = 0  # index of the sentence it stands in (for anchors and events)

    def __attrs_post_init__(self) -> None:
        if not 0 <= self.start < self.end:
            raise ValueError(f"Mention: bad span [{self.start}, {self.end})")
        if self.end - self.start != len(self.text):
            raise ValueError(
                f"Mention: span [{self.start}, {self.end}) does not fit text {self.text!r}"
            )

    @property
    def type(self) -> TimexType:
        return self.value.type

    @property
    def timex(self) -> str:
        return self.value.timex

    @property
    def grain(self) -> Grain | None:
        return self.value.grain

    def __repr__(self) -> str:
        mod = f" {self.mod.value}" if self.mod else ""
        span = f"[{self.start}:{self.end}]"
        return f"<Mention {self.text!r} {span} {self.type.value} {self.timex}{mod}>"
