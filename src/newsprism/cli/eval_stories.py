"""`newsprism eval stories LABELS.csv`: storyline and event clustering scores beside a baseline."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from newsprism.cli.common import JsonOption, QuietOption, console, echo_json, run_eval

if TYPE_CHECKING:
    from newsprism.evaluation.stories import LevelScores

__all__ = ["bcubed_table", "eval_stories_cli"]


def eval_stories_cli(
    labels: Annotated[Path, typer.Argument(help="A CSV with columns path,storyline,event.")],
    json_output: JsonOption = False,
    quiet: QuietOption = False,
) -> None:
    """Cluster the CSV's files in a fresh store; B-cubed and ARI at storyline and event level."""
    from newsprism.evaluation.stories import evaluate_stories

    result = run_eval(
        f"clustering the files of {labels}", lambda: evaluate_stories(labels), quiet=quiet
    )
    if json_output:
        echo_json(result.to_json())
        return
    console.print(bcubed_table(f"Stories: {labels} ({result.n} articles)", result.storyline,
                               result.event))  # fmt: skip


def bcubed_table(
    title: str, storyline: Mapping[str, LevelScores], event: Mapping[str, LevelScores]
) -> Table:
    """B-cubed precision, recall, F1 and ARI of each system at storyline and event level."""
    table = Table(title=title, title_justify="left")
    for column in ("system", "level", "B3 precision", "B3 recall", "B3 F1", "ARI"):
        table.add_column(column, justify="left" if column in ("system", "level") else "right")
    for level, scores in (("storyline", storyline), ("event", event)):
        for system, s in scores.items():
            table.add_row(
                system,
                level,
                f"{s.precision:.4f}",
                f"{s.recall:.4f}",
                f"[bold]{s.f1:.4f}[/bold]" if system == "newsprism" else f"{s.f1:.4f}",
                f"{s.ari:.4f}",
            )
    return table
