"""The streaming-memory benchmark runs tiny and reports both runs' peaks (no figure checked)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SCRIPT = ROOT / "bench" / "bench_memory.py"


def test_a_tiny_run_reports_the_peak_of_n_and_of_more_files(tmp_path: Path) -> None:
    if not (SHARED / "data" / "ecbplus").is_dir():
        pytest.skip("../shared is absent: no texts to replicate")
    command = [sys.executable, str(SCRIPT), "--files", "3", "--factor", "2", "--base", "2"]
    done = subprocess.run(
        [*command, "--no-nlp", "--trace", "--json"],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout)
    assert result["nlp"] is False and result["factor"] == 2
    runs = result["runs"]
    assert list(runs) == ["3", "6"]
    # Two real texts of each corpus, then replicas of them: every file becomes an article.
    assert [r["stored"] for r in runs.values()] == [3, 6]
    for run in runs.values():
        assert run["peak_mb"] >= run["peak_before_story_stages_mb"] >= run["start_mb"] > 0
        assert run["held"] and all(h["where"] and h["mb"] >= 0 for h in run["held"])
    assert result["peak_ratio"] > 0 and result["grew"]
