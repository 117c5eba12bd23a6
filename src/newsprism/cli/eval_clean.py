"""`newsprism eval clean GOLD.json`: line-level cleaning scores beside jusText and trafilatura."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from newsprism.cli.common import JsonOption, QuietOption, console, echo_json, run_eval

__all__ = ["eval_clean_cli"]


def _share(value: float | None) -> str:
    # A figure the gold gives nothing to score is shown as absent, not as 0.
    return "-" if value is None else f"{value:.4f}"


def _mark(ok: bool | None) -> str:
    if ok is None:
        return "[dim]-[/dim]"
    return "[green]✓[/green]" if ok else "[red]✗[/red]"


def eval_clean_cli(
    gold: Annotated[Path, typer.Argument(help="A gold file in the golden format.")],
    json_output: JsonOption = False,
    quiet: QuietOption = False,
    details: Annotated[
        bool, typer.Option("--details", help="List every line newsprism got wrong.")
    ] = False,
) -> None:
    """Score body extraction line by line against GOLD, beside jusText and trafilatura."""
    from newsprism.evaluation.clean import evaluate_clean

    result = run_eval(
        f"cleaning the gold pages of {gold}", lambda: evaluate_clean(gold), quiet=quiet
    )
    if json_output:
        echo_json(result.to_json())
        return
    table = Table(title=f"Cleaning, line level: {gold} ({result.n} lines)", title_justify="left")
    for column in ("system", "precision", "recall", "F1", "outlet acc.", "date acc."):
        table.add_column(column, justify="left" if column == "system" else "right")
    ours = result.newsprism
    table.add_row(
        "newsprism",
        f"{ours.precision:.4f}",
        f"{ours.recall:.4f}",
        f"[bold]{ours.f1:.4f}[/bold]",
        _share(result.outlet_accuracy),
        _share(result.date_accuracy),
    )
    for name, scores in result.baselines.items():
        table.add_row(
            name, f"{scores.precision:.4f}", f"{scores.recall:.4f}", f"{scores.f1:.4f}", "", ""
        )
    console.print(table)
    docs = Table(title="Per document", title_justify="left")
    for column in ("document", "F1", "outlet (gold → found)", "date (found)", "wrong lines"):
        docs.add_column(column)
    for doc in result.documents:
        mark_outlet = _mark(doc.outlet_ok)
        mark_date = _mark(doc.date_ok)
        wrong = [m.line for m in (*doc.false_positives, *doc.false_negatives)]
        docs.add_row(
            doc.name,
            f"{doc.scores.f1:.3f}",
            f"{mark_outlet} {(doc.gold_outlet or '-')[:30]} → {doc.predicted_outlet or '?'}",
            f"{mark_date} {doc.predicted_date or '?'}",
            ", ".join(map(str, sorted(wrong))) or "-",
        )
    console.print(docs)
    if details:
        for doc in result.documents:
            for miss in doc.false_positives:
                console.print(f"{doc.name}:{miss.line} kept, gold says {miss.gold}: {miss.text}")
            for miss in doc.false_negatives:
                console.print(f"{doc.name}:{miss.line} removed ({miss.predicted}): {miss.text}")
