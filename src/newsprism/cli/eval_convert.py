"""`newsprism eval convert ...`: turn public labelled data into newsprism's evaluation formats."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from newsprism.cli.common import console, fail

__all__ = ["convert_app"]

convert_app = typer.Typer(
    help="Convert public labelled data sets into inputs and gold files.", no_args_is_help=True
)


@convert_app.command("aeb")
def convert_aeb_cli(
    data: Annotated[
        Path, typer.Argument(help="The article-extraction-benchmark folder (ground-truth.json).")
    ],
    out: Annotated[Path, typer.Argument(help="Folder to write corpus/ and golden/ into.")],
    training_half: Annotated[
        bool,
        typer.Option("--training-half", help="Write the half the line model trains on instead."),
    ] = False,
) -> None:
    """Render the benchmark's pages to text and write a golden-format gold file for them."""
    from newsprism.evaluation.aeb import write_golden

    if not (data / "ground-truth.json").is_file():
        raise fail(f"{data}: no ground-truth.json here; is this the benchmark folder?")
    gold = write_golden(data, out, held_out=not training_half)
    console.print(f"wrote {gold}; score it with: newsprism eval clean {gold}")
