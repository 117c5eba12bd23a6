"""Stored articles exported: JSON (every field, with spans) and Markdown (for reading)."""

from __future__ import annotations

import json
from collections.abc import Iterable

from newsprism.records import Article
from newsprism.render.escape import md_escape, md_inline, md_paragraph
from newsprism.render.story import brief_markdown, comparison_json
from newsprism.store import to_dict
from newsprism.views import StoryView

__all__ = ["article_summary", "to_json", "to_markdown"]


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


def to_markdown(articles: Iterable[Article], stories: Iterable[StoryView] = ()) -> str:
    """All articles as a Markdown document, removed paragraphs listed with their reasons, then
    each story's brief and timeline."""
    out: list[str] = ["# newsprism export", ""]
    for article in articles:
        date = article.published.date.isoformat() if article.published.date else "undated"
        out += [f"## {md_inline(article.title) if article.title else '(no headline)'}", ""]
        meta = [
            f"- **Outlet:** {md_inline(article.outlet or 'unknown')}",
            f"- **Wire agency:** {md_inline(article.wire_agency or '-')}",
            f"- **Published:** {date}",
            f"- **Source:** {md_inline(article.source)} (id `{article.doc_id}`)",
        ]
        if article.relayed_from:
            meta.append(f"- **Relayed from:** {md_inline(article.relayed_from)}")
        out += [*meta, ""]
        for p in article.body:
            subheading = p.role.value == "subheading"
            out += [f"### {md_inline(p.text)}" if subheading else md_paragraph(p.text), ""]
        if article.removed:
            out += ["**Removed**", "", "| role | reason | text |", "|---|---|---|"]
            out += [
                f"| {p.role.value} | {md_escape(p.reason)} | {md_escape(p.text[:120])} |"
                for p in article.removed
            ]
            out.append("")
    for view in stories:
        out += [f"## Story: {md_inline(view.story.label)}", "", brief_markdown(view, level=3)]
    return "\n".join(out)
