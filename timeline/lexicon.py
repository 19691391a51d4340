"""Loads and validates the language data of ``timeline/lang/<language>/*.toml``.

Every entry holds its surface forms and its value together; this module turns them
into typed, frozen lookups and longest-first regex alternations. Nothing here knows
Vietnamese: that is all in the data files.

>>> lex = load_lexicon()
>>> lex.month_names["mười hai"]
12
>>> lex.weekdays["chủ nhật"]
7
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Iterable, Mapping
from importlib import resources
from types import MappingProxyType
from typing import Any

import attrs

from timeline.model import DayPart, Direction, Grain, Mod, SeasonName, Unit

__all__ = ["Lexicon", "UnitWord", "Veto", "alternation", "data_table", "load_lexicon"]


def alternation(forms: Iterable[str]) -> str:
    """A regex alternation of literal forms, longest first, spaces matching any run of
    white space. ``alternation(["tháng", "tháng năm"])`` tries ``tháng năm`` first."""
    unique = sorted(set(forms), key=lambda f: (-len(f), f))
    if not unique:
        raise ValueError("alternation: no forms")
    return "(?:" + "|".join(r"\s+".join(map(re.escape, f.split())) for f in unique) + ")"


@attrs.frozen(slots=True)
class UnitWord:
    grain: Grain
    unit: Unit
    multiple: int


@attrs.frozen(slots=True)
class Veto:
    why: str
    forms: tuple[str, ...]
    examples: tuple[str, ...]


def _frozen(mapping: Mapping[str, Any]) -> Mapping[str, Any]:
    return MappingProxyType(dict(mapping))


@attrs.frozen(slots=True, eq=False)  # compared and hashed by identity: one per language
class Lexicon:
    """The language knowledge the rules read: all lookups are keyed by lower-case form."""

    unit_words: Mapping[str, int]
    units_after_ten: Mapping[str, int]
    ten_forms: tuple[str, ...]
    tens_markers: tuple[str, ...]
    vague_counts: tuple[str, ...]
    units: Mapping[str, UnitWord]
    month_names: Mapping[str, int]
    capitalised_month_names: frozenset[str]
    weekdays: Mapping[str, int]
    seasons: Mapping[str, SeasonName]
    day_parts: Mapping[str, DayPart]
    point_mods: Mapping[str, Mod]
    duration_mods: Mapping[str, Mod]
    modifier_compounds: Veto  # dẫn đầu, hàng đầu: words ending in a modifier form
    tense_suffixes: Mapping[str, Direction]
    clause_final_suffixes: frozenset[str]
    tense_verbs: Mapping[str, Direction]
    vetoes_before: tuple[Veto, ...]
    vetoes_after: tuple[Veto, ...]

    def forms_of_grain(self, grain: Grain) -> tuple[str, ...]:
        return tuple(form for form, word in self.units.items() if word.grain is grain)


def _read(package: str, name: str) -> dict[str, Any]:
    with resources.files(package).joinpath(name).open("rb") as handle:
        return tomllib.load(handle)


def _forms(entries: Iterable[Mapping[str, Any]], value_key: str, convert: Any) -> dict[str, Any]:
    table: dict[str, Any] = {}
    for entry in entries:
        value = convert(entry[value_key])
        for form in entry["forms"]:
            key = form.lower()
            if key in table and table[key] != value:
                raise ValueError(f"lexicon: form {form!r} has two values, {table[key]} and {value}")
            table[key] = value
    return table


@functools.lru_cache(maxsize=32)
def data_table(name: str, language: str = "vi") -> Mapping[str, Any]:
    """One data file of ``timeline/lang/<language>/`` as read from TOML (read once).

    For the rule modules whose vocabulary is their own (deictic words, holidays…);
    the shared vocabulary is in :class:`Lexicon`.
    """
    return _frozen(_read(f"timeline.lang.{language}", name))


@functools.lru_cache(maxsize=4)
def load_lexicon(language: str = "vi") -> Lexicon:
    """The validated lexicon of a language (read once; the result is immutable)."""
    package = f"timeline.lang.{language}"
    numbers = _read(package, "numbers.toml")
    calendar = _read(package, "calendar.toml")
    modifiers = _read(package, "modifiers.toml")
    tense = _read(package, "tense.toml")
    vetoes = _read(package, "vetoes.toml")

    units_after_ten: dict[str, int] = {}
    for entry in numbers["units"]:
        for form in entry["after_ten"]:
            units_after_ten[form] = entry["value"]

    units: dict[str, UnitWord] = {}
    for entry in calendar["units"]:
        word = UnitWord(Grain(entry["grain"]), Unit(entry["unit"]), entry.get("multiple", 1))
        for form in entry["forms"]:
            units[form] = word

    point_mods: dict[str, Mod] = {}
    duration_mods: dict[str, Mod] = {}
    for entry in modifiers["prefix"]:
        for form in entry["forms"]:
            if "point" in entry["applies_to"]:
                point_mods.setdefault(form, Mod(entry["mod"]))
            if "duration" in entry["applies_to"]:
                duration_mods.setdefault(form, Mod(entry["mod"]))

    def vetoes_of(kind: str) -> tuple[Veto, ...]:
        return tuple(
            Veto(v["why"], tuple(f.lower() for f in v["forms"]), tuple(v.get("examples", ())))
            for v in vetoes[kind]
        )

    return Lexicon(
        unit_words=_frozen(_forms(numbers["units"], "value", int)),
        units_after_ten=_frozen(units_after_ten),
        ten_forms=tuple(numbers["ten"]["forms"]),
        tens_markers=tuple(numbers["ten"]["tens_marker"]),
        vague_counts=tuple(numbers["vague"]["forms"]),
        units=_frozen(units),
        month_names=_frozen(_forms(calendar["months"], "value", int)),
        capitalised_month_names=frozenset(
            f for e in calendar["months"] if e.get("capitalised_only") for f in e["forms"]
        ),
        weekdays=_frozen(_forms(calendar["weekdays"], "value", int)),
        seasons=_frozen(_forms(calendar["seasons"], "value", SeasonName)),
        day_parts=_frozen(_forms(calendar["day_parts"], "value", DayPart)),
        point_mods=_frozen(point_mods),
        modifier_compounds=Veto(
            "words that end in a modifier form",
            tuple(modifiers["compounds"]["forms"]),
            tuple(modifiers["compounds"].get("examples", ())),
        ),
        duration_mods=_frozen(duration_mods),
        tense_suffixes=_frozen(_forms(tense["suffix"], "direction", Direction)),
        clause_final_suffixes=frozenset(
            f for e in tense["suffix"] if e.get("clause_final") for f in e["forms"]
        ),
        tense_verbs=_frozen(_forms(tense["verb"], "direction", Direction)),
        vetoes_before=vetoes_of("before"),
        vetoes_after=vetoes_of("after"),
    )
