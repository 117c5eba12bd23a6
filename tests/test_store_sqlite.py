"""What only the SQLite store does: schema versions, WAL, crash safety, two processes."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from newsprism.errors import NewsprismError
from newsprism.store import SQLiteStore, migrations
from test_store_strategies import sample_pair

TESTS = Path(__file__).parent

# A child process that adds sample articles start, start+1, ... and reports each commit.
ADDER = """
import sys
import time
from test_store_strategies import sample_pair
from newsprism.store import SQLiteStore

path, start, stop = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
with SQLiteStore(path) as store:
    for i in range(start, stop):
        store.add(*sample_pair(i))
        print(i, flush=True)
"""


def _adder(path: Path, start: int, stop: int) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(TESTS), *sys.path])}
    return subprocess.Popen(
        [sys.executable, "-c", ADDER, str(path), str(start), str(stop)],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )


def _raw(path: Path) -> closing[sqlite3.Connection]:
    return closing(sqlite3.connect(path))


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Path]:
    yield tmp_path / "news.db"


def test_file_store_uses_wal_and_foreign_keys(db: Path) -> None:
    with SQLiteStore(db) as store:
        store.add(*sample_pair(1))
        conn = store._connection()
        assert conn.execute("PRAGMA foreign_keys").fetchone() == (1,)
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute("INSERT INTO articles VALUES ('nope', NULL, NULL, NULL, 't', 0, 0, '{}')")
    with _raw(db) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)


def test_fresh_store_has_the_latest_schema(db: Path) -> None:
    SQLiteStore(db).close()
    with _raw(db) as conn:
        assert migrations.schema_version(conn) == len(migrations.MIGRATIONS)
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert {"documents", "articles", "articles_fts"} <= tables


def test_data_survives_reopening(db: Path) -> None:
    with SQLiteStore(db) as store:
        for i in range(3):
            store.add(*sample_pair(i))
    with SQLiteStore(db) as store:
        assert [a for a in store.articles()] == [sample_pair(i)[1] for i in range(3)]
        assert store.document(sample_pair(2)[0].id) == sample_pair(2)[0]
        assert [h.doc_id for h in store.search("storm1")] == [sample_pair(1)[0].id]
        assert not store.add(*sample_pair(0))


def test_newer_schema_version_raises_e030(db: Path) -> None:
    SQLiteStore(db).close()
    future = len(migrations.MIGRATIONS) + 5
    with _raw(db) as conn:
        conn.execute(f"PRAGMA user_version = {future}")
    with pytest.raises(NewsprismError, match=f"schema version {future}") as caught:
        SQLiteStore(db)
    assert caught.value.code == "E030"
    assert str(db) in str(caught.value)


def test_appended_migrations_run_once_on_old_databases(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with SQLiteStore(db) as store:
        store.add(*sample_pair(1))
    runs: list[int] = []

    def add_column(conn: sqlite3.Connection) -> None:
        runs.append(1)
        conn.execute("ALTER TABLE articles ADD COLUMN topic TEXT")

    monkeypatch.setattr(migrations, "MIGRATIONS", (*migrations.MIGRATIONS, add_column))
    for _ in range(2):
        with SQLiteStore(db) as store:
            assert store.count() == 1
    assert runs == [1]
    with _raw(db) as conn:
        assert migrations.schema_version(conn) == len(migrations.MIGRATIONS)
        assert "topic" in {r[1] for r in conn.execute("PRAGMA table_info(articles)")}


def test_a_failing_migration_changes_nothing(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    SQLiteStore(db).close()
    latest = len(migrations.MIGRATIONS)

    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("migration bug")

    monkeypatch.setattr(migrations, "MIGRATIONS", (*migrations.MIGRATIONS, broken))
    with pytest.raises(RuntimeError, match="migration bug"):
        SQLiteStore(db)
    with _raw(db) as conn:
        assert migrations.schema_version(conn) == latest
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert "half_done" not in tables


def test_a_version_1_store_upgrades_and_keeps_its_articles(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as patch:
        patch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:1])
        with SQLiteStore(db) as old:
            old.add(*sample_pair(1))
    with SQLiteStore(db) as store:
        assert store.count() == 1
        store.put_records("notes", "k", [])
        assert store.record_keys("notes") == ["k"]
    with _raw(db) as conn:
        assert migrations.schema_version(conn) == len(migrations.MIGRATIONS)


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("not a database, just some text that is long enough " * 20)
    with pytest.raises(sqlite3.DatabaseError):
        SQLiteStore(path)


def _check_integrity(db: Path, count: int) -> None:
    with _raw(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        # FTS5's own check compares its index with its content: they must agree.
        conn.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")
        for table in ["documents", "articles", "articles_fts"]:
            assert conn.execute(f"SELECT count(*) FROM {table}").fetchone() == (count,)


def test_a_killed_writer_loses_nothing_it_committed(db: Path) -> None:
    SQLiteStore(db).close()  # create the schema first, so the child only adds
    with _adder(db, 0, 100_000) as child:
        assert child.stdout is not None
        reported = []
        for line in child.stdout:
            reported.append(int(line))
            if len(reported) == 40:
                break
        child.send_signal(signal.SIGKILL)
        child.wait()
        reported += [int(line) for line in child.stdout.read().split()]
    assert child.returncode == -signal.SIGKILL
    assert reported == list(range(len(reported)))
    with SQLiteStore(db) as store:
        stored = list(store.articles())
        # The child may have committed one more article than it lived to report.
        assert len(reported) <= len(stored) <= len(reported) + 1
        assert stored == [sample_pair(i)[1] for i in range(len(stored))]
        assert all(store.document(a.doc_id) == sample_pair(i)[0] for i, a in enumerate(stored))
        count = store.count()
    _check_integrity(db, count)


def test_two_processes_can_write_the_same_file(db: Path) -> None:
    SQLiteStore(db).close()
    with _raw(db) as blocker:
        # Hold the write lock while the child starts: its first add must wait, not fail.
        blocker.execute("BEGIN IMMEDIATE")
        child = _adder(db, 1000, 1100)
        time.sleep(0.5)
        blocker.execute("COMMIT")
    with child, SQLiteStore(db) as store:
        assert child.stdout is not None
        reported = [child.stdout.readline()]  # the child is writing now: write alongside it
        for i in range(100):
            assert store.add(*sample_pair(i))
        reported += child.stdout.read().split()
    assert child.returncode == 0
    assert len(reported) == 100
    with SQLiteStore(db) as store:
        ids = {a.doc_id for a in store.articles()}
    assert ids == {sample_pair(i)[0].id for i in [*range(100), *range(1000, 1100)]}
    _check_integrity(db, 200)
