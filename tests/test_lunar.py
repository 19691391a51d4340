"""The Vietnamese lunar calendar (timeline.lunar) and the lunar dates of the grammar.

Expected values are published dates (Tết of each year as announced in Việt Nam) and
properties of the calendar, never the program's own output.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lunar_vn import convert_lunar_to_solar

import timeline
from timeline.lunar import (
    GREGORIAN_YEARS,
    LunarDate,
    cycle_of_year,
    gregorian_to_lunar,
    leap_month,
    lunar_month_days,
    lunar_month_length,
    lunar_to_gregorian,
    lunar_year_in,
    resolve_lunar,
    year_of_cycle,
)
from timeline.model import Calendar, Day, Direction, LunarDay, Mod, Range
from timeline.resolve import resolve_again

# Tết Nguyên đán (1 Giêng) in Việt Nam, as published.
TET = {
    1985: date(1985, 1, 21),
    2007: date(2007, 2, 17),
    2019: date(2019, 2, 5),
    2020: date(2020, 1, 25),
    2021: date(2021, 2, 12),
    2022: date(2022, 2, 1),
    2023: date(2023, 1, 22),
    2024: date(2024, 2, 10),
    2025: date(2025, 1, 29),
    2026: date(2026, 2, 17),
}

# Years where the Chinese calendar (UTC+8) starts the year on another day.
CHINA_TET = {1985: date(1985, 2, 20), 2007: date(2007, 2, 18)}


@pytest.mark.parametrize(("year", "day"), sorted(TET.items()))
def test_published_tet(year: int, day: date) -> None:
    assert lunar_to_gregorian(year, 1, 1) == day
    assert gregorian_to_lunar(day) == LunarDate(year, 1, 1, False)


@pytest.mark.parametrize(("year", "china"), sorted(CHINA_TET.items()))
def test_vietnam_is_not_china(year: int, china: date) -> None:
    assert lunar_to_gregorian(year, 1, 1) == TET[year] != china
    # the same algorithm at UTC+8 gives the Chinese date: the difference is the meridian
    assert convert_lunar_to_solar(1, 1, year, 0, time_zone=8.0) == china


def test_tet_through_extract() -> None:
    for year, day in TET.items():
        (mention,) = timeline.extract(f"Tết Nguyên đán {year}")
        assert mention.timex == day.isoformat()
        assert mention.calendar == Calendar.LUNAR == "lunar"


@given(
    st.dates(
        min_value=date(GREGORIAN_YEARS[0], 1, 1), max_value=date(GREGORIAN_YEARS[1], 12, 31)
    )
)
def test_round_trip(day: date) -> None:
    lunar = gregorian_to_lunar(day)
    assert lunar_to_gregorian(lunar.year, lunar.month, lunar.day, lunar.leap) == day


@given(st.dates(min_value=date(1900, 2, 1), max_value=date(2100, 11, 30)))
def test_consecutive_days(day: date) -> None:
    """The next day is the next lunar day, or day 1 of the next month after a 29th/30th."""
    today, tomorrow = gregorian_to_lunar(day), gregorian_to_lunar(day + timedelta(days=1))
    if tomorrow.day == 1:
        assert today.day in (29, 30)
        assert lunar_month_length(today.year, today.month, today.leap) == today.day
    else:
        assert tomorrow == today._replace(day=today.day + 1)


@given(st.integers(1901, 2099), st.integers(1, 12))
def test_months_have_29_or_30_days(year: int, month: int) -> None:
    days = lunar_month_days(year, month)
    assert days is not None
    first, last = days
    assert (last - first).days + 1 in (29, 30)
    assert gregorian_to_lunar(first) == LunarDate(year, month, 1)
    assert gregorian_to_lunar(last + timedelta(days=1)).day == 1


def test_invalid_lunar_dates() -> None:
    assert lunar_month_length(2024, 1) == 29  # tháng Giêng Giáp Thìn: 10/2 … 9/3/2024
    assert lunar_to_gregorian(2024, 1, 29) == date(2024, 3, 9)
    assert lunar_to_gregorian(2024, 1, 30) is None  # lunar_vn would roll it to 10/3
    assert lunar_to_gregorian(2024, 12, 30) is None  # Tết Ất Tỵ is the day after 29 Chạp
    assert lunar_to_gregorian(2024, 2, 1, leap=True) is None  # no leap month in Giáp Thìn
    assert lunar_to_gregorian(2023, 3, 1, leap=True) is None  # Quý Mão's leap month is 2
    assert lunar_to_gregorian(2024, 13, 1) is None
    assert lunar_to_gregorian(2024, 1, 0) is None
    assert lunar_to_gregorian(1800, 1, 1) is None  # outside what the algorithm covers


def test_leap_months() -> None:
    # Published: Quý Mão 2023 has a leap 2nd month, Ất Tỵ 2025 a leap 6th, Canh Tý 2020 a 4th.
    assert [leap_month(y) for y in (2020, 2023, 2024, 2025)] == [4, 2, None, 6]
    assert lunar_month_days(2023, 2, True) == (date(2023, 3, 22), date(2023, 4, 19))


def test_can_chi() -> None:
    assert cycle_of_year(1984) == 0  # Giáp Tý
    assert cycle_of_year(2024) == 40  # Giáp Thìn
    assert year_of_cycle(41, 2030) == 2025  # Ất Tỵ nearest 2030
    assert year_of_cycle(cycle_of_year(1968), 2024) == 2028  # Mậu Thân: the nearest one
    assert year_of_cycle(cycle_of_year(1968), 1990) == 1968


@given(st.integers(0, 59), st.integers(1900, 2100))
def test_year_of_cycle(cycle: int, near: int) -> None:
    year = year_of_cycle(cycle, near)
    assert cycle_of_year(year) == cycle
    assert -29 <= year - near <= 30


# --- resolution ------------------------------------------------------------------------------

REF = date(2024, 10, 20)


def test_resolve_known_year() -> None:
    assert resolve_lunar(LunarDay(2025, 1, 1), Direction.NEAREST, None) == Day(2025, 1, 29)
    month = resolve_lunar(LunarDay(2024, 12, None), Direction.NEAREST, None)
    assert month == Range(Day(2024, 12, 31), Day(2025, 1, 28))


def test_resolve_directions() -> None:
    mid_autumn = LunarDay(None, 8, 15)
    assert resolve_lunar(mid_autumn, Direction.NEAREST, REF) == Day(2024, 9, 17)
    assert resolve_lunar(mid_autumn, Direction.PAST, REF) == Day(2024, 9, 17)
    assert resolve_lunar(mid_autumn, Direction.FUTURE, REF) == Day(2025, 10, 6)
    tet = LunarDay(None, 1, 1)
    assert resolve_lunar(tet, Direction.NEAREST, REF) == Day(2025, 1, 29)
    assert resolve_lunar(tet, Direction.PAST, REF) == Day(2024, 2, 10)


def test_resolve_anchor_and_cycle() -> None:
    tet = LunarDay(None, 1, 1)
    assert resolve_lunar(tet, Direction.NEAREST, REF, local_year=2023) == Day(2023, 1, 22)
    assert resolve_lunar(tet, Direction.NEAREST, None, any_year=2021) == Day(2021, 2, 12)
    giap_thin = LunarDay(None, 1, 1, cycle=40)
    assert resolve_lunar(giap_thin, Direction.NEAREST, REF) == Day(2024, 2, 10)
    assert resolve_lunar(giap_thin, Direction.NEAREST, None) == giap_thin  # nothing to go by


def test_resolve_month_containing_reference() -> None:
    # 2025-01-10 is inside tháng Chạp Giáp Thìn: that month is the nearest.
    month = resolve_lunar(LunarDay(None, 12, None), Direction.NEAREST, date(2025, 1, 10))
    assert month == Range(Day(2024, 12, 31), Day(2025, 1, 28))


def test_resolve_missing_day_skips_years_without_it() -> None:
    # 30 Chạp: Giáp Thìn's Chạp has 29 days, Quý Mão's 30 (9/2/2024).
    assert resolve_lunar(LunarDay(None, 12, 30), Direction.NEAREST, REF) == Day(2024, 2, 9)


def test_unresolved_value_is_x() -> None:
    (mention,) = timeline.extract("rằm tháng 7")
    assert mention.timex == "XXXX-XX-XX"
    assert mention.calendar == "lunar"
    assert mention.interval is None
    (month,) = timeline.extract("tháng Chạp")
    assert month.timex == "XXXX-XX"


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2080, 12, 31)), st.integers(1, 12),
       st.integers(1, 29))
def test_resolved_day_is_that_lunar_day(reference: date, month: int, day: int) -> None:
    for direction in Direction:
        value = resolve_lunar(LunarDay(None, month, day), direction, reference)
        assert isinstance(value, Day) and value.year and value.month and value.day
        resolved = date(value.year, value.month, value.day)
        assert gregorian_to_lunar(resolved)[1:] == (month, day, False)
        if direction is Direction.PAST:
            assert resolved <= reference
        elif direction is Direction.FUTURE:
            assert resolved >= reference
        assert abs((resolved - reference).days) <= 390


# --- the grammar -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span", "timex"),
    [
        ("10/3 âm lịch", "10/3 âm lịch", "2025-04-07"),
        ("ngày 10/3 ÂL", "ngày 10/3 ÂL", "2025-04-07"),
        ("ngày 10 tháng 3 âm lịch", "ngày 10 tháng 3 âm lịch", "2025-04-07"),
        ("mùng 1 tháng Giêng", "mùng 1 tháng Giêng", "2025-01-29"),
        ("rằm tháng Giêng", "rằm tháng Giêng", "2025-02-12"),
        ("rằm tháng 7", "rằm tháng 7", "2024-08-18"),
        ("tháng Chạp", "tháng Chạp", "2024-12-31/2025-01-28"),
        ("tháng Giêng", "tháng Giêng", "2025-01-29/2025-02-27"),
        ("tháng 2 nhuận năm 2023", "tháng 2 nhuận năm 2023", "2023-03-22/2023-04-19"),
        ("mùng 1 Tết", "mùng 1 Tết", "2025-01-29"),
        ("Tết Giáp Thìn", "Tết Giáp Thìn", "2024-02-10"),
        ("Tết Nguyên đán năm 2025", "Tết Nguyên đán năm 2025", "2025-01-29"),
        ("mồng 5 tháng 5 âm lịch năm 2024", "mồng 5 tháng 5 âm lịch năm 2024", "2024-06-10"),
    ],
)
def test_lunar_mentions(text: str, span: str, timex: str) -> None:
    mentions = timeline.extract(text, reference="2024-10-20")
    assert [(m.text, m.timex, m.calendar) for m in mentions] == [(span, timex, "lunar")]


def test_mung_alone_is_solar() -> None:
    (mention,) = timeline.extract("mồng 5 tháng 5 năm 2024")
    assert (mention.timex, mention.calendar) == ("2024-05-05", "gregorian")
    (national,) = timeline.extract("mùng 2 tháng 9 năm 2024")
    assert national.timex == "2024-09-02"


@pytest.mark.parametrize(
    "text",
    [
        "ngày 30 tháng Chạp năm 2024",  # Chạp Giáp Thìn has 29 days
        "30/1/2024 âm lịch",  # Giêng Giáp Thìn has 29 days
        "ngày 30/12/2024 (ÂL)",
        "tháng 2 nhuận năm 2024",  # Giáp Thìn has no leap month
        "ngày 30 Tết năm 2025",  # the day before Tết Ất Tỵ is 29 Chạp
    ],
)
def test_invalid_lunar_day_is_no_mention(text: str) -> None:
    assert timeline.extract(text, reference="2024-10-20") == []


def test_lunar_mention_interval_and_reresolution() -> None:
    (mention,) = timeline.extract("rằm tháng Tám", reference="2024-10-20")
    assert mention.timex == "2024-09-17"
    assert mention.interval is not None
    assert mention.interval.start.isoformat() == "2024-09-17T00:00:00+07:00"
    assert mention.unresolved == LunarDay(None, 8, 15)
    (again,) = resolve_again([mention], "2023-10-01")
    assert (again.timex, again.calendar) == ("2023-09-29", "lunar")


def test_notice_with_lunar_range_in_parentheses() -> None:
    text = (
        "Người lao động được nghỉ Tết Nguyên đán từ ngày 25/01/2025 đến hết ngày 02/02/2025 "
        "(tức từ ngày 26 tháng Chạp năm Giáp Thìn đến hết ngày mùng 5 tháng Giêng năm Ất Tỵ)."
    )
    mentions = timeline.extract(text, reference="2024-12-20")
    lunar = [m for m in mentions if m.calendar == "lunar" and "Chạp" in m.text]
    assert [(m.text, m.timex) for m in lunar] == [
        (
            "từ ngày 26 tháng Chạp năm Giáp Thìn đến hết ngày mùng 5 tháng Giêng năm Ất Tỵ",
            "2025-01-25/2025-02-02",
        )
    ]


@pytest.mark.parametrize(
    ("text", "timex"),
    [
        ("từ mùng 1 đến mùng 5 Tết", "2025-01-29/2025-02-02"),
        ("từ 23 tháng Chạp đến mùng 7 tháng Giêng", "2025-01-22/2025-02-04"),
        ("từ 28 Tết đến mùng 5", "2025-01-27/2025-02-02"),
        ("mồng 1-6 Tết", "2025-01-29/2025-02-03"),
        ("từ tháng Giêng đến tháng 3 âm lịch năm 2025", "2025-01-29/2025-04-27"),
    ],
)
def test_lunar_ranges(text: str, timex: str) -> None:
    (mention,) = timeline.extract(text, reference="2024-10-20")
    assert (mention.text, mention.timex, mention.calendar) == (text, timex, "lunar")


@pytest.mark.parametrize(
    ("text", "timex"),
    [
        # a bare first end takes the lunar month of the second, with its clock time
        ("từ 7h sáng mùng 8 đến hết ngày 15 tháng Giêng", "2025-02-05T07:00/2025-02-12"),
        ("từ tối mùng 7 đến rạng sáng mùng 8 tháng Giêng", "2025-02-04TEV/2025-02-05TMO"),
        # a Gregorian end written with its month stays Gregorian; each end in its calendar
        ("từ 25/01 đến hết mùng 4 Tết", "2025-01-25/2025-02-01"),
        ("từ 20/12 đến mùng 5 Tết", "2024-12-20/2025-02-02"),
    ],
)
def test_ranges_with_one_lunar_end(text: str, timex: str) -> None:
    (mention,) = timeline.extract(text, reference="2024-10-20")
    assert (mention.text, mention.timex, mention.calendar) == (text, timex, "lunar")


# --- the lunar year of tháng Chạp ------------------------------------------------------------


def test_lunar_year_in_a_gregorian_year() -> None:
    # Chạp of lunar 2024 falls in January 2025; the other months of 2025 in 2025
    assert lunar_year_in(LunarDay(None, 12, 26), 2025) == 2024
    assert lunar_year_in(LunarDay(None, 12, 5), 2024) == 2023  # 15/1/2024 (2024's: 4/1/2025)
    assert lunar_year_in(LunarDay(None, 12, None), 2025) == 2024  # 31/12/2024 … 28/1/2025
    assert lunar_year_in(LunarDay(None, 1, 1), 2025) == 2025
    assert lunar_year_in(LunarDay(None, 11, 1), 2024) == 2024  # 1/12/2024


@pytest.mark.parametrize(
    ("text", "reference", "span", "timex"),
    [
        # the Gregorian date beside it says which Chạp (not the lunar year 2025's)
        ("Cao điểm nhất là ngày 25/1/2025 (tức 26 tháng Chạp).", "2024-12-05",
         "26 tháng Chạp", "2025-01-25"),
        ("Thời gian: 18h00 thứ Sáu, ngày 17/01/2025 (tức 18 tháng Chạp).", "2025-01-06",
         "18 tháng Chạp", "2025-01-17"),
        ("Mùng 1 Tết Bính Ngọ rơi vào thứ Ba, 17/2/2026. Ngày ông Công ông Táo (23 tháng "
         "Chạp) là thứ Ba 10/2/2026.", "2025-10-20",
         "Ngày ông Công ông Táo (23 tháng Chạp)", "2026-02-10"),
        # a month that falls inside its Gregorian year is unchanged
        ("Năm 2019, lễ hội khai mạc vào rằm tháng Giêng.", "2024-10-20",
         "rằm tháng Giêng", "2019-02-19"),
    ],
)
def test_chap_lands_in_the_year_of_the_story(
    text: str, reference: str, span: str, timex: str
) -> None:
    mentions = timeline.extract(text, reference=reference)
    assert (span, timex) in [(m.text, m.timex) for m in mentions]


# --- can-chi years, lunar years, leap and ordinary months ------------------------------------


@pytest.mark.parametrize(
    ("text", "span", "timex"),
    [
        ("rơi vào mùng 5 tháng 5 năm Ất Tỵ", "mùng 5 tháng 5 năm Ất Tỵ", "2025-05-31"),
        ("tức ngày hai mươi bốn tháng Mười năm Giáp Thìn",
         "ngày hai mươi bốn tháng Mười năm Giáp Thìn", "2024-11-24"),
        ("Rằm tháng Giêng Ất Tỵ", "Rằm tháng Giêng Ất Tỵ", "2025-02-12"),
        ("Lễ hội Đền Hùng năm Ất Tỵ", "năm Ất Tỵ", "2025-01-29/2026-02-16"),
        ("tăng 10% so với năm Giáp Thìn", "năm Giáp Thìn", "2024-02-10/2025-01-28"),
        ("Đêm Giao thừa rơi vào tối 28/1", "Đêm Giao thừa", "2025-01-28TNI"),
        ("năm Ất Tỵ nhuận tháng 6", "nhuận tháng 6", "2025-07-25/2025-08-22"),
        ("Hẹn gặp lại vào Trung thu năm sau!", "Trung thu năm sau", "2025-10-06"),
    ],
)
def test_lunar_years_and_months(text: str, span: str, timex: str) -> None:
    mentions = timeline.extract(text, reference="2024-12-30")
    found = [(m.text, m.timex, m.calendar) for m in mentions]
    assert (span, timex, "lunar") in found, found


def test_can_chi_year_makes_a_date_lunar_but_a_number_does_not() -> None:
    (solar,) = timeline.extract("mùng 5 tháng 5 năm 2025")
    assert (solar.timex, solar.calendar) == ("2025-05-05", "gregorian")
    (lunar,) = timeline.extract("mùng 5 tháng 5 năm Ất Tỵ 2025")
    assert (lunar.timex, lunar.calendar) == ("2025-05-31", "lunar")


def test_thuong_is_ordinary_only_beside_a_leap_month() -> None:
    text = "Năm nay có tháng 6 nhuận, nhưng giỗ tính theo tháng 6 thường."
    found = [(m.text, m.timex) for m in timeline.extract(text, reference="2025-06-30")]
    assert ("tháng 6 thường", "2025-06-25/2025-07-24") in found
    (june,) = timeline.extract("tháng 6 thường là mùa mưa.", reference="2025-03-01")
    assert (june.text, june.timex, june.calendar) == ("tháng 6", "2025-06", "gregorian")
    (june,) = timeline.extract("Tháng 6 thường.", reference="2025-03-01")  # no leap month
    assert (june.text, june.calendar) == ("Tháng 6", "gregorian")


def test_lunar_year_with_a_mod() -> None:
    (end,) = timeline.extract("cuối năm Giáp Thìn", reference="2024-10-20")
    assert (end.timex, end.mod) == ("2024-02-10/2025-01-28", Mod.END)


# --- a day without its month beside a lunar date -----------------------------------------------

DOAN_NGO = (
    "Tết Đoan Ngọ năm nay rơi vào mùng 5 tháng 5 năm Ất Tỵ, tức thứ Bảy, 31/5/2025.\n"
    "Theo phong tục, trưa mùng 5, các gia đình cúng tổ tiên. Một số nơi đua thuyền trong "
    "2 ngày mùng 4 và mùng 5."
)


def test_bare_day_after_a_lunar_date_is_lunar() -> None:
    mentions = timeline.extract(DOAN_NGO, reference="2025-05-26")
    found = [(m.text, m.timex, m.calendar) for m in mentions]
    assert ("trưa mùng 5", "2025-05-31TMI", "lunar") in found
    assert ("2 ngày mùng 4 và mùng 5", "2025-05-30/2025-05-31", "lunar") in found


def test_bare_day_takes_the_nearer_lunar_month() -> None:
    text = "Tháng Chạp này không có 30, ngày 29 là tất niên. Mùng 2 về quê ngoại."
    found = [(m.text, m.timex) for m in timeline.extract(text, reference="2025-01-20")]
    assert ("ngày 29", "2025-01-28") in found  # 29 Chạp
    assert ("Mùng 2", "2025-01-30") in found  # 2 Giêng, three days later
    text = "Hội Lim diễn ra từ ngày 12 đến 14 tháng Giêng, chính hội vào ngày 13."
    found = [(m.text, m.timex) for m in timeline.extract(text, reference="2025-01-31")]
    assert ("ngày 13", "2025-02-10") in found


def test_bare_day_without_diacritics_reads_as_with_them() -> None:
    typed = "Thang Chap nay ko co 30, ngay 29 la Tat nien. Mung 2 ve que ngoai."
    accented = "Tháng Chạp này ko có 30, ngày 29 là Tất niên. Mùng 2 về quê ngoại."
    plain = [(m.start, m.timex) for m in timeline.extract(typed, reference="2025-01-20")]
    marked = [(m.start, m.timex) for m in timeline.extract(accented, reference="2025-01-20")]
    assert plain == marked
    assert (typed.index("Mung 2"), "2025-01-30") in plain


@pytest.mark.parametrize(
    ("text", "span", "timex"),
    [
        # another Gregorian date ends the lunar story: the bare day is Gregorian
        ("Tết Trung thu năm nay rơi vào thứ Ba 17/9. Vào ngày 15, trường họp phụ huynh.",
         "ngày 15", "2024-09-15"),
        # two sentences away, the lunar date no longer tells the month
        ("Rằm tháng Giêng chùa đông khách. Trời mưa. Mọi người nghỉ. Vào ngày 20 trường "
         "khai giảng.", "ngày 20", "2024-09-20"),
    ],
)
def test_bare_day_stays_gregorian(text: str, span: str, timex: str) -> None:
    mentions = timeline.extract(text, reference="2024-09-10")
    found = [(m.text, m.timex, m.calendar) for m in mentions]
    assert (span, timex, "gregorian") in found, found
