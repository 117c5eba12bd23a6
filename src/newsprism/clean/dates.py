"""Publication dates from metadata and from the text, relative dates resolved with evidence.

A scrape seldom states its own date. It gives clues: a dateline ("MOSCOW, November 13."), a
photo caption ("..., September 14, 2020."), a copyright year, dates it mentions as past events
("the August 9 election"), and weekdays ("on Monday"). :func:`resolve` reads one article's clues
alone; :func:`resolve_batch` also lets an article borrow an anchor date from a report of the
same story (many names shared, consistent with its own clues), which is how "on Monday" in an
undated scrape becomes a date. Only evidence that fixes the day dates an article: a weekday
without such an anchor, or a past event the article mentions, leaves it undated (with the range
its clues allow). Yearless dates and weekdays are read by :mod:`newsprism.datetext`, as the
timeline and the comparison read them. Every estimate keeps the evidence it rests on.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from urllib.parse import urlsplit

from newsprism.clean import lexicon
from newsprism.datetext import MONTH_DAY_WINDOW_DAYS, resolve_month_day, resolve_weekday
from newsprism.records import Article, DateEstimate, Evidence, Role, Span

__all__ = [
    "DateClues",
    "date_clues",
    "resolve",
    "resolve_batch",
    "resolve_month_day",
    "resolve_weekday",
]

_MONTHS = {
    name: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for name in names
}
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTH_ALT = "|".join(sorted(_MONTHS, key=len, reverse=True))
# Every month name of _MONTHS starts with one of these: on an ASCII paragraph, the month-day
# pattern (which ignores case) can only match where the lower-cased text holds one.
_MONTH_STARTS = tuple(sorted({name[:3] for name in _MONTHS}))
_YEAR = r"(?:19|20)\d\d"
_MONTH_DAY = re.compile(
    rf"(?i)\b(?P<m1>{_MONTH_ALT})\.? (?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\b"
    rf"(?:,? (?P<y1>{_YEAR})\b)?"
    rf"|\b(?P<d2>\d{{1,2}})(?:st|nd|rd|th)? (?:of )?(?P<m2>{_MONTH_ALT})\b\.?"
    rf"(?:,? (?P<y2>{_YEAR})\b)?"
)
_ISO = re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")
_URL_DATE = re.compile(r"/(?P<y>(?:19|20)\d\d)[/-](?P<m>[01]?\d)[/-](?P<d>[0-3]?\d)(?:/|\b)")
_WEEKDAY = re.compile(
    r"(?i)\b(?P<lead>on |last |this |since |until |next |coming )?"
    r"(?P<day>monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:['’]s)?\b"
)
_DIGIT = re.compile(r"\d")
_DAY = re.compile(r"(?i)day")
# "next Tuesday", "until Friday", "this coming Monday": a day ahead of the report, so it says
# nothing about which past day the report was written on.
_AHEAD = frozenset({"next ", "until ", "coming "})
_DATELINE_DATE = re.compile(
    rf"^[A-Z][A-Za-z .'’-]{{1,40}}?,\s*(?P<m>{_MONTH_ALT})\.? (?P<d>\d{{1,2}})\b"
    rf"(?:,? (?P<y>\d{{4}}))?",
    re.I,
)
_NAME = re.compile(r"\b[A-Z][a-z]{2,}(?:[A-Z][a-z]+)?\b")
_NOT_NAMES = frozenset(
    {w.capitalize() for w in (*_MONTHS, *_WEEKDAYS)} | {w.capitalize() for w in lexicon.STOPWORDS}
)

# How much the name sets of two articles must overlap (Jaccard) before one may lend the other
# an anchor date: the two must be reports of one story, not two stories sharing a president.
# Calibrated on NewsWCL50 (10 events of April 2018, one JSON line per article, the URL date as
# metadata): an undated article's best same-event anchor overlaps 0.22-0.42, its best
# other-event anchor 0.09-0.28, and every other-event anchor that lent a wrong date overlapped
# 0.23 or less; sochi-2020's undated reports overlap their dated one 0.29-0.40. Below the floor
# an article stays undated, which is better than a date from another story.
ANCHOR_MIN_SIMILARITY = 0.25


def _date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class DateClues:
    """Everything an article says about when it was published."""

    exact: tuple[tuple[dt.date, float, Evidence], ...] = ()
    dateline: tuple[int, int, Evidence] | None = None
    years: tuple[tuple[int, Evidence], ...] = ()
    mentioned: tuple[tuple[int, int, int | None, Evidence], ...] = ()
    weekdays: tuple[tuple[int, Evidence], ...] = ()
    names: frozenset[str] = field(default_factory=frozenset)

    def year(self) -> int | None:
        """The publication year the clues agree on (the latest stated), if any."""
        return max((y for y, _ in self.years), default=None)

    def lower_bound(self) -> dt.date | None:
        """The earliest the article can be published, from the dates it names with a year.

        A report may name coming days ("the May 12 deadline"), so a named date bounds it only
        when it lies more than :data:`MONTH_DAY_WINDOW_DAYS` ahead of the bound.
        """
        dates = [_date(y, m, d) for m, d, y, _ in self.mentioned if y]
        latest = max((d for d in dates if d is not None), default=None)
        return latest - dt.timedelta(days=MONTH_DAY_WINDOW_DAYS) if latest else None


def date_clues(article: Article, *, metadata: dt.date | None = None) -> DateClues:
    """Collect an article's date clues from its metadata, URL, dateline, captions and body."""
    doc = article.doc_id
    exact: list[tuple[dt.date, float, Evidence]] = []
    years: list[tuple[int, Evidence]] = []
    mentioned: list[tuple[int, int, int | None, Evidence]] = []
    weekdays: list[tuple[int, Evidence]] = []
    dateline: tuple[int, int, Evidence] | None = None
    names: set[str] = set()

    if metadata:
        exact.append((metadata, 0.95, Evidence("metadata", metadata.isoformat())))
    if article.url and (m := _URL_DATE.search(urlsplit(article.url).path)):
        found = _date(int(m["y"]), int(m["m"]), int(m["d"]))
        if found:
            exact.append((found, 0.9, Evidence("url", article.url)))

    for p in article.paragraphs:
        text = p.text
        if p.role is Role.TITLE:
            continue
        # (The paragraph's own span when it names this article, as it always should.)
        span = p.span if p.span.doc_id == doc else Span(doc, p.span.start, p.span.end)
        if p.role in (Role.RIGHTS, Role.CREDIT) and (c := lexicon.COPYRIGHT.match(text)):
            year = c.group("y1") or c.group("y2")
            if year:
                years.append((int(year), Evidence("copyright", text, span)))
        if p.role is Role.CAPTION:
            for m in _MONTH_DAY.finditer(text):
                y = m["y1"] or m["y2"]
                if y:
                    found = _date(
                        int(y), _MONTHS[(m["m1"] or m["m2"]).lower()], int(m["d1"] or m["d2"])
                    )
                    if found:
                        ev = Evidence("caption", m.group(0), _sub(span, m))
                        exact.append((found, 0.8, ev))
                        years.append((found.year, ev))
            continue
        if not p.role.is_kept:
            continue
        names.update(w for w in _NAME.findall(text) if w not in _NOT_NAMES)
        if dateline is None and article.dateline and (m := _DATELINE_DATE.match(text)):
            ev = Evidence("dateline", m.group(0), _sub(span, m))
            if m["y"]:
                found = _date(int(m["y"]), _MONTHS[m["m"].lower()], int(m["d"]))
                if found:
                    exact.append((found, 0.9, ev))
            else:
                dateline = (_MONTHS[m["m"].lower()], int(m["d"]), ev)
            continue
        # Month-day and ISO dates have digits, weekdays end in "day": most paragraphs have
        # neither, and a plain search is cheaper than the patterns.
        digits = _DIGIT.search(text) is not None
        for m in _MONTH_DAY.finditer(text) if digits and _may_name_month(text) else ():
            y = m["y1"] or m["y2"]
            month = _MONTHS[(m["m1"] or m["m2"]).lower()]
            day = int(m["d1"] or m["d2"])
            if 1 <= day <= 31:
                mentioned.append(
                    (
                        month,
                        day,
                        int(y) if y else None,
                        Evidence("mentioned", m.group(0), _sub(span, m)),
                    )
                )
        for m in _ISO.finditer(text) if digits else ():
            mentioned.append(
                (
                    int(m["m"]),
                    int(m["d"]),
                    int(m["y"]),
                    Evidence("mentioned", m.group(0), _sub(span, m)),
                )
            )
        for m in _WEEKDAY.finditer(text) if _DAY.search(text) else ():
            if (m["lead"] or "").lower() in _AHEAD:
                continue
            weekdays.append(
                (_WEEKDAYS.index(m["day"].lower()), Evidence("weekday", m.group(0), _sub(span, m)))
            )
    return DateClues(
        tuple(exact), dateline, tuple(years), tuple(mentioned), tuple(weekdays), frozenset(names)
    )


def _may_name_month(text: str) -> bool:
    """False only when ``text`` names no month of _MONTH_DAY (a screen before the pattern)."""
    if not text.isascii():
        return True
    lower = text.lower()
    return any(start in lower for start in _MONTH_STARTS)


def _sub(span: Span, m: re.Match[str]) -> Span:
    return Span(span.doc_id, span.start + m.start(), span.start + m.end())


def _from_own(clues: DateClues) -> DateEstimate | None:
    if clues.exact:
        best = max(clues.exact, key=lambda item: item[1])
        return DateEstimate(best[0], best[0], best[0] + dt.timedelta(days=1), (best[2],), best[1])
    year = clues.year()
    if clues.dateline and year:
        month, day, ev = clues.dateline
        found = _date(year, month, day)
        if found:
            year_ev = next(e for y, e in clues.years if y == year)
            return DateEstimate(found, found, found + dt.timedelta(days=1), (ev, year_ev), 0.85)
    return None


def _consistent(clues: DateClues, candidate: dt.date) -> bool:
    year = clues.year()
    if year and candidate.year != year:
        return False
    bound = clues.lower_bound()
    if bound and candidate < bound:
        return False
    if clues.weekdays and not clues.dateline:
        # "on Monday" in a news report names the day it was written or the day before. The
        # first weekday the article names is its news (the lede); later ones are background
        # ("last Friday's talks"), so only the first must fit. The day after is not allowed,
        # though news from a time zone ahead names it ("Saturday" in Korea, a Friday report in
        # the US): on NewsWCL50 it dates one report right and one a day early (a Saturday
        # preview of "Sunday"). A dateline states the day itself; its weekdays may be a later
        # update's.
        days = {(candidate - dt.timedelta(days=k)).weekday() for k in (0, 1)}
        if clues.weekdays[0][0] not in days:
            return False
    return True


def _with_anchor(clues: DateClues, anchor: dt.date) -> dt.date | None:
    """The date ``anchor`` implies for this article, or None when its clues rule it out."""
    if clues.dateline:
        # The dateline states the day; the related article only lends the year.
        month, day, _ = clues.dateline
        found = resolve_month_day(month, day, anchor)
        return found if found and _consistent(clues, found) else None
    # A weekday alone: the article is taken to be of the anchor's day, and only when the day
    # it names is that day or the one before (so never more than a week from the anchor).
    return anchor if clues.weekdays and _consistent(clues, anchor) else None


def _alone(clues: DateClues) -> DateEstimate:
    """No date, only the range the clues allow: a weekday without an anchor or a past event
    the article mentions ("the August 9 election") never fixes the day it was published."""
    year = clues.year()
    if year is None:
        # The dates it names bound it from below only (they may be history or coming days).
        return DateEstimate(
            None, clues.lower_bound(), evidence=tuple(e for _, _, _, e in clues.mentioned[:3])
        )
    evidence = [e for y, e in clues.years if y == year][:1]
    return DateEstimate(None, dt.date(year, 1, 1), dt.date(year, 12, 31), tuple(evidence), 0.1)


def resolve(clues: DateClues) -> DateEstimate:
    """An article's date from its own clues only."""
    return _from_own(clues) or _alone(clues)


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def resolve_batch(
    articles: Sequence[Article],
    clues: Sequence[DateClues],
    anchors: Sequence[tuple[Article, DateClues]] = (),
) -> list[Article]:
    """Date every article, letting undated ones borrow anchors from related dated articles.

    ``anchors`` are already-dated articles from earlier batches (the store), used like the
    batch's own dated articles.
    """
    own = [_from_own(c) for c in clues]
    pool: list[tuple[str, dt.date, DateClues, Evidence]] = []
    for article, c, estimate in zip(articles, clues, own, strict=True):
        if estimate and estimate.date and estimate.evidence:
            pool.append((article.doc_id, estimate.date, c, estimate.evidence[0]))
    for article, c in anchors:
        if article.published.date and article.published.confidence >= 0.8:
            ev = (
                article.published.evidence[0]
                if article.published.evidence
                else Evidence("stored", article.published.date.isoformat())
            )
            pool.append((article.doc_id, article.published.date, c, ev))

    out: list[Article] = []
    for article, c, estimate in zip(articles, clues, own, strict=True):
        if estimate is None:
            estimate = _borrow(article.doc_id, c, pool) or _alone(c)
        out.append(replace(article, published=estimate))
    return out


def _borrow(
    doc_id: str, clues: DateClues, pool: Sequence[tuple[str, dt.date, DateClues, Evidence]]
) -> DateEstimate | None:
    best: tuple[float, dt.date, dt.date, str, Evidence] | None = None
    for other_id, anchor, other, ev in pool:
        if other_id == doc_id:
            continue
        similarity = _jaccard(clues.names, other.names)
        if similarity < ANCHOR_MIN_SIMILARITY:
            continue
        found = _with_anchor(clues, anchor)
        if found and (best is None or similarity > best[0]):
            best = (similarity, found, anchor, other_id, ev)
    if best is None:
        return None
    similarity, found, anchor, other_id, ev = best
    own = [e for _, e in clues.weekdays[:1]]
    if clues.dateline:
        own.insert(0, clues.dateline[2])
    note = Evidence(
        "related-article",
        ev.text,
        ev.span,
        note=f"related article {other_id} is dated {anchor.isoformat()} "
        f"(name overlap {similarity:.2f}); this article's clues fit {found.isoformat()}",
    )
    return DateEstimate(found, found, found + dt.timedelta(days=1), (*own, note), 0.7)
