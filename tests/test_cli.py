"""The CLI end to end on the bundled example: real files, a real SQLite store."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsprism.cli.app import app

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "sochi-2020"
runner = CliRunner()

COMMANDS = [["analyze"], ["show"], ["search"], ["export"], ["eval", "clean"]]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_has_help_and_a_db_option_where_it_reads_the_store(
    command: list[str],
) -> None:
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0, result.output
    assert len(result.output.strip().splitlines()) > 3
    if command[0] != "eval":
        assert "--db" in result.output


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_is_documented_in_the_readme(command: list[str]) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"newsprism {' '.join(command)}" in readme


@pytest.fixture(scope="module")
def analyzed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("cli") / "np.db"
    result = runner.invoke(app, ["analyze", str(EXAMPLE), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "5 stored" in result.output
    return db


def test_analyze_prints_the_table_and_reruns_change_nothing(analyzed: Path) -> None:
    again = runner.invoke(app, ["analyze", str(EXAMPLE), "--db", str(analyzed)])
    assert again.exit_code == 0, again.output
    assert "0 stored, 5 already in the store" in again.output


@pytest.fixture
def wide(monkeypatch: pytest.MonkeyPatch) -> None:
    """A wide terminal, so that table cells are not wrapped mid-phrase."""
    from newsprism.cli import common

    monkeypatch.setattr(common.console, "width", 240)


def test_show_lists_removed_paragraphs_with_reasons(analyzed: Path, wide: None) -> None:
    result = runner.invoke(app, ["show", "1", "--db", str(analyzed)])
    assert result.exit_code == 0, result.output
    assert "Meduza" in result.output
    assert "comments" in result.output and "after the end of the article" in result.output


def test_show_unknown_article_is_a_clear_error(analyzed: Path) -> None:
    result = runner.invoke(app, ["show", "zzzz", "--db", str(analyzed)])
    assert result.exit_code == 2
    assert "E031" in result.output


def test_search_finds_and_misses(analyzed: Path, wide: None) -> None:
    hit = runner.invoke(app, ["search", "kinship", "--db", str(analyzed)])
    assert hit.exit_code == 0 and "TASS" in hit.output
    # Words only in removed paragraphs (reader comments) are not searchable body text.
    miss = runner.invoke(app, ["search", "cesspool", "--db", str(analyzed)])
    assert miss.exit_code == 1


def test_export_json_has_body_and_removed_with_spans(analyzed: Path) -> None:
    result = runner.invoke(app, ["export", "--format", "json", "--db", str(analyzed)])
    assert result.exit_code == 0
    articles = json.loads(result.output)["articles"]
    assert len(articles) == 5
    france24 = next(a for a in articles if a["outlet"] == "France 24")
    assert france24["wire_agency"] == "AFP"
    assert france24["published"] == "2020-09-14"
    assert all({"text", "role", "reason", "start", "end"} <= set(r) for r in france24["removed"])
    assert any(r["role"] == "error_page" for r in france24["removed"])


def test_export_markdown(analyzed: Path, tmp_path: Path) -> None:
    out = tmp_path / "export.md"
    result = runner.invoke(app, ["export", "--format", "md", "-o", str(out), "--db", str(analyzed)])
    assert result.exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert text.count("\n## ") == 5 and "**Removed**" in text


def test_read_commands_without_a_store_say_so(tmp_path: Path) -> None:
    result = runner.invoke(app, ["search", "x", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2
    assert "no store here yet" in result.output


def test_bad_inputs_are_reported_and_the_rest_is_stored(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (inputs / "good.txt").write_text(
        (EXAMPLE / "004_f1b319162d563aac.txt").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (inputs / "broken.html").write_text(
        "<html><body><script>alert(1)</script><div><p>Lawmakers approved the budget on "
        "Thursday after a debate that lasted well into the night, officials said.<p>The "
        "vote was 51 to 49, with two members absent from the chamber for the final tally.",
        encoding="utf-8",
    )
    db = tmp_path / "np.db"
    result = runner.invoke(app, ["analyze", str(inputs), "--db", str(db)])
    assert result.exit_code == 1
    out = result.output
    assert re.search(r"empty\.txt: .*empty", out)
    assert re.search(r"binary\.txt: .*binary", out)
    assert "2 stored" in out and "2 failed" in out
