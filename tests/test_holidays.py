"""Holidays (lang/vi/holidays.toml, rules/holidays.py): every entry's examples and
negatives, the data's own consistency, and the decisions of docs/lunar.md."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

import timeline
from timeline.grammar import Example
from timeline.lunar import gregorian_to_lunar
from timeline.model import Calendar
from timeline.rules.holidays import Holiday, load_holidays

DATA = load_holidays()
HOLIDAYS = DATA.holidays


def _id(holiday: Holiday) -> str:
    return holiday.name


def test_every_holiday_has_names_a_date_and_an_example() -> None:
    assert len(HOLIDAYS) >= 20
    for holiday in HOLIDAYS:
        assert holiday.names or holiday.day_names, holiday.name
        assert holiday.examples, holiday.name


def test_required_holidays_are_there() -> None:
    required = {
        "tết nguyên đán": (Calendar.LUNAR, 1, 1),
        "tết trung thu": (Calendar.LUNAR, 8, 15),
        "giỗ tổ hùng vương": (Calendar.LUNAR, 3, 10),
        "vu lan": (Calendar.LUNAR, 7, 15),
        "ông công ông táo": (Calendar.LUNAR, 12, 23),
        "tết hàn thực": (Calendar.LUNAR, 3, 3),
        "tết đoan ngọ": (Calendar.LUNAR, 5, 5),
        "tết dương lịch": (Calendar.GREGORIAN, 1, 1),
        "quốc khánh": (Calendar.GREGORIAN, 9, 2),
        "giải phóng miền nam": (Calendar.GREGORIAN, 4, 30),
        "thống nhất đất nước": (Calendar.GREGORIAN, 4, 30),
        "quốc tế lao động": (Calendar.GREGORIAN, 5, 1),
        "giáng sinh": (Calendar.GREGORIAN, 12, 25),
        "noel": (Calendar.GREGORIAN, 12, 25),
        "quốc tế phụ nữ": (Calendar.GREGORIAN, 3, 8),
        "phụ nữ việt nam": (Calendar.GREGORIAN, 10, 20),
        "nhà giáo việt nam": (Calendar.GREGORIAN, 11, 20),
        "valentine": (Calendar.GREGORIAN, 2, 14),
        "quốc tế thiếu nhi": (Calendar.GREGORIAN, 6, 1),
    }
    for name, (calendar, month, day) in required.items():
        holiday = DATA.by_name[name]
        assert (holiday.calendar, holiday.month, holiday.day) == (calendar, month, day), name


@pytest.mark.parametrize(
    ("holiday", "example"),
    [(h, e) for h in HOLIDAYS for e in h.examples],
    ids=[f"{h.name}: {e.text}" for h in HOLIDAYS for e in h.examples],
)
def test_example(holiday: Holiday, example: Example) -> None:
    mentions = timeline.extract(example.text, reference=example.reference)
    span = example.span or example.text
    found = [(m.text, m.timex) for m in mentions]
    assert (span, example.timex) in found, found


@pytest.mark.parametrize("text", [n for h in HOLIDAYS for n in h.negatives])
def test_negative(text: str) -> None:
    assert timeline.extract(text, reference="2024-10-20") == []


def test_lunar_holiday_says_lunar() -> None:
    (tet,) = timeline.extract("Tết Trung thu năm 2025", reference="2024-10-20")
    assert (tet.timex, tet.calendar) == ("2025-10-06", "lunar")
    (national,) = timeline.extract("Quốc khánh năm 2025", reference="2024-10-20")
    assert (national.timex, national.calendar) == ("2025-09-02", "gregorian")


@pytest.mark.parametrize("year", range(2000, 2031))
def test_lunar_holidays_fall_on_their_lunar_day(year: int) -> None:
    for holiday in HOLIDAYS:
        if holiday.calendar is not Calendar.LUNAR:
            continue
        name = holiday.names[0] if holiday.names else holiday.day_names[0]
        mentions = timeline.extract(f"ngày {name} năm {year}", reference="2024-10-20")
        assert len(mentions) == 1, (name, mentions)
        value = mentions[0].value
        day = date.fromisoformat(value.timex[:10])
        lunar_year = year + holiday.year_offset  # Giao thừa 2025: the last night of 2024
        if holiday.day > 0:
            assert gregorian_to_lunar(day) == (lunar_year, holiday.month, holiday.day, False)
        else:  # the last day of the month (Giao thừa): the next day starts the next month
            assert gregorian_to_lunar(day)[:2] == (lunar_year, holiday.month), name
            assert gregorian_to_lunar(day + timedelta(days=1)).day == 1, name
        if holiday.part is not None:
            assert value.timex.endswith("T" + holiday.part.value), name


def test_nearest_occurrence_and_tense() -> None:
    ref = "2024-10-20"
    assert timeline.extract("Tết", reference=ref)[0].timex == "2025-01-29"
    assert timeline.extract("Tết vừa qua", reference=ref)[0].timex == "2024-02-10"
    assert timeline.extract("Giáng sinh", reference=ref)[0].timex == "2024-12-25"
    assert timeline.extract("Quốc khánh", reference=ref)[0].timex == "2024-09-02"
    assert timeline.extract("Quốc khánh tới", reference=ref)[0].timex == "2025-09-02"


def test_name_and_date_are_one_mention() -> None:
    mentions = timeline.extract("nghỉ lễ Quốc khánh (2/9) 4 ngày", reference="2024-10-20")
    assert mentions[0].text == "lễ Quốc khánh (2/9)"
    (hung,) = timeline.extract("Giỗ Tổ Hùng Vương (10/3 âm lịch) năm 2024")
    assert (hung.text, hung.timex) == ("Giỗ Tổ Hùng Vương (10/3 âm lịch) năm 2024", "2024-04-18")


def test_gregorian_date_after_a_lunar_holiday() -> None:
    (mention,) = timeline.extract("Giỗ Tổ Hùng Vương (18/4/2024)")
    assert (mention.timex, mention.calendar) == ("2024-04-18", "gregorian")


def test_wrong_date_after_a_holiday_is_kept_with_a_warning() -> None:
    (mention,) = timeline.extract("Quốc khánh (3/9/2024)")
    assert mention.timex == "2024-09-03"
    assert mention.warnings


def test_anniversary_count_is_the_mention() -> None:
    text = "kỷ niệm 78 năm Quốc khánh nước Cộng hòa xã hội chủ nghĩa Việt Nam"
    mentions = timeline.extract(text, reference="2023-09-01")
    assert not [m for m in mentions if "Quốc khánh" in m.text]  # `78 năm` is (P78Y)


def test_can_chi_year_with_number_that_disagrees() -> None:
    (mention,) = timeline.extract("Tết Giáp Thìn 2025")
    assert mention.timex == "2025-01-29"  # the number wins, with a warning
    assert mention.warnings


def test_no_reference_no_year_stays_unknown() -> None:
    (tet,) = timeline.extract("Tết Trung thu")
    assert tet.timex == "XXXX-XX-XX"
    (noel,) = timeline.extract("Giáng sinh")
    assert noel.timex == "XXXX-12-25"
