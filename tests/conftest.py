"""Shared set-up of the test suite: hypothesis profiles and the path of the test data.

Profiles (choose with ``HYPOTHESIS_PROFILE=thorough pytest``):

- ``default``: 200 examples per property, no deadline (the first call of the grammar
  compiles its patterns, which would trip a per-example deadline);
- ``thorough``: 2,000 examples, for a long local run after a change to the grammar.
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from timeline import Timeline

DATA = Path(__file__).resolve().parent / "data"
SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@functools.lru_cache(maxsize=1)
def seed_timeline() -> Timeline:
    """The seeds' Timeline as the command-line demo builds it: every seeds/*.txt, its
    reference date read from seeds/*.gold.jsonl (built once per test session)."""
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}
    references = {}
    for gold in sorted(SEEDS.glob("*.gold.jsonl")):
        for line in gold.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                references[record["id"]] = record["reference"]
    return Timeline.from_texts(texts, references, name="seeds")
_FIGURES = pytest.StashKey[dict[str, str]]()

settings.register_profile(
    "default",
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "thorough",
    max_examples=2000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """``tests/data``: copies of the external corpora, each with its SOURCE.md and licence."""
    return DATA


@pytest.fixture
def report_figure(request: pytest.FixtureRequest) -> Callable[[str, str], None]:
    """Record a measured figure (the Duckling share …), printed at the end of the run."""
    figures = request.config.stash.setdefault(_FIGURES, {})

    def report(name: str, value: str) -> None:
        figures[name] = value

    return report


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    figures = config.stash.get(_FIGURES, {})
    if figures:
        terminalreporter.section("measured figures")
        for name, value in figures.items():
            terminalreporter.write_line(f"{name}: {value}")
