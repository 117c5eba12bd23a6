"""Evaluations of newsprism's stages against gold files in the golden format."""

from __future__ import annotations

from newsprism.evaluation.clean import (
    CleanEvaluation,
    DocumentResult,
    LineMiss,
    LineScores,
    evaluate_articles,
    evaluate_clean,
)
from newsprism.evaluation.gold import DateRange, GoldCorpus, GoldDocument, load_gold
from newsprism.evaluation.outlets import outlet_matches

__all__ = [
    "CleanEvaluation",
    "DateRange",
    "DocumentResult",
    "GoldCorpus",
    "GoldDocument",
    "LineMiss",
    "LineScores",
    "evaluate_articles",
    "evaluate_clean",
    "load_gold",
    "outlet_matches",
]
