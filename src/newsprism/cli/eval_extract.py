"""`newsprism eval extract GOLD.json`: quotes, speakers, entities and figures against a gold."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from newsprism.cli.common import JsonOption, QuietOption, console, echo_json, run_eval

__all__ = ["eval_extract_cli"]

_FIGURES = ("quotes_recall", "speakers_recall", "entities_recall", "figures_recall")


def eval_extract_cli(
    gold: Annotated[Path, typer.Argument(help="A gold file in the golden format.")],
    json_output: JsonOption = False,
    quiet: QuietOption = False,
    details: Annotated[
        bool, typer.Option("--details", help="List every gold item and what was found for it.")
    ] = False,
) -> None:
    """Score quotes, speakers, merged entities and figures against GOLD, beside textacy."""
    from newsprism.evaluation.extract import evaluate_extract

    result = run_eval(
        f"extracting the gold files of {gold}", lambda: evaluate_extract(gold), quiet=quiet
    )
    figures = result.to_json()
    if json_output:
        echo_json(figures)
        return
    table = Table(title=f"Extraction: {gold} ({figures['n']} gold items)", title_justify="left")
    table.add_column("system")
    for name in (*_FIGURES, "must_not_violations"):
        table.add_column(name.replace("_", " "), justify="right")
    for system, values in figures.items():
        if not isinstance(values, dict):
            continue
        cells = [f"{values[k]:.4f}" if k in values else "-" for k in _FIGURES]
        table.add_row(system, *cells, str(values["must_not_violations"]))
    console.print(table)
    if not details:
        return
    ours = result.newsprism
    for q in ours.quotes:
        mark = (
            "[green]✓[/green]"
            if q.speaker_ok
            else "[yellow]~[/yellow]"
            if q.found
            else "[red]✗[/red]"
        )
        said = escape(q.speaker or "-")
        console.print(
            f"{mark} quote {q.gold.doc} {escape(q.gold.speaker)} → {said}: {escape(q.gold.starts)}"
        )
    for g in ours.groups:
        mark = "[green]✓[/green]" if g.ok else "[red]✗[/red]"
        missing = f" missing {', '.join(g.missing)}" if g.missing else ""
        names, found = escape(" / ".join(g.names)), escape(", ".join(g.entities))
        console.print(f"{mark} merge {names} → {found}{escape(missing)}")
    for f in ours.figures:
        mark = "[green]✓[/green]" if f.found else "[red]✗[/red]"
        console.print(f"{mark} figure {f.doc} {escape(f.what)}: {escape(f.value)}")
    for text in ours.violations:
        console.print(f"[red]✗[/red] must not: {escape(text)}")
