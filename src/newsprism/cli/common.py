"""Options and consoles shared by every command."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from newsprism.errors import NewsprismError
from newsprism.store import Store, open_store

__all__ = [
    "DbOption",
    "JsonOption",
    "OutputOption",
    "console",
    "emit",
    "err",
    "fail",
    "store_at",
]

DbOption = Annotated[
    Path,
    typer.Option("--db", help="The SQLite store file.", envvar="NEWSPRISM_DB", show_default=True),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print one JSON object instead.")]
OutputOption = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
]

console = Console(highlight=False)
err = Console(stderr=True, highlight=False)


def fail(error: NewsprismError | str, code: int = 2) -> typer.Exit:
    """Print an error line on stderr and return the Exit to raise."""
    err.print(f"[red]error:[/red] {escape(str(error))}", markup=True, soft_wrap=True)
    return typer.Exit(code)


def store_at(path: Path, *, must_exist: bool = True, writer: bool = False) -> Store:
    """Open the store, failing with a clear message when a read command finds none.

    ``writer=True`` opens it as its one writer: while another command writes to it, this one
    says so on stderr and waits for it to finish.
    """
    if must_exist and str(path) != ":memory:" and not path.exists():
        raise fail(f"{path}: no store here yet; run `newsprism analyze PATH --db {path}` first")

    def waiting(why: str) -> None:
        err.print(f"[yellow]note[/yellow] {escape(why)}", markup=True, soft_wrap=True)

    try:
        return open_store(path, writer=writer, on_wait=waiting)
    except NewsprismError as exc:
        raise fail(exc) from None


def emit(text: str, output: Path | None, what: str) -> None:
    """Write ``text`` to ``output`` (saying so), or print it plainly to stdout."""
    if output:
        output.write_text(text + "\n", encoding="utf-8")
        console.print(f"wrote {what} to {output}")
    else:
        # Plain echo: rich would re-wrap JSON and Markdown.
        typer.echo(text)
