"""How fast the per-document stages (ingest, clean, extract) run on an executor.

``docs/cluster.md`` quotes these figures to size a cluster: documents per second through the
stages an executor may spread (reading, cleaning, parsing and extraction), with no store and
none of the stateful stages, so that the number is what more workers can speed up.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from newsprism.config import default_config
from newsprism.pipeline import Executor
from newsprism.stages import Batch, StageContext, build
from newsprism.store import MemoryStore

__all__ = ["Rate", "Ratio", "compare_rates", "per_document_rate"]


@dataclass(frozen=True, slots=True)
class Rate:
    """Documents through the per-document stages, and the wall-clock seconds they took."""

    documents: int
    seconds: float
    cpu_seconds: float = 0.0
    """CPU seconds spent on them: this process's, and every worker's on a cluster."""

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
    return Rate(len(batch.extractions), seconds, _cpu(executor) - cpu)


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

    def __str__(self) -> str:
        serial = max(r.per_second for r in self.serial)
        cluster = max(r.per_second for r in self.cluster)
        return (
            f"{self.serial[0].documents} documents: best {serial:.2f}/s in one process, "
            f"{cluster:.2f}/s on the cluster, ratio {self.best:.2f}x (median {self.median:.2f}x); "
            f"per CPU second {self.serial_per_core:.2f} in one process, "
            f"{self.cluster_per_core:.2f} on the cluster (workers and client)"
        )

    @property
    def serial_per_core(self) -> float:
        """The single process's best documents per CPU second."""
        return max(r.per_core for r in self.serial)

    @property
    def cluster_per_core(self) -> float:
        """The cluster's best documents per CPU second, its workers' and client's CPU summed:
        its ratio to :attr:`serial_per_core` is what distributing costs, apart from any load."""
        return max(r.per_core for r in self.cluster)


def compare_rates(
    paths: Sequence[str],
    workers: int = 2,
    rounds: int = 3,
    warm: Sequence[str] = (),
    *,
    executor: Any = None,
) -> Ratio:
    """The per-document rate in this process and on a ``workers``-process LocalCluster,
    ``rounds`` times each in turn (so that a busy moment slows both alike); ``warm`` is read
    first on each side, models loaded, uncounted (the first of ``paths`` when empty).
    ``executor`` is a running ``DaskExecutor`` to use in place of a new LocalCluster."""
    from contextlib import nullcontext

    from newsprism.distributed import DaskExecutor
    from newsprism.extract.nlp import load_nlp
    from newsprism.pipeline import SerialExecutor

    nlp = load_nlp()
    serial: list[Rate] = []
    cluster: list[Rate] = []
    started = DaskExecutor.start("local", workers) if executor is None else nullcontext(executor)
    with started as running:
        running.client.run(load_nlp)
        first = list(warm) or list(paths[:1])
        per_document_rate(first, SerialExecutor(), nlp=nlp)
        per_document_rate(first, running)
        for _ in range(rounds):
            serial.append(per_document_rate(paths, SerialExecutor(), nlp=nlp))
            cluster.append(per_document_rate(paths, running))
    return Ratio(tuple(serial), tuple(cluster))
