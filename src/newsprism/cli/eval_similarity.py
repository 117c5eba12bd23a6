"""`newsprism eval similarity PAIRS.csv`: the same-event score against human ratings."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from newsprism.cli.common import JsonOption, QuietOption, console, echo_json, run_eval

__all__ = ["eval_similarity_cli"]


def eval_similarity_cli(
    pairs: Annotated[Path, typer.Argument(help="A SemEval-2022 Task 8 style pairs CSV.")],
    languages: Annotated[
        str,
        typer.Option(
            "--languages",
            help="Language pair to score, e.g. en-en; 'all' for every; 'others' for all but "
            "en-en (pairs the score was not tuned on).",
        ),
    ] = "en-en",
    semantic: Annotated[
        bool,
        typer.Option("--semantic", help="Add sentence embeddings (needs newsprism[semantic])."),
    ] = False,
    json_output: JsonOption = False,
    quiet: QuietOption = False,
) -> None:
    """Pearson correlation of newsprism's pair score with the CSV's Overall rating."""
    from newsprism.evaluation.similarity import evaluate_similarity

    result = run_eval(
        f"scoring the pairs of {pairs}",
        lambda: evaluate_similarity(pairs, languages=languages, semantic=semantic),
        quiet=quiet,
    )
    if json_output:
        echo_json(result.to_json())
        return
    table = Table(
        title=f"Pair similarity vs Overall (1 = same, 4 = different): {pairs} "
        f"({languages}, {result.n} pairs)",
        title_justify="left",
    )
    table.add_column("system")
    table.add_column("Pearson", justify="right")
    table.add_column("|Pearson|", justify="right")
    for system, r in result.pearson.items():
        table.add_row(system, f"{r:.4f}", f"{abs(r):.4f}")
    console.print(table)
