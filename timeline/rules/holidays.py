"""Holidays, solar and lunar: ``Quốc khánh (2/9)``, ``Tết Nguyên đán 2025``,
``Giỗ Tổ Hùng Vương (10/3 âm lịch)``, ``Tết Trung thu``, ``ngày Nhà giáo Việt Nam``.

The holidays are data (``lang/vi/holidays.toml``: each entry its names, its date and its
examples together); this module loads them, with the words of the lunar calendar that
:mod:`timeline.rules.lunar_dates` also reads, and makes one rule of them:

- a name alone is the holiday's day at its occurrence nearest the reference (the tense
  words choose the previous or the next one): a Gregorian :class:`~timeline.model.Day`
  for a solar holiday, a :class:`~timeline.model.LunarDay` (converted at resolution) for
  a lunar one, whose mention says ``calendar == "lunar"``;
- with a year (``Quốc khánh năm 2024``, ``Tết 2025``, ``Tết Giáp Thìn``) that year's;
  the year of a lunar holiday is a lunar year;
- with a date after it (``Quốc khánh (2/9)``, ``Giỗ Tổ Hùng Vương (10/3 âm lịch)``)
  the name and the date are one mention, valued by the date as written (a warning
  when it is not the holiday's date);
- a name that is also an ordinary phrase (``Phụ nữ Việt Nam``) counts only after
  ``ngày``/``lễ`` or before a date, and the words around a name can veto it
  (``bánh Trung thu``, ``tết tóc``, ``Quốc khánh Pháp``);
- an anniversary count before a name (``78 năm Quốc khánh``) is the mention (a
  duration, read by another rule); the holiday is then not one.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Iterable, Mapping
from importlib import resources
from types import MappingProxyType
from typing import Any

import attrs

from timeline.calendar import is_valid_day
from timeline.grammar import Example, Reading, Rule, RuleMatch, first_words, fragments, g
from timeline.lunar import cycle_of_year, lunar_to_gregorian
from timeline.model import Calendar, Day, DayPart, LunarDay, PartOfDay, TimeValue
from timeline.numerals import parse_number
from timeline.rules.patterns import (
    NUMBER_END,
    NUMBER_START,
    WORD_END,
    WORD_START,
    any_of,
    compiled,
    month_any,
    number_words,
    optional,
)
from timeline.text import fold

__all__ = [
    "RULES",
    "Holiday",
    "HolidayData",
    "LunarWords",
    "YearPart",
    "load_holidays",
    "lunar_grammar",
]

F = fragments()


@attrs.frozen(slots=True)
class Holiday:
    """One holiday: its names and its date together (see ``holidays.toml``)."""

    name: str
    calendar: Calendar
    month: int
    day: int  # a negative day counts from the end of a lunar month: -1 is its last day
    part: DayPart | None
    year_offset: int  # the year written with the name is this many years after the date's
    names: tuple[str, ...]
    day_names: tuple[str, ...]
    not_before: tuple[str, ...]
    not_after: tuple[str, ...]
    no_proper_name_after: bool
    proper_names_allowed: tuple[str, ...]
    examples: tuple[Example, ...]
    negatives: tuple[str, ...]


@attrs.frozen(slots=True)
class LunarWords:
    """The words of the lunar calendar, lower case."""

    markers: tuple[str, ...]
    leap: tuple[str, ...]
    ordinary: tuple[str, ...]  # thường: the ordinary month of a year with a leap one
    ordinary_before: tuple[str, ...]  # what may follow `thường` when it means ordinary
    same_day: tuple[str, ...]  # tức: a date in apposition names the same day
    day_prefixes: tuple[str, ...]
    tet: tuple[str, ...]
    day_names: Mapping[str, int]  # rằm → 15
    month_names: Mapping[str, int]  # giêng → 1, chạp → 12, một → 11
    lunar_only_months: frozenset[str]  # names that make a date lunar by themselves
    stems: Mapping[str, int]  # can: giáp → 0 … quý → 9
    branches: Mapping[str, int]  # chi: tý → 0 … hợi → 11


@attrs.frozen(slots=True, eq=False)
class HolidayData:
    lunar: LunarWords
    holidays: tuple[Holiday, ...]
    by_name: Mapping[str, Holiday]  # every name, lower case with single spaces
    day_only_names: frozenset[str]  # names that need ``ngày``/``lễ`` or a date


def _key(text: str) -> str:
    return " ".join(text.lower().split())


def _table(entries: Iterable[Mapping[str, Any]], what: str) -> dict[str, int]:
    table: dict[str, int] = {}
    for entry in entries:
        for form in entry["forms"]:
            key = _key(form)
            if key in table and table[key] != entry["value"]:
                raise ValueError(f"holidays.toml: {what} form {form!r} has two values")
            table[key] = int(entry["value"])
    return table


def _example(raw: Mapping[str, Any]) -> Example:
    return Example(
        raw["text"], raw["timex"], raw.get("span"), None, raw.get("reference", "2024-10-20")
    )


def _holiday(raw: Mapping[str, Any]) -> Holiday:
    name = raw["name"]
    calendar = Calendar.LUNAR if raw["calendar"] == "lunar" else Calendar.GREGORIAN
    if raw["calendar"] not in ("lunar", "solar"):
        raise ValueError(f"holidays.toml: {name}: calendar must be 'lunar' or 'solar'")
    month, day = int(raw["month"]), int(raw["day"])
    valid = (
        # a lunar month always has a 29th day; -1 is its last day (29th or 30th)
        1 <= month <= 12 and (1 <= day <= 29 or day == -1)
        if calendar is Calendar.LUNAR
        else is_valid_day(None, month, day)
    )
    if not valid:
        raise ValueError(f"holidays.toml: {name}: {day}/{month} is not a date")
    names = tuple(raw.get("names", ()))
    day_names = tuple(raw.get("day_names", ()))
    if not names and not day_names:
        raise ValueError(f"holidays.toml: {name}: no names")
    examples = tuple(_example(e) for e in raw.get("examples", ()))
    if not examples:
        raise ValueError(f"holidays.toml: {name}: every holiday needs an example")
    return Holiday(
        name=name,
        calendar=calendar,
        month=month,
        day=day,
        part=DayPart(raw["part"]) if "part" in raw else None,
        year_offset=int(raw.get("year_offset", 0)),
        names=names,
        day_names=day_names,
        not_before=tuple(_key(w) for w in raw.get("not_before", ())),
        not_after=tuple(_key(w) for w in raw.get("not_after", ())),
        no_proper_name_after=bool(raw.get("no_proper_name_after", False)),
        proper_names_allowed=tuple(raw.get("proper_names_allowed", ())),
        examples=examples,
        negatives=tuple(raw.get("negatives", ())),
    )


@functools.lru_cache(maxsize=4)
def load_holidays(language: str = "vi") -> HolidayData:
    """The validated holidays and lunar words of a language (read once, immutable)."""
    with resources.files(f"timeline.lang.{language}").joinpath("holidays.toml").open(
        "rb"
    ) as handle:
        raw = tomllib.load(handle)
    lunar_raw = raw["lunar"]
    months = lunar_raw["months"]
    lunar = LunarWords(
        markers=tuple(_key(m) for m in lunar_raw["markers"]),
        leap=tuple(_key(m) for m in lunar_raw["leap"]),
        ordinary=tuple(_key(m) for m in lunar_raw["ordinary"]),
        ordinary_before=tuple(_key(m) for m in lunar_raw["ordinary_before"]),
        same_day=tuple(_key(m) for m in lunar_raw["same_day"]),
        day_prefixes=tuple(_key(m) for m in lunar_raw["day_prefixes"]),
        tet=tuple(_key(m) for m in lunar_raw["tet"]),
        day_names=MappingProxyType(_table(lunar_raw["days"], "lunar day")),
        month_names=MappingProxyType(_table(months, "lunar month")),
        lunar_only_months=frozenset(
            _key(f) for m in months if m.get("lunar_only") for f in m["forms"]
        ),
        stems=MappingProxyType(_table(raw["can_chi"]["stems"], "stem")),
        branches=MappingProxyType(_table(raw["can_chi"]["branches"], "branch")),
    )
    holidays = tuple(_holiday(h) for h in raw["holidays"])
    by_name: dict[str, Holiday] = {}
    day_only: set[str] = set()
    for holiday in holidays:
        for form in (*holiday.names, *holiday.day_names):
            key = _key(form)
            if key in by_name:
                raise ValueError(
                    f"holidays.toml: name {form!r} of {holiday.name} is also a name of "
                    f"{by_name[key].name}"
                )
            by_name[key] = holiday
        day_only.update(_key(form) for form in holiday.day_names)
    return HolidayData(lunar, holidays, MappingProxyType(by_name), frozenset(day_only))


# --- the grammar of lunar dates and years, shared with rules/lunar_dates.py ---------------


@attrs.frozen(slots=True)
class YearPart:
    """A year written after a date or a holiday: a number, a can-chi name, or both."""

    year: int | None
    cycle: int | None
    warnings: tuple[str, ...] = ()
    named: bool = False  # written with its can-chi name (năm Ất Tỵ): a lunar year


@attrs.frozen(slots=True, eq=False)
class LunarGrammar:
    """Regex pieces (no named groups) for the lunar calendar, and their readers."""

    words: LunarWords
    marker: str  # `âm lịch`, `(ÂL)` after a date, with the space or parenthesis before it
    leap: str
    can_chi: str
    year_after: str  # `năm 2025`, `năm Giáp Thìn`, `Giáp Thìn (2024)`, `2025`, `(năm 2025)`
    year_after_nam: str  # only the forms with `năm` (after a lunar date in words)
    cycle_after: str  # a can-chi name without `năm`: `rằm tháng Giêng Ất Tỵ`
    named_year: str  # a can-chi name with its number or not: `Ất Tỵ`, `Ất Tỵ (2025)`
    ordinary: str  # `thường` where it means the ordinary month (`tháng 6 thường.`)
    day: str  # a day of a lunar month: digits, number words, `rằm`
    month: str  # a month after `tháng`: digits, number words, lunar and Gregorian names

    def cycle_of(self, text: str) -> int | None:
        """The place 0..59 of a can-chi year name (``Giáp Thìn`` → 40), or None."""
        words = _key(text).split()
        if len(words) != 2:
            return None
        stem = self.words.stems.get(words[0])
        branch = self.words.branches.get(words[1])
        if stem is None or branch is None or stem % 2 != branch % 2:
            return None  # Giáp Sửu does not exist: stems and branches pair odd with odd
        return next(c for c in range(60) if c % 10 == stem and c % 12 == branch)

    def read_year(self, text: str | None) -> YearPart | None:
        """The year and/or can-chi of a year part; None when the part names no year."""
        if text is None:
            return YearPart(None, None)
        number = compiled(_YEAR_DIGITS).search(text)
        year = int(number.group(0)) if number else None
        name = re.search(self.can_chi, text, re.IGNORECASE)
        if name is None:
            return YearPart(year, None)
        cycle = self.cycle_of(name.group(0))
        if cycle is None:
            return None
        if year is None:
            return YearPart(None, cycle, named=True)
        if cycle_of_year(year) != cycle:
            return YearPart(year, None, (f"the year {year} is not {name.group(0)}",), True)
        return YearPart(year, None, named=True)

    def read_day(self, text: str) -> int | None:
        key = _key(text)
        if key in self.words.day_names:
            return self.words.day_names[key]
        value = parse_number(text, F.lex)
        return value if value is not None and 1 <= value <= 30 else None

    def read_month(self, text: str, lunar: bool) -> int | None:
        """A month after ``tháng``; ``lunar`` reads the traditional lunar names (Một = 11)."""
        key = _key(text)
        if key in self.words.lunar_only_months or (lunar and key in self.words.month_names):
            return self.words.month_names[key]
        if key.isdigit():
            value: int | None = int(key)
        elif key in F.lex.month_names:
            if key in F.lex.capitalised_month_names and not text[:1].isupper():
                return None
            value = F.lex.month_names[key]
        else:
            value = parse_number(text, F.lex)
        return value if value is not None and 1 <= value <= 12 else None

    def is_lunar_only(self, month_text: str | None) -> bool:
        return month_text is not None and _key(month_text) in self.words.lunar_only_months


_YEAR_DIGITS = F.year


@functools.lru_cache(maxsize=1)
def lunar_grammar() -> LunarGrammar:
    words = load_holidays().lunar
    stems = any_of(words.stems)
    branches = any_of(words.branches)
    can_chi = rf"(?:{stems}\s+{branches}{WORD_END})"
    year = rf"{NUMBER_START}{F.year}{NUMBER_END}"
    named = rf"(?:{year}|{can_chi}(?:\s+\(?{year}\)?)?)"
    year_after_nam = rf"(?:\s*(?:,\s*)?năm\s+{named})"
    year_after = (
        rf"(?:{year_after_nam}|\s*\(\s*(?:năm\s+)?{named}\s*\)"
        rf"|\s+{can_chi}(?:\s+\(?{year}\)?)?|\s+{year}(?!\s?%))"
    )
    markers = any_of(words.markers)
    marker = rf"(?:\s*\(\s*{markers}\s*\)|(?:\s*,)?\s+{markers}{WORD_END})"
    lunar_months = any_of(words.month_names)
    ordinary_before = any_of(words.ordinary_before)
    ordinary = (
        rf"{any_of(words.ordinary)}{WORD_END}"
        rf"(?=\s*(?:[,.;:!?()\n]|$|{ordinary_before}{WORD_END}))"
    )
    return LunarGrammar(
        words=words,
        marker=marker,
        leap=any_of(words.leap) + WORD_END,
        can_chi=can_chi,
        year_after=year_after,
        year_after_nam=year_after_nam,
        cycle_after=rf"(?:\s+{can_chi}(?:\s+\(?{year}\)?)?)",
        named_year=rf"(?:{can_chi}(?:\s+\(?{year}\)?)?)",
        ordinary=ordinary,
        day=(
            rf"(?:{F.day}(?![0-9])|{number_words(F.lex)}{WORD_END}"
            rf"|{any_of(words.day_names)}{WORD_END})"
        ),
        month=rf"(?:{month_any(F.lex)}|{lunar_months}{WORD_END})",
    )


# --- the holiday rule ------------------------------------------------------------------------

L = lunar_grammar()
DATA = load_holidays()

_PREFIX = r"(?:ngày\s+lễ|ngày\s+hội|ngày|lễ|đại\s+lễ)"
_PREFIX_BEFORE = optional(rf"(?P<pre>{_PREFIX})\s+")
_DATE_NUMERIC = (
    rf"{NUMBER_START}{g('dd', F.day)}\s?(?P<ds>[/\-.])\s?{g('dm', F.month)}"
    rf"(?:\s?(?P=ds)\s?{g('dy', F.year)})?{NUMBER_END}{g('dmk', L.marker)}?"
)
_DATE_WORDS = (
    rf"(?:(?:mùng|mồng)\s+)?{g('wd', L.day)}\s+tháng\s+{g('wm', L.month)}"
    rf"(?:\s+năm\s+{g('wy', F.year)}{NUMBER_END})?{g('wmk', L.marker)}?"
)
_DATE_INNER = rf"(?:ngày\s+)?(?:{_DATE_NUMERIC}|{_DATE_WORDS})"
_WEEKDAY = rf"{g('wk', any_of(F.lex.weekdays))}{WORD_END}\s*(?:,\s*)?"
# in parentheses the date may follow its weekday: Rằm Trung thu (thứ Ba, 17/9)
_DATE_AFTER = rf"(?:(?:\s*(?P<op>\()\s*(?:{_WEEKDAY})?|(?:\s*,)?\s+){_DATE_INNER}(?(op)\s*\)))"
_COUNT_BEFORE = rf"(?<![\w])(?:[0-9]+|{F.number_words})\s+năm\s+(?:{_PREFIX}\s+)?$"
_WORD = r"[^\S\n]*([^\W\d_]+)"
_CLAUSE = r"[^,.;:!?()\n\"“”]{0,80}"


def _same_words(written: list[str], form: list[str]) -> bool:
    """Words of the text against the words of a form, without their diacritics: the text
    may be typed without them (``banh Trung thu``), and the accent-free path may have
    given a word around the match the marks of another word. The veto words are chosen
    so that this folding does not make them common words (``đèn`` alone would be
    ``đến``; ``đèn lồng`` is kept)."""
    return len(written) == len(form) and all(
        fold(w) == fold(f) for w, f in zip(written, form, strict=True)
    )


def _ends_with_word(text: str, words: Iterable[str]) -> bool:
    written = _key(text).split()
    return any(_same_words(written[-len(w.split()) :], w.split()) for w in words)


def _starts_with_word(text: str, words: Iterable[str]) -> bool:
    written = _key(text).split()
    return any(_same_words(written[: len(w.split())], w.split()) for w in words)


def _foreign(m: RuleMatch, holiday: Holiday) -> bool:
    """A capitalised word after the name: another people's holiday (``Quốc khánh Pháp``,
    ``Tết Songkran``), unless the clause names an allowed one (``Việt Nam``)."""
    text = m.match.string
    end = m.match.end()
    following = compiled(_WORD).match(text, end)
    if following is None:
        return False
    word = following.group(1)
    if _key(word) in ("nước", "của"):
        following = compiled(_WORD).match(text, following.end())
        if following is None:
            return False
        word = following.group(1)
    name = m["name"] or ""
    if not word[:1].isupper() or (word.isupper() and name.isupper()):
        return False  # a lower-case word, or a headline in capitals
    clause = compiled(_CLAUSE).match(text, end)
    rest = clause.group(0) if clause else ""
    return not any(allowed.lower() in rest.lower() for allowed in holiday.proper_names_allowed)


def _vetoed(m: RuleMatch, holiday: Holiday) -> bool:
    text = m.match.string
    start = m.match.start()
    before = text[max(0, start - 30) : start]
    has_date = m.has("dd") or m.has("wd")
    if _ends_with_word(before, holiday.not_before):
        return True
    if not has_date and compiled(_COUNT_BEFORE).search(before):
        return True  # 78 năm Quốc khánh: an anniversary, the count is the mention
    name_key = _key(m["name"] or "")
    if name_key in DATA.day_only_names and not (m.has("pre") or has_date):
        return True
    after_name = text[m.match.end("name") : m.match.end("name") + 30]
    if _starts_with_word(after_name, holiday.not_after):
        return True
    has_year = m.has("yp") or m.has("yp2")  # Tết 2025 Sở …: the year ends the name
    return holiday.no_proper_name_after and not (has_date or has_year) and _foreign(m, holiday)


def _explicit_date(
    m: RuleMatch, holiday: Holiday, year: int | None
) -> tuple[TimeValue, Calendar, tuple[str, ...]] | None:
    """The date written after the name, in the calendar it is written in."""
    if m.has("dd"):
        day, month = m.number("dd"), m.number("dm")
        marked, lunar_name = m.has("dmk"), False
        if m.has("dy"):
            year = m.year("dy")
    else:
        lunar_name = L.is_lunar_only(m["wm"])
        marked = m.has("wmk")
        day = L.read_day(m["wd"] or "")
        month = L.read_month(m["wm"] or "", marked or lunar_name)
        if m.has("wy"):
            year = m.year("wy")
    if day is None or month is None:
        return None
    lunar = marked or lunar_name or (
        holiday.calendar is Calendar.LUNAR and (month, day) == (holiday.month, holiday.day)
    )
    warnings: tuple[str, ...] = ()
    if lunar:
        if not 1 <= day <= 30:
            return None
        if year is not None and lunar_to_gregorian(year, month, day) is None:
            return None
        if holiday.calendar is Calendar.LUNAR and (month, day) != (holiday.month, holiday.day):
            warnings = (f"{holiday.name} is {holiday.day}/{holiday.month} (lunar), "
                        f"the text says {day}/{month}",)
        return LunarDay(year, month, day), Calendar.LUNAR, warnings
    if not is_valid_day(year, month, day):
        return None
    if holiday.calendar is Calendar.GREGORIAN and (month, day) != (holiday.month, holiday.day):
        warnings = (f"{holiday.name} is {holiday.day}/{holiday.month}, "
                    f"the text says {day}/{month}",)
    return Day(year, month, day), Calendar.GREGORIAN, warnings


def _holiday_value(holiday: Holiday, part: YearPart) -> tuple[TimeValue, Calendar]:
    if holiday.calendar is Calendar.LUNAR:
        # Giao thừa 2025 is the last night of lunar 2024: the year written is the one after
        year = None if part.year is None else part.year + holiday.year_offset
        cycle = None if part.cycle is None else (part.cycle + holiday.year_offset) % 60
        value = LunarDay(year, holiday.month, holiday.day, cycle=cycle, part=holiday.part)
        return value, Calendar.LUNAR
    day = Day(part.year, holiday.month, holiday.day)
    if holiday.part is not None:
        return PartOfDay(day, holiday.part), Calendar.GREGORIAN
    return day, Calendar.GREGORIAN


def _build(m: RuleMatch) -> Reading | None:
    holiday = DATA.by_name.get(_key(m["name"] or ""))
    if holiday is None or _vetoed(m, holiday):
        return None
    part = L.read_year(m["yp"] if m.has("yp") else m["yp2"])
    if part is None:
        return None
    if m.has("dd") or m.has("wd"):
        explicit = _explicit_date(m, holiday, part.year)
        if explicit is None:
            return None
        value, calendar, warnings = explicit
        weekday = F.lex.weekdays.get(_key(m["wk"] or ""))
        return Reading(
            value, calendar=calendar, warnings=part.warnings + warnings, weekday=weekday
        )
    value, calendar = _holiday_value(holiday, part)
    return Reading(value, calendar=calendar, warnings=part.warnings)


def _names() -> str:
    return any_of(DATA.by_name)


holiday = Rule(
    name="holiday",
    doc=(
        "A holiday by its name (lang/vi/holidays.toml), alone, with a year or with its date "
        "after it: Quốc khánh (2/9), Tết Nguyên đán 2025, Giỗ Tổ Hùng Vương (10/3 âm lịch)."
    ),
    pattern=(
        rf"{WORD_START}{_PREFIX_BEFORE}(?P<name>{_names()}){WORD_END}"
        rf"{optional(g('yp', L.year_after))}{optional(_DATE_AFTER)}"
        rf"{optional(g('yp2', L.year_after_nam))}"
    ),
    build=_build,
    examples=tuple(e for h in DATA.holidays for e in h.examples),
    negatives=tuple(n for h in DATA.holidays for n in h.negatives),
    priority=1,
    # A name of several words from its first two (quốc khánh, not every quốc of a text)
    triggers=("ngày", "lễ", "đại", *first_words(DATA.by_name, with_next=first_words(DATA.by_name))),
)

RULES = (holiday,)
