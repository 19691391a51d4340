"""TimeML: inline TIMEX3 XML that parses, keeps the text, and numbers its timexes."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import attrs
from test_events import at

from timeline.export.timeml import to_timeml
from timeline.model import Day, Duration, Mod, Month, Relative, Unit
from timeline.model import Grain as G
from timeline.timeline import Document, Timeline

TEXT = "Hôm qua <tin> & ngày 16-10, đoàn ở lại 3 năm; cuối tháng 6 \"vừa qua\"."


def _document(reference: str | None = "2024-10-19") -> Document:
    yesterday = attrs.evolve(at(TEXT, "Hôm qua", Day(2024, 10, 18)),
                             unresolved=Relative(grain=G.DAY, offset=-1))
    june = attrs.evolve(at(TEXT, "cuối tháng 6", Month(2024, 6)), mod=Mod.END)
    return Document("bài/1", TEXT, reference, (
        at(TEXT, "ngày 16-10", Day(2024, 10, 16)),
        yesterday,
        at(TEXT, "3 năm", Duration(3, Unit.YEAR), interval=False),
        june,
        at(TEXT, "16-10", Day(2024, 10, 16)),  # inside another mention: left out
    ))


def test_timeml_parses_and_keeps_the_text() -> None:
    xml = to_timeml(_document())
    root = ET.fromstring(xml.encode("utf-8"))
    assert root.tag == "TimeML" and root.findtext("DOCID") == "bài/1"
    text = root.find("TEXT")
    assert text is not None
    assert "".join(text.itertext()) == TEXT
    timexes = text.findall("TIMEX3")
    assert [t.get("tid") for t in timexes] == ["t1", "t2", "t3", "t4"]
    assert [(t.text, t.get("type"), t.get("value")) for t in timexes] == [
        ("Hôm qua", "DATE", "2024-10-18"), ("ngày 16-10", "DATE", "2024-10-16"),
        ("3 năm", "DURATION", "P3Y"), ("cuối tháng 6", "DATE", "2024-06")]
    assert timexes[3].get("mod") == "END" and timexes[1].get("mod") is None
    assert timexes[0].get("temporalFunction") == "true"
    assert timexes[0].get("anchorTimeID") == "t0"


def test_the_creation_time_is_the_reference() -> None:
    root = ET.fromstring(to_timeml(_document()).encode("utf-8"))
    dct = root.find("DCT/TIMEX3")
    assert dct is not None
    assert (dct.get("tid"), dct.get("value"), dct.get("functionInDocument")) == (
        "t0", "2024-10-19", "CREATION_TIME")
    assert ET.fromstring(to_timeml(_document(None)).encode("utf-8")).find("DCT") is None


def test_timeline_to_timeml_by_document_id() -> None:
    timeline = Timeline.from_documents([_document()])
    assert timeline.to_timeml("bài/1") == to_timeml(_document())
