"""A story as one self-contained HTML file: the story page, its styles and charts inline, and its
sources' text at the end so that every citation link lands inside the file.

The file names no network resource and runs no script; its Content-Security-Policy allows only
its own inline stylesheet (by hash), so even a page that slipped markup past the escaping could
load or run nothing.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
from dataclasses import dataclass
from itertools import pairwise

from newsprism._version import __version__
from newsprism.records import Article, Span
from newsprism.service import Service, StoryDetail
from newsprism.web.present import STATIC, Links, environment, story_context

__all__ = ["SourcePiece", "SourceText", "report_html"]


@dataclass(frozen=True, slots=True)
class SourcePiece:
    """A run of a source paragraph, cited or not, with the anchor that citations link to."""

    text: str
    cited: bool = False
    anchor_id: str = ""


@dataclass(frozen=True, slots=True)
class SourceParagraph:
    """A kept paragraph of a source, cut at the cited spans."""

    pieces: tuple[SourcePiece, ...]
    kept: bool = True


@dataclass(frozen=True, slots=True)
class SourceText:
    """One article of the story as the report's sources section prints it."""

    article: Article
    paragraphs: tuple[SourceParagraph, ...]


def _anchor(doc_id: str, start: int) -> str:
    return f"src-{doc_id}-{start}"


def _cited_spans(detail: StoryDetail) -> list[Span]:
    """Every span the story body links to."""
    spans = [c for s in detail.brief.sentences for c in s.citations]
    spans += [c for t in detail.brief.timeline for c in t.citations[:1]]
    spans += [c.span for f in detail.comparison.findings for c in f.citations]
    spans += [q.span for q in detail.quotes]
    spans += [
        t.citations[0].span for fr in detail.comparison.framing for t in fr.terms if t.citations
    ]
    return spans


def _source(article: Article, spans: list[Span]) -> SourceText:
    mine = sorted({(s.start, s.end) for s in spans if s.doc_id == article.doc_id})
    paragraphs = []
    for p in article.body:
        start, end = p.span.start, p.span.end
        if article.text[start:end] != p.text:
            paragraphs.append(SourceParagraph((SourcePiece(p.text),)))
            continue
        inside = [(a, b) for a, b in mine if a < end and b > start]
        cuts = sorted(
            {start, end} | {max(start, a) for a, _ in inside} | {min(end, b) for _, b in inside}
        )
        starts = {max(start, a) for a, _ in inside}
        pieces = []
        for a, b in pairwise(cuts):
            cited = any(x <= a and y >= b for x, y in inside)
            anchor = _anchor(article.doc_id, a) if a in starts else ""
            pieces.append(SourcePiece(article.text[a:b], cited or bool(anchor), anchor))
        paragraphs.append(SourceParagraph(tuple(pieces)))
    return SourceText(article, tuple(paragraphs))


def _hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def report_html(service: Service, key: str, *, made: dt.datetime | None = None) -> str:
    """The story or event ``key`` as one self-contained HTML document."""
    detail = service.story(key)
    css = STATIC["style.css"][1]
    articles = [service.article(a.doc_id).article for a in detail.articles]
    spans = _cited_spans(detail)
    outlet = {a.doc_id: a.outlet for a in detail.articles}
    title = {a.doc_id: a.title or a.doc_id for a in detail.articles}
    links = Links(
        cite=lambda span: "#" + _anchor(span.doc_id, span.start),
        article=lambda doc: f"#src-{doc}",
        story=lambda _: "",
        outlet=lambda _: "",
        speaker=lambda _: "",
        outlet_of=lambda doc: outlet.get(doc, "?"),
        title_of=lambda doc: title.get(doc, doc),
    )
    context = story_context(detail, links)
    when = made or dt.datetime.now(dt.UTC)
    context.update(
        sources=[_source(a, spans) for a in articles],
        css=css,
        csp=f"default-src 'none'; style-src {_hash(css)}; img-src data:; base-uri 'none'; "
        "form-action 'none'",
        version=__version__,
        made=when.strftime("%Y-%m-%d %H:%M UTC"),
    )
    return environment().get_template("report.html").render(context)
