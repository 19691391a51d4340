"""The ``timeline`` command line (also ``python -m timeline``); see ``docs/cli.md``.

    timeline extract PATH… | - [--reference DATE]
                               [--format table|json|jsonl|ics|timeml|html]
                               [-o FILE] [--ics FILE] [--json FILE] [--html FILE]
    timeline query FILE.json [--between A B] [--on DAY] [--category C] [--search TEXT] …
    timeline export FILE.json --format ics|json|jsonl|timeml|html [-o FILE]

``extract --format jsonl`` and ``--format timeml`` stream: each document is read, extracted
and written before the next is read (a directory is walked lazily), so memory stays flat
over a corpus of any size; the other formats build a whole Timeline (see ``_extract``).

Exit status: 0 all went well; 1 an input could not be read or processed, or an output
could not be written (the other inputs were still processed); 2 a bad argument;
130 interrupted. A problem is one line on stderr, never a traceback (set
``TIMELINE_DEBUG=1`` to see one).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import NoReturn, TextIO

from timeline.calendar import DEFAULT_TZ, to_reference, zone
from timeline.errors import TimelineError
from timeline.events import Category, Event
from timeline.export.ics import Coarse
from timeline.export.json import document_line
from timeline.export.timeml import to_timeml
from timeline.model import Grain, TimexType
from timeline.timeline import Document, Timeline

__all__ = ["main"]

PROG = "timeline"
EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


class _Usage(Exception):
    """A bad argument: one line on stderr, exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _Usage(f"{message} (see '{self.prog} --help')")


# --- input -----------------------------------------------------------------------------------


class _Input:
    def __init__(self, label: str, doc_id: str, path: Path | None) -> None:
        self.label, self.doc_id, self.path = label, doc_id, path


def _listing(directory: Path) -> list[tuple[str, bool]]:
    """The names under one directory that the walk visits, in name order, with whether each
    is a sub-directory to descend into (not through a symbolic link) or a ``*.txt`` file;
    raises OSError for a directory that cannot be listed."""
    found: list[tuple[str, bool]] = []
    with os.scandir(directory) as entries:
        for entry in entries:
            try:
                if entry.is_dir(follow_symlinks=False):
                    found.append((entry.name, True))
                elif entry.name.endswith(".txt") and entry.is_file():
                    found.append((entry.name, False))
            except OSError:
                continue
    found.sort()
    return found


def _walk(directory: Path, unreadable: Callable[[Path, OSError], None]) -> Iterator[Path]:
    """The ``*.txt`` files under a directory, sub-directories included, in the order of
    ``sorted(directory.rglob("*.txt"))``, found lazily: the names of one directory at a time
    (and of the directories above it) are held, never the whole tree."""
    try:
        names = _listing(directory)
    except OSError as error:
        unreadable(directory, error)
        return
    for name, is_directory in names:
        path = directory / name
        if is_directory:
            yield from _walk(path, unreadable)
        else:
            yield path


class _Inputs:
    """The inputs of ``extract``, found lazily, in order: files as given, directories walked
    for ``*.txt`` in name order (sub-directories included), ``-`` for stdin. Document ids
    are file names without ``.txt`` (paths under a directory argument); an id met again
    gets ``#2``, ``#3``…. Arguments that do not exist are reported at once, the rest as
    the walk meets them."""

    def __init__(self, paths: Sequence[str], ctx: _Context) -> None:
        self.paths, self.ctx = paths, ctx
        self.found = 0
        self.missing = {given for given in paths if given != "-" and not Path(given).exists()}
        for given in paths:
            if given in self.missing:
                ctx.problem(f"{given}: no such file or directory")

    def count(self) -> int:
        """How many inputs there are (for the progress bar): a walk that reads nothing."""
        def ignore(directory: Path, error: OSError) -> None:
            pass

        total = 0
        for given in self.paths:
            path = Path(given)
            if given in self.missing:
                continue
            total += sum(1 for _ in _walk(path, ignore)) if path.is_dir() else 1
        return total

    def __iter__(self) -> Iterator[_Input]:
        # Ids under one argument are unique: only those of the arguments before the last
        # are remembered, so one directory, however large, keeps no list of its files.
        seen: dict[str, int] = {}
        last = len(self.paths) - 1
        for index, given in enumerate(self.paths):
            for item in self._of(given):
                count = seen.get(item.doc_id, 0) + 1
                if index < last:
                    seen[item.doc_id] = count
                if count > 1:
                    item.doc_id = f"{item.doc_id}#{count}"
                self.found += 1
                yield item

    def _of(self, given: str) -> Iterator[_Input]:
        if given == "-":
            yield _Input("<stdin>", "stdin", None)
            return
        if given in self.missing:
            return
        path = Path(given)
        if not path.is_dir():
            yield _Input(given, path.stem if path.suffix == ".txt" else path.name, path)
            return
        listed = True

        def unreadable(directory: Path, error: OSError) -> None:
            nonlocal listed
            listed = listed and directory != path
            self.ctx.problem(f"{directory}: cannot read this directory: "
                             f"{error.strerror or error}")

        empty = True
        for file in _walk(path, unreadable):
            empty = False
            relative = file.relative_to(path).with_suffix("")
            yield _Input(str(file), relative.as_posix(), file)
        if empty and listed:
            self.ctx.problem(f"{given}: no *.txt file in this directory")


def _read(item: _Input, stdin: TextIO, output: tuple[int, int] | None = None) -> str:
    """The text of one input, read once (a file: its bytes, then decoded; the bytes are
    dropped on return). ``output`` is the (device, inode) of the file being written, which
    is not read back as an input."""
    if item.path is None:
        try:
            text = stdin.read()
        except UnicodeDecodeError as error:
            raise _InputError(f"not UTF-8 text (byte 0x{error.object[error.start]:02x})"
                              ) from None
        escaped = _ESCAPED_BYTE.search(text)  # a stdin decoded with surrogateescape
        if escaped:
            raise _InputError(f"not UTF-8 text (byte 0x{ord(escaped[0]) - 0xDC00:02x})")
    else:
        with item.path.open("rb") as file:
            if output is not None and _identity(os.fstat(file.fileno())) == output:
                raise _InputError("skipped: it is the output file being written")
            data = file.read()
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise _InputError(f"not UTF-8 text (byte 0x{data[error.start]:02x} at offset "
                              f"{error.start})") from None
    if "\x00" in text:
        raise _InputError("not text: it holds NUL bytes (a binary file?)")
    return text


_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")


def _identity(status: os.stat_result) -> tuple[int, int]:
    return status.st_dev, status.st_ino


class _InputError(Exception):
    pass


# --- progress --------------------------------------------------------------------------------


class _Progress:
    """A one-line progress bar on stderr, drawn only when stderr is a terminal."""

    def __init__(self, total: int, stream: TextIO) -> None:
        self.total, self.stream, self.done = total, stream, 0
        self.active = total > 1 and stream.isatty()
        self.label = ""

    def step(self, label: str) -> None:
        self.label = label
        self.draw()

    def advance(self) -> None:
        self.done += 1
        self.draw()

    def draw(self) -> None:
        if not self.active:
            return
        width = 24
        filled = width * self.done // max(self.total, 1)
        label = self.label if len(self.label) <= 40 else "…" + self.label[-39:]
        self.stream.write(f"\r\x1b[K[{'#' * filled}{'.' * (width - filled)}] "
                          f"{self.done}/{self.total} {label}")
        self.stream.flush()

    def clear(self) -> None:
        if self.active:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


# --- output ----------------------------------------------------------------------------------


def _table_of_document(document: Document) -> str:
    reference = document.reference.isoformat() if document.reference else "none"
    lines = [f"== {document.id}  (reference {reference}, {len(document.mentions)} mentions)"]
    if document.mentions:
        lines.append(f"  {'start':>6} {'end':>6}  {'type':<8} {'value':<26} {'mod':<13} text")
    for m in document.mentions:
        mod = m.mod.value if m.mod else ""
        lines.append(f"  {m.start:>6} {m.end:>6}  {m.type.value:<8} {m.timex:<26} {mod:<13} "
                     f"{' '.join(m.text.split())}")
    return "\n".join(lines) + "\n"


def _when(event: Event, tz: str) -> str:
    local = zone(tz)
    start = event.interval.start.astimezone(local)
    end = event.interval.end.astimezone(local)
    if start.time() == end.time() == start.replace(hour=0, minute=0).time():
        last = date.fromordinal(end.date().toordinal() - 1)
        if last == start.date():
            return start.date().isoformat()
        return f"{start.date().isoformat()} → {last.isoformat()}"
    if start.date() == end.date():
        return f"{start:%Y-%m-%d %H:%M}–{end:%H:%M}"
    return f"{start:%Y-%m-%d %H:%M} → {end:%Y-%m-%d %H:%M}"


def _table_of_events(timeline: Timeline) -> str:
    lines = [f"== {timeline.name}: {len(timeline)} events"]
    for event in timeline:
        documents = ", ".join(event.documents)
        title = event.title if len(event.title) <= 90 else event.title[:89] + "…"
        lines.append(f"  {_when(event, timeline.tz):<25} {event.timex:<24} "
                     f"{event.category.value:<11} {title}  [{documents}]")
    return "\n".join(lines) + "\n"


def _render(timeline: Timeline, form: str, coarse: str, document: str | None = None
            ) -> str | bytes:
    if form == "json":
        return timeline.to_json()
    if form == "jsonl":
        return timeline.to_jsonl()
    if form == "ics":
        return timeline.to_ics(coarse=coarse)
    if form == "timeml":
        ids = [document] if document else [d.id for d in timeline.documents]
        return "\n".join(timeline.to_timeml(doc_id) for doc_id in ids)
    if form == "html":
        return timeline.to_html()
    return _table_of_events(timeline)


def _write(target: str | None, content: str | bytes, stdout: TextIO) -> None:
    """Write to a file (``-`` or None: stdout); raises OSError for a file that cannot be."""
    if target in (None, "-"):
        if isinstance(content, bytes):
            stdout.flush()
            buffer = getattr(stdout, "buffer", None)
            if buffer is not None:
                buffer.write(content)
                buffer.flush()
            else:
                stdout.write(content.decode("utf-8"))
        else:
            stdout.write(content)
            stdout.flush()
        return
    assert target is not None
    path = Path(target)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8", newline="\n")


class _Sink:
    """Where a streamed format goes as each document is read: standard output (flushed
    after each document), or a file, opened when the first document comes."""

    def __init__(self, target: str | None, stdout: TextIO) -> None:
        self.target = None if target in (None, "-") else target
        self.stdout = stdout
        self.file: TextIO | None = None
        self.identity: tuple[int, int] | None = None
        self.written = 0

    def write(self, content: str) -> None:
        """Raises OSError for a file that cannot be opened or written."""
        self.written += 1
        if self.target is None:
            self.stdout.write(content)
            self.stdout.flush()
            return
        if self.file is None:
            self.file = open(self.target, "w", encoding="utf-8", newline="\n")  # noqa: SIM115 (see close)
            self.identity = _identity(os.fstat(self.file.fileno()))
        self.file.write(content)

    def close(self) -> None:
        if self.file is not None:
            self.file.close()


# --- commands --------------------------------------------------------------------------------


class _Context:
    def __init__(self, stdin: TextIO, stdout: TextIO, stderr: TextIO) -> None:
        self.stdin, self.stdout, self.stderr = stdin, stdout, stderr
        self.failed = False

    def problem(self, message: str) -> None:
        self.failed = True
        self.stderr.write(f"{PROG}: {message}\n")
        self.stderr.flush()


def _references(paths: Sequence[str] | None, ctx: _Context) -> dict[str, date]:
    """Reference dates by document id, from JSON Lines records with ``id`` and
    ``reference`` (the gold files of ``seeds/``) or a JSON object ``{id: date}``; a
    directory stands for its ``*.jsonl`` and ``*.json`` files."""
    found: dict[str, date] = {}
    files: list[Path] = []
    for given in paths or ():
        path = Path(given)
        if path.is_dir():
            files.extend(sorted(p for p in path.iterdir() if p.suffix in (".jsonl", ".json")))
        else:
            files.append(path)
    for file in files:
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise _Usage(f"--references: {file}: cannot read: {error}") from None
        try:
            records: list[object]
            stripped = text.strip()
            if stripped.startswith("{") and "\n{" not in stripped:
                data = json.loads(stripped)
                records = ([{"id": k, "reference": v} for k, v in data.items()]
                           if "id" not in data else [data])
            else:
                records = [json.loads(line) for line in text.splitlines() if line.strip()]
            for record in records:
                if not isinstance(record, dict) or "id" not in record:
                    raise ValueError("a record without an 'id'")
                day = to_reference(record.get("reference"), f"reference of {record['id']!r}")
                if day is not None:
                    found[str(record["id"])] = day
        except (ValueError, TimelineError) as error:
            raise _Usage(f"--references: {file}: {error}") from None
    return found


# Formats written one document after another as each is read (``_Sink``); the others are
# built from the whole set of documents: their events are fused across documents and
# sorted by time.
_STREAMED = ("jsonl", "timeml")


def _extract(args: argparse.Namespace, ctx: _Context) -> int:
    reference = _reference_argument(args.reference)
    references = _references(args.references, ctx)
    zone_name = _tz_argument(args.tz)
    form: str = args.format
    if form == "timeml" and args.output not in (None, "-") and Path(args.output).is_dir():
        raise _Usage("--output: give a file; TimeML of several documents is written one "
                     "after another")
    # Only a Timeline needs every document at once; jsonl and timeml alone keep none.
    whole = form not in _STREAMED or bool(args.ics or args.json or args.html)
    to_stdout = args.output in (None, "-")
    inputs = _Inputs(args.paths, ctx)
    progress = _Progress(inputs.count() if ctx.stderr.isatty() else 0, ctx.stderr)
    sink = _Sink(args.output, ctx.stdout) if form in _STREAMED else None
    documents: list[Document] = []
    tables: list[str] = []
    processed = 0
    try:
        for item in inputs:
            progress.step(item.label)
            document = _document(item, ctx, progress, references.get(item.doc_id, reference),
                                 zone_name, sink.identity if sink else None)
            if document is None:
                progress.advance()
                continue
            processed += 1
            if whole:
                documents.append(document)
            if sink is not None:
                if to_stdout:
                    progress.clear()
                if not _stream(sink, document, form, zone_name, ctx):
                    sink = None
                    if not whole:
                        break
            elif form == "table":
                if to_stdout:
                    progress.clear()
                    _write(None, _table_of_document(document) + "\n", ctx.stdout)
                else:
                    tables.append(_table_of_document(document))
            progress.advance()
    finally:
        progress.clear()
        if sink is not None:
            sink.close()
    if not processed and inputs.found:
        ctx.problem("no document could be processed")
        return EXIT_INPUT
    if sink is not None and not sink.written:
        _output(ctx, args.output, "")  # nothing at all to read: an empty output, as ever
    if not whole:
        return EXIT_INPUT if ctx.failed else EXIT_OK
    name = args.name or _default_name(args.paths)
    timeline = Timeline.from_documents(documents, tz=zone_name, name=name,
                                       fusion=not args.no_fusion)
    if form == "table":
        table = "".join(c + "\n" for c in tables)
        _output(ctx, None if to_stdout else args.output, table + _table_of_events(timeline))
    elif form not in _STREAMED:
        _output(ctx, args.output, _render(timeline, form, args.coarse))
    if args.ics:
        _output(ctx, args.ics, timeline.to_ics(coarse=args.coarse))
    if args.json:
        _output(ctx, args.json, timeline.to_json())
    if args.html:
        _output(ctx, args.html, timeline.to_html())
    return EXIT_INPUT if ctx.failed else EXIT_OK


def _document(item: _Input, ctx: _Context, progress: _Progress, reference: date | None,
              zone_name: str, output: tuple[int, int] | None) -> Document | None:
    """One input read and extracted, or None when it could not be (reported)."""
    try:
        text = _read(item, ctx.stdin, output)
        return Document.from_text(item.doc_id, text, reference, tz=zone_name)
    except _InputError as error:
        message = f"{item.label}: {error}"
    except OSError as error:
        message = f"{item.label}: cannot read: {error.strerror or error}"
    except Exception as error:  # an extraction failure must not stop the other files
        if os.environ.get("TIMELINE_DEBUG"):
            raise
        message = f"{item.label}: could not be processed: {type(error).__name__}: {error}"
    progress.clear()
    ctx.problem(message)
    return None


def _stream(sink: _Sink, document: Document, form: str, zone_name: str, ctx: _Context) -> bool:
    """Write one document in a streamed format; False when the output cannot be written
    (reported; a closed pipe on stdout ends the command quietly, as everywhere)."""
    if form == "jsonl":
        chunk = document_line(document, zone_name) + "\n"
    else:
        chunk = ("\n" if sink.written else "") + to_timeml(document)
    try:
        sink.write(chunk)
    except BrokenPipeError:
        raise
    except OSError as error:
        ctx.problem(f"{sink.target or '<stdout>'}: cannot write: {error.strerror or error}")
        sink.close()
        return False
    return True


def _output(ctx: _Context, target: str | None, content: str | bytes) -> None:
    try:
        _write(target, content, ctx.stdout)
    except OSError as error:
        ctx.problem(f"{target}: cannot write: {error.strerror or error}")


def _default_name(paths: Sequence[str]) -> str:
    if len(paths) == 1 and paths[0] != "-":
        name = Path(paths[0]).resolve().name
        return Path(name).stem or "timeline"
    return "timeline"


def _load(path: str, ctx: _Context) -> Timeline | None:
    try:
        text = (ctx.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8"))
        return Timeline.from_json(text)
    except OSError as error:
        ctx.problem(f"{path}: cannot read: {error.strerror or error}")
    except UnicodeDecodeError:
        ctx.problem(f"{path}: not UTF-8 text")
    except TimelineError as error:
        ctx.problem(f"{path}: not a timeline JSON file: {error}")
    return None


def _query(args: argparse.Namespace, ctx: _Context) -> int:
    timeline = _load(args.file, ctx)
    if timeline is None:
        return EXIT_INPUT
    try:
        if args.between:
            timeline = timeline.between(args.between[0], args.between[1])
        if args.on:
            timeline = timeline.on(args.on)
        if args.after:
            timeline = timeline.after(args.after)
        if args.before:
            timeline = timeline.before(args.before)
        if args.year is not None:
            timeline = timeline.in_year(args.year)
        if args.category:
            timeline = timeline.of_category(*args.category)
        if args.type:
            timeline = timeline.of_type(*args.type)
        if args.source:
            timeline = timeline.from_source(*args.source)
        if args.search:
            for query in args.search:
                timeline = timeline.search(query)
        if args.precise is not None:
            timeline = timeline.precise_only(Grain(args.precise))
    except (TimelineError, ValueError) as error:
        raise _Usage(str(error)) from None
    _output(ctx, args.output, _render(timeline, args.format, args.coarse))
    return EXIT_INPUT if ctx.failed else EXIT_OK


def _export(args: argparse.Namespace, ctx: _Context) -> int:
    timeline = _load(args.file, ctx)
    if timeline is None:
        return EXIT_INPUT
    if args.document and args.document not in {d.id for d in timeline.documents}:
        raise _Usage(f"--document: no document {args.document!r} in {args.file}")
    _output(ctx, args.output, _render(timeline, args.format, args.coarse, args.document))
    return EXIT_INPUT if ctx.failed else EXIT_OK


def _reference_argument(value: str | None) -> date | None:
    try:
        return to_reference(value, "--reference")
    except TimelineError as error:
        raise _Usage(str(error)) from None


def _tz_argument(value: str) -> str:
    try:
        zone(value)
    except TimelineError as error:
        raise _Usage(f"--tz: {error}") from None
    return value


# --- the parser ------------------------------------------------------------------------------

_EXIT_STATUS = """exit status / mã thoát:
  0    all went well / thành công
  1    an input could not be read or processed, or an output written; the others were
       / một tệp không đọc, xử lý hoặc ghi được; các tệp khác vẫn được xử lý
  2    a bad argument / tham số sai
  130  interrupted / bị ngắt (Ctrl-C)"""

_MAIN_EPILOG = """examples / ví dụ:
  # the times of one sentence / các mốc thời gian trong một câu
  echo "Từ ngày 15 đến 18-10, đoàn thăm Nhật Bản." | timeline extract - --reference 2024-10-20

  # five articles -> a table, a calendar, a JSON file and a web page
  # năm bài báo -> bảng, lịch .ics, tệp JSON và trang web
  timeline extract seeds/ --references seeds/ --ics seeds.ics --json seeds.json --html seeds.html

  # what happened in Hà Nội, accents optional / sự kiện ở Hà Nội, gõ không dấu cũng được
  timeline query seeds.json --search "ha noi" --precise

  # a saved timeline as a page to open in a browser / mở dòng thời gian trong trình duyệt
  timeline export seeds.json --format html -o seeds.html

""" + _EXIT_STATUS + """

Documentation: docs/cli.md. Tài liệu: docs/cli.md."""

_EXTRACT_EPILOG = """examples / ví dụ:
  timeline extract bai-bao.txt --reference 2024-10-19
  echo "Hội nghị diễn ra sáng thứ Năm tới." | timeline extract - --reference 2024-10-20
  timeline extract seeds/ --references seeds/ --format json -o seeds.json
  timeline extract seeds/ --references seeds/ --format html -o seeds.html

  # an archive of any size, one document per line, in flat memory
  # kho bài báo lớn đến đâu cũng được: mỗi dòng một bài, bộ nhớ không tăng
  timeline extract archive/ --format jsonl -o archive.jsonl

""" + _EXIT_STATUS

_QUERY_EPILOG = """examples / ví dụ:
  timeline query seeds.json --on 2024-10-16
  timeline query seeds.json --between 2024-10-15 2024-10-18 --category meeting
  timeline query seeds.json --search "lễ hội" --format ics -o le-hoi.ics

""" + _EXIT_STATUS

_EXPORT_EPILOG = """examples / ví dụ:
  timeline export seeds.json --format ics --coarse span -o seeds.ics
  timeline export seeds.json --format html -o seeds.html
  timeline export seeds.json --format timeml --document 002_45f38c0026ac2206

""" + _EXIT_STATUS


def _parser() -> _Parser:
    parser = _Parser(prog=PROG, epilog=_MAIN_EPILOG,
                     formatter_class=argparse.RawDescriptionHelpFormatter,
                     description="Read Vietnamese text; list, query and export "
                     "the times it mentions as TIMEX3 values, events and calendars.")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    coarse_help = ("what an iCalendar file does with events coarser than a week (a month, a "
                   "year): skip them (default), span their whole period, or mark their "
                   "first day")

    extract = commands.add_parser("extract", help="find the temporal expressions of texts",
                                  epilog=_EXTRACT_EPILOG,
                                  formatter_class=argparse.RawDescriptionHelpFormatter,
                                  description="Find the temporal expressions of texts and "
                                  "build their timeline.")
    extract.add_argument("paths", nargs="+", metavar="PATH",
                         help="a text file, a directory (its *.txt files) or - for stdin")
    extract.add_argument("--reference", metavar="DATE",
                         help="the reference date of every text (default: what each text "
                         "says, else none)")
    extract.add_argument("--references", nargs="+", metavar="FILE",
                         help="reference dates by document id: JSON Lines with 'id' and "
                         "'reference' (such as seeds/*.gold.jsonl), a JSON object {id: date}, "
                         "or a directory of such files; they win over --reference")
    extract.add_argument("--tz", default=DEFAULT_TZ, help=f"time zone (default {DEFAULT_TZ})")
    extract.add_argument("--format", default="table",
                         choices=("table", "json", "jsonl", "ics", "timeml", "html"),
                         help="what to print (default table: mentions per document, then "
                         "the events). jsonl and timeml are written one document after "
                         "another as each is read, in flat memory over a corpus of any size; "
                         "table, json, ics and html, like --ics/--json/--html, need every "
                         "document at once (events are fused across documents and sorted by "
                         "time), so they hold the whole corpus in memory")
    extract.add_argument("-o", "--output", metavar="FILE", help="write there instead of stdout")
    extract.add_argument("--ics", metavar="FILE", help="also write the timeline as iCalendar")
    extract.add_argument("--json", metavar="FILE", help="also write the timeline as JSON")
    extract.add_argument("--html", metavar="FILE",
                         help="also write the timeline as a web page (a zoomable time axis)")
    extract.add_argument("--name", help="the calendar's name (default: the input's name)")
    extract.add_argument("--coarse", default=Coarse.SKIP.value,
                         choices=[c.value for c in Coarse], help=coarse_help)
    extract.add_argument("--no-fusion", action="store_true",
                         help="keep the events of different documents apart")
    extract.set_defaults(run=_extract)

    query = commands.add_parser("query", help="select events of a timeline JSON file",
                                epilog=_QUERY_EPILOG,
                                formatter_class=argparse.RawDescriptionHelpFormatter,
                                description="Select the events of a JSON file written by "
                                "'timeline extract --json'. Filters combine (and).")
    query.add_argument("file", metavar="FILE.json")
    query.add_argument("--between", nargs=2, metavar=("A", "B"),
                       help="events wholly from day A to day B (both included)")
    query.add_argument("--on", metavar="DAY", help="events that take place on that day")
    query.add_argument("--after", metavar="DATE", help="events that begin after it")
    query.add_argument("--before", metavar="DATE", help="events that end before it")
    query.add_argument("--year", type=int, help="events within that year")
    query.add_argument("--category", action="append", choices=[c.value for c in Category],
                       help="events of that category (repeat for any of several)")
    query.add_argument("--type", action="append", type=str.upper,
                       choices=[t.value for t in TimexType], help="events of that TIMEX3 type")
    query.add_argument("--source", action="append", metavar="ID",
                       help="events that document reports (repeat for any of several)")
    query.add_argument("--search", action="append", metavar="TEXT",
                       help="events whose words hold TEXT, accents ignored (repeat: all)")
    query.add_argument("--precise", nargs="?", const=Grain.DAY.value, metavar="GRAIN",
                       choices=[g.value for g in Grain],
                       help="events given at least to this grain (default day)")
    query.add_argument("--format", default="table", choices=("table", "json", "ics", "html"))
    query.add_argument("-o", "--output", metavar="FILE")
    query.add_argument("--coarse", default=Coarse.SKIP.value, choices=[c.value for c in Coarse],
                       help=coarse_help)
    query.set_defaults(run=_query)

    export = commands.add_parser("export", help="convert a timeline JSON file",
                                 epilog=_EXPORT_EPILOG,
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 description="Convert a JSON file written by 'timeline "
                                 "extract --json' to another format.")
    export.add_argument("file", metavar="FILE.json")
    export.add_argument("--format", required=True,
                        choices=("ics", "json", "jsonl", "timeml", "html"))
    export.add_argument("-o", "--output", metavar="FILE")
    export.add_argument("--document", metavar="ID", help="TimeML: only this document")
    export.add_argument("--coarse", default=Coarse.SKIP.value,
                        choices=[c.value for c in Coarse], help=coarse_help)
    export.set_defaults(run=_export)
    return parser


def main(argv: Sequence[str] | None = None, *, stdin: TextIO | None = None,
         stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Run the command line; returns the exit status."""
    ctx = _Context(stdin or sys.stdin, stdout or sys.stdout, stderr or sys.stderr)
    _utf8(ctx)
    try:
        args = _parser().parse_args(argv)
        if args.command is None:
            raise _Usage("give a command: extract, query or export (see 'timeline --help')")
        status: int = args.run(args, ctx)
        return status
    except _Usage as error:
        ctx.stderr.write(f"{PROG}: error: {error}\n")
        return EXIT_USAGE
    except KeyboardInterrupt:
        ctx.stderr.write(f"\n{PROG}: interrupted\n")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_OK
    except SystemExit as exit_:  # --help and --version
        return exit_.code if isinstance(exit_.code, int) else EXIT_OK


def _utf8(ctx: _Context) -> None:
    for stream in (ctx.stdout, ctx.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        reconfigure = getattr(stream, "reconfigure", None)
        if encoding and encoding != "utf8" and reconfigure is not None:
            reconfigure(encoding="utf-8")


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass

