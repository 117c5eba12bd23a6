"""`newsprism eval compare GOLD.json`: the comparison scored against a gold file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from newsprism.cli.common import JsonOption, console, fail
from newsprism.errors import NewsprismError

__all__ = ["eval_compare_cli"]


def eval_compare_cli(
    gold: Annotated[Path, typer.Argument(help="A gold file in the golden format.")],
    json_output: JsonOption = False,
) -> None:
    """Recall of corroborated, conflicting and single-source figures, statements and framing."""
    from newsprism.evaluation.compare import evaluate_compare

    try:
        result = evaluate_compare(gold)
    except NewsprismError as exc:
        raise fail(exc) from None
    figures = result.to_json()
    if json_output:
        typer.echo(json.dumps(figures, indent=2))
        return
    table = Table(title=f"Comparison: {gold} ({result.n} items)", title_justify="left")
    table.add_column("figure")
    table.add_column("newsprism", justify="right")
    for name, value in figures["newsprism"].items():
        if name != "n":
            table.add_row(
                name.replace("_", " "), f"{value:.4f}" if isinstance(value, float) else str(value)
            )
    console.print(table)
    for line in result.missed:
        console.print(f"[dim]missed {line}[/dim]")
