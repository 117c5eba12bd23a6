"""The shipped line model: both passes load; boosted trees score as the library that fit them."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

from newsprism.clean.features import CONTEXT_NAMES, FEATURE_NAMES, context_features
from newsprism.clean.model import BoostedTrees, LineModel, load_model

ROOT = Path(__file__).resolve().parents[1]


def _training_script() -> ModuleType:
    path = ROOT / "scripts" / "train_line_classifier.py"
    spec = importlib.util.spec_from_file_location("train_line_classifier", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_the_shipped_model_has_two_passes_over_the_current_features() -> None:
    model = load_model()
    assert len(model.coef) == len(FEATURE_NAMES)
    assert model.second is not None
    rows = [[0.0] * len(FEATURE_NAMES), [1.0] * len(FEATURE_NAMES)]
    probabilities = model.probabilities(rows)
    assert len(probabilities) == 2 and all(0.0 < p < 1.0 for p in probabilities)
    assert model.probabilities([]) == []


def test_context_features_read_the_neighbours() -> None:
    rows = context_features([0.9, 0.1, 0.8])
    assert len(rows) == 3 and all(len(r) == len(CONTEXT_NAMES) for r in rows)
    p, prev_p, next_p = rows[1][:3]
    assert (p, prev_p, next_p) == (0.1, 0.9, 0.8)
    assert rows[0][1] == 0.0  # nothing before the first line


@pytest.mark.parametrize("depth", [1, 3])
def test_boosted_trees_score_as_sklearn_does(depth: int) -> None:
    pytest.importorskip("sklearn")
    script = _training_script()
    rng = np.random.default_rng(3)
    x = rng.normal(size=(400, 5))
    y = (x[:, 0] + x[:, 1] * x[:, 2] > 0).astype(int)
    saved = dict(script.TREES)
    script.TREES.update(n_estimators=20, max_depth=depth)
    try:
        fitted = script._fit_trees(x, y, np.ones(len(y)))
    finally:
        script.TREES.clear()
        script.TREES.update(saved)
    from sklearn.ensemble import GradientBoostingClassifier

    reference = GradientBoostingClassifier(
        random_state=script.SEED, **{**saved, "n_estimators": 20, "max_depth": depth}
    ).fit(x, y)
    ours = BoostedTrees(fitted["init"], fitted["rate"], fitted["trees"]).first_pass(x.tolist())
    assert np.allclose(ours, reference.predict_proba(x)[:, 1], atol=1e-4)


def test_a_linear_second_pass_composes() -> None:
    n = len(FEATURE_NAMES)
    second = LineModel(
        [0.0] * (n + len(CONTEXT_NAMES)),
        [1.0] * (n + len(CONTEXT_NAMES)),
        [0.0] * n + [10.0] + [0.0] * (len(CONTEXT_NAMES) - 1),
        -5.0,
    )
    first = LineModel([0.0] * n, [1.0] * n, [1.0] + [0.0] * (n - 1), 0.0, second)
    high, low = first.probabilities([[5.0] + [0.0] * (n - 1), [-5.0] + [0.0] * (n - 1)])
    assert high > 0.99 and low < 0.01


def _walk(trees: list[dict[str, list[float]]], init: float, rate: float, row: list[float]) -> float:
    """A row down every tree in turn, the leaf values added one by one: the raw score."""
    raw = init
    for tree in trees:
        node = 0
        while tree["left"][node] >= 0:
            go_left = row[int(tree["feature"][node])] <= tree["threshold"][node]
            node = int(tree["left"][node] if go_left else tree["right"][node])
        raw += rate * tree["value"][node]
    return raw


def test_boosted_trees_give_exactly_what_walking_each_tree_gives() -> None:
    # The trees are walked all at once; the result must be the same float, not a near one.
    import json
    from importlib import resources

    second = load_model().second
    assert isinstance(second, BoostedTrees)
    text = resources.files("newsprism.clean").joinpath("line_model.json").read_text("utf-8")
    data = json.loads(text)["second_pass"]
    rng = np.random.default_rng(7)
    rows = rng.normal(0.5, 1.0, size=(60, len(FEATURE_NAMES) + len(CONTEXT_NAMES))).tolist()
    rows[0][int(data["trees"][0]["feature"][0])] = float("nan")  # a missing value goes right
    raw = np.array([_walk(data["trees"], data["init"], data["rate"], row) for row in rows])
    assert second.first_pass(rows) == [float(v) for v in 1.0 / (1.0 + np.exp(-raw))]
