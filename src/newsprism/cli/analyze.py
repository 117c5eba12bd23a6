"""`newsprism analyze PATH...`: ingest, clean and store, then list what was stored."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from newsprism.cli.common import DbOption, console, err, store_at
from newsprism.pipeline import Executor, ProcessPoolExecutor, SerialExecutor
from newsprism.records import Article, IngestFailure
from newsprism.runner import analyze
from newsprism.safe import one_line, safe_record

__all__ = ["MAX_NOTE_LINES", "analyze_cli", "articles_table"]

MAX_NOTE_LINES = 10
"""How many "repaired" lines one run prints before it only counts them."""


def articles_table(articles: list[Article], title: str) -> Table:
    """A table of articles: outlet, date, headline, words kept and removed."""
    table = Table(title=title, title_justify="left", expand=True)
    table.add_column("id", style="dim", no_wrap=True)
    table.add_column("outlet")
    table.add_column("agency")
    table.add_column("published", no_wrap=True)
    table.add_column("headline", no_wrap=True, overflow="ellipsis", ratio=1, min_width=20)
    table.add_column("kept", justify="right")
    table.add_column("removed", justify="right")
    for a in articles:
        date = a.published.date.isoformat() if a.published.date else "?"
        # Outlet, agency and headline come from the page: neither markup nor control codes.
        table.add_row(
            a.doc_id[:8],
            _cell(a.outlet or "?"),
            _cell(a.wire_agency or (f"via {a.relayed_from}" if a.relayed_from else "")),
            date,
            _cell(a.title),
            str(a.words_kept()),
            str(a.words_removed()),
        )
    return table


def _cell(text: str) -> str:
    return escape(one_line(text))


def analyze_cli(
    paths: Annotated[
        list[str],
        typer.Argument(help="Files, directories, glob patterns or feed URLs to read."),
    ],
    db: DbOption = Path("newsprism.db"),
    workers: Annotated[
        int, typer.Option("--workers", "-w", help="Worker processes for cleaning (1 = serial).")
    ] = 1,
) -> None:
    """Ingest, clean and store articles, then print a table of what was stored."""
    store = store_at(db, must_exist=False)
    executor: Executor = SerialExecutor() if workers <= 1 else ProcessPoolExecutor(workers)

    def on_failure(failure: IngestFailure) -> None:
        # One line per failure whatever the file name holds (a newline cannot forge a line).
        line = escape(one_line(failure))
        err.print(f"[red]skipped[/red] {line}", markup=True, soft_wrap=True)

    repaired: list[Article] = []

    def on_note(article: Article) -> None:
        repaired.append(article)
        # Real web pages are seldom clean: list the first few, count the rest.
        if len(repaired) <= MAX_NOTE_LINES:
            line = escape(one_line(f"{article.source}: {'; '.join(article.notes)}"))
            err.print(f"[yellow]repaired[/yellow] {line}", markup=True, soft_wrap=True)

    with (
        store,
        Progress(
            SpinnerColumn(),
            TextColumn("[progress.description]{task.description}"),
            BarColumn(),
            TextColumn("{task.completed} inputs"),
            TimeElapsedColumn(),
            console=err,
            transient=True,
        ) as bar,
    ):
        task = bar.add_task("reading", total=None)

        def progress(done: int, source: str) -> None:
            name = escape(one_line(Path(source).name[:40]))
            bar.update(task, completed=done, description=f"reading {name}")

        report = analyze(
            paths,
            store,
            executor=executor,
            progress=progress,
            on_failure=on_failure,
            on_note=on_note,
        )
        total = store.count()
    if report.stored:
        console.print(articles_table(report.stored, f"Stored {len(report.stored)} article(s)"))
        from newsprism.cli.digest import print_digest
        from newsprism.report import story_views

        with store_at(db) as reopened:
            views = story_views(reopened, [a.doc_id for a in report.stored])
            print_digest(console, [safe_record(view) for view in views])
    for notice in report.notices:
        err.print(f"[yellow]note[/yellow] {escape(one_line(notice))}", markup=True, soft_wrap=True)
    if len(repaired) > MAX_NOTE_LINES:
        more = len(repaired) - MAX_NOTE_LINES
        err.print(f"[yellow]repaired[/yellow] {more} more input(s); `newsprism show ID` lists why")
    finished = f", {report.resumed} left by an earlier run finished" if report.resumed else ""
    summary = (
        f"{len(report.stored)} stored ({len(repaired)} repaired), {report.skipped} already in "
        f"the store{finished}, {len(report.failures)} failed; {total} article(s) in {db}"
    )
    console.print(summary)
    if not report.ok:
        err.print(
            f"[red]{len(report.failures)} input(s) could not be used in full[/red]", markup=True
        )
        raise typer.Exit(1)
