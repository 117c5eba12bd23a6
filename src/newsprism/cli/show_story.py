"""The story view of `newsprism show`: articles by event and syndication group."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table

from newsprism.records import Article, Assignment, Event, Span, Story
from newsprism.safe import safe_record
from newsprism.store import Store

if TYPE_CHECKING:
    from newsprism.report import StoryView

__all__ = ["STORY_SECTIONS", "find_event", "find_story", "render_story", "story_view_at"]

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


def find_event(story: Story, key: str) -> Event | None:
    """The event of ``story`` whose id is ``key`` or starts with it (None when ``key`` names the
    storyline itself)."""
    if story.id.startswith(key):
        return None
    hits = [e for e in story.events if e.id.startswith(key)]
    return hits[0] if len(hits) == 1 else None


def story_view_at(db: Path, key: str) -> StoryView:
    """The story or event ``key`` names in the store at ``db``, loaded and compared; exits
    when none.

    An event id scopes the view to that event: its articles alone are compared and briefed.
    """
    from newsprism.cli.common import fail, store_at
    from newsprism.cluster import stories
    from newsprism.report import story_view

    with store_at(db) as store:
        found = find_story(stories(store), key)
        if found is None:
            raise fail(f"no story matches {key!r}; `newsprism stories` lists them")
        return story_view(store, found, find_event(found, key))


def render_story(console: Console, store: Store, story: Story) -> None:
    """Print a story: its events in date order, each with its articles and copies."""
    from newsprism.cluster import load_assignments

    assignments: dict[str, Assignment] = load_assignments(store)
    ids = [doc for event in story.events for doc in event.articles]
    articles = {doc: safe_record(store.article(doc)) for doc in ids}  # no control codes
    outlets = sorted({a.outlet for a in articles.values() if a.outlet})
    unknown = sum(1 for a in articles.values() if not a.outlet)
    if story.first is None:
        span = "undated"
    else:
        span = f"{story.first} to {story.last}" if story.first != story.last else f"{story.first}"
    named = ", ".join([*outlets, *([f"{unknown} of unknown outlet"] if unknown else [])])
    console.print(f"[bold]{story.label}[/bold]  [dim]{story.id}[/dim]")
    console.print(f"{len(ids)} article(s) from {len(outlets)} outlet(s), {span}: {named}")
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
                article.source_name,
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


def _comparison_section(console: Console, store: Store, story: Story, _: object) -> None:
    """Who said what, figures, and what the outlets agree and differ on."""
    from newsprism.report import story_view

    view = safe_record(story_view(store, story))  # no control codes from the pages
    c = view.comparison
    if view.extractions:
        speakers: dict[str, list[tuple[str, str]]] = {}
        outlets = {a.doc_id: a.source_name for a in view.articles}
        for extraction in view.extractions:
            for quote in extraction.quotes:
                name = quote.speaker or "(unattributed)"
                speakers.setdefault(name, []).append((outlets[extraction.doc_id], quote.text))
        table = Table(title="Who said what", title_justify="left", expand=True)
        # The quote keeps most of the width: a long speaker description or file name wraps
        # instead of squeezing every quote to an ellipsis at 80 columns.
        table.add_column("speaker", ratio=1, max_width=24, overflow="fold")
        table.add_column("outlet", max_width=16, overflow="fold")
        table.add_column("quote", ratio=3, min_width=30)
        for name, said in sorted(speakers.items(), key=lambda item: -len(item[1])):
            for i, (outlet, text) in enumerate(said):
                table.add_row(name if i == 0 else "", outlet, " ".join(text.split()))
        console.print(table)
    titles = {
        "conflict": ("Conflicting figures", "red"),
        "corroborated": ("Corroborated by independent sources", "green"),
        "update": ("Updates of one count across events", "magenta"),
        "statement": ("One statement, several renderings", "cyan"),
        "exclusive": ("Figures only one source reports", "yellow"),
    }
    events = {e.id: e for e in story.events} if len(story.events) > 1 else {}
    for kind, (title, colour) in titles.items():
        findings = c.of_kind(kind)
        if not findings:
            continue
        table = Table(title=f"[{colour}]{title}[/{colour}]", title_justify="left", expand=True)
        # A long label (a statement's words) wraps in its column; the sources' words keep room.
        table.add_column("what", ratio=1, max_width=28, overflow="fold")
        table.add_column("sources", justify="right", no_wrap=True)
        table.add_column("each source's words (document: span)", ratio=3, min_width=28)
        table.add_column("note", ratio=1, style="dim", overflow="fold")
        for f in findings:
            cites = "\n".join(
                f"{x.outlet}: \u201c{' '.join(x.text.split())}\u201d "
                f"[dim]{x.doc_id[:8]}:{x.span.start}-{x.span.end}[/dim]"
                for x in f.citations
            )
            # A storyline's findings are each of one event: say which.
            event = events.get(f.event)
            where = f"\n[dim]{event.date or 'undated'}: {event.label[:40]}[/dim]" if event else ""
            table.add_row(f.what + where, str(f.sources), cites, f.note)
        console.print(table)
    for framing in c.framing:
        terms = ", ".join(t.term for t in framing.terms)
        console.print(f"[bold]{framing.outlet}[/bold] frames it as: {terms}")


def _brief_section(console: Console, store: Store, story: Story, _: object) -> None:
    """The neutral brief, each sentence with its citations, and the timeline."""
    from newsprism.report import story_view

    view = safe_record(story_view(store, story))  # no control codes from the pages
    outlets = {a.doc_id: a.source_name for a in view.articles}

    def cites(spans: Sequence[Span]) -> str:
        return "; ".join(f"{outlets.get(s.doc_id, '?')} {s.doc_id[:8]}:{s.start}-{s.end}"
                         for s in spans)  # fmt: skip

    table = Table(title="[bold]Brief[/bold]", title_justify="left", expand=True, show_header=False)
    table.add_column("sentence", ratio=3)
    table.add_column("cited", ratio=1, style="dim")
    for sentence in view.brief.sentences:
        table.add_row(sentence.text, cites(sentence.citations))
    console.print(table)
    if view.brief.timeline:
        table = Table(title="[bold]Timeline[/bold]", title_justify="left", expand=True)
        table.add_column("date", no_wrap=True)
        table.add_column("what", ratio=3)
        table.add_column("cited", ratio=1, style="dim")
        for entry in view.brief.timeline:
            when = entry.date.isoformat() if entry.date else "undated"
            if entry.background:
                when += "\n[dim](background)[/dim]"
            # The first span is the sentence's own; the others only date the same event.
            cited = cites(entry.citations[:1])
            if len(entry.citations) > 1:
                cited += f"\nalso dated by: {cites(entry.citations[1:])}"
            table.add_row(when, entry.what, cited)
        console.print(table)


STORY_SECTIONS.append(_comparison_section)
STORY_SECTIONS.append(_brief_section)
