"""Extraction: entities merged across articles, quotes with their speakers, normalised figures.

``extract_articles`` reads a batch of cleaned articles (their kept body paragraphs only) and
returns one :class:`~newsprism.records.Extraction` per article; ``merge_extractions`` merges the
entities of extractions made apart (another batch, the store). Needs the ``[nlp]`` extra.
"""

from __future__ import annotations

from newsprism.extract.core import extract_articles, merge_extractions
from newsprism.extract.figures import parse_number
from newsprism.extract.marks import Quotation, find_quotations
from newsprism.extract.merge import Merged, merge_entities
from newsprism.extract.names import name_similarity, same_name, skeleton
from newsprism.extract.nlp import MODEL, load_nlp
from newsprism.extract.stage import ExtractStage, extract_article

__all__ = [
    "MODEL",
    "ExtractStage",
    "Merged",
    "Quotation",
    "extract_article",
    "extract_articles",
    "find_quotations",
    "load_nlp",
    "merge_entities",
    "merge_extractions",
    "name_similarity",
    "parse_number",
    "same_name",
    "skeleton",
]
