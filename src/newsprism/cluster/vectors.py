"""Sparse term vectors over a growing vocabulary, and the sums and dot products clustering needs.

An article is a unit vector; an event or storyline keeps the exact sum of its articles' vectors,
so the average cosine between two clusters (average linkage) is the dot product of their sums
divided by both sizes, with no member kept in the computation.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

__all__ = ["Vector", "Vocabulary", "gram", "matrix", "total", "unit"]

Ids = npt.NDArray[np.int64]
Vals = npt.NDArray[np.float64]


@dataclass(slots=True)
class Vector:
    """A sparse vector: sorted term ids and their weights."""

    ids: Ids
    vals: Vals

    @classmethod
    def empty(cls) -> Vector:
        """The zero vector."""
        return cls(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64))

    def plus(self, other: Vector, sign: float = 1.0) -> Vector:
        """The sum (or with ``sign`` -1 the difference) of two vectors."""
        return total([self, other], (1.0, sign))

    def top(self, k: int) -> Vector:
        """The k heaviest terms (all of them when there are fewer)."""
        if self.ids.size <= k:
            return self
        keep = np.sort(np.argpartition(-self.vals, k)[:k])
        return Vector(self.ids[keep], self.vals[keep])

    def trim(self, k: int) -> Vector:
        """The k terms of largest weight in absolute value, for bounding a growing sum."""
        if self.ids.size <= k:
            return self
        keep = np.sort(np.argpartition(-np.abs(self.vals), k)[:k])
        return Vector(self.ids[keep], self.vals[keep])

    def top_terms(self, k: int) -> tuple[Ids, Vals]:
        """Ids and weights of the k heaviest terms, heaviest first (ties: smaller id first)."""
        idx = np.arange(self.ids.size)
        if self.ids.size > k:
            idx = np.sort(np.argpartition(-self.vals, k)[:k])
        order = idx[np.argsort(-self.vals[idx], kind="stable")]
        return self.ids[order], self.vals[order]

    def dot(self, other: Vector) -> float:
        """The dot product of two vectors."""
        shared, ia, ib = np.intersect1d(
            self.ids, other.ids, assume_unique=True, return_indices=True
        )
        return float(self.vals[ia] @ other.vals[ib]) if shared.size else 0.0


def total(vectors: Sequence[Vector], signs: Sequence[float] | None = None) -> Vector:
    """The sum of many vectors at once (each times its sign when signs are given)."""
    if not vectors:
        return Vector.empty()
    if len(vectors) == 1 and (signs is None or signs[0] == 1.0):
        return vectors[0]  # vectors are never changed in place: sharing is safe
    ids = np.concatenate([v.ids for v in vectors])
    if signs is None:
        vals = np.concatenate([v.vals for v in vectors])
    else:
        vals = np.concatenate([v.vals * s for v, s in zip(vectors, signs, strict=True)])
    unique, inverse = np.unique(ids, return_inverse=True)
    summed = np.bincount(inverse, weights=vals, minlength=unique.size)
    # Subtraction leaves float dust where a term's weight cancels: drop it.
    keep = np.abs(summed) > 1e-12
    return Vector(unique[keep].astype(np.int64), summed[keep].astype(np.float64))


def unit(vector: Vector) -> Vector:
    """The vector scaled to length 1 (the zero vector stays zero)."""
    norm = float(np.linalg.norm(vector.vals))
    return Vector(vector.ids, vector.vals / norm) if norm > 0 else vector


def matrix(vectors: Sequence[Vector]) -> sp.csr_matrix:
    """The vectors as the rows of a sparse matrix over a compact local vocabulary."""
    if not vectors:
        return sp.csr_matrix((0, 0))
    ids = np.concatenate([v.ids for v in vectors])
    vocab, columns = np.unique(ids, return_inverse=True)
    indptr = np.zeros(len(vectors) + 1, dtype=np.int64)
    np.cumsum([v.ids.size for v in vectors], out=indptr[1:])
    vals = np.concatenate([v.vals for v in vectors])
    return sp.csr_matrix((vals, columns, indptr), shape=(len(vectors), max(vocab.size, 1)))


def gram(
    vectors: Sequence[Vector], others: Sequence[Vector] | None = None
) -> npt.NDArray[np.float64]:
    """Dot products of every vector with every other (or with each of ``others``), dense."""
    if others is None:
        m = matrix(vectors)
        return np.asarray((m @ m.T).toarray(), dtype=np.float64)
    m = matrix([*vectors, *others])
    a, b = m[: len(vectors)], m[len(vectors) :]
    return np.asarray((a @ b.T).toarray(), dtype=np.float64)


class Vocabulary:
    """Term strings and their integer ids; terms starting with ``masked`` can be left out."""

    def __init__(self, masked: str = "") -> None:
        self.ids: dict[str, int] = {}
        self.terms: list[str] = []
        self.masked = masked
        self._flags: list[bool] = []
        self._mask = np.zeros(0, dtype=bool)

    def unmasked(self, vector: Vector) -> Vector:
        """The vector without its masked terms."""
        if not self.masked:
            return vector
        if self._mask.size != len(self._flags):
            self._mask = np.array(self._flags, dtype=bool)
        drop = self._mask[vector.ids]
        if not drop.any():
            return vector
        return Vector(vector.ids[~drop], vector.vals[~drop])

    def vector(self, weights: dict[str, float]) -> Vector:
        """A term -> weight mapping as a sparse vector."""
        if not weights:
            return Vector.empty()
        ids = np.fromiter((self._id(t) for t in weights), dtype=np.int64, count=len(weights))
        vals = np.fromiter(weights.values(), dtype=np.float64, count=len(weights))
        order = np.argsort(ids)
        return Vector(ids[order], vals[order])

    def weights(self, vector: Vector) -> dict[str, float]:
        """A sparse vector back as term -> weight."""
        return {self.terms[i]: float(v) for i, v in zip(vector.ids, vector.vals, strict=True)}

    def _id(self, term: str) -> int:
        found = self.ids.get(term)
        if found is None:
            found = self.ids[term] = len(self.terms)
            self.terms.append(term)
            self._flags.append(bool(self.masked) and term.startswith(self.masked))
        return found
