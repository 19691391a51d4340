"""Days, months and years written with numbers, number words and month names.

``15/10/2024``, ``ngày 15 tháng 10 năm 2024``, ``ngày mười lăm tháng mười``,
``tháng 09/2025``, ``T10/2024``, ``tháng Mười``, ``năm 2023``, a bare ``2030``
where the context says it is a year.
"""

from __future__ import annotations

from timeline.calendar import is_valid_day
from timeline.grammar import DIGIT, Example, Reading, Rule, RuleMatch, fragments, g
from timeline.lexicon import data_table
from timeline.model import Day, Mod, Month, Year
from timeline.rules.patterns import (
    LETTER,
    NUMBER_END,
    NUMBER_START,
    WORD_END,
    any_of,
    compiled,
    day_any,
    digits_then,
    month_any,
    optional,
)

F = fragments()
_DAY_ANY = day_any(F.lex)
# the day or month in digits before its separator (15/10, 5-5-2022)
_BEFORE_SEPARATOR = digits_then(r"\s?[/\-.]")
_BEFORE_SLASH = digits_then(r"\s?[/\-]")
_DAY_WORD = optional(rf"{LETTER}(?:ngày|hôm|mùng|mồng)\s+")
_MONTH_ANY = month_any(F.lex)

# Words that, just before a bare day or year, say it is a date and not a count
# (lang/vi/vetoes.toml, [date_context]).
_DATE_CONTEXT = F.words(*data_table("vetoes.toml")["date_context"]["forms"])
_CLAUSE_END = r"(?=\s*(?:[.,;:!?)\]\n\"”]|$|-\s|và\s|đến\s|tới\s))"


def _day(m: RuleMatch, year: int | None, month: int | None, day: int | None) -> Reading | None:
    if month is None or day is None or not is_valid_day(year, month, day):
        return None
    return Reading(Day(year, month, day))


def _dmy(m: RuleMatch) -> Reading | None:
    return _day(m, m.year("y"), m.number("m"), m.number("d"))


numeric_day_month_year = Rule(
    name="numeric_day_month_year",
    doc="A day, month and year in digits with one separator: 15/10/2024, 5-5-2022, 01.02.2023.",
    pattern=(
        rf"{_DAY_WORD}{_BEFORE_SEPARATOR}{NUMBER_START}{g('d', F.day)}\s?(?P<s>[/\-.])\s?"
        rf"{g('m', F.month)}\s?(?P=s)\s?{g('y', F.year)}{NUMBER_END}"
    ),
    build=_dmy,
    examples=(
        Example("ngày 28/6/2016", "2016-06-28"),
        Example("theo Nghị quyết ngày 5-5-2022 của Bộ Chính trị", "2022-05-05", "ngày 5-5-2022"),
        Example("hạn chót là 01.02.2023", "2023-02-01", "01.02.2023"),
        Example("Hà Nội, ngày 20 / 11 / 2024", "2024-11-20", "ngày 20 / 11 / 2024"),
    ),
    negatives=("ngày 31/2/2024 không có", "Nghị định 15/2024/NĐ-CP", "tỷ lệ 1/3/2024 hộ"),
    triggers=("ngày", "hôm", "mùng", "mồng", DIGIT),
)


def _dm(m: RuleMatch) -> Reading | None:
    return _day(m, None, m.number("m"), m.number("d"))


day_month_after_ngay = Rule(
    name="day_month_after_ngay",
    doc="A day and month after ngày/hôm/mùng: ngày 17-10, hôm 16/10; the year is resolved.",
    pattern=(
        rf"(?:ngày|hôm|mùng|mồng)\s+{_BEFORE_SEPARATOR}{NUMBER_START}{g('d', F.day)}\s?[/\-.]\s?"
        rf"{g('m', F.month)}{NUMBER_END}"
    ),
    build=_dm,
    examples=(
        Example("ngày 17-10, tại Kanagawa", "2024-10-17", "ngày 17-10"),
        Example("hôm 16/10 đoàn đến Tokyo", "2024-10-16", "hôm 16/10"),
    ),
    negatives=("ngày 32-10 không có",),
    triggers=("ngày", "hôm", "mùng", "mồng"),
)


def _bare_dm(m: RuleMatch) -> Reading | None:
    reading = _dm(m)
    return None if reading is None else Reading(reading.value, latent=True)


bare_day_month = Rule(
    name="bare_day_month",
    doc=(
        "A bare day and month (16/10, 18-10): latent, since 2-1 may be a score and 5-6 a "
        "range of counts; promoted when it ends a range or follows a weekday or a part of day."
    ),
    # 2-3 năm is a count of years; 16/10 năm ngoái, 16/10 năm 2023 are dates
    pattern=(
        rf"{_BEFORE_SLASH}{NUMBER_START}{g('d', F.day)}\s?[/\-]\s?{g('m', F.month)}{NUMBER_END}"
        r"(?!\s?%)"
        r"(?!\s+năm(?!\s+(?:[0-9]|nay|ngoái|trước|sau|tới|qua|kia)))"
    ),
    build=_bare_dm,
    examples=(Example("từ ngày 15 đến 18-10", "2024-10-15/2024-10-18"),),
    negatives=("đội nhà thắng 2-1", "khoảng 5-6 tạ cá", "1/3 dự án", "mất 2-3 năm để hoàn thành"),
    triggers=(DIGIT,),
)


def _words_date(m: RuleMatch) -> Reading | None:
    return _day(m, m.year("y"), m.month("m"), m.number("d"))


day_month_words = Rule(
    name="day_month_words",
    doc="ngày 15 tháng 10 (năm 2024), in digits or number words: ngày mười lăm tháng mười.",
    pattern=(
        rf"(?:ngày\s+(?:mùng|mồng)|ngày|mùng|mồng)\s+{g('d', _DAY_ANY)}\s+tháng\s+"
        rf"{g('m', _MONTH_ANY)}"
        rf"(?:\s*(?:,\s*)?năm\s+{g('y', F.year)}{NUMBER_END})?"
    ),
    build=_words_date,
    examples=(
        Example("ngày 15 tháng 10 năm 2024", "2024-10-15"),
        Example("ngày mười lăm tháng mười", "2024-10-15"),
        Example("ngày hai mươi mốt tháng mười hai năm 2023", "2023-12-21"),
        Example("ngày 30 tháng 4 năm 1975", "1975-04-30"),
        Example("ngày ba mươi tháng chín", "2024-09-30"),
        Example("Ngày mùng một tháng 01 năm 2000", "2000-01-01"),
    ),
    negatives=("ngày càng tăng trưởng",),
    triggers=("ngày", "mùng", "mồng"),
)


def _month_year(m: RuleMatch) -> Reading | None:
    month = m.month("m")
    if month is None or not 1 <= month <= 12:
        return None
    return Reading(Month(m.year("y"), month))


month_year = Rule(
    name="month_year",
    doc="A month and year: tháng 10/2024, tháng 09-2025, tháng 10 năm 2024, T10/2024.",
    pattern=(
        rf"(?:tháng\s+{g('m', _MONTH_ANY)}\s*(?:[/\-.]\s?|(?:,\s*)?năm\s+)"
        rf"|(?-i:T){g('m2', F.month)}\s?[/\-.]\s?)"
        rf"{g('y', F.year)}{NUMBER_END}"
    ),
    build=lambda m: _month_year(m) if m.has("m") else _month_year_t(m),
    examples=(
        Example("Tháng 10/2024, đoàn đại biểu", "2024-10", "Tháng 10/2024"),
        Example("trong tháng 09/2025", "2025-09", "tháng 09/2025"),
        Example("tháng 10 năm 2024", "2024-10"),
        Example("kế hoạch T10/2024", "2024-10", "T10/2024"),
        Example("tháng Một năm 2025", "2025-01"),
        Example("tháng 2-2019", "2019-02"),
    ),
    negatives=("tháng 13/2024", "t10/2024"),
    triggers=("tháng", "t"),
)


def _month_year_t(m: RuleMatch) -> Reading | None:
    month = m.number("m2")
    return Reading(Month(m.year("y"), month)) if month and 1 <= month <= 12 else None


def _bare_month_year(m: RuleMatch) -> Reading | None:
    month = m.number("m")
    return Reading(Month(m.year("y"), month)) if month and 1 <= month <= 12 else None


bare_month_year = Rule(
    name="bare_month_year",
    doc="A bare month/year in digits: (6/2020), 2-2019.",
    pattern=(
        rf"{_BEFORE_SLASH}{NUMBER_START}{g('m', F.month)}\s?[/\-]\s?{g('y', F.year)}{NUMBER_END}"
    ),
    build=_bare_month_year,
    examples=(Example("Hội nghị (6/2020) tại Hà Nội", "2020-06", "6/2020"),),
    negatives=("Nghị định 12/2024/NĐ-CP", "tỷ lệ 15/2024"),
    priority=-1,
    triggers=(DIGIT,),
)


def _month(m: RuleMatch) -> Reading | None:
    month = m.month("m")
    return Reading(Month(None, month)) if month and 1 <= month <= 12 else None


month_alone = Rule(
    name="month_alone",
    doc="A month without a year: tháng 9, tháng Mười, tháng Một; the year is resolved.",
    pattern=rf"tháng\s+{g('m', _MONTH_ANY)}(?!\s*(?:lần|một\s+lần|[/\-.]\s?[0-9]))",
    build=_month,
    examples=(
        Example("tháng 9 vừa qua", "2024-09"),
        Example("vào tháng 11 tới", "2024-11", "tháng 11 tới"),
        Example("tháng 9 tới", "2025-09"),
        Example("tháng Mười", "2024-10"),
        Example("cuối tháng 6", "2024-06", mod=Mod.END),
    ),
    negatives=("tháng năm qua đi",),  # mỗi tháng một lần is a SET (rules/sets.py)
    triggers=("tháng",),
)


def _year(m: RuleMatch) -> Reading | None:
    # năm 2000 người: năm is five and 2000 counts people (spec §1)
    if compiled(_COUNTED_AFTER).match(m.match.string, m.match.end()):
        return None
    return Reading(Year(m.year("y")))


year_after_nam = Rule(
    name="year_after_nam",
    doc="năm 2023: the word năm before a four-digit number makes it a year.",
    pattern=rf"năm\s+{NUMBER_START}{g('y', F.year)}{NUMBER_END}",
    build=_year,
    examples=(
        Example("năm 2023, Thủ đô thu hút", "2023", "năm 2023"),
        Example("Năm 1975", "1975"),
    ),
    negatives=("năm 2.000 người", "năm 2000 người tham dự"),
    triggers=("năm",),
)


def _bare_year(m: RuleMatch) -> Reading | None:
    year = m.year("y")
    text = m.match.string
    before = text[max(0, m.match.start() - 20) : m.match.start()]
    after_ok = compiled(_CLAUSE_END).match(text, m.match.end()) is not None
    before_ok = compiled(_DATE_CONTEXT_BEFORE).search(before) is not None
    return Reading(Year(year), latent=not (after_ok or before_ok))


bare_year = Rule(
    name="bare_year",
    doc=(
        "A bare four-digit year (1000-2199): a year where it ends a clause or follows a word "
        "that introduces a date (tầm nhìn 2030, kế hoạch 2022); otherwise latent, since 2024 "
        "may count people or money."
    ),
    # 19xx/20xx only, and not one group of a number written in groups (1900 1288)
    pattern=(
        rf"{digits_then(WORD_END, '{4}')}(?<![0-9] ){NUMBER_START}"
        rf"{g('y', '(?:19|20)[0-9]{2}|2100')}{NUMBER_END}"
        r"(?!\s?%)(?!\s[0-9])"
    ),
    build=_bare_year,
    examples=(
        Example("tầm nhìn 2030", "2030", "2030"),
        Example("đạt 82,46% kế hoạch thu hút 2022.", "2022", "2022"),
    ),
    negatives=(
        "có 2024 người tham dự", "đón 2015 lượt khách", "mã 2024 của sản phẩm",
        "gọi tổng đài 1900 1288.",
    ),
    priority=-2,
    triggers=(DIGIT,),
)

_COUNTED_AFTER = (
    rf"\s+{any_of(f for v in F.lex.vetoes_after for f in v.forms if f[0].isalpha())}"
    r"(?![\w])"
)
_DATE_CONTEXT_BEFORE = rf"(?<![\w]){_DATE_CONTEXT}\s*$"


def _day_alone(m: RuleMatch) -> Reading | None:
    day = m.number("d")
    if day is None or not 1 <= day <= 31:
        return None
    text = m.match.string
    before = text[max(0, m.match.start() - 20) : m.match.start()]
    confirmed = compiled(_DATE_CONTEXT_BEFORE).search(before) is not None or not before.strip()
    return Reading(Day(None, None, day), latent=not confirmed)


day_alone = Rule(
    name="day_alone",
    doc=(
        "ngày 15 without a month: the month comes from the other end of a range "
        "(từ ngày 15 đến 18-10) or from the story; latent unless introduced by vào/từ/đến."
    ),
    pattern=(
        rf"(?<![0-9]\s)(?:ngày|mùng|mồng)\s+{g('d', _DAY_ANY)}"
        rf"(?!\s*(?:[/\-.]\s?[0-9]|tháng|lần|đêm|ngày|giờ|[0-9])){WORD_END}"
    ),
    build=_day_alone,
    examples=(Example("từ ngày 15 đến 18-10", "2024-10-15/2024-10-18"),),
    negatives=("ngày 2 lần",),  # 3 ngày 2 đêm is the length P3D (rules/durations.py)
    priority=-1,
    triggers=("ngày", "mùng", "mồng"),
)

RULES = (
    numeric_day_month_year,
    day_month_after_ngay,
    bare_day_month,
    day_month_words,
    month_year,
    bare_month_year,
    month_alone,
    year_after_nam,
    bare_year,
    day_alone,
)
