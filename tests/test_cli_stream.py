"""``timeline extract`` streams JSON Lines and TimeML over a directory in flat memory, with
the real extractor: the same mentions as ``extract_stream``, the same bytes as the path
that builds a whole Timeline, and bad inputs reported in one line each and skipped.

The corpora are generated from ``seeds/*.txt`` in ``tmp_path``; nothing large is committed.
"""

from __future__ import annotations

import gc
import io
import json
import os
import subprocess
import sys
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest

import timeline
from timeline.cli import main

ROOT = Path(__file__).resolve().parents[1]
SEEDS = [path.read_text(encoding="utf-8") for path in sorted((ROOT / "seeds").glob("*.txt"))]
REFERENCE = "2024-10-20"


def _corpus(folder: Path, copies: int) -> list[str]:
    """``copies`` × the seed articles as files, ten to a sub-directory; their texts in the
    order the command line reads them (name order)."""
    texts: list[str] = []
    for index in range(copies * len(SEEDS)):
        path = folder / f"part{index // 10:04d}" / f"doc{index:05d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        text = SEEDS[index % len(SEEDS)]
        path.write_text(text, encoding="utf-8")
        texts.append(text)
    return texts


class _Counting(io.TextIOBase):
    """A standard output that counts lines and keeps nothing."""

    def __init__(self) -> None:
        self.lines = 0

    def write(self, text: str) -> int:
        self.lines += text.count("\n")
        return len(text)


def _run(*argv: str, stdout: io.TextIOBase | None = None) -> tuple[int, str, str]:
    out = stdout if stdout is not None else io.StringIO()
    err = io.StringIO()
    status = main(list(argv), stdin=io.StringIO(""), stdout=out,  # type: ignore[arg-type]
                  stderr=err)
    return status, out.getvalue() if isinstance(out, io.StringIO) else "", err.getvalue()


def _peak(folder: Path, target: Path) -> int:
    gc.collect()
    tracemalloc.start()
    try:
        status, _, err = _run("extract", str(folder), "--reference", REFERENCE,
                              "--format", "jsonl", "-o", str(target))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert status == 0 and err == "", err
    return peak


def _values(lines: Iterator[str]) -> list[list[tuple[int, int, str]]]:
    return [[(m["start"], m["end"], m["value"]) for m in json.loads(line)["mentions"]]
            for line in lines]


def test_json_lines_of_a_directory_stream_in_flat_memory(tmp_path: Path) -> None:
    small_folder, large_folder = tmp_path / "x1", tmp_path / "x10"
    _corpus(small_folder, 2)
    texts = _corpus(large_folder, 20)
    # the grammar and the lexicon are built outside the count
    assert _run("extract", str(small_folder / "part0000" / "doc00000.txt"))[0] == 0
    small = _peak(small_folder, tmp_path / "x1.jsonl")
    large = _peak(large_folder, tmp_path / "x10.jsonl")
    assert large < 2 * small, (small, large)
    with (tmp_path / "x10.jsonl").open(encoding="utf-8") as lines:
        found = _values(lines)
    expected = [[(m.start, m.end, m.timex) for m in mentions]
                for mentions in timeline.extract_stream(iter(texts), REFERENCE)]
    assert len(found) == len(texts) == 100
    assert found == expected


def test_streaming_writes_what_the_whole_timeline_path_writes(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    _corpus(folder, 1)
    (folder / "empty.txt").write_text("", encoding="utf-8")
    for form in ("jsonl", "timeml"):
        streamed = tmp_path / f"streamed.{form}"
        whole = tmp_path / f"whole.{form}"
        common = ("extract", str(folder), "--reference", REFERENCE, "--format", form)
        assert _run(*common, "-o", str(streamed))[0] == 0
        # --json needs the whole Timeline: every document is kept, the output is the same
        assert _run(*common, "-o", str(whole), "--json", str(tmp_path / "t.json"))[0] == 0
        assert streamed.read_bytes() == whole.read_bytes()
        status, out, err = _run(*common)
        assert status == 0 and err == ""
        assert out.encode("utf-8") == streamed.read_bytes()
    counting = _Counting()
    assert _run("extract", str(folder), "--format", "jsonl", stdout=counting)[0] == 0
    assert counting.lines == len(SEEDS) + 1


def test_the_output_file_inside_the_input_directory_is_not_read_back(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    _corpus(folder, 1)
    (folder / "zz").mkdir()
    target = folder / "zz" / "out.txt"  # listed after the first document is written
    status, _, err = _run("extract", str(folder), "--format", "jsonl", "-o", str(target))
    assert status == 1 and err.count("\n") == 1 and "out.txt: skipped" in err
    assert len(target.read_text(encoding="utf-8").splitlines()) == len(SEEDS)


# --- bad inputs ------------------------------------------------------------------------------


def _one_problem(err: str, *expected: str) -> None:
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("timeline: "), err
    assert all(part in lines[0] for part in expected), err


@pytest.mark.parametrize("form", ["jsonl", "table"])
def test_a_missing_directory(tmp_path: Path, form: str) -> None:
    status, _, err = _run("extract", str(tmp_path / "nowhere"), "--format", form)
    assert status == 1
    _one_problem(err, "nowhere: no such file or directory")


@pytest.mark.parametrize(("name", "content", "message"), [
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not UTF-8 text (byte 0x89 at offset 0)"),
    ("zeros.txt", b"Ng\xc3\xa0y 17-10\x00\x00\x00\x01\x02", "not text: it holds NUL bytes"),
    ("latin.txt", "Ngày 17-10 đoàn thăm".encode("cp1258"), "not UTF-8 text"),
])
def test_a_bad_file_given_alone(tmp_path: Path, name: str, content: bytes,
                                message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    for form in ("jsonl", "table"):
        status, out, err = _run("extract", str(path), "--format", form)
        assert status == 1 and out == ""
        assert "no document could be processed" in err.splitlines()[-1]
        _one_problem(err.splitlines(keepends=True)[0], f"{path}: {message}")


def _unreadable(folder: Path) -> Path:
    """A file that cannot be read, even by root: a link to /proc/self/mem (reading its
    first page fails), else a file without read permission."""
    path = folder / "part0000" / "doc00002.txt"
    path.unlink()
    if Path("/proc/self/mem").exists():
        path.symlink_to("/proc/self/mem")
    else:  # pragma: no cover - not Linux
        path.write_text("Ngày 17-10", encoding="utf-8")
        path.chmod(0)
    return path


@pytest.mark.parametrize("form", ["jsonl", "timeml", "table"])
def test_bad_files_in_a_directory_are_reported_and_skipped(tmp_path: Path, form: str) -> None:
    folder = tmp_path / "corpus"
    texts = _corpus(folder, 2)
    bad = {
        _unreadable(folder): "cannot read",
        folder / "part0000" / "doc00004.txt": "not UTF-8 text",
        folder / "part0000" / "doc00007.txt": "not text: it holds NUL bytes",
    }
    list(bad)[1].write_bytes("Ngày 17-10 đoàn thăm".encode("cp1258"))
    list(bad)[2].write_bytes(b"\x7fELF\x02\x01\x01\x00\x00\x00")
    status, out, err = _run("extract", str(folder), "--reference", REFERENCE, "--format", form)
    assert status == 1 and "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 3 and all(line.startswith("timeline: ") for line in lines)
    for path, message in bad.items():
        assert any(line.startswith(f"timeline: {path}: {message}") for line in lines), err
    kept = len(texts) - len(bad)
    if form == "jsonl":
        assert len(out.splitlines()) == kept
    elif form == "timeml":
        assert out.count("<TimeML") == kept
    else:
        assert out.count("\n== part") == kept - 1 and out.startswith("== part0000/doc00000")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root reads any directory")
def test_an_unreadable_sub_directory_is_reported(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    _corpus(folder, 2)
    locked = folder / "part0000"
    locked.chmod(0)
    try:
        status, out, err = _run("extract", str(folder), "--format", "jsonl")
    finally:
        locked.chmod(0o755)
    assert status == 1
    _one_problem(err, f"{locked}: cannot read this directory")
    assert len(out.splitlines()) == 0  # part0000 holds all ten files


@pytest.mark.parametrize("errors", ["strict", "surrogateescape"])
def test_standard_input_that_is_not_utf8(errors: str) -> None:
    run = subprocess.run([sys.executable, "-m", "timeline", "extract", "-", "--format", "jsonl"],
                         input="Ngày 17-10".encode("cp1258"), capture_output=True, cwd=ROOT,
                         env={**os.environ, "PYTHONIOENCODING": f"utf-8:{errors}"})
    assert run.returncode == 1 and run.stdout == b""
    err = run.stderr.decode("utf-8")
    assert err.splitlines()[0] == "timeline: <stdin>: not UTF-8 text (byte 0xe0)", err
    assert "Traceback" not in err
