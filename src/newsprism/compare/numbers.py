"""When two reported figures can both be true: hedges and rounding read as intervals.

A figure as printed stands for a range of values. "80 percent" is anything that rounds to 80;
"about 10,000" a band around 10,000; "more than four hours" anything above four hours within
the distance a writer would still put it that way; "nearly 7,000" a little under 7,000. Two
reports of one quantity agree when their ranges meet, and conflict when they cannot.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from newsprism.records import Figure

__all__ = ["USD_RATES", "Interval", "converted", "hedge", "interval", "overlap"]

# How far a hedge lets the true value stray, as shares of the printed value. These are the
# conventional readings of the words (style guides treat "about" as within roughly a tenth),
# not fitted to any data set: a reader may disagree at the margin, never by much.
APPROXIMATE = 0.10  # about, around, some, roughly, approximately, an estimated
NEARLY = 0.10  # nearly, almost, just under: up to a tenth below, never above
MORE_THAN = 0.30  # more than, over, at least: above, and within a third
LESS_THAN = 0.30  # less than, under, fewer than, up to: below, and within a third

_HEDGES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("nearly", re.compile(r"(?i)\b(?:nearly|almost|just under|close to|shy of)\b")),
    (
        "less",
        re.compile(r"(?i)\b(?:less than|fewer than|no more than|under|below|up to|at most)\b"),
    ),
    ("more", re.compile(r"(?i)\b(?:more than|over|above|at least|upwards of|in excess of)\b")),
    ("about", re.compile(r"(?i)\b(?:about|around|some|roughly|approximately|estimated|circa)\b|~")),
)


def hedge(qualifier: str | None) -> str | None:
    """The kind of hedge a qualifier expresses: ``about``, ``nearly``, ``more``, ``less``."""
    if not qualifier:
        return None
    for name, pattern in _HEDGES:
        if pattern.search(qualifier):
            return name
    return None


@dataclass(frozen=True, slots=True)
class Interval:
    """The range of values a printed figure allows; its ends are open.

    Open because the ends are where a reading changes: "$1.5 billion" and "$1.6 billion" both
    reach 1.55 billion only as the rounding boundary, and "more than 500" excludes 500.
    """

    low: float
    high: float

    def meets(self, other: Interval) -> bool:
        """True when the two ranges share a value."""
        return self.low < other.high and other.low < self.high


def _decimals(text: str) -> int:
    """Decimal places printed in the figure's number ("80.10" -> 2, "1.5 billion" -> 1)."""
    match = re.search(r"\d+(?:[.,]\d+)*", text)
    if not match:
        return 0
    number = match.group(0)
    # "10,000" groups thousands; "80.10" or "1,5" (a decimal comma) carries decimals.
    last = max(number.rfind("."), number.rfind(","))
    if last < 0 or (len(number) - last - 1 == 3 and number[last] == ","):
        return 0
    return len(number) - last - 1


def _scale(figure: Figure) -> float:
    """The multiplier between the printed number and the value ("1.5 billion" -> 1e9)."""
    match = re.search(r"\d+(?:[.,]\d+)*", figure.text)
    if not match:
        return 1.0
    try:
        printed = float(match.group(0).replace(",", ""))
    except ValueError:
        return 1.0
    if printed == 0:
        return 1.0
    ratio = abs(figure.value / printed)
    # Round to the nearest power of ten: "$1.5bn" printed 1.5 means a value of 1.5e9.
    return 10 ** round(math.log10(ratio)) if ratio > 0 else 1.0


# A round number ("$43,000") may be a rounded or truncated exact one ("$43,350"): its trailing
# zeros allow up to this share of its value either side. Two percent keeps "$43,000" with
# "$43,350" (0.8% apart) and "50,000" apart from "55,000"; a convention, not fitted to data.
ROUND_NUMBER = 0.02


def _round_number(figure: Figure) -> float:
    """How far the trailing zeros of a printed integer let the true value stray."""
    match = re.search(r"\d+(?:,\d{3})*(?![.\d])", figure.text)
    if not match or _decimals(figure.text) or figure.kind not in ("money", "count"):
        return 0.0
    digits = match.group(0).replace(",", "")
    zeros = len(digits) - len(digits.rstrip("0"))
    if zeros == 0 or zeros == len(digits):
        return 0.0
    unit: float = 0.5 * 10**zeros * _scale(figure)
    return min(unit, ROUND_NUMBER * abs(figure.value))


@lru_cache(maxsize=65_536)  # asked for each pair a figure is compared in
def interval(figure: Figure) -> Interval:
    """The range of values a figure allows, from its rounding and its hedge."""
    value = figure.value
    rounding = 0.5 * 10 ** (-_decimals(figure.text)) * _scale(figure)
    rounding = max(rounding, _round_number(figure))
    low, high = value - rounding, value + rounding
    if figure.high is not None:
        # A stated range ("three or four", "between 150 and 200") allows all of it; a hedge
        # on it ("about 150 to 200") widens it from its upper end as from a single value.
        high = figure.high + rounding
        value = figure.high
    size = abs(value)
    # "at least N" and "no more than N" include N itself: nudge the open end past it.
    inclusive = bool(figure.qualifier) and bool(
        re.search(r"(?i)\b(?:at least|no more than|up to|at most)\b", figure.qualifier or "")
    )
    nudge = 1e-9 * max(size, 1.0) if inclusive else 0.0
    match hedge(figure.qualifier):
        case "about":
            low, high = min(low, value - APPROXIMATE * size), max(high, value + APPROXIMATE * size)
        case "nearly":
            # "almost 48" stops short of 48: it cannot be "at least 48" (a real discrepancy),
            # while it still meets a plain "48", which is rounded.
            low, high = value - NEARLY * size, value - 1e-9 * max(size, 1.0)
        case "more":
            low, high = value - nudge, value + MORE_THAN * size
        case "less":
            low, high = value - LESS_THAN * size, value + nudge
    if figure.high is not None:
        low = min(low, figure.value - rounding)
    return Interval(low, high)


def overlap(a: Figure, b: Figure) -> bool:
    """True when two figures of the same quantity can both be right."""
    return interval(a).meets(interval(b))


# US dollars per unit of a currency: the range of yearly averages over 2015-2024 (published
# central-bank reference rates), so that an amount given in two currencies agrees whatever
# the year of the report. Not fitted to any corpus.
USD_RATES: dict[str, tuple[float, float]] = {
    "USD": (1.0, 1.0),
    "EUR": (1.05, 1.25),
    "GBP": (1.20, 1.45),
    "CHF": (0.98, 1.15),
    "CAD": (0.72, 0.80),
    "AUD": (0.65, 0.78),
    "JPY": (0.0065, 0.0095),
    "CNY": (0.135, 0.16),
    "INR": (0.012, 0.0155),
    "RUB": (0.010, 0.018),
}


def converted(a: Figure, b: Figure) -> bool | None:
    """Whether two amounts in different currencies can be one amount (None: a rate unknown).

    Each amount's range (rounding and hedge) is converted to dollars at the whole range of
    recent rates: a conversion is consistent or not, never a conflict.
    """
    if a.unit not in USD_RATES or b.unit not in USD_RATES:
        return None
    ia, ib = interval(a), interval(b)
    (la, ha), (lb, hb) = USD_RATES[a.unit], USD_RATES[b.unit]
    return Interval(ia.low * la, ia.high * ha).meets(Interval(ib.low * lb, ib.high * hb))
