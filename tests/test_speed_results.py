"""The speed section of bench/RESULTS.md: written from real (tiny) benchmark runs, one row per
aim with its verdict, and kept when the part benchmarks rewrite the rest of the file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "bench"))

import bench_speed_results as speed  # noqa: E402


def _run(script: str, *args: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / script), *args, "--json"],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return dict(json.loads(done.stdout))


def test_tiny_runs_give_one_row_per_aim_with_a_verdict(tmp_path: Path) -> None:
    if not (SHARED / "data" / "article-extraction-benchmark").is_dir():
        pytest.skip("../shared is absent: nothing to time")
    saved = tmp_path / "saved"
    saved.mkdir()
    results = {
        "clean": _run("bench_clean.py", "--repeat", "1", "--limit", "3"),
        "nonlp": _run("bench_nonlp.py", "--repeat", "1", "--limit", "3"),
    }
    for name, result in results.items():
        (saved / f"{name}.json").write_text(json.dumps(result), "utf-8")
    assert speed.main(["--from", str(saved), "--print"]) == 0
    block = speed.section(results)
    rows = [line for line in block.splitlines() if line.startswith("| ") and "---" not in line]
    # The header, two cleaning peers and the no-NLP pipeline.
    assert len(rows) == 4
    for row in rows[1:]:
        cells = [c.strip() for c in row.strip("|").split("|")]
        assert cells[2] in {"met", "short"}
        assert cells[-1].startswith("`.venv/bin/python bench/")
    ratio = results["nonlp"]["ratio"]
    assert isinstance(ratio, float)
    assert (ratio <= 1.5) == ("| met |" in rows[3])


def test_the_section_is_replaced_in_place_and_kept_by_the_parts_script() -> None:
    block = f"{speed.BEGIN}\n## Speed\nnew\n{speed.END}\n"
    old = f"# Parts\n\ntable\n\n{speed.BEGIN}\n## Speed\nold\n{speed.END}\n\n## After\n"
    text = speed.merged(old, block)
    assert "new" in text and "old" not in text
    assert text.startswith("# Parts\n\ntable\n") and text.endswith("## After\n")
    assert speed.kept_section(text) == block
    assert speed.kept_section("# Parts only\n") == ""
    assert speed.merged("# Parts only\n", block) == "# Parts only\n\n" + block


def test_each_part_carries_the_load_it_ran_under(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not (SHARED / "data" / "article-extraction-benchmark").is_dir():
        pytest.skip("../shared is absent: nothing to time")
    tiny = ["bench/bench_clean.py", "--repeat", "1", "--limit", "3", "--json"]
    monkeypatch.setitem(speed.PARTS, "clean", tiny)
    result = speed.run_part("clean", tmp_path)
    saved = json.loads((tmp_path / "clean.json").read_text("utf-8"))
    for key in ("load_before", "load_after"):
        assert len(result[key]) == 3 and all(isinstance(v, float) for v in result[key])
        assert saved[key] == result[key]
    assert "- / -" not in speed.section({"clean": result})
