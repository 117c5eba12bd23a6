"""How specific a term is to a storyline: names that many unrelated events share weigh less.

Two events are one storyline when they share what is particular to them: "Comey" and "memos",
"magnitude" and "epicentre", not "Trump", "President" and "White House", which a month of US
news puts in every other event. The general-language IDF of the features cannot tell those
apart ("Trump" is rarer in general English than "earthquake" is common in news), so the
storyline level also counts, over the events of the store, how many hold a term among their top
terms (its event frequency), and a term held by more events than one storyline usually has is
weighed down in proportion. The events' own vectors never change: the weighting is applied
when storylines are compared, from the counts of that moment.

A store of a handful of events cannot tell that way what is common: with eight events, a name
seven of them hold is at most 7/E over the limit. So the storyline level also counts how many of
the store's articles hold each term (its document frequency, as a TF-IDF baseline does): a term
held by more than a share of them is common to the folder, not particular to a storyline. That
count only speaks once the store holds several events (a folder of one storyline's events holds
its own names in every article), so it is phased in with the number of events.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from newsprism.cluster.index import TermIndex
from newsprism.cluster.vectors import Vector

__all__ = ["CountingIndex", "DocumentCounts", "Rarity", "shared_terms", "specific"]

Span = tuple[dt.date | None, dt.date | None]


class CountingIndex(TermIndex):
    """A term index that also counts, for each term, the clusters holding it in their top."""

    def __init__(self, terms: int, bucket_days: int | None, count_terms: int) -> None:
        super().__init__(terms, bucket_days)
        self.count_terms = count_terms
        self.frequency: npt.NDArray[np.int64] = np.zeros(0, dtype=np.int64)
        self._counted: dict[str, npt.NDArray[np.int64]] = {}

    def put(self, cid: str, vector: Vector, span: Span) -> None:
        """Index a cluster and count its top terms (replacing what it counted before)."""
        super().put(cid, vector, span)
        ids, _ = vector.top_terms(self.count_terms)
        old = self._counted.get(cid)
        if old is not None and np.array_equal(old, ids):
            return
        if old is not None:
            np.subtract.at(self.frequency, old, 1)
        if ids.size and int(ids.max()) >= self.frequency.size:
            grown = np.zeros(max(int(ids.max()) + 1, 2 * self.frequency.size), dtype=np.int64)
            grown[: self.frequency.size] = self.frequency
            self.frequency = grown
        np.add.at(self.frequency, ids, 1)
        self._counted[cid] = ids

    def drop(self, cid: str) -> None:
        """Forget a cluster and its counts."""
        super().drop(cid)
        old = self._counted.pop(cid, None)
        if old is not None:
            np.subtract.at(self.frequency, old, 1)

    @property
    def held(self) -> int:
        """How many clusters are counted."""
        return len(self._counted)

    def counts(self, ids: npt.NDArray[np.int64]) -> npt.NDArray[np.float64]:
        """The event frequency of each term id (0 for terms no cluster holds in its top)."""
        found = np.zeros(ids.size, dtype=np.float64)
        inside = ids < self.frequency.size
        found[inside] = self.frequency[ids[inside]]
        return found


class DocumentCounts:
    """How many articles hold each term, kept up to date as articles come and go."""

    def __init__(self) -> None:
        self.n = 0.0
        self.frequency: npt.NDArray[np.float64] = np.zeros(0, dtype=np.float64)

    def add(self, ids: npt.NDArray[np.int64], articles: float = 1.0) -> None:
        """Count ``articles`` articles holding the terms ``ids`` (negative to take them out)."""
        self.n = max(0.0, self.n + articles)
        if not ids.size:
            return
        if int(ids.max()) >= self.frequency.size:
            grown = np.zeros(max(int(ids.max()) + 1, 2 * self.frequency.size), dtype=np.float64)
            grown[: self.frequency.size] = self.frequency
            self.frequency = grown
        self.frequency[ids] = np.maximum(0.0, self.frequency[ids] + articles)

    def counts(self, ids: npt.NDArray[np.int64]) -> npt.NDArray[np.float64]:
        """The document frequency of each term id (0 for terms no article holds)."""
        found = np.zeros(ids.size, dtype=np.float64)
        inside = ids < self.frequency.size
        found[inside] = self.frequency[ids[inside]]
        return found


@dataclass(frozen=True, slots=True)
class Rarity:
    """How the storyline level weighs terms down (see the ClusterConfig fields of these names)."""

    events: float
    power: float
    common_share: float
    common_floor: float
    common_power: float
    common_events: float


def specific(
    vector: Vector, index: CountingIndex, rarity: Rarity, documents: DocumentCounts | None = None
) -> Vector:
    """The vector with each term weighed by how particular it is, same norm.

    A term held by more events than ``rarity.events`` weighs min(1, events / frequency) ** power;
    with ``documents``, one held by more articles than ``max(common_share * articles,
    common_floor)`` also weighs (that / document frequency) ** common_power, fully once the
    store holds twice ``common_events`` events and not at all up to ``common_events``. Keeping
    the norm keeps a cluster's cohesion (the average-link scale): only the balance between its
    terms moves, from those every event holds to those that are its own.
    """
    if not vector.ids.size:
        return vector
    counts = index.counts(vector.ids)
    factor = np.minimum(1.0, rarity.events / np.maximum(counts, 1.0)) ** rarity.power
    ramp = (index.held - rarity.common_events) / max(rarity.common_events, 1.0)
    if documents is not None and documents.n > 0 and ramp > 0:
        limit = max(rarity.common_share * documents.n, rarity.common_floor)
        held = np.maximum(documents.counts(vector.ids), 1.0)
        common = np.minimum(1.0, limit / held) ** rarity.common_power
        factor = factor * common ** min(1.0, ramp)
    weighed = vector.vals * factor
    norm = float(np.linalg.norm(weighed))
    if norm <= 0:
        return vector
    return Vector(vector.ids, weighed * (float(np.linalg.norm(vector.vals)) / norm))


def shared_terms(a: Vector, b: Vector, k: int) -> list[tuple[int, float]]:
    """The k term ids contributing most to the dot product of two vectors, with their share."""
    shared, ia, ib = np.intersect1d(a.ids, b.ids, assume_unique=True, return_indices=True)
    if not shared.size:
        return []
    parts = a.vals[ia] * b.vals[ib]
    total = float(parts.sum())
    if total <= 0:
        return []
    order = np.argsort(-parts, kind="stable")[:k]
    return [(int(shared[i]), float(parts[i] / total)) for i in order if parts[i] > 0]
