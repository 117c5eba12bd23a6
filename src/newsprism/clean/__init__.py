"""Cleaning: turn a raw Document into an Article with roles, outlet, agency and date."""

from __future__ import annotations

from collections.abc import Sequence

from newsprism.records import Article, Document

__all__ = ["clean_batch", "clean_document"]


def clean_document(document: Document) -> Article:
    """Clean one document on its own (dates resolved from its own evidence only)."""
    raise NotImplementedError


def clean_batch(documents: Sequence[Document]) -> list[Article]:
    """Clean documents together, so relative dates can borrow anchors from related articles."""
    return [clean_document(d) for d in documents]
