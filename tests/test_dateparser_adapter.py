"""Dates in other languages inside Vietnamese text, through dateparser (issue 3):
off unless asked for with ``languages=("vi", "en")``, at the grain the text gives, never
overlapping a Vietnamese mention, offsets into the caller's string."""

from __future__ import annotations

import itertools
import subprocess
import sys
import unicodedata

import pytest

import timeline

REFERENCE = "2024-10-20"
BOTH = ("vi", "en")


def found(text: str, languages: tuple[str, ...] = BOTH, reference: str | None = REFERENCE
          ) -> list[tuple[str, str]]:
    mentions = timeline.extract(text, reference=reference, languages=languages)
    assert all(text[m.start : m.end] == m.text for m in mentions)
    return [(m.text, m.timex) for m in mentions]


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("Hội nghị khai mạc vào October 15, 2024 tại Hà Nội.", "October 15, 2024", "2024-10-15"),
        ("Sự kiện diễn ra ngày 15 Oct 2024 ở Tokyo.", "15 Oct 2024", "2024-10-15"),
        ("Hạn chót là Oct. 15, mọi người lưu ý.", "Oct. 15", "2024-10-15"),
        ("Triển lãm mở cửa từ September 2023.", "September 2023", "2023-09"),
        ("Báo cáo công bố on March 3rd, 2022.", "March 3rd, 2022", "2022-03-03"),
        ("Vé bán từ 1 December 2024.", "1 December 2024", "2024-12-01"),
    ],
)
def test_english_dates(text: str, span: str, value: str) -> None:
    assert (span, value) in found(text)


def test_off_unless_asked() -> None:
    text = "Hội nghị khai mạc vào October 15, 2024 tại Hà Nội."
    assert all(t != "October 15, 2024" for t, _ in found(text, ("vi",)))
    assert ("October 15, 2024", "2024-10-15") in found(text, BOTH)


def test_a_year_left_out_is_resolved_like_a_vietnamese_one() -> None:
    # Oct. 15 without a year: the nearest 15 October to the reference, as for `ngày 15-10`
    assert found("Hạn chót là Oct. 15.", reference="2024-10-20") == [("Oct. 15", "2024-10-15")]
    assert found("Hạn chót là Oct. 15.", reference=None) == [("Oct. 15", "XXXX-10-15")]


def test_never_overlapping_vietnamese_mentions() -> None:
    text = "Ngày 15/10/2024 (October 15, 2024), đoàn tới Tokyo; tháng 10/2024 và 10/2024."
    mentions = timeline.extract(text, reference=REFERENCE, languages=BOTH)
    spans = [(m.start, m.end) for m in mentions]
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))
    assert [(m.text, m.timex) for m in mentions][:2] == [
        ("Ngày 15/10/2024", "2024-10-15"),
        ("October 15, 2024", "2024-10-15"),
    ]
    assert all(m.rule != "dateparser" for m in mentions if "10/2024" in m.text)


def test_vietnamese_words_are_not_english_months() -> None:
    # `May` starts `May mắn` (luck); bare numbers and Vietnamese dates stay Vietnamese
    text = "May mắn thay, có 2024 người đến; ngày 17-10 và tháng 10/2024."
    assert found(text, BOTH) == found(text, ("vi",))


def test_offsets_in_a_decomposed_text() -> None:
    text = unicodedata.normalize("NFD", "Đoàn công tác đến Nhật vào October 15, 2024.")
    mentions = timeline.extract(text, reference=REFERENCE, languages=BOTH)
    english = [m for m in mentions if m.rule == "dateparser"]
    assert [(m.text, m.timex) for m in english] == [("October 15, 2024", "2024-10-15")]
    assert text[english[0].start : english[0].end] == "October 15, 2024"


def test_only_english() -> None:
    text = "October 15, 2024 và ngày 16/10/2024"
    assert found(text, ("en",)) == [("October 15, 2024", "2024-10-15")]


def test_bad_languages() -> None:
    with pytest.raises(timeline.InvalidArgumentError):
        timeline.extract("October 15, 2024", languages=("vi", "xx-not-a-language"))
    with pytest.raises(timeline.InvalidTypeError):
        timeline.extract("October 15, 2024", languages="en")  # type: ignore[arg-type]


def test_importing_timeline_does_not_import_dateparser() -> None:
    code = (
        "import sys, timeline\n"
        "timeline.extract('Ngày 15/10/2024', reference='2024-10-20')\n"
        "assert 'dateparser' not in sys.modules, 'dateparser imported'\n"
        "timeline.extract('October 15, 2024', reference='2024-10-20', languages=('vi', 'en'))\n"
        "assert 'dateparser' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_only_the_adapter_imports_dateparser() -> None:
    from pathlib import Path

    package = Path(timeline.__file__).parent
    importers = sorted(
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        if "import dateparser" in path.read_text() or "from dateparser" in path.read_text()
    )
    assert importers == ["adapters/dateparser.py"]
