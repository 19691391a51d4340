"""The conventions of the Python ecosystem: ``Timeline.to_dataframe()`` (pandas, an
optional extra), ``attrs.asdict`` of mentions and events, reprs that read well in a
notebook, ``python -m timeline`` as the console script."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import attrs
import pytest

import timeline
from timeline import Timeline
from timeline.export.dataframe import COLUMNS

pd = pytest.importorskip("pandas", reason="the pandas extra: pip install 'timeline[pandas]'")

ROOT = Path(__file__).resolve().parent.parent
TEXT = ("Từ ngày 15 đến 18-10, Đoàn đại biểu thành phố Hà Nội thăm Nhật Bản. "
        "Ngày 17-10, tại Kanagawa, hai bên ký kết Bản ghi nhớ hợp tác. "
        "Năm 1010, vua Lý Thái Tổ dời đô ra Thăng Long. "
        "Hội chợ được tổ chức vào tháng 11/2024 tại Hà Nội.")


@pytest.fixture(scope="module")
def small() -> Timeline:
    return Timeline.from_texts({"doc": TEXT}, {"doc": "2024-10-20"}, name="nhỏ")


def test_dataframe_rows_columns_and_types(small: Timeline) -> None:
    df = small.to_dataframe()
    assert list(df.columns) == list(COLUMNS)
    assert len(df) == len(small)
    assert list(df["id"]) == [e.id for e in small]
    assert str(df["start"].dtype) == "datetime64[us, Asia/Ho_Chi_Minh]"
    assert str(df["end"].dtype) == "datetime64[us, Asia/Ho_Chi_Minh]"
    for row, event in zip(df.itertuples(index=False), small, strict=True):
        assert row.start.to_pydatetime() == event.interval.start
        assert row.end.to_pydatetime() == event.interval.end
        assert row.timex == event.timex and row.title == event.title
        assert row.category == event.category.value
        assert row.categories == tuple(c.value for c in event.categories)
        assert row.documents == event.documents
        assert row.phrase == event.when.text
    # Years that nanoseconds cannot hold (before 1677) are kept.
    assert (df["start"].dt.year == 1010).any()
    visit = df[df["timex"] == "2024-10-15/2024-10-18"].iloc[0]
    assert visit["grain"] == "day" and visit["phrase"] == "Từ ngày 15 đến 18-10"
    assert (visit["end"] - visit["start"]) == pd.Timedelta(days=4)
    assert df.loc[df["timex"] == "2024-11", "grain"].item() == "month"


def test_dataframe_works_with_pandas(small: Timeline) -> None:
    df = small.to_dataframe()
    by_year = df.groupby(df["start"].dt.year)["id"].count().to_dict()
    assert by_year[2024] >= 3 and by_year[1010] == 1
    assert df.sort_values("start")["id"].tolist() == df["id"].tolist()  # already in order
    october = df[(df["start"] >= "2024-10-01") & (df["end"] <= "2024-11-01")]
    assert set(october["timex"]) >= {"2024-10-15/2024-10-18", "2024-10-17"}


def test_dataframe_of_an_empty_timeline_and_other_zones() -> None:
    empty = Timeline().to_dataframe()
    assert list(empty.columns) == list(COLUMNS) and len(empty) == 0
    assert str(empty["start"].dtype).startswith("datetime64[us")
    paris = Timeline.from_texts({"d": "Ngày 17-10-2024, hai bên ký kết Bản ghi nhớ hợp tác."},
                                tz="Europe/Paris").to_dataframe()
    assert str(paris["start"].dtype) == "datetime64[us, Europe/Paris]"
    assert paris["start"].iloc[0] == pd.Timestamp("2024-10-17", tz="Europe/Paris")
    fixed = Timeline.from_texts({"d": "Ngày 17-10-2024, hai bên ký kết Bản ghi nhớ hợp tác."},
                                tz="+07:00").to_dataframe()
    assert fixed["start"].iloc[0].utcoffset().total_seconds() == 7 * 3600


def test_attrs_asdict_of_mentions_and_events(small: Timeline) -> None:
    [mention] = timeline.extract("Từ ngày 15 đến 18-10", reference="2024-10-20")
    data = attrs.asdict(mention)
    assert data["text"] == "Từ ngày 15 đến 18-10" and data["start"] == 0
    assert data["value"]["start"] == {"year": 2024, "month": 10, "day": 15}
    assert data["interval"]["start"] == datetime(2024, 10, 15,
                                                 tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    event = small[0]
    as_dict = attrs.asdict(event)
    assert as_dict["id"] == event.id and as_dict["title"] == event.title
    assert as_dict["when"]["text"] == event.when.text
    assert as_dict["sources"] == tuple(attrs.asdict(s) for s in event.sources)
    assert as_dict["sources"][0] == {"document": "doc", "start": event.sources[0].start,
                                     "end": event.sources[0].end}
    # Round trip of the plain values through JSON, with datetimes as strings.
    assert json.loads(json.dumps(as_dict, default=str))["id"] == event.id
    # Every mention of a document, whatever its value class.
    for doc in small.documents:
        for m in doc.mentions:
            assert attrs.asdict(m)["text"] == m.text
    assert attrs.asdict(event, recurse=False)["when"] is event.when


def test_reprs_read_well(small: Timeline) -> None:
    [mention] = timeline.extract("Từ ngày 15 đến 18-10", reference="2024-10-20")
    assert repr(mention) == "<Mention 'Từ ngày 15 đến 18-10' [0:20] DATE 2024-10-15/2024-10-18>"
    visit = small.on("2024-10-15").precise_only()[0]
    assert repr(visit) == (f"<Event {visit.id} 2024-10-15/2024-10-18 {visit.category} "
                           f"'{visit.title}'>")
    assert repr(small) == f"<Timeline 'nhỏ': {len(small)} events from 1 documents>"
    assert "\n" not in repr(small) and len(repr(visit)) < 200


def test_notebook_display(small: Timeline) -> None:
    shown = small._repr_html_()
    assert shown.startswith("<div><code>&lt;Timeline &#x27;nhỏ&#x27;")
    assert shown.count("<tr><td>") == len(small)
    assert "Hai bên ký kết Bản ghi nhớ hợp tác" in shown and "17/10/2024" in shown
    many = Timeline.from_texts({"d": " ".join(f"Ngày {d}-10-2024, hai bên ký kết hợp đồng số {d}."
                                              for d in range(1, 26))})
    assert "… 5 more" in many._repr_html_()


def test_python_dash_m_is_the_console_script() -> None:
    from timeline import __main__, cli

    assert __main__.main is cli.main
    via_module = subprocess.run([sys.executable, "-m", "timeline", "--help"],
                                capture_output=True, text=True, check=True, cwd=ROOT)
    assert via_module.stdout.startswith("usage: timeline ")
    script = Path(sys.executable).parent / "timeline"
    if script.exists():
        via_script = subprocess.run([str(script), "--help"], capture_output=True, text=True,
                                    check=True, cwd=ROOT)
        assert via_script.stdout == via_module.stdout


def test_help_has_examples_in_both_languages_and_exit_codes() -> None:
    result = subprocess.run([sys.executable, "-m", "timeline", "--help"], capture_output=True,
                            text=True, check=True, cwd=ROOT)
    text = result.stdout
    assert "examples / ví dụ" in text
    assert "Từ ngày 15 đến 18-10" in text  # a Vietnamese example
    assert "the times of one sentence" in text and "các mốc thời gian" in text
    for status in ("0 ", "1 ", "2 ", "130"):
        assert f"\n  {status}" in text
    for command in ("extract", "query", "export"):
        sub = subprocess.run([sys.executable, "-m", "timeline", command, "--help"],
                             capture_output=True, text=True, check=True, cwd=ROOT).stdout
        assert "examples / ví dụ" in sub and "exit status / mã thoát" in sub
    documented = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    for status in ("| 0 |", "| 1 |", "| 2 |", "| 130 |"):
        assert status in documented
