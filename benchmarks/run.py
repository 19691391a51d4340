"""``make bench``: how fast timeline is, against dateparser and against a plain regex pass.

Everything is timed in this one process on the same texts: the five seed articles and a
larger corpus generated from them (``benchmarks/corpus.py``, deterministic). Every figure
is the median of ``--runs`` runs (at least 5). The results are printed as a table, each
target of issue 5 with PASS or FAIL, and written to the generated section of
``docs/benchmarks.md`` (``--no-write`` to leave it alone).

Speed lives here, never in the test suite: tests compare ratios between sizes only.

    .venv/bin/python benchmarks/run.py            # full run, about three minutes
    .venv/bin/python benchmarks/run.py --quick    # smaller sizes, for a first look
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import json
import os
import platform
import pstats
import re
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from corpus import corpus, seeds  # noqa: E402

REFERENCE = "2024-10-20"
DOC = ROOT / "docs" / "benchmarks.md"
BEGIN = "<!-- BEGIN GENERATED: benchmarks/run.py -->"
END = "<!-- END GENERATED: benchmarks/run.py -->"

# The floor for any Python extractor: one pass of one plain keyword regex.
KEYWORDS = re.compile(r"ngày|tháng|năm|tuần|quý|giờ|\d{1,4}")

TARGET_DATEPARSER = 25.0  # timeline throughput / dateparser throughput, at least
TARGET_REGEX = 5.0  # timeline time / regex-pass time, at most
TARGET_LINEAR = 0.20  # time(k×) / (k · time(1×)) within 1 ± this
TARGET_WORST_CASE = 1.5  # 1 MB vs 100 KB of adversarial text: one or two runs each, noisier
TARGET_IMPORT_MS = 80.0  # import timeline above a bare interpreter, at most
TARGET_FIRST_CALLS = 5.0  # the first call costs at most this many later calls


def median_time(
    function: Callable[[], object], runs: int, clock: Callable[[], float] = time.process_time
) -> float:
    """The median time of ``runs`` calls, in seconds: CPU time of this process by default,
    which other work on a busy machine does not inflate (wall time for the process pool)."""
    times = []
    for _ in range(runs):
        gc.collect()
        start = clock()
        function()
        times.append(clock() - start)
    return statistics.median(times)


def min_time(function: Callable[[], object], runs: int) -> float:
    """The best CPU time of ``runs`` calls: what the work costs without interference."""
    times = []
    for _ in range(runs):
        gc.collect()
        start = time.process_time()
        function()
        times.append(time.process_time() - start)
    return min(times)


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


@dataclass
class Report:
    lines: list[str] = field(default_factory=list)
    targets: list[tuple[str, str, str, bool]] = field(default_factory=list)

    def add(self, *lines: str) -> None:
        for line in lines:
            print(line, flush=True)
            self.lines.append(line)

    def table(self, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
        self.add("| " + " | ".join(header) + " |")
        self.add("|" + "|".join("---" for _ in header) + "|")
        for row in rows:
            self.add("| " + " | ".join(row) + " |")
        self.add("")

    def target(self, name: str, wanted: str, measured: str, ok: bool) -> None:
        self.targets.append((name, wanted, measured, ok))


# --- throughput ----------------------------------------------------------------------------


def throughput(report: Report, name: str, texts: list[str], runs: int) -> tuple[float, float]:
    from dateparser.search import search_dates

    import timeline

    chars = sum(map(len, texts))

    def run_timeline() -> None:
        for text in texts:
            timeline.extract(text, reference=REFERENCE)

    def run_dateparser() -> None:
        for text in texts:
            search_dates(text, languages=["vi"])

    def run_regex() -> None:
        for text in texts:
            KEYWORDS.findall(text)

    for warm in (run_timeline, run_dateparser, run_regex):
        warm()
    t_timeline = median_time(run_timeline, runs)
    t_dateparser = median_time(run_dateparser, runs)
    t_regex = median_time(run_regex, runs)
    versus_dateparser = t_dateparser / t_timeline
    versus_regex = t_timeline / t_regex
    rows = [
        [tool, f"{seconds * 1000:,.1f}", f"{chars / seconds:,.0f}", f"{len(texts) / seconds:,.1f}"]
        for tool, seconds in (
            ("timeline.extract", t_timeline),
            ('dateparser search_dates(languages=["vi"])', t_dateparser),
            ("one keyword regex pass (floor)", t_regex),
        )
    ]
    report.add(f"**{name}**: {len(texts)} documents, {chars:,} characters, median of {runs} runs.",
               "")
    report.table(["", "ms", "chars/s", "documents/s"], rows)
    report.add(
        f"timeline vs dateparser throughput: **{versus_dateparser:.1f}×**; "
        f"timeline time / regex time: **{versus_regex:.1f}×**",
        "",
    )
    report.target(f"{name}: throughput vs dateparser", f"≥ {TARGET_DATEPARSER:g}×",
                  f"{versus_dateparser:.1f}×", versus_dateparser >= TARGET_DATEPARSER)
    report.target(f"{name}: time vs one regex pass", f"≤ {TARGET_REGEX:g}×",
                  f"{versus_regex:.1f}×", versus_regex <= TARGET_REGEX)
    return versus_dateparser, versus_regex


# --- linearity -----------------------------------------------------------------------------


def linearity(report: Report, factors: Sequence[int], runs: int) -> None:
    import timeline

    base = "\n\n".join(seeds())
    times: dict[int, float] = {}
    for factor in factors:
        text = "\n\n".join([base] * factor)
        timeline.extract(text[:1000], reference=REFERENCE)
        times[factor] = median_time(lambda t=text: timeline.extract(t, reference=REFERENCE), runs)
    unit = times[factors[0]] / factors[0]
    rows = []
    worst = 0.0
    for factor in factors:
        ratio = times[factor] / (unit * factor)
        worst = max(worst, abs(ratio - 1))
        rows.append([f"{factor}×", f"{len(base) * factor + 2 * (factor - 1):,}",
                     f"{times[factor] * 1000:,.1f}", f"{ratio:.2f}"])
    report.add(f"**Linearity**: the five seeds concatenated, repeated; median of {runs} runs. "
               "Last column: time / (k × time of 1×), 1.00 is linear.", "")
    report.table(["size", "characters", "ms", "per-character cost vs 1×"], rows)
    report.target("linear in input size (1×, 10×, 100×)", f"within ±{TARGET_LINEAR:.0%}",
                  f"worst {worst:+.0%}", worst <= TARGET_LINEAR)


# --- worst cases ---------------------------------------------------------------------------


def _repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def _random_unicode(size: int) -> str:
    import random

    rng = random.Random(size)
    return "".join(chr(rng.randrange(0x20, 0x30000)) for _ in range(size))


WORST_CASES: dict[str, Callable[[int], str]] = {
    "1/1/1/1/…": lambda n: _repeat("1/1/", n),
    "15-15-15-…": lambda n: _repeat("15-15-", n),
    "ngày ngày ngày …": lambda n: _repeat("ngày ", n),
    "tháng tháng …": lambda n: _repeat("tháng ", n),
    "whitespace": lambda n: _repeat(" \t\n\u00a0", n),
    "one long line (the seeds, newlines removed)":
        lambda n: _repeat(" ".join(seeds()).replace("\n", " ") + " ", n),
    "random Unicode": _random_unicode,
    "combining marks only": lambda n: _repeat("\u0301\u0323\u0309", n),
    "dates and years (15/10/2024 2024, …)": lambda n: _repeat("15/10/2024 2024, ", n),
}


def worst_cases(report: Report, small: int, factor: int) -> None:
    import timeline

    rows = []
    worst = 0.0
    for name, make in WORST_CASES.items():
        little, big = make(small), make(small * factor)
        timeline.extract(little[:100])
        t_small = min_time(lambda t=little: timeline.extract(t, reference=REFERENCE), 3)
        t_big = min_time(lambda t=big: timeline.extract(t, reference=REFERENCE), 2)
        ratio = t_big / t_small
        worst = max(worst, ratio)
        rows.append([name, f"{t_small * 1000:,.0f}", f"{t_big * 1000:,.0f}", f"{ratio:.1f}",
                     f"{len(big) / t_big:,.0f}"])
    report.add(f"**Worst cases**: adversarial inputs of {small:,} and {small * factor:,} "
               "characters (CPU ms, the best of 3 runs for the small one and of 2 for the "
               f"large one: a cost that grows shows in every run). Linear is {factor}×.", "")
    report.table(["input", f"{small // 1000} K chars ms", f"{small * factor // 1000} K chars ms",
                  "ratio", "chars/s (large)"], rows)
    limit = factor * TARGET_WORST_CASE
    report.target(f"adversarial inputs linear ({factor}× the input; quadratic would be "
                  f"{factor * factor}×)", f"≤ {limit:g}× the time", f"worst {worst:.1f}×",
                  worst <= limit)


# --- import and first call -----------------------------------------------------------------


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _python(code: str) -> float:
    """The CPU time (user + system) of a fresh interpreter running ``code``."""
    start = _children_cpu()
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
    return _children_cpu() - start


def import_cost(report: Report, runs: int) -> None:
    bare, loaded = [], []
    _python("import timeline")  # warm the file cache and the bytecode
    for _ in range(runs):
        bare.append(_python("pass"))
        loaded.append(_python("import timeline"))
    cost = (statistics.median(loaded) - statistics.median(bare)) * 1000
    heavy = subprocess.run(
        [sys.executable, "-c",
         "import sys, timeline; print(' '.join(m for m in ('dateparser', 'icalendar', "
         "'pendulum', 'dateutil', 'attrs', 'lunar_vn', 'importlib.metadata', "
         "'concurrent.futures', 'dask') if m in sys.modules))"],
        check=True, cwd=ROOT, capture_output=True, text=True,
    ).stdout.strip()
    report.add(
        f"**Import**: `python -c \"import timeline\"` {statistics.median(loaded) * 1000:.0f} ms, "
        f"bare interpreter {statistics.median(bare) * 1000:.0f} ms: **{cost:.0f} ms** above bare "
        f"(CPU time of the child process, median of {runs} runs each). Loaded by the import: "
        f"{heavy or 'none of the heavy ones'}.",
        "",
    )
    report.target("import timeline above a bare interpreter", f"≤ {TARGET_IMPORT_MS:g} ms",
                  f"{cost:.0f} ms", cost <= TARGET_IMPORT_MS)


_FIRST_CALL = """
import json, sys, time
import timeline
text = open(sys.argv[1], encoding="utf-8").read()
def timed():
    start = time.process_time()
    timeline.extract(text, reference="2024-10-20")
    return time.process_time() - start
first = timed()
later = sorted(timed() for _ in range(5))
print(json.dumps({"first": first, "later": later[2]}))
"""


def first_call(report: Report, runs: int) -> None:
    article = sorted((ROOT / "seeds").glob("*.txt"))[0]
    sentence = ROOT / "benchmarks" / ".sentence.txt"
    sentence.write_text("Ngày 17-10, đoàn công tác tới Kanagawa.", encoding="utf-8")
    rows = []
    try:
        for label, path in ((f"a seed article ({article.name})", article),
                            ("one short sentence", sentence)):
            firsts, laters = [], []
            for _ in range(runs):
                out = subprocess.run([sys.executable, "-c", _FIRST_CALL, str(path)], check=True,
                                     cwd=ROOT, capture_output=True, text=True).stdout
                figures = json.loads(out)
                firsts.append(figures["first"])
                laters.append(figures["later"])
            first, later = statistics.median(firsts), statistics.median(laters)
            rows.append((label, first, later))
    finally:
        sentence.unlink(missing_ok=True)
    report.add(f"**First call** after `import timeline` (fresh process, median of {runs} "
               "processes) against the median of the 5 calls after it:", "")
    report.table(
        ["text", "first call ms", "later call ms", "first / later"],
        [[label, f"{first * 1000:.1f}", f"{later * 1000:.2f}", f"{first / later:.1f}"]
         for label, first, later in rows],
    )
    label, first, later = rows[0]
    report.target("first call (seed article) vs later calls", f"≤ {TARGET_FIRST_CALLS:g} calls",
                  f"{first / later:.1f} calls", first <= TARGET_FIRST_CALLS * later)
    cold_start(report, article, runs)


_COLD_START = """
import json, sys, time
clock = time.process_time
steps = []
def step(name, function):
    start = clock()
    function()
    steps.append((name, clock() - start))
text = open(sys.argv[1], encoding="utf-8").read()
step("import timeline", lambda: __import__("timeline"))
step("import the engine (timeline.api: model, grammar, candidates, compose, resolve…)",
     lambda: __import__("timeline.api"))
from timeline.lexicon import load_lexicon
step("read the vocabulary (lang/vi/*.toml → Lexicon)", load_lexicon)
from timeline.rules import all_rules
step("import the rule modules", all_rules)
step("compile the rule patterns (re.compile)", lambda: [r.compiled for r in all_rules()])
from timeline.candidates import scanner_for
step("build the trigger scanner", lambda: scanner_for(all_rules(), load_lexicon()))
import timeline
def call():
    timeline.extract(text, reference="2024-10-20")
step("the first extract, all the above done", call)
step("a later extract", call)
print(json.dumps(steps))
"""


def cold_start(report: Report, article: Path, runs: int) -> None:
    """What a fresh process pays before its first mention, step by step."""
    samples: dict[str, list[float]] = {}
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", _COLD_START, str(article)], check=True,
                             cwd=ROOT, capture_output=True, text=True).stdout
        for name, seconds in json.loads(out):
            samples.setdefault(name, []).append(seconds)
    report.add(f"**Cold start**, step by step, in a fresh process ({article.name}; CPU ms, "
               f"median of {runs} processes). Everything before the last row is paid once:", "")
    report.table(["step", "ms"], [[name, f"{statistics.median(times) * 1000:.1f}"]
                                  for name, times in samples.items()])


# --- memory of extract_stream --------------------------------------------------------------


def stream_memory(report: Report, documents: list[str], factors: Sequence[int]) -> None:
    import timeline

    rows = []
    peaks = []
    for factor in factors:

        def corpus_stream(n: int = factor) -> object:
            for _ in range(n):
                yield from documents

        gc.collect()
        tracemalloc.start()
        count = 0
        for mentions in timeline.extract_stream(corpus_stream(), reference=REFERENCE):
            count += len(mentions)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        peaks.append(peak)
        chars = sum(map(len, documents)) * factor
        rows.append([f"{factor}×", f"{len(documents) * factor:,}", f"{chars:,}", f"{count:,}",
                     f"{peak / 2**20:.1f}"])
    report.add("**Memory** of `timeline.extract_stream` over a generator of documents "
               "(peak traced by tracemalloc, results discarded as they come):", "")
    report.table(["corpus", "documents", "characters", "mentions", "peak MiB"], rows)


def many_workers(report: Report, documents: list[str], runs: int) -> None:
    import timeline

    rows = []
    for workers in (1, 2):
        seconds = median_time(
            lambda w=workers: timeline.extract_many(documents, reference=REFERENCE, workers=w),
            max(3, runs // 2), clock=time.perf_counter,
        )
        rows.append([str(workers), f"{seconds * 1000:,.0f}",
                     f"{sum(map(len, documents)) / seconds:,.0f}"])
    report.add(f"**extract_many** on the generated corpus (wall time, {os.cpu_count()} CPUs "
               "here, shared with whatever else runs; the pool's start-up is included):", "")
    report.table(["workers", "ms", "chars/s"], rows)


# --- where the time goes -------------------------------------------------------------------


def _module_of(filename: str) -> str:
    if filename.startswith("~") or filename.startswith("<"):
        return "builtins (re engine, str methods)"
    path = Path(filename)
    parts = path.parts
    if "timeline" in parts and "site-packages" not in parts:
        index = len(parts) - 1 - parts[::-1].index("timeline")
        return "timeline/" + "/".join(parts[index + 1 :])
    if "site-packages" in parts:
        return parts[parts.index("site-packages") + 1].split(".")[0]
    return "python stdlib: " + path.stem


def profile(report: Report, texts: list[str]) -> None:
    import timeline

    for text in texts:
        timeline.extract(text, reference=REFERENCE)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(5):
        for text in texts:
            timeline.extract(text, reference=REFERENCE)
    profiler.disable()
    stats = pstats.Stats(profiler)
    entries = stats.stats  # type: ignore[attr-defined]
    total = sum(tottime for (_, _, tottime, _, _) in entries.values())
    by_module: dict[str, float] = {}
    functions = []
    for (filename, line, name), (_, calls, tottime, cumtime, _) in entries.items():
        module = _module_of(filename)
        by_module[module] = by_module.get(module, 0.0) + tottime
        where = name if filename.startswith("~") else f"{module}:{line} {name}"
        functions.append((tottime, cumtime, calls, where))
    report.add("**Where the time goes** (cProfile, the five seeds × 5; self time, so the "
               "regex engine's time is under the function that called it when it is a C "
               "method of a pattern):", "")
    report.table(
        ["module", "share of self time"],
        [[module, f"{seconds / total:.0%}"]
         for module, seconds in sorted(by_module.items(), key=lambda kv: -kv[1])[:12]],
    )
    report.table(
        ["function", "calls", "self %", "cumulative %"],
        [[f"`{where}`", f"{calls:,}", f"{tottime / total:.0%}", f"{cumtime / total:.0%}"]
         for tottime, cumtime, calls, where in sorted(functions, reverse=True)[:15]],
    )


def stages(report: Report, texts: list[str], runs: int) -> None:
    """The pipeline stage by stage. This reaches into the engine's internals, which move:
    when they have changed shape, the table says so instead of failing the run."""
    import timeline

    try:
        from timeline.accents import unaccented_candidates
        from timeline.calendar import to_reference, zone
        from timeline.candidates import scan, scanner_for, select, sentence_starts
        from timeline.compose import compose
        from timeline.lexicon import load_lexicon
        from timeline.resolve import resolve_candidates
        from timeline.rules import all_rules
        from timeline.text import normalize

        lex, rules = load_lexicon(), all_rules()
        reference, tz = to_reference(REFERENCE), zone("Asia/Ho_Chi_Minh")
        norms = [normalize(text) for text in texts]
        scanned = [scan(norm, rules, lex) for norm in norms]
        selected = [select(found) for found in scanned]
        composed = [compose(norm, found, lex) for norm, found in zip(norms, selected, strict=True)]
        confirmed = [[c for c in found if not c.reading.latent] for found in composed]
        merged = [unaccented_candidates(norm, rules, lex, found)
                  for norm, found in zip(norms, confirmed, strict=True)]
        everywhere = scanner_for(tuple(rules), lex).everywhere
        names = ", ".join(rule.name for rule in everywhere) or "none"
        steps: list[tuple[str, Callable[[], object]]] = [
            ("normalize (NFC, dashes, spaces)", lambda: [normalize(t) for t in texts]),
            ("scan (triggers, rule regexes, builds, vetoes)",
             lambda: [scan(n, rules, lex) for n in norms]),
            (f"— of which rules without triggers, run over the whole text ({names})",
             lambda: [[sum(1 for _ in r.compiled.finditer(n.text)) for r in everywhere]
                      for n in norms]),
            ("select (longest first, no overlap)", lambda: [select(f) for f in scanned]),
            ("compose (ranges, lists, modifiers, tense)",
             lambda: [compose(n, f, lex) for n, f in zip(norms, selected, strict=True)]),
            ("accent-free path (timeline.accents)",
             lambda: [unaccented_candidates(n, rules, lex, f)
                      for n, f in zip(norms, confirmed, strict=True)]),
            ("resolve (anchors, values, intervals)",
             lambda: [resolve_candidates(n, f, sentence_starts(n.text), reference, tz)
                      for n, f in zip(norms, merged, strict=True)]),
        ]
    except (ImportError, AttributeError, TypeError, ValueError) as error:
        report.add(f"**Stages**: not measured, the engine's internals changed shape ({error}).",
                   "")
        return
    total = median_time(lambda: [timeline.extract(t, reference=REFERENCE) for t in texts], runs)
    rows = []
    for name, step in steps:
        seconds = median_time(step, runs)
        rows.append([name, f"{seconds * 1000:,.1f}", f"{seconds / total:.0%}"])
    rows.append(["**timeline.extract, all of it**", f"{total * 1000:,.1f}", "100%"])
    report.add(f"**Stages** on the five seeds (CPU ms, median of {runs} runs; each stage fed "
               "the output of the one before):", "")
    report.table(["stage", "ms", "share"], rows)


# --- main ----------------------------------------------------------------------------------


def write_doc(report: Report) -> None:
    block = "\n".join([BEGIN, *report.lines, END])
    if DOC.exists():
        text = DOC.read_text(encoding="utf-8")
        if BEGIN in text and END in text:
            head, rest = text.split(BEGIN, 1)
            _, tail = rest.split(END, 1)
            DOC.write_text(head + block + tail, encoding="utf-8")
            return
        DOC.write_text(text.rstrip("\n") + "\n\n" + block + "\n", encoding="utf-8")
        return
    DOC.write_text("# Benchmarks\n\n" + block + "\n", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per median (at least 5)")
    parser.add_argument("--corpus-chars", type=int, default=250_000)
    parser.add_argument("--quick", action="store_true", help="1×/10× only, a smaller corpus")
    parser.add_argument("--no-write", action="store_true", help="do not touch docs/benchmarks.md")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target fails")
    args = parser.parse_args(argv)
    runs = max(5, args.runs)
    corpus_chars = 50_000 if args.quick else args.corpus_chars
    factors = (1, 10) if args.quick else (1, 10, 100)

    report = Report()
    report.add(
        "_Generated by `make bench` (`benchmarks/run.py`); do not edit by hand: the next run "
        "rewrites everything between the markers._",
        "",
        f"Machine: {platform.python_implementation()} {platform.python_version()} on "
        f"{platform.machine()}, {os.cpu_count()} CPUs. Reference date {REFERENCE}. "
        "Times are CPU time of the process that runs the work (`time.process_time`; "
        "for subprocesses, their user + system time), so other load on the machine does "
        "not inflate them. Speed targets of issue 5 are checked at the end.",
        "",
    )
    seed_texts = seeds()
    generated = corpus(corpus_chars)
    throughput(report, "Seeds", seed_texts, runs)
    throughput(report, "Generated corpus", generated, runs)
    linearity(report, factors, runs)
    worst_cases(report, 10_000 if args.quick else 100_000, 10)
    import_cost(report, max(11, runs))
    first_call(report, runs)
    stream_memory(report, generated[:40], (1, 10))
    many_workers(report, generated, runs)
    stages(report, seed_texts, runs)
    profile(report, seed_texts)

    report.add("**Targets** (issue 5):", "")
    report.table(
        ["target", "wanted", "measured", ""],
        [[name, wanted, measured, verdict(ok)] for name, wanted, measured, ok in report.targets],
    )
    if not args.no_write:
        write_doc(report)
        print(f"written to {DOC.relative_to(ROOT)}")
    failed = [name for name, _, _, ok in report.targets if not ok]
    return 1 if args.strict and failed else 0


if __name__ == "__main__":
    sys.exit(main())
