"""How events and storylines persist in the store, and the public records built from them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from newsprism.records import Assignment, Event, Story
from newsprism.store import Store

__all__ = [
    "ASSIGNMENT_KIND",
    "EVENT_KIND",
    "STORY_KIND",
    "EventState",
    "StoryState",
    "decode_vector",
    "encode_vector",
    "load_assignments",
    "load_stories",
    "load_story",
]

EVENT_KIND = "cluster.event"
STORY_KIND = "cluster.storyline"
ASSIGNMENT_KIND = "cluster.assignments"


@dataclass(frozen=True, slots=True)
class EventState:
    """An event as stored: its storyline, summed vector (top terms), members and label."""

    id: str
    story_id: str
    seq: int
    n: int
    """Articles in the summed vector: the first ``n`` of ``articles``; the rest are syndicated
    copies, members but not summed."""
    vector: str
    """The summed vector's top terms as ``term<TAB>weight`` lines (see :func:`encode_vector`):
    one string, since a few hundred terms as JSON lists cost more to write than the rest."""
    first: dt.date | None
    last: dt.date | None
    articles: tuple[str, ...]
    outlets: tuple[str, ...]
    """The outlet of each article ('' when unknown), aligned with ``articles``."""
    copy_of: tuple[str, ...] = ()
    """For each copy (``articles[n:]``), the member it is a copy of."""
    label: str = ""
    label_date: dt.date | None = None
    reasons: tuple[str, ...] = ()
    story_reason: str = ""
    """Why the event is in its storyline: the similarity with the storyline's other events,
    the threshold, and the specific terms it rests on (or that it stands alone)."""


@dataclass(frozen=True, slots=True)
class StoryState:
    """A storyline as stored: its sequence number and label (its events name it)."""

    id: str
    seq: int
    label: str = ""


def encode_vector(weights: dict[str, float]) -> str:
    """Term weights as ``term<TAB>weight`` lines (terms never hold tabs or line breaks)."""
    return "\n".join(f"{term}\t{weight:.5g}" for term, weight in weights.items())


def decode_vector(text: str) -> dict[str, float]:
    """The term weights :func:`encode_vector` wrote."""
    found: dict[str, float] = {}
    for line in text.splitlines():
        term, _, weight = line.rpartition("\t")
        if term:
            found[term] = float(weight)
    return found


def _event(state: EventState) -> Event:
    return Event(
        state.id,
        state.story_id,
        state.label,
        state.label_date or state.first,
        state.articles,
        (f"storyline: {state.story_reason}", *state.reasons)
        if state.story_reason
        else state.reasons,
    )


def load_stories(store: Store) -> list[Story]:
    """Every storyline in the store with its events, the newest storyline first."""
    events: dict[str, EventState] = {}
    for key in store.record_keys(EVENT_KIND):
        for state in store.get_records(EVENT_KIND, key, EventState):
            events[state.id] = state
    by_story: dict[str, list[EventState]] = {}
    for state in events.values():
        by_story.setdefault(state.story_id, []).append(state)
    result: list[tuple[dt.date, int, Story]] = []
    for key in store.record_keys(STORY_KIND):
        for story in store.get_records(STORY_KIND, key, StoryState):
            members = by_story.get(story.id, [])
            members.sort(key=lambda e: (e.first or dt.date.max, e.seq))
            dates = [d for e in members for d in (e.first, e.last) if d is not None]
            first, last = (min(dates), max(dates)) if dates else (None, None)
            built = Story(story.id, story.label, tuple(_event(e) for e in members), first, last)
            result.append((last or dt.date.min, story.seq, built))
    result.sort(key=lambda item: (item[0], item[1]), reverse=True)
    return [story for _, _, story in result]


def load_story(store: Store, story_id: str) -> Story | None:
    """The storyline ``story_id`` with its events, reading only its own rows (None if absent)."""
    from newsprism.store.schema import EVENTS, STORYLINES

    held = STORYLINES.get(store, story_id)
    if not held:
        return None
    latest = {e.id: e for e in EVENTS.find(store, [story_id]) if e.story_id == story_id}
    members = sorted(latest.values(), key=lambda e: (e.first or dt.date.max, e.seq))
    dates = [d for e in members for d in (e.first, e.last) if d is not None]
    first, last = (min(dates), max(dates)) if dates else (None, None)
    return Story(story_id, held[-1].label, tuple(_event(e) for e in members), first, last)


def load_event_states(store: Store) -> list[EventState]:
    """Every stored event state."""
    return [
        s
        for key in store.record_keys(EVENT_KIND)
        for s in store.get_records(EVENT_KIND, key, EventState)
    ]


def load_story_states(store: Store) -> list[StoryState]:
    """Every stored storyline state."""
    return [
        s
        for key in store.record_keys(STORY_KIND)
        for s in store.get_records(STORY_KIND, key, StoryState)
    ]


def load_assignments(store: Store) -> dict[str, Assignment]:
    """The latest assignment of every clustered article, by doc id."""
    found: dict[str, Assignment] = {}
    for key in store.record_keys(ASSIGNMENT_KIND):
        for assignment in store.get_records(ASSIGNMENT_KIND, key, Assignment):
            found[assignment.doc_id] = assignment
    return found
