"""External corpora, read from ``tests/data`` (each directory has its SOURCE.md and licence).

- ``ud_vtb``: 676 news sentences of the UD Vietnamese VTB treebank (CC BY-SA 4.0), raw
  (tokenised) and de-tokenised. No gold values: every sentence must go through
  :func:`timeline.extract` without an exception and with valid offsets, and the known
  hard negatives of its SOURCE.md (``sáng lập``, ``Quý Châu``, ``5 - 6 tạ cá`` …) must not
  fall inside a mention.
- ``duckling_vi_time``: the Vietnamese time corpus of Duckling (BSD 3-Clause), short
  phrases with values resolved at 2017-02-02T03:55 in UTC-2. Each row is mapped to our
  conventions (an instant at grain Day is ``YYYY-MM-DD``, Month ``YYYY-MM`` …); rows marked
  with a ``quirk`` (Duckling's own conventions, such as future preference) and rows our
  conventions cannot express are skipped. The share of rows where :func:`timeline.parse`
  gives the Duckling value must not fall under ``floor.txt``: a ratchet, raised by hand
  when the grammar learns more, never lowered to make a change pass.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

import timeline

DATA = Path(__file__).resolve().parent / "data"
UD = DATA / "ud_vtb"
DUCKLING = DATA / "duckling_vi_time"


# --- UD Vietnamese VTB --------------------------------------------------------------------


def _ud_sentences(name: str) -> list[tuple[str, str]]:
    rows = []
    for line in (UD / name).read_text(encoding="utf-8").splitlines():
        sent_id, text = line.split("\t", 1)
        rows.append((sent_id, text))
    return rows


UD_FILES = ("sentences.txt", "sentences_detok.txt")

# The known non-temporal triggers of ud_vtb/SOURCE.md: words that look like times but are
# not (sáng lập = to found, tối đa = at most, Quý Châu = Guizhou) and numbers that look
# like dates (5 - 6 tạ cá = 5-6 quintals of fish, 1/4 dự án = a quarter of the project,
# công viên 30 - 4 = the "30-4" park, a name).
HARD_NEGATIVES = (
    "sáng lập",
    "sáng tạo",
    "tối đa",
    "Quý Châu",
    "5 - 6 tạ cá",
    "3 - 4 nhân viên",
    "1/4 dự án",
    "2 - 3 tấc",
    "công viên 30 - 4",
)

# Hard negatives that a mention covers today: phrase -> why (a bug for the rule owner).
KNOWN_BAD_NEGATIVES: dict[str, str] = {}


def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    """The phrase in either file: spaces around ``-`` and ``/`` between digits optional."""
    parts = []
    for token in re.split(r"(\s*[-/]\s*|\s+)", phrase):
        if not token:
            continue
        if token.strip() in ("-", "/"):
            parts.append(rf"\s*[{re.escape(token.strip())}–]\s*")
        elif token.isspace():
            parts.append(r"\s+")
        else:
            parts.append(re.escape(token))
    return re.compile(r"(?<!\w)" + "".join(parts) + r"(?!\w)", re.IGNORECASE)


def _check_offsets(source: str, mentions: list[timeline.Mention]) -> None:
    end = 0
    for m in mentions:
        assert 0 <= m.start < m.end <= len(source), m
        assert source[m.start : m.end] == m.text, m
        assert m.start >= end, f"overlap or disorder: {mentions}"
        end = m.end


@pytest.mark.parametrize("name", UD_FILES)
@pytest.mark.parametrize("reference", [None, "2004-06-15"], ids=["no reference", "2004-06-15"])
def test_every_ud_sentence_goes_through(name: str, reference: str | None) -> None:
    sentences = _ud_sentences(name)
    assert len(sentences) == 676
    found = 0
    for sent_id, text in sentences:
        try:
            mentions = timeline.extract(text, reference=reference)
        except Exception as error:  # pragma: no cover - the message is the point
            raise AssertionError(f"{name} {sent_id}: {error!r} on {text!r}") from error
        _check_offsets(text, mentions)
        found += len(mentions)
    assert found > 0


@pytest.mark.parametrize(
    "phrase",
    [
        pytest.param(p, marks=[pytest.mark.xfail(strict=True, reason=KNOWN_BAD_NEGATIVES[p])])
        if p in KNOWN_BAD_NEGATIVES
        else p
        for p in HARD_NEGATIVES
    ],
)
def test_ud_hard_negatives_are_not_inside_a_mention(phrase: str) -> None:
    pattern = _phrase_pattern(phrase)
    occurrences = 0
    inside = []
    for name in UD_FILES:
        for sent_id, text in _ud_sentences(name):
            spans = [match.span() for match in pattern.finditer(text)]
            if not spans:
                continue
            occurrences += len(spans)
            for m in timeline.extract(text, reference="2004-06-15"):
                for start, end in spans:
                    if m.start < end and start < m.end:
                        inside.append(f"{name} {sent_id}: {m.text!r} {m.timex} ({m.rule})")
    if not occurrences:
        pytest.skip(f"{phrase!r} does not occur in the UD sentences")
    assert not inside, f"{phrase!r} falls inside mentions:\n" + "\n".join(inside)


# --- Duckling -----------------------------------------------------------------------------

DUCKLING_REFERENCE = "2017-02-02"
DUCKLING_TZ = "-02:00"
_REF_INSTANT = "2017-02-02T03:55:00-02:00"

# Duckling's parts of day as intervals on one day (hours, end exclusive; 24 = midnight
# after) and the TIMEX3 part of day of spec §3a they stand for.
_PARTS_OF_DAY = {(4, 12): "MO", (12, 14): "MI", (12, 19): "AF", (18, 24): "EV"}


def _local(value: str) -> datetime:
    return datetime.fromisoformat(value)


def duckling_timex(row: dict[str, Any]) -> str | None:
    """The TIMEX3 value of spec §3 for a Duckling row, or None where ours has no equivalent."""
    grain = row["grain"]
    if row["kind"] == "instant":
        at = _local(row["value"])
        day = at.date().isoformat()
        if grain == "second":
            return "PRESENT_REF" if row["value"] == _REF_INSTANT else f"{day}T{at:%H:%M:%S}"
        if grain in ("minute", "hour"):
            return f"{day}T{at:%H:%M}"
        if grain == "day":
            return day
        if grain == "week":
            year, week, _ = at.date().isocalendar()
            return f"{year:04d}-W{week:02d}"
        if grain == "month":
            return f"{at:%Y-%m}"
        if grain == "quarter":
            return f"{at.year:04d}-Q{(at.month - 1) // 3 + 1}"
        if grain == "year":
            return f"{at.year:04d}"
        return None
    if row["kind"] == "interval" and grain == "hour":
        start, end = _local(row["from"]), _local(row["to"])
        end_hour = 24 if end.date() > start.date() and end.hour == 0 else end.hour
        if end.date() > start.date() and end_hour != 24:
            return None
        part = _PARTS_OF_DAY.get((start.hour, end_hour))
        return f"{start.date().isoformat()}T{part}" if part else None
    return None


def _duckling_rows() -> list[dict[str, Any]]:
    lines = (DUCKLING / "duckling_vi_time.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def test_the_duckling_mapping_on_hand_checked_rows() -> None:
    """The mapping itself, on rows whose TIMEX3 value is clear from the spec."""
    by_text = {row["text"]: row for row in _duckling_rows()}
    expected = {
        "hôm nay": "2017-02-02",
        "tháng 6": "2017-06",
        "quý 4 năm 2018": "2018-Q4",
        "năm ngoái": "2016",
        "tuần này": "2017-W05",
        "10:45": "2017-02-02T10:45",
        "vào lúc 3 giờ chiều": "2017-02-02T15:00",
        "bây giờ": "PRESENT_REF",
        "tối nay": "2017-02-02TEV",
        "trưa mai": "2017-02-03TMI",
        "sáng chủ nhật": "2017-02-05TMO",
        "sau bữa trưa": None,
    }
    assert {text: duckling_timex(by_text[text]) for text in expected} == expected


# Rows that Duckling's future preference decides but its SOURCE.md does not mark as a
# quirk: our spec (§5) takes the nearest candidate where no tense word is given.
FUTURE_PREFERENCE = {
    "ngày 12/10": "the nearest 12 October to 2017-02-02 is 2016-10-12; Duckling takes 2017's",
    "lúc 2 giờ sáng": "02:00 has passed at 03:55, so Duckling takes the next day",
    "vào lúc 2 giờ sáng": "02:00 has passed at 03:55, so Duckling takes the next day",
}


def _duckling_cases() -> Iterator[tuple[str, str]]:
    seen = set()
    for row in _duckling_rows():
        if row.get("quirk") or row["text"] in FUTURE_PREFERENCE or row["text"] in seen:
            continue
        timex = duckling_timex(row)
        if timex is None:
            continue
        seen.add(row["text"])
        yield row["text"], timex


def _read_floor() -> float:
    for line in (DUCKLING / "floor.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            return float(line)
    raise AssertionError("tests/data/duckling_vi_time/floor.txt holds no number")


def _parse_timex(text: str) -> str | None:
    try:
        return timeline.parse(text, reference=DUCKLING_REFERENCE, tz=DUCKLING_TZ).timex
    except timeline.ParseError:
        return None


def test_duckling_share_does_not_fall(report_figure: Callable[[str, str], None]) -> None:
    cases = list(_duckling_cases())
    assert len(cases) >= 100
    failures = []
    for text, expected in cases:
        got = _parse_timex(text)
        if got != expected:
            failures.append(f"  {text!r}: expected {expected}, got {got or 'no mention'}")
    share = 1 - len(failures) / len(cases)
    floor = _read_floor()
    figure = f"{share:.3f} ({len(cases) - len(failures)}/{len(cases)} rows), floor {floor:.2f}"
    report_figure("Duckling VI time corpus, share of values", figure)
    print(f"Duckling share: {figure}")
    assert share >= floor, (
        f"the Duckling share fell to {share:.3f} under the floor {floor:.2f}; "
        f"{len(failures)} rows differ:\n" + "\n".join(failures)
    )
    if share >= floor + 0.05:
        print(f"Duckling share {share:.3f}: raise floor.txt to {int(share * 20) / 20:.2f}")


def test_duckling_negatives_give_no_time() -> None:
    lines = (DUCKLING / "duckling_vi_time_negative.jsonl").read_text(encoding="utf-8")
    for line in lines.splitlines():
        text = json.loads(line)["text"]
        assert timeline.extract(text, reference=DUCKLING_REFERENCE, tz=DUCKLING_TZ) == [], text


def test_duckling_reference_is_what_its_source_says() -> None:
    for row in _duckling_rows():
        assert row["ref"] == _REF_INSTANT
    assert date.fromisoformat(DUCKLING_REFERENCE) == _local(_REF_INSTANT).date()
