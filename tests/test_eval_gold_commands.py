"""`eval clean`, `eval compare` and `eval extract` read any golden-format gold file.

They share one loader (``newsprism.evaluation.gold.load_gold``): a gold file whose documents
leave out ``published`` or ``outlet``, with its corpus beside it rather than in the README's
``corpus/`` layout, is read by all three.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsprism.cli.app import app

runner = CliRunner()

PAGES = {
    "000_a.txt": (
        "Storm closes harbour for second day\n\n"
        "The harbour stayed closed on Tuesday for a second day as winds of up to 110 km/h "
        "swept the coast, the port authority said.\n\n"
        "About 40 ships were waiting offshore, the authority's spokesman, Jan Berg, told "
        "reporters.\n\n"
        '"We will reopen as soon as it is safe," Berg said.\n'
    ),
    "001_b.txt": (
        "Harbour shut as storm hits coast\n\n"
        "The port authority kept the harbour closed on Tuesday because of winds of up to "
        "110 km/h, leaving about 45 ships waiting at sea.\n\n"
        "Forecasters expect the wind to drop on Wednesday evening.\n\n"
        "Share this\n"
    ),
}
GOLD = {
    "about": "two hand-written reports of one storm, for the loader tests",
    "corpus": "pages",
    "documents": {
        # No date range: date accuracy skips it.
        "000_a.txt": {"outlet": "Coast News", "title_line": 1, "body_lines": [3, 5, 7]},
        # No outlet and no date range.
        "001_b.txt": {
            "title_line": 1,
            "body_lines": [3, 5],
            "not_body": {"7": "share widget"},
        },
    },
}


@pytest.fixture()
def gold(tmp_path: Path) -> Path:
    folder = tmp_path / "storm"
    (folder / "pages").mkdir(parents=True)
    for name, text in PAGES.items():
        (folder / "pages" / name).write_text(text, encoding="utf-8")
    path = folder / "gold.json"
    path.write_text(json.dumps(GOLD), encoding="utf-8")
    return path


def test_eval_clean_reads_it(gold: Path) -> None:
    result = runner.invoke(app, ["eval", "clean", str(gold), "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)["newsprism"]
    assert figures["date_accuracy"] is None
    assert figures["n"] == 6
    assert figures["f1"] == 1.0


def test_eval_clean_table_shows_absent_figures(gold: Path) -> None:
    result = runner.invoke(app, ["eval", "clean", str(gold)])
    assert result.exit_code == 0, result.output
    assert "000_a.txt" in result.output


@pytest.mark.slow
@pytest.mark.parametrize("command", ["compare", "extract"])
def test_eval_compare_and_extract_read_it(gold: Path, command: str) -> None:
    pytest.importorskip("newsprism.extract")
    result = runner.invoke(app, ["eval", command, str(gold), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)
