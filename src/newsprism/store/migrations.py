"""Versioned schema migrations of the SQLite store.

``MIGRATIONS[i]`` takes a database from schema version ``i`` to ``i + 1``; the version is kept in
``PRAGMA user_version``. To change the schema, append a migration: never edit one that has
shipped, since databases in the wild have already run it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence

from newsprism.errors import NewsprismError

__all__ = ["MIGRATIONS", "Migration", "migrate", "schema_version"]

Migration = Callable[[sqlite3.Connection], None]


def _script(*statements: str) -> Migration:
    """A migration that runs SQL statements one by one inside the caller's transaction."""

    # Connection.executescript would COMMIT first, taking the migration out of its transaction.
    def run(conn: sqlite3.Connection) -> None:
        for statement in statements:
            conn.execute(statement)

    return run


_V1 = _script(
    # `seq` is an explicit INTEGER PRIMARY KEY because VACUUM may renumber an implicit rowid,
    # and insertion order (row numbers, FTS rowids) must not change.
    """
    CREATE TABLE documents (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        content_hash TEXT UNIQUE,
        source TEXT NOT NULL,
        record_offset INTEGER,
        record_index INTEGER,
        fetched_at TEXT,
        encoding TEXT NOT NULL,
        repaired INTEGER NOT NULL,
        media_type TEXT NOT NULL,
        url TEXT,
        title TEXT,
        outlet TEXT,
        published TEXT,
        content TEXT NOT NULL
    )
    """,
    """
    CREATE TABLE articles (
        doc_id TEXT PRIMARY KEY REFERENCES documents(id),
        outlet TEXT,
        wire_agency TEXT,
        published TEXT,
        title TEXT NOT NULL,
        words_kept INTEGER NOT NULL,
        words_removed INTEGER NOT NULL,
        record TEXT NOT NULL
    )
    """,
    "CREATE INDEX articles_outlet ON articles(outlet)",
    "CREATE INDEX articles_published ON articles(published)",
    # remove_diacritics 2 so that "Zurich" finds "Zürich" (transliterations are common here).
    """
    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, body, tokenize = 'unicode61 remove_diacritics 2'
    )
    """,
)

# Version 2: typed records that later stages derive (entities, quotes, figures of an article;
# stories, events, syndication groups of the corpus), kept as JSON through the codec under a
# (kind, key) pair, with the document they belong to when there is one.
_V2 = _script(
    """
    CREATE TABLE records (
        kind TEXT NOT NULL,
        key TEXT NOT NULL,
        doc_id TEXT,
        payload TEXT NOT NULL,
        PRIMARY KEY (kind, key)
    )
    """,
    "CREATE INDEX records_doc ON records(doc_id, kind)",
)

# Version 3: which per-article stages each stored document has completed ("extract",
# "cluster", ...), so that a run stopped between storing an article and deriving from it is
# finished by the next one. Stages already recorded by earlier versions are filled in: an
# article with an extraction record was extracted, one with an assignment was clustered.
# (The kind names are those the pipeline wrote when this migration shipped.)
_V3 = _script(
    """
    CREATE TABLE stages (
        doc_id TEXT NOT NULL REFERENCES documents(id),
        stage TEXT NOT NULL,
        PRIMARY KEY (doc_id, stage)
    )
    """,
    """
    INSERT OR IGNORE INTO stages (doc_id, stage)
    SELECT r.key, 'extract' FROM records r JOIN documents d ON d.id = r.key
    WHERE r.kind = 'extract'
    """,
    """
    INSERT OR IGNORE INTO stages (doc_id, stage)
    SELECT DISTINCT json_extract(j.value, '$.doc_id'), 'cluster'
    FROM records r, json_each(r.payload) j
    JOIN documents d ON d.id = json_extract(j.value, '$.doc_id')
    WHERE r.kind = 'cluster.assignments'
    """,
)

# Version 4: an index from a field of the records of some collections to the rows holding them
# (an article's assignment, a storyline's events: see store/schema.py), so that a reader fetches
# what one story needs without loading the collection whole; and stored story views, each with
# the version of the story it was computed from, so that reading a story loads its comparison
# and brief instead of recomputing them. Rows already stored are indexed here; the kind names
# and fields are those of the schema when this migration shipped. Every step may run again
# harmlessly (a store whose version number was set back by hand keeps its rows).
_V4 = _script(
    """
    CREATE TABLE IF NOT EXISTS record_index (
        kind TEXT NOT NULL,
        value TEXT NOT NULL,
        key TEXT NOT NULL,
        PRIMARY KEY (kind, value, key)
    )
    """,
    "CREATE INDEX IF NOT EXISTS record_index_key ON record_index(kind, key)",
    """
    INSERT OR IGNORE INTO record_index (kind, value, key)
    SELECT r.kind, json_extract(j.value, '$.doc_id'), r.key
    FROM records r, json_each(r.payload) j
    WHERE r.kind = 'cluster.assignments' AND json_extract(j.value, '$.doc_id') IS NOT NULL
    """,
    """
    INSERT OR IGNORE INTO record_index (kind, value, key)
    SELECT r.kind, json_extract(j.value, '$.story_id'), r.key
    FROM records r, json_each(r.payload) j
    WHERE r.kind = 'cluster.event' AND json_extract(j.value, '$.story_id') IS NOT NULL
    """,
    """
    CREATE TABLE IF NOT EXISTS views (
        key TEXT PRIMARY KEY,
        version TEXT NOT NULL,
        payload TEXT NOT NULL
    )
    """,
)

MIGRATIONS: Sequence[Migration] = (_V1, _V2, _V3, _V4)
"""Migration ``i`` takes the schema from version ``i`` to ``i + 1``; append, never edit."""


def schema_version(conn: sqlite3.Connection) -> int:
    """The schema version recorded in the database."""
    version: int = conn.execute("PRAGMA user_version").fetchone()[0]
    return version


def migrate(conn: sqlite3.Connection, name: str) -> int:
    """Bring the database up to the latest schema version, in one transaction; the version."""
    latest = len(MIGRATIONS)
    # A cheap read first, so opening an up-to-date store never takes the write lock.
    version = schema_version(conn)
    if version > latest:
        raise NewsprismError("E030", name, version)
    if version == latest:
        return latest
    # BEGIN IMMEDIATE takes the write lock before reading the version again, so two processes
    # opening a new file cannot both run migration 1.
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = schema_version(conn)
        if version > latest:
            raise NewsprismError("E030", name, version)
        for step in MIGRATIONS[version:]:
            step(conn)
        # PRAGMA does not take parameters; `latest` is an int we computed.
        conn.execute(f"PRAGMA user_version = {latest:d}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return latest
