"""The end of a run holds one group of stories at a time: the per-story stages take the changed
stories a few at a time, and a run that keeps no view in its report (as the CLI's ``analyze``
runs) leaves the views in the store, from where the digest reads them back one by one; the
stored records and the views the same either way."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsprism.cli.app import app
from newsprism.cli.digest import print_digest
from newsprism.runner import analyze
from newsprism.store import SQLiteStore
from newsprism.views import load_view

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "sochi-2020"


OTHERS = (
    (
        "Flood waters close the Kelvar dam road",
        "Engineers closed the road over the Kelvar dam on Tuesday after three days of rain "
        "pushed the reservoir above its spillway. The regional water board said the dam itself "
        "was sound, but the crest road would stay shut while divers inspected the gates. "
        "Farmers downstream moved cattle to higher pasture, and the town of Morrin opened its "
        "school gym to families from the valley floor. Forecasters expect the rain to ease by "
        "the weekend, when the board will decide whether to lower the reservoir further.",
    ),
    (
        "Tasbek orchestra names a new conductor",
        "The Tasbek Philharmonic has chosen the violinist Dolmir Fenwick as its next music "
        "director, the orchestra's board announced on Friday. Fenwick, who has led the chamber "
        "ensemble of the conservatory for six seasons, will take up the post next autumn and "
        "conduct eight programmes a year. Musicians welcomed the choice after a search of "
        "almost two years, in which eleven guest conductors led trial concerts. The first "
        "season under Fenwick opens with a cycle of symphonies and two new commissions.",
    ),
)
"""Two short reports far from the example's story and from each other: stories of their own."""


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for path in sorted(EXAMPLE.glob("*.txt")):
        shutil.copy(path, folder / path.name)
    for k, (title, body) in enumerate(OTHERS):
        (folder / f"other{k}.txt").write_text(f"{title}\n\n{body}\n", encoding="utf-8")
    return folder


def _rows(db: Path) -> list[tuple[object, ...]]:
    """Every row of every table of the store, sorted."""
    with sqlite3.connect(db) as con:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return sorted(
            (table, *map(repr, row))
            for table in tables
            for row in con.execute(f"SELECT * FROM {table}")  # the store's own table names
        )


def test_stories_taken_one_at_a_time_give_the_same_views_and_records(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _folder(tmp_path)
    with SQLiteStore(tmp_path / "all.db") as store:
        together = analyze([str(folder)], store, extract=False)
    monkeypatch.setattr("newsprism.runner.STORY_GROUP", 1)
    with SQLiteStore(tmp_path / "one.db") as store:
        alone = analyze([str(folder)], store, extract=False)
    assert len(together.views) > 1  # more than one group when taken one at a time
    assert alone.views == together.views
    assert alone.viewed == together.viewed == [v.story.id for v in together.views]
    assert _rows(tmp_path / "one.db") == _rows(tmp_path / "all.db")


def test_a_run_that_keeps_no_view_stores_the_views_it_would_have_kept(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    with SQLiteStore(tmp_path / "kept.db") as store:
        kept = analyze([str(folder)], store, extract=False)
    with SQLiteStore(tmp_path / "ids.db") as store:
        ids = analyze([str(folder)], store, extract=False, keep_views=False)
        assert ids.views == [] and ids.viewed == kept.viewed and kept.viewed
        # Read back from the store, each view prints the digest the kept one prints.
        for story_id, view in zip(ids.viewed, kept.views, strict=True):
            back = load_view(store, story_id)
            assert back.story == view.story and back.brief == view.brief
            assert back.comparison == view.comparison
            assert {a.doc_id: a for a in back.articles} == {a.doc_id: a for a in view.articles}
    assert _rows(tmp_path / "ids.db") == _rows(tmp_path / "kept.db")


def test_the_cli_digest_is_that_of_the_views_the_run_built(tmp_path: Path) -> None:
    from rich.console import Console

    folder = _folder(tmp_path)
    pytest.importorskip("spacy")
    db = tmp_path / "cli.db"
    result = CliRunner().invoke(app, ["analyze", "-q", "--db", str(db), str(folder)])
    assert result.exit_code == 0, result.output
    # The same inputs in another store, the views kept in the report: the same digest.
    with SQLiteStore(tmp_path / "lib.db") as store:
        report = analyze([str(folder)], store)
    console = Console(record=True, width=80)
    print_digest(console, report.views)
    digest = console.export_text()
    assert "more: newsprism show" in digest
    assert " ".join(digest.split()) in " ".join(result.output.split())
