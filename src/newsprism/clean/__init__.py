"""Cleaning: turn a raw Document into an Article with roles, outlet, agency and date.

``clean_document`` works on one document with its own evidence; ``clean_batch`` cleans many and
then resolves relative dates against related articles of the batch (and of earlier batches).
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Sequence
from dataclasses import replace

from newsprism.clean.dates import DateClues, date_clues, resolve, resolve_batch
from newsprism.clean.features import LineShape, shared_shapes
from newsprism.clean.html import clean_html
from newsprism.clean.language import guess_language
from newsprism.clean.outlet import attribute
from newsprism.clean.render import html_to_lines
from newsprism.clean.text import Block, LineDecision, classify_blocks, segment
from newsprism.errors import InputError
from newsprism.pipeline import register_stage
from newsprism.records import Article, DateEstimate, Document, Evidence, Paragraph, Span

__all__ = [
    "CleanStage",
    "article_clues",
    "clean_batch",
    "clean_document",
    "html_to_lines",
    "resolve_dates",
]


def _paragraphs(
    doc_id: str,
    text: str,
    blocks: Sequence[Block],
    decisions: Sequence[LineDecision],
    line_numbers: bool,
) -> tuple[Paragraph, ...]:
    return tuple(
        Paragraph(
            index=i,
            text=text[b.start : b.end],
            span=Span(doc_id, b.start, b.end),
            role=d.role,
            reason=d.reason,
            line=b.line if line_numbers else None,
            score=round(d.score, 4),
        )
        for i, (b, d) in enumerate(zip(blocks, decisions, strict=True))
    )


def clean_document(document: Document, *, date: bool = True) -> Article:
    """Clean one document on its own (dates resolved from its own evidence only).

    ``date=False`` leaves the date to a later :func:`resolve_dates` over the whole batch and
    keeps only the date the container stated.
    """
    url = document.url
    metadata_date = document.published
    notes: tuple[str, ...]
    if document.media_type == "html":
        page = clean_html(
            document.content,
            document.title,
            url=document.url,
            sitename=document.outlet,
            date=document.published,
        )
        text, blocks, decisions = page.text, page.blocks, page.decisions
        title_index = page.title_index
        title = page.title or ""
        url = url or page.url
        metadata_outlet = document.outlet or page.sitename
        metadata_date = metadata_date or page.date
        line_numbers = False
        notes = page.notes
    else:
        text = document.content
        blocks = segment(text)
        title_index, decisions = classify_blocks(blocks, document.title)
        title = document.title or (
            text[blocks[title_index].start : blocks[title_index].end]
            if title_index is not None
            else _first_sentence(text, blocks, decisions)
        )
        metadata_outlet = document.outlet
        line_numbers = True
        notes = ()
    notes = (*_decoding_notes(document), *notes)
    if not blocks:
        raise InputError(document.provenance.source, "E010", "nothing but markup or whitespace")
    paragraphs = _paragraphs(document.id, text, blocks, decisions, line_numbers)
    attribution = attribute(
        document.id, paragraphs, url=url, metadata_outlet=metadata_outlet, title=title
    )
    title = attribution.headline or title  # a trailing site name is outlet evidence
    article = Article(
        doc_id=document.id,
        source=document.provenance.source,
        text=text,
        title=title,
        paragraphs=paragraphs,
        outlet=attribution.outlet,
        outlet_evidence=attribution.evidence,
        wire_agency=attribution.wire_agency,
        relayed_from=attribution.relayed_from,
        dateline=attribution.dateline,
        url=url,
        notes=notes,
        title_span=(
            Span(document.id, blocks[title_index].start, blocks[title_index].end)
            if title_index is not None
            else None
        ),
    )
    article = replace(article, language=guess_language(article.body_text))
    if not date:
        stated = DateEstimate(metadata_date, evidence=(Evidence("metadata", str(metadata_date)),))
        return replace(article, published=stated) if metadata_date else article
    return replace(article, published=resolve(article_clues(article, metadata_date)))


def _first_sentence(text: str, blocks: Sequence[Block], decisions: Sequence[LineDecision]) -> str:
    """A stand-in headline for a text that has none: its first body sentence."""
    for block, decision in zip(blocks, decisions, strict=True):
        if decision.role.is_kept:
            paragraph = text[block.start : block.end]
            end = paragraph.find(". ")
            sentence = paragraph if end < 0 else paragraph[: end + 1]
            return sentence if len(sentence) <= 160 else sentence[:157].rstrip() + "..."
    return ""


def _decoding_notes(document: Document) -> tuple[str, ...]:
    encoding = document.provenance.encoding
    notes = []
    if "+" in encoding:
        base, fallback = encoding.split("+", 1)
        what = "undecodable bytes replaced" if fallback == "replace" else f"read as {fallback}"
        notes.append(f"invalid {base.upper()} bytes ({what})")
    elif encoding.lower().replace("_", "-") not in ("utf-8", "utf-8-sig", "ascii"):
        notes.append(f"not UTF-8; decoded as {encoding}")
    if document.provenance.repaired:
        notes.append("mojibake repaired")
    return tuple(notes)


def article_clues(article: Article, metadata: dt.date | None = None) -> DateClues:
    """What dating reads of ``article``: its date clues, a date the container stated (``metadata``,
    or the stated metadata or URL date it already carries) among them."""
    if metadata is None:
        # A date the container stated survives re-resolution; a guessed one is guessed again.
        stated = article.published
        first = stated.evidence[0].kind if stated.evidence else ""
        metadata = stated.date if first in ("metadata", "url") else None
    return date_clues(article, metadata=metadata)


def resolve_dates(articles: Sequence[Article], anchors: Sequence[Article] = ()) -> list[Article]:
    """Re-date articles together: undated ones borrow anchors from related dated ones."""
    return resolve_batch(
        articles,
        [article_clues(a) for a in articles],
        [(a, article_clues(a)) for a in anchors],
    )


def clean_batch(documents: Sequence[Document], anchors: Sequence[Article] = ()) -> list[Article]:
    """Clean documents together, so relative dates can borrow anchors from related articles."""
    # Cleaning text makes no reference cycles (a collection after the 186 texts of
    # bench/bench_clean.py finds none; after 40 AEB HTML pages, 10 objects), so the cycle
    # collector is held off while the batch's measurements are alive: it would only walk them
    # again and again and free next to nothing. What it would have freed is freed afterwards.
    collecting = gc.isenabled()
    gc.disable()
    try:
        with shared_shapes():  # the pages of a batch share their repeated lines' measurements
            cleaned = [clean_document(d, date=False) for d in documents]
    finally:
        if collecting:
            gc.enable()
    return resolve_dates(cleaned, anchors)


# The line shapes a CleanStage keeps from one document to the next: about 1 kB each, so at most
# some 20 MB. The 181 pages of the article-extraction benchmark have 15,857 distinct lines of
# 31,232 (24,345 counted page by page): a third of the lines are another page's.
STAGE_SHAPES = 20_000


class CleanStage:
    """The per-document cleaning stage of the pipeline.

    The documents it cleans share the measurements of their repeated lines (menus, share bars,
    footers), as those of one :func:`clean_batch` do; each is cleaned as it would be alone.
    """

    name = "clean"
    requires: tuple[str, ...] = ("document",)
    provides: tuple[str, ...] = ("article",)

    def __init__(self, *, date: bool = True) -> None:
        # date=False when the caller resolves dates over the whole batch afterwards.
        self.date = date
        self._shapes: dict[str, LineShape] = {}

    def __call__(self, item: Document) -> Article:
        if len(self._shapes) > STAGE_SHAPES:
            self._shapes = {}  # (a new dict: a document being cleaned elsewhere keeps its own)
        with shared_shapes(self._shapes):
            return clean_document(item, date=self.date)

    def __getstate__(self) -> dict[str, bool]:
        # Sent to a worker process without the shapes: the worker measures its own.
        return {"date": self.date}

    def __setstate__(self, state: dict[str, bool]) -> None:
        self.__init__(date=state["date"])  # type: ignore[misc]


@register_stage("newsprism.clean.v1")
def _clean_stage() -> CleanStage:
    return CleanStage()
