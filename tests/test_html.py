"""The visual timeline: the page itself (self-contained, escaped, deterministic) and the
page in a real browser — headless Chromium (Debian's ``chromium``, installed by
``make chromium``, which ``make test`` runs first) loads it from a file:// URL, runs its
script, and the test reads the DOM and two screenshots."""

from __future__ import annotations

import html
import html.parser
import io
import json
import re
import shutil
import struct
import subprocess
import zlib
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from conftest import seed_timeline

from timeline.cli import main
from timeline.events import Category, Event, Source
from timeline.export.html import COLOURS, to_html, when_text
from timeline.model import Day, Interval, Mention, Month
from timeline.timeline import Document, Timeline

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
TZ = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture(scope="module")
def seeds() -> Timeline:
    return seed_timeline()


@pytest.fixture(scope="module")
def page(seeds: Timeline, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("html") / "seeds.html"
    path.write_text(seeds.to_html(), encoding="utf-8")
    return path


def _day(d: int, month: int = 10) -> datetime:
    return datetime(2024, month, d, tzinfo=TZ)


def hostile_timeline() -> Timeline:
    """Texts that try to break out of the page: tags, a closing script, placeholders."""
    evil = '</script><img src=x onerror="alert(1)"><!-- @@DATA@@ & "quotes" \u2028'
    text = f"Ngày 16-10, {evil} đoàn họp tại <b>Tokyo</b>."
    mention = Mention(text="Ngày 16-10", start=0, end=10, value=Day(2024, 10, 16),
                      interval=Interval(_day(16), _day(17)))
    event = Event(id="e1", when=mention, interval=mention.interval, title=evil,  # type: ignore[arg-type]
                  sentence=text, location=f"tại <b>Tokyo</b> {evil}",
                  categories=(Category.MEETING,), sources=(Source("<doc>", 0, 10),))
    document = Document("<doc>", text, "2024-10-20", (mention,))
    return Timeline((event,), (document,), name="<i>tên</i> & co")


# --- the page, without a browser -------------------------------------------------------------


def test_page_is_self_contained_utf8_and_vietnamese(seeds: Timeline) -> None:
    page = seeds.to_html()
    assert page.startswith("<!DOCTYPE html>")
    assert '<meta charset="utf-8">' in page and '<html lang="vi">' in page
    # No network: nothing is loaded from anywhere, not even a font.
    assert not re.search(r"https?:|//[a-z]|<link|@import|\ssrc=|url\(", page, re.IGNORECASE)
    # A font stack whose fonts all have Vietnamese glyphs, ending with the generic family.
    assert '"Noto Sans"' in page and "sans-serif" in page
    # Vietnamese stays Vietnamese (no \\u escapes, no entities for letters).
    assert "Chuyến thăm và làm việc tại Nhật Bản" in page
    assert "Lễ hội Kanagawa" in page


def test_page_is_deterministic(seeds: Timeline) -> None:
    assert seeds.to_html() == seed_timeline.__wrapped__().to_html()  # a second, fresh build


def test_every_event_is_in_the_data_and_the_table(seeds: Timeline) -> None:
    page = seeds.to_html()
    data = _data(page)
    assert [e["id"] for e in data["events"]] == [e.id for e in seeds]
    rows = re.findall(r'<tr data-id="([0-9a-f]+)"', page)
    assert rows == [e.id for e in seeds]
    visit = next(e for e in data["events"] if e["timex"] == "2024-10-15/2024-10-18")
    assert visit["start"] == "2024-10-15T00:00" and visit["end"] == "2024-10-19T00:00"
    assert visit["when"] == "15/10/2024 – 18/10/2024"
    assert visit["coarse"] is False and visit["categories"][0] == "visit"
    assert len(visit["sources"]) == 2  # seeds 002 and 000 report it
    assert {s["reference"] for s in visit["sources"]} == {"2024-10-19", "2024-11-05"}
    months = [e for e in data["events"] if e["grain"] == "month"]
    assert months and all(e["coarse"] for e in months)
    inferred = [e for e in data["events"] if e["inferred"]]
    assert inferred and all(e["uncertain"] for e in inferred)


def _data(page: str) -> dict:  # type: ignore[type-arg]
    match = re.search(r'<script type="application/json" id="timeline-data">(.*?)</script>',
                      page, re.DOTALL)
    assert match is not None
    data: dict = json.loads(match.group(1))  # type: ignore[type-arg]
    return data


def test_text_of_documents_is_escaped() -> None:
    timeline = hostile_timeline()
    page = timeline.to_html()
    evil = timeline.events[0].title
    assert "<img" not in page and "<b>" not in page and "<i>" not in page
    assert page.count("</script>") == 2  # the data's and the code's, nothing else
    assert "<!--" not in page
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in page  # the table
    assert "<title>&lt;i&gt;tên&lt;/i&gt; &amp; co</title>" in page
    # The data reads back to the very same strings.
    data = _data(page)
    assert data["events"][0]["title"] == evil
    assert data["events"][0]["sources"][0]["doc"] == "<doc>"
    assert data["name"] == "<i>tên</i> & co"
    # The placeholders of the template are not expanded inside the data.
    assert "@@DATA@@" in data["events"][0]["sentence"]
    assert "@@" not in page.replace("@@DATA@@", "")


@pytest.mark.parametrize(("start", "end", "expected"), [
    (_day(16), _day(17), "16/10/2024"),
    (_day(15), _day(19), "15/10/2024 – 18/10/2024"),
    (_day(1), _day(1, 11), "tháng 10/2024"),
    (datetime(2023, 1, 1, tzinfo=TZ), datetime(2024, 1, 1, tzinfo=TZ), "năm 2023"),
    (datetime(2000, 1, 1, tzinfo=TZ), datetime(2010, 1, 1, tzinfo=TZ), "2000–2009"),
    (_day(1, 7), _day(1, 10), "07/2024 – 09/2024"),
    (_day(16) + timedelta(hours=8, minutes=30), _day(16) + timedelta(hours=8, minutes=31),
     "08:30–08:31 16/10/2024"),
])
def test_when_text(start: datetime, end: datetime, expected: str) -> None:
    mention = Mention(text="x", start=0, end=1, value=Month(2024, 10),
                      interval=Interval(start, end))
    event = Event(id="e", when=mention, interval=Interval(start, end), title="t", sentence="s")
    assert when_text(event, TZ) == expected


def test_empty_timeline_gives_a_page() -> None:
    page = to_html(Timeline(name="trống"))
    assert "<title>trống</title>" in page and _data(page)["events"] == []


def test_every_category_has_a_colour() -> None:
    assert set(COLOURS) == set(Category)
    assert len(set(COLOURS.values())) == len(Category)


def test_command_line_writes_the_page(tmp_path: Path) -> None:
    saved = tmp_path / "seeds.json"
    out, err = io.StringIO(), io.StringIO()
    status = main(["extract", str(SEEDS / "002_45f38c0026ac2206.txt"), "--references",
                   str(SEEDS), "--json", str(saved), "--format", "html", "-o",
                   str(tmp_path / "a.html")], stdout=out, stderr=err)
    assert status == 0, err.getvalue()
    first = (tmp_path / "a.html").read_text(encoding="utf-8")
    assert "Lễ hội Kanagawa" in first
    status = main(["export", str(saved), "--format", "html", "-o", str(tmp_path / "b.html")],
                  stdout=out, stderr=err)
    assert status == 0, err.getvalue()
    assert (tmp_path / "b.html").read_text(encoding="utf-8") == first
    status = main(["extract", str(SEEDS / "002_45f38c0026ac2206.txt"), "--references",
                   str(SEEDS), "--html", str(tmp_path / "c.html")], stdout=out, stderr=err)
    assert status == 0 and (tmp_path / "c.html").read_text(encoding="utf-8") == first
    status = main(["query", str(saved), "--search", "jetro", "--format", "html"],
                  stdout=out, stderr=err)
    assert status == 0 and "JETRO" in out.getvalue() and "Lễ hội Kanagawa" not in _table_of(
        out.getvalue())


def _table_of(page: str) -> str:
    return page[page.index("<tbody>"):page.index("</tbody>")]


# --- the page in Chromium --------------------------------------------------------------------

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars", "--window-size=1400,1000")


@pytest.fixture(scope="module")
def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None and Path("/usr/bin/chromium").exists():
        found = "/usr/bin/chromium"
    if found is None:
        if shutil.which("apt-get") is None:
            pytest.skip("no chromium and no apt-get to install it: the browser test needs "
                        "Debian's 'chromium' package")
        pytest.fail("chromium is missing: run 'make chromium' (apt-get install -y chromium), "
                    "which 'make test' does first")
    return found


def run_chromium(binary: str, profile: Path, url: str,
                 *args: str) -> subprocess.CompletedProcess[bytes]:
    command = [binary, *FLAGS, f"--user-data-dir={profile}", *args, url]
    return subprocess.run(command, capture_output=True, timeout=120, check=False)


class _Events(html.parser.HTMLParser):
    """The drawn events (``#lanes .event``): their data attributes, classes and label."""

    def __init__(self) -> None:
        super().__init__()
        self.events: list[dict[str, str]] = []
        self.bands: list[str] = []
        self.shown = ""
        self.ready = False
        self._label: dict[str, str] | None = None
        self._in_shown = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        classes = a.get("class", "").split()
        if tag == "body":
            self.ready = a.get("data-ready") == "true"
        if "band" in classes:
            self.bands.append(a.get("data-category", ""))
        if "event" in classes and "data-id" in a:
            self.events.append({**a, "label": ""})
        if tag == "span" and "label" in classes and self.events:
            self._label = self.events[-1]
        if a.get("id") == "shown":
            self._in_shown = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "span":
            self._label = None
            self._in_shown = False

    def handle_data(self, data: str) -> None:
        if self._label is not None:
            self._label["label"] += data
        if self._in_shown:
            self.shown += data


def dom(binary: str, profile: Path, page: Path, fragment: str) -> _Events:
    result = run_chromium(binary, profile, page.as_uri() + fragment, "--dump-dom")
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")[-2000:]
    parser = _Events()
    parser.feed(result.stdout.decode("utf-8"))
    assert parser.ready, "the page's script did not run to its end"
    return parser


def test_the_seed_events_are_drawn(chromium: str, page: Path, seeds: Timeline,
                                   tmp_path: Path) -> None:
    drawn = dom(chromium, tmp_path / "profile", page, "#zoom=month&at=2024-11-01")
    assert drawn.shown == str(len(seeds))
    ids = {e.id for e in seeds}
    assert drawn.events and all(e["data-id"] in ids for e in drawn.events)

    def find(start: str, end: str, category: str, word: str) -> dict[str, str]:
        for event in drawn.events:
            if (event["data-start"], event["data-end"]) == (start, end) and \
                    f"cat-{category}" in event["class"].split() and word in event["label"]:
                return event
        raise AssertionError(f"no {category} event {start}–{end} with {word!r}: "
                             f"{[(e['data-start'], e['label']) for e in drawn.events]}")

    visit = find("2024-10-15T00:00", "2024-10-19T00:00", "visit", "Chuyến thăm")
    jetro = find("2024-10-16T00:00", "2024-10-17T00:00", "meeting", "JETRO")
    festival = find("2024-11-16T00:00", "2024-11-18T00:00", "festival", "Lễ hội Kanagawa")
    for event in (visit, jetro, festival):
        assert "coarse" not in event["class"].split()
        assert event["data-grain"] == "day"
    # The month of November 2024 ("tháng 11 tới") is drawn, hatched as coarse.
    assert any("coarse" in e["class"].split() and e["data-grain"] == "month"
               for e in drawn.events)
    # The meeting with the Governor of Tokyo, dated by "Cùng ngày 16-10", is marked.
    assert any("inferred" in e["class"].split() and "uncertain" in e["class"].split()
               for e in drawn.events)
    assert {"visit", "meeting", "festival"} <= set(drawn.bands)
    # Pixels from the left edge: the visit starts before the JETRO meeting, which starts
    # before the festival.
    left = [float(e["style"].split("left:")[1].split("px")[0]) for e in (visit, jetro, festival)]
    assert left == sorted(left)


def test_search_in_the_fragment_filters(chromium: str, page: Path, seeds: Timeline,
                                        tmp_path: Path) -> None:
    drawn = dom(chromium, tmp_path / "profile", page, "#zoom=month&at=2024-10-16&q=jetro")
    found = {e.id for e in seeds.search("jetro")}  # the same words, accents ignored
    assert drawn.shown == str(len(found))
    assert drawn.events and {e["data-id"] for e in drawn.events} <= found
    assert any("JETRO" in e["label"] for e in drawn.events)


def test_an_event_opens_with_its_sentence_and_sources(chromium: str, page: Path,
                                                      seeds: Timeline, tmp_path: Path) -> None:
    visit = seeds.on("2024-10-15").precise_only()[0]
    result = run_chromium(chromium, tmp_path / "profile",
                          page.as_uri() + f"#zoom=month&at=2024-10-16&id={visit.id}",
                          "--dump-dom")
    assert result.returncode == 0
    dumped = result.stdout.decode("utf-8")
    details = dumped[dumped.index('<aside id="details"'):dumped.index("</aside>")]
    assert "hidden" not in details.split(">", 1)[0]
    assert html.escape(visit.sentence, quote=False) in details
    for document in visit.documents:
        assert document in details
    assert "15/10/2024 – 18/10/2024" in details and visit.timex in details
    assert f'<tr data-id="{visit.id}" class="selected">' in dumped


# --- screenshots: a tiny PNG reader (zlib) -----------------------------------------------------


def read_png(data: bytes) -> tuple[int, int, list[tuple[int, ...]]]:
    """Width, height and RGB(A) pixels of an 8-bit, non-interlaced RGB or RGBA PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    position, idat = 8, b""
    width = height = channels = 0
    while position < len(data):
        (length,) = struct.unpack(">I", data[position:position + 4])
        kind = data[position + 4:position + 8]
        body = data[position + 8:position + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and colour in (2, 6) and interlace == 0, (depth, colour)
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        position += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    rows: list[bytearray] = []
    previous = bytearray(stride)
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b = previous[i]
            c = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + a) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + b) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 0xFF
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        rows.append(line)
        previous = line
    pixels = [tuple(row[i:i + 3]) for row in rows for i in range(0, stride, channels)]
    return width, height, pixels


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


@pytest.mark.parametrize("zoom", ["year", "day"])
def test_screenshots_at_two_zoom_levels(chromium: str, page: Path, tmp_path: Path,
                                        zoom: str) -> None:
    shot = tmp_path / f"seeds-{zoom}.png"
    result = run_chromium(chromium, tmp_path / "profile", page.as_uri() +
                          f"#zoom={zoom}&at=2024-10-16", f"--screenshot={shot}")
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")[-2000:]
    data = shot.read_bytes()
    assert len(data) > 20_000  # a page with text and bars, not an empty one
    width, height, pixels = read_png(data)
    assert (width, height) == (1400, 1000)
    colours = Counter(pixels)
    assert len(colours) > 200, "the screenshot is (nearly) one colour"
    assert colours.most_common(1)[0][1] < 0.9 * len(pixels)
    # The solid bars of precise events are drawn in their category's colour.
    meeting, visit = _rgb(COLOURS[Category.MEETING]), _rgb(COLOURS[Category.VISIT])
    minimum = 150 if zoom == "year" else 5000  # at the day's zoom a day is ~450 px wide
    assert colours[meeting] > minimum, colours[meeting]
    assert colours[visit] > minimum, colours[visit]
    keep = ROOT / "build" / "screenshots"
    keep.mkdir(parents=True, exist_ok=True)
    (keep / shot.name).write_bytes(data)  # to look at after a run
