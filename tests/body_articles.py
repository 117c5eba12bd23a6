"""Articles made of body paragraphs, for tests of what is read off an article's body."""

from __future__ import annotations

from typing import Any

from newsprism.records import Article, Paragraph, Role, Span


def body_article(doc: str, texts: list[str], title: str, **fields: Any) -> Article:
    """An article ``doc`` whose text is ``texts`` as body paragraphs, a blank line apart, each
    with its span; ``fields`` are the article's other fields (``outlet``, ``published``)."""
    paragraphs, at = [], 0
    for i, text in enumerate(texts):
        paragraphs.append(Paragraph(i, text, Span(doc, at, at + len(text)), Role.BODY, "test"))
        at += len(text) + 2
    return Article(doc, f"{doc}.txt", "\n\n".join(texts), title, tuple(paragraphs), **fields)
