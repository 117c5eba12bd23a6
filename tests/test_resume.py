"""A run stopped anywhere is finished by the next one: real files, real SQLite, real spaCy.

Each article's completed stages are recorded in the store with the stage's results; a re-run
extracts and clusters what an interrupted run stored but did not finish. The kill test stops a
real ``newsprism analyze`` process with SIGKILL at random moments, re-runs it, and checks the
store against a clean run.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsprism.cluster import load_assignments
from newsprism.ingest import iter_documents
from newsprism.records import Document, Extraction
from newsprism.runner import CLUSTER_STAGE, EXTRACT_STAGE, EXTRACTION_KIND, analyze
from newsprism.store import MemoryStore, SQLiteStore, Store, migrations

pytest.importorskip("spacy")

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "sochi-2020"
KILLS = int(os.environ.get("NEWSPRISM_KILLS", "2"))
"""SIGKILLs per test run; NEWSPRISM_KILLS=20 for the full check (about two minutes)."""


def _corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for path in sorted(EXAMPLE.glob("*.txt")):
        shutil.copy(path, folder / path.name)
    return folder


def _store_only(store: Store, folder: Path) -> list[str]:
    """Store the folder's articles as a run killed right after its commit would have."""
    from newsprism.clean import CleanStage

    clean = CleanStage()
    ids = []
    for item in iter_documents([str(folder)]):
        assert isinstance(item, Document)
        store.add(item, clean(item))
        ids.append(item.id)
    return ids


@pytest.mark.parametrize(
    "make", [MemoryStore, lambda: SQLiteStore(":memory:")], ids=["memory", "sqlite"]
)
def test_articles_stored_but_not_derived_are_extracted_and_clustered_on_the_rerun(
    tmp_path: Path, make: type[Store]
) -> None:
    folder = _corpus(tmp_path)
    with make() as store:
        ids = _store_only(store, folder)
        assert sorted(store.pending(EXTRACT_STAGE)) == sorted(ids)
        report = analyze([str(folder)], store)
        assert report.skipped == len(ids) and not report.stored
        assert report.resumed == len(ids)
        assert report.extracted == len(ids)
        assert store.pending(EXTRACT_STAGE) == [] and store.pending(CLUSTER_STAGE) == []
        for doc_id in ids:
            assert store.get_records(EXTRACTION_KIND, doc_id, Extraction)
        assert set(load_assignments(store)) == set(ids)
        # A third run has nothing left to do.
        again = analyze([str(folder)], store)
        assert again.resumed == 0 and again.extracted == 0 and again.ok


def test_a_run_without_extraction_leaves_it_to_the_next_run(tmp_path: Path) -> None:
    folder = _corpus(tmp_path)
    with SQLiteStore(tmp_path / "s.db") as store:
        first = analyze([str(folder)], store, extract=False)
        assert first.extracted == 0 and store.pending(CLUSTER_STAGE) == []
        assert len(store.pending(EXTRACT_STAGE)) == len(first.stored)
        second = analyze([str(folder)], store)
        assert second.extracted == len(first.stored) and second.resumed == len(first.stored)
        assert store.pending(EXTRACT_STAGE) == []


def test_the_migration_marks_what_an_older_store_had_already_derived(tmp_path: Path) -> None:
    folder = _corpus(tmp_path)
    db = tmp_path / "old.db"
    with SQLiteStore(db) as store:
        analyze([str(folder)], store)
        done = sorted(store.pending(EXTRACT_STAGE) + [a.doc_id for a in store.articles()])
    # Take the store back to schema 2 (no stage table), as a store made before it would be.
    with sqlite3.connect(db) as conn:
        conn.execute("DROP TABLE stages")
        conn.execute("PRAGMA user_version = 2")
    with SQLiteStore(db) as store:
        assert store.pending(EXTRACT_STAGE) == [] and store.pending(CLUSTER_STAGE) == []
        assert sorted(a.doc_id for a in store.articles()) == sorted(set(done))
    with sqlite3.connect(db) as conn:
        assert migrations.schema_version(conn) == len(migrations.MIGRATIONS)


def _analyze(folder: Path, db: Path) -> subprocess.Popen[bytes]:
    newsprism = Path(sys.executable).with_name("newsprism")
    return subprocess.Popen(
        [str(newsprism), "analyze", str(folder), "--db", str(db)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _state(db: Path) -> tuple[list[str], list[str], list[str], dict[str, int]]:
    """Doc ids stored, extracted and clustered, and each article's figure count."""
    with SQLiteStore(db) as store:
        ids = sorted(a.doc_id for a in store.articles())
        pending_x, pending_c = set(store.pending(EXTRACT_STAGE)), set(store.pending(CLUSTER_STAGE))
        figures = {
            d: sum(len(x.figures) for x in store.get_records(EXTRACTION_KIND, d, Extraction))
            for d in ids
        }
        placed = set(load_assignments(store))
    assert placed == set(ids) - pending_c
    return ids, sorted(set(ids) - pending_x), sorted(set(ids) - pending_c), figures


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_at_random_moments_then_rerun_equals_a_clean_run(tmp_path: Path) -> None:
    folder = _corpus(tmp_path)
    clean_db = tmp_path / "clean.db"
    started = time.monotonic()
    clean = _analyze(folder, clean_db)
    _, stderr = clean.communicate(timeout=300)
    assert clean.returncode == 0, stderr.decode(errors="replace")
    full = time.monotonic() - started
    expected = _state(clean_db)
    assert len(expected[0]) == 5 and expected[0] == expected[1] == expected[2]

    rng = random.Random(20261201)
    db = tmp_path / "killed.db"
    windows_hit = 0
    for attempt in range(KILLS):
        process = _analyze(folder, db)
        if attempt % 2 == 0:
            # Right after the articles are committed: extraction is under way.
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline and process.poll() is None:
                if db.exists() and _count(db) > 0:
                    break
                time.sleep(0.02)
        else:
            time.sleep(rng.uniform(0.0, full))
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=60)
        if db.exists():
            with sqlite3.connect(db) as conn:
                assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            ids, extracted, _, _ = _state(db)
            windows_hit += bool(ids) and extracted != ids
        rerun = _analyze(folder, db)
        _, stderr = rerun.communicate(timeout=300)
        assert rerun.returncode == 0, stderr.decode(errors="replace")
        with sqlite3.connect(db) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert _state(db) == expected  # every article once, extracted, in a story
        db.unlink()
        for suffix in ("-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
    # At least one kill landed between the commit and the end of extraction.
    assert windows_hit >= 1


def _count(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.1) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.Error:
        return 0
