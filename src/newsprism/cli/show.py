"""`newsprism show ARTICLE`: an article with every removed paragraph and its reason."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

from newsprism.cli.common import DbOption, JsonOption, console, fail, store_at
from newsprism.errors import NewsprismError
from newsprism.safe import one_line, safe, safe_record

__all__ = ["MAX_SHOWN_CHARS", "show_cli"]

MAX_SHOWN_CHARS = 3000
"""Characters of one paragraph printed: a terminal table cannot show a 10 MB line usefully
(and takes minutes to lay it out); `export` writes every character."""


def show_cli(
    key: Annotated[
        str,
        typer.Argument(
            metavar="STORY|ARTICLE",
            help="A story or event id (or prefix), or an article id, id prefix or row number.",
        ),
    ],
    db: DbOption = Path("newsprism.db"),
    json_output: JsonOption = False,
) -> None:
    """Show a story (its events, articles and copies) or one article (with removed text)."""
    from newsprism.cli.show_story import render_story, story_json
    from newsprism.store.schema import ASSIGNMENTS
    from newsprism.views import find_view_key, load_view

    with store_at(db) as store:
        found = find_view_key(store, key)
        if found is not None:
            # An event's id shows its whole storyline, the event among the others.
            view = load_view(store, found[0])
            ids = [a.doc_id for a in view.articles]
            assignments = {a.doc_id: a for a in ASSIGNMENTS.find(store, ids)}
            if json_output:
                typer.echo(json.dumps(story_json(view, assignments), ensure_ascii=False, indent=2))
                return
            # Every string it prints from the pages goes through safe() and markup escaping.
            render_story(console, view, assignments)
            return
        try:
            a = store.article(key)
        except NewsprismError as exc:
            raise fail(exc) from None
    if json_output:
        from newsprism.store.codec import to_dict

        typer.echo(json.dumps(to_dict(a), ensure_ascii=False, indent=2))
        return
    # Everything below comes from the input: no control codes, no rich markup.
    a = safe_record(a)
    date = a.published.date.isoformat() if a.published.date else "unknown"
    meta = Table.grid(padding=(0, 2))
    meta.add_row("outlet", _line(a.outlet or "unknown"))
    meta.add_row("wire agency", _line(a.wire_agency or "-"))
    if a.relayed_from:
        meta.add_row("relayed from", _line(a.relayed_from))
    if a.dateline:
        meta.add_row("dateline", _line(a.dateline))
    meta.add_row("published", date)
    meta.add_row("language", _line(a.language))
    meta.add_row("source", _line(a.source))
    meta.add_row("id", _line(a.doc_id))
    for note in a.notes:
        meta.add_row("[yellow]repaired[/yellow]", _line(note))
    for ev in a.outlet_evidence:
        meta.add_row(
            "[dim]outlet evidence[/dim]", f"[dim]{_line(ev.kind)}: {_line(ev.text[:90])}[/dim]"
        )
    for ev in a.published.evidence:
        note = f" ({ev.note})" if ev.note else ""
        meta.add_row(
            "[dim]date evidence[/dim]", f"[dim]{_line(ev.kind)}: {_line(ev.text[:60] + note)}[/dim]"
        )
    title = _line(a.title) if a.title else "(no headline)"
    console.print(Panel(meta, title=title, title_align="left"))
    table = Table(show_header=True, expand=True)
    table.add_column("line", justify="right", style="dim")
    table.add_column("role", no_wrap=True)
    table.add_column("text", ratio=3)
    table.add_column("reason", ratio=1, style="dim")
    for p in a.paragraphs:
        line = str(p.line) if p.line is not None else str(p.index + 1)
        shown = p.text
        if len(shown) > MAX_SHOWN_CHARS:
            more = len(shown) - MAX_SHOWN_CHARS
            shown = f"{shown[:MAX_SHOWN_CHARS]}… ({more:,} more characters)"
        text = escape(safe(shown))
        if p.role.is_kept:
            table.add_row(line, f"[green]{p.role.value}[/green]", text, "")
        else:
            table.add_row(
                line, f"[red]{p.role.value}[/red]", f"[strike]{text}[/strike]", _line(p.reason)
            )
    console.print(table)


def _line(text: str) -> str:
    """Input text for one table cell: on one line, no control codes, no rich markup."""
    return escape(one_line(text))
