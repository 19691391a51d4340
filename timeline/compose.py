"""Composition: readings that stand next to each other and the words around them.

- ranges: ``từ A đến B``, ``A - B``, ``A đến B`` join two readings into one range; the
  first end takes the parts it lacks from the second (``ngày 15 đến 18-10``);
- lists of consecutive days: ``ngày 16 và 17-11`` is one range;
- prefix modifiers (``đầu``, ``giữa``, ``cuối``, ``khoảng``, ``hơn``, ``trước``, ``sau``,
  ``từ``, ``đến``; data in ``lang/vi/modifiers.toml``) extend the span and set ``mod``;
- tense words after (``tới``, ``vừa qua``; ``lang/vi/tense.toml``) or verbs before
  (``sẽ``, ``đã``) set the direction in which a missing part is filled.

Each step is a pure function from candidates to candidates.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

import attrs

from timeline.calendar import is_valid_day
from timeline.grammar import Candidate, Example, Reading
from timeline.lexicon import Lexicon, alternation
from timeline.lunar import lunar_range_ends
from timeline.model import (
    Anaphor,
    Calendar,
    Century,
    Day,
    Decade,
    Direction,
    Duration,
    Grain,
    Half,
    LunarDay,
    Mod,
    Month,
    PartOfDay,
    Quarter,
    Range,
    Recurrence,
    Ref,
    RefKind,
    Relative,
    Season,
    TimeOfDay,
    TimeValue,
    Unit,
    Week,
    Weekday,
    Year,
)
from timeline.rules.lunar_dates import in_lunar_context
from timeline.rules.sets import schedules
from timeline.rules.times import attach_times, evening_clocks
from timeline.rules.weekdays import bare_weekday, weekdays_in_context
from timeline.text import NormalizedText

__all__ = ["EXAMPLES", "compose"]

# Examples of composition that the test suite runs (reference 2024-10-20).
EXAMPLES = (
    Example("từ ngày 15 đến 18-10", "2024-10-15/2024-10-18"),
    Example("ngày 15/10 - 18/10/2024", "2024-10-15/2024-10-18"),
    Example("nghỉ lễ 30/4 – 1/5", "2024-04-30/2024-05-01", "30/4 – 1/5"),
    Example("từ 8h00 ngày 16/7 đến 17h00 ngày 28/7/2025", "2025-07-16T08:00/2025-07-28T17:00"),
    Example("họp ngày 21/10/2024 (thứ Hai), tại", "2024-10-21", "ngày 21/10/2024 (thứ Hai)"),
    Example(
        "Ngày 01/01/2025 (Tết Dương lịch), nghỉ", "2025-01-01", "Ngày 01/01/2025 (Tết Dương lịch)"
    ),
    Example("Tối qua (19/10), đội nhà thắng", "2024-10-19TEV", "Tối qua (19/10)"),
    Example("Đêm 24/12 (đêm Giáng sinh) trời rét", "2024-12-24TNI", "Đêm 24/12 (đêm Giáng sinh)"),
    Example("19h30 tối nay (20/10), sân Mỹ Đình", "2024-10-20T19:30", "19h30 tối nay (20/10)"),
    Example("Hôm nay, ngày 18 tháng 10 năm 2024, tại Công ty", "2024-10-18",
            "Hôm nay, ngày 18 tháng 10 năm 2024"),
    Example("Giá vàng hôm nay 20/10: tăng mạnh", "2024-10-20", "hôm nay 20/10"),
    Example("- Thứ Tư 16/10: nộp báo cáo 17h\n- Thứ Năm 17/10: sinh nhật mẹ", "2024-10-16T17:00",
            "17h"),
    Example("Riêng ngày 27/1 (28 Tết), hãng khai thác 86 chuyến", "2025-01-27", "ngày 27/1",
            reference="2025-01-10"),
    Example("tối nay lập nhóm ôn văn đi, 8h vào meet", "2024-10-20T20:00", "8h"),
    Example("Chương trình 16h30: Bế mạc.\n\nĐại biểu có mặt trước 7h45.", "2024-10-20T07:45",
            "trước 7h45", mod=Mod.BEFORE),
    Example("hẹn T7 tuần sau nhé. CN thì anh bận", "2024-10-20", "CN"),
    Example("T7 CN học cả ngày luôn", "2024-10-19/2024-10-20", "T7 CN"),
    Example("27 Tết cả nhà về quê. Con nghỉ từ 25/1.\nMùng 2 sang nhà ngoại nhé", "2025-01-30",
            "Mùng 2", reference="2025-01-22"),
    Example("hai ngày 16 và 17-11 tới", "2024-11-16/2024-11-17"),
    Example("từ năm 2015 đến nay", "2015/PRESENT_REF"),
    Example("từ tháng 3 đến tháng 5 năm 2024", "2024-03/2024-05"),
    Example("từ đầu năm đến ngày 20/12/2022", "2022-01-01/2022-12-20"),
    Example("cuối tháng 6 vừa qua", "2024-06", mod=Mod.END),
    Example("đầu những năm 1990", "199", mod=Mod.START),
    Example("Đầu thế kỷ XX, nhà sư cho đúc chuông", "19", "Đầu thế kỷ XX", mod=Mod.START),
    Example("từ năm 2010", "2010", mod=Mod.ON_OR_AFTER),
    Example("đến năm 2030", "2030", mod=Mod.ON_OR_BEFORE),
    Example("trước năm 2020", "2020", mod=Mod.BEFORE),
    Example("sau năm 2020", "2020", mod=Mod.AFTER),
    Example("khoảng tháng 5/2023", "2023-05", mod=Mod.APPROX),
    Example("Cùng ngày 16-10, Chủ tịch JETRO", "2024-10-16", "Cùng ngày 16-10"),
    Example("tháng 9 vừa qua", "2024-09"),
    Example("nghỉ lễ 2/9 tới", "2025-09-02", "2/9 tới"),
    Example("làm việc từ thứ Hai đến thứ Sáu tuần tới", "2024-10-21/2024-10-25",
            "từ thứ Hai đến thứ Sáu tuần tới"),
    Example("Siêu thị mở cửa từ 8h đến 22h hằng ngày.", "XXXX-XX-XXT08:00/XXXX-XX-XXT22:00",
            "từ 8h đến 22h hằng ngày"),
    Example("Làm việc từ thứ Hai đến thứ Sáu hằng tuần.", "XXXX-WXX-1/XXXX-WXX-5",
            "từ thứ Hai đến thứ Sáu hằng tuần"),
    Example("Cấm xe tải trong khung giờ 6h-9h và 16h-19h hằng ngày.",
            "XXXX-XX-XXT06:00/XXXX-XX-XXT09:00", "6h-9h"),
    Example("Thời giờ làm việc: từ thứ Hai đến thứ Sáu; sáng từ 7h30 đến 11h30.",
            "XXXX-XX-XXT07:30/XXXX-XX-XXT11:30", "sáng từ 7h30 đến 11h30"),
    Example("Học sinh học từ thứ Hai đến thứ Sáu.", "XXXX-WXX-1/XXXX-WXX-5",
            "từ thứ Hai đến thứ Sáu"),
    Example("Hôm nay cửa hàng mở cửa từ 8h đến 12h.", "2024-10-20T08:00/2024-10-20T12:00",
            "từ 8h đến 12h"),
    Example("Lịch: từ thứ Hai đến thứ Sáu tuần tới (21 – 25/10)", "2024-10-21/2024-10-25",
            "từ thứ Hai đến thứ Sáu tuần tới (21 – 25/10)"),
    Example("Hai bên giằng co. Đến ngày 10-8, vụ việc mới ngã ngũ.", "2024-08-10", "ngày 10-8"),
    Example("tháng 11 tới", "2024-11"),
    Example("lễ hội sẽ diễn ra vào ngày 5-3", "2025-03-05", "ngày 5-3"),
)

# Not across a line break: `17h\n- T5` is a time and a list item, not a range.
_RANGE_GAP = re.compile(
    r"[^\S\n]*(?:-|~|(?:cho\s+)?(?:đến|tới)(?:\s+hết)?)[^\S\n]*", re.IGNORECASE
)
_LIST_GAP = re.compile(r"\s*(?:và|,)\s*", re.IGNORECASE)
_SAME_BEFORE = re.compile(r"(?<![\w])(?:trong\s+)?cùng\s+$", re.IGNORECASE)
_SAME_TARGET = re.compile(r"(?:ngày|hôm|tháng|năm|thời\s+điểm)(?![\w])", re.IGNORECASE)
_CLAUSE_END = re.compile(r"\s*(?:[,.;:!?)\]\"”]|$|\n)")
_CLAUSE_START = re.compile(r"[,.;:!?()\n\"“”]")


_COARSE = (Month, Year, Decade, Century, Quarter, Half, Season, Week)


@functools.lru_cache(maxsize=4)
def _from_before(lex: Lexicon) -> re.Pattern[str]:
    """The words that open a range or a start (từ, kể từ: ON_OR_AFTER in modifiers.toml),
    at the end of the text before a candidate."""
    forms = [f for f, mod in lex.point_mods.items() if mod is Mod.ON_OR_AFTER]
    return re.compile(rf"(?<![\w]){alternation(forms)}\s+$", re.IGNORECASE)


@functools.lru_cache(maxsize=4)
def _count_pattern(lex: Lexicon) -> re.Pattern[str]:
    """A count (digits or a number word of numbers.toml) right before a candidate."""
    words = alternation(lex.unit_words)
    return re.compile(rf"(?<![\w])(?P<n>[0-9]{{1,2}}|{words})\s+$", re.IGNORECASE)


@functools.lru_cache(maxsize=4)
def _compounds(lex: Lexicon) -> re.Pattern[str]:
    forms = lex.modifier_compounds.forms
    return re.compile(rf"(?<![\w]){alternation(forms)}\s+$", re.IGNORECASE)


@functools.lru_cache(maxsize=4)
def _patterns(lex: Lexicon) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    prefix_forms = set(lex.point_mods) | set(lex.duration_mods)
    prefix = re.compile(rf"(?<![\w])(?P<w>{alternation(prefix_forms)})\s+$", re.IGNORECASE)
    suffix = re.compile(rf"\s+(?P<w>{alternation(lex.tense_suffixes)})(?![\w])", re.IGNORECASE)
    verbs = re.compile(rf"(?<![\w]){alternation(lex.tense_verbs)}(?![\w])", re.IGNORECASE)
    return prefix, suffix, verbs


def compose(norm: NormalizedText, found: Sequence[Candidate], lex: Lexicon) -> list[Candidate]:
    found = weekdays_in_context(norm.text, found)  # T7 CN, CN after toi T6 tuan sau
    timed = attach_times(norm, list(found), lex)  # clock time + part of day + weekday + date
    placed = _in_relative_period(norm.text, timed)  # tháng 7 năm ngoái, quý I năm nay
    joined = _join(norm, placed, lex)
    joined = in_lunar_context(norm.text, joined)  # trưa mùng 5 after mùng 5 tháng 5 năm Ất Tỵ
    joined = attach_times(norm, joined, lex, first=False)
    joined = evening_clocks(norm.text, joined)  # tối nay họp nhóm, 8h vào meet: 20:00
    joined = _recurring_ranges(norm.text, joined, lex)  # từ 8h đến 22h hằng ngày
    with_mods = [_prefix(norm, joined, i, lex) for i in range(len(joined))]
    with_mods = schedules(norm.text, with_mods)  # Giờ làm việc: sáng từ 7h30 đến 11h30
    suffixed = [_suffix(norm, with_mods, i, lex) for i in range(len(with_mods))]
    return _parenthetical(norm.text, suffixed, lex)


# --- ranges that repeat ------------------------------------------------------------------


def _clock_range(value: TimeValue) -> Range | None:
    """A range of clock times on no particular day (8h - 22h)."""
    if (
        isinstance(value, Range)
        and isinstance(value.start, TimeOfDay)
        and isinstance(value.end, TimeOfDay)
        and value.start.day == value.end.day == Day(None, None, None)
    ):
        return value
    return None


def _recurring_ranges(text: str, found: list[Candidate], lex: Lexicon) -> list[Candidate]:
    """A range followed by its recurrence is one SET (spec §3: a recurrence of a pattern):
    opening hours ``từ 8h đến 22h hằng ngày`` → XXXX-XX-XXT08:00/XXXX-XX-XXT22:00, working
    days ``từ thứ Hai đến thứ Sáu hằng tuần`` → XXXX-WXX-1/XXXX-WXX-5."""
    out: list[Candidate] = []
    index = 0
    while index < len(found):
        current = found[index]
        following = found[index + 1] if index + 1 < len(found) else None
        if following is not None:
            value, after = current.reading.value, following.reading.value
            gap = text[current.end : following.start]
            merged: Recurrence | None = None
            start = current.start
            clocks = _clock_range(value)
            if (
                clocks is not None
                and isinstance(after, Recurrence)
                and after.period == Duration(1, Unit.DAY)
                and _PLACE_GAP.fullmatch(gap.replace(",", " "))
            ):
                merged = Recurrence(pattern=clocks)
            first = bare_weekday(value)
            if (
                first is not None
                and isinstance(after, Recurrence)
                and isinstance(after.pattern, Weekday)
                and _RANGE_GAP.fullmatch(gap)
            ):
                merged = Recurrence(pattern=Range(Weekday(first), after.pattern))
                before = text[max(0, current.start - 20) : current.start]
                from_word = _from_before(lex).search(before)
                if from_word is not None:
                    start = current.start - (len(before) - from_word.start())
            if merged is not None:
                reading = Reading(merged)
                # 6h-9h và 16h-19h hằng ngày: the recurrence is shared by the list
                earlier = _clock_range(out[-1].reading.value) if out else None
                if (
                    clocks is not None
                    and earlier is not None
                    and _LIST_GAP.fullmatch(text[out[-1].end : current.start])
                ):
                    out[-1] = attrs.evolve(out[-1], reading=Reading(Recurrence(pattern=earlier)))
                out.append(Candidate(start, following.end, reading, "recurring_range"))
                index += 2
                continue
        out.append(current)
        index += 1
    return out


# --- a date restated in parentheses ---------------------------------------------------------


@functools.lru_cache(maxsize=4)
def _weekday_list(lex: Lexicon) -> re.Pattern[str]:
    day = alternation(lex.weekdays)
    return re.compile(rf"\s*{day}(?:\s*(?:,|và|-|–|đến|tới)\s*{day})*\s*", re.IGNORECASE)


_OPEN = re.compile(r"\s*\(")


def _parenthetical(text: str, found: list[Candidate], lex: Lexicon) -> list[Candidate]:
    """A date followed by the same time restated in parentheses is one mention: its
    weekdays (ngày 05 và 06/3/2025 (thứ Tư và thứ Năm)), its holiday (01/01/2025 (Tết
    Dương lịch)), or the date of a deictic day (Tối qua (12/5) takes the written date)."""
    out: list[Candidate] = []
    index = 0
    while index < len(found):
        current = found[index]
        opening = _OPEN.match(text, current.end)
        close = text.find(")", current.end, current.end + 60) if opening else -1
        if opening is None or close < 0 or "(" in text[opening.end() : close]:
            out.append(current)
            index += 1
            continue
        inside = []  # found is in text order: look only as far as the closing parenthesis
        after = index + 1
        while after < len(found) and found[after].start < close:
            if opening.end() <= found[after].start and found[after].end <= close:
                inside.append(found[after])
            after += 1
        # one day restated (a date, a holiday): not a longer period spelled out in other
        # units (quý III/2024 (từ tháng 7 đến tháng 9) is two mentions)
        alone = len(inside) == 1 and not (
            text[opening.end() : close]
            .replace(text[inside[0].start : inside[0].end], "")
            .strip(" ,;-–")
        )
        written = inside[0].reading.value if alone else None
        weekdays = (
            isinstance(current.reading.value, Range)
            and isinstance(current.reading.value.start, Relative)
            and isinstance(written, Range)
            and isinstance(written.start, Day)
        )  # từ thứ Hai đến thứ Sáu tuần tới (14 – 18/10): the dates say which days
        # a Gregorian date with its lunar date, ngày 27/1 (28 Tết), names the day in two
        # calendars: two mentions (a holiday with its lunar date is one)
        two_calendars = (
            isinstance(written, LunarDay)
            and isinstance(current.reading.value, Day)
            and current.reading.calendar is Calendar.GREGORIAN
        )
        # Đêm 24/12 (đêm Giáng sinh): a holiday's night restating the night written
        holiday_part = (
            alone and isinstance(written, PartOfDay) and inside[0].rule == "holiday"
            and isinstance(current.reading.value, PartOfDay)
        )
        covered = alone and not two_calendars and (
            isinstance(written, Day | LunarDay) or weekdays or holiday_part
        )
        if not (covered or _weekday_list(lex).fullmatch(text, opening.end(), close)):
            out.append(current)
            index += 1
            continue
        reading = current.reading
        value = reading.value
        if weekdays and written is not None:
            reading = attrs.evolve(reading, value=written)
        elif isinstance(value, Relative) and value.grain is Grain.DAY and isinstance(written, Day):
            # Tối qua (12/5): the written date says which day the deictic word meant;
            # 19h30 tối nay (25/3) keeps its clock time
            if value.hour is not None:
                value = TimeOfDay(written, value.hour, value.minute)
            else:
                value = PartOfDay(written, value.part) if value.part is not None else written
            reading = attrs.evolve(reading, value=value)
        out.append(attrs.evolve(current, end=close + 1, reading=reading))
        index += 1 + len(inside)
    return out


# --- a point inside a relative period -----------------------------------------------------

# Only spaces (or của) between: after a comma or a line break, năm nay starts a new phrase.
_PLACE_GAP = re.compile(r"[^\S\n]*(?:của[^\S\n]+)?", re.IGNORECASE)


def _without_year(value: TimeValue) -> bool:
    match value:
        case Month(year=None) | Quarter(year=None) | Half(year=None) | Season(year=None):
            return True
        case Day(year=None, month=int()) | LunarDay(year=None, cycle=None):  # not Ất Tỵ
            return True
        case (
            PartOfDay(day=Day(year=None, month=int())) | TimeOfDay(day=Day(year=None, month=int()))
        ):
            return True
    return False


def _in_relative_period(text: str, found: list[Candidate]) -> list[Candidate]:
    """A point without its year followed by a relative year takes that year (tháng 7 năm
    ngoái, quý I năm nay, 11/11 năm ngoái); a day without its month followed by a relative
    month takes that month (ngày 5 tháng sau). One mention."""
    out: list[Candidate] = []
    index = 0
    while index < len(found):
        current = found[index]
        following = found[index + 1] if index + 1 < len(found) else None
        if (
            following is not None
            and isinstance(following.reading.value, Year)
            and following.reading.value.year is not None
            and text[current.end : following.start].isspace()
            and _without_year(current.reading.value)
        ):
            # 16/10 năm 2023, tháng 7 năm 2023 written apart: the year is the point's
            year = following.reading.value.year
            inner = current.reading.value
            value = (
                attrs.evolve(inner, day=attrs.evolve(inner.day, year=year))
                if isinstance(inner, PartOfDay | TimeOfDay)
                else attrs.evolve(inner, year=year)  # type: ignore[misc]
            )
            reading = attrs.evolve(current.reading, value=value, latent=False)
            out.append(Candidate(current.start, following.end, reading, "with_year"))
            index += 2
            continue
        if following is not None and _PLACE_GAP.fullmatch(text, current.end, following.start):
            value, period = current.reading.value, following.reading.value
            if (
                isinstance(period, Relative)
                and period.within is None
                and period.weekday is None
                and period.part is None
                and period.hour is None
                and not period.anchored
                and (
                    (period.grain is Grain.YEAR and _without_year(value))
                    or (
                        period.grain is Grain.MONTH
                        and isinstance(value, Day)
                        and value.month is None
                        and value.day is not None
                    )
                )
            ):
                placed = attrs.evolve(period, within=value)  # type: ignore[arg-type]
                reading = attrs.evolve(
                    current.reading,
                    value=placed,
                    latent=False,
                    calendar=current.reading.calendar,
                )
                out.append(Candidate(current.start, following.end, reading, "in_relative_period"))
                index += 2
                continue
        out.append(current)
        index += 1
    return out


# --- ranges and lists --------------------------------------------------------------------


def _is_point(value: TimeValue) -> bool:
    return isinstance(
        value,
        Day
        | Month
        | Year
        | Decade
        | Quarter
        | Half
        | Season
        | Week
        | TimeOfDay
        | PartOfDay
        | Ref
        | Relative
        | LunarDay,
    )


def _order_key(value: TimeValue) -> tuple[int, int, int] | None:
    match value:
        case Day(year=int(y), month=int(m), day=int(d)):
            return (y, m, d)
        case Month(year=int(y), month=int(m)):
            return (y, m, 1)
        case Year(year=int(y)):
            return (y, 1, 1)
    return None


def _fill_from(first: TimeValue, second: TimeValue) -> TimeValue:
    """The first end of a range or list takes the parts it lacks from the second."""
    match first, second:
        case Day(year=y, month=m, day=d), Day() | TimeOfDay() | PartOfDay():
            other = second if isinstance(second, Day) else second.day
            return Day(y if y is not None else other.year, m if m is not None else other.month, d)
        case Month(year=None, month=m), Month(year=y2) | Day(year=y2):
            return Month(y2, m)
        case Relative(grain_=Grain.YEAR, offset=0), Day(year=y2):
            return Day(y2, 1, 1)  # từ đầu năm đến ngày 20/12/2022
        case Relative(grain_=Grain.YEAR, offset=0), Month(year=y2):
            return Month(y2, 1)
        case Relative(grain_=Grain.MONTH, offset=0), Day(year=y2, month=m2):
            return Day(y2, m2, 1)
        case Quarter(year=None, quarter=q), Quarter(year=y2):
            return Quarter(y2, q)
    return first


def _fill_end(first: TimeValue, second: TimeValue) -> TimeValue:
    """The second end takes a year it lacks from the first (``từ 20/12/2023 đến 15/1``)."""
    match first, second:
        case Day(year=int(y), month=int(m1), day=int(d1)), Day(year=None, month=int(m2), day=d2):
            return Day(y if (m2, d2 or 0) >= (m1, d1) else y + 1, m2, d2)
        case Month(year=int(y), month=int(m1)), Month(year=None, month=int(m2)):
            return Month(y if m2 >= m1 else y + 1, m2)
    return second


def _weekdays_of_one_week(a: TimeValue, b: TimeValue) -> bool:
    """Two weekdays named without dates: both bare, or in one relative week, which may be
    written after the second only (từ thứ Hai đến thứ Sáu tuần tới)."""
    if not (isinstance(a, Relative) and isinstance(b, Relative)):
        return False
    if a.weekday is None or b.weekday is None or a.within is not None or b.within is not None:
        return False
    same_week = (a.grain, a.offset) == (b.grain, b.offset)
    return same_week or (a.grain is Grain.DAY and b.grain is Grain.WEEK)


def _range_of(first: Candidate, second: Candidate) -> Reading | None:
    a, b = first.reading.value, second.reading.value
    if not (_is_point(a) and _is_point(b)):
        return None
    if isinstance(a, Ref) and a.kind is not RefKind.PRESENT:
        return None
    if isinstance(b, Ref) and b.kind is not RefKind.PRESENT:
        return None
    if isinstance(a, LunarDay) or isinstance(b, LunarDay):  # từ mùng 1 đến mùng 5 Tết
        ends = lunar_range_ends(a, b)
        if ends is None:
            return None
        return Reading(Range(*ends), direction=second.reading.direction, calendar=Calendar.LUNAR)
    if _weekdays_of_one_week(a, b):  # từ thứ Hai đến thứ Sáu (tuần tới)
        return Reading(Range(a, b), direction=second.reading.direction)  # type: ignore[arg-type]
    start_mod = first.reading.mod
    if isinstance(a, Relative) and not (a.offset == 0 and start_mod in (Mod.START, None)):
        return None
    a = _fill_from(a, b)
    b = _fill_end(a, b)
    if isinstance(a, Relative):
        return None
    if any(isinstance(v, Day) and not is_valid_day(v.year, v.month, v.day) for v in (a, b)):
        return None  # từ ngày 31 đến 1/2: no 31 February
    key_a, key_b = _order_key(a), _order_key(b)
    if key_a is not None and key_b is not None and key_a > key_b:
        return None
    direction = second.reading.direction
    return Reading(Range(a, b), direction=direction)  # type: ignore[arg-type]


def _count_before(text: str, start: int, days: int, lex: Lexicon) -> int:
    """A count in apposition naming the same days (spec §3a): ``hai ngày 16 và 17-11``.

    Returns the new start of the span (``start`` when there is no such count)."""
    if text[start : start + 4].lower() != "ngày":
        return start
    before = text[max(0, start - 12) : start]
    found = _count_pattern(lex).search(before)
    if found is None:
        return start
    word = found.group("n").lower()
    number = int(word) if word.isdigit() else lex.unit_words.get(word)
    return start - (len(before) - found.start()) if number == days else start


def _consecutive(a: TimeValue, b: TimeValue) -> bool:
    if isinstance(a, Day) and isinstance(b, Day) and a.day is not None and b.day is not None:
        return (a.year, a.month) == (b.year, b.month) and b.day == a.day + 1
    return False


def _join(norm: NormalizedText, found: list[Candidate], lex: Lexicon) -> list[Candidate]:
    text = norm.text
    out: list[Candidate] = []
    index = 0
    while index < len(found):
        current = found[index]
        following = found[index + 1] if index + 1 < len(found) else None
        if following is not None:
            gap = text[current.end : following.start]
            previous_end = out[-1].end if out else 0
            if _RANGE_GAP.fullmatch(gap):
                reading = _range_of(current, following)
                if reading is not None:
                    before = text[max(previous_end, current.start - 20) : current.start]
                    start = current.start
                    if (from_word := _from_before(lex).search(before)) is not None:
                        start = current.start - (len(before) - from_word.start())
                    elif (
                        gap.strip() == "-"
                        and current.reading.latent
                        and not (
                            "/" in text[current.start : current.end]
                            and "/" in text[following.start : following.end]
                        )
                    ):
                        # "5-6" alone: a range of counts, not of dates; 30/4 - 1/5 is dates
                        reading = None
                    if reading is not None:
                        out.append(Candidate(start, following.end, reading, "range"))
                        index += 2
                        continue
            if _LIST_GAP.fullmatch(gap) and isinstance(current.reading.value, Day):
                first = _fill_from(current.reading.value, following.reading.value)
                second = following.reading.value
                if (
                    isinstance(first, Day)
                    and isinstance(second, Day)
                    and first != current.reading.value
                ):
                    if _consecutive(first, second):
                        reading = Reading(
                            Range(first, second), direction=following.reading.direction
                        )
                        start = _count_before(text, current.start, 2, lex)
                        out.append(Candidate(start, following.end, reading, "day_list"))
                        index += 2
                        continue
                    out.append(attrs.evolve(current, reading=Reading(first)))
                    out.append(
                        attrs.evolve(
                            following, reading=attrs.evolve(following.reading, latent=False)
                        )
                    )
                    index += 2
                    continue
        out.append(current)
        index += 1
    return out


# --- modifiers before, tense after --------------------------------------------------------


def _lunar_year(value: TimeValue) -> bool:
    """``năm Ất Tỵ``: a lunar year, the range of its months (rules/lunar_dates.py)."""
    return (
        isinstance(value, Range)
        and isinstance(value.start, LunarDay)
        and isinstance(value.end, LunarDay)
        and value.start.day is None
        and value.end.day is None
        and (value.start.month, value.end.month) == (1, 12)
    )


def _mod_for(form: str, value: TimeValue, lex: Lexicon) -> Mod | None:
    key = " ".join(form.lower().split())
    if isinstance(value, Duration):
        return lex.duration_mods.get(key)
    if isinstance(value, Recurrence):
        return None
    mod = lex.point_mods.get(key)
    if mod in (Mod.START, Mod.MID, Mod.END):
        coarse = (
            isinstance(value, _COARSE)
            or (isinstance(value, Relative) and value.grain.rank < Grain.DAY.rank)
            or (isinstance(value, LunarDay) and value.day is None)
        )  # cuối tháng Chạp
        return mod if coarse or _lunar_year(value) else None
    if isinstance(value, Range) and not _lunar_year(value):
        return None
    return mod


def _prefix(norm: NormalizedText, found: list[Candidate], index: int, lex: Lexicon) -> Candidate:
    candidate = found[index]
    text = norm.text
    previous_end = found[index - 1].end if index else 0
    window_start = max(previous_end, candidate.start - 24)
    before = text[window_start : candidate.start]
    if candidate.rule == "range":
        return candidate
    same = _SAME_BEFORE.search(before)
    if same and _SAME_TARGET.match(text, candidate.start):
        return attrs.evolve(candidate, start=window_start + same.start())
    if candidate.reading.mod is not None:
        return candidate
    prefix, _, _ = _patterns(lex)
    found_prefix = prefix.search(before)
    if found_prefix is None or _compounds(lex).search(before):
        return candidate
    value = candidate.reading.value
    if isinstance(value, Range) and _from_before(lex).search(before):
        return attrs.evolve(candidate, start=window_start + found_prefix.start())
    mod = _mod_for(found_prefix.group("w"), value, lex)
    if mod is None:
        return candidate
    if mod is Mod.ON_OR_BEFORE and _narrative_den(text, window_start + found_prefix.start(),
                                                   candidate, value):
        return candidate
    # A boundary word (từ, đến, trước, sau) says a bare 18-10 is a date; "chừng 3-4" is
    # still a range of counts, so approximations do not confirm a latent reading.
    confirms = mod in (Mod.ON_OR_AFTER, Mod.ON_OR_BEFORE, Mod.BEFORE, Mod.AFTER) or (
        "/" in text[candidate.start : candidate.end]
    )
    reading = attrs.evolve(
        candidate.reading, mod=mod, latent=candidate.reading.latent and not confirms
    )
    return attrs.evolve(candidate, start=window_start + found_prefix.start(), reading=reading)


_NARRATIVE_DEN = re.compile(r"(?:^|(?<=[.!?\n])\s*|(?<=[.!?]\s))(?:Đến|Tới)\s+$")


def _narrative_den(text: str, word_start: int, candidate: Candidate, value: TimeValue) -> bool:
    """``Đến ngày 10-8, …`` / ``Đến 4 giờ sáng, …`` opening a sentence of a story: the
    moment the story comes to, not a deadline (no ON_OR_BEFORE, and not in the span).
    ``Đến nay``, ``Đến năm 2030`` keep theirs."""
    if not isinstance(value, Day | TimeOfDay | PartOfDay | Anaphor):
        return False
    if not text.startswith(",", candidate.end):
        return False
    opening = text[max(0, word_start - 2) : candidate.start]
    return _NARRATIVE_DEN.search(opening) is not None


def _needs_anchor(value: TimeValue) -> bool:
    if isinstance(value, Range):
        return _needs_anchor(value.start) or _needs_anchor(value.end)
    if isinstance(value, Ref | Duration | Recurrence):
        return False
    return not value.is_complete


def _suffix(norm: NormalizedText, found: list[Candidate], index: int, lex: Lexicon) -> Candidate:
    candidate = found[index]
    if not _needs_anchor(candidate.reading.value):
        return candidate
    text = norm.text
    next_start = found[index + 1].start if index + 1 < len(found) else len(text)
    _, suffix, verbs = _patterns(lex)
    found_suffix = suffix.match(text, candidate.end, next_start)
    if found_suffix is not None:
        word = " ".join(found_suffix.group("w").lower().split())
        if word not in lex.clause_final_suffixes or _CLAUSE_END.match(text, found_suffix.end()):
            # an unambiguous tense word confirms a bare date: nghỉ lễ 2/9 tới
            reading = attrs.evolve(
                candidate.reading,
                direction=lex.tense_suffixes[word],
                latent=candidate.reading.latent and word in lex.clause_final_suffixes,
            )
            return attrs.evolve(candidate, end=found_suffix.end(), reading=reading)
    if candidate.reading.direction is Direction.NEAREST:
        clause_start = max(
            (
                m.end()
                for m in _CLAUSE_START.finditer(
                    text, max(0, candidate.start - 120), candidate.start
                )
            ),
            default=max(0, candidate.start - 120),
        )
        verb_matches = list(verbs.finditer(text, clause_start, candidate.start))
        if verb_matches:
            word = " ".join(verb_matches[-1].group(0).lower().split())
            reading = attrs.evolve(candidate.reading, direction=lex.tense_verbs[word])
            return attrs.evolve(candidate, reading=reading)
    return candidate
