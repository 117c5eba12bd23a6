"""`newsprism export --format parquet` and `analyze --dataset` write what the store holds.

The sochi-2020 example is analysed into a real SQLite store (spaCy extraction included); the
Parquet dataset is read back with pyarrow and must hold every article, every paragraph with
its role and span, every entity mention, quote and figure, and every assignment of the store.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

pa = pytest.importorskip("pyarrow")
pytest.importorskip("spacy")
ds = pytest.importorskip("pyarrow.dataset")

from newsprism.cli.app import app  # noqa: E402
from newsprism.render.parquet import SCHEMA_VERSION, TABLES, schemas  # noqa: E402
from newsprism.store import SQLiteStore  # noqa: E402
from newsprism.store.schema import ASSIGNMENTS, EXTRACTIONS  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SOCHI = ROOT / "examples" / "sochi-2020"


@pytest.fixture(scope="module")
def analysed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path]]:
    """A store of the sochi-2020 example, analysed with ``--dataset``: (db, dataset dir)."""
    base = tmp_path_factory.mktemp("parquet")
    db, dataset = base / "sochi.db", base / "run"
    result = CliRunner().invoke(
        app, ["analyze", str(SOCHI), "--db", str(db), "--dataset", str(dataset)]
    )
    assert result.exit_code == 0, result.output
    yield db, dataset


def _rows(folder: Path) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = ds.dataset(folder, format="parquet").to_table().to_pylist()
    return rows


def _check(store: SQLiteStore, root: Path) -> None:
    manifest = json.loads((root / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["schema_version"] == SCHEMA_VERSION
    assert set(manifest["tables"]) == set(TABLES)
    for name, schema in schemas().items():
        files = sorted((root / name).glob("part-*.parquet"))
        assert files, name
        read = pa.parquet.read_schema(files[0])
        assert read.equals(schema, check_metadata=False), name
        assert read.metadata[b"newsprism.schema"] == SCHEMA_VERSION.encode()
    articles = list(store.articles())
    assert len(articles) >= 5
    by_id = {a.doc_id: a for a in articles}
    assert {r["doc_id"]: r["title"] for r in _rows(root / "articles")} == {
        a.doc_id: a.title for a in articles
    }
    documents = {r["doc_id"]: r for r in _rows(root / "documents")}
    for article in articles:
        document = store.document(article.doc_id)
        assert document is not None
        assert documents[article.doc_id]["content"] == document.content
        assert documents[article.doc_id]["content_hash"] == document.provenance.content_hash
    paragraphs = {(r["doc_id"], r["index"]): r for r in _rows(root / "paragraphs")}
    expected = {(a.doc_id, p.index): p for a in articles for p in a.paragraphs}
    assert paragraphs.keys() == expected.keys()
    for key, p in expected.items():
        row = paragraphs[key]
        assert (row["role"], row["start"], row["end"]) == (str(p.role), p.span.start, p.span.end)
        assert by_id[key[0]].text[row["start"] : row["end"]] == row["text"] == p.text
    extractions = [x for a in articles for x in EXTRACTIONS.get(store, a.doc_id)]
    mentions = {(m.span.doc_id, e.id, m.span.start, m.span.end, m.kind)
                for x in extractions for e in x.entities for m in e.mentions}  # fmt: skip
    read_mentions = {(r["doc_id"], r["entity_id"], r["start"], r["end"], r["kind"])
                     for r in _rows(root / "mentions")}  # fmt: skip
    assert mentions and read_mentions == mentions
    quotes = {(x.doc_id, q.span.start, q.span.end, q.speaker_id) for x in extractions
              for q in x.quotes}  # fmt: skip
    read_quotes = {(r["doc_id"], r["start"], r["end"], r["speaker_id"])
                   for r in _rows(root / "quotes")}  # fmt: skip
    assert quotes and read_quotes == quotes
    figures = {(x.doc_id, g.span.start, g.span.end, g.value) for x in extractions
               for g in x.figures}  # fmt: skip
    assert figures == {(r["doc_id"], r["start"], r["end"], r["value"])
                       for r in _rows(root / "figures")}  # fmt: skip
    assignments = {a.doc_id: a for a in ASSIGNMENTS.find(store, list(by_id))}
    assert assignments.keys() == by_id.keys()
    assert {r["doc_id"]: (r["story_id"], r["event_id"]) for r in _rows(root / "assignments")} == {
        d: (a.story_id, a.event_id) for d, a in assignments.items()
    }


def test_export_round_trips_every_article_span_and_assignment(
    analysed: tuple[Path, Path], tmp_path: Path
) -> None:
    db, _ = analysed
    out = tmp_path / "export"
    result = CliRunner().invoke(
        app, ["export", "--format", "parquet", "-o", str(out), "--db", str(db)]
    )
    assert result.exit_code == 0, result.output
    with SQLiteStore(db) as store:
        _check(store, out)


def test_analyze_dataset_writes_the_same_for_the_run(analysed: tuple[Path, Path]) -> None:
    db, dataset = analysed
    with SQLiteStore(db) as store:
        _check(store, dataset)


def test_parquet_export_needs_a_folder(analysed: tuple[Path, Path]) -> None:
    db, _ = analysed
    result = CliRunner().invoke(app, ["export", "--format", "parquet", "--db", str(db)])
    assert result.exit_code == 2
    assert "-o DIR" in result.output
