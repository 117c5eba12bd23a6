"""`newsprism eval compare GOLD.json [GOLD.json ...]`: the comparison scored against gold files."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from newsprism.cli.common import JsonOption, QuietOption, console, echo_json, run_eval

__all__ = ["eval_compare_cli"]

_SHOWN = (
    ("corroborated_recall", "corroborated"),
    ("conflicting_recall", "conflict"),
    ("conflicting_precision", "reported"),
    ("single_source_recall", "exclusive"),
    ("statements_recall", "statement"),
    ("framing_recall", "framing"),
    ("false_conflicts", ""),
    ("mixed_findings", ""),
)


def _cell(figures: dict[str, Any], name: str, bucket: str) -> str:
    value = figures[name]
    if not isinstance(value, float):
        return str(value)
    counts = figures.get("counts", {}).get(bucket)
    return f"{value:.4f}" + (f" ({counts['found']}/{counts['items']})" if counts else "")


def eval_compare_cli(
    gold: Annotated[
        list[Path],
        typer.Argument(help="Gold files in the golden format; several are scored and pooled."),
    ],
    json_output: JsonOption = False,
    reasons: Annotated[
        bool, typer.Option("--reasons", help="List every match and conflict with its reason.")
    ] = False,
    quiet: QuietOption = False,
) -> None:
    """Recall of corroborated, conflicting and single-source figures, statements and framing.

    With several gold files each event is compared as its own story, and the pooled figures
    (items found over items, summed over the events) are printed beside each event's.
    """
    from newsprism.evaluation.compare import evaluate_compare, evaluate_compare_many

    if len(gold) == 1:
        result = run_eval(
            f"comparing the gold story of {gold[0]}", lambda: evaluate_compare(gold[0]), quiet=quiet
        )
        figures = result.to_json()
        columns = {"newsprism": figures["newsprism"]}
        missed, findings = result.missed, result.findings
    else:
        pooled = run_eval(
            f"comparing {len(gold)} gold stories", lambda: evaluate_compare_many(gold), quiet=quiet
        )
        figures = pooled.to_json()
        names = list(figures["events"])
        # Columns drop the prefix all names share ("newswcl50-event-2" -> "2").
        shared = next(
            (k for k in range(len(names[0])) if len({n[k : k + 1] for n in names}) > 1), 0
        )
        cut = names[0].rfind("-", 0, shared) + 1 if shared else 0
        columns = {name[cut:]: figures["events"][name] for name in names}
        columns["pooled"] = {**figures["newsprism"], "counts": figures["counts"]}
        missed, findings = pooled.pooled.missed, pooled.pooled.findings
    if json_output:
        echo_json(figures)
        return
    title = f"Comparison: {', '.join(str(g) for g in gold)} ({figures['n']} items)"
    table = Table(title=title, title_justify="left")
    table.add_column("figure")
    for name in columns:
        table.add_column(name, justify="right")
    for name, bucket in _SHOWN:
        table.add_row(
            name.replace("_", " "), *(_cell(column, name, bucket) for column in columns.values())
        )
    console.print(table)
    for line in missed:
        console.print(f"[dim]missed {line}[/dim]")
    if reasons:
        for line in findings:
            console.print(line, markup=False)
