"""Dates of the lunar calendar: ``10/3 âm lịch``, ``ngày 10 tháng 3 âm lịch``,
``mùng 1 tháng Giêng``, ``rằm tháng 7``, ``tháng Chạp``, ``tháng 2 nhuận``,
``mùng 1 Tết``, ``28 Tết``.

What makes a date lunar (the decisions are in ``docs/lunar.md``):

- a marker after it: ``âm lịch``, ``ÂL``, ``(âm lịch)``, ``lịch âm`` (any date);
- a month named only in the lunar calendar: ``tháng Giêng`` (1), ``tháng Chạp`` (12);
- a leap month: ``tháng 2 nhuận``;
- ``rằm`` (the full-moon day, the 15th): ``rằm tháng Giêng``, ``rằm tháng 7``;
- ``Tết``: ``mùng 1 Tết`` is day 1 of month 1; ``28 Tết``, ``30 Tết`` are days of
  the twelfth month, just before it.

``mùng``/``mồng`` alone does not: ``mùng 2 tháng 9`` is Quốc khánh, a solar date, and
``mồng 5 tháng 5`` is read as May 5 unless a marker says otherwise.

The reading is a :class:`~timeline.model.LunarDay` (lunar year, month, day, leap; no day
for a whole month) with ``calendar == "lunar"``; resolution converts it to the Gregorian
day, or to the range of Gregorian days of a whole month (spec §3a, §7), choosing the
lunar year from the text or the reference (:func:`timeline.lunar.resolve_lunar`). A
lunar date that does not exist (the 30th of a 29-day month, a leap month in a year
without one) is no mention: its span is swallowed by a latent reading, so that no
Gregorian rule reads part of it.
"""

from __future__ import annotations

import re

from timeline.grammar import Example, Reading, Rule, RuleMatch, fragments, g
from timeline.lexicon import alternation
from timeline.lunar import cycle_of_year, lunar_month_length, lunar_to_gregorian
from timeline.model import Calendar, LunarDay, Mod, Range
from timeline.rules.holidays import YearPart, lunar_grammar

__all__ = ["RULES"]

F = fragments()
L = lunar_grammar()

_NOT_A_DATE = "not a date of the lunar calendar"
_MUNG = alternation(L.words.day_prefixes)  # mùng, mồng
_DAY_WORDS = rf"(?:ngày\s+(?:{_MUNG})|ngày|{_MUNG})"  # before a day: ngày, mùng, ngày mùng


def _lunar(
    year_part: YearPart, month: int, day: int | None, leap: bool = False
) -> Reading:
    """The reading of a lunar day (or month, ``day`` None); latent when it does not exist."""
    value = LunarDay(year_part.year, month, day, leap, cycle=year_part.cycle)
    exists = True
    if year_part.year is not None:
        if day is None:
            exists = lunar_month_length(year_part.year, month, leap) is not None
        else:
            exists = lunar_to_gregorian(year_part.year, month, day, leap) is not None
    elif day is not None and not 1 <= day <= 30:
        exists = False
    if not exists:
        return Reading(value, calendar=Calendar.LUNAR, latent=True, warnings=(_NOT_A_DATE,))
    return Reading(value, calendar=Calendar.LUNAR, warnings=year_part.warnings)


def _year(m: RuleMatch, *names: str) -> YearPart | None:
    for name in names:
        if m.has(name):
            return L.read_year(m[name])
    return YearPart(None, None)


# --- 10/3 âm lịch ----------------------------------------------------------------------------


def _numeric(m: RuleMatch) -> Reading | None:
    day, month = m.number("d"), m.number("m")
    part = YearPart(m.year("y"), None) if m.has("y") else _year(m, "yp")
    if day is None or month is None or part is None:
        return None
    return _lunar(part, month, day)


lunar_numeric = Rule(
    name="lunar_numeric",
    doc="A day and month in digits marked lunar: 10/3 âm lịch, 15/8 (ÂL), 23/12/2024 âm lịch.",
    pattern=(
        rf"(?:{_DAY_WORDS}\s+)?{F.left}{g('d', F.day)}\s?(?P<s>[/\-.])\s?{g('m', F.month)}"
        rf"(?:\s?(?P=s)\s?{g('y', F.year)})?{F.right}{L.marker}{g('yp', L.year_after_nam)}?"
    ),
    build=_numeric,
    examples=(
        Example("10/3 âm lịch", "2025-04-07"),
        Example("lễ cúng vào ngày 15/8 (ÂL) tại đình làng", "2024-09-17", "ngày 15/8 (ÂL)"),
        Example("23/12/2024 âm lịch", "2025-01-22"),
        Example("ngày 10/3 âm lịch năm 2024", "2024-04-18"),
        Example("Tết Nguyên đán 1985 (1/1 âm lịch)", "1985-01-21"),
    ),
    negatives=("ngày 30/12/2024 âm lịch", "30/1/2024 (ÂL)"),
    priority=1,
)


# --- ngày 10 tháng 3 âm lịch, mùng 1 tháng Giêng, rằm tháng 7 ------------------------------


def _is_leap(m: RuleMatch) -> bool:
    return m.has("lp") or m.has("leap")


def _day_month(m: RuleMatch) -> Reading | None:
    leap = _is_leap(m)
    day_text = m["d"] or ""
    named_day = " ".join(day_text.lower().split()) in L.words.day_names
    lunar = m.has("mk") or leap or L.is_lunar_only(m["m"]) or named_day
    if not lunar:
        return None  # mùng 5 tháng 5, ngày 10 tháng 3: a solar date (rules/dates.py)
    day = L.read_day(day_text)
    month = L.read_month(m["m"] or "", True)
    part = _year(m, "yp", "yp2")
    if day is None or month is None or part is None:
        return None
    return _lunar(part, month, day, leap)


_MONTH = (
    rf"tháng\s+(?:{g('lp', L.leap)}\s+)?{g('m', L.month)}(?:\s+{g('leap', L.leap)})?"
    rf"{g('yp', L.year_after_nam)}?{g('mk', L.marker)}?{g('yp2', L.year_after_nam)}?"
)

lunar_day_month = Rule(
    name="lunar_day_month",
    doc=(
        "A lunar day and month in words: ngày 10 tháng 3 âm lịch, mùng 1 tháng Giêng, "
        "23 tháng Chạp, rằm tháng 7, ngày 15 tháng 2 nhuận năm 2023."
    ),
    pattern=rf"{F.left}(?:{_DAY_WORDS}\s+)?{g('d', L.day)}\s+{_MONTH}",
    build=_day_month,
    examples=(
        Example("ngày 10 tháng 3 âm lịch", "2025-04-07"),
        Example("mùng 1 tháng Giêng", "2025-01-29"),
        Example("mùng 1 tháng Giêng năm Giáp Thìn", "2024-02-10"),
        Example("rằm tháng Giêng", "2025-02-12"),
        Example("rằm tháng 7", "2024-08-18"),
        Example("rằm tháng Tám năm 2023", "2023-09-29"),
        Example("ngày hai mươi mốt tháng Chạp năm 2023", "2024-01-31"),
        Example("ông bà cúng 23 tháng Chạp", "2025-01-22", "23 tháng Chạp"),
        Example("mồng 5 tháng 5 âm lịch năm 2024", "2024-06-10"),
        Example("ngày mùng 5 tháng Giêng năm Ất Tỵ", "2025-02-02"),
        Example("ngày 15 tháng 2 nhuận năm 2023", "2023-04-05"),
        Example("ngày 1 tháng 10 năm 2024 (âm lịch)", "2024-11-01"),
    ),
    negatives=("ngày 30 tháng Chạp năm 2024", "ngày 30 tháng Giêng năm 2024"),
    priority=1,
)


# --- tháng Chạp, tháng 7 âm lịch, tháng 2 nhuận -------------------------------------------

_DAY_BEFORE = re.compile(
    rf"(?:{F.day}|{F.number_words}|{alternation(L.words.day_names)})\s+$", re.IGNORECASE
)


def _month(m: RuleMatch) -> Reading | None:
    before = m.match.string[max(0, m.match.start() - 16) : m.match.start()]
    if _DAY_BEFORE.search(before):
        return None  # a day of that month, read (or refused) by lunar_day_month
    leap = _is_leap(m)
    if not (m.has("mk") or leap or L.is_lunar_only(m["m"])):
        return None
    month = L.read_month(m["m"] or "", True)
    part = _year(m, "yp", "yp2")
    if month is None or part is None:
        return None
    return _lunar(part, month, None, leap)


lunar_month = Rule(
    name="lunar_month",
    doc=(
        "A whole lunar month, the range of its Gregorian days (spec §3a): tháng Chạp, "
        "tháng Giêng năm 2025, tháng 7 âm lịch, tháng 2 nhuận."
    ),
    pattern=rf"(?<![\w]){_MONTH}",
    build=_month,
    examples=(
        Example("tháng Chạp", "2024-12-31/2025-01-28"),
        Example("tháng Giêng năm 2025", "2025-01-29/2025-02-27"),
        Example("tháng 7 âm lịch năm 2024", "2024-08-04/2024-09-02"),
        Example("tháng 2 nhuận năm Quý Mão", "2023-03-22/2023-04-19"),
        Example("cuối tháng Chạp", "2024-12-31/2025-01-28", mod=Mod.END),
    ),
    negatives=("tháng 2 nhuận năm 2024", "tháng 13 âm lịch"),
    priority=1,
)


# --- mùng 1 Tết, 28 Tết ---------------------------------------------------------------------


def _tet_reading(day: int, prefix: str, part: YearPart) -> Reading | None:
    mung = any(word in L.words.day_prefixes for word in prefix.split())
    if 1 <= day <= 10 and prefix:  # mùng 1 Tết, ngày 2 Tết: the first days of the year
        return _lunar(part, 1, day)
    if 20 <= day <= 30 and not mung:  # 28 Tết, ngày 30 Tết
        year = None if part.year is None else part.year - 1
        cycle = None if part.cycle is None else (part.cycle - 1) % 60
        return _lunar(YearPart(year, cycle, part.warnings), 12, day)
    return None


def _tet_day(m: RuleMatch) -> Reading | None:
    first, last = m.number("d"), m.number("d2")
    prefix = " ".join((m["pre"] or "").lower().split())
    part = _year(m, "yp")
    if first is None or part is None:
        return None
    if last is None:
        return _tet_reading(first, prefix, part)
    # 20-27 Tết, mùng 1-5 Tết: both ends in the same month
    start, end = _tet_reading(first, prefix, part), _tet_reading(last, prefix, part)
    if start is None or end is None or first >= last:
        return None
    if not isinstance(start.value, LunarDay) or not isinstance(end.value, LunarDay):
        return None
    if start.value.month != end.value.month:
        return None
    return Reading(
        Range(start.value, end.value),
        calendar=Calendar.LUNAR,
        latent=start.latent or end.latent,
        warnings=end.warnings,
    )


lunar_tet_day = Rule(
    name="lunar_tet_day",
    doc=(
        "A day counted from Tết: mùng 1 Tết (day 1 of month 1), ngày 2 Tết; 28 Tết, "
        "30 Tết (days of the twelfth month of the year before, just before Tết)."
    ),
    pattern=(
        rf"(?<![\w])(?:{g('pre', _DAY_WORDS)}\s+)?{F.left}{g('d', F.day_any)}"
        rf"(?:\s?-\s?{g('d2', F.day)}(?![0-9]))?\s+"
        rf"{alternation(L.words.tet)}(?![\w]){g('yp', L.year_after)}?"
    ),
    build=_tet_day,
    examples=(
        Example("mùng 1 Tết", "2025-01-29"),
        Example("mồng 3 Tết Ất Tỵ", "2025-01-31"),
        Example("mùng 2 Tết Nguyên đán 2024", "2024-02-11"),
        Example("ngày mùng 1 Tết", "2025-01-29"),
        Example("dọn nhà vào 28 Tết", "2025-01-27", "28 Tết"),
        Example("ngày 29 Tết năm 2025", "2025-01-28"),
        Example("chạy bàn từ 20-27 Tết", "2025-01-19/2025-01-26", "từ 20-27 Tết"),
        Example("nghỉ từ mùng 1 đến mùng 5 Tết", "2025-01-29/2025-02-02",
                "từ mùng 1 đến mùng 5 Tết"),
        Example("từ 28 Tết đến mùng 5", "2025-01-27/2025-02-02"),
    ),
    negatives=("ngày 30 Tết năm 2025",),
    priority=1,
)


RULES = (lunar_numeric, lunar_day_month, lunar_month, lunar_tet_day)


def _check_cycle() -> None:  # pragma: no cover - a guard on the data, run at import
    if cycle_of_year(2024) != L.cycle_of("Giáp Thìn"):
        raise ValueError("holidays.toml: the can-chi tables do not name 2024 Giáp Thìn")


_check_cycle()
