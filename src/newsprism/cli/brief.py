"""`newsprism brief STORY --format md|json`: a story's neutral, cited brief and its timeline."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from newsprism.cli.common import DbOption, emit, fail, store_at
from newsprism.cli.export import ExportFormat

__all__ = ["brief_cli"]


def brief_cli(
    story: Annotated[str, typer.Argument(help="A story or event id, or a unique prefix.")],
    format: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="md (for reading) or json (spans).")
    ] = ExportFormat.md,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    db: DbOption = Path("newsprism.db"),
) -> None:
    """The story in 5 to 10 cited source sentences (facts, positions, conflicts) and its
    timeline."""
    from newsprism.cli.show_story import find_story
    from newsprism.cluster import stories
    from newsprism.export import brief_json, brief_markdown
    from newsprism.report import story_view

    with store_at(db) as store:
        found = find_story(stories(store), story)
        if found is None:
            raise fail(f"no story matches {story!r}; `newsprism stories` lists them")
        view = story_view(store, found)
    if format is ExportFormat.json:
        text = json.dumps(brief_json(view), ensure_ascii=False, indent=2)
    else:
        text = brief_markdown(view)
    emit(text, output, f"the brief of {found.id}")
