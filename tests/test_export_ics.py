"""iCalendar export, read back by two real clients: ``icalendar`` and Mozilla's ``ical.js``.

The ical.js tests run ``node tests/js/parse_ics.js``; ``make test`` installs ical.js
(``make tests/js/node_modules``). Without node or that install they are skipped.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import icalendar
import pytest
from hypothesis import given, settings
from test_events import JETRO, at
from test_export_json import timelines

from timeline.errors import InvalidArgumentError
from timeline.export.ics import PRODID, is_coarse, rrule
from timeline.model import (
    Day,
    DayPart,
    Decade,
    Duration,
    Month,
    PartOfDay,
    Range,
    Recurrence,
    TimeOfDay,
    Unit,
    Weekday,
)
from timeline.timeline import Document, Timeline

ROOT = Path(__file__).resolve().parents[1]
JS = ROOT / "tests" / "js"
HCM = ZoneInfo("Asia/Ho_Chi_Minh")

TEXT = (
    "Từ ngày 15 đến 18-10, đoàn đại biểu thăm và làm việc tại Nhật Bản.\n"
    "Lúc 8h30 ngày 17-10, tại Kanagawa, hai bên đã ký kết bản ghi nhớ.\n"
    "Chiều 17-10, đoàn đã làm việc với JETRO tại Tokyo.\n"
    "Hội chợ được tổ chức mỗi thứ Hai từ tháng 10/2024 tại Hà Nội.\n"
    "Những năm 2000, đầu tư từ Nhật Bản tập trung vào chế tạo, sản xuất."
)


def _timeline(tz: str = "Asia/Ho_Chi_Minh", reference: str | None = "2024-10-19") -> Timeline:
    mentions = (
        at(TEXT, "Từ ngày 15 đến 18-10", Range(Day(2024, 10, 15), Day(2024, 10, 18)), tz=tz),
        at(TEXT, "Lúc 8h30 ngày 17-10", TimeOfDay(Day(2024, 10, 17), 8, 30), tz=tz),
        at(TEXT, "Chiều 17-10", PartOfDay(Day(2024, 10, 17), DayPart.AFTERNOON), tz=tz),
        at(TEXT, "mỗi thứ Hai", Recurrence(pattern=Weekday(1)), interval=False),
        at(TEXT, "từ tháng 10/2024", Month(2024, 10), tz=tz),
        at(TEXT, "Những năm 2000", Decade(200), tz=tz),
    )
    jetro = at(JETRO, "Cùng ngày 16-10", Day(2024, 10, 16), tz=tz)
    documents = [Document("bài-1", TEXT, reference, mentions),
                 Document("bài-2", JETRO, "2024-10-20", (jetro,))]
    return Timeline.from_documents(documents, tz=tz, name="Đoàn Hà Nội, Nhật Bản")


def _events(ics: bytes) -> dict[str, Any]:
    calendar = icalendar.Calendar.from_ical(ics)
    return {str(e["X-TIMEX3-VALUE"]): e for e in calendar.walk("VEVENT")}


# --- the calendar ----------------------------------------------------------------------------


def test_calendar_properties_and_time_zone() -> None:
    ics = _timeline().to_ics()
    calendar = icalendar.Calendar.from_ical(ics)
    assert str(calendar["PRODID"]) == PRODID
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["CALSCALE"]) == "GREGORIAN"
    assert str(calendar["X-WR-CALNAME"]) == "Đoàn Hà Nội, Nhật Bản"
    assert str(calendar["X-WR-TIMEZONE"]) == "Asia/Ho_Chi_Minh"
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Asia/Ho_Chi_Minh"]
    assert calendar.get_missing_tzids() == set()


def test_all_day_events_end_the_day_after_their_last_day() -> None:
    ics = _timeline().to_ics()
    assert b"DTSTART;VALUE=DATE:20241015\r\nDTEND;VALUE=DATE:20241019\r\n" in ics
    visit = _events(ics)["2024-10-15/2024-10-18"]
    assert visit.decoded("DTSTART") == date(2024, 10, 15)
    assert visit.decoded("DTEND") == date(2024, 10, 19)
    assert str(visit["LOCATION"]) == "Nhật Bản"
    assert str(visit["X-TIMEX3-GRAIN"]) == "day"
    assert str(visit["X-TIMEX3-TYPE"]) == "DATE"


def test_timed_events_carry_their_zone() -> None:
    ics = _timeline().to_ics()
    assert b"DTSTART;TZID=Asia/Ho_Chi_Minh:20241017T083000" in ics
    events = _events(ics)
    signing = events["2024-10-17T08:30"]
    assert signing.decoded("DTSTART") == datetime(2024, 10, 17, 8, 30, tzinfo=HCM)
    assert signing.decoded("DTEND") == datetime(2024, 10, 17, 8, 31, tzinfo=HCM)
    afternoon = events["2024-10-17TAF"]
    assert afternoon.decoded("DTSTART") == datetime(2024, 10, 17, 12, tzinfo=HCM)
    assert afternoon.decoded("DTEND") == datetime(2024, 10, 17, 18, tzinfo=HCM)
    categories: Any = signing["CATEGORIES"]
    assert "signing" in [str(c) for c in categories.cats]


def test_a_recurrence_has_an_rrule_from_its_first_occurrence() -> None:
    ics = _timeline().to_ics()
    assert b"RRULE:FREQ=WEEKLY;BYDAY=MO" in ics
    weekly = _events(ics)["XXXX-WXX-1"]
    assert weekly.decoded("DTSTART") == date(2024, 10, 7)  # the first Monday of October 2024


def test_a_recurrence_at_a_time_of_day_is_timed() -> None:
    text = "Từ tháng 10/2024, lớp học diễn ra lúc 14:00 mỗi thứ Hai tại Hà Nội."
    every = Recurrence(pattern=Weekday(1), time=TimeOfDay(Day(None, None, None), 14, 0))
    document = Document("d", text, "2024-10-01", (
        at(text, "lúc 14:00 mỗi thứ Hai", every, interval=False),
        at(text, "Từ tháng 10/2024", Month(2024, 10))))
    ics = Timeline.from_documents([document]).to_ics()
    assert b"DTSTART;TZID=Asia/Ho_Chi_Minh:20241007T140000\r\n" in ics
    assert b"RRULE:FREQ=WEEKLY;BYDAY=MO\r\n" in ics


@pytest.mark.parametrize(("recurrence", "expected"), [
    (Recurrence(period=Duration(1, Unit.YEAR)), {"FREQ": "YEARLY"}),
    (Recurrence(period=Duration(2, Unit.WEEK)), {"FREQ": "WEEKLY", "INTERVAL": 2}),
    (Recurrence(period=Duration(Decimal("0.5"), Unit.MONTH)), None),
    (Recurrence(pattern=Weekday(7)), {"FREQ": "WEEKLY", "BYDAY": "SU"}),
    (Recurrence(pattern=Day(None, None, 15)), {"FREQ": "MONTHLY", "BYMONTHDAY": 15}),
    (Recurrence(pattern=Day(None, 10, 15)), {"FREQ": "YEARLY", "BYMONTH": 10, "BYMONTHDAY": 15}),
    (Recurrence(pattern=TimeOfDay(Day(None, None, None), 14)), {"FREQ": "DAILY"}),
])
def test_rrules(recurrence: Recurrence, expected: dict[str, object] | None) -> None:
    assert rrule(recurrence) == expected


def test_coarse_events_are_skipped_by_default_or_spanned_or_marked() -> None:
    timeline = _timeline()
    assert [is_coarse(e) for e in timeline] == [True, True, False, False, False, False, False]
    skipped = _events(timeline.to_ics())
    assert "2024-10" not in skipped and "200" not in skipped
    spanned = _events(timeline.to_ics(coarse="span"))
    assert spanned["2024-10"].decoded("DTSTART") == date(2024, 10, 1)
    assert spanned["2024-10"].decoded("DTEND") == date(2024, 11, 1)
    assert spanned["200"].decoded("DTEND") == date(2010, 1, 1)
    marked = _events(timeline.to_ics(coarse="first-day"))
    assert marked["200"].decoded("DTSTART") == date(2000, 1, 1)
    assert marked["200"].decoded("DTEND") == date(2000, 1, 2)
    with pytest.raises(InvalidArgumentError, match="coarse"):
        timeline.to_ics(coarse="all")


def test_uid_and_dtstamp_come_from_the_input_not_the_clock() -> None:
    timeline = _timeline()
    events = _events(timeline.to_ics())
    visit = timeline.search("Nhật Bản").precise_only()[0]
    assert str(events[visit.timex]["UID"]) == f"{visit.id}@timeline"
    assert events[visit.timex].decoded("DTSTAMP") == datetime(2024, 10, 19, tzinfo=UTC)
    jetro = events["2024-10-16"]
    assert jetro.decoded("DTSTAMP") == datetime(2024, 10, 20, tzinfo=UTC)
    # no reference for the document: the latest of the others
    unknown = _events(_timeline(reference=None).to_ics())
    assert unknown[visit.timex].decoded("DTSTAMP") == datetime(2024, 10, 20, tzinfo=UTC)


def test_the_same_timeline_gives_the_same_bytes_in_any_process() -> None:
    assert _timeline().to_ics() == _timeline().to_ics()
    script = (
        "import hashlib, sys\n"
        f"sys.path[:0] = [{str(ROOT)!r}, {str(ROOT / 'tests')!r}]\n"
        "from test_export_ics import _timeline\n"
        "print(hashlib.sha256(_timeline().to_ics()).hexdigest())\n"
    )
    digests = set()
    for seed in ("1", "2", "12345"):
        environment = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                             env=environment, cwd=ROOT / "tests", check=True)
        digests.add(run.stdout.strip())
    assert digests == {hashlib.sha256(_timeline().to_ics()).hexdigest()}


def test_text_is_escaped_folded_and_lines_end_in_crlf() -> None:
    timeline = _timeline()
    tricky = attrs.evolve(timeline[2], title="Ký kết, hợp tác; giai đoạn\nmới \\ 2024")
    ics = attrs.evolve(timeline, events=(tricky,)).to_ics()
    assert b"SUMMARY:K\xc3\xbd k\xe1\xba\xbft\\, h\xe1\xbb\xa3p t\xc3\xa1c\\; giai" in ics
    lines = ics.split(b"\r\n")
    assert lines[-1] == b"" and all(b"\n" not in line for line in lines)
    assert max(len(line) for line in lines) <= 75
    assert str(_events(ics)[tricky.timex]["SUMMARY"]) == tricky.title


def test_a_fixed_offset_zone_writes_utc_times() -> None:
    ics = _timeline(tz="+07:00").to_ics()
    assert b"DTSTART:20241017T013000Z" in ics
    assert b"X-WR-TIMEZONE" not in ics and b"VTIMEZONE" not in ics


@settings(deadline=None, max_examples=60)
@given(timelines())
def test_ics_round_trip_keeps_dates_summary_and_uid(timeline: Timeline) -> None:
    calendar = icalendar.Calendar.from_ical(timeline.to_ics(coarse="span"))
    read = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    assert len(read) == len(timeline)
    iana = timeline.tz in ("Asia/Ho_Chi_Minh", "Europe/Paris", "America/New_York", "UTC")
    for event in timeline:
        component = read[f"{event.id}@timeline"]
        assert str(component["SUMMARY"]) == event.title
        start, end = component.decoded("DTSTART"), component.decoded("DTEND")
        if isinstance(start, datetime):
            assert start == event.interval.start and end == event.interval.end
            if iana:
                assert str(start.tzinfo) == timeline.tz or timeline.tz == "UTC"
        else:
            local = ZoneInfo(timeline.tz) if iana else UTC if timeline.tz == "UTC" else None
            if local is not None:
                assert start == event.interval.start.astimezone(local).date()
                assert end == event.interval.end.astimezone(local).date()
            assert (end - start).days >= 1


# --- ical.js, the parser inside Thunderbird and Nextcloud ------------------------------------


def ical_js(path: Path) -> Any:
    node = shutil.which("node")
    if node is None or not (JS / "node_modules" / "ical.js").is_dir():
        pytest.skip("needs node and ical.js: make tests/js/node_modules")
    run = subprocess.run([node, str(JS / "parse_ics.js"), str(path)], capture_output=True,
                         text=True, check=True)
    return json.loads(run.stdout)


def test_ical_js_sees_the_dates_zones_recurrence_and_vietnamese_text(tmp_path: Path) -> None:
    path = tmp_path / "timeline.ics"
    timeline = _timeline()
    path.write_bytes(timeline.to_ics())
    parsed = ical_js(path)
    assert parsed["calendar"] == {"prodid": PRODID, "version": "2.0", "calscale": "GREGORIAN",
                                  "name": "Đoàn Hà Nội, Nhật Bản",
                                  "timezone": "Asia/Ho_Chi_Minh"}
    assert parsed["timezones"] == ["Asia/Ho_Chi_Minh"]
    events = {e["x"]["X-TIMEX3-VALUE"]: e for e in parsed["events"]}
    visit = events["2024-10-15/2024-10-18"]
    assert visit["start"] == {"date": "2024-10-15"} and visit["end"] == {"date": "2024-10-19"}
    assert visit["summary"] == timeline.search("Nhật Bản").precise_only()[0].title
    assert visit["location"] == "Nhật Bản"
    signing = events["2024-10-17T08:30"]
    assert signing["start"] == {"dateTime": "2024-10-17T08:30:00", "tzid": "Asia/Ho_Chi_Minh",
                                "utc": "2024-10-17T01:30:00Z"}
    assert "signing" in signing["categories"]
    weekly = events["XXXX-WXX-1"]
    assert weekly["rrule"] == "FREQ=WEEKLY;BYDAY=MO"
    assert weekly["occurrences"] == [{"date": "2024-10-07"}, {"date": "2024-10-14"},
                                     {"date": "2024-10-21"}]
    jetro = events["2024-10-16"]
    assert jetro["summary"] == "Chủ tịch JETRO tiếp Đoàn đại biểu cấp cao thành phố Hà Nội"
    assert "Cùng ngày 16-10, Chủ tịch JETRO, ông Ishiguro Norihiko" in jetro["description"]
    assert {e["uid"] for e in parsed["events"]} == {
        f"{e.id}@timeline" for e in timeline if not is_coarse(e)}


def test_ical_js_reads_escaped_text_back(tmp_path: Path) -> None:
    timeline = _timeline()
    tricky = attrs.evolve(timeline[2], title="Ký kết, hợp tác; giai đoạn\nmới \\ 2024",
                          location="tại Số 1, phố Tràng Tiền; Hà Nội")
    path = tmp_path / "tricky.ics"
    path.write_bytes(attrs.evolve(timeline, events=(tricky,)).to_ics())
    [event] = ical_js(path)["events"]
    assert event["summary"] == tricky.title
    assert event["location"] == "Số 1, phố Tràng Tiền; Hà Nội"


# --- END TO END OVER THE SEEDS: the real extractor, then ical.js -----------------------------


def test_seed_calendar_shows_the_acceptance_events_on_their_days(tmp_path: Path) -> None:
    from conftest import seed_timeline

    seeds = seed_timeline()
    path = tmp_path / "seeds.ics"
    path.write_bytes(seeds.to_ics())
    assert seeds.to_ics() == path.read_bytes()
    events = ical_js(path)["events"]
    days = {(e["start"].get("date"), e["end"].get("date")): e
            for e in events}
    seen = " | ".join(f"{k}: {v['summary']}" for k, v in days.items())
    assert ("2024-10-15", "2024-10-19") in days, seen  # the visit to Japan, 15–18 October
    assert "000_bf730a2c87539fbc" in days[("2024-10-15", "2024-10-19")]["description"]
    on_16 = [e["summary"] for e in events
             if e["start"].get("date") == "2024-10-16"]
    assert any("JETRO" in s for s in on_16) and any("Thống đốc Tokyo" in s for s in on_16), seen
    assert any(e["start"].get("date") == "2024-10-17" and "Kanagawa" in (
        e["summary"] + (e["location"] or "")) for e in events), seen
    assert ("2024-11-16", "2024-11-18") in days, seen  # the Kanagawa festival in Hà Nội
