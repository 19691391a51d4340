"""Periods longer than a month: decades, centuries, quarters, halves, seasons, the first
N months of a year, and spans of years written as one expression.

``những năm 2000``, ``thập niên 90``, ``thế kỷ XXI``, ``quý III năm 2024``,
``6 tháng đầu năm 2024``, ``nửa cuối năm``, ``mùa hè 2024``, ``10 tháng năm 2024``,
``giai đoạn 2016-2020``, ``5 năm 2021-2025``, ``15-18/10``.
"""

from __future__ import annotations

from timeline.calendar import is_valid_day
from timeline.grammar import (
    DIGIT,
    Example,
    Reading,
    Rule,
    RuleMatch,
    first_words,
    followed_by,
    fragments,
    g,
)
from timeline.model import (
    Century,
    Day,
    Decade,
    Half,
    Month,
    Quarter,
    Range,
    Season,
    Year,
)
from timeline.rules.patterns import (
    LETTER,
    NUMBER_END,
    NUMBER_START,
    WORD_END,
    any_of,
    digits_then,
    number_words,
    optional,
)

F = fragments()
_LEX = F.lex
_NUMBER_WORDS = number_words(_LEX)
_THEN_WORD = f"(?:{LETTER}|" + digits_then(r"\s") + ")"  # a count in words, or digits and a space


def _decade(m: RuleMatch) -> Reading | None:
    digits = m["dec"] or ""
    number = int(digits)
    if len(digits) == 4:
        if number % 10:
            return None
        return Reading(Decade(number // 10))
    if len(digits) == 2 and number % 10 == 0:
        return Reading(Decade(190 + number // 10))
    return None


decade = Rule(
    name="decade",
    doc="những năm 2000, thập niên 90, thập kỷ 1980: a two-digit decade is of the 1900s.",
    pattern=(
        rf"(?:những\s+năm|các\s+năm|thập\s+(?:niên|kỷ|kỉ))\s+{NUMBER_START}"
        rf"{g('dec', '[0-9]{4}|[0-9]{2}')}(?:s)?{NUMBER_END}"
    ),
    build=_decade,
    examples=(
        Example("những năm 2000, đầu tư", "200", "những năm 2000"),
        Example("thập niên 90", "199"),
        Example("thập kỷ 1980", "198"),
    ),
    negatives=("những năm 2001 người", "những năm 95"),
    triggers=(*followed_by(("những", "các"), ("năm",)), "thập"),
)


def _century(m: RuleMatch) -> Reading | None:
    number = m.number("c")
    return Reading(Century(number - 1)) if number and 1 <= number <= 30 else None


century = Rule(
    name="century",
    doc="thế kỷ XXI, thế kỉ 20: the value is the year divided by 100 (thế kỷ 21 → 20).",
    pattern=rf"thế\s+k[ỷỉ]\s+{g('c', F.roman + '|[0-9]{1,2}')}{NUMBER_END}",
    build=_century,
    examples=(
        Example("thế kỷ XXI", "20"),
        Example("thế kỉ 20", "19"),
        Example("trong thế kỷ XX", "19", "thế kỷ XX"),
    ),
    negatives=("thế kỷ ix vàng",),
    triggers=("thế",),
)

_QUARTER_NUMBER = (
    rf"[1-4](?![0-9])|{F.roman}|{any_of(['một', 'hai', 'ba', 'bốn', 'tư'])}{WORD_END}"
)


_QUARTER_WORDS = {"một": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4}


def _quarter(m: RuleMatch) -> Reading | None:
    word = (m["q"] or "").lower()
    number = _QUARTER_WORDS[word] if word in _QUARTER_WORDS else m.number("q")
    if number is None or not 1 <= number <= 4:
        return None
    return Reading(Quarter(m.year("y"), number))


quarter = Rule(
    name="quarter",
    doc="quý 3/2024, quý III năm 2024, quý I: the year, when missing, is resolved.",
    pattern=(
        rf"quý\s+{g('q', _QUARTER_NUMBER)}"
        rf"(?:\s*(?:[/\-.]\s?|(?:,\s*)?(?:của\s+)?năm\s+){g('y', F.year)}{NUMBER_END})?"
    ),
    build=_quarter,
    examples=(
        Example("quý 3/2024", "2024-Q3"),
        Example("quý III năm 2024", "2024-Q3"),
        Example("trong quý I", "2024-Q1", "quý I"),
        Example("quý IV-2023", "2023-Q4"),
        Example("Quý tư năm 1900", "1900-Q4"),
    ),
    negatives=("Quý Châu là tỉnh", "đồ quý giá", "quý V"),
    triggers=("quý",),
)

_FIRST = {"đầu": 1, "cuối": 2, "sau": 2}


def _half(m: RuleMatch) -> Reading | None:
    which = (m["which"] or "").lower()
    return Reading(Half(m.year("y"), _FIRST[which]))


half = Rule(
    name="half",
    doc="6 tháng đầu năm 2024 → 2024-H1; nửa cuối năm → H2 of the resolved year.",
    pattern=(
        rf"(?:(?:6|sáu)\s+tháng|nửa)\s+{g('which', 'đầu|cuối|sau')}\s+(?:của\s+)?năm"
        rf"(?:\s+{g('y', F.year)}{NUMBER_END})?{WORD_END}"
    ),
    build=_half,
    examples=(
        Example("6 tháng đầu năm 2024", "2024-H1"),
        Example("nửa cuối năm", "2024-H2"),
        Example("sáu tháng cuối năm 2023", "2023-H2"),
    ),
    negatives=("nửa đầu tiên",),
    priority=1,
    triggers=(DIGIT, "sáu", "nửa"),
)


def _first_months(m: RuleMatch) -> Reading | None:
    count = m.number("n")
    if count is None or not 2 <= count <= 12:
        return None
    year = m.year("y")
    if (m["which"] or "").lower() == "cuối":
        return Reading(Range(Month(year, 13 - count), Month(year, 12)))
    return Reading(Range(Month(year, 1), Month(year, count)))


first_months = Rule(
    name="first_months",
    doc=(
        "N tháng (đầu) năm YYYY: the first N months, a range of months "
        "(10 tháng năm 2024 → 2024-01/2024-10; 11 tháng của năm 2023 → 2023-01/2023-11)."
    ),
    pattern=(
        rf"{_THEN_WORD}{NUMBER_START}{g('n', '[0-9]{1,2}|' + _NUMBER_WORDS)}\s+tháng\s+"
        rf"(?:{g('which', 'đầu|cuối')}\s+)?(?:của\s+)?năm"
        rf"(?:\s+{g('y', F.year)}{NUMBER_END})?{WORD_END}"
    ),
    build=_first_months,
    examples=(
        Example(
            "Tính chung 10 tháng năm 2024, toàn thành phố", "2024-01/2024-10", "10 tháng năm 2024"
        ),
        Example("Trong 9 tháng năm 2020", "2020-01/2020-09", "9 tháng năm 2020"),
        Example("11 tháng của năm 2023", "2023-01/2023-11"),
        Example("3 tháng cuối năm 2023", "2023-10/2023-12"),
    ),
    negatives=("13 tấn hàng hóa",),
    triggers=(DIGIT, *first_words([*_LEX.unit_words, *_LEX.ten_forms])),
)


def _season(m: RuleMatch) -> Reading | None:
    name = " ".join((m["s"] or m["s2"] or "").lower().split())
    season = _LEX.seasons.get(name) or _LEX.seasons.get("mùa " + name)
    return Reading(Season(m.year("y"), season)) if season else None


season = Rule(
    name="season",
    doc="mùa hè 2024, mùa thu năm 2023 (meteorological seasons; a year is required).",
    pattern=(
        rf"(?:mùa\s+{g('s', 'xuân|hè|hạ|thu|đông')}|{g('s2', 'hè|xuân')})"
        rf"\s+(?:năm\s+)?{NUMBER_START}{g('y', F.year)}{NUMBER_END}"
    ),
    build=_season,
    examples=(
        Example("mùa hè 2024", "2024-SU"),
        Example("mùa thu năm 2023", "2023-FA"),
        Example("Chương trình HÈ 2025 cho thiếu nhi", "2025-SU", "HÈ 2025"),
    ),
    negatives=("mùa xuân của dân tộc",),
    triggers=("mùa", "hè", "xuân"),
)

_PERIOD_FORMS = (
    "giai đoạn",
    "nhiệm kỳ",
    "thời kỳ",
    "niên khóa",
    "niên khoá",
    "niên độ",
    "mùa giải",
    "năm học",
)
_PERIOD_WORDS = any_of(_PERIOD_FORMS)
_YEAR_THEN_DASH = digits_then(r"\s?[\-/]", "{4}")
# giai đoạn (mới), (các|những) năm, 5 năm: before a span of years
_NEW = optional(r"mới\s+")
_PLURAL = optional(r"(?:các|những)\s+")
_YEARS_BEFORE = optional(
    rf"{LETTER}(?:{g('period', _PERIOD_WORDS)}\s+{_NEW}|{_PLURAL}năm\s+)"
) + optional(rf"{g('n', '[0-9]{1,3}')}\s+năm\s+")



def _year_range(m: RuleMatch) -> Reading | None:
    first, last = m.year("y1"), m["y2"]
    if first is None or last is None:
        return None
    if len(last) == 2:  # mùa giải 2024/25: the century of the first year
        if not m.has("period"):
            return None
        last_year = first // 100 * 100 + int(last)
        if last_year <= first:
            last_year += 100
    else:
        last_year = int(last)
    if not first < last_year <= first + 100:
        return None
    count = m.number("n")
    if count is not None and count not in (last_year - first, last_year - first + 1):
        return None
    return Reading(Range(Year(first), Year(last_year)))


year_range = Rule(
    name="year_range",
    doc=(
        "A span of years as one expression: 2016-2020, giai đoạn 2016-2020, nhiệm kỳ "
        "2020-2025, and a count in apposition naming the same span: 5 năm 2021-2025."
    ),
    pattern=(
        rf"{_YEARS_BEFORE}{_YEAR_THEN_DASH}{NUMBER_START}{g('y1', F.year)}\s?[\-/]\s?"
        rf"{g('y2', F.year + '|[0-9]{2}')}{NUMBER_END}"
    ),
    build=_year_range,
    examples=(
        Example("giai đoạn 2016-2020", "2016/2020"),
        Example("Kế hoạch 5 năm 2021-2025, góp phần", "2021/2025", "5 năm 2021-2025"),
        Example("nhiệm kỳ 2020 – 2025", "2020/2025", "nhiệm kỳ 2020 – 2025"),
    ),
    negatives=("tỷ số 2020-2019", "mã số 2020-25"),
    priority=1,
    triggers=(DIGIT, *followed_by(("các", "những"), ("năm",)), *first_words(_PERIOD_FORMS)),
)


_RANGE_START = r"ngày|từ\s+ngày|từ"
_DAY_THEN_DASH = digits_then(r"\s?-|\s")  # 15-18/10, 15 đến 18/10
_RANGE_PREFIX = optional(rf"{LETTER}{g('pre', _RANGE_START)}\s+")


def _day_range(m: RuleMatch) -> Reading | None:
    if m.has("w") and not m.has("pre"):
        return None  # 15 đến 17/6 needs its từ/ngày: "tăng 15 đến 17/6" is no range
    first, last, month, year = m.number("d1"), m.number("d2"), m.number("m"), m.year("y")
    if first is None or last is None or month is None or not first < last:
        return None
    if not (is_valid_day(year, month, first) and is_valid_day(year, month, last)):
        return None
    return Reading(Range(Day(year, month, first), Day(year, month, last)))


day_range = Rule(
    name="day_range",
    doc="Days of one month: 15-18/10, ngày 15 - 18/10/2024; the month and year are shared.",
    pattern=(
        rf"{_RANGE_PREFIX}{_DAY_THEN_DASH}{NUMBER_START}{g('d1', F.day)}"
        rf"(?:\s?-\s?|\s+{g('w', 'đến|tới')}\s+)(?:ngày\s+)?{g('d2', F.day)}"
        rf"\s?(?P<s>[/\-.])\s?{g('m', F.month)}(?:\s?(?P=s)\s?{g('y', F.year)})?{NUMBER_END}"
    ),
    build=_day_range,
    examples=(
        Example("từ 15-18/10", "2024-10-15/2024-10-18"),
        Example("ngày 15 - 18/10/2024", "2024-10-15/2024-10-18"),
        Example("Từ 15 đến 17/6, trường nghỉ", "2024-06-15/2024-06-17", "Từ 15 đến 17/6"),
        Example("từ 5 đến 17/5/2023", "2023-05-05/2023-05-17"),
    ),
    negatives=("tăng 15-18/10 điểm",),
    priority=1,
    triggers=(DIGIT, "ngày", "từ"),
)


def _month_range(m: RuleMatch) -> Reading | None:
    first, last = m.number("m1"), m.number("m2")
    if first is None or last is None or not 1 <= first < last <= 12:
        return None
    year = m.year("y")
    return Reading(Range(Month(year, first), Month(year, last)))


month_range = Rule(
    name="month_range",
    doc="Months of one year: tháng 3-5/2024, tháng 3 - 5 năm 2024.",
    pattern=(
        rf"tháng\s+{g('m1', F.month)}\s?-\s?{g('m2', F.month)}"
        rf"(?:\s?[/\-.]\s?|\s+năm\s+){g('y', F.year)}{NUMBER_END}"
    ),
    build=_month_range,
    examples=(Example("tháng 3-5/2024", "2024-03/2024-05"),),
    priority=1,
    triggers=("tháng",),
)

RULES = (decade, century, quarter, half, first_months, season, year_range, day_range, month_range)
