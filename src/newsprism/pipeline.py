"""Per-item pipelines and the executors that map them: one record to the next, anywhere.

An item stage maps one record to another (a ``Document`` to an ``Article``) and declares what
it needs and provides (record kinds such as ``"document"`` or ``"article"``); :class:`Pipeline`
checks the order before anything runs. Item stages are found by versioned name
(``"newsprism.clean.v1"``). An :class:`Executor` maps a pipeline over items: in this process,
in a process pool, or (later) on a Dask cluster; each item's result or coded
:class:`~newsprism.errors.Problem` comes back as an :class:`Outcome`.

The stages ``analyze`` runs, which take and return whole batches, are in
:mod:`newsprism.stages`: its per-document stages hand their item pipelines to an executor.
"""

from __future__ import annotations

import concurrent.futures as cf
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from newsprism.errors import NewsprismError, Problem, problem_of

__all__ = [
    "Executor",
    "Outcome",
    "Pipeline",
    "ProcessPoolExecutor",
    "SerialExecutor",
    "Stage",
    "get_stage",
    "register_stage",
    "registered_stages",
]


@runtime_checkable
class Stage(Protocol):
    """One step of an item pipeline."""

    name: str
    requires: tuple[str, ...]
    provides: tuple[str, ...]

    def __call__(self, item: Any) -> Any:
        """Turn one record into the next."""


_REGISTRY: dict[str, Callable[[], Stage]] = {}
_ENTRY_POINTS_LOADED = False


def register_stage(name: str) -> Callable[[Callable[[], Any]], Callable[[], Any]]:
    """Register an item stage factory under a versioned name such as ``newsprism.clean.v1``."""

    def decorator(factory: Callable[[], Any]) -> Callable[[], Any]:
        _REGISTRY[name] = factory
        return factory

    return decorator


def _load_entry_points() -> None:
    global _ENTRY_POINTS_LOADED
    if _ENTRY_POINTS_LOADED:
        return
    _ENTRY_POINTS_LOADED = True
    # newsprism's own item stages register on import (spaCy itself loads only when the
    # extraction stage runs). The ``newsprism.stages`` entry points name batch stages: they
    # are loaded by newsprism.stages.registry.
    import newsprism.clean
    import newsprism.extract  # noqa: F401


def registered_stages() -> list[str]:
    """Names of all item stages known to the registry."""
    _load_entry_points()
    return sorted(_REGISTRY)


def get_stage(name: str) -> Stage:
    """Build the item stage registered under ``name``."""
    _load_entry_points()
    try:
        return _REGISTRY[name]()
    except KeyError:
        raise NewsprismError("E021", name) from None


@dataclass(frozen=True, slots=True)
class Outcome:
    """The result of running the pipeline on one item: a value or the problem that stopped it."""

    index: int
    value: Any = None
    problem: Problem | None = None
    """The coded error that stopped the item (a record, so that it crosses processes)."""

    @property
    def ok(self) -> bool:
        """True when every stage ran."""
        return self.problem is None

    @property
    def error(self) -> str | None:
        """The problem as one line of text (reason and code), or None."""
        return None if self.problem is None else str(self.problem)


class Pipeline:
    """An ordered list of stages, checked so that each one's needs are met before it runs."""

    def __init__(
        self, stages: Sequence[Stage], inputs: Iterable[str] = ("document",), *, code: str = "E022"
    ) -> None:
        # ``code`` is the failure code of an error that carries none of its own.
        self.code = code
        available = set(inputs)
        for stage in stages:
            missing = [need for need in stage.requires if need not in available]
            if missing:
                raise NewsprismError("E020", stage.name, ", ".join(missing))
            available.update(stage.provides)
        self.stages = tuple(stages)
        self.provides = frozenset(available)

    @classmethod
    def from_names(cls, names: Iterable[str]) -> Pipeline:
        """Build a pipeline from registered stage names."""
        return cls([get_stage(name) for name in names])

    def __call__(self, item: Any) -> Any:
        for stage in self.stages:
            item = stage(item)
        return item

    def run_one(self, item: Any) -> tuple[Any, Problem | None]:
        """The item through every stage, or the coded problem of the stage that raised."""
        name = ""
        try:
            for stage in self.stages:
                name = stage.name
                item = stage(item)
        except Exception as exc:  # one bad item must not stop the batch
            return None, problem_of(exc, self.code, name)
        return item, None

    def names(self) -> list[str]:
        """The stage names in order."""
        return [stage.name for stage in self.stages]


def _run_one(pipeline: Pipeline, index: int, item: Any) -> Outcome:
    value, problem = pipeline.run_one(item)
    return Outcome(index, value, problem)


class Executor(Protocol):
    """Maps a pipeline over items, yielding one :class:`Outcome` per item (in any order)."""

    def map(self, pipeline: Pipeline, items: Iterable[Any]) -> Iterator[Outcome]:
        """Run ``pipeline`` on every item."""


class SerialExecutor:
    """Runs every item in this process, in order."""

    def map(self, pipeline: Pipeline, items: Iterable[Any]) -> Iterator[Outcome]:
        """Run ``pipeline`` on every item, one after the other."""
        for index, item in enumerate(items):
            yield _run_one(pipeline, index, item)


class ProcessPoolExecutor:
    """Runs items in a pool of worker processes; results arrive as they finish."""

    def __init__(self, workers: int | None = None, window: int = 64) -> None:
        self.workers = workers or max(1, (os.cpu_count() or 1))
        # A bounded window of pending items keeps memory flat on huge inputs.
        self.window = window

    def map(self, pipeline: Pipeline, items: Iterable[Any]) -> Iterator[Outcome]:
        """Run ``pipeline`` on every item across the pool."""
        with cf.ProcessPoolExecutor(max_workers=self.workers) as pool:
            pending: set[cf.Future[Outcome]] = set()
            for index, item in enumerate(items):
                pending.add(pool.submit(_run_one, pipeline, index, item))
                if len(pending) >= self.window:
                    done, pending = cf.wait(pending, return_when=cf.FIRST_COMPLETED)
                    for future in done:
                        yield future.result()
            for future in cf.as_completed(pending):
                yield future.result()
