"""Story views: what the outputs show about a story, computed when it changes, stored, loaded.

The stages never import each other; this module (like the runner) sits above them and joins
their records: a story's articles, their extractions (entities re-merged across the story so
that one speaker has one id everywhere) and syndication assignments, compared, then briefed.

A view is of a storyline (its comparison organised by event) or of one event inside it (the
unit of comparison: only that event's articles are compared and briefed).

Views are stored with the version of the story they were computed from (its events, their
articles and labels, and the view format): :func:`refresh_views` computes them after a run
changes stories, and :func:`load_view` reads the stored one, recomputing and storing it when the
story has changed since. A view is not recomputed when only the store-wide framing prior moves
(other stories' articles shift the background the framing terms are weighed against): it is the
prior of the run that last changed the story.

>>> view = load_view(store, "st-0123abcd")  # doctest: +SKIP
>>> view.brief.sentences[0].text  # doctest: +SKIP
"""

from __future__ import annotations

import contextlib
import hashlib
import sqlite3
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from newsprism._version import __version__
from newsprism.errors import NewsprismError
from newsprism.records import (
    Article,
    Assignment,
    Brief,
    Comparison,
    Event,
    Extraction,
    Story,
)
from newsprism.store import Store
from newsprism.store.schema import (
    ASSIGNMENTS,
    EVENTS,
    EXTRACTIONS,
    FRAMING_PRIOR,
    FRAMING_TERMS,
    STORYLINES,
)

__all__ = [
    "VIEW_FORMAT",
    "StoredView",
    "StoryView",
    "current_version",
    "event_story",
    "find_view_key",
    "framing_prior",
    "load_view",
    "refresh_views",
    "save_view",
    "stories_of",
    "story_view",
    "story_views",
    "view_of",
]

VIEW_FORMAT = 1
"""Raised when what a view holds or how it is computed changes, so stored views are redone."""

MIN_KEY = 4
"""Shortest story or event id prefix looked up: shorter keys would match too much."""


@dataclass(frozen=True, slots=True)
class StoryView:
    """A story with its articles, extractions, comparison and brief, ready to print or export."""

    story: Story
    articles: tuple[Article, ...]
    extractions: tuple[Extraction, ...]
    comparison: Comparison
    brief: Brief
    storyline: Story | None = None
    """For the view of one event, the storyline it belongs to (``story`` is then the event
    alone, under the event's id and label)."""

    @property
    def key(self) -> str:
        """The id the view is of: the event's for an event view, else the storyline's."""
        return self.story.id


@dataclass(frozen=True, slots=True)
class StoredView:
    """A view as the store keeps it: everything but the articles, which the store holds."""

    story: Story
    extractions: tuple[Extraction, ...]
    comparison: Comparison
    brief: Brief
    storyline: Story | None = None


# --------------------------------------------------------------------------------------------
# computing a view


def _extractions(store: Store, articles: Sequence[Article]) -> list[Extraction]:
    found = [e for a in articles for e in EXTRACTIONS.get(store, a.doc_id)]
    if len(found) < 2:
        return found
    try:
        from newsprism.extract import merge_extractions
    except ImportError:  # without the [nlp] extra the stored ids stand as they are
        return found
    return merge_extractions(found)


def event_story(story: Story, event: Event) -> Story:
    """One event of ``story`` as a story of its own: the event's id, label, date and articles."""
    return Story(event.id, event.label, (event,), event.date, event.date)


def framing_prior(store: Store) -> Counter[str]:
    """The store-wide framing prior: how often each framing term occurs in the store."""
    return Counter({t.term: t.count for t in FRAMING_PRIOR.get(store, "all")})


def _assignments(store: Store, doc_ids: Sequence[str]) -> dict[str, Assignment]:
    """The latest assignment of each of ``doc_ids``, read through the store's index."""
    return {a.doc_id: a for a in ASSIGNMENTS.find(store, doc_ids)}


def story_view(
    store: Store,
    story: Story,
    event: Event | None = None,
    *,
    assignments: Mapping[str, Assignment] | None = None,
    prior: Counter[str] | None = None,
) -> StoryView:
    """Load, compare and brief one story, or only ``event`` of it (computed, not stored).

    ``assignments`` and ``prior`` (syndication assignments and the store's framing prior) are
    read from the store when not given; a caller viewing many stories reads the prior once.
    """
    from newsprism.brief import brief_story
    from newsprism.compare.framing import outlet_framing
    from newsprism.compare.story import compare_story

    shown = event_story(story, event) if event is not None else story
    ids = [doc for e in shown.events for doc in e.articles]
    if assignments is None:
        assignments = _assignments(store, ids)
    articles = [store.article(doc) for doc in ids]
    extractions = _extractions(store, articles)
    framing = outlet_framing(
        {a.doc_id: FRAMING_TERMS.get(store, a.doc_id) for a in articles},
        prior if prior is not None else framing_prior(store),
    )
    comparison = compare_story(
        shown.id, articles, extractions, assignments, framing=framing, events=shown.events
    )
    brief = brief_story(shown, articles, comparison, extractions)
    return StoryView(
        shown,
        tuple(articles),
        tuple(extractions),
        comparison,
        brief,
        storyline=story if event is not None else None,
    )


def current_version(store: Store, story_id: str, event_id: str | None = None) -> str | None:
    """The version of storyline ``story_id`` (or of the view of its event ``event_id``) as the
    store holds it now; None when there is no such storyline.

    It is read off the stored rows of the storyline and its events without decoding them, so
    that a read can tell a stored view is current without loading the story: it changes when
    an event gains or loses an article, a label or a date changes, or the view format does.
    """
    held = store.record_digest(STORYLINES.kind, keys=[story_id])
    if held is None:
        return None
    events = store.record_digest(EVENTS.kind, values=[story_id]) or ""
    text = "\n".join([str(VIEW_FORMAT), __version__, story_id, held, events, event_id or ""])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def save_view(store: Store, view: StoryView) -> None:
    """Store ``view`` (computed by :func:`story_view` or by the compare and summarize stages)
    under its key, with the version of the story it shows, replacing any older one."""
    if view.storyline is not None:
        version = current_version(store, view.storyline.id, view.story.id)
    else:
        version = current_version(store, view.story.id)
    if version is not None:  # a storyline merged away meanwhile has no view to keep
        _save(store, view, version)


def _save(store: Store, view: StoryView, version: str) -> None:
    stored = StoredView(view.story, view.extractions, view.comparison, view.brief, view.storyline)
    # A read-only store (another user's file, a full disk) still shows the view it computed.
    with contextlib.suppress(sqlite3.Error, OSError):
        store.put_view(view.key, version, stored)


# --------------------------------------------------------------------------------------------
# reading and refreshing stored views


def _load_story(store: Store, story_id: str) -> Story | None:
    from newsprism.cluster.state import load_story

    return load_story(store, story_id)


def _event_of(story: Story, event_id: str) -> Event:
    for event in story.events:
        if event.id == event_id:
            return event
    raise NewsprismError("E033", f"event {event_id} in storyline {story.id}")


def _view_of(
    store: Store, story: Story, event: Event | None, prior: Counter[str] | None
) -> StoryView:
    """The stored view when it is of the story as it is now, else computed and stored."""
    key = event.id if event is not None else story.id
    version = current_version(store, story.id, event.id if event is not None else None)
    stored = None if version is None else store.get_view(key, StoredView, version)
    if stored is None:
        view = story_view(store, story, event, prior=prior)
        if version is not None:
            _save(store, view, version)
        return view
    return _with_articles(store, stored)


def _with_articles(store: Store, stored: StoredView) -> StoryView:
    ids = [doc for e in stored.story.events for doc in e.articles]
    articles = tuple(store.article(doc) for doc in ids)
    return StoryView(
        stored.story,
        articles,
        stored.extractions,
        stored.comparison,
        stored.brief,
        stored.storyline,
    )


def view_of(store: Store, story: Story, event: Event | None = None) -> StoryView:
    """The view of ``story`` (or of its ``event``) as loaded from the store, like
    :func:`load_view`, for a caller that holds the story already."""
    return _view_of(store, story, event, None)


def load_view(store: Store, story_id: str, event_id: str | None = None) -> StoryView:
    """The view of storyline ``story_id`` (or of its event ``event_id``), as stored when it is
    of the story as it is now, else computed and stored; E033 when there is no such story."""
    version = current_version(store, story_id, event_id)
    if version is None:
        raise NewsprismError("E033", story_id)
    # A current stored view is read without loading the story (nor the clustering code).
    stored = store.get_view(event_id or story_id, StoredView, version)
    if stored is not None:
        return _with_articles(store, stored)
    story = _load_story(store, story_id)
    if story is None:
        raise NewsprismError("E033", story_id)
    event = _event_of(story, event_id) if event_id is not None else None
    view = story_view(store, story, event)
    _save(store, view, version)
    return view


def stories_of(store: Store, doc_ids: Iterable[str]) -> list[str]:
    """The storylines holding any of ``doc_ids``, in the order their articles are given."""
    wanted = list(dict.fromkeys(doc_ids))
    found = _assignments(store, wanted)
    return list(dict.fromkeys(found[d].story_id for d in wanted if d in found))


def refresh_views(store: Store, story_ids: Iterable[str] | None = None) -> int:
    """Compute and store the views of ``story_ids`` (every storyline when None) whose stored
    view is not of the story as it is now; how many were computed.

    Ids of storylines that no longer exist (merged into another) lose their stored view. Call
    it after a run changes stories: with the ids of the storylines its articles were placed in
    and of those whose articles it extracted.
    """
    ids = STORYLINES.keys(store) if story_ids is None else list(dict.fromkeys(story_ids))
    prior: Counter[str] | None = None
    done = 0
    with store.transaction():
        for story_id in ids:
            version = current_version(store, story_id)
            story = None if version is None else _load_story(store, story_id)
            if version is None or story is None:
                store.delete_views([story_id])
                continue
            if store.view_version(story_id) == version:
                continue
            if prior is None:
                prior = framing_prior(store)  # read once, and only when a view is computed
            _save(store, story_view(store, story, prior=prior), version)
            done += 1
    return done


def story_views(store: Store, doc_ids: Sequence[str] | None = None) -> list[StoryView]:
    """Every story (or those holding one of ``doc_ids``), newest first: stored views, those
    whose story changed since computed again and stored."""
    from newsprism.cluster import stories

    wanted = set(stories_of(store, doc_ids)) if doc_ids is not None else None
    prior: Counter[str] | None = None
    views = []
    for story in stories(store):
        if wanted is not None and story.id not in wanted:
            continue
        if prior is None and store.view_version(story.id) != current_version(store, story.id):
            prior = framing_prior(store)
        views.append(_view_of(store, story, None, prior))
    return views


def find_view_key(store: Store, key: str) -> tuple[str, str | None] | None:
    """The (storyline id, event id or None) that ``key`` names: a storyline or event id or a
    unique prefix of one; None when it names none or several storylines."""
    key = key.strip()
    if len(key) < MIN_KEY:
        return None
    story_ids = {k for k in STORYLINES.keys(store) if k.startswith(key)}
    events = [k for k in EVENTS.keys(store) if k.startswith(key)]
    # Each event's storyline from the store's index: no event record is decoded.
    event_story_ids = {e: held[-1] for e, held in store.index_values(EVENTS.kind, events).items()}
    matched = story_ids | set(event_story_ids.values())
    if len(matched) != 1:
        return None
    (story_id,) = matched
    if story_id.startswith(key):
        return story_id, None  # the storyline itself, though an event id may share the prefix
    own = [e for e, s in event_story_ids.items() if s == story_id]
    return story_id, own[0] if len(own) == 1 else None
