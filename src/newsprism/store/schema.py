"""The store's typed schema: every collection of derived records, its kind and its record class.

Stages write typed records under a (kind, key) pair. This table is the one place that says which
kinds exist, which class each holds and which field, if any, the store indexes so that a
reader can fetch the records of one document or one storyline without loading the collection
whole (an article's assignment, a storyline's events). Modules name a collection by its
constant here rather than by a kind string of their own.

Record classes are named by import path, not imported, because the stages that define some of
them (clustering, dedup) import the store; the class is resolved on first use.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    from newsprism.cluster.state import EventState, StoryState
    from newsprism.dedup.index import Sketch
    from newsprism.ingest.watch_state import FeedState
    from newsprism.records import (
        Assignment,
        Citation,
        Document,
        Extraction,
        FramingTerm,
        SyndicationGroup,
    )
    from newsprism.store.base import Store

__all__ = [
    "ASSIGNMENTS",
    "COLLECTIONS",
    "EVENTS",
    "EXTRACTIONS",
    "FRAMING_PRIOR",
    "FRAMING_TERMS",
    "STORYLINES",
    "SYNDICATION_GROUPS",
    "SYNDICATION_SKETCHES",
    "WATCH_FEEDS",
    "WATCH_PENDING",
    "Collection",
    "collection",
    "index_field",
]

R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class Collection(Generic[R]):
    """One collection of typed records: its kind, its record class and its indexed field."""

    kind: str
    record: str
    """The record class as ``module:Class``."""
    index: str | None = None
    """A field of each record the store indexes: :meth:`Store.find_records` fetches the records
    whose field holds one of some values, reading only the rows that hold them."""
    per_document: bool = False
    """Keyed by the document id the records derive from (one entry per article)."""
    _cls: list[type[Any]] = field(default_factory=list, compare=False, repr=False)

    @property
    def cls(self) -> type[R]:
        """The record class, imported on first use."""
        if not self._cls:
            module, _, name = self.record.partition(":")
            self._cls.append(getattr(importlib.import_module(module), name))
        found: type[R] = self._cls[0]
        return found

    def get(self, store: Store, key: str) -> list[R]:
        """The records stored under ``key`` (empty when there are none)."""
        return store.get_records(self.kind, key, self.cls)

    def put(
        self, store: Store, key: str, records: Sequence[R], *, doc_id: str | None = None
    ) -> None:
        """Store (replace) the records under ``key``, tied to ``doc_id`` if given."""
        store.put_records(self.kind, key, records, doc_id=doc_id)

    def keys(self, store: Store) -> list[str]:
        """Every key stored, in the order first stored."""
        return store.record_keys(self.kind)

    def find(self, store: Store, values: Sequence[str]) -> list[R]:
        """The records whose indexed field holds one of ``values`` (the latest stored wins)."""
        if self.index is None:
            raise TypeError(f"collection {self.kind!r} has no indexed field")
        return store.find_records(self.kind, values, self.cls)


EXTRACTIONS: Collection[Extraction] = Collection(
    "extract", "newsprism.records:Extraction", per_document=True
)
"""Each article's entities, quotes and figures, keyed by document id."""
FRAMING_TERMS: Collection[Citation] = Collection(
    "framing.terms", "newsprism.records:Citation", per_document=True
)
"""Each article's framing terms with the spans they occur at, keyed by document id."""
FRAMING_PRIOR: Collection[FramingTerm] = Collection(
    "framing.prior", "newsprism.records:FramingTerm"
)
"""The store-wide count of every framing term, under one key."""
SYNDICATION_SKETCHES: Collection[Sketch] = Collection(
    "dedup.sketches", "newsprism.dedup.index:Sketch"
)
"""MinHash sketches of stored articles, one batch per key."""
SYNDICATION_GROUPS: Collection[SyndicationGroup] = Collection(
    "dedup.group", "newsprism.records:SyndicationGroup"
)
"""Syndication groups (an original and its copies), keyed by group id."""
EVENTS: Collection[EventState] = Collection(
    "cluster.event", "newsprism.cluster.state:EventState", index="story_id"
)
"""Events as the clusterer keeps them, keyed by event id, indexed by storyline."""
STORYLINES: Collection[StoryState] = Collection(
    "cluster.storyline", "newsprism.cluster.state:StoryState"
)
"""Storylines as the clusterer keeps them, keyed by storyline id."""
ASSIGNMENTS: Collection[Assignment] = Collection(
    "cluster.assignments", "newsprism.records:Assignment", index="doc_id"
)
"""Where each clustered article was placed and why, one batch per key, indexed by document."""
WATCH_FEEDS: Collection[FeedState] = Collection(
    "watch.feed", "newsprism.ingest.watch_state:FeedState"
)
"""Each watched feed's or folder's validators and taken entries, keyed by its URL or path."""
WATCH_PENDING: Collection[Document] = Collection("watch.pending", "newsprism.records:Document")
"""Documents a watcher fetched and has not yet analysed, keyed by document id."""

COLLECTIONS: dict[str, Collection[Any]] = {
    c.kind: c
    for c in (
        EXTRACTIONS,
        FRAMING_TERMS,
        FRAMING_PRIOR,
        SYNDICATION_SKETCHES,
        SYNDICATION_GROUPS,
        EVENTS,
        STORYLINES,
        ASSIGNMENTS,
        WATCH_FEEDS,
        WATCH_PENDING,
    )
}
"""Every known collection by kind. A kind not listed may still be stored (a plugin's own)."""


def collection(kind: str) -> Collection[Any] | None:
    """The collection of ``kind``, or None for a kind the schema does not list."""
    return COLLECTIONS.get(kind)


def index_field(kind: str) -> str | None:
    """The field the store indexes for ``kind``, or None."""
    found = COLLECTIONS.get(kind)
    return None if found is None else found.index


def check_records(kind: str, records: Sequence[object]) -> None:
    """Refuse records of another class than the schema gives ``kind``."""
    found = COLLECTIONS.get(kind)
    if found is None:
        return
    cls = found.cls
    for record in records:
        if type(record) is not cls:
            raise TypeError(f"{kind} holds {cls.__name__} records, not {type(record).__name__}")
