"""`newsprism eval summaries SOURCE TARGET`: ROUGE against NeuS's neutral summaries, beside
extractive baselines at the same length budget."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from newsprism.cli.common import JsonOption, QuietOption, console, echo_json, progress_bar, reported

__all__ = ["eval_summaries_cli"]


def eval_summaries_cli(
    source: Annotated[Path, typer.Argument(help="NeuS .source file (three articles a line).")],
    target: Annotated[Path, typer.Argument(help="NeuS .target file (one summary a line).")],
    limit: Annotated[
        int | None, typer.Option("--limit", "-n", help="Score the first N triples only.")
    ] = None,
    budget: Annotated[
        int | None, typer.Option("--words", help="Length budget of every system, in words.")
    ] = None,
    json_output: JsonOption = False,
    quiet: QuietOption = False,
) -> None:
    """Brief each triple as one story; ROUGE-1/2/L F (rouge-score, stemmed) beside the lead of
    each article, LexRank (sumy) and the centre article's lead."""
    from newsprism.evaluation.summaries import BUDGET_WORDS, evaluate_summaries

    with progress_bar("triples", quiet=quiet) as progress:
        task = progress.add_task("briefing", total=None)

        def advance(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        with reported():
            result = evaluate_summaries(
                source,
                target,
                limit=limit,
                budget=budget or BUDGET_WORDS,
                progress=advance,
            )
    if json_output:
        echo_json(result.to_json())
        return
    table = Table(
        title=f"Summaries: {source} ({result.n} triples, {result.budget} words each)",
        title_justify="left",
    )
    for column in ("system", "ROUGE-1 F", "ROUGE-2 F", "ROUGE-L F"):
        table.add_column(column, justify="left" if column == "system" else "right")
    for system, figures in result.scores.items():
        cells = [f"{figures[m]:.4f}" for m in ("rouge1", "rouge2", "rougeL")]
        if system == "newsprism":
            cells = [f"[bold]{c}[/bold]" for c in cells]
        table.add_row(system, *cells)
    console.print(table)
