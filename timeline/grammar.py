"""Small pieces to compose patterns from, and the shape of a rule.

A :class:`Rule` is a named value (Duckling's idea): a regex built from named
fragments, a function that turns a match into a :class:`Reading`, and the examples
and negative examples that the test suite runs. Fragments are defined once here, so
``day`` means the same group everywhere (ja-timex's idea); the words come from the
lexicon, so the grammar knows no Vietnamese of its own.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable

import attrs

from timeline.lexicon import Lexicon, alternation, load_lexicon
from timeline.model import Calendar, Direction, Mod, TimeValue
from timeline.numerals import number_words_pattern, parse_number, roman_pattern

__all__ = [
    "DIGIT",
    "Candidate",
    "Example",
    "Fragments",
    "Reading",
    "Rule",
    "RuleMatch",
    "first_words",
    "followed_by",
    "fragments",
    "g",
    "preceded_by",
]


def g(name: str, pattern: str) -> str:
    """A named group."""
    return f"(?P<{name}>{pattern})"


def first_words(forms: Iterable[str], *, with_next: Iterable[str] = ()) -> tuple[str, ...]:
    """The first words of ``forms``, lower case: the triggers of a rule built on them.

    A form that starts with one of ``with_next`` (words too common to try a rule at,
    such as the plural markers các, những) gives its first two words instead, a
    two-token trigger (see :class:`Rule`).

    >>> first_words(["những năm trước", "gần đây", "thời gian qua"], with_next=["những"])
    ('gần', 'những năm', 'thời')
    """
    common = {word.lower() for word in with_next}
    triggers = set()
    for form in forms:
        words = form.lower().split()
        triggers.add(" ".join(words[:2]) if words[0] in common else words[0])
    return tuple(sorted(triggers))


def followed_by(words: Iterable[str], nexts: Iterable[str]) -> tuple[str, ...]:
    """Two-token triggers (see :class:`Rule`): each of ``words`` where the next word is the
    first word of one of ``nexts`` (or :data:`DIGIT`).

    >>> followed_by(["các", "những"], ["năm", "thập kỷ"])
    ('các năm', 'các thập', 'những năm', 'những thập')
    """
    then = sorted({n if n == DIGIT else n.split()[0].lower() for n in nexts})
    return tuple(f"{word.lower()} {n}" for word in sorted(set(words)) for n in then)


def preceded_by(*words: str) -> str:
    """Zero-width: the position follows one of ``words`` (a whole word) and one space.

    Python's look-behinds are fixed-width, so each word gets its own."""
    return "(?:" + "|".join(rf"(?<=(?<![\w]){re.escape(w)} )" for w in words) + ")"


@attrs.frozen(slots=True)
class Example:
    """``text`` must yield a mention ``span`` (default: the whole text after stripping
    prepositions is not assumed; give the span when it differs) valued ``timex``."""

    text: str
    timex: str
    span: str | None = None
    mod: Mod | None = None
    reference: str | None = "2024-10-20"


@attrs.frozen(slots=True)
class Reading:
    """What a rule read from its match, before the anchor fills the gaps."""

    value: TimeValue
    mod: Mod | None = None
    direction: Direction = Direction.NEAREST
    calendar: Calendar = Calendar.GREGORIAN
    latent: bool = False  # a weak reading (a bare year) that context must confirm
    warnings: tuple[str, ...] = ()
    # The weekday (1 = Monday) written beside a date (thứ Tư, 16/10): checked against the
    # resolved date, a mismatch becomes a warning (timeline.rules.weekdays.weekday_warnings).
    weekday: int | None = None


@attrs.frozen(slots=True)
class Fragments:
    """Named regex fragments shared by all rules (no groups inside, except where named)."""

    lex: Lexicon
    day: str = r"(?:0?[1-9]|[12][0-9]|3[01])"
    month: str = r"(?:0?[1-9]|1[0-2])"
    year: str = r"(?:1[0-9][0-9][0-9]|20[0-9][0-9]|21[0-9][0-9])"
    sep: str = r"(?:\s?[/\-]\s?|\.)"
    left: str = r"(?<![\w])(?<![0-9][.,/\-])"  # a number starts here, not inside another
    right: str = r"(?![\w])(?![.,/\-][\w])"  # and ends here
    word_end: str = r"(?![\w])"

    @functools.cached_property
    def number_words(self) -> str:
        return number_words_pattern(self.lex)

    @functools.cached_property
    def roman(self) -> str:
        return roman_pattern()

    @functools.cached_property
    def day_any(self) -> str:
        """A day of the month in digits or words."""
        return rf"(?:{self.day}(?![0-9])|{self.number_words})"

    @functools.cached_property
    def month_any(self) -> str:
        """A month after ``tháng``: digits, number words or a month name."""
        return rf"(?:{self.month}(?![0-9])|{alternation(self.lex.month_names)}(?![\w]))"

    @functools.cached_property
    def count(self) -> str:
        """A small count: digits, words or a Roman numeral."""
        return rf"(?:[0-9]{{1,4}}(?:[.,][0-9]+)?(?![0-9])|{self.number_words}|{self.roman})"

    def words(self, *forms: str) -> str:
        return alternation(forms) + self.word_end

    def unit(self, grain_name: str) -> str:
        from timeline.model import Grain

        return alternation(self.lex.forms_of_grain(Grain(grain_name))) + self.word_end


@functools.lru_cache(maxsize=4)
def fragments(language: str = "vi") -> Fragments:
    return Fragments(load_lexicon(language))


@attrs.frozen(slots=True)
class RuleMatch:
    """A regex match with the lexicon at hand, for the rules' build functions."""

    match: re.Match[str]
    lex: Lexicon

    def __getitem__(self, name: str) -> str | None:
        return self.match.group(name)

    def has(self, name: str) -> bool:
        return self.match.group(name) is not None

    def number(self, name: str) -> int | None:
        text = self.match.group(name)
        return None if text is None else parse_number(text, self.lex)

    def month(self, name: str) -> int | None:
        text = self.match.group(name)
        if text is None:
            return None
        if text.strip().isdigit():
            return int(text)
        key = " ".join(text.lower().split())
        if key in self.lex.capitalised_month_names and not text[:1].isupper():
            return None
        return self.lex.month_names.get(key)

    def year(self, name: str) -> int | None:
        text = self.match.group(name)
        return None if text is None else int(text)


@attrs.frozen(slots=True)
class Candidate:
    """A span of the normalized text and what a rule read there."""

    start: int
    end: int
    reading: Reading
    rule: str
    priority: int = 0

    @property
    def length(self) -> int:
        return self.end - self.start


Build = Callable[[RuleMatch], Reading | None]


DIGIT = "<digit>"
"""The trigger of a rule whose match can start with a digit."""


@attrs.frozen(slots=True, cache_hash=True)
class Rule:
    """A named pattern, the function that reads its matches, and its examples.

    ``triggers`` are the words (lower case, one word each) and :data:`DIGIT` that a match
    can start with. The engine finds them all in one pass and tries the rule only there,
    anchored; a rule without triggers is run over the whole text (slower).

    A trigger may also be two tokens, a word and the word (or :data:`DIGIT`) that must
    come next (:func:`followed_by`): ``"các năm"`` tries the rule at ``các`` only where
    ``năm`` follows. That is for the common words that start a time expression only
    before a few others (``các``, ``những``): the engine reads the next word once per
    hit instead of trying each such rule there.
    """

    name: str
    pattern: str
    build: Build
    examples: tuple[Example, ...] = ()
    negatives: tuple[str, ...] = ()
    priority: int = 0
    doc: str = ""
    triggers: tuple[str, ...] = ()

    @functools.cached_property
    def compiled(self) -> re.Pattern[str]:
        return re.compile(self.pattern, re.IGNORECASE)
