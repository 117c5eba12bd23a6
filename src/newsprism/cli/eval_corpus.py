"""`newsprism eval corpus LABELS.csv [--gold DIR]`: the main job scored end to end."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import TaskID

from newsprism.cli.common import JsonOption, QuietOption, console, echo_json, progress_bar, reported
from newsprism.cli.eval_stories import bcubed_table

__all__ = ["eval_corpus_cli"]


def eval_corpus_cli(
    labels: Annotated[Path, typer.Argument(help="A CSV with columns path,storyline,event.")],
    gold: Annotated[
        Path | None,
        typer.Option("--gold", help="A folder of golden-format *.json files on the CSV's files."),
    ] = None,
    json_output: JsonOption = False,
    quiet: QuietOption = False,
) -> None:
    """Run analyze on the CSV's files in a fresh store; score stories, per-event briefs
    (citation support, unattributed quotes), figures against gold, crashes and wall time."""
    from newsprism.evaluation.corpus import evaluate_corpus

    with progress_bar("done", quiet=quiet) as bar:
        tasks: dict[str, TaskID] = {}

        def progress(stage: str, done: int, total: int | None) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done, total=total)

        with reported():
            result = evaluate_corpus(labels, gold_dir=gold, progress=progress)
    figures = result.to_json()
    if json_output:
        echo_json(figures)
        return
    console.print(bcubed_table(f"Stories: {labels} ({result.n} files)", result.storyline,
                               result.event))  # fmt: skip
    b = result.briefs
    console.print(
        f"Briefs of {b.events} event(s): {b.sentences} sentences, {b.citations} citations, "
        f"[bold]{b.support_rate:.1%}[/bold] support their sentence; "
        f"[bold]{b.unattributed_quotes}[/bold] quote(s) without a named speaker"
    )
    for example in b.unsupported_examples:
        console.print(f"  [dim]unsupported[/dim] {example}", markup=True, soft_wrap=True)
    for example in b.quote_examples:
        console.print(f"  [dim]unattributed[/dim] {example}", markup=True, soft_wrap=True)
    if result.gold is not None:
        g = result.gold
        console.print(
            f"Gold ({g.gold_files} file(s)): {g.false_conflicts} false conflict(s), "
            f"{g.mixed_findings} finding(s) joining different counted things, "
            f"corroborated recall {g.corroborated_recall:.2f}, "
            f"conflicting recall {g.conflicting_recall:.2f}"
        )
    console.print(
        f"{result.stored} of {result.n} files stored, {result.crashes} crash(es), "
        f"{result.seconds:.1f} s"
    )
    for reason in result.crash_reasons:
        console.print(f"  [red]failed[/red] {reason}", markup=True, soft_wrap=True)
