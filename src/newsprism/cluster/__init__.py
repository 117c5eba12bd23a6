"""Cluster: incremental, time-aware clustering of articles into storylines and their events.

>>> from newsprism.cluster import StoryClusterer
>>> clusterer = StoryClusterer(store)  # doctest: +SKIP
>>> assignments = clusterer.add(articles)  # after each stored chunk  # doctest: +SKIP
>>> newsprism.cluster.stories(store)  # doctest: +SKIP
"""

from __future__ import annotations

from newsprism.cluster.clusterer import StoryClusterer, assign, stories
from newsprism.cluster.config import DEFAULT, SEMANTIC, ClusterConfig
from newsprism.cluster.features import Features, featurize
from newsprism.cluster.similarity import pair_similarity
from newsprism.cluster.state import load_assignments

__all__ = [
    "DEFAULT",
    "SEMANTIC",
    "ClusterConfig",
    "Features",
    "StoryClusterer",
    "assign",
    "featurize",
    "load_assignments",
    "pair_similarity",
    "stories",
]
