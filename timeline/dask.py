"""Corpora beyond one machine: timeline on a Dask cluster (``pip install 'timeline[dask]'``).

A :class:`dask.bag.Bag` of documents goes through the same pure functions as on one
machine, partition by partition on the cluster's workers; only the last step, merging the
events of all documents into one :class:`~timeline.timeline.Timeline` (sorting and
fusing the events that several documents report), runs where the result is collected.
There is no scheduler of our own: Dask's runs everything, on a laptop's threads or
processes, a :class:`distributed.LocalCluster`, or a real cluster (``docs/scale.md``).

A document of the bag is a ``(doc_id, text)`` pair, a ``(doc_id, text, reference)``
triple, or a mapping with the keys ``id``, ``text`` and optionally ``reference``; a
document without a reference takes the ``reference`` given to the call.

>>> import dask.bag as db
>>> bag = db.from_sequence([("a", "Ngày 17-10, đoàn tới Tokyo."), ("b", "tháng 9 vừa qua")],
...                        npartitions=2)
>>> [(doc_id, [m.timex for m in ms])
...  for doc_id, ms in mentions(bag, "2024-10-20").compute(scheduler="sync")]
[('a', ['2024-10-17']), ('b', ['2024-09'])]
>>> merged = to_timeline(bag, "2024-10-20", scheduler="sync")
>>> [(d.id, [m.timex for m in d.mentions]) for d in merged.documents]
[('a', ['2024-10-17']), ('b', ['2024-09'])]
>>> merged.events[0].timex
'2024-10-17'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from timeline.api import extract
from timeline.calendar import DEFAULT_TZ, to_reference, zone
from timeline.errors import InvalidTypeError
from timeline.model import Mention

if TYPE_CHECKING:
    from timeline.events import Event
    from timeline.timeline import Document, Timeline

__all__ = ["documents", "events", "mentions", "to_timeline"]

_Record = tuple[str, str, date | None]


def _dask() -> Any:
    try:
        import dask
    except ImportError as error:  # pragma: no cover - the extra is not installed
        raise ImportError("timeline.dask needs Dask: pip install 'timeline[dask]'") from error
    return dask


def _record(item: object, default: date | None) -> _Record:
    """One document of the bag as ``(id, text, reference)``; checked on the worker."""
    if isinstance(item, Mapping):
        doc_id, text = item.get("id"), item.get("text")
        given = item.get("reference")
    elif isinstance(item, tuple | list) and len(item) in (2, 3):
        doc_id, text = item[0], item[1]
        given = item[2] if len(item) == 3 else None
    else:
        raise InvalidTypeError(
            "document", "a (doc_id, text[, reference]) tuple or a mapping with id and text",
            type(item).__name__,
        )
    if not isinstance(doc_id, str) or not isinstance(text, str):
        raise InvalidTypeError("document", "a str id and a str text",
                               f"{type(doc_id).__name__} and {type(text).__name__}")
    reference = default if given is None else to_reference(given, f"reference of {doc_id!r}")
    return doc_id, text, reference


def _mentions_of(items: Iterable[object], default: date | None,
                 tz: str) -> list[tuple[str, list[Mention]]]:
    out = []
    for item in items:
        doc_id, text, reference = _record(item, default)
        out.append((doc_id, extract(text, reference, tz=tz)))
    return out


def _documents_of(items: Iterable[object], default: date | None, tz: str) -> list[Document]:
    from timeline.timeline import Document

    out = []
    for item in items:
        doc_id, text, reference = _record(item, default)
        out.append(Document(doc_id, text, reference, tuple(extract(text, reference, tz=tz))))
    return out


def _events_of(docs: Iterable[Document]) -> list[Event]:
    from timeline.events import events_from_mentions

    return [event for doc in docs for event in events_from_mentions(doc.id, doc.text, doc.mentions)]


def _checked(reference: object, tz: str) -> date | None:
    """Check the arguments here, on the client, before anything is sent to the cluster."""
    zone(tz)
    return to_reference(reference)


def mentions(bag: Any, reference: object = None, *, tz: str = DEFAULT_TZ) -> Any:
    """A lazy bag of ``(doc_id, list[Mention])``, one per document, in the bag's order."""
    default = _checked(reference, tz)
    return bag.map_partitions(_mentions_of, default, tz)


def documents(bag: Any, reference: object = None, *, tz: str = DEFAULT_TZ) -> Any:
    """A lazy bag of :class:`timeline.timeline.Document` (text, reference, mentions)."""
    default = _checked(reference, tz)
    return bag.map_partitions(_documents_of, default, tz)


def events(bag: Any, reference: object = None, *, tz: str = DEFAULT_TZ) -> Any:
    """A lazy bag of the :class:`timeline.events.Event` of every document (not yet fused:
    fusing compares events of different documents, so it happens in :func:`to_timeline`)."""
    return documents(bag, reference, tz=tz).map_partitions(_events_of)


def to_timeline(
    bag: Any,
    reference: object = None,
    *,
    tz: str = DEFAULT_TZ,
    name: str = "timeline",
    fusion: bool = True,
    **compute: Any,
) -> Timeline:
    """Extract every document of ``bag`` on the cluster and merge the results into one
    :class:`~timeline.timeline.Timeline`, as ``Timeline.from_documents`` would on one
    machine. ``compute`` goes to :func:`dask.compute` (``scheduler="processes"``…); with
    a ``distributed.Client`` active, its cluster runs the work."""
    from timeline.events import fuse
    from timeline.timeline import Timeline

    docs = documents(bag, reference, tz=tz)
    found_docs, found_events = _dask().compute(docs, docs.map_partitions(_events_of), **compute)
    merged = fuse(found_events) if fusion else tuple(found_events)
    return Timeline(merged, tuple(found_docs), tz, name)
