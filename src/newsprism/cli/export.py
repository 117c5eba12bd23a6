"""`newsprism export --format json|md`: every stored article, body and removed paragraphs."""

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


def export_cli(
    format: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="json (every field) or md.")
    ] = ExportFormat.json,
    output: OutputOption = None,
    db: DbOption = Path("newsprism.db"),
) -> None:
    """Export stored articles with outlet, agency, date, headline, body and removed text, and
    each story's comparison (JSON), brief and timeline, as stored."""
    from newsprism.views import story_views

    with store_at(db) as store:
        articles = list(store.articles())
        views = story_views(store)
    render = to_json if format is ExportFormat.json else to_markdown
    text = render(articles, views)
    emit(text, output, f"{len(articles)} article(s), {len(views)} story(ies)")
