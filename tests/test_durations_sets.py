"""Durations and sets (spec §3, §3a; docs/durations-sets.md).

Each construction with the value the spec gives it, the texts that must not be read as
lengths or recurrences, the split between a count that places a point (``3 ngày
trước``) and a count over a stretch (``5 năm qua``), and properties: any count before
any unit is a length, ``năm YYYY`` is always a date, and a counted point is the
reference moved by that many units.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

import timeline
from timeline.model import (
    Day,
    DayPart,
    Duration,
    Mod,
    PartOfDay,
    Recurrence,
    TimeOfDay,
    TimexType,
    Unit,
    Weekday,
)
from timeline.rules.durations import parse_count

REFERENCE = "2024-10-20"  # a Sunday, ISO week 2024-W42


def _mentions(text: str, reference: str | date | None = REFERENCE) -> list[timeline.Mention]:
    return timeline.extract(text, reference=reference)


def _one(text: str, span: str, reference: str | date | None = REFERENCE) -> timeline.Mention:
    found = [m for m in _mentions(text, reference) if m.text == span]
    assert found, f"{text!r}: no mention {span!r}; got {_mentions(text, reference)}"
    return found[0]


# --- durations -------------------------------------------------------------------------

DURATIONS = [
    # (text, span, value, mod)
    ("Dự án kéo dài 3 năm.", "3 năm", "P3Y", None),
    ("Thời hạn 48 giờ.", "48 giờ", "PT48H", None),
    ("Chỉ mất 30 phút.", "30 phút", "PT30M", None),
    ("Sau 2 tuần điều trị, ông xuất viện.", "2 tuần", "P2W", None),
    ("Anh nghỉ phép nửa tháng.", "nửa tháng", "P0.5M", None),
    ("trong một thập kỷ qua", "một thập kỷ qua", "P10Y", None),
    ("Trong một thập kỷ, thành phố đổi thay.", "một thập kỷ", "P10Y", None),
    ("Công trình đã tồn tại hơn một thế kỷ.", "hơn một thế kỷ", "P100Y", Mod.MORE_THAN),
    ("trong dòng chảy lịch sử 1010 năm của mình", "1010 năm", "P1010Y", None),
    ("Thủ đô ngàn năm văn hiến", "ngàn năm", "P1000Y", None),
    ("Thủ đô nghìn năm văn hiến", "nghìn năm", "P1000Y", None),
    ("Ông gắn bó với nghề nhiều năm.", "nhiều năm", "PXY", None),
    ("Dự án tạm dừng vài tháng.", "vài tháng", "PXM", None),
    ("những năm qua, Hà Nội đã tích cực mở rộng", "những năm qua", "PXY", None),
    ("nỗ lực của thành phố trong nhiều năm qua, kể cả", "nhiều năm qua", "PXY", None),
    ("bởi, trong 5 năm qua, trong nỗ lực hội nhập", "5 năm qua", "P5Y", None),
    ("Trong 24 giờ tới, bão sẽ mạnh lên.", "24 giờ tới", "PT24H", None),
    ("Giá sẽ tăng trong vài tháng tới.", "vài tháng tới", "PXM", None),
    ("Trong vòng 3 năm, JETRO tiến hành hàng trăm buổi", "3 năm", "P3Y", None),
    ("Sau 2 năm tạm dừng các hoạt động giao lưu", "2 năm", "P2Y", None),
    ("cao nhất sau hơn 30 năm mở cửa và hội nhập", "hơn 30 năm", "P30Y", Mod.MORE_THAN),
    ("Dự án chậm tiến độ gần 2 năm.", "gần 2 năm", "P2Y", Mod.LESS_THAN),
    ("Chưa đầy 2 năm, công ty đã có lãi.", "Chưa đầy 2 năm", "P2Y", Mod.LESS_THAN),
    ("Dự án kéo dài khoảng 3 năm.", "khoảng 3 năm", "P3Y", Mod.APPROX),
    ("Ông đã công tác hai mươi năm.", "hai mươi năm", "P20Y", None),
    ("Mười năm trôi qua rất nhanh.", "Mười năm", "P10Y", None),
    ("Giao lưu nghệ thuật kỷ niệm 56 năm thành lập ASEAN", "56 năm", "P56Y", None),
    ("và 78 năm Quốc khánh nước Cộng hòa", "78 năm", "P78Y", None),
    ("Thời gian xây dựng 1,5 năm.", "1,5 năm", "P1.5Y", None),
    ("Thời gian xây dựng một năm rưỡi.", "một năm rưỡi", "P1.5Y", None),
    ("Bị cáo bị tuyên phạt 1 năm 6 tháng tù.", "1 năm 6 tháng", "P1Y6M", None),
    ("Trận đấu kéo dài 2 giờ 30 phút.", "2 giờ 30 phút", "PT2H30M", None),
    ("Hai đội thi đấu 120 phút.", "120 phút", "PT120M", None),
    ("Tàu chạy mất 3 tiếng.", "3 tiếng", "PT3H", None),
    ("Chờ hàng giờ liền.", "hàng giờ liền", "PTXH", None),
    ("Công ty lãi 3 năm liền.", "3 năm liền", "P3Y", None),
    ("10 năm trở lại đây", "10 năm trở lại đây", "P10Y", None),
    ("Nền văn minh hàng nghìn năm", "hàng nghìn năm", "PXY", None),
    ("Hơn 1.000 năm lịch sử", "Hơn 1.000 năm", "P1000Y", Mod.MORE_THAN),
    ("Ông ấy sẽ nghỉ hưu 5 năm trước khi đủ tuổi.", "5 năm", "P5Y", None),
    ("Ông được gia hạn thêm 2 năm nữa.", "2 năm", "P2Y", None),
    ("Tăng trưởng trong hai quý.", "hai quý", "P6M", None),
]


@pytest.mark.parametrize(("text", "span", "value", "mod"), DURATIONS, ids=[d[0] for d in DURATIONS])
def test_duration(text: str, span: str, value: str, mod: Mod | None) -> None:
    mention = _one(text, span)
    assert (mention.timex, mention.type, mention.mod) == (value, TimexType.DURATION, mod)
    assert mention.interval is None  # a length is not on the calendar (spec §6)


# --- the split: a count with a direction is a point, over a stretch a length ------------

POINTS = [
    # (text, span, value at the reference 2024-10-20)
    ("3 ngày trước, đoàn đã tới Tokyo.", "3 ngày trước", "2024-10-17"),
    ("Hai năm trước, công ty còn nhỏ.", "Hai năm trước", "2022"),
    ("Hạn chót là 2 tuần nữa.", "2 tuần nữa", "2024-W44"),  # the ISO week 14 days on
    ("cách đây 5 năm", "cách đây 5 năm", "2019"),
    ("Cách đây 3 tháng, bão đổ bộ.", "Cách đây 3 tháng", "2024-07"),
    ("Chỉ còn ba ngày nữa là Tết.", "ba ngày nữa", "2024-10-23"),
    ("5 năm trước đây, nơi này là ruộng.", "5 năm trước đây", "2019"),
    # "later" counts from the period the story was telling (docs/resolution.md)
    ("Năm 2015 công ty ra đời. Hai năm sau, công ty mở rộng.", "Hai năm sau", "2017"),
    ("một thập kỷ trước", "một thập kỷ trước", "2014"),
]


@pytest.mark.parametrize(("text", "span", "value"), POINTS, ids=[p[0] for p in POINTS])
def test_count_with_a_direction_places_a_point(text: str, span: str, value: str) -> None:
    mention = _one(text, span)
    assert (mention.timex, mention.type) == (value, TimexType.DATE)
    assert mention.interval is not None


STRETCHES = [
    ("trong 5 năm qua", "5 năm qua", "P5Y"),
    ("24 giờ tới", "24 giờ tới", "PT24H"),
    ("vài tháng tới", "vài tháng tới", "PXM"),
    ("3 ngày tới", "3 ngày tới", "P3D"),
    ("2 tuần vừa qua", "2 tuần vừa qua", "P2W"),
    ("3 ngày trước Tết", "3 ngày", "P3D"),  # trước is a preposition here
    ("Anh ấy đi làm 2 năm sau khi ra trường.", "2 năm", "P2Y"),
]


@pytest.mark.parametrize(("text", "span", "value"), STRETCHES, ids=[s[0] for s in STRETCHES])
def test_count_over_a_stretch_is_a_length(text: str, span: str, value: str) -> None:
    mention = _one(text, span)
    assert (mention.timex, mention.type) == (value, TimexType.DURATION)


def test_a_vague_count_with_a_direction_is_a_vague_point() -> None:
    assert _one("vài ngày trước", "vài ngày trước").timex == "PAST_REF"
    assert _one("cách đây nhiều năm", "cách đây nhiều năm").timex == "PAST_REF"
    mention = _one("đã ký với đối tác những năm trước, đồng thời", "những năm trước")
    assert mention.timex == "PAST_REF"
    assert _one("những tháng tới", "những tháng tới").timex == "FUTURE_REF"


def test_without_a_count_a_unit_with_a_deictic_word_is_a_point() -> None:
    assert _one("năm qua", "năm qua").timex == "2023"
    assert _one("tuần tới", "tuần tới").timex == "2024-W43"


def test_a_counted_point_without_a_reference_keeps_the_x_form() -> None:
    assert _one("3 ngày trước, đoàn đã tới", "3 ngày trước", None).timex == "XXXX-XX-XX"
    assert _one("cách đây 5 năm", "cách đây 5 năm", None).timex == "XXXX"


def test_word_order_decides_date_or_length() -> None:
    assert _one("Công ty thành lập năm 2010 tại Hà Nội.", "năm 2010").type is TimexType.DATE
    assert _one("Công ty đã hoạt động 10 năm tại Hà Nội.", "10 năm").timex == "P10Y"
    assert _one("Ngày 3 tháng 5 năm 2024", "Ngày 3 tháng 5 năm 2024").timex == "2024-05-03"
    ranged = _one("Tính chung 10 tháng năm 2024, toàn thành phố", "10 tháng năm 2024")
    assert ranged.timex == "2024-01/2024-10"
    # a month without its year before a relative year is one mention (tháng 5 năm trước)
    assert [m.timex for m in _mentions("tháng 5 năm trước")] == ["2023-05"]
    assert [m.timex for m in _mentions("năm trước")] == ["2023"]


def test_later_without_a_story_stays_unknown() -> None:
    # N năm sau is N years after what the story was telling; with nothing told, unknown
    assert _one("Hai năm sau, công ty mở rộng.", "Hai năm sau").timex == "XXXX"


NOT_DURATIONS = [
    "vốn đạt 2,85 tỷ USD",
    "tăng 67,4%",
    "đón 200.000 lượt khách",
    "250 lượt/năm",
    "năm người bị thương",
    "hai năm rõ mười",
    "làm việc 8 giờ/ngày",
    "nghe hai tiếng nổ lớn",
    "thông thạo hai thứ tiếng",
    "năm tháng trôi qua",
    "Hà Nội có 30 quận, huyện",
]


@pytest.mark.parametrize("text", NOT_DURATIONS)
def test_not_a_duration(text: str) -> None:
    assert _mentions(text) == []


def test_five_counting_people_is_not_a_year_nor_a_length() -> None:
    assert [m for m in _mentions("năm 2.000 người") if m.type is TimexType.DURATION] == []


def test_a_clock_hour_is_not_a_length() -> None:
    for text, span in [
        ("Cuộc họp bắt đầu lúc 8 giờ tại hội trường.", "8 giờ"),
        ("Hội nghị khai mạc 3 giờ chiều tại hội trường.", "3 giờ chiều"),
    ]:
        assert _one(text, span).type is TimexType.TIME
    assert _one("Đoàn đã làm việc liên tục trong 8 giờ.", "8 giờ").timex == "PT8H"


# --- sets ------------------------------------------------------------------------------

SETS = [
    ("Hằng năm, thành phố Hà Nội đã đón tiếp", "Hằng năm", "P1Y"),
    ("tổ chức trên địa bàn hàng năm như Hội nghị", "hàng năm", "P1Y"),
    ("được tổ chức thường niên từ năm 2016", "thường niên", "P1Y"),
    ("mỗi năm đón 2 triệu khách", "mỗi năm", "P1Y"),
    ("họp hằng tháng", "hằng tháng", "P1M"),
    ("báo cáo hàng tháng", "hàng tháng", "P1M"),
    ("sinh hoạt hằng tuần", "hằng tuần", "P1W"),
    ("Các đơn vị tổ chức giao ban hàng tuần.", "hàng tuần", "P1W"),
    ("tập luyện hằng ngày", "hằng ngày", "P1D"),
    ("người dân hàng ngày phải đi làm", "hàng ngày", "P1D"),
    ("mỗi ngày một cố gắng", "mỗi ngày", "P1D"),
    ("đã tăng đều theo từng năm, theo thống kê", "từng năm", "P1Y"),
    ("mỗi thứ Hai", "mỗi thứ Hai", "XXXX-WXX-1"),
    ("họp vào thứ Hai hằng tuần", "thứ Hai hằng tuần", "XXXX-WXX-1"),
    ("vào ngày 15 hằng tháng", "ngày 15 hằng tháng", "XXXX-XX-15"),
    ("ngày 2/9 hằng năm", "ngày 2/9 hằng năm", "XXXX-09-02"),
    ("Đại hội được tổ chức 2 năm một lần", "2 năm một lần", "P2Y"),
    ("mỗi 2 năm", "mỗi 2 năm", "P2Y"),
    ("mỗi tháng một lần", "mỗi tháng một lần", "P1M"),
    ("tập thể dục mỗi sáng", "mỗi sáng", "XXXX-XX-XXTMO"),
    ("họp lúc 14:00 mỗi thứ Hai", "14:00 mỗi thứ Hai", "XXXX-WXX-1T14:00"),
    ("mỗi thứ Hai lúc 14h", "mỗi thứ Hai lúc 14h", "XXXX-WXX-1T14:00"),
    ("mỗi sáng thứ Hai", "mỗi sáng thứ Hai", "XXXX-WXX-1TMO"),
    ("8h sáng hằng ngày", "8h sáng hằng ngày", "XXXX-XX-XXT08:00"),
    ("mỗi cuối tuần", "mỗi cuối tuần", "XXXX-WXX-WE"),
    ("tháng 10 hằng năm", "tháng 10 hằng năm", "XXXX-10"),
]


@pytest.mark.parametrize(("text", "span", "value"), SETS, ids=[s[0] for s in SETS])
def test_set(text: str, span: str, value: str) -> None:
    mention = _one(text, span)
    assert (mention.timex, mention.type) == (value, TimexType.SET)
    assert mention.interval is None  # a recurrence is not one interval (spec §6)


NOT_SETS = [
    "250 lượt/năm",
    "hàng hóa xuất khẩu tăng",
    "các ngân hàng thương mại",
    "đầu tư nước ngoài",
    "doanh nghiệp dẫn đầu",
    "hàng trăm buổi trao đổi",
    "hàng nghìn người",
    "khách hàng ngày càng đông",
    "đã từng năm lần bảy lượt",
    "thường xuyên kiểm tra",
]


@pytest.mark.parametrize("text", NOT_SETS)
def test_not_a_set(text: str) -> None:
    assert _mentions(text) == []


def test_hang_ending_a_noun_leaves_the_date_after_it() -> None:
    assert [(m.text, m.type) for m in _mentions("Ngân hàng năm nay lãi lớn")] == [
        ("năm nay", TimexType.DATE)
    ]


def test_a_clock_time_ending_a_range_stays_in_the_range() -> None:
    # opening hours: the range and its recurrence are one SET, not 22h hằng ngày alone
    found = [(m.text, m.type, m.timex) for m in _mentions("mở cửa từ 8h đến 22h hằng ngày")]
    assert found == [
        ("từ 8h đến 22h hằng ngày", TimexType.SET, "XXXX-XX-XXT08:00/XXXX-XX-XXT22:00")
    ]


# --- the values ---------------------------------------------------------------------------


def test_compound_durations_render_in_iso_8601() -> None:
    assert Duration(1, Unit.YEAR, Duration(6, Unit.MONTH)).timex == "P1Y6M"
    assert Duration(2, Unit.HOUR, Duration(30, Unit.MINUTE)).timex == "PT2H30M"
    assert Duration(1, Unit.DAY, Duration(12, Unit.HOUR)).timex == "P1DT12H"
    assert Duration(None, Unit.HOUR).timex == "PTXH"


def test_a_recurrence_with_a_time_of_day() -> None:
    clock = TimeOfDay(Day(None, None, None), 14, 0)
    assert Recurrence(pattern=Weekday(1), time=clock).timex == "XXXX-WXX-1T14:00"
    morning = PartOfDay(Day(None, None, None), DayPart.MORNING)
    assert Recurrence(pattern=Weekday(1), time=morning).timex == "XXXX-WXX-1TMO"
    with pytest.raises(ValueError, match="time of day needs a pattern"):
        Recurrence(period=Duration(1, Unit.WEEK), time=clock)


def test_counts() -> None:
    assert parse_count("1.000") is not None and parse_count("1.000").amount == 1000  # type: ignore[union-attr]
    assert parse_count("ngàn").amount == 1000  # type: ignore[union-attr]
    assert parse_count("hai trăm").amount == 200  # type: ignore[union-attr]
    assert parse_count("nhiều").amount is None  # type: ignore[union-attr]
    assert parse_count("những").plural  # type: ignore[union-attr]


# --- properties ---------------------------------------------------------------------------

UNITS = {
    "năm": "P{}Y",
    "tháng": "P{}M",
    "tuần": "P{}W",
    "ngày": "P{}D",
    "giờ": "PT{}H",
    "tiếng": "PT{}H",
    "phút": "PT{}M",
    "giây": "PT{}S",
}


@given(st.integers(min_value=1, max_value=999), st.sampled_from(sorted(UNITS)))
def test_any_count_before_a_unit_is_a_length(count: int, unit: str) -> None:
    text = f"Công trình kéo dài {count} {unit} thì hoàn thành."
    mention = _one(text, f"{count} {unit}")
    assert mention.type is TimexType.DURATION
    assert mention.timex == UNITS[unit].format(count)


@given(st.integers(min_value=1900, max_value=2100))
def test_nam_before_a_year_is_a_date(year: int) -> None:
    mention = _one(f"Dự án khởi công năm {year} tại Hà Nội.", f"năm {year}")
    assert (mention.type, mention.timex) == (TimexType.DATE, str(year))


@given(
    st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31)),
    st.integers(min_value=1, max_value=60),
)
def test_n_days_ago_is_the_reference_moved_back(reference: date, days: int) -> None:
    mention = _one(f"{days} ngày trước, đoàn đã tới.", f"{days} ngày trước", reference)
    expected = reference - timedelta(days=days)
    assert mention.timex == expected.isoformat()


@given(
    st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31)),
    st.integers(min_value=1, max_value=20),
)
def test_n_weeks_on_is_the_iso_week_that_many_weeks_on(reference: date, weeks: int) -> None:
    mention = _one(f"Hạn chót là {weeks} tuần nữa.", f"{weeks} tuần nữa", reference)
    year, week, _ = (reference + timedelta(weeks=weeks)).isocalendar()
    assert mention.timex == f"{year}-W{week:02d}"
