"""Times named coarser than a day: months ("in March", "January 2017", "June of 2017", "early
March", "last December", "January this year") and weekdays ("next Friday", "on Thursday").

A month keeps its year when the text gives it or the publication date fixes it; otherwise it
is a month of an unknown year (a relative "last year" kept as its qualifier), so that it can
still agree with the same month named with a year. A weekday is never turned into a date here:
it names a day only against the article's own date, which plain-text copies often lack.
"""

from __future__ import annotations

import datetime as dt
import re

from newsprism.datetext import resolve_month_day

__all__ = ["TIMEX_PATTERNS", "ago_value", "month_value", "weekday_value"]

_MONTH_NAMES = (
    "january february march april may june july august september october november december"
).split()
_WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday".split()
_MONTH = "|".join(m.capitalize() for m in _MONTH_NAMES)
_WEEKDAY = "|".join(d.capitalize() for d in _WEEKDAYS)

_AGO_NUM = (
    r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a few|several)"
)

TIMEX_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "ago",
        re.compile(
            rf"\b(?P<num>{_AGO_NUM})\s(?P<unit>days?|weeks?|months?|years?|decades?)\sago\b"
            r"|\b(?P<last>[Ll]ast)\s(?P<unit2>week|month)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "month",
        re.compile(
            r"(?:\b(?P<part>[Ee]arly|[Mm]id|[Ll]ate|[Tt]he end of|[Tt]he beginning of"
            r"|[Tt]he start of|[Tt]he middle of)[-\s])?"
            r"(?:\b(?P<rel>[Ll]ast|[Tt]his|[Nn]ext|[Pp]ast)\s)?"
            rf"\b(?P<mon>{_MONTH})\b"
            r"(?:,?\s(?:of\s)?(?P<year>(?:19|20)\d\d)\b|\s(?P<rel2>last|this|next)\syear\b)?"
        ),
    ),
    (
        "weekday",
        re.compile(
            r"(?:\b(?P<rel>[Nn]ext|[Ll]ast|[Tt]his|[Ee]arly|[Ll]ate)\s)?"
            rf"\b(?P<day>{_WEEKDAY})\b(?!s\b|'s\b)"
        ),
    ),
)
_PARTS = {"early": "early", "mid": "mid", "late": "late", "the end of": "late",
          "the beginning of": "early", "the start of": "early", "the middle of": "mid"}  # fmt: skip


def _year_of(month: int, relative: str | None, published: dt.date | None) -> int | None:
    if published is None:
        return None
    if relative == "last year":
        return published.year - 1
    if relative in ("this year", "this"):
        return published.year
    if relative == "next year":
        return published.year + 1
    if relative in ("last", "past"):  # "last December": the latest one before publication
        return published.year if month < published.month else published.year - 1
    if relative == "next":
        return published.year if month > published.month else published.year + 1
    found = resolve_month_day(month, 15, published)  # the such month nearest publication
    return found.year if found else None


def month_value(
    groups: dict[str, str | None], published: dt.date | None
) -> tuple[float, str | None, str]:
    """(value, qualifier, normalised) of a month: ``year * 100 + month``, or the month alone."""
    month = _MONTH_NAMES.index((groups.get("mon") or "").lower()) + 1
    rel2 = groups.get("rel2")
    relative = f"{rel2} year" if rel2 else (groups.get("rel") or "").lower() or None
    part = _PARTS.get((groups.get("part") or "").lower())
    written = groups.get("year")
    year = int(written) if written else _year_of(month, relative, published)
    qualifier = " ".join(filter(None, (part, None if year else relative))) or None
    if year is None:
        # no year to give: shown as the text names it ("March"), never as "--03"
        return float(month), qualifier, _MONTH_NAMES[month - 1].capitalize()
    return float(year * 100 + month), qualifier, f"{year}-{month:02d}"


def weekday_value(groups: dict[str, str | None]) -> tuple[float, str | None, str]:
    """(value, qualifier, normalised) of a weekday: 0 for Monday; "next"/"last" kept."""
    day = _WEEKDAYS.index((groups.get("day") or "").lower())
    relative = (groups.get("rel") or "").lower() or None
    shown = f"{relative} {_WEEKDAYS[day].capitalize()}" if relative else _WEEKDAYS[day].capitalize()
    return float(day), relative, shown


_AGO_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
              "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}  # fmt: skip


def ago_value(groups: dict[str, str | None]) -> tuple[float, str, str] | None:
    """(value, unit, normalised) of a time before publication: "two weeks ago", "last week".

    "last week" is one week ago; "a few" and "several" give no number to compare.
    """
    if groups.get("last"):
        unit = (groups.get("unit2") or "").lower() + "s"
        return 1.0, unit, f"1 {unit} ago"
    word = (groups.get("num") or "").lower()
    number = float(word) if word.isdigit() else _AGO_WORDS.get(word)
    if number is None:
        return None
    unit = (groups.get("unit") or "").lower()
    unit = unit if unit.endswith("s") else unit + "s"
    return float(number), unit, f"{number:g} {unit} ago"
