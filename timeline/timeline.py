"""The Timeline: the events of many documents, sorted, immutable and queryable.

>>> from timeline.timeline import Timeline
>>> empty = Timeline()
>>> len(empty), empty.between("2024-10-01", "2024-10-31").events
(0, ())

Every query returns a new Timeline; the documents stay, only the events are filtered.
Dates given as ``date`` or ISO strings are whole days in the timeline's time zone;
naive datetimes are read in that zone too.
"""

from __future__ import annotations

import enum
import importlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, overload

import attrs

from timeline.calendar import DEFAULT_TZ, to_reference, zone
from timeline.errors import InvalidArgumentError, InvalidTypeError
from timeline.events import Category, Event, events_from_mentions, fold, fuse
from timeline.model import (
    Century,
    Day,
    Decade,
    Grain,
    Half,
    Interval,
    Mention,
    Month,
    Quarter,
    Season,
    SeasonName,
    TimeValue,
    TimexType,
    Week,
    Year,
)

if TYPE_CHECKING:
    import pandas as pd

    from timeline.export.ics import Coarse

__all__ = ["Allen", "Document", "Timeline", "allen"]


# --- documents -------------------------------------------------------------------------------


def _reference(value: date | str | None) -> date | None:
    return to_reference(value)


def _mentions(mentions: Iterable[Mention]) -> tuple[Mention, ...]:
    return tuple(mentions)


@attrs.frozen(slots=True)
class Document:
    """One input text with its id, its reference date and every mention found in it."""

    id: str
    text: str
    reference: date | None = attrs.field(default=None, converter=_reference)
    mentions: tuple[Mention, ...] = attrs.field(default=(), converter=_mentions)

    @classmethod
    def from_text(cls, doc_id: str, text: str, reference: date | str | None = None, *,
                  tz: str = DEFAULT_TZ) -> Document:
        """Read one text: its mentions resolved against ``reference``, or, when none is
        given, against the reference date the text itself gives (a byline, a dateline)."""
        day = (to_reference(reference) if reference is not None else _infer_reference(text))
        return cls(doc_id, text, day, tuple(_extract(text, day, tz)))


def _infer_reference(text: str) -> date | None:
    """The reference date the text gives itself (a byline, a dateline), when the
    resolution engine offers :func:`timeline.reference.infer_reference`."""
    try:
        module = importlib.import_module("timeline.reference")
    except ImportError:
        return None
    infer: Callable[[str], object] | None = getattr(module, "infer_reference", None)
    if infer is None:
        return None
    found = infer(text)
    if isinstance(found, datetime):
        return found.date()
    return found if isinstance(found, date) else None


def _extract(text: str, reference: date | None, tz: str) -> list[Mention]:
    from timeline.api import extract

    return extract(text, reference, tz=tz)


# --- Allen's interval relations --------------------------------------------------------------


class Allen(enum.StrEnum):
    """The thirteen relations of Allen's interval algebra, read as ``a <relation> b``."""

    BEFORE = "before"
    AFTER = "after"
    MEETS = "meets"
    MET_BY = "met_by"
    OVERLAPS = "overlaps"
    OVERLAPPED_BY = "overlapped_by"
    DURING = "during"
    CONTAINS = "contains"
    STARTS = "starts"
    STARTED_BY = "started_by"
    FINISHES = "finishes"
    FINISHED_BY = "finished_by"
    EQUALS = "equals"

    @property
    def inverse(self) -> Allen:
        """The relation of ``b`` to ``a``."""
        return _INVERSE[self]


_INVERSE = {
    Allen.BEFORE: Allen.AFTER, Allen.AFTER: Allen.BEFORE,
    Allen.MEETS: Allen.MET_BY, Allen.MET_BY: Allen.MEETS,
    Allen.OVERLAPS: Allen.OVERLAPPED_BY, Allen.OVERLAPPED_BY: Allen.OVERLAPS,
    Allen.DURING: Allen.CONTAINS, Allen.CONTAINS: Allen.DURING,
    Allen.STARTS: Allen.STARTED_BY, Allen.STARTED_BY: Allen.STARTS,
    Allen.FINISHES: Allen.FINISHED_BY, Allen.FINISHED_BY: Allen.FINISHES,
    Allen.EQUALS: Allen.EQUALS,
}


def allen(a: Event | Interval, b: Event | Interval) -> Allen:
    """How interval ``a`` stands to interval ``b`` (half-open intervals: ``[15, 16)``
    meets ``[16, 17)``).

    >>> from datetime import datetime, timezone
    >>> def day(d: int) -> datetime: return datetime(2024, 10, d, tzinfo=timezone.utc)
    >>> allen(Interval(day(15), day(19)), Interval(day(16), day(17))).value
    'contains'
    >>> allen(Interval(day(15), day(16)), Interval(day(16), day(17))).value
    'meets'
    """
    x = a.interval if isinstance(a, Event) else a
    y = b.interval if isinstance(b, Event) else b
    if x.end < y.start:
        return Allen.BEFORE
    if y.end < x.start:
        return Allen.AFTER
    if x.end == y.start:
        return Allen.MEETS
    if y.end == x.start:
        return Allen.MET_BY
    if x.start == y.start and x.end == y.end:
        return Allen.EQUALS
    if x.start == y.start:
        return Allen.STARTS if x.end < y.end else Allen.STARTED_BY
    if x.end == y.end:
        return Allen.FINISHES if x.start > y.start else Allen.FINISHED_BY
    if y.start < x.start and x.end < y.end:
        return Allen.DURING
    if x.start < y.start and y.end < x.end:
        return Allen.CONTAINS
    return Allen.OVERLAPS if x.start < y.start else Allen.OVERLAPPED_BY


# --- the timeline ----------------------------------------------------------------------------


def _order(event: Event) -> tuple[datetime, datetime, int, str, str]:
    grain = event.grain
    return (event.interval.start, event.interval.end, grain.rank if grain else 99,
            fold(event.title), event.id)


def _sorted_events(events: Iterable[Event]) -> tuple[Event, ...]:
    return tuple(sorted(events, key=_order))


def _documents(documents: Iterable[Document]) -> tuple[Document, ...]:
    return tuple(documents)


def _check_tz(instance: object, attribute: object, value: str) -> None:
    zone(value)


TimePoint = date | datetime | str
"""A day (``date``, ``"2024-10-16"``) or an instant (``datetime``, ``"2024-10-16T08:30"``)."""


@attrs.frozen(slots=True)
class Timeline:
    """Events sorted by the start of their interval, then its end, the finer grain, the
    title and the id — the same order on every run. Build one with :meth:`from_texts`
    (extracts the mentions) or :meth:`from_documents` (mentions already found)."""

    events: tuple[Event, ...] = attrs.field(default=(), converter=_sorted_events)
    documents: tuple[Document, ...] = attrs.field(default=(), converter=_documents)
    tz: str = attrs.field(default=DEFAULT_TZ, validator=_check_tz)
    name: str = "timeline"

    # construction

    @classmethod
    def from_texts(
        cls,
        texts: Mapping[str, str],
        references: Mapping[str, date | str] | None = None,
        *,
        tz: str = DEFAULT_TZ,
        name: str = "timeline",
        fusion: bool = True,
    ) -> Timeline:
        """Extract every document (keys are document ids) and build its events.

        A document without an entry in ``references`` has its reference date inferred
        from its own text (a byline or a dateline), or none.
        """
        zone(tz)
        if not isinstance(texts, Mapping):
            received = type(texts).__name__
            raise InvalidTypeError("texts", "a mapping of document ids to texts", received)
        if references is not None and not isinstance(references, Mapping):
            received = type(references).__name__
            raise InvalidTypeError("references", "a mapping of document ids to dates", received)
        references = references or {}
        documents = []
        for doc_id, text in texts.items():
            if not isinstance(text, str):
                raise InvalidTypeError(f"texts[{doc_id!r}]", "a str", type(text).__name__)
            given = references.get(doc_id)
            if given is not None:
                to_reference(given, f"references[{doc_id!r}]")
            documents.append(Document.from_text(doc_id, text, given, tz=tz))
        return cls.from_documents(documents, tz=tz, name=name, fusion=fusion)

    @classmethod
    def from_documents(
        cls,
        documents: Iterable[Document],
        *,
        tz: str = DEFAULT_TZ,
        name: str = "timeline",
        fusion: bool = True,
    ) -> Timeline:
        """Events of documents whose mentions are already found; ``fusion`` merges the
        events that several documents report (:func:`timeline.events.fuse`)."""
        if not isinstance(documents, Iterable) or isinstance(documents, str | bytes):
            received = type(documents).__name__
            raise InvalidTypeError("documents", "an iterable of Document", received)
        documents = tuple(documents)
        for index, document in enumerate(documents):
            if not isinstance(document, Document):
                received = type(document).__name__
                raise InvalidTypeError(f"documents[{index}]", "a Document", received)
        events: list[Event] = []
        for document in documents:
            events.extend(events_from_mentions(document.id, document.text, document.mentions))
        return cls(fuse(events) if fusion else events, documents, tz, name)

    @classmethod
    def from_json(cls, text: str | bytes) -> Timeline:
        """The Timeline that :meth:`to_json` wrote: ``Timeline.from_json(t.to_json()) == t``."""
        from timeline.export.json import loads

        return loads(text)

    # the sequence

    def __len__(self) -> int:
        return len(self.events)

    def __iter__(self) -> Iterator[Event]:
        return iter(self.events)

    @overload
    def __getitem__(self, index: int) -> Event: ...

    @overload
    def __getitem__(self, index: slice) -> Timeline: ...

    def __getitem__(self, index: int | slice) -> Event | Timeline:
        if isinstance(index, slice):
            return attrs.evolve(self, events=self.events[index])
        return self.events[index]

    def document(self, doc_id: str) -> Document:
        for document in self.documents:
            if document.id == doc_id:
                return document
        raise InvalidArgumentError("doc_id", f"one of {[d.id for d in self.documents]}", doc_id)

    # queries

    def where(self, predicate: Callable[[Event], bool]) -> Timeline:
        """The events for which ``predicate`` is true."""
        return attrs.evolve(self, events=tuple(e for e in self.events if predicate(e)))

    def between(self, a: TimePoint, b: TimePoint) -> Timeline:
        """Events that lie wholly from ``a`` to ``b``, both days included."""
        start, end = self._start(a, "a"), self._end(b, "b")
        return self.where(lambda e: start <= e.interval.start and e.interval.end <= end)

    def on(self, day: date | str) -> Timeline:
        """Events that take place on that day, wholly or in part (a visit of 15–18
        October is on the 16th; so is the whole of October)."""
        return self.overlapping(Interval(self._start(day, "day"), self._end(day, "day")))

    def overlapping(self, interval: Interval | Event) -> Timeline:
        window = interval.interval if isinstance(interval, Event) else interval
        return self.where(lambda e: e.interval.overlaps(window))

    def before(self, x: TimePoint | Event | Interval) -> Timeline:
        """Events that end before ``x`` begins (a day begins at its midnight)."""
        start = self._bounds(x, "x")[0]
        return self.where(lambda e: e.interval.end <= start)

    def after(self, x: TimePoint | Event | Interval) -> Timeline:
        """Events that begin after ``x`` ends (a day ends at the next midnight)."""
        end = self._bounds(x, "x")[1]
        return self.where(lambda e: e.interval.start >= end)

    def in_year(self, year: int) -> Timeline:
        return self.between(date(year, 1, 1), date(year, 12, 31))

    def in_month(self, year: int, month: int) -> Timeline:
        if not 1 <= month <= 12:
            raise InvalidArgumentError("month", "1 to 12", month)
        last = (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1))
        return self.between(date(year, month, 1), last)

    def of_category(self, *categories: Category | str) -> Timeline:
        """Events that any of their categories puts in one of these."""
        wanted = set()
        for category in categories:
            try:
                wanted.add(Category(category))
            except ValueError:
                raise InvalidArgumentError(
                    "category", f"one of {[c.value for c in Category]}", category) from None
        return self.where(lambda e: bool(wanted & set(e.categories)))

    def of_type(self, *types: TimexType | str) -> Timeline:
        wanted = set()
        for kind in types:
            try:
                wanted.add(TimexType(str(kind).upper()))
            except ValueError:
                raise InvalidArgumentError(
                    "type", f"one of {[t.value for t in TimexType]}", kind) from None
        return self.where(lambda e: e.type in wanted)

    def search(self, query: str) -> Timeline:
        """Events whose title, sentence, place or time phrase holds ``query``, with or
        without accents, in any case: ``search("jetro")``, ``search("Ha Noi")``."""
        needle = " ".join(fold(query).split())
        if not needle:
            return self

        def holds(event: Event) -> bool:
            haystack = " ".join((event.title, event.sentence, event.location or "",
                                 event.when.text))
            return needle in " ".join(fold(haystack).split())

        return self.where(holds)

    def from_source(self, *documents: str) -> Timeline:
        """Events that any of these documents reports."""
        wanted = set(documents)
        return self.where(lambda e: bool(wanted & set(e.documents)))

    def precise_only(self, grain: Grain = Grain.DAY) -> Timeline:
        """Events whose time is given at least as finely as ``grain`` (a day by default:
        drops months, years, decades)."""
        return self.where(lambda e: e.grain is not None and e.grain.rank >= grain.rank)

    def group_by(self, grain: Grain) -> dict[TimeValue, Timeline]:
        """The events by the period their interval starts in, periods in order:
        ``group_by(Grain.MONTH)`` → ``{Month(2024, 10): Timeline(...), …}``."""
        tz = zone(self.tz)
        groups: dict[TimeValue, list[Event]] = {}
        for event in self.events:
            groups.setdefault(_period(event.interval.start, grain, tz), []).append(event)
        return {key: attrs.evolve(self, events=tuple(events)) for key, events in groups.items()}

    # exports

    def to_ics(self, *, coarse: Coarse | str = "skip", name: str | None = None) -> bytes:
        """iCalendar (RFC 5545) bytes; see :func:`timeline.export.ics.to_ics`."""
        from timeline.export.ics import to_ics

        return to_ics(self, coarse=coarse, name=name)

    def to_json(self, *, indent: int | None = 1) -> str:
        """JSON that follows ``timeline/export/timeline.schema.json``."""
        from timeline.export.json import dumps

        return dumps(self, indent=indent)

    def to_jsonl(self) -> str:
        """JSON Lines: one document with its mentions per line."""
        from timeline.export.json import document_line

        return "".join(document_line(d, self.tz) + "\n" for d in self.documents)

    def to_timeml(self, doc_id: str) -> str:
        """The document as TimeML: its text with inline ``TIMEX3`` elements."""
        from timeline.export.timeml import to_timeml

        return to_timeml(self.document(doc_id))

    def to_html(self, *, title: str | None = None) -> str:
        """One self-contained HTML page that draws the events on a zoomable time axis;
        see :mod:`timeline.export.html`."""
        from timeline.export.html import to_html

        return to_html(self, title=title)

    def _repr_html_(self) -> str:
        """Jupyter's rich display: the first events as a table."""
        from timeline.export.html import notebook_table

        return notebook_table(self)

    def to_dataframe(self) -> pd.DataFrame:
        """The events as a :class:`pandas.DataFrame`, one row per event in the Timeline's
        order, ``start``/``end`` in its time zone (needs ``pip install 'timeline[pandas]'``);
        see :func:`timeline.export.dataframe.to_dataframe`."""
        from timeline.export.dataframe import to_dataframe

        return to_dataframe(self)

    # time arguments

    def _start(self, value: TimePoint, argument: str) -> datetime:
        return self._bounds(value, argument)[0]

    def _end(self, value: TimePoint, argument: str) -> datetime:
        return self._bounds(value, argument)[1]

    def _bounds(self, value: TimePoint | Event | Interval, argument: str
                ) -> tuple[datetime, datetime]:
        """``[start, end)`` of a day, an instant (start == end), an interval or an event."""
        tz = zone(self.tz)
        if isinstance(value, Event):
            return value.interval.start, value.interval.end
        if isinstance(value, Interval):
            return value.start, value.end
        if isinstance(value, str):
            value = _parse_time(value, argument)
        if isinstance(value, datetime):
            instant = value if value.tzinfo is not None else value.replace(tzinfo=tz)
            return instant, instant
        if isinstance(value, date):
            start = datetime(value.year, value.month, value.day, tzinfo=tz)
            following = value + timedelta(days=1)
            return start, datetime(following.year, following.month, following.day, tzinfo=tz)
        raise InvalidArgumentError(argument, "a date, a datetime or an ISO 8601 string", value)

    def __repr__(self) -> str:
        return (f"<Timeline {self.name!r}: {len(self.events)} events from "
                f"{len(self.documents)} documents>")


def _parse_time(text: str, argument: str) -> date | datetime:
    cleaned = text.strip()
    try:
        if "T" in cleaned or " " in cleaned:
            return datetime.fromisoformat(cleaned)
        return date.fromisoformat(cleaned)
    except ValueError:
        raise InvalidArgumentError(
            argument, "an ISO 8601 date or date-time such as '2024-10-16'", text) from None


def _period(instant: datetime, grain: Grain, tz: tzinfo) -> TimeValue:
    local = instant.astimezone(tz)
    y, m = local.year, local.month
    match grain:
        case Grain.CENTURY:
            return Century(y // 100)
        case Grain.DECADE:
            return Decade(y // 10)
        case Grain.YEAR:
            return Year(y)
        case Grain.HALF:
            return Half(y, 1 if m <= 6 else 2)
        case Grain.QUARTER:
            return Quarter(y, (m - 1) // 3 + 1)
        case Grain.SEASON:
            if m in (1, 2):
                return Season(y - 1, SeasonName.WINTER)
            return Season(y, [SeasonName.SPRING, SeasonName.SUMMER, SeasonName.FALL,
                              SeasonName.WINTER][(m - 3) // 3])
        case Grain.MONTH:
            return Month(y, m)
        case Grain.WEEK:
            iso_year, week, _ = local.isocalendar()
            return Week(iso_year, week)
        case Grain.DAY:
            return Day(y, m, local.day)
    raise InvalidArgumentError("grain", "a grain from Grain.CENTURY to Grain.DAY", grain)
