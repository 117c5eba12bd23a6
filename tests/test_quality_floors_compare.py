"""Quality gate: the comparison pooled over the NewsWCL50 gold events stays above its floors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FLOORS = json.loads((ROOT / "tests" / "quality_floors_compare.json").read_text(encoding="utf-8"))


@pytest.mark.slow
def test_pooled_newswcl50_comparison_floors() -> None:
    entry = FLOORS["newswcl50"]
    golds = [ROOT / path for path in entry["gold"]]
    if not all(path.is_file() for path in golds):
        pytest.skip("the NewsWCL50 gold files are absent")
    pytest.importorskip("newsprism.extract")
    from newsprism.evaluation.compare import evaluate_compare_many

    result = evaluate_compare_many(golds)
    figures = result.to_json()["newsprism"]
    for name, floor in entry["newsprism"].items():
        assert figures[name] >= floor, f"{name} {figures[name]} fell under its floor {floor}"
    assert figures["false_conflicts"] <= entry["max_false_conflicts"]
    assert figures["mixed_findings"] <= entry["max_mixed_findings"]
    # Pooled counts are the sums of the events' counts, each event compared on its own.
    for bucket in ("corroborated", "conflict"):
        found, items = result.pooled.count(bucket)
        assert items == sum(r.count(bucket)[1] for _, r in result.events)
        assert found == sum(r.count(bucket)[0] for _, r in result.events)


@pytest.mark.slow
def test_eval_compare_pools_several_gold_files_on_the_command_line() -> None:
    gold = ROOT.parent / "shared" / "golden" / "sochi-2020.json"
    if not gold.is_file():
        pytest.skip("the sochi-2020 gold file is absent")
    pytest.importorskip("newsprism.extract")
    from typer.testing import CliRunner

    from newsprism.cli.app import app

    result = CliRunner().invoke(app, ["eval", "compare", str(gold), str(gold), "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    # One event twice: pooled recall is the event's, item counts are doubled.
    (event,) = figures["events"].values()
    assert figures["newsprism"]["corroborated_recall"] == event["corroborated_recall"]
    items = event["counts"]["corroborated"]["items"]
    assert figures["counts"]["corroborated"]["items"] == 2 * items
