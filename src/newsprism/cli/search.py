"""`newsprism search QUERY`: full-text search over stored articles, in SQLite FTS5 syntax."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from newsprism.cli.common import DbOption, JsonOption, console, fail, narrow, store_at
from newsprism.errors import NewsprismError
from newsprism.safe import one_line
from newsprism.store import SearchHit

__all__ = ["search_cli"]


def search_cli(
    query: Annotated[str, typer.Argument(help="An FTS5 query (see above).")],
    db: DbOption = Path("newsprism.db"),
    limit: Annotated[int, typer.Option("--limit", "-n", help="Most hits to show.")] = 20,
    outlet: Annotated[
        list[str] | None,
        typer.Option(
            "--outlet", metavar="NAME", help="Only this outlet's articles (repeat for several)."
        ),
    ] = None,
    since: Annotated[
        dt.datetime | None,
        typer.Option(
            "--since", metavar="YYYY-MM-DD", formats=["%Y-%m-%d"], help="Published on or after."
        ),
    ] = None,
    until: Annotated[
        dt.datetime | None,
        typer.Option(
            "--until", metavar="YYYY-MM-DD", formats=["%Y-%m-%d"], help="Published on or before."
        ),
    ] = None,
    json_output: JsonOption = False,
) -> None:
    """Search headlines and kept body text of stored articles, best match first.

    The query is SQLite FTS5 query syntax:

    \b
      Lukashenko Putin          both words (AND is implied)
      Lukashenko AND Putin      the same
      Peskov OR Zakharova       either word
      Lukashenko NOT Peskov     the first, without the second
      "Kremlin spokesman"       the words in this order
      sanction*                 words starting with "sanction"
      NEAR(Putin Sochi, 5)      both within 5 words of each other (10 if no number)
      title:Belarus             only in headlines (body: only in body text)
      (Putin OR Kremlin) NOT Peskov   parentheses group them

    Operators are written in capitals (lower-case and, or, not are words); case and accents
    do not matter otherwise (zurich finds Zürich). A word holding punctuation (COVID-19,
    U.S.) is searched as the phrase it spells. A query that starts with "-" goes after "--".
    A query that is not FTS5 syntax ends with a one-line error naming the problem, and exit
    status 2.
    """
    with store_at(db) as store:
        try:
            hits = store.search(
                query,
                limit=limit,
                syntax="fts5",
                outlets=tuple(outlet or ()),
                since=since.date() if since else None,
                until=until.date() if until else None,
            )
        except NewsprismError as exc:  # the query is not FTS5 syntax: say where, exit 2
            raise fail(one_line(str(exc))) from None
    if json_output:
        typer.echo(json.dumps([_hit_json(h) for h in hits], ensure_ascii=False, indent=2))
        if not hits:
            raise typer.Exit(1)
        return
    if not hits:
        console.print(f"no article matches {_cell(repr(query))}")
        raise typer.Exit(1)
    title = f"{len(hits)} hit(s) for {_cell(repr(query))}"
    if narrow(console):
        # Below a width a table squeezes the snippet to a sliver: one block per hit instead.
        console.print(title)
        for hit in hits:
            date = hit.published.isoformat() if hit.published else "?"
            head = Text(f"{hit.doc_id[:8]}  ", style="dim")
            head.append(f"{one_line(hit.outlet or '?')}  {date}  ")
            head.append(one_line(hit.title), style="bold")
            console.print(head)
            console.print(Padding(_marked(hit), (0, 0, 0, 2), expand=False))
        return
    table = Table(title=title, title_justify="left", expand=True)
    table.add_column("id", style="dim", no_wrap=True)
    table.add_column("outlet", max_width=16, overflow="fold")
    table.add_column("published", no_wrap=True)
    table.add_column("headline", ratio=1)
    table.add_column("snippet", ratio=2)
    for hit in hits:
        date = hit.published.isoformat() if hit.published else "?"
        table.add_row(
            hit.doc_id[:8], _cell(hit.outlet or "?"), date, _cell(hit.title), _marked(hit)
        )
    console.print(table)


def _marked(hit: SearchHit) -> Text:
    """The hit's snippet with each match in bold reverse (plain text: never markup)."""
    text = Text(one_line(hit.snippet))
    # one_line() only swaps control codes and line breaks one for one, so offsets hold.
    if len(text.plain) == len(hit.snippet):
        for start, end in hit.marks:
            text.stylize("bold reverse", start, end)
    return text


def _hit_json(hit: SearchHit) -> dict[str, object]:
    return {
        "id": hit.doc_id,
        "title": hit.title,
        "outlet": hit.outlet,
        "published": hit.published.isoformat() if hit.published else None,
        "snippet": hit.snippet,
        "matches": [list(m) for m in hit.marks],
        "score": hit.score,
    }


def _cell(text: str) -> str:
    """Stored text for one cell: on one line, no control codes, no rich markup."""
    return escape(one_line(text))
