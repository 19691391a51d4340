"""Text → candidates: run the rules, apply the vetoes, keep the leftmost-longest
non-overlapping readings, then compose them (ranges, lists, modifiers, tense words).

Everything here is a pure function of the normalized text and the lexicon. What the
candidates *mean* on the calendar is decided later, by :mod:`timeline.resolve`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from timeline.compose import compose
from timeline.grammar import Candidate, Rule, RuleMatch
from timeline.lexicon import Lexicon
from timeline.text import NormalizedText

__all__ = ["Candidate", "candidates", "scan", "select"]

_EDGE = " \t\n\r,.;:!?()[]{}\"'“”‘’«»…*-"


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE and text[end - 1] != ")":
        end -= 1
    return start, end


def _vetoed(norm: NormalizedText, start: int, end: int, lex: Lexicon) -> bool:
    """A bare number that a word before or after it says is not a date (spec §1)."""
    folded = norm.text
    if folded[start].isdigit():
        before = folded[max(0, start - 24) : start].lower().rstrip()
        for veto in lex.vetoes_before:
            for form in veto.forms:
                if before.endswith(form) and (
                    len(before) == len(form) or not before[-len(form) - 1].isalnum()
                ):
                    return True
    if folded[end - 1].isdigit() and folded[start].isdigit():
        after = folded[end : end + 24].lower()
        stripped = after.lstrip()
        for veto in lex.vetoes_after:
            for form in veto.forms:
                if form[0].isalnum():
                    if stripped.startswith(form) and (
                        len(stripped) == len(form) or not stripped[len(form)].isalnum()
                    ):
                        return True
                elif after.startswith(form) or stripped.startswith(form):
                    return True
    return False


def scan(norm: NormalizedText, rules: Sequence[Rule], lex: Lexicon) -> list[Candidate]:
    """Every reading of every rule, before overlaps are settled."""
    found: list[Candidate] = []
    for rule in rules:
        for match in rule.compiled.finditer(norm.text):
            if match.end() <= match.start():
                continue
            reading = rule.build(RuleMatch(match, lex))
            if reading is None:
                continue
            start, end = _trim(norm.text, match.start(), match.end())
            if start >= end or _vetoed(norm, start, end, lex):
                continue
            found.append(Candidate(start, end, reading, rule.name, rule.priority))
    return found


def select(found: Sequence[Candidate]) -> list[Candidate]:
    """Longest first, then the rule's priority, then confirmed before latent, then leftmost;
    a candidate that overlaps one already kept is dropped. Returned in text order."""
    ranked = sorted(
        found, key=lambda c: (-c.length, -c.priority, c.reading.latent, c.start, c.rule)
    )
    # One byte per character, set where a kept candidate lies: linear in the text, where
    # inserting into a sorted list was quadratic in the number of candidates.
    taken = bytearray(max((c.end for c in ranked), default=0))
    kept: list[Candidate] = []
    for candidate in ranked:
        if taken.find(1, candidate.start, candidate.end) >= 0:
            continue
        taken[candidate.start : candidate.end] = b"\x01" * (candidate.end - candidate.start)
        kept.append(candidate)
    kept.sort(key=lambda c: c.start)
    return kept


def candidates(norm: NormalizedText, rules: Sequence[Rule], lex: Lexicon) -> list[Candidate]:
    """The composed, confirmed candidates of a text, in text order, with what the
    accent-free path reads where the text is typed without diacritics (timeline.accents)."""
    from timeline.accents import unaccented_candidates

    composed = compose(norm, select(scan(norm, rules, lex)), lex)
    confirmed = [c for c in composed if not c.reading.latent]
    return unaccented_candidates(norm, rules, lex, confirmed)


_SENTENCE_END = re.compile(r"[.!?…]+(?=\s)|\n+")


def sentence_starts(text: str) -> list[int]:
    """Offsets where sentences start (for the narrative anchor)."""
    return [0] + [m.end() for m in _SENTENCE_END.finditer(text)]
