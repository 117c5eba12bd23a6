"""How fast the per-document stages (ingest, clean, extract) run on an executor.

``docs/cluster.md`` quotes these figures to size a cluster: documents per second through the
stages an executor may spread (reading, cleaning, parsing and extraction), with no store and
none of the stateful stages, so that the number is what more workers can speed up.

The single process is timed in an interpreter of its own (:class:`SingleProcess`), not in the
process that runs the cluster's client: a local cluster's scheduler runs on the client's event
loop, and its threads, heartbeats and Dask's imports would slow the one process being compared
with it (on an idle 2-core machine the cluster then came out at 2.5 times one process).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from newsprism.config import default_config
from newsprism.pipeline import Executor
from newsprism.stages import Batch, StageContext, build
from newsprism.store import MemoryStore

__all__ = ["Rate", "Ratio", "SingleProcess", "compare_rates", "per_document_rate"]


@dataclass(frozen=True, slots=True)
class Rate:
    """Documents through the per-document stages, and the wall-clock seconds they took."""

    documents: int
    seconds: float
    cpu_seconds: float = 0.0
    """CPU seconds spent on them: this process's, and every worker's on a cluster."""
    load: float = 0.0
    """The machine's 1-minute load average as they ended (other work slows a run)."""

    @property
    def per_second(self) -> float:
        """Documents per second."""
        return self.documents / self.seconds if self.seconds else 0.0

    @property
    def per_core(self) -> float:
        """Documents per CPU second: the rate one core gives, however busy the machine was."""
        return self.documents / self.cpu_seconds if self.cpu_seconds else 0.0


def _cpu(executor: Executor) -> float:
    """CPU seconds used so far by this process and by ``executor``'s workers, if any."""
    total = time.process_time()
    client = getattr(executor, "client", None)
    if client is not None:
        total += sum(client.run(time.process_time).values())
    return total


def per_document_rate(paths: Sequence[str], executor: Executor, *, nlp: Any = None) -> Rate:
    """Ingest, clean and extract every document of ``paths`` on ``executor``; the rate.

    ``nlp`` is the model of a run in this process (loaded before the clock starts, so that
    loading is not counted); an executor that parses elsewhere brings its own.
    """
    context = StageContext(MemoryStore(), default_config(), executor)
    ingest, clean, extract = (build(name, context) for name in ("ingest", "clean", "extract"))
    adapt = getattr(executor, "adapt", None)
    for stage in (ingest, clean, extract):
        if adapt is not None:
            adapt(stage)
    if nlp is not None and getattr(extract, "nlp", None) is None:
        extract.nlp = nlp  # type: ignore[attr-defined]
    cpu = _cpu(executor)
    start = time.perf_counter()
    documents = tuple(d for d in ingest.read(paths) if not hasattr(d, "code"))  # type: ignore[attr-defined]
    batch = extract.pipe(clean.pipe(Batch(documents=documents)))
    seconds = time.perf_counter() - start
    return Rate(len(batch.extractions), seconds, _cpu(executor) - cpu, os.getloadavg()[0])


def _serve(handle: int) -> None:
    """The single-process side of :func:`compare_rates`, in an interpreter of its own: the
    model loaded once, then a round over each list of paths received on the connection
    ``handle``, until None comes."""
    from newsprism.extract.nlp import load_nlp
    from newsprism.pipeline import SerialExecutor

    connection = Connection(handle)
    nlp = load_nlp()
    while (paths := connection.recv()) is not None:
        try:
            connection.send(per_document_rate(paths, SerialExecutor(), nlp=nlp))
        except Exception as exc:  # reported, and raised, in the process that asked
            connection.send(exc)
    connection.close()


class SingleProcess:
    """Rounds of :func:`per_document_rate` in a fresh interpreter with nothing else in it (no
    Dask, no cluster's client or scheduler), its model loaded before any round is timed; its
    CPU seconds are that interpreter's own.

    >>> with SingleProcess() as one:  # doctest: +SKIP
    ...     rate = one.rate(["corpus/"])
    """

    def __init__(self) -> None:
        # A new interpreter (not a fork of this one with its threads and imports, nor a
        # multiprocessing child, which runs the caller's main module again), that speaks
        # over one end of a socket pair.
        self._connection, theirs = multiprocessing.Pipe()
        handle = theirs.fileno()
        code = f"from newsprism.distributed.throughput import _serve; _serve({handle})"
        self._process = subprocess.Popen([sys.executable, "-c", code], pass_fds=[handle])
        theirs.close()

    @property
    def pid(self) -> int:
        """The interpreter's process id."""
        return self._process.pid

    def rate(self, paths: Sequence[str]) -> Rate:
        """One round over ``paths`` in that interpreter."""
        self._connection.send(list(paths))
        answer = self._connection.recv()
        if isinstance(answer, BaseException):
            raise answer
        assert isinstance(answer, Rate)
        return answer

    def close(self) -> None:
        """End the interpreter."""
        with contextlib.suppress(OSError):  # it ended already
            self._connection.send(None)
        try:
            self._process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._connection.close()

    def __enter__(self) -> SingleProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@dataclass(frozen=True, slots=True)
class Ratio:
    """Rounds of one process beside rounds on a cluster, run in turn over the same inputs."""

    serial: tuple[Rate, ...]
    cluster: tuple[Rate, ...]

    @property
    def best(self) -> float:
        """The cluster's best rate over the single process's best (noise only slows a run)."""
        return max(r.per_second for r in self.cluster) / max(r.per_second for r in self.serial)

    @property
    def median(self) -> float:
        """The ratio of the median rates."""
        cluster = statistics.median(r.per_second for r in self.cluster)
        return cluster / statistics.median(r.per_second for r in self.serial)

    @property
    def serial_per_core(self) -> float:
        """The single process's best documents per CPU second."""
        return max(r.per_core for r in self.serial)

    @property
    def cluster_per_core(self) -> float:
        """The cluster's best documents per CPU second, its workers' and client's CPU summed:
        its ratio to :attr:`serial_per_core` is what distributing costs, apart from any load."""
        return max(r.per_core for r in self.cluster)

    @property
    def per_core(self) -> float:
        """:attr:`cluster_per_core` over :attr:`serial_per_core` (1: distributing costs no
        CPU; the wall ratio of ``n`` workers on ``n`` free cores is at most about this times
        ``n``)."""
        serial = self.serial_per_core
        return self.cluster_per_core / serial if serial else 0.0

    @property
    def load(self) -> tuple[float, float]:
        """The lowest and highest 1-minute load average seen as the rounds ended."""
        loads = [r.load for r in (*self.serial, *self.cluster)]
        return min(loads), max(loads)

    def __str__(self) -> str:
        serial = max(r.per_second for r in self.serial)
        cluster = max(r.per_second for r in self.cluster)
        low, high = self.load
        return (
            f"{self.serial[0].documents} documents: best {serial:.2f}/s in one process, "
            f"{cluster:.2f}/s on the cluster, ratio {self.best:.2f}x (median {self.median:.2f}x); "
            f"per CPU second {self.serial_per_core:.2f} in one process, "
            f"{self.cluster_per_core:.2f} on the cluster (workers and client), "
            f"{self.per_core:.2f}x; load {low:.2f}-{high:.2f}"
        )


def compare_rates(
    paths: Sequence[str],
    workers: int = 2,
    rounds: int = 3,
    warm: Sequence[str] = (),
    *,
    executor: Any = None,
) -> Ratio:
    """The per-document rate of one process and of a ``workers``-process LocalCluster,
    ``rounds`` times each in turn (so that a busy moment slows both alike); ``warm`` is read
    first on each side, models loaded, uncounted (the first of ``paths`` when empty).

    The single process is a fresh interpreter of its own (:class:`SingleProcess`), started
    before the cluster, idle while the cluster runs; the cluster is idle while it runs.
    ``executor`` is a running ``DaskExecutor`` to use in place of a new LocalCluster."""
    from contextlib import nullcontext

    from newsprism.distributed import DaskExecutor
    from newsprism.extract.nlp import load_nlp

    serial: list[Rate] = []
    cluster: list[Rate] = []
    first = list(warm) or list(paths[:1])
    with SingleProcess() as one:
        one.rate(first)
        started = (
            DaskExecutor.start("local", workers) if executor is None else nullcontext(executor)
        )
        with started as running:
            running.client.run(load_nlp)
            per_document_rate(first, running)
            for _ in range(rounds):
                serial.append(one.rate(paths))
                cluster.append(per_document_rate(paths, running))
    return Ratio(tuple(serial), tuple(cluster))
