"""Quality gate: newsprism's scores on real labelled data stay at or above their pinned floors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsprism.evaluation.clean import CleanEvaluation, evaluate_clean
from newsprism.evaluation.datasets.aeb import write_golden

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FLOORS = json.loads((ROOT / "tests" / "quality_floors.json").read_text(encoding="utf-8"))
AEB = SHARED / "data" / "article-extraction-benchmark"

needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason="../shared is absent")


def _check(result: CleanEvaluation, floors: dict[str, float]) -> None:
    figures = result.to_json()["newsprism"]
    for name, floor in floors.items():
        assert figures[name] >= floor, f"{name} {figures[name]} fell under its floor {floor}"


@needs_shared
def test_sochi_cleaning_floors() -> None:
    entry = FLOORS["clean"]["sochi-2020"]
    result = evaluate_clean(ROOT / entry["gold"])
    _check(result, entry["newsprism"])
    # Reader comments are never body, whatever else goes wrong.
    kept_comments = [
        (d.name, m.line) for d in result.documents for m in d.false_positives if "comment" in m.gold
    ]
    assert not kept_comments
    assert result.newsprism.f1 > max(s.f1 for s in result.baselines.values())


@needs_shared
@pytest.mark.slow
def test_held_out_benchmark_floors(tmp_path: Path) -> None:
    if not AEB.is_dir():
        pytest.skip("article-extraction-benchmark is absent")
    gold = write_golden(AEB, tmp_path, held_out=True)
    result = evaluate_clean(gold)
    _check(result, FLOORS["clean"]["aeb-held-out"]["newsprism"])
    assert result.newsprism.f1 > max(s.f1 for s in result.baselines.values())


@needs_shared
@pytest.mark.slow
def test_sochi_comparison_floors() -> None:
    pytest.importorskip("newsprism.extract")
    from newsprism.evaluation.compare import evaluate_compare

    entry = FLOORS["compare"]["sochi-2020"]
    figures = evaluate_compare(ROOT / entry["gold"]).to_json()["newsprism"]
    for name, floor in entry["newsprism"].items():
        assert figures[name] >= floor, f"{name} {figures[name]} fell under its floor {floor}"
    assert figures["false_conflicts"] <= entry["max_false_conflicts"]
