"""Recurrences: the SET mentions of spec §3 and §3a.

Every unit: ``hằng năm``, ``hàng năm``, ``mỗi năm``, ``thường niên`` → P1Y; ``hằng
tháng`` P1M; ``hàng tuần`` P1W; ``hằng ngày``, ``mỗi ngày`` P1D; ``từng năm`` P1Y
(``tăng đều theo từng năm``); every N units: ``mỗi 2 năm``, ``2 năm một lần`` → P2Y.
Every match of a pattern: ``mỗi thứ Hai``, ``thứ Hai hằng tuần`` → XXXX-WXX-1; ``ngày
15 hằng tháng`` → XXXX-XX-15; ``ngày 2/9 hằng năm`` → XXXX-09-02; ``mỗi sáng`` →
XXXX-XX-XXTMO; ``8h sáng hằng ngày`` → XXXX-XX-XXT08:00; ``14:00 mỗi thứ Hai`` →
XXXX-WXX-1T14:00 (a :class:`~timeline.model.Recurrence` with a ``time``).

Not recurrences: rates (``250 lượt/năm``: ``/năm`` is never read), ``hàng`` ending a
noun (``ngân hàng năm nay``, ``khách hàng tháng 10``), ``hàng hóa``, ``hàng trăm``.
``hàng tháng trời`` is a length (rules/durations.py). Vocabulary in ``lang/vi/sets.toml``;
decisions in ``docs/durations-sets.md``.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType

from timeline.calendar import is_valid_day
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
from timeline.lexicon import data_table
from timeline.model import (
    Day,
    DayPart,
    Duration,
    Grain,
    Mod,
    Month,
    PartOfDay,
    Point,
    Range,
    Recurrence,
    Ref,
    Relative,
    Season,
    TimeOfDay,
    TimeValue,
    Unit,
    Week,
    Weekday,
)
from timeline.rules.durations import (
    COUNT,
    parse_count,
    unit_word,
    words_after,
    words_at,
    words_before,
)
from timeline.rules.patterns import (
    LETTER,
    WORD_END,
    WORD_START,
    any_of,
    compiled,
    day_any,
    digits_then,
    month_any,
    optional,
)
from timeline.text import fold

__all__ = ["RULES", "schedules"]

F = fragments()
_LEX = F.lex
_DAY_ANY = day_any(_LEX)
_MONTH_ANY = month_any(_LEX)
_DATA = data_table("sets.toml")
_END = WORD_END
_NO_DAY = Day(None, None, None)


def _key(text: str | None) -> str:
    return " ".join((text or "").lower().split())


def _forms(forms: Iterable[str]) -> frozenset[str]:
    return frozenset(_key(form) for form in forms)


_EVERY = _forms(_DATA["every"]["forms"])
_COUNTED = _forms(_DATA["every"]["counted"])
_HANG = _forms(_DATA["hang"]["forms"])
# Typed without diacritics, hằng and hàng are one word: the noun compounds guard both.
_HANG_FOLDED = frozenset(fold(form) for form in _HANG)
_WORDS: Mapping[str, Unit] = MappingProxyType(
    {_key(form): Unit(entry["unit"]) for entry in _DATA["words"] for form in entry["forms"]}
)
_DAY_UNITS = _forms(_DATA["day"]["units"])
_WEEK_UNITS = _forms(_DATA["week"]["units"])
_WEEKEND = _forms(_DATA["week"]["weekend"])

_UNIT_FORMS = [*_LEX.units, "giây"]
_UNIT = rf"{any_of(_UNIT_FORMS)}{_END}"
_EVERY_WORD = rf"{WORD_START}{any_of(_EVERY)}"
_COUNTED_WORD = rf"{WORD_START}{any_of(_COUNTED)}"
_ONCE = (
    rf"(?:\s+{any_of(_DATA['once']['forms'])}{_END}"
    rf"|\s?{any_of(_DATA['once']['per'])}{_END})"
)
_PARTS = rf"{any_of(_LEX.day_parts)}{_END}"
# hàng before a part of the day only where it cannot be a noun (hàng đêm, not hàng sáng chói).
_PART_EVERY = (
    rf"{WORD_START}(?:{any_of(_DATA['day']['part_every'])}"
    rf"|{any_of(_HANG)}(?=\s+{any_of(_DATA['day']['hang_parts'])}{_END}))"
)
_PART_PREFIX = optional(rf"{any_of(_DATA['day']['part_prefix'])}\s+")
_WEEKDAYS = (
    rf"(?:{any_of(f for f in _LEX.weekdays if ' ' in f)}"
    rf"|(?-i:{any_of(f.upper() for f in _LEX.weekdays if ' ' not in f)})){_END}"
)
_DAY_PREFIX = optional(rf"{any_of(_DATA['week']['day_prefix'])}\s+")
_WEEK_EVERY = rf"{any_of(_EVERY)}\s+{any_of(_WEEK_UNITS)}{_END}"

_HANG_BEFORE = words_before(_DATA["hang"]["not_after"])
_NOT_AFTER = words_after(_DATA["not_after"]["forms"])
_PART_COMPOUND = words_at(_DATA["day"]["part_compounds"])
_DIGIT_AFTER = r"\s*(?:[/\-.]\s*)?[0-9]"


def _every_ok(m: RuleMatch, word_group: str, end: int) -> bool:
    """``hàng`` is "every" only where it does not end a noun (ngân hàng, khách hàng) and
    is not followed by a number (hàng năm 2024); no every-word before lần (từng năm lần)."""
    text = m.match.string
    word = _key(m[word_group])
    start = m.match.start(word_group)
    if fold(word) in _HANG_FOLDED:
        if _HANG_BEFORE.before(text, start):
            return False
        if compiled(_DIGIT_AFTER).match(text, end):
            return False
    return _NOT_AFTER.after(text, end) is None


def _period(count_text: str | None, unit_text: str | None) -> Duration | None:
    unit = unit_word(unit_text or "")
    if unit is None:
        return None
    amount: int | None = 1
    if count_text:
        count = parse_count(count_text)
        if count is None or count.plural or count.amount == 0:
            return None
        if count.amount is not None and not isinstance(count.amount, int):
            return None
        amount = count.amount
    return Duration(None if amount is None else amount * unit.multiple, unit.unit)


# --- every unit ----------------------------------------------------------------------------


def _every_unit(m: RuleMatch) -> Reading | None:
    if m.has("e"):
        word, unit, count = "e", m["u"], None
    else:
        word, unit, count = "c", m["cu"], m["n"]
    end = m.match.end("u" if m.has("e") else "cu")
    if not m.has("once") and not _every_ok(m, word, end):
        return None
    period = _period(count, unit)
    return None if period is None else Reading(Recurrence(period=period))


every_unit = Rule(
    name="every_unit",
    doc=(
        "hằng/hàng/mỗi/từng + a unit: every year, month, week, day (hằng năm P1Y, hàng "
        "tháng P1M, mỗi ngày P1D, theo từng năm P1Y); mỗi/cứ/định kỳ + a count: every N "
        "units (mỗi 2 năm P2Y, định kỳ 6 tháng P6M); `một lần` after it joins the span "
        "(mỗi tháng một lần P1M)."
    ),
    pattern=(
        rf"(?:{g('e', _EVERY_WORD)}\s+{g('u', _UNIT)}"
        rf"|{g('c', _COUNTED_WORD)}\s+{g('n', COUNT)}\s+{g('cu', _UNIT)})"
        rf"{g('once', _ONCE)}?"
    ),
    build=_every_unit,
    examples=(
        Example("Hằng năm, thành phố Hà Nội đã đón tiếp", "P1Y", "Hằng năm"),
        Example("tổ chức trên địa bàn hàng năm như Hội nghị", "P1Y", "hàng năm"),
        Example("mỗi năm", "P1Y"),
        Example("hằng tháng", "P1M"),
        Example("hàng tháng", "P1M"),
        Example("hằng tuần", "P1W"),
        Example("hàng tuần", "P1W"),
        Example("hằng ngày", "P1D"),
        Example("hàng ngày", "P1D"),
        Example("mỗi ngày", "P1D"),
        Example("đã tăng đều theo từng năm, theo thống kê", "P1Y", "từng năm"),
        Example("mỗi 2 năm", "P2Y"),
        Example("khám sức khỏe định kỳ 6 tháng", "P6M", "định kỳ 6 tháng"),
        Example("mỗi tháng một lần", "P1M"),
        Example("hằng quý", "P3M"),
    ),
    negatives=(
        "250 lượt/năm",
        "hàng hóa",
        "ngân hàng",
        "đầu tư",
        "dẫn đầu",
        "hàng trăm",
        "hàng nghìn",
        "các ngân hàng ngày càng cạnh tranh",
        "khách hàng ngày càng đông",
        "đã từng năm lần bảy lượt",
    ),
    triggers=first_words([*_EVERY, *_COUNTED]),
)


def _word(m: RuleMatch) -> Reading | None:
    unit = _WORDS.get(_key(m["w"]))
    return None if unit is None else Reading(Recurrence(period=Duration(1, unit)))


every_word = Rule(
    name="every_word",
    doc="thường niên (annual): every year, P1Y.",
    pattern=rf"{WORD_START}{g('w', any_of(_WORDS))}{_END}",
    build=_word,
    examples=(
        Example("được tổ chức thường niên từ năm 2016", "P1Y", "thường niên"),
        Example("Hội nghị thường niên", "P1Y", "thường niên"),
    ),
    negatives=("thường xuyên",),
    triggers=first_words(_WORDS),
)


_CU = optional(rf"{WORD_START}{LETTER}cứ\s+")  # cứ ba tháng một lần


def _once(m: RuleMatch) -> Reading | None:
    period = _period(m["n"], m["u"])
    return None if period is None else Reading(Recurrence(period=period))


once_every = Rule(
    name="once_every",
    doc="N units once: 2 năm một lần, 5 năm/lần → every N units (P2Y, P5Y).",
    pattern=rf"{_CU}{g('n', COUNT)}\s+{g('u', _UNIT)}{_ONCE}",
    build=_once,
    examples=(
        Example("Đại hội được tổ chức 2 năm một lần", "P2Y", "2 năm một lần"),
        Example("5 năm/lần", "P5Y"),
        Example("cứ ba tháng một lần", "P3M"),
    ),
    negatives=("một lần",),
    triggers=(DIGIT, "cứ", *first_words([*_LEX.unit_words, *_LEX.ten_forms])),
)


# --- every part of the day, weekday, weekend -----------------------------------------------

# The groups: every part of the day (ep, p, pw), every weekday (ew, w), a weekday every
# week (p2, w2), every weekend (ewe), every day (ed).
_WEEKDAY_AFTER = optional(rf"\s+{_DAY_PREFIX}{g('pw', _WEEKDAYS)}")
_PART_BEFORE = optional(rf"{g('p2', _PARTS)}\s+")
_PATTERN = (
    rf"(?:{g('ep', _PART_EVERY)}\s+{_PART_PREFIX}{g('p', _PARTS)}{_WEEKDAY_AFTER}"
    rf"|{g('ew', _EVERY_WORD)}\s+{_DAY_PREFIX}{g('w', _WEEKDAYS)}"
    rf"|{WORD_START}{_PART_BEFORE}{_DAY_PREFIX}{g('w2', _WEEKDAYS)}\s+{_WEEK_EVERY}"
    rf"|{g('ewe', _EVERY_WORD)}\s+{any_of(_WEEKEND)}{_END}"
    rf"|{g('ed', _EVERY_WORD)}\s+{any_of(_DAY_UNITS)}{_END})"
)


def _part(text: str | None) -> DayPart | None:
    return _LEX.day_parts.get(_key(text)) if text else None


def _weekday(text: str | None) -> int | None:
    return _LEX.weekdays.get(_key(text)) if text else None


def _pattern(m: RuleMatch) -> tuple[Day | Weekday | Week, DayPart | None] | None:
    """What repeats (any day, a weekday, the weekend) and the part of the day it repeats at."""
    text = m.match.string
    for word in ("ep", "ew", "ewe", "ed"):
        if m.has(word) and fold(_key(m[word])) in _HANG_FOLDED:
            start = m.match.start(word)
            if _HANG_BEFORE.before(text, start):
                return None  # khách hàng ngày…: hàng ends a noun
    if m.has("ep"):
        if _PART_COMPOUND.at(text, m.match.start("p")):
            return None  # mỗi chiều dài: a length, not an afternoon
        part = _part(m["p"])
        weekday = _weekday(m["pw"])
        if part is None:
            return None
        return (Weekday(weekday) if weekday else _NO_DAY), part
    if m.has("ew") or m.has("w2"):
        weekday = _weekday(m["w"] or m["w2"])
        return None if weekday is None else (Weekday(weekday), _part(m["p2"]))
    if m.has("ewe"):
        return Week(None, None, weekend=True), None
    if m.has("ed"):
        return _NO_DAY, None
    return None


def _recurrence(pattern: Day | Weekday | Week, part: DayPart | None) -> Recurrence:
    if part is None:
        return Recurrence(pattern=pattern)
    if isinstance(pattern, Day):
        return Recurrence(pattern=PartOfDay(pattern, part))
    return Recurrence(pattern=pattern, time=PartOfDay(_NO_DAY, part))


def _every_pattern(m: RuleMatch) -> Reading | None:
    found = _pattern(m)
    if found is None or found == (_NO_DAY, None):
        return None  # every day alone is a period: every_unit reads it (P1D)
    return Reading(_recurrence(*found))


every_pattern = Rule(
    name="every_pattern",
    doc=(
        "Every part of the day, weekday or weekend: mỗi sáng XXXX-XX-XXTMO, hằng đêm, mỗi "
        "thứ Hai and thứ Hai hằng tuần XXXX-WXX-1, mỗi sáng thứ Hai XXXX-WXX-1TMO, mỗi "
        "cuối tuần XXXX-WXX-WE."
    ),
    pattern=_PATTERN,
    build=_every_pattern,
    examples=(
        Example("mỗi sáng", "XXXX-XX-XXTMO"),
        Example("tập thể dục mỗi buổi sáng", "XXXX-XX-XXTMO", "mỗi buổi sáng"),
        Example("hằng đêm", "XXXX-XX-XXTNI"),
        Example("mỗi thứ Hai", "XXXX-WXX-1"),
        Example("vào thứ Hai hằng tuần", "XXXX-WXX-1", "thứ Hai hằng tuần"),
        Example("Chủ nhật hàng tuần", "XXXX-WXX-7"),
        Example("mỗi sáng thứ Hai", "XXXX-WXX-1TMO"),
        Example("sáng thứ Bảy hằng tuần", "XXXX-WXX-6TMO"),
        Example("mỗi cuối tuần", "XXXX-WXX-WE"),
        Example("mỗi ngày thứ Sáu", "XXXX-WXX-5"),
    ),
    negatives=("hàng sáng chói", "mỗi chiều dài 5 mét", "đổi mới sáng tạo"),
    triggers=first_words(
        [*_EVERY, *_LEX.day_parts, *_LEX.weekdays, *_DATA["week"]["day_prefix"]]
    ),
)


# --- a date of every month or year ---------------------------------------------------------

_SEASONS = any_of(f for f in _LEX.seasons if f.startswith("mùa "))
_DATE_EVERY = (
    rf"(?:{WORD_START}(?:ngày|mùng|mồng)\s+{g('d', _DAY_ANY)}"
    rf"(?:\s?[/\-.]\s?{g('m', F.month)}(?![0-9/\-.])|\s+tháng\s+{g('mn', _MONTH_ANY)})?"
    rf"|{WORD_START}tháng\s+{g('mo', _MONTH_ANY)}"
    rf"|{WORD_START}{g('s', _SEASONS)})"
    rf"\s+(?:của\s+)?{g('e', any_of(['hằng', 'hàng', 'mỗi']))}\s+{g('u', 'tháng|năm')}{_END}"
)


def _date_every(m: RuleMatch) -> Reading | None:
    if not _every_ok(m, "e", m.match.end("u")):
        return None
    unit = _key(m["u"])
    pattern: Point
    if m.has("d"):
        day = m.number("d")
        month = m.number("m") if m.has("m") else m.month("mn")
        if m.has("mn") and month is None:
            return None
        if day is None or not is_valid_day(None, month, day):
            return None
        if (month is None) != (unit == "tháng"):
            return None  # ngày 15 hằng tháng, ngày 2/9 hằng năm
        pattern = Day(None, month, day)
    elif m.has("mo"):
        month = m.month("mo")
        if month is None or not 1 <= month <= 12 or unit != "năm":
            return None
        pattern = Month(None, month)
    else:
        season = _LEX.seasons.get(_key(m["s"]))
        if season is None or unit != "năm":
            return None
        pattern = Season(None, season)
    return Reading(Recurrence(pattern=pattern))


date_every = Rule(
    name="date_every",
    doc=(
        "A date of every month or year: ngày 15 hằng tháng XXXX-XX-15, ngày 2/9 hằng năm "
        "XXXX-09-02, tháng 10 hằng năm XXXX-10, mùa hè hằng năm XXXX-SU."
    ),
    pattern=_DATE_EVERY,
    build=_date_every,
    examples=(
        Example("vào ngày 15 hằng tháng", "XXXX-XX-15", "ngày 15 hằng tháng"),
        Example("ngày 2/9 hằng năm", "XXXX-09-02"),
        Example("ngày 20 tháng 11 hàng năm", "XXXX-11-20"),
        Example("vào tháng 10 hằng năm", "XXXX-10", "tháng 10 hằng năm"),
        Example("mùa hè hằng năm", "XXXX-SU"),
        Example("mùng 1 hằng tháng", "XXXX-XX-01"),
    ),
    negatives=(),
    triggers=("ngày", "mùng", "mồng", "tháng", "mùa"),
)


# --- a clock time of every day or weekday --------------------------------------------------

_PHUT = optional(r"\s?phút")
_SPACED_PHUT = optional(r"\s+phút")
_MINUTES_WORDS = optional(rf"\s+{g('mw', '[0-5]?[0-9]')}{_SPACED_PHUT}")
_HOUR_THEN = digits_then(r"\s*[hg:]")  # 8h, 14:00, 20 giờ
_CLOCK = (
    rf"{_HOUR_THEN}{WORD_START}(?<![0-9][.,:/]){g('h', r'2[0-3]|[01]?[0-9]')}"
    rf"(?:\s?[hg]\s?{optional(g('mi', '[0-5][0-9]'))}{_PHUT}|\s?:\s?{g('mc', '[0-5][0-9]')}"
    rf"|\s+giờ{_MINUTES_WORDS})(?![\w])"
    + optional(rf"\s+{g('cp', _PARTS)}")
)
_VAO = r"vào\s+"
_CLOCK_LINK = r"(?:\s*,\s*|\s+)" + optional(rf"{any_of(_DATA['day']['clock_links'])}\s+")


_RANGE_BEFORE = r"(?:-|~|(?<![\w])(?:đến|tới))\s*$"


def _clock_every(m: RuleMatch) -> Reading | None:
    from timeline.rules.times import on_part_of_day

    start = m.match.start("h")
    if compiled(_RANGE_BEFORE).search(m.match.string, max(0, start - 8), start):
        return None  # từ 8h đến 22h hằng ngày: the clock time ends a range
    found = _pattern(m)
    hour = m.number("h")
    if found is None or hour is None:
        return None
    minute = next((m.number(n) for n in ("mi", "mc", "mw") if m.has(n)), None)
    pattern, part = found
    hour = on_part_of_day(hour, _part(m["cp"]) or part)
    if not 0 <= hour <= 24 or (hour == 24 and minute):
        return None
    clock = TimeOfDay(_NO_DAY, hour, 0 if minute is None else minute)
    if isinstance(pattern, Day):
        return Reading(Recurrence(pattern=clock))
    if isinstance(pattern, Weekday):
        return Reading(Recurrence(pattern=pattern, time=clock))
    return None  # a clock time of every weekend: no single day to put it on


clock_every = Rule(
    name="clock_every",
    doc=(
        "A clock time before a recurrence of days (spec §3a): 14:00 mỗi thứ Hai "
        "XXXX-WXX-1T14:00, 8h sáng hằng ngày XXXX-XX-XXT08:00, 6h mỗi sáng."
    ),
    pattern=rf"{_CLOCK}\s+{optional(_VAO)}{_PATTERN}",
    build=_clock_every,
    examples=(
        Example("họp lúc 14:00 mỗi thứ Hai", "XXXX-WXX-1T14:00", "14:00 mỗi thứ Hai"),
        Example("8h sáng hằng ngày", "XXXX-XX-XXT08:00"),
        Example("6h mỗi sáng", "XXXX-XX-XXT06:00"),
        Example("20 giờ thứ Bảy hằng tuần", "XXXX-WXX-6T20:00"),
        Example("3 giờ chiều mỗi ngày", "XXXX-XX-XXT15:00"),
        # the range of clock times and its recurrence are one SET (compose.py)
        Example(
            "mở cửa từ 8h đến 22h hằng ngày",
            "XXXX-XX-XXT08:00/XXXX-XX-XXT22:00",
            "từ 8h đến 22h hằng ngày",
        ),
    ),
    negatives=(),
    triggers=(DIGIT,),
)

clock_after_every = Rule(
    name="clock_after_every",
    doc="A recurrence of days, then its clock time: mỗi thứ Hai lúc 14h XXXX-WXX-1T14:00.",
    pattern=rf"{_PATTERN}{_CLOCK_LINK}{_CLOCK}",
    build=_clock_every,
    examples=(
        Example("mỗi thứ Hai lúc 14h", "XXXX-WXX-1T14:00"),
        Example("hằng ngày lúc 7 giờ 30", "XXXX-XX-XXT07:30"),
        Example("mỗi tối lúc 9h", "XXXX-XX-XXT21:00"),
    ),
    negatives=(),
    triggers=every_pattern.triggers,
)

_WHICH = data_table("sets.toml")["which_also"]
_WHICH_UNITS = {form: unit_word(form) for form in _WHICH["units"]}


def _which_also(m: RuleMatch) -> Reading | None:
    word = " ".join((m["u"] or "").lower().split())
    part = _LEX.day_parts.get(word)
    if part is not None:
        return Reading(Recurrence(pattern=PartOfDay(Day(None, None, None), part)))
    unit = _WHICH_UNITS.get(word)
    if unit is None:
        return None
    return Reading(Recurrence(period=Duration(1, unit.unit)))


which_also = Rule(
    name="which_also",
    doc="ngày nào cũng, đêm nào cũng, năm nào cũng: every day (night, year) — a set.",
    pattern=(
        rf"{WORD_START}{g('u', any_of([*_WHICH['units'], *_WHICH['parts']]))}\s+nào"
        rf"(?=(?:\s+[^\W\d_]+){{0,3}}?\s+{any_of(_WHICH['also'])}{_END})"
    ),
    build=_which_also,
    examples=(
        Example("ngày nào cũng có người đến", "P1D", "ngày nào"),
        Example("đêm nào anh ấy cũng thức", "XXXX-XX-XXTNI", "đêm nào"),
    ),
    negatives=("không biết ngày nào",),
    triggers=(*_WHICH["units"], *_WHICH["parts"]),
)

# --- schedules stated as a rule (a composition step: timeline.compose) ------------------

_SCHEDULE = _DATA["schedule"]
_SENTENCE_BREAK = r"[.!?…](?=\s|$)|\n"
_HEADS = rf"(?<![\w]){any_of(fold(f) for f in _SCHEDULE['heads'])}(?![\w])"
_BEFORE_RANGE = rf"(?<![\w]){any_of(fold(f) for f in _SCHEDULE['before'])}\s+$"
_PART_BEFORE = (
    rf"(?<![\w])(?:{any_of(fold(f) for f in _SCHEDULE['part_prefix'])}\s+)?"
    rf"(?P<part>{any_of(fold(f) for f in _LEX.day_parts)})\s+$"
)


def _undated_clocks(value: TimeValue) -> bool:
    """8h30, 7h30 - 11h30: clock times on no day."""
    if isinstance(value, TimeOfDay):
        return value.day == _NO_DAY
    return (
        isinstance(value, Range)
        and isinstance(value.start, TimeOfDay)
        and isinstance(value.end, TimeOfDay)
        and value.start.day == value.end.day == _NO_DAY
    )


def _weekday_of(value: TimeValue) -> tuple[int, DayPart | None] | None:
    """A weekday with no week (thứ Hai, chiều thứ Tư) and its part of the day."""
    if (
        isinstance(value, Relative)
        and value.grain is Grain.DAY
        and value.offset == 0
        and value.weekday is not None
        and value.hour is None
        and value.within is None
    ):
        return value.weekday, value.part
    return None


def _weekly(value: TimeValue) -> Recurrence | None:
    """The recurrence a value of a schedule sentence stands for, if it is one."""
    if _undated_clocks(value):
        return Recurrence(pattern=value)  # type: ignore[arg-type]
    if isinstance(value, Range):
        first, last = _weekday_of(value.start), _weekday_of(value.end)
        if first is not None and last is not None and first[1] is None and last[1] is None:
            return Recurrence(pattern=Range(Weekday(first[0]), Weekday(last[0])))
        return None
    day = _weekday_of(value)
    return None if day is None else _recurrence(Weekday(day[0]), day[1])


def _neutral(reading: Reading) -> bool:
    """Readings that say nothing of the day a sentence speaks of: a length, a set, a vague
    ref, or the date from or until which a schedule holds (Kể từ ngày 15/10/2024, …)."""
    return isinstance(reading.value, Duration | Recurrence | Ref) or reading.mod in (
        Mod.ON_OR_AFTER,
        Mod.ON_OR_BEFORE,
    )


def schedules(text: str, found: Sequence[Candidate]) -> list[Candidate]:
    """Ranges of clock times or weekdays in a sentence that states a schedule are SETs:
    ``Giờ làm việc: sáng từ 7h30 đến 11h30`` → XXXX-XX-XXT07:30/XXXX-XX-XXT11:30,
    ``Học sinh học từ thứ Hai đến thứ Sáu`` → XXXX-WXX-1/XXXX-WXX-5 (data: sets.toml
    [schedule]). Nothing changes in a sentence that also names a day."""
    if not any(
        isinstance(c.reading.value, Range) and _weekly(c.reading.value) is not None
        for c in found
    ):
        return list(found)  # no range of clock times or weekdays: most texts
    folded = fold(text)
    starts = [0, *(m.end() for m in compiled(_SENTENCE_BREAK).finditer(text))]
    out = list(found)
    by_sentence: dict[int, list[int]] = {}
    for index, candidate in enumerate(found):
        sentence = bisect.bisect_right(starts, candidate.start) - 1
        by_sentence.setdefault(sentence, []).append(index)
    for sentence, members in by_sentence.items():
        weekly = [_weekly(found[i].reading.value) for i in members]
        if any(w is None and not _neutral(found[i].reading) for i, w in zip(
            members, weekly, strict=True
        )):
            continue  # a date, a relative day: the sentence speaks of one day
        ranges = [
            i
            for i, w in zip(members, weekly, strict=True)
            if w is not None and isinstance(found[i].reading.value, Range)
        ]
        if not ranges:
            continue
        low = starts[sentence]
        high = starts[sentence + 1] if sentence + 1 < len(starts) else len(text)
        cued = compiled(_HEADS).search(folded, low, high) is not None or any(
            compiled(_BEFORE_RANGE).search(folded, max(low, found[i].start - 20), found[i].start)
            for i in ranges
        )
        if not cued:
            continue
        for i, w in zip(members, weekly, strict=True):
            if w is None:
                continue
            candidate = found[i]
            start = candidate.start
            if _undated_clocks(candidate.reading.value):
                part = compiled(_PART_BEFORE).search(folded, max(low, start - 16), start)
                if part is not None:
                    start = part.start()
            out[i] = Candidate(start, candidate.end, Reading(w), "schedule")
    return out


RULES = (
    which_also,
    every_unit,
    every_word,
    once_every,
    every_pattern,
    date_every,
    clock_every,
    clock_after_every,
)
