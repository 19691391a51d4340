"""``timeline.infer_reference``: the date a text says it was written (issue 3, Resolution).

Only a byline, a dateline or a notice's date line near the start or the end of the text
counts; a date in the body never does, and nothing comes from the clock.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

import timeline
from timeline import infer_reference

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

FOUND = [
    # bylines
    ("Đối ngoại\n\nĐối ngoại Thủ đô Hà Nội\n\nQuỳnh Dương 17/01/2024 06:56\n\nNăm 2023, Hà Nội…",
     date(2024, 1, 17)),
    ("Thứ Tư, 16/10/2024 08:30 (GMT+7)\nĐoàn công tác thăm Nhật Bản từ ngày 15 đến 18-10.",
     date(2024, 10, 16)),
    ("Cập nhật: 20/11/2024\nLịch nghỉ Tết năm nay kéo dài 9 ngày.", date(2024, 11, 20)),
    ("Cập nhật lúc 08:30 ngày 20/11/2024\nNội dung.", date(2024, 11, 20)),
    ("Tin tức\n17/01/2024 06:56 | Quỳnh Dương\nNội dung bài viết.", date(2024, 1, 17)),
    # datelines
    ("Hà Nội, ngày 20/11/2024\nKính gửi các đơn vị.", date(2024, 11, 20)),
    ("TP.HCM, ngày 5 tháng 3 năm 2024\nThông báo lịch họp.", date(2024, 3, 5)),
    # a notice: its date line after the national motto, and a meeting date in the body
    (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Số: 123/TB-UBND\nHà Nội, ngày 15 tháng 10 năm 2024\nTHÔNG BÁO\n"
        "Về việc tổ chức họp vào ngày 20/10/2024.",
        date(2024, 10, 15),
    ),
    # a notice's date line at the end, after the place left blank
    ("Thông báo\nCác đơn vị nộp báo cáo trước ngày 30/11/2024.\nTrân trọng.\n"
     "…, ngày 15 tháng 10 năm 2024\nGIÁM ĐỐC", date(2024, 10, 15)),
    # typed without diacritics
    ("Ha Noi, ngay 20/11/2024\nKinh gui cac don vi.", date(2024, 11, 20)),
    ("Cap nhat: 20/11/2024\nNoi dung.", date(2024, 11, 20)),
]


@pytest.mark.parametrize(("text", "expected"), FOUND, ids=[t[:30] for t, _ in FOUND])
def test_finds_the_date_of_writing(text: str, expected: date) -> None:
    assert infer_reference(text) == expected


NONE = [
    "Ngày 17-10-2024, đoàn đến Kanagawa.",  # a sentence of the body, not a dateline
    "Hội nghị ngày 20/11/2024 tại Hà Nội",  # a title with a date in it
    "Lịch họp: ngày 20/11/2024 và ngày 21/11/2024",  # two dates: not one line's date
    "Ngày 20/11/2024, Hà Nội đón đoàn khách.",
    "Hà Nội, ngày 20/11",  # no year: not a full date
    "",
    "Không có ngày tháng nào ở đây.",
]


@pytest.mark.parametrize("text", NONE)
def test_no_date_of_writing(text: str) -> None:
    assert infer_reference(text) is None


def test_only_the_first_and_last_lines() -> None:
    body = "\n".join(f"Đoạn {i} của bài viết." for i in range(20))
    assert infer_reference(body + "\n") is None
    middle = body.replace("Đoạn 10 của bài viết.", "Hà Nội, ngày 20/11/2024")
    assert infer_reference(middle) is None
    assert infer_reference(middle + "\nHà Nội, ngày 21/11/2024") == date(2024, 11, 21)


def test_the_start_before_the_end() -> None:
    text = "Hà Nội, ngày 20/11/2024\nNội dung.\nCập nhật: 22/11/2024"
    assert infer_reference(text) == date(2024, 11, 20)


def test_the_seed_byline() -> None:
    doc = json.loads((SEEDS / "003_d03d7d6f182dc1e5.gold.jsonl").read_text().splitlines()[0])
    assert infer_reference(doc["text"]) == date.fromisoformat(doc["reference"])


def test_seeds_without_a_byline_have_none() -> None:
    for path in sorted(SEEDS.glob("*.gold.jsonl")):
        if path.name.startswith("003_"):
            continue
        doc = json.loads(path.read_text().splitlines()[0])
        assert infer_reference(doc["text"]) is None, path.name


def test_extract_does_not_infer() -> None:
    text = "Hà Nội, ngày 20/11/2024\nHôm qua đoàn đã về."
    mentions = timeline.extract(text)
    assert [m.timex for m in mentions] == ["2024-11-20", "XXXX-XX-XX"]
    inferred = infer_reference(text)
    assert [m.timex for m in timeline.extract(text, reference=inferred)] == [
        "2024-11-20",
        "2024-11-19",
    ]


def test_nfd_text() -> None:
    import unicodedata

    text = unicodedata.normalize("NFD", "Hà Nội, ngày 20 tháng 11 năm 2024\nNội dung.")
    assert infer_reference(text) == date(2024, 11, 20)


def test_not_a_string() -> None:
    with pytest.raises(timeline.InvalidTypeError):
        infer_reference(None)  # type: ignore[arg-type]
