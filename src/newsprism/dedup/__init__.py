"""Dedup: exact, near-duplicate and partial-reprint detection, grouping wire copies and reprints
of one text into syndication groups that count as one independent source.

>>> from newsprism.dedup import DedupIndex
>>> index = DedupIndex.load(store)  # doctest: +SKIP
>>> groups = index.add(articles, store)  # doctest: +SKIP
"""

from __future__ import annotations

from newsprism.dedup.index import (
    CONTAINMENT_MIN,
    JACCARD_MIN,
    DedupIndex,
    Sketch,
    duplicate_score,
    is_duplicate,
    sketch,
)
from newsprism.dedup.shingles import containment, jaccard
from newsprism.records import Article, SyndicationGroup

__all__ = [
    "CONTAINMENT_MIN",
    "JACCARD_MIN",
    "DedupIndex",
    "Sketch",
    "containment",
    "duplicate_score",
    "find_syndication",
    "is_duplicate",
    "jaccard",
    "sketch",
]


def find_syndication(articles: list[Article]) -> list[SyndicationGroup]:
    """The syndication groups among ``articles`` alone (no store)."""
    index = DedupIndex()
    index.add(articles)
    return index.groups()
