"""Lengths of time, and counts that place a point (spec §3 "duration", §3a).

A count before a unit is a length: ``3 năm`` P3Y, ``48 giờ`` PT48H, ``nửa tháng``
P0.5M, ``một thập kỷ`` P10Y, ``ngàn năm`` P1000Y, ``1,5 năm`` P1.5Y, ``nhiều năm`` PXY.
Word order decides: ``năm 2010`` is a date (rules/dates.py), ``10 năm`` a length.

After the unit, a stretch word keeps it a length and joins the span (``5 năm qua``,
``24 giờ tới``, ``vài tháng tới``, ``những năm qua`` PXY), while a direction word places
a point at the unit's grain, counted from the reference (``3 ngày trước``, ``2 tuần
nữa``, ``cách đây 5 năm``): a :class:`~timeline.model.Relative` that
:mod:`timeline.resolve` turns into a date. ``tới`` is a stretch (spec §3a: ``24 giờ tới``
is a DURATION), ``nữa`` a direction; ``trước`` and ``sau`` are also prepositions
(``3 ngày trước Tết``, ``2 năm sau khi``) and place a point only where the clause ends.

Modifiers before a length (``hơn 30 năm`` MORE_THAN, ``gần 2 năm``, ``chưa đầy 2 năm``
LESS_THAN) are applied by :mod:`timeline.compose` from ``lang/vi/modifiers.toml``; a
preposition before it stays outside the span (``trong vòng 3 năm`` → ``3 năm``, ``sau 2
năm tạm dừng`` → ``2 năm``: docs/gold-decisions.md). Vocabulary in
``lang/vi/durations.toml``; the decisions in ``docs/durations-sets.md``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from types import MappingProxyType

import attrs

from timeline.grammar import (
    DIGIT,
    Example,
    Reading,
    Rule,
    RuleMatch,
    first_words,
    followed_by,
    fragments,
    g,
)
from timeline.lexicon import UnitWord, alternation, data_table
from timeline.model import (
    Direction,
    Duration,
    Grain,
    Mod,
    Ref,
    RefKind,
    Relative,
    TimeValue,
    Unit,
)
from timeline.numerals import parse_number
from timeline.rules.patterns import (
    CLOCK_RANGE_BEFORE,
    DIGIT_AHEAD,
    LETTER,
    WORD_END,
    WORD_START,
    any_of,
    compiled,
    number_words,
    optional,
)
from timeline.text import fold

__all__ = [
    "COUNT",
    "RULES",
    "UNIT",
    "Context",
    "Count",
    "parse_count",
    "unit_word",
    "words_after",
    "words_at",
    "words_before",
]

F = fragments()
_LEX = F.lex
_DATA = data_table("durations.toml")


def _key(text: str | None) -> str:
    return " ".join((text or "").lower().split())


def _frozen_set(forms: Iterable[str]) -> frozenset[str]:
    return frozenset(_key(form) for form in forms)


# --- vocabulary ----------------------------------------------------------------------------

_UNITS: Mapping[str, UnitWord] = MappingProxyType(
    {
        **_LEX.units,
        **{
            form: UnitWord(Grain(entry["grain"]), Unit(entry["unit"]), entry.get("multiple", 1))
            for entry in _DATA["units"]
            for form in entry["forms"]
        },
    }
)
_CLOCK = _DATA["clock_units"]
_ABBREVIATIONS = _frozen_set(_CLOCK["abbreviations"])
_GLUED: Mapping[str, UnitWord] = MappingProxyType(
    {
        _key(form): UnitWord(Grain(entry["grain"]), Unit(entry["unit"]), entry.get("multiple", 1))
        for entry in _DATA["glued_units"]
        for form in entry["forms"]
    }
)
_CLOCK_FORMS = _frozen_set(_CLOCK["forms"])
_HOUR = UnitWord(Grain.HOUR, Unit.HOUR, 1)

_MULTIPLIERS: Mapping[str, int] = MappingProxyType(
    {form: entry["value"] for entry in _DATA["multipliers"] for form in entry["forms"]}
)
_HALF_BEFORE = _frozen_set(_DATA["half"]["before"])
_FRACTIONS: Mapping[str, Decimal] = MappingProxyType(
    {_key(form): Decimal(entry["value"]) for entry in _DATA["fractions"] for form in entry["forms"]}
)
_HALF_AFTER = _frozen_set(_DATA["half"]["after"])
_PLURAL = _frozen_set(_DATA["vague"]["plural"])
_VAGUE = _frozen_set([*_DATA["vague"]["forms"], *_LEX.vague_counts]) - _PLURAL

_STRETCH = _DATA["stretch"]
_PAST = _frozen_set(_STRETCH["past"])
_FUTURE = _frozen_set(_STRETCH["future"])
_CONTINUOUS = _frozen_set(_STRETCH["continuous"])

_SHIFT = _DATA["shift"]
_BACK = _frozen_set(_SHIFT["back"])
_FORWARD = _frozen_set(_SHIFT["forward"])
_CLAUSE_FINAL = _frozen_set(_SHIFT["clause_final"])
_SHIFT_MODS: Mapping[str, Mod] = MappingProxyType(
    {_key(form): Mod(mod) for mod, forms in _DATA["shift_mods"].items() for form in forms}
)

# --- fragments -----------------------------------------------------------------------------

_END = WORD_END
# Possessive: digits given back would leave a digit next, where nothing after them matches.
_DIGITS = rf"[0-9]{{1,3}}+(?:\.[0-9]{{3}})+(?![0-9])|[0-9]++{optional('[.,][0-9]++')}(?![0-9])"
_ALONE = [form for e in _DATA["multipliers"] if e.get("alone", True) for form in e["forms"]]
_NUMBER_WORDS = number_words(_LEX)


def _first_word(form: str) -> str:
    return fold(form).split()[0]


def _word_count() -> str:
    """The counts in words: what ``NUMBER MULTIPLIER|ALONE|VAGUE|HALF|NUMBER`` reads (``hai
    trăm``, ``trăm``, ``vài``, ``nửa``, ``hai``), in the same order, with the number words
    written once: ``NUMBER(?:MULTIPLIER)?``.

    That tries ``hai mươi trăm``, ``hai mươi``, ``hai trăm``, ``hai`` where the plain
    alternation tries the numbers with a multiplier before the numbers alone: the same
    wherever no multiplier is a word that goes on a number (``mươi``, ``lăm``), since a
    longer number and a shorter one with a multiplier then never read the same text. The
    other counts start with a word that starts no number, so the order between them and the
    numbers does not matter, except the vague counts that start with a number word (``một
    vài``): they are tried first, so they must share no text with a number and its
    multiplier. Both are checked here, on the data."""
    multipliers = {fold(form) for form in _MULTIPLIERS}
    going_on = {fold(form) for form in [*_LEX.tens_markers, *_LEX.units_after_ten]}
    if multipliers & going_on:
        raise ValueError(f"durations.toml: a multiplier goes on a number: {multipliers & going_on}")
    number_starts = {_first_word(form) for form in [*_LEX.unit_words, *_LEX.ten_forms]}
    first: list[str] = []
    rest: list[str] = []
    for forms in (_ALONE, sorted(_VAGUE), sorted(_HALF_BEFORE), sorted(_FRACTIONS)):
        starting = [form for form in forms if _first_word(form) in number_starts]
        for form in starting:
            words = fold(form).split()
            if len(words) < 2 or words[1] in multipliers | going_on:
                raise ValueError(f"durations.toml: the count {form!r} reads a number's text")
        first += starting
        others = [form for form in forms if form not in starting]
        rest += [any_of(others)] if others else []
    return "|".join(
        [*([any_of(first)] if first else []),
         _NUMBER_WORDS + optional(rf"\s+{any_of(_MULTIPLIERS)}"),
         *rest]
    )


_WORD_COUNT = _word_count()
_COUNT_STARTS = {_first_word(form) for form in
                 [*_LEX.unit_words, *_LEX.ten_forms, *_ALONE, *_VAGUE, *_HALF_BEFORE]}
if _COUNT_STARTS & {_first_word(form) for form in _PLURAL}:
    raise ValueError("durations.toml: a plural word (những, các) also starts a count")
# A number word right after a number is that number's unit (30 năm ngày thành lập: năm is
# "year" of 30, not "five"), so a word count never follows a count. Digits and words are
# told apart by the first character, and no count starts with những/các, so that a position
# fails at once.
_PLURAL_WORD = rf"{any_of(_PLURAL)}{WORD_END}"
# A count in digits is followed by a space or its unit (3 năm, 24h): other numbers (15/10,
# 2,5%) are refused as soon as they are read.
_DIGIT_COUNT = rf"{DIGIT_AHEAD}(?<![0-9][.,/\-])(?:{_DIGITS})(?=\s|[^\W\d_])"
_LETTER_COUNT = rf"(?<![0-9] )(?:{_WORD_COUNT}){WORD_END}"
COUNT = rf"{WORD_START}(?:{_DIGIT_COUNT}|{LETTER}{_LETTER_COUNT})"
"""A count before a unit (a space or a letter follows it): digits (``1.000``, ``1,5``),
number words, ``nửa``, vague words."""
_COUNT_OR_PLURAL = (
    rf"{WORD_START}(?:{_DIGIT_COUNT}|{LETTER}(?:(?!{_PLURAL_WORD}){_LETTER_COUNT}|{_PLURAL_WORD}))"
)
# h right after digits, or after digits and a space (24h, 24 h): the letter first, then what
# is before it, so that another letter fails at once; p (minutes) only right after them (5p)
_ABBREVIATION = "|".join(
    [
        *(
            rf"{re.escape(a)}(?:(?<=[0-9]{re.escape(a)})|(?<=[0-9] {re.escape(a)}))"
            for a in sorted(_ABBREVIATIONS)
        ),
        *(rf"{re.escape(a)}(?<=[0-9]{re.escape(a)})" for a in sorted(_GLUED)),
    ]
)
UNIT = rf"{LETTER}(?:{any_of(_UNITS)}|{_ABBREVIATION}){_END}"
"""A unit of a length: the calendar units, ``giây``, and ``h`` right after digits."""
# Atomic: a unit follows the spaces after a count or the digits of one (3 năm, 24h), never
# the spaces themselves, so there is nothing to try again once they are read. Not across a
# line break (`cap nhat sau\nNam: ok`: a word that ends a line and a name that starts one).
_SEP = r"(?>[^\S\n]+|(?<=[0-9]))"
_HALF = optional(rf"\s+{g('half', any_of(_HALF_AFTER))}{_END}")
# The count, the unit and an optional half, as the named groups n, u, half.
_LENGTH = rf"{g('n', COUNT)}{_SEP}{g('u', UNIT)}{_HALF}"
_LENGTH_OR_PLURAL = rf"{g('n', _COUNT_OR_PLURAL)}{_SEP}{g('u', UNIT)}{_HALF}"
_COUNT_TRIGGERS = (
    DIGIT,
    *first_words([*_LEX.unit_words, *_LEX.ten_forms, *_ALONE, *_VAGUE, *_HALF_BEFORE]),
)


@attrs.frozen(slots=True, eq=False)
class Context:
    """Words looked for next to a match, in the text as typed or without diacritics.

    On the accent-free path (timeline.accents) only the words of a match get their marks
    back, so a window typed without any is compared with the forms folded the same way."""

    accented: str  # the sources, compiled where first needed
    folded: str

    def _for(self, window: str) -> re.Pattern[str]:
        return compiled(self.folded if fold(window) == window.lower() else self.accented)

    def before(self, text: str, position: int) -> bool:
        """Whether the text just before ``position`` ends with one of the words."""
        low = max(0, position - 24)
        return self._for(text[low:position]).search(text, low, position) is not None

    def after(self, text: str, position: int) -> re.Match[str] | None:
        """The words at ``position``, if the text goes on with one of them."""
        return self._for(text[position : position + 32]).match(text, position)

    def at(self, text: str, position: int) -> bool:
        """Whether one of the words starts at ``position``, with or without diacritics
        (the words there may be restored and the rest of the phrase not)."""
        return compiled(self.accented).match(text, position) is not None or (
            compiled(self.folded).match(fold(text[position : position + 40])) is not None
        )


def _context(forms: Iterable[str], template: str) -> Context:
    words = list(forms)
    return Context(
        template.format(alternation(words)),
        template.format(alternation({fold(w) for w in words})),
    )


def words_before(forms: Iterable[str]) -> Context:
    """One of ``forms``, a whole word, ending the text before a position."""
    return _context(forms, r"(?<![\w]){}\s+$")


def words_at(forms: Iterable[str]) -> Context:
    """One of ``forms``, a whole word, starting at a position (see :meth:`Context.at`)."""
    return _context(forms, r"{}(?![\w])")


def words_after(forms: Iterable[str]) -> Context:
    """One of ``forms``, a whole word, after white space at a position."""
    return _context(forms, r"\s+{}(?![\w])")


_NOT_COUNT_BEFORE = words_before(_DATA["not_counts"]["before"])
_EVERY_UNIT_BEFORE = words_before(
    [f"{every} {unit}" for every in _DATA["not_counts"]["every_before"] for unit in _LEX.units]
)
_NOT_DURATION_AT = words_at(_DATA["not_durations"]["forms"])
_CLOCK_CUE_BEFORE = words_before(_CLOCK["cues_before"])
_CLOCK_CUE_AFTER = words_after(_CLOCK["cues_after"])
_CLOCK_NOT_AFTER = words_after(_LEX.day_parts)
_UNIT_NOT_AFTER: Mapping[str, Context] = MappingProxyType(
    {_key(entry["unit"]): words_after(entry["forms"]) for entry in _DATA["unit_not_after"]}
)
_NOT_FORWARD_BEFORE = words_before(_SHIFT["not_after"])
_CLAUSE_OPENER = words_after(_SHIFT["clause_openers"])
_CLAUSE_END = r"\s*(?:[,.;:!?)\]\"”…]|-\s|$|\n)"
# After a unit: a rate (3 ngày/tuần), or a number that continues a date (ngày 3 tháng 5,
# hai ngày 16 và 17-11) unless that number counts another unit (1 năm 6 tháng, 3 ngày 2
# đêm); after tháng, a month name (3 tháng Giêng).
_RATE_AFTER = r"\s?/"
_NUMBER_AFTER = r"\s*[0-9]"
_COMPOUND_AFTER = rf"\s*(?:{_DIGITS}|{F.number_words})\s*(?:{alternation(_UNITS)}|đêm|lần){_END}"
_MONTH_NAME_AFTER = (
    rf"\s+(?P<m>{alternation(_LEX.month_names)}){_END}"
    rf"(?!\s+(?:lần|{alternation(_UNITS)}){_END})"
)


# --- counts --------------------------------------------------------------------------------


@attrs.frozen(slots=True)
class Count:
    """What a count says: an exact ``amount``, or None for a vague one (``nhiều``, ``vài``);
    ``plural`` for ``những``/``các``, which count only before a stretch word."""

    amount: Decimal | int | None
    plural: bool = False


def _number(amount: Decimal | int) -> Decimal | int:
    if isinstance(amount, Decimal) and amount == amount.to_integral_value():
        return int(amount)
    return amount


def parse_count(text: str) -> Count | None:
    """The count of a length, or None.

    >>> [parse_count(t) for t in ["3", "1.000", "1,5", "hai mươi", "ngàn", "hai trăm"]]
    [Count(amount=3, plural=False), Count(amount=1000, plural=False), \
Count(amount=Decimal('1.5'), plural=False), Count(amount=20, plural=False), \
Count(amount=1000, plural=False), Count(amount=200, plural=False)]
    >>> parse_count("nửa"), parse_count("nhiều"), parse_count("những")
    (Count(amount=Decimal('0.5'), plural=False), Count(amount=None, plural=False), \
Count(amount=None, plural=True))
    """
    key = _key(text)
    if not key:
        return None
    if key[0].isdigit():
        if re.fullmatch(r"[0-9]{1,3}(?:\.[0-9]{3})+", key):
            return Count(int(key.replace(".", "")))
        if "," in key or "." in key:
            return Count(_number(Decimal(key.replace(",", "."))))
        return Count(int(key))
    if key in _PLURAL:
        return Count(None, plural=True)
    if key in _VAGUE:
        return Count(None)
    if key in _HALF_BEFORE:
        return Count(Decimal("0.5"))
    if key in _FRACTIONS:
        return Count(_FRACTIONS[key])
    words = key.split()
    if words[-1] in _MULTIPLIERS:
        head = 1 if len(words) == 1 else parse_number(" ".join(words[:-1]), _LEX)
        return None if head is None else Count(head * _MULTIPLIERS[words[-1]])
    number = parse_number(key, _LEX)
    return None if number is None else Count(number)


def unit_word(text: str) -> UnitWord | None:
    """The unit a form names: ``năm`` → years, ``thập kỷ`` → 10 years, ``h`` → hours."""
    key = _key(text)
    if key in _ABBREVIATIONS:
        return _HOUR
    return _GLUED.get(key) or _UNITS.get(key)


# --- the reading shared by the rules -------------------------------------------------------


@attrs.frozen(slots=True)
class _Length:
    count: Count
    unit: UnitWord
    half: bool

    @property
    def duration(self) -> Duration:
        amount = self.count.amount
        if amount is None:
            return Duration(None, self.unit.unit)
        if self.half:
            amount = Decimal(amount) + Decimal("0.5")
        return Duration(_number(amount * self.unit.multiple), self.unit.unit)

    @property
    def is_whole(self) -> bool:
        return isinstance(self.count.amount, int) and not self.half


def _length(m: RuleMatch, stretch: bool = False) -> _Length | None:
    """The count and unit of a match, or None where the context says it is no length."""
    count = parse_count(m["n"] or "")
    unit = unit_word(m["u"] or "")
    if count is None or unit is None or count.amount == 0:
        return None
    text = m.match.string
    start, unit_start, end = m.match.start("n"), m.match.start("u"), m.match.end("u")
    half = "half" in m.match.re.groupindex and m.has("half")
    if half:
        end = m.match.end("half")
    if _NOT_COUNT_BEFORE.before(text, start) and not _EVERY_UNIT_BEFORE.before(text, start):
        return None
    if _NOT_DURATION_AT.at(text, start) or _NOT_DURATION_AT.at(text, unit_start):
        return None
    if compiled(_RATE_AFTER).match(text, end):
        return None
    if compiled(_NUMBER_AFTER).match(text, end) and not compiled(_COMPOUND_AFTER).match(text, end):
        return None
    if unit.grain is Grain.MONTH and unit.multiple == 1:
        month = compiled(_MONTH_NAME_AFTER).match(text, end)
        if month is not None and m.lex.month_names.get(_key(month["m"])) is not None:
            name = _key(month["m"])
            if name not in m.lex.capitalised_month_names or month["m"][:1].isupper():
                return None
    unit_key = _key(m["u"])
    refused = _UNIT_NOT_AFTER.get(unit_key)
    if refused is not None and refused.after(text, end):
        return None  # hai tiếng nổ: a sound
    if unit_key in _CLOCK_FORMS and not _is_clock_length(m, count, half, stretch, start, end):
        return None
    return _Length(count, unit, half)


def _is_clock_length(
    m: RuleMatch, count: Count, half: bool, stretch: bool, start: int, end: int
) -> bool:
    """``giờ`` and ``h`` count hours only where a clock time cannot be meant."""
    text = m.match.string
    if _CLOCK_NOT_AFTER.after(text, end):
        return False  # 3 giờ chiều is a clock time
    if compiled(CLOCK_RANGE_BEFORE).search(text, max(0, start - 16), start):
        return False  # 12h – 14h mỗi ngày: the end of a range of clock times
    amount = count.amount
    if stretch or half or amount is None or isinstance(amount, Decimal):
        return True
    if amount > int(_CLOCK["above"]):
        return True
    if _CLOCK_CUE_AFTER.after(text, end):
        return True
    return _CLOCK_CUE_BEFORE.before(text, start)


def _duration(m: RuleMatch) -> Reading | None:
    length = _length(m)
    if length is None or length.count.plural:
        return None
    return Reading(length.duration)


duration = Rule(
    name="duration",
    doc=(
        "A count before a unit is a length: 3 năm P3Y, 48 giờ PT48H, nửa tháng P0.5M, một "
        "thập kỷ P10Y, ngàn năm P1000Y, nhiều năm PXY. Not after a word that makes the "
        "number part of a date (tháng 5 năm trước, thứ hai tuần tới), not before a number "
        "that continues a date (hai ngày 16 và 17-11), not a rate (3 ngày/tuần); giờ and "
        "tiếng only where a clock time cannot be meant (trong 3 giờ, 48 giờ, 3 tiếng liền)."
    ),
    # 3 ngày 2 đêm (a stay of three days and two nights) is one length, of its days
    pattern=_LENGTH + optional(rf"(?<=ngày)\s+{COUNT}\s+đêm{_END}"),
    build=_duration,
    priority=1,
    examples=(
        Example("Trong vòng 3 năm, JETRO tiến hành", "P3Y", "3 năm"),
        Example("khoảng 48 giờ", "PT48H", mod=Mod.APPROX),
        Example("mất 30 phút", "PT30M", "30 phút"),
        Example("giải lao 5p rồi học tiếp", "PT5M", "5p"),  # a unit glued to the count
        Example("Tập thể dục đều đặn, mỗi ngày 30 phút.", "PT30M", "30 phút"),
        Example("sau 2 tuần điều trị", "P2W", "2 tuần"),
        Example("nghỉ phép nửa tháng", "P0.5M", "nửa tháng"),
        Example("trong một thập kỷ", "P10Y", "một thập kỷ"),
        Example("hơn một thế kỷ", "P100Y", mod=Mod.MORE_THAN),
        Example("hơn một phần tư thế kỷ sau khi ông mất", "P25Y", "hơn một phần tư thế kỷ",
                mod=Mod.MORE_THAN),
        Example("trong dòng chảy lịch sử 1010 năm của mình", "P1010Y", "1010 năm"),
        Example("Thủ đô ngàn năm văn hiến", "P1000Y", "ngàn năm"),
        Example("nghìn năm văn hiến", "P1000Y", "nghìn năm"),
        Example("đã nhiều năm gắn bó", "PXY", "nhiều năm"),
        Example("vài tháng", "PXM"),
        Example("sau hơn 30 năm mở cửa", "P30Y", "hơn 30 năm", mod=Mod.MORE_THAN),
        Example("gần 2 năm", "P2Y", mod=Mod.LESS_THAN),
        Example("chưa đầy 2 năm", "P2Y", mod=Mod.LESS_THAN),
        Example("hai mươi năm", "P20Y"),
        Example("mười năm", "P10Y"),
        Example("kỷ niệm 56 năm thành lập ASEAN", "P56Y", "56 năm"),
        Example("Thời gian thi công dự kiến 1,5 năm.", "P1.5Y", "1,5 năm"),
        Example("Sau 2 năm tạm dừng các hoạt động", "P2Y", "2 năm"),
        Example("kéo dài 3 giờ", "PT3H", "3 giờ"),
        Example("hơn 1.000 năm lịch sử", "P1000Y", "hơn 1.000 năm", mod=Mod.MORE_THAN),
        Example("một năm rưỡi", "P1.5Y"),
        Example("nửa thế kỷ", "P50Y"),
        Example("ba thập niên", "P30Y"),
        Example("hàng chục năm", "PXY"),
        Example("3 tiếng đồng hồ", "PT3H"),
        Example("Kết quả xét nghiệm có trong 24h.", "PT24H", "24h"),
        Example("Anh hoàn thành bài thi trong 45 giây.", "PT45S", "45 giây"),
        Example("Doanh thu sụt giảm suốt 2 quý.", "P6M", "2 quý"),
        Example("5 năm trước khi nghỉ hưu", "P5Y", "5 năm"),
        Example("Hai tiếng sau, cảnh sát tới", "PT2H", "Hai tiếng"),
        Example("Tour du lịch 3 ngày 2 đêm", "P3D", "3 ngày 2 đêm"),
        Example("TOUR 3 NGÀY 2 ĐÊM", "P3D", "3 NGÀY 2 ĐÊM"),
    ),
    negatives=(
        "2,85 tỷ USD",
        "67,4%",
        "200.000 lượt",
        "250 lượt/năm",
        "năm người",
        "làm việc 8 giờ/ngày",
        "cap nhat sau\nNam: ok anh",
        "hai năm rõ mười",
        "nghe hai tiếng nổ",
        "thông thạo hai thứ tiếng",
        "năm tháng trôi qua",
    ),
    triggers=_COUNT_TRIGGERS,
)


_UNIT_ORDER = (Unit.YEAR, Unit.MONTH, Unit.WEEK, Unit.DAY, Unit.HOUR, Unit.MINUTE, Unit.SECOND)
_AND = optional(r"và\s+")
_PART_GAP = rf"(?:\s*,\s*|\s+{_AND})"


def _part(name: str) -> str:
    return rf"{_PART_GAP}{g('n' + name, COUNT)}{_SEP}{g('u' + name, UNIT)}"


def _compound(m: RuleMatch) -> Reading | None:
    # in three parts it is a length, never a clock time: 2 giờ 31 phút 48 giây (a race)
    first = _length(m, stretch=m.has("n3"))
    if first is None or not first.is_whole:
        return None
    parts = [first.duration]
    for name in ("2", "3"):
        if not m.has("n" + name):
            break
        count = parse_count(m["n" + name] or "")
        unit = unit_word(m["u" + name] or "")
        if count is None or unit is None or not isinstance(count.amount, int):
            return None
        if unit.multiple != 1 or count.amount == 0:
            return None
        if _UNIT_ORDER.index(unit.unit) <= _UNIT_ORDER.index(parts[-1].unit):
            return None  # each part in a smaller unit: 1 năm 6 tháng, not 6 tháng 1 năm
        parts.append(Duration(count.amount, unit.unit))
    if first.unit.multiple != 1:
        return None
    value: Duration | None = None
    for part in reversed(parts):
        value = attrs.evolve(part, rest=value)
    assert value is not None
    return Reading(value)


duration_compound = Rule(
    name="duration_compound",
    doc=(
        "A length in several units, each smaller than the one before: 1 năm 6 tháng P1Y6M, "
        "2 giờ 30 phút PT2H30M (after a cue: lúc 2 giờ 30 phút is a clock time), 1 ngày "
        "12 giờ P1DT12H."
    ),
    pattern=rf"{g('n', COUNT)}{_SEP}{g('u', UNIT)}{_part('2')}{optional(_part('3'))}",
    build=_compound,
    examples=(
        Example("bị tuyên phạt 1 năm 6 tháng tù", "P1Y6M", "1 năm 6 tháng"),
        Example("trận đấu kéo dài 2 giờ 30 phút", "PT2H30M", "2 giờ 30 phút"),
        Example("sau 3 tháng 10 ngày", "P3M10D", "3 tháng 10 ngày"),
        Example("trong 1 giờ 20 phút 15 giây", "PT1H20M15S", "1 giờ 20 phút 15 giây"),
        Example("về nhất với thời gian 2 giờ 31 phút 48 giây", "PT2H31M48S",
                "2 giờ 31 phút 48 giây"),
    ),
    negatives=(),
    priority=1,
    triggers=_COUNT_TRIGGERS,
)


def _stretch(m: RuleMatch) -> Reading | None:
    length = _length(m, stretch=True)
    if length is None:
        return None
    word = _key(m["s"])
    if length.count.plural:
        if word in _PAST:
            return Reading(Duration(None, length.unit.unit))
        if word in _FUTURE:
            return Reading(Ref(RefKind.FUTURE))  # những năm tới: the vague future
        return None
    return Reading(length.duration)


_STRETCH_WORDS = any_of([*_PAST, *_FUTURE, *_CONTINUOUS])

duration_stretch = Rule(
    name="duration_stretch",
    doc=(
        "A count over a stretch that ends or starts now is a length, the stretch word in the "
        "span (spec §3a): 5 năm qua P5Y, 24 giờ tới PT24H, vài tháng tới PXM, những năm "
        "qua PXY, 3 năm liền P3Y. With những/các a future stretch is the vague future "
        "(những tháng tới FUTURE_REF); without a count, năm qua is a point (deictic.py)."
    ),
    pattern=(
        rf"{_LENGTH_OR_PLURAL}\s+{g('s', _STRETCH_WORDS)}{_END}"
        rf"(?!\s+(?:[0-9]|(?:{_NUMBER_WORDS})\s+{UNIT}))"
    ),
    build=_stretch,
    examples=(
        Example("trong 5 năm qua, trong nỗ lực hội nhập", "P5Y", "5 năm qua"),
        Example("24 giờ tới", "PT24H"),
        Example("trong vài tháng tới", "PXM", "vài tháng tới"),
        Example("những năm qua, Hà Nội đã tích cực", "PXY", "những năm qua"),
        Example("nỗ lực của thành phố trong nhiều năm qua", "PXY", "nhiều năm qua"),
        Example("3 tháng vừa qua", "P3M"),
        Example("10 năm trở lại đây", "P10Y"),
        Example("trong 5 năm tiếp theo", "P5Y", "5 năm tiếp theo"),
        Example("3 năm liền", "P3Y"),
        Example("những tháng tới", "FUTURE_REF"),
        Example("2 ngày vừa qua", "P2D"),
    ),
    negatives=("các ngày lễ",),
    triggers=(*_COUNT_TRIGGERS, *followed_by(_PLURAL, _UNITS)),
)


def _point_grain(unit: UnitWord) -> tuple[Grain, int] | None:
    """The grain a counted point is placed at, and how many of it one unit is."""
    if unit.grain in (Grain.DAY, Grain.WEEK, Grain.MONTH, Grain.QUARTER, Grain.YEAR):
        return unit.grain, 1
    if unit.grain in (Grain.DECADE, Grain.CENTURY):
        return Grain.YEAR, unit.multiple
    return None  # hours and minutes: the reference is a day, it cannot place them


def _point(
    length: _Length, back: bool, mod_word: str | None, later: bool = False
) -> Reading | None:
    grain = _point_grain(length.unit)
    if grain is None:
        return None
    direction = Direction.PAST if back else Direction.FUTURE
    mod = _SHIFT_MODS.get(_key(mod_word)) if mod_word else None
    if mod is Mod.BEFORE and not back:
        mod = Mod.AFTER
    if length.count.amount is None:
        kind = RefKind.PAST if back else RefKind.FUTURE
        return Reading(Ref(kind), mod=mod, direction=direction)
    if not length.is_whole:
        return None
    assert isinstance(length.count.amount, int)
    offset = length.count.amount * grain[1] * (-1 if back else 1)
    # N năm sau is "N years later": counted from the period the story was just telling,
    # where N năm nữa is "in N years" from the reference.
    value: TimeValue = Relative(grain=grain[0], offset=offset, anchored=later)
    return Reading(value, mod=mod, direction=direction)


def _shift(m: RuleMatch) -> Reading | None:
    length = _length(m)
    if length is None:
        return None
    word = _key(m["d"])
    text = m.match.string
    end = m.match.end("d")
    ends = compiled(_CLAUSE_END).match(text, end) or _CLAUSE_OPENER.after(text, end)
    if word in _CLAUSE_FINAL and not ends:
        return None  # 3 ngày trước Tết, 2 năm sau khi: prepositions
    start = m.match.start()
    if word in _FORWARD and _NOT_FORWARD_BEFORE.before(text, start):
        return None  # thêm 2 năm nữa: two more years, a length
    return _point(length, word in _BACK, m["mod"], later=word == "sau")


_SHIFT_WORDS = any_of([*_BACK, *_FORWARD])
_SHIFT_MOD = optional(rf"{LETTER}{g('mod', any_of(_SHIFT_MODS))}\s+")

count_shift = Rule(
    name="count_shift",
    doc=(
        "A count with a direction places a point at the unit's grain, counted from the "
        "reference (spec §3a): 3 ngày trước, 2 tuần nữa (the ISO week 14 days on), 5 năm "
        "trước đây; N năm sau (N years later) from the period the story was telling. "
        "trước and sau only at the end of a clause (3 ngày trước Tết, 2 năm sau "
        "khi … are lengths); a vague count is the vague past or future (vài ngày trước "
        "PAST_REF, những năm trước PAST_REF)."
    ),
    pattern=rf"{_SHIFT_MOD}{_LENGTH_OR_PLURAL}\s+{g('d', _SHIFT_WORDS)}{_END}",
    build=_shift,
    examples=(
        Example("3 ngày trước, đoàn đã tới", "2024-10-17", "3 ngày trước"),
        Example("2 tuần nữa", "2024-W44"),
        Example("5 năm trước đây", "2019"),
        Example("ba tháng trước, ông đã nói", "2024-07", "ba tháng trước"),
        Example("Năm 2015 công ty ra đời. Hai năm sau, công ty mở rộng", "2017", "Hai năm sau"),
        Example("Ngày 16-5 khởi công. Mười ngày sau, cầu thông xe", "2024-05-26", "Mười ngày sau"),
        Example("vài ngày trước", "PAST_REF"),
        Example("đã ký với đối tác nước ngoài những năm trước, đồng thời", "PAST_REF",
                "những năm trước"),
        Example("hơn 10 năm trước", "2014", mod=Mod.BEFORE),
        Example("một thập kỷ trước", "2014"),
        Example("2 quý trước", "2024-Q2"),
    ),
    negatives=(),
    triggers=(*_COUNT_TRIGGERS, *followed_by(_PLURAL, _UNITS), *first_words(_SHIFT_MODS)),
)


def _ago(m: RuleMatch) -> Reading | None:
    length = _length(m)
    if length is None:
        return None
    return _point(length, back=True, mod_word=m["mod"])


_AGO = any_of(_SHIFT["ago_before"])
_BACK_TO = optional(r"về\s+")

count_ago = Rule(
    name="count_ago",
    doc="cách đây 5 năm: a point counted back from the reference (spec §3a), a DATE.",
    pattern=(
        rf"{WORD_START}{_AGO}\s+{_SHIFT_MOD}{_LENGTH}"
        + optional(rf"\s+{_BACK_TO}trước{_END}")
    ),
    build=_ago,
    examples=(
        Example("cách đây 5 năm", "2019"),
        Example("Cách đây 3 ngày, đoàn đã về", "2024-10-17", "Cách đây 3 ngày"),
        Example("cách đây khoảng 20 năm", "2004", mod=Mod.APPROX),
        Example("cách đây vài năm", "PAST_REF"),
        Example("cách đây 2 tháng", "2024-08"),
    ),
    negatives=("cách đây 2 km",),
    triggers=first_words(_SHIFT["ago_before"]),
)


def _for_units(m: RuleMatch) -> Reading | None:
    unit = unit_word(m["u"] or "")
    return None if unit is None else Reading(Duration(None, unit.unit))


_FOR = _DATA["for_units"]

duration_for_units = Rule(
    name="duration_for_units",
    doc=(
        "hàng tháng trời, hàng giờ liền: `for months (on end)`, a length of an unknown "
        "number PXM, PTXH (hàng năm alone is every year: rules/sets.py)."
    ),
    pattern=(
        rf"{WORD_START}{any_of(_FOR['count'])}\s+{g('u', any_of(_LEX.units))}"
        rf"\s+{any_of(_FOR['after'])}{_END}"
    ),
    build=_for_units,
    examples=(
        Example("chờ hàng giờ liền", "PTXH", "hàng giờ liền"),
        Example("hàng tháng trời", "PXM"),
        Example("hàng năm trời", "PXY"),
    ),
    negatives=("hàng hóa trời mưa",),
    triggers=first_words(_FOR["count"]),
)

RULES = (duration, duration_compound, duration_stretch, count_shift, count_ago, duration_for_units)
