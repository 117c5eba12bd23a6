"""Cleaning HTML pages: trafilatura finds the main text; newsprism's rules name the rest.

The page is rendered to blocks (one a line) so that every paragraph, kept or removed, has a
span in one text. Blocks inside the main text trafilatura extracts are body (or subheadings and
captions by their tag); the others get the role the plain-text rules give them, or
"outside the main text" when no rule names them.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import warnings
from dataclasses import dataclass
from typing import Any

from newsprism.clean.render import render_page
from newsprism.clean.text import Block, LineDecision, classify_blocks
from newsprism.records import Role

__all__ = ["HtmlPage", "clean_html"]

_SPACE = re.compile(r"\s+")
_HEADING_TAGS = frozenset({"h2", "h3", "h4", "h5", "h6"})


@dataclass(frozen=True, slots=True)
class HtmlPage:
    """A page rendered to text, with each block's role and the page's metadata."""

    text: str
    blocks: list[Block]
    decisions: list[LineDecision]
    title_index: int | None
    title: str | None
    sitename: str | None
    url: str | None
    date: dt.date | None
    notes: tuple[str, ...] = ()


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip().lower()


@dataclass(frozen=True, slots=True)
class _Known:
    """The metadata a page's container already gave: trafilatura is asked only for the rest."""

    title: str | None = None
    url: str | None = None
    sitename: str | None = None
    date: dt.date | None = None


def _extract(
    html: str, known: _Known = _Known()
) -> tuple[str, str | None, str | None, str | None, dt.date | None]:
    """The main text trafilatura extracts, and its title, site name, URL and date of the page.

    Each metadata field is ``known``'s when it has one, else trafilatura's own reading of it
    (:func:`_metadata`); only ``known``'s, and no text, when trafilatura finds no main text.
    """
    import trafilatura

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # its date parsers warn on odd pages; not our concern
        result = trafilatura.bare_extraction(
            html, with_metadata=False, include_comments=False, include_tables=True
        )
        if result is None or isinstance(result, dict):
            return "", known.title, known.sitename, known.url, known.date
        title, sitename, url, raw = known.title, known.sitename, known.url, None
        if not (title and sitename and url and known.date):
            try:
                found = _metadata(html, title=not title, date=not known.date)
            except (TypeError, ValueError):
                # bare_extraction with metadata discards the whole page then.
                return "", known.title, known.sitename, known.url, known.date
            title = title or found.title
            sitename = sitename or found.sitename
            url = url or found.url
            raw = None if known.date else found.date
    date = known.date
    if raw:
        try:
            parsed = dt.date.fromisoformat(str(raw)[:10])
        except ValueError:
            parsed = None
        # htmldate falls back to 1 January of a copyright year: that is a year, not a date.
        if parsed and (parsed.month, parsed.day) != (1, 1):
            date = parsed
    return (
        result.text or "",
        title or None,
        sitename or None,
        url or None,
        date,
    )


def _metadata(html: str, *, title: bool, date: bool) -> Any:
    """trafilatura's page metadata as ``bare_extraction(with_metadata=True)`` reads it, less
    what newsprism never reads: the author, categories and tags (three quarters of the cost of
    ``trafilatura.metadata.extract_metadata`` on the article-extraction benchmark's pages), the
    title when ``title`` is false and the date when ``date`` is false.

    The steps and their order are those of ``extract_metadata`` (trafilatura 2.x): the URL
    feeds the date search and the site-name fallback. tests/test_clean_html.py checks the
    fields against ``extract_metadata``.
    """
    from htmldate import find_date
    from trafilatura.metadata import (
        META_URL,
        examine_meta,
        extract_meta_json,
        extract_sitename,
        extract_title,
        extract_url,
    )
    from trafilatura.settings import Document, Extractor
    from trafilatura.utils import load_html

    tree = load_html(html)
    if tree is None:
        return Document()
    metadata = examine_meta(tree)
    if metadata.author and " " not in metadata.author:
        metadata.author = None  # as extract_metadata does before reading JSON-LD
    with contextlib.suppress(Exception):  # extract_metadata logs these and goes on alike
        metadata = extract_meta_json(tree, metadata)
    if title and not metadata.title:
        metadata.title = extract_title(tree)
    if not metadata.url:
        metadata.url = extract_url(tree, None)
    if date:
        # The parameters bare_extraction passes (its Extractor's defaults).
        metadata.date = find_date(tree, **{**Extractor().date_params, "url": metadata.url})
    if not metadata.sitename:
        metadata.sitename = extract_sitename(tree)
    if metadata.sitename:
        name = metadata.sitename = metadata.sitename.lstrip("@")
        if name and "." not in name and not name[0].isupper():
            metadata.sitename = name.title()
    elif metadata.url and (match := META_URL.match(metadata.url)):
        metadata.sitename = match[1]
    metadata.clean_and_trim()  # entities, spaces and control characters, as extract_metadata
    return metadata


def clean_html(
    html: str,
    title_hint: str | None = None,
    *,
    url: str | None = None,
    sitename: str | None = None,
    date: dt.date | None = None,
) -> HtmlPage:
    """Render a page, find its main text and give every block a role.

    ``title_hint``, ``url``, ``sitename`` and ``date`` are what the page's container stated;
    the page's metadata gives the others (and the :class:`HtmlPage` holds them all).
    """
    page = render_page(html)
    rendered = page.blocks
    parts: list[str] = []
    blocks: list[Block] = []
    pos = 0
    for number, (_, text) in enumerate(rendered, start=1):
        blocks.append(Block(pos, pos + len(text), number, text))
        parts.append(text)
        pos += len(text) + 2
    page_text = "\n\n".join(parts)
    known = _Known(title_hint or None, url or None, sitename or None, date or None)
    main, title, sitename, url, date = _extract(html, known)
    h1 = next((i for i, (tag, _) in enumerate(rendered) if tag == "h1"), None)
    title_index, decisions = classify_blocks(blocks, title, title_index=h1)
    main_norm = _norm(main)
    if main_norm:
        main_lines = {_norm(line) for line in main.splitlines()}
        decisions = [
            _with_main(rendered[i][0], _inside(rendered[i][1], main_lines, main_norm), d)
            for i, d in enumerate(decisions)
        ]
    if title_index is not None and title is None:
        title = rendered[title_index][1]
    return HtmlPage(
        page_text, blocks, decisions, title_index, title, sitename, url, date, page.notes()
    )


def _inside(text: str, main_lines: set[str], main_norm: str) -> bool:
    """Whether a block is part of the main text: a whole line of it, or a long enough piece.

    A short block ("AI", "Business") is a substring of almost any article, so only a whole
    line counts for it; from five words on, a match inside a longer line is no accident.
    """
    norm = _norm(text)
    return norm in main_lines or (len(norm.split()) >= 5 and norm in main_norm)


def _with_main(tag: str, inside: bool, decision: LineDecision) -> LineDecision:
    role = decision.role
    if role is Role.TITLE:
        return decision
    if inside:
        if tag == "figcaption" or role is Role.CAPTION:
            return LineDecision(Role.CAPTION, "a figure caption", decision.score)
        if role in (Role.AD, Role.SHARE, Role.PROMOTION, Role.RIGHTS, Role.CREDIT):
            return decision
        if tag in _HEADING_TAGS:
            return LineDecision(Role.SUBHEADING, f"a <{tag}> heading in the main text", 1.0)
        return LineDecision(Role.BODY, "in the main text trafilatura extracted", decision.score)
    if role.is_kept:
        return LineDecision(
            Role.BOILERPLATE, "outside the main text trafilatura extracted", decision.score
        )
    return decision
