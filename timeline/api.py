"""The public entry points: :func:`extract` and :func:`parse`.

>>> [(m.text, m.timex) for m in extract("Ngày 17-10, đoàn tới Kanagawa.", reference="2024-10-20")]
[('Ngày 17-10', '2024-10-17')]
>>> parse("tháng 10/2024").interval.start.isoformat()
'2024-10-01T00:00:00+07:00'
"""

from __future__ import annotations

from timeline.calendar import DEFAULT_TZ, to_reference, zone
from timeline.errors import InvalidTypeError, ParseError
from timeline.extract import candidates, sentence_starts
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


def extract(text: str, reference: object = None, *, tz: str = DEFAULT_TZ) -> list[Mention]:
    """The temporal mentions of ``text``, sorted by start and not overlapping.

    ``reference`` (a date, a datetime, a pendulum value or an ISO string) is the day the
    text was written; relative expressions and missing years are resolved against it.
    Without one, what the text itself does not say stays ``X``.
    """
    source = _check_text(text, "text")
    day = to_reference(reference)
    zone_info = zone(tz)
    if not source:
        return []
    lex = load_lexicon()
    norm = normalize(source)
    found = candidates(norm, all_rules(), lex)
    return resolve_candidates(norm, found, sentence_starts(norm.text), day, zone_info)


def parse(expression: str, reference: object = None, *, tz: str = DEFAULT_TZ) -> Mention:
    """The one temporal expression of ``expression`` (the longest, if there are several).

    Raises :class:`timeline.ParseError` when the string holds none.
    """
    source = _check_text(expression, "expression")
    mentions = extract(source, reference, tz=tz)
    if not mentions:
        raise ParseError(source)
    return max(mentions, key=lambda m: (m.end - m.start, -m.start))
