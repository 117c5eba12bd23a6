"""The one-screen digest `analyze` ends with: per story, outlets, conflicts, top facts, and the
story's brief."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.text import Text

from newsprism.safe import safe
from newsprism.views import StoryView

__all__ = ["print_digest"]

TOP_FACTS = 3
"""Corroborated facts shown per story in the digest."""


def _cited(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def print_digest(console: Console, views: list[StoryView]) -> None:
    """One panel per story: who covered it, what conflicts, what independent sources agree on,
    ending with the story's cited brief."""
    for view in views:
        c = view.comparison
        body = Text()
        named = {a.doc_id for a in view.articles if a.outlet}
        read = [cv for cv in c.coverage if not cv.lead]
        # A source of unknown outlet is named by its file in the comparison; in one line of
        # outlets a file name would read as a publisher, so such sources are counted.
        outlets = [cv.outlet for cv in read if set(cv.articles) & named]
        unknown = len(read) - len(outlets)
        leads = [cv.outlet for cv in c.coverage if cv.lead]
        body.append("Outlets: ", style="bold")
        body.append(", ".join(outlets))
        if unknown:
            body.append(f"{', ' if outlets else ''}{unknown} source(s) of unknown outlet")
        if leads:
            body.append(f"  (also covered by: {', '.join(leads)})", style="dim")
        for finding in c.of_kind("conflict"):
            body.append("\nConflict: ", style="bold red")
            body.append(f"{finding.what}: ")
            body.append(" vs ".join(f"{x.outlet} \u201c{_cited(x.context or x.text)}\u201d"
                                    for x in finding.citations))  # fmt: skip
            if finding.note:
                body.append(f"\n  {finding.note}", style="dim")
        for finding in c.of_kind("corroborated")[:TOP_FACTS]:
            body.append("\nAgreed: ", style="bold green")
            wording = "; ".join(
                f"\u201c{t}\u201d" for t in sorted({x.text for x in finding.citations})
            )
            body.append(
                f"{finding.what} (written {wording}; {finding.sources} independent sources)"
            )
        statements = c.of_kind("statement")
        if statements:
            body.append(f"\nStatements quoted by several outlets: {len(statements)}", style="bold")
        if view.brief.sentences:
            names = {a.doc_id: a.source_name for a in view.articles}
            body.append("\nBrief:", style="bold")
            for sentence in view.brief.sentences:
                sources = sorted({names.get(s.doc_id, "?") for s in sentence.citations})
                body.append(f"\n\u2022 {' '.join(sentence.text.split())} ")
                body.append(f"[{', '.join(sources)}]", style="dim")
        # Input text is shown, never obeyed: control characters become visible ones (same
        # length, so the styles stay on their words) and markup in a label is escaped.
        body.plain = safe(body.plain)
        title = f"{escape(safe(view.story.label))}  [dim]{view.story.id}[/dim]"
        console.print(Panel(body, title=title, title_align="left"))
        console.print(f"[dim]more: newsprism show {view.story.id}[/dim]")
