"""JSON and JSON Lines: round trips, the shipped schema, every typed value, clear errors.

The strategies here (:func:`timelines`) build Timelines from hand-made mentions with
random dates; ``test_export_ics.py`` uses them too.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_events import JETRO, at

from timeline import model
from timeline.calendar import interval_of, zone
from timeline.errors import InvalidArgumentError
from timeline.events import Category, Event, Source
from timeline.export.json import (
    SCHEMA_PATH,
    decode_value,
    document_line,
    encode_value,
    read_jsonl,
    schema,
)
from timeline.model import (
    Anaphor,
    AnaphorKind,
    Century,
    Day,
    DayPart,
    Decade,
    Duration,
    Grain,
    Half,
    LunarDay,
    Mention,
    Mod,
    Month,
    PartOfDay,
    Quarter,
    Range,
    Recurrence,
    Ref,
    RefKind,
    Relative,
    Season,
    SeasonName,
    TimeOfDay,
    TimeValue,
    Unit,
    Week,
    Weekday,
    Year,
)
from timeline.timeline import Document, Timeline

ZONES = ("Asia/Ho_Chi_Minh", "Europe/Paris", "America/New_York", "+07:00", "UTC")

# --- strategies ------------------------------------------------------------------------------

VIETNAMESE = ("aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũ"
              "úụừửữứựỳỷỹýỵĐƯ")
words = st.text(alphabet=VIETNAMESE + VIETNAMESE.upper() + "0123456789 ,;:.-–()“”\"'\\/\n",
                min_size=1, max_size=60).map(lambda s: s.strip() or "x")


@st.composite
def calendar_values(draw: st.DrawFn) -> TimeValue:
    year = draw(st.integers(1950, 2080))
    month = draw(st.integers(1, 12))
    day = draw(st.integers(1, 25))
    kind = draw(st.sampled_from(["day", "range", "month", "time", "part", "year", "decade",
                                 "week", "quarter"]))
    if kind == "range":
        return Range(Day(year, month, day), Day(year, month, day + draw(st.integers(1, 3))))
    if kind == "month":
        return Month(year, month)
    if kind == "time":
        return TimeOfDay(Day(year, month, day), draw(st.integers(0, 23)),
                         draw(st.none() | st.integers(0, 59)))
    if kind == "part":
        return PartOfDay(Day(year, month, day), draw(st.sampled_from(list(DayPart))))
    if kind == "year":
        return Year(year)
    if kind == "decade":
        return Decade(year // 10)
    if kind == "week":
        return Week(year, draw(st.integers(1, 52)), draw(st.booleans()))
    if kind == "quarter":
        return Quarter(year, draw(st.integers(1, 4)))
    return Day(year, month, day)


@st.composite
def events(draw: st.DrawFn, tz: str) -> Event:
    local = zone(tz)
    recurring = draw(st.booleans()) and draw(st.booleans())
    if recurring:
        first = Day(draw(st.integers(1990, 2060)), draw(st.integers(1, 12)),
                    draw(st.integers(1, 28)))
        value: TimeValue = Recurrence(pattern=Weekday(date(first.year or 2000, first.month or 1,
                                                           first.day or 1).isoweekday()))
        interval = interval_of(first, local)
        mention_interval = None
    else:
        value = draw(calendar_values())
        interval = interval_of(value, local)
        mention_interval = interval
    assert interval is not None
    text = draw(words)
    start = draw(st.integers(0, 5000))
    document = draw(st.sampled_from(["000", "001", "tài-liệu"]))
    mention = Mention(text=text, start=start, end=start + len(text), value=value,
                      interval=mention_interval,
                      mod=draw(st.none() | st.sampled_from(list(Mod))))
    return Event(
        id=draw(st.text(alphabet="0123456789abcdef", min_size=16, max_size=16)),
        when=mention,
        interval=interval,
        title=draw(words),
        sentence=draw(words),
        location=draw(st.none() | words.map(lambda w: "tại " + w)),
        categories=tuple(draw(st.lists(st.sampled_from(list(Category)), min_size=1, max_size=3,
                                       unique=True))),
        sources=(Source(document, mention.start, mention.end),),
        inferred=draw(st.booleans()),
    )


@st.composite
def timelines(draw: st.DrawFn, zones: tuple[str, ...] = ZONES) -> Timeline:
    tz = draw(st.sampled_from(zones))
    found = draw(st.lists(events(tz), max_size=6, unique_by=lambda e: e.id))
    documents = []
    for doc_id in sorted({s.document for e in found for s in e.sources}):
        mentions = tuple(e.when for e in found if e.sources[0].document == doc_id)
        reference = draw(st.none() | st.dates(date(1990, 1, 1), date(2060, 12, 31)))
        documents.append(Document(doc_id, draw(words), reference, mentions))
    return Timeline(tuple(found), tuple(documents), tz, draw(words))


# --- round trips -----------------------------------------------------------------------------


@settings(deadline=None)
@given(timelines())
def test_json_round_trip_is_the_identity(timeline: Timeline) -> None:
    text = timeline.to_json()
    assert Timeline.from_json(text) == timeline
    assert Timeline.from_json(text).to_json() == text


@settings(deadline=None)
@given(timelines())
def test_json_follows_the_shipped_schema(timeline: Timeline) -> None:
    jsonschema.validate(json.loads(timeline.to_json()), schema())


@settings(deadline=None)
@given(timelines())
def test_json_lines_round_trip(timeline: Timeline) -> None:
    lines = timeline.to_jsonl().splitlines()
    assert len(lines) == len(timeline.documents)
    for line in lines:
        jsonschema.validate(json.loads(line), schema())
    assert tuple(read_jsonl(lines)) == timeline.documents


EVERY_VALUE: list[TimeValue] = [
    Day(2024, 10, 16), Day(None, 10, 15), Month(2024, None), Year(None), Decade(199),
    Century(19), Quarter(2024, 3), Half(None, 1), Season(2024, SeasonName.SUMMER),
    Week(2024, 42, True), Weekday(1), PartOfDay(Day(2024, 10, 16), DayPart.MORNING),
    TimeOfDay(Day(None, None, None), 14, 0), Ref(RefKind.PRESENT), LunarDay(None, 12, None),
    Range(Year(2015), Ref(RefKind.PRESENT)), Duration(Decimal("0.5"), Unit.MONTH),
    Duration(None, Unit.YEAR), Duration(3, Unit.YEAR), Recurrence(period=Duration(1, Unit.YEAR)),
    Recurrence(pattern=Day(None, None, 15)), Relative(grain=Grain.WEEK, offset=1, weekday=1),
    Relative(grain=Grain.DAY, offset=-1, part=DayPart.EVENING),
    Anaphor(AnaphorKind.SAME_PERIOD, grain=Grain.YEAR, year=2022),
]


@pytest.mark.parametrize("value", EVERY_VALUE, ids=lambda v: type(v).__name__)
def test_every_typed_value_round_trips(value: TimeValue) -> None:
    encoded = encode_value(value)
    assert decode_value(json.loads(json.dumps(encoded))) == value
    typed = {"$ref": "#/$defs/typedValue", "$defs": schema()["$defs"]}
    jsonschema.Draft202012Validator(typed).validate(encoded)


def test_every_value_class_of_the_model_is_known_to_the_schema() -> None:
    classes = {name for name in model.__all__
               if isinstance(getattr(model, name), type)
               and issubclass(getattr(model, name), TimeValue) and name != "TimeValue"}
    assert classes <= set(schema()["$defs"]["typedValue"]["properties"]["class"]["enum"])
    assert classes <= {type(v).__name__ for v in EVERY_VALUE}


def test_the_schema_ships_in_the_package() -> None:
    assert SCHEMA_PATH.name == "timeline.schema.json" and SCHEMA_PATH.parent.name == "export"
    loaded = schema()
    jsonschema.Draft202012Validator.check_schema(loaded)
    assert loaded["$defs"]["timeline"]["properties"]["version"] == {"const": 1}


def test_the_format_is_readable() -> None:
    mention = at(JETRO, "Cùng ngày 16-10", Day(2024, 10, 16))
    timeline = Timeline.from_documents([Document("d", JETRO, "2024-10-19", (mention,))],
                                       name="Nhật Bản")
    data = json.loads(timeline.to_json())
    assert (data["format"], data["version"], data["tz"]) == ("timeline", 1, "Asia/Ho_Chi_Minh")
    [event] = data["events"]
    assert event["interval"] == {"start": "2024-10-16T00:00:00+07:00",
                                 "end": "2024-10-17T00:00:00+07:00"}
    assert event["when"]["value"] == "2024-10-16" and event["when"]["type"] == "DATE"
    assert event["when"]["typed"] == {"class": "Day", "year": 2024, "month": 10, "day": 16}
    assert event["sources"] == [{"document": "d", "start": 2, "end": 17}]
    assert data["documents"][0]["reference"] == "2024-10-19"
    assert "Chủ tịch JETRO" in timeline.to_json()  # UTF-8 as it is, not \\u escapes
    line = json.loads(document_line(timeline.documents[0], timeline.tz))
    assert line["format"] == "timeline-document" and line["mentions"][0]["text"] == (
        "Cùng ngày 16-10")


@pytest.mark.parametrize(("text", "message"), [
    ("not json", "JSON text"),
    ("[]", "a JSON object"),
    ('{"format": "other", "version": 1}', "json.format"),
    ('{"format": "timeline", "version": 99, "tz": "UTC"}', "json.version"),
    ('{"format": "timeline", "version": 1, "tz": "UTC", "documents": [], '
     '"events": [{"id": "x"}]}', r"json.events\[0\]"),
])
def test_bad_json_names_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(InvalidArgumentError, match=message):
        Timeline.from_json(text)


def test_a_bad_typed_value_names_its_path() -> None:
    with pytest.raises(InvalidArgumentError, match=r"\.start\.class"):
        decode_value({"class": "Range", "start": {"class": "Nope"}, "end": None})
    with pytest.raises(InvalidArgumentError, match=r"\.season"):
        decode_value({"class": "Season", "year": 2024, "season": "XX"})


def test_the_schema_shown_in_the_docs_is_the_shipped_one() -> None:
    docs = (SCHEMA_PATH.parents[2] / "docs" / "export.md").read_text(encoding="utf-8")
    marker = "<!-- the block below is timeline/export/timeline.schema.json, checked by a test -->"
    block = docs.split(marker, 1)[1].split("```json\n", 1)[1].split("\n```", 1)[0]
    assert json.loads(block) == schema()
