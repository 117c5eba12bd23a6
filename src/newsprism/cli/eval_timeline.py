"""`newsprism eval timeline GOLD.json`: the story timeline against the gold storyline."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from newsprism.cli.common import JsonOption, QuietOption, console, echo_json, run_eval

__all__ = ["eval_timeline_cli"]


def eval_timeline_cli(
    gold: Annotated[Path, typer.Argument(help="A gold file in the golden format.")],
    json_output: JsonOption = False,
    quiet: QuietOption = False,
) -> None:
    """Events found, dates right, order right and background marked, beside a timeline of
    publication dates."""
    from newsprism.evaluation.timeline import evaluate_timeline

    result = run_eval(f"dating the events of {gold}", lambda: evaluate_timeline(gold), quiet=quiet)
    figures = result.to_json()
    if json_output:
        echo_json(figures)
        return
    table = Table(title=f"Timeline: {gold} ({result.n} gold events)", title_justify="left")
    table.add_column("system")
    for column in ("events found", "dates right", "order right", "background right", "entries"):
        table.add_column(column, justify="right")
    for system, scores in result.systems.items():
        table.add_row(
            system,
            f"{scores.events_found:.4f}",
            f"{scores.dates_right:.4f}",
            f"{scores.order_right:.4f}",
            f"{scores.background_right:.4f}",
            str(scores.entries),
        )
    console.print(table)
    for line in result.missed:
        console.print(f"[dim]missed {line}[/dim]")
