"""The SQLite store: one file, WAL journal, FTS5 search, versioned schema."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from newsprism.errors import NewsprismError
from newsprism.records import Article, Document, Provenance
from newsprism.store.base import (
    MIN_PREFIX,
    ClosingContext,
    SearchHit,
    T,
    check_pair,
    digest_rows,
    pick,
    query_phrases,
    row_number,
)
from newsprism.store.codec import dumps, from_dict, gc_paused, loads, loads_list, to_dict
from newsprism.store.lock import WriterLock
from newsprism.store.migrations import migrate
from newsprism.store.schema import check_records, index_field
from newsprism.store.search import MARK_END, MARK_START, Syntax, fts5_match, query_error, unmark

__all__ = ["SQLiteStore"]

BUSY_TIMEOUT = 30.0
"""Seconds a writer waits for another process's transaction before giving up."""

_PAGE = 256
"""Articles fetched per query while iterating, so that iteration never holds a read open."""

_IN_BATCH = 500
"""Values bound in one ``IN (...)`` list: well under SQLite's limit on bound parameters."""

_SNIPPET_TOKENS = 16
"""Words of context in a search snippet: about one line of a terminal or a result list."""

_QUERY_PROBLEMS = ("syntax error", "unterminated string", "no such column", "unknown special")
"""What FTS5's errors about a query say (the other errors are the store's)."""

# Headline words say what an article is about more than body words do: weigh them double.
_TITLE_WEIGHT, _BODY_WEIGHT = 2.0, 1.0

_DOCUMENT_COLUMNS = (
    "id, content_hash, source, record_offset, record_index, fetched_at, encoding, repaired, "
    "media_type, url, title, outlet, published, content"
)
_ARTICLE_COLUMNS = (
    "doc_id, outlet, wire_agency, published, title, words_kept, words_removed, record"
)


class SQLiteStore(ClosingContext):
    """Documents and articles in an SQLite file (``":memory:"`` for a throw-away database).

    ``writer=True`` opens it as the one writer (``analyze``, a feed watcher): the store's writer
    lock is held until :meth:`close`, and a second writer waits for it, telling ``on_wait`` once
    that it does, or with ``wait=False`` is refused with E032. Readers never take the lock.
    """

    def __init__(
        self,
        path: str | Path = "newsprism.db",
        *,
        timeout: float = BUSY_TIMEOUT,
        writer: bool = False,
        wait: bool = True,
        on_wait: Callable[[str], None] | None = None,
    ) -> None:
        self.path = str(path)
        self._writer = WriterLock(self.path)
        if writer and self.path != ":memory:":
            # Before the first read: a writer's in-memory state (the clusterer's) must start
            # from what the previous writer committed.
            self._writer.acquire(wait=wait, on_wait=on_wait)
        # isolation_level=None: we issue BEGIN IMMEDIATE / COMMIT ourselves, so every write takes
        # the lock up front (a deferred transaction that upgrades to a write can fail with
        # SQLITE_BUSY without waiting for the busy timeout). check_same_thread=False because
        # the web server calls from worker threads; self._lock serialises access instead.
        conn = sqlite3.connect(
            self.path, timeout=timeout, isolation_level=None, check_same_thread=False
        )
        try:
            conn.execute("PRAGMA foreign_keys = ON")
            # WAL: readers do not block the writer, and a killed process leaves committed
            # transactions intact. An in-memory database answers "memory" and stays so.
            conn.execute("PRAGMA journal_mode = WAL")
            # FULL also survives power loss, at one fsync per add: cheap next to cleaning.
            conn.execute("PRAGMA synchronous = FULL")
            migrate(conn, self.path)
        except BaseException:
            conn.close()
            self._writer.release()
            raise
        self._conn: sqlite3.Connection | None = conn
        self._lock = threading.RLock()
        self._depth = 0
        """How many :meth:`transaction` blocks are open: writes inside join the outer one."""

    def __repr__(self) -> str:
        return f"SQLiteStore({self.path!r})"

    # ----------------------------------------------------------------------------------------
    # the Store protocol

    def add(self, document: Document, article: Article) -> bool:
        """Store a document and its article in one transaction; False if already stored."""
        check_pair(document, article)
        record = dumps(article)
        with self._write() as conn:
            if _stored(conn, document):
                return False
            cursor = conn.execute(
                f"INSERT INTO documents ({_DOCUMENT_COLUMNS}) VALUES ({_marks(14)})",
                _document_row(document),
            )
            conn.execute(
                f"INSERT INTO articles ({_ARTICLE_COLUMNS}) VALUES ({_marks(8)})",
                _article_row(article, record),
            )
            conn.execute(
                "INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)",
                (cursor.lastrowid, *_fts_row(article)),
            )
        return True

    def has(self, content_hash: str) -> bool:
        """True when a document with this content hash is stored."""
        if not content_hash:
            return False
        return self._one("SELECT 1 FROM documents WHERE content_hash = ?", content_hash) is not None

    def document(self, doc_id: str) -> Document | None:
        """The document with this id, or None."""
        row = self._one(f"SELECT {_DOCUMENT_COLUMNS} FROM documents WHERE id = ?", doc_id)
        return None if row is None else _document_from_row(row)

    def article(self, key: str) -> Article:
        """The article for a doc id, a unique doc-id prefix or a 1-based row number."""
        key = key.strip()
        with self._lock:
            if self._one("SELECT 1 FROM articles WHERE doc_id = ?", key) is not None:
                return self._article(key)
            candidates: list[str] = []
            if len(key) >= MIN_PREFIX:
                # doc ids sharing a prefix sort together, right after the prefix itself.
                rows = self._connection().execute(
                    "SELECT doc_id FROM articles WHERE doc_id >= ? ORDER BY doc_id LIMIT 6", (key,)
                )
                candidates += [r[0] for r in rows if r[0].startswith(key)]
            number = row_number(key)
            if number is not None and number <= self.count():
                row = self._one(
                    "SELECT a.doc_id FROM articles a JOIN documents d ON d.id = a.doc_id "
                    "ORDER BY d.seq LIMIT 1 OFFSET ?",
                    number - 1,
                )
                if row is not None:
                    candidates.append(row[0])
            return self._article(pick(key, candidates))

    def articles(self) -> Iterator[Article]:
        """All articles in the order they were added."""
        last = 0
        while True:
            with self._lock:
                rows = (
                    self._connection()
                    .execute(
                        "SELECT d.seq, a.record FROM articles a JOIN documents d ON d.id = a.doc_id"
                        " WHERE d.seq > ? ORDER BY d.seq LIMIT ?",
                        (last, _PAGE),
                    )
                    .fetchall()
                )
            if not rows:
                return
            for _, record in rows:
                yield loads(Article, record)
            last = rows[-1][0]

    def count(self) -> int:
        """Number of stored articles."""
        row = self._one("SELECT count(*) FROM articles")
        assert row is not None  # count(*) always answers one row
        return int(row[0])

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
        """Articles whose title and kept text match ``query``, best first (see
        :meth:`Store.search <newsprism.store.base.Store.search>` for ``syntax`` and filters)."""
        if syntax == "fts5":
            match = fts5_match(query) if query.strip() else ""
        else:
            # Each word becomes a quoted FTS5 phrase (implicit AND between them); the tokens
            # hold only letters and digits, and quotes are doubled anyway, so user text is
            # never syntax.
            phrases = query_phrases(query)
            match = " ".join('"' + " ".join(p).replace('"', '""') + '"' for p in phrases)
        if not match or limit <= 0:
            return []
        where, params = ["articles_fts MATCH ?"], [match]
        if outlets:
            where.append(f"lower(a.outlet) IN ({', '.join('?' * len(outlets))})")
            params.extend(o.lower() for o in outlets)
        if since is not None:
            where.append("a.published >= ?")
            params.append(since.isoformat())
        if until is not None:
            where.append("a.published <= ?")
            params.append(until.isoformat())
        sql = (
            "SELECT a.doc_id, a.title, a.outlet, a.published,"
            f" snippet(articles_fts, -1, '{MARK_START}', '{MARK_END}', '…', {_SNIPPET_TOKENS}),"
            f" bm25(articles_fts, {_TITLE_WEIGHT}, {_BODY_WEIGHT}) AS rank"
            " FROM articles_fts"
            " JOIN documents d ON d.seq = articles_fts.rowid"
            " JOIN articles a ON a.doc_id = d.id"
            f" WHERE {' AND '.join(where)} ORDER BY rank, d.seq LIMIT ?"
        )
        with self._lock:
            try:
                rows = self._connection().execute(sql, (*params, limit)).fetchall()
            except sqlite3.OperationalError as exc:
                # FTS5 names what it could not read ("syntax error near ...", "unterminated
                # string", "no such column: x"); anything else is the store's own trouble.
                text = str(exc).removeprefix("fts5: ")
                if syntax != "fts5" or not any(w in text for w in _QUERY_PROBLEMS):
                    raise
                ended = text == 'syntax error near ""'
                raise query_error(query, "it ends too early" if ended else text) from None
        # bm25() is lower-is-better; SearchHit.score is higher-is-better.
        hits = []
        for doc_id, title, outlet, published, snippet, rank in rows:
            text, marks = unmark(snippet)
            hits.append(SearchHit(doc_id, title, outlet, _date(published), text, -rank, marks))
        return hits

    def update_article(self, article: Article) -> None:
        """Replace the article stored for ``article.doc_id``; E031 if there is none."""
        record = dumps(article)
        with self._write() as conn:
            row = conn.execute(
                "SELECT d.seq FROM articles a JOIN documents d ON d.id = a.doc_id"
                " WHERE a.doc_id = ?",
                (article.doc_id,),
            ).fetchone()
            if row is None:
                raise NewsprismError("E031", article.doc_id)
            values = _article_row(article, record)
            conn.execute(
                "UPDATE articles SET outlet = ?, wire_agency = ?, published = ?, title = ?,"
                " words_kept = ?, words_removed = ?, record = ? WHERE doc_id = ?",
                (*values[1:], article.doc_id),
            )
            conn.execute(
                "UPDATE articles_fts SET title = ?, body = ? WHERE rowid = ?",
                (*_fts_row(article), row[0]),
            )

    def put_records(
        self, kind: str, key: str, records: Sequence[Any], *, doc_id: str | None = None
    ) -> None:
        """Store (replace) the records of ``kind`` under ``key``, tied to ``doc_id`` if given."""
        check_records(kind, records)
        with gc_paused():
            items = [to_dict(r) for r in records]
            payload = json.dumps(items, ensure_ascii=False, allow_nan=False)
        indexed = index_field(kind)
        with self._write() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO records (kind, key, doc_id, payload) VALUES (?, ?, ?, ?)",
                (kind, key, doc_id, payload),
            )
            if indexed is not None:
                conn.execute("DELETE FROM record_index WHERE kind = ? AND key = ?", (kind, key))
                values = {str(item[indexed]) for item in items if item.get(indexed) is not None}
                conn.executemany(
                    "INSERT OR IGNORE INTO record_index (kind, value, key) VALUES (?, ?, ?)",
                    [(kind, value, key) for value in sorted(values)],
                )

    def get_records(self, kind: str, key: str, cls: type[T]) -> list[T]:
        """The records of ``kind`` stored under ``key`` (empty when there are none)."""
        row = self._one("SELECT payload FROM records WHERE kind = ? AND key = ?", kind, key)
        return loads_list(cls, row[0]) if row else []

    def find_records(self, kind: str, values: Sequence[str], cls: type[T]) -> list[T]:
        """The records of ``kind`` whose indexed field (see store/schema.py) holds one of
        ``values``, in the order stored; only the rows holding them are read."""
        field = index_field(kind)
        if field is None:
            raise TypeError(f"the store keeps no index for {kind!r}")
        wanted = list(dict.fromkeys(values))
        rows: dict[int, str] = {}
        with self._lock:
            conn = self._connection()
            for start in range(0, len(wanted), _IN_BATCH):
                batch = wanted[start : start + _IN_BATCH]
                found = conn.execute(
                    "SELECT r.rowid, r.payload FROM records r WHERE r.kind = ? AND r.key IN"
                    " (SELECT i.key FROM record_index i WHERE i.kind = ? AND i.value IN"
                    f" ({_marks(len(batch))}))",
                    (kind, kind, *batch),
                )
                rows.update(found.fetchall())
        keep = set(wanted)
        with gc_paused():
            return [
                from_dict(cls, item)
                for _, payload in sorted(rows.items())
                for item in json.loads(payload)
                if str(item.get(field)) in keep
            ]

    def index_values(self, kind: str, keys: Sequence[str]) -> dict[str, list[str]]:
        """For each of ``keys`` stored for ``kind``, the values its records' indexed field
        holds (an event's storyline, a batch's documents), read from the index alone."""
        found: dict[str, list[str]] = {}
        with self._lock:
            conn = self._connection()
            for start in range(0, len(keys), _IN_BATCH):
                batch = list(keys[start : start + _IN_BATCH])
                rows = conn.execute(
                    "SELECT key, value FROM record_index WHERE kind = ? AND key IN"
                    f" ({_marks(len(batch))}) ORDER BY key, value",
                    (kind, *batch),
                )
                for key, value in rows:
                    found.setdefault(key, []).append(value)
        return found

    def record_digest(
        self, kind: str, *, keys: Sequence[str] = (), values: Sequence[str] = ()
    ) -> str | None:
        """A digest of the rows of ``kind`` under ``keys`` and of those whose indexed field
        holds one of ``values``, read without decoding them; None when there are none. It
        changes when any of those rows is written with other content, added or removed."""
        rows: dict[str, str] = {}
        with self._lock:
            conn = self._connection()
            for start in range(0, len(keys), _IN_BATCH):
                batch = list(keys[start : start + _IN_BATCH])
                rows.update(
                    conn.execute(
                        "SELECT key, payload FROM records WHERE kind = ? AND key IN"
                        f" ({_marks(len(batch))})",
                        (kind, *batch),
                    ).fetchall()
                )
            for start in range(0, len(values), _IN_BATCH):
                batch = list(values[start : start + _IN_BATCH])
                rows.update(
                    conn.execute(
                        "SELECT r.key, r.payload FROM records r WHERE r.kind = ? AND r.key IN"
                        " (SELECT i.key FROM record_index i WHERE i.kind = ? AND i.value IN"
                        f" ({_marks(len(batch))}))",
                        (kind, kind, *batch),
                    ).fetchall()
                )
        return digest_rows(rows)

    def record_keys(self, kind: str) -> list[str]:
        """Every key stored for ``kind``, in the order first stored."""
        with self._lock:
            rows = self._connection().execute(
                "SELECT key FROM records WHERE kind = ? ORDER BY rowid", (kind,)
            )
            return [row[0] for row in rows]

    def delete_records(self, kind: str, key: str | None = None) -> None:
        """Remove the records of ``kind`` under ``key``, or all of ``kind`` when key is None."""
        with self._write() as conn:
            if key is None:
                conn.execute("DELETE FROM records WHERE kind = ?", (kind,))
                conn.execute("DELETE FROM record_index WHERE kind = ?", (kind,))
            else:
                conn.execute("DELETE FROM records WHERE kind = ? AND key = ?", (kind, key))
                conn.execute("DELETE FROM record_index WHERE kind = ? AND key = ?", (kind, key))

    def put_view(self, key: str, version: str, view: object) -> None:
        """Store (replace) the view ``key`` (a story's or an event's id) of story ``version``."""
        payload = dumps(view)
        with self._write() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO views (key, version, payload) VALUES (?, ?, ?)",
                (key, version, payload),
            )

    def get_view(self, key: str, cls: type[T], version: str | None = None) -> T | None:
        """The view stored under ``key``; None when there is none, or (with ``version``) when
        it was computed from another version of its story."""
        row = self._one("SELECT version, payload FROM views WHERE key = ?", key)
        if row is None or (version is not None and row[0] != version):
            return None
        return loads(cls, row[1])

    def view_version(self, key: str) -> str | None:
        """The story version the view ``key`` was computed from, or None when none is stored."""
        row = self._one("SELECT version FROM views WHERE key = ?", key)
        return None if row is None else str(row[0])

    def delete_views(self, keys: Sequence[str] | None = None) -> None:
        """Remove the views under ``keys``, or every view when keys is None."""
        with self._write() as conn:
            if keys is None:
                conn.execute("DELETE FROM views")
            else:
                conn.executemany("DELETE FROM views WHERE key = ?", [(k,) for k in keys])

    def mark_done(self, stage: str, doc_ids: Sequence[str]) -> None:
        """Record that the stored documents ``doc_ids`` have completed ``stage``."""
        if not doc_ids:
            return
        with self._write() as conn:
            conn.executemany(
                "INSERT OR IGNORE INTO stages (doc_id, stage) VALUES (?, ?)",
                [(doc_id, stage) for doc_id in doc_ids],
            )

    def pending(self, stage: str) -> list[str]:
        """Doc ids of stored articles that have not completed ``stage``, in store order."""
        with self._lock:
            rows = self._connection().execute(
                "SELECT a.doc_id FROM articles a JOIN documents d ON d.id = a.doc_id"
                " WHERE NOT EXISTS (SELECT 1 FROM stages s WHERE s.doc_id = a.doc_id"
                " AND s.stage = ?) ORDER BY d.seq",
                (stage,),
            )
            return [row[0] for row in rows]

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """A block whose writes are committed together, or not at all if it raises; a block
        inside another is a savepoint, undone alone when it raises."""
        with self._write():
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1

    def close(self) -> None:
        """Close the connection and let the writer lock go; closing twice is harmless."""
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None
            self._writer.release()

    # ----------------------------------------------------------------------------------------
    # plumbing

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            raise RuntimeError(f"{self!r} is closed")
        return self._conn

    def _one(self, sql: str, *params: Any) -> Any:
        with self._lock:
            return self._connection().execute(sql, params).fetchone()

    def _article(self, doc_id: str) -> Article:
        row = self._one("SELECT record FROM articles WHERE doc_id = ?", doc_id)
        return loads(Article, row[0])

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: committed when the block ends, rolled back if it raises."""
        with self._lock:
            conn = self._connection()
            if self._depth:
                # Inside transaction(): a savepoint, so that a write (or an inner block) that
                # raises is undone alone while the caller goes on with the rest; the outer
                # block commits or rolls back the whole.
                name = f"nested{self._depth}"
                conn.execute(f"SAVEPOINT {name}")
                try:
                    yield conn
                except BaseException:
                    if conn.in_transaction:
                        conn.execute(f"ROLLBACK TO {name}")
                        conn.execute(f"RELEASE {name}")
                    raise
                conn.execute(f"RELEASE {name}")
                return
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                # SQLite may already have rolled back on its own (disk full, I/O error).
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")


def _stored(conn: sqlite3.Connection, document: Document) -> bool:
    """True if the document's id or its content hash is already in the store."""
    row = conn.execute(
        "SELECT 1 FROM documents WHERE id = ? OR content_hash = ?",
        (document.id, document.provenance.content_hash or None),
    ).fetchone()
    return row is not None


def _marks(n: int) -> str:
    return ", ".join("?" * n)


def _iso(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def _date(value: str | None) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(value)


def _document_row(document: Document) -> tuple[Any, ...]:
    p = document.provenance
    return (
        document.id,
        # NULL rather than "" so that documents without a hash do not collide on UNIQUE.
        p.content_hash or None,
        p.source,
        p.record_offset,
        p.record_index,
        _iso(p.fetched_at),
        p.encoding,
        int(p.repaired),
        document.media_type,
        document.url,
        document.title,
        document.outlet,
        _iso(document.published),
        document.content,
    )


def _document_from_row(row: tuple[Any, ...]) -> Document:
    (doc_id, content_hash, source, offset, index, fetched_at, encoding, repaired) = row[:8]
    media_type, url, title, outlet, published, content = row[8:]
    provenance = Provenance(
        source=source,
        record_offset=offset,
        record_index=index,
        content_hash=content_hash or "",
        fetched_at=None if fetched_at is None else dt.datetime.fromisoformat(fetched_at),
        encoding=encoding,
        repaired=bool(repaired),
    )
    return Document(
        id=doc_id,
        provenance=provenance,
        media_type=media_type,
        content=content,
        url=url,
        title=title,
        outlet=outlet,
        published=_date(published),
    )


def _article_row(article: Article, record: str) -> tuple[Any, ...]:
    return (
        article.doc_id,
        article.outlet,
        article.wire_agency,
        _iso(article.published.date),
        article.title,
        article.words_kept(),
        article.words_removed(),
        record,
    )


def _fts_row(article: Article) -> tuple[str, str]:
    # FTS5 snippets treat text as NUL-terminated; a stray NUL (a scrape artefact) would cut
    # them short. The index copy only: the stored record keeps the text exactly.
    return article.title.replace("\0", " "), article.body_text.replace("\0", " ")
