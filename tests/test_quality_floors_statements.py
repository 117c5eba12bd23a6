"""Quality gate: statements and framing across outlets stay at or above their pinned floors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FLOORS = json.loads((ROOT / "tests" / "quality_floors_statements.json").read_text("utf-8"))

needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason="../shared is absent")


def _items(gold: dict[str, Any]) -> tuple[int, int]:
    """How many statements and framing terms a gold file lists."""
    statements = len(gold.get("quotes", {}).get("same_statement_across_outlets", []))
    examples = gold.get("framing", {}).get("examples", {})
    return statements, sum(len(terms) for terms in examples.values())


@needs_shared
@pytest.mark.slow
def test_pooled_newswcl50_statements_and_framing_floors() -> None:
    pytest.importorskip("newsprism.extract")
    from newsprism.evaluation.compare import evaluate_compare

    entry = FLOORS["newswcl50"]
    found = {"statements_recall": 0.0, "framing_recall": 0.0}
    total = {"statements_recall": 0, "framing_recall": 0}
    for name in entry["golds"]:
        path = ROOT / name
        statements, terms = _items(json.loads(path.read_text("utf-8")))
        figures = evaluate_compare(path).to_json()["newsprism"]
        # Recall times items is the number found: pooled recall weighs each file by its items.
        found["statements_recall"] += figures["statements_recall"] * statements
        found["framing_recall"] += figures["framing_recall"] * terms
        total["statements_recall"] += statements
        total["framing_recall"] += terms
    for name, floor in entry["newsprism"].items():
        pooled = found[name] / total[name]
        assert pooled >= floor, f"pooled {name} {pooled:.3f} fell under its floor {floor}"


@needs_shared
@pytest.mark.slow
def test_sochi_statements_and_framing_floors() -> None:
    pytest.importorskip("newsprism.extract")
    from newsprism.evaluation.compare import evaluate_compare

    entry = FLOORS["sochi-2020"]
    figures = evaluate_compare(ROOT / entry["gold"]).to_json()["newsprism"]
    for name, floor in entry["newsprism"].items():
        assert figures[name] >= floor, f"{name} {figures[name]} fell under its floor {floor}"
