"""Render an HTML page to plain text, one block a line, the way a scraper's text dump looks."""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

__all__ = ["BLOCK_TAGS", "html_to_blocks", "html_to_lines"]

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


def html_to_blocks(html: str) -> list[tuple[str, str]]:
    """Blocks of visible text with the tag of the block that holds them, in document order."""
    if not html.strip():
        return []
    try:
        # Bytes with an explicit parser encoding: lxml refuses str input that carries an XML
        # encoding declaration, and would guess latin-1 for bytes without a <meta charset>.
        root = lxml.html.document_fromstring(html.encode("utf-8", "replace"), parser=_PARSER)
    except (etree.ParserError, ValueError):
        return []
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
    return blocks


def html_to_lines(html: str) -> list[str]:
    """The page's visible text, one block a line, scripts and styles dropped."""
    return [text for _, text in html_to_blocks(html)]
