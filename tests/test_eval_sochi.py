"""End to end: the cleaning evaluation on the sochi-2020 gold (needs ingest and clean)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsprism.evaluation.clean import evaluate_clean

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
GOLD = SHARED / "golden" / "sochi-2020.json"

pytestmark = pytest.mark.skipif(not GOLD.is_file(), reason="../shared is absent")


def test_evaluate_clean_on_sochi() -> None:
    result = evaluate_clean(GOLD)
    figures = result.to_json()
    assert set(figures) == {"newsprism", "justext", "trafilatura", "n"}
    assert set(figures["newsprism"]) == {
        "precision",
        "recall",
        "f1",
        "outlet_accuracy",
        "date_accuracy",
        "n",
    }
    assert (
        set(figures["justext"]) == set(figures["trafilatura"]) == {"precision", "recall", "f1", "n"}
    )
    # 99 scored lines (non-blank, not the headline), 61 of them body or subheading.
    assert figures["n"] == figures["newsprism"]["n"] == figures["justext"]["n"] == 99
    assert result.newsprism.tp + result.newsprism.fn == 61
    assert all(d.cleaned for d in result.documents)
    assert [d.aligned_by for d in result.documents] == ["span"] * 5
