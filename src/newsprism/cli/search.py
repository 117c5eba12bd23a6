"""`newsprism search QUERY`: full-text search over stored articles."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from newsprism.cli.common import DbOption, console, store_at
from newsprism.safe import one_line

__all__ = ["search_cli"]


def search_cli(
    query: Annotated[str, typer.Argument(help="Words to find (all must match).")],
    db: DbOption = Path("newsprism.db"),
    limit: Annotated[int, typer.Option("--limit", "-n", help="Most hits to show.")] = 20,
) -> None:
    """Search headlines and kept body text of stored articles."""
    with store_at(db) as store:
        hits = store.search(query, limit=limit)
    if not hits:
        console.print(f"no article matches {_cell(repr(query))}")
        raise typer.Exit(1)
    table = Table(title=f"{len(hits)} hit(s) for {_cell(repr(query))}", title_justify="left")
    table.add_column("id", style="dim")
    table.add_column("outlet")
    table.add_column("published")
    table.add_column("headline", max_width=50)
    table.add_column("snippet", max_width=60)
    for hit in hits:
        date = hit.published.isoformat() if hit.published else "?"
        table.add_row(
            hit.doc_id[:8], _cell(hit.outlet or "?"), date, _cell(hit.title), _cell(hit.snippet)
        )
    console.print(table)


def _cell(text: str) -> str:
    """Stored text for one cell: on one line, no control codes, no rich markup."""
    return escape(one_line(text))
