"""`newsprism report STORY -o FILE.html`: a story as one self-contained HTML file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from newsprism.cli.common import DbOption, console, fail, store_at
from newsprism.errors import NewsprismError
from newsprism.extras import require

__all__ = ["report_cli"]


def report_cli(
    story: Annotated[str, typer.Argument(help="A story or event id, or a unique prefix.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="The HTML file to write.")],
    db: DbOption = Path("newsprism.db"),
) -> None:
    """The story page (brief, timeline, coverage, matrix, statements, framing) as one HTML
    file with everything inline: it opens from disk and loads nothing from the network."""
    try:
        require("jinja2", "web")
    except NewsprismError as exc:
        raise fail(exc) from None
    from newsprism.service import NotFound, Service
    from newsprism.web.report import report_html

    with store_at(db) as store:
        try:
            text = report_html(Service(store), story)
        except NotFound:
            raise fail(f"no story matches {story!r}; `newsprism stories` lists them") from None
    output.write_text(text, encoding="utf-8")
    console.print(f"wrote the report of {story} to {output}")
