"""The comparison benchmark runs end to end on a small story and reports what it timed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SCRIPT = ROOT / "bench" / "bench_compare.py"

pytest.importorskip("spacy")


@pytest.mark.skipif(not (SHARED / "corpus" / "sochi-2020").is_dir(), reason="no shared corpus")
def test_smoke_run_on_two_reprints_of_sochi() -> None:
    run = subprocess.run(
        [sys.executable, str(SCRIPT), "--stories", "sochi", "--copies", "2", "--repeat", "1",
         "--json", "--shared", str(SHARED)],
        capture_output=True, text=True, check=True, timeout=600,
    )  # fmt: skip
    result = json.loads(run.stdout)
    (story,) = result["stories"]
    assert story["story"] == "sochi" and story["articles"] == 10
    # The reprints are one source each: the arrested/detained conflict is still found, once.
    assert story["findings"].get("conflict") == 1
    assert story["compare"]["cpu_seconds"] > 0 and story["spacy"]["cpu_seconds"] > 0
    assert story["ratio_compare_over_spacy"] > 0
