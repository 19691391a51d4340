"""Adversarial inputs take time linear in their size and never hang.

Each input is built at two sizes, ``SMALL`` and ten times that, and the larger must take
less than ``LIMIT`` times the CPU time of the smaller (a quadratic cost would take a
hundred times). Only ratios between sizes are compared, never absolute seconds: speed
itself is measured by ``make bench``. CPU time of this process (``time.process_time``)
and medians of a few runs keep the ratios steady on a busy machine.

The inputs: runs of digits and separators (``1/1/1/…``, ``15-15-…``), one date word
repeated (``ngày ngày …``), whitespace, one long line, random Unicode, nothing but
combining marks, and texts dense with real dates, which stress the stages after the
regexes (overlap selection, composition, resolution) rather than the regexes.
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import pytest

import timeline

SMALL = 5_000  # characters
FACTOR = 10
LIMIT = 30.0  # the 10× input must cost less than this many times the small one
RUNS = 3

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))


def _repeat(unit: str) -> Callable[[int], str]:
    return lambda size: (unit * (size // len(unit) + 1))[:size]


def _random_unicode(size: int) -> str:
    rng = random.Random(size)
    return "".join(chr(rng.randrange(0x20, 0x30000)) for _ in range(size))


def _random_date_soup(size: int) -> str:
    rng = random.Random(size)
    alphabet = "0123456789/-., \nngàytháng năm từ đến"
    return "".join(rng.choice(alphabet) for _ in range(size))


def _one_long_line(size: int) -> str:
    text = " ".join(path.read_text(encoding="utf-8").replace("\n", " ") for path in SEEDS)
    return _repeat(text + " ")(size)


def _word_then_spaces(size: int) -> str:
    return "ngày" + " " * (size - 6) + "15"


def _years_then_days(size: int) -> str:
    """Many years stated in one sentence, then many days in later ones: each day looks
    back for the year of its narrative (this was quadratic)."""
    half = size // 2
    return _repeat("năm 2019, ")(half) + _repeat(". Ngày 5-3")(size - half)


INPUTS: dict[str, Callable[[int], str]] = {
    "slashes 1/1/1/": _repeat("1/1/"),
    "dashes 15-15-15-": _repeat("15-15-"),
    "dots 1.1.1.": _repeat("1.1."),
    "digits only": _repeat("1"),
    "digits and spaces": _repeat("1 "),
    "ngày ngày ngày": _repeat("ngày "),
    "tháng tháng tháng": _repeat("tháng "),
    "năm năm năm": _repeat("năm "),
    "từ từ từ": _repeat("từ "),
    "cuối cuối cuối": _repeat("cuối "),
    "hai mươi hai mươi": _repeat("hai mươi "),
    "Roman numerals": _repeat("I"),
    "one long word (a token, a blob)": _repeat("aZbYcX"),
    "quý I quý I": _repeat("quý I "),
    "spaces": _repeat(" "),
    "newlines": _repeat("\n"),
    "mixed whitespace": _repeat(" \t\n\u00a0\u2003"),
    "ngày, spaces, 15": _word_then_spaces,
    "one long line": _one_long_line,
    "random Unicode": _random_unicode,
    "combining marks only": _repeat("\u0301\u0323\u0309"),
    "random date characters": _random_date_soup,
    "years": _repeat("2024 "),
    "dates": _repeat("15/10/2024 "),
    "dates and years": _repeat("15/10/2024 2024, "),
    "ranges": _repeat("từ ngày 15 đến 18-10 "),
    "days after a year": _repeat("Năm 2019. Ngày 5-3 "),
    "years, then days": _years_then_days,
}


def _cost(text: str, runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.process_time()
        timeline.extract(text, reference="2024-10-20")
        times.append(time.process_time() - start)
    return statistics.median(times)


@pytest.mark.parametrize("name", INPUTS)
def test_time_is_linear_in_size(name: str) -> None:
    make = INPUTS[name]
    small, large = make(SMALL), make(SMALL * FACTOR)
    assert len(large) == FACTOR * len(small)
    timeline.extract(small[:100])  # the first call compiles the grammar
    small_cost = max(_cost(small), 1e-3)  # below a millisecond, CPU clocks are coarse
    large_cost = _cost(large, runs=1)
    if LIMIT * small_cost <= large_cost < 2 * LIMIT * small_cost:
        large_cost = _cost(large)  # near the limit, a hiccup or a real cost: take a median
    assert large_cost < LIMIT * small_cost, (
        f"{name}: {FACTOR}× the input took {large_cost / small_cost:.0f}× the time "
        f"({small_cost * 1000:.1f} ms → {large_cost * 1000:.1f} ms)"
    )


# An expression, then a long run of white space: each rule or composition step that looks
# past the expression for more (a part of the day, a date, a lunar marker) must not try
# every way to split the run (``\s*,?\s*`` does: quadratic per position).
AFTER_AN_EXPRESSION = [
    "8 giờ", "lúc 8h", "ngày 15/10", "15/10/2024", "thứ hai", "mùng 1 Tết", "mỗi ngày",
    "tháng 9", "năm 2024", "10/3 âm lịch", "hôm nay", "3 năm", "Tết Nguyên đán", "quý II",
]


@pytest.mark.parametrize("expression", AFTER_AN_EXPRESSION)
def test_white_space_after_an_expression_is_linear(expression: str) -> None:
    small_size = 500  # spaces: kept small, since a quadratic cost here is steep
    small = f"{expression}{' ' * small_size}x"
    large = f"{expression}{' ' * (small_size * FACTOR)}x"
    timeline.extract(expression)
    small_cost = max(_cost(small), 1e-3)
    large_cost = _cost(large, runs=1)
    if LIMIT * small_cost <= large_cost < 2 * LIMIT * small_cost:
        large_cost = _cost(large)
    assert large_cost < LIMIT * small_cost, (
        f"{expression!r} then spaces: {FACTOR}× the spaces took "
        f"{large_cost / small_cost:.0f}× the time ({small_cost * 1000:.1f} ms → "
        f"{large_cost * 1000:.1f} ms)"
    )


@pytest.mark.parametrize("name", ["dates and years", "combining marks only", "random Unicode"])
def test_offsets_stay_valid_on_adversarial_input(name: str) -> None:
    text = INPUTS[name](SMALL)
    for mention in timeline.extract(text, reference="2024-10-20"):
        assert text[mention.start : mention.end] == mention.text
