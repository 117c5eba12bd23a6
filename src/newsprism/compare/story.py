"""Compare the outlets of one story: coverage, figures, statements, exclusives.

Inputs are typed records only: the story's articles, their extractions, and the syndication
assignments that say which articles are one independent source. Every finding cites the
document and character span of each source's own wording.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence

from newsprism.clean.lexicon import HEADLINE_OUTLET
from newsprism.compare.figures import FigureReport, FigureSet, compare_figures, context_window
from newsprism.compare.statements import group_statements, statement_similarity
from newsprism.records import (
    Article,
    Assignment,
    Citation,
    Comparison,
    Coverage,
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
    return Citation(article.doc_id, article.outlet or "unknown", source, text, span, context)


def _coverage(
    articles: Sequence[Article], assignments: Mapping[str, Assignment]
) -> tuple[Coverage, ...]:
    by_outlet: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        by_outlet[article.outlet or "unknown"].append(article)
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
    first = figure_set.reports[0].figure
    value = first.normalized or first.text
    if first.kind == "date":
        return f"the date {value}"
    words = dict.fromkeys(filter(None, (first.quantified, first.predicate)))  # "loan", not twice
    about = " ".join(words) or first.kind
    return f"{about}: {value}"


def _figure_findings(
    articles: Mapping[str, Article],
    extractions: Sequence[Extraction],
    assignments: Mapping[str, Assignment],
) -> list[Finding]:
    reports: list[FigureReport] = []
    for extraction in extractions:
        article = articles[extraction.doc_id]
        source = _source_of(article.doc_id, assignments)
        year = article.published.date.year if article.published.date else None
        for figure in extraction.figures:
            window = context_window(article.text, figure.span.start, figure.span.end)
            reports.append(FigureReport(figure, article.outlet or "unknown", source, year, window))
    findings = []
    for figure_set in compare_figures(reports):
        citations = tuple(
            _cite(articles[r.figure.span.doc_id], r.figure.span, r.figure.text, r.source)
            for r in figure_set.reports
        )
        findings.append(
            Finding(figure_set.verdict, _what(figure_set), citations, figure_set.sources,
                    figure_set.note)
        )  # fmt: skip
    return findings


def _statement_findings(
    articles: Mapping[str, Article],
    extractions: Sequence[Extraction],
    assignments: Mapping[str, Assignment],
    similarity: Callable[[str, str], float],
) -> list[Finding]:
    quotes: list[Quote] = [
        q for e in extractions for q in e.quotes if q.speaker_id and q.kind == "direct"
    ]
    groups = group_statements(
        [q.text for q in quotes], [q.speaker_id for q in quotes], similarity=similarity
    )
    findings = []
    for members in groups:
        group = [quotes[i] for i in members]
        citations = tuple(
            _cite(articles[q.span.doc_id], q.span, q.text,
                  _source_of(q.span.doc_id, assignments))
            for q in group
        )  # fmt: skip
        sources = len({c.source for c in citations})
        speaker = group[0].speaker or "an unnamed source"
        gist = group[0].text if len(group[0].text) <= 90 else group[0].text[:87] + "..."
        if sources >= 2:
            note = f"one statement in {len({q.text for q in group})} rendering(s)"
            findings.append(Finding("statement", f"{speaker}: {gist}", citations, sources, note))
        else:
            findings.append(Finding("exclusive-quote", f"{speaker}: {gist}", citations, 1))
    return findings


def compare_story(
    story_id: str,
    articles: Sequence[Article],
    extractions: Sequence[Extraction],
    assignments: Mapping[str, Assignment],
    *,
    framing: Sequence[OutletFraming] = (),
    similarity: Callable[[str, str], float] = statement_similarity,
) -> Comparison:
    """The comparison of one story's articles: coverage, findings and framing."""
    by_id = {a.doc_id: a for a in articles}
    extractions = [e for e in extractions if e.doc_id in by_id]
    findings = [
        *_figure_findings(by_id, extractions, assignments),
        *_statement_findings(by_id, extractions, assignments, similarity),
    ]
    order = {"conflict": 0, "corroborated": 1, "statement": 2, "exclusive": 3}
    findings.sort(key=lambda f: (order.get(f.kind, 4), -f.sources, f.what))
    return Comparison(story_id, _coverage(articles, assignments), tuple(findings), tuple(framing))
