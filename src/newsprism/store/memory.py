"""The in-memory twin of the SQLite store, for tests of the other stages."""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from newsprism.errors import NewsprismError
from newsprism.records import Article, Document
from newsprism.store.base import (
    MIN_PREFIX,
    ClosingContext,
    SearchHit,
    T,
    check_pair,
    digest_rows,
    pick,
    row_number,
    tokens,
)
from newsprism.store.codec import dumps, from_dict, loads, loads_list, to_dict
from newsprism.store.schema import check_records, index_field
from newsprism.store.search import (
    Filters,
    Phrase,
    Syntax,
    matches,
    occurrences,
    parse_query,
    positive_phrases,
)

__all__ = ["MemoryStore"]

_SNIPPET_TOKENS = 16


class MemoryStore(ClosingContext):
    """A store held in dicts, behaving like :class:`SQLiteStore` (search is simpler)."""

    def __init__(self) -> None:
        # Records are kept as JSON, as the SQLite store keeps them, so that a record that
        # would not survive the real store (a NaN, a non-JSON value) fails here too.
        self._documents: dict[str, str] = {}
        self._articles: dict[str, str] = {}  # insertion-ordered: the row order
        self._hashes: set[str] = set()
        self._records: dict[tuple[str, str], str] = {}  # insertion-ordered, like rowid
        self._stages: set[tuple[str, str]] = set()
        self._views: dict[str, tuple[str, str]] = {}  # key: (version, JSON)
        self._lock = threading.RLock()
        self._closed = False

    def __repr__(self) -> str:
        return f"MemoryStore(<{len(self._articles)} articles>)"

    def add(self, document: Document, article: Article) -> bool:
        """Store a document and its article together; False if it was already stored."""
        check_pair(document, article)
        # Encode both before changing anything, so a failure leaves the store as it was.
        doc_json, article_json = dumps(document), dumps(article)
        content_hash = document.provenance.content_hash
        with self._lock:
            self._check_open()
            if document.id in self._documents or (content_hash and content_hash in self._hashes):
                return False
            self._documents[document.id] = doc_json
            self._articles[article.doc_id] = article_json
            if content_hash:
                self._hashes.add(content_hash)
        return True

    def has(self, content_hash: str) -> bool:
        """True when a document with this content hash is stored."""
        with self._lock:
            self._check_open()
            return bool(content_hash) and content_hash in self._hashes

    def document(self, doc_id: str) -> Document | None:
        """The document with this id, or None."""
        with self._lock:
            self._check_open()
            text = self._documents.get(doc_id)
        return None if text is None else loads(Document, text)

    def article(self, key: str) -> Article:
        """The article for a doc id, a unique doc-id prefix or a 1-based row number."""
        key = key.strip()
        with self._lock:
            self._check_open()
            if key in self._articles:
                return loads(Article, self._articles[key])
            ids = list(self._articles)
            candidates = (
                sorted(i for i in ids if i.startswith(key)) if len(key) >= MIN_PREFIX else []
            )
            number = row_number(key)
            if number is not None and number <= len(ids):
                candidates.append(ids[number - 1])
            return loads(Article, self._articles[pick(key, candidates)])

    def articles(self) -> Iterator[Article]:
        """All articles in the order they were added."""
        with self._lock:
            self._check_open()
            # A snapshot, so that update_article during iteration is safe (as with SQLite).
            records = list(self._articles.values())
        for text in records:
            yield loads(Article, text)

    def count(self) -> int:
        """Number of stored articles."""
        with self._lock:
            self._check_open()
            return len(self._articles)

    def search(
        self,
        query: str,
        limit: int = 20,
        *,
        syntax: Syntax = "words",
        outlets: Sequence[str] = (),
        since: dt.date | None = None,
        until: dt.date | None = None,
    ) -> list[SearchHit]:
        """Articles matching ``query`` (as :meth:`SQLiteStore.search` reads it), scored by
        weighted term counts."""
        parsed = parse_query(query, syntax)
        if parsed is None or limit <= 0:
            return []
        wanted = Filters(tuple(outlets), since, until)
        phrases = positive_phrases(parsed)
        hits: list[SearchHit] = []
        for article in self.articles():
            if not wanted.keeps(article.outlet, article.published.date):
                continue
            columns = {"title": tokens(article.title), "body": tokens(article.body_text)}
            if not matches(parsed, columns):
                continue
            counts = [(len(occurrences(columns["title"], p)), len(occurrences(columns["body"], p)))
                      for p in phrases]  # fmt: skip
            # Title matches weigh double, as in the SQLite store's bm25 weights.
            score = float(sum(2 * t + b for t, b in counts))
            in_body = any(b for _, b in counts)
            text, marks = _snippet(article.body_text if in_body else article.title, phrases)
            hits.append(
                SearchHit(
                    article.doc_id,
                    article.title,
                    article.outlet,
                    article.published.date,
                    text,
                    score,
                    marks,
                )
            )
        # sorted() is stable, so equal scores keep insertion order, as in the SQLite store.
        return sorted(hits, key=lambda h: -h.score)[:limit]

    def update_article(self, article: Article) -> None:
        """Replace the article stored for ``article.doc_id``; E031 if there is none."""
        article_json = dumps(article)
        with self._lock:
            self._check_open()
            if article.doc_id not in self._articles:
                raise NewsprismError("E031", article.doc_id)
            self._articles[article.doc_id] = article_json

    def put_records(
        self, kind: str, key: str, records: Sequence[Any], *, doc_id: str | None = None
    ) -> None:
        """Store (replace) the records of ``kind`` under ``key``; ``doc_id`` is not needed here."""
        check_records(kind, records)
        payload = json.dumps([to_dict(r) for r in records], ensure_ascii=False, allow_nan=False)
        with self._lock:
            self._check_open()
            self._records.pop((kind, key), None)  # a replaced row moves to the end, as in SQLite
            self._records[(kind, key)] = payload

    def get_records(self, kind: str, key: str, cls: type[T]) -> list[T]:
        """The records of ``kind`` stored under ``key`` (empty when there are none)."""
        with self._lock:
            self._check_open()
            payload = self._records.get((kind, key))
        return loads_list(cls, payload) if payload else []

    def find_records(self, kind: str, values: Sequence[str], cls: type[T]) -> list[T]:
        """The records of ``kind`` whose indexed field holds one of ``values``, in the order
        stored (a scan here: the SQLite store reads only the rows holding them)."""
        field = index_field(kind)
        if field is None:
            raise TypeError(f"the store keeps no index for {kind!r}")
        keep = set(values)
        with self._lock:
            self._check_open()
            payloads = [p for (found, _), p in self._records.items() if found == kind]
        return [
            from_dict(cls, item)
            for payload in payloads
            for item in json.loads(payload)
            if str(item.get(field)) in keep
        ]

    def index_values(self, kind: str, keys: Sequence[str]) -> dict[str, list[str]]:
        """For each of ``keys`` stored for ``kind``, the values its records' indexed field
        holds (an event's storyline, a batch's documents)."""
        field = index_field(kind)
        found: dict[str, list[str]] = {}
        if field is None:
            return found
        with self._lock:
            self._check_open()
            payloads = {k: self._records[(kind, k)] for k in keys if (kind, k) in self._records}
        for key, payload in payloads.items():
            held = {str(item[field]) for item in json.loads(payload) if item.get(field) is not None}
            if held:
                found[key] = sorted(held)
        return dict(sorted(found.items()))

    def record_digest(
        self, kind: str, *, keys: Sequence[str] = (), values: Sequence[str] = ()
    ) -> str | None:
        """A digest of the rows of ``kind`` under ``keys`` and of those whose indexed field
        holds one of ``values``; None when there are none."""
        field = index_field(kind)
        wanted, keep = set(keys), set(values)
        with self._lock:
            self._check_open()
            rows = {k: p for (found, k), p in self._records.items() if found == kind}
        chosen = {
            k: p
            for k, p in rows.items()
            if k in wanted
            or (
                field is not None
                and keep
                and any(str(item.get(field)) in keep for item in json.loads(p))
            )
        }
        return digest_rows(chosen)

    def put_view(self, key: str, version: str, view: object) -> None:
        """Store (replace) the view ``key`` (a story's or an event's id) of story ``version``."""
        payload = dumps(view)
        with self._lock:
            self._check_open()
            self._views[key] = (version, payload)

    def get_view(self, key: str, cls: type[T], version: str | None = None) -> T | None:
        """The view stored under ``key``; None when there is none, or (with ``version``) when
        it was computed from another version of its story."""
        with self._lock:
            self._check_open()
            found = self._views.get(key)
        if found is None or (version is not None and found[0] != version):
            return None
        return loads(cls, found[1])

    def view_version(self, key: str) -> str | None:
        """The story version the view ``key`` was computed from, or None when none is stored."""
        with self._lock:
            self._check_open()
            found = self._views.get(key)
        return None if found is None else found[0]

    def delete_views(self, keys: Sequence[str] | None = None) -> None:
        """Remove the views under ``keys``, or every view when keys is None."""
        with self._lock:
            self._check_open()
            for key in list(self._views) if keys is None else keys:
                self._views.pop(key, None)

    def record_keys(self, kind: str) -> list[str]:
        """Every key stored for ``kind``, in the order first stored."""
        with self._lock:
            self._check_open()
            return [k for (found, k) in self._records if found == kind]

    def delete_records(self, kind: str, key: str | None = None) -> None:
        """Remove the records of ``kind`` under ``key``, or all of ``kind`` when key is None."""
        with self._lock:
            self._check_open()
            for pair in [p for p in self._records if p[0] == kind and key in (None, p[1])]:
                del self._records[pair]

    def mark_done(self, stage: str, doc_ids: Sequence[str]) -> None:
        """Record that the stored documents ``doc_ids`` have completed ``stage``."""
        with self._lock:
            self._check_open()
            missing = [d for d in doc_ids if d not in self._documents]
            if missing:  # the SQLite store's foreign key refuses these too
                raise ValueError(f"no stored document {missing[0]}")
            self._stages.update((d, stage) for d in doc_ids)

    def pending(self, stage: str) -> list[str]:
        """Doc ids of stored articles that have not completed ``stage``, in store order."""
        with self._lock:
            self._check_open()
            return [d for d in self._articles if (d, stage) not in self._stages]

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """A block whose writes are kept together, or undone if it raises."""
        with self._lock:
            self._check_open()
            saved = (
                dict(self._documents),
                dict(self._articles),
                set(self._hashes),
                dict(self._records),
                set(self._stages),
                dict(self._views),
            )
            try:
                yield
            except BaseException:
                (
                    self._documents,
                    self._articles,
                    self._hashes,
                    self._records,
                    self._stages,
                    self._views,
                ) = saved
                raise

    def close(self) -> None:
        """Mark the store closed; closing twice is harmless."""
        self._closed = True

    def _check_open(self) -> None:
        if self._closed:
            raise RuntimeError(f"{self!r} is closed")


def _snippet(text: str, phrases: list[Phrase]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """About ``_SNIPPET_TOKENS`` words of ``text`` around the first match of ``phrases``, and
    where each matched word is in it."""
    words = text.split()
    folded = [tokens(w) for w in words]
    hit = [any(_word_hits(f, p) for p in phrases) for f in folded]
    start = next((i for i, h in enumerate(hit) if h), 0)
    start = max(0, start - _SNIPPET_TOKENS // 4)
    end = start + _SNIPPET_TOKENS
    out = "…" if start else ""
    marks = []
    for i in range(start, min(end, len(words))):
        if i > start:
            out += " "
        if hit[i]:
            marks.append((len(out), len(out) + len(words[i])))
        out += words[i]
    return out + ("…" if end < len(words) else ""), tuple(marks)


def _word_hits(folded: list[str], phrase: Phrase) -> bool:
    last = len(phrase.words) - 1
    for k, want in enumerate(phrase.words):
        if any(t == want or (phrase.prefix and k == last and t.startswith(want)) for t in folded):
            return True
    return False
