"""timeline: Vietnamese temporal expressions as typed, resolved values.

>>> import timeline
>>> [m.timex for m in timeline.extract("Từ ngày 15 đến 18-10-2024, đoàn thăm Nhật Bản.")]
['2024-10-15/2024-10-18']

The names below are loaded when first used (PEP 562), so that ``import timeline`` stays
cheap for a script or a command line that starts often; each comes from the module that
says what it is.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
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
    from timeline.model import Calendar, Grain, Interval, Mention, Mod, TimexType
    from timeline.reference import infer_reference
    from timeline.resolve import resolve_again
    from timeline.timeline import Allen, Document, Timeline, allen

# Each public name, and the module it lives in.
_HOMES = {
    "timeline.api": ("extract", "parse"),
    "timeline.batch": ("extract_many", "extract_stream"),
    "timeline.errors": (
        "InvalidArgumentError",
        "InvalidReferenceError",
        "InvalidTimezoneError",
        "InvalidTypeError",
        "ParseError",
        "TimelineError",
    ),
    "timeline.events": (
        "Category",
        "Event",
        "Source",
        "Vocabulary",
        "events_from_mentions",
        "fuse",
    ),
    "timeline.model": ("Calendar", "Grain", "Interval", "Mention", "Mod", "TimexType"),
    "timeline.reference": ("infer_reference",),
    "timeline.resolve": ("resolve_again",),
    "timeline.timeline": ("Allen", "Document", "Timeline", "allen"),
}
_HOME = {name: module for module, names in _HOMES.items() for name in names}

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


def __getattr__(name: str) -> object:
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module 'timeline' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # the next lookup finds it without coming here
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
