"""`newsprism export --format json|md|parquet`: every stored article, body and removed
paragraphs (and, as Parquet, its extractions and assignments)."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Annotated

import typer

from newsprism.cli.common import DbOption, OutputOption, emit, store_at
from newsprism.render import to_json, to_markdown

__all__ = ["ExportFormat", "export_cli"]


class ExportFormat(enum.StrEnum):
    """Export formats."""

    json = "json"
    md = "md"
    parquet = "parquet"


def export_cli(
    format: Annotated[
        ExportFormat,
        typer.Option(
            "--format", "-f", help="json (every field), md, or parquet (a folder: -o DIR)."
        ),
    ] = ExportFormat.json,
    output: OutputOption = None,
    db: DbOption = Path("newsprism.db"),
) -> None:
    """Export stored articles with outlet, agency, date, headline, body and removed text, and
    each story's comparison (JSON), brief and timeline, as stored."""
    from newsprism.views import story_views

    if format is ExportFormat.parquet:
        _parquet(db, output)
        return
    with store_at(db) as store:
        articles = list(store.articles())
        views = story_views(store)
    render = to_json if format is ExportFormat.json else to_markdown
    text = render(articles, views)
    emit(text, output, f"{len(articles)} article(s), {len(views)} story(ies)")


def _parquet(db: Path, output: Path | None) -> None:
    """Write the store as a Parquet dataset in the folder ``output`` (docs/parquet.md)."""
    from rich.markup import escape

    from newsprism.cli.common import err
    from newsprism.errors import NewsprismError
    from newsprism.render.parquet import write_dataset

    if output is None:
        err.print("[red]error[/red] --format parquet writes a folder: give it with -o DIR")
        raise typer.Exit(2)
    with store_at(db) as store:
        try:
            written = write_dataset(store, output)
        except NewsprismError as exc:  # pyarrow (the [distributed] extra) is missing
            err.print(f"[red]error[/red] {escape(str(exc))}", markup=True, soft_wrap=True)
            raise typer.Exit(2) from None
    err.print(f"{escape(written.summary())} in {escape(str(output))}", soft_wrap=True)
