"""The contracts of the public API: :func:`timeline.extract` and :func:`timeline.parse`.

Mentions sorted and not overlapping, offsets into the caller's string, ``type`` a str
enum, the reference in every accepted form, precise errors that name the argument,
determinism (no clock), and the concrete interval of spec §6.
"""

from __future__ import annotations

import datetime as dt
import itertools

import pendulum
import pytest

import timeline
from timeline import (
    InvalidReferenceError,
    InvalidTimezoneError,
    Mention,
    ParseError,
    TimelineError,
)

TEXT = (
    "Ngày 17-10, đoàn tới Kanagawa. Từ ngày 15 đến 18-10-2024, đoàn thăm Nhật Bản; "
    "tháng 9 vừa qua, doanh thu đạt 2,85 tỷ USD. Giai đoạn 2016-2020, quý III năm 2024 "
    "và năm 2023 là các mốc chính."
)
REFERENCE = "2024-10-20"


def _summary(mentions: list[Mention]) -> list[tuple[str, int, int, str, str | None]]:
    return [(m.text, m.start, m.end, m.timex, m.mod) for m in mentions]


# --- extract ----------------------------------------------------------------------------


def test_extract_returns_mentions_sorted_and_not_overlapping() -> None:
    mentions = timeline.extract(TEXT, reference=REFERENCE)
    assert len(mentions) >= 5
    assert all(isinstance(m, Mention) for m in mentions)
    starts = [m.start for m in mentions]
    assert starts == sorted(starts)
    for left, right in itertools.pairwise(mentions):
        assert left.end <= right.start, (left, right)
    for m in mentions:
        assert TEXT[m.start : m.end] == m.text


def test_extract_values_of_the_contract_text() -> None:
    found = {m.text: m.timex for m in timeline.extract(TEXT, reference=REFERENCE)}
    assert found["Ngày 17-10"] == "2024-10-17"
    assert found["Từ ngày 15 đến 18-10-2024"] == "2024-10-15/2024-10-18"
    assert found["tháng 9 vừa qua"] == "2024-09"
    assert found["Giai đoạn 2016-2020"] == "2016/2020"
    assert found["quý III năm 2024"] == "2024-Q3"
    assert found["năm 2023"] == "2023"
    assert not any("2,85" in text for text in found)


def test_type_is_a_str_enum() -> None:
    (m,) = timeline.extract("tháng 10/2024")
    assert m.type == "DATE"
    assert m.type is timeline.TimexType.DATE
    assert isinstance(m.type, str)
    assert f"{m.type}" == "DATE"


def test_empty_text_gives_no_mention() -> None:
    assert timeline.extract("") == []
    assert timeline.extract("   \n ") == []
    assert timeline.extract("không có gì") == []


def test_a_mention_is_frozen() -> None:
    (m,) = timeline.extract("tháng 10/2024")
    with pytest.raises(AttributeError):
        m.start = 3  # type: ignore[misc]


@pytest.mark.parametrize(
    "reference",
    [
        dt.date(2024, 10, 20),
        dt.datetime(2024, 10, 20, 9, 30),
        dt.datetime(2024, 10, 20, 23, 59, tzinfo=dt.timezone(dt.timedelta(hours=7))),
        pendulum.date(2024, 10, 20),
        pendulum.datetime(2024, 10, 20, 9, 30, tz="Asia/Ho_Chi_Minh"),
        "2024-10-20",
        "2024-10-20T09:30:00",
        "2024-10-20T09:30:00+07:00",
    ],
    ids=["date", "datetime", "aware datetime", "pendulum date", "pendulum datetime",
         "ISO date", "ISO datetime", "ISO datetime with offset"],
)
def test_reference_accepts_every_documented_form(reference: object) -> None:
    found = timeline.extract("Ngày 17-10, tháng 9 vừa qua", reference=reference)
    assert [m.timex for m in found] == ["2024-10-17", "2024-09"]


def test_without_a_reference_what_the_text_omits_stays_x() -> None:
    (m,) = timeline.extract("ngày 15-10")
    assert m.timex == "XXXX-10-15"
    assert m.interval is None


@pytest.mark.parametrize(
    "reference",
    ["20/10/2024", "hôm qua", "2024-13-01", "2024-02-30", "", 20241020, 3.5, ["2024-10-20"],
     object()],
    ids=["dd/mm/yyyy", "words", "month 13", "February 30", "empty", "int", "float", "list",
         "object"],
)
def test_a_bad_reference_raises_an_error_naming_it(reference: object) -> None:
    with pytest.raises(InvalidReferenceError) as caught:
        timeline.extract("ngày 15-10", reference=reference)
    error = caught.value
    assert isinstance(error, ValueError)
    assert isinstance(error, TimelineError)
    assert error.argument == "reference"
    assert "reference" in str(error)
    with pytest.raises(InvalidReferenceError):
        timeline.parse("ngày 15-10", reference=reference)


@pytest.mark.parametrize("tz", ["Mars/Olympus", "", "+25:00", "UTC+99", "Asia/Ho Chi Minh", 7])
def test_a_bad_timezone_raises_an_error_naming_it(tz: object) -> None:
    with pytest.raises(InvalidTimezoneError) as caught:
        timeline.extract("tháng 10/2024", tz=tz)  # type: ignore[arg-type]
    assert isinstance(caught.value, ValueError)
    assert caught.value.argument == "tz"
    assert "tz" in str(caught.value)
    with pytest.raises(InvalidTimezoneError):
        timeline.parse("tháng 10/2024", tz=tz)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("tz", "start"),
    [
        ("+07:00", "2024-10-01T00:00:00+07:00"),
        ("-02:00", "2024-10-01T00:00:00-02:00"),
        ("UTC", "2024-10-01T00:00:00+00:00"),
        ("Europe/Paris", "2024-10-01T00:00:00+02:00"),
        ("Asia/Ho_Chi_Minh", "2024-10-01T00:00:00+07:00"),
    ],
)
def test_tz_places_the_interval(tz: str, start: str) -> None:
    m = timeline.parse("tháng 10/2024", tz=tz)
    assert m.interval is not None
    assert m.interval.start.isoformat() == start
    assert m.timex == "2024-10"


@pytest.mark.parametrize("text", [None, 42, b"ngay 15-10", ["ngày 15-10"]])
def test_a_text_that_is_not_a_str_raises_a_library_error(text: object) -> None:
    """A library error that is also the built-in one (``InvalidTypeError``, a TypeError),
    naming the argument: ``text`` for extract, ``expression`` for parse."""
    for call, argument in ((timeline.extract, "text"), (timeline.parse, "expression")):
        with pytest.raises(TimelineError) as caught:
            call(text)  # type: ignore[operator]
        error = caught.value
        assert isinstance(error, TypeError | ValueError)
        assert getattr(error, "argument", None) == argument
        assert str(error).startswith(f"{argument}: expected a str")


# --- parse --------------------------------------------------------------------------------


def test_parse_reads_one_expression() -> None:
    m = timeline.parse("quý III năm 2024")
    assert (m.text, m.start, m.end, m.timex) == ("quý III năm 2024", 0, 16, "2024-Q3")


def test_parse_takes_the_longest_expression() -> None:
    m = timeline.parse("năm 2023 và từ ngày 15 đến 18-10-2024")
    assert m.timex == "2024-10-15/2024-10-18"


@pytest.mark.parametrize("text", ["không có gì", "", "2,85 tỷ USD", "bão số 3"])
def test_parse_raises_parse_error_without_an_expression(text: str) -> None:
    with pytest.raises(ParseError) as caught:
        timeline.parse(text)
    assert isinstance(caught.value, ValueError)
    assert isinstance(caught.value, TimelineError)
    assert caught.value.expression == text


# --- determinism ------------------------------------------------------------------------


def test_the_same_call_gives_the_same_answer() -> None:
    first = timeline.extract(TEXT, reference=REFERENCE)
    second = timeline.extract(TEXT, reference=REFERENCE)
    assert first == second
    assert _summary(first) == _summary(second)
    assert timeline.parse("ngày 15-10") == timeline.parse("ngày 15-10")


def test_no_clock_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without a reference, a missing year stays X whatever day the machine thinks it is."""
    before = _summary(timeline.extract(TEXT))

    class FrozenDate(dt.date):
        @classmethod
        def today(cls) -> FrozenDate:
            return cls(1999, 1, 1)

    class FrozenDateTime(dt.datetime):
        @classmethod
        def now(cls, tz: dt.tzinfo | None = None) -> FrozenDateTime:
            return cls(1999, 1, 1, tzinfo=tz)

    monkeypatch.setattr(dt, "date", FrozenDate)
    monkeypatch.setattr(dt, "datetime", FrozenDateTime)
    monkeypatch.setattr(pendulum, "now", lambda *a, **k: pendulum.datetime(1999, 1, 1))
    monkeypatch.setattr(pendulum, "today", lambda *a, **k: pendulum.datetime(1999, 1, 1))
    assert _summary(timeline.extract(TEXT)) == before
    assert "XXXX-10-17" in [m.timex for m in timeline.extract(TEXT)]


# --- the concrete interval (spec §6) ------------------------------------------------------


def test_interval_of_a_month_in_the_default_zone() -> None:
    m = timeline.parse("tháng 10/2024")
    assert m.interval is not None
    assert m.interval.start.isoformat() == "2024-10-01T00:00:00+07:00"
    assert m.interval.end.isoformat() == "2024-11-01T00:00:00+07:00"


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("ngày 15/10/2024", "2024-10-15", "2024-10-16"),
        ("từ ngày 15 đến 18-10-2024", "2024-10-15", "2024-10-19"),
        ("năm 2023", "2023-01-01", "2024-01-01"),
        ("những năm 2000", "2000-01-01", "2010-01-01"),
        ("quý III năm 2024", "2024-07-01", "2024-10-01"),
        ("6 tháng đầu năm 2024", "2024-01-01", "2024-07-01"),
        ("tháng 12/2024", "2024-12-01", "2025-01-01"),
    ],
)
def test_interval_is_half_open(text: str, start: str, end: str) -> None:
    m = timeline.parse(text)
    assert m.interval is not None
    assert m.interval.start.isoformat() == f"{start}T00:00:00+07:00"
    assert m.interval.end.isoformat() == f"{end}T00:00:00+07:00"


def test_interval_with_a_resolved_year() -> None:
    m = timeline.parse("ngày 15 đến 18-10", reference="2024-10-20")
    assert m.timex == "2024-10-15/2024-10-18"
    assert m.interval is not None
    assert (m.interval.start.date(), m.interval.end.date()) == (
        dt.date(2024, 10, 15), dt.date(2024, 10, 19))


def test_offsets_point_into_the_callers_string() -> None:
    """Typographic dashes, odd spaces and NFD text: offsets are the caller's."""
    import unicodedata

    for source in ("Giai đoạn 2016–2020", "ngày\u00a015/10/2024",
                   unicodedata.normalize("NFD", "Tháng 10/2024 và năm 2023")):
        mentions = timeline.extract(source)
        assert mentions, source
        for m in mentions:
            assert source[m.start : m.end] == m.text
