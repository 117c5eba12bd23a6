"""The story view of `newsprism show` below :data:`~newsprism.cli.common.NARROW_WIDTH`
columns: one block per row instead of a table, no borders, each line cut to the width with an
ellipsis where a table would squeeze a column to nothing.

At 80 columns a five-column table of a 50-article story ran to a thousand lines, many of them
an empty ``│ … │``: its text columns collapsed. Here every article is one line and every
finding a heading with its citations under it, so that a story of fifty articles reads in a few
screens; `newsprism compare STORY` lists every finding in full.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from rich.console import Console
from rich.padding import Padding
from rich.text import Text

from newsprism.records import Article, Assignment, Citation, Event, Finding, Span
from newsprism.safe import one_line
from newsprism.views import StoryView

__all__ = [
    "MAX_LISTED_FINDINGS",
    "MAX_LISTED_QUOTES",
    "MAX_LISTED_TIMELINE",
    "alike",
    "list_articles",
    "list_brief",
    "list_comparison",
]

MAX_LISTED_FINDINGS = 5
"""Findings listed per kind: the overview's share of a small screen; the rest are counted."""
MAX_LISTED_QUOTES = 12
"""Wordings listed under "Who said what", most carried first."""
MAX_LISTED_TIMELINE = 10
"""Timeline entries listed."""
MAX_LISTED_CITES = 2
"""Citations listed per finding (the wide view lists four)."""


def _fit(console: Console, text: str, indent: int = 0, lines: int = 1) -> Padding:
    """``text`` indented, on at most ``lines`` lines of the console's width as the console
    wraps it (at words), cut after the last word that fits, with an ellipsis."""
    width = max(20, console.width - indent)
    flat = " ".join(one_line(text).split())

    def fits(candidate: str) -> bool:
        return len(Text(candidate).wrap(console, width)) <= lines

    shown = flat
    if not fits(flat):
        # The most words that, wrapped as the console wraps them, fit with the ellipsis.
        words = flat.split(" ")
        low, high = 0, len(words) - 1
        while low < high:
            mid = (low + high + 1) // 2
            if fits(" ".join(words[:mid]) + "\u2026"):
                low = mid
            else:
                high = mid - 1
        shown = " ".join(words[:low]) + "\u2026" if low else flat[: width * lines - 1] + "\u2026"
    return Padding(Text(shown), (0, 0, 0, indent), expand=False)


def _more(console: Console, shown: int, total: int, what: str, where: str) -> None:
    if total > shown:
        console.print(Text(f"  and {total - shown} more {what}; {where}", style="dim"))


def list_articles(
    console: Console,
    view: StoryView,
    assignments: Mapping[str, Assignment],
    source: Callable[[Article, Assignment | None], str],
) -> None:
    """Each event's title, then one line per article: id, outlet, date, source, headline."""
    articles = {a.doc_id: a for a in view.articles}
    # Outlets padded to the longest (at most 16 columns), so that dates and headlines align;
    # the line's article id tells articles of unknown outlet apart.
    pad = min(16, max((len(_outlet(a)) for a in view.articles), default=0))
    for event in sorted(view.story.events, key=lambda e: (e.date is None, e.date, e.id)):
        title = Text(f"{event.date or 'undated'}  ", style="bold")
        title.append(one_line(event.label), style="bold")
        title.append(f"  {event.id}", style="dim")
        console.print(title, overflow="ellipsis", no_wrap=True, crop=True)
        for doc in event.articles:
            article = articles[doc]
            date = article.published.date.isoformat() if article.published.date else "?"
            # "original (syn-…)" / "copy (syn-…)": the kind alone; the group is in --json.
            how = source(article, assignments.get(doc)).split(" (")[0]
            line = Text(f"  {doc[:8]} ", style="dim")
            line.append(f"{_outlet(article)[:16]:<{pad}}  {date}  ")
            line.append(f"{one_line(how)}  ", style="dim")
            line.append(one_line(article.title))
            console.print(line, overflow="ellipsis", no_wrap=True, crop=True)


def _outlet(article: Article) -> str:
    return one_line(article.outlet) if article.outlet else "unknown outlet"


def list_comparison(
    console: Console, view: StoryView, titles: Mapping[str, tuple[str, str]]
) -> None:
    """Who said what, then each kind of finding as headings with their citations."""
    story = view.story
    if view.extractions:
        outlets = {a.doc_id: a.source_name for a in view.articles}
        said: dict[tuple[str, str], list[str]] = {}
        for extraction in view.extractions:
            for quote in extraction.quotes:
                key = (quote.speaker or "(unattributed)", " ".join(quote.text.split()))
                said.setdefault(key, []).append(outlets[extraction.doc_id])
        if said:
            console.print(Text("Who said what", style="bold"))
            # The most carried wordings, grouped under their speaker (most quoted first).
            ranked = sorted(said.items(), key=lambda item: -len(item[1]))[:MAX_LISTED_QUOTES]
            speakers: dict[str, list[tuple[str, list[str]]]] = {}
            for (speaker, words), carriers in ranked:
                speakers.setdefault(speaker, []).append((words, carriers))
            for speaker, wordings in speakers.items():
                console.print(_fit(console, f"{speaker}:", 2), style="bold")
                for words, carriers in wordings:
                    line = f"\u201c{words}\u201d ({_counted(carriers)})"
                    console.print(_fit(console, line, 4, lines=2))
            _more(console, MAX_LISTED_QUOTES, len(said), "wording(s)", "`newsprism export`")
    events = {e.id: e for e in story.events} if len(story.events) > 1 else {}
    for kind, (title, colour) in titles.items():
        findings = view.comparison.of_kind(kind)
        if not findings:
            continue
        console.print(Text(f"{title} ({len(findings)})", style=f"bold {colour}"))
        same = alike(findings)
        for group in same[:MAX_LISTED_FINDINGS]:
            _finding(console, group[0], events, len(group))
        _more(
            console,
            MAX_LISTED_FINDINGS,
            len(same),
            "finding(s)",
            f"`newsprism compare {story.id}`",
        )
    for framing in view.comparison.framing:
        terms = ", ".join(t.term for t in framing.terms)
        console.print(_fit(console, f"{framing.outlet} frames it as: {terms}", lines=2))


def alike(findings: Sequence[Finding]) -> list[list[Finding]]:
    """The findings grouped when they say the same in the same words (the copies of one
    article each report its figures), in first-seen order."""
    same: dict[tuple[str, str, frozenset[tuple[str, str]]], list[Finding]] = {}
    for f in findings:
        worded = frozenset((c.outlet, " ".join(c.text.split())) for c in f.citations)
        same.setdefault((f.what, f.event, worded), []).append(f)
    return list(same.values())


def _counted(names: Sequence[str]) -> str:
    """Names each once, sorted, with how many times when more than one."""
    counts: dict[str, int] = {}
    for name in names:
        counts[name] = counts.get(name, 0) + 1
    return ", ".join(f"{n} \u00d7{k}" if k > 1 else n for n, k in sorted(counts.items()))


def _finding(
    console: Console, finding: Finding, events: Mapping[str, Event], times: int = 1
) -> None:
    event = events.get(finding.event)
    where = f" [{event.date or 'undated'}]" if event is not None else ""
    also = f"; the same words in {times} articles" if times > 1 else ""
    head = f"{finding.what} ({finding.sources} source(s){also}){where}"
    console.print(_fit(console, head, 2, lines=2))
    groups: dict[tuple[str, str], list[Citation]] = {}
    for cite in finding.citations:
        groups.setdefault((cite.outlet, " ".join(cite.text.split())), []).append(cite)
    for (outlet, words), same in list(groups.items())[:MAX_LISTED_CITES]:
        x = same[0]
        more = f" (+{len(same) - 1})" if len(same) > 1 else ""
        where_at = f"{x.doc_id[:8]}:{x.span.start}-{x.span.end}{more}"
        console.print(_fit(console, f"{outlet}: \u201c{words}\u201d {where_at}", 4))
    if len(groups) > MAX_LISTED_CITES:
        rest = len(groups) - MAX_LISTED_CITES
        console.print(Text(f"    and {rest} other wording(s)", style="dim"))
    if finding.note:
        console.print(_fit(console, finding.note, 4), style="dim")


def list_brief(console: Console, view: StoryView) -> None:
    """The brief's sentences, each with its sources, then the timeline, one entry a line."""
    outlets = {a.doc_id: a.source_name for a in view.articles}

    def cites(spans: Sequence[Span]) -> str:
        # Copies cite the same sentence: each outlet once, by its first article, counted.
        first: dict[str, list[str]] = {}
        for span in spans:
            first.setdefault(outlets.get(span.doc_id, "?"), []).append(span.doc_id[:8])
        return "; ".join(f"{o} {ids[0]}" + (f" +{len(ids) - 1}" if len(ids) > 1 else "")
                         for o, ids in first.items())  # fmt: skip

    if view.brief.sentences:
        console.print(Text("Brief", style="bold"))
        for sentence in view.brief.sentences:
            text = Text("\u2022 ")
            text.append(" ".join(one_line(sentence.text).split()))
            text.append(f"  [{one_line(cites(sentence.citations))}]", style="dim")
            console.print(text)
    if view.brief.timeline:
        console.print(Text("Timeline", style="bold"))
        for entry in view.brief.timeline[:MAX_LISTED_TIMELINE]:
            when = entry.date.isoformat() if entry.date else "undated"
            mark = " (background)" if entry.background else ""
            console.print(_fit(console, f"{when}{mark}  {entry.what}", 2, lines=2))
        _more(
            console,
            MAX_LISTED_TIMELINE,
            len(view.brief.timeline),
            "dated event(s)",
            f"`newsprism brief {view.story.id}`",
        )
