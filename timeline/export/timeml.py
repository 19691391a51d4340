"""TimeML: a document's text with its mentions as inline ``TIMEX3`` elements, for the
tools of the TempEval family.

>>> from timeline.model import Day, Mention
>>> from timeline.timeline import Document
>>> text = "Ngày 16-10, đoàn thăm Tokyo."
>>> doc = Document("d1", text, "2024-10-20",
...                (Mention(text="Ngày 16-10", start=0, end=10, value=Day(2024, 10, 16)),))
>>> print(to_timeml(doc).splitlines()[4])
<TEXT><TIMEX3 tid="t1" type="DATE" value="2024-10-16">Ngày 16-10</TIMEX3>, đoàn thăm Tokyo.</TEXT>
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from timeline.model import Mention
from timeline.timeline import Document

__all__ = ["to_timeml"]


def _attributes(pairs: list[tuple[str, str]]) -> str:
    return "".join(f" {key}={quoteattr(value)}" for key, value in pairs)


def _timex(tid: str, mention: Mention, anchored: bool) -> str:
    pairs = [("tid", tid), ("type", mention.type.value), ("value", mention.timex)]
    if mention.mod is not None:
        pairs.append(("mod", mention.mod.value))
    relative = mention.unresolved is not None and mention.unresolved != mention.value
    if relative:
        pairs.append(("temporalFunction", "true"))
        if anchored:
            pairs.append(("anchorTimeID", "t0"))
    return f"<TIMEX3{_attributes(pairs)}>{escape(mention.text)}</TIMEX3>"


def to_timeml(document: Document) -> str:
    """The document as TimeML 1.2 XML: ``DOCID``, the ``DCT`` (its reference date) when
    known, and the ``TEXT`` with a ``TIMEX3`` around every mention (``tid`` t1, t2, … in
    text order; ``type``, ``value``, ``mod``; ``temporalFunction`` for a mention that was
    resolved against an anchor). Of overlapping mentions the first (and longest) is kept.
    Stripping the tags gives back the text."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', "<TimeML>",
             f"<DOCID>{escape(document.id)}</DOCID>"]
    anchored = document.reference is not None
    if document.reference is not None:
        day = document.reference.isoformat()
        dct = _attributes([("tid", "t0"), ("type", "DATE"), ("value", day),
                           ("temporalFunction", "false"),
                           ("functionInDocument", "CREATION_TIME")])
        lines.append(f"<DCT><TIMEX3{dct}>{day}</TIMEX3></DCT>")
    text = document.text
    parts: list[str] = []
    position = 0
    number = 0
    for mention in sorted(document.mentions, key=lambda m: (m.start, -m.end)):
        if mention.start < position or mention.end > len(text):
            continue
        if text[mention.start:mention.end] != mention.text:
            continue
        number += 1
        parts.append(escape(text[position:mention.start]))
        parts.append(_timex(f"t{number}", mention, anchored))
        position = mention.end
    parts.append(escape(text[position:]))
    lines.append("<TEXT>" + "".join(parts) + "</TEXT>")
    lines.append("</TimeML>")
    return "\n".join(lines) + "\n"
