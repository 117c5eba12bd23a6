"""The stage protocol: a named step that takes a batch of records and returns the next batch.

As a spaCy component reads and writes a batch of ``Doc`` objects in ``Language.pipe``, a
newsprism stage reads a :class:`Batch` (the records of one chunk of the run, by kind) and
returns a new one. Each stage declares, in its :class:`StageSpec`, the record kinds it needs
and those it makes, so that a pipeline is checked before anything runs, and whether it keeps
state between batches:

- a **pure** stage (``stateful=False``) is a function of its batch alone: it reads no store
  and holds nothing between batches, so that an executor may run it on any machine, on any
  partition of the input (ingest, clean, extract);
- a **stateful** stage (dedup, cluster) holds what earlier batches left (an index, the
  stories) and must see every batch, in order, in one process.

What a stage made is written by its ``save`` (in the runner's transaction), never by ``pipe``
of a pure stage; a stage whose completion is recorded per article names that record in
``mark`` (the store's stage table), so that an interrupted run is finished by the next one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, Protocol, runtime_checkable

from newsprism.errors import Problem
from newsprism.records import (
    Article,
    Assignment,
    Citation,
    Document,
    Extraction,
    SyndicationGroup,
)

if TYPE_CHECKING:
    from newsprism.config import Config
    from newsprism.limits import Limits
    from newsprism.pipeline import Executor
    from newsprism.store import Store

__all__ = [
    "COMMITTED_CHARS",
    "KINDS",
    "BaseStage",
    "Batch",
    "Committed",
    "Failure",
    "Scope",
    "Stage",
    "StageContext",
    "StageSpec",
    "reset",
    "save",
    "weight",
]

Scope = Literal["input", "document", "batch", "story"]
"""What a stage works on: the run's inputs (ingest); documents or articles, each read on its
own (extraction then merges entities across its batch, still a function of the batch alone);
a whole batch in the light of earlier ones (dating, dedup, clustering); or each story the run
changed, after the last batch (compare, summarize)."""

KINDS: Mapping[str, str] = {
    "input": "a path, glob or URL given to the run",
    "document": "a raw input with its provenance (records.Document)",
    "article": "a cleaned article (records.Article)",
    "dated": "articles whose dates were resolved against related articles",
    "extraction": "entities, quotes and figures of an article (records.Extraction)",
    "framing.terms": "an article's framing terms (records.Citation)",
    "parse": "spaCy Docs of an article's kept paragraphs (never stored)",
    "syndication": "groups of copies of one text (records.SyndicationGroup)",
    "assignment": "an article's event and storyline (records.Assignment)",
    "story": "the ids of the stories a run changed",
    "comparison": "a story's comparison across outlets (records.Comparison)",
    "brief": "a story's cited brief (records.Brief)",
}
"""The record kinds newsprism's own stages need and make; a stage of another package may name
kinds of its own (they travel in :attr:`Batch.extra`)."""


@dataclass(frozen=True, slots=True)
class StageSpec:
    """What a stage is: its name, the kinds it needs and makes, and how it may be run."""

    name: str
    needs: tuple[str, ...]
    makes: tuple[str, ...]
    scope: Scope = "batch"
    stateful: bool = False
    """True when the stage holds state between batches: it runs in order, in one process."""
    mark: str | None = None
    """The stage-table record of an article's completion; articles without it are resumed."""
    code: str = "E022"
    """The failure code of an article this stage fails on with an uncoded error."""

    @property
    def pure(self) -> bool:
        """True when the stage is a function of its input alone (an executor may map it)."""
        return not self.stateful


@dataclass(frozen=True, slots=True)
class Failure:
    """One document a stage could not handle: which stage, which document, and the problem."""

    stage: str
    doc_id: str
    source: str
    problem: Problem


@dataclass(frozen=True, slots=True)
class Batch:
    """The records of one chunk of a run, by kind; stages return a new batch, never edit one."""

    inputs: tuple[str, ...] = ()
    documents: tuple[Document, ...] = ()
    articles: tuple[Article, ...] = ()
    extractions: Mapping[str, Extraction] = field(default_factory=dict)
    """By doc id."""
    terms: Mapping[str, tuple[Citation, ...]] = field(default_factory=dict)
    """Each article's framing terms, by doc id."""
    parses: Mapping[str, tuple[Any, ...]] = field(default_factory=dict)
    """spaCy ``Doc`` of each kept paragraph, by doc id: later readers of the same text read
    these rather than parse it again. Never stored."""
    groups: tuple[SyndicationGroup, ...] = ()
    assignments: tuple[Assignment, ...] = ()
    stories: frozenset[str] = frozenset()
    """Ids of the stories this batch changed: what story stages (compare, summarize) and
    stored story views are refreshed for."""
    views: tuple[Any, ...] = ()
    """Story views (``newsprism.views.StoryView``) built by the story stages."""
    failures: tuple[Failure, ...] = ()
    extra: Mapping[str, tuple[Any, ...]] = field(default_factory=dict)
    """Records of kinds made by stages outside newsprism, by kind."""

    def doc_ids(self) -> list[str]:
        """The batch's article ids, in order."""
        return [a.doc_id for a in self.articles]

    def failed(self, stage: str) -> set[str]:
        """Doc ids ``stage`` failed on in this batch."""
        return {f.doc_id for f in self.failures if f.stage == stage}


COMMITTED_CHARS = 4_000_000
"""Characters of text (an article's input text, paragraphs and headline, see :func:`weight`)
whose records :class:`Committed` holds at most: a plain-text news article of 3,000 characters
weighs about 6,000, so some 650 of them, about 15 MB with their extractions. Past it the
oldest are let go and read back from the store when a per-story stage needs them, so that a
run's memory does not grow with its input. Calibrated on the streaming benchmark
(``bench/bench_memory.py``): its 256 files (1.4 M characters) are all held, of its 2,560
(13.9 M) the last 29%; the story stages then decode the other 1,800 or so again, about 0.6 s.
The 181 pages of the Article Extraction Benchmark weigh 3.1 M: all held."""


def weight(article: Article) -> int:
    """What :data:`COMMITTED_CHARS` counts of an article: its characters of text."""
    return len(article.text) + len(article.title) + sum(len(p.text) for p in article.paragraphs)


@dataclass(slots=True)
class Committed:
    """The records this run committed to the store, by doc id, as they were written: the
    per-story stages at the end of a run read them here rather than decode them again.

    The runner adds records only once their transaction has committed, so what is here is
    what the store holds; past :attr:`limit` characters of text the oldest articles (with
    their extractions and terms) are let go, the store still holding them."""

    articles: dict[str, Article] = field(default_factory=dict)
    extractions: dict[str, Extraction] = field(default_factory=dict)
    terms: dict[str, tuple[Citation, ...]] = field(default_factory=dict)
    limit: int | None = None
    """Characters of text held at most (None: :data:`COMMITTED_CHARS` as it is then)."""
    chars: int = 0
    """Characters of text held now."""

    def add(self, batch: Batch) -> None:
        """Remember the articles, extractions and framing terms of a committed ``batch``."""
        for article in batch.articles:
            held = self.articles.pop(article.doc_id, None)
            if held is not None:
                self.chars -= weight(held)
            self.articles[article.doc_id] = article
            self.chars += weight(article)
        for doc_id, extraction in batch.extractions.items():
            if doc_id in self.articles:
                self.extractions[doc_id] = extraction
        for doc_id, terms in batch.terms.items():
            # An article's terms are stored with its extraction, or not at all.
            if doc_id in self.articles and doc_id in batch.extractions:
                self.terms[doc_id] = terms
        limit = COMMITTED_CHARS if self.limit is None else self.limit
        while self.chars > limit and self.articles:
            oldest = next(iter(self.articles))
            self.chars -= weight(self.articles.pop(oldest))
            self.extractions.pop(oldest, None)
            self.terms.pop(oldest, None)


@dataclass(slots=True)
class StageContext:
    """What a stage factory may use: the run's store, configuration, executor and notices."""

    store: Store
    config: Config
    executor: Executor
    notices: list[str] = field(default_factory=list)
    """Things the user should know that are not failures (a missing optional feature)."""
    limits: Limits | None = None
    """What reading the inputs may cost (the defaults when None)."""
    shared: dict[str, Any] = field(default_factory=dict)
    """State that stateful stages of one run share (dedup and cluster: the run's stories)."""
    committed: Committed = field(default_factory=Committed)
    """What the run has committed so far (the runner adds to it), for the per-story stages."""

    def options(self, stage: str) -> Mapping[str, Any]:
        """The ``[stages.NAME]`` table of the configuration (empty when it has none)."""
        return self.config.options(stage)


@runtime_checkable
class Stage(Protocol):
    """A named step of ``analyze``: a batch in, the next batch out."""

    spec: StageSpec

    def pipe(self, batch: Batch) -> Batch:
        """The batch with what this stage makes added (and its failures recorded)."""
        ...


class BaseStage:
    """Defaults for the optional parts of a stage: nothing to save, no state to reset."""

    spec: StageSpec

    def pipe(self, batch: Batch) -> Batch:
        """The batch with what this stage makes added (and its failures recorded)."""
        raise NotImplementedError

    def save(self, batch: Batch, store: Store) -> Batch:
        """Write what :meth:`pipe` made and mark the articles done (in the runner's
        transaction); the batch, with the failures of articles the store refused."""
        return batch

    def reset(self) -> None:
        """Forget the state held in memory (after a rolled-back batch): load it again."""


def save(stage: Stage, batch: Batch, store: Store) -> Batch:
    """Run ``stage``'s save step when it has one."""
    saver = getattr(stage, "save", None)
    return batch if saver is None else saver(batch, store)


def reset(stage: Stage) -> None:
    """Reset ``stage``'s state when it holds any."""
    resetter = getattr(stage, "reset", None)
    if resetter is not None:
        resetter()
