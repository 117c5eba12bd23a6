"""The eval commands of extraction, on a tiny typer app until app.py registers them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from newsprism.cli.eval_extract import eval_extract_cli
from newsprism.cli.eval_quotes import eval_quotes_cli

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
GOLD = SHARED / "golden" / "sochi-2020.json"
DEV = SHARED / "data" / "polnear" / "data" / "dev"

app = typer.Typer()
app.command("extract")(eval_extract_cli)
app.command("quotes")(eval_quotes_cli)
runner = CliRunner()

needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason="../shared is absent")


@pytest.mark.parametrize("command", ["extract", "quotes"])
def test_help(command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert "--json" in result.output


def test_a_bad_gold_fails_with_a_message(tmp_path: Path) -> None:
    bad = tmp_path / "gold.json"
    bad.write_text("[]", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(bad)])
    assert result.exit_code == 2
    result = runner.invoke(app, ["quotes", str(tmp_path)])
    assert result.exit_code == 2


@needs_shared
def test_eval_extract_json_keys() -> None:
    result = runner.invoke(app, ["extract", str(GOLD), "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert set(figures) == {"newsprism", "textacy", "n"}
    assert set(figures["newsprism"]) == {
        "quotes_recall",
        "speakers_recall",
        "entities_recall",
        "figures_recall",
        "must_not_violations",
        "n",
    }
    table = runner.invoke(app, ["extract", str(GOLD), "--details"])
    assert table.exit_code == 0 and "newsprism" in table.output and "merge" in table.output


@needs_shared
def test_eval_quotes_json_keys() -> None:
    result = runner.invoke(app, ["quotes", str(DEV), "--json", "--limit", "3"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert {"newsprism", "textacy", "n"} <= set(figures)
    for system in ("newsprism", "textacy"):
        assert {
            "direct_f1_exact",
            "direct_f1_overlap",
            "direct_speaker_accuracy",
            "all_f1_exact",
            "all_f1_overlap",
            "all_speaker_accuracy",
            "cue_accuracy",
            "n",
        } <= set(figures[system])
    table = runner.invoke(app, ["quotes", str(DEV), "--limit", "2"])
    assert table.exit_code == 0 and "cue accuracy" in table.output
