"""The clustering stage over a store: syndication first, then events, then storylines."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from newsprism.cluster.config import DEFAULT, ClusterConfig
from newsprism.cluster.engine import Cluster, Engine, Merge, Vector
from newsprism.cluster.features import article_text, clustering_date, featurize
from newsprism.cluster.state import (
    ASSIGNMENT_KIND,
    EVENT_KIND,
    STORY_KIND,
    EventState,
    StoryState,
    load_event_states,
    load_stories,
    load_story_states,
)
from newsprism.dedup import DedupIndex
from newsprism.records import Article, Assignment, Story, SyndicationGroup
from newsprism.store import Store

__all__ = ["StoryClusterer", "assign", "stories"]


class StoryClusterer:
    """Events, storylines and syndication groups of one store, updated batch by batch.

    Build it once per run and call :meth:`add` after each chunk is stored: loading the state
    costs a pass over the stored events, adding a batch only touches its neighbourhood.
    """

    def __init__(self, store: Store, config: ClusterConfig = DEFAULT) -> None:
        self.store = store
        self.config = config
        self.engine = Engine(config)
        self.dedup = DedupIndex.load(store)
        self._meta: dict[str, tuple[str, str, dt.date | None]] = {}
        self._copies: dict[str, list[str]] = {}
        self._labels: dict[str, tuple[str, dt.date | None]] = {}
        self._reasons: dict[str, list[str]] = {}
        self._load()

    def _load(self) -> None:
        stories = {s.id: s for s in load_story_states(self.store)}
        for state in sorted(load_event_states(self.store), key=lambda s: s.seq):
            weights = dict(zip(state.terms, state.weights, strict=True))
            story_state = stories.get(state.story_id)
            event = Cluster(
                state.id, state.seq, state.n, self.engine.vector(weights), state.first,
                state.last, list(state.articles[: state.n]), state.story_id,
            )  # fmt: skip
            self._copies[state.id] = list(state.articles[state.n :])
            for doc, outlet in zip(state.articles, state.outlets, strict=True):
                self._meta[doc] = ("", outlet, None)
                self.engine.event_of[doc] = state.id
            self._labels[state.id] = (state.label, state.label_date)
            self._reasons[state.id] = list(state.reasons)
            story = Cluster(
                state.story_id, story_state.seq if story_state else state.seq, 0,
                Vector.empty(), None, None, list(story_state.events if story_state else ()),
            )  # fmt: skip
            self.engine.restore(event, self.engine.stories.get(state.story_id, story))
        for story in self.engine.stories.values():
            self.engine.resum(story)

    # ---------------------------------------------------------------------------------------

    def add(self, articles: Sequence[Article]) -> list[Assignment]:
        """Place new articles in events and storylines; already placed ones are skipped."""
        fresh = [a for a in articles if a.doc_id not in self.engine.event_of]
        fresh = list({a.doc_id: a for a in fresh}.values())
        if not fresh:
            return []
        groups = self.dedup.add(fresh, self.store)
        group_of = {m: g for g in groups for m in g.members}
        for a in fresh:
            self._meta[a.doc_id] = (a.title, a.outlet or "", a.published.date)
        copies: dict[str, tuple[str, SyndicationGroup]] = {}
        clustered: list[Article] = []
        for a in fresh:
            group = group_of.get(a.doc_id)
            source = self._representative(a.doc_id, group, clustered) if group else None
            if group and source:
                copies[a.doc_id] = (source, group)
            else:
                clustered.append(a)
        embeddings: list[list[float]] = [[] for _ in clustered]
        if self.config.semantic_weight > 0 and clustered:
            from newsprism.cluster.semantic import embed

            embeddings = embed([f"{a.title}. {article_text(a)}" for a in clustered])
        features = [
            featurize(a, e, self.config.semantic_weight)
            for a, e in zip(clustered, embeddings, strict=True)
        ]
        vectors = [self.engine.vector(f.vector) for f in features]
        dates = [clustering_date(a) for a in clustered]
        docs = [a.doc_id for a in clustered]
        merges, changed, removed, changed_stories, removed_stories = self.engine.add(
            docs, vectors, dates
        )
        for event_id in removed:
            self._absorb_extras(event_id, changed)
        assignments = [self._assignment(m) for m in merges]
        for doc, (source, group) in copies.items():
            event_id = self.engine.event_of[source]
            self.engine.event_of[doc] = event_id
            self._copies.setdefault(event_id, []).append(doc)
            changed.add(event_id)
            score = dict(group.scores).get(doc, 0.0)
            story_id = self.engine.events[event_id].parent
            assignments.append(
                Assignment(
                    doc,
                    story_id,
                    event_id,
                    "copy",
                    group.id,
                    (("duplicate", score),),
                    f"a copy of {source} (syndication group {group.id}, original {group.original})",
                )
            )
        self._save(assignments, changed, removed, changed_stories, removed_stories)
        return assignments

    def _representative(
        self, doc: str, group: SyndicationGroup, batch: list[Article]
    ) -> str | None:
        """An already placed member of the group (or one placed earlier in this batch)."""
        for member in group.members:
            if member != doc and member in self.engine.event_of:
                return member
        for a in batch:
            if a.doc_id in group.members:
                return a.doc_id
        return None

    def _absorb_extras(self, gone: str, changed: set[str]) -> None:
        copies = self._copies.pop(gone, [])
        reasons = self._reasons.pop(gone, [])
        self._labels.pop(gone, None)
        for doc in copies:
            event_id = self.engine.event_of[doc] = self.engine.absorbed_into(gone)
            self._copies.setdefault(event_id, []).append(doc)
            self._reasons.setdefault(event_id, []).extend(reasons)
            changed.add(event_id)

    def _assignment(self, merge: Merge) -> Assignment:
        cfg = self.config
        event = self.engine.events[merge.event_id]
        kind = "joined" if merge.joined else "new"
        scores = (
            ("event_similarity", round(merge.similarity, 4)),
            ("event_threshold", cfg.event_threshold),
            ("time_gap_days", merge.gap_days),
            ("storyline_threshold", cfg.storyline_threshold),
        )
        verb = "reached" if merge.joined else "best was under"
        reason = (
            f"average-link similarity {merge.similarity:.3f} {verb} the event threshold "
            f"{cfg.event_threshold} (time gap {merge.gap_days:.0f} days)"
        )
        self._reasons.setdefault(event.id, []).append(f"{merge.doc_id}: {reason}")
        return Assignment(merge.doc_id, event.parent, event.id, kind, None, scores, reason)

    # ---------------------------------------------------------------------------------------

    def _save(
        self,
        assignments: list[Assignment],
        changed: set[str],
        removed: set[str],
        changed_stories: set[str],
        removed_stories: set[str],
    ) -> None:
        store = self.store
        for event_id in sorted(removed):
            store.delete_records(EVENT_KIND, event_id)
        for story_id in sorted(removed_stories):
            store.delete_records(STORY_KIND, story_id)
        for story_id in changed_stories:
            changed.update(self.engine.stories[story_id].members)
        for event_id in sorted(changed):
            if event_id in self.engine.events:
                store.put_records(EVENT_KIND, event_id, [self._event_state(event_id)])
        for story_id in sorted(changed_stories):
            story = self.engine.stories[story_id]
            events = sorted(story.members, key=lambda e: self.engine.events[e].seq)
            store.put_records(
                STORY_KIND,
                story_id,
                [StoryState(story_id, story.seq, tuple(events), self._story_label(story))],
            )
        if assignments:
            key = f"{assignments[0].doc_id}+{len(assignments)}"
            store.put_records(ASSIGNMENT_KIND, key, assignments)

    def _event_state(self, event_id: str) -> EventState:
        event = self.engine.events[event_id]
        copies = self._copies.get(event_id, [])
        articles = (*event.members, *copies)
        outlets = tuple(self._meta.get(d, ("", "", None))[1] for d in articles)
        label, label_date = self._label(event_id, articles)
        weights = self.engine.weights(event.total)
        return EventState(
            event.id, event.parent, event.seq, event.n, tuple(weights),
            tuple(round(w, 5) for w in weights.values()), event.first, event.last,
            tuple(articles), outlets, label, label_date,
            tuple(self._reasons.get(event_id, [])[-20:]),
        )  # fmt: skip

    def _label(self, event_id: str, articles: Sequence[str]) -> tuple[str, dt.date | None]:
        """The headline of the earliest dated member that has one."""
        known = self._labels.get(event_id, ("", None))
        titled = [
            (meta[2] or dt.date.max, doc, meta[0])
            for doc in articles
            if (meta := self._meta.get(doc)) and meta[0]
        ]
        if titled:
            date, _, title = min(titled)
            if not known[0] or (known[1] or dt.date.max) > date:
                known = (title, None if date == dt.date.max else date)
        self._labels[event_id] = known
        return known

    def _story_label(self, story: Cluster) -> str:
        weights = self.engine.weights(story.total)
        top = sorted(((w, t[2:]) for t, w in weights.items() if t.startswith("n:")), reverse=True)[
            :4
        ]
        return " · ".join(name.title() for _, name in top) or story.id

    def stories(self) -> list[Story]:
        """Every storyline in the store, newest first."""
        return load_stories(self.store)


def assign(
    articles: Sequence[Article], store: Store, config: ClusterConfig = DEFAULT
) -> list[Assignment]:
    """Place articles in the store's events and storylines (loading its state first)."""
    return StoryClusterer(store, config).add(articles)


def stories(store: Store) -> list[Story]:
    """Every storyline in the store with its events, newest first."""
    return load_stories(store)
