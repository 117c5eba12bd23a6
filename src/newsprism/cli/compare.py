"""`newsprism compare STORY --format json|md`: what the outlets of a story agree and differ on."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from newsprism.cli.common import DbOption, emit, fail, store_at
from newsprism.cli.export import ExportFormat

__all__ = ["compare_cli"]


def compare_cli(
    story: Annotated[str, typer.Argument(help="A story or event id, or a unique prefix.")],
    format: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="md (for reading) or json (spans).")
    ] = ExportFormat.md,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    db: DbOption = Path("newsprism.db"),
) -> None:
    """Coverage, corroborated facts, conflicts, exclusives and statements of one story."""
    from newsprism.cli.show_story import find_story
    from newsprism.cluster import stories
    from newsprism.export import comparison_json, comparison_markdown
    from newsprism.report import story_view

    with store_at(db) as store:
        found = find_story(stories(store), story)
        if found is None:
            raise fail(f"no story matches {story!r}; `newsprism stories` lists them")
        view = story_view(store, found)
    if format is ExportFormat.json:
        text = json.dumps(comparison_json(view), ensure_ascii=False, indent=2)
    else:
        text = comparison_markdown(view)
    emit(text, output, f"the comparison of {found.id}")
