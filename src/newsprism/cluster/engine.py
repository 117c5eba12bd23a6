"""Incremental, time-aware average-link clustering of articles into events and storylines.

A batch is clustered together with its neighbourhood, re-clustered from scratch: the events its
articles point at (found through an inverted index of top terms near their dates) are opened up
into their articles, and average linkage runs over the new articles and those, so that an early
merge that later articles contradict is undone and the result depends little on arrival order.
An event too large to open (more than ``expand_articles``) takes part whole. Events then group
into storylines the same way, one level up: the storylines of the changed events and those
their events point at are opened into their events and re-clustered with a lower threshold and
a slower time decay. Nothing outside the neighbourhood is touched, so a batch costs the same
whatever the size of the corpus. Last, in each changed storyline, an event of one or two
articles that stayed under the event bar beside a larger event of the same storyline folds into
it when their event similarity reaches a lower one (``ClusterConfig.fragment_size``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from newsprism.cluster.agglomerate import (
    Lone,
    OneSource,
    Sources,
    Timing,
    agglomerate,
    gap_days,
    time_factor,
)
from newsprism.cluster.config import DEFAULT, ClusterConfig
from newsprism.cluster.features import EVENT_ONLY
from newsprism.cluster.index import TermIndex
from newsprism.cluster.specific import (
    CountingIndex,
    DocumentCounts,
    Rarity,
    shared_terms,
    specific,
)
from newsprism.cluster.vectors import Vector, Vocabulary, gram, total

__all__ = ["Changes", "Cluster", "Engine", "Placement"]

DateRange = tuple[dt.date | None, dt.date | None]
Fetch = Callable[[Sequence[str]], dict[str, Vector]]


@dataclass(slots=True)
class Cluster:
    """An event (of articles) or a storyline (of events): summed vector, size, date range."""

    id: str
    seq: int
    n: int
    total: Vector
    first: dt.date | None
    last: dt.date | None
    members: dict[str, None] = field(default_factory=dict)
    """Member ids in the order they joined (a dict as an ordered set)."""


@dataclass(frozen=True, slots=True)
class Placement:
    """Where one new article went and the similarity that decided it."""

    doc_id: str
    event_id: str
    similarity: float
    """Average-link similarity of its first merge (its best pair when it stayed alone)."""
    gap_days: float
    joined: bool
    folded: float = 0.0
    """When its event was folded into a larger one of its storyline as a fragment: their
    event similarity (see ClusterConfig.fragment_size); 0 otherwise."""


@dataclass(slots=True)
class Changes:
    """What a batch changed: its articles' placements, events and storylines to write or drop."""

    placements: list[Placement] = field(default_factory=list)
    events: set[str] = field(default_factory=set)
    removed_events: set[str] = field(default_factory=set)
    stories: set[str] = field(default_factory=set)
    removed_stories: set[str] = field(default_factory=set)


@dataclass(slots=True)
class _Unit:
    """One row of a region: a free atom, an atom of an opened cluster, or a whole cluster."""

    key: str
    total: Vector
    n: int
    span: DateRange
    atom: str | None
    origin: str | None
    """The cluster the atom (or the whole-cluster unit) belonged to; None for a free atom."""


@dataclass(slots=True)
class _Level:
    """Events over articles, or storylines over events: the same regrouping at two scales."""

    prefix: str
    clusters: dict[str, Cluster]
    owner: dict[str, str]
    index: TermIndex
    threshold: float
    grace: float
    tau: float
    expand: int
    timing: Timing
    lone: Lone | None = None
    one_source: OneSource | None = None

    @property
    def horizon(self) -> float:
        # Past grace + 4 tau the decay is under 0.02: no similarity can reach a threshold.
        return self.grace + 4 * self.tau


@dataclass(slots=True)
class _Outcome:
    changed: set[str]
    removed: set[str]
    moved: set[str]
    placed: dict[str, tuple[str, float, float, bool]]
    before: dict[str, Cluster]
    """The region's clusters as they were before the batch (sums, sizes, dates)."""


class Engine:
    """Events and storylines in memory, with their indexes and the article vectors."""

    def __init__(self, config: ClusterConfig = DEFAULT, fetch: Fetch | None = None) -> None:
        self.config = config
        self.vocab = Vocabulary(EVENT_ONLY)
        self.vectors: dict[str, Vector] = {}
        self.dates: dict[str, dt.date | None] = {}
        self.closed: set[str] = set()
        """Placed articles whose vector and date were let go (:meth:`close`): read again
        through ``fetch`` when a batch needs them, so that nothing changes but memory."""
        self.events: dict[str, Cluster] = {}
        self.stories: dict[str, Cluster] = {}
        self.event_of: dict[str, str] = {}
        self.story_of: dict[str, str] = {}
        self.sources: dict[str, str] = {}
        """The outlet of each article, lower-cased ("" or absent: unknown)."""
        self._fetch = fetch
        self._seq = 0
        self._dirty: set[str] = set()
        """Events whose articles' vectors changed in this batch: written even if their members
        stay the same."""
        cfg = config
        self.event_index = CountingIndex(cfg.index_terms, cfg.bucket_days, cfg.specific_terms)
        """The events' term index, which also counts each term's event frequency."""
        self.documents = DocumentCounts()
        """How many articles hold each term, for the storyline level."""
        self._rarity = Rarity(
            cfg.specific_events, cfg.specific_power, cfg.common_share, cfg.common_floor,
            cfg.common_power, cfg.common_events,
        )  # fmt: skip
        self._event_level = _Level(
            "ev", self.events, self.event_of, self.event_index,
            cfg.event_threshold, cfg.event_grace_days, cfg.event_tau_days, cfg.expand_articles,
            Timing(cfg.event_grace_days, cfg.event_tau_days),
            Lone(cfg.event_lone_factor, cfg.event_lone_group),
        )  # fmt: skip
        self._story_level = _Level(
            "st", self.stories, self.story_of, TermIndex(cfg.index_terms, None),
            cfg.storyline_threshold, cfg.storyline_grace_days, cfg.storyline_tau_days,
            cfg.expand_events,
            Timing(
                cfg.storyline_grace_days, cfg.storyline_tau_days,
                cfg.storyline_near_days, cfg.storyline_near_factor, cfg.storyline_far_factor,
                cfg.storyline_far_size,
            ),
            None,
            OneSource(cfg.storyline_one_source_factor),
        )  # fmt: skip

    # ---------------------------------------------------------------------------------------
    # state

    def vector(self, weights: dict[str, float]) -> Vector:
        """A term -> weight mapping as a sparse vector over the engine's vocabulary."""
        return self.vocab.vector(weights)

    def weights(self, vector: Vector) -> dict[str, float]:
        """A sparse vector back as term -> weight."""
        return self.vocab.weights(vector)

    def restore(self, event: Cluster, story: Cluster) -> None:
        """Put back an event and its storyline as the store held them (sums: finish_restore)."""
        self._seq = max(self._seq, event.seq, story.seq)
        self.events[event.id] = event
        for doc in event.members:
            self.event_of[doc] = event.id
        self._event_level.index.put(event.id, event.total, (event.first, event.last))
        # The store keeps no article vectors up front: each kept term of the event counts as
        # held by all of its articles (an upper bound; the light terms are not kept anyway).
        self.documents.add(event.total.ids, float(event.n))
        held = self.stories.setdefault(story.id, story)
        held.members[event.id] = None
        self.story_of[event.id] = story.id

    def finish_restore(self) -> None:
        """Rebuild every storyline's sum, size and dates from its events, and index it."""
        for story in self.stories.values():
            self._resum(story)

    def _resum(self, story: Cluster) -> None:
        events = [self.events[e] for e in story.members]
        story.total = total([self.vocab.unmasked(e.total) for e in events])
        story.n = sum(e.n for e in events)
        story.first, story.last = _span_of((e.first, e.last) for e in events)
        self._story_level.index.put(story.id, story.total, (story.first, story.last))

    @property
    def event_horizon(self) -> float:
        """Days past which no article's similarity with an event can reach the event bar."""
        return self._event_level.horizon

    def close(self, docs: Iterable[str]) -> int:
        """Let go of the vectors and dates of placed articles (those ``fetch`` rebuilds as they
        were: not the mean vector of a syndication group); how many were let go."""
        # Identical results by design: whoever needs one of them (an event opened into its
        # articles, an article moved or removed) reads it back first (see _reopen).
        closed = 0
        for doc in docs:
            if doc in self.event_of and self.vectors.pop(doc, None) is not None:
                self.dates.pop(doc, None)
                self.closed.add(doc)
                closed += 1
        return closed

    def _reopen(self, docs: Iterable[str]) -> None:
        """Read back the vectors of closed articles among ``docs``."""
        self._read_back([d for d in docs if d in self.closed])

    def _read_back(self, missing: Sequence[str]) -> None:
        """Read the vectors of ``missing`` articles through ``fetch`` (closed ones among them
        are open again)."""
        if missing and self._fetch is not None:
            found = self._fetch(missing)
            self.vectors.update(found)
            self.closed.difference_update(found)

    def _next_seq(self) -> int:
        self._seq += 1
        return self._seq

    # ---------------------------------------------------------------------------------------
    # the batch step

    def add(
        self,
        docs: Sequence[str],
        vectors: Sequence[Vector],
        dates: Sequence[dt.date | None],
        updated: Mapping[str, tuple[Vector, dt.date | None]] | None = None,
        removed: Sequence[str] = (),
    ) -> Changes:
        """Cluster new articles with their neighbourhood, re-place updated ones, drop removed."""
        # ``updated``: placed articles whose vector changed (their syndication group grew);
        # ``removed``: placed articles that have become copies of another.
        touched, before = self._update_vectors(updated or {})
        emptied = self._remove(removed, touched, before)
        for doc, vector, date in zip(docs, vectors, dates, strict=True):
            if doc not in self.event_of:
                self.documents.add(vector.ids)
            self.vectors[doc] = vector
            self.dates[doc] = date
        # Canonical order: the result must not depend on the order of the batch.
        atoms = sorted(dict.fromkeys(d for d in docs if d not in self.event_of))
        changes = Changes()
        if not atoms and not touched and not emptied:
            return changes
        outcome = self._regroup(self._event_level, atoms, touched)
        outcome.before.update(before)
        outcome.removed |= emptied
        self._dirty.clear()
        for doc in atoms:
            _, sim, gap, joined = outcome.placed[doc]
            eid = self.event_of[doc]
            changes.placements.append(Placement(doc, eid, sim, gap, joined))
        changes.events = set(outcome.changed)
        changes.removed_events = set(outcome.removed)
        self._update_stories(outcome, changes)
        return changes

    def _update_vectors(
        self, updated: Mapping[str, tuple[Vector, dt.date | None]]
    ) -> tuple[set[str], dict[str, Cluster]]:
        """Give placed articles new vectors; their events (touched) are re-clustered."""
        # An event too large to open has its sum corrected here instead.
        touched: set[str] = set()
        before: dict[str, Cluster] = {}
        level = self._event_level
        self._reopen(sorted(updated))
        for doc, (vector, date) in sorted(updated.items()):
            eid = self.event_of.get(doc)
            if eid is None:
                continue
            event = self.events[eid]
            before.setdefault(eid, _snapshot(event))
            old = self.vectors.get(doc)
            if len(event.members) > level.expand or old is None:
                if old is not None:
                    event.total = total([event.total, vector, old], (1.0, 1.0, -1.0))
                event.first, event.last = _span_of([(event.first, event.last), (date, date)])
            if old is not None:
                self.documents.add(old.ids, -1.0)
                self.documents.add(vector.ids)
            self.vectors[doc] = vector
            self.dates[doc] = date
            touched.add(eid)
            self._dirty.add(eid)
        return touched, before

    def _remove(
        self, docs: Sequence[str], touched: set[str], before: dict[str, Cluster]
    ) -> set[str]:
        """Take placed articles out of their events; the events left empty (removed)."""
        emptied: set[str] = set()
        self._reopen(sorted(docs))
        for doc in sorted(docs):
            eid = self.event_of.pop(doc, None)
            self.closed.discard(doc)
            if eid is None:
                continue
            event = self.events[eid]
            before.setdefault(eid, _snapshot(event))
            event.members.pop(doc, None)
            vector = self.vectors.pop(doc, None)
            if vector is not None:
                event.total = event.total.plus(vector, -1.0)
                self.documents.add(vector.ids, -1.0)
            event.n -= 1
            if event.members:
                touched.add(eid)
                self._dirty.add(eid)
                continue
            touched.discard(eid)
            emptied.add(eid)
            del self.events[eid]
            self._event_level.index.drop(eid)
        return emptied

    def _update_stories(self, events: _Outcome, changes: Changes) -> None:
        """Adjust the storylines of changed and removed events, then regroup storylines."""
        # Each storyline's sum moves by what its events gained and lost, in one step.
        deltas: dict[str, list[tuple[Vector, float]]] = {}
        for eid in sorted(events.removed):
            sid = self.story_of.pop(eid, None)
            if sid is None:
                continue
            self.stories[sid].members.pop(eid, None)
            old = events.before[eid]
            self.stories[sid].n -= old.n
            deltas.setdefault(sid, []).append((self.vocab.unmasked(old.total), -1.0))
        fresh: list[str] = []
        for eid in sorted(events.changed):
            sid = self.story_of.get(eid)
            if sid is None:
                fresh.append(eid)
                continue
            old, new = events.before[eid], self.events[eid]
            story = self.stories[sid]
            story.n += new.n - old.n
            story.first, story.last = _span_of([(story.first, story.last), (new.first, new.last)])
            deltas.setdefault(sid, []).append((self.vocab.unmasked(old.total), -1.0))
            deltas.setdefault(sid, []).append((self.vocab.unmasked(new.total), 1.0))
        touched = set(deltas)
        for sid in sorted(touched):
            story = self.stories[sid]
            parts = [(story.total, 1.0), *deltas[sid]]
            summed = total([v for v, _ in parts], [sign for _, sign in parts])
            story.total = summed.trim(self.config.sum_terms)
            if not story.members:
                del self.stories[sid]
                self._story_level.index.drop(sid)
                changes.removed_stories.add(sid)
            else:
                self._story_level.index.put(sid, story.total, (story.first, story.last))
        touched -= changes.removed_stories
        outcome = self._regroup(self._story_level, fresh, touched)
        changes.stories = (touched | outcome.changed) - outcome.removed
        changes.removed_stories |= outcome.removed
        # An event whose storyline changed is written again: it names its storyline.
        changes.events |= outcome.moved
        for sid in sorted(changes.stories):
            self._join_fragments(sid, changes)

    def _join_fragments(self, story_id: str, changes: Changes) -> None:
        """Fold each small event of a storyline into its most similar larger sibling event
        when their event similarity reaches ``fragment_threshold`` (see ClusterConfig)."""
        cfg = self.config
        story = self.stories.get(story_id)
        if story is None or len(story.members) < 2 or cfg.fragment_size < 1:
            return
        timing = self._event_level.timing
        small = sorted(
            (e for e in story.members if self.events[e].n <= cfg.fragment_size),
            key=lambda e: (self.events[e].n, self.events[e].seq),
        )
        for eid in small:
            event = self.events[eid]
            if event.n > cfg.fragment_size:  # it took in a smaller fragment first
                continue
            span = (event.first, event.last)
            best: tuple[float, int, str] | None = None
            for other in story.members:
                target = self.events[other]
                if other == eid or target.n < event.n:
                    continue
                tspan = (target.first, target.last)
                dated = span[0] is not None and tspan[0] is not None
                if span[0] is not None and tspan[0] is None:
                    # A dated group beside an undated event has no time relation to it.
                    continue
                sim = (
                    event.total.dot(target.total)
                    / (event.n * target.n)
                    * time_factor(gap_days(span, tspan), dated, timing)
                )
                key = (sim, -target.seq, other)
                if best is None or key > best:
                    best = key
            if best is None or best[0] < cfg.fragment_threshold:
                continue
            self._fold(eid, best[2], best[0], story, changes)

    def _fold(
        self, eid: str, into: str, similarity: float, story: Cluster, changes: Changes
    ) -> None:
        """Move every article of event ``eid`` into event ``into`` of the same storyline."""
        event, target = self.events[eid], self.events[into]
        target.members.update(event.members)
        target.total = total([target.total, event.total]).trim(self.config.sum_terms)
        target.n += event.n
        target.first, target.last = _span_of(
            [(target.first, target.last), (event.first, event.last)]
        )
        self._event_level.index.put(into, target.total, (target.first, target.last))
        for doc in event.members:
            self.event_of[doc] = into
        del self.events[eid]
        self._event_level.index.drop(eid)
        story.members.pop(eid, None)
        self.story_of.pop(eid, None)
        changes.events.discard(eid)
        changes.events.add(into)
        changes.removed_events.add(eid)
        changes.placements = [
            replace(p, event_id=into, joined=True, folded=similarity) if p.event_id == eid else p
            for p in changes.placements
        ]

    # ---------------------------------------------------------------------------------------
    # regrouping one level

    def _regroup(self, level: _Level, atoms: list[str], touched: set[str]) -> _Outcome:
        """Re-cluster free atoms with the clusters they and the touched ones point at."""
        region = dict.fromkeys(sorted(touched, key=lambda c: level.clusters[c].seq))
        probes = [self._atom(level, a) for a in atoms]
        probes += [_whole(level.clusters[c]) for c in region]
        for cid in self._candidates(level, probes, set(region)):
            region[cid] = None
        units = [
            _Unit(a, p.total, p.n, p.span, a, None) for a, p in zip(atoms, probes, strict=False)
        ]
        for cid in region:
            units.extend(self._open(level, level.clusters[cid]))
        units.sort(key=lambda u: u.key)
        result = agglomerate(
            gram([self.compared(level, u.total) for u in units]),
            [u.n for u in units],
            [u.span[0] for u in units],
            [u.span[1] for u in units],
            level.threshold,
            level.grace,
            level.tau,
            level.timing,
            level.lone,
            [self._sources(u) for u in units] if level.one_source is not None else None,
            level.one_source,
        )
        return self._apply(level, units, result.groups, result.decided, list(region))

    def _sources(self, unit: _Unit) -> Sources:
        """The outlets of a storyline-level unit's articles (None when one is unknown)."""
        if unit.atom is not None:
            events = [unit.atom]
        else:
            events = list(self.stories[unit.origin or ""].members)
        found: set[str] = set()
        for eid in events:
            for doc in self.events[eid].members:
                outlet = self.sources.get(doc, "")
                if not outlet:
                    return None
                found.add(outlet)
        return frozenset(found)

    def compared(self, level: _Level | None, vector: Vector) -> Vector:
        """A cluster's sum as its level compares it: its heaviest terms, and for storylines
        weighed by how specific each is (see :mod:`newsprism.cluster.specific`)."""
        top = vector.top(self.config.compare_terms)
        if level is self._event_level:
            return top
        return specific(top, self.event_index, self._rarity, self.documents)

    def story_view(self, vector: Vector) -> Vector:
        """A sum as storylines compare it (heaviest terms, weighed by how specific each is)."""
        return self.compared(self._story_level, vector)

    def story_evidence(self, event_id: str, k: int = 6) -> tuple[float, list[tuple[str, float]]]:
        """How an event holds to the rest of its storyline: their average-link similarity as
        storylines compare (before time weighting) and the terms most of it comes from, each
        with its share; (0.0, []) for an event alone in its storyline."""
        event = self.events[event_id]
        story = self.stories.get(self.story_of.get(event_id, ""))
        if story is None or len(story.members) < 2:
            return 0.0, []
        mine = self.vocab.unmasked(event.total)
        rest = story.total.plus(mine, -1.0)
        n_rest = story.n - event.n
        if n_rest <= 0:
            return 0.0, []
        a = self.compared(self._story_level, mine)
        b = self.compared(self._story_level, rest)
        score = a.dot(b) / (event.n * n_rest)
        terms = self.vocab.terms
        return score, [(terms[t], share) for t, share in shared_terms(a, b, k)]

    def _atom(self, level: _Level, atom: str) -> _Unit:
        if level is self._event_level:
            date = self.dates.get(atom)
            return _Unit(atom, self.vectors[atom], 1, (date, date), atom, None)
        event = self.events[atom]
        total = self.vocab.unmasked(event.total)
        return _Unit(atom, total, event.n, (event.first, event.last), atom, None)

    def _open(self, level: _Level, cluster: Cluster) -> list[_Unit]:
        """A cluster's atoms as units (each knowing its origin), or the cluster whole."""
        if len(cluster.members) <= level.expand and self._have_vectors(level, cluster):
            units = []
            for atom in cluster.members:
                unit = self._atom(level, atom)
                unit.origin = cluster.id
                units.append(unit)
            return units
        return [
            _Unit(
                f"~{cluster.id}",
                cluster.total,
                cluster.n,
                (cluster.first, cluster.last),
                None,
                cluster.id,
            )
        ]

    def _have_vectors(self, level: _Level, cluster: Cluster) -> bool:
        if level is not self._event_level:
            return True
        self._read_back([d for d in cluster.members if d not in self.vectors])
        return all(d in self.vectors for d in cluster.members)

    def _candidates(self, level: _Level, probes: Sequence[_Unit], exclude: set[str]) -> list[str]:
        """Clusters near the probes in terms and time whose similarity reaches the floor."""
        cfg = self.config
        pairs: list[tuple[int, str]] = []
        for p, probe in enumerate(probes):
            votes = level.index.votes(probe.total, probe.span, level.horizon)
            ranked = sorted(votes.items(), key=lambda kv: (-kv[1], level.clusters[kv[0]].seq))
            kept = 0
            for cid, _ in ranked:
                if cid in exclude or probe.origin == cid:
                    continue
                cluster = level.clusters[cid]
                if gap_days(probe.span, (cluster.first, cluster.last)) > level.horizon:
                    continue
                pairs.append((p, cid))
                kept += 1
                if kept >= cfg.candidates:
                    break
        if not pairs:
            return []
        targets = list(dict.fromkeys(cid for _, cid in pairs))
        column = {cid: k for k, cid in enumerate(targets)}
        dots = gram(
            [self.compared(level, p.total) for p in probes],
            [self.compared(level, level.clusters[c].total) for c in targets],
        )
        floor = cfg.candidate_floor * level.threshold
        found: dict[str, None] = {}
        for p, cid in pairs:
            probe, cluster = probes[p], level.clusters[cid]
            span = (cluster.first, cluster.last)
            gap = gap_days(probe.span, span)
            dated = probe.span[0] is not None and span[0] is not None
            sim = (
                dots[p, column[cid]]
                / (probe.n * cluster.n)
                * time_factor(gap, dated, level.timing, min(probe.n, cluster.n))
            )
            if sim >= floor:
                found[cid] = None
        return sorted(found, key=lambda c: level.clusters[c].seq)

    def _apply(
        self,
        level: _Level,
        units: list[_Unit],
        groups: list[list[int]],
        decided: list[tuple[float, float]],
        region: list[str],
    ) -> _Outcome:
        """Turn the region's groups into clusters, keeping each old id where most of it went."""
        clusters = level.clusters
        overlaps: list[tuple[int, int, str]] = []
        for g, group in enumerate(groups):
            weight: dict[str, int] = {}
            for k in group:
                origin = units[k].origin
                if origin is not None:
                    weight[origin] = weight.get(origin, 0) + units[k].n
            overlaps.extend((-w, g, cid) for cid, w in weight.items())
        overlaps.sort(key=lambda o: (o[0], clusters[o[2]].seq, o[1]))
        name: dict[int, str] = {}
        used: set[str] = set()
        for _, g, cid in overlaps:
            if g not in name and cid not in used:
                name[g] = cid
                used.add(cid)
        outcome = _Outcome(
            set(), set(), set(), {}, {cid: _snapshot(clusters[cid]) for cid in region}
        )
        for cid in region:
            if cid not in used:
                outcome.removed.add(cid)
                level.index.drop(cid)
        for g, group in enumerate(groups):
            kept_id = name.get(g)
            cluster = (
                clusters[kept_id] if kept_id is not None else self._new_cluster(level, units, group)
            )
            # Members that come from elsewhere: a cluster that stays whole keeps its own.
            incoming: list[str] = []
            whole = False
            for k in group:
                unit = units[k]
                if unit.atom is None and unit.origin == cluster.id:
                    whole = True
                elif unit.atom is not None:
                    incoming.append(unit.atom)
                else:
                    incoming.extend(clusters[unit.origin or ""].members)
            dirty = cluster.id in self._dirty
            if whole:
                if not incoming and not dirty:
                    self._record(units, group, decided, cluster.id, outcome)
                    continue
                cluster.members.update(dict.fromkeys(incoming))
            else:
                fresh = dict.fromkeys(incoming)
                if cluster.members.keys() == fresh.keys() and not dirty:
                    self._record(units, group, decided, cluster.id, outcome)
                    continue
                # Members already in the cluster keep their order; newcomers follow.
                cluster.members = {m: None for m in cluster.members if m in fresh} | fresh
            cluster.total = total([units[k].total for k in group]).trim(self.config.sum_terms)
            cluster.n = sum(units[k].n for k in group)
            cluster.first, cluster.last = _span_of(units[k].span for k in group)
            level.index.put(cluster.id, cluster.total, (cluster.first, cluster.last))
            outcome.changed.add(cluster.id)
            for member in incoming:
                if level.owner.get(member) != cluster.id:
                    if member in level.owner:
                        outcome.moved.add(member)
                    level.owner[member] = cluster.id
            self._record(units, group, decided, cluster.id, outcome)
        for cid in outcome.removed:
            del clusters[cid]
        outcome.changed -= outcome.removed
        return outcome

    def _record(
        self,
        units: list[_Unit],
        group: list[int],
        decided: list[tuple[float, float]],
        cid: str,
        outcome: _Outcome,
    ) -> None:
        for k in group:
            unit = units[k]
            if unit.atom is not None and unit.origin is None:
                sim, gap = decided[k]
                outcome.placed[unit.atom] = (cid, sim, gap, len(group) > 1)

    def _new_cluster(self, level: _Level, units: list[_Unit], group: list[int]) -> Cluster:
        atoms = [units[k].atom or "" for k in group]
        if level is self._event_level:
            seed = min(atoms)[:12]
        else:
            seed = min(atoms, key=lambda e: self.events[e].seq).removeprefix("ev-")
        cid = f"{level.prefix}-{seed}"
        while cid in level.clusters:  # the same seed cannot name two clusters
            cid += "x"
        cluster = Cluster(cid, self._next_seq(), 0, Vector.empty(), None, None)
        level.clusters[cid] = cluster
        return cluster


def _whole(cluster: Cluster) -> _Unit:
    return _Unit(
        cluster.id, cluster.total, cluster.n, (cluster.first, cluster.last), None, cluster.id
    )


def _snapshot(cluster: Cluster) -> Cluster:
    return Cluster(cluster.id, cluster.seq, cluster.n, cluster.total, cluster.first, cluster.last)


def _span_of(spans: Iterable[DateRange]) -> DateRange:
    dates = [d for span in spans for d in span if d is not None]
    return (min(dates), max(dates)) if dates else (None, None)
