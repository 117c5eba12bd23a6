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
    # Take the store back to schema 2, as a store made before the stage table would be: drop
    # every table and index that the first two migrations do not create.
    with sqlite3.connect(":memory:") as old:
        for migration in migrations.MIGRATIONS[:2]:
            migration(old)
        kept = {row[0] for row in old.execute("SELECT name FROM sqlite_master")}
    with sqlite3.connect(db) as conn:
        later = conn.execute(
            "SELECT type, name FROM sqlite_master WHERE type IN ('table', 'index')"
            " AND name NOT LIKE 'sqlite_%' AND sql IS NOT NULL"
        ).fetchall()
        for kind, name in later:
            if name not in kept and not any(name.startswith(k + "_") for k in kept):
                conn.execute(f"DROP {kind.upper()} IF EXISTS {name}")
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


NEWSWCL50 = ROOT.parent / "shared" / "data" / "newswcl50" / "1-raw-articles"
WCL_TEXTS = 40
"""NewsWCL50 texts the real-corpus kill test reads, two more before each kill: 20 kills."""


def _wcl_texts() -> list[Path]:
    texts = sorted(NEWSWCL50.glob("event_*/*.txt"))
    # Spread over the events: one of each outlet of every event, in turn, until the count.
    by_outlet = sorted(texts, key=lambda p: (p.stem.split("_")[1], p.parent.name))
    return by_outlet[:WCL_TEXTS]


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
@pytest.mark.skipif(not NEWSWCL50.is_dir(), reason=f"NewsWCL50 texts not at {NEWSWCL50}")
def test_sigkill_20_times_over_newswcl50_then_each_rerun_equals_a_clean_run(
    tmp_path: Path,
) -> None:
    texts = _wcl_texts()
    assert len(texts) == WCL_TEXTS
    everything = tmp_path / "all"
    everything.mkdir()
    for path in texts:
        shutil.copy(path, everything / f"{path.parent.name}_{path.name}")
    clean = _analyze(everything, tmp_path / "clean.db")
    _, stderr = clean.communicate(timeout=600)
    assert clean.returncode == 0, stderr.decode(errors="replace")
    clean_ids, clean_x, clean_c, clean_figures = _state(tmp_path / "clean.db")
    assert len(clean_ids) == WCL_TEXTS and clean_ids == clean_x == clean_c
    with SQLiteStore(tmp_path / "clean.db") as store:
        id_of = {Path(a.source).name: a.doc_id for a in store.articles()}

    # Each round adds two texts to the folder, starts `analyze`, kills it (on even rounds as
    # soon as the new articles are committed, so that extraction is cut; on odd rounds at a
    # random moment), then re-runs it to the end and compares the store with the clean run.
    rng = random.Random(50)
    folder, db = tmp_path / "in", tmp_path / "killed.db"
    folder.mkdir()
    names = sorted(p.name for p in everything.iterdir())
    rng.shuffle(names)
    per_round = WCL_TEXTS // 20
    cut_in_extraction = 0
    took = 3.0  # how long a run over the round's texts lasts, measured on each re-run
    for round_ in range(20):
        for name in names[round_ * per_round : (round_ + 1) * per_round]:
            shutil.copy(everything / name, folder / name)
        before = _count(db) if db.exists() else 0
        process = _analyze(folder, db)
        if round_ % 2 == 0:
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline and process.poll() is None:
                if db.exists() and _count(db) > before:
                    break
                time.sleep(0.01)
        else:
            time.sleep(rng.uniform(0.0, took))
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=60)
        if db.exists():
            with sqlite3.connect(db) as conn:
                assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            ids, extracted, _, _ = _state(db)
            cut_in_extraction += len(ids) > before and extracted != ids
        started = time.monotonic()
        rerun = _analyze(folder, db)
        _, stderr = rerun.communicate(timeout=600)
        assert rerun.returncode == 0, stderr.decode(errors="replace")
        took = max(took, time.monotonic() - started)
        with sqlite3.connect(db) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        present = sorted(id_of[p.name] for p in folder.iterdir())
        ids, extracted, clustered, figures = _state(db)
        # Every article once (the ids are the store's primary key: no two rows share one),
        # each extracted and in a story, with the figures the clean run found.
        assert ids == extracted == clustered == present, round_
        assert figures == {d: clean_figures[d] for d in present}, round_
    assert cut_in_extraction >= 5, cut_in_extraction
