"""The shipped body-line model: a logistic regression read from ``line_model.json``."""

from __future__ import annotations

import functools
import json
from importlib import resources

import numpy as np

from newsprism.clean.features import FEATURE_NAMES

__all__ = ["LineModel", "load_model"]


class LineModel:
    """Scores feature rows with the probability that each line is article body."""

    def __init__(self, mean: list[float], scale: list[float], coef: list[float], bias: float):
        self.mean = np.asarray(mean, dtype=float)
        self.scale = np.asarray(scale, dtype=float)
        self.coef = np.asarray(coef, dtype=float)
        self.bias = float(bias)

    def probabilities(self, rows: list[list[float]]) -> list[float]:
        """Body probability of each feature row."""
        if not rows:
            return []
        x = (np.asarray(rows, dtype=float) - self.mean) / self.scale
        logits = x @ self.coef + self.bias
        return [float(v) for v in 1.0 / (1.0 + np.exp(-logits))]


@functools.cache
def load_model() -> LineModel:
    """Load the model shipped in the package (rebuilt by scripts/train_line_classifier.py)."""
    raw = resources.files("newsprism.clean").joinpath("line_model.json").read_text("utf-8")
    data = json.loads(raw)
    if tuple(data["features"]) != FEATURE_NAMES:
        # The features changed since the model was trained: it must be rebuilt, not guessed at.
        raise RuntimeError(
            "line_model.json does not match newsprism.clean.features; "
            "run scripts/train_line_classifier.py"
        )
    return LineModel(data["mean"], data["scale"], data["coef"], data["intercept"])
