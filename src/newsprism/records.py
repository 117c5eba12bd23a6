"""Typed records passed between newsprism's stages.

Every stage takes and returns these frozen, slotted dataclasses: no dicts or tuples cross a
module boundary. Every derived fact carries a :class:`Span` (document id and character range)
so that it can always be traced back to the text it came from.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field

__all__ = [
    "Article",
    "Brief",
    "BriefSentence",
    "Citation",
    "Comparison",
    "Coverage",
    "DateEstimate",
    "Document",
    "Entity",
    "Event",
    "Evidence",
    "Figure",
    "Finding",
    "FramingTerm",
    "IngestFailure",
    "Mention",
    "OutletFraming",
    "Paragraph",
    "Provenance",
    "Quote",
    "Role",
    "Span",
    "Story",
    "SyndicationGroup",
    "TimelineEntry",
]


# --------------------------------------------------------------------------------------------
# provenance


@dataclass(frozen=True, slots=True)
class Span:
    """A character range ``[start, end)`` inside the text of one document or article."""

    doc_id: str
    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"invalid span {self.start}..{self.end} in {self.doc_id}")

    def __len__(self) -> int:
        return self.end - self.start


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a document came from: file or URL, the record inside it, and how it was decoded."""

    source: str
    """Path or URL of the file, archive or feed the document was read from."""
    record_offset: int | None = None
    """Byte offset of the record inside a container file (WARC, JSONL, feed); None for a file."""
    record_index: int | None = None
    """Position of the record inside its container (0-based); None for a plain file."""
    content_hash: str = ""
    """SHA-256 of the raw bytes of the record."""
    fetched_at: dt.datetime | None = None
    """When the bytes were read or fetched (WARC-Date for archives)."""
    encoding: str = "utf-8"
    """Character encoding the bytes were decoded with."""
    repaired: bool = False
    """True when mojibake was repaired after decoding."""


@dataclass(frozen=True, slots=True)
class Document:
    """One raw input article, decoded to text, with the metadata its container gave."""

    id: str
    """Stable id: the first 16 hex digits of the content hash."""
    provenance: Provenance
    media_type: str
    """``"text"`` for plain-text scrapes, ``"html"`` for markup."""
    content: str
    """The decoded text (plain text or HTML source)."""
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    """Publication date stated by the container (JSONL field, feed entry, WARC header)."""


@dataclass(frozen=True, slots=True)
class IngestFailure:
    """An input that could not be read, with the reason in plain words."""

    source: str
    code: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason} [{self.code}]"


# --------------------------------------------------------------------------------------------
# cleaning


class Role(enum.StrEnum):
    """What a paragraph of a scraped page is."""

    TITLE = "title"
    BODY = "body"
    SUBHEADING = "subheading"
    LEDE = "lede"
    BYLINE = "byline"
    CAPTION = "caption"
    RELATED = "related"
    COMMENTARY = "commentary"
    COMMENTS = "comments"
    NAVIGATION = "navigation"
    AD = "ad"
    PROMOTION = "promotion"
    SHARE = "share"
    RIGHTS = "rights"
    CREDIT = "credit"
    ERROR_PAGE = "error_page"
    BOILERPLATE = "boilerplate"

    @property
    def is_kept(self) -> bool:
        """True for roles that are part of the article's own text."""
        return self in _KEPT_ROLES


_KEPT_ROLES = frozenset({Role.BODY, Role.SUBHEADING, Role.LEDE})


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One block of an article's text, with the role it was given and why."""

    index: int
    text: str
    span: Span
    """Where the paragraph sits in :attr:`Article.text`."""
    role: Role
    reason: str
    line: int | None = None
    """1-based line number in the source, for plain-text inputs."""
    score: float | None = None
    """The classifier's body probability, when a classifier decided."""


@dataclass(frozen=True, slots=True)
class Evidence:
    """A piece of text that supports a metadata decision."""

    kind: str
    """The kind of signal: ``url``, ``metadata``, ``copyright``, ``dateline``, ``caption``..."""
    text: str
    span: Span | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class DateEstimate:
    """A publication date with the range it is known to lie in and why."""

    date: dt.date | None
    earliest: dt.date | None = None
    latest: dt.date | None = None
    evidence: tuple[Evidence, ...] = ()
    confidence: float = 0.0


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned article: headline, paragraphs with roles, outlet, agency and date."""

    doc_id: str
    source: str
    text: str
    """The text the paragraph spans point into (the file itself for plain text)."""
    title: str
    paragraphs: tuple[Paragraph, ...]
    outlet: str | None = None
    outlet_evidence: tuple[Evidence, ...] = ()
    wire_agency: str | None = None
    relayed_from: str | None = None
    dateline: str | None = None
    language: str = "und"
    published: DateEstimate = field(default_factory=lambda: DateEstimate(None))
    url: str | None = None
    title_span: Span | None = None
    notes: tuple[str, ...] = ()
    """What had to be repaired or dropped to read the input (bad bytes, broken markup)."""

    @property
    def source_name(self) -> str:
        """The outlet, or when none was found "unknown outlet" with the file name or URL the
        article came from ("unknown outlet (0042.txt)"): a reader never takes a file name for
        a publisher, and still sees which document it is.

        Articles of unknown outlet are each their own source: pooling them under one
        "unknown" outlet would count unrelated publishers as one for corroboration and framing.
        """
        if self.outlet:
            return self.outlet
        where = self.url or self.source
        if "://" not in where:
            where = where.replace("\\", "/").rsplit("/", 1)[-1] or where
        return f"unknown outlet ({where})"

    @property
    def body(self) -> tuple[Paragraph, ...]:
        """The paragraphs kept as the article's own text."""
        return tuple(p for p in self.paragraphs if p.role.is_kept)

    @property
    def removed(self) -> tuple[Paragraph, ...]:
        """The paragraphs removed, each with its role and reason."""
        return tuple(p for p in self.paragraphs if not p.role.is_kept and p.role is not Role.TITLE)

    @property
    def body_text(self) -> str:
        """Kept paragraphs joined by blank lines."""
        return "\n\n".join(p.text for p in self.body)

    def words_kept(self) -> int:
        """Number of words in the kept paragraphs."""
        return sum(len(p.text.split()) for p in self.body)

    def words_removed(self) -> int:
        """Number of words in the removed paragraphs."""
        return sum(len(p.text.split()) for p in self.removed)


# --------------------------------------------------------------------------------------------
# extraction


@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence of an entity in a document."""

    span: Span
    text: str
    kind: str = "name"
    """``name``, ``surname``, ``title``, ``description`` or ``pronoun``."""


@dataclass(frozen=True, slots=True)
class Entity:
    """A person, organisation or place, merged across documents."""

    id: str
    label: str
    """``PERSON``, ``ORG``, ``GPE``, ``LOC``, ..."""
    name: str
    aliases: tuple[str, ...] = ()
    descriptions: tuple[str, ...] = ()
    mentions: tuple[Mention, ...] = ()


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct or reported statement with its speaker."""

    span: Span
    text: str
    kind: str
    """``direct`` or ``indirect``."""
    speaker_id: str | None
    speaker_span: Span | None
    cue: str | None
    cue_span: Span | None
    confidence: float
    speaker: str | None = None
    """The canonical name of the speaker entity, or the words naming an unnamed source."""
    speaker_text: str | None = None
    """The words at ``speaker_span`` ("he", "a spokesman for the Russian president")."""
    parts: tuple[Span, ...] = ()
    """The pieces of a quote split by its attribution or by paragraphs; empty when one piece."""
    resolution: str = ""
    """How the speaker was found: ``name``, ``pronoun``, ``description``, ``previous``,
    ``continuation``, ``main-speaker`` or ``unnamed``."""


@dataclass(frozen=True, slots=True)
class Figure:
    """A number the text reports, normalised, with what it counts and its scope."""

    span: Span
    text: str
    kind: str
    """``money``, ``count``, ``percent``, ``duration``, ``year`` or ``date``."""
    value: float
    unit: str
    qualifier: str | None = None
    quantified: str | None = None
    predicate: str | None = None
    scope: str | None = None
    normalized: str = ""
    """The value in one canonical spelling: ``1.5 billion USD``, ``2020-08-09``, ``80.1 percent``.
    """
    high: float | None = None
    """The upper end of a stated range ("three or four", "between 150 and 200"); ``value`` is
    then the lower end."""


@dataclass(frozen=True, slots=True)
class Extraction:
    """What extraction found in one article's body: entities, quotes and figures."""

    doc_id: str
    entities: tuple[Entity, ...] = ()
    """The article's entities under their canonical ids, with this article's mentions only."""
    quotes: tuple[Quote, ...] = ()
    figures: tuple[Figure, ...] = ()


__all__ += ["Extraction"]


# --------------------------------------------------------------------------------------------
# dedup and clustering


@dataclass(frozen=True, slots=True)
class SyndicationGroup:
    """Copies and reprints of one text, counted as one independent source."""

    id: str
    original: str
    members: tuple[str, ...]
    scores: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True, slots=True)
class Event:
    """What happened on a given day, inside a storyline."""

    id: str
    story_id: str
    label: str
    date: dt.date | None
    articles: tuple[str, ...]
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Story:
    """A storyline: what the news is about over weeks, holding its events."""

    id: str
    label: str
    events: tuple[Event, ...]
    first: dt.date | None = None
    last: dt.date | None = None


# --------------------------------------------------------------------------------------------
# comparison and summary


@dataclass(frozen=True, slots=True)
class Citation:
    """One source's own wording of a fact or statement, where it stands in its article."""

    doc_id: str
    outlet: str
    source: str
    """The independent source it counts as: its syndication group, or the article itself."""
    text: str
    span: Span
    context: str = ""
    """The sentence around the cited words, for reading them in place."""


@dataclass(frozen=True, slots=True)
class Finding:
    """What the outlets of a story agree on, disagree on, or only one of them says."""

    kind: str
    """``corroborated``, ``conflict``, ``exclusive``, ``statement`` or ``exclusive-quote``."""
    what: str
    """A short description: the quantity, or the speaker and the gist of a statement."""
    citations: tuple[Citation, ...]
    sources: int
    """Independent sources among the citations (a wire story and its reprints count once)."""
    note: str = ""
    event: str = ""
    """The event whose articles the finding compares; empty when it spans the storyline (the
    dated updates of one count) or when the comparison is of one event."""


TIME_NAMES = {"date": "the date", "year": "the year", "month": "the month", "weekday": "the day"}
"""How a finding about a time is named, by its figure's kind: its ``what`` opens with the name
("the day Friday"); the comparison writes it, the brief reads a time finding by it."""

__all__ += ["TIME_NAMES"]


@dataclass(frozen=True, slots=True)
class Coverage:
    """One outlet's coverage of a story."""

    outlet: str
    articles: tuple[str, ...]
    first: dt.date | None
    last: dt.date | None
    words: int
    wire_agencies: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    """The independent sources (syndication groups) its articles belong to."""
    lead: bool = False
    """Named only in related-coverage lists: a lead to follow, not a source read."""
    citations: tuple[Citation, ...] = ()
    """For a lead, the related-coverage lines that name it."""


@dataclass(frozen=True, slots=True)
class FramingTerm:
    """A term an outlet uses for an actor or event, and how distinctive of it the term is."""

    term: str
    count: int
    z: float
    citations: tuple[Citation, ...] = ()


@dataclass(frozen=True, slots=True)
class OutletFraming:
    """An outlet's most distinctive terms for a story's actors and events."""

    outlet: str
    terms: tuple[FramingTerm, ...]


@dataclass(frozen=True, slots=True)
class Comparison:
    """Everything the compare stage says about one story (or one event inside it)."""

    story_id: str
    coverage: tuple[Coverage, ...] = ()
    findings: tuple[Finding, ...] = ()
    framing: tuple[OutletFraming, ...] = ()

    def of_kind(self, kind: str) -> tuple[Finding, ...]:
        """The findings of one kind, in order."""
        return tuple(f for f in self.findings if f.kind == kind)


@dataclass(frozen=True, slots=True)
class BriefSentence:
    """One sentence of a brief, with the spans it was taken from."""

    text: str
    citations: tuple[Span, ...]
    """The body-paragraph spans the text was taken from, the first the one it reads as."""
    kind: str = ""
    """``lead``, ``fact`` (corroborated), ``position`` (a speaker's, attributed), ``conflict``
    (both figures, each attributed) or ``context``."""


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One dated event of a story's timeline."""

    date: dt.date | None
    what: str
    """A source sentence saying what happened."""
    citations: tuple[Span, ...]
    background: bool = False
    """An earlier event the articles mention (the election a crisis follows), not one they
    report."""


@dataclass(frozen=True, slots=True)
class Brief:
    """A neutral, cited summary of a story with its timeline."""

    story_id: str
    sentences: tuple[BriefSentence, ...]
    timeline: tuple[TimelineEntry, ...] = ()


# --------------------------------------------------------------------------------------------
# story assignment


@dataclass(frozen=True, slots=True)
class Assignment:
    """Where clustering put one article, and the scores that decided it."""

    doc_id: str
    story_id: str
    event_id: str
    kind: str
    """``joined`` an existing event, opened a ``new`` one, or a syndicated ``copy``."""
    syndication_id: str | None = None
    scores: tuple[tuple[str, float], ...] = ()
    """(name, value) pairs: similarities, the thresholds they were held to, time gaps."""
    reason: str = ""


__all__ += ["Assignment"]
