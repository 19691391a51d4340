"""Prototype for docs/benchmarks.md, proposal 1: give triggers to the rules that have none.

The rules without ``triggers`` (the lunar dates and the holidays when this was written)
are run with ``finditer`` over the whole text, which costs a third of a call on the
seeds while they match nothing there. This script gives them triggers taken from their
own vocabulary (the words a match can start with), checks that the mentions do not
change (seeds, the generated corpus, every example of those rules) and measures the
time saved. It reaches into the rule modules' internals, so it is a one-off: it says
so and stops when they have changed shape.

    .venv/bin/python benchmarks/prototype_triggers.py
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import attrs

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import corpus, seeds

REFERENCE = "2024-10-20"


def _first_words(forms: object) -> set[str]:
    return {str(form).split()[0].lower() for form in forms}  # type: ignore[attr-defined]


def triggers_for(name: str) -> tuple[str, ...] | None:
    """The words a match of rule ``name`` can start with, from the rule's own data."""
    from timeline.grammar import DIGIT, fragments
    from timeline.rules import holidays, lunar_dates

    lex = fragments().lex
    numbers = _first_words([*lex.unit_words, *lex.ten_forms])
    words = lunar_dates.L.words
    days = {"ngày", "mùng", "mồng", DIGIT} | numbers | _first_words(words.day_names)
    table: dict[str, set[str]] = {
        "lunar_numeric": {"ngày", "mùng", "mồng", DIGIT},
        "lunar_day_month": days,
        "lunar_tet_day": days,
        "lunar_month": {"tháng"} | _first_words(words.leap),
        "lunar_year": {"năm"},
        "holiday": {"ngày", "lễ", "đại"} | _first_words(holidays.DATA.by_name),
    }
    found = table.get(name)
    return None if found is None else tuple(sorted(found))


def _best(function: Callable[[], object], runs: int = 7) -> float:
    times = []
    for _ in range(runs):
        start = time.process_time()
        function()
        times.append(time.process_time() - start)
    return statistics.median(times)


def main() -> int:
    import timeline
    from timeline.calendar import to_reference, zone
    from timeline.candidates import candidates, sentence_starts
    from timeline.lexicon import load_lexicon
    from timeline.resolve import resolve_candidates
    from timeline.rules import all_rules
    from timeline.text import normalize

    lex, rules = load_lexicon(), all_rules()
    reference, tz = to_reference(REFERENCE), zone("Asia/Ho_Chi_Minh")
    try:
        changed = []
        patched: list[object] = []
        for rule in rules:
            words = None if rule.triggers else triggers_for(rule.name)
            if not rule.triggers and words is None:
                print(f"no triggers known for {rule.name}: the prototype is out of date")
                return 1
            patched.append(attrs.evolve(rule, triggers=words) if words else rule)
            if words:
                changed.append(rule.name)
    except (AttributeError, ImportError, TypeError) as error:
        print(f"the rule modules changed shape ({error}): the prototype is out of date")
        return 1
    new_rules = tuple(patched)

    def run(texts: Sequence[str], with_rules: Sequence[object]) -> list[object]:
        out = []
        for text in texts:
            norm = normalize(text)
            found = candidates(norm, with_rules, lex)  # type: ignore[arg-type]
            out.append(resolve_candidates(norm, found, sentence_starts(norm.text), reference, tz))
        return out

    examples = [e.text for rule in rules if rule.name in changed for e in rule.examples]
    negatives = [n for rule in rules if rule.name in changed for n in rule.negatives]
    seed_texts, generated = seeds(), corpus(100_000)
    for name, texts in (("seeds", seed_texts), ("generated corpus", generated),
                        ("examples and negatives of those rules", examples + negatives)):
        same = run(texts, rules) == run(texts, new_rules)
        print(f"{name}: mentions {'unchanged' if same else 'CHANGED'}")
    run(seed_texts, new_rules)  # build the caches of the new rule tuple outside the timing
    print(f"rules given triggers: {', '.join(changed)}")
    for name, texts in (("seeds", seed_texts), ("generated corpus", generated)):
        before = _best(lambda t=texts: run(t, rules))
        after = _best(lambda t=texts: run(t, new_rules))
        print(f"{name}: {before * 1000:.1f} ms → {after * 1000:.1f} ms "
              f"({1 - after / before:.0%} less)")
    assert timeline.extract  # the public function is the one measured by run.py
    return 0


if __name__ == "__main__":
    sys.exit(main())
