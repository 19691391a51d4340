"""Text as people really type it (issue 3): without diacritics, NFD-decomposed, in
capitals, with non-breaking and repeated spaces, with en and em dashes.

- The seed articles with their diacritics stripped must score within 0.05 of the
  originals (relaxed F1 and value F1, scored by :mod:`timeline.evaluate` against the same
  gold: stripping keeps one character for one, so the offsets hold); NFD-decomposed, they
  must score exactly the same, with every offset in the caller's (decomposed) string.
- The accent-free path is context-guarded: ``nam`` in ``Việt Nam`` is not ``năm``, a
  ladder (``cầu thang``) is not a month, ``tôi`` is not ``tới``.

Expected values come from the Vietnamese and the spec (reference 2024-10-20, a Sunday).
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Sequence
from pathlib import Path

import pytest

import timeline
from timeline import accents
from timeline.compose import EXAMPLES as COMPOSE_EXAMPLES
from timeline.evaluate import DocumentScores, GoldDocument, Predicted, load_gold, score
from timeline.model import Mention
from timeline.rules import all_rules

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
GOLD: tuple[GoldDocument, ...] = tuple(load_gold(sorted(SEEDS.glob("*.gold.jsonl"))))
REFERENCE = "2024-10-20"
TOLERANCE = 0.05


# --- helpers of this test (deliberately not the package's own) ----------------------------


def without_diacritics(text: str) -> str:
    """``text`` as typed on a phone without diacritics: one character for one."""
    out = []
    for char in text:
        if char in "đĐ":
            out.append("d" if char == "đ" else "D")
            continue
        decomposed = unicodedata.normalize("NFD", char)
        marks = decomposed[1:]
        stripped = marks and all(unicodedata.combining(c) for c in marks)
        out.append(decomposed[0] if stripped else char)
    return "".join(out)


def decomposed(text: str) -> tuple[str, list[int]]:
    """``text`` in NFD, and for each offset of it (and its end) the NFC offset it maps to."""
    back: list[int] = []
    for index, char in enumerate(text):
        back.extend([index] * len(unicodedata.normalize("NFD", char)))
    back.append(len(text))
    return unicodedata.normalize("NFD", text), back


def predicted(mentions: Sequence[Mention], back: Sequence[int] | None = None) -> list[Predicted]:
    out = []
    for m in mentions:
        start, end = (m.start, m.end) if back is None else (back[m.start], back[m.end])
        out.append(
            Predicted(start, end, m.text, str(m.type), str(m.timex), str(m.mod) if m.mod else None)
        )
    return out


def found(text: str, reference: str | None = REFERENCE) -> list[tuple[str, str, str | None]]:
    return [
        (m.text, m.timex, str(m.mod) if m.mod else None)
        for m in timeline.extract(text, reference=reference)
    ]


@functools.cache
def seed_scores(variant: str) -> dict[str, DocumentScores]:
    predictions: dict[str, list[Predicted]] = {}
    for doc in GOLD:
        if variant == "original":
            mentions = timeline.extract(doc.text, reference=doc.reference)
            predictions[doc.id] = predicted(mentions)
        elif variant == "without diacritics":
            plain = without_diacritics(doc.text)
            assert len(plain) == len(doc.text)
            predictions[doc.id] = predicted(timeline.extract(plain, reference=doc.reference))
        else:
            nfd, back = decomposed(doc.text)
            mentions = timeline.extract(nfd, reference=doc.reference)
            for m in mentions:
                assert nfd[m.start : m.end] == m.text
            predictions[doc.id] = predicted(mentions, back)
    return {d.id: d for d in score(list(GOLD), predictions).documents}


# --- the seed articles ---------------------------------------------------------------------


@pytest.mark.parametrize("doc_id", [doc.id for doc in GOLD])
def test_seed_without_diacritics_scores_within_tolerance(doc_id: str) -> None:
    original = seed_scores("original")[doc_id]
    plain = seed_scores("without diacritics")[doc_id]
    assert plain.relaxed.f1 >= original.relaxed.f1 - TOLERANCE, (
        f"relaxed F1 {plain.relaxed.f1:.3f} without diacritics, {original.relaxed.f1:.3f} with"
    )
    assert plain.value.f1 >= original.value.f1 - TOLERANCE, (
        f"value F1 {plain.value.f1:.3f} without diacritics, {original.value.f1:.3f} with"
    )


@pytest.mark.parametrize("doc_id", [doc.id for doc in GOLD])
def test_seed_nfd_scores_the_same(doc_id: str) -> None:
    original = seed_scores("original")[doc_id]
    nfd = seed_scores("nfd")[doc_id]
    assert (nfd.relaxed, nfd.strict, nfd.value) == (
        original.relaxed,
        original.strict,
        original.value,
    )
    assert (nfd.type_correct, nfd.value_correct, nfd.mod_correct) == (
        original.type_correct,
        original.value_correct,
        original.mod_correct,
    )


@pytest.mark.parametrize("doc", GOLD, ids=lambda d: d.id)
def test_seed_nfd_mentions_are_the_nfc_mentions(doc: GoldDocument) -> None:
    nfd, back = decomposed(doc.text)
    ours = predicted(timeline.extract(nfd, reference=doc.reference), back)
    theirs = predicted(timeline.extract(doc.text, reference=doc.reference))
    assert [(p.start, p.end, p.type, p.value, p.mod) for p in ours] == [
        (p.start, p.end, p.type, p.value, p.mod) for p in theirs
    ]


# --- accent-free: the same values ---------------------------------------------------------

SAME_VALUES = [
    # (typed without diacritics, mention text, value, mod)
    ("hop luc 9h sang thu Hai, ngay 18/11", "9h sang thu Hai, ngay 18/11", "2024-11-18T09:00",
     None),
    ("tu ngay 15 den 18-10", "tu ngay 15 den 18-10", "2024-10-15/2024-10-18", None),
    ("thang 10 nam 2024", "thang 10 nam 2024", "2024-10", None),
    ("cuoi thang 6 vua qua", "cuoi thang 6 vua qua", "2024-06", "END"),
    ("Giai dau dien ra hang nam.", "hang nam", "P1Y", None),
    ("Ngay 17-10, doan den Kanagawa.", "Ngay 17-10", "2024-10-17", None),
    ("tu nam 2015 den nay", "tu nam 2015 den nay", "2015/PRESENT_REF", None),
    ("Nam 2023, thanh pho don 24 trieu luot khach.", "Nam 2023", "2023", None),
    ("Hom qua doan da ve Ha Noi.", "Hom qua", "2024-10-19", None),
    ("Toi nay co mua.", "Toi nay", "2024-10-20TEV", None),
    ("nhung nam qua, Ha Noi da mo rong hop tac", "nhung nam qua", "PXY", None),
    ("dinh huong trong thoi gian toi", "thoi gian toi", "FUTURE_REF", None),
    ("3 ngay nua se co ket qua", "3 ngay nua", "2024-10-23", None),
    ("quy 3/2024 dat ke hoach", "quy 3/2024", "2024-Q3", None),
    ("du kien vao thang 11 toi", "thang 11 toi", "2024-11", None),
    ("sau nam 2020", "sau nam 2020", "2020", "AFTER"),
    ("khoang thang 5/2023", "khoang thang 5/2023", "2023-05", "APPROX"),
    ("the ky XXI", "the ky XXI", "20", None),
    ("lop hoc bat dau tu 7h30 den 11h", "bat dau tu 7h30 den 11h", None, None),
    ("Mung 1 Tet nam Giap Thin", "Mung 1 Tet nam Giap Thin", "2024-02-10", None),
    # a word that is a word without marks is that word first: sau (next), not sáu (June)
    ("Thang sau minh xin nghi phep", "Thang sau", "2024-11", None),
    ("bay gio thi khac roi", "bay gio", "PRESENT_REF", None),
]


@pytest.mark.parametrize(
    ("text", "span", "value", "mod"), SAME_VALUES, ids=[c[0] for c in SAME_VALUES]
)
def test_accent_free_reads_the_same_values(
    text: str, span: str, value: str | None, mod: str | None
) -> None:
    mentions = found(text)
    assert any(t == span and (value is None or v == value) and m == mod for t, v, m in mentions), (
        mentions
    )


@pytest.mark.parametrize(
    "accented",
    [
        "lớp học bắt đầu từ 7h30 đến 11h",
        "Ngày 16/10, từ 8h đến 11h30, đoàn làm việc tại Tokyo.",
        "Tính chung 10 tháng năm 2024, thành phố thu hút 2,2 tỷ USD.",
        "So với cùng kỳ năm trước, doanh thu tăng 15%.",
        "Hội nghị diễn ra vào sáng thứ Bảy tuần tới.",
        "Dự kiến đến năm 2030, tầm nhìn đến năm 2045.",
        "Trong hai ngày 16 và 17-11 tới, đoàn sẽ thăm Kanagawa.",
    ],
)
def test_accent_free_reads_as_accented(accented: str) -> None:
    plain = without_diacritics(accented)
    assert [(without_diacritics(t), v, m) for t, v, m in found(accented)] == found(plain)


def _examples() -> list[tuple[str, str | None]]:
    examples = [e for rule in all_rules() for e in rule.examples] + list(COMPOSE_EXAMPLES)
    return [(e.text, e.reference) for e in examples]


def test_rule_examples_read_the_same_without_diacritics() -> None:
    """Every example the grammar carries, stripped of its diacritics, gives the same
    mentions (same offsets, values and modifiers) as with them, but for a few that are
    ambiguous without marks (``24 gio toi``: ``tới`` or ``tối``)."""
    differ = []
    examples = _examples()
    for text, reference in examples:
        with_marks = [(m.start, m.end, m.timex, m.mod) for m in timeline.extract(text, reference)]
        plain = without_diacritics(text)
        without = [(m.start, m.end, m.timex, m.mod) for m in timeline.extract(plain, reference)]
        if with_marks != without:
            differ.append(f"{plain!r}: {with_marks} vs {without}")
    assert len(differ) <= 0.03 * len(examples), "\n".join(differ)


# --- accent-free: the guards ----------------------------------------------------------------

NOT_TIME = [
    "Viet Nam va Nhat Ban ky ket hop tac",
    "Anh Nam que o Nam Dinh, song o mien Nam",
    "gio mua thoi tu phia nam len",
    "Cau thang 3 tang bi hong",
    "thang may dung hoat dong",
    "Chieu dai cay cau la 500 m",
    "Hoa mai no ro, co Mai di hoc",
    "day manh doi moi sang tao",
    "To chuc Tuan le Van hoa Viet Nam",
    "cac ngan hang ngay cang canh tranh",
    "chung toi se gap lai",
]


@pytest.mark.parametrize("text", NOT_TIME)
def test_accent_free_guards(text: str) -> None:
    assert found(text) == []


def test_viet_nam_before_a_year_is_not_nam() -> None:
    assert all(not t.lower().startswith("nam") for t, _, _ in found("Viet Nam 2024 va Nam 2025"))


def test_dau_tu_is_not_tu() -> None:
    assert found("hoat dong xuc tien dau tu thoi gian qua") == [("thoi gian qua", "PAST_REF", None)]


def test_code_is_not_tu() -> None:
    text = "Chuong trinh so 03-CTr/TU ngay 28/6/2016 cua Thanh uy"
    assert found(text) == [("ngay 28/6/2016", "2016-06-28", None)]


def test_sang_after_a_verb_of_motion_is_not_morning() -> None:
    assert found("Cuoc hop hoan sang thu Hai") == [("thu Hai", "2024-10-21", None)]


def test_toi_as_i_is_not_a_tense_word() -> None:
    assert found("Thang nay toi ban lam") == [("Thang nay", "2024-10", None)]


def test_a_name_is_not_a_veto() -> None:
    # Dương (a name) is not đường (a road, which would veto the number after it)
    assert found("Quynh Duong 17/01/2024 06:56") == [
        ("17/01/2024 06:56", "2024-01-17T06:56", None)
    ]


# --- accent-free: only where the text is typed without accents -----------------------------


def test_accented_text_is_left_to_the_ordinary_path() -> None:
    # `thang` without its mark among accented words is a scale, not a month
    assert found("Bài thi chấm theo thang 10 điểm, đội đạt 8 điểm.") == []
    assert all("Nam" not in t for t, _, _ in found("Hội nghị Việt Nam 2024 diễn ra tại Hà Nội"))


def test_mixed_text() -> None:
    text = "Ngày 17-10, đoàn tới Kanagawa. Hop luc 9h sang thu Hai, ngay 18/11."
    assert found(text) == [
        ("Ngày 17-10", "2024-10-17", None),
        ("9h sang thu Hai, ngay 18/11", "2024-11-18T09:00", None),
    ]


def test_accent_free_offsets_are_the_callers() -> None:
    text = "Thong bao: hop luc 8h sang thu Bay, ngay 26/10/2024 tai phong so 3."
    for m in timeline.extract(text, reference=REFERENCE):
        assert text[m.start : m.end] == m.text
    assert found(text) == [("8h sang thu Bay, ngay 26/10/2024", "2024-10-26T08:00", None)]


def test_accent_free_nfd_mixture() -> None:
    # accents typed on a few words only, decomposed: still the caller's offsets
    text = unicodedata.normalize("NFD", "Lịch: tu ngay 15 den 18-10")
    mentions = timeline.extract(text, reference=REFERENCE)
    assert [(m.text, m.timex) for m in mentions] == [
        ("tu ngay 15 den 18-10", "2024-10-15/2024-10-18")
    ]
    assert all(text[m.start : m.end] == m.text for m in mentions)


# --- NFD, case, spaces, dashes ----------------------------------------------------------------

TYPED = [
    # (text, mention, value, mod)
    ("THÁNG 10/2024 ĐOÀN ĐẾN TOKYO", "THÁNG 10/2024", "2024-10", None),
    ("NGÀY 15 THÁNG 10 NĂM 2024", "NGÀY 15 THÁNG 10 NĂM 2024", "2024-10-15", None),
    ("ĐẦU NĂM 2024", "ĐẦU NĂM 2024", "2024", "START"),
    ("Tháng Mười năm 2024", "Tháng Mười năm 2024", "2024-10", None),
    ("từ\u00a0ngày  15   đến 18–10", "từ\u00a0ngày  15   đến 18–10", "2024-10-15/2024-10-18", None),
    ("từ ngày 15\u2009đến\u202f18-10", "từ ngày 15\u2009đến\u202f18-10", "2024-10-15/2024-10-18",
     None),
    ("giai đoạn 2016—2020", "giai đoạn 2016—2020", "2016/2020", None),
    ("giai đoạn 2016 – 2020", "giai đoạn 2016 – 2020", "2016/2020", None),
    ("Ngày\t17-10, đoàn tới", "Ngày\t17-10", "2024-10-17", None),
]


@pytest.mark.parametrize("form", ["NFC", "NFD"])
@pytest.mark.parametrize(("text", "span", "value", "mod"), TYPED, ids=[c[0] for c in TYPED])
def test_case_spaces_dashes(form: str, text: str, span: str, value: str, mod: str | None) -> None:
    typed = unicodedata.normalize(form, text)
    mentions = timeline.extract(typed, reference=REFERENCE)
    expected = unicodedata.normalize(form, span)
    assert [(m.text, m.timex, str(m.mod) if m.mod else None) for m in mentions] == [
        (expected, value, mod)
    ]
    assert all(typed[m.start : m.end] == m.text for m in mentions)


def test_nfd_mention_right_after_decomposed_characters() -> None:
    text = unicodedata.normalize("NFD", "Hà Nội, ngày 20/11/2024 — Thủ đô đón khách")
    (mention,) = timeline.extract(text, reference=REFERENCE)
    assert mention.text == "ngày 20/11/2024".replace("à", unicodedata.normalize("NFD", "à"))
    assert text[mention.start : mention.end] == mention.text
    assert mention.start == len(unicodedata.normalize("NFD", "Hà Nội, "))
    assert mention.timex == "2024-11-20"


def test_nfd_mention_that_ends_on_a_combining_mark() -> None:
    text = unicodedata.normalize("NFD", "Họp vào thứ Tư")
    (mention,) = timeline.extract(text, reference=REFERENCE)
    assert mention.end == len(text)  # the combining horn of ư belongs to the mention
    assert mention.text == unicodedata.normalize("NFD", "thứ Tư")
    assert mention.timex == "2024-10-23"


def test_partly_decomposed_text() -> None:
    nfc_part = "Ngày 17-10, đoàn tới "
    nfd_part = unicodedata.normalize("NFD", "Kanagawa vào tháng 11 tới")
    text = nfc_part + nfd_part
    mentions = timeline.extract(text, reference=REFERENCE)
    assert [m.timex for m in mentions] == ["2024-10-17", "2024-11"]
    assert all(text[m.start : m.end] == m.text for m in mentions)
    assert mentions[1].text == unicodedata.normalize("NFD", "tháng 11 tới")


def test_text_typed_with_accents_reads_as_without_this_path(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The accent-free path adds nothing and takes nothing away where the text is typed
    with its diacritics: every example and negative example of the grammar and every
    seed article read the same with it and without it."""
    examples = [e for rule in all_rules() for e in rule.examples] + list(COMPOSE_EXAMPLES)
    texts = [(e.text, e.reference) for e in examples]
    texts += [(n, REFERENCE) for rule in all_rules() for n in rule.negatives]
    texts += [(doc.text, doc.reference) for doc in GOLD]

    def read(text: str, reference: str | None) -> list[tuple[int, int, str, object]]:
        return [(m.start, m.end, m.timex, m.mod) for m in timeline.extract(text, reference)]

    with_path = [read(text, reference) for text, reference in texts]
    monkeypatch.setattr(
        accents, "unaccented_candidates", lambda norm, rules, lex, ordinary: list(ordinary)
    )
    without_path = [read(text, reference) for text, reference in texts]
    differ = [
        f"{text!r}: {a} vs {b}"
        for (text, _), a, b in zip(texts, with_path, without_path, strict=True)
        if a != b
    ]
    assert not differ, "\n".join(differ)
