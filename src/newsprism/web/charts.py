"""Charts as SVG written on the server: no script, no network, the same in a page and a report.

Every chart is an ``<svg role="img">`` with a summary in ``aria-label`` and a ``<title>``, is
focusable (``tabindex="0"``) and its marks carry ``<title>`` tooltips; colours come from CSS
classes, so the stylesheet's light and dark palettes (``prefers-color-scheme``) apply. Every
string from the store is escaped here, since the result is inserted as markup.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from html import escape

from markupsafe import Markup

from newsprism.records import TimelineEntry
from newsprism.service import DayCount, EventSummary, StoryDetail

__all__ = ["coverage_chart", "sparkline", "timeline_chart"]

_WIDTH = 640
_LEFT = 120
"""Room for an outlet name left of the plot."""
_ROW = 26
_TICK_GAP = 80
"""Least room between two date labels on an axis (an ISO date is about 65 px at 11 px)."""


def _scale(dates: Sequence[dt.date], left: float, right: float) -> dict[dt.date, float]:
    """x position of each date on a linear day scale between ``left`` and ``right``."""
    if not dates:
        return {}
    first, last = min(dates), max(dates)
    days = (last - first).days
    if days == 0:
        return {d: (left + right) / 2 for d in dates}
    return {d: left + (right - left) * (d - first).days / days for d in dates}


def _svg(width: int, height: int, label: str, body: list[str], css: str) -> Markup:
    text = escape(label)
    return Markup(
        f'<svg class="chart {css}" viewBox="0 0 {width} {height}" width="100%" '
        f'role="img" tabindex="0" aria-label="{text}" xmlns="http://www.w3.org/2000/svg">'
        f"<title>{text}</title>{''.join(body)}</svg>"
    )


def _axis(x: dict[dt.date, float], y: float) -> list[str]:
    """A baseline with its dates written under it, as many as fit without overlapping."""
    if not x:
        return []
    parts = [f'<line class="axis" x1="{_LEFT}" x2="{_WIDTH - 20}" y1="{y}" y2="{y}"/>']
    shown: list[float] = []
    for day in sorted(x):
        at = x[day]
        if shown and at - shown[-1] < _TICK_GAP:
            continue
        shown.append(at)
        parts.append(f'<line class="axis" x1="{at:.1f}" x2="{at:.1f}" y1="{y}" y2="{y + 4}"/>')
        parts.append(
            f'<text class="tick" x="{at:.1f}" y="{y + 16}" text-anchor="middle">'
            f"{day.isoformat()}</text>"
        )
    return parts


def sparkline(counts: Sequence[DayCount]) -> Markup:
    """A small bar chart of a story's articles per day."""
    per_day: Counter[dt.date] = Counter()
    for c in counts:
        per_day[c.date] += c.count
    if not per_day:
        return Markup("")
    width, height = 160, 32
    x = _scale(sorted(per_day), 4, width - 4)
    top = max(per_day.values())
    bars = [f'<line class="axis" x1="0" x2="{width}" y1="{height - 1}" y2="{height - 1}"/>']
    for day, n in sorted(per_day.items()):
        h = max(2.0, (height - 6) * n / top)
        bars.append(
            f'<rect class="bar" x="{x[day] - 3:.1f}" y="{height - 2 - h:.1f}" width="6" '
            f'height="{h:.1f}"><title>{day.isoformat()}: {n} article(s)</title></rect>'
        )
    days = ", ".join(f"{d.isoformat()}: {n}" for d, n in sorted(per_day.items()))
    return _svg(width, height, f"Articles per day: {days}", bars, "sparkline")


def coverage_chart(detail: StoryDetail) -> Markup:
    """Each outlet's articles on a date axis; outlets that printed one wire copy share a mark."""
    outlets = list(detail.outlets)
    dated = [a for a in detail.articles if a.published is not None]
    if not outlets or not dated:
        return Markup("")
    x = _scale([a.published for a in dated if a.published], _LEFT + 10, _WIDTH - 30)
    group_of = {}
    for n, mark in enumerate(detail.syndication, start=1):
        for doc in mark.articles:
            group_of[doc] = n
    height = 30 + _ROW * len(outlets) + 20
    body: list[str] = []
    summary = []
    for row, outlet in enumerate(outlets):
        y = 24 + _ROW * row
        body.append(f'<text class="label" x="{_LEFT - 8}" y="{y + 4}" text-anchor="end">')
        body.append(f"{escape(outlet[:18])}</text>")
        body.append(f'<line class="grid" x1="{_LEFT}" x2="{_WIDTH - 20}" y1="{y}" y2="{y}"/>')
        mine = [a for a in dated if a.outlet == outlet]
        summary.append(f"{outlet}: {len(mine)} article(s)")
        for a in mine:
            assert a.published is not None
            group = group_of.get(a.doc_id)
            css = f"dot group{(group - 1) % 6 + 1}" if group else "dot"
            what = f"{outlet}, {a.published.isoformat()}: {a.title}"
            if group:
                what += f" (wire copy group {group})"
            body.append(
                f'<circle class="{css}" cx="{x[a.published]:.1f}" cy="{y}" r="6">'
                f"<title>{escape(what)}</title></circle>"
            )
            if group:
                body.append(
                    f'<text class="group-label" x="{x[a.published] + 9:.1f}" y="{y - 6}">'
                    f"{group}</text>"
                )
    body += _axis(x, 24 + _ROW * len(outlets) - 6)
    groups = "; ".join(
        f"wire copy group {n}: {', '.join(m.outlets)}"
        for n, m in enumerate(detail.syndication, start=1)
    )
    label = "Coverage over time. " + "; ".join(summary) + (f". {groups}" if groups else "")
    return _svg(_WIDTH, height, label, body, "coverage")


def timeline_chart(events: Sequence[EventSummary], entries: Sequence[TimelineEntry]) -> Markup:
    """The story's events (filled, above the axis) and the background events its articles
    mention (hollow, below)."""
    own = [(e.date, e.label) for e in events if e.date is not None]
    background = [(t.date, t.what) for t in entries if t.background and t.date is not None]
    reported = [(t.date, t.what) for t in entries if not t.background and t.date is not None]
    if not (own or background):
        return Markup("")
    dates = [d for d, _ in (*own, *background, *reported) if d is not None]
    x = _scale(dates, _LEFT + 10, _WIDTH - 30)
    height, axis = 120, 58
    body = [
        f'<text class="label" x="{_LEFT - 8}" y="{axis - 20}" text-anchor="end">events</text>',
        f'<text class="label" x="{_LEFT - 8}" y="{axis + 40}" text-anchor="end">background</text>',
    ]
    for date, label in own:
        assert date is not None
        body.append(
            f'<circle class="dot" cx="{x[date]:.1f}" cy="{axis - 24}" r="7">'
            f"<title>{escape(date.isoformat())}: {escape(label)}</title></circle>"
        )
    for date, label in background:
        assert date is not None
        body.append(
            f'<circle class="dot hollow" cx="{x[date]:.1f}" cy="{axis + 36}" r="7">'
            f"<title>{escape(date.isoformat())} (background): {escape(label)}</title></circle>"
        )
    body += _axis(x, axis)
    parts = [f"{d.isoformat()}: {t[:80]}" for d, t in own if d is not None]
    parts += [f"{d.isoformat()} (background): {t[:80]}" for d, t in background if d is not None]
    label = "Timeline. " + "; ".join(parts)
    return _svg(_WIDTH, height, label, body, "timeline")
