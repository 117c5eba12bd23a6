"""An incremental index of article sketches that groups copies and reprints of one text.

Three ways two articles count as one text: the same normalised words (exact), a MinHash Jaccard
estimate over :data:`JACCARD_MIN` (found through LSH buckets), or a shorter text whose sampled
shingles mostly occur in the longer one, over :data:`CONTAINMENT_MIN` (found through an inverted
index of the samples): an outlet that prints the first half of a wire story and adds its own
paragraphs is caught by the last. Linked articles form a syndication group; its original is the
wire agency's own copy when there is one, else the earliest dated member.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from newsprism.dedup.postings import Keys, Postings
from newsprism.dedup.shingles import (
    NUM_PERM,
    Hashes,
    containment,
    decode,
    encode,
    exact_hash,
    jaccard,
    minhash,
    mix,
    sample,
    shingle_hashes,
    words,
)
from newsprism.records import Article, SyndicationGroup
from newsprism.store import Store

__all__ = [
    "CONTAINMENT_MIN",
    "JACCARD_MIN",
    "DedupIndex",
    "Sketch",
    "duplicate_score",
    "is_duplicate",
    "sketch",
]

JACCARD_MIN = 0.5
"""Near-duplicate Jaccard floor. Wire copies with an outlet's own edits score 0.5-1.0 on ECB+
(e.g. its AP copies of one Klitschko fight report, 0.75); different texts there score 0.1 at
most."""

CONTAINMENT_MIN = 0.3
"""Partial-reprint floor: this share of the shorter text's shingles occurs in the other. Reports
of different texts share at most 0.11 on ECB+ (982 articles, all pairs LSH or the sample index
proposes) and 0.03 on NewsWCL50; an outlet printing half of a wire story and as much of its own
shares about 0.45."""

MIN_SAMPLES = 6
"""A text needs this many sampled shingles (about 24 shingles, 30 words) before containment is
trusted: a two-line brief is contained in many long articles by chance."""

BANDS, ROWS = 16, 4
"""LSH banding of the 64-value signature: pairs at Jaccard 0.5 share a band with probability
0.65, at 0.7 with 0.99, at 0.2 with 0.03."""

COMMON_SAMPLE = 64
"""A sampled shingle held by more articles than this is boilerplate (a copyright line, a
newsletter pitch) and is not used to find candidates."""

SKETCH_KIND = "dedup.sketches"
GROUP_KIND = "dedup.group"

assert BANDS * ROWS == NUM_PERM


@dataclass(frozen=True, slots=True)
class Sketch:
    """What dedup keeps of one article: hashes of its text and what picks an original."""

    doc_id: str
    exact: str
    signature: str
    """The MinHash signature, base64 (see :func:`newsprism.dedup.shingles.encode`)."""
    samples: str
    """The sampled shingle hashes, sorted, base64."""
    words: int
    date: dt.date | None = None
    outlet: str | None = None
    wire_agency: str | None = None


def sketch(article: Article) -> Sketch:
    """The sketch of an article's cleaned body (its headline left out: outlets rewrite it)."""
    tokens = words(article.body_text)
    hashes = shingle_hashes(tokens)
    return Sketch(
        article.doc_id,
        exact_hash(tokens),
        encode(minhash(hashes)),
        encode(sample(hashes)),
        len(tokens),
        article.published.date,
        article.outlet,
        article.wire_agency,
    )


def duplicate_score(a: Sketch, b: Sketch) -> tuple[str, float]:
    """How strongly two sketches are one text: (``exact``|``jaccard``|``containment``, score)."""
    if a.exact == b.exact and a.words:
        return "exact", 1.0
    j = jaccard(decode(a.signature), decode(b.signature))
    sa, sb = decode(a.samples), decode(b.samples)
    c = containment(sa, sb) if min(sa.size, sb.size) >= MIN_SAMPLES else 0.0
    return ("jaccard", j) if j >= c else ("containment", c)


def is_duplicate(kind: str, score: float) -> bool:
    """True when a :func:`duplicate_score` says the two texts are one."""
    if kind == "exact":
        return True
    return score >= (JACCARD_MIN if kind == "jaccard" else CONTAINMENT_MIN)


def _is_agency_copy(s: Sketch) -> bool:
    # "TASS" carrying a TASS story, "AFP" its own wire: the agency's copy is the original.
    if not s.wire_agency or not s.outlet:
        return False
    return s.wire_agency.lower() in s.outlet.lower() or s.outlet.lower() in s.wire_agency.lower()


def _original_key(s: Sketch) -> tuple[int, dt.date, str]:
    return (0 if _is_agency_copy(s) else 1, s.date or dt.date.max, s.doc_id)


class DedupIndex:
    """Sketches of every article seen, their LSH buckets, and the syndication groups."""

    def __init__(self) -> None:
        self.sketches: dict[str, Sketch] = {}
        self._docs: list[str] = []
        """Article numbers (what the postings hold) to doc ids."""
        self._sampled = np.zeros(1024, dtype=np.int32)
        """Samples of each article, by number (grown by doubling)."""
        self._exact = Postings()
        self._buckets = Postings()
        self._samples = Postings()
        # Union-find over the articles that have a copy; an article alone is in neither map.
        self._parent: dict[str, str] = {}
        self._members: dict[str, list[str]] = {}
        self._group_id: dict[str, str] = {}
        self._best: dict[str, float] = {}
        self._dropped: list[str] = []

    # ---------------------------------------------------------------------------------------
    # loading and saving

    @classmethod
    def load(cls, store: Store) -> DedupIndex:
        """The index as the store holds it (sketches and groups of earlier batches)."""
        index = cls()
        for key in store.record_keys(SKETCH_KIND):
            for s in store.get_records(SKETCH_KIND, key, Sketch):
                index._insert(s)
        for key in store.record_keys(GROUP_KIND):
            for group in store.get_records(GROUP_KIND, key, SyndicationGroup):
                first = group.members[0]
                for member in group.members[1:]:
                    index._union(first, member)
                index._group_id[index._find(first)] = group.id
                index._best.update(dict(group.scores))
        return index

    def add(
        self, articles: Sequence[Article], store: Store | None = None
    ) -> list[SyndicationGroup]:
        """Sketch new articles, link them to the copies they are of; the groups that changed."""
        fresh = [sketch(a) for a in articles if a.doc_id not in self.sketches]
        changed: set[str] = set()
        self._dropped = []
        for s in fresh:
            links = self.candidates(s)
            self._insert(s)
            for other, kind, score in links:
                if is_duplicate(kind, score):
                    self._best[s.doc_id] = max(self._best.get(s.doc_id, 0.0), score)
                    self._best[other] = max(self._best.get(other, 0.0), score)
                    changed.add(self._union(other, s.doc_id))
        roots = {self._find(r) for r in changed}
        groups = [self.group(r) for r in sorted(roots)]
        if store is not None and fresh:
            store.put_records(SKETCH_KIND, f"{fresh[0].doc_id}+{len(fresh)}", fresh)
            for gone in self._dropped:
                store.delete_records(GROUP_KIND, gone)
            for group in groups:
                store.put_records(GROUP_KIND, group.id, [group])
        return groups

    # ---------------------------------------------------------------------------------------
    # queries

    def candidates(self, s: Sketch) -> list[tuple[str, str, float]]:
        """Indexed articles that may be copies of ``s``, each with its duplicate score."""
        numbers = set(self._exact.lookup(_exact_key(s.exact)).tolist())
        numbers.update(self._buckets.lookup(_band_keys(decode(s.signature))).tolist())
        keys = _sample_keys(s)
        holders, shared = np.unique(self._samples.lookup(keys, COMMON_SAMPLE), return_counts=True)
        # Containment is shared samples over the shorter text's: an article sharing under half
        # of what CONTAINMENT_MIN needs (boilerplate left out of the count) cannot be a reprint,
        # and fewer than MIN_SAMPLES / 2 cannot reach it on a text long enough to be scored.
        sampled = np.minimum(self._sampled[holders], keys.size)
        needed = np.maximum(MIN_SAMPLES // 2, 0.5 * CONTAINMENT_MIN * sampled)
        numbers.update(holders[shared >= needed].tolist())
        found = {self._docs[d] for d in numbers}
        found.discard(s.doc_id)
        result = []
        for other in sorted(found):
            kind, score = duplicate_score(s, self.sketches[other])
            result.append((other, kind, round(score, 4)))
        return result

    def grouped(self, doc_id: str) -> bool:
        """True when the article has a known copy (it is in a syndication group)."""
        return doc_id in self._parent

    def group_of(self, doc_id: str) -> SyndicationGroup | None:
        """The syndication group of an article, or None when it has no known copy."""
        if doc_id not in self._parent:
            return None
        return self.group(self._find(doc_id))

    def groups(self) -> list[SyndicationGroup]:
        """Every syndication group of two or more articles."""
        return [self.group(r) for r in sorted(self._members)]

    def group(self, root: str) -> SyndicationGroup:
        """The group whose union-find root is ``root``."""
        members = sorted(self._members[root], key=lambda d: _original_key(self.sketches[d]))
        original = members[0]
        gid = self._group_id.setdefault(root, f"syn-{min(members)[:12]}")
        scores = tuple((m, self._best.get(m, 0.0)) for m in members)
        return SyndicationGroup(gid, original, tuple(members), scores)

    # ---------------------------------------------------------------------------------------
    # internals

    def _insert(self, s: Sketch) -> None:
        self.sketches[s.doc_id] = s
        if not s.words:
            return
        number = len(self._docs)
        self._docs.append(s.doc_id)
        keys = _sample_keys(s)
        if number >= self._sampled.size:
            self._sampled = np.concatenate([self._sampled, np.zeros_like(self._sampled)])
        self._sampled[number] = keys.size
        self._exact.add(_exact_key(s.exact), number)
        self._buckets.add(_band_keys(decode(s.signature)), number)
        self._samples.add(keys, number)

    def _find(self, doc_id: str) -> str:
        parent = self._parent
        root = doc_id
        while parent.get(root, root) != root:
            root = parent[root]
        while parent.get(doc_id, doc_id) != root:  # path compression
            parent[doc_id], doc_id = root, parent[doc_id]
        return root

    def _union(self, a: str, b: str) -> str:
        ra, rb = self._find(a), self._find(b)
        if ra == rb:
            return ra
        # The older group (it has an id already, or the smaller root) absorbs the other.
        if (rb in self._group_id and ra not in self._group_id) or (
            (ra in self._group_id) == (rb in self._group_id) and rb < ra
        ):
            ra, rb = rb, ra
        self._parent.setdefault(ra, ra)
        self._parent[rb] = ra
        self._members.setdefault(ra, [ra]).extend(self._members.pop(rb, [rb]))
        for member in self._members[ra]:
            self._parent.setdefault(member, ra)
        gone = self._group_id.pop(rb, None)
        if gone:
            self._dropped.append(gone)
        return ra


def _exact_key(exact: str) -> Keys:
    return np.array([int(exact[:16], 16)], dtype=np.uint64)


def _sample_keys(s: Sketch) -> Keys:
    return decode(s.samples).astype(np.uint64)


_BAND_PRIME = np.uint64(0x100000001B3)


def _band_keys(signature: Hashes) -> Keys:
    """One 64-bit key per LSH band: its number and rows, mixed (equal bands, equal keys)."""
    rows = signature.reshape(BANDS, ROWS).astype(np.uint64)
    keys = np.arange(BANDS, dtype=np.uint64)
    for r in range(ROWS):
        keys = keys * _BAND_PRIME + rows[:, r]
    return mix(keys)
