"""`newsprism eval conflicts LABELS.csv OUT.jsonl`: every reported conflict, for audit."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from newsprism.cli.common import console, fail
from newsprism.errors import NewsprismError

__all__ = ["eval_conflicts_cli"]


def eval_conflicts_cli(
    labels: Annotated[Path, typer.Argument(help="A CSV with columns path,storyline,event.")],
    out: Annotated[Path, typer.Argument(help="JSON-lines file to write the conflicts to.")],
) -> None:
    """Compare each labelled event as one story and list every conflict with both sides."""
    from newsprism.evaluation.conflicts import write_conflicts

    try:
        n = write_conflicts(labels, out)
    except NewsprismError as exc:
        raise fail(exc) from None
    console.print(f"wrote {n} conflict(s) to {out}")
