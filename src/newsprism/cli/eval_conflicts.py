"""`newsprism eval conflicts LABELS.csv OUT.jsonl`: every reported conflict, for audit."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from newsprism.cli.common import JsonOption, QuietOption, console, echo_json, run_eval

__all__ = ["eval_conflicts_cli"]


def eval_conflicts_cli(
    labels: Annotated[Path, typer.Argument(help="A CSV with columns path,storyline,event.")],
    out: Annotated[Path, typer.Argument(help="JSON-lines file to write the conflicts to.")],
    sample: Annotated[
        int | None,
        typer.Option(help="Audit only this many events, spread evenly over the sorted events."),
    ] = None,
    json_output: JsonOption = False,
    quiet: QuietOption = False,
) -> None:
    """Compare each labelled event as one story and list every conflict with both sides."""
    from newsprism.evaluation.conflicts import write_conflicts

    audit = run_eval(
        f"comparing the events of {labels}",
        lambda: write_conflicts(labels, out, sample=sample),
        quiet=quiet,
    )
    if json_output:
        echo_json(audit.to_json())
        return
    found = len(audit.conflicts)
    console.print(
        f"compared {len(audit.events)} event(s) of {audit.articles} article(s); "
        f"wrote {found} conflict(s) to {out}"
    )
