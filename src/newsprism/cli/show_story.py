"""The story view of `newsprism show`: articles by event and syndication group."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.console import Console
from rich.table import Table

from newsprism.records import Article, Assignment, Story
from newsprism.store import Store

__all__ = ["STORY_SECTIONS", "find_story", "render_story"]

Section = Callable[[Console, Store, Story, dict[str, Article]], None]
STORY_SECTIONS: list[Section] = []
"""Further sections of the story view (who said what, figures, comparison), in order."""


def find_story(stories: Sequence[Story], key: str) -> Story | None:
    """The story whose id, or one of whose event ids, is ``key`` or starts with it."""
    if len(key) < 4:
        return None
    hits = [
        s for s in stories if s.id.startswith(key) or any(e.id.startswith(key) for e in s.events)
    ]
    return hits[0] if len(hits) == 1 else None


def render_story(console: Console, store: Store, story: Story) -> None:
    """Print a story: its events in date order, each with its articles and copies."""
    from newsprism.cluster import load_assignments

    assignments: dict[str, Assignment] = load_assignments(store)
    ids = [doc for event in story.events for doc in event.articles]
    articles = {doc: store.article(doc) for doc in ids}
    outlets = sorted({a.outlet for a in articles.values() if a.outlet})
    span = f"{story.first} to {story.last}" if story.first != story.last else f"{story.first}"
    console.print(f"[bold]{story.label}[/bold]  [dim]{story.id}[/dim]")
    console.print(
        f"{len(ids)} article(s) from {len(outlets)} outlet(s), {span}: {', '.join(outlets)}"
    )
    for event in sorted(story.events, key=lambda e: (e.date is None, e.date, e.id)):
        table = Table(
            title=f"{event.date or 'undated'}  {event.label}  [dim]{event.id}[/dim]",
            title_justify="left",
            expand=True,
        )
        table.add_column("id", style="dim", no_wrap=True)
        table.add_column("outlet")
        table.add_column("published", no_wrap=True)
        table.add_column("source", no_wrap=True)
        table.add_column("headline", ratio=1)
        for doc in event.articles:
            article = articles[doc]
            assignment = assignments.get(doc)
            date = article.published.date.isoformat() if article.published.date else "?"
            table.add_row(
                doc[:8],
                article.outlet or "?",
                date,
                _source(article, assignment),
                article.title,
            )
        console.print(table)
    for section in STORY_SECTIONS:
        section(console, store, story, articles)


def _source(article: Article, assignment: Assignment | None) -> str:
    """How the article counts as a source: its own, a copy in a group, or a wire story."""
    if assignment is not None and assignment.kind == "copy" and assignment.syndication_id:
        return f"copy ({assignment.syndication_id[:10]})"
    if assignment is not None and assignment.syndication_id:
        return f"original ({assignment.syndication_id[:10]})"
    if article.wire_agency and article.wire_agency != article.outlet:
        return f"wire: {article.wire_agency}"
    return "own"
