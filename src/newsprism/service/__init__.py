"""What a reader asks of a store, answered once for the CLI, the web pages, the API and the report.

Every output that shows stories, articles, outlets or speakers reads them through
:class:`Service`: the handlers and templates above it hold no SQL and no analysis, only
presentation. A story's comparison, brief and timeline come from one function,
:func:`_load_view`, so that where views come from (computed, or read as stored views) is
decided in one place.

Keys from a URL or a command line are only ever looked up (in the store through its API, which
binds them as SQL parameters, or in dictionaries built from it); none reaches the filesystem.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING

from newsprism.errors import NewsprismError
from newsprism.records import Article, Event, Extraction, Finding, FramingTerm, Story
from newsprism.service.answers import (
    ArticleDetail,
    ArticleRef,
    DayCount,
    EventSummary,
    NotFound,
    OutletDetail,
    OutletSummary,
    Page,
    QuoteRef,
    SearchResult,
    SpeakerDetail,
    SpeakerSummary,
    StoryDetail,
    StoryRef,
    StorySummary,
    SyndicationMark,
)
from newsprism.store import Store

if TYPE_CHECKING:
    from newsprism.views import StoryView

__all__ = [
    "ArticleDetail",
    "ArticleRef",
    "DayCount",
    "EventSummary",
    "NotFound",
    "OutletDetail",
    "OutletSummary",
    "Page",
    "QuoteRef",
    "SearchResult",
    "Service",
    "SpeakerDetail",
    "SpeakerSummary",
    "StoryDetail",
    "StoryRef",
    "StorySummary",
    "SyndicationMark",
]

MAX_PER_PAGE = 100
"""Most items one page of a listing holds, whatever the caller asks for."""

SEARCH_LIMIT = 1000
"""Most articles a search narrows the stories page to: more than any reader pages through."""

_STATEMENT_KINDS = ("statement", "exclusive-quote")


# --------------------------------------------------------------------------------------------
# the service


@dataclass(frozen=True, slots=True)
class _Index:
    """What the listings need, read once per state of the store."""

    stories: tuple[Story, ...]
    outlets: dict[str, str]
    """Doc id to outlet name ('' when unknown), from the stored events."""
    story_of: dict[str, tuple[Story, Event]]


class Service:
    """Stories, articles, outlets and speakers of one store, for every output alike."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._lock = threading.RLock()
        self._stamp = -1
        self._index: _Index | None = None
        self._views: dict[str, StoryDetail] = {}
        self._extractions: dict[str, Extraction] | None = None
        self._outlets: list[OutletSummary] | None = None

    # ---- listings

    def stories(
        self,
        *,
        query: str = "",
        outlet: str = "",
        since: dt.date | None = None,
        until: dt.date | None = None,
        page: int = 1,
        per_page: int = 20,
    ) -> Page[StorySummary]:
        """Storylines newest first, narrowed to a full-text query, an outlet and a date range."""
        index = self._current()
        chosen: Iterable[Story] = index.stories
        if query.strip():
            hits = {h.doc_id for h in self.store.search(query, limit=SEARCH_LIMIT)}
            chosen = [s for s in chosen if any(d in hits for d in _docs(s))]
        if outlet:
            chosen = [s for s in chosen if any(index.outlets.get(d) == outlet for d in _docs(s))]
        # A date range asks for stories dated inside it: an undated story is left out.
        if since is not None:
            chosen = [s for s in chosen if s.last is not None and s.last >= since]
        if until is not None:
            chosen = [s for s in chosen if s.first is not None and s.first <= until]
        found = list(chosen)
        page, per_page = _bounds(page, per_page)
        shown = found[(page - 1) * per_page : page * per_page]
        items = tuple(self._summary(s, index) for s in shown)
        return Page(items, len(found), page, per_page)

    def search(self, query: str, *, limit: int = 20) -> list[SearchResult]:
        """Articles whose headline and kept text hold every word of ``query``, best first."""
        limit = max(1, min(limit, MAX_PER_PAGE))
        return [
            SearchResult(
                ArticleRef(h.doc_id, h.title, h.outlet or "", h.published), h.snippet, h.score
            )
            for h in self.store.search(query, limit=limit)
        ]

    def articles(self, *, page: int = 1, per_page: int = 20) -> Page[ArticleRef]:
        """Stored articles in the order they were added."""
        page, per_page = _bounds(page, per_page)
        chosen = islice(self.store.articles(), (page - 1) * per_page, page * per_page)
        return Page(tuple(_ref(a) for a in chosen), self.store.count(), page, per_page)

    def outlets(self) -> list[OutletSummary]:
        """Every named outlet with its article and story counts, most articles first."""
        index = self._current()
        with self._lock:
            if self._outlets is not None:
                return list(self._outlets)
        articles: Counter[str] = Counter(o for o in index.outlets.values() if o)
        stories: Counter[str] = Counter()
        for story in index.stories:
            for name in {index.outlets.get(d, "") for d in _docs(story)} - {""}:
                stories[name] += 1
        found = [
            OutletSummary(name, n, stories[name])
            for name, n in sorted(articles.items(), key=lambda item: (-item[1], item[0]))
        ]
        with self._lock:
            self._outlets = found
        return list(found)

    def speakers(self) -> list[SpeakerSummary]:
        """Every named speaker with how often and where they are quoted, most quoted first."""
        by_name: dict[str, list[QuoteRef]] = defaultdict(list)
        for quote in self._all_quotes():
            by_name[quote.speaker].append(quote)
        return [
            SpeakerSummary(name, len(quotes), tuple(sorted({q.outlet for q in quotes})))
            for name, quotes in sorted(by_name.items(), key=lambda item: (-len(item[1]), item[0]))
        ]

    # ---- one thing

    def story(self, key: str) -> StoryDetail:
        """The storyline or event whose id is ``key`` (or a unique prefix of at least 4)."""
        index = self._current()
        story, event = _find(index.stories, key)
        wanted = event.id if event is not None else story.id
        with self._lock:
            cached = self._views.get(wanted)
        if cached is not None:
            return cached
        detail = self._detail(story, event, index)
        with self._lock:
            self._views[wanted] = detail
        return detail

    def article(self, key: str) -> ArticleDetail:
        """The article whose doc id is ``key`` (or a unique prefix), with its extraction."""
        if len(key.strip()) < 4:  # row numbers and short prefixes are for the terminal only
            raise NotFound("article", key)
        try:
            article = self.store.article(key)
        except NewsprismError:
            raise NotFound("article", key) from None
        extraction = self._extraction(article.doc_id)
        placed = self._current().story_of.get(article.doc_id)
        story = StoryRef(placed[0].id, placed[0].label) if placed else None
        event = StoryRef(placed[1].id, placed[1].label) if placed else None
        return ArticleDetail(
            article,
            extraction.quotes if extraction else (),
            extraction.figures if extraction else (),
            extraction.entities if extraction else (),
            story,
            event,
        )

    def outlet(self, name: str) -> OutletDetail:
        """One outlet by its exact name: articles, stories, first-on, terms and conflicts."""
        index = self._current()
        docs = [d for d, o in index.outlets.items() if o == name]
        if not name or not docs:
            raise NotFound("outlet", name)
        mine = set(docs)
        stories = [s for s in index.stories if mine & set(_docs(s))]
        first_on = []
        terms: dict[str, FramingTerm] = {}
        conflicts = []
        for story in stories:
            detail = self.story(story.id)
            dated = [a for a in detail.articles if a.published is not None]
            if dated and min(dated, key=lambda a: a.published or dt.date.max).outlet == name:
                first_on.append(StoryRef(story.id, story.label))
            for framing in detail.comparison.framing:
                if framing.outlet == name:
                    for term in framing.terms:
                        if term.term not in terms or terms[term.term].z < term.z:
                            terms[term.term] = term
            conflicts += [
                f
                for f in detail.comparison.of_kind("conflict")
                if any(c.outlet == name for c in f.citations)
            ]
        articles = sorted(
            (self._article_ref(d) for d in docs),
            key=lambda a: (a.published or dt.date.min, a.doc_id),
            reverse=True,
        )
        return OutletDetail(
            name,
            tuple(articles),
            tuple(StoryRef(s.id, s.label) for s in stories),
            tuple(first_on),
            tuple(sorted(terms.values(), key=lambda t: -t.z)),
            tuple(conflicts),
        )

    def speaker(self, name: str) -> SpeakerDetail:
        """One speaker by exact name: every quote, and the comparison's statements of theirs."""
        quotes = [q for q in self._all_quotes() if q.speaker == name]
        if not name or not quotes:
            raise NotFound("speaker", name)
        story_ids = list(dict.fromkeys(q.story_id for q in quotes if q.story_id))
        statements: list[Finding] = []
        refs = []
        for story_id in story_ids:
            detail = self.story(story_id)
            refs.append(StoryRef(detail.id, detail.label))
            statements += [
                f
                for kind in _STATEMENT_KINDS
                for f in detail.comparison.of_kind(kind)
                if f.what.startswith(f"{name}:")
            ]
        return SpeakerDetail(name, tuple(quotes), tuple(statements), tuple(refs))

    # ---- plumbing

    def _current(self) -> _Index:
        """The listing index, re-read when the store has gained articles since last time."""
        from newsprism.cluster import stories
        from newsprism.cluster.state import load_event_states

        stamp = self.store.count()
        with self._lock:
            if self._index is not None and stamp == self._stamp:
                return self._index
            found = tuple(stories(self.store))
            outlets: dict[str, str] = {}
            for state in load_event_states(self.store):
                outlets.update(zip(state.articles, state.outlets, strict=False))
            story_of = {d: (s, e) for s in found for e in s.events for d in e.articles}
            self._index = _Index(found, outlets, story_of)
            self._stamp = stamp
            self._views.clear()
            self._extractions = None
            self._outlets = None
            return self._index

    def _summary(self, story: Story, index: _Index) -> StorySummary:
        counts: Counter[tuple[dt.date, str]] = Counter()
        for event in story.events:
            if event.date is None:
                continue
            for doc in event.articles:
                counts[(event.date, index.outlets.get(doc) or "unknown")] += 1
        events = tuple(_event_summary(e, index.outlets) for e in story.events)
        named = sorted({o for e in events for o in e.outlets})
        return StorySummary(
            story.id,
            story.label,
            story.first,
            story.last,
            sum(len(e.articles) for e in story.events),
            tuple(named),
            events,
            tuple(DayCount(d, o, n) for (d, o), n in sorted(counts.items())),
        )

    def _detail(self, story: Story, event: Event | None, index: _Index) -> StoryDetail:
        view = _load_view(self.store, story, event)
        articles = view.articles
        outlet_of = {a.doc_id: a.source_name for a in articles}
        quotes = tuple(
            QuoteRef(
                q.speaker,
                outlet_of.get(x.doc_id, ""),
                x.doc_id,
                q.text,
                q.kind,
                q.span,
                story.id,
                q.speaker_id is not None,
            )
            for x in view.extractions
            for q in x.quotes
            if q.speaker
        )
        syndication = _syndication(self.store, articles)
        shown = view.story
        return StoryDetail(
            shown.id,
            shown.label,
            StoryRef(story.id, story.label) if event is not None else None,
            shown.first,
            shown.last,
            tuple(_event_summary(e, index.outlets) for e in shown.events),
            tuple(_ref(a) for a in articles),
            view.comparison,
            view.brief,
            quotes,
            syndication,
        )

    def _article_ref(self, doc_id: str) -> ArticleRef:
        return _ref(self.store.article(doc_id))

    def _extraction(self, doc_id: str) -> Extraction | None:
        from newsprism.runner import EXTRACTION_KIND

        found = self.store.get_records(EXTRACTION_KIND, doc_id, Extraction)
        return found[0] if found else None

    def _all_quotes(self) -> list[QuoteRef]:
        """Every attributed quote in the store, with its outlet and story (read once)."""
        index = self._current()
        with self._lock:
            if self._extractions is None:
                loaded = {}
                for doc in index.outlets:
                    extraction = self._extraction(doc)
                    if extraction is not None:
                        loaded[doc] = extraction
                self._extractions = loaded
            extractions = self._extractions
        return [
            QuoteRef(
                q.speaker,
                index.outlets.get(doc) or "unknown",
                doc,
                q.text,
                q.kind,
                q.span,
                index.story_of[doc][0].id if doc in index.story_of else "",
            )
            for doc, x in extractions.items()
            for q in x.quotes
            if q.speaker and q.speaker_id  # named people only, not "a source close to..."
        ]


def _load_view(store: Store, story: Story, event: Event | None) -> StoryView:
    """The comparison, brief and timeline of ``story`` (or only ``event`` of it): the one place
    the service gets a story's view."""
    from newsprism.views import view_of

    return view_of(store, story, event)


def _syndication(store: Store, articles: Sequence[Article]) -> tuple[SyndicationMark, ...]:
    """The wire copies among ``articles``: each group with the outlets that printed it."""
    from newsprism.store.schema import ASSIGNMENTS

    ids = [a.doc_id for a in articles]
    assignments = {a.doc_id: a for a in ASSIGNMENTS.find(store, ids)}
    groups: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        placed = assignments.get(article.doc_id)
        if placed is not None and placed.syndication_id:
            groups[placed.syndication_id].append(article)
    # An article placed before its first copy arrived carries no group id itself; the group is
    # named after its least member id (dedup's ``syn-`` + 12 hex digits), which finds it.
    for article in articles:
        named = f"syn-{article.doc_id[:12]}"
        if named in groups and article not in groups[named]:
            groups[named].append(article)
    return tuple(
        SyndicationMark(
            gid,
            tuple(dict.fromkeys(a.source_name for a in members)),
            tuple(sorted(a.doc_id for a in members)),
        )
        for gid, members in sorted(groups.items())
        if len({a.source_name for a in members}) > 1
    )


def _find(stories: Sequence[Story], key: str) -> tuple[Story, Event | None]:
    """The storyline, and the event if ``key`` names one, whose id is or starts with ``key``."""
    key = key.strip()
    if len(key) >= 4:
        exact: list[tuple[Story, Event | None]] = [(s, None) for s in stories if s.id == key]
        exact += [(s, e) for s in stories for e in s.events if e.id == key]
        if len(exact) == 1:
            return exact[0]
        near: list[tuple[Story, Event | None]] = [
            (s, None) for s in stories if s.id.startswith(key)
        ]
        near += [(s, e) for s in stories for e in s.events if e.id.startswith(key)]
        if len(near) == 1:
            return near[0]
    raise NotFound("story", key)


def _docs(story: Story) -> list[str]:
    return [d for e in story.events for d in e.articles]


def _event_summary(event: Event, outlets: dict[str, str]) -> EventSummary:
    names = sorted({outlets.get(d) or "" for d in event.articles} - {""})
    return EventSummary(event.id, event.label, event.date, len(event.articles), tuple(names))


def _ref(article: Article) -> ArticleRef:
    return ArticleRef(article.doc_id, article.title, article.source_name, article.published.date)


def _bounds(page: int, per_page: int) -> tuple[int, int]:
    return max(1, page), max(1, min(per_page, MAX_PER_PAGE))
