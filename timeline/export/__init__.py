"""Exports of a Timeline: iCalendar (:mod:`.ics`), JSON and JSON Lines (:mod:`.json`),
TimeML (:mod:`.timeml`). The usual way in is through the Timeline itself:
``to_ics()``, ``to_json()``, ``from_json()``, ``to_jsonl()``, ``to_timeml(doc_id)``."""

from timeline.export.ics import Coarse, to_ics
from timeline.export.json import dumps, loads, read_jsonl, schema
from timeline.export.timeml import to_timeml

__all__ = ["Coarse", "dumps", "loads", "read_jsonl", "schema", "to_ics", "to_timeml"]
