"""The clustering benchmark: replicas are new texts, and a small run reports every figure."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SCRIPT = ROOT / "bench" / "bench_cluster.py"


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_cluster", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_cluster"] = module
    spec.loader.exec_module(module)
    return module


def test_corpus_replicates_with_new_ids_dates_and_names() -> None:
    import datetime as dt

    from newsprism.records import Article, DateEstimate, Paragraph, Role, Span

    bench = _bench()
    body = "Lukashenko met Putin in Sochi on Monday to discuss a loan."
    base = [
        Article(
            f"doc{i}", "x", body, "Lukashenko in Sochi",
            (Paragraph(0, body, Span(f"doc{i}", 0, len(body)), Role.BODY, "t"),),
            published=DateEstimate(dt.date(2020, 9, 14)),
        )
        for i in range(3)
    ]  # fmt: skip
    made = list(bench.corpus(base, 7))
    assert len(made) == 7 and len({a.doc_id for a in made}) == 7
    replica = made[3]
    assert replica.published.date == dt.date(2020, 10, 14)
    assert "Lukashenkoq1" in replica.body_text and "Lukashenko " not in replica.body_text
    assert [len(c) for c in bench.chunks(iter(made), 3)] == [3, 3, 1]
    assert bench.growth({"100": {"cpu_seconds": 1.0}, "1000": {"cpu_seconds": 10.0}}) == 1.0


@pytest.mark.skipif(not (SHARED / "data" / "ecbplus").is_dir(), reason="../shared is absent")
def test_small_run_reports_time_memory_and_growth() -> None:
    out = subprocess.run(
        [sys.executable, str(SCRIPT), "--base", "20", "--sizes", "100", "300", "--json"],
        check=True, capture_output=True, text=True, timeout=600,
    ).stdout  # fmt: skip
    report = json.loads(out)
    assert set(report["systems"]) == {"newsprism", "tfidf_average_link", "datasketch_lsh_dedup"}
    for figures in report["systems"]["newsprism"].values():
        assert {"seconds", "cpu_seconds", "peak_mb", "start_mb"} <= set(figures)
        assert figures["peak_mb"] >= figures["start_mb"] > 0
    assert isinstance(report["growth_exponent"], float)
