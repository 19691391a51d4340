"""Composition data that no rule owns: words that only look like modifiers."""

from __future__ import annotations

import pytest

import timeline
from timeline.lexicon import load_lexicon

COMPOUND_EXAMPLES = load_lexicon().modifier_compounds.examples


@pytest.mark.parametrize("text", COMPOUND_EXAMPLES)
def test_compound_is_not_a_modifier(text: str) -> None:
    mentions = timeline.extract(text, reference="2024-10-20")
    assert mentions, f"{text!r}: the date itself should still be found"
    assert all(m.mod is None for m in mentions), f"{text!r}: {mentions}"


def test_compound_examples_exist() -> None:
    assert COMPOUND_EXAMPLES
