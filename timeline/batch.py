"""Many documents at once: :func:`extract_many` on a process pool, :func:`extract_stream`
lazily over a corpus of any size.

A document is a ``str``, or a ``(text, reference)`` pair when each document has its own
reference date (a newsroom archive: each article its publication day). A plain ``str``
takes the ``reference`` given to the call.

>>> [[m.timex for m in ms] for ms in extract_many(["ngày 17-10", ("năm nay", "2023-05-01")],
...                                               reference="2024-10-20", workers=1)]
[['2024-10-17'], ['2023']]
>>> stream = extract_stream(iter(["tháng 9 vừa qua", "không có ngày nào"]), reference="2024-10-20")
>>> [[m.timex for m in ms] for ms in stream]
[['2024-09'], []]

Results come back in the order of the input, one ``list[Mention]`` per document, equal to
what :func:`timeline.extract` returns for it. With ``workers=1`` everything runs in this
process; with more, chunks of documents go to a :class:`concurrent.futures.ProcessPoolExecutor`
(standard library; no scheduler of our own). :func:`extract_stream` keeps at most a few
chunks per worker in flight, so memory stays flat however long the iterable is. For a
corpus beyond one machine see :mod:`timeline.dask` and ``docs/scale.md``.
"""

from __future__ import annotations

import collections
import itertools
import os
from collections.abc import Iterable, Iterator
from datetime import date, tzinfo
from typing import TYPE_CHECKING

from timeline.api import extract
from timeline.calendar import DEFAULT_TZ, to_reference, zone
from timeline.errors import InvalidArgumentError, InvalidTypeError
from timeline.model import Mention

if TYPE_CHECKING:
    from concurrent.futures import Executor, Future

__all__ = ["Document", "extract_many", "extract_stream"]

Document = str | tuple[str, object]
"""A text, or a ``(text, reference)`` pair."""

_Job = tuple[str, date | None]

# Chunks of documents in flight per worker in extract_stream: enough to keep every
# worker busy while the caller consumes results, few enough to keep memory flat.
_IN_FLIGHT_PER_WORKER = 2


def _job(document: object, default: date | None, index: int) -> _Job:
    """Check one document in the caller's process, so a bad one fails early and clearly."""
    if isinstance(document, str):
        return document, default
    if isinstance(document, tuple) and len(document) == 2 and isinstance(document[0], str):
        return document[0], to_reference(document[1], f"texts[{index}] reference")
    raise InvalidTypeError(
        f"texts[{index}]", "a str or a (str, reference) pair", type(document).__name__
    )


def _jobs(texts: Iterable[Document], reference: object) -> Iterator[_Job]:
    if isinstance(texts, str | bytes):
        raise InvalidTypeError(
            "texts", "an iterable of documents (a single text goes to timeline.extract)",
            type(texts).__name__,
        )
    try:
        items = iter(texts)
    except TypeError:
        raise InvalidTypeError("texts", "an iterable of documents", type(texts).__name__) from None
    default = to_reference(reference)
    return (_job(document, default, index) for index, document in enumerate(items))


def _workers(workers: object) -> int:
    if workers is None:
        return os.cpu_count() or 1
    if not isinstance(workers, int) or isinstance(workers, bool):
        raise InvalidTypeError("workers", "an int or None", type(workers).__name__)
    if workers < 1:
        raise InvalidArgumentError("workers", "at least 1 (or None: one per CPU)", workers)
    return workers


def _chunksize(chunksize: object) -> int:
    if not isinstance(chunksize, int) or isinstance(chunksize, bool):
        raise InvalidTypeError("chunksize", "an int", type(chunksize).__name__)
    if chunksize < 1:
        raise InvalidArgumentError("chunksize", "at least 1", chunksize)
    return chunksize


def _tz_name(tz: object) -> str | tzinfo:
    zone(tz)  # raises InvalidTimezoneError in the caller's process
    return tz  # type: ignore[return-value]


def _extract_chunk(jobs: list[_Job], tz: str | tzinfo) -> list[list[Mention]]:
    """What a worker process runs: the mentions of each document of one chunk."""
    return [extract(text, reference, tz=tz) for text, reference in jobs]  # type: ignore[arg-type]


def _chunks(jobs: Iterator[_Job], size: int) -> Iterator[list[_Job]]:
    while chunk := list(itertools.islice(jobs, size)):
        yield chunk


def _pool(workers: int) -> Executor:
    from concurrent.futures import ProcessPoolExecutor  # imported when used: import cost

    return ProcessPoolExecutor(max_workers=workers)


def extract_stream(
    texts: Iterable[Document],
    reference: object = None,
    *,
    workers: int | None = 1,
    tz: str = DEFAULT_TZ,
    chunksize: int = 8,
) -> Iterator[list[Mention]]:
    """The mentions of each document, yielded lazily in input order, in flat memory.

    ``texts`` may be any iterable, a generator over a corpus of any size: at most
    ``2 × workers`` chunks of ``chunksize`` documents are read ahead. ``workers=1`` (the
    default) runs in this process; ``None`` means one worker per CPU. Arguments are
    checked before the first document is read: a bad ``reference`` or ``tz`` raises here,
    a bad document when it is reached.
    """
    count = _workers(workers)
    size = _chunksize(chunksize)
    tz_value = _tz_name(tz)
    jobs = _jobs(texts, reference)
    if count == 1:
        return (_extract_chunk([job], tz_value)[0] for job in jobs)
    return _stream_pool(jobs, count, size, tz_value)


def _stream_pool(
    jobs: Iterator[_Job], workers: int, size: int, tz: str | tzinfo
) -> Iterator[list[Mention]]:
    pending: collections.deque[Future[list[list[Mention]]]] = collections.deque()
    chunks = _chunks(jobs, size)
    with _pool(workers) as pool:
        try:
            for chunk in itertools.islice(chunks, workers * _IN_FLIGHT_PER_WORKER):
                pending.append(pool.submit(_extract_chunk, chunk, tz))
            while pending:
                done = pending.popleft().result()
                following = next(chunks, None)
                if following is not None:
                    pending.append(pool.submit(_extract_chunk, following, tz))
                yield from done
        finally:
            for future in pending:
                future.cancel()


def extract_many(
    texts: Iterable[Document],
    reference: object = None,
    *,
    workers: int | None = None,
    tz: str = DEFAULT_TZ,
    chunksize: int = 8,
) -> list[list[Mention]]:
    """The mentions of every document, in input order, computed on ``workers`` processes
    (default: one per CPU; ``workers=1`` runs in this process).

    Each item of the result equals ``timeline.extract(text, reference, tz=tz)``. For a
    corpus that does not fit in memory, iterate :func:`extract_stream` instead.
    """
    count = _workers(workers)
    size = _chunksize(chunksize)
    tz_value = _tz_name(tz)
    jobs = list(_jobs(texts, reference))
    if count == 1 or len(jobs) <= 1:
        return _extract_chunk(jobs, tz_value)
    results: list[list[Mention]] = []
    with _pool(min(count, len(jobs))) as pool:
        for done in pool.map(_extract_chunk, _chunks(iter(jobs), size), itertools.repeat(tz_value)):
            results.extend(done)
    return results
