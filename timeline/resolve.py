"""Candidates + anchors → Mentions: fill what the text left out (spec §5).

A missing year or month is taken, in this order, from

1. the expression itself (the other end of a range, already filled by composition);
2. the *local narrative anchor*: a fully specified year stated in the same sentence or
   the one before, when no tense word points elsewhere (``Năm 2019, … ngày 5-3 …``);
3. the reference date (publication date), in the direction the tense words give
   (``tới`` forward, ``vừa qua`` back), else the nearest candidate;
4. with no reference, the latest anchor anywhere earlier in the document;

and stays ``X`` otherwise. Relative expressions count from the reference date;
anaphora (``thời điểm đó``, ``cùng kỳ năm 2022``) from the period just discussed.
The decisions are written down in ``docs/resolution.md``. Never reads the clock.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from datetime import date, timedelta, tzinfo

import attrs

from timeline.calendar import (
    DEFAULT_TZ,
    add_months,
    interval_of,
    is_valid_day,
    iso_week,
    to_reference,
    zone,
)
from timeline.grammar import Candidate, Reading
from timeline.lunar import resolve_lunar, resolve_lunar_range
from timeline.model import (
    Anaphor,
    AnaphorKind,
    Day,
    Direction,
    Grain,
    Half,
    LunarDay,
    Mention,
    Month,
    PartOfDay,
    Quarter,
    Range,
    Relative,
    Season,
    TimeOfDay,
    TimeValue,
    Week,
    Year,
)
from timeline.rules.weekdays import weekday_warnings
from timeline.text import NormalizedText

__all__ = ["Anchors", "resolve_again", "resolve_candidates", "resolve_value"]


@attrs.frozen(slots=True)
class Anchors:
    """What a value is resolved against at one point of a document."""

    reference: date | None
    local_year: int | None = None  # a year stated in this sentence or the one before
    any_year: int | None = None  # the latest year stated anywhere before
    last: TimeValue | None = None  # the period just discussed, for anaphora
    local_day: Day | None = None  # a full date stated in this sentence or the one before


def _month_distance(year: int, month: int, reference: date) -> int:
    return abs((year * 12 + month) - (reference.year * 12 + reference.month))


def _year_for(month: int, day: int | None, direction: Direction, anchors: Anchors) -> int | None:
    ref = anchors.reference
    if direction is Direction.NEAREST and anchors.local_year is not None:
        return anchors.local_year
    if ref is None:
        return anchors.local_year if anchors.local_year is not None else anchors.any_year
    if day is None:
        if direction is Direction.PAST:
            return ref.year if month <= ref.month else ref.year - 1
        if direction is Direction.FUTURE:
            return ref.year if month >= ref.month else ref.year + 1
        years = (ref.year, ref.year - 1, ref.year + 1)
        return min(years, key=lambda y: _month_distance(y, month, ref))
    candidates = [y for y in (ref.year - 1, ref.year, ref.year + 1) if is_valid_day(y, month, day)]
    if not candidates:
        return None
    if direction is Direction.PAST:
        past = [y for y in candidates if date(y, month, day) <= ref]
        return max(past) if past else None
    if direction is Direction.FUTURE:
        future = [y for y in candidates if date(y, month, day) >= ref]
        return min(future) if future else None
    return min(candidates, key=lambda y: abs((date(y, month, day) - ref).days))


def _year_of_period(direction: Direction, anchors: Anchors) -> int | None:
    if anchors.local_year is not None and direction is Direction.NEAREST:
        return anchors.local_year
    if anchors.reference is not None:
        return anchors.reference.year
    return anchors.any_year


def _resolve_day(value: Day, direction: Direction, anchors: Anchors) -> Day:
    year, month, day = value.year, value.month, value.day
    if year is None and month is None and day is None:
        # a clock time or a part of the day with no date (Gần 8 giờ tối): the day the
        # story is on (a date in this sentence or the one before), else the reference day
        if anchors.local_day is not None:
            return anchors.local_day
        ref = anchors.reference
        return value if ref is None else Day(ref.year, ref.month, ref.day)
    if month is None and day is not None:
        ref = anchors.reference
        if ref is None:
            return value
        month, year = ref.month, ref.year if year is None else year
        if direction is Direction.FUTURE and day < ref.day:
            year, month = add_months(year, month, 1)
        elif direction is Direction.PAST and day > ref.day:
            year, month = add_months(year, month, -1)
    if year is None and month is not None:
        year = _year_for(month, day, direction, anchors)
    return Day(year, month, day)


def _relative(value: Relative, reference: date | None) -> TimeValue:
    if reference is None:
        return value
    offset = value.offset
    match value.grain:
        case Grain.DAY:
            day = reference + timedelta(days=offset)
            result: TimeValue = Day(day.year, day.month, day.day)
        case Grain.WEEK:
            monday = reference - timedelta(days=reference.weekday()) + timedelta(weeks=offset)
            if value.weekday is not None:
                day = monday + timedelta(days=value.weekday - 1)
                result = Day(day.year, day.month, day.day)
            else:
                year, week = iso_week(monday)
                result = Week(year, week, weekend=value.weekend)
        case Grain.MONTH:
            year, month = add_months(reference.year, reference.month, offset)
            result = Month(year, month)
        case Grain.QUARTER:
            index = reference.year * 4 + (reference.month - 1) // 3 + offset
            result = Quarter(index // 4, index % 4 + 1)
        case Grain.YEAR:
            result = Year(reference.year + offset)
        case _:
            return value
    if value.hour is not None and isinstance(result, Day):
        return TimeOfDay(result, value.hour, value.minute)
    if value.part is not None and isinstance(result, Day):
        return PartOfDay(result, value.part)
    return result


def _weekday_offset(reference: date, weekday: int, direction: Direction) -> int:
    """Days from the reference to a weekday named without a date (docs/times.md): the
    nearest one (-3..+3), the next one strictly after (+1..+7, ``thứ Năm tới``) or the
    last one strictly before (-7..-1, ``thứ Năm vừa qua``)."""
    ahead = (weekday - reference.isoweekday()) % 7  # 0..6
    if direction is Direction.FUTURE:
        return ahead or 7
    if direction is Direction.PAST:
        return ahead - 7
    return ahead if ahead <= 3 else ahead - 7


def _place_within(
    value: Relative, within: TimeValue, direction: Direction, anchors: Anchors
) -> TimeValue:
    """A point inside a relative period: the period from the reference, then the point."""
    period = _relative(attrs.evolve(value, within=None), anchors.reference)
    match period, within:
        case Year(year=int(y)), Month(month=m):
            placed: TimeValue = Month(y, m)
        case Year(year=int(y)), Quarter(quarter=q):
            placed = Quarter(y, q)
        case Year(year=int(y)), Half(half=h):
            placed = Half(y, h)
        case Year(year=int(y)), Season(season=season):
            placed = Season(y, season)
        case Year(year=int(y)), Day(month=m, day=d):
            placed = Day(y, m, d)
        case Year(year=int(y)), PartOfDay(day=day, part=part):
            placed = PartOfDay(Day(y, day.month, day.day), part)
        case Year(year=int(y)), TimeOfDay(day=day, hour=hour, minute=minute):
            placed = TimeOfDay(Day(y, day.month, day.day), hour, minute)
        case Year(year=int(y)), LunarDay():
            placed = attrs.evolve(within, year=y)
        case Month(year=int(y), month=int(m)), Day(day=d):
            placed = Day(y, m, d)
        case _:
            return value  # no reference: the X form of the point
    return resolve_value(placed, direction, anchors)


def _story_day(last: TimeValue | None) -> date | None:
    """The first day of the period the story was just telling, for N năm sau (later)."""
    match last:
        case Range(start=start):
            return _story_day(start)
        case Day(year=int(y), month=int(m), day=int(d)) if is_valid_day(y, m, d):
            return date(y, m, d)
        case TimeOfDay(day=day) | PartOfDay(day=day):
            return _story_day(day)
        case Month(year=int(y), month=int(m)):
            return date(y, m, 1)
        case Year(year=int(y)):
            return date(y, 1, 1)
    return None


def _shift_year(value: TimeValue, year: int) -> TimeValue | None:
    """The same period moved to another year (``cùng kỳ năm 2022``)."""
    match value:
        case Range(start=start, end=end):
            first, last = _shift_year(start, year), _shift_year(end, year)
            if first is None or last is None:
                return None
            return Range(first, last)  # type: ignore[arg-type]
        case Day(month=int(m), day=int(d)):
            return Day(year, m, d) if is_valid_day(year, m, d) else None
        case Month(month=m):
            return Month(year, m)
        case Quarter(quarter=q):
            return Quarter(year, q)
        case Half(half=h):
            return Half(year, h)
        case Season(season=s):
            return Season(year, s)
        case Year():
            return Year(year)
    return None


def _year_of(value: TimeValue) -> int | None:
    match value:
        case Range(start=start):
            return _year_of(start)
        case Day(year=y) | Month(year=y) | Year(year=y) | Quarter(year=y) | Half(year=y):
            return y
        case Season(year=y) | Week(year=y):
            return y
        case PartOfDay(day=d) | TimeOfDay(day=d):
            return d.year
    return None


def _anaphor(value: Anaphor, anchors: Anchors) -> TimeValue:
    """The anaphor's day or period, with its part of day or clock time when it has one."""
    resolved = _anaphor_period(value, anchors)
    if resolved is value or not isinstance(resolved, Day):
        return resolved
    if value.hour is not None:
        return TimeOfDay(resolved, value.hour, value.minute)
    if value.part is not None:
        return PartOfDay(resolved, value.part)
    return resolved


def _anaphor_period(value: Anaphor, anchors: Anchors) -> TimeValue:
    last = anchors.last
    if last is None:
        return value
    if value.kind is AnaphorKind.SAME_PERIOD:
        year = value.year
        if year is None:
            last_year = _year_of(last)
            year = None if last_year is None else last_year - 1
        shifted = None if year is None else _shift_year(last, year)
        return shifted if shifted is not None else value
    last_day = last.day if isinstance(last, TimeOfDay | PartOfDay) else last
    if value.kind in (AnaphorKind.NEXT, AnaphorKind.PREVIOUS) and isinstance(last_day, Day):
        if last_day.year is None or last_day.month is None or last_day.day is None:
            return value
        step = 1 if value.kind is AnaphorKind.NEXT else -1
        day = date(last_day.year, last_day.month, last_day.day) + timedelta(days=step)
        return Day(day.year, day.month, day.day)
    if value.kind is AnaphorKind.SAME:
        if value.grain is Grain.DAY and isinstance(last, TimeOfDay | PartOfDay):
            return last.day
        if value.grain is Grain.DAY and not isinstance(last, Day):
            return value
        return last
    return value


def resolve_value(value: TimeValue, direction: Direction, anchors: Anchors) -> TimeValue:
    """The value with what the anchors can fill filled in; unknown parts stay None."""
    match value:
        case Day():
            return _resolve_day(value, direction, anchors)
        case Month(year=None, month=int(m)):
            return Month(_year_for(m, None, direction, anchors), m)
        case Quarter(year=None, quarter=q):
            return Quarter(_year_of_period(direction, anchors), q)
        case Half(year=None, half=h):
            return Half(_year_of_period(direction, anchors), h)
        case Season(year=None, season=s):
            return Season(_year_of_period(direction, anchors), s)
        case PartOfDay(day=day, part=part):
            return PartOfDay(_resolve_day(day, direction, anchors), part)
        case TimeOfDay(day=day, hour=hour, minute=minute):
            return TimeOfDay(_resolve_day(day, direction, anchors), hour, minute)
        case Relative(grain_=Grain.DAY, weekday=int(weekday)) if anchors.reference is not None:
            days = _weekday_offset(anchors.reference, weekday, direction)
            moved = attrs.evolve(value, offset=value.offset + days, weekday=None)
            return _relative(moved, anchors.reference)
        case Relative(within=within) if within is not None:
            return _place_within(value, within, direction, anchors)
        case Relative(anchored=True):
            return _relative(attrs.evolve(value, anchored=False), _story_day(anchors.last))
        case Relative():
            return _relative(value, anchors.reference)
        case Anaphor():
            return _anaphor(value, anchors)
        case LunarDay():
            return resolve_lunar(
                value, direction, anchors.reference, anchors.local_year, anchors.any_year
            )
        case Range(start=LunarDay() as first, end=LunarDay() as last):
            return resolve_lunar_range(
                first, last, direction, anchors.reference, anchors.local_year, anchors.any_year
            )
        case Range(
            start=Relative(weekday=int(first)) as start, end=Relative(weekday=int(last)) as end
        ):
            # từ thứ Hai đến thứ Sáu: the end is the first such weekday from the start on
            week = end if isinstance(end, Relative) and end.grain is Grain.WEEK else start
            resolved_start = resolve_value(
                attrs.evolve(week, weekday=first), direction, anchors
            )
            if not isinstance(resolved_start, Day) or not resolved_start.is_complete:
                return value
            assert resolved_start.year and resolved_start.month and resolved_start.day
            begin = date(resolved_start.year, resolved_start.month, resolved_start.day)
            finish = begin + timedelta(days=(last - first) % 7)
            return Range(resolved_start, Day(finish.year, finish.month, finish.day))
        case Range(start=start, end=end):
            resolved_end = resolve_value(end, direction, anchors)
            end_year = _year_of(resolved_end)
            start_anchors = anchors
            if end_year is not None:
                start_anchors = attrs.evolve(anchors, local_year=end_year)
            resolved_start = resolve_value(start, Direction.NEAREST, start_anchors)
            start_day, end_day = _story_day(resolved_start), _story_day(resolved_end)
            if end_year is not None and start_day and end_day and start_day > end_day:
                # từ 20/12 đến 15/1, từ 20/12 đến Tết: the start is in the year before
                earlier = attrs.evolve(anchors, local_year=end_year - 1)
                resolved_start = resolve_value(start, Direction.NEAREST, earlier)
            return Range(resolved_start, resolved_end)  # type: ignore[arg-type]
    return value


def _states_a_year(unresolved: TimeValue, rule: str) -> bool:
    """Whether the text itself gave the year (năm 2023, năm ngoái), so that the year can
    anchor the dates after it. A bare four-digit number is too weak (Bộ luật 2019)."""
    if rule == "bare_year":
        return False
    if isinstance(unresolved, Relative):
        return unresolved.grain is Grain.YEAR and unresolved.within is None
    if isinstance(unresolved, Anaphor):
        return False
    return _year_of(unresolved) is not None


def _anchor_year(value: TimeValue) -> int | None:
    """The year a value leaves the story in: the end of a range (30/4/1975 - 30/4/2025)."""
    return _year_of(value.end) if isinstance(value, Range) else _year_of(value)


def _agree_with_weekday(
    value: TimeValue, unresolved: TimeValue, weekday: int, reference: date | None
) -> TimeValue:
    """A date written with its weekday but not its year (thứ Sáu 20/12): of the years next
    to the one chosen, the one whose calendar agrees with the weekday, as long as that date
    still lies within half a year of the reference (else the date wins, with a warning)."""
    day = value.day if isinstance(value, TimeOfDay | PartOfDay) else value
    written = unresolved.day if isinstance(unresolved, TimeOfDay | PartOfDay) else unresolved
    if not (isinstance(day, Day) and isinstance(written, Day) and written.year is None):
        return value
    if day.year is None or day.month is None or day.day is None:
        return value
    for year in (day.year, day.year - 1, day.year + 1):
        if is_valid_day(year, day.month, day.day) and (
            date(year, day.month, day.day).isoweekday() == weekday
        ):
            if (
                reference is not None
                and abs((date(year, day.month, day.day) - reference).days) > 183
            ):
                continue
            if year == day.year:
                return value
            moved = Day(year, day.month, day.day)
            if isinstance(value, TimeOfDay | PartOfDay):
                return attrs.evolve(value, day=moved)
            return moved
    return value


def _pins_anchor(value: TimeValue) -> bool:
    return (
        isinstance(
            value, Day | Month | Year | Quarter | Half | Season | Range | TimeOfDay | PartOfDay
        )
        and value.is_complete
    )


@attrs.frozen(slots=True)
class _Item:
    """What resolution needs of a candidate or of an earlier mention."""

    start: int
    end: int
    text: str
    reading: Reading
    sentence: int
    rule: str


def _resolve_items(items: Sequence[_Item], reference: date | None, tz: tzinfo) -> list[Mention]:
    mentions: list[Mention] = []
    years: list[tuple[int, int]] = []  # (sentence index, year) of each fully specified value
    last: TimeValue | None = None
    days: tuple[int, Day] | None = None  # the sentence and value of the last full date
    for item in items:
        sentence = item.sentence
        # items come in text order, so the last year is the latest: checking it alone keeps
        # this linear (scanning all years back was quadratic in long documents)
        local = years[-1][1] if years and years[-1][0] >= sentence - 1 else None
        # a clock time with no date is on the day the story was last on (a schedule's
        # heading, the date of the report), however far back in the document
        story_day = days[1] if days is not None else None
        anchors = Anchors(reference, local, years[-1][1] if years else None, last, story_day)
        reading = item.reading
        value = resolve_value(reading.value, reading.direction, anchors)
        if reading.weekday is not None:
            value = _agree_with_weekday(value, reading.value, reading.weekday, reference)
        day_of_value = value.day if isinstance(value, TimeOfDay | PartOfDay) else value
        if isinstance(day_of_value, Day) and day_of_value.is_complete:
            days = (sentence, day_of_value)
        if _pins_anchor(value) and _states_a_year(reading.value, item.rule):
            year = _anchor_year(value)
            if year is not None:
                years.append((sentence, year))
        if _pins_anchor(value) and not (
            isinstance(reading.value, Anaphor) and reading.value.kind is AnaphorKind.SAME_PERIOD
        ):
            last = value
        mentions.append(
            Mention(
                text=item.text,
                start=item.start,
                end=item.end,
                value=value,
                mod=reading.mod,
                interval=interval_of(value, tz, reference),
                calendar=reading.calendar,
                unresolved=reading.value,
                direction=reading.direction,
                rule=item.rule,
                warnings=reading.warnings + weekday_warnings(reading.weekday, value),
                sentence=sentence,
            )
        )
    return mentions


def resolve_candidates(
    norm: NormalizedText,
    found: Sequence[Candidate],
    sentence_starts: Sequence[int],
    reference: date | None,
    tz: tzinfo,
) -> list[Mention]:
    """Resolve the candidates of one document in text order and make them Mentions."""
    items = []
    for candidate in found:
        start, end = norm.span(candidate.start, candidate.end)
        sentence = bisect.bisect_right(sentence_starts, candidate.start) - 1
        items.append(
            _Item(start, end, norm.original[start:end], candidate.reading, sentence, candidate.rule)
        )
    return _resolve_items(items, reference, tz)


def resolve_again(
    mentions: Sequence[Mention], reference: object = None, *, tz: str = DEFAULT_TZ
) -> list[Mention]:
    """The mentions of one document resolved against another reference, from what the
    text said (``Mention.unresolved``), without reading the text again.

    >>> from timeline import extract
    >>> first = extract("ngày 17-10 đoàn tới Kanagawa", reference="2024-10-20")
    >>> [m.timex for m in resolve_again(first, "2023-10-01")]
    ['2023-10-17']
    """
    items = [
        _Item(
            m.start,
            m.end,
            m.text,
            Reading(
                m.unresolved if m.unresolved is not None else m.value,
                mod=m.mod,
                direction=m.direction,
                calendar=m.calendar,
                warnings=m.warnings,
            ),
            m.sentence,
            m.rule,
        )
        for m in sorted(mentions, key=lambda m: m.start)
    ]
    return _resolve_items(items, to_reference(reference), zone(tz))
