"""`newsprism eval quotes POLNEAR_SPLIT_DIR`: attribution scores on PolNeAR, beside textacy."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from newsprism.cli.common import JsonOption, QuietOption, console, echo_json, run_eval

__all__ = ["eval_quotes_cli"]


def eval_quotes_cli(
    split: Annotated[
        Path, typer.Argument(help="A PolNeAR split folder holding text/ and attributions/.")
    ],
    json_output: JsonOption = False,
    quiet: QuietOption = False,
    limit: Annotated[
        int | None, typer.Option("--limit", help="Score only the first N articles.")
    ] = None,
) -> None:
    """Score quote content, cues and speakers on PolNeAR's brat files, beside textacy."""
    from newsprism.evaluation.quotes import evaluate_quotes

    result = run_eval(
        f"attributing the quotes of {split}",
        lambda: evaluate_quotes(split, limit=limit),
        quiet=quiet,
    )
    figures = result.to_json()
    if json_output:
        echo_json(figures)
        return
    for slice_name in ("direct", "all"):
        n = next(v for v in figures.values() if isinstance(v, dict))[f"{slice_name}_n"]
        table = Table(
            title=f"PolNeAR {split.name}, {slice_name} attributions ({n} gold, "
            f"{result.documents} articles)",
            title_justify="left",
        )
        columns = ("P exact", "R exact", "F1 exact", "P overlap", "R overlap", "F1 overlap",
                   "speaker acc.")  # fmt: skip
        table.add_column("system")
        for column in columns:
            table.add_column(column, justify="right")
        keys = ("precision_exact", "recall_exact", "f1_exact", "precision_overlap",
                "recall_overlap", "f1_overlap", "speaker_accuracy")  # fmt: skip
        for system, values in figures.items():
            if isinstance(values, dict):
                table.add_row(system, *(f"{values[f'{slice_name}_{k}']:.4f}" for k in keys))
        console.print(table)
    cues = ", ".join(
        f"{system} {values['cue_accuracy']:.4f}"
        for system, values in figures.items()
        if isinstance(values, dict)
    )
    console.print(f"cue accuracy (all attributions): {cues}")
