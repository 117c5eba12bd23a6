"""The extraction stage of the pipeline (``newsprism.extract.v1``): an Article to an Extraction."""

from __future__ import annotations

from typing import Any

from newsprism.extract.core import extract_articles
from newsprism.pipeline import register_stage
from newsprism.records import Article, Extraction

__all__ = ["ExtractStage", "extract_article"]


def extract_article(article: Article, *, nlp: Any = None) -> Extraction:
    """Entities, quotes and figures of one article (entities merged within it only)."""
    return extract_articles([article], nlp=nlp)[0]


class ExtractStage:
    """The per-article extraction stage; batches merge their entities with ``merge_extractions``."""

    name = "extract"
    requires: tuple[str, ...] = ("article",)
    provides: tuple[str, ...] = ("extraction",)

    def __call__(self, item: Article) -> Extraction:
        return extract_article(item)


@register_stage("newsprism.extract.v1")
def _extract_stage() -> ExtractStage:
    return ExtractStage()
