"""`newsprism brief STORY --format md|json`: a story's neutral, cited brief and its timeline."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from newsprism.cli.common import DbOption, OutputOption, emit
from newsprism.cli.export import ExportFormat

__all__ = ["brief_cli"]


def brief_cli(
    story: Annotated[str, typer.Argument(help="A story or event id, or a unique prefix.")],
    format: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="md (for reading) or json (spans).")
    ] = ExportFormat.md,
    output: OutputOption = None,
    db: DbOption = Path("newsprism.db"),
    json_output: Annotated[bool, typer.Option("--json", help="The same as --format json.")] = False,
) -> None:
    """The story in 5 to 10 cited source sentences (facts, positions, conflicts) and its
    timeline."""
    from newsprism.cli.show_story import story_view_at
    from newsprism.render import brief_json, brief_markdown

    view = story_view_at(db, story)
    if json_output or format is ExportFormat.json:
        text = json.dumps(brief_json(view), ensure_ascii=False, indent=2)
    else:
        text = brief_markdown(view)
    emit(text, output, f"the brief of {view.key}")
