"""Thread safety: ``extract`` from 8 threads at once gives the same results as serially.

The library keeps no mutable state between calls (lexicon, rules and compiled patterns
are built once and frozen), so concurrent calls cannot see each other. Tested twice:
in this process, where the grammar is already compiled, and in a fresh interpreter where
the 8 threads race to build the grammar on their first call.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import timeline
from timeline import Mention

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
THREADS = 8
REFERENCES = ["2024-10-20", None]


def _summary(mentions: list[Mention]) -> list[tuple[int, int, str, str, str | None]]:
    return [(m.start, m.end, m.text, m.timex, m.mod) for m in mentions]


def test_eight_threads_at_once_give_the_serial_results() -> None:
    texts = [path.read_text(encoding="utf-8") for path in SEEDS]
    jobs = [(text, reference) for text in texts for reference in REFERENCES]
    serial = {job: timeline.extract(job[0], reference=job[1]) for job in jobs}
    barrier = threading.Barrier(THREADS)

    def work(number: int) -> list[tuple[tuple[str, str | None], list[Mention]]]:
        order = list(jobs)
        random.Random(number).shuffle(order)  # each thread its own order
        barrier.wait()  # start together
        return [(job, timeline.extract(job[0], reference=job[1])) for job in order]

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        results = list(pool.map(work, range(THREADS)))
    assert len(results) == THREADS
    for outcome in results:
        for job, mentions in outcome:
            assert mentions == serial[job]


_COLD_START = """
import json, sys, threading
import timeline
texts = [open(path, encoding="utf-8").read() for path in sys.argv[1:]]
barrier = threading.Barrier(8)
results = [None] * 8
def work(number):
    barrier.wait()  # every thread's first call at once: the grammar is built concurrently
    found = [timeline.extract(t, reference="2024-10-20") for t in texts]
    results[number] = [[(m.start, m.end, m.text, m.timex, m.mod) for m in ms] for ms in found]
threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(json.dumps(results))
"""


def test_eight_threads_racing_on_the_first_call_agree() -> None:
    out = subprocess.run(
        [sys.executable, "-c", _COLD_START, *map(str, SEEDS)],
        check=True, capture_output=True, text=True, cwd=ROOT, timeout=300,
    ).stdout
    results = json.loads(out)
    expected = [
        [list(row) for row in _summary(timeline.extract(path.read_text(encoding="utf-8"),
                                                        reference="2024-10-20"))]
        for path in SEEDS
    ]
    assert len(results) == THREADS
    for result in results:
        assert result == expected
