"""The extraction benchmark: its machinery on fakes, the skip message, and a smoke run."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from newsprism.records import Article, Paragraph, Role, Span

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SCRIPT = ROOT / "bench" / "bench_extract.py"


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_extract", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_extract"] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


def _article(text: str) -> Article:
    return Article(
        "d", "d", text, "t", (Paragraph(0, text, Span("d", 0, len(text)), Role.BODY, "t"),)
    )


def test_timing_summary_and_table_on_fakes() -> None:
    bench = _bench()
    calls: list[str] = []
    runners = {
        name: (lambda name=name: calls.append(name)) for name in ("newsprism", *bench.FLOORS)
    }
    timings = bench.time_systems(runners, repeat=2)
    assert calls == ["newsprism", "spacy", "spacy_paragraphs"] * 3
    figures = bench.summary([_article("One."), _article("Two.")], timings)
    assert figures["inputs"] == 2 and figures["repeat"] == 2
    assert set(figures["ratios"]) == {"spacy", "spacy_paragraphs"}
    text = bench.table(figures)
    assert text.splitlines()[0].startswith("extraction throughput: 2 articles")


def test_skips_with_a_message_without_shared_data(tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, str(SCRIPT), "--shared", str(tmp_path), "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0
    assert run.stdout == ""
    assert "skipped" in run.stderr and "../shared/data" in run.stderr


@pytest.mark.slow
@pytest.mark.skipif(not (SHARED / "data").is_dir(), reason="../shared/data is absent")
def test_smoke_three_articles() -> None:
    run = subprocess.run(
        [sys.executable, str(SCRIPT), "--limit", "3", "--repeat", "1", "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    figures = json.loads(run.stdout)
    assert figures["inputs"] == 3
    assert set(figures["systems"]) == {"newsprism", "spacy", "spacy_paragraphs"}
    assert figures["ratios"]["spacy"] > 0
