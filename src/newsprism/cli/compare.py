"""`newsprism compare STORY --format json|md`: what the outlets of a story agree and differ on."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from newsprism.cli.common import DbOption, OutputOption, emit
from newsprism.cli.export import ExportFormat

__all__ = ["compare_cli"]


def compare_cli(
    story: Annotated[str, typer.Argument(help="A story or event id, or a unique prefix.")],
    format: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="md (for reading) or json (spans).")
    ] = ExportFormat.md,
    output: OutputOption = None,
    db: DbOption = Path("newsprism.db"),
    json_output: Annotated[bool, typer.Option("--json", help="The same as --format json.")] = False,
) -> None:
    """Coverage, corroborated facts, conflicts, exclusives and statements of one story."""
    from newsprism.cli.show_story import story_view_at
    from newsprism.render import comparison_json, comparison_markdown

    view = story_view_at(db, story)
    if json_output or format is ExportFormat.json:
        text = json.dumps(comparison_json(view), ensure_ascii=False, indent=2)
    else:
        text = comparison_markdown(view)
    emit(text, output, f"the comparison of {view.key}")
