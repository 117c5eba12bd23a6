"""A Dask executor: the per-document stages mapped over partitions on a cluster.

``analyze`` runs its stages in one client process, which alone writes the store. Handed a
:class:`DaskExecutor`, it sends the per-document work to the cluster's workers: the inputs are
read (ingest) by partitions of files (a WARC file by ranges of records), documents are cleaned
by partitions, and extraction parses and reads articles on the workers by partitions
(:mod:`newsprism.distributed.extraction`: what comes back is what was read, never a parse; the
client merges entities across the batch). Each map keeps a bounded window of partitions in
flight, so that the client never holds the whole corpus, and results are handed on in the
order a single-process run sees them: dating, dedup and clustering consume the same records in
the same order, and the outcome is the same as a run in one process.

Workers need only the package (and the ``[nlp]`` extra for extraction): every task names the
inputs by path or URL, so no shared filesystem is assumed beyond the inputs themselves.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from newsprism.extras import require
from newsprism.limits import Limits
from newsprism.pipeline import Outcome, Pipeline
from newsprism.records import Document, IngestFailure

__all__ = ["DEFAULT_PARTITION", "DEFAULT_WARC_RECORDS", "DaskExecutor", "RemoteNLP"]

DEFAULT_WARC_RECORDS = 64
"""WARC records per task: a few megabytes of documents coming back from a news crawl's
records (tens of kilobytes of HTML each), some seconds of a worker's reading and cleaning."""

DEFAULT_PARTITION = 8
"""Items (documents, input files) per task: large enough that a task's cost (about 1 ms of
scheduling) is small beside cleaning 8 documents, small enough that 2 workers share a
40-document test corpus evenly (calibrated on ECB+ texts and examples/sochi-2020)."""

PARAGRAPHS_PER_TASK = 64
"""Paragraphs one parsing task sends to spaCy: about 0.3 s of parsing on one core here."""


def _run_partition(pipeline: Pipeline, start: int, items: Sequence[Any]) -> list[Outcome]:
    """The pipeline over one partition, each outcome under its index in the whole map."""
    outcomes: list[Outcome] = []
    for offset, item in enumerate(items):
        value, problem = pipeline.run_one(item)
        outcomes.append(Outcome(start + offset, value, problem))
    return outcomes


def _read_partition(
    paths: Sequence[str], max_bytes: int | None, limits: Limits | None
) -> list[Document | IngestFailure]:
    """The documents (and failures) of a few input files, in order, read on a worker."""
    from newsprism.ingest import iter_documents

    return list(iter_documents(list(paths), max_bytes=max_bytes, limits=limits))


def _warc_ranges(path: str, records: int, max_bytes: int | None, limits: Limits | None) -> Any:
    """A WARC file's byte ranges of ``records`` records each, found on a worker (or None)."""
    from newsprism.ingest.base import limits_with
    from newsprism.ingest.warc import warc_ranges

    return warc_ranges(path, records, limits=limits_with(limits, max_bytes))


def _read_range(
    part: Any, max_bytes: int | None, limits: Limits | None
) -> list[Document | IngestFailure]:
    """The documents (and failures) of one range of a WARC file, read on a worker."""
    from newsprism.ingest.base import limits_with
    from newsprism.ingest.warc import read_warc_range

    return list(read_warc_range(part, limits=limits_with(limits, max_bytes)))


def _is_warc(path: str) -> bool:
    """True for a local file named as a WARC (``.warc``, ``.warc.gz``)."""
    from newsprism.ingest.fetch import is_url
    from newsprism.ingest.sniff import Format, by_extension

    return not is_url(path) and by_extension(path) is Format.WARC


def _shown(path: str) -> str:
    from newsprism.ingest.base import shown_path

    return shown_path(path)


@dataclass(slots=True)
class _WarcStart:
    """Where a WARC file's ranges begin in the stream of results; how many items they gave."""

    items: int = 0


@dataclass(frozen=True, slots=True)
class _WarcEnd:
    """Where they end, with the archive's failure should none of them hold an article."""

    failure: IngestFailure


def _parse_partition(texts: Sequence[str], batch_size: int) -> bytes:
    """spaCy parses of ``texts`` made on a worker (its model loaded once), as DocBin bytes."""
    from spacy.tokens import DocBin

    from newsprism.extract.nlp import load_nlp

    nlp = load_nlp()
    docs = DocBin(store_user_data=True)
    for doc in nlp.pipe(texts, batch_size=batch_size):
        docs.add(doc)
    return bytes(docs.to_bytes())


class DaskExecutor:
    """Maps pipelines over partitions on a Dask cluster, a bounded window of them in flight.

    ``DaskExecutor.start("local", 2)`` starts a ``LocalCluster`` of 2 worker processes (one
    thread each) and owns it; ``DaskExecutor.start("tcp://HOST:8786")`` connects to a running
    scheduler. A client made elsewhere can be handed in as it is.
    """

    def __init__(
        self,
        client: Any,
        *,
        partition: int = DEFAULT_PARTITION,
        window: int | None = None,
        warc_records: int = DEFAULT_WARC_RECORDS,
        owned: Sequence[Any] = (),
    ) -> None:
        self.client = client
        self.partition = max(1, partition)
        self.warc_records = max(1, warc_records)
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        # Two partitions per worker in flight: one running, one queued, so no worker waits
        # for the client, and the client holds no more than that.
        self.window = window or 2 * workers
        self._owned = list(owned)
        self._scattered: tuple[Pipeline, Any] | None = None
        self._reading: Any = None
        """The extraction stage whose reading runs on the workers (its parses stay there)."""

    @classmethod
    def start(cls, scheduler: str = "local", workers: int = 2, **options: Any) -> DaskExecutor:
        """Start a local cluster (``"local"``) or connect to the scheduler at an address."""
        # Through the module object: Dask's own functions carry no types.
        dask = require("dask.distributed", "distributed")
        Client, LocalCluster = dask.Client, dask.LocalCluster
        if scheduler == "local":
            # Processes, not threads: cleaning and parsing hold the GIL.
            cluster = LocalCluster(
                n_workers=max(1, workers),
                threads_per_worker=1,
                processes=True,
                # Any free port: a second cluster on the machine must not collide.
                dashboard_address=":0",
            )
            client = Client(cluster)
            return cls(client, owned=[client, cluster], **options)
        client = Client(scheduler, timeout="10s")
        return cls(client, owned=[client], **options)

    def close(self) -> None:
        """Close the client and the cluster this executor started (none it was handed)."""
        for thing in self._owned:
            thing.close()
        self._owned = []

    def __enter__(self) -> DaskExecutor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the Executor protocol -------------------------------------------------------------

    def map(self, pipeline: Pipeline, items: Iterable[Any]) -> Iterator[Outcome]:
        """Run ``pipeline`` on every item, by partitions; outcomes in the items' order."""
        shared = self._shared(pipeline)
        tasks = (
            self.client.submit(_run_partition, shared, start, part, pure=False)
            for start, part in _partitions(items, self.partition)
        )
        for outcomes in self._ordered(tasks):
            yield from outcomes

    # -- the stages it takes over ----------------------------------------------------------

    def adapt(self, stage: Any) -> None:
        """Send ``stage``'s per-document work to the cluster: the ingest stage reads its
        inputs there, the extraction stage parses there; other stages are left as they are."""
        name = getattr(getattr(stage, "spec", None), "name", "")
        if name == "ingest" and hasattr(stage, "read"):
            max_bytes = getattr(stage, "max_bytes", None)
            limits = getattr(stage, "limits", None)

            def read(inputs: Sequence[str]) -> Iterator[Document | IngestFailure]:
                return self.read(inputs, max_bytes=max_bytes, limits=limits)

            stage.read = read
        elif name == "extract" and getattr(stage, "nlp", False) is None and _has_nlp():
            # Without the [nlp] extra the stage is left alone: it says so in the notices.
            # The workers parse and read entities, quotes, figures and framing terms; the
            # client only merges entities across the batch.
            from newsprism.distributed.extraction import remote_read

            stage.nlp = RemoteNLP(self)
            stage.read = remote_read(self)
            self._reading = stage
        elif "parse" in getattr(getattr(stage, "spec", None), "needs", ()):
            # A later stage reads the parses themselves: they come back as DocBin bytes and
            # extraction reads them in the client, as before.
            reading, self._reading = self._reading, None
            if reading is not None:
                del reading.read

    def read(
        self,
        inputs: Sequence[str],
        *,
        max_bytes: int | None = None,
        limits: Limits | None = None,
    ) -> Iterator[Document | IngestFailure]:
        """Every document of ``inputs``, read on the workers by partitions of files, in the
        order one process reads them; a bad input is a failure, as there. A WARC file is read
        in ranges of ``warc_records`` records, a task each: a worker walks the archive for
        the ranges' bounds, and the client never holds more of it than the window's
        results."""
        from newsprism.ingest.base import failure, limits_with
        from newsprism.ingest.paths import expand_paths

        bounds = limits_with(limits, max_bytes)
        # Listing the inputs is cheap and needs no reading; the failures it finds (a missing
        # path, an empty glob) keep their place in the stream.
        listing = (
            item if isinstance(item, IngestFailure) else [item] for item in expand_paths(inputs)
        )
        tasks = self._read_tasks(_file_partitions(listing, self.partition), max_bytes, limits)
        documents = 0
        warc: _WarcStart | None = None
        for items in self._ordered(tasks):
            if isinstance(items, _WarcStart):
                warc = items
                continue
            if isinstance(items, _WarcEnd):
                if warc is not None and not warc.items:
                    # No range held an article: the archive's failure, as in one process.
                    yield items.failure
                warc = None
                continue
            for item in [items] if isinstance(items, IngestFailure) else items:
                if warc is not None:
                    warc.items += 1
                if isinstance(item, Document):
                    # The run's document bound counts across partitions, as in one process.
                    if documents >= bounds.max_documents:
                        detail = "this input and any after it"
                        yield failure(
                            item.provenance.source, "E017", detail, f"{bounds.max_documents:,}"
                        )
                        return
                    documents += 1
                yield item

    def _read_tasks(
        self, parts: Iterator[list[Any]], max_bytes: int | None, limits: Limits | None
    ) -> Iterator[Any]:
        """A task per partition of files; a WARC file's records in ranges, a task each,
        between markers (the archive-wide check of no article is made once, in the client)."""
        from newsprism.ingest.warc import no_articles

        def whole(paths: list[str]) -> Any:
            return self.client.submit(_read_partition, paths, max_bytes, limits, pure=False)

        for part in parts:
            if isinstance(part[0], IngestFailure):
                yield part[0]
                continue
            files: list[str] = []
            for path in part:
                if not _is_warc(path):
                    files.append(path)
                    continue
                if files:
                    yield whole(files)
                    files = []
                # The records are walked on a worker; the client gets byte ranges, no data.
                scan = self.client.submit(
                    _warc_ranges, path, self.warc_records, max_bytes, limits, pure=False
                )
                ranges = scan.result()
                if ranges is None:  # not one sound archive: read whole, failures and all
                    yield whole([path])
                    continue
                yield _WarcStart()
                for one in ranges:
                    yield self.client.submit(_read_range, one, max_bytes, limits, pure=False)
                yield _WarcEnd(no_articles(_shown(path)))
            if files:
                yield whole(files)

    def parse(self, texts: Iterable[str], batch_size: int) -> Iterator[bytes]:
        """DocBin bytes of ``texts`` parsed on the workers, partition by partition, in order."""
        tasks = (
            self.client.submit(_parse_partition, part, batch_size, pure=False)
            for _, part in _partitions(texts, PARAGRAPHS_PER_TASK)
        )
        yield from self._ordered(tasks)

    # -- helpers ---------------------------------------------------------------------------

    def _shared(self, pipeline: Pipeline) -> Any:
        # The pipeline goes to each worker once, not once per task. The pipeline itself is
        # kept beside its future, so that no later pipeline can take its id.
        if self._scattered is None or self._scattered[0] is not pipeline:
            self._scattered = (pipeline, self.client.scatter(pipeline, broadcast=True))
        return self._scattered[1]

    def _ordered(self, tasks: Iterator[Any]) -> Iterator[Any]:
        """Each task's result in submission order, ``window`` tasks in flight at most."""
        pending: deque[Any] = deque()
        for task in tasks:
            pending.append(task)
            if len(pending) >= self.window:
                yield _result(pending.popleft())
        while pending:
            yield _result(pending.popleft())


def _has_nlp() -> bool:
    """True when spaCy and newsprism's extraction import here (the [nlp] extra)."""
    try:
        require("spacy", "nlp")
        require("newsprism.extract", "nlp")
    except Exception:
        return False
    return True


def _result(task: Any) -> Any:
    """A future's result, or a value that needed no task."""
    return task.result() if hasattr(task, "result") else task


def _partitions(items: Iterable[Any], size: int) -> Iterator[tuple[int, list[Any]]]:
    """``items`` in lists of ``size``, each with the index of its first item."""
    part: list[Any] = []
    start = 0
    for index, item in enumerate(items):
        if not part:
            start = index
        part.append(item)
        if len(part) >= size:
            yield start, part
            part = []
    if part:
        yield start, part


def _file_partitions(
    listing: Iterable[list[str] | IngestFailure], size: int
) -> Iterator[list[Any]]:
    """Input files in lists of ``size``; a listing failure alone, in its place."""
    part: list[Any] = []
    for entry in listing:
        if isinstance(entry, IngestFailure):
            if part:
                yield part
                part = []
            yield [entry]
            continue
        part.extend(entry)
        if len(part) >= size:
            yield part
            part = []
    if part:
        yield part


class RemoteNLP:
    """A spaCy pipeline whose ``pipe`` parses on the cluster's workers.

    Everything else (the vocabulary the parses are read back with, ``nlp(text)``) is the
    local model's, so that a parse read back is the one a local ``pipe`` makes.
    """

    def __init__(self, executor: DaskExecutor, local: Any = None) -> None:
        self.executor = executor
        self._local = local

    @property
    def local(self) -> Any:
        """The model in this process (loaded on first use)."""
        if self._local is None:
            from newsprism.extract.nlp import load_nlp

            self._local = load_nlp()
        return self._local

    def pipe(self, texts: Iterable[str], batch_size: int = 1000, **_: Any) -> Iterator[Any]:
        """The Docs of ``texts``, in order, parsed on the workers."""
        from spacy.tokens import DocBin

        vocab = self.local.vocab
        for data in self.executor.parse(texts, batch_size):
            yield from DocBin(store_user_data=True).from_bytes(data).get_docs(vocab)

    def __call__(self, text: str) -> Any:
        return self.local(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.local, name)
