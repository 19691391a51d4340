"""Dates of the lunar calendar: ``10/3 âm lịch``, ``ngày 10 tháng 3 âm lịch``,
``mùng 1 tháng Giêng``, ``rằm tháng 7``, ``tháng Chạp``, ``tháng 2 nhuận``,
``mùng 1 Tết``, ``28 Tết``.

What makes a date lunar (the decisions are in ``docs/lunar.md``):

- a marker after it: ``âm lịch``, ``ÂL``, ``(âm lịch)``, ``lịch âm`` (any date);
- a month named only in the lunar calendar: ``tháng Giêng`` (1), ``tháng Chạp`` (12);
- a leap month: ``tháng 2 nhuận``;
- ``rằm`` (the full-moon day, the 15th): ``rằm tháng Giêng``, ``rằm tháng 7``;
- a year named by its can chi: ``mùng 5 tháng 5 năm Ất Tỵ``, ``ngày hai mươi bốn tháng
  Mười năm Giáp Thìn`` (the sexagenary names count the years of the lunar calendar);
- ``Tết``: ``mùng 1 Tết`` is day 1 of month 1; ``28 Tết``, ``30 Tết`` are days of
  the twelfth month, just before it;
- the ordinary month of a year with a leap one: ``tháng 6 thường`` beside a leap month;
- a day without its month told right after a lunar date: ``mùng 5 tháng 5 năm Ất Tỵ …
  trưa mùng 5`` (:func:`in_lunar_context`, a composition step).

A lunar year named by its can chi alone (``năm Ất Tỵ``) is the range of its Gregorian
days, from Tết to the last day of tháng Chạp.

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

from collections.abc import Sequence

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
from timeline.lunar import (
    cycle_of_year,
    lunar_day_near,
    lunar_month_length,
    lunar_to_gregorian,
)
from timeline.model import (
    Calendar,
    Day,
    Duration,
    Grain,
    LunarDay,
    Mod,
    Month,
    PartOfDay,
    Range,
    Relative,
    TimeOfDay,
    TimeValue,
    Unit,
    Week,
)
from timeline.rules.holidays import YearPart, lunar_grammar
from timeline.rules.patterns import (
    LETTER,
    NUMBER_END,
    NUMBER_START,
    WORD_END,
    WORD_START,
    any_of,
    compiled,
    day_any,
    digits_then,
    optional,
)
from timeline.text import fold

__all__ = ["RULES", "in_lunar_context"]

F = fragments()
L = lunar_grammar()
# The words a lunar match can start with, from the grammar's own vocabulary.
_NUMBER_STARTS = first_words([*F.lex.unit_words, *F.lex.ten_forms])
_DAY_STARTS = ("ngày", "mùng", "mồng", DIGIT, *_NUMBER_STARTS, *first_words(L.words.day_names))

_NOT_A_DATE = "not a date of the lunar calendar"
_MUNG = any_of(L.words.day_prefixes)  # mùng, mồng
_DAY_WORDS = rf"(?:ngày\s+(?:{_MUNG})|ngày|{_MUNG})"  # before a day: ngày, mùng, ngày mùng
_DAY_WORD = optional(rf"{LETTER}{_DAY_WORDS}\s+")
# a day in words, or in digits before a space (or the dash of 20-27 Tết)
_DAY_THEN_WORD = f"(?:{LETTER}|" + digits_then(r"\s") + ")"
_DAY_THEN_WORD_OR_DASH = f"(?:{LETTER}|" + digits_then(r"\s?-|\s") + ")"
_DAY_THEN_SEPARATOR = digits_then(r"\s?[/\-.]")


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
        rf"{_DAY_WORD}{_DAY_THEN_SEPARATOR}{NUMBER_START}{g('d', F.day)}\s?(?P<s>[/\-.])\s?"
        rf"{g('m', F.month)}(?:\s?(?P=s)\s?{g('y', F.year)})?{NUMBER_END}{L.marker}"
        rf"{g('yp', L.year_after_nam)}?"
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
    triggers=("ngày", "mùng", "mồng", DIGIT),
)


# --- ngày 10 tháng 3 âm lịch, mùng 1 tháng Giêng, rằm tháng 7 ------------------------------


def _is_leap(m: RuleMatch) -> bool:
    before = "lp0" in m.match.re.groupindex and m.has("lp0")  # nhuận tháng 6
    return before or m.has("lp") or m.has("leap")


_LEAP_WORD = rf"(?<![\w]){L.leap}"
_SENTENCE_BREAKS = r"(?:[.!?…]+\s+|\s*\n\s*)+"


def _recent(text: str, start: int, sentences: int = 1) -> str:
    """The text before ``start`` in its sentence and the ``sentences`` before it."""
    window = text[max(0, start - 400) : start]
    breaks = list(compiled(_SENTENCE_BREAKS).finditer(window))
    return window[breaks[-1 - sentences].end() :] if len(breaks) > sentences else window


def _ordinary(m: RuleMatch) -> bool | None:
    """``tháng 6 thường``: True where a leap month is spoken of in the sentence (before or
    after it) or the one before (``năm nay nhuận tháng 6, giỗ tính theo tháng 6
    thường``), None where ``thường`` is something else (``usually``), False without it."""
    if not m.has("ord"):
        return False
    text, end = m.match.string, m.match.end()
    rest = compiled(_SENTENCE_BREAKS).search(text, end)
    around = _recent(text, m.match.start()) + text[end : rest.start() if rest else len(text)]
    return True if compiled(_LEAP_WORD).search(around) else None


def _day_month(m: RuleMatch) -> Reading | None:
    leap = _is_leap(m)
    ordinary = _ordinary(m)
    if ordinary is None:
        return None  # tháng 6 thường có mưa: June, usually (rules/dates.py)
    day_text = m["d"] or ""
    named_day = " ".join(day_text.lower().split()) in L.words.day_names
    part = _year(m, "yp", "yp2")
    if part is None:
        return None
    lunar = (
        m.has("mk") or leap or ordinary or L.is_lunar_only(m["m"]) or named_day or part.named
    )
    if not lunar:
        return None  # mùng 5 tháng 5, ngày 10 tháng 3: a solar date (rules/dates.py)
    day = L.read_day(day_text)
    month = L.read_month(m["m"] or "", True)
    if day is None or month is None:
        return None
    return _lunar(part, month, day, leap)


_LEAP_BEFORE = optional(rf"{g('lp', L.leap)}\s+")
_LEAP_AFTER = optional(rf"\s+{g('leap', L.leap)}")
_ORDINARY = optional(rf"\s+{g('ord', L.ordinary)}")
_MONTH = (
    rf"tháng\s+{_LEAP_BEFORE}{g('m', L.month)}{_LEAP_AFTER}{_ORDINARY}"
    + optional(g("yp", f"(?:{L.year_after_nam}|{L.cycle_after})"))
    + optional(g("mk", L.marker))
    + optional(g("yp2", L.year_after_nam))
)

lunar_day_month = Rule(
    name="lunar_day_month",
    doc=(
        "A lunar day and month in words: ngày 10 tháng 3 âm lịch, mùng 1 tháng Giêng, "
        "23 tháng Chạp, rằm tháng 7, ngày 15 tháng 2 nhuận năm 2023."
    ),
    pattern=rf"{NUMBER_START}{_DAY_WORD}{_DAY_THEN_WORD}{g('d', L.day)}\s+{_MONTH}",
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
        # a year named by its can chi is a lunar year, so the date is lunar
        Example("mùng 5 tháng 5 năm Ất Tỵ", "2025-05-31"),
        Example("tức ngày hai mươi bốn tháng Mười năm Giáp Thìn", "2024-11-24",
                "ngày hai mươi bốn tháng Mười năm Giáp Thìn"),
        Example("Rằm tháng Giêng Ất Tỵ", "2025-02-12"),
        Example("ngày 12 tháng 6 thường, không phải tháng 6 nhuận", "2025-07-06",
                "ngày 12 tháng 6 thường", reference="2025-06-30"),
        Example("23 tháng Chạp", "2025-01-22", reference="2025-01-06"),
        Example("tức 18 tháng Chạp", "2025-01-17", "18 tháng Chạp", reference="2025-01-06"),
    ),
    negatives=(
        "ngày 30 tháng Chạp năm 2024", "ngày 30 tháng Giêng năm 2024",
        "ngày 30 tháng 5 năm Ất Tỵ 2025",  # tháng 5 Ất Tỵ (2025) has 29 days
    ),
    priority=1,
    triggers=_DAY_STARTS,
)


# --- tháng Chạp, tháng 7 âm lịch, tháng 2 nhuận -------------------------------------------

_DAY_BEFORE = rf"(?:{F.day}|{F.number_words}|{any_of(L.words.day_names)})\s+$"


def _month(m: RuleMatch) -> Reading | None:
    start = m.match.start("lp0") if m.has("lp0") else m.match.start("t")
    before = m.match.string[max(0, start - 16) : start]
    if compiled(_DAY_BEFORE).search(before):
        return None  # a day of that month, read (or refused) by lunar_day_month
    leap = _is_leap(m)
    ordinary = _ordinary(m)
    if ordinary is None:
        return None
    part = _year(m, "yp", "yp2")
    if part is None:
        return None
    if not (m.has("mk") or leap or ordinary or L.is_lunar_only(m["m"]) or part.named):
        return None
    month = L.read_month(m["m"] or "", True)
    if month is None:
        return None
    return _lunar(part, month, None, leap)


_LEAP_FIRST = optional(rf"{g('lp0', L.leap)}\s+")  # nhuận tháng 6

lunar_month = Rule(
    name="lunar_month",
    doc=(
        "A whole lunar month, the range of its Gregorian days (spec §3a): tháng Chạp, "
        "tháng Giêng năm 2025, tháng 7 âm lịch, tháng 2 nhuận."
    ),
    pattern=rf"{WORD_START}{_LEAP_FIRST}(?P<t>{_MONTH})",
    build=_month,
    examples=(
        Example("tháng Chạp", "2024-12-31/2025-01-28"),
        Example("tháng Giêng năm 2025", "2025-01-29/2025-02-27"),
        Example("tháng 7 âm lịch năm 2024", "2024-08-04/2024-09-02"),
        Example("tháng 2 nhuận năm Quý Mão", "2023-03-22/2023-04-19"),
        Example("cuối tháng Chạp", "2024-12-31/2025-01-28", mod=Mod.END),
        Example("tháng Chạp năm Giáp Thìn", "2024-12-31/2025-01-28"),
        Example("tháng 6 năm Ất Tỵ", "2025-06-25/2025-07-24"),
        # the leap word before the month: năm Ất Tỵ nhuận tháng 6 (has a leap sixth month)
        Example("năm nay nhuận tháng 6", "2025-07-25/2025-08-22", "nhuận tháng 6",
                reference="2025-06-30"),
        # the ordinary month beside a leap one
        Example("năm nay có tháng 6 nhuận, giỗ tính theo tháng 6 thường.",
                "2025-06-25/2025-07-24", "tháng 6 thường", reference="2025-06-30"),
    ),
    negatives=(
        "tháng 2 nhuận năm 2024", "tháng 13 âm lịch",
    ),
    priority=1,
    triggers=("tháng", *first_words(L.words.leap)),
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


_TET_PREFIX = optional(rf"{LETTER}{g('pre', _DAY_WORDS)}\s+")

lunar_tet_day = Rule(
    name="lunar_tet_day",
    doc=(
        "A day counted from Tết: mùng 1 Tết (day 1 of month 1), ngày 2 Tết; 28 Tết, "
        "30 Tết (days of the twelfth month of the year before, just before Tết)."
    ),
    pattern=(
        rf"{WORD_START}{_TET_PREFIX}{_DAY_THEN_WORD_OR_DASH}{NUMBER_START}"
        rf"{g('d', day_any(F.lex))}(?:\s?-\s?{g('d2', F.day)}(?![0-9]))?\s+"
        rf"{any_of(L.words.tet)}{WORD_END}{g('yp', L.year_after)}?"
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
    triggers=_DAY_STARTS,
)


# --- năm Ất Tỵ: a lunar year ------------------------------------------------------------------


def _lunar_year(m: RuleMatch) -> Reading | None:
    part = L.read_year(m["y"])
    if part is None or not part.named:
        return None
    first = LunarDay(part.year, 1, None, cycle=part.cycle)
    last = LunarDay(part.year, 12, None, cycle=part.cycle)
    return Reading(Range(first, last), calendar=Calendar.LUNAR, warnings=part.warnings)


lunar_year = Rule(
    name="lunar_year",
    doc=(
        "A lunar year named by its can chi: năm Ất Tỵ, năm Giáp Thìn (2024). TIMEX3 has no "
        "lunar year: its value is the range of its Gregorian days, from Tết (mùng 1 tháng "
        "Giêng) to the last day of tháng Chạp (docs/lunar.md)."
    ),
    pattern=rf"{WORD_START}năm\s+{g('y', L.named_year)}",
    build=_lunar_year,
    examples=(
        Example("năm Ất Tỵ", "2025-01-29/2026-02-16"),
        Example("Lễ hội Đền Hùng năm Ất Tỵ diễn ra", "2025-01-29/2026-02-16", "năm Ất Tỵ"),
        Example("so với năm Giáp Thìn", "2024-02-10/2025-01-28", "năm Giáp Thìn",
                reference="2025-01-31"),
        Example("năm Giáp Thìn (2024)", "2024-02-10/2025-01-28"),
        Example("năm Mậu Thân 1968", "1968-01-29/1969-02-15"),  # Tết Kỷ Dậu: 16/2/1969
        Example("cuối năm Giáp Thìn", "2024-02-10/2025-01-28", mod=Mod.END),
    ),
    negatives=(
        "năm Giáp Sửu",  # no such year: stems and branches pair odd with odd
        "năm người bạn thân",
        "năm Canh chạy bộ",
    ),
    priority=1,
    triggers=("năm",),
)


RULES = (lunar_numeric, lunar_day_month, lunar_month, lunar_tet_day, lunar_year)


# --- composition: a day without its month told beside a lunar date --------------------------

# compared without diacritics: on the accent-free path `tuc` may have been restored as
# another word than `tức`
_SAME_DAY_GAP = (
    rf"[\s,;:(]*(?:(?:{any_of(fold(w) for w in L.words.same_day)})(?![\w])[\s,:]*)?"
    r"[\s(]*"
)
_LIST_GAP = r"\s*(?:và|,)\s*"
_HEADING_AFTER = r"\s*:"
_SIMPLE_TIME = (None, None, None)


def _lunar_context(value: TimeValue) -> LunarDay | None:
    """The lunar day or month a lunar value leaves the story in (the end of a range), not a
    lunar year (``năm Ất Tỵ`` names no month)."""
    match value:
        case LunarDay():
            return value
        case Range(start=LunarDay(day=None, month=1), end=LunarDay(day=None, month=12)):
            return None
        case Range(end=LunarDay() as end):
            return end
        case Relative(within=LunarDay() as inner):
            return inner
    return None


def _names_a_day(value: TimeValue) -> bool:
    """A Gregorian value that moves the story to another day or month (``17/7``, ``tuần
    này``, ``hôm qua``); a year, a length or a clock time alone does not."""
    match value:
        case Day(month=int()) | Month() | Week():
            return True
        case PartOfDay(day=day) | TimeOfDay(day=day):
            return day.month is not None
        case Range(start=start, end=end):
            return _names_a_day(start) or _names_a_day(end)
        case Relative(grain_=grain):
            return grain in (Grain.DAY, Grain.WEEK, Grain.MONTH)
    return False


def _bare_lunar(value: TimeValue, near: LunarDay) -> LunarDay | None:
    """``value`` (a day without its month, with its time if any) as a day of the lunar
    month ``near`` is in (or the month before or after, whichever is nearer)."""
    match value:
        case Day(year=None, month=None, day=int(day)):
            time = LunarDay(None, 1, None)
        case PartOfDay(day=Day(year=None, month=None, day=int(day)), part=part):
            time = LunarDay(None, 1, None, part=part)
        case TimeOfDay(day=Day(year=None, month=None, day=int(day)), hour=hour, minute=minute):
            time = LunarDay(None, 1, None, hour=hour, minute=minute)
        case _:
            return None
    if not 1 <= day <= 30:
        return None
    return lunar_day_near(day, attrs.evolve(near, part=None, hour=None, minute=None), time)


def _in_context(value: TimeValue, near: LunarDay) -> TimeValue | None:
    """A bare day, or a range of bare days, placed in the lunar month of ``near``."""
    if isinstance(value, Range):
        first = _bare_lunar(value.start, near)
        last = None if first is None else _bare_lunar(value.end, first)
        if first is None or last is None:
            return None
        return Range(first, last)
    return _bare_lunar(value, near)


def _promoted(candidate: Candidate, value: TimeValue, wrap: Relative | None) -> Candidate:
    if wrap is not None and isinstance(value, LunarDay):
        value = attrs.evolve(wrap, within=value)
    reading = attrs.evolve(candidate.reading, value=value, calendar=Calendar.LUNAR, latent=False)
    return attrs.evolve(candidate, reading=reading, rule="lunar_context")


def _promote(text: str, found: Sequence[Candidate]) -> list[Candidate]:
    out: list[Candidate] = []
    near: LunarDay | None = None  # the lunar day or month the story is in
    wrap: Relative | None = None  # … inside a relative year (rằm tháng 7 năm nay)
    end = 0  # where the story last spoke of it
    breaks, scanned = 0, 0  # sentence breaks since then, counted up to `scanned`
    for candidate in found:
        value = candidate.reading.value
        context = _lunar_context(value) if candidate.reading.calendar is Calendar.LUNAR else None
        if context is not None:
            near, end = context, candidate.end
            wrap = value if isinstance(value, Relative) else None
            breaks, scanned = 0, candidate.end
            out.append(candidate)
            continue
        if near is not None and scanned < candidate.start:  # linear: each stretch once
            breaks += len(compiled(_SENTENCE_BREAKS).findall(text, scanned, candidate.start))
            scanned = candidate.start
        if near is not None and breaks <= 1:
            placed = _in_context(value, near)
            heading = compiled(_HEADING_AFTER).match(text, candidate.end) is not None
            if placed is not None and not (candidate.reading.latent and heading):
                candidate = _promoted(candidate, placed, wrap)
                near = _lunar_context(placed) or near
                end, breaks, scanned = candidate.end, 0, candidate.end
                out.append(candidate)
                continue
            if _names_a_day(value):
                if compiled(_SAME_DAY_GAP, 0).fullmatch(fold(text[end : candidate.start])):
                    # tức thứ Bảy, 31/5/2025: the same day again
                    end, breaks, scanned = candidate.end, 0, candidate.end
                else:
                    near = None
        elif breaks > 1:
            near = None
        out.append(candidate)
    return out


def _count_of(candidate: Candidate, days: int) -> bool:
    value = candidate.reading.value
    return (
        isinstance(value, Duration)
        and value.unit is Unit.DAY
        and value.amount == days
        and value.rest is None
    )


def _lunar_lists(text: str, found: Sequence[Candidate]) -> list[Candidate]:
    """Lunar days joined by ``và`` or a comma: a bare first day takes the second's month
    (``mùng 1 và mùng 2 Tết``); two consecutive days are one range, with a count of two
    before them (``2 ngày mùng 4 và mùng 5``), as Gregorian lists are."""
    out: list[Candidate] = []
    index = 0
    while index < len(found):
        current = found[index]
        following = found[index + 1] if index + 1 < len(found) else None
        second = None if following is None else following.reading.value
        if (
            following is not None
            and isinstance(second, LunarDay)
            and second.day is not None
            and (second.part, second.hour, second.minute) == _SIMPLE_TIME
            and compiled(_LIST_GAP).fullmatch(text, current.end, following.start)
        ):
            first = current.reading.value
            if not isinstance(first, LunarDay):
                placed = _bare_lunar(first, second)
                if placed is not None and placed.month == second.month:
                    first = placed
                    current = _promoted(current, first, None)
            if (
                isinstance(first, LunarDay)
                and first.day is not None
                and (first.part, first.hour, first.minute) == _SIMPLE_TIME
                and attrs.evolve(first, day=second.day) == second
                and second.day == first.day + 1
            ):
                start = current.start
                if out and _count_of(out[-1], 2) and text[out[-1].end : start].isspace():
                    start = out.pop().start
                reading = Reading(
                    Range(first, second),
                    direction=following.reading.direction,
                    calendar=Calendar.LUNAR,
                )
                out.append(Candidate(start, following.end, reading, "lunar_day_list"))
                index += 2
                continue
        out.append(current)
        index += 1
    return out


def in_lunar_context(text: str, found: Sequence[Candidate]) -> list[Candidate]:
    """A composition step (run by :mod:`timeline.compose` after ranges are joined): a day
    written without its month (``mùng 5``, ``ngày 13``, ``trưa mùng 5``) in the sentence
    of a lunar date or the one after is a day of that lunar month (or of the month next to
    it, whichever is nearer: ``ngày 29`` of Chạp, then ``mùng 2`` of Giêng). A Gregorian
    date in apposition (``…, tức thứ Bảy, 31/5/2025``) names the same day and keeps the
    story in the lunar month; another Gregorian day or month ends it. Then lists of lunar
    days (``2 ngày mùng 4 và mùng 5``). The decision is written down in docs/lunar.md."""
    return _lunar_lists(text, _tet_days(text, _promote(text, found)))


_MUNG = r"(?:mùng|mồng|mung|mong)\s"


def _tet_days(text: str, found: Sequence[Candidate]) -> list[Candidate]:
    """In a text about the days of Tết (a lunar day of tháng Chạp or tháng Giêng), a day
    written ``mùng N`` alone is a day of those months even after a Gregorian date has
    moved the story on (``27 Tết về quê … nghỉ từ 25/1 … mùng 2 sang nhà ngoại``): said
    alone, ``mùng 2`` is not the 2nd of a Gregorian month."""
    tet = next(
        (
            context
            for c in found
            if c.reading.calendar is Calendar.LUNAR
            and (context := _lunar_context(c.reading.value)) is not None
            and context.month in (12, 1)
            and context.leap is False
        ),
        None,
    )
    if tet is None:
        return list(found)
    out: list[Candidate] = []
    for candidate in found:
        if (
            candidate.reading.calendar is not Calendar.LUNAR
            and isinstance(candidate.reading.value, Day)
            and candidate.reading.value.month is None
            and compiled(_MUNG).match(text.lower(), candidate.start)
        ):
            placed = _in_context(candidate.reading.value, tet)
            if placed is not None:
                candidate = _promoted(candidate, placed, None)
        out.append(candidate)
    return out


def _check_cycle() -> None:  # pragma: no cover - a guard on the data, run at import
    if cycle_of_year(2024) != L.cycle_of("Giáp Thìn"):
        raise ValueError("holidays.toml: the can-chi tables do not name 2024 Giáp Thìn")


_check_cycle()
