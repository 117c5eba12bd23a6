"""Exports of stored articles: JSON (every field, with spans) and Markdown (for reading)."""

from __future__ import annotations

import json
from collections.abc import Iterable

from newsprism.records import Article
from newsprism.store import to_dict

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


def to_json(articles: Iterable[Article]) -> str:
    """All articles as one JSON document."""
    return json.dumps(
        {"articles": [article_summary(a) for a in articles]}, ensure_ascii=False, indent=2
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
