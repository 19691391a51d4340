"""The events of a Timeline as a pandas DataFrame (``pip install 'timeline[pandas]'``).

pandas is imported when the function is called, never when ``timeline`` is: the library
runs without it.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from timeline.calendar import zone

if TYPE_CHECKING:
    import pandas as pd

    from timeline.timeline import Timeline

__all__ = ["COLUMNS", "to_dataframe"]

COLUMNS = (
    "id", "start", "end", "title", "category", "categories", "type", "timex", "grain",
    "mod", "phrase", "place", "location", "sentence", "documents", "inferred", "recurring",
)
"""The columns, in order. ``start``/``end`` are the half-open interval in the Timeline's
time zone; ``phrase`` is the time phrase of the text (``từ ngày 15 đến 18-10``);
``categories`` and ``documents`` are tuples of strings."""


def _pandas() -> object:
    try:
        import pandas
    except ImportError as error:  # pragma: no cover - exercised without pandas only
        raise ModuleNotFoundError(
            "Timeline.to_dataframe() needs pandas: pip install 'timeline[pandas]'",
            name="pandas") from error
    return pandas


def to_dataframe(timeline: Timeline) -> pd.DataFrame:
    """One row per event, in the Timeline's order, columns :data:`COLUMNS`.

    Times are pandas timestamps at microsecond resolution in the Timeline's zone, so
    the distant years of history (``năm 1010``) fit as well as today's."""
    _pandas()
    import numpy as np
    import pandas as pd

    tz = zone(timeline.tz)
    rows: dict[str, list[object]] = {name: [] for name in COLUMNS if name not in ("start", "end")}
    starts: list[datetime] = []
    ends: list[datetime] = []
    for event in timeline.events:
        grain = event.grain
        mod = event.when.mod
        starts.append(event.interval.start)
        ends.append(event.interval.end)
        values: dict[str, object] = {
            "id": event.id,
            "title": event.title,
            "category": event.category.value,
            "categories": tuple(c.value for c in event.categories),
            "type": event.type.value,
            "timex": event.timex,
            "grain": grain.value if grain is not None else None,
            "mod": mod.value if mod is not None else None,
            "phrase": event.when.text,
            "place": event.place,
            "location": event.location,
            "sentence": event.sentence,
            "documents": event.documents,
            "inferred": event.inferred,
            "recurring": event.is_recurring,
        }
        for name, column in rows.items():
            column.append(values[name])
    columns: dict[str, object] = {name: pd.Series(column, dtype="object")
                                  for name, column in rows.items()}
    for name, instants in (("start", starts), ("end", ends)):
        # Naive UTC at microsecond resolution, then the zone: pandas 2 and 3 alike keep
        # years outside 1677–2262 that nanoseconds cannot hold.
        utc = np.array([t.astimezone(UTC).replace(tzinfo=None) for t in instants],
                       dtype="datetime64[us]")
        columns[name] = pd.Series(pd.DatetimeIndex(utc).tz_localize("UTC").tz_convert(tz))
    frame = pd.DataFrame({name: columns[name] for name in COLUMNS})
    for name in ("id", "title", "category", "type", "timex", "phrase", "sentence"):
        frame[name] = frame[name].astype("string")
    frame["inferred"] = frame["inferred"].astype(bool)
    frame["recurring"] = frame["recurring"].astype(bool)
    return frame

