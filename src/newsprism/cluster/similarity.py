"""The pairwise same-event score clustering uses, for two articles on their own."""

from __future__ import annotations

import math

from newsprism.cluster.config import DEFAULT, ClusterConfig
from newsprism.cluster.features import article_text, clustering_date, featurize
from newsprism.records import Article

__all__ = ["pair_similarity"]


def pair_similarity(a: Article, b: Article, config: ClusterConfig = DEFAULT) -> float:
    """Cosine of two articles' feature vectors, decayed by their time gap as events are."""
    w = config.semantic_weight
    ea: list[float] = []
    eb: list[float] = []
    if w > 0:
        from newsprism.cluster.semantic import embed

        ea, eb = embed([f"{x.title}. {article_text(x)}" for x in (a, b)])
    va, vb = featurize(a, ea, w).vector, featurize(b, eb, w).vector
    if len(vb) < len(va):
        va, vb = vb, va
    cosine = sum(w * vb.get(t, 0.0) for t, w in va.items())
    da, db = clustering_date(a), clustering_date(b)
    if da is None or db is None:
        return cosine
    gap = abs((da - db).days)
    return cosine * math.exp(-max(0.0, gap - config.event_grace_days) / config.event_tau_days)
