"""The Vietnamese lunar calendar (âm lịch), computed for UTC+7 (spec §7).

The astronomy is Hồ Ngọc Đức's algorithm as packaged by ``lunar_vn``; this module
adds what that package leaves to the caller: it refuses lunar dates that do not
exist (the 30th of a 29-day month, a leap month in a year without one) instead of
rolling them over, it keeps to the range the package supports (Gregorian years
1900–2100), and it places a lunar date that lacks its year on the calendar from a
reference date. Nothing here knows Vietnamese words: those are in
``lang/vi/holidays.toml``.

The Vietnamese calendar is computed at UTC+7 (the meridian of Hà Nội), the Chinese one
at UTC+8; in some years a new moon falls between the two midnights and the months
start on different days:

>>> lunar_to_gregorian(1985, 1, 1)   # Tết Ất Sửu in Việt Nam (China: 20 February)
datetime.date(1985, 1, 21)
>>> lunar_to_gregorian(2025, 1, 1)
datetime.date(2025, 1, 29)
>>> gregorian_to_lunar(date(2024, 2, 10))
LunarDate(year=2024, month=1, day=1, leap=False)
>>> lunar_to_gregorian(2024, 1, 30) is None   # tháng Giêng Giáp Thìn has 29 days
True
>>> lunar_to_gregorian(2023, 2, 1, leap=True)  # tháng 2 nhuận Quý Mão
datetime.date(2023, 3, 22)
>>> lunar_to_gregorian(2024, 2, 1, leap=True) is None  # Giáp Thìn has no leap month
True
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import NamedTuple

import attrs

from timeline.model import (
    Day,
    DayPart,
    Direction,
    LunarDay,
    PartOfDay,
    Point,
    Range,
    TimeOfDay,
    TimeValue,
)

__all__ = [
    "GREGORIAN_YEARS",
    "LUNAR_YEARS",
    "TIME_ZONE",
    "LunarDate",
    "cycle_of_year",
    "gregorian_to_lunar",
    "leap_month",
    "lunar_day_near",
    "lunar_month_days",
    "lunar_month_length",
    "lunar_range_ends",
    "lunar_to_gregorian",
    "lunar_year_in",
    "resolve_lunar",
    "resolve_lunar_range",
    "year_of_cycle",
]

TIME_ZONE = 7.0  # hours east of UTC: the Vietnamese calendar (the Chinese one is 8.0)
GREGORIAN_YEARS = (1900, 2100)  # what lunar_vn supports, both ends included
LUNAR_YEARS = (1900, 2100)  # lunar years whose every day falls inside GREGORIAN_YEARS
# (lunar year 1899's last months and lunar 2100's last month fall inside or outside that
# range; their days are accepted or refused one by one).

_FIRST = date(GREGORIAN_YEARS[0], 1, 1)
_LAST = date(GREGORIAN_YEARS[1], 12, 31)


class LunarDate(NamedTuple):
    """A day of the Vietnamese lunar calendar: ``leap`` marks a day of a leap month."""

    year: int
    month: int
    day: int
    leap: bool = False


def gregorian_to_lunar(day: date) -> LunarDate:
    """The lunar date of a Gregorian day (1900-01-01 … 2100-12-31).

    Raises ValueError outside that range.
    """
    if not _FIRST <= day <= _LAST:
        raise ValueError(f"gregorian_to_lunar: {day} is outside {_FIRST} … {_LAST}")
    from lunar_vn import convert_solar_to_lunar  # imported on first use: import is cheap

    lunar = convert_solar_to_lunar(day.day, day.month, day.year, time_zone=TIME_ZONE)
    return LunarDate(lunar.year, lunar.month, lunar.day, bool(lunar.leap))


def _first_day(year: int, month: int, leap: bool) -> date | None:
    """The Gregorian day on which a lunar month starts, None where it does not exist."""
    if not 1 <= month <= 12 or not LUNAR_YEARS[0] - 1 <= year <= LUNAR_YEARS[1]:
        return None
    try:
        from lunar_vn import convert_lunar_to_solar  # imported on first use

        first = convert_lunar_to_solar(1, month, year, 1 if leap else 0, time_zone=TIME_ZONE)
    except ValueError:  # out of range, or a leap flag on a month that is not the leap one
        return None
    if not _FIRST <= first <= _LAST:
        return None
    # lunar_vn ignores the leap flag in a year without a leap month: check the way back.
    if gregorian_to_lunar(first) != LunarDate(year, month, 1, leap):
        return None
    return first


def lunar_month_length(year: int, month: int, leap: bool = False) -> int | None:
    """29 or 30, the days of a lunar month; None where the month does not exist."""
    first = _first_day(year, month, leap)
    if first is None:
        return None
    thirtieth = first + timedelta(days=29)
    if thirtieth > _LAST:
        return None
    return 30 if gregorian_to_lunar(thirtieth).day == 30 else 29


def lunar_month_days(year: int, month: int, leap: bool = False) -> tuple[date, date] | None:
    """The first and the last Gregorian day of a lunar month (both inclusive).

    >>> lunar_month_days(2024, 12)   # tháng Chạp Giáp Thìn
    (datetime.date(2024, 12, 31), datetime.date(2025, 1, 28))
    """
    first = _first_day(year, month, leap)
    length = lunar_month_length(year, month, leap)
    if first is None or length is None:
        return None
    return first, first + timedelta(days=length - 1)


def lunar_to_gregorian(year: int, month: int, day: int, leap: bool = False) -> date | None:
    """The Gregorian day of a lunar date, or None where that lunar date does not exist.
    A negative day counts from the month's end: -1 is its last day, the 29th or the 30th
    (the last day of tháng Chạp is the eve of Tết, ``Giao thừa``).

    >>> lunar_to_gregorian(2024, 12, -1), lunar_to_gregorian(2025, 12, -1)
    (datetime.date(2025, 1, 28), datetime.date(2026, 2, 16))
    """
    if -30 <= day <= -1:
        length = lunar_month_length(year, month, leap)
        if length is None:
            return None
        day = length + 1 + day
    if not 1 <= day <= 30:
        return None
    first = _first_day(year, month, leap)
    if first is None or first + timedelta(days=day - 1) > _LAST:
        return None
    if day == 30 and lunar_month_length(year, month, leap) != 30:
        return None  # every lunar month has a 29th day; only some have a 30th
    return first + timedelta(days=day - 1)


def leap_month(year: int) -> int | None:
    """The month of a lunar year that is doubled by a leap month, or None.

    >>> leap_month(2023), leap_month(2024), leap_month(2025)
    (2, None, 6)
    """
    for month in range(1, 13):
        if _first_day(year, month, True) is not None:
            return month
    return None


# --- the sexagenary cycle (can chi) of years -----------------------------------------------


def cycle_of_year(year: int) -> int:
    """The place 0..59 of a lunar year in the sexagenary cycle; 0 is Giáp Tý (1984).

    Its stem (can) is ``cycle % 10`` (0 Giáp … 9 Quý) and its branch (chi)
    ``cycle % 12`` (0 Tý … 11 Hợi).

    >>> cycle_of_year(1984), cycle_of_year(2024), cycle_of_year(2025)
    (0, 40, 41)
    """
    return (year - 4) % 60


def year_of_cycle(cycle: int, near: int) -> int:
    """The year of place ``cycle`` in the sexagenary cycle that is closest to ``near``
    (a year from ``near - 29`` to ``near + 30``).

    >>> year_of_cycle(40, 2024), year_of_cycle(41, 2024), year_of_cycle(40, 2060)
    (2024, 2025, 2084)
    """
    offset = (cycle - cycle_of_year(near)) % 60
    return near + offset if offset <= 30 else near + offset - 60


# --- placing a lunar value on the calendar (spec §5, §7) -----------------------------------


def _bare(value: LunarDay) -> LunarDay:
    """The lunar day without the part of the day or the clock time placed on it."""
    if value.part is None and value.hour is None:
        return value
    return attrs.evolve(value, part=None, hour=None, minute=None)


def _with_time(day: Day, value: LunarDay) -> Day | PartOfDay | TimeOfDay:
    """The Gregorian day with the lunar value's part of the day or clock time on it."""
    if value.hour is not None:
        return TimeOfDay(day, value.hour, value.minute)
    if value.part is not None:
        return PartOfDay(day, value.part)
    return day


def _span(value: LunarDay, year: int) -> tuple[date, date] | None:
    if value.day is not None:
        day = lunar_to_gregorian(year, value.month, value.day, value.leap)
        return None if day is None else (day, day)
    return lunar_month_days(year, value.month, value.leap)


def _convert(value: LunarDay, year: int) -> TimeValue | None:
    """A lunar day or month of a known lunar year as its Gregorian Day (with its time) or
    the Range of the Days of the month."""
    span = _span(value, year)
    if span is None:
        return None
    first, last = span
    if value.day is not None:
        return _with_time(Day(first.year, first.month, first.day), value)
    return Range(Day(first.year, first.month, first.day), Day(last.year, last.month, last.day))


def _distance(span: tuple[date, date], reference: date) -> int:
    first, last = span
    if first <= reference <= last:
        return 0
    return min(abs((first - reference).days), abs((last - reference).days))


def _candidate_years(value: LunarDay, around: int) -> list[int]:
    if value.cycle is not None:
        nearest = year_of_cycle(value.cycle, around)
        return [nearest - 60, nearest, nearest + 60]
    if value.leap:  # a leap month comes back every two or three years, in another month
        return list(range(around - 40, around + 41))
    return [around - 1, around, around + 1]


def _choose_year(value: LunarDay, direction: Direction, reference: date) -> int | None:
    around = gregorian_to_lunar(reference).year
    spans = [
        (year, span)
        for year in _candidate_years(value, around)
        if (span := _span(value, year)) is not None
    ]
    if direction is Direction.PAST:
        past = [(year, span) for year, span in spans if span[0] <= reference]
        return max(past, key=lambda item: item[1][0])[0] if past else None
    if direction is Direction.FUTURE:
        future = [(year, span) for year, span in spans if span[1] >= reference]
        return min(future, key=lambda item: item[1][0])[0] if future else None
    if not spans:
        return None
    return min(spans, key=lambda item: (_distance(item[1], reference), item[1][0]))[0]


def lunar_year_in(value: LunarDay, gregorian: int) -> int:
    """The lunar year of a value placed in a Gregorian year (the year of the story, of a
    date written beside it): the lunar year whose day falls in that Gregorian year, or whose
    month has the most days in it. Tháng Chạp of lunar year Y falls in December of Y and
    January or February of Y + 1; the other months of Y in Y.

    >>> lunar_year_in(LunarDay(None, 12, 18), 2025), lunar_year_in(LunarDay(None, 8, 15), 2025)
    (2024, 2025)
    >>> lunar_year_in(LunarDay(None, 1, 1, cycle=40), 2025)  # Giáp Thìn nearest 2025
    2024
    """
    if value.cycle is not None:
        return year_of_cycle(value.cycle, gregorian)
    first_of_year, last_of_year = date(gregorian, 1, 1), date(gregorian, 12, 31)
    best, most = gregorian, 0
    for year in (gregorian, gregorian - 1):
        span = _span(value, year)
        if span is None:
            continue
        days = (min(span[1], last_of_year) - max(span[0], first_of_year)).days + 1
        if days > most:
            best, most = year, days
    return best


def _bare_day(value: TimeValue) -> tuple[int, DayPart | None, int | None, int | None] | None:
    """A day written without its month or year (``mùng 8``, ``7h sáng mùng 8``, ``tối mùng
    7``): its number, and the part of the day or the clock time on it."""
    match value:
        case Day(year=None, month=None, day=int(day)):
            return day, None, None, None
        case PartOfDay(day=Day(year=None, month=None, day=int(day)), part=part):
            return day, part, None, None
        case TimeOfDay(day=Day(year=None, month=None, day=int(day)), hour=hour, minute=minute):
            return day, None, hour, minute
    return None


def _dated(value: TimeValue) -> Day | PartOfDay | TimeOfDay | None:
    """``value`` when it is a Gregorian day written with its month (``25/01``, ``8h ngày
    25/1``), else None."""
    if not isinstance(value, Day | PartOfDay | TimeOfDay):
        return None
    day = value.day if isinstance(value, PartOfDay | TimeOfDay) else value
    return value if day.month is not None and day.day is not None else None


def _order(day: int | None) -> int:
    """A lunar day's place in its month, for ordering: a whole month 0, the last day 30."""
    if day is None:
        return 0
    return 30 if day < 0 else day


def _shift_month(value: LunarDay, months: int, day: int, time: LunarDay) -> LunarDay:
    """Day ``day`` of the month ``months`` (-1, 0, 1) away from ``value``'s, with ``time``'s
    part of the day or clock time; across Tết the year (or can chi) changes too."""
    month, year, cycle, leap = value.month + months, value.year, value.cycle, value.leap
    if months:
        leap = False
    if month > 12 or month < 1:
        step = 1 if month > 12 else -1
        month = 1 if month > 12 else 12
        year = None if year is None else year + step
        cycle = None if cycle is None else (cycle + step) % 60
    return LunarDay(year, month, day, leap, cycle, time.part, time.hour, time.minute)


def lunar_day_near(day: int, near: LunarDay, time: LunarDay | None = None) -> LunarDay:
    """A day written without its month (``mùng 5``, ``ngày 13``) told beside a lunar date:
    day ``day`` of that date's month, or of the month before or after when that is nearer
    (``ngày 29`` after ``tháng Chạp`` is 29 Chạp; ``mùng 2`` after ``ngày 29`` of Chạp is
    2 Giêng). A whole month (``tháng Chạp``) holds the day.

    >>> lunar_day_near(4, LunarDay(2025, 5, 5))
    LunarDay(year=2025, month=5, day=4, leap=False, cycle=None, part=None, hour=None, minute=None)
    >>> lunar_day_near(2, LunarDay(None, 12, 29)).month
    1
    """
    time = time if time is not None else LunarDay(None, 1, None)
    if near.day is None:
        return _shift_month(near, 0, day, time)
    here = _order(near.day)
    months = min((0, -1, 1), key=lambda k: abs(k * 30 + day - here))
    return _shift_month(near, months, day, time)


def lunar_range_ends(first: TimeValue, second: TimeValue) -> tuple[Point, Point] | None:
    """The two ends of a range with a lunar end (``từ mùng 1 đến mùng 5 Tết``,
    ``từ 23 tháng Chạp đến mùng 7 tháng Giêng năm Ất Tỵ``, ``từ 28 Tết đến mùng 5``,
    ``từ 7h sáng mùng 8 đến hết ngày 15 tháng Giêng``, ``từ 25/01 đến hết mùng 4 Tết``).

    A bare day (``mùng 1``, ``tối mùng 7``) before a lunar end takes its month (the month
    before when its number is larger: ``từ 25 đến mùng 4 Tết``); a bare day after a lunar
    start is in the same month, or the next one when it is not after the start. A first
    end without a year takes the second's (the year before when the range crosses Tết).
    A Gregorian day written with its month stays Gregorian (``từ 25/01 đến hết mùng 4
    Tết``): each end is placed in its own calendar. None when the two do not make a range.

    >>> lunar_range_ends(Day(None, None, 1), LunarDay(2025, 1, 5))[0]
    LunarDay(year=2025, month=1, day=1, leap=False, cycle=None, part=None, hour=None, minute=None)
    >>> lunar_range_ends(LunarDay(None, 12, 23), LunarDay(None, 1, 7, cycle=41))[0].cycle
    40
    >>> lunar_range_ends(LunarDay(2024, 12, 28), Day(None, None, 5))[1].month
    1
    >>> lunar_range_ends(Day(None, 1, 25), LunarDay(None, 1, 4))[0]
    Day(year=None, month=1, day=25)
    """
    if isinstance(first, LunarDay) and not isinstance(second, LunarDay):  # từ 28 Tết đến mùng 5
        bare = _bare_day(second)
        if bare is None:
            dated = _dated(second)
            return (first, dated) if dated is not None and first.day is not None else None
        if first.day is None:
            return None
        day, part, hour, minute = bare
        time = LunarDay(None, 1, None, part=part, hour=hour, minute=minute)
        months = 0 if day > _order(first.day) else 1
        return first, _shift_month(first, months, day, time)
    if not isinstance(second, LunarDay):
        return None
    if not isinstance(first, LunarDay):
        bare = _bare_day(first)
        if bare is None:
            dated = _dated(first)
            return (dated, second) if dated is not None and second.day is not None else None
        if second.day is None:
            return None
        day, part, hour, minute = bare
        if day == _order(second.day):
            return None
        time = LunarDay(None, 1, None, part=part, hour=hour, minute=minute)
        first = _shift_month(second, 0 if day < _order(second.day) else -1, day, time)
    if (first.day is None) != (second.day is None):
        return None
    if first.year is None and first.cycle is None:
        crosses = (first.month, _order(first.day)) > (second.month, _order(second.day))
        year = second.year - 1 if crosses and second.year is not None else second.year
        cycle = second.cycle
        if crosses and cycle is not None:
            cycle = (cycle - 1) % 60
        first = attrs.evolve(first, year=year, cycle=cycle)
    return first, second


def _days(value: TimeValue) -> tuple[Day, Day] | None:
    """The first and the last Gregorian day of a converted value."""
    match value:
        case Day():
            return value, value
        case PartOfDay(day=day) | TimeOfDay(day=day):
            return day, day
        case Range(start=Day() as first, end=Day() as last):
            return first, last
    return None


def _date(day: Day) -> date:
    assert day.year is not None and day.month is not None and day.day is not None
    return date(day.year, day.month, day.day)


def resolve_lunar_range(
    start: LunarDay,
    end: LunarDay,
    direction: Direction,
    reference: date | None,
    local_year: int | None = None,
    any_year: int | None = None,
) -> TimeValue:
    """A range of two lunar values as the Range of the first and last Gregorian days (or
    moments: ``7h sáng mùng 8`` keeps its clock time).

    The end is placed like a single value (:func:`resolve_lunar`); a start without a year
    lies in the end's lunar year, or the year before when the range crosses Tết; a start
    named by its can chi, in the year of that name nearest the end's.

    >>> resolve_lunar_range(LunarDay(None, 12, 23), LunarDay(None, 1, 7), Direction.NEAREST,
    ...                     date(2024, 10, 20)).timex
    '2025-01-22/2025-02-04'
    >>> resolve_lunar_range(LunarDay(None, 1, None, cycle=41), LunarDay(None, 12, None,
    ...                     cycle=41), Direction.NEAREST, date(2025, 3, 25)).timex
    '2025-01-29/2026-02-16'
    """
    unresolved = Range(start, end)
    end_value = resolve_lunar(end, direction, reference, local_year, any_year)
    end_days = _days(end_value)
    if end_days is None:
        return unresolved
    end_year = gregorian_to_lunar(_date(end_days[0])).year
    if start.year is None:
        if start.cycle is not None:
            year = year_of_cycle(start.cycle, end_year)
        else:
            crosses = (start.month, _order(start.day)) > (end.month, _order(end.day))
            year = end_year - crosses
        start = attrs.evolve(start, year=year, cycle=None)
    start_value = resolve_lunar(start, Direction.NEAREST, None)
    start_days = _days(start_value)
    if start_days is None or _date(start_days[0]) > _date(end_days[1]):
        return unresolved
    first = start_days[0] if isinstance(start_value, Range) else start_value
    last = end_days[1] if isinstance(end_value, Range) else end_value
    return Range(first, last)  # type: ignore[arg-type]


def resolve_lunar(
    value: LunarDay,
    direction: Direction,
    reference: date | None,
    local_year: int | None = None,
    any_year: int | None = None,
) -> TimeValue:
    """The Gregorian value of a lunar day (a Day, or the PartOfDay or TimeOfDay on it) or
    of a whole lunar month (a Range of its first and last Days), or ``value`` itself when
    it cannot be placed.

    A missing lunar year is, in this order: the year stated in the sentence or the one
    before (``local_year``, a Gregorian year: the lunar date that falls in it, see
    :func:`lunar_year_in`) when no tense word points elsewhere; else the occurrence nearest
    the reference (the previous one for past tense, the next one for future tense),
    counting a month as near when the reference falls inside it; else, without a
    reference, the latest year stated in the document (``any_year``). A can-chi year
    (``Tết Giáp Thìn``) is the year of that name closest to the reference or anchor year.

    >>> resolve_lunar(LunarDay(None, 8, 15), Direction.NEAREST, date(2024, 10, 20)).timex
    '2024-09-17'
    >>> resolve_lunar(LunarDay(None, 8, 15), Direction.FUTURE, date(2024, 10, 20)).timex
    '2025-10-06'
    >>> resolve_lunar(LunarDay(None, 12, None), Direction.NEAREST, date(2024, 10, 20)).timex
    '2024-12-31/2025-01-28'
    >>> resolve_lunar(LunarDay(None, 12, 26), Direction.NEAREST, None, local_year=2025).timex
    '2025-01-25'
    >>> resolve_lunar(LunarDay(None, 12, -1, part=DayPart.NIGHT), Direction.NEAREST,
    ...               date(2024, 12, 30)).timex
    '2025-01-28TNI'
    """
    if value.year is not None:
        converted = _convert(value, value.year)
        return value if converted is None else converted
    anchor = local_year if direction is Direction.NEAREST else None
    if anchor is None and reference is None:
        anchor = local_year if local_year is not None else any_year
    if anchor is not None:
        converted = _convert(value, lunar_year_in(value, anchor))
        if converted is not None:
            return converted
    if reference is not None and _FIRST <= reference <= _LAST:
        chosen = _choose_year(value, direction, reference)
        converted = None if chosen is None else _convert(value, chosen)
        if converted is not None:
            return converted
    return value
