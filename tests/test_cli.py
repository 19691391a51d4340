"""The command line: extract, query, export; problems as one line and an exit status.

The extractor is replaced by a small stand-in (``ngày D-M`` only) so that these tests
are about the command line; ``test_python_m_timeline_runs`` uses the real package.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import icalendar
import jsonschema
import pytest

from timeline.calendar import interval_of, zone
from timeline.cli import main
from timeline.export.json import schema
from timeline.model import Day, Mention

ROOT = Path(__file__).resolve().parents[1]


def fake_extract(text: str, reference: date | None, tz: str) -> list[Mention]:
    if "BOOM" in text:
        raise RuntimeError("the engine broke")
    year = reference.year if reference else None
    found = []
    for match in re.finditer(r"[Nn]gày (\d{1,2})-(\d{1,2})", text):
        value = Day(year, int(match[2]), int(match[1]))
        found.append(Mention(text=match[0], start=match.start(), end=match.end(), value=value,
                             interval=interval_of(value, zone(tz)) if year else None))
    return found


@pytest.fixture(autouse=True)
def _stand_in(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("timeline.timeline._extract", fake_extract)
    monkeypatch.setattr("timeline.timeline._infer_reference",
                        lambda text: date(2024, 10, 20) if "Hà Nội, 20/10/2024" in text else None)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "bài"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("Hà Nội, 20/10/2024\nNgày 16-10, Chủ tịch JETRO đã tiếp đoàn "
                                  "đại biểu tại Tokyo.", encoding="utf-8")
    (folder / "sub" / "b.txt").write_text("Lễ hội Kanagawa diễn ra ngày 16-11 tại Hà Nội, với "
                                          "nhiều hoạt động.", encoding="utf-8")
    (folder / "notes.md").write_text("not a text to read", encoding="utf-8")
    return folder


class Run:
    def __init__(self, *argv: str, stdin: str = "", tty: bool = False) -> None:
        self.stdout = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", newline="")
        self.stderr = _Terminal() if tty else io.StringIO()
        self.status = main(list(argv), stdin=io.StringIO(stdin), stdout=self.stdout,
                           stderr=self.stderr)
        self.stdout.flush()
        self.out_bytes = self.stdout.buffer.getvalue()
        self.out = self.out_bytes.decode("utf-8")
        self.err = self.stderr.getvalue()


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _one_line(err: str) -> None:
    assert err.count("\n") == 1 and err.endswith("\n"), err
    assert "Traceback" not in err


# --- extract ---------------------------------------------------------------------------------


def test_extract_prints_a_table_and_writes_ics_and_json(corpus: Path, tmp_path: Path) -> None:
    ics, data = tmp_path / "out.ics", tmp_path / "out.json"
    run = Run("extract", str(corpus), "--reference", "2024-10-01", "--ics", str(ics),
              "--json", str(data))
    assert run.status == 0, run.err
    assert run.err == ""
    assert "== a  (reference 2024-10-01, 1 mentions)" in run.out
    assert "== sub/b  (reference 2024-10-01, 1 mentions)" in run.out
    assert re.search(r"DATE\s+2024-10-16\s+Ngày 16-10", run.out)
    assert "== bài: 2 events" in run.out
    assert "Chủ tịch JETRO tiếp đoàn đại biểu" in run.out
    calendar = icalendar.Calendar.from_ical(ics.read_bytes())
    assert str(calendar["X-WR-CALNAME"]) == "bài"
    assert len(calendar.walk("VEVENT")) == 2
    jsonschema.validate(json.loads(data.read_text(encoding="utf-8")), schema())


def test_references_by_document_win_over_the_default_and_the_text(corpus: Path,
                                                                   tmp_path: Path) -> None:
    references = tmp_path / "gold.jsonl"
    references.write_text('{"id": "sub/b", "reference": "2023-01-05", "text": "…"}\n',
                          encoding="utf-8")
    run = Run("extract", str(corpus), "--references", str(references), "--format", "json")
    assert run.status == 0, run.err
    documents = {d["id"]: d["reference"] for d in json.loads(run.out)["documents"]}
    assert documents == {"a": "2024-10-20", "sub/b": "2023-01-05"}  # inferred, then given
    mapping = tmp_path / "refs.json"
    mapping.write_text('{"a": "2022-02-02"}', encoding="utf-8")
    run = Run("extract", str(corpus / "a.txt"), "--references", str(mapping), "--format", "json")
    assert json.loads(run.out)["documents"][0]["reference"] == "2022-02-02"


def test_stdin_and_json_lines(tmp_path: Path) -> None:
    run = Run("extract", "-", "--format", "jsonl", "--reference", "2024-10-20",
              stdin="Ngày 17-10, hai bên đã ký kết.")
    assert run.status == 0, run.err
    [line] = run.out.splitlines()
    record = json.loads(line)
    assert record["id"] == "stdin" and record["mentions"][0]["value"] == "2024-10-17"
    jsonschema.validate(record, schema())


def test_formats_to_stdout_and_files(corpus: Path, tmp_path: Path) -> None:
    run = Run("extract", str(corpus), "--reference", "2024-10-01", "--format", "ics")
    assert run.status == 0 and run.out_bytes.startswith(b"BEGIN:VCALENDAR\r\n")
    run = Run("extract", str(corpus / "a.txt"), "--format", "timeml")
    assert run.out.startswith("<?xml") and '<TIMEX3 tid="t1"' in run.out
    target = tmp_path / "t.json"
    run = Run("extract", str(corpus), "--format", "json", "-o", str(target))
    assert run.status == 0 and run.out == "" and json.loads(target.read_text())["events"]


def test_a_bad_file_is_one_line_and_the_others_go_on(corpus: Path) -> None:
    (corpus / "latin1.txt").write_bytes("Ngày 16-10 đoàn thăm".encode("cp1258"))
    (corpus / "boom.txt").write_text("BOOM ngày 1-1", encoding="utf-8")
    run = Run("extract", str(corpus), str(corpus / "missing.txt"), "--reference", "2024-10-01")
    assert run.status == 1
    lines = run.err.splitlines()
    assert len(lines) == 3 and "Traceback" not in run.err
    assert any("missing.txt: no such file or directory" in line for line in lines)
    assert any("latin1.txt: not UTF-8 text" in line for line in lines)
    assert any("boom.txt: could not be processed: RuntimeError: the engine broke" in line
               for line in lines)
    assert all(line.startswith("timeline: ") for line in lines)
    assert "== a " in run.out and "== sub/b " in run.out and "== timeline: 2 events" in run.out


def test_nothing_readable_is_an_error(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    run = Run("extract", str(empty))
    assert run.status == 1
    _one_line(run.err)


@pytest.mark.parametrize("argv", [
    ["extract", "x.txt", "--reference", "20/10/2024"],
    ["extract", "x.txt", "--tz", "Mars/Base"],
    ["extract", "x.txt", "--format", "pdf"],
    ["extract"],
    ["frobnicate"],
    [],
    ["query", "x.json", "--between", "2024-10-01"],
    ["extract", "x.txt", "--no-such-option"],
])
def test_a_bad_argument_is_one_line_and_status_2(argv: list[str]) -> None:
    run = Run(*argv)
    assert run.status == 2
    _one_line(run.err)
    assert run.err.startswith("timeline: error: ")


def test_a_progress_bar_only_on_a_terminal(corpus: Path) -> None:
    assert "\r" not in Run("extract", str(corpus)).err
    shown = Run("extract", str(corpus), tty=True)
    assert "\r" in shown.err and "2/2" in shown.err and shown.err.endswith("\r\x1b[K")


def test_help_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    assert "extract" in capsys.readouterr().out


# --- query and export ------------------------------------------------------------------------


@pytest.fixture
def saved(corpus: Path, tmp_path: Path) -> Path:
    target = tmp_path / "saved.json"
    assert Run("extract", str(corpus), "--reference", "2024-10-01", "--json",
               str(target)).status == 0
    return target


def test_query_filters_and_formats(saved: Path) -> None:
    run = Run("query", str(saved), "--between", "2024-10-01", "2024-10-31")
    assert run.status == 0 and "== bài: 1 events" in run.out and "JETRO" in run.out
    run = Run("query", str(saved), "--search", "le hoi", "--format", "json")
    assert [e["title"] for e in json.loads(run.out)["events"]] == [
        "Lễ hội Kanagawa diễn ra tại Hà Nội"]
    run = Run("query", str(saved), "--category", "meeting", "--type", "date", "--precise")
    assert "JETRO" in run.out and "Kanagawa" not in run.out
    run = Run("query", str(saved), "--on", "2024-11-16", "--format", "ics")
    assert run.out_bytes.count(b"BEGIN:VEVENT") == 1
    run = Run("query", str(saved), "--source", "sub/b", "--after", "2024-10-20")
    assert "Kanagawa" in run.out


def test_query_of_a_bad_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "something else"}', encoding="utf-8")
    run = Run("query", str(bad))
    assert run.status == 1
    _one_line(run.err)
    assert "not a timeline JSON file" in run.err
    run = Run("query", str(tmp_path / "none.json"))
    assert run.status == 1 and "cannot read" in run.err


def test_export(saved: Path, tmp_path: Path) -> None:
    target = tmp_path / "x.ics"
    run = Run("export", str(saved), "--format", "ics", "-o", str(target))
    assert run.status == 0 and target.read_bytes().startswith(b"BEGIN:VCALENDAR")
    again = tmp_path / "y.ics"
    Run("export", str(saved), "--format", "ics", "-o", str(again))
    assert target.read_bytes() == again.read_bytes()
    run = Run("export", str(saved), "--format", "timeml", "--document", "sub/b")
    assert "<DOCID>sub/b</DOCID>" in run.out and run.out.count("<TimeML>") == 1
    run = Run("export", str(saved), "--format", "timeml", "--document", "zzz")
    assert run.status == 2
    run = Run("export", str(saved), "--format", "jsonl")
    assert len(run.out.splitlines()) == 2
    run = Run("export", str(saved), "--format", "ics", "-o", str(tmp_path / "no" / "x.ics"))
    assert run.status == 1 and "cannot write" in run.err


def test_python_m_timeline_runs() -> None:
    run = subprocess.run([sys.executable, "-m", "timeline", "--help"], capture_output=True,
                         text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    assert "extract" in run.stdout and "query" in run.stdout and "export" in run.stdout
