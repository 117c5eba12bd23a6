"""What the service answers: stories, articles, outlets and speakers as frozen records.

They are what the CLI, the web pages, the JSON API (as its response models) and the report
read; each carries the records of :mod:`newsprism.records` it is made of.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Generic, TypeVar

from newsprism.records import (
    Article,
    Brief,
    Comparison,
    Entity,
    Figure,
    Finding,
    FramingTerm,
    Quote,
    Span,
)

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
    "SpeakerDetail",
    "SpeakerSummary",
    "StoryDetail",
    "StoryRef",
    "StorySummary",
    "SyndicationMark",
]

T = TypeVar("T")


class NotFound(LookupError):
    """No story, article, outlet or speaker answers to the key asked for."""

    def __init__(self, what: str, key: str) -> None:
        self.what = what
        self.key = key
        super().__init__(f"no {what} matches {key!r}")


# --------------------------------------------------------------------------------------------
# what the service answers


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of a listing: its items, how many there are in all, and where this page is."""

    items: tuple[T, ...]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        """How many pages the listing has (at least one)."""
        return max(1, -(-self.total // self.per_page))


@dataclass(frozen=True, slots=True)
class DayCount:
    """How many articles one outlet published on a story on one day."""

    date: dt.date
    outlet: str
    count: int


@dataclass(frozen=True, slots=True)
class EventSummary:
    """An event as a listing shows it."""

    id: str
    label: str
    date: dt.date | None
    articles: int
    outlets: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class StorySummary:
    """A storyline as the stories page lists it."""

    id: str
    label: str
    first: dt.date | None
    last: dt.date | None
    articles: int
    outlets: tuple[str, ...]
    events: tuple[EventSummary, ...]
    coverage: tuple[DayCount, ...]


@dataclass(frozen=True, slots=True)
class StoryRef:
    """A story named in a list: its id and label."""

    id: str
    label: str


@dataclass(frozen=True, slots=True)
class ArticleRef:
    """An article named in a list."""

    doc_id: str
    title: str
    outlet: str
    published: dt.date | None


@dataclass(frozen=True, slots=True)
class SearchResult:
    """One article a full-text search found, with its snippet."""

    article: ArticleRef
    snippet: str
    score: float


@dataclass(frozen=True, slots=True)
class QuoteRef:
    """A statement as one outlet's article gives it."""

    speaker: str
    outlet: str
    doc_id: str
    text: str
    kind: str
    span: Span
    story_id: str = ""
    named: bool = True
    """False for an unnamed source ("an official", "the audit"): no speaker page is theirs."""


@dataclass(frozen=True, slots=True)
class SyndicationMark:
    """One independent source several outlets printed: a wire story and its copies."""

    source: str
    outlets: tuple[str, ...]
    articles: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class StoryDetail:
    """One storyline or event with its articles, comparison, brief and timeline."""

    id: str
    label: str
    storyline: StoryRef | None
    """For an event, the storyline it belongs to."""
    first: dt.date | None
    last: dt.date | None
    events: tuple[EventSummary, ...]
    articles: tuple[ArticleRef, ...]
    comparison: Comparison
    brief: Brief
    quotes: tuple[QuoteRef, ...]
    syndication: tuple[SyndicationMark, ...]

    @property
    def outlets(self) -> tuple[str, ...]:
        """The outlets whose articles were read, in coverage order (leads left out)."""
        return tuple(c.outlet for c in self.comparison.coverage if not c.lead)


@dataclass(frozen=True, slots=True)
class ArticleDetail:
    """One article with what extraction found in it and where it sits among the stories."""

    article: Article
    quotes: tuple[Quote, ...]
    figures: tuple[Figure, ...]
    entities: tuple[Entity, ...]
    story: StoryRef | None
    event: StoryRef | None


@dataclass(frozen=True, slots=True)
class OutletSummary:
    """An outlet as a listing shows it."""

    name: str
    articles: int
    stories: int


@dataclass(frozen=True, slots=True)
class OutletDetail:
    """One outlet: its articles and stories, its terms, when it was first, its conflicts."""

    name: str
    articles: tuple[ArticleRef, ...]
    stories: tuple[StoryRef, ...]
    first_on: tuple[StoryRef, ...]
    """The stories whose earliest article is this outlet's."""
    terms: tuple[FramingTerm, ...]
    conflicts: tuple[Finding, ...]


@dataclass(frozen=True, slots=True)
class SpeakerSummary:
    """A speaker as a listing shows them."""

    name: str
    quotes: int
    outlets: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SpeakerDetail:
    """Every statement of one speaker across stories, with the renderings of each."""

    name: str
    quotes: tuple[QuoteRef, ...]
    statements: tuple[Finding, ...]
    """The comparison's statements of this speaker: one statement, each outlet's rendering."""
    stories: tuple[StoryRef, ...]
