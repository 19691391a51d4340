"""Text → candidates: run the rules, apply the vetoes, keep the leftmost-longest
non-overlapping readings, then compose them (ranges, lists, modifiers, tense words).

Everything here is a pure function of the normalized text and the lexicon. What the
candidates *mean* on the calendar is decided later, by :mod:`timeline.resolve`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import Any

import attrs

from timeline.compose import compose
from timeline.grammar import DIGIT, Candidate, Rule, RuleMatch
from timeline.lexicon import Lexicon, alternation, data_table
from timeline.text import NormalizedText

__all__ = ["Candidate", "candidates", "scan", "select"]

_EDGE = " \t\n\r,.;:!?()[]{}\"'“”‘’«»…*-"


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE and text[end - 1] != ")":
        end -= 1
    return start, end


@functools.lru_cache(maxsize=4)
def _veto_patterns(lex: Lexicon) -> tuple[re.Pattern[str], re.Pattern[str]]:
    before = [form for veto in lex.vetoes_before for form in veto.forms]
    after_words = [f for veto in lex.vetoes_after for f in veto.forms if f[0].isalnum()]
    after_marks = [f for veto in lex.vetoes_after for f in veto.forms if not f[0].isalnum()]
    return (
        re.compile(rf"(?<![\w]){alternation(before)}\s*$", re.IGNORECASE),
        re.compile(
            rf"\s*(?:{alternation(after_words)}(?![\w])|{alternation(after_marks)})",
            re.IGNORECASE,
        ),
    )


def _vetoed(norm: NormalizedText, start: int, end: int, lex: Lexicon) -> bool:
    """A bare number that a word before or after it says is not a date (spec §1)."""
    text = norm.text
    if not text[start].isdigit():
        return False
    before, after = _veto_patterns(lex)
    if before.search(text, max(0, start - 24), start):
        return True
    if _CLOCK_SPAN.search(text, start, end):
        return False  # a clock time (8h30, 06:56) before ngày/giờ…: 8h30 ngày 16/10
    return text[end - 1].isdigit() and after.match(text, end) is not None


_CLOCK_SPAN = re.compile(r"[0-9][hg:][0-9]|giờ", re.IGNORECASE)


# Digits start a time expression only where something temporal follows them: a date or
# clock shape (15/10, 8:30, 10/2024, 2016-2020: parts of one, two or four digits), a
# four-digit number (a year), or a count before its unit or a time word (3 năm, 1.000
# năm, 1,5 giờ, 3-4 ngày, 8h, 5p, 9 rưỡi, 28 Tết). Rules triggered by DIGIT are tried only
# there; the rest of the numbers in a news text (5.900 tỷ đồng, 100.000 người, 2,5%)
# cost one regex step each. A run of digits is read once (possessive) and the groups of
# a count are at most seven, so a run of 1.1.1.1… costs the same at each of its numbers.
_DIGIT_FOLLOWERS = ("rưỡi", "kém", "tết", "âm", "al", "sáng", "trưa", "chiều", "tối", "đêm",
                    "lần", "hằng", "hàng", "mỗi", "tới", "qua", "trước", "nữa", "sau", "đến",
                    "giây")


def digit_follows(lex: Lexicon) -> str:
    """The look-ahead after the first digit of a number that may start an expression."""
    followers = alternation({f.split()[0] for f in lex.units} | set(_DIGIT_FOLLOWERS))
    # the hour marks of a clock time (8h, 8g30) and the units glued to a count (5p)
    glued = {"h", "g"} | {
        form for entry in data_table("durations.toml")["glued_units"] for form in entry["forms"]
    }
    part = r"(?:[0-9]{1,2}|[0-9]{4})(?![0-9])"  # of a date or a clock time
    number = r"[0-9]*+(?:[.,][0-9]++){0,6}"  # the rest of a count: 1.000, 1,5, 20000
    count = rf"{number}(?:\s?-\s?[0-9]{number})?"  # and of a range of counts: 3-4 ngày
    return (
        rf"(?=[0-9]{{3}}(?![0-9])"
        rf"|(?:[0-9]{{3}}|[0-9]?)\s?[/\-.:,]\s?{part}"
        rf"|{count}(?:{alternation(glued)}|\s*%|\s+{followers}(?![\w])))"
    )


@attrs.frozen(slots=True, eq=False)
class Scanner:
    """The rules indexed by the words their matches start with (see ``Rule.triggers``).

    ``trigger`` runs on the lower-cased text (:func:`lower_in_place`): matching Vietnamese
    letters in any case is several times slower in ``re``, and it would take from the
    trigger the literal first characters that let the engine skip the text between hits."""

    trigger: re.Pattern[str] | None
    # For each trigger word, its rules and the words that must follow it (None: any).
    by_word: Mapping[str, tuple[tuple[Rule, frozenset[str] | None], ...]]
    by_digit: tuple[Rule, ...]
    everywhere: tuple[Rule, ...]


@functools.lru_cache(maxsize=8)
def scanner_for(rules: tuple[Rule, ...], lex: Lexicon) -> Scanner:
    # word -> rule -> the words that must follow (None: any), in the order of the rules
    by_word: dict[str, dict[Rule, set[str] | None]] = {}
    by_digit: list[Rule] = []
    everywhere: list[Rule] = []
    for rule in rules:
        if not rule.triggers:
            everywhere.append(rule)
        for trigger in rule.triggers:
            if trigger == DIGIT:
                by_digit.append(rule)
                continue
            word, _, next_word = trigger.lower().partition(" ")
            _allow(by_word.setdefault(word, {}), rule, {next_word} if next_word else None)
    # One alternative per first character, each starting with that character: the regex
    # engine then skips in C to the next position where a trigger can start, and checks
    # what precedes only there (a look-behind over the character before the first). The
    # rest of the words is a trie, so a position is rejected on its first letters.
    branches = []
    if by_word:
        branches += [
            f"{first}(?<![\\w].){rest}(?![^\\W\\d_])" for first, rest in _trie_branches(by_word)
        ]
    if by_digit:
        follows = digit_follows(lex)
        branches += [f"{digit}(?<![0-9].){follows}" for digit in "0123456789"]
    source = "|".join(branches)
    # The trigger pass takes the longest word at a position (t2); the rules of a shorter
    # trigger that also ends on a word boundary there (t, as in T10/2024) are tried too.
    with_prefixes = {}
    for word in by_word:
        merged: dict[Rule, set[str] | None] = {}
        for other, allowed in by_word.items():
            if word.startswith(other) and (
                len(other) == len(word) or not word[len(other)].isalpha()
            ):
                for rule, then in allowed.items():
                    _allow(merged, rule, then)
        with_prefixes[word] = tuple(
            (rule, None if then is None else frozenset(then)) for rule, then in merged.items()
        )
    return Scanner(
        re.compile(source) if branches else None,
        MappingProxyType(with_prefixes),
        tuple(by_digit),
        tuple(everywhere),
    )


def _allow(allowed: dict[Rule, set[str] | None], rule: Rule, then: set[str] | None) -> None:
    """Record that ``rule`` may be tried before the words ``then`` (None: before any)."""
    if rule in allowed:
        before = allowed[rule]
        allowed[rule] = None if before is None or then is None else before | then
    else:
        allowed[rule] = None if then is None else set(then)


# The token after a trigger word: a number (DIGIT) or a word.
_NEXT_TOKEN = re.compile(r"\s+(?:([0-9])|([^\W\d_]+))")


def _next_token(text: str, end: int) -> str:
    match = _NEXT_TOKEN.match(text, end)
    if match is None:
        return ""
    return DIGIT if match.group(1) else match.group(2).lower()


def _trie_branches(words: Iterable[str]) -> list[tuple[str, str]]:
    """``words`` as a trie: for each first character (escaped), a regex for the rests of
    the words that start with it, which shares their common beginnings and prefers the
    longest word at a position, as a longest-first alternation does.

    >>> _trie_branches(["tháng", "thứ", "t", "ba"])
    [('b', 'a'), ('t', '(?:h(?:áng|ứ))?')]
    """
    root: dict[str, dict[str, Any]] = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: dict[str, Any]) -> str:
        branches = [re.escape(char) + pattern(node[char]) for char in sorted(node) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" not in node:
            return body
        return f"(?:{body})?" if len(branches) == 1 and len(body) > 1 else f"{body}?"

    return [(re.escape(char), pattern(root[char])) for char in sorted(root) if char]


def lower_in_place(text: str) -> str:
    """``text`` in lower case, one character for one.

    One character has a lower case of two (İ → i̇): it becomes i, so that every offset
    stays (tests/test_candidates.py checks that there is no other)."""
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else text.replace("\u0130", "i").lower()


def _matches(text: str, scanner: Scanner) -> Iterator[tuple[Rule, re.Match[str]]]:
    if scanner.trigger is not None:
        lowered = lower_in_place(text)
        hits = scanner.trigger.finditer(lowered)
        by_word, by_digit = scanner.by_word, scanner.by_digit
        for hit in hits:
            word, position = hit.group(), hit.start()
            if word.isdigit():
                for rule in by_digit:
                    match = rule.compiled.match(text, position)
                    if match is not None:
                        yield rule, match
                continue
            following = None  # the next word, read once if a rule asks for it
            for rule, then in by_word.get(word, ()):
                if then is not None:
                    if following is None:
                        following = _next_token(lowered, hit.end())
                    if following not in then:
                        continue
                match = rule.compiled.match(text, position)
                if match is not None:
                    yield rule, match
    for rule in scanner.everywhere:
        for match in rule.compiled.finditer(text):
            yield rule, match


def scan(norm: NormalizedText, rules: Sequence[Rule], lex: Lexicon) -> list[Candidate]:
    """Every reading of every rule, before overlaps are settled."""
    found: list[Candidate] = []
    text = norm.text
    for rule, match in _matches(text, scanner_for(tuple(rules), lex)):
        if match.end() <= match.start():
            continue
        reading = rule.build(RuleMatch(match, lex))
        if reading is None:
            continue
        start, end = _trim(text, match.start(), match.end())
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


# A run of sentence-final marks before white space, or a run of line breaks. Written to
# start with one character class, which lets the engine skip the text between them in C
# (``[.!?…]+(?=\s)|\n+`` is the same language, five times slower).
_SENTENCE_END = re.compile(r"[.!?…\n](?:(?<=\n)\n*|[.!?…]*(?=\s))")


def sentence_starts(text: str) -> list[int]:
    """Offsets where sentences start (for the narrative anchor)."""
    return [0] + [m.end() for m in _SENTENCE_END.finditer(text)]
