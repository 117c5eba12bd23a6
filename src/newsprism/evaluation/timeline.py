"""Score a story's timeline against the ``storyline.events`` of a golden-format gold file.

The gold lists the storyline's events with a date, what happened, the documents reporting it
(by the first three characters of their file names) and, for earlier events the articles only
mention, a ``kind`` starting with ``background``. The whole corpus is analysed in a fresh store
and all its events are briefed as one story (``eval stories`` scores the clustering).

A reported gold event is found by the timeline entry, not marked background, whose citations
point into one of its documents and whose date is nearest the gold date; a background event by
the entry dated that day. Figures: events found (recall), dates right (of those found), order
right (pairs of found events in the gold's order) and background right (found events whose
background mark agrees with the gold). The baseline is the timeline a reader gets without
newsprism: one entry per publication date, each article's first sentence, nothing marked
background.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any

from newsprism.errors import NewsprismError
from newsprism.records import Article, TimelineEntry

__all__ = ["TimelineEvaluation", "evaluate_timeline", "publication_timeline", "score_timeline"]


@dataclass(frozen=True, slots=True)
class TimelineScores:
    """One system's timeline figures."""

    events_found: float
    dates_right: float
    order_right: float
    background_right: float
    entries: int


@dataclass(frozen=True, slots=True)
class TimelineEvaluation:
    """newsprism's and the baseline's timeline figures, with the gold events scored."""

    systems: dict[str, TimelineScores]
    n: int
    missed: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """System name -> figures, plus ``n`` (gold events)."""
        out: dict[str, Any] = {
            name: {
                "events_found": round(s.events_found, 4),
                "dates_right": round(s.dates_right, 4),
                "order_right": round(s.order_right, 4),
                "background_right": round(s.background_right, 4),
                "entries": s.entries,
            }
            for name, s in self.systems.items()
        }
        out["n"] = self.n
        return out


def _gold_date(event: dict[str, Any]) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(event.get("date", "")))
    except ValueError:
        return None


def score_timeline(
    events: Sequence[dict[str, Any]],
    entries: Sequence[TimelineEntry],
    prefixes: dict[str, str],
) -> tuple[TimelineScores, list[str]]:
    """Score timeline ``entries`` against gold ``events``; ``prefixes`` maps doc id -> name."""
    matched: list[tuple[int, TimelineEntry]] = []
    missed = []
    for i, event in enumerate(events):
        want = _gold_date(event)
        background = str(event.get("kind", "")).startswith("background")
        docs = {str(d) for d in event.get("documents", [])}
        if background or not docs:
            candidates = [e for e in entries if e.date == want]
        else:
            candidates = [
                e
                for e in entries
                if not e.background and any(prefixes.get(s.doc_id) in docs for s in e.citations)
            ]
        if not candidates:
            missed.append(f"{event.get('date')}: {event.get('what')}")
            continue

        def distance(e: TimelineEntry, want: dt.date | None = want) -> int:
            return abs((e.date - want).days) if e.date and want else 10**6

        matched.append((i, min(candidates, key=distance)))
    found = len(matched)
    dates = sum(_gold_date(events[i]) == e.date for i, e in matched)
    pairs = list(combinations(matched, 2))
    position = {id(e): k for k, e in enumerate(entries)}
    ordered = sum(position[id(a)] < position[id(b)] for (_, a), (_, b) in pairs)
    marks = sum(
        str(events[i].get("kind", "")).startswith("background") == e.background for i, e in matched
    )
    scores = TimelineScores(
        events_found=found / len(events) if events else 1.0,
        dates_right=dates / found if found else 0.0,
        order_right=ordered / len(pairs) if pairs else float(found > 0),
        background_right=marks / found if found else 0.0,
        entries=len(entries),
    )
    return scores, missed


def publication_timeline(articles: Sequence[Article]) -> tuple[TimelineEntry, ...]:
    """The baseline: one entry per publication date, the first body sentence of its articles."""
    from newsprism.brief import article_sentences

    entries = []
    for article in sorted(articles, key=lambda a: (a.published.date or dt.date.max, a.doc_id)):
        sentences = article_sentences(article)
        if sentences:
            first = sentences[0]
            entries.append(TimelineEntry(article.published.date, first.text, (first.span,)))
    return tuple(entries)


def evaluate_timeline(gold_path: str | Path) -> TimelineEvaluation:
    """Analyse the gold's corpus in a fresh store, brief all its events as one story, score."""
    from newsprism.cluster import stories
    from newsprism.evaluation.gold import load_gold
    from newsprism.records import Story
    from newsprism.runner import analyze
    from newsprism.store import MemoryStore
    from newsprism.views import story_view

    path = Path(gold_path)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise NewsprismError("E040", path, exc) from None
    events = list(raw.get("storyline", {}).get("events", []))
    if not events:
        raise NewsprismError("E040", path, "no storyline.events")
    corpus = load_gold(path)
    with MemoryStore() as store:
        analyze([str(doc.path) for doc in corpus.documents], store)
        articles = list(store.articles())
        prefixes = {a.doc_id: Path(a.source).name[:3] for a in articles}
        found = stories(store)
        all_events = tuple(e for s in found for e in s.events)
        dates = [e.date for e in all_events if e.date]
        story = Story(
            "st-all", "all", all_events, min(dates, default=None), max(dates, default=None)
        )
        view = story_view(store, story)
    ours, missed = score_timeline(events, view.brief.timeline, prefixes)
    baseline, _ = score_timeline(events, publication_timeline(articles), prefixes)
    return TimelineEvaluation(
        {"newsprism": ours, "publication_dates": baseline}, len(events), tuple(missed)
    )
