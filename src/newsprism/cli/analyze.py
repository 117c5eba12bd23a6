"""`newsprism analyze PATH...`: ingest, clean and store, then list what was stored."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.markup import escape
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from newsprism.cli.common import DbOption, console, err, store_at
from newsprism.config import Config, load_config
from newsprism.errors import NewsprismError
from newsprism.limits import DEFAULT_LIMITS, Limits
from newsprism.pipeline import Executor, ProcessPoolExecutor, SerialExecutor
from newsprism.records import Article, IngestFailure
from newsprism.runner import RunReport, analyze
from newsprism.safe import guard_logging, one_line, safe_record
from newsprism.views import StoryView

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
    max_docs: Annotated[
        int,
        typer.Option(
            "--max-docs", min=1, help="Most documents to read in this run (see docs/limits.md)."
        ),
    ] = DEFAULT_LIMITS.max_documents,
    config: Annotated[
        Path | None,
        typer.Option("--config", help="TOML file of settings over the defaults (stages, ...)."),
    ] = None,
) -> None:
    """Ingest, clean and store articles, then print a table of what was stored."""
    settings = _settings(config)
    guard_logging()  # libraries' warnings quote their input: shown safe, like the rest
    store = store_at(db, must_exist=False, writer=True)
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

        try:
            report = analyze(
                paths,
                store,
                executor=executor,
                progress=progress,
                on_failure=on_failure,
                on_note=on_note,
                limits=Limits(max_documents=max_docs),
                config=settings,
            )
        except NewsprismError as exc:  # the configured stages do not make a pipeline
            _refuse(exc)
        total = store.count()
    if report.stored:
        console.print(articles_table(report.stored, f"Stored {len(report.stored)} article(s)"))
        from newsprism.cli.digest import print_digest
        from newsprism.report import story_views

        views = _digest_views(report)
        if views is None:  # the run's stages did not compare and summarize its stories
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


def _settings(path: Path | None) -> Config | None:
    """The defaults with the user's file over them; a bad file ends the command clearly."""
    if path is None:
        return None
    try:
        return load_config(path)
    except NewsprismError as exc:
        _refuse(exc)


def _refuse(exc: NewsprismError) -> NoReturn:
    err.print(f"[red]error[/red] {escape(one_line(str(exc)))}", markup=True, soft_wrap=True)
    raise typer.Exit(2) from None


def _digest_views(report: RunReport) -> list[StoryView] | None:
    """The views the run built of the stories holding its stored articles; None when its
    stages built none."""
    if not report.views:
        return None
    stored = {a.doc_id for a in report.stored}
    return [
        view
        for view in report.views
        if isinstance(view, StoryView) and {a.doc_id for a in view.articles} & stored
    ]
