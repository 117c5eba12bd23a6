"""What the story templates need beyond the service's records: the outlet x fact matrix, the
brief's citations with their outlets, quotes grouped by speaker, and the template environment.

Shared by the served pages and the self-contained report, so that both show the same story.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources

from jinja2 import Environment, PackageLoader, StrictUndefined

from newsprism.records import Citation, Span
from newsprism.service import QuoteRef, StoryDetail
from newsprism.web import charts

__all__ = [
    "MATRIX_KINDS",
    "STATIC",
    "BriefLine",
    "Cite",
    "Links",
    "MatrixRow",
    "SpeakerQuotes",
    "brief_lines",
    "environment",
    "link_context",
    "matrix",
    "speakers",
    "story_context",
]

MATRIX_KINDS = {
    "conflict": "conflicting",
    "corroborated": "corroborated",
    "update": "updated",
    "exclusive": "single source",
}
"""The findings the matrix has a row for, in row order, with the word its rows are tagged by."""

STATIC: dict[str, tuple[str, str]] = {
    name: (kind, resources.files("newsprism.web").joinpath("static", name).read_text("utf-8"))
    for name, kind in (("style.css", "text/css"), ("app.js", "text/javascript"))
}
"""The project's own stylesheet and script by file name, read once: URLs only look names up here,
so no part of a URL ever reaches the filesystem."""


@dataclass(frozen=True, slots=True)
class Links:
    """Where the story body's links go: the served pages, or anchors inside a report file."""

    cite: Callable[[Span], str]
    article: Callable[[str], str]
    story: Callable[[str], str]
    outlet: Callable[[str], str]
    speaker: Callable[[str], str]
    outlet_of: Callable[[str], str]
    """The outlet name of a doc id."""
    title_of: Callable[[str], str]
    """The headline of a doc id."""


@dataclass(frozen=True, slots=True)
class Cite:
    """A link to the words one source is cited for."""

    outlet: str
    span: Span
    text: str = ""


@dataclass(frozen=True, slots=True)
class BriefLine:
    """One brief sentence with its citations."""

    text: str
    kind: str
    cites: tuple[Cite, ...]


@dataclass(frozen=True, slots=True)
class MatrixRow:
    """One fact of the matrix: each outlet's own wording (empty where it is silent)."""

    kind: str
    tag: str
    what: str
    note: str
    sources: int
    cells: tuple[tuple[Citation, ...], ...]
    """Aligned with the story's outlets."""


@dataclass(frozen=True, slots=True)
class SpeakerQuotes:
    """One speaker's quotes in a story, by outlet."""

    speaker: str
    quotes: tuple[QuoteRef, ...]

    @property
    def named(self) -> bool:
        """True when the speaker is a named person with a speaker page."""
        return any(q.named for q in self.quotes)


def environment() -> Environment:
    """The template environment: autoescaping on for every template, undefined names an error."""
    env = Environment(
        loader=PackageLoader("newsprism.web", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        sparkline=charts.sparkline,
        coverage_chart=charts.coverage_chart,
        timeline_chart=charts.timeline_chart,
    )
    return env


def brief_lines(detail: StoryDetail) -> list[BriefLine]:
    """The brief's sentences, each citation named by its outlet."""
    outlet = {a.doc_id: a.outlet for a in detail.articles}
    return [
        BriefLine(s.text, s.kind, tuple(Cite(outlet.get(c.doc_id, "?"), c) for c in s.citations))
        for s in detail.brief.sentences
    ]


def matrix(detail: StoryDetail) -> list[MatrixRow]:
    """The outlet x fact matrix: conflicts first, then corroborated, updated, single-source."""
    outlets = detail.outlets
    rows = []
    for kind, tag in MATRIX_KINDS.items():
        for finding in detail.comparison.of_kind(kind):
            by_outlet: dict[str, list[Citation]] = defaultdict(list)
            for c in finding.citations:
                by_outlet[c.outlet].append(c)
            cells = tuple(tuple(by_outlet.get(o, ())) for o in outlets)
            rows.append(MatrixRow(kind, tag, finding.what, finding.note, finding.sources, cells))
    return rows


def speakers(detail: StoryDetail) -> list[SpeakerQuotes]:
    """The story's quotes grouped by speaker, most quoted first."""
    grouped: dict[str, list[QuoteRef]] = defaultdict(list)
    for q in detail.quotes:
        grouped[q.speaker].append(q)
    ordered = sorted(grouped.items(), key=lambda item: (-len(item[1]), item[0]))
    return [SpeakerQuotes(name, tuple(quotes)) for name, quotes in ordered]


def link_context(links: Links) -> dict[str, object]:
    """The link functions every template calls, by the names the templates use."""
    return {
        "cite_href": links.cite,
        "article_href": links.article,
        "story_href": links.story,
        "outlet_href": links.outlet,
        "speaker_href": links.speaker,
        "outlet_of": links.outlet_of,
        "title_of": links.title_of,
    }


def story_context(detail: StoryDetail, links: Links) -> dict[str, object]:
    """Everything the story body template reads; ``links`` says where its links go."""
    return {
        "story": detail,
        "brief": brief_lines(detail),
        "matrix": matrix(detail),
        "statements": detail.comparison.of_kind("statement"),
        "speakers": speakers(detail),
        **link_context(links),
    }
