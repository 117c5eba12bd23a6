"""Incremental, time-aware average-link clustering of articles into events and storylines.

Each article is a unit vector (see :mod:`.features`); a cluster keeps the sum of its members'
vectors, so the average cosine between two clusters (UPGMA's similarity) is the dot product of
their sums divided by both sizes, exactly, without keeping the members. A new batch is clustered
together with the existing events its articles point at (through an inverted index of top terms):
agglomeration continues from where earlier batches left it, so nothing is re-clustered beyond
the batch's neighbourhood, and the result matches clustering the whole corpus at once except where
an early merge would have been undone. Events then merge into storylines the same way with a
lower threshold and a slower time decay. Similarities decay with the gap between date ranges.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from newsprism.cluster.config import DEFAULT, ClusterConfig

__all__ = ["Cluster", "Engine", "Merge", "Vector"]

Ids = npt.NDArray[np.int64]
Vals = npt.NDArray[np.float64]


@dataclass(slots=True)
class Vector:
    """A sparse vector over the engine's vocabulary: sorted term ids and their weights."""

    ids: Ids
    vals: Vals

    @classmethod
    def empty(cls) -> Vector:
        """The zero vector."""
        return cls(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64))

    def plus(self, other: Vector) -> Vector:
        """The sum of two vectors."""
        ids = np.concatenate([self.ids, other.ids])
        vals = np.concatenate([self.vals, other.vals])
        unique, inverse = np.unique(ids, return_inverse=True)
        summed = np.zeros(unique.size, dtype=np.float64)
        np.add.at(summed, inverse, vals)
        return Vector(unique, summed)

    def top(self, k: int) -> Vector:
        """The k heaviest terms (all of them when there are fewer)."""
        if self.ids.size <= k:
            return self
        keep = np.sort(np.argpartition(-self.vals, k)[:k])
        return Vector(self.ids[keep], self.vals[keep])

    def top_ids(self, k: int) -> Ids:
        """Ids of the k heaviest terms."""
        if self.ids.size <= k:
            return self.ids
        return self.ids[np.argpartition(-self.vals, k)[:k]]


@dataclass(slots=True)
class Cluster:
    """An event or a storyline: its summed vector, size, date range and members."""

    id: str
    seq: int
    n: int
    total: Vector
    first: dt.date | None
    last: dt.date | None
    members: list[str] = field(default_factory=list)
    parent: str = ""
    """The storyline of an event ('' for a storyline)."""


@dataclass(frozen=True, slots=True)
class Merge:
    """One article's fate in a batch: the cluster it joined and the similarity that decided."""

    doc_id: str
    event_id: str
    similarity: float
    """Average-link similarity at the merge that placed it (its best one when it opened a new
    event)."""
    gap_days: float
    joined: bool


class Engine:
    """Events and storylines in memory, with the inverted indexes that find candidates."""

    def __init__(self, config: ClusterConfig = DEFAULT) -> None:
        self.config = config
        self.vocab: dict[str, int] = {}
        self.terms: list[str] = []
        self.events: dict[str, Cluster] = {}
        self.stories: dict[str, Cluster] = {}
        self.event_of: dict[str, str] = {}
        self._event_index: dict[int, list[str]] = {}
        self._story_index: dict[int, list[str]] = {}
        self._dirty: set[str] = set()
        self._absorbed: dict[str, str] = {}
        self._seq = 0

    # ---------------------------------------------------------------------------------------
    # vectors

    def vector(self, weights: dict[str, float]) -> Vector:
        """A term -> weight mapping as a sparse vector over the vocabulary."""
        if not weights:
            return Vector.empty()
        ids = np.fromiter((self._term_id(t) for t in weights), dtype=np.int64, count=len(weights))
        vals = np.fromiter(weights.values(), dtype=np.float64, count=len(weights))
        order = np.argsort(ids)
        return Vector(ids[order], vals[order])

    def weights(self, vector: Vector) -> dict[str, float]:
        """A sparse vector back as term -> weight."""
        return {self.terms[i]: float(v) for i, v in zip(vector.ids, vector.vals, strict=True)}

    def _term_id(self, term: str) -> int:
        found = self.vocab.get(term)
        if found is None:
            found = self.vocab[term] = len(self.terms)
            self.terms.append(term)
        return found

    def absorbed_into(self, event_id: str) -> str:
        """The live event that absorbed ``event_id`` (through any chain of merges)."""
        while event_id not in self.events:
            event_id = self._absorbed[event_id]
        return event_id

    def next_seq(self) -> int:
        """A fresh sequence number: clusters made earlier have smaller ones."""
        self._seq += 1
        return self._seq

    def restore(self, event: Cluster, story: Cluster) -> None:
        """Put back an event (and its storyline, once) as the store held them."""
        self._seq = max(self._seq, event.seq, story.seq)
        self.events[event.id] = event
        for doc in event.members:
            self.event_of[doc] = event.id
        self._index(self._event_index, event)
        if story.id not in self.stories:
            self.stories[story.id] = story
            self._index(self._story_index, story)

    # ---------------------------------------------------------------------------------------
    # the batch step

    def add(
        self, docs: Sequence[str], vectors: Sequence[Vector], dates: Sequence[dt.date | None]
    ) -> tuple[list[Merge], set[str], set[str], set[str], set[str]]:
        """Cluster a batch: the merges, and the events and storylines changed or removed."""
        cfg = self.config
        candidates = self._candidates(vectors, dates)
        units: list[Cluster] = [
            Cluster("", 0, 1, v, d, d, [doc])
            for doc, v, d in zip(docs, vectors, dates, strict=True)
        ]
        units.extend(self.events[e] for e in candidates)
        merged, best = self._agglomerate(
            units, cfg.event_threshold, cfg.event_grace_days, cfg.event_tau_days, len(docs)
        )
        merges: list[Merge] = []
        changed_events: set[str] = set()
        removed_events: set[str] = set()
        for root, group in merged.items():
            cluster = units[root]
            new_docs = [docs[i] for i in group if i < len(docs)]
            old_events = [units[i] for i in group if i >= len(docs)]
            if not old_events:
                cluster = self._new_event(docs[group[0]])
                keep = cluster
            else:
                keep = min(old_events, key=lambda c: c.seq)
            for event in old_events:
                if event is not keep:
                    self._absorb_event(keep, event)
                    removed_events.add(event.id)
            for i in group:
                if i < len(docs):
                    keep.total = keep.total.plus(vectors[i])
                    keep.n += 1
                    keep.first, keep.last = _widen(keep.first, keep.last, dates[i])
                    if docs[i] not in keep.members:
                        keep.members.append(docs[i])
                    self.event_of[docs[i]] = keep.id
            keep.total = keep.total.top(cfg.centroid_terms)
            self._index(self._event_index, keep)
            changed_events.add(keep.id)
            for i in group:
                if i < len(docs):
                    sim, gap = best[i]
                    merges.append(
                        Merge(docs[i], keep.id, sim, gap, bool(old_events) or len(new_docs) > 1)
                    )
        changed_stories, removed_stories = self._storylines(changed_events)
        return merges, changed_events, removed_events, changed_stories, removed_stories

    def _new_event(self, first_doc: str) -> Cluster:
        event = Cluster(f"ev-{first_doc[:12]}", self.next_seq(), 0, Vector.empty(), None, None)
        while event.id in self.events:  # the same first doc id cannot open two events
            event.id += "x"
        self.events[event.id] = event
        return event

    def _absorb_event(self, keep: Cluster, gone: Cluster) -> None:
        keep.total = keep.total.plus(gone.total)
        keep.n += gone.n
        keep.first, keep.last = _widen(keep.first, keep.last, gone.first)
        keep.first, keep.last = _widen(keep.first, keep.last, gone.last)
        for doc in gone.members:
            keep.members.append(doc)
            self.event_of[doc] = keep.id
        story = self.stories.get(gone.parent)
        if story is not None:
            story.members = [e for e in story.members if e != gone.id]
            self._dirty.add(story.id)
        self._absorbed[gone.id] = keep.id
        del self.events[gone.id]

    # ---------------------------------------------------------------------------------------
    # storylines

    def _storylines(self, changed: set[str]) -> tuple[set[str], set[str]]:
        cfg = self.config
        touched: dict[str, Cluster] = {
            sid: self.stories[sid] for sid in sorted(self._dirty) if sid in self.stories
        }
        self._dirty = set()
        fresh: list[Cluster] = []
        for eid in sorted(changed, key=lambda e: self.events[e].seq):
            event = self.events[eid]
            if event.parent and event.parent in self.stories:
                touched[event.parent] = self.stories[event.parent]
            else:
                fresh.append(event)
        # Storyline sums are rebuilt from their events: an event's sum changed in this batch.
        removed: set[str] = set()
        for sid, story in list(touched.items()):
            self.resum(story)
            if not story.members:  # every event of it was absorbed into another storyline's
                removed.add(sid)
                del self.stories[sid]
                del touched[sid]
        units: list[Cluster] = [
            Cluster("", 0, e.n, e.total, e.first, e.last, [e.id]) for e in fresh
        ]
        units.extend(touched.values())
        probes = [u.total for u in units]
        probe_dates = [(u.first, u.last) for u in units]
        horizon = cfg.storyline_grace_days + 4 * cfg.storyline_tau_days
        found = self._lookup(
            self._story_index, probes, probe_dates, set(touched), self.stories, horizon
        )
        for sid in found:
            units.append(self.stories[sid])
        merged, _ = self._agglomerate(
            units,
            cfg.storyline_threshold,
            cfg.storyline_grace_days,
            cfg.storyline_tau_days,
            len(fresh),
        )
        changed_stories: set[str] = set()
        for group in merged.values():
            old = [units[i] for i in group if i >= len(fresh)]
            if old:
                keep = min(old, key=lambda c: c.seq)
            else:
                first_event = units[group[0]].members[0]
                keep = Cluster(
                    f"st-{first_event.removeprefix('ev-')}",
                    self.next_seq(),
                    0,
                    Vector.empty(),
                    None,
                    None,
                )
                while keep.id in self.stories:
                    keep.id += "x"
                self.stories[keep.id] = keep
            for i in group:
                unit = units[i]
                if unit is keep:
                    continue
                if i >= len(fresh):
                    removed.add(unit.id)
                    self.stories.pop(unit.id, None)
                for eid in unit.members:
                    if eid not in keep.members:
                        keep.members.append(eid)
                    self.events[eid].parent = keep.id
            self.resum(keep)
            self._index(self._story_index, keep)
            changed_stories.add(keep.id)
        return changed_stories, removed

    def resum(self, story: Cluster) -> None:
        """Rebuild a storyline's sum, size and dates from its events."""
        story.members = [e for e in story.members if e in self.events]
        total, n, first, last = Vector.empty(), 0, None, None
        for eid in story.members:
            event = self.events[eid]
            total = total.plus(event.total)
            n += event.n
            first, last = _widen(first, last, event.first)
            first, last = _widen(first, last, event.last)
        story.total, story.n, story.first, story.last = (
            total.top(self.config.centroid_terms),
            n,
            first,
            last,
        )

    # ---------------------------------------------------------------------------------------
    # candidates and agglomeration

    def _candidates(self, vectors: Sequence[Vector], dates: Sequence[dt.date | None]) -> list[str]:
        spans = [(d, d) for d in dates]
        cfg = self.config
        # Past grace + 4 tau the decay is under 0.02: no similarity can reach a threshold.
        horizon = cfg.event_grace_days + 4 * cfg.event_tau_days
        return self._lookup(self._event_index, vectors, spans, set(), self.events, horizon)

    def _lookup(
        self,
        index: dict[int, list[str]],
        probes: Sequence[Vector],
        spans: Sequence[tuple[dt.date | None, dt.date | None]],
        exclude: set[str],
        pool: dict[str, Cluster],
        horizon: float,
    ) -> list[str]:
        """Clusters sharing the most top terms with each probe, within ``horizon`` days of it."""
        cfg = self.config
        found: dict[str, None] = {}
        for probe, span in zip(probes, spans, strict=True):
            votes: dict[str, float] = {}
            top = probe.top(cfg.index_terms)
            for term, weight in zip(top.ids, top.vals, strict=True):
                # The latest holders of a term first: stale postings of merged clusters drop out.
                for cid in index.get(int(term), ())[-400:]:
                    votes[cid] = votes.get(cid, 0.0) + float(weight)
            ranked = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))
            kept = 0
            for cid, _ in ranked:
                cluster = pool.get(cid)
                if cluster is None or cid in exclude or _apart(span, cluster) > horizon:
                    continue
                found[cid] = None
                kept += 1
                if kept >= cfg.candidates:
                    break
        return sorted(found, key=lambda c: pool[c].seq)

    def _index(self, index: dict[int, list[str]], cluster: Cluster) -> None:
        for term in cluster.total.top_ids(self.config.index_terms):
            postings = index.setdefault(int(term), [])
            if not postings or postings[-1] != cluster.id:
                postings.append(cluster.id)
            if len(postings) > 2000:  # keep the recent end; very old clusters rarely matter
                del postings[:1000]

    def _agglomerate(
        self, units: list[Cluster], threshold: float, grace: float, tau: float, n_new: int
    ) -> tuple[dict[int, list[int]], dict[int, tuple[float, float]]]:
        """UPGMA over units until no pair reaches the threshold; the groups, and each new unit's
        deciding (similarity, gap in days)."""
        u = len(units)
        sizes = np.array([max(c.n, 1) for c in units], dtype=np.float64)
        gram = _gram(units)
        lo = np.array([_ordinal(c.first) for c in units])
        hi = np.array([_ordinal(c.last) for c in units])
        gaps = _gaps(lo, hi, lo, hi)
        sim = gram / np.outer(sizes, sizes) * _decays(gaps, grace, tau)
        np.fill_diagonal(sim, -np.inf)
        # Two existing clusters were compared when they were made; only pairs with a new unit
        # (or with a cluster that grew in this batch) can newly reach the threshold.
        old = np.arange(u) >= n_new
        sim[np.ix_(old, old)] = -np.inf
        best: dict[int, tuple[float, float]] = {}
        for i in range(min(n_new, u)):
            j = int(np.argmax(sim[i])) if u > 1 else i
            best[i] = (max(0.0, float(sim[i, j])) if u > 1 else 0.0, float(gaps[i, j]))
        groups: dict[int, list[int]] = {i: [i] for i in range(u)}
        placed: set[int] = set()
        alive = np.ones(u, dtype=bool)
        while u > 1:
            i, j = divmod(int(np.argmax(sim)), u)
            if sim[i, j] < threshold:
                break
            if j < i:
                i, j = j, i
            # Who decided: each new unit records the similarity of its first merge.
            value, gap = float(sim[i, j]), float(gaps[i, j])
            for k in (*groups[i], *groups[j]):
                if k < n_new and k not in placed:
                    best[k] = (value, gap)
                    placed.add(k)
            groups[i].extend(groups.pop(j))
            gram[i, :] += gram[j, :]
            gram[:, i] += gram[:, j]
            sizes[i] += sizes[j]
            lo[i], hi[i] = np.fmin(lo[i], lo[j]), np.fmax(hi[i], hi[j])
            row_gaps = _gaps(lo[i : i + 1], hi[i : i + 1], lo, hi)[0]
            gaps[i, :] = gaps[:, i] = row_gaps
            row = gram[i, :] / (sizes[i] * sizes) * _decays(row_gaps, grace, tau)
            alive[j] = False
            row[~alive] = -np.inf
            sim[i, :] = sim[:, i] = row
            sim[j, :] = -np.inf
            sim[:, j] = -np.inf
            sim[i, i] = -np.inf
        return groups, best


def _apart(span: tuple[dt.date | None, dt.date | None], cluster: Cluster) -> float:
    if span[0] is None or span[1] is None or cluster.first is None or cluster.last is None:
        return 0.0
    return float(max(0, (cluster.first - span[1]).days, (span[0] - cluster.last).days))


def _ordinal(date: dt.date | None) -> float:
    return float(date.toordinal()) if date is not None else np.nan


def _gaps(
    lo_a: npt.NDArray[np.float64],
    hi_a: npt.NDArray[np.float64],
    lo_b: npt.NDArray[np.float64],
    hi_b: npt.NDArray[np.float64],
) -> npt.NDArray[np.float64]:
    """Days between date ranges (rows a, columns b); 0 where either is undated or they meet."""
    with np.errstate(invalid="ignore"):
        gap = np.maximum(lo_b[None, :] - hi_a[:, None], lo_a[:, None] - hi_b[None, :])
    return np.nan_to_num(np.maximum(gap, 0.0), nan=0.0)


def _decays(gaps: npt.NDArray[np.float64], grace: float, tau: float) -> npt.NDArray[np.float64]:
    return np.exp(-np.maximum(0.0, gaps - grace) / tau)


def _gram(units: list[Cluster]) -> npt.NDArray[np.float64]:
    """Dot products of the units' summed vectors."""
    all_ids = np.concatenate([c.total.ids for c in units]) if units else np.zeros(0, np.int64)
    if all_ids.size == 0:
        return np.zeros((len(units), len(units)))
    vocab, inverse = np.unique(all_ids, return_inverse=True)
    rows = np.repeat(np.arange(len(units)), [c.total.ids.size for c in units])
    vals = np.concatenate([c.total.vals for c in units])
    matrix = sp.csr_matrix((vals, (rows, inverse)), shape=(len(units), vocab.size))
    return np.asarray((matrix @ matrix.T).toarray(), dtype=np.float64)


def _widen(
    first: dt.date | None, last: dt.date | None, date: dt.date | None
) -> tuple[dt.date | None, dt.date | None]:
    if date is None:
        return first, last
    return (min(first, date) if first else date, max(last, date) if last else date)
