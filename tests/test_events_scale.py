"""Events at scale: many documents that report the same events, and the exact shortcuts
that keep :func:`timeline.events.fuse` and :func:`events_from_mentions` cheap.

No timings here: what must grow linearly is counted (comparisons of two events), and the
shortcuts are checked against plain definitions on random inputs.
"""

from __future__ import annotations

import functools
import random
from collections.abc import Callable, Sequence
from datetime import timedelta

import attrs
import pytest
from conftest import seed_timeline

from timeline import events as events_module
from timeline.events import (
    Event,
    Source,
    Vocabulary,
    _Phrases,
    _Profile,
    events_from_mentions,
    fold,
    fuse,
    similarity,
)
from timeline.model import Grain, Interval

# --- the seed events, reported by k newspapers ------------------------------------------------


@functools.cache
def seed_events(copy: int = 0) -> tuple[Event, ...]:
    """The events of the seed articles as copy ``copy`` reports them (document ``id~copy``)."""
    return tuple(event for document in seed_timeline().documents
                 for event in events_from_mentions(f"{document.id}~{copy}", document.text,
                                                   document.mentions))


def copies(k: int) -> list[Event]:
    return [event for copy in range(k) for event in seed_events(copy)]


def _identity(event: Event) -> tuple[object, ...]:
    return (event.id, event.title, event.when, event.interval, event.location,
            event.categories, event.sentence)


def test_k_copies_of_the_seeds_fuse_into_the_same_events() -> None:
    single = fuse(copies(1))
    assert len(single) < len(copies(1))  # the seeds do report one happening twice
    by_id = {event.id: event for event in single}
    for k in (1, 2, 3):
        fused = fuse(copies(k))
        # one event per group of a single copy, the same one (copy 0 leads every group) ...
        assert sorted(map(_identity, fused)) == sorted(map(_identity, single))
        for event in fused:
            # ... reported k times as often
            assert len(event.sources) == k * len(by_id[event.id].sources)
            originals = {s.document.split("~")[0] for s in event.sources}
            assert originals == {s.document.split("~")[0] for s in by_id[event.id].sources}


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls = [0]
    compare = events_module._fusable

    def counted(a: _Profile, b: _Profile) -> float | None:
        calls[0] += 1
        return compare(a, b)

    monkeypatch.setattr(events_module, "_fusable", counted)
    return calls


def _relabelled(k: int, reword: bool) -> list[Event]:
    """k copies of the seed events under other documents; ``reword``: each copy adds a
    word of its own to every sentence, so that no two reports are alike."""
    found = []
    for copy in range(k):
        for event in seed_events():
            sources = tuple(attrs.evolve(s, document=f"{s.document}/{copy}")
                            for s in event.sources)
            sentence = f"{event.sentence} nguồn{copy}" if reword else event.sentence
            found.append(attrs.evolve(event, id=f"{event.id}/{copy}", sources=sources,
                                      sentence=sentence))
    return found


@pytest.mark.parametrize("reword", [False, True], ids=["copies", "reworded"])
def test_fusion_compares_linearly_in_the_number_of_reports(
        monkeypatch: pytest.MonkeyPatch, reword: bool) -> None:
    calls = _counting(monkeypatch)
    counts = []
    for k in (4, 16):
        calls[0] = 0
        assert len(fuse(_relabelled(k, reword))) == len(fuse(seed_events()))
        counts.append(calls[0])
    # 4x the reports: about 4x the comparisons (every group against every member: 16x)
    assert counts[1] < 8 * counts[0], counts


# --- fuse is its definition ---------------------------------------------------------------


def _definition_score(a: Event, b: Event) -> float | None:
    """docs/events.md: overlap, both or neither recur, grains close, similarity enough."""
    if not a.interval.overlaps(b.interval) or a.is_recurring != b.is_recurring:
        return None
    gap = abs((a.grain or Grain.DAY).rank - (b.grain or Grain.DAY).rank)
    if gap > events_module.FUSION_MAX_GRAIN_GAP:
        return None
    score = similarity(a, b)
    threshold = events_module.FUSION_BASE_THRESHOLD + events_module.FUSION_GRAIN_PENALTY * gap
    return score if score >= threshold else None


def _definition_fuse(events: Sequence[Event]) -> tuple[Event, ...]:
    """Every event against every member of every group: each joins the group with the best
    score (the earliest among equals) that holds no report of its documents."""
    ordered = sorted(events, key=lambda e: (e.interval.start, e.interval.end, e.id))
    groups: list[list[Event]] = []
    for event in ordered:
        best: tuple[float, int] | None = None
        for number, group in enumerate(groups):
            if any(set(event.documents) & set(member.documents) for member in group):
                continue
            scores = [s for s in (_definition_score(event, m) for m in group) if s is not None]
            if scores and (best is None or max(scores) > best[0]):
                best = (max(scores), number)
        if best is None:
            groups.append([event])
        else:
            groups[best[1]].append(event)
    return tuple(events_module._merge(group) for group in groups)


def _random_events(rng: random.Random) -> list[Event]:
    """Events of a few seed templates (their times and grains) about a few stories told
    with a small vocabulary, with words dropped and added, moved in time, by a few
    documents (some events by two): many close calls, ties and conflicts."""
    templates = rng.sample(seed_events(), 4)
    vocabulary = [f"từ{i}" for i in range(rng.choice((6, 12, 30)))]
    stories = [rng.sample(vocabulary, min(5, len(vocabulary))) for _ in range(3)]
    found = []
    for number in range(rng.randint(1, 40)):
        event = rng.choice(templates)
        words = list(rng.choice(stories))
        for _ in range(rng.randint(0, 3)):
            if words and rng.random() < 0.5:
                del words[rng.randrange(len(words))]
            else:
                words.insert(rng.randint(0, len(words)), rng.choice(vocabulary))
        shift = timedelta(days=rng.choice((0, 0, 0, 1, -1, 3, 40)))
        documents = rng.sample([f"d{i}" for i in range(8)], rng.randint(1, 2))
        found.append(attrs.evolve(
            event, id=f"{number:04x}{rng.randint(0, 9)}",
            title=" ".join(words[:rng.randint(0, len(words))]),
            sentence=" ".join(words) + " " + event.when.text,
            interval=Interval(event.interval.start + shift, event.interval.end + shift),
            sources=tuple(Source(d, rng.randint(0, 5), 9) for d in documents)))
    return found


@pytest.mark.parametrize("threshold", [0.35, 0.0, 0.6])
def test_fuse_gives_what_its_definition_gives(monkeypatch: pytest.MonkeyPatch,
                                              threshold: float) -> None:
    monkeypatch.setattr(events_module, "FUSION_BASE_THRESHOLD", threshold)
    merged = 0
    for seed in range(60):
        events = _random_events(random.Random(seed))
        expected = _definition_fuse(events)
        assert fuse(events) == expected, seed
        merged += len(events) - len(expected)
    assert merged > 100  # the inputs do fuse


# --- the phrase index is a scan of every phrase -----------------------------------------------


def _scan_match(phrases: _Phrases, words: Sequence[str], at: int, accents: bool) -> int:
    keys = [events_module._key(w, accents) for w in words[at:at + 8]]
    for phrase in phrases.accented if accents else phrases.folded:
        if len(phrase) <= len(keys) and all(keys[i] == phrase[i] for i in range(len(phrase))):
            return len(phrase)
    return 0


def _scan_match_end(phrases: _Phrases, words: Sequence[str], end: int, accents: bool) -> int:
    for phrase in phrases.accented if accents else phrases.folded:
        start = end - len(phrase)
        if start >= 0 and all(events_module._key(words[start + i], accents) == phrase[i]
                              for i in range(len(phrase))):
            return len(phrase)
    return 0


def _scan_count(phrases: _Phrases, text: str) -> int:
    return 0 if phrases.pattern is None else sum(1 for _ in phrases.pattern.finditer(fold(text)))


def test_phrase_lookups_find_what_a_scan_of_every_phrase_finds() -> None:
    vocabulary = Vocabulary.default()
    lists = [*vocabulary.clause.values(), *(p for _, _, p in vocabulary.categories)]
    pool = sorted({w for p in lists for phrase in p.accented for w in phrase})
    pool += ["Tại", "ĐÃ", "“Hội", "nghị,", "(tháng", "2024", "x", ",", "tai", "da"]
    rng = random.Random(7)
    for phrases in lists:
        checks: list[tuple[Callable[..., int], Callable[..., int]]] = [
            (phrases.match, functools.partial(_scan_match, phrases)),
            (phrases.match_end, functools.partial(_scan_match_end, phrases)),
        ]
        for _ in range(60):
            words = [rng.choice(pool) for _ in range(rng.randint(0, 12))]
            if phrases.accented and rng.random() < 0.5:  # a phrase of the list in the middle
                phrase = rng.choice(phrases.accented)
                at = rng.randint(0, len(words))
                words[at:at] = [w.upper() if rng.random() < 0.2 else w for w in phrase]
            for accents in (True, False):
                for position in range(len(words) + 1):
                    for fast, scan in checks:
                        assert fast(words, position, accents) == scan(words, position, accents)
            for text in (" ".join(words), "  ".join(words), "-".join(words)):
                assert phrases.count(text) == _scan_count(phrases, text)
