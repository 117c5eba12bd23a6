"""Word shingles of an article's cleaned body, and the sketches built from them.

A sketch holds three views of one text: an exact hash of its normalised words, a MinHash
signature (Jaccard similarity, banded for LSH), and a fixed-rate sample of its shingle hashes
(containment, for partial reprints). Each word is hashed once (CRC-32) and a shingle's hash
mixes its words' hashes, so sketches are the same in every process and can be stored; signature
and samples are kept as base64 text of 32-bit values, a few hundred bytes per article.
"""

from __future__ import annotations

import base64
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
    "decode",
    "encode",
    "exact_hash",
    "jaccard",
    "minhash",
    "mix",
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
_PRIME = np.uint64(0x100000001B3)

Hashes = npt.NDArray[np.uint32]


def words(text: str) -> list[str]:
    """Lower-case word tokens, apostrophes folded, punctuation dropped."""
    return [w.replace("’", "'") for w in _WORD.findall(text.lower())]


def exact_hash(tokens: list[str]) -> str:
    """SHA-1 of the normalised words: equal for texts that differ only in spacing or case."""
    return hashlib.sha1(" ".join(tokens).encode("utf-8")).hexdigest()[:20]


def mix(x: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
    """splitmix64's finaliser: a full-avalanche mix of 64-bit values (products wrap)."""
    x = x ^ (x >> np.uint64(30))
    x = x * _M1
    x = x ^ (x >> np.uint64(27))
    x = x * _M2
    return x ^ (x >> np.uint64(31))


def shingle_hashes(tokens: list[str], k: int = SHINGLE) -> Hashes:
    """The distinct 32-bit hashes of the text's k-word shingles (one shingle if shorter)."""
    if not tokens:
        return np.zeros(0, dtype=np.uint32)
    k = min(k, len(tokens))
    word = np.fromiter(
        (zlib.crc32(t.encode("utf-8")) for t in tokens), dtype=np.uint64, count=len(tokens)
    )
    n = len(tokens) - k + 1
    x = np.zeros(n, dtype=np.uint64)
    for j in range(k):  # a polynomial over the shingle's word hashes, in word order
        x = x * _PRIME + word[j : j + n]
    return np.unique((mix(x) >> np.uint64(32)).astype(np.uint32))


def minhash(hashes: Hashes) -> Hashes:
    """The MinHash signature of a shingle set (one seeded 64-bit mixer per permutation)."""
    if hashes.size == 0:
        return np.zeros(NUM_PERM, dtype=np.uint32)
    mixed = mix(hashes.astype(np.uint64)[None, :] ^ _SEEDS[:, None])
    signature: Hashes = (mixed.min(axis=1) >> np.uint64(32)).astype(np.uint32)
    return signature


def sample(hashes: Hashes) -> Hashes:
    """The shingle hashes kept for containment: those divisible by SAMPLE_RATE."""
    kept: Hashes = hashes[hashes % np.uint32(SAMPLE_RATE) == 0]
    return kept


def encode(values: Hashes) -> str:
    """32-bit values as base64 text (big-endian), as sketches store them."""
    return base64.b64encode(values.astype(">u4").tobytes()).decode("ascii")


def decode(text: str) -> Hashes:
    """The values :func:`encode` wrote."""
    values: Hashes = np.frombuffer(base64.b64decode(text), dtype=">u4").astype(np.uint32)
    return values


def jaccard(a: Hashes, b: Hashes) -> float:
    """Estimated Jaccard similarity of two texts from their MinHash signatures."""
    if a.size == 0 or a.size != b.size:
        return 0.0
    return float(np.count_nonzero(a == b)) / a.size


def containment(a: Hashes, b: Hashes) -> float:
    """Estimated share of the shorter text's shingles found in the other (sorted samples)."""
    if a.size == 0 or b.size == 0:
        return 0.0
    shared = np.intersect1d(a, b, assume_unique=True).size
    return shared / min(a.size, b.size)
