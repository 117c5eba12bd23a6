"""An article's paragraphs cut into pieces, each marked with what covers it: a quote, a figure,
an entity mention, or the span a citation points at.

The templates print each piece as escaped text inside a ``<span>`` of its classes, so that the
article's own characters are shown exactly and never read as markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from newsprism.records import Paragraph, Role, Span
from newsprism.service import ArticleDetail

__all__ = ["Piece", "ShownParagraph", "shown_paragraphs"]


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of a paragraph's text under one set of marks."""

    text: str
    classes: tuple[str, ...] = ()
    tip: str = ""
    """What the marks are, for the ``title`` tooltip."""
    anchor: bool = False
    """True on the first piece of the cited span: the page scrolls to it."""


@dataclass(frozen=True, slots=True)
class ShownParagraph:
    """A paragraph as the article page shows it."""

    paragraph: Paragraph
    pieces: tuple[Piece, ...]

    @property
    def kept(self) -> bool:
        """True for the article's own text."""
        return self.paragraph.role.is_kept

    @property
    def removed(self) -> bool:
        """True for a paragraph cleaning removed (the headline is neither kept nor removed)."""
        return not self.kept and self.paragraph.role is not Role.TITLE


@dataclass(frozen=True, slots=True)
class _Mark:
    start: int
    end: int
    css: str
    tip: str


def _marks(detail: ArticleDetail, cited: Span | None) -> list[_Mark]:
    marks: list[_Mark] = []
    for q in detail.quotes:
        who = f"quote of {q.speaker}" if q.speaker else "quote"
        for part in q.parts or (q.span,):
            marks.append(_Mark(part.start, part.end, "quote", who))
        if q.speaker_span is not None:
            marks.append(_Mark(q.speaker_span.start, q.speaker_span.end, "speaker", "speaker"))
    for f in detail.figures:
        what = f"{f.kind}: {f.normalized or f.text}"
        marks.append(_Mark(f.span.start, f.span.end, "figure", what))
    for e in detail.entities:
        for m in e.mentions:
            marks.append(_Mark(m.span.start, m.span.end, "entity", f"{e.label}: {e.name}"))
    if cited is not None:
        marks.append(_Mark(cited.start, cited.end, "cited", "the cited words"))
    return marks


def shown_paragraphs(detail: ArticleDetail, cited: Span | None = None) -> list[ShownParagraph]:
    """Every paragraph (kept and removed) of the article, cut at the marks inside it."""
    article = detail.article
    if cited is not None and cited.doc_id != article.doc_id:
        cited = None
    marks = _marks(detail, cited)
    anchored = False
    shown = []
    for p in article.paragraphs:
        start, end = p.span.start, p.span.end
        # A span that does not point at the paragraph's own characters cannot be marked in it.
        if article.text[start:end] != p.text or not p.role.is_kept:
            shown.append(ShownParagraph(p, (Piece(p.text),)))
            continue
        inside = [m for m in marks if m.start < end and m.end > start and m.end > m.start]
        cuts = sorted({start, end, *(max(start, m.start) for m in inside)}
                      | {min(end, m.end) for m in inside})  # fmt: skip
        pieces = []
        for a, b in pairwise(cuts):
            over = [m for m in inside if m.start <= a and m.end >= b]
            classes = tuple(dict.fromkeys(m.css for m in over))
            anchor = "cited" in classes and not anchored
            anchored = anchored or anchor
            tip = "; ".join(dict.fromkeys(m.tip for m in over))
            pieces.append(Piece(article.text[a:b], classes, tip, anchor))
        shown.append(ShownParagraph(p, tuple(pieces)))
    return shown
