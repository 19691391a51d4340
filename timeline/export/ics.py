"""iCalendar (RFC 5545) export through ``icalendar``.

One ``VEVENT`` per event, in the Timeline's order:

- ``UID`` is ``<event id>@timeline``: the same event gets the same UID on every run, so
  a calendar application that imports the file again updates instead of duplicating;
- ``DTSTAMP`` comes from the input — the latest reference date of the documents that
  report the event (else of all documents, else the event's own start) — never the clock;
- an event of whole days is all-day (``VALUE=DATE``, ``DTEND`` the day after the last
  day); an event with a time of day has ``TZID`` and a ``VTIMEZONE`` for its zone;
- ``SUMMARY`` the title, ``DESCRIPTION`` the sentence and the sources, ``LOCATION`` the
  place, ``CATEGORIES`` the categories, ``RRULE`` for a recurrence, and ``X-TIMEX3-VALUE``,
  ``X-TIMEX3-TYPE``, ``X-TIMEX3-GRAIN``, ``X-TIMEX3-MOD`` for the TIMEX3 value.

Coarse events — a month, a season, a quarter, a year, a decade — are no appointment: by
default (``coarse="skip"``) they stay out of the calendar; ``"span"`` makes each an all-day
event over its whole period, ``"first-day"`` an all-day event on its first day.
Exporting the same Timeline twice gives the same bytes.
"""

from __future__ import annotations

import enum
import hashlib
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import icalendar

from timeline.calendar import zone
from timeline.errors import InvalidArgumentError
from timeline.events import Event, Vocabulary
from timeline.model import Day as DayValue
from timeline.model import Duration, Grain, Recurrence, TimeOfDay, Unit, Weekday
from timeline.model import PartOfDay as PartOfDayValue
from timeline.timeline import Timeline

__all__ = ["PRODID", "Coarse", "is_coarse", "rrule", "to_ics"]

_UID_DOMAIN = "timeline"
PRODID = "-//timeline//Vietnamese temporal expressions//VI"


class Coarse(enum.StrEnum):
    """What :func:`to_ics` does with an event coarser than a week."""

    SKIP = "skip"
    SPAN = "span"
    FIRST_DAY = "first-day"


def is_coarse(event: Event) -> bool:
    """True for an event given only to the month or coarser (``tháng 10/2024``, ``năm 2023``,
    ``những năm 2000``). A recurrence is coarse when its occurrence lasts over a week."""
    if event.is_recurring:
        return event.interval.end - event.interval.start > timedelta(days=7, hours=1)
    grain = event.grain
    return grain is None or grain.rank < Grain.WEEK.rank


_BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_FREQ = {Unit.YEAR: "YEARLY", Unit.MONTH: "MONTHLY", Unit.WEEK: "WEEKLY", Unit.DAY: "DAILY",
         Unit.HOUR: "HOURLY", Unit.MINUTE: "MINUTELY", Unit.SECOND: "SECONDLY"}


def rrule(recurrence: Recurrence) -> dict[str, Any] | None:
    """The ``RRULE`` of a recurrence, or None when it has no calendar rule
    (``hằng năm`` → ``FREQ=YEARLY``; ``mỗi thứ Hai`` → ``FREQ=WEEKLY;BYDAY=MO``)."""
    period, pattern = recurrence.period, recurrence.pattern
    if isinstance(period, Duration):
        if not isinstance(period.amount, int) or period.amount < 1:
            return None
        rule: dict[str, Any] = {"FREQ": _FREQ[period.unit]}
        if period.amount > 1:
            rule["INTERVAL"] = period.amount
        return rule
    match pattern:
        case Weekday(weekday=w) if 1 <= w <= 7:
            return {"FREQ": "WEEKLY", "BYDAY": _BYDAY[w - 1]}
        case DayValue(year=None, month=None, day=int(d)):
            return {"FREQ": "MONTHLY", "BYMONTHDAY": d}
        case DayValue(year=None, month=int(m), day=int(d)):
            return {"FREQ": "YEARLY", "BYMONTH": m, "BYMONTHDAY": d}
        case TimeOfDay(day=DayValue(year=None, month=None, day=None)):
            return {"FREQ": "DAILY"}
        case PartOfDayValue(day=DayValue(year=None, month=None, day=None)):
            return {"FREQ": "DAILY"}
    return None


def _iana(tz: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def _midnight(moment: datetime, local: tzinfo) -> bool:
    return moment.astimezone(local).time() == time(0)


def _stamp(event: Event, timeline: Timeline) -> datetime:
    references = {d.id: d.reference for d in timeline.documents}
    own = [r for r in (references.get(doc) for doc in event.documents) if r is not None]
    every = [r for r in references.values() if r is not None]
    day = max(own) if own else max(every) if every else None
    if day is None:
        return event.interval.start.astimezone(UTC)
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def _description(event: Event, vocabulary: Vocabulary) -> str:
    lines = [event.sentence, ""]
    sources = "; ".join(f"{s.document} [{s.start}:{s.end}]" for s in event.sources)
    lines.append(f"Nguồn: {sources}")
    lines.append(f"Thời gian: «{event.when.text}» → {event.timex}"
                 + (f" ({event.when.mod.value})" if event.when.mod else ""))
    if event.inferred:
        lines.append("Ngày được suy ra từ câu «cùng ngày» kể sau.")
    lines.append("Loại: " + ", ".join(vocabulary.label(c) for c in event.categories))
    return "\n".join(lines)


def to_ics(timeline: Timeline, *, coarse: Coarse | str = Coarse.SKIP,
           name: str | None = None) -> bytes:
    """The Timeline as an iCalendar file (bytes, CRLF line endings, folded and escaped
    by ``icalendar``)."""
    try:
        policy = Coarse(coarse)
    except ValueError:
        raise InvalidArgumentError("coarse", f"one of {[c.value for c in Coarse]}",
                                   coarse) from None
    vocabulary = Vocabulary.default()
    local = zone(timeline.tz)
    iana = _iana(timeline.tz)
    title = " ".join((name or timeline.name).split()) or "timeline"  # one line, always
    exported: list[icalendar.Event] = []
    days: list[date] = []
    used_zones: set[str] = set()
    for event in timeline.events:
        start, end = event.interval.start, event.interval.end
        whole_days = _midnight(start, local) and _midnight(end, local)
        if is_coarse(event):
            if policy is Coarse.SKIP:
                continue
            if policy is Coarse.FIRST_DAY:
                first = start.astimezone(local).date()
                start = datetime(first.year, first.month, first.day, tzinfo=local)
                end = start + timedelta(days=1)
                whole_days = True
        component = icalendar.Event()
        component.add("UID", f"{event.id}@{_UID_DOMAIN}")
        component.add("DTSTAMP", _stamp(event, timeline))
        if whole_days:
            component.add("DTSTART", start.astimezone(local).date())
            component.add("DTEND", end.astimezone(local).date())
        elif iana is not None:
            component.add("DTSTART", start.astimezone(iana))
            component.add("DTEND", end.astimezone(iana))
            used_zones.add(iana.key)
        else:
            component.add("DTSTART", start.astimezone(UTC))
            component.add("DTEND", end.astimezone(UTC))
        days.extend((start.astimezone(local).date(), end.astimezone(local).date()))
        component.add("SUMMARY", event.title)
        component.add("DESCRIPTION", _description(event, vocabulary))
        if event.place:
            component.add("LOCATION", event.place)
        component.add("CATEGORIES", [c.value for c in event.categories])
        if isinstance(event.when.value, Recurrence):
            rule = rrule(event.when.value)
            if rule is not None:
                component.add("RRULE", rule)
        component.add("X-TIMEX3-VALUE", event.timex)
        component.add("X-TIMEX3-TYPE", event.type.value)
        if event.grain is not None:
            component.add("X-TIMEX3-GRAIN", event.grain.value)
        if event.when.mod is not None:
            component.add("X-TIMEX3-MOD", event.when.mod.value)
        exported.append(component)

    calendar = icalendar.Calendar()
    calendar.add("PRODID", PRODID)
    calendar.add("VERSION", "2.0")
    calendar.add("CALSCALE", "GREGORIAN")
    calendar.add("METHOD", "PUBLISH")
    calendar.add("X-WR-CALNAME", title)
    if iana is not None:
        calendar.add("X-WR-TIMEZONE", iana.key)
        used_zones.add(iana.key)
    calendar.add("UID", _calendar_uid(title, exported))
    first_day = min(days, default=date(2000, 1, 1)) - timedelta(days=366)
    last_day = max(days, default=date(2000, 1, 1)) + timedelta(days=366)
    for tzid in sorted(used_zones):
        calendar.add_component(
            icalendar.Timezone.from_tzid(tzid, first_date=first_day, last_date=last_day))
    for component in exported:
        calendar.add_component(component)
    ical: bytes = calendar.to_ical()
    return ical


def _calendar_uid(title: str, events: list[icalendar.Event]) -> str:
    digest = hashlib.blake2b(digest_size=8)
    digest.update(title.encode("utf-8"))
    for component in events:
        digest.update(str(component["UID"]).encode("utf-8"))
    return f"{digest.hexdigest()}@{_UID_DOMAIN}"
