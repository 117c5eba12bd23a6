"""What the outputs show about a story, assembled from the store's records.

The stages never import each other; this module (like the runner) sits above them and joins
their records: a story's articles, their extractions (entities re-merged across the story so
that one speaker has one id everywhere) and syndication assignments, compared, then briefed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
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
    Extraction,
    FramingTerm,
    Story,
)
from newsprism.runner import EXTRACTION_KIND
from newsprism.store import Store

__all__ = ["StoryView", "story_view", "story_views"]


@dataclass(frozen=True, slots=True)
class StoryView:
    """A story with its articles, extractions, comparison and brief, ready to print or export."""

    story: Story
    articles: tuple[Article, ...]
    extractions: tuple[Extraction, ...]
    comparison: Comparison
    brief: Brief


def _extractions(store: Store, articles: Sequence[Article]) -> list[Extraction]:
    found = [e for a in articles for e in store.get_records(EXTRACTION_KIND, a.doc_id, Extraction)]
    if len(found) < 2:
        return found
    try:
        from newsprism.extract import merge_extractions
    except ImportError:  # without the [nlp] extra the stored ids stand as they are
        return found
    return merge_extractions(found)


def story_view(store: Store, story: Story) -> StoryView:
    """Load, compare and brief one story."""
    from newsprism.cluster import load_assignments

    assignments: dict[str, Assignment] = load_assignments(store)
    ids = [doc for event in story.events for doc in event.articles]
    articles = [store.article(doc) for doc in ids]
    extractions = _extractions(store, articles)
    framing = outlet_framing(
        {a.doc_id: store.get_records(TERMS_KIND, a.doc_id, Citation) for a in articles},
        Counter({t.term: t.count for t in store.get_records(PRIOR_KIND, PRIOR_KEY, FramingTerm)}),
    )
    comparison = compare_story(story.id, articles, extractions, assignments, framing=framing)
    brief = brief_story(story, articles, comparison, extractions)
    return StoryView(story, tuple(articles), tuple(extractions), comparison, brief)


def story_views(store: Store, doc_ids: Sequence[str] | None = None) -> list[StoryView]:
    """Every story (or those holding one of ``doc_ids``), loaded, compared and briefed."""
    from newsprism.cluster import stories

    wanted = set(doc_ids) if doc_ids is not None else None
    views = []
    for story in stories(store):
        members = {doc for event in story.events for doc in event.articles}
        if wanted is None or members & wanted:
            views.append(story_view(store, story))
    return views
