"""Cleaning HTML pages: trafilatura finds the main text; newsprism's rules name the rest.

The page is rendered to blocks (one a line) so that every paragraph, kept or removed, has a
span in one text. Blocks inside the main text trafilatura extracts are body (or subheadings and
captions by their tag); the others get the role the plain-text rules give them, or
"outside the main text" when no rule names them.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from dataclasses import dataclass

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


def _extract(html: str) -> tuple[str, str | None, str | None, str | None, dt.date | None]:
    import trafilatura

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # its date parsers warn on odd pages; not our concern
        result = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=True
        )
    if result is None or isinstance(result, dict):
        return "", None, None, None, None
    date = None
    raw = getattr(result, "date", None)
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
        result.title or None,
        result.sitename or None,
        result.url or None,
        date,
    )


def clean_html(html: str, title_hint: str | None = None) -> HtmlPage:
    """Render a page, find its main text and give every block a role."""
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
    main, title, sitename, url, date = _extract(html)
    title = title_hint or title
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
