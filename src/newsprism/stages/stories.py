"""The stages that work across articles: dedup, cluster, compare and summarize.

Dedup and cluster are stateful: they share the run's stories (the syndication index, the
events and storylines, loaded once from the store) and update them batch by batch, writing as
they go inside the runner's transaction. Compare and summarize work per story, once the run's
batches are placed, on the stories the run changed: :attr:`Batch.stories` is the one place
where those ids are known, and where stored story views are refreshed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from newsprism.records import Article, Brief, Comparison, Extraction, Story
from newsprism.stages.base import BaseStage, Batch, Committed, StageContext, StageSpec
from newsprism.stages.registry import register

if TYPE_CHECKING:
    from newsprism.cluster import StoryClusterer
    from newsprism.store import Store

__all__ = ["Cluster", "Compare", "Dedup", "StoryWork", "Summarize"]

_SHARED = "stories"
"""Key of the run's shared :class:`_Stories` in the context."""


class _Stories:
    """The run's clusterer (with its dedup index), built when first needed and built again
    from the store after a rolled-back batch."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._clusterer: StoryClusterer | None = None

    @property
    def clusterer(self) -> StoryClusterer:
        if self._clusterer is None:
            from newsprism.cluster import StoryClusterer

            # Loading the stories costs a pass over the store, each batch only its part. The
            # runner stores each article before it is clustered: those of events the run's
            # dates have moved past can be read back, their vectors let go.
            self._clusterer = StoryClusterer(self.store, close=True)
        return self._clusterer

    def forget(self) -> None:
        # Its state may be half-updated: the store's transaction was rolled back.
        self._clusterer = None


def _stories(context: StageContext) -> _Stories:
    shared = context.shared.get(_SHARED)
    if not isinstance(shared, _Stories):
        shared = context.shared[_SHARED] = _Stories(context.store)
    return shared


class Dedup(BaseStage):
    """Exact and near-duplicate copies (MinHash + LSH) grouped into syndication groups."""

    spec = StageSpec(
        "dedup", needs=("article",), makes=("syndication",), stateful=True, code="E062"
    )

    def __init__(self, context: StageContext) -> None:
        self.stories = _stories(context)

    def pipe(self, batch: Batch) -> Batch:
        """The batch with the syndication groups its articles joined or formed."""
        clusterer = self.stories.clusterer
        # In the clusterer's order (by doc id), so that group ids do not depend on the batch.
        articles = sorted(batch.articles, key=lambda a: a.doc_id)
        groups = clusterer.dedup.add(articles, clusterer.store)
        return replace(batch, groups=batch.groups + tuple(groups))

    def reset(self) -> None:
        """Load the index again from the store."""
        self.stories.forget()


class Cluster(BaseStage):
    """Articles placed in events and storylines, incrementally and aware of time."""

    spec = StageSpec(
        "cluster",
        needs=("article", "syndication"),
        makes=("assignment", "story"),
        stateful=True,
        mark="cluster",
        code="E062",
    )

    def __init__(self, context: StageContext) -> None:
        self.stories = _stories(context)

    def pipe(self, batch: Batch) -> Batch:
        """The batch with its articles' assignments and the ids of the stories it changed."""
        clusterer = self.stories.clusterer
        placed = clusterer.add(batch.articles, groups=batch.groups)
        changed = {a.story_id for a in placed if a.story_id} | clusterer.changed_stories
        return replace(
            batch, assignments=batch.assignments + tuple(placed), stories=batch.stories | changed
        )

    def save(self, batch: Batch, store: Store) -> Batch:
        """Mark the batch's articles placed (the placements were written by :meth:`pipe`)."""
        store.mark_done("cluster", batch.doc_ids())
        return batch

    def reset(self) -> None:
        """Load the stories again from the store."""
        self.stories.forget()


@dataclass(frozen=True, slots=True)
class StoryWork:
    """A changed story on its way to a view: its articles, extractions and comparison."""

    story: Story
    articles: tuple[Article, ...]
    extractions: tuple[Extraction, ...]
    comparison: Comparison
    brief: Brief | None = None


class Compare(BaseStage):
    """Each changed story compared across its outlets: corroborated facts, conflicting
    figures, single-source facts and each outlet's framing."""

    spec = StageSpec("compare", needs=("story",), makes=("comparison",), scope="story")

    def __init__(self, context: StageContext) -> None:
        self.store = context.store
        self.committed = context.committed

    def pipe(self, batch: Batch) -> Batch:
        """The batch with one :class:`StoryWork` per changed story that still exists."""
        if not batch.stories:
            return batch
        from newsprism.cluster.state import load_story
        from newsprism.compare.framing import outlet_framing
        from newsprism.compare.story import compare_story
        from newsprism.store.schema import ASSIGNMENTS, FRAMING_TERMS
        from newsprism.views import framing_prior

        store = self.store
        # The run's own articles and records are taken as the run committed them; only those
        # of earlier runs are read and decoded.
        committed = self.committed
        prior = framing_prior(store)
        works: list[StoryWork] = []
        # Only the changed storylines are read, each through the store's index.
        for story_id in sorted(batch.stories):
            story = load_story(store, story_id)
            if story is None:  # removed by a later merge
                continue
            ids = [doc for e in story.events for doc in e.articles]
            articles = [committed.articles.get(doc) or store.article(doc) for doc in ids]
            # The story's own assignments, through the store's index: never all of them.
            assignments = {a.doc_id: a for a in ASSIGNMENTS.find(store, ids)}
            extractions = _extractions(store, articles, committed)
            framing = outlet_framing(
                {
                    a.doc_id: list(committed.terms[a.doc_id])
                    if a.doc_id in committed.terms
                    else FRAMING_TERMS.get(store, a.doc_id)
                    for a in articles
                },
                prior,
            )
            comparison = compare_story(
                story.id, articles, extractions, assignments, framing=framing, events=story.events
            )
            works.append(StoryWork(story, tuple(articles), tuple(extractions), comparison))
        return replace(batch, views=batch.views + tuple(works))


class Summarize(BaseStage):
    """Each changed story's neutral brief, every sentence cited, from its comparison."""

    spec = StageSpec("summarize", needs=("comparison",), makes=("brief",), scope="story")

    def __init__(self, context: StageContext) -> None:
        pass

    def pipe(self, batch: Batch) -> Batch:
        """The batch's compared stories as story views, each with its brief."""
        from newsprism.brief import brief_story
        from newsprism.views import StoryView

        views: list[object] = []
        for work in batch.views:
            if not isinstance(work, StoryWork):
                views.append(work)
                continue
            brief = brief_story(work.story, work.articles, work.comparison, work.extractions)
            views.append(
                StoryView(work.story, work.articles, work.extractions, work.comparison, brief)
            )
        return replace(batch, views=tuple(views))

    def save(self, batch: Batch, store: Store) -> Batch:
        """Store each story's view with its story's version, so that reads load it."""
        from newsprism.views import StoryView, save_view

        for view in batch.views:
            if isinstance(view, StoryView):
                save_view(store, view)
        return batch


def _extractions(
    store: Store, articles: Sequence[Article], committed: Committed
) -> list[Extraction]:
    """The articles' stored extractions, entities merged again across the story."""
    from newsprism.store.schema import EXTRACTIONS

    found = [
        e
        for a in articles
        for e in (
            [committed.extractions[a.doc_id]]
            if a.doc_id in committed.extractions
            else EXTRACTIONS.get(store, a.doc_id)
        )
    ]
    if len(found) < 2:
        return found
    try:
        from newsprism.extract import merge_extractions
    except ImportError:  # without the [nlp] extra the stored ids stand as they are
        return found
    return merge_extractions(found)


@register("dedup")
def _dedup(context: StageContext) -> Dedup:
    return Dedup(context)


@register("cluster")
def _cluster(context: StageContext) -> Cluster:
    return Cluster(context)


@register("compare")
def _compare(context: StageContext) -> Compare:
    return Compare(context)


@register("summarize")
def _summarize(context: StageContext) -> Summarize:
    return Summarize(context)
