"""What the outputs show about a story, assembled from the store's records.

The stages never import each other; this module (like the runner) sits above them and joins
their records: a story's articles, their extractions (entities re-merged across the story so
that one speaker has one id everywhere) and syndication assignments, compared, then briefed.

A view is of a storyline (its comparison organised by event) or of one event inside it (the
unit of comparison: only that event's articles are compared and briefed).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from newsprism.brief import brief_story
from newsprism.compare.framing import outlet_framing
from newsprism.compare.story import compare_story
from newsprism.framing import PRIOR_KEY, PRIOR_KIND, TERMS_KIND
from newsprism.records import (
    Article,
    Assignment,
    Brief,
    Citation,
    Comparison,
    Event,
    Extraction,
    FramingTerm,
    Story,
)
from newsprism.runner import EXTRACTION_KIND
from newsprism.store import Store

__all__ = ["StoryView", "event_story", "framing_prior", "story_view", "story_views"]


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


def _extractions(store: Store, articles: Sequence[Article]) -> list[Extraction]:
    found = [e for a in articles for e in store.get_records(EXTRACTION_KIND, a.doc_id, Extraction)]
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
    return Counter({t.term: t.count for t in store.get_records(PRIOR_KIND, PRIOR_KEY, FramingTerm)})


def story_view(
    store: Store,
    story: Story,
    event: Event | None = None,
    *,
    assignments: Mapping[str, Assignment] | None = None,
    prior: Counter[str] | None = None,
) -> StoryView:
    """Load, compare and brief one story, or only ``event`` of it.

    ``assignments`` and ``prior`` (the store's syndication assignments and framing prior) are
    read from the store when not given; a caller viewing many stories reads them once.
    """
    from newsprism.cluster import load_assignments

    shown = event_story(story, event) if event is not None else story
    if assignments is None:
        assignments = load_assignments(store)
    ids = [doc for e in shown.events for doc in e.articles]
    articles = [store.article(doc) for doc in ids]
    extractions = _extractions(store, articles)
    framing = outlet_framing(
        {a.doc_id: store.get_records(TERMS_KIND, a.doc_id, Citation) for a in articles},
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


def story_views(store: Store, doc_ids: Sequence[str] | None = None) -> list[StoryView]:
    """Every story (or those holding one of ``doc_ids``), loaded, compared and briefed."""
    from newsprism.cluster import load_assignments, stories

    wanted = set(doc_ids) if doc_ids is not None else None
    views = []
    assignments, prior = load_assignments(store), framing_prior(store)
    for story in stories(store):
        members = {doc for event in story.events for doc in event.articles}
        if wanted is None or members & wanted:
            views.append(story_view(store, story, assignments=assignments, prior=prior))
    return views
