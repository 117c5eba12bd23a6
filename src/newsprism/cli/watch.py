"""`newsprism watch FEED_OR_DIR...`: poll feeds (or folders) and add new items as they come."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from newsprism.cli.common import DbOption, console, err, store_at
from newsprism.config import load_config
from newsprism.errors import NewsprismError
from newsprism.ingest.fetch import UrllibFetcher
from newsprism.ingest.watch import MAX_BACKOFF, Watcher, WatchEvent, WatchStopped, stop_on_signals
from newsprism.limits import DEFAULT_LIMITS
from newsprism.safe import guard_logging, one_line
from newsprism.store.schema import WATCH_PENDING

__all__ = ["watch_cli"]

_STYLE = {"failed": "red", "garbage": "red", "retry": "yellow", "robots": "yellow"}


def watch_cli(
    sources: Annotated[
        list[str], typer.Argument(help="RSS/Atom feed URLs, or folders to watch for new files.")
    ],
    db: DbOption = Path("newsprism.db"),
    interval: Annotated[
        float, typer.Option("--interval", min=0.0, help="Seconds between two polls of a feed.")
    ] = 300.0,
    host_delay: Annotated[
        float,
        typer.Option(
            "--host-delay", min=0.0, help="Least seconds between two requests to one host."
        ),
    ] = 1.0,
    timeout: Annotated[
        float, typer.Option("--timeout", min=0.1, help="Seconds to wait for one answer.")
    ] = 30.0,
    max_backoff: Annotated[
        float,
        typer.Option(
            "--max-backoff", min=0.0, help="Longest wait before a failing feed is asked again."
        ),
    ] = MAX_BACKOFF,
    max_polls: Annotated[
        int | None, typer.Option("--max-polls", min=1, help="Stop after this many polls.")
    ] = None,
    until_idle: Annotated[
        bool,
        typer.Option(
            "--until-idle",
            help="Stop once every source was last asked with nothing new and no failure.",
        ),
    ] = False,
    config: Annotated[
        Path | None,
        typer.Option("--config", help="TOML file of settings over the defaults (stages, ...)."),
    ] = None,
) -> None:
    """Poll feeds (or folders) and add new items to the store, updating stories after each
    batch, until stopped (Ctrl-C, SIGTERM), `--max-polls` or `--until-idle`."""
    guard_logging()
    try:
        settings = load_config(config) if config is not None else None
    except NewsprismError as exc:
        err.print(f"[red]error[/red] {escape(one_line(str(exc)))}", markup=True, soft_wrap=True)
        raise typer.Exit(2) from None

    def on_event(event: WatchEvent) -> None:
        style = _STYLE.get(event.kind, "dim")
        where = f"{event.source}: " if event.source else ""
        line = escape(one_line(f"{where}{event.message}"))
        err.print(f"[{style}]{event.kind}[/{style}] {line}", markup=True, soft_wrap=True)

    fetcher = UrllibFetcher(timeout=timeout, max_bytes=DEFAULT_LIMITS.max_document_bytes)
    with store_at(db, must_exist=False, writer=True) as store:
        watcher = Watcher(
            store,
            sources,
            fetcher,
            interval=interval,
            host_delay=host_delay,
            max_backoff=max_backoff,
            config=settings,
            on_event=on_event,
        )
        stopped = ""
        try:
            with stop_on_signals(watcher):
                watcher.run(max_polls=max_polls, until_idle=until_idle)
        except WatchStopped as stop:
            stopped = f"stopped by {stop}: the batch in flight was rolled back"
        except NewsprismError as exc:  # the configured stages do not make a pipeline
            err.print(f"[red]error[/red] {escape(one_line(str(exc)))}", markup=True, soft_wrap=True)
            raise typer.Exit(2) from None
        if watcher.stop_reason and not stopped:
            stopped = f"stopped by {watcher.stop_reason}"
        waiting = len(store.record_keys(WATCH_PENDING.kind))
        report = watcher.report
        total = store.count()
    if stopped:
        later = f"; {waiting} item(s) fetched wait for the next run" if waiting else ""
        err.print(escape(one_line(stopped + later)), soft_wrap=True)
    console.print(
        f"{report.polls} poll(s), {report.fetched} request(s) ({report.not_modified} not "
        f"modified), {report.taken} new item(s), {report.stored} stored, "
        f"{len(report.stories)} story(ies) updated, {report.failures} failure(s); "
        f"{total} article(s) in {escape(str(db))}",
        soft_wrap=True,
    )
