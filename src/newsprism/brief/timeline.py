"""A story's timeline: its events in date order, and the earlier events its articles mention.

Each event of the story (clustering dates an event by its articles' publication dates) gets
the best-scored sentence of its articles as "what happened" (one that reads on its own when
there is one: no quotation, no opening "But" or "It also"); when that sentence names a
weekday ("met on Monday"), the weekday is resolved against its article's date. Dates the
articles mention that fall before the story's first event (the election a crisis follows)
become **background** entries, cited to every article that mentions them, said in the words
of the sentence that mentions them most like the others do (one that reads on its own when
there is one).
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Callable, Sequence

from newsprism.brief.checks import (
    leans_on_previous,
    opens_with_connective,
    opens_with_pronoun,
    quotes_something,
)
from newsprism.brief.scoring import ScoredSentence
from newsprism.clean.dates import DateClues, date_clues
from newsprism.datetext import resolve_month_day, resolve_weekday
from newsprism.records import Article, Span, Story, TimelineEntry

__all__ = ["background_dates", "resolve_weekday", "story_timeline"]

BACKGROUND_MIN_DAYS = 2
"""A mentioned date counts as background when it is at least this many days before the
story's first event (a date one day earlier is usually the event itself, "on Sunday")."""


ENTRY_MAX_WORDS = 40
"""An entry is said in a sentence up to this long when its articles have one."""


Clues = Callable[[Article], DateClues]
"""An article's date clues (:func:`~newsprism.clean.dates.date_clues`, or a cache of it)."""


def _cached_clues() -> Clues:
    """``date_clues``, computed once per article (the timeline reads them twice)."""
    held: dict[str, tuple[Article, DateClues]] = {}

    def clues(article: Article) -> DateClues:
        seen = held.get(article.doc_id)
        if seen is None or seen[0] is not article:
            seen = held[article.doc_id] = (article, date_clues(article))
        return seen[1]

    return clues


def _mentions(article: Article, clues: Clues = date_clues) -> list[tuple[dt.date, Span]]:
    """The dates ``article``'s body mentions, a missing year read as compare reads it."""
    published = article.published.date
    if published is None:
        return []
    out = []
    for month, day, year, evidence in clues(article).mentioned:
        if evidence.span is None:
            continue
        if year is None:
            when = resolve_month_day(month, day, published)
        else:
            try:
                when = dt.date(year, month, day)
            except ValueError:
                when = None
        if when is not None:
            out.append((when, evidence.span))
    return out


def background_dates(
    articles: Sequence[Article], before: dt.date, *, clues: Clues = date_clues
) -> dict[dt.date, list[tuple[str, Span]]]:
    """Dates mentioned in the articles before ``before``, with (doc id, mention span) each;
    ``clues`` reads an article's date clues."""
    found: dict[dt.date, list[tuple[str, Span]]] = defaultdict(list)
    for article in articles:
        for when, span in _mentions(article, clues):
            if (before - when).days >= BACKGROUND_MIN_DAYS:
                found[when].append((article.doc_id, span))
    return dict(found)


def _consensus(holders: Sequence[ScoredSentence]) -> ScoredSentence:
    """The sentence that shares the most words with the other sources' mentions of a date."""

    def shared(h: ScoredSentence) -> float:
        others = [o.words for o in holders if o.sentence.doc_id != h.sentence.doc_id]
        readable = 1.0 if h.length <= ENTRY_MAX_WORDS else 0.5
        overlap = sum(len(h.words & o) for o in others)
        return readable * overlap / math.sqrt(1 + len(h.words))

    return max(holders, key=lambda h: (shared(h), h.score))


def _holding(scored: Sequence[ScoredSentence], span: Span) -> ScoredSentence | None:
    for s in scored:
        sp = s.sentence.span
        if sp.doc_id == span.doc_id and sp.start <= span.start < sp.end:
            return s
    return None


def _weekday_date(
    sentence: ScoredSentence, article: Article, clues: Clues = date_clues
) -> dt.date | None:
    published = article.published.date
    if published is None:
        return None
    span = sentence.sentence.span
    for weekday, evidence in clues(article).weekdays:
        if evidence.span and span.start <= evidence.span.start < span.end:
            return resolve_weekday(weekday, published)
    return None


def _plain(text: str) -> bool:
    return not (
        quotes_something(text)
        or opens_with_connective(text)
        or leans_on_previous(text)
        or opens_with_pronoun(text)
    )


def story_timeline(
    story: Story, articles: Sequence[Article], scored: Sequence[ScoredSentence]
) -> tuple[TimelineEntry, ...]:
    """The story's events and background events, in date order, each cited.

    ``scored`` are the story's sentences as the brief's scorer ranked them, best first.
    """
    by_id = {a.doc_id: a for a in articles}
    clues = _cached_clues()
    entries: list[TimelineEntry] = []
    used: set[Span] = set()
    for event in story.events:
        members = set(event.articles)
        candidates = [
            s for s in scored if s.sentence.doc_id in members and s.sentence.span not in used
        ]
        readable = [s for s in candidates if s.length <= ENTRY_MAX_WORDS] or candidates
        # What happened is said in a sentence that reads on its own, not in a quotation (a
        # side's words) nor one that leans on the sentence before it.
        plain = [s for s in readable if _plain(s.sentence.text)] or readable
        best = plain[0] if plain else None
        if best is None:
            continue
        used.add(best.sentence.span)
        when = _weekday_date(best, by_id[best.sentence.doc_id], clues) or event.date
        entries.append(TimelineEntry(when, best.sentence.text, (best.sentence.span,)))
    dated = [e.date for e in entries if e.date]
    first = min(dated, default=None) or story.first
    if first is not None:
        for when, mentions in background_dates(articles, first, clues=clues).items():
            holders = [h for _, span in mentions if (h := _holding(scored, span))]
            if not holders:
                continue
            best = _consensus([h for h in holders if _plain(h.sentence.text)] or holders)
            spans = [best.sentence.span]
            for h in holders:
                if h.sentence.doc_id not in {s.doc_id for s in spans}:
                    spans.append(h.sentence.span)
            entries.append(TimelineEntry(when, best.sentence.text, tuple(spans), background=True))
    entries.sort(key=lambda e: (e.date is None, e.date or dt.date.min, not e.background))
    return tuple(entries)
