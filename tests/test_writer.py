"""One writer at a time: a second writer waits (saying so) or is refused; no update is lost."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from newsprism.errors import NewsprismError
from newsprism.store import SQLiteStore, open_store

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "sochi-2020"


def test_a_second_writer_is_refused_while_the_first_writes(tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    with SQLiteStore(db, writer=True):
        with pytest.raises(NewsprismError, match=rf"pid {os.getpid()} .*E032"):
            SQLiteStore(db, writer=True, wait=False)
        with SQLiteStore(db) as reader:  # readers never wait
            assert reader.count() == 0
    with SQLiteStore(db, writer=True, wait=False) as second:
        assert second.count() == 0


def test_a_waiting_writer_says_so_and_goes_on_when_the_first_closes(tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    script = (
        "import sys, time\n"
        "from newsprism.store import open_store\n"
        "store = open_store(sys.argv[1], writer=True)\n"
        "print('holding', flush=True)\n"
        "time.sleep(1.5)\n"
        "print('releasing', flush=True)\n"
        "store.close()\n"
    )
    with subprocess.Popen(
        [sys.executable, "-c", script, str(db)], stdout=subprocess.PIPE, text=True
    ) as holder:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
        heard: list[str] = []
        with open_store(db, writer=True, on_wait=heard.append):
            # We got the lock only once the holder let it go.
            assert holder.stdout.readline().strip() == "releasing"
        assert len(heard) == 1 and "being written by another process" in heard[0]
        assert f"pid {holder.pid}" in heard[0]


def test_a_killed_writer_leaves_the_store_unlocked(tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    script = "import sys, time\nfrom newsprism.store import open_store\n"
    script += "s = open_store(sys.argv[1], writer=True)\nprint('holding', flush=True)\n"
    script += "time.sleep(60)\n"
    with subprocess.Popen(
        [sys.executable, "-c", script, str(db)], stdout=subprocess.PIPE, text=True
    ) as holder:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
        holder.kill()
    with SQLiteStore(db, writer=True, wait=False) as store:
        assert store.count() == 0


def _partition(db: Path) -> set[frozenset[str]]:
    """Each storyline as the set of its articles' source file names."""
    from newsprism.cluster import stories

    with open_store(db) as store:
        source = {a.doc_id: Path(a.source).name for a in store.articles()}
        return {
            frozenset(source[d] for e in story.events for d in e.articles)
            for story in stories(store)
        }


def test_two_analyze_runs_at_once_store_everything_once_as_one_run_would(
    tmp_path: Path,
) -> None:
    pytest.importorskip("spacy")
    names = sorted(p.name for p in EXAMPLE.glob("*.txt"))
    halves = [tmp_path / "a", tmp_path / "b"]
    for folder, part in zip(halves, (names[:3], names[3:]), strict=True):
        folder.mkdir()
        for name in part:
            shutil.copy(EXAMPLE / name, folder / name)
    command = [str(Path(sys.executable).with_name("newsprism")), "analyze"]
    db = tmp_path / "both.db"
    runs = [
        subprocess.Popen(
            [*command, str(folder), "--db", str(db)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for folder in halves
    ]
    outputs = [run.communicate(timeout=600) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    with open_store(db) as store:
        sources = sorted(Path(a.source).name for a in store.articles())
    assert sources == names  # every article stored once

    single = tmp_path / "single.db"
    subprocess.run([*command, *map(str, halves), "--db", str(single)], check=True,
                   capture_output=True)  # fmt: skip
    assert _partition(db) == _partition(single)
