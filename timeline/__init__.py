"""timeline: Vietnamese temporal expressions as typed, resolved values.

>>> import timeline
>>> [m.timex for m in timeline.extract("Từ ngày 15 đến 18-10-2024, đoàn thăm Nhật Bản.")]
['2024-10-15/2024-10-18']
"""

from timeline.api import extract, parse
from timeline.batch import extract_many, extract_stream
from timeline.errors import (
    InvalidArgumentError,
    InvalidReferenceError,
    InvalidTimezoneError,
    InvalidTypeError,
    ParseError,
    TimelineError,
)
from timeline.events import Category, Event, Source, Vocabulary, events_from_mentions, fuse
from timeline.model import (
    Calendar,
    Grain,
    Interval,
    Mention,
    Mod,
    TimexType,
)
from timeline.reference import infer_reference
from timeline.resolve import resolve_again
from timeline.timeline import Allen, Document, Timeline, allen

__all__ = [
    "Allen",
    "Calendar",
    "Category",
    "Document",
    "Event",
    "Grain",
    "Interval",
    "InvalidArgumentError",
    "InvalidReferenceError",
    "InvalidTimezoneError",
    "InvalidTypeError",
    "Mention",
    "Mod",
    "ParseError",
    "Source",
    "Timeline",
    "TimelineError",
    "TimexType",
    "Vocabulary",
    "allen",
    "events_from_mentions",
    "extract",
    "extract_many",
    "extract_stream",
    "fuse",
    "infer_reference",
    "parse",
    "resolve_again",
]
