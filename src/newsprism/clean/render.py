"""Render an HTML page to plain text, one block a line, the way a scraper's text dump looks."""

from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.html
from lxml import etree

__all__ = ["BLOCK_TAGS", "RenderedPage", "html_to_blocks", "html_to_lines", "render_page"]

BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "br",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "td",
        "th",
        "tr",
        "ul",
        "title",
        "caption",
    ]
)
# Never rendered: their text is code, styling or invisible widgets.
_SKIP_TAGS = frozenset(
    ["script", "style", "noscript", "template", "svg", "iframe", "object", "embed", "head"]
)
_PARSER = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
_SPACE = re.compile(r"[ \t\r\n\f\v\u00a0]+")


@dataclass(frozen=True, slots=True)
class RenderedPage:
    """A page's visible blocks, with what rendering dropped or had to repair."""

    blocks: list[tuple[str, str]]
    """(tag of the enclosing block, text) in document order."""
    dropped: dict[str, int]
    """How many elements of each never-rendered kind (script, style, ...) were skipped."""
    markup_errors: int
    """Markup errors the parser recovered from (unclosed or mismatched tags)."""

    def notes(self) -> tuple[str, ...]:
        """Plain-words notes on what was dropped or repaired, for the user."""
        out = []
        if self.dropped:
            kinds = ", ".join(f"{n} <{tag}>" for tag, n in sorted(self.dropped.items()))
            out.append(f"dropped {kinds}")
        if self.markup_errors:
            out.append(f"recovered from {self.markup_errors} markup error(s) (unclosed tags)")
        return tuple(out)


def html_to_blocks(html: str) -> list[tuple[str, str]]:
    """Blocks of visible text with the tag of the block that holds them, in document order."""
    return render_page(html).blocks


def render_page(html: str) -> RenderedPage:
    """Render a page to blocks, counting what was dropped and what markup was repaired."""
    dropped: dict[str, int] = {}
    if not html.strip():
        return RenderedPage([], dropped, 0)
    try:
        # Bytes with an explicit parser encoding: lxml refuses str input that carries an XML
        # encoding declaration, and would guess latin-1 for bytes without a <meta charset>.
        root = lxml.html.document_fromstring(html.encode("utf-8", "replace"), parser=_PARSER)
    except (etree.ParserError, ValueError):
        return RenderedPage([], dropped, 1)
    errors = len(_PARSER.error_log)
    blocks: list[tuple[str, str]] = []
    parts: list[str] = []
    tags: list[str] = ["body"]

    def flush() -> None:
        text = _SPACE.sub(" ", "".join(parts)).strip()
        parts.clear()
        if text:
            blocks.append((tags[-1] if tags else "body", text))

    def walk(node: etree._Element) -> None:
        tag = node.tag if isinstance(node.tag, str) else ""
        tag = tag.lower()
        if tag in _SKIP_TAGS and tag != "head":
            dropped[tag] = dropped.get(tag, 0) + 1
        if tag in _SKIP_TAGS or not tag:
            # comments and processing instructions carry no visible text, but their tail does
            if node.tail:
                parts.append(node.tail)
            return
        block = tag in BLOCK_TAGS
        if block:
            flush()
            tags.append(tag)
        if node.text:
            parts.append(node.text)
        for child in node:
            walk(child)
        if block:
            flush()
            tags.pop()
        if node.tail:
            parts.append(node.tail)

    body = root.find("body")
    walk(body if body is not None else root)
    flush()
    return RenderedPage(blocks, dropped, errors)


def html_to_lines(html: str) -> list[str]:
    """The page's visible text, one block a line, scripts and styles dropped."""
    return [text for _, text in html_to_blocks(html)]
