"""The main job scored end to end on a labelled folder, as a user runs it.

``evaluate_corpus(LABELS.csv)`` runs the real :func:`newsprism.runner.analyze` (cleaning,
dating, extraction with spaCy, clustering) over every file of a ``path,storyline,event`` CSV
in a fresh SQLite store, then scores what a user reads:

- **stories**: storyline and event B-cubed (and ARI) of the stored stories, beside the TF-IDF
  average-link baseline, both from :mod:`newsprism.evaluation.stories`;
- **briefs**, over every event (the unit of comparison): the share of brief citations that
  support their sentence (:func:`newsprism.brief.checks.citation_supports`: the span holds at
  least 80% of the sentence's content words, or for a conflict's quoted sides the sentence
  holds the span's), and the quotations in briefs that do not name their speaker in the same
  sentence (:func:`newsprism.brief.checks.unattributed_quotes`, a dangling quote mark counts);
- **figures matched across different counted things**, where golden-format gold files are given
  (``gold_dir``): conflicts the analyst does not list, on the events holding the gold's
  documents, beside corroborated and conflicting recall;
- **crashes**: inputs ``analyze`` reported as failed, with their coded reasons;
- **wall time** of the whole run.
"""

from __future__ import annotations

import json
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsprism.errors import NewsprismError
from newsprism.evaluation.labels import LabelRow, read_labels
from newsprism.evaluation.stories import (
    BASELINE_EVENT_THRESHOLD,
    BASELINE_STORYLINE_THRESHOLD,
    LevelScores,
    bcubed,
    tfidf_average_link,
)
from newsprism.records import Article, Comparison, Story

if TYPE_CHECKING:
    from newsprism.views import StoryView

__all__ = ["BriefScores", "CorpusEvaluation", "GoldScores", "evaluate_corpus"]

MAX_EXAMPLES = 10
"""Unsupported citations and unattributed quotes listed for reading, at most."""

Progress = Callable[[str, int, int | None], None]
"""Called with (stage, done, total or None)."""


@dataclass(frozen=True, slots=True)
class BriefScores:
    """What the per-event briefs cite and quote."""

    events: int
    sentences: int
    citations: int
    supported: int
    unattributed_quotes: int
    unsupported_examples: tuple[str, ...] = ()
    quote_examples: tuple[str, ...] = ()

    @property
    def support_rate(self) -> float:
        """The share of citations that support their sentence (1.0 when none)."""
        return self.supported / self.citations if self.citations else 1.0


@dataclass(frozen=True, slots=True)
class GoldScores:
    """Comparison figures on the events holding each gold file's documents, pooled."""

    gold_files: int
    false_conflicts: int
    corroborated_recall: float
    conflicting_recall: float
    files: tuple[str, ...] = ()
    mixed_findings: int = 0
    """Corroborated findings that join figures the gold holds as different things."""


@dataclass(frozen=True, slots=True)
class CorpusEvaluation:
    """The end-to-end scores of one labelled folder."""

    n: int
    stored: int
    storyline: dict[str, LevelScores]
    event: dict[str, LevelScores]
    briefs: BriefScores
    crashes: int
    seconds: float
    gold: GoldScores | None = None
    crash_reasons: tuple[str, ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        """Plain figures: stories per system and level, briefs, gold, crashes, wall time."""

        def level(scores: LevelScores) -> dict[str, float]:
            return {k: round(getattr(scores, k), 4) for k in ("precision", "recall", "f1", "ari")}

        b = self.briefs
        out: dict[str, Any] = {
            "n": self.n,
            "stored": self.stored,
            "storyline": {name: level(s) for name, s in self.storyline.items()},
            "event": {name: level(s) for name, s in self.event.items()},
            "briefs": {
                "events": b.events,
                "sentences": b.sentences,
                "citations": b.citations,
                "supported": b.supported,
                "support_rate": round(b.support_rate, 4),
                "unattributed_quotes": b.unattributed_quotes,
                "unsupported_examples": list(b.unsupported_examples),
                "quote_examples": list(b.quote_examples),
            },
            "gold": None,
            "crashes": self.crashes,
            "crash_reasons": list(self.crash_reasons),
            "seconds": round(self.seconds, 1),
        }
        if self.gold is not None:
            g = self.gold
            out["gold"] = {
                "gold_files": g.gold_files,
                "false_conflicts": g.false_conflicts,
                "mixed_findings": g.mixed_findings,
                "corroborated_recall": round(g.corroborated_recall, 4),
                "conflicting_recall": round(g.conflicting_recall, 4),
                "files": list(g.files),
            }
        return out


def _level(gold: Sequence[str], predicted: Sequence[str]) -> LevelScores:
    from sklearn.metrics import adjusted_rand_score

    p, r, f = bcubed(gold, predicted)
    return LevelScores(p, r, f, float(adjusted_rand_score(gold, predicted)))


def _key(path: str | Path) -> str:
    """A file's identity for matching stored articles to rows (a JSON-lines record's
    ``#line`` suffix and relative spelling left out)."""
    return str(Path(str(path).split("#", 1)[0]).resolve())


def _by_row(rows: Sequence[LabelRow], articles: Sequence[Article]) -> list[Article | None]:
    """The stored article of each row (None when its file failed or was a duplicate)."""
    found: dict[str, Article] = {}
    for article in articles:
        found.setdefault(_key(article.source), article)
    return [found.get(_key(row.path)) for row in rows]


def _brief_scores(views: Sequence[StoryView]) -> BriefScores:
    from newsprism.brief.checks import (
        COMPOSITE_KINDS,
        FactIndex,
        balanced_quotes,
        citation_supports,
        unattributed_quotes,
    )

    sentences = citations = supported = unattributed = 0
    bad: list[str] = []
    quotes: list[str] = []
    for view in views:
        texts = {a.doc_id: a.text for a in view.articles}
        facts = FactIndex(view.extractions)
        for sentence in view.brief.sentences:
            sentences += 1
            for span in sentence.citations:
                citations += 1
                cited = texts.get(span.doc_id, "")[span.start : span.end]
                if citation_supports(sentence, cited):
                    supported += 1
                elif len(bad) < MAX_EXAMPLES:
                    bad.append(f"{view.key}: {sentence.text[:120]!r} cites {cited[:120]!r}")
            if not sentence.citations:
                continue
            if sentence.kind in COMPOSITE_KINDS:
                # The outlets are the speakers of a conflict's sides; only the marks can fail.
                missing = 0 if balanced_quotes(sentence.text) else 1
            else:
                first = sentence.citations[0]
                missing = unattributed_quotes(sentence.text, facts.facts(first, sentence.text))
            unattributed += missing
            if missing and len(quotes) < MAX_EXAMPLES:
                quotes.append(f"{view.key}: {sentence.text[:160]!r}")
    return BriefScores(
        len(views), sentences, citations, supported, unattributed, tuple(bad), tuple(quotes)
    )


def _gold_scores(
    gold_dir: Path, articles: Sequence[Article], views: Sequence[StoryView]
) -> GoldScores:
    """Score the events holding each gold file's documents against the gold."""
    from newsprism.evaluation.compare import pool, score_articles
    from newsprism.evaluation.gold import load_gold

    by_key = {_key(a.source): a for a in articles}
    results = []
    names = []
    for path in sorted(gold_dir.glob("*.json")):
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            corpus = load_gold(path)
        except (OSError, ValueError, NewsprismError):
            continue  # not a gold file (a README's JSON, a labels file): not scored
        docs = [by_key[k] for d in corpus.documents if (k := _key(d.path)) in by_key]
        if not docs:
            continue
        wanted = {a.doc_id for a in docs}
        held = [v for v in views if wanted & {a.doc_id for a in v.articles}]
        findings = tuple(f for v in held for f in v.comparison.findings)
        framing = tuple(fr for v in held for fr in v.comparison.framing)
        comparison = Comparison(path.stem, findings=findings, framing=framing)
        results.append(score_articles(raw, comparison, docs))
        names.append(path.stem)
    pooled = pool(results) if results else None
    return GoldScores(
        len(results),
        pooled.false_conflicts if pooled else 0,
        pooled.corroborated_recall if pooled else 1.0,
        pooled.conflicting_recall if pooled else 1.0,
        tuple(names),
        pooled.mixed_findings if pooled else 0,
    )


def evaluate_corpus(
    csv_path: str | Path,
    *,
    gold_dir: str | Path | None = None,
    progress: Progress | None = None,
    baselines: bool = True,
) -> CorpusEvaluation:
    """Run ``analyze`` on the CSV's files in a fresh store and score stories and briefs."""
    from newsprism.cluster import load_assignments, stories
    from newsprism.runner import analyze
    from newsprism.store import open_store
    from newsprism.views import framing_prior, story_view

    started = time.perf_counter()
    rows = read_labels(csv_path)
    report = None
    with (
        tempfile.TemporaryDirectory(prefix="newsprism-corpus-") as folder,
        open_store(Path(folder) / "corpus.db") as store,
    ):

        def read(done: int, source: str) -> None:
            if progress:
                progress("analyze", done, len(rows))

        report = analyze([str(r.path) for r in rows], store, progress=read)
        articles = list(store.articles())
        found: list[Story] = stories(store)
        story_of = {d: s.id for s in found for e in s.events for d in e.articles}
        event_of = {d: e.id for s in found for e in s.events for d in e.articles}
        views: list[StoryView] = []
        pairs = [(s, e) for s in found for e in s.events]
        assignments, prior = load_assignments(store), framing_prior(store)
        for i, (story, one) in enumerate(pairs):
            views.append(story_view(store, story, one, assignments=assignments, prior=prior))
            if progress:
                progress("brief", i + 1, len(pairs))
    per_row = _by_row(rows, articles)
    # A row whose file was not stored is a cluster of its own for every system.
    missing = [f"?{i}" for i in range(len(rows))]
    present = [a for a in per_row if a is not None]
    systems: dict[str, tuple[list[str], list[str]]] = {
        "newsprism": (
            [
                story_of.get(a.doc_id, missing[i]) if a else missing[i]
                for i, a in enumerate(per_row)
            ],
            [
                event_of.get(a.doc_id, missing[i]) if a else missing[i]
                for i, a in enumerate(per_row)
            ],
        )
    }
    if baselines and len(present) >= 2:
        if progress:
            progress("baseline", 0, None)
        base_story = iter(tfidf_average_link(present, BASELINE_STORYLINE_THRESHOLD))
        base_event = iter(tfidf_average_link(present, BASELINE_EVENT_THRESHOLD))
        systems["tfidf_average_link"] = (
            [f"b{next(base_story)}" if a else missing[i] for i, a in enumerate(per_row)],
            [f"b{next(base_event)}" if a else missing[i] for i, a in enumerate(per_row)],
        )
    gold_story = [r.storyline for r in rows]
    gold_event = [r.event or f"{r.storyline}/{i}" for i, r in enumerate(rows)]
    storyline = {name: _level(gold_story, s) for name, (s, _) in systems.items()}
    event = (
        {name: _level(gold_event, e) for name, (_, e) in systems.items()}
        if any(r.event for r in rows)
        else {}
    )
    gold = _gold_scores(Path(gold_dir), present, views) if gold_dir is not None else None
    failures = report.failures if report is not None else []
    return CorpusEvaluation(
        n=len(rows),
        stored=len(present),
        storyline=storyline,
        event=event,
        briefs=_brief_scores(views),
        crashes=len(failures),
        seconds=time.perf_counter() - started,
        gold=gold,
        crash_reasons=tuple(f"{f.source}: {f.code} {f.reason}" for f in failures[:MAX_EXAMPLES]),
    )
