"""A pipeline is an ordered list of named stages, each mapping one record to another.

Stages declare what they need and what they provide (record kinds such as ``"document"`` or
``"article"``); :class:`Pipeline` checks the order before anything runs. Stages are found in a
registry by versioned name (``"newsprism.clean.v1"``), which also loads third-party stages from
the ``newsprism.stages`` entry-point group. An :class:`Executor` maps the pipeline over items:
in this process, in a process pool, or (later) on a Dask cluster.
"""

from __future__ import annotations

import concurrent.futures as cf
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from importlib.metadata import entry_points
from typing import Any, Protocol, runtime_checkable

from newsprism.errors import NewsprismError

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
    """One step of the pipeline."""

    name: str
    requires: tuple[str, ...]
    provides: tuple[str, ...]

    def __call__(self, item: Any) -> Any:
        """Turn one record into the next."""


_REGISTRY: dict[str, Callable[[], Stage]] = {}
_ENTRY_POINTS_LOADED = False


def register_stage(name: str) -> Callable[[Callable[[], Any]], Callable[[], Any]]:
    """Register a stage factory under a versioned name such as ``newsprism.clean.v1``."""

    def decorator(factory: Callable[[], Any]) -> Callable[[], Any]:
        _REGISTRY[name] = factory
        return factory

    return decorator


def _load_entry_points() -> None:
    global _ENTRY_POINTS_LOADED
    if _ENTRY_POINTS_LOADED:
        return
    _ENTRY_POINTS_LOADED = True
    # newsprism's own stages register on import; third-party ones come from entry points.
    # (spaCy itself loads only when the extraction stage runs.)
    import newsprism.clean
    import newsprism.extract  # noqa: F401

    for ep in entry_points(group="newsprism.stages"):
        _REGISTRY.setdefault(ep.name, ep.load())


def registered_stages() -> list[str]:
    """Names of all stages known to the registry."""
    _load_entry_points()
    return sorted(_REGISTRY)


def get_stage(name: str) -> Stage:
    """Build the stage registered under ``name``."""
    _load_entry_points()
    try:
        return _REGISTRY[name]()
    except KeyError:
        raise NewsprismError("E021", name) from None


@dataclass(frozen=True, slots=True)
class Outcome:
    """The result of running the pipeline on one item: a value or the error that stopped it."""

    index: int
    value: Any = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        """True when every stage ran."""
        return self.error is None


class Pipeline:
    """An ordered list of stages, checked so that each one's needs are met before it runs."""

    def __init__(self, stages: Sequence[Stage], inputs: Iterable[str] = ("document",)) -> None:
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

    def names(self) -> list[str]:
        """The stage names in order."""
        return [stage.name for stage in self.stages]


def _run_one(pipeline: Pipeline, index: int, item: Any) -> Outcome:
    try:
        return Outcome(index, pipeline(item))
    except NewsprismError as exc:
        return Outcome(index, error=str(exc))
    except Exception as exc:  # one bad item must not stop the batch
        return Outcome(index, error=f"{type(exc).__name__}: {exc}")


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
