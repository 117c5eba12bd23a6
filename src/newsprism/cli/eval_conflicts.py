"""`newsprism eval conflicts LABELS.csv OUT.jsonl`: every reported conflict, for audit."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from newsprism.cli.common import JsonOption, QuietOption, console, fail, working
from newsprism.errors import NewsprismError

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

    try:
        with working(f"comparing the events of {labels}", quiet=quiet):
            audit = write_conflicts(labels, out, sample=sample)
    except NewsprismError as exc:
        raise fail(exc) from None
    if json_output:
        typer.echo(json.dumps(audit.to_json(), indent=2))
        return
    found = len(audit.conflicts)
    console.print(
        f"compared {len(audit.events)} event(s) of {audit.articles} article(s); "
        f"wrote {found} conflict(s) to {out}"
    )
