"""The public entry points: :func:`extract` and :func:`parse`.

>>> [(m.text, m.timex) for m in extract("Ngày 17-10, đoàn tới Kanagawa.", reference="2024-10-20")]
[('Ngày 17-10', '2024-10-17')]
>>> parse("tháng 10/2024").interval.start.isoformat()
'2024-10-01T00:00:00+07:00'
"""

from __future__ import annotations

from collections.abc import Sequence

from timeline.calendar import DEFAULT_TZ, to_reference, zone
from timeline.candidates import Candidate, candidates, sentence_starts
from timeline.errors import InvalidTypeError, ParseError
from timeline.lexicon import load_lexicon
from timeline.model import Mention
from timeline.resolve import resolve_candidates
from timeline.rules import all_rules
from timeline.text import normalize

__all__ = ["extract", "parse"]


def _check_text(text: object, argument: str) -> str:
    if not isinstance(text, str):
        raise InvalidTypeError(argument, "a str", type(text).__name__)
    return text


def extract(
    text: str,
    reference: object = None,
    *,
    tz: str = DEFAULT_TZ,
    languages: Sequence[str] = ("vi",),
) -> list[Mention]:
    """The temporal mentions of ``text``, sorted by start and not overlapping.

    ``reference`` (a date, a datetime, a pendulum value or an ISO string) is the day the
    text was written; relative expressions and missing years are resolved against it.
    Without one, what the text itself does not say stays ``X``: a reference of None is
    not inferred here (:func:`timeline.infer_reference` reads it from a byline or a
    dateline when asked; ``Timeline.from_texts`` does so for texts without one).

    ``languages``: ``"vi"`` is the Vietnamese grammar; any other code (``"en"``) adds
    the dates written in that language (``October 15, 2024``) through dateparser
    (:mod:`timeline.adapters.dateparser`), where they overlap no Vietnamese mention.
    """
    source = _check_text(text, "text")
    day = to_reference(reference)
    zone_info = zone(tz)
    others = _check_languages(languages)
    if not source:
        return []
    lex = load_lexicon()
    norm = normalize(source)
    found = candidates(norm, all_rules(), lex) if "vi" in languages else []
    if others:
        from timeline.adapters.dateparser import foreign_candidates

        found = _beside(found, foreign_candidates(norm.text, day, others))
    return resolve_candidates(norm, found, sentence_starts(norm.text), day, zone_info)


def _check_languages(languages: object) -> tuple[str, ...]:
    """The languages other than Vietnamese (the ones dateparser reads)."""
    if isinstance(languages, str) or not isinstance(languages, Sequence):
        received = type(languages).__name__
        raise InvalidTypeError("languages", "a sequence of language codes", received)
    for code in languages:
        if not isinstance(code, str):
            raise InvalidTypeError("languages", "language codes (str)", type(code).__name__)
    return tuple(dict.fromkeys(code for code in languages if code != "vi"))


def _beside(found: Sequence[Candidate], foreign: Sequence[Candidate]) -> list[Candidate]:
    """``found`` with each ``foreign`` candidate that overlaps none of it or strictly
    contains the ones it overlaps (``2024`` in ``15 Oct 2024``), in text order."""
    kept = list(found)
    for candidate in foreign:
        inside = [c for c in kept if c.start < candidate.end and candidate.start < c.end]
        if any(c.start < candidate.start or c.end > candidate.end for c in inside):
            continue
        if inside and sum(c.length for c in inside) >= candidate.length:
            continue
        kept = [c for c in kept if c not in inside] + [candidate]
    return sorted(kept, key=lambda c: c.start)


def parse(expression: str, reference: object = None, *, tz: str = DEFAULT_TZ) -> Mention:
    """The one temporal expression of ``expression`` (the longest, if there are several).

    Raises :class:`timeline.ParseError` when the string holds none.
    """
    source = _check_text(expression, "expression")
    mentions = extract(source, reference, tz=tz)
    if not mentions:
        raise ParseError(source)
    return max(mentions, key=lambda m: (m.end - m.start, -m.start))
