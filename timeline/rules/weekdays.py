"""Weekdays: ``thứ Hai``, ``thứ 2``, ``T2``, ``Chủ nhật``, ``CN``, alone or placed in a
week (``thứ Năm tuần tới``), and the check of a weekday written beside a date.

A weekday without a date is a :class:`~timeline.model.Relative`:

- ``thứ Năm`` → ``Relative(DAY, 0, weekday=4)``: the Thursday nearest the reference
  (three days either way), or, when a tense word points (``thứ Năm tới``, ``sẽ … thứ
  Năm``, ``thứ Năm vừa qua``), the next one strictly after or the last one strictly
  before the reference day;
- ``thứ Năm tuần tới`` → ``Relative(WEEK, 1, weekday=4)``: the Thursday of the ISO week
  after the reference's (``tuần này`` the same week, ``tuần trước`` the week before).

Beside a date (``thứ Tư (16/10)``, ``thứ Tư, ngày 16/10/2024``) the weekday joins the date
into one mention valued by the date (:func:`timeline.rules.times.attach_times`); the
weekday is kept on the reading and :func:`weekday_warnings` compares it with the resolved
date: the date wins, the mismatch is a warning on the mention. The decisions are in
``docs/times.md``; the vocabulary in ``lang/vi/calendar.toml`` (the weekday names) and
``lang/vi/times.toml`` (ordinals, context, week words).

``thứ`` also makes ordinals (``lần thứ hai``, ``năm thứ hai liên tiếp``, ``ngày thứ ba``):
after an ordinal head it is never a weekday; written in lower case or in digits it is a
weekday only in a context that says so (``vào thứ hai``, a date or a clock time beside it).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import attrs

from timeline.calendar import is_valid_day
from timeline.grammar import (
    Candidate,
    Example,
    Reading,
    Rule,
    RuleMatch,
    first_words,
    fragments,
    g,
)
from timeline.lexicon import data_table
from timeline.model import (
    Day,
    Direction,
    Grain,
    PartOfDay,
    Range,
    Relative,
    TimeOfDay,
    TimeValue,
)
from timeline.rules.patterns import WORD_END, any_of, compiled
from timeline.text import fold

__all__ = ["RULES", "bare_weekday", "weekday", "weekday_warnings", "weekdays_in_context"]

F = fragments()
_LEX = F.lex
_DATA = data_table("times.toml")
_SETTINGS = _DATA["weekdays"]
_NAMES: dict[int, str] = {
    int(entry["value"]): str(entry["name"]) for entry in data_table("calendar.toml")["weekdays"]
}
_ORDINAL = str(_SETTINGS["ordinal_word"]).lower()

_WORDS = [form for form in _LEX.weekdays if " " in form]  # thứ hai, thứ 2, chủ nhật
_ABBREVIATIONS = [form.upper() for form in _LEX.weekdays if " " not in form]  # T2, CN
_WEEKS = {
    " ".join(form.split()): int(entry["offset"])
    for entry in _DATA["weeks"]
    for form in entry["forms"]
}
_TAILS = {
    " ".join(form.split()): Direction(entry["direction"])
    for entry in _DATA["tails"]
    for form in entry["forms"]
}


def _ends_with(forms: list[str]) -> str:
    # With the forms typed without diacritics too: the accent-free path (timeline.accents)
    # runs this rule over text whose marks are stripped around the match.
    words = [f for form in forms if form[0].isalnum() for f in {form, fold(form)}]
    marks = [f for f in forms if not f[0].isalnum()]
    choices = [rf"(?<![\w]){any_of(words)}\s+"] if words else []
    choices += [rf"{any_of(marks)}\s*"] if marks else []
    return rf"(?:{'|'.join(choices)})$"


_HEADS = _ends_with(list(_SETTINGS["ordinal_heads"]))
_CAPITAL_ONLY = _ends_with(list(_SETTINGS["capital_only_after"]))
_CONTEXT = _ends_with(list(_SETTINGS["context_before"]))
_TAILS_OF_ORDINALS = (
    rf"\s+{any_of([f for form in _SETTINGS['ordinal_tails'] for f in {form, fold(form)}])}"
    rf"(?![\w])"
)


def _key(text: str | None) -> str:
    return " ".join((text or "").lower().split())


def _weekday(m: RuleMatch) -> Reading | None:
    text = m.match.string
    before = text[max(0, m.match.start() - 30) : m.match.start()]
    if m.has("w"):
        written = m["w"] or ""
        number = written.split()[-1]
        ordinal = _key(written).startswith(_ORDINAL + " ")
        capital = number[:1].isalpha() and number[:1].isupper()
        confirmed = capital or not ordinal
    else:
        written = m["a"] or m["al"] or ""
        ordinal = capital = confirmed = False
    day = _LEX.weekdays.get(_key(written))
    if day is None:
        return None
    if ordinal and (
        compiled(_HEADS).search(before)
        or (not capital and compiled(_CAPITAL_ONLY).search(before))
        or compiled(_TAILS_OF_ORDINALS).match(text, m.match.end())
    ):
        return None
    if m.has("week") or m.has("tail") or compiled(_CONTEXT).search(before):
        confirmed = True
    if m.has("week"):
        value = Relative(grain=Grain.WEEK, offset=_WEEKS[_key(m["week"])], weekday=day)
        return Reading(value, latent=not confirmed)
    direction = _TAILS[_key(m["tail"])] if m.has("tail") else Direction.NEAREST
    value = Relative(grain=Grain.DAY, offset=0, weekday=day)
    return Reading(value, direction=direction, latent=not confirmed)


weekday = Rule(
    name="weekday",
    doc=(
        "thứ Hai, thứ 2, T2, Chủ nhật, CN: the nearest such day to the reference, the next "
        "one after it (thứ Năm tới), the last one before it (thứ Năm vừa qua), or the one in "
        "a relative ISO week (thứ Năm tuần tới, thứ Sáu tuần này). Lower-case and digit forms "
        "need a context (vào thứ hai); after an ordinal head (lần thứ hai) never a weekday."
    ),
    pattern=(
        rf"(?<![\w&/.\-])(?:{g('w', any_of(_WORDS))}{WORD_END}"
        rf"|(?-i:{g('a', any_of(_ABBREVIATIONS))})(?![\w&/\-])"
        # typed in lower case (chats: t7 tuần sau, cn này), only with its week or tense word
        rf"|{g('al', any_of(form.lower() for form in _ABBREVIATIONS))}"
        rf"(?=\s+(?:{any_of(_WEEKS)}|{any_of(_TAILS)}){WORD_END}))"
        rf"(?:\s+{g('week', any_of(_WEEKS))}{WORD_END}"
        rf"|\s+{g('tail', any_of(_TAILS))}{WORD_END})?"
    ),
    build=_weekday,
    examples=(
        # The reference 2024-10-20 is a Sunday.
        Example("cuộc họp vào thứ Hai", "2024-10-21", "thứ Hai"),
        Example("Thứ Năm, đoàn đến Tokyo", "2024-10-17", "Thứ Năm"),
        Example("hẹn gặp vào thứ 2", "2024-10-21", "thứ 2"),
        Example("nghỉ vào T7", "2024-10-19", "T7"),
        Example("Chủ nhật", "2024-10-20"),
        Example("thứ Năm tới", "2024-10-24"),
        Example("thứ Năm tới", "2024-10-17", reference="2024-10-16"),
        Example("thứ Năm tuần tới", "2024-10-24", reference="2024-10-16"),
        Example("thứ Sáu tuần này", "2024-10-18"),
        Example("thứ Hai tuần trước", "2024-10-07"),
        Example("thứ Hai vừa qua", "2024-10-14"),
        Example("họp vào thứ hai tuần sau", "2024-10-21", "thứ hai tuần sau"),
        Example("thứ Bảy", "XXXX-WXX-6", reference=None),
        Example("hẹn t7 tuần sau nhé", "2024-10-26", "t7 tuần sau"),
    ),
    negatives=(
        "lần thứ hai tham dự",
        "năm thứ hai liên tiếp",
        "ngày thứ ba của hội nghị",
        "Thứ hai, cần nâng cao chất lượng",
        "đứng thứ 2 toàn quốc",
        "Bộ KH&CN chủ trì",
        "người thứ năm",
    ),
    triggers=(*first_words(_WORDS), *(form.lower() for form in _ABBREVIATIONS)),
)


# --- weekdays that the text shows to be weekdays (a composition step) ---------------------

_ABBREVIATION_TEXT = (
    rf"(?-i:{any_of(_ABBREVIATIONS)})|{any_of(form.lower() for form in _ABBREVIATIONS)}"
)


def bare_weekday(value: TimeValue) -> int | None:
    """The weekday (1 = Monday) of a value that is a weekday alone (thứ Hai, not chiều thứ
    Hai, thứ Hai tuần sau or 8h thứ Hai), or None."""
    if (
        isinstance(value, Relative)
        and value.grain is Grain.DAY
        and value.offset == 0
        and value.weekday is not None
        and value.part is None
        and value.hour is None
        and value.within is None
    ):
        return value.weekday
    return None


def _says_weekdays(candidate: Candidate) -> bool:
    """A confirmed mention that names a weekday or a relative week (toi T6 tuan sau, T3 1/4,
    TUAN NAY): the text speaks in weekdays."""
    value = candidate.reading.value
    return not candidate.reading.latent and (
        candidate.reading.weekday is not None
        or (
            isinstance(value, Relative)
            and (value.weekday is not None or value.grain is Grain.WEEK)
        )
    )


def weekdays_in_context(text: str, found: Sequence[Candidate]) -> list[Candidate]:
    """Weekdays written short (T7, CN) are latent alone, since T6 may be June and
    CN something else; a text that names other weekdays or a week confirms them, and two
    consecutive ones side by side are one range (T7 CN → Saturday to Sunday)."""
    confirming = any(_says_weekdays(c) for c in found)
    out: list[Candidate] = []
    for candidate in found:
        written = text[candidate.start : candidate.end]
        # (not `thứ 3`, which may be an ordinal: cơ sở thứ 3, phút bù giờ thứ 4)
        short = (
            candidate.rule == "weekday"
            and compiled(_ABBREVIATION_TEXT).fullmatch(written) is not None
        )
        day = bare_weekday(candidate.reading.value)
        if short and day is not None and out:
            previous = out[-1]
            first = bare_weekday(previous.reading.value)
            gap = text[previous.end : candidate.start]
            if (
                first is not None
                and previous.rule in ("weekday", "weekday_pair")
                and day == first % 7 + 1
                and compiled(r"[^\S\n]*,?[^\S\n]*").fullmatch(gap)
                and compiled(_ABBREVIATION_TEXT).fullmatch(text[previous.start : previous.end])
            ):
                value = Range(previous.reading.value, candidate.reading.value)  # type: ignore[arg-type]
                out[-1] = Candidate(previous.start, candidate.end, Reading(value), "weekday_pair")
                continue
        if short and candidate.reading.latent and confirming:
            reading = attrs.evolve(candidate.reading, latent=False)
            candidate = attrs.evolve(candidate, reading=reading)
        out.append(candidate)
    return out


def _day_of(value: TimeValue) -> Day | None:
    match value:
        case Day():
            return value
        case PartOfDay(day=day) | TimeOfDay(day=day):
            return day
        case Range(start=start):
            return _day_of(start)
    return None


def weekday_warnings(weekday: int | None, value: TimeValue) -> tuple[str, ...]:
    """A warning when the weekday written beside a date is not the weekday of the resolved
    date (the date is trusted, spec §1: ``thứ Hai (16/10/2024)`` is 2024-10-16).

    >>> weekday_warnings(1, Day(2024, 10, 16))
    ('weekday thứ Hai does not match 2024-10-16 (thứ Tư)',)
    >>> weekday_warnings(3, Day(2024, 10, 16))
    ()
    """
    if weekday is None:
        return ()
    day = _day_of(value)
    if day is None or day.year is None or day.month is None or day.day is None:
        return ()
    if not is_valid_day(day.year, day.month, day.day):
        return ()
    actual = date(day.year, day.month, day.day).isoweekday()
    if actual == weekday:
        return ()
    return (f"weekday {_NAMES[weekday]} does not match {day.timex} ({_NAMES[actual]})",)


RULES = (weekday,)
