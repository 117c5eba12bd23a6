"""The story view of `newsprism show`: articles by event and syndication group, then the
stored comparison and brief."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from newsprism.cli.common import narrow
from newsprism.cli.story_list import alike, list_articles, list_brief, list_comparison
from newsprism.records import Article, Assignment, Citation, Span
from newsprism.safe import one_line, safe
from newsprism.views import StoryView

__all__ = [
    "MAX_CITED",
    "MAX_FINDINGS",
    "STORY_SECTIONS",
    "render_story",
    "story_json",
    "story_view_at",
]

MAX_CITED = 4
"""Wordings shown per finding: the terminal view is an overview, and a finding of a story of
fifty articles can cite every one; `newsprism compare` lists them all."""

MAX_FINDINGS = 12
"""Findings shown per kind (those in the same words in several copies counted as one): a
story of fifty articles has a hundred single-source figures; `newsprism compare` lists them."""

Section = Callable[[Console, StoryView], None]
STORY_SECTIONS: list[Section] = []
"""Further sections of the story view (who said what, figures, comparison), in order; each
prints from the story's view (loaded once, as stored)."""


def story_view_at(db: Path, key: str) -> StoryView:
    """The story or event ``key`` names in the store at ``db``, its view as stored (computed
    and stored when the story changed since); exits when none.

    An event id scopes the view to that event: its articles alone are compared and briefed.
    """
    from newsprism.cli.common import fail, store_at
    from newsprism.views import find_view_key, load_view

    with store_at(db) as store:
        found = find_view_key(store, key)
        if found is None:
            raise fail(f"no story matches {key!r}; `newsprism stories` lists them")
        return load_view(store, *found)


def render_story(console: Console, view: StoryView, assignments: Mapping[str, Assignment]) -> None:
    """Print a storyline's view: its events in date order, each with its articles and copies
    (``assignments`` say which are copies), then the :data:`STORY_SECTIONS`."""
    story = view.story
    ids = [doc for event in story.events for doc in event.articles]
    articles = {a.doc_id: a for a in view.articles}
    outlets = sorted({a.outlet for a in articles.values() if a.outlet})
    unknown = sum(1 for a in articles.values() if not a.outlet)
    if story.first is None:
        span = "undated"
    else:
        span = f"{story.first} to {story.last}" if story.first != story.last else f"{story.first}"
    unnamed = [f"{unknown} of unknown outlet"] if unknown else []
    named = ", ".join([*map(_line, outlets), *unnamed])
    console.print(f"[bold]{_line(story.label)}[/bold]  [dim]{_line(story.id)}[/dim]")
    console.print(f"{len(ids)} article(s) from {len(outlets)} outlet(s), {span}: {named}")
    if narrow(console):
        list_articles(console, view, assignments, _source)
    for event in (
        []
        if narrow(console)
        else sorted(story.events, key=lambda e: (e.date is None, e.date, e.id))
    ):
        table = Table(
            title=f"{event.date or 'undated'}  {_line(event.label)}  [dim]{_line(event.id)}[/dim]",
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
                _line(doc[:8]),
                _line(article.source_name),
                date,
                _line(_source(article, assignment)),
                _line(article.title),
            )
        console.print(table)
    for section in STORY_SECTIONS:
        section(console, view)


def story_json(view: StoryView, assignments: Mapping[str, Assignment]) -> dict[str, object]:
    """What `show STORY` prints, as JSON-ready data: the storyline, each article with how it
    counts as a source, then the comparison and the brief with their spans."""
    from newsprism.render import comparison_json

    articles = [
        {
            "id": a.doc_id,
            "outlet": a.outlet,
            "published": a.published.date.isoformat() if a.published.date else None,
            "title": a.title,
            "source": a.source,
            "counts_as": _source(a, assignments.get(a.doc_id)),
        }
        for a in view.articles
    ]
    return {**comparison_json(view), "articles": articles}


def _source(article: Article, assignment: Assignment | None) -> str:
    """How the article counts as a source: its own, a copy in a group, or a wire story."""
    if assignment is not None and assignment.kind == "copy" and assignment.syndication_id:
        return f"copy ({assignment.syndication_id[:10]})"
    if assignment is not None and assignment.syndication_id:
        return f"original ({assignment.syndication_id[:10]})"
    if article.wire_agency and article.wire_agency != article.outlet:
        return f"wire: {article.wire_agency}"
    return "own"


_TITLES = {
    "conflict": ("Conflicting figures", "red"),
    "corroborated": ("Corroborated by independent sources", "green"),
    "update": ("Updates of one count across events", "magenta"),
    "statement": ("One statement, several renderings", "cyan"),
    "exclusive": ("Figures only one source reports", "yellow"),
}
"""The kinds of finding the story view shows, in order, with their titles and colours."""


def _comparison_section(console: Console, view: StoryView) -> None:
    """Who said what, figures, and what the outlets agree and differ on."""
    if narrow(console):
        list_comparison(console, view, _TITLES)
        return
    story = view.story
    c = view.comparison
    if view.extractions:
        # One row per speaker and wording: the outlets that carry the same words (syndicated
        # copies, a quote every outlet ran) are listed together, each once with its count.
        speakers: dict[str, dict[str, list[str]]] = {}
        outlets = {a.doc_id: a.source_name for a in view.articles}
        for extraction in view.extractions:
            for quote in extraction.quotes:
                name = quote.speaker or "(unattributed)"
                words = " ".join(quote.text.split())
                carried = speakers.setdefault(name, {}).setdefault(words, [])
                carried.append(outlets[extraction.doc_id])
        table = Table(title="Who said what", title_justify="left", expand=True)
        # The quote keeps most of the width: a long speaker description or file name wraps
        # instead of squeezing every quote to an ellipsis at 80 columns.
        table.add_column("speaker", ratio=1, max_width=24, overflow="fold")
        table.add_column("outlet", max_width=16, overflow="fold")
        table.add_column("quote", ratio=3, min_width=30)
        ranked = sorted(speakers.items(), key=lambda item: -sum(map(len, item[1].values())))
        for name, said in ranked:
            for i, (words, carriers) in enumerate(said.items()):
                table.add_row(_line(name) if i == 0 else "", _line(_counted(carriers)),
                              _text(words))  # fmt: skip
        console.print(table)
    events = {e.id: e for e in story.events} if len(story.events) > 1 else {}
    for kind, (title, colour) in _TITLES.items():
        findings = c.of_kind(kind)
        if not findings:
            continue
        table = Table(title=f"[{colour}]{title}[/{colour}]", title_justify="left", expand=True)
        # A long label (a statement's words) wraps in its column; the sources' words keep room.
        table.add_column("what", ratio=1, max_width=28, overflow="fold")
        table.add_column("sources", justify="right", no_wrap=True)
        table.add_column("each source's words (document: span)", ratio=3, min_width=28)
        table.add_column("note", ratio=1, style="dim", overflow="fold")
        groups = alike(findings)
        for same in groups[:MAX_FINDINGS]:
            f = same[0]
            cites = "\n".join(_citation_lines(f.citations))
            # A storyline's findings are each of one event: say which.
            event = events.get(f.event)
            label = f"{event.date or 'undated'}: {_line(event.label[:40])}" if event else ""
            where = f"\n[dim]{label}[/dim]" if event else ""
            alike_note = (
                f"\n[dim]the same words in {len(same)} articles[/dim]" if len(same) > 1 else ""
            )
            table.add_row(_text(f.what) + where, str(f.sources), cites, _text(f.note) + alike_note)
        console.print(table)
        if len(groups) > MAX_FINDINGS:
            more = len(groups) - MAX_FINDINGS
            console.print(
                f"[dim]and {more} more; `newsprism compare {_line(story.id)}` lists them all[/dim]"
            )
    for framing in c.framing:
        terms = ", ".join(t.term for t in framing.terms)
        console.print(f"[bold]{_line(framing.outlet)}[/bold] frames it as: {_line(terms)}")


def _text(value: object) -> str:
    """Page text for the terminal: no control codes (shown as visible characters), no markup."""
    return escape(safe(value))


def _line(value: object) -> str:
    """A name or label from the pages on one line: no control codes, no markup."""
    return escape(one_line(value))


def _counted(names: Sequence[str]) -> str:
    """Names in first-seen order, each once, with how many times it occurs when more than one."""
    counts = Counter(names)
    return ", ".join(f"{n} \u00d7{counts[n]}" if counts[n] > 1 else n for n in counts)


def _citation_lines(citations: Sequence[Citation]) -> list[str]:
    """One line per outlet and wording, cited by its first span; copies of the same words in
    the same outlet's articles (a syndicated story) are counted, not repeated."""
    groups: dict[tuple[str, str], list[Citation]] = {}
    for cite in citations:
        groups.setdefault((cite.outlet, " ".join(cite.text.split())), []).append(cite)
    lines = []
    for (outlet, words), same in list(groups.items())[:MAX_CITED]:
        x = same[0]
        more = f" (and {len(same) - 1} more)" if len(same) > 1 else ""
        lines.append(
            f"{_line(outlet)}: \u201c{_text(words)}\u201d "
            f"[dim]{x.doc_id[:8]}:{x.span.start}-{x.span.end}{more}[/dim]"
        )
    if len(groups) > MAX_CITED:
        rest = list(groups.values())[MAX_CITED:]
        cited = sum(map(len, rest))
        lines.append(f"[dim]and {cited} more citation(s) of {len(rest)} other wording(s)[/dim]")
    return lines


def _brief_section(console: Console, view: StoryView) -> None:
    """The neutral brief, each sentence with its citations, and the timeline."""
    if narrow(console):
        list_brief(console, view)
        return
    outlets = {a.doc_id: a.source_name for a in view.articles}

    def cites(spans: Sequence[Span]) -> str:
        return "; ".join(f"{_line(outlets.get(s.doc_id, '?'))} {s.doc_id[:8]}:{s.start}-{s.end}"
                         for s in spans)  # fmt: skip

    table = Table(title="[bold]Brief[/bold]", title_justify="left", expand=True, show_header=False)
    table.add_column("sentence", ratio=3)
    table.add_column("cited", ratio=1, style="dim")
    for sentence in view.brief.sentences:
        table.add_row(_text(sentence.text), cites(sentence.citations))
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
                also = entry.citations[1 : 1 + MAX_CITED]
                more = len(entry.citations) - 1 - len(also)
                cited += f"\nalso dated by: {cites(also)}" + (f"; and {more} more" if more else "")
            table.add_row(when, _text(entry.what), cited)
        console.print(table)


STORY_SECTIONS.append(_comparison_section)
STORY_SECTIONS.append(_brief_section)
