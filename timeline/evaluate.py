"""Score :func:`timeline.extract` against gold files (spec §9, TempEval-3 style).

    python -m timeline.evaluate [--thresholds FILE.toml] [--kinds absolute,ref] [--quiet]
                                GOLD.jsonl...

A gold file holds one JSON document per line (spec §8): ``id``, ``reference``, ``text`` and
``mentions`` with ``start``, ``end``, ``text``, ``type``, ``value``, ``mod``, and optionally
``kind`` and ``optional``.

Scoring (the pure part, :func:`score`):

- a predicted and a gold mention match *relaxedly* when their spans overlap and *strictly*
  when the spans are equal; each mention is matched at most once, the pairs with the
  largest overlap first (an equal span wins a tie);
- a gold mention marked ``optional`` is never a miss, and a prediction overlapping it is
  neither a hit nor a false positive; with ``kinds``, gold mentions of other kinds are
  treated the same way (predictions overlapping no gold mention at all stay false
  positives);
- type, value and mod accuracy are counted over the relaxed matches (value accuracy
  compares the value only, mod accuracy the mod only); value F1 is the relaxed F1 where a
  match counts only when both the value and the mod are equal.

``--thresholds FILE.toml`` holds one table per check (``[all]``, ``[absolute]``…), each with
minimum figures (``relaxed_f1``, ``value_f1``, any name in :data:`METRICS`) and optionally
``kinds = [...]``; a table without ``kinds`` uses ``--kinds`` if given, else every kind.

The last four lines printed are always the overall summary: relaxed, strict, value
figures and a result line. Exit status: 0 passed, 1 a threshold not met or the extractor
raised, 2 unusable input (gold file, thresholds file, arguments).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tomllib
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, cast

import attrs

__all__ = [
    "KINDS",
    "METRICS",
    "TYPES",
    "Counts",
    "DocumentScores",
    "Extract",
    "Finding",
    "GoldDocument",
    "GoldError",
    "GoldMention",
    "Predicted",
    "Scores",
    "Threshold",
    "ThresholdError",
    "load_gold",
    "load_thresholds",
    "main",
    "predict",
    "score",
]

TYPES: frozenset[str] = frozenset({"DATE", "TIME", "DURATION", "SET"})
KINDS: tuple[str, ...] = (
    "absolute",
    "ref",
    "relative",
    "anaphora",
    "time",
    "duration",
    "set",
    "lunar",
    "holiday",
)


# --------------------------------------------------------------------------- data


@attrs.frozen
class GoldMention:
    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None = None
    kind: str | None = None
    optional: bool = False


@attrs.frozen
class GoldDocument:
    id: str
    reference: str | None
    text: str
    mentions: tuple[GoldMention, ...]


@attrs.frozen
class Predicted:
    """What the scorer needs of one mention returned by the extractor."""

    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None = None


@attrs.frozen
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        if self.tp + self.fp:
            return self.tp / (self.tp + self.fp)
        return 1.0 if self.fn == 0 else 0.0

    @property
    def recall(self) -> float:
        if self.tp + self.fn:
            return self.tp / (self.tp + self.fn)
        return 1.0 if self.fp == 0 else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)


@attrs.frozen
class Finding:
    """A miss, a false positive or a relaxed match that differs in span/type/value/mod."""

    document: str
    category: str  # "miss" | "false positive" | "mismatch"
    gold: GoldMention | None = None
    predicted: Predicted | None = None
    differs: tuple[str, ...] = ()


@attrs.frozen
class DocumentScores:
    id: str
    strict: Counts
    relaxed: Counts
    value: Counts
    type_correct: int
    value_correct: int
    mod_correct: int
    ignored_predictions: int
    findings: tuple[Finding, ...]

    @property
    def matched(self) -> int:
        return self.relaxed.tp

    @property
    def type_accuracy(self) -> float:
        return self.type_correct / self.matched if self.matched else 0.0

    @property
    def value_accuracy(self) -> float:
        return self.value_correct / self.matched if self.matched else 0.0

    @property
    def mod_accuracy(self) -> float:
        return self.mod_correct / self.matched if self.matched else 0.0


@attrs.frozen
class Scores:
    documents: tuple[DocumentScores, ...]
    overall: DocumentScores

    def metric(self, name: str) -> float:
        return METRICS[name](self.overall)


METRICS: Mapping[str, Callable[[DocumentScores], float]] = {
    "relaxed_precision": lambda s: s.relaxed.precision,
    "relaxed_recall": lambda s: s.relaxed.recall,
    "relaxed_f1": lambda s: s.relaxed.f1,
    "strict_precision": lambda s: s.strict.precision,
    "strict_recall": lambda s: s.strict.recall,
    "strict_f1": lambda s: s.strict.f1,
    "value_precision": lambda s: s.value.precision,
    "value_recall": lambda s: s.value.recall,
    "value_f1": lambda s: s.value.f1,
    "value_accuracy": lambda s: s.value_accuracy,
    "type_accuracy": lambda s: s.type_accuracy,
    "mod_accuracy": lambda s: s.mod_accuracy,
}


# --------------------------------------------------------------------------- scoring


def _overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def _counts_gold(mention: GoldMention, kinds: frozenset[str] | None) -> bool:
    if mention.optional:
        return False
    return kinds is None or mention.kind in kinds


def score_document(
    gold: GoldDocument,
    predictions: Sequence[Predicted],
    kinds: frozenset[str] | None = None,
) -> DocumentScores:
    """Score one document; see the module docstring for the rules."""
    counted = [g for g in gold.mentions if _counts_gold(g, kinds)]
    ignored = [g for g in gold.mentions if not _counts_gold(g, kinds)]

    pairs: list[tuple[int, int, int, int, int, int]] = []
    for gi, g in enumerate(counted):
        for pi, p in enumerate(predictions):
            ov = _overlap(g.start, g.end, p.start, p.end)
            if ov:
                exact = 0 if (g.start, g.end) == (p.start, p.end) else 1
                pairs.append((-ov, exact, g.start, p.start, gi, pi))
    pairs.sort()
    gold_to_pred: dict[int, int] = {}
    pred_taken: set[int] = set()
    for _, _, _, _, gi, pi in pairs:
        if gi not in gold_to_pred and pi not in pred_taken:
            gold_to_pred[gi] = pi
            pred_taken.add(pi)

    findings: list[Finding] = []
    strict_tp = type_ok = value_ok = mod_ok = both_ok = 0
    for gi in sorted(gold_to_pred, key=lambda i: counted[i].start):
        g, p = counted[gi], predictions[gold_to_pred[gi]]
        same_span = (g.start, g.end) == (p.start, p.end)
        same_type = g.type == p.type
        same_value = g.value == p.value
        same_mod = g.mod == p.mod
        strict_tp += same_span
        type_ok += same_type
        value_ok += same_value
        mod_ok += same_mod
        both_ok += same_value and same_mod
        differs = tuple(
            name
            for name, same in (
                ("span", same_span),
                ("type", same_type),
                ("value", same_value),
                ("mod", same_mod),
            )
            if not same
        )
        if differs:
            findings.append(Finding(gold.id, "mismatch", g, p, differs))

    for gi, g in enumerate(counted):
        if gi not in gold_to_pred:
            findings.append(Finding(gold.id, "miss", gold=g))

    false_positives = ignored_predictions = 0
    for pi, p in enumerate(predictions):
        if pi in pred_taken:
            continue
        if any(_overlap(g.start, g.end, p.start, p.end) for g in ignored):
            ignored_predictions += 1
        else:
            false_positives += 1
            findings.append(Finding(gold.id, "false positive", predicted=p))

    findings.sort(key=_finding_position)
    matched = len(gold_to_pred)
    n_pred = matched + false_positives
    n_gold = len(counted)
    return DocumentScores(
        id=gold.id,
        strict=Counts(strict_tp, n_pred - strict_tp, n_gold - strict_tp),
        relaxed=Counts(matched, false_positives, n_gold - matched),
        value=Counts(both_ok, n_pred - both_ok, n_gold - both_ok),
        type_correct=type_ok,
        value_correct=value_ok,
        mod_correct=mod_ok,
        ignored_predictions=ignored_predictions,
        findings=tuple(findings),
    )


def _finding_position(f: Finding) -> tuple[int, int]:
    m = f.gold if f.gold is not None else f.predicted
    assert m is not None
    return (m.start, m.end)


def _sum(documents: Iterable[DocumentScores]) -> DocumentScores:
    docs = list(documents)
    zero = Counts()
    return DocumentScores(
        id="overall",
        strict=sum((d.strict for d in docs), zero),
        relaxed=sum((d.relaxed for d in docs), zero),
        value=sum((d.value for d in docs), zero),
        type_correct=sum(d.type_correct for d in docs),
        value_correct=sum(d.value_correct for d in docs),
        mod_correct=sum(d.mod_correct for d in docs),
        ignored_predictions=sum(d.ignored_predictions for d in docs),
        findings=tuple(f for d in docs for f in d.findings),
    )


def score(
    gold_docs: Sequence[GoldDocument],
    predictions: Mapping[str, Sequence[Predicted]],
    kinds: Iterable[str] | None = None,
) -> Scores:
    """Score every gold document against the predictions for its id (micro-averaged)."""
    wanted = frozenset(kinds) if kinds is not None else None
    documents = tuple(score_document(doc, predictions.get(doc.id, ()), wanted) for doc in gold_docs)
    return Scores(documents=documents, overall=_sum(documents))


# --------------------------------------------------------------------------- gold files


class GoldError(Exception):
    """A gold file that cannot be read or does not follow spec §8."""


def _field(obj: Mapping[str, Any], key: str, kind: type | tuple[type, ...], where: str) -> Any:
    if key not in obj:
        raise GoldError(f"{where}: missing field {key!r}")
    value = obj[key]
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is int):
        raise GoldError(f"{where}: field {key!r} has the wrong type ({type(value).__name__})")
    return value


def _parse_mention(raw: object, text: str, where: str) -> GoldMention:
    if not isinstance(raw, dict):
        raise GoldError(f"{where}: a mention must be a JSON object")
    start = _field(raw, "start", int, where)
    end = _field(raw, "end", int, where)
    mtext = _field(raw, "text", str, where)
    mtype = _field(raw, "type", str, where)
    value = _field(raw, "value", str, where)
    mod = raw.get("mod")
    kind = raw.get("kind")
    optional = raw.get("optional", False)
    if mod is not None and not isinstance(mod, str):
        raise GoldError(f"{where}: field 'mod' must be a string or null")
    if kind is not None and kind not in KINDS:
        raise GoldError(f"{where}: kind {kind!r} is not one of {', '.join(KINDS)}")
    if not isinstance(optional, bool):
        raise GoldError(f"{where}: field 'optional' must be true or false")
    if mtype not in TYPES:
        raise GoldError(f"{where}: type {mtype!r} is not one of {', '.join(sorted(TYPES))}")
    if not 0 <= start < end <= len(text):
        raise GoldError(f"{where}: span [{start}, {end}) is outside the text")
    if text[start:end] != mtext:
        raise GoldError(f"{where}: text[{start}:{end}] is {text[start:end]!r}, not {mtext!r}")
    return GoldMention(start, end, mtext, mtype, value, mod or None, kind, optional)


def parse_gold_line(line: str, where: str) -> GoldDocument:
    try:
        raw = json.loads(line)
    except json.JSONDecodeError as err:
        raise GoldError(f"{where}: not valid JSON ({err.msg} at column {err.colno})") from None
    if not isinstance(raw, dict):
        raise GoldError(f"{where}: a document must be a JSON object")
    doc_id = _field(raw, "id", str, where)
    text = _field(raw, "text", str, where)
    reference = raw.get("reference")
    if reference is not None and not isinstance(reference, str):
        raise GoldError(f"{where}: field 'reference' must be a string or null")
    mentions = _field(raw, "mentions", list, where)
    parsed = tuple(
        _parse_mention(m, text, f"{where} ({doc_id}), mention {i}") for i, m in enumerate(mentions)
    )
    return GoldDocument(doc_id, reference, text, tuple(sorted(parsed, key=lambda m: m.start)))


def load_gold(paths: Iterable[Path]) -> list[GoldDocument]:
    """Read gold files; raise :class:`GoldError` with one line saying what is wrong."""
    docs: list[GoldDocument] = []
    seen: set[str] = set()
    for path in paths:
        try:
            content = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            raise GoldError(f"{path}: cannot read the gold file ({err})") from None
        lines = [(n, line) for n, line in enumerate(content.splitlines(), 1) if line.strip()]
        if not lines:
            raise GoldError(f"{path}: the gold file holds no document")
        for n, line in lines:
            doc = parse_gold_line(line, f"{path}:{n}")
            if doc.id in seen:
                raise GoldError(f"{path}:{n}: document id {doc.id!r} appears twice")
            seen.add(doc.id)
            docs.append(doc)
    return docs


# --------------------------------------------------------------------------- thresholds


class ThresholdError(Exception):
    """A thresholds file that cannot be read or names an unknown figure."""


@attrs.frozen
class Threshold:
    table: str
    kinds: frozenset[str] | None
    minimums: tuple[tuple[str, float], ...]


def load_thresholds(path: Path) -> list[Threshold]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as err:
        raise ThresholdError(f"{path}: cannot read the thresholds file ({err})") from None
    except tomllib.TOMLDecodeError as err:
        raise ThresholdError(f"{path}: not valid TOML ({err})") from None
    result: list[Threshold] = []
    for table, body in data.items():
        if not isinstance(body, dict):
            raise ThresholdError(f"{path}: {table!r} must be a table like [all]")
        kinds: frozenset[str] | None = None
        minimums: list[tuple[str, float]] = []
        for key, value in body.items():
            if key == "kinds":
                if not isinstance(value, list) or not all(k in KINDS for k in value):
                    raise ThresholdError(
                        f"{path}: [{table}] kinds must be a list of {', '.join(KINDS)}"
                    )
                kinds = frozenset(value)
            elif key in METRICS:
                if not isinstance(value, int | float) or isinstance(value, bool):
                    raise ThresholdError(f"{path}: [{table}] {key} must be a number")
                minimums.append((key, float(value)))
            else:
                raise ThresholdError(
                    f"{path}: [{table}] unknown figure {key!r} (known: {', '.join(METRICS)})"
                )
        result.append(Threshold(table, kinds, tuple(minimums)))
    return result


# --------------------------------------------------------------------------- running


def _predicted(mention: Any) -> Predicted:
    mod = mention.mod
    return Predicted(
        start=mention.start,
        end=mention.end,
        text=mention.text,
        type=str(mention.type),
        value=str(mention.timex),
        mod=str(mod) if mod else None,
    )


Extract = Callable[..., Iterable[Any]]
"""The extractor's signature: ``extract(text, reference=...)`` returning mentions with
``start``, ``end``, ``text``, ``type``, ``timex`` and ``mod``."""


def predict(
    docs: Sequence[GoldDocument], extract: Extract
) -> tuple[dict[str, list[Predicted]], dict[str, str]]:
    """Run the extractor on every document; an exception is recorded, not raised."""
    predictions: dict[str, list[Predicted]] = {}
    errors: dict[str, str] = {}
    for doc in docs:
        try:
            predictions[doc.id] = [
                _predicted(m) for m in extract(doc.text, reference=doc.reference)
            ]
        except Exception as err:
            predictions[doc.id] = []
            errors[doc.id] = f"{type(err).__name__}: {err}" if str(err) else type(err).__name__
    return predictions, errors


def _library_extract() -> Extract | str:
    """``timeline.extract``, or a one-line reason why it cannot be had."""
    try:
        import timeline
    except Exception as err:
        return f"cannot import timeline ({type(err).__name__}: {err})"
    extract: object = getattr(timeline, "extract", None)
    if not callable(extract):
        return (
            f"timeline.extract is not a function (got {extract!r}); "
            "is the package installed (pip install -e .)?"
        )
    return cast(Extract, extract)


def _describe(m: GoldMention | Predicted) -> str:
    mod = f" {m.mod}" if m.mod else ""
    extra = ""
    if isinstance(m, GoldMention) and m.kind:
        extra = f" ({m.kind})"
    return f"[{m.start}:{m.end}] {m.text!r} {m.type} {m.value}{mod}{extra}"


def _prf(c: Counts) -> str:
    return f"{c.precision:.3f}/{c.recall:.3f}/{c.f1:.3f}"


def _figures(s: DocumentScores) -> str:
    return (
        f"relaxed P/R/F1 {_prf(s.relaxed)}  strict P/R/F1 {_prf(s.strict)}  "
        f"value F1 {s.value.f1:.3f}  value acc {s.value_accuracy:.3f}  "
        f"type acc {s.type_accuracy:.3f}  mod acc {s.mod_accuracy:.3f}"
    )


def report_lines(
    docs: Sequence[GoldDocument],
    scores: Scores,
    extractor_errors: Mapping[str, str],
    quiet: bool = False,
) -> list[str]:
    """Per-document figures and findings (not the closing summary)."""
    lines: list[str] = []
    for doc, s in zip(docs, scores.documents, strict=True):
        n_gold = s.relaxed.tp + s.relaxed.fn
        n_pred = s.relaxed.tp + s.relaxed.fp
        lines.append(
            f"== {doc.id} (reference {doc.reference}): gold {n_gold}"
            f" (+{len(doc.mentions) - n_gold} not counted: optional or other kinds),"
            f" predicted {n_pred} (+{s.ignored_predictions} on uncounted gold)"
        )
        if doc.id in extractor_errors:
            lines.append(f"   ERROR the extractor raised {extractor_errors[doc.id]}")
        lines.append(f"   {_figures(s)}")
        if quiet:
            continue
        for f in s.findings:
            if f.category == "miss" and f.gold is not None:
                lines.append(f"   MISS   {_describe(f.gold)}")
            elif f.category == "false positive" and f.predicted is not None:
                lines.append(f"   FP     {_describe(f.predicted)}")
            elif f.gold is not None and f.predicted is not None:
                label = "WRONG " + ",".join(f.differs)
                lines.append(f"   {label}: gold {_describe(f.gold)}")
                lines.append(f"   {' ' * len(label)}  pred {_describe(f.predicted)}")
    return lines


def summary_lines(overall: DocumentScores, result: str) -> list[str]:
    """The four closing lines (a hook reads ``tail -n 4``)."""
    r, s, v = overall.relaxed, overall.strict, overall.value
    return [
        f"relaxed P/R/F1 {_prf(r)}  (tp {r.tp}, fp {r.fp}, fn {r.fn})",
        f"strict  P/R/F1 {_prf(s)}  (tp {s.tp}, fp {s.fp}, fn {s.fn})",
        f"value F1 {v.f1:.3f} / value acc {overall.value_accuracy:.3f} / "
        f"type acc {overall.type_accuracy:.3f} / mod acc {overall.mod_accuracy:.3f}",
        result,
    ]


def check_thresholds(
    thresholds: Sequence[Threshold],
    score_for: Callable[[frozenset[str] | None], Scores],
) -> tuple[list[str], list[str]]:
    """Return (report lines, failure descriptions)."""
    lines: list[str] = []
    failures: list[str] = []
    for t in thresholds:
        scores = score_for(t.kinds)
        kinds = ",".join(sorted(t.kinds)) if t.kinds is not None else "all"
        parts: list[str] = []
        for name, minimum in t.minimums:
            got = scores.metric(name)
            ok = got >= minimum
            parts.append(f"{name} {got:.3f} {'>=' if ok else '<'} {minimum:.3f}")
            if not ok:
                failures.append(
                    f"[{t.table}] {name} {got:.3f} is under the threshold {minimum:.3f}"
                )
        lines.append(f"   [{t.table}] kinds={kinds}: " + ("; ".join(parts) or "no figure"))
    return lines, failures


def _parse_kinds(value: str) -> frozenset[str]:
    kinds = frozenset(k.strip() for k in value.split(",") if k.strip())
    unknown = sorted(kinds - set(KINDS))
    if unknown or not kinds:
        raise argparse.ArgumentTypeError(
            f"unknown kind(s) {', '.join(unknown) or '(none)'}; choose from {', '.join(KINDS)}"
        )
    return kinds


def main(argv: Sequence[str] | None = None, *, extract: Extract | None = None) -> int:
    """The command line; ``extract`` replaces ``timeline.extract`` (tests pass a stub)."""
    parser = argparse.ArgumentParser(
        prog="python -m timeline.evaluate",
        description="Score timeline.extract against gold files (spec §9).",
    )
    parser.add_argument("gold", nargs="+", type=Path, metavar="GOLD.jsonl")
    parser.add_argument("--thresholds", type=Path, metavar="FILE.toml")
    parser.add_argument("--kinds", type=_parse_kinds, metavar="KIND,KIND")
    parser.add_argument("--quiet", action="store_true", help="figures only, no findings")
    args = parser.parse_args(argv)

    try:
        docs = load_gold(args.gold)
        thresholds = load_thresholds(args.thresholds) if args.thresholds else []
    except (GoldError, ThresholdError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2

    if extract is None:
        found = _library_extract()
        if isinstance(found, str):
            print(f"error: {found}", file=sys.stderr)
            return 2
        extract = found
    predictions, extractor_errors = predict(docs, extract)
    kinds: frozenset[str] | None = args.kinds
    scores = score(docs, predictions, kinds)
    out = report_lines(docs, scores, extractor_errors, quiet=args.quiet)

    failures: list[str] = []
    if thresholds:
        out.append(f"== thresholds ({args.thresholds})")
        t_lines, failures = check_thresholds(
            thresholds, lambda k: score(docs, predictions, k if k is not None else kinds)
        )
        out.extend(t_lines)

    n_gold = scores.overall.relaxed.tp + scores.overall.relaxed.fn
    n_pred = scores.overall.relaxed.tp + scores.overall.relaxed.fp
    filtered = f", kinds {','.join(sorted(kinds))}" if kinds else ""
    out.append(f"== overall: {len(docs)} documents, gold {n_gold}, predicted {n_pred}{filtered}")
    if extractor_errors:
        first = next(iter(extractor_errors.values()))
        failures.insert(
            0, f"the extractor raised on {len(extractor_errors)}/{len(docs)} documents ({first})"
        )
    if failures:
        result = "FAIL: " + "; ".join(failures)
    elif thresholds:
        result = f"PASS: every threshold in {args.thresholds} is met"
    else:
        result = "result: no thresholds given (use --thresholds FILE.toml)"
    out.extend(summary_lines(scores.overall, result))
    try:
        print("\n".join(out))
        sys.stdout.flush()
    except BrokenPipeError:  # `... | head`: the reader has gone, nothing left to say
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keeps the exit at shutdown quiet
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
