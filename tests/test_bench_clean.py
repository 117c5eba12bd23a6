"""The cleaning benchmark: its machinery on fakes, and a smoke run on three real inputs."""

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
SCRIPT = ROOT / "bench" / "bench_clean.py"


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_clean", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_clean"] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


def test_timing_summary_and_table_on_fakes() -> None:
    bench = _bench()
    calls: list[str] = []
    runners = {name: (lambda name=name: calls.append(name)) for name in bench.PEERS}
    runners = {"newsprism": lambda: calls.append("newsprism"), **runners}
    timings = bench.time_systems(runners, repeat=2)
    # one warm-up each, then two interleaved timed rounds
    assert calls == ["newsprism", "trafilatura", "justext"] * 3
    assert set(timings) == {"newsprism", "trafilatura", "justext"}
    inputs = [bench.make_input("a", "Title\n\nBody line.\n  \nMore."), bench.make_input("b", "x")]
    assert inputs[0].page.count("<p>") == 3
    assert inputs[0].document.media_type == "text"
    figures = bench.summary(inputs, timings)
    assert figures["inputs"] == 2 and figures["repeat"] == 2
    assert set(figures["systems"]["newsprism"]) == {
        "seconds",
        "cpu_seconds",
        "articles_per_second",
        "articles_per_second_per_core",
    }
    assert set(figures["ratios"]) == {"trafilatura", "justext"}
    text = bench.table(figures)
    assert text.splitlines()[0].startswith("cleaning throughput: 2 plain-text inputs")
    assert all(name in text for name in ("newsprism", "trafilatura", "justext"))


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
def test_smoke_three_inputs() -> None:
    run = subprocess.run(
        [sys.executable, str(SCRIPT), "--limit", "3", "--repeat", "1", "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    figures = json.loads(run.stdout)
    assert figures["inputs"] == 3
    assert figures["repeat"] == 1
    assert set(figures["systems"]) == {"newsprism", "trafilatura", "justext"}
    assert set(figures["ratios"]) == {"trafilatura", "justext"}
    for system in figures["systems"].values():
        assert system["articles_per_second_per_core"] > 0
