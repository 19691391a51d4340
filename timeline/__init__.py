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
from timeline.model import (
    Calendar,
    Grain,
    Interval,
    Mention,
    Mod,
    TimexType,
)
from timeline.reference import infer_reference

__all__ = [
    "Calendar",
    "Grain",
    "Interval",
    "InvalidArgumentError",
    "InvalidReferenceError",
    "InvalidTimezoneError",
    "InvalidTypeError",
    "Mention",
    "Mod",
    "ParseError",
    "TimelineError",
    "TimexType",
    "extract",
    "extract_many",
    "extract_stream",
    "infer_reference",
    "parse",
]
