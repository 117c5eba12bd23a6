"""The clustering stage over a store: syndication first, then events, then storylines."""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Iterable, Sequence
from dataclasses import replace

from newsprism.cluster.config import DEFAULT, ClusterConfig
from newsprism.cluster.engine import Changes, Cluster, Engine, Placement
from newsprism.cluster.features import article_text, clustering_date, featurize, name_forms
from newsprism.cluster.state import (
    ASSIGNMENT_KIND,
    EVENT_KIND,
    STORY_KIND,
    EventState,
    StoryState,
    decode_vector,
    encode_vector,
    load_event_states,
    load_stories,
    load_story_states,
)
from newsprism.cluster.vectors import Vector, total, unit
from newsprism.dedup import DedupIndex
from newsprism.errors import NewsprismError
from newsprism.records import Article, Assignment, Story, SyndicationGroup
from newsprism.store import Store

__all__ = ["StoryClusterer", "assign", "stories"]

MAX_REASONS = 20
"""Reasons an event keeps: those of its latest articles."""


class StoryClusterer:
    """Events, storylines and syndication groups of one store, updated batch by batch."""

    # Build it once per run and call add() after each chunk is stored: loading the state costs
    # a pass over the stored events, adding a batch only touches its neighbourhood.

    def __init__(
        self, store: Store, config: ClusterConfig = DEFAULT, *, close: bool = False
    ) -> None:
        self.store = store
        self.config = config
        self.close = close
        """True when every article is in the store before it is added (as in ``analyze``):
        the vectors of events the run's dates have moved past are then let go, to be read
        back from the store if ever needed (see :meth:`_close`)."""
        self.engine = Engine(config, fetch=self._fetch)
        self.dedup = DedupIndex.load(store)
        self._meta: dict[str, tuple[str, str, dt.date | None]] = {}
        self._copies: dict[str, list[str]] = {}
        """Syndicated copies of each clustered article: they follow it from event to event."""
        self._copy_of: dict[str, str] = {}
        self._labels: dict[str, tuple[str, dt.date | None]] = {}
        self._reasons: dict[str, str] = {}
        self._forms: dict[str, str] = {}
        """How the texts write each name feature ("fbi": "FBI"), for storyline labels."""
        self.changed_stories: set[str] = set()
        """Storylines the last :meth:`add` changed or removed (what views are refreshed for)."""
        self._raw: dict[str, tuple[Vector, dt.date | None]] = {}
        """Own vector and date of each syndicated article seen in this run: a group is
        clustered as their mean."""
        self._frontier: dt.date | None = None
        """The latest clustering date of the articles this clusterer placed."""
        self._ends: list[tuple[dt.date, str]] = []
        """(last date, id) of events that may hold article vectors, earliest first (a heap):
        those past the event horizon are closed (see :meth:`_close`)."""
        self._fetched: set[str] = set()
        """Articles whose vectors were read back from the store during the last batch."""
        self._load()

    def _load(self) -> None:
        engine = self.engine
        stories = {s.id: s for s in load_story_states(self.store)}
        for state in sorted(load_event_states(self.store), key=lambda s: s.seq):
            members = state.articles[: state.n]
            event = Cluster(
                state.id, state.seq, state.n, engine.vector(decode_vector(state.vector)),
                state.first, state.last, dict.fromkeys(members),
            )  # fmt: skip
            for copy, source in zip(state.articles[state.n :], state.copy_of, strict=False):
                self._copies.setdefault(source, []).append(copy)
                self._copy_of[copy] = source
            for doc, outlet in zip(state.articles, state.outlets, strict=True):
                self._meta[doc] = ("", outlet, None)
                engine.sources[doc] = _source_key(outlet)
            for line in state.reasons:
                doc, _, reason = line.partition(": ")
                self._reasons[doc] = reason
            self._labels[state.id] = (state.label, state.label_date)
            held = stories.get(state.story_id)
            story = Cluster(
                state.story_id, held.seq if held else state.seq, 0, Vector.empty(), None, None
            )
            engine.restore(event, story)
        engine.finish_restore()

    # ---------------------------------------------------------------------------------------

    def add(
        self, articles: Sequence[Article], groups: Sequence[SyndicationGroup] | None = None
    ) -> list[Assignment]:
        """Place new articles in events and storylines; already placed ones are skipped.

        ``groups`` are the syndication groups this clusterer's :attr:`dedup` index already
        gave for the batch (the dedup stage of ``analyze``); None finds them here.
        """
        self.changed_stories = set()
        placed = self.engine.event_of
        fresh = {
            a.doc_id: a
            for a in articles
            if a.doc_id not in placed and a.doc_id not in self._copy_of
        }
        if not fresh:
            return []
        batch = [fresh[d] for d in sorted(fresh)]
        groups = self.dedup.add(batch, self.store) if groups is None else list(groups)
        for a in batch:
            self._meta[a.doc_id] = (a.title, a.outlet or "", a.published.date)
            self.engine.sources[a.doc_id] = _source_key(a.outlet)
            for name, form in name_forms(article_text(a)):
                # The first form seen, unless it was shouted: "COMEY" in a caption gives way.
                known = self._forms.get(f"n:{name}")
                if known is None or (known.isupper() and not form.isupper()):
                    self._forms[f"n:{name}"] = form
        vectors = self._vectors(batch)
        dates = {a.doc_id: clustering_date(a) for a in batch}
        copies, updated = self._syndicate(batch, groups, vectors, dates)
        docs = [a.doc_id for a in batch if a.doc_id not in copies]
        demoted = [d for d in copies if d in placed]
        changes = self.engine.add(
            docs, [vectors[d] for d in docs], [dates[d] for d in docs], updated, demoted
        )
        self.changed_stories = changes.stories | changes.removed_stories
        assignments = [self._assignment(p) for p in changes.placements]
        for doc, (source, group) in sorted(copies.items()):
            self._copies.setdefault(source, []).append(doc)
            self._copy_of[doc] = source
            for copy in self._copies.pop(doc, []):  # a demoted article's copies follow
                self._copies[source].append(copy)
                self._copy_of[copy] = source
            event_id = placed[source]
            changes.events.add(event_id)
            assignments.append(
                Assignment(
                    doc, self.engine.story_of.get(event_id, ""), event_id, "copy", group.id,
                    (("duplicate", dict(group.scores).get(doc, 0.0)),),
                    f"a copy of {source} (syndication group {group.id}, original {group.original})",
                )
            )  # fmt: skip
        assignments.extend(self._originals(assignments, copies))
        self._save(assignments, changes)
        self._close(dates.values(), changes.events)
        return assignments

    def _close(self, dates: Iterable[dt.date | None], changed: Iterable[str]) -> None:
        """Let go of the article vectors of events the run's dates have moved past.

        A dated article more than the event horizon (grace + 4 tau days) away from an event
        cannot reach the event bar with it, nor be proposed as its candidate: once the latest
        date placed is that far past an event's last date, its articles' vectors are let go
        (their articles are in the store). A late or undated article that does meet such an
        event reads them back (see :meth:`Engine.close`), so that the results are those of a
        run that kept them all; what the run holds grows with its open events, not its input."""
        engine = self.engine
        known = [d for d in dates if d is not None]
        if known:
            latest = max(known)
            self._frontier = latest if self._frontier is None else max(self._frontier, latest)
        # Embeddings of a batch may differ in their last bits from those of one text alone:
        # with them, the vectors are kept.
        if not self.close or self.config.semantic_weight > 0:
            self._fetched.clear()
            return
        events = set(changed) | {engine.event_of[d] for d in self._fetched if d in engine.event_of}
        self._fetched.clear()
        for event_id in sorted(events):
            event = engine.events.get(event_id)
            if event is not None and event.last is not None:
                heapq.heappush(self._ends, (event.last, event_id))
        if self._frontier is None:
            return
        gate = self._frontier - dt.timedelta(days=engine.event_horizon)
        while self._ends and self._ends[0][0] < gate:
            last, event_id = heapq.heappop(self._ends)
            event = engine.events.get(event_id)
            if event is None or event.last != last:  # gone, or pushed again since it changed
                continue
            # A syndicated article's vector may be its group's mean: those are kept.
            engine.close(d for d in event.members if not self.dedup.grouped(d))

    def _originals(
        self, assignments: list[Assignment], copies: dict[str, tuple[str, SyndicationGroup]]
    ) -> list[Assignment]:
        """The assignments of the articles that copies follow, now carrying their group's id.

        An article placed before its first copy arrived was assigned with no group: left so,
        it and its copy would count as two independent sources of every fact they share.
        """
        from newsprism.store.schema import ASSIGNMENTS

        group_of = {source: group.id for source, group in copies.values() if source not in copies}
        by_doc = {a.doc_id: i for i, a in enumerate(assignments)}
        earlier = [d for d in group_of if d not in by_doc]
        stored = {a.doc_id: a for a in ASSIGNMENTS.find(self.store, earlier)} if earlier else {}
        updated: list[Assignment] = []
        for doc, gid in sorted(group_of.items()):
            if doc in by_doc:  # placed in this batch: its one assignment carries the group
                i = by_doc[doc]
                if assignments[i].syndication_id is None:
                    assignments[i] = replace(assignments[i], syndication_id=gid)
            elif (old := stored.get(doc)) is not None and old.syndication_id != gid:
                updated.append(replace(old, syndication_id=gid))
        return updated

    def _vectors(self, batch: list[Article]) -> dict[str, Vector]:
        embeddings: list[list[float]] = [[] for _ in batch]
        if self.config.semantic_weight > 0 and batch:
            from newsprism.cluster.semantic import embed

            embeddings = embed([f"{a.title}. {article_text(a)}" for a in batch])
        return {
            a.doc_id: self.engine.vector(featurize(a, e, self.config.semantic_weight).vector)
            for a, e in zip(batch, embeddings, strict=True)
        }

    def _syndicate(
        self,
        batch: list[Article],
        groups: list[SyndicationGroup],
        vectors: dict[str, Vector],
        dates: dict[str, dt.date | None],
    ) -> tuple[dict[str, tuple[str, SyndicationGroup]], dict[str, tuple[Vector, dt.date | None]]]:
        """Syndicated copies (with the member they follow) and grown groups' new vectors."""
        # A group is clustered as one article: the unit mean of its members' vectors, dated by
        # its earliest member, so that which copy came first changes nothing. It is placed under
        # its most original placed member (a placed member beyond it, whose group was joined to
        # this one by a later reprint, becomes its copy), else its original, else its smallest
        # id in the batch.
        in_batch = {a.doc_id for a in batch}
        copies: dict[str, tuple[str, SyndicationGroup]] = {}
        updated: dict[str, tuple[Vector, dt.date | None]] = {}
        for group in groups:
            placed = [m for m in group.members if m in self.engine.event_of]
            if placed:
                source = placed[0]
            elif group.original in in_batch:
                source = group.original
            else:
                source = min(m for m in group.members if m in in_batch)
            for member in group.members:
                if member != source and (member in in_batch or member in placed):
                    copies[member] = (source, group)
            for member in group.members:
                if member in vectors:
                    self._raw[member] = (vectors[member], dates[member])
            known = [self._raw[m] for m in group.members if m in self._raw]
            mean = unit(total([v for v, _ in known]))
            first = min((d for _, d in known if d is not None), default=None)
            if source in self.engine.event_of:
                updated[source] = (mean, first)
            else:
                vectors[source], dates[source] = mean, first
        return copies, updated

    def _fetch(self, docs: Sequence[str]) -> dict[str, Vector]:
        """Vectors of articles clustered by an earlier run, rebuilt from the stored articles."""
        # All or nothing: an event is re-clustered from its articles only when all are known.
        found: list[Article] = []
        for doc in docs:
            try:
                found.append(self.store.article(doc))
            except NewsprismError:  # the store lacks it: the event takes part whole
                return {}
        embeddings: list[list[float]] = [[] for _ in found]
        if self.config.semantic_weight > 0:
            from newsprism.cluster.semantic import embed

            embeddings = embed([f"{a.title}. {article_text(a)}" for a in found])
        for a in found:
            self.engine.dates[a.doc_id] = clustering_date(a)
        self._fetched.update(a.doc_id for a in found)
        return {
            a.doc_id: self.engine.vector(featurize(a, e, self.config.semantic_weight).vector)
            for a, e in zip(found, embeddings, strict=True)
        }

    def _assignment(self, placement: Placement) -> Assignment:
        cfg = self.config
        event_id = placement.event_id
        kind = "joined" if placement.joined else "new"
        scores: tuple[tuple[str, float], ...] = (
            ("event_similarity", round(placement.similarity, 4)),
            ("event_threshold", cfg.event_threshold),
            ("time_gap_days", placement.gap_days),
            ("storyline_threshold", cfg.storyline_threshold),
        )
        verb = "reached" if placement.joined else "best was under"
        lone = (
            f", {cfg.event_threshold / cfg.event_lone_factor:.3g} for one article meeting an "
            f"event of {cfg.event_lone_group:g} or more"
            if cfg.event_lone_factor != 1.0
            else ""
        )
        reason = (
            f"average-link similarity {placement.similarity:.3f} {verb} the event threshold "
            f"{cfg.event_threshold}{lone} (time gap {placement.gap_days:.0f} days)"
        )
        if placement.folded:
            # Its own event was a fragment beside a larger event of its storyline.
            reason = (
                f"its group of at most {cfg.fragment_size} articles (first similarity "
                f"{placement.similarity:.3f}, time gap {placement.gap_days:.0f} days) stayed "
                f"under the event threshold {cfg.event_threshold}{lone} beside a larger event "
                f"of its storyline, and was folded into it at similarity "
                f"{placement.folded:.3f}, over the fragment threshold {cfg.fragment_threshold}"
            )
            scores = (*scores, ("fragment_similarity", round(placement.folded, 4)))
        self._reasons[placement.doc_id] = reason
        story_id = self.engine.story_of.get(event_id, "")
        story_score, _ = self.engine.story_evidence(event_id)
        scores = (*scores, ("storyline_similarity", round(story_score, 4)))
        full = f"{reason}; storyline: {self._story_reason(event_id)}"
        return Assignment(placement.doc_id, story_id, event_id, kind, None, scores, full)

    # ---------------------------------------------------------------------------------------

    def _save(self, assignments: list[Assignment], changes: Changes) -> None:
        store = self.store
        for event_id in sorted(changes.removed_events):
            store.delete_records(EVENT_KIND, event_id)
            self._labels.pop(event_id, None)
        for story_id in sorted(changes.removed_stories):
            store.delete_records(STORY_KIND, story_id)
        for event_id in sorted(changes.events):
            if event_id in self.engine.events:
                store.put_records(EVENT_KIND, event_id, [self._event_state(event_id)])
        for story_id in sorted(changes.stories):
            story = self.engine.stories.get(story_id)
            if story is not None:
                state = StoryState(story_id, story.seq, self._story_label(story))
                store.put_records(STORY_KIND, story_id, [state])
        if assignments:
            key = f"{assignments[0].doc_id}+{len(assignments)}"
            store.put_records(ASSIGNMENT_KIND, key, assignments)

    def _event_state(self, event_id: str) -> EventState:
        event = self.engine.events[event_id]
        members = tuple(event.members)
        copies = [(c, m) for m in members for c in self._copies.get(m, ())]
        articles = (*members, *(c for c, _ in copies))
        outlets = tuple(self._meta.get(d, ("", "", None))[1] for d in articles)
        label, label_date = self._label(event_id, articles)
        weights = self.engine.weights(event.total.top(self.config.centroid_terms))
        reasons = [f"{d}: {self._reasons[d]}" for d in members if d in self._reasons]
        return EventState(
            event.id, self.engine.story_of.get(event_id, ""), event.seq, event.n,
            encode_vector(weights), event.first, event.last, articles, outlets,
            tuple(m for _, m in copies), label, label_date, tuple(reasons[-MAX_REASONS:]),
            self._story_reason(event_id),
        )  # fmt: skip

    def _story_reason(self, event_id: str) -> str:
        """The storyline decision of an event in words, with what it rests on."""
        cfg = self.config
        score, shared = self.engine.story_evidence(event_id, 12)
        if not shared:
            return (
                f"its own storyline: no other event reached the threshold {cfg.storyline_threshold}"
            )
        # A name counts as a name feature and as a word: one entry, the shares added.
        merged: dict[str, float] = {}
        for term, share in shared:
            key = _display(term)
            merged[key.lower()] = merged.get(key.lower(), 0.0) + share
        shown = sorted(merged.items(), key=lambda kv: -kv[1])[:6]
        terms = ", ".join(f"{t} {share:.0%}" for t, share in shown)
        return (
            f"similarity {score:.3f} with the storyline's other events (threshold "
            f"{cfg.storyline_threshold}; {cfg.storyline_threshold / cfg.storyline_near_factor:g} "
            f"between events dated within {cfg.storyline_near_days:g} days), shared: {terms}"
        )

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
        # The names the storyline holds most once weighed by how specific they are: those
        # every event of the month holds ("President", "U.S.") give way to its own.
        ids, _ = self.engine.story_view(story.total).top_terms(400)
        terms = self.engine.vocab.terms
        names: list[str] = []
        for i in ids.tolist():
            term = terms[i]
            shown = self._forms.get(term) or _display(term)
            if not term.startswith("n:") or len(term) <= 3 or shown in names:
                continue
            # A hashtag form beside the name it joins ("MattBevin", "Bevin") is one name:
            # the name as written in prose stands for both.
            if any(_joins(shown, name) for name in names):
                continue
            names = [name for name in names if not _joins(name, shown)] + [shown]
            if len(names) == 4:
                break
        return " · ".join(names) or story.id

    def stories(self) -> list[Story]:
        """Every storyline in the store, newest first."""
        return load_stories(self.store)


def _joins(hashtag: str, name: str) -> bool:
    """Whether ``hashtag`` is written as CamelCase parts ("MattBevin") among which are all the
    words of ``name`` ("Bevin", "Matt Bevin"): the same name as a hashtag writes it. Parts are
    three letters or more, so that "WeWork" or "McDonald" are names of their own."""
    parts: list[str] = []
    for ch in hashtag:
        if ch.isupper():
            parts.append(ch)
        elif ch.islower() and parts:
            parts[-1] += ch
        else:
            return False  # a space, a digit, a lower-case start: no hashtag form
    if len(parts) < 2 or any(len(p) < 3 for p in parts):
        return False
    words = name.split()
    return (
        bool(words) and name != hashtag and {w.lower() for w in words} <= {p.lower() for p in parts}
    )


def _source_key(outlet: str | None) -> str:
    """An outlet as the storyline level tells outlets apart ("" when unknown)."""
    return " ".join((outlet or "").lower().split())


def _display(term: str) -> str:
    """A feature term as a reader writes it: "n:comey" Comey, "n:u.s." U.S., "memos" memos."""
    word = term[2:] if term[1:2] == ":" else term
    if not term.startswith("n:"):
        return word
    if "." in word:
        return word.upper()
    return "-".join(part[:1].upper() + part[1:] for part in word.split("-"))


def assign(
    articles: Sequence[Article], store: Store, config: ClusterConfig = DEFAULT
) -> list[Assignment]:
    """Place articles in the store's events and storylines (loading its state first)."""
    return StoryClusterer(store, config).add(articles)


def stories(store: Store) -> list[Story]:
    """Every storyline in the store with its events, newest first."""
    return load_stories(store)
