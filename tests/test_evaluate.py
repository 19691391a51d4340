"""The evaluator's scoring on small hand-computed cases, its command line, and the seed gold.

Nothing here calls the real extractor: the command-line tests replace it with a stub.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from timeline.evaluate import (
    KINDS,
    TYPES,
    Counts,
    Extract,
    GoldDocument,
    GoldMention,
    Predicted,
    main,
    score,
)
from timeline.model import Mod, TimexType

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
TEXT = "x" * 100


def gold(
    start: int,
    end: int,
    value: str = "2024",
    *,
    type: str = "DATE",
    mod: str | None = None,
    kind: str = "absolute",
    optional: bool = False,
) -> GoldMention:
    return GoldMention(start, end, TEXT[start:end], type, value, mod, kind, optional)


def pred(
    start: int, end: int, value: str = "2024", *, type: str = "DATE", mod: str | None = None
) -> Predicted:
    return Predicted(start, end, TEXT[start:end], type, value, mod)


def doc(*mentions: GoldMention, id: str = "d") -> GoldDocument:
    return GoldDocument(id, "2024-10-20", TEXT, mentions)


def run(g: Sequence[GoldMention], p: Sequence[Predicted], kinds: set[str] | None = None) -> Counts:
    return score([doc(*g)], {"d": list(p)}, kinds).overall.relaxed


# --------------------------------------------------------------------------- scoring


def test_strict_and_relaxed() -> None:
    # gold [0,10) and [20,30); predicted: exact, overlapping, and one overlapping nothing
    s = score([doc(gold(0, 10), gold(20, 30))], {"d": [pred(0, 10), pred(22, 35), pred(50, 55)]})
    o = s.overall
    assert (o.relaxed.tp, o.relaxed.fp, o.relaxed.fn) == (2, 1, 0)
    assert o.relaxed.precision == pytest.approx(2 / 3)
    assert o.relaxed.recall == 1.0
    assert o.relaxed.f1 == pytest.approx(0.8)
    assert (o.strict.tp, o.strict.fp, o.strict.fn) == (1, 2, 1)
    assert o.strict.precision == pytest.approx(1 / 3)
    assert o.strict.recall == pytest.approx(1 / 2)
    assert o.strict.f1 == pytest.approx(0.4)
    categories = sorted(f.category for f in o.findings)
    assert categories == ["false positive", "mismatch"]
    assert next(f for f in o.findings if f.category == "mismatch").differs == ("span",)


def test_each_mention_matched_once_largest_overlap_first() -> None:
    # two predictions over one gold: the larger overlap [2,10) wins, [0,3) is a false positive
    c = run([gold(0, 10)], [pred(0, 3), pred(2, 10)])
    assert (c.tp, c.fp, c.fn) == (1, 1, 0)
    # one prediction over two gold mentions: one hit, one miss
    c = run([gold(0, 5), gold(6, 10)], [pred(0, 10)])
    assert (c.tp, c.fp, c.fn) == (1, 0, 1)
    # an equal span wins a tie of overlaps, so the strict match is kept
    s = score([doc(gold(5, 10))], {"d": [pred(0, 12), pred(5, 10)]}).overall
    assert (s.strict.tp, s.relaxed.tp, s.relaxed.fp) == (1, 1, 1)


def test_optional_gold_is_neither_rewarded_nor_punished() -> None:
    g = [gold(0, 4, optional=True), gold(10, 20), gold(30, 34, optional=True)]
    # the prediction on the first optional mention is ignored; missing the second is no miss
    s = score([doc(*g)], {"d": [pred(0, 4), pred(10, 20)]}).overall
    assert (s.relaxed.tp, s.relaxed.fp, s.relaxed.fn) == (1, 0, 0)
    assert (s.strict.tp, s.strict.fp, s.strict.fn) == (1, 0, 0)
    assert s.ignored_predictions == 1
    assert s.value.f1 == 1.0


def test_kinds_filter() -> None:
    g = [gold(0, 10, kind="absolute"), gold(20, 27, "PRESENT_REF", kind="ref")]
    p = [pred(0, 10), pred(20, 27, "PRESENT_REF"), pred(40, 45)]
    only_absolute = score([doc(*g)], {"d": p}, {"absolute"}).overall
    # the prediction on the ref mention is ignored, the one on nothing stays a false positive
    assert (only_absolute.relaxed.tp, only_absolute.relaxed.fp, only_absolute.relaxed.fn) == (
        1,
        1,
        0,
    )
    assert only_absolute.ignored_predictions == 1
    only_ref = run(g, p[1:], {"ref"})
    assert (only_ref.tp, only_ref.fp, only_ref.fn) == (1, 1, 0)
    # nothing predicted for the wanted kind: a miss
    missed = run(g, [pred(0, 10)], {"ref"})
    assert (missed.tp, missed.fp, missed.fn) == (0, 0, 1)
    assert (missed.precision, missed.recall, missed.f1) == (0.0, 0.0, 0.0)


def test_value_type_and_mod_mismatches() -> None:
    g = [
        gold(0, 10, "2024-10"),
        gold(20, 30, "2030", mod="ON_OR_BEFORE"),
        gold(40, 50, "P3Y", type="DURATION"),
        gold(60, 70, "2024-10-16"),
    ]
    p = [
        pred(0, 10, "2023-10"),  # wrong value
        pred(20, 30, "2030"),  # right value, mod missing
        pred(40, 48, "P3Y", type="DATE"),  # wrong type, partial span
        pred(60, 70, "2024-10-16"),  # all right
    ]
    s = score([doc(*g)], {"d": p}).overall
    assert (s.relaxed.tp, s.relaxed.fp, s.relaxed.fn) == (4, 0, 0)
    assert (s.strict.tp, s.strict.fp, s.strict.fn) == (3, 1, 1)
    # value F1 needs value and mod: only [40,48) and [60,70) count
    assert (s.value.tp, s.value.fp, s.value.fn) == (2, 2, 2)
    assert s.value.f1 == pytest.approx(0.5)
    assert s.value_accuracy == pytest.approx(3 / 4)
    assert s.type_accuracy == pytest.approx(3 / 4)
    assert s.mod_accuracy == pytest.approx(3 / 4)
    differs = sorted(f.differs for f in s.findings)
    assert differs == [("mod",), ("span", "type"), ("value",)]


def test_micro_average_over_documents_and_missing_predictions() -> None:
    d1 = doc(gold(0, 10), gold(20, 30), id="a")
    d2 = doc(gold(0, 10), id="b")
    s = score([d1, d2], {"a": [pred(0, 10)]})  # nothing for "b"
    assert [(d.relaxed.tp, d.relaxed.fn) for d in s.documents] == [(1, 1), (0, 1)]
    assert (s.overall.relaxed.tp, s.overall.relaxed.fp, s.overall.relaxed.fn) == (1, 0, 2)
    assert s.overall.relaxed.recall == pytest.approx(1 / 3)
    assert s.metric("relaxed_precision") == 1.0


def test_empty_counts() -> None:
    assert (Counts().precision, Counts().recall, Counts().f1) == (1.0, 1.0, 1.0)
    assert Counts(0, 2, 0).f1 == 0.0


# --------------------------------------------------------------------------- command line

GOLD_LINE: dict[str, Any] = {
    "id": "t1",
    "reference": "2024-10-20",
    "text": "Từ ngày 15 đến 18-10, đoàn thăm Nhật Bản; hiện nay hợp tác tốt.",
    "mentions": [
        {
            "start": 0,
            "end": 20,
            "text": "Từ ngày 15 đến 18-10",
            "type": "DATE",
            "value": "2024-10-15/2024-10-18",
            "mod": None,
            "kind": "absolute",
        },
        {
            "start": 42,
            "end": 50,
            "text": "hiện nay",
            "type": "DATE",
            "value": "PRESENT_REF",
            "mod": None,
            "kind": "ref",
        },
    ],
}


def write_gold(tmp_path: Path, obj: object = GOLD_LINE) -> Path:
    path = tmp_path / "g.gold.jsonl"
    path.write_text(json.dumps(obj, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def stub_extract(found: list[tuple[int, int, str, str | None]]) -> Extract:
    def extract(text: str, reference: object = None) -> list[SimpleNamespace]:
        assert reference == "2024-10-20"
        return [
            SimpleNamespace(start=s, end=e, text=text[s:e], type=TimexType.DATE, timex=v, mod=m)
            for s, e, v, m in found
        ]

    return extract


def test_cli_passes_and_ends_with_four_summary_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    extract = stub_extract([(0, 20, "2024-10-15/2024-10-18", None)])
    thresholds = tmp_path / "t.toml"
    thresholds.write_text('[absolute]\nkinds = ["absolute"]\nrelaxed_f1 = 1.0\nvalue_f1 = 1.0\n')
    status = main(["--thresholds", str(thresholds), str(write_gold(tmp_path))], extract=extract)
    out = capsys.readouterr().out.splitlines()
    assert status == 0
    # over all kinds: one hit, the ref mention `hiện nay` missed
    assert out[-4].startswith("relaxed P/R/F1 1.000/0.500/0.667")
    assert out[-3].startswith("strict  P/R/F1 1.000/0.500/0.667")
    assert out[-2].startswith("value F1 0.667 / value acc 1.000 / type acc 1.000")
    assert out[-1].startswith("PASS")
    assert any("MISS" in line and "hiện nay" in line for line in out)


def test_cli_fails_under_a_threshold(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    extract = stub_extract([(3, 20, "2024-10-15", Mod.START)])
    thresholds = tmp_path / "t.toml"
    thresholds.write_text("[all]\nrelaxed_f1 = 0.5\nvalue_f1 = 0.5\n")
    argv = ["--quiet", "--thresholds", str(thresholds), str(write_gold(tmp_path))]
    assert main(argv, extract=extract) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == "FAIL: [all] value_f1 0.000 is under the threshold 0.500"
    assert not any("WRONG" in line for line in out)  # --quiet


def test_cli_kinds_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    extract = stub_extract([(42, 50, "PRESENT_REF", None)])
    assert main(["--kinds", "ref", str(write_gold(tmp_path))], extract=extract) == 0
    assert capsys.readouterr().out.splitlines()[-4].startswith("relaxed P/R/F1 1.000/1.000/1.000")


def test_cli_reports_an_extractor_that_raises(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(text: str, reference: object = None) -> list[object]:
        raise NotImplementedError

    assert main([str(write_gold(tmp_path))], extract=broken) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == "FAIL: the extractor raised on 1/1 documents (NotImplementedError)"


def with_mention(**changes: object) -> str:
    mention = {**GOLD_LINE["mentions"][0], **changes}
    return json.dumps({**GOLD_LINE, "mentions": [mention]}, ensure_ascii=False)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "cannot read the gold file"),
        ("{not json\n", "not valid JSON"),
        ("", "holds no document"),
        (with_mention(end=19), "not 'Từ ngày 15 đến 18-10'"),
        (with_mention(type="X"), "type 'X' is not one of"),
        (with_mention(kind="weekday"), "kind 'weekday' is not one of"),
        (json.dumps({"id": "t"}), "missing field 'text'"),
    ],
)
def test_cli_bad_gold_file_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str | None, message: str
) -> None:
    path = tmp_path / "bad.gold.jsonl"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    assert main([str(path)], extract=stub_extract([])) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("error: ") and message in lines[0]


def test_cli_bad_thresholds_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    thresholds = tmp_path / "t.toml"
    thresholds.write_text("[all]\nrelaxed_f2 = 0.5\n")
    argv = ["--thresholds", str(thresholds), str(write_gold(tmp_path))]
    assert main(argv, extract=stub_extract([])) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and "unknown figure 'relaxed_f2'" in err[0]


def test_seed_thresholds_file_is_valid() -> None:
    from timeline.evaluate import load_thresholds

    tables = {t.table: t for t in load_thresholds(SEEDS / "thresholds.toml")}
    assert tables["absolute"].kinds == frozenset({"absolute"})
    assert dict(tables["absolute"].minimums) == {"relaxed_f1": 0.95, "value_f1": 0.90}
    assert tables["all"].kinds is None


# --------------------------------------------------------------------------- seed gold files

_Y = r"(?:\d{4}|XXXX)"
_POINT = (
    rf"(?:{_Y}(?:-(?:\d\d|XX)(?:-(?:\d\d|XX)(?:T(?:\d\d:\d\d(?::\d\d)?|MO|MI|AF|EV|NI|DT))?)?)?"
    rf"|{_Y}-W(?:\d\d|XX)(?:-[1-7]|-WE)?(?:T\d\d:\d\d)?"
    rf"|{_Y}-(?:Q[1-4]|H[12]|SP|SU|FA|WI)"
    r"|\d{2,3}"
    r"|PRESENT_REF|PAST_REF|FUTURE_REF)"
)
_N = r"(?:\d+(?:\.\d+)?|X)"
_DURATION = rf"P(?:(?:{_N}[YMWD])+(?:T(?:{_N}[HMS])+)?|T(?:{_N}[HMS])+)"
DURATION = re.compile(_DURATION)
VALUE = re.compile(rf"{_DURATION}|{_POINT}(?:/{_POINT})?")
MODS = {m.value for m in Mod}
SEED_GOLD = sorted(SEEDS.glob("*.gold.jsonl"))


def test_every_seed_has_a_gold_file() -> None:
    assert {p.name.removesuffix(".gold.jsonl") for p in SEED_GOLD} == {
        p.stem for p in SEEDS.glob("*.txt")
    }


@pytest.mark.parametrize("path", SEED_GOLD, ids=lambda p: p.name)
def test_seed_gold_is_well_formed(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1
    d = json.loads(lines[0])
    name = path.name.removesuffix(".gold.jsonl")
    assert d["id"] == name
    with open(SEEDS / f"{name}.txt", encoding="utf-8") as f:
        assert d["text"] == f.read()
    dt.date.fromisoformat(d["reference"])
    assert d["reference_note"].strip()
    text = d["text"]
    previous_end = 0
    for m in sorted(d["mentions"], key=lambda m: m["start"]):
        where = f"{name} {m['text']!r}@{m['start']}"
        assert set(m) <= {"start", "end", "text", "type", "value", "mod", "kind", "optional"}
        assert 0 <= m["start"] < m["end"] <= len(text), where
        assert text[m["start"] : m["end"]] == m["text"], where
        assert m["text"] == m["text"].strip(" \t\n,.;:()“”\"'"), where
        assert m["start"] >= previous_end, f"{where} overlaps the mention before it"
        previous_end = m["end"]
        assert m["type"] in TYPES, where
        assert m["kind"] in KINDS, where
        assert m["mod"] is None or m["mod"] in MODS, where
        assert m.get("optional", False) in (True, False), where
        assert VALUE.fullmatch(m["value"]), where
        is_length = DURATION.fullmatch(m["value"]) is not None
        if m["type"] == "DURATION":
            assert is_length, where
        if m["type"] in ("DATE", "TIME"):
            assert not is_length, where
        if m["type"] == "TIME":
            assert "T" in m["value"], where
        start, _, end = m["value"].partition("/")
        if (
            end
            and re.fullmatch(r"\d{4}(?:-\d\d){0,2}", start)
            and re.fullmatch(r"\d{4}(?:-\d\d){0,2}", end)
        ):
            assert start <= end, where


def test_seed_gold_loads_with_the_evaluator() -> None:
    from timeline.evaluate import load_gold

    docs = load_gold(SEED_GOLD)
    assert len(docs) == len(SEED_GOLD)
    assert all(doc.mentions for doc in docs)
