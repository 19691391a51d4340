"""Clock times, parts of the day and weekdays (timeline/rules/times.py, weekdays.py).

Expected values come from the spec (annotation.md §2, §3, §3a) and from Vietnamese;
``docs/times.md`` says what the weekday expressions mean. The reference of the fixed
cases is 2024-10-20, a Sunday; the hypothesis properties range over many references
across month and year boundaries.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import timeline
from timeline.model import DayPart, Mention, TimexType
from timeline.rules.times import on_part_of_day

REFERENCE = "2024-10-20"  # a Sunday

WEEKDAYS = {
    1: "thứ Hai",
    2: "thứ Ba",
    3: "thứ Tư",
    4: "thứ Năm",
    5: "thứ Sáu",
    6: "thứ Bảy",
    7: "Chủ nhật",
}


def _mentions(text: str, reference: object = REFERENCE) -> list[Mention]:
    return timeline.extract(text, reference=reference)


def _one(text: str, reference: object = REFERENCE) -> Mention:
    mentions = _mentions(text, reference)
    assert len(mentions) == 1, f"{text!r}: {mentions}"
    return mentions[0]


# --- clock times -------------------------------------------------------------------------

CLOCKS = [
    # (text, span, value): a clock time with no date is on the reference day (spec §5;
    # docs/resolution.md) — with no reference it keeps XXXX-XX-XX (test below)
    ("họp lúc 8h", "8h", "2024-10-20T08:00"),
    ("bắt đầu 8h30", "8h30", "2024-10-20T08:30"),
    ("khai mạc 8g30", "8g30", "2024-10-20T08:30"),
    ("lúc 8 giờ 30 phút", "8 giờ 30 phút", "2024-10-20T08:30"),
    ("8 giờ 30", "8 giờ 30", "2024-10-20T08:30"),
    ("họp lúc 14:00", "14:00", "2024-10-20T14:00"),
    ("14h00", "14h00", "2024-10-20T14:00"),
    ("7 giờ sáng", "7 giờ sáng", "2024-10-20T07:00"),
    ("3 giờ chiều", "3 giờ chiều", "2024-10-20T15:00"),
    ("10 giờ tối", "10 giờ tối", "2024-10-20T22:00"),
    ("12 giờ trưa", "12 giờ trưa", "2024-10-20T12:00"),
    ("1 giờ trưa", "1 giờ trưa", "2024-10-20T13:00"),
    ("11 giờ đêm", "11 giờ đêm", "2024-10-20T23:00"),
    ("tám giờ sáng", "tám giờ sáng", "2024-10-20T08:00"),
    ("lúc 0h", "0h", "2024-10-20T00:00"),
    ("8 giờ kém 15", "8 giờ kém 15", "2024-10-20T07:45"),
    ("9 giờ kém mười lăm phút", "9 giờ kém mười lăm phút", "2024-10-20T08:45"),
    ("9 giờ rưỡi", "9 giờ rưỡi", "2024-10-20T09:30"),
    ("hẹn lúc 9 rưỡi", "9 rưỡi", "2024-10-20T09:30"),
    ("3h chiều", "3h chiều", "2024-10-20T15:00"),
    ("20h30", "20h30", "2024-10-20T20:30"),
]


@pytest.mark.parametrize(("text", "span", "value"), CLOCKS, ids=[c[0] for c in CLOCKS])
def test_clock_time(text: str, span: str, value: str) -> None:
    mention = _one(text)
    assert (mention.text, mention.timex, mention.type) == (span, value, TimexType.TIME)


COMPOSED = [
    # A clock time, a part of the day, a weekday and a date together: ONE mention.
    ("8h30 ngày 16/10", "8h30 ngày 16/10", "2024-10-16T08:30"),
    ("8h30 sáng 16-10", "8h30 sáng 16-10", "2024-10-16T08:30"),
    ("ngày 16/10 lúc 8h30", "ngày 16/10 lúc 8h30", "2024-10-16T08:30"),
    ("Quỳnh Dương 17/01/2024 06:56", "17/01/2024 06:56", "2024-01-17T06:56"),
    ("8h sáng nay", "8h sáng nay", "2024-10-20T08:00"),
    ("3h chiều mai", "3h chiều mai", "2024-10-21T15:00"),
    ("10h tối qua", "10h tối qua", "2024-10-19T22:00"),
    ("14:00 ngày 20/11/2024", "14:00 ngày 20/11/2024", "2024-11-20T14:00"),
    ("vào lúc 8 giờ ngày 16/10", "8 giờ ngày 16/10", "2024-10-16T08:00"),
    ("12 giờ đêm 20/11", "12 giờ đêm 20/11", "2024-11-20T24:00"),
    ("nửa đêm 20/11", "nửa đêm 20/11", "2024-11-20T24:00"),
    ("họp lúc 9h sáng thứ Hai, ngày 18/11", "9h sáng thứ Hai, ngày 18/11", "2024-11-18T09:00"),
    ("9h thứ Hai tuần tới", "9h thứ Hai tuần tới", "2024-10-21T09:00"),
    ("ngày 16/10, lúc 8 giờ sáng", "ngày 16/10, lúc 8 giờ sáng", "2024-10-16T08:00"),
    # ranges of clock times
    ("từ 8h đến 11h30", "từ 8h đến 11h30", "2024-10-20T08:00/2024-10-20T11:30"),
    ("13h30-17h", "13h30-17h", "2024-10-20T13:30/2024-10-20T17:00"),
    ("8h-11h ngày 16/10", "8h-11h ngày 16/10", "2024-10-16T08:00/2024-10-16T11:00"),
    ("từ 8h đến 11h30 ngày 16/10", "từ 8h đến 11h30 ngày 16/10",
     "2024-10-16T08:00/2024-10-16T11:30"),
    ("ngày 16/10, từ 8h đến 11h", "ngày 16/10, từ 8h đến 11h", "2024-10-16T08:00/2024-10-16T11:00"),
    ("từ 8-11h ngày 16/10", "từ 8-11h ngày 16/10", "2024-10-16T08:00/2024-10-16T11:00"),
    ("2 - 4h chiều", "2 - 4h chiều", "2024-10-20T14:00/2024-10-20T16:00"),
    # parts of the day
    ("sáng 16-10", "sáng 16-10", "2024-10-16TMO"),
    ("chiều 20/11", "chiều 20/11", "2024-11-20TAF"),
    ("đêm 20/11", "đêm 20/11", "2024-11-20TNI"),
    ("tối 15/10/2024", "tối 15/10/2024", "2024-10-15TEV"),
    ("Tối 15/10/2024, đoàn đến Tokyo", "Tối 15/10/2024", "2024-10-15TEV"),
    ("trưa ngày 16/10", "trưa ngày 16/10", "2024-10-16TMI"),
    ("Rạng sáng 20/11, bão đổ bộ", "Rạng sáng 20/11", "2024-11-20TMO"),
    ("sáng thứ Bảy", "sáng thứ Bảy", "2024-10-19TMO"),
    ("sáng nay", "sáng nay", "2024-10-20TMO"),
    ("chiều mai", "chiều mai", "2024-10-21TAF"),
    ("tối qua", "tối qua", "2024-10-19TEV"),
    ("đêm qua", "đêm qua", "2024-10-19TNI"),
    ("trưa nay", "trưa nay", "2024-10-20TMI"),
    ("sáng hôm qua", "sáng hôm qua", "2024-10-19TMO"),
    ("tối hôm kia", "tối hôm kia", "2024-10-18TEV"),
    ("nửa đêm qua", "nửa đêm qua", "2024-10-19T24:00"),
]


# text -> why it fails today (xfail strict: the day it is fixed the test says so).
KNOWN_BUGS: dict[str, str] = {}


def _cases(cases: list[tuple[str, str, str]]) -> list[object]:
    return [
        pytest.param(*case, id=case[0], marks=[pytest.mark.xfail(strict=True, reason=why)])
        if (why := KNOWN_BUGS.get(case[0]))
        else pytest.param(*case, id=case[0])
        for case in cases
    ]


@pytest.mark.parametrize(("text", "span", "value"), _cases(COMPOSED))
def test_time_on_a_day(text: str, span: str, value: str) -> None:
    mention = _one(text)
    assert (mention.text, mention.timex, mention.type) == (span, value, TimexType.TIME)


def test_a_time_on_a_day_has_its_minute_as_interval() -> None:
    mention = _one("8h30 ngày 16/10")
    assert mention.interval is not None
    assert mention.interval.start.isoformat() == "2024-10-16T08:30:00+07:00"
    assert mention.interval.end.isoformat() == "2024-10-16T08:31:00+07:00"


def test_a_part_of_the_day_has_its_hours_as_interval() -> None:
    mention = _one("chiều 20/11")
    assert mention.interval is not None
    assert (mention.interval.start.hour, mention.interval.end.hour) == (12, 18)


def test_without_reference_a_relative_part_of_day_stays_unknown() -> None:
    assert _one("tối nay", None).timex == "XXXX-XX-XXTEV"
    assert _one("8h sáng mai", None).timex == "XXXX-XX-XXT08:00"
    assert _one("sáng thứ Bảy", None).timex == "XXXX-WXX-6TMO"


def test_modifiers_apply_to_times() -> None:
    mention = _one("khoảng 8h sáng 16/10")
    assert (mention.text, mention.timex, mention.mod) == (
        "khoảng 8h sáng 16/10", "2024-10-16T08:00", timeline.Mod.APPROX,
    )


# --- lengths, ordinals and words that are not times -----------------------------------------

NOT_CLOCK = [
    "trong 48 giờ",
    "24 giờ qua",
    "trong 24h",
    "24h qua",
    "kéo dài 2h",
    "mất 2-3h",
    "trong vòng 48h tới",
    "làm việc 8 giờ mỗi ngày",
    "sau 2 giờ 30 phút thi đấu",
    "bây giờ",
    "bao giờ",
    "giờ đây",
    "mua 500g đường",
]


@pytest.mark.parametrize("text", NOT_CLOCK)
def test_lengths_and_idioms_are_not_clock_times(text: str) -> None:
    assert [m for m in _mentions(text) if m.type is TimexType.TIME] == []


NOT_MENTIONS = [
    "sáng lập công ty",
    "sáng tạo",
    "tối đa 2-3 ngày",
    "tối ưu hóa",
    "chiều dài 20 m",
    "chiều cao",
    "đêm nhạc",
    "lần thứ hai tham dự",
    "năm thứ hai liên tiếp",
    "ngày thứ ba của hội nghị",
    "Đại hội lần thứ 12",
    "Thứ hai, cần nâng cao chất lượng",
    "đứng thứ 2 toàn quốc",
    "người thứ năm",
    "Phiên họp thứ Hai của Ủy ban",
    "Kỳ họp thứ Tám, Quốc hội khóa XV",
    "Liên hoan phim lần thứ Năm",
    "đối tác thương mại lớn thứ Ba",
    "Giải thưởng thứ Ba thuộc về đội bạn",
    "Mùa giải thứ Hai liên tiếp",
    "Bộ KH&CN chủ trì",
    "tỷ lệ 1:500",
]


@pytest.mark.parametrize("text", NOT_MENTIONS)
def test_not_a_mention(text: str) -> None:
    assert _mentions(text) == []


# --- weekdays ------------------------------------------------------------------------------

WEEKDAY_CASES = [
    # (text, reference, span, value); 2024-10-20 is a Sunday, 2024-10-16 a Wednesday.
    ("cuộc họp vào thứ Hai", REFERENCE, "thứ Hai", "2024-10-21"),
    ("Thứ Năm, đoàn đến Tokyo", REFERENCE, "Thứ Năm", "2024-10-17"),
    ("hẹn gặp vào thứ 2", REFERENCE, "thứ 2", "2024-10-21"),
    ("nghỉ vào T7", REFERENCE, "T7", "2024-10-19"),
    ("Chủ nhật", REFERENCE, "Chủ nhật", "2024-10-20"),
    ("sáng CN", REFERENCE, "sáng CN", "2024-10-20TMO"),
    ("thứ Năm tới", "2024-10-16", "thứ Năm tới", "2024-10-17"),
    ("thứ Năm tuần tới", "2024-10-16", "thứ Năm tuần tới", "2024-10-24"),
    ("thứ Năm tới", "2024-10-17", "thứ Năm tới", "2024-10-24"),
    ("thứ Sáu tuần này", REFERENCE, "thứ Sáu tuần này", "2024-10-18"),
    ("thứ Năm tuần sau", REFERENCE, "thứ Năm tuần sau", "2024-10-24"),
    ("thứ Hai tuần trước", REFERENCE, "thứ Hai tuần trước", "2024-10-07"),
    ("thứ Hai vừa qua", REFERENCE, "thứ Hai vừa qua", "2024-10-14"),
    ("thứ Bảy", None, "thứ Bảy", "XXXX-WXX-6"),
    # with a date: one mention, valued by the date
    ("thứ Tư (16/10)", REFERENCE, "thứ Tư (16/10)", "2024-10-16"),
    ("Thứ Tư, ngày 16/10/2024", REFERENCE, "Thứ Tư, ngày 16/10/2024", "2024-10-16"),
    ("Thứ Năm 17/10", REFERENCE, "Thứ Năm 17/10", "2024-10-17"),
    ("ngày 20/11/2024 (thứ Tư)", REFERENCE, "ngày 20/11/2024 (thứ Tư)", "2024-11-20"),
    ("sáng thứ Tư (16/10)", REFERENCE, "sáng thứ Tư (16/10)", "2024-10-16TMO"),
]


@pytest.mark.parametrize(
    ("text", "reference", "span", "value"), WEEKDAY_CASES, ids=[c[0] for c in WEEKDAY_CASES]
)
def test_weekday(text: str, reference: str | None, span: str, value: str) -> None:
    mention = _one(text, reference)
    assert (mention.text, mention.timex) == (span, value)
    assert mention.warnings == ()


def test_a_weekday_that_does_not_match_its_date_trusts_the_date_and_warns() -> None:
    mention = _one("thứ Hai, ngày 16/10/2024")
    assert mention.timex == "2024-10-16"
    assert mention.warnings == ("weekday thứ Hai does not match 2024-10-16 (thứ Tư)",)


def test_a_weekday_mismatch_is_checked_against_the_resolved_year() -> None:
    # 16/10 is a Wednesday in 2024 and a Monday in 2023.
    assert _one("thứ Hai (16/10)", "2023-10-20").warnings == ()
    assert _one("thứ Hai (16/10)", "2024-10-20").warnings != ()


def test_part_of_day_hours() -> None:
    assert on_part_of_day(3, DayPart.AFTERNOON) == 15
    assert on_part_of_day(7, DayPart.MORNING) == 7
    assert on_part_of_day(12, DayPart.MIDDAY) == 12
    assert on_part_of_day(1, DayPart.MIDDAY) == 13
    assert on_part_of_day(10, DayPart.EVENING) == 22
    assert on_part_of_day(12, DayPart.NIGHT) == 24
    assert on_part_of_day(2, DayPart.NIGHT) == 2
    assert on_part_of_day(15, DayPart.AFTERNOON) == 15


# --- properties over many references --------------------------------------------------------

REFERENCES = st.dates(min_value=date(1990, 1, 1), max_value=date(2099, 12, 31))
WEEKDAY_NUMBERS = st.integers(min_value=1, max_value=7)


def _day(mention: Mention) -> date:
    return date.fromisoformat(mention.timex[:10])


def _iso_week(day: date) -> tuple[int, int]:
    year, week, _ = day.isocalendar()
    return year, week


@settings(max_examples=150, deadline=None)
@given(REFERENCES, WEEKDAY_NUMBERS)
def test_next_weekday_is_within_one_to_seven_days_after(reference: date, weekday: int) -> None:
    day = _day(_one(f"{WEEKDAYS[weekday]} tới", reference))
    assert day.isoweekday() == weekday
    assert 1 <= (day - reference).days <= 7


@settings(max_examples=150, deadline=None)
@given(REFERENCES, WEEKDAY_NUMBERS)
def test_weekday_of_next_week_is_in_the_next_iso_week(reference: date, weekday: int) -> None:
    day = _day(_one(f"{WEEKDAYS[weekday]} tuần tới", reference))
    assert day.isoweekday() == weekday
    assert _iso_week(day) == _iso_week(reference + timedelta(days=7))


@settings(max_examples=100, deadline=None)
@given(REFERENCES, WEEKDAY_NUMBERS, st.sampled_from([("tuần này", 0), ("tuần trước", -1)]))
def test_weekday_of_this_and_last_week(
    reference: date, weekday: int, week: tuple[str, int]
) -> None:
    words, offset = week
    day = _day(_one(f"{WEEKDAYS[weekday]} {words}", reference))
    assert day.isoweekday() == weekday
    assert _iso_week(day) == _iso_week(reference + timedelta(days=7 * offset))


@settings(max_examples=150, deadline=None)
@given(REFERENCES, WEEKDAY_NUMBERS)
def test_a_weekday_alone_is_the_nearest_one(reference: date, weekday: int) -> None:
    day = _day(_one(f"vào {WEEKDAYS[weekday]}", reference))
    assert day.isoweekday() == weekday
    assert -3 <= (day - reference).days <= 3


@settings(max_examples=100, deadline=None)
@given(REFERENCES, WEEKDAY_NUMBERS)
def test_last_weekday_is_within_one_to_seven_days_before(reference: date, weekday: int) -> None:
    day = _day(_one(f"{WEEKDAYS[weekday]} vừa qua", reference))
    assert day.isoweekday() == weekday
    assert 1 <= (reference - day).days <= 7


PARTS_OF_RELATIVE_DAYS = [
    ("sáng nay", 0, "MO"),
    ("chiều mai", 1, "AF"),
    ("tối qua", -1, "EV"),
    ("đêm hôm kia", -2, "NI"),
    ("trưa mai", 1, "MI"),
]


@settings(max_examples=150, deadline=None)
@given(REFERENCES, st.sampled_from(PARTS_OF_RELATIVE_DAYS))
def test_part_of_a_relative_day(reference: date, case: tuple[str, int, str]) -> None:
    text, offset, part = case
    mention = _one(text, reference)
    assert mention.timex == f"{(reference + timedelta(days=offset)).isoformat()}T{part}"
    assert mention.type is TimexType.TIME


@settings(max_examples=100, deadline=None)
@given(REFERENCES, st.integers(min_value=1, max_value=11), st.sampled_from([0, 15, 30]))
def test_clock_time_on_tomorrow_afternoon(reference: date, hour: int, minute: int) -> None:
    text = f"{hour}h{minute:02d} chiều mai" if minute else f"{hour}h chiều mai"
    mention = _one(text, reference)
    tomorrow = reference + timedelta(days=1)
    assert mention.timex == f"{tomorrow.isoformat()}T{hour + 12:02d}:{minute:02d}"


@settings(max_examples=150, deadline=None)
@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2099, 12, 31)), WEEKDAY_NUMBERS)
def test_weekday_beside_a_date_warns_exactly_when_they_disagree(day: date, weekday: int) -> None:
    text = f"{WEEKDAYS[weekday]}, ngày {day.day}/{day.month}/{day.year}"
    mention = _one(text, REFERENCE)
    assert mention.timex == day.isoformat()
    assert bool(mention.warnings) == (day.isoweekday() != weekday)
