"""Deictic and anaphoric time: what the words mean depends on when the text was written
or on what it said before. Vocabulary in ``lang/vi/deictic.toml``.

``hiện nay`` PRESENT_REF, ``thời gian qua`` PAST_REF, ``thời gian tới`` FUTURE_REF,
``đến nay``, ``hôm qua``, ``ngày mai``, ``năm nay``, ``tháng tới``, ``tuần trước``,
``cuối năm``, ``cùng ngày``, ``thời điểm đó``, ``ngày hôm sau``, ``cùng kỳ năm 2022``.
"""

from __future__ import annotations

from typing import Any

from timeline.grammar import (
    Example,
    Reading,
    Rule,
    RuleMatch,
    first_words,
    followed_by,
    fragments,
    g,
    preceded_by,
)
from timeline.lexicon import data_table
from timeline.model import Anaphor, AnaphorKind, DayPart, Grain, Mod, Ref, RefKind, Relative
from timeline.rules.patterns import NUMBER_END, WORD_END, WORD_START, any_of, compiled

F = fragments()
_DATA = data_table("deictic.toml")
# The plural markers (những, các): too common to try a rule at, unless the right word follows
_PLURAL = tuple(data_table("durations.toml")["vague"]["plural"])
_END = WORD_END


def _forms_to(entries: Any, key: str) -> dict[str, Any]:
    return {form: entry[key] for entry in entries for form in entry["forms"]}


_REFS = {form: RefKind(value) for form, value in _forms_to(_DATA["refs"], "value").items()}


def _ref(m: RuleMatch) -> Reading | None:
    kind = _REFS.get(" ".join((m["w"] or "").lower().split()))
    return Reading(Ref(kind)) if kind else None


_REFS_AFTER = {
    form: (RefKind(entry["value"]), tuple(entry["after"]))
    for entry in _DATA["refs_after"]
    for form in entry["forms"]
}
_REF_AFTER_PATTERN = "|".join(
    rf"{preceded_by(*after)}{g(f'a{i}', any_of([form]))}"
    for i, (form, (_, after)) in enumerate(_REFS_AFTER.items())
)


def _ref_any(m: RuleMatch) -> Reading | None:
    if m.has("w"):
        return _ref(m)
    for index, (kind, _) in enumerate(_REFS_AFTER.values()):
        if m.has(f"a{index}"):
            return Reading(Ref(kind))
    return None


vague_reference = Rule(
    name="vague_reference",
    doc="hiện nay, ngày nay → PRESENT_REF; trước đây, thời gian qua, gần đây → PAST_REF; "
    "thời gian tới, sắp tới → FUTURE_REF.",
    pattern=rf"(?:{WORD_START}{g('w', any_of(_REFS))}|{_REF_AFTER_PATTERN}){_END}",
    build=_ref_any,
    examples=(
        Example("Công tác đối ngoại hiện nay cũng đặt ra yêu cầu", "PRESENT_REF", "hiện nay"),
        Example("thời gian qua có ý nghĩa quan trọng", "PAST_REF", "thời gian qua"),
        Example("trong thời gian tới", "FUTURE_REF", "thời gian tới"),
        Example(
            "đến thời điểm hiện nay đạt 12,5 tỷ USD",
            "PRESENT_REF",
            "đến thời điểm hiện nay",
            mod=Mod.ON_OR_BEFORE,
        ),
        Example("Hà Nội ngày nay", "PRESENT_REF", "ngày nay"),
        Example("bây giờ thì khác", "PRESENT_REF", "bây giờ"),
        Example("trong tương lai, thành phố sẽ", "FUTURE_REF", "tương lai"),
        Example("những ngày ấy, cả làng đói", "PAST_REF", "những ngày ấy"),
    ),
    negatives=("hiện đại hóa nông thôn", "sắp xếp lại bộ máy", "một ngành không có tương lai"),
    triggers=(*first_words(_REFS, with_next=_PLURAL), *first_words(_REFS_AFTER)),
)

_NOW = _DATA["now"]
_NOW_AFTER = preceded_by(*_NOW["after"])

present_after_preposition = Rule(
    name="present_after_preposition",
    doc="nay alone after đến/tới/từ: đến nay (PRESENT_REF, ON_OR_BEFORE), từ năm 2015 đến nay.",
    pattern=(
        rf"(?:{_NOW_AFTER}){any_of(_NOW['forms'])}{_END}"
        r"(?!\s*(?:[0-9]|phút|sáng|chiều|tối|đêm|trưa|thứ|giấc|hành|làm|học))"
    ),
    build=lambda m: Reading(Ref(RefKind.PRESENT)),
    examples=(
        Example("Đến nay, Hà Nội đã thiết lập", "PRESENT_REF", "Đến nay", mod=Mod.ON_OR_BEFORE),
        Example("từ năm 2018 đến nay, Hà Nội", "2018/PRESENT_REF", "từ năm 2018 đến nay"),
        Example(
            "Cho đến giờ vẫn chưa có kết quả", "PRESENT_REF", "Cho đến giờ", mod=Mod.ON_OR_BEFORE
        ),
    ),
    negatives=("nay đây mai đó", "làm đến giờ thứ ba"),
    triggers=tuple(_NOW["forms"]),
)

_ADVERB = _DATA["present_adverb"]
_NOT_AFTER_ADVERB = rf"(?<![\w]){any_of(_ADVERB['not_after'])}\s+$"


def _present_adverb(m: RuleMatch) -> Reading | None:
    text, start = m.match.string, m.match.start()
    if compiled(_NOT_AFTER_ADVERB).search(text, max(0, start - 12), start):
        return None  # thực hiện có hiệu quả: the end of a compound
    return Reading(Ref(RefKind.PRESENT))


present_adverb = Rule(
    name="present_adverb",
    doc="hiện alone before a verb, 'currently': PRESENT_REF (tỉnh hiện có 27 doanh nghiệp).",
    pattern=(
        rf"{WORD_START}{any_of(_ADVERB['forms'])}(?=\s+{any_of(_ADVERB['before'])}{_END})"
        rf"|(?:(?<=^)|(?<=[,;:.!?\n] )|(?<=[,;:.!?\n]))\s*"
        rf"{any_of(_ADVERB['clause_openers'])}{_END}"
        rf"(?=\s+[^\W\d_])(?!\s+{any_of(_ADVERB['not_before'])}{_END})"
    ),
    build=_present_adverb,
    examples=(
        *(Example(text, "PRESENT_REF", "hiện") for text in _ADVERB["examples"]),
        Example("Những ngày gian truân đã qua, nay bà không muốn đòi hỏi", "PRESENT_REF", "nay"),
    ),
    negatives=(
        "dự án được thực hiện có hiệu quả", "thể hiện là người", "Hiện tượng này lạ",
        "nay đây mai đó",
    ),
    triggers=(*first_words(_ADVERB["forms"]), *first_words(_ADVERB["clause_openers"])),
)

_DAYS = {form: int(offset) for form, offset in _forms_to(_DATA["days"], "offset").items()}
_SHORT = _DATA["short_days"]
_NOT_AFTER_SHORT = "".join(rf"(?<!(?<![\w]){w} )" for w in _SHORT["not_after"])


def _day(m: RuleMatch) -> Reading | None:
    offset = _DAYS.get(" ".join((m["w"] or "").lower().split()))
    return None if offset is None else Reading(Relative(grain=Grain.DAY, offset=offset))


relative_day = Rule(
    name="relative_day",
    doc="hôm nay, hôm qua, hôm kia, ngày mai, ngày kia: days counted from the reference.",
    # `mai` and `mốt` alone are also names and words: only after a word that introduces a day.
    pattern=(
        rf"{WORD_START}{g('w', any_of(f for f in _DAYS if ' ' in f))}{_END}"
        rf"|{preceded_by('sáng', 'trưa', 'chiều', 'tối', 'đêm')}{g('w2', 'mai|mốt')}{_END}"
        # or right before a clock time, in lower case (mai 7h nhé): not the name Mai
        rf"|{WORD_START}{g('w2_', '(?-i:mai|mốt)')}(?=\s+[0-9]{{1,2}}\s?(?:h|g|giờ|:)(?![^\W\d_]))"
        # or, in lower case, where the words around it make it a day (mai em nghỉ, để mai)
        rf"|{WORD_START}{_NOT_AFTER_SHORT}{g('w3', '(?-i:mai|mốt)')}"
        rf"(?=\s+{any_of(_SHORT['before'])}{_END})"
        rf"|{preceded_by(*_SHORT['after'])}{g('w4', '(?-i:mai|mốt)')}{_END}"
    ),
    build=lambda m: _day(m) if m.has("w") else _day_short(m),
    examples=(
        Example("hôm qua đoàn đã về", "2024-10-19", "hôm qua"),
        Example("ngày mai", "2024-10-21"),
        Example("hôm nay", "2024-10-20"),
        Example("mai 7h sáng nhé", "2024-10-21T07:00", "mai 7h sáng"),
        Example("mai em nghỉ, thứ Tư lại bay vào Sài Gòn", "2024-10-21", "mai"),
        Example("để mai đi", "2024-10-21", "mai"),
        Example("ok, mai tớ tan làm lúc 6h30 chiều", "2024-10-21", "mai"),
    ),
    negatives=(
        "cô Mai đi học", "hoa mai nở", "Mai em đi học", "cành mai là biểu tượng",
        "hoa mai thì vàng, hoa đào thì hồng",
    ),
    triggers=(*first_words(_DAYS), "mai", "mốt"),
)


def _day_short(m: RuleMatch) -> Reading | None:
    offset = _DAYS.get((m["w2"] or m["w2_"] or m["w3"] or m["w4"] or "").lower())
    return None if offset is None else Reading(Relative(grain=Grain.DAY, offset=offset))


_DEIXIS = {form: int(o) for form, o in _forms_to(_DATA["deixis"], "offset").items()}
_UNITS = {
    form: Grain(entry["grain"]) for entry in _DATA["deictic_units"] for form in entry["forms"]
}
_REFUSES = {
    Grain(entry["grain"]): frozenset(entry.get("refuses", ())) for entry in _DATA["deictic_units"]
}
# `sau`/`trước` are also conjunctions: năm sau khi…, tháng trước đó is anaphoric; `qua đi`,
# `rồi đi` are verbs (năm tháng qua đi), but `năm ngoái đi Sa Pa`, `tuần sau đi học` are not.
_NOT_AFTER_DEIXIS = (
    r"(?!\s+(?:khi|đó|đây|nữa|này|kia|qua\s+(?:năm|tháng|ngày|tuần))|(?<=qua|rồi)\s+đi\b)"
)


_COUNT_BEFORE = rf"(?:[0-9]+|{F.number_words}|vài|mấy|nhiều|những|các|chục|trăm|nghìn|ngàn)\s+$"


# ... unless that number is a day or a month (tháng 7 năm ngoái, 16/10 năm ngoái).
_NUMBER_OF_A_DATE = r"(?:(?:tháng|ngày|quý|mùng|mồng|thứ)\s+|[0-9][/.\-])$"


def _unit_deixis(m: RuleMatch) -> Reading | None:
    grain = _UNITS[" ".join((m["u"] or "").lower().split())]
    word = " ".join((m["d"] or "").lower().split())
    if word in _REFUSES[grain]:
        return None
    # With a count before it the unit is a length (5 năm sau, những năm qua): not this rule.
    text, start = m.match.string, m.match.start()
    count = compiled(_COUNT_BEFORE).search(text, max(0, start - 24), start)
    date_before = compiled(_NUMBER_OF_A_DATE)
    if count and not date_before.search(text, max(0, count.start() - 12), count.start()):
        return None
    return Reading(Relative(grain=grain, offset=_DEIXIS[word]))


unit_with_deixis = Rule(
    name="unit_with_deixis",
    doc="năm nay, năm ngoái, năm qua, tháng tới, tuần trước, quý này: one unit from the "
    "reference (spec §3a: without a count these are points, not lengths).",
    pattern=(
        rf"{WORD_START}{g('u', any_of(_UNITS))}\s+{g('d', any_of(_DEIXIS))}{_END}"
        rf"{_NOT_AFTER_DEIXIS}"
    ),
    build=_unit_deixis,
    examples=(
        Example("năm nay", "2024"),
        Example("năm ngoái", "2023"),
        Example("những thành tựu năm qua sẽ", "2023", "năm qua"),
        Example("tháng tới", "2024-11"),
        Example("tuần trước", "2024-W41"),
        Example("quý này", "2024-Q4"),
        Example("đầu năm nay", "2024", mod=Mod.START),
        Example("năm ngoái đi Sa Pa vào tháng 9", "2023", "năm ngoái"),
    ),
    negatives=(
        "năm sau khi ra trường",
        "thành công năm này qua năm khác",
        "năm tháng qua đi",
    ),
    triggers=first_words(_UNITS),
)

_MONTH_NAMES = any_of(F.lex.month_names)


def _period_edge(m: RuleMatch) -> Reading | None:
    grain = _UNITS[" ".join((m["u"] or "").lower().split())]
    return Reading(Relative(grain=grain, offset=0), mod=F.lex.point_mods[(m["mod"] or "").lower()])


period_edge = Rule(
    name="period_edge",
    doc="đầu năm, giữa tháng, cuối năm with no number: the start/middle/end of the current "
    "period (from the reference), or of the other end of a range (từ đầu năm đến 20/12/2022).",
    pattern=(
        rf"{WORD_START}{g('mod', 'đầu|giữa|cuối')}\s+{g('u', 'năm|tháng')}{_END}"
        rf"(?!\s*(?:[0-9]|{_MONTH_NAMES}{_END}|nay|này|tới|sau|trước|qua|ngoái|học|tài|mới|"
        rf"âm|dương|nhuận|đầu|thứ|tiên))"
    ),
    build=_period_edge,
    examples=(
        Example("từ đầu năm đến ngày 20/12/2022", "2022-01-01/2022-12-20"),
        Example("vào cuối năm", "2024", "cuối năm", mod=Mod.END),
    ),
    negatives=("đầu tư vào dự án", "năm đầu tiên"),
    triggers=followed_by(("đầu", "giữa", "cuối"), ("năm", "tháng")),
)


_WEEKEND_DEIXIS = any_of(
    ["này", "nay", "tới", "sau", "trước", "qua", "rồi", "vừa rồi", "vừa qua"]
)


def _weekend(m: RuleMatch) -> Reading | None:
    word = " ".join((m["d"] or "").lower().split())
    offset = _DEIXIS.get(word, 0) if word else 0
    return Reading(Relative(grain=Grain.WEEK, offset=offset, weekend=True))


weekend = Rule(
    name="weekend",
    doc="cuối tuần (này, tới, trước): the weekend of that ISO week, YYYY-Www-WE (spec §3).",
    pattern=(
        rf"{WORD_START}cuối\s+tuần(?:\s+{g('d', _WEEKEND_DEIXIS)})?{_END}"
        rf"(?!\s*(?:[0-9]|lễ|hàng|thứ))"
    ),
    build=_weekend,
    examples=(
        Example("cuối tuần này", "2024-W42-WE"),
        Example("đi chơi cuối tuần tới nhé", "2024-W43-WE", "cuối tuần tới"),
        Example("cuối tuần qua, giá vàng tăng", "2024-W41-WE", "cuối tuần qua"),
    ),
    triggers=("cuối",),
)

_ANAPHORA = {
    form: (
        AnaphorKind(entry["kind"]),
        Grain(entry["grain"]),
        DayPart(entry["part"]) if "part" in entry else None,
    )
    for entry in _DATA["anaphora"]
    for form in entry["forms"]
}


_COUNTED = (
    rf"\s+{any_of(f for v in F.lex.vetoes_after for f in v.forms if f[0].isalpha())}"
    rf"(?![\w])"
)


def _anaphor(m: RuleMatch) -> Reading | None:
    kind, grain, part = _ANAPHORA[" ".join((m["w"] or "").lower().split())]
    if grain is Grain.YEAR and compiled(_COUNTED).match(m.match.string, m.match.end()):
        return None  # cùng năm người bạn: năm is five, counting people
    return Reading(Anaphor(kind=kind, grain=grain, part=part))


anaphor = Rule(
    name="anaphor",
    doc="cùng ngày, hôm đó, thời điểm đó, ngày hôm sau: the period just discussed.",
    pattern=rf"{WORD_START}{g('w', any_of(_ANAPHORA))}{_END}(?!\s*[0-9])",
    build=_anaphor,
    examples=(
        Example("Năm 2015 đã diễn ra lễ hội. Vào thời điểm đó, tỉnh", "2015", "thời điểm đó"),
        Example("Ngày 5/3 mưa lớn. Đêm ấy, lũ về.", "2025-03-05TNI", "Đêm ấy"),
        Example(
            "Ngày 16/10, đoàn đến Tokyo. Ngày hôm sau, đoàn tới Kanagawa.",
            "2024-10-17",
            "Ngày hôm sau",
        ),
    ),
    negatives=("Cùng năm người bạn đi học",),
    triggers=first_words(_ANAPHORA),
)

_SAME = _DATA["same_period"]


def _same_period(m: RuleMatch) -> Reading | None:
    year = m.year("y")
    return Reading(Anaphor(kind=AnaphorKind.SAME_PERIOD, grain=Grain.YEAR, year=year))


same_period = Rule(
    name="same_period",
    doc="cùng kỳ năm 2022 / cùng kỳ năm trước: the period just discussed, moved to that year "
    "(spec §3a: năm trước counts from the compared period, not from the reference).",
    pattern=(
        rf"{WORD_START}{any_of(_SAME['forms'])}"
        rf"(?:\s+(?:năm\s+{g('y', F.year)}{NUMBER_END}|{any_of(_SAME['previous_year'])}{_END})"
        # alone, only where the comparison ends: "hang cùng kỳ bí" is no period
        rf"|{_END}(?=\s*(?:[,.;:)!?]|$|\n|và\s|nhưng\s)))"
    ),
    build=_same_period,
    negatives=("vào hang cùng kỳ bí",),
    examples=(
        Example(
            "Trong 11 tháng của năm 2023, lượng khách tăng 32,4% so với cùng kỳ năm 2022",
            "2022-01/2022-11",
            "cùng kỳ năm 2022",
        ),
        Example(
            "Trong 11 tháng của năm 2023, khách quốc tế tăng so với cùng kỳ năm trước",
            "2022-01/2022-11",
            "cùng kỳ năm trước",
        ),
    ),
    triggers=first_words(_SAME["forms"]),
)

RULES = (
    vague_reference,
    present_after_preposition,
    present_adverb,
    relative_day,
    unit_with_deixis,
    period_edge,
    weekend,
    anaphor,
    same_period,
)
