"""Story clustering scored against a label CSV: B-cubed and adjusted Rand at both levels.

The CSV's files alone are ingested, cleaned as one batch and stored in a fresh in-memory store,
then clustered in chunks as ``analyze`` does. Beside newsprism stands the all-pairs baseline:
TF-IDF cosine (scikit-learn, fitted on the corpus itself) with average-linkage agglomeration,
cut at thresholds calibrated, like newsprism's, on ECB+ topics 1-35.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsprism.cluster.config import ClusterConfig
from newsprism.errors import NewsprismError
from newsprism.evaluation.labels import LabelRow, read_labels
from newsprism.records import Article, Document

__all__ = [
    "BASELINE_EVENT_THRESHOLD",
    "BASELINE_STORYLINE_THRESHOLD",
    "LevelScores",
    "StoryEvaluation",
    "bcubed",
    "cluster_articles",
    "evaluate_stories",
    "load_corpus",
    "tfidf_average_link",
]

BASELINE_STORYLINE_THRESHOLD = 0.08
"""All-pairs TF-IDF baseline cut for storylines, calibrated on ECB+ topics 1-35."""

BASELINE_EVENT_THRESHOLD = 0.20
"""All-pairs TF-IDF baseline cut for events, calibrated on ECB+ topics 1-35."""

CHUNK = 256
"""Articles per clustering call, as the runner's chunks."""


@dataclass(frozen=True, slots=True)
class LevelScores:
    """B-cubed precision, recall, F1 and adjusted Rand index at one level."""

    precision: float
    recall: float
    f1: float
    ari: float


def bcubed(gold: Sequence[Hashable], predicted: Sequence[Hashable]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a clustering against gold labels."""
    if len(gold) != len(predicted):
        raise ValueError("gold and predicted labels differ in length")
    if not gold:
        return 0.0, 0.0, 0.0
    by_gold: dict[Hashable, set[int]] = defaultdict(set)
    by_pred: dict[Hashable, set[int]] = defaultdict(set)
    for i, (g, p) in enumerate(zip(gold, predicted, strict=True)):
        by_gold[g].add(i)
        by_pred[p].add(i)
    precision = recall = 0.0
    for g, p in zip(gold, predicted, strict=True):
        shared = len(by_gold[g] & by_pred[p])
        precision += shared / len(by_pred[p])
        recall += shared / len(by_gold[g])
    precision /= len(gold)
    recall /= len(gold)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _level(gold: Sequence[str], predicted: Sequence[str]) -> LevelScores:
    from sklearn.metrics import adjusted_rand_score

    p, r, f = bcubed(gold, predicted)
    return LevelScores(p, r, f, float(adjusted_rand_score(gold, predicted)))


@dataclass(frozen=True, slots=True)
class StoryEvaluation:
    """Scores of newsprism and the baselines at the storyline and event levels."""

    n: int
    storyline: dict[str, LevelScores]
    event: dict[str, LevelScores]
    """Empty when the CSV labels no events."""

    def to_json(self) -> dict[str, Any]:
        """One object per system with ``storyline_*`` and ``event_*`` figures, plus ``n``."""
        result: dict[str, Any] = {}
        for system in self.storyline:
            figures: dict[str, Any] = {}
            for level, table in (("storyline", self.storyline), ("event", self.event)):
                scores = table.get(system)
                for name in ("precision", "recall", "f1", "ari"):
                    figures[f"{level}_{name}"] = (
                        round(getattr(scores, name), 4) if scores is not None else None
                    )
            figures["n"] = self.n
            result[system] = figures
        result["n"] = self.n
        return result


def load_corpus(rows: Sequence[LabelRow]) -> list[Article]:
    """Ingest and clean the labelled files as one batch, in row order."""
    from newsprism.clean import clean_batch
    from newsprism.ingest import iter_documents

    documents: list[Document] = []
    for row in rows:
        found = [d for d in iter_documents([str(row.path)]) if isinstance(d, Document)]
        if not found:
            raise NewsprismError("E040", row.path, "the file could not be read")
        documents.append(found[0])
    return clean_batch(documents)


def cluster_articles(
    articles: Sequence[Article],
    *,
    chunk: int = CHUNK,
    order_seed: int | None = None,
    config: ClusterConfig | None = None,
) -> tuple[list[str], list[str]]:
    """Storyline and event ids of each article after clustering them in a fresh store."""
    from newsprism.cluster import DEFAULT, StoryClusterer
    from newsprism.store import MemoryStore

    order = list(range(len(articles)))
    if order_seed is not None:
        random.Random(order_seed).shuffle(order)
    with MemoryStore() as store:
        clusterer = StoryClusterer(store, config or DEFAULT)
        for start in range(0, len(order), chunk):
            clusterer.add([articles[i] for i in order[start : start + chunk]])
        story_of: dict[str, str] = {}
        event_of: dict[str, str] = {}
        for story in clusterer.stories():
            for event in story.events:
                for doc in event.articles:
                    story_of[doc] = story.id
                    event_of[doc] = event.id
    return (
        [story_of.get(a.doc_id, f"?{a.doc_id}") for a in articles],
        [event_of.get(a.doc_id, f"?{a.doc_id}") for a in articles],
    )


def tfidf_average_link(articles: Sequence[Article], threshold: float) -> list[str]:
    """The baseline: average-link clusters of TF-IDF cosine over headline and body."""
    import numpy as np
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform
    from sklearn.feature_extraction.text import TfidfVectorizer

    if len(articles) < 2:
        return ["0"] * len(articles)
    texts = [f"{a.title}\n{a.body_text}" for a in articles]
    matrix = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(texts)
    distance = np.clip(1.0 - (matrix @ matrix.T).toarray(), 0.0, None)
    np.fill_diagonal(distance, 0.0)
    tree = linkage(squareform(distance, checks=False), "average")
    return [str(c) for c in fcluster(tree, 1.0 - threshold, "distance")]


def evaluate_stories(csv_path: str | Path, *, baselines: bool = True) -> StoryEvaluation:
    """Run ingest, cleaning and clustering on the CSV's files and score both levels."""
    rows = read_labels(csv_path)
    articles = load_corpus(rows)
    storylines, events = cluster_articles(articles)
    systems: dict[str, tuple[list[str], list[str]]] = {"newsprism": (storylines, events)}
    if baselines:
        systems["tfidf_average_link"] = (
            tfidf_average_link(articles, BASELINE_STORYLINE_THRESHOLD),
            tfidf_average_link(articles, BASELINE_EVENT_THRESHOLD),
        )
    gold_story = [r.storyline for r in rows]
    has_events = any(r.event for r in rows)
    # A row without an event label is its own gold event (a one-level data set labels none).
    gold_event = [r.event or f"{r.storyline}/{i}" for i, r in enumerate(rows)]
    story_scores = {name: _level(gold_story, s) for name, (s, _) in systems.items()}
    event_scores = (
        {name: _level(gold_event, e) for name, (_, e) in systems.items()} if has_events else {}
    )
    return StoryEvaluation(len(rows), story_scores, event_scores)
