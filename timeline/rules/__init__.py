"""The rules, one module per concern. :func:`all_rules` is the registry the engine runs."""

from __future__ import annotations

import functools

from timeline.grammar import Rule

__all__ = ["all_rules"]


@functools.lru_cache(maxsize=1)
def all_rules() -> tuple[Rule, ...]:
    from timeline.rules import (
        dates,
        deictic,
        durations,
        holidays,
        lunar_dates,
        periods,
        sets,
        times,
        weekdays,
    )

    modules = (dates, periods, deictic, durations, sets, lunar_dates, holidays, times, weekdays)
    rules = tuple(rule for module in modules for rule in module.RULES)
    names = [rule.name for rule in rules]
    duplicates = {name for name in names if names.count(name) > 1}
    if duplicates:
        raise ValueError(f"rules: names used twice: {sorted(duplicates)}")
    return rules
