"""Word shingles of an article's cleaned body, and the sketches built from them.

A sketch holds three views of one text: an exact hash of its normalised words, a MinHash
signature (Jaccard similarity, banded for LSH), and a fixed-rate sample of its shingle hashes
(containment, for partial reprints). Hashes are CRC-32 of the shingle's words, so sketches are
the same in every process and can be stored.
"""

from __future__ import annotations

import hashlib
import re
import zlib

import numpy as np
import numpy.typing as npt

__all__ = [
    "NUM_PERM",
    "SAMPLE_RATE",
    "SHINGLE",
    "containment",
    "exact_hash",
    "jaccard",
    "minhash",
    "sample",
    "shingle_hashes",
    "words",
]

SHINGLE = 5
"""Words per shingle: long enough that independent reports of one event share few (NewsWCL50's
outlets share at most 3% of them), short enough that an edited reprint keeps most of its
wire copy's."""

NUM_PERM = 64
"""MinHash permutations: the Jaccard estimate's standard error is about 0.06 at 64."""

SAMPLE_RATE = 4
"""One shingle hash in SAMPLE_RATE is kept for containment (by value, so two texts keep the same
shingles): a 300-word wire story keeps about 75."""

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_RNG = np.random.default_rng(20200914)  # fixed: stored signatures must stay comparable
_SEEDS = _RNG.integers(0, 1 << 63, size=NUM_PERM, dtype=np.uint64)
_M1, _M2 = np.uint64(0xBF58476D1CE4E5B9), np.uint64(0x94D049BB133111EB)

Hashes = npt.NDArray[np.uint64]


def words(text: str) -> list[str]:
    """Lower-case word tokens, apostrophes folded, punctuation dropped."""
    return [w.replace("’", "'") for w in _WORD.findall(text.lower())]


def exact_hash(tokens: list[str]) -> str:
    """SHA-1 of the normalised words: equal for texts that differ only in spacing or case."""
    return hashlib.sha1(" ".join(tokens).encode("utf-8")).hexdigest()[:20]


def shingle_hashes(tokens: list[str], k: int = SHINGLE) -> Hashes:
    """The distinct CRC-32 hashes of the text's k-word shingles (one shingle if shorter)."""
    if not tokens:
        return np.zeros(0, dtype=np.uint64)
    if len(tokens) < k:
        k = len(tokens)
    found = {
        zlib.crc32(" ".join(tokens[i : i + k]).encode("utf-8")) for i in range(len(tokens) - k + 1)
    }
    return np.fromiter(sorted(found), dtype=np.uint64, count=len(found))


def minhash(hashes: Hashes) -> tuple[int, ...]:
    """The MinHash signature of a shingle set (one seeded 64-bit mixer per permutation)."""
    if hashes.size == 0:
        return (0,) * NUM_PERM
    # splitmix64's finaliser on hash XOR seed: a full-avalanche mix, so each seed orders the
    # shingles independently (a linear a * h + b without wrap-around would keep h's order).
    x = hashes[None, :] ^ _SEEDS[:, None]
    x ^= x >> np.uint64(30)
    x *= _M1  # uint64 products wrap modulo 2^64, as the mixer intends
    x ^= x >> np.uint64(27)
    x *= _M2
    x ^= x >> np.uint64(31)
    return tuple(int(v) >> 32 for v in x.min(axis=1))


def sample(hashes: Hashes) -> tuple[int, ...]:
    """The shingle hashes kept for containment: those divisible by SAMPLE_RATE."""
    return tuple(int(h) for h in hashes[hashes % np.uint64(SAMPLE_RATE) == 0])


def jaccard(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """Estimated Jaccard similarity of two texts from their MinHash signatures."""
    if not a or len(a) != len(b):
        return 0.0
    return sum(x == y for x, y in zip(a, b, strict=True)) / len(a)


def containment(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """Estimated share of the shorter text's shingles found in the other (symmetric)."""
    if not a or not b:
        return 0.0
    shared = len(set(a).intersection(b))
    return shared / min(len(set(a)), len(set(b)))
