"""`newsprism stories`: storylines with their events, outlets and date span."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from newsprism.cli.common import DbOption, JsonOption, console, store_at
from newsprism.records import Event
from newsprism.safe import safe_record

__all__ = ["stories_cli"]


def stories_cli(
    db: DbOption = Path("newsprism.db"),
    json_output: JsonOption = False,
    limit: Annotated[int, typer.Option("--limit", help="Show at most this many storylines.")] = 50,
) -> None:
    """List storylines, newest first, with their events, outlets and date span."""
    from newsprism.cluster import stories
    from newsprism.cluster.state import load_event_states
    from newsprism.store.codec import to_dict

    with store_at(db) as store:
        found = stories(store)[:limit]
        outlets = {s.id: s.outlets for s in load_event_states(store)}
    if json_output:
        typer.echo(json.dumps([to_dict(s) for s in found], ensure_ascii=False, indent=2))
        return
    if not found:
        console.print("no storylines yet: run `newsprism analyze PATH` first")
        return
    # Labels and outlet names come from the pages: no control codes reach the terminal.
    found, outlets = safe_record(found), safe_record(outlets)
    for story in found:
        span = _span(story.first, story.last)
        n = sum(len(e.articles) for e in story.events)
        table = Table(
            title=f"{story.id}  {story.label}  ({n} articles, {span})",
            title_justify="left",
            expand=True,
        )
        # The ids and dates keep their one line; outlets and the headline share what is left,
        # the headline most, so that neither is squeezed to a word a line at 80 columns.
        table.add_column("event", no_wrap=True)
        table.add_column("date", no_wrap=True)
        table.add_column("articles", justify="right", no_wrap=True)
        table.add_column("outlets", ratio=2, overflow="fold")
        table.add_column("headline", ratio=3, overflow="fold")
        for event in story.events:
            names = sorted({o for o in outlets.get(event.id, ()) if o})
            unknown = sum(1 for o in outlets.get(event.id, ()) if not o)
            if unknown:  # each its own source: counted, never pooled as one "unknown" outlet
                names.append(f"{unknown} of unknown outlet")
            table.add_row(
                event.id,
                event.date.isoformat() if event.date else "-",
                str(len(event.articles)),
                ", ".join(names) or "-",
                event.label or "-",
            )
        console.print(table)
        why = _why(story.events)
        if why:
            console.print(f"[dim]one storyline because: {why}[/dim]")


def _why(events: Sequence[Event]) -> str:
    """What a storyline of several events rests on, from its latest event's decision."""
    if len(events) < 2 or not events[-1].reasons:
        return ""
    first = events[-1].reasons[0]
    return first.removeprefix("storyline: ") if first.startswith("storyline: ") else ""


def _span(first: object, last: object) -> str:
    if first is None:
        return "undated"
    return f"{first}" if first == last else f"{first} to {last}"
