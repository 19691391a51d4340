"""JSON and JSON Lines: the whole Timeline, or one document with its mentions per line.

The format is described by the JSON Schema shipped beside this module
(``timeline/export/timeline.schema.json``, :func:`schema`) and in ``docs/export.md``.
Every date and time is ISO 8601; every typed value is written twice: as its TIMEX3
string (``"value": "2024-10-15/2024-10-18"``, for people and TimeML tools) and as a
tagged object (``"typed": {"class": "Range", "start": {"class": "Day", …}, …}``) that
reads back into the same Python value, so ``Timeline.from_json(t.to_json()) == t``.

>>> from timeline.model import Day, Range
>>> encode_value(Range(Day(2024, 10, 15), Day(2024, 10, 18)))["start"]
{'class': 'Day', 'year': 2024, 'month': 10, 'day': 15}
>>> decode_value(encode_value(Day(None, 10, 15))).timex
'XXXX-10-15'
"""

from __future__ import annotations

import enum
import json
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, cast

import attrs

from timeline import model
from timeline.calendar import zone
from timeline.errors import InvalidArgumentError
from timeline.events import Category, Event, Source
from timeline.model import Calendar, Direction, Interval, Mention, Mod, TimeValue
from timeline.timeline import Document, Timeline

__all__ = [
    "FORMAT",
    "SCHEMA_PATH",
    "SCHEMA_VERSION",
    "decode_document",
    "decode_event",
    "decode_mention",
    "decode_value",
    "document_line",
    "dumps",
    "encode_document",
    "encode_event",
    "encode_mention",
    "encode_value",
    "loads",
    "read_jsonl",
    "schema",
]

FORMAT = "timeline"
SCHEMA_VERSION = 1
SCHEMA_PATH = Path(__file__).with_name("timeline.schema.json")

JSON = dict[str, Any]
_TAG = "class"  # a Python keyword: no field of a value can have that name


class _Invalid(InvalidArgumentError):
    """A JSON document that does not follow the timeline format."""

    def __init__(self, where: str, expected: str, received: object) -> None:
        super().__init__(f"json{where}", expected, received)


# --- typed values ----------------------------------------------------------------------------


def _value_classes() -> dict[str, type[TimeValue]]:
    classes: dict[str, type[TimeValue]] = {}
    for name in model.__all__:
        candidate = getattr(model, name)
        if (isinstance(candidate, type) and issubclass(candidate, TimeValue)
                and candidate is not TimeValue and attrs.has(cast(Any, candidate))):
            classes[name] = candidate
    return classes


_CLASSES = _value_classes()
_ENUMS: tuple[type[enum.Enum], ...] = tuple(
    e for e in (getattr(model, n) for n in model.__all__)
    if isinstance(e, type) and issubclass(e, enum.Enum)
)


def encode_value(value: TimeValue) -> JSON:
    """A typed value as ``{"class": class name, field: …}``; nested values nest."""
    kind = type(value).__name__
    if _CLASSES.get(kind) is not type(value):
        raise InvalidArgumentError("value", "a TimeValue of timeline.model", value)
    encoded: JSON = {_TAG: kind}
    for field in attrs.fields(cast(Any, type(value))):
        encoded[field.alias] = _encode_field(getattr(value, field.name))
    return encoded


def _encode_field(item: object) -> object:
    if isinstance(item, TimeValue):
        return encode_value(item)
    if isinstance(item, enum.Enum):
        return item.value
    if isinstance(item, Decimal):
        return format(item, "f")
    return item


def decode_value(data: object, where: str = "") -> TimeValue:
    """The typed value :func:`encode_value` wrote."""
    if not isinstance(data, Mapping) or not isinstance(data.get(_TAG), str):
        raise _Invalid(where, f"an object with a '{_TAG}'", data)
    cls = _CLASSES.get(data[_TAG])
    if cls is None:
        raise _Invalid(f"{where}.{_TAG}", f"one of {sorted(_CLASSES)}", data[_TAG])
    arguments: dict[str, object] = {}
    for field in attrs.fields(cast(Any, cls)):
        if field.alias not in data:
            if field.default is attrs.NOTHING:
                raise _Invalid(f"{where}.{field.alias}", "a value", None)
            continue
        arguments[field.alias] = _decode_field(cls, field, data[field.alias],
                                               f"{where}.{field.alias}")
    try:
        return cls(**arguments)
    except (TypeError, ValueError) as error:
        raise _Invalid(where, f"a valid {cls.__name__}", dict(data)) from error


def _decode_field(cls: type, field: attrs.Attribute[Any], item: object, where: str) -> object:
    if item is None:
        return None
    if isinstance(item, Mapping):
        return decode_value(item, where)
    annotation = str(field.type)
    for kind in _ENUMS:
        if kind.__name__ in annotation.replace("|", " ").split():
            try:
                return kind(item)
            except ValueError:
                raise _Invalid(where, f"one of {[k.value for k in kind]}", item) from None
    if "Decimal" in annotation and isinstance(item, str):
        try:
            return Decimal(item)
        except InvalidOperation:
            raise _Invalid(where, "a decimal number as a string", item) from None
    if isinstance(item, bool) and "bool" not in annotation:
        raise _Invalid(where, "a number", item)
    return item


# --- mentions, events, documents -------------------------------------------------------------


def _encode_interval(interval: Interval | None) -> JSON | None:
    if interval is None:
        return None
    return {"start": interval.start.isoformat(), "end": interval.end.isoformat()}


def _decode_interval(data: object, tz: str, where: str) -> Interval | None:
    if data is None:
        return None
    if not isinstance(data, Mapping):
        raise _Invalid(where, "an object with 'start' and 'end'", data)
    zone_ = zone(tz)
    try:
        start = datetime.fromisoformat(data["start"]).astimezone(zone_)
        end = datetime.fromisoformat(data["end"]).astimezone(zone_)
        return Interval(start, end)
    except (KeyError, TypeError, ValueError) as error:
        raise _Invalid(where, "ISO 8601 date-times with an offset, start before end",
                       data) from error


_MENTION_FIELDS = frozenset({"text", "start", "end", "value", "mod", "interval", "calendar",
                              "unresolved", "direction", "rule", "warnings"})


def encode_mention(mention: Mention) -> JSON:
    """A mention; fields the model adds later than this module (``sentence``) are written
    under their own names."""
    encoded: JSON = {
        "text": mention.text,
        "start": mention.start,
        "end": mention.end,
        "type": mention.type.value,
        "value": mention.timex,
        "grain": mention.grain.value if mention.grain else None,
        "mod": mention.mod.value if mention.mod else None,
        "interval": _encode_interval(mention.interval),
        "calendar": mention.calendar.value,
        "typed": encode_value(mention.value),
        "unresolved": encode_value(mention.unresolved) if mention.unresolved else None,
        "direction": mention.direction.value,
        "rule": mention.rule,
        "warnings": list(mention.warnings),
    }
    for field in attrs.fields(Mention):
        if field.name not in _MENTION_FIELDS:
            item = getattr(mention, field.name)
            encoded[field.alias or field.name] = (list(item) if isinstance(item, tuple)
                                    else _encode_field(item))
    return encoded


def decode_mention(data: object, tz: str, where: str = "") -> Mention:
    if not isinstance(data, Mapping):
        raise _Invalid(where, "a mention object", data)
    extra: dict[str, object] = {}
    for field in attrs.fields(Mention):
        name = field.alias or field.name
        if field.name not in _MENTION_FIELDS and name in data:
            item = data[name]
            extra[name] = (tuple(item) if isinstance(item, list) else
                           _decode_field(Mention, field, item, f"{where}.{name}"))
    try:
        return Mention(
            text=_str(data["text"], f"{where}.text"),
            start=_int(data["start"], f"{where}.start"),
            end=_int(data["end"], f"{where}.end"),
            value=decode_value(data["typed"], f"{where}.typed"),
            mod=Mod(data["mod"]) if data.get("mod") is not None else None,
            interval=_decode_interval(data.get("interval"), tz, f"{where}.interval"),
            calendar=Calendar(data.get("calendar", Calendar.GREGORIAN.value)),
            unresolved=(decode_value(data["unresolved"], f"{where}.unresolved")
                        if data.get("unresolved") is not None else None),
            direction=Direction(data.get("direction", Direction.NEAREST.value)),
            rule=_str(data.get("rule", ""), f"{where}.rule"),
            warnings=tuple(_str(w, f"{where}.warnings") for w in data.get("warnings", [])),
            **extra,  # type: ignore[arg-type]
        )
    except KeyError as error:
        raise _Invalid(f"{where}.{error.args[0]}", "a value", None) from None
    except ValueError as error:
        if isinstance(error, InvalidArgumentError):
            raise
        raise _Invalid(where, "a valid mention", str(error)) from None


def encode_event(event: Event) -> JSON:
    return {
        "id": event.id,
        "title": event.title,
        "sentence": event.sentence,
        "location": event.location,
        "categories": [c.value for c in event.categories],
        "sources": [{"document": s.document, "start": s.start, "end": s.end}
                    for s in event.sources],
        "inferred": event.inferred,
        "interval": _encode_interval(event.interval),
        "when": encode_mention(event.when),
    }


def decode_event(data: object, tz: str, where: str = "") -> Event:
    if not isinstance(data, Mapping):
        raise _Invalid(where, "an event object", data)
    try:
        interval = _decode_interval(data["interval"], tz, f"{where}.interval")
        if interval is None:
            raise _Invalid(f"{where}.interval", "an interval", None)
        categories = []
        for category in data.get("categories", ["other"]):
            try:
                categories.append(Category(category))
            except ValueError:
                raise _Invalid(f"{where}.categories", f"one of {[c.value for c in Category]}",
                               category) from None
        return Event(
            id=_str(data["id"], f"{where}.id"),
            when=decode_mention(data["when"], tz, f"{where}.when"),
            interval=interval,
            title=_str(data["title"], f"{where}.title"),
            sentence=_str(data["sentence"], f"{where}.sentence"),
            location=data.get("location"),
            categories=tuple(categories),
            sources=tuple(Source(_str(s["document"], f"{where}.sources"),
                                 _int(s["start"], f"{where}.sources"),
                                 _int(s["end"], f"{where}.sources"))
                          for s in data.get("sources", [])),
            inferred=bool(data.get("inferred", False)),
        )
    except (KeyError, TypeError) as error:
        raise _Invalid(where, "an event with id, title, sentence, interval and when",
                       str(error)) from None


def encode_document(document: Document) -> JSON:
    return {
        "id": document.id,
        "reference": document.reference.isoformat() if document.reference else None,
        "text": document.text,
        "mentions": [encode_mention(m) for m in document.mentions],
    }


def decode_document(data: object, tz: str, where: str = "") -> Document:
    if not isinstance(data, Mapping):
        raise _Invalid(where, "a document object", data)
    try:
        reference = data.get("reference")
        return Document(
            id=_str(data["id"], f"{where}.id"),
            text=_str(data["text"], f"{where}.text"),
            reference=date.fromisoformat(reference) if reference else None,
            mentions=tuple(decode_mention(m, tz, f"{where}.mentions[{i}]")
                           for i, m in enumerate(data.get("mentions", []))),
        )
    except KeyError as error:
        raise _Invalid(f"{where}.{error.args[0]}", "a value", None) from None
    except ValueError as error:
        if isinstance(error, InvalidArgumentError):
            raise
        raise _Invalid(f"{where}.reference", "an ISO 8601 date", data.get("reference")) from None


def _str(value: object, where: str) -> str:
    if not isinstance(value, str):
        raise _Invalid(where, "a string", value)
    return value


def _int(value: object, where: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise _Invalid(where, "an integer", value)
    return value


# --- whole timelines and streams -------------------------------------------------------------


def to_data(timeline: Timeline) -> JSON:
    return {
        "format": FORMAT,
        "version": SCHEMA_VERSION,
        "name": timeline.name,
        "tz": timeline.tz,
        "documents": [encode_document(d) for d in timeline.documents],
        "events": [encode_event(e) for e in timeline.events],
    }


def dumps(timeline: Timeline, *, indent: int | None = 1) -> str:
    """The Timeline as JSON text (UTF-8 characters as they are, keys in a fixed order)."""
    return json.dumps(to_data(timeline), ensure_ascii=False, indent=indent) + "\n"


def from_data(data: object) -> Timeline:
    if not isinstance(data, Mapping):
        raise _Invalid("", "a JSON object", type(data).__name__)
    if data.get("format") != FORMAT:
        raise _Invalid(".format", repr(FORMAT), data.get("format"))
    if data.get("version") != SCHEMA_VERSION:
        raise _Invalid(".version", f"{SCHEMA_VERSION} (this library's schema version)",
                       data.get("version"))
    tz = _str(data.get("tz"), ".tz")
    documents = data.get("documents", [])
    events = data.get("events", [])
    if not isinstance(documents, list) or not isinstance(events, list):
        raise _Invalid(".documents", "lists of documents and events", None)
    return Timeline(
        events=tuple(decode_event(e, tz, f".events[{i}]") for i, e in enumerate(events)),
        documents=tuple(decode_document(d, tz, f".documents[{i}]")
                        for i, d in enumerate(documents)),
        tz=tz,
        name=_str(data.get("name", "timeline"), ".name"),
    )


def loads(text: str | bytes) -> Timeline:
    """The Timeline that :func:`dumps` wrote."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise _Invalid("", "JSON text", f"{error.msg} at line {error.lineno}") from None
    return from_data(data)


def document_line(document: Document, tz: str) -> str:
    """One JSON Lines record: a document with its mentions (no newline at the end)."""
    record = {"format": "timeline-document", "version": SCHEMA_VERSION, "tz": tz}
    record.update(encode_document(document))
    return json.dumps(record, ensure_ascii=False)


def read_jsonl(lines: Iterable[str]) -> Iterator[Document]:
    """The documents of a JSON Lines stream that :func:`document_line` wrote."""
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as error:
            raise _Invalid(f"[line {number}]", "a JSON object", error.msg) from None
        if not isinstance(data, Mapping):
            raise _Invalid(f"[line {number}]", "a JSON object", data)
        yield decode_document(data, _str(data.get("tz"), f"[line {number}].tz"),
                              f"[line {number}]")


def schema() -> JSON:
    """The JSON Schema of the format (``timeline/export/timeline.schema.json``)."""
    loaded: JSON = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return loaded
