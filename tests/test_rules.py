"""Every example and negative example the grammar carries, run through :func:`timeline.extract`.

The examples live next to the code that understands them: each rule's ``examples`` and
``negatives`` (``timeline/rules/*.py``), the composition examples
(``timeline.compose.EXAMPLES``) and the veto examples of the lexicon
(``timeline/lang/vi/vetoes.toml``). This module only runs them:

- an :class:`~timeline.grammar.Example` must yield a mention whose text is
  ``example.span`` (or the whole example text), with ``example.timex`` and ``example.mod``;
- a negative must yield no mention at all.

A failing example is a bug in a rule (or in the example). It is not removed or weakened
here: it is listed in :data:`KNOWN_BUGS` with the precise reason, which marks it
``xfail(strict=True)``, so the day the rule is fixed the test says so.
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil
import re
from collections.abc import Iterator
from types import ModuleType

import pytest

import timeline
from timeline.compose import EXAMPLES as COMPOSE_EXAMPLES
from timeline.grammar import Example, Rule
from timeline.lexicon import load_lexicon
from timeline.rules import all_rules
from timeline.text import normalize

RULES: tuple[Rule, ...] = all_rules()
NEGATIVE_REFERENCE = "2024-10-20"

# (owner, text) -> why it fails today. The owner is a rule name, "compose" or "veto".
KNOWN_BUGS: dict[tuple[str, str], str] = {
}


def _id(owner: str, text: str) -> str:
    """A readable, ASCII test id: the owner and the text without diacritics."""
    return f"{owner}: {normalize(text).folded}"


def _param(owner: str, text: str, *values: object) -> object:
    reason = KNOWN_BUGS.get((owner, text))
    marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
    return pytest.param(owner, *values, id=_id(owner, text), marks=marks)


def _examples() -> Iterator[object]:
    for rule in RULES:
        for example in rule.examples:
            yield _param(rule.name, example.text, example)
    for example in COMPOSE_EXAMPLES:
        yield _param("compose", example.text, example)


def _negatives() -> Iterator[object]:
    for rule in RULES:
        for text in rule.negatives:
            yield _param(rule.name, text, text)
    lex = load_lexicon()
    for veto in (*lex.vetoes_before, *lex.vetoes_after):
        for text in veto.examples:
            yield _param("veto", text, text)


def _describe(mentions: list[timeline.Mention]) -> str:
    found = [
        f"{m.text!r} {m.timex}" + (f" {m.mod.value}" if m.mod else "") + f" ({m.rule})"
        for m in mentions
    ]
    return ", ".join(found) or "no mention"


@pytest.mark.parametrize(("owner", "example"), list(_examples()))
def test_example(owner: str, example: Example) -> None:
    mentions = timeline.extract(example.text, reference=example.reference)
    span = example.span or example.text
    expected = (span, example.timex, example.mod)
    got = [(m.text, m.timex, m.mod) for m in mentions]
    assert expected in got, (
        f"{owner}: {example.text!r} (reference {example.reference}) should give "
        f"{span!r} {example.timex}" + (f" {example.mod.value}" if example.mod else "")
        + f"; got {_describe(mentions)}"
    )


@pytest.mark.parametrize(("owner", "text"), list(_negatives()))
def test_negative(owner: str, text: str) -> None:
    mentions = timeline.extract(text, reference=NEGATIVE_REFERENCE)
    assert mentions == [], f"{owner}: {text!r} must yield no mention; got {_describe(mentions)}"


def test_every_known_bug_names_an_existing_case() -> None:
    """An entry of KNOWN_BUGS whose example or negative is gone is stale: remove it."""
    cases = {(rule.name, e.text) for rule in RULES for e in rule.examples}
    cases |= {(rule.name, text) for rule in RULES for text in rule.negatives}
    cases |= {("compose", e.text) for e in COMPOSE_EXAMPLES}
    lex = load_lexicon()
    cases |= {("veto", t) for v in (*lex.vetoes_before, *lex.vetoes_after) for t in v.examples}
    assert not set(KNOWN_BUGS) - cases, sorted(set(KNOWN_BUGS) - cases)
    assert not set(KNOWN_DOCTEST_FAILURES) - set(_modules())


# --- the shape of the registry --------------------------------------------------------


@pytest.mark.parametrize("rule", RULES, ids=[rule.name for rule in RULES])
def test_rule_has_an_example(rule: Rule) -> None:
    assert rule.examples, f"rule {rule.name} has no example"


@pytest.mark.parametrize("rule", RULES, ids=[rule.name for rule in RULES])
def test_rule_pattern_compiles(rule: Rule) -> None:
    compiled = rule.compiled
    assert isinstance(compiled, re.Pattern)
    assert compiled.pattern == rule.pattern


def test_rule_names_are_unique() -> None:
    names = [rule.name for rule in RULES]
    assert len(names) == len(set(names)), sorted(n for n in set(names) if names.count(n) > 1)


def test_rule_names_are_identifiers() -> None:
    bad = [rule.name for rule in RULES if not re.fullmatch(r"[a-z][a-z0-9_]*", rule.name)]
    assert not bad, f"rule names should be snake_case identifiers: {bad}"


def test_every_example_has_a_well_formed_mod() -> None:
    for rule in RULES:
        for example in rule.examples:
            assert example.mod is None or isinstance(example.mod, timeline.Mod), (
                rule.name,
                example,
            )


def test_examples_of_the_vetoes_exist() -> None:
    lex = load_lexicon()
    for veto in (*lex.vetoes_before, *lex.vetoes_after):
        assert veto.examples, f"veto {veto.why!r} has no example"


# --- doctests of the package ----------------------------------------------------------


# Modules whose doctests fail today: module -> why (a bug for the module's owner).
KNOWN_DOCTEST_FAILURES: dict[str, str] = {}


def _modules() -> list[str]:
    names = ["timeline"]
    for info in pkgutil.walk_packages(timeline.__path__, prefix="timeline."):
        if info.name.rsplit(".", 1)[-1] == "__main__":
            continue
        names.append(info.name)
    return sorted(names)


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(
            name, marks=[pytest.mark.xfail(strict=True, reason=KNOWN_DOCTEST_FAILURES[name])]
        )
        if name in KNOWN_DOCTEST_FAILURES
        else name
        for name in _modules()
    ],
)
def test_doctests(name: str) -> None:
    module: ModuleType = importlib.import_module(name)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    report: list[str] = []
    for test in doctest.DocTestFinder().find(module, name):
        runner.run(test, out=report.append)
    result = runner.summarize(verbose=False)
    assert result.failed == 0, (
        f"{name}: {result.failed} of {result.attempted} doctests failed\n" + "".join(report)
    )
