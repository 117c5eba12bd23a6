"""A Dask executor: the per-document stages mapped over partitions on a cluster.

``analyze`` runs its stages in one client process, which alone writes the store. Handed a
:class:`DaskExecutor`, it sends the per-document work to the cluster's workers: the inputs are
read (ingest) by partitions of files (a WARC file by ranges of records) and each document is
cleaned on the worker that read it (dating, next, reads the cleaned batch in the client), and
extraction parses and reads articles on the workers by partitions
(:mod:`newsprism.distributed.extraction`: what comes back is what was read, never a parse; the
client merges entities across the batch). Each map keeps a bounded window of partitions in
flight, so that the client never holds the whole corpus, and results are handed on in the
order a single-process run sees them: dating, dedup and clustering consume the same records in
the same order, and the outcome is the same as a run in one process.

Workers need only the package (and the ``[nlp]`` extra for extraction): every task names the
inputs by path or URL, so no shared filesystem is assumed beyond the inputs themselves.
"""

from __future__ import annotations

from collections import OrderedDict, deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from newsprism.errors import Problem
from newsprism.extras import require
from newsprism.limits import Limits
from newsprism.pipeline import Outcome, Pipeline
from newsprism.records import Document, IngestFailure

__all__ = [
    "DEFAULT_PARTITION",
    "DEFAULT_WARC_RECORDS",
    "DaskExecutor",
    "RemoteNLP",
    "local_settings",
]

DEFAULT_WARC_RECORDS = 64
"""WARC records per task: a few megabytes of documents coming back from a news crawl's
records (tens of kilobytes of HTML each), some seconds of a worker's reading and cleaning."""

DEFAULT_PARTITION = 8
"""Items (documents, input files) per task: large enough that a task's cost (about 1 ms of
scheduling) is small beside cleaning 8 documents, small enough that 2 workers share a
40-document test corpus evenly (calibrated on ECB+ texts and examples/sochi-2020)."""

PARAGRAPHS_PER_TASK = 64
"""Paragraphs one parsing task sends to spaCy: about 0.3 s of parsing on one core here."""


def local_settings(environ: Mapping[str, Any] | None) -> dict[str, Any]:
    """Dask settings of a LocalCluster this executor starts: its workers spend their CPU on
    the tasks, as one process would.

    - Dask's nannies start workers with ``MALLOC_TRIM_THRESHOLD_=65536`` (``environ``, the
      ``distributed.nanny.pre-spawn-environ`` setting), which makes glibc hand every freed
      block back and map each large buffer of a parse afresh: extracting 120 ECB+ texts in
      one process took 7.4-7.7 CPU s without it and 10.0-10.4 with it (sys time 3.9 -> 15 s).
      The workers keep the allocator one process has (the thread limits are kept).
    - Dask's statistical profiler samples each worker's stack every 10 ms, and each server's
      event loop wakes every 20 ms to measure itself: an idle worker spent 0.033 CPU s a
      second, 2-2.5 of the workers' 13-15 CPU s on those 120 texts were outside the tasks'
      thread. Without the profiler and with a tick a second: 0.008 a second, 0.5-0.7 CPU s.
    (Measured on this project's 2-core test machine, 2 workers, ``time.thread_time`` in the
    tasks beside the workers' ``time.process_time``.)
    """
    kept = {k: v for k, v in (environ or {}).items() if k != "MALLOC_TRIM_THRESHOLD_"}
    return {
        "distributed.nanny.pre-spawn-environ": kept,
        "distributed.worker.profile.enabled": False,
        "distributed.admin.system-monitor.gil.enabled": False,
        "distributed.admin.tick.interval": "1s",
    }


def _run_partition(pipeline: Pipeline, start: int, items: Sequence[Any]) -> list[Outcome]:
    """The pipeline over one partition, each outcome under its index in the whole map."""
    outcomes: list[Outcome] = []
    for offset, item in enumerate(items):
        value, problem = pipeline.run_one(item)
        outcomes.append(Outcome(start + offset, value, problem))
    return outcomes


@dataclass(frozen=True, slots=True)
class _Cleaned:
    """What a worker read, each document with what cleaning it gave (None for a failure)."""

    items: list[Document | IngestFailure]
    outcomes: list[tuple[Any, Problem | None] | None]


def _cleaned(items: list[Document | IngestFailure], cleaning: Pipeline | None) -> Any:
    """``items``, each document cleaned by ``cleaning`` beside it when there is one."""
    if cleaning is None:
        return items
    outcomes = [cleaning.run_one(item) if isinstance(item, Document) else None for item in items]
    return _Cleaned(items, outcomes)


def _read_partition(
    paths: Sequence[str],
    max_bytes: int | None,
    limits: Limits | None,
    cleaning: Pipeline | None = None,
) -> Any:
    """The documents (and failures) of a few input files, in order, read on a worker (and
    cleaned there too, given the clean stage's pipeline)."""
    from newsprism.ingest import iter_documents

    items = list(iter_documents(list(paths), max_bytes=max_bytes, limits=limits))
    return _cleaned(items, cleaning)


def _warc_ranges(path: str, records: int, max_bytes: int | None, limits: Limits | None) -> Any:
    """A WARC file's byte ranges of ``records`` records each, found on a worker (or None)."""
    from newsprism.ingest.base import limits_with
    from newsprism.ingest.warc import warc_ranges

    return warc_ranges(path, records, limits=limits_with(limits, max_bytes))


def _read_range(
    part: Any, max_bytes: int | None, limits: Limits | None, cleaning: Pipeline | None = None
) -> Any:
    """The documents (and failures) of one range of a WARC file, read on a worker (and
    cleaned there too, given the clean stage's pipeline)."""
    from newsprism.ingest.base import limits_with
    from newsprism.ingest.warc import read_warc_range

    items = list(read_warc_range(part, limits=limits_with(limits, max_bytes)))
    return _cleaned(items, cleaning)


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
        # Four partitions per worker in flight: one running and the next ones queued, so that
        # no worker waits for the client even when the client is slow to come back to take a
        # result (a loaded machine), and the client holds no more than that. (Reading and
        # cleaning 120 ECB+ texts on 2 workers, load 5: 0.8-1.8 s wall with 2 a worker,
        # 0.75-0.96 s with 4.)
        self.window = window or 4 * workers
        self._owned = list(owned)
        self._scattered: tuple[Pipeline, Any] | None = None
        self._reading: Any = None
        """The extraction stage whose reading runs on the workers (its parses stay there)."""
        self._cleaning: Pipeline | None = None
        """The clean stage's pipeline, run on each document where it was read."""
        self._precleaned = _Precleaned()

    @classmethod
    def start(cls, scheduler: str = "local", workers: int = 2, **options: Any) -> DaskExecutor:
        """Start a local cluster (``"local"``) or connect to the scheduler at an address."""
        # Through the module object: Dask's own functions carry no types.
        dask = require("dask.distributed", "distributed")
        Client, LocalCluster = dask.Client, dask.LocalCluster
        if scheduler == "local":
            config = require("dask.config", "distributed")
            # The cluster's scheduler and nannies read these settings as they start.
            with config.set(local_settings(config.get("distributed.nanny.pre-spawn-environ"))):
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
        """Run ``pipeline`` on every item, by partitions; outcomes in the items' order.

        The clean stage's documents were cleaned where they were read (see :meth:`read`):
        their outcomes are handed on as they came; any other item is cleaned now."""
        if pipeline is self._cleaning and self._precleaned:
            yield from self._map_precleaned(pipeline, list(items))
            return
        yield from self._map(pipeline, items)

    def _map(self, pipeline: Pipeline, items: Iterable[Any]) -> Iterator[Outcome]:
        shared = self._shared(pipeline)
        tasks = (
            self.client.submit(_run_partition, shared, start, part, pure=False)
            for start, part in _partitions(items, self.partition)
        )
        for outcomes in self._ordered(tasks):
            yield from outcomes

    def _map_precleaned(self, pipeline: Pipeline, items: list[Any]) -> Iterator[Outcome]:
        found = [self._precleaned.take(item) for item in items]
        missing = [i for i, outcome in enumerate(found) if outcome is None]
        for outcome in self._map(pipeline, [items[i] for i in missing]) if missing else ():
            index = missing[outcome.index]
            found[index] = (outcome.value, outcome.problem)
        for index, pair in enumerate(found):
            assert pair is not None
            yield Outcome(index, *pair)

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
        elif name == "clean" and getattr(stage, "executor", None) is self:
            # Each document is cleaned on the worker that read it, so that it never travels
            # back and out again between the two stages (dating, between clean and extract,
            # reads the cleaned batch in the client as before).
            pipeline = getattr(stage, "pipeline", None)
            if isinstance(pipeline, Pipeline):
                self._cleaning = pipeline
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
        results. When the clean stage was adapted, each document is cleaned on the worker
        that read it, and :meth:`map` hands that outcome to the stage."""
        from newsprism.ingest.base import failure, limits_with
        from newsprism.ingest.paths import expand_paths

        bounds = limits_with(limits, max_bytes)
        # What an earlier reading cleaned and no clean stage asked for is forgotten.
        self._precleaned = _Precleaned()
        # Listing the inputs is cheap and needs no reading; the failures it finds (a missing
        # path, an empty glob) keep their place in the stream.
        listing = (
            item if isinstance(item, IngestFailure) else [item] for item in expand_paths(inputs)
        )
        tasks = self._read_tasks(_file_partitions(listing, self.partition), max_bytes, limits)
        documents = 0
        warc: _WarcStart | None = None
        for items in self._ordered(tasks):
            if isinstance(items, _Cleaned):
                for item, outcome in zip(items.items, items.outcomes, strict=True):
                    if outcome is not None and isinstance(item, Document):
                        self._precleaned.put(item, outcome)
                items = items.items
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

        def cleaning() -> Any:
            # The clean stage's pipeline (sent to each worker once), while what was cleaned
            # beside the reading is being used: not on a run whose inputs are mostly stored.
            if self._cleaning is None or not self._precleaned.worth_it():
                return None
            return self._shared(self._cleaning)

        def whole(paths: list[str]) -> Any:
            return self.client.submit(
                _read_partition, paths, max_bytes, limits, cleaning(), pure=False
            )

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
                    yield self.client.submit(
                        _read_range, one, max_bytes, limits, cleaning(), pure=False
                    )
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


PRECLEANED_MAX = 2048
"""Documents cleaned beside their reading that wait for the clean stage at most: 8 chunks of
the default 256, so that a run's chunks find theirs (a few KB an article), and documents the
run skips (already stored, copies) are forgotten in time."""


class _Precleaned:
    """What cleaning gave each document read so far, until the clean stage asks for it.

    Documents are taken in the order they were read (the runner cleans them in chunks, in
    that order, leaving out those it skips); a document is known by the object read, so that
    the outcome handed on is that of this very document."""

    def __init__(self) -> None:
        self._waiting: OrderedDict[int, tuple[int, Document, tuple[Any, Problem | None]]]
        self._waiting = OrderedDict()
        self._count = 0
        self.used = 0
        self.unused = 0

    def __bool__(self) -> bool:
        return bool(self._waiting)

    def put(self, document: Document, outcome: tuple[Any, Problem | None]) -> None:
        self._count += 1
        self._waiting[id(document)] = (self._count, document, outcome)
        while len(self._waiting) > PRECLEANED_MAX:
            self._waiting.popitem(last=False)
            self.unused += 1

    def take(self, document: Any) -> tuple[Any, Problem | None] | None:
        """The outcome of ``document``'s cleaning, if it was cleaned where it was read."""
        entry = self._waiting.get(id(document))
        if entry is None or entry[1] is not document:
            return None
        del self._waiting[id(document)]
        self.used += 1
        # Documents read before this one and not taken were skipped by the run.
        while self._waiting:
            first = next(iter(self._waiting.values()))
            if first[0] > entry[0]:
                break
            self._waiting.popitem(last=False)
            self.unused += 1
        return entry[2]

    def worth_it(self) -> bool:
        """False once most documents cleaned beside their reading went unused (a run over
        inputs already stored): from then on they are cleaned only when the stage asks."""
        return self.unused <= 2 * self.used + PRECLEANED_MAX // 8


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
