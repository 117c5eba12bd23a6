"""Exports of stored articles: JSON (every field, with spans) and Markdown (for reading)."""

from __future__ import annotations

import json
from collections.abc import Iterable

from newsprism.records import Article
from newsprism.report import StoryView
from newsprism.store import to_dict

__all__ = [
    "article_summary",
    "comparison_json",
    "comparison_markdown",
    "to_json",
    "to_markdown",
]


def article_summary(article: Article) -> dict[str, object]:
    """The exported view of an article: metadata, body and removed paragraphs with reasons."""
    published = article.published
    return {
        "id": article.doc_id,
        "source": article.source,
        "url": article.url,
        "outlet": article.outlet,
        "wire_agency": article.wire_agency,
        "relayed_from": article.relayed_from,
        "dateline": article.dateline,
        "language": article.language,
        "published": published.date.isoformat() if published.date else None,
        "published_evidence": [to_dict(e) for e in published.evidence],
        "outlet_evidence": [to_dict(e) for e in article.outlet_evidence],
        "headline": article.title,
        "body": [
            {"text": p.text, "role": p.role.value, "start": p.span.start, "end": p.span.end}
            for p in article.body
        ],
        "removed": [
            {
                "text": p.text,
                "role": p.role.value,
                "reason": p.reason,
                "start": p.span.start,
                "end": p.span.end,
            }
            for p in article.removed
        ],
    }


def to_json(articles: Iterable[Article], stories: Iterable[StoryView] = ()) -> str:
    """All articles (and stories with their comparisons) as one JSON document."""
    return json.dumps(
        {
            "articles": [article_summary(a) for a in articles],
            "stories": [comparison_json(view) for view in stories],
        },
        ensure_ascii=False,
        indent=2,
    )


def _md_escape(text: str) -> str:
    return text.replace("\n", " ").replace("|", "\\|")


def to_markdown(articles: Iterable[Article]) -> str:
    """All articles as a Markdown document, removed paragraphs listed with their reasons."""
    out: list[str] = ["# newsprism export", ""]
    for article in articles:
        date = article.published.date.isoformat() if article.published.date else "undated"
        out += [f"## {article.title or '(no headline)'}", ""]
        meta = [
            f"- **Outlet:** {article.outlet or 'unknown'}",
            f"- **Wire agency:** {article.wire_agency or '-'}",
            f"- **Published:** {date}",
            f"- **Source:** `{article.source}` (id `{article.doc_id}`)",
        ]
        if article.relayed_from:
            meta.append(f"- **Relayed from:** {article.relayed_from}")
        out += [*meta, ""]
        for p in article.body:
            out += [f"### {p.text}" if p.role.value == "subheading" else p.text, ""]
        if article.removed:
            out += ["**Removed**", "", "| role | reason | text |", "|---|---|---|"]
            out += [
                f"| {p.role.value} | {_md_escape(p.reason)} | {_md_escape(p.text[:120])} |"
                for p in article.removed
            ]
            out.append("")
    return "\n".join(out)


def _quote_md(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return _md_escape(text if len(text) <= limit else text[: limit - 3] + "...")


def comparison_markdown(view: StoryView) -> str:
    """A story's comparison as Markdown: coverage, findings with citations, who said what."""
    c = view.comparison
    out = [
        f"# {view.story.label}",
        "",
        f"Story `{view.story.id}`, {len(view.articles)} articles.",
        "",
    ]
    sources = [cv for cv in c.coverage if not cv.lead]
    out += ["## Coverage", "", "| outlet | articles | first | last | words | wire | sources |",
            "|---|---|---|---|---|---|---|"]  # fmt: skip
    for cv in sources:
        out.append(
            f"| {cv.outlet} | {len(cv.articles)} | {cv.first or '?'} | {cv.last or '?'} | "
            f"{cv.words} | {', '.join(cv.wire_agencies) or '-'} | {len(cv.sources)} |"
        )
    leads = [cv.outlet for cv in c.coverage if cv.lead]
    if leads:
        out += [
            "",
            f"Also covered by (named in related-coverage lists, not read): {', '.join(leads)}",
        ]
    titles = {
        "conflict": "Conflicting figures",
        "corroborated": "Corroborated by independent sources",
        "statement": "One statement, several renderings",
        "exclusive": "Figures only one source reports",
        "exclusive-quote": "Quotes only one source reports",
    }
    for kind, title in titles.items():
        findings = c.of_kind(kind)
        if not findings:
            continue
        out += ["", f"## {title}", ""]
        for f in findings:
            note = f" ({f.note})" if f.note else ""
            out.append(f"- **{_md_escape(f.what)}**, {f.sources} source(s){note}")
            for cite in f.citations:
                out.append(
                    f'  - {cite.outlet}: "{_quote_md(cite.text)}" '
                    f"[`{cite.doc_id[:8]}` {cite.span.start}-{cite.span.end}]"
                )
    if c.framing:
        out += ["", "## Framing: each outlet's most distinctive terms", ""]
        for framing in c.framing:
            terms = ", ".join(f"{t.term} ({t.count})" for t in framing.terms)
            out.append(f"- **{framing.outlet}**: {terms}")
    return "\n".join(out) + "\n"


def comparison_json(view: StoryView) -> dict[str, object]:
    """A story's comparison as JSON-ready data, every citation with its span."""
    return {
        "story": to_dict(view.story),
        "comparison": to_dict(view.comparison),
        "extractions": [to_dict(e) for e in view.extractions],
    }
