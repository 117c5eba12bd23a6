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
from numpy.typing import NDArray

from newsprism.clean.features import CONTEXT_NAMES, FEATURE_NAMES, context_matrix

__all__ = ["BoostedTrees", "LineModel", "load_model"]


class _Scorer(Protocol):
    def first_pass(self, rows: list[list[float]]) -> list[float]: ...

    def score_matrix(self, x: NDArray[np.float64]) -> list[float]: ...


class BoostedTrees:
    """Gradient-boosted regression trees over feature rows, giving a body probability."""

    def __init__(self, init: float, rate: float, trees: list[dict[str, list[Any]]]):
        self.init = float(init)
        self.rate = float(rate)
        self.depth = max((_depth(t["left"], t["right"]) for t in trees), default=0)
        # All trees side by side, one row each, padded to the widest: every row is walked
        # down in ``depth`` array steps for all trees at once instead of tree by tree.
        width = max((len(t["left"]) for t in trees), default=1)

        def table(key: str, dtype: type, pad: float) -> np.ndarray:
            rows = [list(t[key]) + [pad] * (width - len(t[key])) for t in trees]
            return np.asarray(rows, dtype=dtype).reshape(len(trees), width)

        # Flat tables, indexed by tree * width + node: one gather per step instead of two.
        self.width = width
        self.feature = np.maximum(table("feature", int, 0), 0).ravel()
        self.threshold = table("threshold", float, 0.0).ravel()
        self.left = table("left", int, -1).ravel()
        self.right = table("right", int, -1).ravel()
        self.value = table("value", float, 0.0).ravel()
        self.leaf = self.left < 0
        # A leaf's children are itself, so walking on from a leaf stays there.
        index = np.arange(len(self.left))
        self.left = np.where(self.leaf, index, self.left + index - index % width)
        self.right = np.where(self.leaf, index, self.right + index - index % width)
        self.count = len(trees)
        # Each node's left then right child, side by side: one gather a step.
        self.children = np.stack([self.left, self.right], axis=1).ravel()

    def first_pass(self, rows: list[list[float]]) -> list[float]:
        """Body probability of each row (the method name is the scorers' common one)."""
        return self.score_matrix(np.asarray(rows, dtype=float)) if rows else []

    def score_matrix(self, x: NDArray[np.float64]) -> list[float]:
        """:meth:`first_pass` over the rows as one array (a row per line)."""
        n, columns = x.shape
        flat = x.ravel()
        # Each row starts at the root of every tree; ``node`` holds flat table indexes.
        node = np.broadcast_to(np.arange(self.count) * self.width, (n, self.count))
        base = (np.arange(n) * columns)[:, None]
        for _ in range(self.depth):
            # "Not <=" rather than ">", so that a missing value (NaN) goes right, as it did.
            go_right = ~(flat.take(base + self.feature.take(node)) <= self.threshold.take(node))
            node = self.children.take(2 * node + go_right)
        # Summed tree by tree, in order, as a running sum: the same additions, so the same
        # floating-point result, as adding each tree's value in turn.
        terms = np.empty((n, self.count + 1))
        terms[:, 0] = self.init
        terms[:, 1:] = self.rate * self.value[node]
        raw = np.cumsum(terms, axis=1)[:, -1]
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
        return self.score_matrix(np.asarray(rows, dtype=float)) if rows else []

    def score_matrix(self, x: NDArray[np.float64]) -> list[float]:
        """:meth:`first_pass` over the rows as one array (a row per line)."""
        return self._first(x).tolist()  # type: ignore[no-any-return]

    def _first(self, x: NDArray[np.float64]) -> NDArray[np.float64]:
        logits = ((x - self.mean) / self.scale) @ self.coef + self.bias
        probabilities: NDArray[np.float64] = 1.0 / (1.0 + np.exp(-logits))
        return probabilities

    def probabilities(self, rows: list[list[float]]) -> list[float]:
        """Body probability of each feature row (of a whole page, in order)."""
        return self.probabilities_of(np.asarray(rows, dtype=float)) if rows else []

    def probabilities_of(self, x: NDArray[np.float64]) -> list[float]:
        """:meth:`probabilities` of the rows as one array (:func:`.features.feature_matrix`)."""
        if not len(x):
            return []
        first = self._first(x)
        if self.second is None:
            return first.tolist()  # type: ignore[no-any-return]
        return self.second.score_matrix(np.hstack([x, context_matrix(first)]))


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
