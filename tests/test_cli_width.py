"""Every table of `show`, `stories` and `search` reads at 80 columns; table commands take --json."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench" / "bench_pipeline.py"
NEWSPRISM = str(Path(sys.executable).with_name("newsprism"))

# A line holding nothing but table borders, rules, ellipses and space: a collapsed row.
EMPTY_LINE = re.compile(r"^[\s\u2500-\u257f\u2026.|+-]*$")


def _write_story(folder: Path) -> None:
    """The 50-article story of bench/bench_pipeline.py, written by its own builder."""
    spec = importlib.util.spec_from_file_location("bench_pipeline", BENCH)
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    assert bench.write_story(folder) == 50


def _run(*args: str, columns: int = 80) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": str(columns), "NO_COLOR": "1"}
    return subprocess.run(
        [NEWSPRISM, *args], capture_output=True, text=True, env=env, timeout=600, check=False
    )


@pytest.fixture(scope="module")
def fifty(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A store holding one story of 50 articles, and the story's id."""
    root = tmp_path_factory.mktemp("fifty")
    _write_story(root / "pages")
    db = root / "fifty.db"
    done = _run("analyze", str(root / "pages"), "--db", str(db), "-q")
    assert done.returncode == 0, done.stderr
    stories = json.loads(_run("stories", "--json", "--db", str(db)).stdout)
    big = [s for s in stories if sum(len(e["articles"]) for e in s["events"]) == 50]
    assert len(big) == 1, [s["id"] for s in stories]
    return db, big[0]["id"]


def _readable(text: str) -> list[str]:
    """The lines that hold nothing but borders and ellipses (none should)."""
    return [line for line in text.splitlines() if line.strip() and EMPTY_LINE.match(line)]


def test_show_story_of_fifty_articles_at_80_columns(fifty: tuple[Path, str]) -> None:
    db, story = fifty
    shown = _run("show", story, "--db", str(db))
    assert shown.returncode == 0, shown.stderr
    lines = shown.stdout.splitlines()
    assert len(lines) < 300, len(lines)
    assert max(map(len, lines)) <= 80
    assert not _readable(shown.stdout), _readable(shown.stdout)[:5]
    # Every article is listed, and each section the wide view has is there.
    with_ids = [line for line in lines if re.match(r"^\s+[0-9a-f]{8} ", line)]
    assert len(with_ids) == 50
    for section in ("Who said what", "Corroborated by independent sources", "Brief"):
        assert section in shown.stdout, section


@pytest.mark.parametrize(
    "args",
    [
        ["stories"],
        ["show", "1"],
        ["search", "Lukashenko"],
        ["search", "Peskov NOT Sochi"],
    ],
)
def test_other_tables_read_at_80_columns(fifty: tuple[Path, str], args: list[str]) -> None:
    db, _ = fifty
    shown = _run(*args, "--db", str(db))
    assert shown.returncode == 0, shown.stderr
    # Tables keep their rules; a row, though, must hold more than borders and ellipses.
    rows = [line for line in shown.stdout.splitlines() if "\u2502" in line or "\u2503" in line]
    assert not _readable("\n".join(rows)), _readable("\n".join(rows))[:5]
    words = [line for line in shown.stdout.splitlines() if re.search(r"\w{3}", line)]
    # No column is squeezed to one short word a line: most lines carry several words.
    assert sum(len(re.findall(r"\w+", line)) >= 3 for line in words) >= 0.6 * len(words)


@pytest.mark.parametrize(
    "args, key",
    [
        (["stories", "--json"], None),
        (["show", "STORY", "--json"], "articles"),
        (["show", "1", "--json"], "paragraphs"),
        (["search", "Lukashenko", "--json"], None),
        (["compare", "STORY", "--json"], "comparison"),
        (["brief", "STORY", "--json"], "brief"),
    ],
)
def test_table_commands_take_json(
    fifty: tuple[Path, str], args: list[str], key: str | None
) -> None:
    db, story = fifty
    done = _run(*[story if a == "STORY" else a for a in args], "--db", str(db))
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data and (key is None or key in data)
