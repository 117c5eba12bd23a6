"""A story view rendered: its comparison and its brief, as Markdown and as JSON-ready data."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from newsprism.records import Finding, Span
from newsprism.render.escape import md_escape, md_inline
from newsprism.store import to_dict
from newsprism.views import StoryView

__all__ = ["brief_json", "brief_markdown", "comparison_json", "comparison_markdown"]


def _quote_md(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return md_escape(text if len(text) <= limit else text[: limit - 3] + "...")


def comparison_markdown(view: StoryView) -> str:
    """A story's comparison as Markdown: coverage, findings with citations, who said what."""
    c = view.comparison
    out = [
        f"# {md_inline(view.story.label)}",
        "",
        f"Story `{view.story.id}`, {len(view.articles)} articles.",
        "",
    ]
    sources = [cv for cv in c.coverage if not cv.lead]
    out += ["## Coverage", "", "| outlet | articles | first | last | words | wire | sources |",
            "|---|---|---|---|---|---|---|"]  # fmt: skip
    for cv in sources:
        out.append(
            f"| {md_inline(cv.outlet)} | {len(cv.articles)} | {cv.first or '?'} | "
            f"{cv.last or '?'} | "
            f"{cv.words} | {md_inline(', '.join(cv.wire_agencies) or '-')} | {len(cv.sources)} |"
        )
    leads = [cv.outlet for cv in c.coverage if cv.lead]
    if leads:
        out += [
            "",
            "Also covered by (named in related-coverage lists, not read): "
            + md_inline(", ".join(leads)),
        ]
    titles = {
        "conflict": "Conflicting figures",
        "corroborated": "Corroborated by independent sources",
        "update": "Updates of one count across events",
        "statement": "One statement, several renderings",
        "exclusive": "Figures only one source reports",
        "exclusive-quote": "Quotes only one source reports",
    }
    # A storyline's comparison is organised by event: one block of sections per event, then
    # what spans the events (the dated updates of one count).
    events = {e.id: e for e in view.story.events}
    blocks = [*dict.fromkeys(f.event for f in c.findings if f.event), ""]
    for block in blocks:
        level = "##"
        if len(blocks) > 1:
            level = "###"
            event = events.get(block)
            heading = (
                f"## Event {event.date or 'undated'}: {md_inline(event.label)} (`{block}`)"
                if event is not None
                else "## Across events"
            )
            if not any(f.event == block for f in c.findings):
                continue
            out += ["", heading]
        _findings_markdown(out, [f for f in c.findings if f.event == block], titles, level)
    if c.framing:
        out += ["", "## Framing: each outlet's most distinctive terms", ""]
        for framing in c.framing:
            terms = ", ".join(f"{md_inline(t.term)} ({t.count})" for t in framing.terms)
            out.append(f"- **{md_inline(framing.outlet)}**: {terms}")
    return "\n".join(out) + "\n"


def _findings_markdown(
    out: list[str], found: Sequence[Finding], titles: dict[str, str], level: str
) -> None:
    """Append the findings, one section per kind, each finding with its citations."""
    for kind, title in titles.items():
        findings = [f for f in found if f.kind == kind]
        if not findings:
            continue
        out += ["", f"{level} {title}", ""]
        for f in findings:
            note = f" ({f.note})" if f.note else ""
            out.append(f"- **{md_escape(f.what)}**, {f.sources} source(s){note}")
            for cite in f.citations:
                out.append(
                    f'  - {md_inline(cite.outlet)}: "{_quote_md(cite.text)}" '
                    f"[`{cite.doc_id[:8]}` {cite.span.start}-{cite.span.end}]"
                )


def comparison_json(view: StoryView) -> dict[str, object]:
    """A story's comparison and brief as JSON-ready data, every citation with its span."""
    return {
        "story": to_dict(view.story),
        "comparison": to_dict(view.comparison),
        "brief": brief_json(view)["brief"],
        "extractions": [to_dict(e) for e in view.extractions],
    }


def _cites(view: StoryView, spans: Iterable[Span]) -> str:
    outlets = {a.doc_id: a.source_name for a in view.articles}
    return "; ".join(
        f"{md_inline(outlets.get(s.doc_id, '?'))} `{s.doc_id[:8]}` {s.start}-{s.end}" for s in spans
    )


def brief_markdown(view: StoryView, *, level: int = 1) -> str:
    """A story's brief and timeline as Markdown, each sentence with its citations."""
    head = "#" * level
    out = [
        f"{head} {md_inline(view.story.label)}",
        "",
        f"Story `{view.story.id}`, {len(view.articles)} articles.",
        "",
        f"{head}# Brief",
        "",
    ]
    for sentence in view.brief.sentences:
        out.append(f"- {md_escape(sentence.text)} [{_cites(view, sentence.citations)}]")
    if view.brief.timeline:
        out += ["", f"{head}# Timeline", ""]
        for entry in view.brief.timeline:
            when = entry.date.isoformat() if entry.date else "undated"
            mark = " (background)" if entry.background else ""
            # The first span is the sentence's own; the others only date the same event.
            own = _cites(view, entry.citations[:1])
            line = f"- **{when}**{mark}: {md_escape(entry.what)} [{own}]"
            if len(entry.citations) > 1:
                line += f"; also dated by [{_cites(view, entry.citations[1:])}]"
            out.append(line)
    return "\n".join(out) + "\n"


def brief_json(view: StoryView) -> dict[str, object]:
    """A story's brief and timeline as JSON-ready data: sentences with their cited spans, and
    each cited span's outlet and text."""
    by_id = {a.doc_id: a for a in view.articles}
    spans = {s for sentence in view.brief.sentences for s in sentence.citations} | {
        s for entry in view.brief.timeline for s in entry.citations
    }
    return {
        "story": to_dict(view.story),
        "brief": to_dict(view.brief),
        "cited": [
            {
                "doc_id": s.doc_id,
                "start": s.start,
                "end": s.end,
                "outlet": by_id[s.doc_id].outlet if s.doc_id in by_id else None,
                "text": by_id[s.doc_id].text[s.start : s.end] if s.doc_id in by_id else None,
            }
            for s in sorted(spans, key=lambda s: (s.doc_id, s.start, s.end))
        ],
    }
