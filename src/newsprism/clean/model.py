"""The shipped body-line model, read from ``line_model.json``: two passes over every line.

The first pass, a logistic regression, scores each line from its own features; the second reads
the same features and the first pass's probabilities around the line
(:func:`.features.context_features`), so that a line's neighbours' verdicts count, not only
their shapes. The second pass is a logistic regression or boosted regression trees (a sum of
small trees, scored here with numpy: no learning library is needed at run time).
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any, Protocol

import numpy as np

from newsprism.clean.features import CONTEXT_NAMES, FEATURE_NAMES, context_features

__all__ = ["BoostedTrees", "LineModel", "load_model"]


class _Scorer(Protocol):
    def first_pass(self, rows: list[list[float]]) -> list[float]: ...


class BoostedTrees:
    """Gradient-boosted regression trees over feature rows, giving a body probability."""

    def __init__(self, init: float, rate: float, trees: list[dict[str, list[Any]]]):
        self.init = float(init)
        self.rate = float(rate)
        self.trees = [
            (
                np.asarray(t["feature"], dtype=int),
                np.asarray(t["threshold"], dtype=float),
                np.asarray(t["left"], dtype=int),
                np.asarray(t["right"], dtype=int),
                np.asarray(t["value"], dtype=float),
            )
            for t in trees
        ]
        self.depth = max((_depth(t["left"], t["right"]) for t in trees), default=0)

    def first_pass(self, rows: list[list[float]]) -> list[float]:
        """Body probability of each row (the method name is the scorers' common one)."""
        if not rows:
            return []
        x = np.asarray(rows, dtype=float)
        at = np.arange(len(x))
        raw = np.full(len(x), self.init)
        for feature, threshold, left, right, value in self.trees:
            node = np.zeros(len(x), dtype=int)
            for _ in range(self.depth):
                leaf = left[node] < 0
                go_left = x[at, np.maximum(feature[node], 0)] <= threshold[node]
                node = np.where(leaf, node, np.where(go_left, left[node], right[node]))
            raw += self.rate * value[node]
        return [float(v) for v in 1.0 / (1.0 + np.exp(-raw))]


def _depth(left: list[int], right: list[int]) -> int:
    def down(node: int) -> int:
        return 0 if left[node] < 0 else 1 + max(down(left[node]), down(right[node]))

    return down(0)


class LineModel:
    """Scores feature rows with the probability that each line is article body."""

    def __init__(
        self,
        mean: list[float],
        scale: list[float],
        coef: list[float],
        bias: float,
        second: _Scorer | None = None,
    ):
        self.mean = np.asarray(mean, dtype=float)
        self.scale = np.asarray(scale, dtype=float)
        self.coef = np.asarray(coef, dtype=float)
        self.bias = float(bias)
        self.second = second
        """The second pass, over the rows and the first pass's context; None for one pass."""

    def first_pass(self, rows: list[list[float]]) -> list[float]:
        """Body probability of each feature row from its own features only."""
        if not rows:
            return []
        x = (np.asarray(rows, dtype=float) - self.mean) / self.scale
        logits = x @ self.coef + self.bias
        return [float(v) for v in 1.0 / (1.0 + np.exp(-logits))]

    def probabilities(self, rows: list[list[float]]) -> list[float]:
        """Body probability of each feature row (of a whole page, in order)."""
        first = self.first_pass(rows)
        if self.second is None or not rows:
            return first
        context = context_features(first)
        return self.second.first_pass([[*r, *c] for r, c in zip(rows, context, strict=True)])


def _one(data: dict[str, Any], second: _Scorer | None = None) -> LineModel:
    return LineModel(data["mean"], data["scale"], data["coef"], data["intercept"], second)


def _second(data: dict[str, Any]) -> _Scorer:
    if data.get("kind") == "trees":
        return BoostedTrees(data["init"], data["rate"], data["trees"])
    return _one(data)


@functools.cache
def load_model() -> LineModel:
    """Load the model shipped in the package (rebuilt by scripts/train_line_classifier.py)."""
    raw = resources.files("newsprism.clean").joinpath("line_model.json").read_text("utf-8")
    data = json.loads(raw)
    second = data.get("second_pass")
    if tuple(data["features"]) != FEATURE_NAMES or (
        second is not None and tuple(second["features"]) != (*FEATURE_NAMES, *CONTEXT_NAMES)
    ):
        # The features changed since the model was trained: it must be rebuilt, not guessed at.
        raise RuntimeError(
            "line_model.json does not match newsprism.clean.features; "
            "run scripts/train_line_classifier.py"
        )
    return _one(data, _second(second) if second is not None else None)
