"""Quality gate for cleaning on L3S-GN1's training split and on the written comment threads.

The L3S-GN1 pages are part of the line model's training data, so the figure here guards against
regressions only; the figure that says how the cleaner does on sites it has never seen is the
by-site cross-validation that ``scripts/train_line_classifier.py`` writes into the model file.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsprism.evaluation.clean import evaluate_clean

ROOT = Path(__file__).resolve().parents[1]
FLOORS = json.loads((ROOT / "tests" / "quality_floors.json").read_text(encoding="utf-8"))
L3S = FLOORS["clean"]["l3s-gn1-train"]


@pytest.mark.slow
@pytest.mark.skipif(not (ROOT / L3S["gold"]).exists(), reason="L3S-GN1 split is absent")
def test_l3s_cleaning_floor() -> None:
    result = evaluate_clean(ROOT / L3S["gold"], baselines={})
    figures = result.to_json()["newsprism"]
    for name, floor in L3S["newsprism"].items():
        assert figures[name] >= floor, f"{name} {figures[name]} fell under its floor {floor}"


def test_comment_threads_floor() -> None:
    entry = FLOORS["clean"]["comment-threads"]
    result = evaluate_clean(ROOT / entry["gold"], baselines={})
    figures = result.to_json()["newsprism"]
    for name, floor in entry["newsprism"].items():
        assert figures[name] >= floor, f"{name} {figures[name]} fell under its floor {floor}"


def test_the_model_file_reports_its_by_site_figure() -> None:
    """The shipped model says how it did on L3S-GN1 sites it was not fitted on."""
    model = json.loads(
        (ROOT / "src" / "newsprism" / "clean" / "line_model.json").read_text(encoding="utf-8")
    )
    cv = model["scores"]["l3s_by_site_cv"]
    assert cv["folds"] >= 2 and cv["n"] > 0
    assert cv["f1"] >= FLOORS["clean"]["l3s-gn1-train"]["by_site_cv_f1"]
