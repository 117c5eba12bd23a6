"""`newsprism analyze PATH...`: ingest, clean and store, then list what was stored."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.markup import escape
from rich.table import Table

from newsprism.cli.common import (
    DbOption,
    JsonOption,
    QuietOption,
    console,
    err,
    narrow,
    progress_bar,
    store_at,
)
from newsprism.config import Config, load_config
from newsprism.errors import NewsprismError
from newsprism.ingest.base import size_text
from newsprism.limits import DEFAULT_LIMITS, Limits
from newsprism.pipeline import Executor, ProcessPoolExecutor, SerialExecutor
from newsprism.records import Article, IngestFailure
from newsprism.runner import RunReport, StoredArticle, analyze
from newsprism.safe import guard_logging, one_line
from newsprism.store import Store
from newsprism.views import StoryView

__all__ = ["MAX_NOTE_LINES", "analyze_cli", "articles_table"]

MAX_NOTE_LINES = 10
"""How many "repaired" lines one run prints before it only counts them."""


def articles_table(
    articles: Sequence[Article | StoredArticle], title: str, *, compact: bool = False
) -> Table:
    """A table of articles: outlet, date, headline, words kept and removed.

    ``compact`` (a narrow terminal) folds the agency into the outlet and the two word counts
    into one column, so that the headline keeps room to be read at 80 columns.
    """
    if compact:
        return _compact_table(articles, title)
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


def _compact_table(articles: Sequence[Article | StoredArticle], title: str) -> Table:
    table = Table(title=title, title_justify="left", expand=True)
    table.add_column("id", style="dim", no_wrap=True)
    table.add_column("outlet", max_width=18, overflow="fold")
    table.add_column("published", no_wrap=True)
    table.add_column("headline", no_wrap=True, overflow="ellipsis", ratio=1, min_width=20)
    table.add_column("kept/removed", justify="right", no_wrap=True)
    for a in articles:
        date = a.published.date.isoformat() if a.published.date else "?"
        agency = a.wire_agency or (f"via {a.relayed_from}" if a.relayed_from else "")
        outlet = a.outlet or "?"
        if agency and agency != outlet:
            outlet = f"{outlet} ({agency})"
        table.add_row(
            a.doc_id[:8],
            _cell(outlet),
            date,
            _cell(a.title),
            f"{a.words_kept()}/{a.words_removed()}",
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
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            help="Run the per-document stages on Dask: 'local' starts a cluster of --workers "
            "processes, tcp://HOST:8786 uses a running one (docs/cluster.md).",
        ),
    ] = None,
    dataset: Annotated[
        Path | None,
        typer.Option(
            "--dataset", help="Also write the run's records as Parquet here (docs/parquet.md)."
        ),
    ] = None,
    quiet: QuietOption = False,
    json_output: JsonOption = False,
) -> None:
    """Ingest, clean and store articles, then print a table of what was stored."""
    settings = _settings(config)
    guard_logging()  # libraries' warnings quote their input: shown safe, like the rest
    store = store_at(db, must_exist=False, writer=True)
    executor: Executor = SerialExecutor() if workers <= 1 else ProcessPoolExecutor(workers)
    if scheduler is not None:
        executor = _dask_executor(scheduler, workers)

    def on_failure(failure: IngestFailure) -> None:
        # One line per failure whatever the file name holds (a newline cannot forge a line).
        line = escape(one_line(failure))
        err.print(f"[red]skipped[/red] {line}", markup=True, soft_wrap=True)

    repaired: list[str] = []  # doc ids: the articles themselves are in the store

    def on_note(article: Article) -> None:
        repaired.append(article.doc_id)
        # Real web pages are seldom clean: list the first few, count the rest.
        if len(repaired) <= MAX_NOTE_LINES:
            line = escape(one_line(f"{article.source}: {'; '.join(article.notes)}"))
            err.print(f"[yellow]repaired[/yellow] {line}", markup=True, soft_wrap=True)

    files, size = _inputs(paths)
    with store, progress_bar("documents", quiet=quiet) as bar:
        # One document per file until reading finds more (a WARC or JSON-lines file holds
        # many): the total grows as they are read.
        task = bar.add_task(f"reading {size_text(size)}", total=max(1, files))
        counts = _Counts()

        def progress(done: int, source: str) -> None:
            counts.read = done
            if done > (bar.tasks[task].total or 0):
                bar.update(task, total=done)
            counts.source = escape(one_line(Path(source).name[:30]))

        def on_stage(name: str, step: int, steps: int, documents: int) -> None:
            if steps == 0:  # the per-story stages, once every document is placed
                bar.update(task, description=f"{name} {documents} stories")
                return
            if step >= steps:  # the chunk is through every stage
                counts.done += documents
                bar.update(task, completed=counts.done, description=f"{name} {size_text(size)}")
                return
            # Within a chunk, each stage done moves the bar its share of the chunk.
            shown = counts.done + documents * step / steps
            bar.update(task, completed=shown, description=f"{name} {counts.source}")

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
                on_stage=on_stage,
                keep_views=False,  # the digest reads them back from the store one at a time
            )
        except NewsprismError as exc:  # the configured stages do not make a pipeline
            _refuse(exc)
        finally:
            close = getattr(executor, "close", None)
            if close is not None:
                close()
        total = store.count()
        if dataset is not None:
            _write_dataset(store, dataset, report)
    if json_output:
        typer.echo(json.dumps(_report_json(report, total), ensure_ascii=False, indent=2))
        if not report.ok:
            raise typer.Exit(1)
        return
    if report.stored:
        stored = f"Stored {len(report.stored)} article(s)"
        console.print(articles_table(report.stored, stored, compact=narrow(console)))
        from newsprism.cli.digest import print_digest
        from newsprism.views import story_views

        with store_at(db) as reopened:
            if report.viewed:
                # One view held at a time: each read back from the store, printed, let go.
                for view in _digest_views(reopened, report):
                    print_digest(console, [view])
            else:  # the run's stages did not compare and summarize its stories
                print_digest(console, story_views(reopened, [a.doc_id for a in report.stored]))
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


def _report_json(report: RunReport, total: int) -> dict[str, object]:
    """The run as JSON-ready data: what the table, the notes and the summary line say."""
    return {
        "stored": [
            {
                "id": a.doc_id,
                "outlet": a.outlet,
                "wire_agency": a.wire_agency,
                "published": a.published.date.isoformat() if a.published.date else None,
                "title": a.title,
                "source": a.source,
                "words_kept": a.words_kept(),
                "words_removed": a.words_removed(),
                "notes": list(a.notes),
            }
            for a in report.stored
        ],
        "skipped": report.skipped,
        "resumed": report.resumed,
        "failures": [
            {"source": f.source, "code": f.code, "reason": f.reason} for f in report.failures
        ],
        "notices": list(report.notices),
        "stories": sorted(report.stories),
        "articles_in_store": total,
    }


class _Counts:
    """What the progress bar has heard so far."""

    def __init__(self) -> None:
        self.read = 0
        self.done = 0
        self.source = ""


def _inputs(paths: list[str]) -> tuple[int, int]:
    """How many files (and feed URLs) ``paths`` name, and their bytes, for the bar's total."""
    from newsprism.ingest.paths import expand_paths

    files = size = 0
    for item in expand_paths(paths):
        if isinstance(item, str):
            files += 1
            path = Path(item)
            # A URL has no size here, and a file gone since is ingest's to report.
            size += path.stat().st_size if path.is_file() else 0
    return files, size


def _settings(path: Path | None) -> Config | None:
    """The defaults with the user's file over them; a bad file ends the command clearly."""
    if path is None:
        return None
    try:
        return load_config(path)
    except NewsprismError as exc:
        _refuse(exc)


def _dask_executor(scheduler: str, workers: int) -> Executor:
    """The Dask executor for ``--scheduler``; a missing extra or scheduler ends the command."""
    from newsprism.distributed import DaskExecutor

    try:
        return DaskExecutor.start(scheduler, max(1, workers))
    except NewsprismError as exc:  # the [distributed] extra is missing
        _refuse(exc)
    except OSError as exc:  # no scheduler answers at that address
        line = escape(one_line(f"no Dask scheduler at {scheduler}: {exc}"))
        err.print(f"[red]error[/red] {line}", markup=True, soft_wrap=True)
        raise typer.Exit(2) from None


def _write_dataset(store: Store, out: Path, report: RunReport) -> None:
    """Write the run's records as Parquet under ``out`` and say so."""
    from newsprism.render.parquet import write_dataset

    try:
        written = write_dataset(store, out, doc_ids=[a.doc_id for a in report.stored])
    except NewsprismError as exc:  # the [distributed] extra (pyarrow) is missing
        _refuse(exc)
    err.print(f"dataset: {escape(written.summary())} in {escape(str(out))}", soft_wrap=True)


def _refuse(exc: NewsprismError) -> NoReturn:
    err.print(f"[red]error[/red] {escape(one_line(str(exc)))}", markup=True, soft_wrap=True)
    raise typer.Exit(2) from None


def _digest_views(store: Store, report: RunReport) -> Iterator[StoryView]:
    """The views the run built (and stored) of the stories holding its stored articles, in
    the order built, each read back from ``store`` when it is asked for."""
    from newsprism.views import load_view

    stored = {a.doc_id for a in report.stored}
    for story_id in report.viewed:
        try:
            view = load_view(store, story_id)
        except NewsprismError:  # merged away since (no such storyline any more)
            continue
        if {a.doc_id for a in view.articles} & stored:
            yield view
