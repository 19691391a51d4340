"""Robustness: whatever the text, ``extract`` returns valid mentions or none, never raises;
whatever the wrong argument, one clear library error.

- arbitrary text, mixed scripts, token soups of date words, digits, separators and
  huge numbers: no exception escapes, offsets are valid (``text[m.start:m.end] ==
  m.text``), mentions are sorted and do not overlap, and every day a mention names
  exists on the calendar;
- impossible dates (``31/2/2024``, ``tháng 13``, ``ngày 0``, year 0 or 99999) are not
  mentions; possible ones in the same shape are;
- bad arguments (None, bytes, a number, an unknown time zone, a bad reference) raise a
  :class:`timeline.TimelineError` that is also the right built-in
  (:class:`TypeError` for a wrong type, :class:`ValueError` for a wrong value) and names
  the argument.
"""

from __future__ import annotations

import calendar as cal
import datetime as dt
import unicodedata

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import timeline
from timeline import (
    InvalidReferenceError,
    InvalidTimezoneError,
    InvalidTypeError,
    Mention,
    TimelineError,
)
from timeline.model import Day, PartOfDay, Range, TimeOfDay, TimeValue

REFERENCE = "2024-10-20"
# No per-example deadline: the first example compiles the grammar (the suite's profile,
# tests/conftest.py, says the same; this keeps the module right on its own).
relaxed = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _days(value: TimeValue) -> list[Day]:
    """Every Day inside a value (the ends of a range, the day of a time of day)."""
    if isinstance(value, Day):
        return [value]
    if isinstance(value, Range):
        return _days(value.start) + _days(value.end)
    if isinstance(value, PartOfDay | TimeOfDay):
        return [value.day]
    return []


def _exists(day: Day) -> bool:
    year, month, number = day.year, day.month, day.day
    if month is not None and not 1 <= month <= 12:
        return False
    if number is None:
        return True
    if month is None:
        return 1 <= number <= 31
    if year is None:
        return 1 <= number <= (29 if month == 2 else cal.monthrange(2023, month)[1])
    return 1 <= year <= 9999 and 1 <= number <= cal.monthrange(year, month)[1]


def check(text: str, reference: object = REFERENCE) -> list[Mention]:
    """Extract and check every invariant that holds whatever the text."""
    mentions = timeline.extract(text, reference=reference)
    previous_end = 0
    for m in mentions:
        assert isinstance(m, Mention)
        assert 0 <= m.start < m.end <= len(text), m
        assert text[m.start : m.end] == m.text, m
        assert m.start >= previous_end, f"overlapping or unsorted: {mentions}"
        previous_end = m.end
        for day in _days(m.value):
            assert _exists(day), f"{m} names a day that does not exist"
        if m.interval is not None:
            assert m.interval.start < m.interval.end, m
    return mentions


# --- arbitrary text -------------------------------------------------------------------------

_WORDS = [
    "ngày", "Ngày", "tháng", "Tháng", "năm", "tuần", "quý", "giờ", "từ", "đến", "tới",
    "và", "cuối", "đầu", "giữa", "hôm", "nay", "qua", "sau", "trước", "mùng", "mồng",
    "thế kỷ", "những năm", "giai đoạn", "mười", "lăm", "hai mươi", "mốt", "Giêng", "Chạp",
    "sáng", "chiều", "tối", "vừa qua", "tháng Mười", "T10", "XXI", "III", "IV", "II",
    "ngay", "thang", "nam",  # without diacritics
    "%", "tỷ", "đồng", "người", "số", "Nghị định", "NĐ-CP", "bão số",
    "Москва", "東京", "مدينة", "😀", "\u0301", "\u0323\u0300", "ǅ", "ß", "İ",
]
_SEPARATORS = [" ", "  ", "/", "-", ".", ",", "–", "—", "\n", "\t", "\u00a0", ":", "(", ")", ""]


def _number() -> st.SearchStrategy[str]:
    return st.one_of(
        st.integers(0, 40).map(str),
        st.integers(0, 99).map(lambda n: f"{n:02d}"),
        st.integers(0, 3000).map(str),
        st.integers(0, 10**30).map(str),
        st.sampled_from(["0", "00", "0000", "99999", "2024", "1975", "2199", "2200", "999"]),
    )


token_soup = st.lists(
    st.one_of(st.sampled_from(_WORDS), _number(), st.sampled_from(_SEPARATORS)), max_size=40
).map(" ".join)


@relaxed
@given(st.text(max_size=300))
def test_arbitrary_text_gives_valid_mentions(text: str) -> None:
    check(text)


@relaxed
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200), st.sampled_from(
    [None, REFERENCE, "1900-01-01", "2099-12-31", dt.date(2024, 2, 29)]))
def test_arbitrary_unicode_with_any_reference(text: str, reference: object) -> None:
    check(text, reference)


@relaxed
@given(token_soup)
@example("ngày 99999999999999999999999/10/2024")
@example("từ ngày 31 đến 1/2")
@example("tháng 12/2199 đến tháng 1/2200")
@example("1/1/1/1/1/1/1/1/1/1")
@example("15-15-15-15-15-15")
@example("ngày ngày ngày 15 15 15 tháng tháng")
def test_token_soup_gives_valid_mentions(text: str) -> None:
    check(text)


@relaxed
@given(token_soup, st.sampled_from(["NFC", "NFD", "NFKC", "NFKD"]))
def test_any_normal_form_gives_valid_offsets(text: str, form: str) -> None:
    check(unicodedata.normalize(form, text))


@relaxed
@given(st.lists(st.sampled_from(_WORDS + _SEPARATORS), max_size=30).map("".join))
def test_words_glued_together_give_valid_mentions(text: str) -> None:
    check(text)


# --- impossible dates -----------------------------------------------------------------------

IMPOSSIBLE = [
    "ngày 31/2/2024",
    "ngày 30/2/2024",
    "ngày 29/2/2023",
    "29/2/2023",
    "31/4/2024",
    "ngày 31-6-2022",
    "ngày 0/10/2024",
    "ngày 00/00/2024",
    "ngày 15/0/2024",
    "ngày 15/13/2024",
    "tháng 13",
    "tháng 13/2024",
    "tháng 0",
    "tháng 0/2024",
    "ngày 0",
    "ngày 32",
    "ngày 0 tháng 5",
    "năm 0",
    "năm 0000",
    "năm 99999",
    "1/1/0000",
    "ngày 1/1/0",
    "ngày 15/10/99999",
    "ngày 31 tháng 2 năm 2024",
    "ngày 31 tháng 11",
]


@pytest.mark.parametrize("text", IMPOSSIBLE)
def test_an_impossible_date_is_not_a_mention(text: str) -> None:
    """Nothing that starts at the impossible part, and no day at all. (What is left may
    still be read: ``tháng 11`` of ``ngày 31 tháng 11`` is a month that exists.)"""
    mentions = check(text)
    assert [m for m in mentions if m.start == 0 or _days(m.value)] == [], text


@relaxed
@given(st.integers(0, 40), st.integers(0, 15), st.integers(1900, 2100),
       st.sampled_from(["{d}/{m}/{y}", "ngày {d}/{m}/{y}", "ngày {d}-{m}-{y}",
                        "ngày {d} tháng {m} năm {y}"]))
def test_a_numeric_date_is_a_mention_exactly_when_it_exists(
    d: int, m: int, y: int, form: str
) -> None:
    text = form.format(d=d, m=m, y=y)
    mentions = check(text)
    exists = 1 <= m <= 12 and 1 <= d <= cal.monthrange(y, m)[1]
    days = [m_ for m_ in mentions if isinstance(m_.value, Day)]
    if exists:
        assert [(x.text, x.timex) for x in days] == [(text, f"{y:04d}-{m:02d}-{d:02d}")]
    else:
        assert days == [], text


@relaxed
@given(st.sampled_from(["năm", "tháng 5/", "ngày 1/1/", "những năm", "giai đoạn 2020-",
                        "năm học 2023-", "quý I/", "mùa hè năm"]),
       st.one_of(st.just(0), st.integers(10_000, 10**30)))
def test_years_beyond_the_calendar_are_not_dates(prefix: str, year: int) -> None:
    """Year 0 and years of five digits and more have no TIMEX3 value (``YYYY``)."""
    for mention in check(f"{prefix}{'' if prefix.endswith(('/', '-')) else ' '}{year}"):
        assert str(year) not in mention.text


# --- bad arguments --------------------------------------------------------------------------


@pytest.mark.parametrize("text", [None, b"ngay 15-10", 42, 4.2, ["ngày 15-10"], object()])
def test_a_text_of_the_wrong_type_is_a_type_error(text: object) -> None:
    with pytest.raises(InvalidTypeError) as caught:
        timeline.extract(text)  # type: ignore[arg-type]
    assert isinstance(caught.value, TypeError)
    assert isinstance(caught.value, TimelineError)
    assert caught.value.argument == "text"
    assert type(text).__name__ in str(caught.value)
    with pytest.raises(InvalidTypeError):
        timeline.parse(text)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "reference", ["not a date", "2024-13-45", "", "20/10/2024", 12345, b"2024-10-20", object()]
)
def test_a_bad_reference_is_a_library_error(reference: object) -> None:
    with pytest.raises(InvalidReferenceError) as caught:
        timeline.extract("ngày 17-10", reference=reference)
    assert isinstance(caught.value, TimelineError)
    assert isinstance(caught.value, ValueError | TypeError)
    assert "reference" in str(caught.value)


@pytest.mark.parametrize("tz", ["Mars/Olympus_Mons", "", "+25:00", "UTC+99", 7, None, b"UTC"])
def test_an_unknown_time_zone_is_a_library_error(tz: object) -> None:
    with pytest.raises(InvalidTimezoneError) as caught:
        timeline.extract("ngày 17-10", reference=REFERENCE, tz=tz)  # type: ignore[arg-type]
    assert isinstance(caught.value, TimelineError)
    assert isinstance(caught.value, ValueError | TypeError)
    assert "tz" in str(caught.value)


def test_bad_arguments_are_reported_even_for_an_empty_text() -> None:
    with pytest.raises(InvalidReferenceError):
        timeline.extract("", reference="not a date")
    with pytest.raises(InvalidTimezoneError):
        timeline.extract("", tz="Mars/Olympus_Mons")


def test_naive_and_aware_references_mean_the_same_day() -> None:
    text = "Ngày 17-10, đoàn tới Tokyo; tháng 9 vừa qua, doanh thu tăng."
    naive = dt.datetime(2024, 10, 20, 23, 30)
    aware = dt.datetime(2024, 10, 20, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    expected = timeline.extract(text, reference=dt.date(2024, 10, 20))
    assert timeline.extract(text, reference=naive) == expected
    assert timeline.extract(text, reference=aware) == expected
    assert timeline.extract(text, reference="2024-10-20T23:30:00+07:00") == expected
