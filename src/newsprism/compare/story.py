"""Compare the outlets of one story: coverage, figures, statements, exclusives.

Inputs are typed records only: the story's articles, their extractions, and the syndication
assignments that say which articles are one independent source. Every finding cites the
document and character span of each source's own wording.

The unit of comparison is the event (one thing that happened): a storyline's comparison is
the comparison of each of its events, findings tagged with their event. Figures meet across
events only as the **dated updates of one count** (a death toll of 7 on Monday and 12 on
Wednesday): two events that each agree on their own value of one quantity, with different
values on different days, make an ``update`` finding, never a conflict.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence

from newsprism.clean.lexicon import HEADLINE_OUTLET
from newsprism.compare.figures import (
    LENGTHS,
    FigureReport,
    FigureSet,
    compare_figures,
    context_window,
    reported_once,
)
from newsprism.compare.quantity import WEAK_PREDICATES, predicate_key
from newsprism.compare.statements import quote_groups, statement_quotes, statement_similarity
from newsprism.records import (
    TIME_NAMES,
    Article,
    Assignment,
    Citation,
    Comparison,
    Coverage,
    Event,
    Extraction,
    Finding,
    OutletFraming,
    Quote,
    Role,
    Span,
)

__all__ = ["compare_story", "sentence_around"]

_SENTENCE_END = re.compile(r"(?<=[.!?”\"])\s+(?=[A-Z“\"])")


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` that holds ``[start, end)`` (within its paragraph)."""
    left = max(text.rfind("\n", 0, start), 0)
    right = text.find("\n", end)
    right = len(text) if right < 0 else right
    piece = text[left:right]
    offset = left
    for part in _SENTENCE_END.split(piece):
        at = piece.find(part)
        if offset + at <= start < offset + at + len(part) + 1:
            return part.strip()
    return piece.strip()


def _source_of(doc_id: str, assignments: Mapping[str, Assignment]) -> str:
    assignment = assignments.get(doc_id)
    return assignment.syndication_id if assignment and assignment.syndication_id else doc_id


def _cite(article: Article, span: Span, text: str, source: str) -> Citation:
    context = sentence_around(article.text, span.start, span.end)
    return Citation(article.doc_id, article.source_name, source, text, span, context)


def _coverage(
    articles: Sequence[Article], assignments: Mapping[str, Assignment]
) -> tuple[Coverage, ...]:
    by_outlet: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        by_outlet[article.source_name].append(article)
    rows = []
    for outlet, own in sorted(by_outlet.items()):
        dates = sorted(a.published.date for a in own if a.published.date)
        rows.append(
            Coverage(
                outlet=outlet,
                articles=tuple(a.doc_id for a in own),
                first=dates[0] if dates else None,
                last=dates[-1] if dates else None,
                words=sum(a.words_kept() for a in own),
                wire_agencies=tuple(sorted({a.wire_agency for a in own if a.wire_agency})),
                sources=tuple(sorted({_source_of(a.doc_id, assignments) for a in own})),
            )
        )
    # Outlets named only in related-coverage lists ("Headline — Outlet") are leads.
    known = {outlet.lower() for outlet in by_outlet}
    leads: dict[str, list[Citation]] = defaultdict(list)
    for article in articles:
        for p in article.paragraphs:
            if p.role is not Role.RELATED or not (m := HEADLINE_OUTLET.match(p.text)):
                continue
            name = m.group("outlet").split(",")[-1].strip()  # "Authors, Outlet"
            if name.lower() in known:
                continue
            leads[name].append(_cite(article, p.span, p.text, article.doc_id))
    rows.extend(
        Coverage(name, (), None, None, 0, lead=True, citations=tuple(cites))
        for name, cites in sorted(leads.items())
    )
    return tuple(rows)


def _what(figure_set: FigureSet) -> str:
    """A finding's label: what is counted, then the value ("secret files: 100,000").

    The counted thing names the figure; the verb beside it only when nothing is counted
    ("raised: 10%"), since the verb is not what makes two reports one figure.
    """
    first = figure_set.reports[0].figure
    value = first.normalized or first.text
    if first.kind in TIME_NAMES:
        return f"{TIME_NAMES[first.kind]} {value}"
    if first.kind in LENGTHS:
        return f"{_length_of(figure_set)}: {_singular(value)}"
    if first.kind == "count" and first.high is None and value.isdigit():
        value = f"{int(value):,}"
    # A pronoun ("wounded five of them") names nothing: the act says what the figure is, or
    # another report's counted thing.
    named = (
        r.figure.quantified for r in figure_set.reports if _names_something(r.figure.quantified)
    )
    # A verb that says nothing of the figure ("said: 20 years", "was: 11 years") is no name.
    act = first.predicate if predicate_key(first.predicate) not in WEAK_PREDICATES else None
    if _names_something(first.quantified):
        about = first.quantified or ""
    else:
        about = act or next(named, None) or _KIND_NAMES.get(first.kind, first.kind)
    return f"{about}: {value}"


def _length_of(figure_set: FigureSet) -> str:
    """What a length of time is the length of: "length of conflict" for "more than six
    decades of conflict" (a duration counts no conflicts); when no thing is named, the act
    as it stands ("lasted: 4 hours", "met: 1 month ago"), since whether the act went on for
    that long ("lasted") or came that long after something ("installed one day after") the
    figure does not say."""
    figures = [r.figure for r in figure_set.reports]
    thing = next((f.quantified for f in figures if _names_something(f.quantified)), None)
    acts = (f.predicate for f in figures if predicate_key(f.predicate) not in WEAK_PREDICATES)
    act = next((a for a in acts if a), None)
    if figures[0].kind == "duration" and thing:
        return f"length of {thing}"
    return (thing if figures[0].kind == "ago" else None) or act or _KIND_NAMES[figures[0].kind]


def _singular(value: str) -> str:
    """A normalised length as a reader writes it: "1 month", where the normal form keeps
    its unit plural ("1 months")."""
    return re.sub(r"^(1(?:\.0)?) (\w+?)s\b", r"\1 \2", value)


_KIND_NAMES = {"money": "an amount", "count": "a count", "percent": "a share",
               "duration": "a length of time", "ago": "a time ago", "age": "an age"}  # fmt: skip
_PRONOUNS = frozenset(
    """it its they them their he him his she her we us our you i me this that these those one
    ones""".split()
)


def _names_something(words: str | None) -> bool:
    """Whether ``words`` (a counted thing, a speaker) name something: not empty, not a bare
    pronoun ("them", "it", "they")."""
    return bool(words) and (words or "").strip().lower() not in _PRONOUNS


def _figure_reports(
    articles: Mapping[str, Article],
    extractions: Sequence[Extraction],
    assignments: Mapping[str, Assignment],
) -> list[FigureReport]:
    reports: list[FigureReport] = []
    for extraction in extractions:
        article = articles[extraction.doc_id]
        source = _source_of(article.doc_id, assignments)
        year = article.published.date.year if article.published.date else None
        for figure in extraction.figures:
            window = context_window(article.text, figure.span.start, figure.span.end)
            sentence = sentence_around(article.text, figure.span.start, figure.span.end)
            reports.append(
                FigureReport(figure, article.source_name, source, year, window, sentence)
            )
    return reports


def _figure_finding(
    articles: Mapping[str, Article], figure_set: FigureSet, event: str = ""
) -> Finding:
    citations = tuple(
        _cite(articles[r.figure.span.doc_id], r.figure.span, r.figure.text, r.source)
        for r in figure_set.reports
    )
    return Finding(
        figure_set.verdict, _what(figure_set), citations, figure_set.sources, figure_set.note,
        event,
    )  # fmt: skip


def _figure_findings(
    articles: Mapping[str, Article],
    extractions: Sequence[Extraction],
    assignments: Mapping[str, Assignment],
    event: str = "",
) -> list[Finding]:
    reports = _figure_reports(articles, extractions, assignments)
    return [_figure_finding(articles, s, event) for s in reported_once(compare_figures(reports))]


UPDATE_KINDS = frozenset({"count", "money", "percent"})
"""Figure kinds that can be a running count updated from one event to the next (a toll, a sum
raised, a share counted); a year, a date or a duration is a fact of its own event."""


MAX_UPDATE_REPORTS = 1000
"""Beyond this many counted figures in one storyline the cross-event pass is skipped (it
compares all pairs: about half a million at this size). Set by hand, not calibrated; each event's
own comparison is unaffected."""


def _updates(
    articles: Mapping[str, Article],
    extractions: Sequence[Extraction],
    assignments: Mapping[str, Assignment],
    events: Sequence[Event],
) -> list[Finding]:
    """Dated updates of one count across events: each event agrees on its own value."""
    event_of = {doc: e for e in events for doc in e.articles if e.date is not None}
    # Only counts that name what they count can be followed from day to day; the rest never
    # meet across events, which also keeps the all-pairs comparison small on long storylines.
    reports = [
        r
        for r in _figure_reports(articles, extractions, assignments)
        if r.figure.kind in UPDATE_KINDS
        and r.figure.quantified
        and r.figure.span.doc_id in event_of
    ]
    if len(reports) > MAX_UPDATE_REPORTS:
        return []
    out = []
    for figure_set in compare_figures(reports):
        if figure_set.verdict != "conflict":
            continue  # the same value in two events is each event's own fact
        by_event: dict[str, list[FigureReport]] = defaultdict(list)
        for r in figure_set.reports:
            if r.figure.kind in UPDATE_KINDS and (ev := event_of.get(r.figure.span.doc_id)):
                by_event[ev.id].append(r)
        dated = {e.id: e.date for e in events if e.id in by_event and e.date is not None}
        values = {
            eid: {(r.figure.value, r.figure.high) for r in rs} for eid, rs in by_event.items()
        }
        # One value per event, two or more days, each day a different value.
        if (
            len(dated) < 2
            or len(dated) != len(by_event)
            or any(len(v) != 1 for v in values.values())
            or len(set(dated.values())) != len(dated)
            or len({next(iter(v)) for v in values.values()}) != len(values)
        ):
            continue
        order = sorted(dated, key=lambda eid: dated[eid] or dt.date.min)
        steps = "; ".join(f"{dated[eid]}: {by_event[eid][0].figure.text}" for eid in order)
        update = FigureSet(
            "update", tuple(r for eid in order for r in by_event[eid]), f"updated: {steps}"
        )
        out.append(_figure_finding(articles, update))
    return out


def _statement_findings(
    articles: Mapping[str, Article],
    extractions: Sequence[Extraction],
    assignments: Mapping[str, Assignment],
    similarity: Callable[[str, str], float],
    event: str = "",
) -> list[Finding]:
    quotes: list[Quote] = statement_quotes(extractions)
    groups = quote_groups(quotes, similarity=similarity)
    findings = []
    for members in groups:
        group = [quotes[i] for i in members]
        citations = tuple(
            _cite(articles[q.span.doc_id], q.span, q.text,
                  _source_of(q.span.doc_id, assignments))
            for q in group
        )  # fmt: skip
        sources = len({c.source for c in citations})
        # The group's speaker is the one a rendering names; a bare "they" or "it" is no one.
        given = [q for q in group if q.speaker and _names_something(q.speaker)]
        named = [q for q in given if q.resolution != "unnamed"]
        speaker = next((q.speaker for q in named or given if q.speaker), "an unnamed source")
        gist = group[0].text if len(group[0].text) <= 90 else group[0].text[:87] + "..."
        if sources >= 2:
            note = f"one statement in {len({q.text for q in group})} rendering(s)"
            findings.append(
                Finding("statement", f"{speaker}: {gist}", citations, sources, note, event)
            )
        else:
            findings.append(
                Finding("exclusive-quote", f"{speaker}: {gist}", citations, 1, "", event)
            )
    return findings


def compare_story(
    story_id: str,
    articles: Sequence[Article],
    extractions: Sequence[Extraction],
    assignments: Mapping[str, Assignment],
    *,
    framing: Sequence[OutletFraming] = (),
    similarity: Callable[[str, str], float] = statement_similarity,
    events: Sequence[Event] = (),
) -> Comparison:
    """The comparison of one story's articles: coverage, findings and framing.

    With two or more ``events``, figures and statements are compared within each event only
    (findings tagged with it, in date order) and across events only as dated updates of one
    count; otherwise all ``articles`` are one unit.
    """
    by_id = {a.doc_id: a for a in articles}
    extractions = [e for e in extractions if e.doc_id in by_id]
    order = {"conflict": 0, "corroborated": 1, "update": 2, "statement": 3, "exclusive": 4}
    units = [e for e in events if set(e.articles) & set(by_id)]
    findings: list[Finding] = []
    if len(units) < 2:
        findings = [
            *_figure_findings(by_id, extractions, assignments),
            *_statement_findings(by_id, extractions, assignments, similarity),
        ]
        findings.sort(key=lambda f: (order.get(f.kind, 5), -f.sources, f.what))
    else:
        units.sort(key=lambda e: (e.date is None, e.date or dt.date.min, e.id))
        for event in units:
            members = set(event.articles)
            own = [e for e in extractions if e.doc_id in members]
            found = [
                *_figure_findings(by_id, own, assignments, event.id),
                *_statement_findings(by_id, own, assignments, similarity, event.id),
            ]
            found.sort(key=lambda f: (order.get(f.kind, 5), -f.sources, f.what))
            findings.extend(found)
        findings.extend(_updates(by_id, extractions, assignments, units))
    return Comparison(story_id, _coverage(articles, assignments), tuple(findings), tuple(framing))
