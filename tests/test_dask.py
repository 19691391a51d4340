"""The Dask integration (``timeline[dask]``): a bag of documents on Dask's schedulers and on
a local ``distributed`` cluster gives the same mentions, and the same Timeline, as serial
extraction on one machine. Skipped when the extra is not installed (``make test``
installs it)."""

from __future__ import annotations

from pathlib import Path

import pytest

db = pytest.importorskip("dask.bag")

import timeline  # noqa: E402
from timeline import InvalidReferenceError, InvalidTimezoneError, InvalidTypeError  # noqa: E402
from timeline import dask as timeline_dask  # noqa: E402
from timeline.timeline import Document, Timeline  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SEEDS = {path.stem: path.read_text(encoding="utf-8")
         for path in sorted((ROOT / "seeds").glob("*.txt"))}
REFERENCE = "2024-10-20"
OWN_REFERENCE = ("own", "Tháng 9 vừa qua, đoàn tới Tokyo.", "2021-03-01")


def _records() -> list[tuple[str, ...]]:
    return [*SEEDS.items(), OWN_REFERENCE]


def _serial_mentions() -> list[tuple[str, list[timeline.Mention]]]:
    out = [(doc_id, timeline.extract(text, reference=REFERENCE)) for doc_id, text in SEEDS.items()]
    doc_id, text, reference = OWN_REFERENCE
    out.append((doc_id, timeline.extract(text, reference=reference)))
    return out


def _serial_timeline() -> Timeline:
    documents = [Document(doc_id, text, REFERENCE, timeline.extract(text, reference=REFERENCE))
                 for doc_id, text in SEEDS.items()]
    doc_id, text, reference = OWN_REFERENCE
    documents.append(Document(doc_id, text, reference, timeline.extract(text, reference=reference)))
    return Timeline.from_documents(documents)


@pytest.mark.parametrize("scheduler", ["sync", "threads", "processes"])
def test_a_bag_gives_the_serial_mentions(scheduler: str) -> None:
    bag = db.from_sequence(_records(), npartitions=3)
    found = timeline_dask.mentions(bag, REFERENCE).compute(scheduler=scheduler)
    assert found == _serial_mentions()


def test_documents_may_be_mappings() -> None:
    records = [{"id": doc_id, "text": text} for doc_id, text in SEEDS.items()]
    records.append(dict(zip(("id", "text", "reference"), OWN_REFERENCE, strict=True)))
    bag = db.from_sequence(records, npartitions=2)
    found = timeline_dask.mentions(bag, REFERENCE).compute(scheduler="sync")
    assert found == _serial_mentions()


def test_a_local_cluster_gives_the_serial_timeline() -> None:
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
        silence_logs=40,
    ) as cluster, distributed.Client(cluster) as client:
        bag = db.from_sequence(_records(), npartitions=4)
        found = timeline_dask.mentions(bag, REFERENCE).compute()
        assert found == _serial_mentions()
        merged = timeline_dask.to_timeline(bag, REFERENCE)
        assert client.status == "running"
    expected = _serial_timeline()
    assert merged.events == expected.events
    assert merged.documents == expected.documents
    assert merged == expected


def test_events_are_those_of_each_document() -> None:
    bag = db.from_sequence(_records(), npartitions=2)
    events = timeline_dask.events(bag, REFERENCE).compute(scheduler="sync")
    unfused = Timeline.from_documents(_serial_timeline().documents, fusion=False)
    assert sorted(e.id for e in events) == sorted(e.id for e in unfused.events)


def test_bad_arguments_fail_on_the_client_before_any_work() -> None:
    bag = db.from_sequence(_records(), npartitions=2)
    with pytest.raises(InvalidReferenceError):
        timeline_dask.mentions(bag, "not a date")
    with pytest.raises(InvalidTimezoneError):
        timeline_dask.to_timeline(bag, REFERENCE, tz="Mars/Olympus_Mons")


def test_a_bad_document_is_a_library_error() -> None:
    bag = db.from_sequence([("a", "ngày 17-10"), ("b", None)], npartitions=1)
    with pytest.raises(InvalidTypeError):
        timeline_dask.mentions(bag, REFERENCE).compute(scheduler="sync")
