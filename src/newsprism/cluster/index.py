"""An inverted index from a cluster's top terms (and the time buckets it spans) to the cluster.

Candidate retrieval looks up only the probe's top terms in the buckets near its dates, so its
cost grows with how many clusters share those terms at that time, not with the corpus.
"""

from __future__ import annotations

import datetime as dt

from newsprism.cluster.vectors import Vector

__all__ = ["TermIndex"]

Span = tuple[dt.date | None, dt.date | None]


class TermIndex:
    """Clusters by (term, time bucket); a cluster's entries are replaced when it changes."""

    def __init__(self, terms: int, bucket_days: int | None) -> None:
        self.terms = terms
        self.bucket_days = bucket_days
        self._postings: dict[int, dict[int | None, set[str]]] = {}
        self._entries: dict[str, tuple[tuple[int, ...], tuple[int | None, ...]]] = {}

    def __len__(self) -> int:
        return len(self._entries)

    def put(self, cid: str, vector: Vector, span: Span) -> None:
        """Index a cluster under its top terms and the buckets its date span covers."""
        ids, _ = vector.top_terms(self.terms)
        entry = (tuple(int(t) for t in ids), self._buckets(span))
        old = self._entries.get(cid)
        if old == entry:
            return
        if old is not None:
            self.drop(cid)
        self._entries[cid] = entry
        terms, buckets = entry
        for term in terms:
            by_bucket = self._postings.setdefault(term, {})
            for bucket in buckets:
                by_bucket.setdefault(bucket, set()).add(cid)

    def drop(self, cid: str) -> None:
        """Forget a cluster."""
        entry = self._entries.pop(cid, None)
        if entry is None:
            return
        terms, buckets = entry
        for term in terms:
            by_bucket = self._postings[term]
            for bucket in buckets:
                holders = by_bucket[bucket]
                holders.discard(cid)
                if not holders:
                    del by_bucket[bucket]
            if not by_bucket:
                del self._postings[term]

    def votes(self, probe: Vector, span: Span, horizon: float) -> dict[str, float]:
        """Clusters sharing the probe's top terms near its dates, and those terms' weight."""
        ids, vals = probe.top_terms(self.terms)
        wanted = self._near(span, horizon)
        votes: dict[str, float] = {}
        for term, weight in zip(ids.tolist(), vals.tolist(), strict=True):
            by_bucket = self._postings.get(term)
            if not by_bucket:
                continue
            buckets = by_bucket if wanted is None else [b for b in wanted if b in by_bucket]
            seen: set[str] = set()
            for bucket in buckets:
                for cid in by_bucket[bucket]:
                    if cid not in seen:  # a cluster over several buckets votes once per term
                        seen.add(cid)
                        votes[cid] = votes.get(cid, 0.0) + weight
        return votes

    def _buckets(self, span: Span) -> tuple[int | None, ...]:
        first, last = span
        if self.bucket_days is None or first is None or last is None:
            return (None,)
        return tuple(
            range(first.toordinal() // self.bucket_days, last.toordinal() // self.bucket_days + 1)
        )

    def _near(self, span: Span, horizon: float) -> list[int | None] | None:
        """Buckets within ``horizon`` days of the span and the undated one; None means all."""
        first, last = span
        if self.bucket_days is None or first is None or last is None:
            return None
        lo = int(first.toordinal() - horizon) // self.bucket_days
        hi = int(last.toordinal() + horizon) // self.bucket_days
        return [None, *range(lo, hi + 1)]
