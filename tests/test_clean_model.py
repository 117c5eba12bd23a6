"""The shipped line model: both passes load; boosted trees score as the library that fit them."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


# --- the feature arrays against their row-by-row definitions ---------------------------------


def _rows_one_by_one(shapes: list, threads: list) -> list[list[float]]:  # type: ignore[type-arg]
    """Line features as defined line by line (the definition feature_matrix builds by columns)."""
    import math
    from collections import Counter

    from newsprism.clean import features as f

    counts = Counter(s.text.lower() for s in shapes)
    prose = f.prose_lines(shapes)
    n = len(shapes)
    threaded = [0.0] * n
    for thread in threads:
        for j in range(thread.start, thread.end + 1):
            threaded[j] = 1.0
    article_prose = [p and not t for p, t in zip(prose, threaded, strict=True)]
    run_of, run_words = f._runs(article_prose, [s.words for s in shapes])
    all_prose = sum(run_words) or 1
    main = max(range(len(run_words)), key=run_words.__getitem__) if run_words else -1
    span = [i for i, r in enumerate(run_of) if r == main and main >= 0]
    first, last = (span[0], span[-1]) if span else (n, -1)
    rows = []
    for i, shape in enumerate(shapes):
        lo, hi = max(0, i - 3), min(n, i + 4)
        others = [j for j in range(lo, hi) if j != i]
        share = [
            sum(flag(shapes[j], j) for j in others) / len(others) if others else 0.0
            for flag in (
                lambda s, j: prose[j],
                lambda s, j: s.words < 6,
                lambda s, j: s.comment_mark > 0,
            )
        ]
        before = shapes[i - 1] if i > 0 else None
        after = shapes[i + 1] if i + 1 < n else None
        sandwiched = 1.0 if f._heading_shaped(before) and f._heading_shaped(after) else 0.0
        run = run_of[i]
        words = run_words[run] if run >= 0 else 0
        position = i / max(n - 1, 1)
        rows.append(
            [
                *f._own(shape, 1.0 if counts[shape.text.lower()] > 1 else 0.0),
                *f._neighbour(before),
                *f._neighbour(after),
                *share,
                threaded[i],
                sandwiched,
                math.log1p(words),
                words / all_prose,
                1.0 if run >= 0 and run == main else 0.0,
                1.0 if first <= i <= last else 0.0,
                math.log1p(max(first - i, i - last, 0)) if span else 5.0,
                position,
                position * position,
                1.0,
            ]
        )
    return rows


_PAGE_LINES = [
    "Home",
    "World | Sport | Business",
    "Council expands bus network",
    "The city council voted on Tuesday to expand the bus network, adding four routes.",
    "Officials said the plan would cost about $40 million over five years, they said.",
    "What changes for riders",
    '"This is the biggest change in a generation," the director told reporters.',
    "Posted by jsmith at 10:15 AM",
    "I think this is a terrible idea and the council should be ashamed of it.",
    "Reply | Report abuse",
    "Jane wrote:",
    "Buses are late every single day here and nobody at the council seems to care.",
    "3 hours ago",
    "© 2021 City Herald. All rights reserved.",
    "Share",
    "",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_PAGE_LINES), max_size=40))
def test_feature_matrix_is_the_row_by_row_definition_exactly(lines: list[str]) -> None:
    from newsprism.clean.features import comment_threads, feature_matrix, line_shapes

    shapes = line_shapes([line for line in lines if line.strip()])
    threads = comment_threads(shapes)
    ours = feature_matrix(shapes, threads)
    assert ours.shape == (len(shapes), len(FEATURE_NAMES))
    assert ours.tolist() == _rows_one_by_one(shapes, threads)  # floats equal bit for bit


def _context_one_by_one(probabilities: list[float]) -> list[list[float]]:
    n = len(probabilities)

    def at(j: int) -> float:
        return probabilities[j] if 0 <= j < n else 0.0

    rows = []
    for i, p in enumerate(probabilities):
        window = [*probabilities[max(0, i - 3) : i], *probabilities[i + 1 : i + 4]]
        rows.append(
            [
                p,
                at(i - 1),
                at(i + 1),
                at(i - 2),
                at(i + 2),
                sum(window) / len(window) if window else 0.0,
                max(window, default=0.0),
                min(window, default=0.0),
                sum(probabilities) / n,
                sum(q >= 0.5 for q in probabilities) / n,
            ]
        )
    return rows


@settings(max_examples=300, deadline=None)
@given(st.lists(st.floats(min_value=1e-9, max_value=1.0), max_size=30))
def test_context_features_are_the_row_by_row_definition_exactly(values: list[float]) -> None:
    assert context_features(values) == _context_one_by_one(values)
