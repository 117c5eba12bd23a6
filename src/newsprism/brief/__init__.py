"""Summarize: a story's neutral brief, every sentence cited, and its timeline.

``brief_story(story, articles, comparison, extractions)`` gives a :class:`~newsprism.records.Brief`
of 5 to 10 source sentences (corroborated facts first, each side's position attributed, both
figures of a conflict) with the story's timeline; ``score_sentences`` is the generic scorer it
rests on, usable on any set of articles.
"""

from __future__ import annotations

from newsprism.brief.core import (
    MAX_SENTENCES,
    MIN_SENTENCES,
    brief_story,
    loaded_terms,
    supported,
)
from newsprism.brief.scoring import DEFAULT_WEIGHTS, Weights, score_sentences, select_sentences
from newsprism.brief.sentences import article_sentences, split_sentences
from newsprism.brief.timeline import story_timeline

__all__ = [
    "DEFAULT_WEIGHTS",
    "MAX_SENTENCES",
    "MIN_SENTENCES",
    "Weights",
    "article_sentences",
    "brief_story",
    "loaded_terms",
    "score_sentences",
    "select_sentences",
    "split_sentences",
    "story_timeline",
    "supported",
]
