"""The pipeline on a real 2-worker Dask LocalCluster gives what one process gives.

A real corpus (ECB+ texts of two topics plus examples/sochi-2020) is analysed twice into two
SQLite stores, once in this process and once with the per-document stages (ingest, clean,
extract) on a LocalCluster of 2 worker processes; every stored record must be the same:
articles, extractions, framing terms, syndication groups, events, storylines, assignments
and the stored comparisons and briefs.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("dask.distributed")
pytest.importorskip("spacy")

from newsprism.distributed import DaskExecutor
from newsprism.pipeline import SerialExecutor
from newsprism.runner import analyze
from newsprism.store import SQLiteStore, Store
from newsprism.store.schema import COLLECTIONS

ROOT = Path(__file__).resolve().parents[1]
ECBPLUS = ROOT.parent / "shared" / "data" / "ecbplus"
SOCHI = ROOT / "examples" / "sochi-2020"

ECB_TOPICS = ("1_", "3_")
"""Two ECB+ topics (each two real events of one kind): stories to form, and to keep apart."""
ECB_DOCS = 34
"""ECB+ texts taken: with sochi-2020, about 40 documents (a run of a few seconds a side)."""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """ECB+ texts of two topics beside the sochi-2020 example, in one folder."""
    if not ECBPLUS.is_dir():
        pytest.skip("../shared is absent: the ECB+ texts are not here")
    from newsprism.evaluation.datasets.ecbplus import write_ecbplus

    base = tmp_path_factory.mktemp("corpus")
    write_ecbplus(ECBPLUS, base / "ecb")
    folder = base / "inputs"
    folder.mkdir()
    names = sorted(
        p.name for p in (base / "ecb" / "docs").iterdir() if p.name.startswith(ECB_TOPICS)
    )
    for name in names[:ECB_DOCS]:
        shutil.copy(base / "ecb" / "docs" / name, folder / name)
    for path in sorted(SOCHI.glob("*.txt")):
        shutil.copy(path, folder / path.name)
    return folder


@pytest.fixture(scope="module")
def executor() -> Iterator[DaskExecutor]:
    """A real LocalCluster of 2 worker processes, one thread each."""
    with DaskExecutor.start("local", workers=2) as started:
        yield started


def _run(corpus: Path, db: Path, executor: Any) -> Store:
    store = SQLiteStore(db)
    report = analyze([str(corpus)], store, executor=executor)
    assert report.ok, report.failures
    assert report.stored and report.extracted == len(report.stored)
    return store


def _records(store: Store) -> dict[str, Any]:
    """Everything the run stored, as comparable values (fetch times aside: they are clocks)."""
    found: dict[str, Any] = {
        "articles": sorted(store.articles(), key=lambda a: a.doc_id),
        "documents": sorted(
            (_timeless(store.document(a.doc_id)) for a in store.articles()), key=repr
        ),
    }
    for kind, collection in COLLECTIONS.items():
        found[kind] = {key: collection.get(store, key) for key in collection.keys(store)}
    from newsprism.views import story_views

    found["views"] = sorted(
        ((v.story, v.comparison, v.brief) for v in story_views(store)), key=lambda v: v[0].id
    )
    return found


def _modules() -> set[str]:
    import sys

    return set(sys.modules)


def _timeless(document: Any) -> Any:
    from dataclasses import replace

    return replace(document, provenance=replace(document.provenance, fetched_at=dt.datetime.min))


def test_two_workers_give_what_one_process_gives(
    corpus: Path, executor: DaskExecutor, tmp_path: Path
) -> None:
    serial = _records(_run(corpus, tmp_path / "serial.db", SerialExecutor()))
    spread = _records(_run(corpus, tmp_path / "dask.db", executor))
    # The cluster did the per-document work: its workers read, cleaned and parsed.
    loaded = executor.client.run(_modules).values()
    for module in ("newsprism.ingest", "newsprism.clean", "spacy"):
        assert any(module in found for found in loaded), module
    # Entities, quotes, figures and framing terms were read on the workers, not the client.
    assert any("newsprism.distributed.extraction" in found for found in loaded)
    assert len(serial["articles"]) >= 35
    # The corpus makes stories, groups and quotes: the comparison is not of empty tables.
    assert serial["cluster.storyline"] and serial["cluster.event"] and serial["views"]
    assert any(x.quotes for xs in serial["extract"].values() for x in xs)
    for kind in serial:
        assert spread[kind] == serial[kind], kind


def test_map_keeps_order_and_reports_each_failure(executor: DaskExecutor) -> None:
    from newsprism.pipeline import Pipeline

    class Invert:
        name = "invert"
        requires = ("document",)
        provides = ("number",)

        def __call__(self, item: Any) -> float:
            return 1 / item

    items = [1, 2, 0, 4, 5, 0, 8, 10, 16, 20, 25, 32, 40, 50, 64, 80, 100, 125, 128, 200]
    outcomes = list(executor.map(Pipeline([Invert()]), items))
    assert [o.index for o in outcomes] == list(range(len(items)))
    assert [o.index for o in outcomes if not o.ok] == [2, 5]
    assert [o.value for o in outcomes if o.ok] == [1 / i for i in items if i]


def test_analyze_runs_on_a_local_cluster_from_the_command_line(tmp_path: Path) -> None:
    import json

    from typer.testing import CliRunner

    from newsprism.cli.app import app

    db, dataset = tmp_path / "cli.db", tmp_path / "run"
    args = ["analyze", str(SOCHI), "--db", str(db), "--scheduler", "local", "--workers", "2"]
    result = CliRunner().invoke(app, [*args, "--dataset", str(dataset)])
    assert result.exit_code == 0, result.output
    manifest = json.loads((dataset / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["tables"]["articles"]["rows"] == len(list(SOCHI.glob("*.txt")))
    assert manifest["tables"]["assignments"]["rows"] == manifest["tables"]["articles"]["rows"]


def test_a_worker_sends_back_its_reading_without_parses() -> None:
    """What an extraction task returns holds no spaCy object (no parse crosses the network),
    and merging it in the client gives the extractions of one process."""
    import io
    import pickle

    from newsprism.clean import clean_batch
    from newsprism.distributed.extraction import extract_partition, partitions
    from newsprism.extract.core import ExtractFailure, assemble, extract_each
    from newsprism.ingest import iter_documents
    from newsprism.records import Document

    documents = [d for d in iter_documents([str(SOCHI)]) if isinstance(d, Document)]
    articles = clean_batch(documents)
    parts = partitions(articles, 16)
    readings = [r for start, part in parts for r in extract_partition(start, part)]
    assert len(readings) == len(articles)
    assert not any(isinstance(r.found, ExtractFailure) for r in readings)
    assert all(isinstance(r.terms, list) and r.terms for r in readings)

    class NoSpacy(pickle.Pickler):
        def reducer_override(self, obj: Any) -> Any:
            module = getattr(type(obj), "__module__", "") or ""
            assert not module.startswith(("spacy", "thinc")), type(obj)
            return NotImplemented

    NoSpacy(io.BytesIO()).dump(readings)
    merged, failures = assemble([pickle.loads(pickle.dumps(r.found)) for r in readings])
    assert not failures
    assert merged == list(extract_each(articles).extractions)
    assert any(x.quotes for x in merged) and any(x.entities for x in merged)


def test_framing_read_by_partition_is_per_article_and_one_bad_article_fails_alone() -> None:
    """A worker reads a partition's framing terms together; each article's are those it gets
    alone, and an article that raises is the only one without terms."""
    from dataclasses import replace

    from newsprism.clean import clean_batch
    from newsprism.distributed.extraction import _framing_each
    from newsprism.extract.core import ExtractFailure, find_each
    from newsprism.extract.framing import framing_terms
    from newsprism.extract.nlp import load_nlp
    from newsprism.ingest import iter_documents
    from newsprism.records import Document

    nlp = load_nlp()
    documents = [d for d in iter_documents([str(SOCHI)]) if isinstance(d, Document)]
    articles = clean_batch(documents)
    found = find_each(articles, nlp, 0)
    read = [(a, f) for a, f in zip(articles, found, strict=True)]
    assert len(read) >= 3 and not any(isinstance(f, ExtractFailure) for _, f in read)
    alone = [framing_terms([a], nlp, parses={a.doc_id: f.parsed.docs})[0] for a, f in read]
    assert _framing_each(read, nlp) == alone
    # One article's parses no longer match its paragraphs: its framing raises, alone.
    article, bad = read[1]
    short = replace(bad, parsed=replace(bad.parsed, docs=bad.parsed.docs[:-1]))
    terms = _framing_each([read[0], (article, short), *read[2:]], nlp)
    assert isinstance(terms[1], ValueError)
    assert terms[:1] + terms[2:] == alone[:1] + alone[2:]
