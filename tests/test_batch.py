"""``extract_many`` and ``extract_stream``: the same mentions as ``extract``, in input order,
on one process or a pool; lazy and flat in memory; arguments checked before any work."""

from __future__ import annotations

import gc
import itertools
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest

import timeline
from timeline import (
    InvalidArgumentError,
    InvalidReferenceError,
    InvalidTimezoneError,
    InvalidTypeError,
    TimelineError,
)

ROOT = Path(__file__).resolve().parent.parent
SEEDS = [path.read_text(encoding="utf-8") for path in sorted((ROOT / "seeds").glob("*.txt"))]
REFERENCE = "2024-10-20"
SHORT = [
    "Ngày 17-10, đoàn tới Kanagawa.",
    "",
    "Không có ngày tháng nào ở đây.",
    "Từ ngày 15 đến 18-10-2024, đoàn thăm Nhật Bản.",
    "tháng 9 vừa qua",
]


def _serial(texts: list[str], reference: object = REFERENCE) -> list[list[timeline.Mention]]:
    return [timeline.extract(text, reference=reference) for text in texts]


@pytest.mark.parametrize("workers", [1, 2])
def test_extract_many_equals_extract(workers: int) -> None:
    texts = SEEDS + SHORT
    assert timeline.extract_many(texts, REFERENCE, workers=workers, chunksize=2) == _serial(texts)


def test_extract_many_takes_any_iterable_and_keeps_the_order() -> None:
    texts = SHORT * 5
    assert timeline.extract_many(iter(texts), REFERENCE, workers=2, chunksize=3) == _serial(texts)
    assert timeline.extract_many((t for t in texts), REFERENCE, workers=1) == _serial(texts)
    assert timeline.extract_many([], REFERENCE, workers=2) == []


def test_each_document_may_carry_its_own_reference() -> None:
    documents = [("tháng 9 vừa qua", "2024-10-20"), ("tháng 9 vừa qua", "2021-03-01"),
                 "tháng 9 vừa qua"]
    for workers in (1, 2):
        found = timeline.extract_many(documents, "2019-12-31", workers=workers)
        assert [[m.timex for m in ms] for ms in found] == [["2024-09"], ["2020-09"], ["2019-09"]]
    streamed = timeline.extract_stream(documents, "2019-12-31")
    assert [[m.timex for m in ms] for ms in streamed] == [["2024-09"], ["2020-09"], ["2019-09"]]


@pytest.mark.parametrize("workers", [1, 2])
def test_extract_stream_equals_extract(workers: int) -> None:
    texts = SEEDS + SHORT * 3
    stream = timeline.extract_stream(iter(texts), REFERENCE, workers=workers, chunksize=2)
    assert isinstance(stream, Iterator)
    assert list(stream) == _serial(texts)


@pytest.mark.parametrize(("workers", "chunksize"), [(1, 8), (2, 3)])
def test_extract_stream_reads_its_input_lazily(workers: int, chunksize: int) -> None:
    consumed = 0

    def endless() -> Iterator[str]:
        nonlocal consumed
        for text in itertools.cycle(SHORT):
            consumed += 1
            yield text

    stream = timeline.extract_stream(endless(), REFERENCE, workers=workers, chunksize=chunksize)
    assert consumed == 0  # nothing is read before the first result is asked for
    first = list(itertools.islice(stream, 3))
    assert first == _serial(SHORT[:3])
    # at most the chunks in flight are read ahead: two per worker, plus the one refilled
    assert consumed <= (2 * workers + 1) * chunksize
    stream.close()  # type: ignore[attr-defined]


def _peak_of_stream(count: int) -> int:
    mix = [*SHORT, SEEDS[1]]
    documents = (mix[i % len(mix)] for i in range(count))
    gc.collect()
    tracemalloc.start()
    try:
        for mentions in timeline.extract_stream(documents, REFERENCE):
            assert isinstance(mentions, list)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_extract_stream_memory_stays_flat() -> None:
    timeline.extract(SEEDS[0], reference=REFERENCE)  # the grammar is built outside the count
    small, large = _peak_of_stream(12), _peak_of_stream(120)
    assert large < 1.5 * small + 256 * 1024, (small, large)


# --- arguments -------------------------------------------------------------------------------


@pytest.mark.parametrize("function", [timeline.extract_many, timeline.extract_stream])
def test_bad_arguments_raise_before_any_work(function: object) -> None:
    call = function  # type: ignore[assignment]
    cases: list[tuple[dict[str, object], type[TimelineError]]] = [
        ({"texts": None}, InvalidTypeError),
        ({"texts": "ngày 17-10"}, InvalidTypeError),
        ({"texts": b"ngay 17-10"}, InvalidTypeError),
        ({"texts": 42}, InvalidTypeError),
        ({"texts": SHORT, "reference": "not a date"}, InvalidReferenceError),
        ({"texts": SHORT, "tz": "Mars/Olympus_Mons"}, InvalidTimezoneError),
        ({"texts": SHORT, "workers": 0}, InvalidArgumentError),
        ({"texts": SHORT, "workers": "2"}, InvalidTypeError),
        ({"texts": SHORT, "chunksize": 0}, InvalidArgumentError),
    ]
    for kwargs, error in cases:
        with pytest.raises(error) as caught:
            call(**kwargs)  # type: ignore[operator]
        assert isinstance(caught.value, TimelineError)
        assert isinstance(caught.value, TypeError | ValueError)


@pytest.mark.parametrize("workers", [1, 2])
def test_a_bad_document_is_reported_with_its_index(workers: int) -> None:
    with pytest.raises(InvalidTypeError, match=r"texts\[2\]"):
        timeline.extract_many(["ngày 17-10", "tháng 9", None], REFERENCE,  # type: ignore[list-item]
                              workers=workers)
    with pytest.raises(InvalidReferenceError, match=r"texts\[1\]"):
        timeline.extract_many(["ngày 17-10", ("tháng 9", "someday")], workers=workers)
    stream = timeline.extract_stream(["ngày 17-10", 5], REFERENCE)  # type: ignore[list-item]
    assert [m.timex for m in next(stream)] == ["2024-10-17"]
    with pytest.raises(InvalidTypeError, match=r"texts\[1\]"):
        next(stream)


def test_library_errors_survive_a_process_boundary() -> None:
    import pickle

    error = InvalidTypeError("text", "a str", "NoneType")
    copy = pickle.loads(pickle.dumps(error))
    assert (type(copy), str(copy), copy.argument) == (type(error), str(error), "text")
