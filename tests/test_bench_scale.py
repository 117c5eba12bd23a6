"""The throughput benchmark runs tiny and reports every figure it promises (no timing checked)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SCRIPT = ROOT / "bench" / "bench_scale.py"

STAGES = ("ingest", "clean", "extract", "dedup", "cluster")
RATIOS = {
    "html_ingest_clean_vs_trafilatura",
    "html_pipeline_without_nlp_vs_trafilatura",
    "extract_vs_spacy",
    "pipeline_vs_spacy",
    "dedup_vs_datasketch",
    "cluster_vs_single",
    "cluster_pipeline_vs_single",
}


def test_a_tiny_run_reports_every_stage_peer_and_ratio(tmp_path: Path) -> None:
    if not (SHARED / "data" / "article-extraction-benchmark" / "html").is_dir():
        pytest.skip("../shared is absent: no pages to measure")
    for module in ("trafilatura", "datasketch", "spacy", "dask.distributed"):
        pytest.importorskip(module)
    command = [sys.executable, str(SCRIPT), "--limit", "2", "--copies", "2", "--rounds", "1"]
    done = subprocess.run(
        [*command, "--json"], capture_output=True, text=True, timeout=600, cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout)
    # Two pages; two ECB+ and two NewsWCL50 texts, each with one replica.
    assert result["inputs"] == {"html": 2, "text": 8, "copies": 2, "articles": 10}
    single = result["single"]
    for stage in STAGES:
        figures = single[stage]
        assert figures["documents"] == 10, stage
        assert figures["cpu_seconds"] > 0 and figures["per_core"] > 0, stage
    assert set(single["html"]) == {"ingest", "clean", "extract"}
    assert single["pipeline"]["documents"] == single["pipeline_without_nlp"]["documents"] == 10
    assert single["html_pipeline_without_nlp"]["documents"] == 2
    cluster = result["cluster"]
    assert cluster["workers"] == 2 and cluster["per_document"]["documents"] == 10
    per_document = cluster["per_document"]
    assert per_document["cluster"]["per_second"] > 0
    # Each round of each side is reported with the load it ran under; one round a side here.
    assert [len(per_document["rounds"][side]) for side in ("single", "cluster")] == [1, 1]
    assert all("load" in r for side in per_document["rounds"].values() for r in side)
    assert per_document["per_core_ratio"] > 0 and len(per_document["load"]) == 2
    assert cluster["pipeline"]["documents"] == 10
    assert set(result["peers"]) == {"trafilatura", "spacy", "datasketch"}
    assert result["peers"]["trafilatura"]["documents"] == 2
    assert set(result["ratios"]) == RATIOS
    assert all(isinstance(v, float) and v > 0 for v in result["ratios"].values())
    assert len(result["machine"]["load_before"]) == 3 and result["machine"]["cpus"]
