"""What a feed watcher keeps in the store between polls and between runs.

Each watched feed or folder has a :class:`FeedState` (its ``ETag`` and ``Last-Modified``, the
ids and links of the entries already taken, or the files already read); each entry fetched but
not yet analysed waits as its :class:`~newsprism.records.Document` under the pending kind. Both
are written in the same transaction as the fetch they record, so a watcher stopped anywhere
carries on where it stopped and fetches nothing twice.

The pending documents reach the pipeline through the ``watch.pending`` source stage, which
takes the place of ``ingest`` in the watcher's run of :func:`newsprism.runner.analyze`: the
rest of the stages are the configured ones, exactly as ``analyze`` runs them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

from newsprism.config import Config
from newsprism.records import Document, IngestFailure
from newsprism.stages import BaseStage, Batch, StageContext, StageSpec, register
from newsprism.store import Store
from newsprism.store.schema import WATCH_FEEDS, WATCH_PENDING

__all__ = ["MAX_SEEN", "SOURCE_STAGE", "FeedState", "PendingSource", "watch_config"]

SOURCE_STAGE = "watch.pending"
"""The source stage that reads the documents a watcher fetched and the store holds."""

MAX_SEEN = 2_000
"""Entry keys kept per feed beyond those still in it: a live feed carries 10 to 100 entries,
so an entry that left it that long ago does not come back."""


@dataclass(frozen=True, slots=True)
class FeedState:
    """One watched feed (or folder) as its last poll left it."""

    source: str
    etag: str | None = None
    last_modified: str | None = None
    seen: tuple[str, ...] = ()
    """Ids and links of the entries taken (a folder: ``path|size|mtime_ns`` of its files),
    oldest first."""

    def has(self, keys: Iterable[str]) -> bool:
        """True when any of ``keys`` was taken before."""
        seen = set(self.seen)
        return any(key in seen for key in keys)

    def taking(self, keys: Iterable[str]) -> FeedState:
        """This state with ``keys`` taken."""
        new = [key for key in dict.fromkeys(keys) if key not in set(self.seen)]
        return replace(self, seen=self.seen + tuple(new))

    def pruned(self, current: Iterable[str], keep: int = MAX_SEEN) -> FeedState:
        """This state keeping the keys in ``current`` and the ``keep`` latest others."""
        now = set(current)
        others = [key for key in self.seen if key not in now]
        dropped = set(others[: max(0, len(others) - keep)])
        return replace(self, seen=tuple(key for key in self.seen if key not in dropped))


def load_state(store: Store, source: str) -> FeedState:
    """The stored state of ``source`` (a fresh one when it was never polled)."""
    found = WATCH_FEEDS.get(store, source)
    return found[0] if found else FeedState(source)


def save_state(store: Store, state: FeedState) -> None:
    """Store (replace) the state of its source."""
    WATCH_FEEDS.put(store, state.source, [state])


def hold(store: Store, document: Document) -> None:
    """Keep ``document`` for the next batch."""
    WATCH_PENDING.put(store, document.id, [document])


def held(store: Store) -> list[str]:
    """Ids of the documents waiting for the next batch, oldest first."""
    return WATCH_PENDING.keys(store)


def release(store: Store, keys: Sequence[str]) -> None:
    """Forget the waiting documents ``keys`` (analysed in the same transaction)."""
    for key in keys:
        store.delete_records(WATCH_PENDING.kind, key)


def watch_config(config: Config) -> Config:
    """``config`` with its ``ingest`` source replaced by the watcher's pending documents."""
    stages = tuple(SOURCE_STAGE if name == "ingest" else name for name in config.stages)
    if SOURCE_STAGE not in stages:
        stages = (SOURCE_STAGE, *stages)
    return replace(config, stages=stages)


class PendingSource(BaseStage):
    """The documents a watcher fetched and the store holds, by id, as a run's inputs."""

    spec = StageSpec(SOURCE_STAGE, needs=("input",), makes=("document",), scope="input")

    def __init__(self, context: StageContext) -> None:
        self.store = context.store

    def read(self, inputs: Sequence[str]) -> Iterator[Document | IngestFailure]:
        """Each held document of ``inputs``; one no longer held is skipped."""
        for key in inputs:
            yield from WATCH_PENDING.get(self.store, key)

    def pipe(self, batch: Batch) -> Batch:
        """The batch with the held documents of its inputs."""
        found = [d for d in self.read(batch.inputs) if isinstance(d, Document)]
        return replace(batch, documents=batch.documents + tuple(found))


@register(SOURCE_STAGE)
def _pending(context: StageContext) -> PendingSource:
    return PendingSource(context)
