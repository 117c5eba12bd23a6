"""Documents are cleaned on the worker that read them; the clean stage gets what one process
makes, and a document the run skips leaves nothing behind. A local cluster's workers run with
the allocator and the threads one process has, and no sampling profiler."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsprism.config import default_config
from newsprism.distributed.executor import PRECLEANED_MAX, _Precleaned
from newsprism.ingest import iter_documents
from newsprism.pipeline import SerialExecutor
from newsprism.records import Document
from newsprism.stages import Batch, StageContext, build
from newsprism.store import MemoryStore

ROOT = Path(__file__).resolve().parents[1]
SOCHI = ROOT / "examples" / "sochi-2020"


def _settings() -> tuple[str | None, str | None, bool]:
    import os

    import dask

    environ = os.environ
    profiling = dask.config.get("distributed.worker.profile.enabled")
    return environ.get("MALLOC_TRIM_THRESHOLD_"), environ.get("OMP_NUM_THREADS"), profiling


def _documents() -> list[Document]:
    return [d for d in iter_documents([str(SOCHI)]) if isinstance(d, Document)]


def test_the_clean_stage_gets_what_the_workers_cleaned_as_they_read() -> None:
    pytest.importorskip("dask.distributed")
    from newsprism.distributed import DaskExecutor

    with DaskExecutor.start("local", workers=2) as executor:
        context = StageContext(MemoryStore(), default_config(), executor)
        ingest, clean = build("ingest", context), build("clean", context)
        executor.adapt(ingest)
        executor.adapt(clean)
        read = [d for d in ingest.read([str(SOCHI)]) if isinstance(d, Document)]  # type: ignore[attr-defined]
        # One document read here, not on the cluster: cleaned when the stage asks.
        documents = (*read[1:], _documents()[0])
        spread = clean.pipe(Batch(documents=documents))
        # The first document read was skipped (as a run skips a stored one): forgotten.
        assert not executor._precleaned
        assert (executor._precleaned.used, executor._precleaned.unused) == (len(read) - 1, 1)
        # The workers allocate memory as one process does and run no sampling profiler.
        settings = executor.client.run(_settings).values()
        assert list(settings) == [(None, "1", False)] * 2
    serial_context = StageContext(MemoryStore(), default_config(), SerialExecutor())
    serial = build("clean", serial_context).pipe(Batch(documents=documents))
    assert len(read) >= 5
    assert spread == serial
    assert [a.doc_id for a in spread.articles] == [d.id for d in documents]


def test_documents_the_run_skips_are_forgotten() -> None:
    documents = _documents()
    waiting = _Precleaned()
    for number, document in enumerate(documents):
        waiting.put(document, (number, None))
    # Taken in reading order, some left out: those read before a taken one are dropped.
    assert waiting.take(documents[1]) == (1, None)
    assert waiting.take(documents[0]) is None
    assert waiting.take(documents[3]) == (3, None)
    assert waiting.take(documents[2]) is None
    assert (waiting.used, waiting.unused) == (2, 2)
    # A document of the same id that is not the one read is not handed another's outcome.
    again = _documents()
    assert again[4].id == documents[4].id and again[4] is not documents[4]
    assert waiting.take(again[4]) is None
    assert waiting.take(documents[4]) == (4, None)
    assert waiting.worth_it()


def test_cleaning_beside_the_reading_stops_when_its_outcomes_go_unused() -> None:
    waiting = _Precleaned()
    # A run over inputs already stored: the clean stage never asks.
    for number in range(3 * PRECLEANED_MAX):
        waiting.put(Document.__new__(Document), (number, None))
        assert len(waiting._waiting) <= PRECLEANED_MAX
    assert waiting.unused == 2 * PRECLEANED_MAX
    assert not waiting.worth_it()
