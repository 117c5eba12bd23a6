"""`newsprism show ARTICLE`: an article with every removed paragraph and its reason."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.panel import Panel
from rich.table import Table

from newsprism.cli.common import DbOption, console, fail, store_at
from newsprism.errors import NewsprismError

__all__ = ["show_cli"]


def show_cli(
    key: Annotated[
        str,
        typer.Argument(
            metavar="STORY|ARTICLE",
            help="A story or event id (or prefix), or an article id, id prefix or row number.",
        ),
    ],
    db: DbOption = Path("newsprism.db"),
) -> None:
    """Show a story (its events, articles and copies) or one article (with removed text)."""
    from newsprism.cli.show_story import find_story, render_story
    from newsprism.cluster import stories

    with store_at(db) as store:
        story = find_story(stories(store), key)
        if story is not None:
            render_story(console, store, story)
            return
        try:
            a = store.article(key)
        except NewsprismError as exc:
            raise fail(exc) from None
    date = a.published.date.isoformat() if a.published.date else "unknown"
    meta = Table.grid(padding=(0, 2))
    meta.add_row("outlet", a.outlet or "unknown")
    meta.add_row("wire agency", a.wire_agency or "-")
    if a.relayed_from:
        meta.add_row("relayed from", a.relayed_from)
    if a.dateline:
        meta.add_row("dateline", a.dateline)
    meta.add_row("published", date)
    meta.add_row("language", a.language)
    meta.add_row("source", a.source)
    meta.add_row("id", a.doc_id)
    for note in a.notes:
        meta.add_row("[yellow]repaired[/yellow]", note)
    for ev in a.outlet_evidence:
        meta.add_row("[dim]outlet evidence[/dim]", f"[dim]{ev.kind}: {ev.text[:90]}[/dim]")
    for ev in a.published.evidence:
        note = f" ({ev.note})" if ev.note else ""
        meta.add_row("[dim]date evidence[/dim]", f"[dim]{ev.kind}: {ev.text[:60]}{note}[/dim]")
    console.print(Panel(meta, title=a.title or "(no headline)", title_align="left"))
    table = Table(show_header=True, expand=True)
    table.add_column("line", justify="right", style="dim")
    table.add_column("role", no_wrap=True)
    table.add_column("text", ratio=3)
    table.add_column("reason", ratio=1, style="dim")
    for p in a.paragraphs:
        line = str(p.line) if p.line is not None else str(p.index + 1)
        if p.role.is_kept:
            table.add_row(line, f"[green]{p.role.value}[/green]", p.text, "")
        else:
            table.add_row(
                line, f"[red]{p.role.value}[/red]", f"[strike]{p.text}[/strike]", p.reason
            )
    console.print(table)
