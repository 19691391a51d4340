"""Dates written in other languages inside Vietnamese text, through ``dateparser``.

``timeline.extract(text, reference, languages=("vi", "en"))`` reads ``October 15, 2024``,
``15 Oct 2024``, ``Oct. 15``, ``September 2023`` as DATE mentions at the grain the text
gives (a day, a month), beside the Vietnamese ones and never overlapping them. It is off
unless asked for: dateparser is slow to import (it is imported here, inside the
functions, and nowhere else in the package) and slower to run.

What is taken from dateparser:

- the places: :func:`dateparser.search.search_dates` over each line that has a
  capitalised word and a digit, extended over a day or a year it left beside a month
  (``Oct. 15``: it finds ``Oct``);
- the parts the text gives (``DateData.parts``: day, month, year) and their values.

Only expressions that hold a month *name* (capitalised, as English writes it) and a
number are kept: bare numbers, ``17-10`` or ``10/2024`` are the Vietnamese grammar's, and
``May`` alone is as likely the start of ``May mắn``. A part the text does not give stays
unknown here (``Oct. 15`` is ``XXXX-10-15`` until the resolver fills the year from the
reference, as for ``ngày 15-10``); dateparser's own filling (from ``RELATIVE_BASE``, set
to the reference or to a fixed day, never the clock) is not used.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from typing import Any

from timeline.errors import InvalidArgumentError
from timeline.grammar import Candidate, Reading
from timeline.model import Day, Month, TimeValue

__all__ = ["foreign_candidates"]

RULE = "dateparser"
_FIXED_BASE = datetime(2000, 1, 1)  # when there is no reference: a fixed day, not the clock
_LINE = re.compile(r"[^\n]+")
_WORTH_A_LOOK = re.compile(r"[A-Z][a-z]{2,}\.?.{0,16}[0-9]|[0-9].{0,16}[A-Z][a-z]{2,}", re.S)
_WORD = re.compile(r"[^\W\d_]+")
_DAY_AFTER = re.compile(
    r"\.?\s?(?:[0-3]?[0-9])(?:st|nd|rd|th)?(?![0-9])(?:,?\s?[0-9]{4}(?![0-9]))?"
)
_YEAR_AFTER = re.compile(r",?\s?[0-9]{4}(?![0-9])")
_DAY_BEFORE = re.compile(r"(?<![0-9])[0-3]?[0-9](?:st|nd|rd|th)?\s(?:of\s)?$")


def foreign_candidates(
    text: str, reference: date | None, languages: Sequence[str]
) -> list[Candidate]:
    """The dates of ``text`` (the normalized text) written in ``languages`` (dateparser
    language codes such as ``"en"``), as candidates for the resolver, in text order."""
    if not languages:
        return []
    _check_languages(tuple(languages))
    base = (
        datetime(reference.year, reference.month, reference.day) if reference else _FIXED_BASE
    )
    found: list[Candidate] = []
    for line in _LINE.finditer(text):
        if not _WORTH_A_LOOK.search(line.group()):
            continue
        for start, end, value in _dates_in(line.group(), tuple(languages), base):
            candidate = Candidate(line.start() + start, line.start() + end, Reading(value), RULE)
            if not found or found[-1].end <= candidate.start:
                found.append(candidate)
    return found


@functools.lru_cache(maxsize=8)
def _check_languages(languages: tuple[str, ...]) -> None:
    from dateparser.languages.loader import default_loader

    known = set(default_loader.get_locale_map())
    for language in languages:
        if language not in known:
            raise InvalidArgumentError(
                "languages", "language codes that dateparser knows, such as 'en'", language
            )


@functools.lru_cache(maxsize=8)
def _parser(languages: tuple[str, ...], base: datetime) -> Any:
    from dateparser.date import DateDataParser

    return DateDataParser(
        languages=list(languages),
        settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "current_period"},
    )


def _dates_in(
    line: str, languages: tuple[str, ...], base: datetime
) -> Iterator[tuple[int, int, TimeValue]]:
    from dateparser.search import search_dates

    settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "current_period"}
    hits = search_dates(line, languages=list(languages), settings=settings) or []
    position = 0
    for found, _ in hits:
        start = line.find(found, position)
        if start < 0:
            continue
        position = start + len(found)
        span = _month_expression(line, start, start + len(found), languages, base)
        if span is None:
            continue
        value = _value(line[span[0] : span[1]], languages, base)
        if value is not None:
            yield span[0], span[1], value


def _is_month_name(word: str, languages: tuple[str, ...], base: datetime) -> bool:
    if len(word) < 3 or not word[0].isupper():
        return False
    data = _parser(languages, base).get_date_data(word)
    return data.date_obj is not None and tuple(data.parts or ()) == ("month",)


def _month_expression(
    line: str, start: int, end: int, languages: tuple[str, ...], base: datetime
) -> tuple[int, int] | None:
    """The span of a date around a month name within ``line[start:end]`` (widened over a
    day or a year beside it), or None when there is no month name and number."""
    months = [
        w for w in _WORD.finditer(line, start, end) if _is_month_name(w.group(), languages, base)
    ]
    if not months:
        return None
    first, last = months[0], months[-1]
    begin = start
    while begin < first.start() and not line[begin].isdigit():
        begin += 1  # "on March 3rd": the preposition stays outside
    finish = end
    if (day := _DAY_AFTER.match(line, last.end())) and day.end() > finish:
        finish = day.end()
    elif (year := _YEAR_AFTER.match(line, last.end())) and year.end() > finish:
        finish = year.end()
    if begin == first.start() and (before := _DAY_BEFORE.search(line, 0, begin)):
        begin = before.start()
    while finish > begin and not line[finish - 1].isalnum():
        finish -= 1
    if not any(c.isdigit() for c in line[begin:finish]):
        return None
    return begin, finish


def _value(expression: str, languages: tuple[str, ...], base: datetime) -> TimeValue | None:
    data = _parser(languages, base).get_date_data(expression)
    if data.date_obj is None:
        return None
    parts = set(data.parts or ())
    if "month" not in parts:
        return None
    when = data.date_obj
    year = when.year if "year" in parts else None
    if "day" in parts:
        return Day(year, when.month, when.day)
    return Month(year, when.month)
