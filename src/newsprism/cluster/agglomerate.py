"""Average-link agglomeration of a region's units, with similarities decayed by time gaps.

Units are articles or clusters given by their summed vectors and sizes; the similarity of two
groups is the dot product of their sums over the product of their sizes (the mean pairwise
cosine), times exp(-max(0, gap - grace) / tau) for the days between their date ranges. The
highest pair merges first until none reaches the threshold. A lone unit meeting a group of
several may be held to a lower bar (:class:`Lone`). Each row's best partner is cached,
so a merge costs a few row updates rather than a scan of the whole matrix.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

__all__ = [
    "Agglomeration",
    "Lone",
    "OneSource",
    "Sources",
    "Timing",
    "agglomerate",
    "decay",
    "gap_days",
]

Floats = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class Agglomeration:
    """Groups of unit indexes, and each unit's deciding (similarity, gap in days)."""

    # A unit's deciding pair is its first merge, or its best pair when it stayed alone.

    groups: list[list[int]]
    decided: list[tuple[float, float]]


def gap_days(
    a: tuple[dt.date | None, dt.date | None], b: tuple[dt.date | None, dt.date | None]
) -> float:
    """Days between two date ranges; 0 when they overlap or either is undated."""
    if a[0] is None or a[1] is None or b[0] is None or b[1] is None:
        return 0.0
    return float(max(0, (b[0] - a[1]).days, (a[0] - b[1]).days))


@dataclass(frozen=True, slots=True)
class Timing:
    """How a similarity depends on the days between two units."""

    grace: float
    tau: float
    near_days: float = -1.0
    """Two units both dated and at most this many days apart count as simultaneous..."""
    near_factor: float = 1.0
    """...and their similarity is multiplied by this (1: no difference)."""
    far_factor: float = 1.0
    """Two units both dated and more than ``near_days`` apart, the smaller of at most
    ``far_size`` articles, have theirs multiplied by this."""
    far_size: float = float("inf")


Sources = frozenset[str] | None
"""The outlets a unit's articles come from (None: some are unknown)."""


@dataclass(frozen=True, slots=True)
class OneSource:
    """Two units both dated more than ``timing.near_days`` apart whose articles all come from
    one and the same outlet have their similarity multiplied by ``factor`` (1: no difference)."""

    factor: float = 1.0


def _source_codes(sources: Sequence[Sources]) -> npt.NDArray[np.int64]:
    """Each unit's one outlet as a number, or -1 when it has several or an unknown one."""
    numbers: dict[str, int] = {}
    codes = np.full(len(sources), -1, dtype=np.int64)
    for k, found in enumerate(sources):
        if found is not None and len(found) == 1:
            (outlet,) = found
            codes[k] = numbers.setdefault(outlet, len(numbers))
    return codes


@dataclass(frozen=True, slots=True)
class Lone:
    """A lone unit (of size 1) meeting a group of at least ``group`` has its similarity with it
    multiplied by ``factor`` when both are dated or both undated (1: no difference)."""

    factor: float = 1.0
    group: float = 3.0


def _lone_factor(
    a: Floats | float,
    b: Floats,
    dated_a: npt.NDArray[np.bool_] | bool,
    dated_b: npt.NDArray[np.bool_],
    lone: Lone,
) -> Floats:
    one = (np.minimum(a, b) <= 1) & (np.maximum(a, b) >= lone.group) & (dated_a == dated_b)
    return np.where(one, lone.factor, 1.0)


def decay(gap: float, grace: float, tau: float) -> float:
    """The factor a similarity keeps across a time gap."""
    return float(np.exp(-max(0.0, gap - grace) / tau))


def time_factor(gap: float, dated: bool, timing: Timing, smaller: float = 1.0) -> float:
    """The factor a similarity keeps across a gap (``dated``: both sides have dates;
    ``smaller``: the size of the smaller side)."""
    factor = decay(gap, timing.grace, timing.tau)
    if dated and gap <= timing.near_days:
        factor *= timing.near_factor
    elif dated and timing.near_days >= 0 and smaller <= timing.far_size:
        factor *= timing.far_factor
    return factor


def _factors(
    gaps: Floats, dated: npt.NDArray[np.bool_], timing: Timing, smaller: Floats | float = 1.0
) -> Floats:
    factor = np.exp(-np.maximum(0.0, gaps - timing.grace) / timing.tau)
    if timing.near_factor != 1.0:
        factor = np.where(dated & (gaps <= timing.near_days), factor * timing.near_factor, factor)
    if timing.far_factor != 1.0 and timing.near_days >= 0:
        far = dated & (gaps > timing.near_days) & (np.asarray(smaller) <= timing.far_size)
        factor = np.where(far, factor * timing.far_factor, factor)
    return factor


def _pair_lone(
    size: Floats, dated: npt.NDArray[np.bool_], i: int, j: int, lone: Lone | None
) -> float:
    """The lone factor between units i and j (1 without one)."""
    if lone is None or lone.factor == 1.0:
        return 1.0
    return float(_lone_factor(size[i], size[j : j + 1], dated[i], dated[j : j + 1], lone)[0])


def _ordinals(dates: Sequence[dt.date | None]) -> Floats:
    return np.array([d.toordinal() if d is not None else np.nan for d in dates], dtype=np.float64)


def _gaps(lo: Floats, hi: Floats, i: int | None = None) -> Floats:
    """Days between ranges: all pairs, or row ``i`` against all."""
    a_lo, a_hi = (
        (lo[:, None], hi[:, None]) if i is None else (lo[i : i + 1, None], hi[i : i + 1, None])
    )
    with np.errstate(invalid="ignore"):
        gap = np.maximum(lo[None, :] - a_hi, a_lo - hi[None, :])
    gap = np.nan_to_num(np.maximum(gap, 0.0), nan=0.0)
    return gap if i is None else gap[0]


def agglomerate(
    dots: Floats,
    sizes: Sequence[float],
    firsts: Sequence[dt.date | None],
    lasts: Sequence[dt.date | None],
    threshold: float,
    grace: float,
    tau: float,
    timing: Timing | None = None,
    lone: Lone | None = None,
    sources: Sequence[Sources] | None = None,
    one_source: OneSource | None = None,
) -> Agglomeration:
    """Average-link groups of the units whose pairwise sum dot products are ``dots``.

    Each unit's deciding similarity is the plain average-link one, without the ``lone`` factor.
    ``sources``: each unit's outlets, for ``one_source``.
    """
    u = len(sizes)
    gram = np.array(dots, dtype=np.float64, copy=True)
    size = np.asarray(sizes, dtype=np.float64).copy()
    lo, hi = _ordinals(firsts), _ordinals(lasts)
    gaps = _gaps(lo, hi)
    timing = timing or Timing(grace, tau)
    dated = ~np.isnan(lo)
    smaller = np.minimum(size[:, None], size[None, :])
    sim = (
        gram
        / np.outer(size, size)
        * _factors(gaps, dated[:, None] & dated[None, :], timing, smaller)
    )
    if lone is not None and lone.factor != 1.0:
        sim = sim * _lone_factor(size[:, None], size[None, :], dated[:, None], dated[None, :], lone)
    rule = one_source if one_source is not None and one_source.factor != 1.0 else None
    codes = _source_codes(sources) if sources is not None and rule else np.full(u, -1)
    if rule is not None:
        one = (codes[:, None] == codes[None, :]) & (codes[:, None] >= 0)
        far = one & dated[:, None] & dated[None, :] & (gaps > timing.near_days)
        sim = np.where(far, sim * rule.factor, sim)
    np.fill_diagonal(sim, -np.inf)
    groups: dict[int, list[int]] = {i: [i] for i in range(u)}
    decided: list[tuple[float, float] | None] = [None] * u
    if u < 2:
        return Agglomeration(list(groups.values()), [(0.0, 0.0)] * u)
    best = sim.max(axis=1)
    arg = sim.argmax(axis=1)
    # Every unit's best pair at the start, in case it never merges.
    fallback = [
        (
            max(0.0, float(best[i]) / _pair_lone(size, dated, i, int(arg[i]), lone)),
            float(gaps[i, arg[i]]),
        )
        for i in range(u)
    ]
    alive = np.ones(u, dtype=bool)
    while True:
        i = int(np.argmax(best))
        if best[i] < threshold:
            break
        j = int(arg[i])
        if j < i:
            i, j = j, i
        value, gap = float(sim[i, j]) / _pair_lone(size, dated, i, j, lone), float(gaps[i, j])
        for k in (*groups[i], *groups[j]):
            if decided[k] is None:
                decided[k] = (value, gap)
        groups[i].extend(groups.pop(j))
        gram[i, :] += gram[j, :]
        gram[:, i] = gram[i, :]
        size[i] += size[j]
        lo[i], hi[i] = np.fmin(lo[i], lo[j]), np.fmax(hi[i], hi[j])
        dated[i] = not np.isnan(lo[i])
        row_gaps = _gaps(lo, hi, i)
        gaps[i, :] = row_gaps
        gaps[:, i] = row_gaps
        alive[j] = False
        row = (
            gram[i, :]
            / (size[i] * size)
            * _factors(row_gaps, dated[i] & dated, timing, np.minimum(size[i], size))
        )
        if lone is not None and lone.factor != 1.0:
            row = row * _lone_factor(size[i], size, dated[i], dated, lone)
        if rule is not None:
            codes[i] = codes[i] if codes[i] == codes[j] else -1
            if codes[i] >= 0 and dated[i]:
                far_row = (codes == codes[i]) & dated & (row_gaps > timing.near_days)
                row = np.where(far_row, row * rule.factor, row)
        row[~alive] = -np.inf
        row[i] = -np.inf
        sim[i, :] = row
        sim[:, i] = row
        sim[j, :] = -np.inf
        sim[:, j] = -np.inf
        best[j] = -np.inf
        # Rows whose best partner was i or j may have lost it: look again.
        stale = np.flatnonzero(alive & ((arg == i) | (arg == j)))
        stale = stale[stale != i]
        if stale.size:
            best[stale] = sim[stale].max(axis=1)
            arg[stale] = sim[stale].argmax(axis=1)
        better = alive & (row > best)
        better[i] = False
        best[better] = row[better]
        arg[better] = i
        best[i] = row.max()
        arg[i] = int(row.argmax())
    result = [d if d is not None else fallback[k] for k, d in enumerate(decided)]
    return Agglomeration(sorted(groups.values()), result)
