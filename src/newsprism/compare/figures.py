"""Which figures independent sources agree on, which conflict, and which only one reports.

Two figures are about the same quantity when they are of one kind and unit and share an
anchor: the noun they count, the predicate they go with, or a content word of their scope,
read through a small table of news synonyms (arrested/detained, ruled/in power). Of such a
pair from two independent sources, overlapping intervals corroborate each other; disjoint ones
conflict, unless the values are so far apart that they must count different things (7,000
detained after an election against 500 on one Sunday), in which case each stands alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from newsprism.compare.numbers import interval, overlap
from newsprism.compare.statements import content_stems
from newsprism.records import Figure

__all__ = ["SYNONYMS", "FigureReport", "FigureSet", "anchors", "compare_figures", "context_window"]

# Predicates and nouns news reports use interchangeably for one quantity. General newsroom
# vocabulary, grouped by hand; each group is mapped to its first word.
SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("detain", "arrest", "jail", "imprison", "hold", "apprehend", "custody", "detention"),
    ("die", "kill", "dead", "death", "fatal", "perish"),
    ("injure", "wound", "hurt", "injury"),
    ("rule", "power", "govern", "reign", "lead", "office", "presidency"),
    ("vote", "ballot", "poll", "election", "receive", "garner", "win", "secure", "get"),
    ("loan", "lend", "credit", "lending"),
    ("protest", "protester", "demonstration", "demonstrator", "rally", "march"),
    ("talk", "meet", "meeting", "negotiation", "summit", "conversation", "last"),
    ("people", "person", "individual", "resident", "citizen"),
)
_CANON = {word: group[0] for group in SYNONYMS for word in group}
# Values of one quantity this far apart are two different counts, not a disagreement: a
# reporter may misread a figure by a third, hardly by a factor of three.
APART = 3.0
# Small counts written as words ("two presidents", "one-to-one talks") are descriptions, not
# reported figures.
MIN_COUNT = 3
_ENDINGS = ("ing", "ed", "es", "d", "s")


def _canon(stem: str) -> str:
    """The synonym group of a stem, trying it bare and without a verb or plural ending."""
    candidates = [stem, stem + "e"]
    candidates += [stem[: -len(e)] for e in _ENDINGS if stem.endswith(e) and len(stem) > len(e) + 2]
    for candidate in candidates:
        if candidate in _CANON:
            return _CANON[candidate]
    return stem


def anchors(figure: Figure) -> frozenset[str]:
    """What a figure is about: its noun, predicate and scope words, synonyms folded."""
    words = " ".join(filter(None, (figure.quantified, figure.predicate, figure.scope)))
    return frozenset(_canon(stem) for stem in content_stems(words))


@dataclass(frozen=True, slots=True)
class FigureReport:
    """One figure as one outlet reported it, with the independent source it counts as."""

    figure: Figure
    outlet: str
    source: str
    """Syndication group (or document) id: reprints of one text share it."""
    year: int | None = None
    """The article's publication year, for derived figures ("since 1994" = "26 years")."""
    context: str = ""
    """A few words either side of the figure in its article ("in power for 26 years")."""


@dataclass(frozen=True, slots=True)
class FigureSet:
    """Figures of one quantity and the verdict on them."""

    verdict: str
    """``corroborated``, ``conflict`` or ``exclusive``."""
    reports: tuple[FigureReport, ...]
    note: str = ""

    @property
    def sources(self) -> int:
        """Independent sources among the reports."""
        return len({r.source for r in self.reports})


def _comparable(a: FigureReport, b: FigureReport) -> bool:
    fa, fb = a.figure, b.figure
    if fa.kind == "date" and fb.kind == "date":
        return fa.value == fb.value  # one day named twice; different days are different events
    if (fa.kind, fa.unit) != (fb.kind, fb.unit):
        return False
    return bool(anchors(fa) & anchors(fb))


def _derived(a: FigureReport, b: FigureReport) -> bool:
    """A start year and a duration in years that say the same thing (1994 and 26 years)."""
    pairs = ((a, b), (b, a))
    for start, span in pairs:
        fs, fd = start.figure, span.figure
        if fs.kind == "year" and fd.kind == "duration" and fd.unit.startswith("year"):
            year = span.year or start.year
            shared = anchors(fs) & _with_context(span)
            if year and shared and abs((year - fs.value) - fd.value) <= 1:
                return True
    return False


def _with_context(report: FigureReport) -> frozenset[str]:
    # A bare duration ("26 years") names its subject only around it: "in power for 26 years".
    around = content_stems(f"{report.figure.text} {report.context}")
    return anchors(report.figure) | frozenset(_canon(s) for s in around)


def context_window(text: str, start: int, end: int, words: int = 4) -> str:
    """``words`` words either side of ``text[start:end]``, within its sentence."""
    before = re.split(r"[.!?;]\s", text[max(0, start - 200) : start])[-1].split()[-words:]
    after = re.split(r"[.!?;]\s", text[end : end + 200])[0].split()[:words]
    return " ".join([*before, *after])


def _related(a: FigureReport, b: FigureReport) -> bool:
    return _comparable(a, b) or _derived(a, b)


# Units of measure (stems as ``content_stems`` gives them): a noun that only names the unit.
_MEASURES = frozenset(
    _canon(stem)
    for word in (
        "mile miles kilometre kilometres kilometer kilometers km metre metres meter meters feet "
        "foot inch inches yard yards kilogram kilograms kg gram grams tonne tonnes ton tons "
        "pound pounds litre litres liter liters gallon gallons barrel barrels acre acres "
        "hectare hectares degree degrees magnitude"
    ).split()
    for stem in content_stems(word)
)


def _folded(text: str | None) -> frozenset[str]:
    return frozenset(_canon(s) for s in content_stems(text or ""))


def _same_thing(a: FigureReport, b: FigureReport) -> bool:
    """Stricter than :func:`_comparable`, for conflicts: the same thing counted, the same act.

    Where both sides name what they count, the nouns must agree (or be synonyms); where both
    name a predicate, so must the predicates; and at least one of the two must be named on both
    sides. Years and dates never conflict: two of them are two events.
    """
    fa, fb = a.figure, b.figure
    if fa.kind in ("year", "date"):
        return False
    checked = False
    pairs = ((fa.quantified, fb.quantified, True), (fa.predicate, fb.predicate, False))
    for left, right, is_noun in pairs:
        if left and right:
            if not _folded(left) & _folded(right):
                return False
            # "602 miles" and "700 miles" share a unit of measure, not what was measured.
            checked = checked or not (is_noun and _folded(left) <= _MEASURES)
    return checked


def _scope_note(reports: Sequence[FigureReport]) -> str:
    scopes = {r.figure.scope for r in reports if r.figure.scope}
    if len(scopes) > 1:
        quoted = " vs ".join(f"'{s}'" for s in sorted(scopes))
        return f"the scopes differ ({quoted}), which may explain the difference"
    return ""


def _reportable(report: FigureReport) -> bool:
    figure = report.figure
    return not (figure.kind == "count" and figure.value < MIN_COUNT)


def compare_figures(reports: Sequence[FigureReport]) -> list[FigureSet]:
    """Group figures of one story into corroborated, conflicting and exclusive sets."""
    reports = [r for r in reports if _reportable(r)]
    n = len(reports)
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    agree: set[tuple[int, int]] = set()
    clash: set[tuple[int, int]] = set()
    for i in range(n):
        for j in range(i + 1, n):
            a, b = reports[i], reports[j]
            if a.source == b.source or not _related(a, b):
                continue
            if _derived(a, b) or overlap(a.figure, b.figure):
                agree.add((i, j))
                parent[find(j)] = find(i)
            elif _ratio(a.figure, b.figure) < APART and _same_thing(a, b):
                clash.add((i, j))
    sets: list[FigureSet] = []
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(i)
    conflicted: set[int] = set()
    for i, j in sorted(clash):
        # A conflict sets whole agreeing groups against each other, once.
        gi, gj = find(i), find(j)
        if gi in conflicted or gj in conflicted:
            continue
        conflicted.update((gi, gj))
        # A chain of agreements can join two clashing reports into one group: list it once.
        members = groups[gi] if gi == gj else groups[gi] + groups[gj]
        # Each side lists the reports that clash with the other side directly, and those of
        # its agreeing group that count the same thing as the other side's clashing reports
        # ("flattened seven villages" is not listed against "five villages were hit").
        core = {k for pair in clash if find(pair[0]) in (gi, gj) for k in pair}

        def opposite(k: int, gi: int = gi, gj: int = gj, core: set[int] = core) -> list[int]:
            return [c for c in core if gi == gj or find(c) != find(k)]

        members = [
            k for k in members
            if k in core or any(_same_thing(reports[k], reports[c]) for c in opposite(k))
        ]  # fmt: skip
        both = [reports[k] for k in members]
        sets.append(FigureSet("conflict", tuple(both), _scope_note(both)))
    for root, members in groups.items():
        if root in conflicted:
            continue
        group = tuple(reports[k] for k in members)
        if len({r.source for r in group}) >= 2:
            sets.append(FigureSet("corroborated", group, _agreement_note(group)))
        else:
            sets.extend(FigureSet("exclusive", (r,)) for r in group)
    return sets


def _ratio(a: Figure, b: Figure) -> float:
    low, high = sorted((abs(a.value), abs(b.value)))
    return high / low if low else float("inf")


def _agreement_note(group: Sequence[FigureReport]) -> str:
    texts = {r.figure.text for r in group}
    if len(texts) == 1:
        return ""
    if any(r.figure.kind == "year" for r in group) and any(
        r.figure.kind == "duration" for r in group
    ):
        return "consistent: the start year and the duration give the same span"
    widths = [interval(r.figure) for r in group]
    if all(w.high - w.low <= 1e-9 * max(abs(w.high), 1) for w in widths):
        return "the same value"
    return "consistent within rounding and hedges (" + "; ".join(sorted(texts)) + ")"
