"""A visual timeline: one self-contained HTML page (inline CSS and JavaScript, no network).

>>> from timeline.timeline import Timeline
>>> page = Timeline(name="trống").to_html()
>>> page.startswith("<!DOCTYPE html>"), '<meta charset="utf-8">' in page, "http" in page
(True, True, False)

The page draws the events on a time axis, one band per category, each in its colour;
zooms between decade, year, month and day (the buttons, the mouse wheel, or the URL
fragment ``#zoom=day&at=2024-10-16``, with ``&q=jetro`` to search and ``&id=…`` to open
an event); pans by dragging,
by ``shift`` + wheel or with the arrow keys; shows the title, the time and the sentence
on hover, and everything — the sentence, the time phrase and its TIMEX3 value, the
place, the sources — on click.
Events given only to the month or coarser are hatched; events whose date is inferred
(``Cùng ngày …``) or approximate (``khoảng``, ``trước``, ``sau``) have a dashed
outline. Below the axis, the same events as a table that needs no script.

Every text from the documents reaches the page escaped: in the table by
:func:`html.escape`, in the script as JSON whose ``<``, ``>`` and ``&`` are written
as ``\\u003c`` … and put into the page with ``textContent`` only.
"""

from __future__ import annotations

import html
import json
import re
from datetime import datetime, timedelta, tzinfo

from timeline.calendar import zone
from timeline.events import Category, Event, Vocabulary
from timeline.model import Grain, Mod
from timeline.timeline import Timeline

__all__ = ["COLOURS", "notebook_table", "to_html", "when_text"]

COLOURS: dict[Category, str] = {
    Category.SIGNING: "#1b7f5f",
    Category.MEETING: "#d95f02",
    Category.CONFERENCE: "#6a5acd",
    Category.FESTIVAL: "#d6317f",
    Category.EXHIBITION: "#5a9216",
    Category.VISIT: "#c28a00",
    Category.ANNIVERSARY: "#8c5a2b",
    Category.PLAN: "#1f6fb4",
    Category.STATISTIC: "#5f6b73",
    Category.OTHER: "#8e8e8e",
}
"""The colour of each category's band and bars."""

_UNCERTAIN_MODS = frozenset({Mod.APPROX, Mod.BEFORE, Mod.AFTER, Mod.ON_OR_AFTER,
                             Mod.ON_OR_BEFORE, Mod.MORE_THAN, Mod.LESS_THAN})


def _json_for_script(data: object) -> str:
    """JSON that cannot close the ``<script>`` element it stands in, nor open a comment."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _local(instant: datetime, tz: tzinfo) -> str:
    return instant.astimezone(tz).replace(tzinfo=None).isoformat(timespec="minutes")


def _day(moment: datetime) -> str:
    return f"{moment.day:02d}/{moment.month:02d}/{moment.year}"


def when_text(event: Event, tz: tzinfo) -> str:
    """The event's time as a Vietnamese reader writes it: ``16/10/2024``,
    ``15/10/2024 – 18/10/2024``, ``tháng 10/2024``, ``năm 2023``, ``08:30 16/10/2024``."""
    start = event.interval.start.astimezone(tz)
    end = event.interval.end.astimezone(tz)
    midnight = start.time() == end.time() == datetime.min.time()
    if not midnight:
        if start.date() == end.date():
            return f"{start:%H:%M}–{end:%H:%M} {_day(start)}"
        return f"{start:%H:%M} {_day(start)} – {end:%H:%M} {_day(end)}"
    last = end - timedelta(days=1)
    whole_month = start.day == 1 and (end.day == 1)
    if whole_month and start.month == 1 and end.month == 1 and end.year == start.year + 1:
        return f"năm {start.year}"
    if whole_month and ((start.year, start.month + 1) == (end.year, end.month)
                        or (start.month == 12 and end.month == 1 and end.year == start.year + 1)):
        return f"tháng {start.month:02d}/{start.year}"
    if whole_month and start.month == 1 and end.month == 1:
        return f"{start.year}–{end.year - 1}"
    if whole_month:
        return f"{start.month:02d}/{start.year} – {last.month:02d}/{last.year}"
    if last.date() == start.date():
        return _day(start)
    return f"{_day(start)} – {_day(last)}"


def _event_record(event: Event, tz: tzinfo, texts: dict[str, str],
                  references: dict[str, str | None]) -> dict[str, object]:
    grain = event.grain
    coarse = grain is not None and grain.rank < Grain.DAY.rank
    uncertain = event.inferred or (event.when.mod in _UNCERTAIN_MODS)
    sources = []
    for source in event.sources:
        text = texts.get(source.document)
        phrase = (text[source.start:source.end]
                  if text is not None and 0 <= source.start < source.end <= len(text) else "")
        sources.append({"doc": source.document, "start": source.start, "end": source.end,
                        "text": " ".join(phrase.split()),
                        "reference": references.get(source.document)})
    return {
        "id": event.id,
        "title": event.title,
        "start": _local(event.interval.start, tz),
        "end": _local(event.interval.end, tz),
        "when": when_text(event, tz),
        "phrase": " ".join(event.when.text.split()),
        "timex": event.timex,
        "type": event.type.value,
        "grain": grain.value if grain is not None else None,
        "mod": event.when.mod.value if event.when.mod is not None else None,
        "categories": [c.value for c in event.categories],
        "place": event.place,
        "sentence": event.sentence,
        "sources": sources,
        "inferred": event.inferred,
        "recurring": event.is_recurring,
        "coarse": coarse,
        "uncertain": uncertain,
    }


def _table(records: list[dict[str, object]], labels: dict[str, str]) -> str:
    rows = []
    for record in records:
        categories = record["categories"]
        assert isinstance(categories, list)
        sources = record["sources"]
        assert isinstance(sources, list)
        classes = " ".join(c for c in ("coarse" if record["coarse"] else "",
                                       "uncertain" if record["uncertain"] else "") if c)
        cells = [
            f'<td class="when">{html.escape(str(record["when"]))}</td>',
            f'<td><span class="phrase">{html.escape(str(record["phrase"]))}</span> '
            f'<code>{html.escape(str(record["timex"]))}</code></td>',
            f'<td><span class="swatch cat-{html.escape(categories[0])}"></span>'
            f'{html.escape(labels[categories[0]])}</td>',
            f'<td class="title">{html.escape(str(record["title"]))}</td>',
            f'<td>{html.escape(str(record["place"] or ""))}</td>',
            "<td>" + ", ".join(html.escape(str(s["doc"])) for s in sources) + "</td>",
        ]
        rows.append(f'<tr data-id="{html.escape(str(record["id"]))}"'
                    f'{f" class={chr(34)}{classes}{chr(34)}" if classes else ""}>'
                    + "".join(cells) + "</tr>")
    return "\n".join(rows)


def notebook_table(timeline: Timeline, limit: int = 20) -> str:
    """A small HTML table of the first ``limit`` events, for Jupyter's rich display
    (``Timeline._repr_html_``): the repr's line, then when, value, category, title,
    sources."""
    tz = zone(timeline.tz)
    head = html.escape(repr(timeline))
    rows = []
    for event in timeline.events[:limit]:
        cells = (when_text(event, tz), event.timex, event.category.value, event.title,
                 ", ".join(event.documents))
        rows.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in cells) + "</tr>")
    more = len(timeline.events) - limit
    tail = (f'<tr><td colspan="5">… {more} more</td></tr>' if more > 0 else "")
    return (f"<div><code>{head}</code><table><thead><tr><th>when</th><th>value</th>"
            f"<th>category</th><th>title</th><th>sources</th></tr></thead><tbody>"
            + "".join(rows) + tail + "</tbody></table></div>")


def to_html(timeline: Timeline, *, title: str | None = None) -> str:
    """The page of the timeline, as text (UTF-8 when written out); the same Timeline
    gives the same page on every run."""
    tz = zone(timeline.tz)
    vocabulary = Vocabulary.default()
    texts = {d.id: d.text for d in timeline.documents}
    references = {d.id: (d.reference.isoformat() if d.reference else None)
                  for d in timeline.documents}
    records = [_event_record(e, tz, texts, references) for e in timeline.events]
    labels = {c.value: vocabulary.label(c) for c in Category}
    data = {
        "name": timeline.name,
        "tz": timeline.tz,
        "categories": [{"id": c.value, "label": labels[c.value], "colour": COLOURS[c]}
                       for c in Category],
        "documents": [{"id": d.id, "reference": references[d.id],
                       "mentions": len(d.mentions)} for d in timeline.documents],
        "events": records,
    }
    heading = title if title is not None else timeline.name
    colour_rules = "\n".join(f".cat-{c.value} {{ --c: {COLOURS[c]}; }}" for c in Category)
    replacements = {
        "@@TITLE@@": html.escape(heading),
        "@@CSS@@": _CSS + colour_rules,
        "@@COUNT@@": str(len(records)),
        "@@DOCS@@": str(len(timeline.documents)),
        "@@ROWS@@": _table(records, labels),
        "@@DATA@@": _json_for_script(data),
        "@@JS@@": _JS,
    }
    # One pass, so that a document's text holding "@@DATA@@" stays text.
    return re.sub(r"@@[A-Z]+@@", lambda m: replacements[m.group()], _PAGE)


_PAGE = """<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="timeline">
<title>@@TITLE@@</title>
<style>
@@CSS@@
</style>
</head>
<body>
<header>
  <h1>@@TITLE@@</h1>
  <p id="status"><span id="shown">@@COUNT@@</span> of @@COUNT@@ events from @@DOCS@@ documents</p>
  <div id="toolbar" role="toolbar" aria-label="Zoom">
    <button type="button" data-zoom="all" title="Everything">all</button>
    <button type="button" data-zoom="decade" title="Ten years">decade</button>
    <button type="button" data-zoom="year" title="A year">year</button>
    <button type="button" data-zoom="month" title="A month">month</button>
    <button type="button" data-zoom="day" title="Days and hours">day</button>
    <button type="button" id="left" title="Earlier (←)">◀</button>
    <button type="button" id="right" title="Later (→)">▶</button>
    <input id="search" type="search" placeholder="tìm / search (ha noi, JETRO …)"
           aria-label="Search the events">
  </div>
  <div id="legend"></div>
  <p class="hint">Wheel: zoom · shift + wheel or drag: move · click an event: details ·
     <span class="key precise"></span> a day or finer
     <span class="key coarse"></span> a month or coarser
     <span class="key uncertain"></span> inferred or approximate</p>
</header>
<main>
  <div id="overview" title="The whole timeline; click to go there"><div id="window"></div></div>
  <div id="chart" tabindex="0" aria-label="Timeline chart">
    <div id="axis"></div>
    <div id="lanes"></div>
  </div>
  <aside id="details" hidden></aside>
  <div id="tooltip" role="tooltip" hidden></div>
  <h2>Events</h2>
  <table id="list">
    <thead><tr><th>When</th><th>Time phrase</th><th>Category</th><th>Title</th>
      <th>Place</th><th>Sources</th></tr></thead>
    <tbody>
@@ROWS@@
    </tbody>
  </table>
</main>
<script type="application/json" id="timeline-data">@@DATA@@</script>
<script>
@@JS@@
</script>
</body>
</html>
"""

_CSS = """
:root {
  --font: "Noto Sans", "Segoe UI", Roboto, "Helvetica Neue", Arial, "Liberation Sans",
          "DejaVu Sans", sans-serif;
  --ink: #1d232a; --muted: #5d6770; --line: #d8dde2; --bg: #ffffff; --band: #f6f8fa;
}
* { box-sizing: border-box; }
body { margin: 0; font-family: var(--font); color: var(--ink); background: var(--bg);
       font-size: 14px; }
header { padding: 12px 16px 4px; border-bottom: 1px solid var(--line); }
h1 { font-size: 20px; margin: 0 0 2px; }
h2 { font-size: 16px; margin: 18px 16px 6px; }
#status, .hint { color: var(--muted); margin: 2px 0 6px; font-size: 13px; }
#toolbar { display: flex; flex-wrap: wrap; gap: 4px; align-items: center; margin: 6px 0; }
#toolbar button { font: inherit; padding: 3px 10px; border: 1px solid var(--line);
  background: #fff; border-radius: 4px; cursor: pointer; }
#toolbar button.active { background: var(--ink); color: #fff; border-color: var(--ink); }
#search { font: inherit; padding: 3px 8px; margin-left: 8px; min-width: 16em;
  border: 1px solid var(--line); border-radius: 4px; }
#legend { display: flex; flex-wrap: wrap; gap: 4px 12px; margin: 4px 0; }
#legend label { cursor: pointer; user-select: none; white-space: nowrap; }
#legend input { margin: 0 4px 0 0; vertical-align: -1px; }
.swatch { display: inline-block; width: 12px; height: 12px; border-radius: 2px;
  background: var(--c); margin-right: 5px; vertical-align: -1px; }
.key { display: inline-block; width: 26px; height: 10px; margin: 0 3px 0 10px;
  vertical-align: -1px; border-radius: 2px; --c: #5f6b73; }
.key.precise { background: var(--c); }
.key.coarse { background: repeating-linear-gradient(135deg, var(--c) 0 3px,
  color-mix(in srgb, var(--c) 25%, #fff) 3px 6px); border: 1px dashed var(--c); }
.key.uncertain { background: color-mix(in srgb, var(--c) 35%, #fff);
  border: 2px dashed var(--c); }
main { padding: 0 0 24px; }
#overview { position: relative; height: 18px; margin: 8px 16px 0; background: var(--band);
  border: 1px solid var(--line); border-radius: 3px; cursor: pointer; overflow: hidden; }
#overview .tick { position: absolute; top: 3px; width: 2px; height: 10px;
  background: var(--c); opacity: .8; }
#window { position: absolute; top: 0; bottom: 0; border: 2px solid var(--ink);
  background: rgba(29, 35, 42, .08); border-radius: 2px; min-width: 4px; }
#chart { position: relative; margin: 6px 16px 0; border: 1px solid var(--line);
  overflow: hidden; cursor: grab; outline: none; user-select: none; min-height: 80px; }
#chart.dragging { cursor: grabbing; }
#chart:focus-visible { box-shadow: 0 0 0 2px #1f6fb4; }
#axis { position: relative; height: 40px; border-bottom: 1px solid var(--line);
  background: #fbfcfd; }
.tick-major, .tick-minor { position: absolute; top: 0; bottom: 0; border-left: 1px solid; }
.tick-major { border-color: #9aa4ad; }
.tick-minor { border-color: #e3e7ea; top: 20px; }
.tick-major span, .tick-minor span { position: absolute; left: 3px; white-space: nowrap;
  font-size: 12px; }
.tick-major span { top: 2px; font-weight: 600; }
.tick-minor span { top: 2px; color: var(--muted); }
#lanes { position: relative; }
.grid { position: absolute; top: 0; bottom: 0; border-left: 1px solid #eef1f3;
  pointer-events: none; }
.grid.major { border-color: #dde2e6; }
.band { position: relative; border-bottom: 1px solid var(--line); }
.band:nth-child(even) { background: var(--band); }
.band-label { position: sticky; left: 0; display: inline-block; padding: 3px 8px;
  font-size: 12px; font-weight: 600; color: var(--c); z-index: 2; }
.event { position: absolute; height: 18px; cursor: pointer; white-space: nowrap; }
.event .bar { position: absolute; left: 0; top: 0; height: 18px; border-radius: 3px;
  background: var(--c); border: 1px solid var(--c); min-width: 6px; }
.event.coarse .bar { background: repeating-linear-gradient(135deg,
  color-mix(in srgb, var(--c) 55%, #fff) 0 4px, color-mix(in srgb, var(--c) 15%, #fff) 4px 8px);
  border: 1px dashed var(--c); }
.event.uncertain .bar { border: 2px dashed var(--c);
  background: color-mix(in srgb, var(--c) 30%, #fff); }
.event.coarse.uncertain .bar { background: repeating-linear-gradient(135deg,
  color-mix(in srgb, var(--c) 40%, #fff) 0 4px, #fff 4px 8px); }
.event.cut-left .bar { border-top-left-radius: 0; border-bottom-left-radius: 0;
  border-left-width: 0; }
.event.cut-right .bar { border-top-right-radius: 0; border-bottom-right-radius: 0;
  border-right-width: 0; }
.event .label { position: absolute; top: 1px; font-size: 12px; line-height: 16px;
  overflow: hidden; text-overflow: ellipsis; }
.event .label.inside { color: #fff; left: 5px; text-shadow: 0 0 2px rgba(0,0,0,.35); }
.event.coarse .label.inside, .event.uncertain .label.inside { color: var(--ink);
  background: rgba(255, 255, 255, .82); padding: 0 4px; border-radius: 2px; top: 1px; }
.event.uncertain .label::before { content: "≈ "; }
.event:hover .bar, .event:focus .bar, .event.selected .bar {
  box-shadow: 0 0 0 2px var(--ink); }
.event:focus { outline: none; }
.event.selected .label { font-weight: 700; }
#tooltip { position: fixed; z-index: 10; max-width: 420px; padding: 8px 10px;
  background: #1d232a; color: #fff; border-radius: 4px; font-size: 13px;
  pointer-events: none; box-shadow: 0 2px 8px rgba(0,0,0,.25); }
#tooltip .t { font-weight: 700; margin-bottom: 2px; }
#tooltip .w { color: #cfe3ff; margin-bottom: 4px; }
#tooltip .s { color: #e6e9ec; }
#details { margin: 10px 16px; padding: 10px 14px; border: 1px solid var(--line);
  border-left: 6px solid var(--c); border-radius: 4px; background: #fff; }
#details h3 { margin: 0 0 4px; font-size: 16px; }
#details dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px;
  margin: 6px 0; }
#details dt { color: var(--muted); }
#details dd { margin: 0; }
#details blockquote { margin: 6px 0; padding: 4px 10px; border-left: 3px solid var(--line);
  color: #2f3942; }
#details .close { float: right; font: inherit; border: 0; background: none;
  cursor: pointer; font-size: 18px; line-height: 1; }
#list { border-collapse: collapse; margin: 0 16px; font-size: 13px; }
#list th, #list td { text-align: left; padding: 3px 8px; border-bottom: 1px solid var(--line);
  vertical-align: top; }
#list tr.selected td { background: #fff6d6; }
#list tr[hidden] { display: none; }
#list tr.coarse .when { font-style: italic; }
#list code { color: var(--muted); font-size: 12px; }
#list tbody tr { cursor: pointer; }
"""

_JS = r"""
"use strict";
(function () {
  var DATA = JSON.parse(document.getElementById("timeline-data").textContent);
  var DAY = 86400000, HOUR = 3600000, YEAR = 365.2425 * DAY;
  var LEVELS = {decade: 12 * YEAR, year: 14 * 30.44 * DAY, month: 35 * DAY, day: 3 * DAY};
  var MIN_SPAN = 12 * HOUR, MAX_SPAN = 400 * YEAR;
  var ROW = 22, LABEL_MAX = 320, CHAR = 6.6;
  var chart = document.getElementById("chart"), axis = document.getElementById("axis");
  var lanes = document.getElementById("lanes"), tooltip = document.getElementById("tooltip");
  var details = document.getElementById("details");
  var overview = document.getElementById("overview"), win = document.getElementById("window");
  var search = document.getElementById("search");

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function fold(text) {
    return String(text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[đĐ]/g, "d").toLowerCase().replace(/\s+/g, " ");
  }
  var cats = {}, catOrder = [];
  DATA.categories.forEach(function (c, i) { cats[c.id] = c; catOrder.push(c.id); });
  var events = DATA.events.map(function (e) {
    e.s = Date.parse(e.start + ":00Z");
    e.e = Date.parse(e.end + ":00Z");
    e.cat = e.categories[0];
    e.key = fold([e.title, e.sentence, e.place, e.phrase, e.when].join(" "));
    return e;
  });
  var byId = {};
  events.forEach(function (e) { byId[e.id] = e; });
  var hidden = {}, query = "", selected = null;

  var lo = Infinity, hi = -Infinity;
  events.forEach(function (e) { lo = Math.min(lo, e.s); hi = Math.max(hi, e.e); });
  if (!isFinite(lo)) { lo = Date.UTC(2024, 0, 1); hi = Date.UTC(2025, 0, 1); }
  var precise = events.filter(function (e) { return !e.coarse; });
  var pool = (precise.length ? precise : events).map(function (e) { return e.s; })
    .sort(function (a, b) { return a - b; });
  var focus = pool.length ? pool[Math.floor((pool.length - 1) / 2)] : (lo + hi) / 2;

  var view = {start: lo, span: hi - lo};
  var level = "all";

  function width() { return Math.max(200, chart.clientWidth); }
  function x(t) { return (t - view.start) / view.span * width(); }
  function visible() {
    return events.filter(function (e) {
      return !hidden[e.cat] && (!query || e.key.indexOf(query) >= 0);
    });
  }

  // --- the axis -------------------------------------------------------------------------
  var UNITS = [
    ["hour", 1], ["hour", 3], ["hour", 6], ["hour", 12], ["day", 1], ["day", 2],
    ["day", 7], ["month", 1], ["month", 3], ["month", 6], ["year", 1], ["year", 2],
    ["year", 5], ["year", 10], ["year", 20], ["year", 50], ["year", 100]
  ];
  var APPROX = {hour: HOUR, day: DAY, month: 30.44 * DAY, year: YEAR};
  function floorTo(t, unit, step) {
    var d = new Date(t);
    if (unit === "hour") return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(),
      d.getUTCHours() - d.getUTCHours() % step);
    if (unit === "day") return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
    if (unit === "month") return Date.UTC(d.getUTCFullYear(),
      d.getUTCMonth() - d.getUTCMonth() % step, 1);
    return Date.UTC(d.getUTCFullYear() - ((d.getUTCFullYear() % step) + step) % step, 0, 1);
  }
  function add(t, unit, step) {
    var d = new Date(t);
    if (unit === "hour") return t + step * HOUR;
    if (unit === "day") return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(),
      d.getUTCDate() + step);
    if (unit === "month") return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + step, 1);
    return Date.UTC(d.getUTCFullYear() + step, 0, 1);
  }
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function label(t, unit, major) {
    var d = new Date(t), y = d.getUTCFullYear(), m = d.getUTCMonth() + 1, day = d.getUTCDate();
    if (unit === "hour") return major ? pad(day) + "/" + pad(m) + "/" + y
      : pad(d.getUTCHours()) + ":00";
    if (unit === "day") return major ? "T" + m + "/" + y : String(day);
    if (unit === "month") return major ? String(y) : "T" + m;
    return String(y);
  }
  var MAJOR = {hour: ["day", 1], day: ["month", 1], month: ["year", 1]};
  function ticks() {
    var msPerPx = view.span / width(), minor = UNITS[UNITS.length - 1];
    for (var i = 0; i < UNITS.length; i++) {
      if (APPROX[UNITS[i][0]] * UNITS[i][1] / msPerPx >= 46) { minor = UNITS[i]; break; }
    }
    var major = MAJOR[minor[0]] || ["year", minor[1] * 5 >= 100 ? 100 : minor[1] * 5];
    if (minor[0] === "day" && minor[1] === 7) major = ["month", 1];
    return {minor: minor, major: major};
  }
  function drawAxis(grid) {
    axis.textContent = "";
    var spec = ticks(), end = view.start + view.span, t, guard = 0;
    var majorLabels = spec.major[0] === "year" && spec.minor[0] === "year";
    for (t = floorTo(view.start, spec.minor[0], spec.minor[1]); t < end && guard < 500;
         t = add(t, spec.minor[0], spec.minor[1]), guard++) {
      var tick = el("div", "tick-minor");
      tick.style.left = x(t) + "px";
      tick.appendChild(el("span", "", label(t, spec.minor[0], false)));
      if (!majorLabels) axis.appendChild(tick);
      var g = el("div", "grid"); g.style.left = x(t) + "px"; grid.push(g);
    }
    guard = 0;
    for (t = floorTo(view.start, spec.major[0], spec.major[1]); t < end && guard < 500;
         t = add(t, spec.major[0], spec.major[1]), guard++) {
      var big = el("div", "tick-major");
      big.style.left = x(t) + "px";
      var text = label(t, spec.major[0] === "year" && !majorLabels ? "month" : spec.minor[0],
                       true);
      if (majorLabels) text = String(new Date(t).getUTCFullYear());
      var span = el("span", "", text);
      big.appendChild(span);
      if (x(t) < 0) { span.style.left = (3 - x(t)) + "px"; }
      axis.appendChild(big);
      var g2 = el("div", "grid major"); g2.style.left = x(t) + "px"; grid.push(g2);
    }
  }

  // --- the bands ------------------------------------------------------------------------
  function pack(list) {
    // Rows so that no two bars (with their labels) overlap, at the current zoom and in
    // the current view: a bar that starts before the view has its label at the view's
    // left edge.
    // Bars are cut at the view's edges (a year drawn at the day's zoom would be a
    // million pixels wide).
    var rows = [], W = width();
    list.slice().sort(function (a, b) { return a.s - b.s || b.e - a.e; }).forEach(function (e) {
      var left = x(e.s), right = Math.max(left + 6, x(e.e));
      e.cutLeft = left < -8; e.cutRight = right > W + 8;
      e.vl = Math.max(left, -8); e.vr = Math.min(right, W + 8);
      var lw = Math.min(LABEL_MAX, e.title.length * CHAR + 14);
      e.inside = e.vr - Math.max(e.vl, 0) >= lw + 8;
      e.labelAt = e.inside ? Math.max(0, -e.vl) + 5 : e.vr - e.vl + 5;
      var reach = e.inside ? e.vr + 4 : e.vr + 6 + lw;
      left = e.vl;
      for (var r = 0; r < rows.length; r++) {
        if (rows[r] <= left) { rows[r] = reach; e.row = r; return; }
      }
      rows.push(reach); e.row = rows.length - 1;
    });
    return rows.length;
  }
  function inView(e) {
    return e.e > view.start && e.s < view.start + view.span;
  }
  function draw() {
    var shown = visible(), grid = [];
    document.getElementById("shown").textContent = String(shown.length);
    drawAxis(grid);
    lanes.textContent = "";
    grid.forEach(function (g) { lanes.appendChild(g); });
    catOrder.forEach(function (id) {
      var all = shown.filter(function (e) { return e.cat === id; });
      if (!all.length) return;
      var mine = all.filter(inView);
      var rows = pack(mine);
      var band = el("div", "band cat-" + id);
      band.dataset.category = id;
      band.style.height = (22 + rows * ROW + 4) + "px";
      band.appendChild(el("span", "band-label", cats[id].label + " · " + id));
      mine.forEach(function (e) {
        var left = e.vl, w = e.vr - e.vl;
        var node = el("div", "event cat-" + e.cat);
        if (e.coarse) node.classList.add("coarse");
        if (e.uncertain) node.classList.add("uncertain");
        if (e.inferred) node.classList.add("inferred");
        if (e.cutLeft) node.classList.add("cut-left");
        if (e.cutRight) node.classList.add("cut-right");
        if (selected === e.id) node.classList.add("selected");
        node.dataset.id = e.id;
        node.dataset.start = e.start;
        node.dataset.end = e.end;
        node.dataset.grain = e.grain || "";
        node.tabIndex = 0;
        node.setAttribute("role", "button");
        node.setAttribute("aria-label", e.when + ": " + e.title);
        node.style.left = left + "px";
        node.style.top = (22 + e.row * ROW) + "px";
        var bar = el("div", "bar");
        bar.style.width = w + "px";
        node.appendChild(bar);
        var text = el("span", "label" + (e.inside ? " inside" : ""), e.title);
        text.style.left = e.labelAt + "px";
        text.style.maxWidth = (e.inside ? Math.min(e.vr, width()) - Math.max(left, 0) - 10
                                        : LABEL_MAX) + "px";
        node.appendChild(text);
        band.appendChild(node);
      });
      lanes.appendChild(band);
    });
    if (!lanes.querySelector(".band")) {
      lanes.appendChild(el("p", "band-label", "No event to show."));
    }
    drawOverview(shown);
    document.querySelectorAll("#toolbar [data-zoom]").forEach(function (b) {
      b.classList.toggle("active", b.dataset.zoom === level);
    });
    document.querySelectorAll("#list tbody tr").forEach(function (tr) {
      var e = byId[tr.dataset.id];
      tr.hidden = !e || hidden[e.cat] || (query && e.key.indexOf(query) < 0);
    });
  }
  function drawOverview(shown) {
    overview.querySelectorAll(".tick").forEach(function (t) { t.remove(); });
    var span = Math.max(hi - lo, DAY), w = overview.clientWidth || 1;
    shown.forEach(function (e) {
      var t = el("div", "tick cat-" + e.cat);
      t.style.left = ((e.s - lo) / span * w) + "px";
      overview.appendChild(t);
    });
    win.style.left = Math.max(0, (view.start - lo) / span * w) + "px";
    win.style.width = Math.min(w, view.span / span * w) + "px";
  }

  // --- zoom and pan ---------------------------------------------------------------------
  function setView(center, span) {
    span = Math.min(MAX_SPAN, Math.max(MIN_SPAN, span));
    view.span = span;
    view.start = center - span / 2;
    draw();
  }
  function zoomTo(name, center) {
    level = name;
    if (name === "all" || !LEVELS[name]) {
      level = "all";
      var pad = Math.max((hi - lo) * 0.04, DAY);
      setView((lo + hi) / 2, hi - lo + 2 * pad);
    } else {
      setView(center === undefined ? view.start + view.span / 2 : center, LEVELS[name]);
    }
  }
  function writeHash() {
    var c = new Date(view.start + view.span / 2).toISOString().slice(0, 10);
    var zoom = level || (Math.round(view.span / DAY * 100) / 100) + "d";
    var hash = "#zoom=" + zoom + (level === "all" ? "" : "&at=" + c) +
      (search.value ? "&q=" + encodeURIComponent(search.value) : "");
    if (history.replaceState) history.replaceState(null, "", hash);
  }
  function readHash() {
    var params = {};
    location.hash.replace(/^#/, "").split("&").forEach(function (part) {
      var kv = part.split("=");
      if (kv[0]) params[decodeURIComponent(kv[0])] = decodeURIComponent(kv[1] || "");
    });
    var at = params.at ? Date.parse(params.at.length === 10 ? params.at + "T12:00:00Z"
                                                          : params.at + "Z") : NaN;
    var zoom = params.zoom || "all";
    if (params.q !== undefined) { search.value = params.q; query = fold(params.q).trim(); }
    if (zoom === "all" && !params.at) { zoomTo("all"); return; }
    var days = /^[0-9]+(\.[0-9]+)?d$/.test(zoom) ? parseFloat(zoom) : NaN;
    if (!isNaN(days)) {
      level = nearestLevel(days * DAY);
      setView(isNaN(at) ? focus : at, days * DAY);
      return;
    }
    zoomTo(LEVELS[zoom] ? zoom : "year", isNaN(at) ? focus : at);
  }
  function pan(fraction) {
    view.start += view.span * fraction;
    draw();
  }
  document.querySelectorAll("#toolbar [data-zoom]").forEach(function (b) {
    b.addEventListener("click", function () {
      var center = level === "all" && b.dataset.zoom !== "all" ? focus : undefined;
      if (selected && byId[selected]) center = (byId[selected].s + byId[selected].e) / 2;
      zoomTo(b.dataset.zoom, center);
      writeHash();
    });
  });
  document.getElementById("left").addEventListener("click", function () { pan(-0.5); });
  document.getElementById("right").addEventListener("click", function () { pan(0.5); });
  chart.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    var box = chart.getBoundingClientRect();
    var horizontal = ev.shiftKey || Math.abs(ev.deltaX) > Math.abs(ev.deltaY);
    if (horizontal) {
      var delta = ev.shiftKey ? ev.deltaY || ev.deltaX : ev.deltaX;
      view.start += delta / width() * view.span;
    } else {
      var at = view.start + (ev.clientX - box.left) / width() * view.span;
      var factor = Math.exp(Math.max(-0.5, Math.min(0.5, ev.deltaY * 0.002)));
      var span = Math.min(MAX_SPAN, Math.max(MIN_SPAN, view.span * factor));
      view.start = at - (at - view.start) * span / view.span;
      view.span = span;
      level = nearestLevel(span);
    }
    draw();
    writeHash();
  }, {passive: false});
  function nearestLevel(span) {
    var best = "all", score = Infinity;
    Object.keys(LEVELS).forEach(function (k) {
      var s = Math.abs(Math.log(span / LEVELS[k]));
      if (s < score && s < 0.35) { score = s; best = k; }
    });
    return best === "all" ? "" : best;
  }
  var drag = null;
  chart.addEventListener("mousedown", function (ev) {
    if (ev.button !== 0) return;
    drag = {x: ev.clientX, start: view.start, moved: false};
    chart.classList.add("dragging");
  });
  window.addEventListener("mousemove", function (ev) {
    if (!drag) return;
    var dx = ev.clientX - drag.x;
    if (Math.abs(dx) > 3) drag.moved = true;
    view.start = drag.start - dx / width() * view.span;
    draw();
  });
  window.addEventListener("mouseup", function () {
    if (drag && drag.moved) writeHash();
    chart.classList.remove("dragging");
    setTimeout(function () { drag = null; }, 0);
  });
  chart.addEventListener("keydown", function (ev) {
    if (ev.key === "ArrowLeft") { pan(-0.25); ev.preventDefault(); }
    else if (ev.key === "ArrowRight") { pan(0.25); ev.preventDefault(); }
    else if (ev.key === "+" || ev.key === "=") { setView(view.start + view.span / 2,
                                                        view.span / 2); }
    else if (ev.key === "-") { setView(view.start + view.span / 2, view.span * 2); }
    else if (ev.key === "Enter" && ev.target.dataset && ev.target.dataset.id) {
      select(ev.target.dataset.id, false);
    }
  });
  overview.addEventListener("click", function (ev) {
    var box = overview.getBoundingClientRect();
    var t = lo + (ev.clientX - box.left) / box.width * Math.max(hi - lo, DAY);
    if (level === "all") level = "year";
    setView(t, level === "all" ? view.span : (LEVELS[level] || view.span));
    writeHash();
  });

  // --- hover and details ----------------------------------------------------------------
  function fill(target, e, full) {
    target.textContent = "";
    target.appendChild(el("div", "t", e.title));
    target.appendChild(el("div", "w", e.when + " · " + e.phrase + " (" + e.timex + ")"));
    if (!full) {
      var s = e.sentence.length > 240 ? e.sentence.slice(0, 239) + "…" : e.sentence;
      target.appendChild(el("div", "s", s));
      target.appendChild(el("div", "w", "Nguồn / sources: " + e.sources.map(function (x) {
        return x.doc; }).join(", ")));
    }
  }
  lanes.addEventListener("mouseover", function (ev) {
    var node = ev.target.closest(".event");
    if (!node || drag) { tooltip.hidden = true; return; }
    fill(tooltip, byId[node.dataset.id], false);
    tooltip.hidden = false;
  });
  lanes.addEventListener("mousemove", function (ev) {
    if (tooltip.hidden) return;
    var left = Math.min(ev.clientX + 14, window.innerWidth - tooltip.offsetWidth - 8);
    var top = ev.clientY + 16;
    if (top + tooltip.offsetHeight > window.innerHeight) top = ev.clientY -
      tooltip.offsetHeight - 12;
    tooltip.style.left = Math.max(4, left) + "px";
    tooltip.style.top = Math.max(4, top) + "px";
  });
  lanes.addEventListener("mouseout", function (ev) {
    if (!ev.relatedTarget || !ev.relatedTarget.closest || !ev.relatedTarget.closest(".event")) {
      tooltip.hidden = true;
    }
  });
  lanes.addEventListener("click", function (ev) {
    if (drag && drag.moved) return;
    var node = ev.target.closest(".event");
    if (node) select(node.dataset.id, false);
  });
  function row(dl, term, value) {
    if (value === null || value === undefined || value === "") return;
    dl.appendChild(el("dt", "", term));
    var dd = el("dd");
    if (value instanceof Node) dd.appendChild(value); else dd.textContent = String(value);
    dl.appendChild(dd);
  }
  function select(id, center) {
    var e = byId[id];
    if (!e) return;
    selected = id;
    if (center) setView((e.s + e.e) / 2, Math.max(view.span, 0));
    details.className = "cat-" + e.cat;
    details.textContent = "";
    var close = el("button", "close", "×");
    close.type = "button";
    close.setAttribute("aria-label", "Close");
    close.addEventListener("click", function () { details.hidden = true; selected = null;
      draw(); });
    details.appendChild(close);
    details.appendChild(el("h3", "", e.title));
    var dl = el("dl");
    row(dl, "When", e.when + (e.inferred ? " (inferred from “" + e.phrase + "”)" : ""));
    row(dl, "Time phrase", "“" + e.phrase + "”");
    row(dl, "TIMEX3", e.type + " " + e.timex + (e.mod ? " mod=" + e.mod : "") +
        (e.grain ? " · grain " + e.grain : ""));
    row(dl, "Category", e.categories.map(function (c) {
      return cats[c].label + " (" + c + ")"; }).join(", "));
    row(dl, "Place", e.place);
    var list = el("ul");
    e.sources.forEach(function (s) {
      list.appendChild(el("li", "", s.doc + " [" + s.start + ":" + s.end + "] “" + s.text +
        "”" + (s.reference ? " — reference " + s.reference : "")));
    });
    row(dl, "Sources", list);
    details.appendChild(dl);
    details.appendChild(el("blockquote", "", e.sentence));
    details.hidden = false;
    document.querySelectorAll("#list tr.selected").forEach(function (tr) {
      tr.classList.remove("selected"); });
    var tr = document.querySelector('#list tr[data-id="' + id + '"]');
    if (tr) tr.classList.add("selected");
    draw();
  }
  document.querySelector("#list tbody").addEventListener("click", function (ev) {
    var tr = ev.target.closest("tr");
    if (!tr) return;
    var e = byId[tr.dataset.id];
    if (!e) return;
    if (level === "all") level = e.coarse ? "year" : "month";
    view.start = (e.s + e.e) / 2 - view.span / 2;
    if (LEVELS[level]) view.span = LEVELS[level];
    view.start = (e.s + e.e) / 2 - view.span / 2;
    select(e.id, false);
    writeHash();
    chart.scrollIntoView({block: "nearest"});
  });

  // --- legend and search ----------------------------------------------------------------
  var legend = document.getElementById("legend");
  catOrder.forEach(function (id) {
    var count = events.filter(function (e) { return e.cat === id; }).length;
    if (!count) return;
    var lab = el("label", "cat-" + id), box = el("input");
    box.type = "checkbox"; box.checked = true; box.dataset.category = id;
    box.addEventListener("change", function () { hidden[id] = !box.checked; draw(); });
    lab.appendChild(box);
    lab.appendChild(el("span", "swatch"));
    lab.appendChild(document.createTextNode(cats[id].label + " (" + id + ") " + count));
    legend.appendChild(lab);
  });
  search.addEventListener("input", function () { query = fold(search.value).trim(); draw(); });

  window.addEventListener("hashchange", readHash);
  window.addEventListener("resize", draw);
  readHash();
  var opened = /(?:^#|&)id=([0-9a-f]+)/.exec(location.hash);
  if (opened && byId[opened[1]]) select(opened[1], false);
  document.body.dataset.ready = "true";
})();
"""
