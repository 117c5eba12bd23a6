"""Options and consoles shared by every command."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, TypeVar

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from newsprism.errors import NewsprismError
from newsprism.store import Store, open_store

T = TypeVar("T")

__all__ = [
    "NARROW_WIDTH",
    "DbOption",
    "JsonOption",
    "OutputOption",
    "QuietOption",
    "console",
    "echo_json",
    "emit",
    "err",
    "fail",
    "narrow",
    "progress_bar",
    "reported",
    "run_eval",
    "store_at",
    "working",
]

DbOption = Annotated[
    Path,
    typer.Option("--db", help="The SQLite store file.", envvar="NEWSPRISM_DB", show_default=True),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print one JSON object instead.")]
OutputOption = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
]

QuietOption = Annotated[
    bool, typer.Option("--quiet", "-q", help="No progress bar (errors are still shown).")
]

NARROW_WIDTH = 100
"""Columns below which tables of long text give way to a list, one block per row: at 80
columns a five-column table leaves a sliver for the text that matters."""

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


def narrow(out: Console) -> bool:
    """True when ``out`` is too narrow for tables of long text (see :data:`NARROW_WIDTH`)."""
    return out.width < NARROW_WIDTH


class _Count(ProgressColumn):
    """Done of total (just done while the total is unknown), in the bar's unit."""

    def __init__(self, unit: str) -> None:
        super().__init__()
        self.unit = unit

    def render(self, task: Task) -> Text:
        total = "" if task.total is None else f"/{task.total:,.0f}"
        return Text(f"{task.completed:,.0f}{total} {self.unit}", style="progress.download")


class _Rate(ProgressColumn):
    """Items per second (or per minute, when slower than one a second)."""

    def __init__(self, unit: str) -> None:
        super().__init__()
        self.unit = unit

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        if not speed:
            return Text(f"-- {self.unit}/s", style="progress.data.speed")
        if speed < 1:
            return Text(f"{speed * 60:.1f} {self.unit}/min", style="progress.data.speed")
        return Text(f"{speed:.1f} {self.unit}/s", style="progress.data.speed")


def progress_bar(unit: str, *, quiet: bool = False) -> Progress:
    """A progress bar on stderr (never stdout, which may be piped): the stage in the
    description, done of total ``unit``, the rate, the time elapsed and the time left.

    ``quiet`` (``--quiet``) disables it, and so does a stderr that is not a terminal.
    """
    return Progress(
        SpinnerColumn(),
        TextColumn("[progress.description]{task.description}"),
        BarColumn(bar_width=24),
        _Count(unit),
        _Rate(unit),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        TextColumn("left"),
        console=err,
        transient=True,
        # Not drawn into a file or pipe (a log would fill with frames, or a stray newline).
        disable=quiet or not err.is_terminal,
        expand=False,
    )


@contextmanager
def working(what: str, *, quiet: bool = False) -> Iterator[None]:
    """A spinner on stderr naming what runs and for how long, around a library call that
    reports no progress of its own; ``quiet`` silences it."""
    with Progress(
        SpinnerColumn(),
        TextColumn("[progress.description]{task.description}"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=quiet or not err.is_terminal,
    ) as bar:
        bar.add_task(escape(what), total=None)
        yield


def emit(text: str, output: Path | None, what: str) -> None:
    """Write ``text`` to ``output`` (saying so), or print it plainly to stdout."""
    if output:
        output.write_text(text + "\n", encoding="utf-8")
        console.print(f"wrote {what} to {output}")
    else:
        # Plain echo: rich would re-wrap JSON and Markdown.
        typer.echo(text)


@contextmanager
def reported() -> Iterator[None]:
    """A library error inside becomes one error line on stderr and exit code 2."""
    try:
        yield
    except NewsprismError as exc:
        raise fail(exc) from None


def run_eval(what: str, compute: Callable[[], T], *, quiet: bool = False) -> T:
    """The shape every ``eval`` command shares: ``compute()`` under a spinner naming ``what``,
    a library error reported as one line with exit code 2."""
    with reported(), working(what, quiet=quiet):
        return compute()


def echo_json(figures: object) -> None:
    """Print an evaluation's figures as one indented JSON object on stdout."""
    typer.echo(json.dumps(figures, indent=2, ensure_ascii=False))
