"""Calendar arithmetic: the one module that imports pendulum (on demand, for the ISO
strings the standard library does not read).

Concrete intervals of values (spec §6), time zones, shifts by a grain, ISO weeks,
and the validity of calendar dates.

>>> from timeline.model import Month
>>> str(interval_of(Month(2024, 10), zone("Asia/Ho_Chi_Minh")))
'[2024-10-01T00:00:00+07:00, 2024-11-01T00:00:00+07:00)'
"""

from __future__ import annotations

import functools
import re
import zoneinfo
from datetime import date, datetime, timedelta, timezone, tzinfo

from timeline.errors import InvalidReferenceError, InvalidTimezoneError
from timeline.model import (
    Century,
    Day,
    Decade,
    Half,
    Interval,
    Month,
    PartOfDay,
    Point,
    Quarter,
    Range,
    Ref,
    RefKind,
    Season,
    SeasonName,
    TimeOfDay,
    TimeValue,
    Week,
    Year,
)

__all__ = [
    "DEFAULT_TZ",
    "add_days",
    "add_months",
    "days_in_month",
    "interval_of",
    "is_valid_day",
    "iso_week",
    "to_reference",
    "week_monday",
    "zone",
]

DEFAULT_TZ = "Asia/Ho_Chi_Minh"

_OFFSET = re.compile(r"^(?:UTC|GMT)?([+-])(\d{1,2})(?::?(\d{2}))?$")

# Part-of-day hours, [start, end) in hours of the day (spec §3a).
_PART_HOURS = {
    "MO": (6, 12),
    "MI": (11, 14),
    "AF": (12, 18),
    "EV": (18, 22),
    "NI": (22, 30),
    "DT": (6, 18),
}


def zone(tz: object) -> tzinfo:
    """An IANA name (``Asia/Ho_Chi_Minh``) or a fixed offset (``+07:00``) as a tzinfo."""
    if isinstance(tz, tzinfo):
        return tz
    if not isinstance(tz, str) or not tz.strip():
        raise InvalidTimezoneError(tz)
    text = tz.strip()
    offset = _OFFSET.match(text)
    if offset:
        sign, hours, minutes = offset.groups()
        total = int(hours) * 3600 + int(minutes or 0) * 60
        if total > 14 * 3600:
            raise InvalidTimezoneError(tz)
        return timezone(timedelta(seconds=-total if sign == "-" else total))
    return _iana_zone(text)


@functools.lru_cache(maxsize=64)
def _iana_zone(name: str) -> tzinfo:
    # The standard library's zoneinfo reads the same IANA data as pendulum (tzdata) and
    # costs nothing to import; zones are cached, and immutable.
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as error:
        raise InvalidTimezoneError(name) from error


def to_reference(reference: object, argument: str = "reference") -> date | None:
    """The reference *day*: from a date, a datetime, a pendulum value or an ISO string."""
    if reference is None:
        return None
    if isinstance(reference, datetime):
        return reference.date()
    if isinstance(reference, date):
        return reference
    if isinstance(reference, str):
        text = reference.strip()
        try:  # the common forms (2024-10-20, 2024-10-20T08:00+07:00) need no parser
            return (
                date.fromisoformat(text) if len(text) == 10 else datetime.fromisoformat(text).date()
            )
        except ValueError:
            pass
        import pendulum  # the rest of ISO 8601 (week dates, ordinal dates): on demand

        try:
            parsed = pendulum.parse(text, exact=True)
        except Exception as error:
            raise InvalidReferenceError(reference, argument) from error
        if isinstance(parsed, datetime):
            return parsed.date()
        if isinstance(parsed, date):
            return parsed
    raise InvalidReferenceError(reference, argument)


def days_in_month(year: int, month: int) -> int:
    if month == 12:
        return 31
    return (date(year, month + 1, 1) - date(year, month, 1)).days


def is_valid_day(year: int | None, month: int | None, day: int | None) -> bool:
    """Whether a (possibly partial) date can exist: 29/2 needs a leap year only if known."""
    if month is not None and not 1 <= month <= 12:
        return False
    if day is None:
        return year is None or 1 <= year <= 9999
    if not 1 <= day <= 31:
        return False
    if month is None:
        return True
    if year is None:
        return day <= (29 if month == 2 else days_in_month(2024, month))
    return 1 <= year <= 9999 and day <= days_in_month(year, month)


def add_days(day: date, days: int) -> date:
    return day + timedelta(days=days)


def add_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def iso_week(day: date) -> tuple[int, int]:
    year, week, _ = day.isocalendar()
    return year, week


def week_monday(year: int, week: int) -> date:
    return date.fromisocalendar(year, week, 1)


def _at(day: date, tz: tzinfo, hour: int = 0, minute: int = 0) -> datetime:
    # Wall-clock arithmetic: right for zones without daylight saving (Việt Nam has none).
    if hour < 24:
        return datetime(day.year, day.month, day.day, hour, minute, tzinfo=tz)
    return datetime(day.year, day.month, day.day, tzinfo=tz) + timedelta(hours=hour, minutes=minute)


def _span(first: date, after_last: date, tz: tzinfo) -> Interval:
    return Interval(_at(first, tz), _at(after_last, tz))


def _year_span(first_year: int, years: int, tz: tzinfo) -> Interval | None:
    if not 1 <= first_year <= 9999 or first_year + years > 9999:
        return None
    return _span(date(first_year, 1, 1), date(first_year + years, 1, 1), tz)


def _month_span(year: int, month: int, months: int, tz: tzinfo) -> Interval | None:
    end_year, end_month = add_months(year, month, months)
    if not 1 <= year <= 9999 or not 1 <= end_year <= 9999:
        return None
    return _span(date(year, month, 1), date(end_year, end_month, 1), tz)


def interval_of(value: TimeValue, tz: tzinfo, reference: date | None = None) -> Interval | None:
    """The concrete half-open interval of a value, or None where it has none (spec §6).

    A ``PRESENT_REF`` end of a range is the reference day, when there is one.
    """
    if isinstance(value, Range):
        start = _point_interval(value.start, tz, reference)
        end = _point_interval(value.end, tz, reference)
        if start is None or end is None or not start.start < end.end:
            return None
        return Interval(start.start, end.end)
    if not value.is_complete:
        return None
    return _point_interval(value, tz, reference)


def _point_interval(
    value: Point | TimeValue, tz: tzinfo, reference: date | None
) -> Interval | None:
    match value:
        case Ref(kind=RefKind.PRESENT) if reference is not None:
            return _span(reference, reference + timedelta(days=1), tz)
        case _ if not value.is_complete:
            return None
        case Day(year=int(y), month=int(m), day=int(d)):
            if not is_valid_day(y, m, d):
                return None
            first = date(y, m, d)
            return _span(first, first + timedelta(days=1), tz)
        case Month(year=int(y), month=int(m)):
            return _month_span(y, m, 1, tz)
        case Year(year=int(y)):
            return _year_span(y, 1, tz)
        case Decade(decade=int(d)):
            return _year_span(d * 10, 10, tz)
        case Century(century=int(c)):
            return _year_span(c * 100, 100, tz)
        case Quarter(year=int(y), quarter=q):
            return _month_span(y, 3 * (q - 1) + 1, 3, tz)
        case Half(year=int(y), half=h):
            return _month_span(y, 6 * (h - 1) + 1, 6, tz)
        case Season(year=int(y), season=s):
            # Meteorological seasons; winter is December of that year to February next.
            first_month = {
                SeasonName.SPRING: 3,
                SeasonName.SUMMER: 6,
                SeasonName.FALL: 9,
                SeasonName.WINTER: 12,
            }[s]
            return _month_span(y, first_month, 3, tz)
        case Week(year=int(y), week=int(w), weekend=weekend):
            try:
                monday = week_monday(y, w)
            except ValueError:
                return None
            if weekend:
                return _span(monday + timedelta(days=5), monday + timedelta(days=7), tz)
            return _span(monday, monday + timedelta(days=7), tz)
        case PartOfDay(day=Day(year=int(y), month=int(m), day=int(d)), part=part):
            if not is_valid_day(y, m, d):
                return None
            start_hour, end_hour = _PART_HOURS[part.value]
            first = date(y, m, d)
            return Interval(_at(first, tz, start_hour), _at(first, tz, end_hour))
        case TimeOfDay(day=Day(year=int(y), month=int(m), day=int(d)), hour=h, minute=minute):
            if not is_valid_day(y, m, d):
                return None
            start = _at(date(y, m, d), tz, h, minute or 0)
            step = timedelta(hours=1) if minute is None else timedelta(minutes=1)
            return Interval(start, start + step)
    return None
