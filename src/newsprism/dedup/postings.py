"""A compact multimap from 64-bit keys to article numbers, for the dedup indexes.

Postings go into a small buffer; a full buffer becomes a sorted run (keys and values in two
numpy arrays, 12 bytes a posting), and runs of similar size merge, as in a log-structured merge
tree, so that there are about log2(postings / buffer) runs and each posting is copied as many
times. A lookup is a binary search in each run. A dict of lists would take ten times the memory
at 100,000 articles and a hundred postings each.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

__all__ = ["Postings"]

Keys = npt.NDArray[np.uint64]
Values = npt.NDArray[np.int32]

BUFFER = 1 << 12
"""Postings held unsorted before they become a run. Unsorted, a posting is a Python int in a
list under its key (about 130 bytes, ten times its place in a run): at 65,536 the three
indexes of :class:`~newsprism.dedup.DedupIndex` held 20 MB in their buffers alone once a run
had read some 1,500 articles (``bench/bench_memory.py``); at 4,096 they hold about 1.5 MB, at
the cost of a few more runs to search (about log2(postings / 4,096), 7 at 400,000)."""


class Postings:
    """Keys to the article numbers that hold them, in insertion order per key."""

    def __init__(self) -> None:
        self._runs: list[tuple[Keys, Values]] = []
        self._recent: dict[int, list[int]] = {}
        self._pending = 0

    def __len__(self) -> int:
        return self._pending + sum(keys.size for keys, _ in self._runs)

    def add(self, keys: Keys, value: int) -> None:
        """Post ``value`` under each of ``keys``."""
        for key in keys.tolist():
            self._recent.setdefault(key, []).append(value)
        self._pending += keys.size
        if self._pending >= BUFFER:
            self._flush()

    def lookup(self, keys: Keys, limit: int = 0) -> Values:
        """Values posted under ``keys`` (once per key), skipping keys with over ``limit``."""
        if keys.size == 0:
            return np.zeros(0, dtype=np.int32)
        counts = np.zeros(keys.size, dtype=np.int64)
        spans: list[tuple[Values, npt.NDArray[np.int64], npt.NDArray[np.int64]]] = []
        for run_keys, run_values in self._runs:
            lo = np.searchsorted(run_keys, keys, side="left")
            hi = np.searchsorted(run_keys, keys, side="right")
            counts += hi - lo
            spans.append((run_values, lo, hi))
        recent = self._recent
        if recent:
            counts += np.array([len(recent.get(k, ())) for k in keys.tolist()], dtype=np.int64)
        keep = counts > 0
        if limit:
            keep &= counts <= limit
        found = [_gather(run_values, lo[keep], hi[keep]) for run_values, lo, hi in spans]
        if recent:
            held = [v for k in keys[keep].tolist() for v in recent.get(k, ())]
            found.append(np.array(held, dtype=np.int32))
        return np.concatenate(found) if found else np.zeros(0, dtype=np.int32)

    def _flush(self) -> None:
        keys = np.fromiter(
            (k for k, held in self._recent.items() for _ in held),
            dtype=np.uint64,
            count=self._pending,
        )
        values = np.fromiter(
            (v for held in self._recent.values() for v in held), dtype=np.int32, count=self._pending
        )
        order = np.argsort(keys, kind="stable")
        self._runs.append((keys[order], values[order]))
        self._recent, self._pending = {}, 0
        # Merge while the newest run is at least half the size of the one before it.
        while len(self._runs) > 1 and self._runs[-1][0].size * 2 >= self._runs[-2][0].size:
            (k2, v2), (k1, v1) = self._runs.pop(), self._runs.pop()
            self._runs.append(_merge(k1, v1, k2, v2))


def _gather(values: Values, lo: npt.NDArray[np.int64], hi: npt.NDArray[np.int64]) -> Values:
    """values[lo[0]:hi[0]], values[lo[1]:hi[1]], ... as one array."""
    lengths = hi - lo
    n = int(lengths.sum())
    if n == 0:
        return np.zeros(0, dtype=np.int32)
    starts = np.repeat(lo - np.cumsum(lengths) + lengths, lengths)
    gathered: Values = values[starts + np.arange(n)]
    return gathered


def _merge(k1: Keys, v1: Values, k2: Keys, v2: Values) -> tuple[Keys, Values]:
    """Two sorted runs as one, in linear time; on equal keys the older run's postings first."""
    where = np.searchsorted(k1, k2, side="right") + np.arange(k2.size)
    older = np.ones(k1.size + k2.size, dtype=bool)
    older[where] = False
    keys = np.empty(k1.size + k2.size, dtype=np.uint64)
    values = np.empty(k1.size + k2.size, dtype=np.int32)
    keys[where], values[where] = k2, v2
    keys[older], values[older] = k1, v1
    return keys, values
