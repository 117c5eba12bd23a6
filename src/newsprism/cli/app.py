"""The ``newsprism`` command: a thin typer layer over the library, one file per command."""

from __future__ import annotations

import typer

from newsprism._version import __version__
from newsprism.cli.analyze import analyze_cli
from newsprism.cli.brief import brief_cli
from newsprism.cli.compare import compare_cli
from newsprism.cli.eval_clean import eval_clean_cli
from newsprism.cli.eval_compare import eval_compare_cli
from newsprism.cli.eval_conflicts import eval_conflicts_cli
from newsprism.cli.eval_convert import convert_app
from newsprism.cli.eval_corpus import eval_corpus_cli
from newsprism.cli.eval_extract import eval_extract_cli
from newsprism.cli.eval_quotes import eval_quotes_cli
from newsprism.cli.eval_similarity import eval_similarity_cli
from newsprism.cli.eval_stories import eval_stories_cli
from newsprism.cli.eval_summaries import eval_summaries_cli
from newsprism.cli.eval_timeline import eval_timeline_cli
from newsprism.cli.export import export_cli
from newsprism.cli.report_html import report_cli
from newsprism.cli.search import search_cli
from newsprism.cli.serve import serve_cli
from newsprism.cli.show import show_cli
from newsprism.cli.stories import stories_cli
from newsprism.cli.watch import watch_cli

__all__ = ["app", "eval_app", "main"]

app = typer.Typer(
    name="newsprism",
    help="One news story through every outlet that covered it.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
eval_app = typer.Typer(
    help="Score newsprism against labelled data, beside peer baselines.", no_args_is_help=True
)
app.add_typer(eval_app, name="eval")

app.command("analyze")(analyze_cli)
app.command("show")(show_cli)
app.command("search")(search_cli)
app.command("export")(export_cli)
app.command("stories")(stories_cli)
app.command("compare")(compare_cli)
app.command("brief")(brief_cli)
app.command("serve")(serve_cli)
app.command("report")(report_cli)
app.command("watch")(watch_cli)
eval_app.command("clean")(eval_clean_cli)
eval_app.command("compare")(eval_compare_cli)
eval_app.command("conflicts")(eval_conflicts_cli)
eval_app.command("corpus")(eval_corpus_cli)
eval_app.command("extract")(eval_extract_cli)
eval_app.command("quotes")(eval_quotes_cli)
eval_app.command("stories")(eval_stories_cli)
eval_app.command("similarity")(eval_similarity_cli)
eval_app.command("summaries")(eval_summaries_cli)
eval_app.command("timeline")(eval_timeline_cli)
eval_app.add_typer(convert_app, name="convert")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"newsprism {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", help="Print the version and exit.", callback=_version, is_eager=True
    ),
) -> None:
    """One news story through every outlet that covered it."""


def main() -> None:
    """Entry point of the ``newsprism`` script."""
    app()
