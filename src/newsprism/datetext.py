"""Dates as news text writes them: one reading for every stage.

A report writes "Dec. 15" and "on Monday" and leaves the year and the week to its reader. Every
stage that reads such a date (the cleaner dating an article, the timeline placing an event,
the comparison normalising a figure) reads it here, so that the timeline and the comparison
of one story never disagree on which "Dec. 15" is meant. Pure functions on ``datetime.date``:
no stage imports another to use them.
"""

from __future__ import annotations

import datetime as dt

__all__ = ["MONTH_DAY_WINDOW_DAYS", "resolve_month_day", "resolve_weekday"]

MONTH_DAY_WINDOW_DAYS = 183
"""A date written without a year ("Dec. 15") is read as the such day nearest the publication
date, so up to half a year either way: news reports the recent past and the coming months.
Checked on NewsWCL50 (April 2018 reports): "May 12", "June 1" and "July 13" lie ahead of
them, "March 23" and "April 11" behind; a rule that allowed only 60 days ahead read "July 13"
as July 2017."""


def resolve_month_day(month: int, day: int, published: dt.date | None) -> dt.date | None:
    """The date a yearless "Dec. 15" names in an article published on ``published``.

    The such day nearest the publication date (within :data:`MONTH_DAY_WINDOW_DAYS` either
    way, the earlier on a tie); None when the article is undated or the day does not exist:
    a date whose year is not known is no calendar date, and is shown only as written ("May
    12"), never as a partial date such as ``--05-12``.
    """
    if published is None:
        return None
    candidates = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            candidates.append(dt.date(year, month, day))
        except ValueError:
            continue
    if not candidates:
        return None
    best = min(candidates, key=lambda c: (abs((c - published).days), c > published))
    return best if abs((best - published).days) <= MONTH_DAY_WINDOW_DAYS else None


def resolve_weekday(weekday: int, published: dt.date) -> dt.date:
    """The last ``weekday`` (0 = Monday) on or before ``published``: "on Monday" in news."""
    return published - dt.timedelta(days=(published.weekday() - weekday) % 7)
