"""Which terms are distinctive of one group against the others: weighted log-odds ratios.

Monroe, Colaresi & Quinn (2008), "Fightin' Words", section 3.5: the log-odds ratio of a term
between a group and the rest, smoothed by an informative Dirichlet prior drawn from a larger
background (here: the whole store), divided by its estimated standard deviation. The z-score
ranks terms by how reliably they belong to the group, so that a term an outlet uses once is
not ranked above one it uses throughout.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

__all__ = ["DistinctiveTerm", "distinctive_terms"]


@dataclass(frozen=True, slots=True)
class DistinctiveTerm:
    """A term, how often the group used it, and how distinctive of the group it is."""

    term: str
    count: int
    z: float
    """Weighted log-odds z-score against the other groups; above ~1.96 is significant."""


def distinctive_terms(
    groups: Mapping[str, Counter[str]],
    prior: Counter[str] | None = None,
    *,
    prior_weight: float | None = None,
    top: int = 15,
) -> dict[str, list[DistinctiveTerm]]:
    """The ``top`` most distinctive terms of each group against all the others.

    ``prior`` holds background term counts (the whole store); without one, the groups' own
    pooled counts serve. ``prior_weight`` is the Dirichlet concentration alpha_0: by default
    the size of the groups' own vocabulary use, so that the prior shrinks rare terms without
    drowning the groups' evidence.
    """
    pooled: Counter[str] = Counter()
    for counts in groups.values():
        pooled.update(counts)
    background = prior if prior else pooled
    background_total = sum(background.values())
    if not background_total:
        return {name: [] for name in groups}
    alpha0 = prior_weight if prior_weight is not None else float(sum(pooled.values()))
    result: dict[str, list[DistinctiveTerm]] = {}
    for name, counts in groups.items():
        n_i = sum(counts.values())
        rest = pooled.copy()
        rest.subtract(counts)
        n_j = sum(rest.values())
        scored = []
        for term, y_i in counts.items():
            if y_i <= 0:
                continue
            # A term absent from the background still gets a small share, not zero.
            alpha = alpha0 * max(background.get(term, 0), 0.5) / background_total
            y_j = max(rest.get(term, 0), 0)
            # The +0.5 keeps a one-term vocabulary (everything else empty) finite, as the
            # Haldane correction does for an empty cell.
            delta = math.log((y_i + alpha) / (n_i + alpha0 - y_i - alpha + 0.5)) - math.log(
                (y_j + alpha) / (n_j + alpha0 - y_j - alpha + 0.5)
            )
            variance = 1.0 / (y_i + alpha) + 1.0 / (y_j + alpha)
            scored.append(DistinctiveTerm(term, y_i, delta / math.sqrt(variance)))
        scored.sort(key=lambda t: (-t.z, t.term))
        result[name] = scored[:top]
    return result
