"""Which figures independent sources agree on, which conflict, and which only one reports.

Two figures are about the same quantity when they count the same thing: the head noun of what
they count and the nouns that narrow it, or, when a figure names no thing, the act it goes
with (``compare.quantity`` reads both, through tables of newsroom synonyms). Of such a pair
from two independent sources, overlapping intervals corroborate each other; disjoint ones
conflict, unless the values are so far apart that they must count different things (7,000
detained after an election against 500 on one Sunday) or the two cover different periods,
in which case each stands alone. Figures that name no counted thing clash only when both
count people ("were arrested"), and casualties never clash with the people spared ("died",
"were rescued"). Times agree when one period holds the other and the words around them share
what happened then, time words aside (a calendar day in its whole sentence, by two words; a
weekday by more than the one name beside it, "Trump said Wednesday"): a Friday every outlet
mentions is no fact by itself; they never conflict (two dates are two events). A length of time
("more than six decades", "over 60 years") counts no thing: two are one figure only as the
lengths of one event, the thing or act of one named by the other. Every set says why.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from newsprism.compare.numbers import converted, interval, overlap
from newsprism.compare.quantity import (
    ACT_SYNONYMS,
    WEAK_PREDICATES,
    Similarity,
    Verdict,
    act_of,
    humans,
    named_alike,
    predicate_key,
    same_period,
    same_thing,
    thing,
    time_agreement,
    times_exclude,
)
from newsprism.compare.statements import content_stems
from newsprism.records import Figure

__all__ = [
    "LENGTHS",
    "SYNONYMS",
    "FigureReport",
    "FigureSet",
    "Similarity",
    "anchors",
    "compare_figures",
    "context_window",
    "relate",
    "reported_once",
]

# Predicates and nouns news reports use interchangeably for one quantity. General newsroom
# vocabulary, grouped by hand; each group is mapped to its first word.
SYNONYMS: tuple[tuple[str, ...], ...] = (
    *ACT_SYNONYMS,
    ("people", "person", "individual", "resident", "citizen"),
    ("war", "conflict", "fighting", "hostility", "hostilities"),
    ("tariff", "duty", "duti", "levy", "levi"),  # "duti", "levi": the stems of the plurals
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
    sentence: str = ""
    """The sentence that holds the figure, when known (what a named day is said about)."""


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


_TIMES = frozenset({"year", "month", "date"})
_BARE_TIMES = _TIMES | {"weekday"}
"""Kinds that name a time and nothing else: a weekday, a month, a year, a date."""
LENGTHS = frozenset({"duration", "ago"})
"""Kinds measured in units of time: a length ("over 60 years") or a time back ("a year ago").
Neither counts a thing: two are one figure only as the lengths of one event."""
_STOP_CONTEXT = frozenset(
    "said says say told year years percent people time times also would could will".split()
)


@lru_cache(maxsize=65_536)  # asked for each pair a report is compared in
def _context_words(report: FigureReport) -> frozenset[str]:
    """Content words around a figure, its predicate and scope (synonyms folded)."""
    text = " ".join(filter(None, (report.context, report.figure.predicate, report.figure.scope)))
    words = {
        _canon(stem)
        for stem in content_stems(text)
        if stem not in _STOP_CONTEXT and not stem[:1].isdigit()
    }
    act = predicate_key(report.figure.predicate)
    if act and act not in WEAK_PREDICATES:
        words.add(f"act:{act}")
    return frozenset(words)


def _specific(figure: Figure) -> bool:
    """An amount too particular to be printed twice by chance ("$5.7 billion", "$43,350")."""
    if figure.kind != "money":
        return False
    digits = re.sub(r"\D", "", re.sub(r"^\D*", "", figure.text.split()[0] if figure.text else ""))
    return len(digits.strip("0")) >= 2 or abs(figure.value) >= 1e6


def _comparable(a: FigureReport, b: FigureReport) -> Verdict:
    """Whether two figures can be one quantity: one kind, one unit where the unit matters."""
    fa, fb = a.figure, b.figure
    if fa.kind in _TIMES and fb.kind in _TIMES:
        return Verdict(True, "times")
    if fa.kind != fb.kind:
        return Verdict(False, f"a {fa.kind} is not a {fb.kind}")
    if fa.kind == "money" and fa.unit != fb.unit and converted(fa, fb) is not None:
        return Verdict(True, "money in two currencies")
    if fa.kind in ("money", "percent", "duration", "ago") and fa.unit != fb.unit:
        return Verdict(False, f"{fa.unit} vs {fb.unit}")
    return Verdict(True, fa.kind)


def ambiguous_heads(reports: Sequence[FigureReport]) -> frozenset[str]:
    """Heads the story narrows in ways that exclude each other ("tariffs on steel", "tariffs
    on aluminum"): a figure of such a head that does not say which is compared with none."""
    narrowings: dict[str, list[frozenset[str]]] = {}
    for report in reports:
        found = thing(report.figure)
        if found.head and found.narrowing:
            narrowings.setdefault(found.head, []).append(found.narrowing)
    return frozenset(
        head
        for head, sets in narrowings.items()
        if any(x - y and y - x for k, x in enumerate(sets) for y in sets[k + 1 :])
    )


def relate(
    a: FigureReport,
    b: FigureReport,
    ambiguous: frozenset[str] = frozenset(),
    similar: Similarity | None = None,
) -> tuple[str, str] | None:
    """``("agree", why)``, ``("clash", why)`` or None for two reports of different sources.

    ``ambiguous`` holds the heads the story narrows in exclusive ways (see
    :func:`ambiguous_heads`): a figure of one that does not say which never conflicts;
    ``similar`` optionally scores counted things alike in meaning.
    """
    if _derived(a, b):
        return "agree", "consistent: the start year and the duration give the same span"
    if not _comparable(a, b).same:
        return None
    fa, fb = a.figure, b.figure
    if fa.kind in _TIMES:
        return _relate_times(a, b)
    if fa.kind == "money" and fa.unit != fb.unit:
        # Two currencies agree only loosely (the rate moves) and never conflict.
        shared = _context_words(a) & _context_words(b)
        if (
            converted(fa, fb)
            and shared
            and not same_thing(a.figure, b.figure, similar).reason.startswith("different")
        ):
            about = ", ".join(sorted(shared)[:3])
            return "agree", f"consistent after currency conversion, both about {about}"
        return None
    if fa.kind == "weekday":
        if fa.value != fb.value or (fa.qualifier or "") != (fb.qualifier or ""):
            return None
        # Every story has its Fridays: the day is one fact only when the words around the two
        # mentions say alike what happened on it.
        shared = _said_about(a) & _said_about(b)
        if _telling(shared, a, b):
            return "agree", f"the same day ({fa.normalized}), both about {_about(shared)}"
        return None
    if fa.kind == "tally":
        if fa.normalized == fb.normalized:
            return "agree", f"the same tally ({fa.normalized})"
        verdict = same_thing(a.figure, b.figure, similar)
        if verdict.same:
            return "clash", f"{verdict.reason}: {fa.normalized} vs {fb.normalized}"
        return None
    if fa.kind in LENGTHS:
        # "more than six decades of conflict" and "engaged in a war for over 60 years": a
        # length of time counts no thing; it is one figure only as the length of one event.
        event = _one_event(a, b)
        if event is None:
            return None
        if overlap(fa, fb):
            return "agree", f"the length of one event ({event})"
    verdict = same_thing(a.figure, b.figure, similar)
    if overlap(fa, fb):
        if verdict.same:
            return "agree", verdict.reason
        if _specific(fa) and _specific(fb) and not verdict.reason.startswith("different"):
            return "agree", f"the same amount ({fa.normalized or fa.text}) in one story"
        pa, pb = predicate_key(fa.predicate), predicate_key(fb.predicate)
        if pa and pa == pb and pa not in WEAK_PREDICATES and humans(fa) and humans(fb):
            # "three quarters of applicants pass" and "80 percent of asylum-seekers passed":
            # people named two ways, one act, values that agree.
            return "agree", f"the same act ({fa.predicate} / {fb.predicate}) by people " + (
                f"named two ways ({fa.quantified} / {fb.quantified})"
            )
        shared = _context_words(a) & _context_words(b)
        if fa.normalized == fb.normalized and shared and not verdict.reason.startswith("different"):
            return "agree", f"the same value, both about {', '.join(sorted(shared)[:3])}"
        return None
    if not verdict.same or fa.kind == "age" or _ratio(fa, fb) >= APART:
        return None
    if not named_alike(fa, fb):
        return None  # "$281 million in cash" against "$334 million" paid in all: a part?
    if _other_fate(fa, fb):
        return None  # "three bank workers died", "five other bank workers were rescued"
    ta, tb = thing(fa), thing(fb)
    if ta.head in ambiguous and not (ta.narrowing and tb.narrowing):
        return None  # "a 25% tariff" of a story with steel and aluminum tariffs: which one?
    period = same_period(fa.scope, fb.scope, a.year or b.year)
    if period is False:
        return None  # different periods: two counts, not a disagreement
    return "clash", f"{verdict.reason}, and {fa.text} and {fb.text} cannot both be right"


CASUALTIES = frozenset({"die", "injure"})
"""Acts (groups of ``ACT_SYNONYMS``) that count casualties: those killed, those injured."""
SPARED = frozenset(
    filter(
        None,
        map(
            predicate_key,
            """rescued survived escaped evacuated freed saved trapped
    released fled stranded spared""".split(),
        ),
    )
)
"""Acts that count the people a disaster spared or held, never its casualties."""


def _other_fate(fa: Figure, fb: Figure) -> bool:
    """Whether one figure counts casualties and the other people spared ("three bank workers
    died", "five other bank workers were rescued"; "three employees wounded", "seven
    employees were trapped"): two sets of people, not two counts of one."""
    pa, pb = predicate_key(fa.predicate), predicate_key(fb.predicate)
    return bool({pa, pb} & CASUALTIES and {pa, pb} & SPARED)


def _relate_times(a: FigureReport, b: FigureReport) -> tuple[str, str] | None:
    fa, fb = a.figure, b.figure
    why = time_agreement(fa, fb)
    if why is None:
        return None
    # One day named twice is one event only when the two sentences share what happened
    # (not just the time words around it: "early", "local time", the other month of "May or
    # early June"); different days are different events.
    shared = _said_about(a) & _said_about(b)
    if fa.kind == fb.kind == "date":
        if not (a.sentence and b.sentence):
            return "agree", why  # no sentence to read: one calendar day named twice
        if len(shared) < MIN_DATE_SHARED:
            return None
    elif not shared:
        return None
    return "agree", f"{why}, both about {_about(shared)}"


MIN_DATE_SHARED = 2
"""Content words two sentences naming one calendar day must share to be one fact (two
sentences of one story nearly always share a name). Set by hand, not calibrated."""
# Words that say when, not what: a time's own neighbourhood ("Friday evening", "early June",
# "local time") is no evidence that two times are one event.
_TIME_WORDS = content_stems(
    """january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday
    saturday sunday morning evening night afternoon noon midnight early late mid middle next
    last this week weekend day days month months year years local time today yesterday
    tomorrow edt est pdt gmt utc bst cet am pm"""
)
# A statement's time is named by whichever verb reports it ("state media reported Saturday",
# "Kim's announcement Saturday"): around a time, these are one act.
_STATEMENT = content_stems("announce announced announcement declare declared declaration report")


@lru_cache(maxsize=65_536)  # asked for each pair a time is compared in
def _said_about(report: FigureReport) -> frozenset[str]:
    """What the words around a time say happened then: its context words (synonyms folded)
    without time words and without the time's own words, reporting verbs taken as one."""
    figure = report.figure
    # A calendar day is said about in its whole sentence ("The visit was confirmed for July
    # 13 by the palace"); a weekday, a month or a year, which recur, only in the words next to
    # them.
    around = report.sentence if figure.kind == "date" and report.sentence else report.context
    text = " ".join(filter(None, (around, figure.predicate, figure.scope)))
    drop = _TIME_WORDS | content_stems(figure.text)
    words = {
        "statement" if stem in _STATEMENT else _canon(stem)
        for stem in content_stems(text)
        if stem not in _STOP_CONTEXT and stem not in drop and not stem[:1].isdigit()
    }
    act = predicate_key(figure.predicate)
    if act and act not in WEAK_PREDICATES and act not in drop:
        words.add(f"act:{act}")
    return frozenset(words | _acts_named(around))


_NAME = re.compile(r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*")
"""A run of capitalised words: one name ("Trump", "Tel Aviv", "President Vladimir Putin")."""


@lru_cache(maxsize=65_536)
def _names_around(report: FigureReport) -> tuple[frozenset[str], ...]:
    """The names in the words a time is said about, each as the stems :func:`_said_about`
    gives its words."""
    figure = report.figure
    around = report.sentence if figure.kind == "date" and report.sentence else report.context
    return tuple(
        names
        for m in _NAME.finditer(around)
        if (names := frozenset(_canon(stem) for stem in content_stems(m.group())))
    )


def _telling(shared: frozenset[str], a: FigureReport, b: FigureReport) -> bool:
    """Whether the words two mentions of a weekday share say what happened then, not only
    who was there: a word beyond names ("confirmed", "talks"), or two names. One name on both
    sides is no fact ("Trump said Wednesday" and "Trump, on Wednesday, raised"): a news report
    dates what people say by the weekday ("President Moon said Thursday"), so a name beside
    one is the attribution of a quote, not an event. A month or a year beside a name ("told
    Mr. Dowd in early March") dates what was done; a calendar day needs two words already."""
    names_a, names_b = _names_around(a), _names_around(b)
    named = frozenset().union(*names_a) & frozenset().union(*names_b)
    if shared - named:
        return True
    # Only names: the words must come from two names, not from one name's several words
    # ("Tel Aviv", "Prime Minister Benjamin Netanyahu").
    return len({run & shared for run in names_a if run & shared}) >= 2


def _one_event(a: FigureReport, b: FigureReport) -> str | None:
    """What two lengths of time both measure, or None: the thing or act of one of them
    ("conflict", "extended") named by the other as its own thing or act, or in its sentence
    ("engaged in a war for over 60 years", "for more than a month there have been protests").
    Words around both are not enough: "the White House said" beside two periods of 30 days
    does not make them one."""
    ea, eb = _measured(a), _measured(b)
    drop = _TIME_WORDS | content_stems(f"{a.figure.text} {b.figure.text}")
    shared = ((ea & (eb | _sentence_words(b))) | (eb & _sentence_words(a))) - drop
    if not shared:
        return None
    return " ~ ".join(sorted({w.removeprefix("act:") for w in shared})[:3])


@lru_cache(maxsize=65_536)
def _sentence_words(report: FigureReport) -> frozenset[str]:
    """The content words (synonyms folded) and acts of a figure's sentence, or of the words
    around it when its sentence is not known."""
    text = report.sentence or report.context
    stems = {_canon(stem) for stem in content_stems(text) if not stem[:1].isdigit()}
    return frozenset(stems) | _context_words(report) | _acts_named(text)


_LETTERS = re.compile(r"[A-Za-z]+")


@lru_cache(maxsize=65_536)
def _acts_named(text: str) -> frozenset[str]:
    """The acts ``text`` names by a verb or an event noun of one synonym group ("Trump nixed
    a visit" and "Trump cancelled a visit": ``act:cancel``; "the 30-day delay": ``act:extend``).
    """
    return frozenset(f"act:{act}" for w in _LETTERS.findall(text) if (act := act_of(w.lower())))


@lru_cache(maxsize=65_536)
def _measured(report: FigureReport) -> frozenset[str]:
    """What a length of time measures: its thing ("six decades of conflict") and its act
    ("lasted", "extended"), synonyms folded, units of time and reporting verbs aside."""
    figure = report.figure
    words = {_canon(stem) for stem in content_stems(figure.quantified or "")}
    act = predicate_key(figure.predicate)
    if act and act not in WEAK_PREDICATES:
        words |= {f"act:{act}", *(_canon(stem) for stem in content_stems(figure.predicate or ""))}
    return frozenset(words - _STOP_CONTEXT - _TIME_WORDS)


def _about(shared: frozenset[str]) -> str:
    return ", ".join(sorted(shared)[:3])


def _derived(a: FigureReport, b: FigureReport) -> bool:
    """A start year and a duration in years that say the same thing (1994 and 26 years).

    Only a year given as a start ("since 1994") counts: "2016" and "two years" are otherwise
    a date and a length, never one figure.
    """
    pairs = ((a, b), (b, a))
    for start, span in pairs:
        fs, fd = start.figure, span.figure
        if fs.kind == "year" and fd.kind == "duration" and fd.unit.startswith("year"):
            said = f"{fs.scope or ''} {start.context}".lower()
            if not re.search(rf"\b(?:since|from) {int(fs.value)}\b", said) and not (
                re.search(r"\bsince\b", fs.scope or "")
            ):
                continue
            year = span.year or start.year
            shared = anchors(fs) & _with_context(span)
            if year and shared and abs((year - fs.value) - fd.value) <= 1:
                return True
    return False


def _with_context(report: FigureReport) -> frozenset[str]:
    # A bare duration ("26 years") names its subject only around it: "in power for 26 years".
    around = content_stems(f"{report.figure.text} {report.context}")
    return anchors(report.figure) | frozenset(_canon(s) for s in around)


# A sentence ends at ".", "!", "?" or ";" before a space, but not after a title or an initial
# ("On Thursday, Mr. Moon said", "the U.S. troops").
_CLAUSE_END = re.compile(r"(?<!\bMr)(?<!\bMs)(?<!\bMrs)(?<!\bDr)(?<!\bSt)(?<!\b[A-Z])[.!?;]\s")


def context_window(text: str, start: int, end: int, words: int = 4) -> str:
    """``words`` words either side of ``text[start:end]``, within its sentence."""
    before = _CLAUSE_END.split(text[max(0, start - 200) : start])[-1].split()[-words:]
    after = _CLAUSE_END.split(text[end : end + 200])[0].split()[:words]
    return " ".join([*before, *after])


def _scope_note(reports: Sequence[FigureReport]) -> str:
    scopes = {r.figure.scope for r in reports if r.figure.scope}
    year = next((r.year for r in reports if r.year), None)
    distinct: list[str] = []
    for scope in sorted(scopes):
        if not any(same_period(scope, seen, year) for seen in distinct):
            distinct.append(scope)  # "from 2007 to 2014" and "since 2007" are one period
    if len(distinct) > 1:
        quoted = " vs ".join(f"'{s}'" for s in distinct)
        return f"the scopes differ ({quoted}), which may explain the difference"
    return ""


def _reportable(report: FigureReport) -> bool:
    figure = report.figure
    small = (
        figure.kind == "count" and figure.value < MIN_COUNT and figure.value == int(figure.value)
    )
    return not small


def compare_figures(
    reports: Sequence[FigureReport], *, similar: Similarity | None = None
) -> list[FigureSet]:
    """Group figures of one story into corroborated, conflicting and exclusive sets.

    Each set's note says why its figures were matched, or why they conflict. ``similar``
    scores two counted-thing phrases (``compare.semantic_things.installed_similarity()`` with
    the ``[semantic]`` extra); without it counted things are matched lexically.
    """
    reports = [r for r in reports if _reportable(r)]
    n = len(reports)
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    agree: dict[tuple[int, int], str] = {}
    clash: dict[tuple[int, int], str] = {}
    ambiguous = ambiguous_heads(reports)
    joined: dict[int, list[int]] = {}  # root -> the reports of its group

    def _consistent(gi: int, gj: int) -> bool:
        # Agreement chains through a coarse value must not join two finer ones that exclude
        # each other: "March" holds "March 8" and "March 23", "tens of thousands" holds
        # 55,000 and nearly 100,000, yet neither pair is one figure. Every pair of the merged
        # group must be able to be one value.
        if gi == gj:
            return True
        left, right = joined.get(gi, [gi]), joined.get(gj, [gj])
        return not any(_exclude(reports[x].figure, reports[y].figure) for x in left for y in right)

    candidates: list[tuple[int, int, int, str]] = []
    words = [_context_words(r) for r in reports]
    for i, j in _pairs(reports):
        a, b = reports[i], reports[j]
        if a.source == b.source:
            continue
        related = relate(a, b, ambiguous, similar)
        if related is None:
            continue
        verdict, why = related
        if verdict == "agree":
            candidates.append((-len(words[i] & words[j]), i, j, why))
        else:
            clash[(i, j)] = why
    # The best-supported agreements join first, so that a bare "January" joins the reports
    # that share its act ("cancelled" / "nixed") before a chain can take it elsewhere.
    for _, i, j, why in sorted(candidates):
        if not _consistent(find(i), find(j)):
            continue  # "March 8" and "March 23" both lie in "March": not one day
        agree[(i, j)] = why
        ri, rj = find(i), find(j)
        if ri != rj:
            joined.setdefault(ri, [ri]).extend(joined.pop(rj, [rj]))
            parent[rj] = ri
    sets: list[FigureSet] = []
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(i)
    conflicted = _conflicts(reports, groups, find, agree, clash, sets, similar)
    for root, members in groups.items():
        if root in conflicted:
            continue
        group = tuple(reports[k] for k in members)
        if len({r.source for r in group}) >= 2:
            whys = [w for (i, j), w in agree.items() if find(i) == root]
            sets.append(FigureSet("corroborated", group, _agreement_note(group, whys)))
        else:
            sets.extend(FigureSet("exclusive", (r,)) for r in group)
    return sets


def reported_once(sets: Sequence[FigureSet]) -> list[FigureSet]:
    """``sets`` (of :func:`compare_figures`) without the exclusives no reader should be told
    only one source reports: a bare time (a weekday, month, year or date) that another source
    names too (the two were left unmatched because nothing they are said about is shared, yet
    "only one source reports Friday", once for each of four outlets, would mislead), and a
    figure an article repeats (listed once, at its first mention)."""
    sources: dict[tuple[str, str], set[str]] = {}
    for s in sets:
        for r in s.reports:
            if r.figure.kind in _BARE_TIMES:
                sources.setdefault((r.figure.kind, _value_key(r)), set()).add(r.source)
    seen: set[tuple[str, str, str, str]] = set()
    kept: list[FigureSet] = []
    for s in sets:
        if s.verdict == "exclusive":
            (r,) = s.reports
            key = (r.figure.kind, _value_key(r))
            if r.figure.kind in _BARE_TIMES and len(sources.get(key, ())) > 1:
                continue
            once = (
                r.figure.span.doc_id,
                *key,
                " ".join(filter(None, (r.figure.quantified, r.figure.predicate))),
            )
            if once in seen:
                continue
            seen.add(once)
        kept.append(s)
    return kept


def _value_key(report: FigureReport) -> str:
    figure = report.figure
    return figure.normalized or f"{figure.value:g} {figure.unit}"


def _pairs(reports: Sequence[FigureReport]) -> list[tuple[int, int]]:
    """The pairs of reports that can be one quantity: one kind (times together), and a year
    with a duration (a start and a span); pairs of different kinds are never compared."""
    by_class: dict[str, list[int]] = {}
    for k, report in enumerate(reports):
        kind = report.figure.kind
        by_class.setdefault("time" if kind in _TIMES else kind, []).append(k)
    pairs = [
        (x, y)
        for members in by_class.values()
        for n, x in enumerate(members)
        for y in members[n + 1 :]
    ]
    years = [k for k in by_class.get("time", []) if reports[k].figure.kind == "year"]
    pairs += [(min(x, y), max(x, y)) for x in years for y in by_class.get("duration", [])]
    return sorted(pairs)


def _exclude(a: Figure, b: Figure) -> bool:
    """True when two figures cannot state one value (times: one moment)."""
    if a.kind in _TIMES and b.kind in _TIMES:
        return times_exclude(a, b)
    if a.kind in _BARE_TIMES or b.kind in _BARE_TIMES:
        return False  # a start year and a duration: compared by their arithmetic
    if a.kind == "tally" or b.kind == "tally":
        return a.normalized != b.normalized
    if a.kind == b.kind == "money" and a.unit != b.unit:
        return converted(a, b) is False
    return not overlap(a, b)


def _conflicts(
    reports: Sequence[FigureReport],
    groups: dict[int, list[int]],
    find: Callable[[int], int],
    agree: dict[tuple[int, int], str],
    clash: dict[tuple[int, int], str],
    sets: list[FigureSet],
    similar: Similarity | None = None,
) -> set[int]:
    """Add one conflict per set of agreeing groups that clash with each other; their roots.

    Groups joined by clashes form one conflict ("hundreds of thousands", "100,000" and "55,000"
    files), listing the reports that clash directly and those of their groups that count the
    same thing as a clashing report of another group ("flattened seven villages" is not listed
    against "five villages were hit"). A group that independent sources agree on is also
    reported as corroborated: two outlets' "150" stays corroborated when a third says "200".
    """
    component = {root: root for root in groups}

    def top(g: int) -> int:
        while component[g] != g:
            component[g] = component[component[g]]
            g = component[g]
        return g

    for i, j in clash:
        component[top(find(i))] = top(find(j))
    by_component: dict[int, list[tuple[int, int]]] = {}
    for pair in sorted(clash):
        by_component.setdefault(top(find(pair[0])), []).append(pair)
    conflicted: set[int] = set()
    for pairs in by_component.values():
        roots = sorted({find(k) for pair in pairs for k in pair})
        conflicted.update(roots)
        core = {k for pair in pairs for k in pair}
        members = [
            k for root in roots for k in groups[root]
            if k in core or any(
                same_thing(reports[k].figure, reports[c].figure, similar).same
                for c in core if len(roots) == 1 or find(c) != find(k)
            )
        ]  # fmt: skip
        # The reason names the plainest clash: two exact figures before a vague "hundreds".
        plain = min(pairs, key=lambda p: sum(reports[k].figure.high is not None for k in p))
        why = clash[plain]
        # The two reports of that clash lead, so that whoever shows two sides (the brief, the
        # digest) shows the two that disagree, not "150" against "more than 150".
        members = [*plain, *(k for k in members if k not in plain)]
        both = [reports[k] for k in members]
        note = "; ".join(filter(None, (f"conflict: {why}", _scope_note(both))))
        sets.append(FigureSet("conflict", tuple(both), note))
        for root in roots if len(roots) > 1 else ():
            side = tuple(reports[k] for k in groups[root] if k in members)
            inner = any(find(x) == find(y) == root for x, y in pairs)
            if len({r.source for r in side}) >= 2 and not inner:
                whys = [w for (x, _), w in agree.items() if find(x) == root and x in members]
                note = _agreement_note(side, whys)
                shown = "; ".join(filter(None, (note, "contradicted by another source")))
                sets.append(FigureSet("corroborated", side, shown))
    return conflicted


def _ratio(a: Figure, b: Figure) -> float:
    """How far apart two values are, as a factor; a stated range counts from its nearer end."""
    a_low, a_high = sorted((abs(a.value), abs(a.high if a.high is not None else a.value)))
    b_low, b_high = sorted((abs(b.value), abs(b.high if b.high is not None else b.value)))
    if a_high < b_low:
        low, high = a_high, b_low
    elif b_high < a_low:
        low, high = b_high, a_low
    else:
        return 1.0
    return high / low if low else float("inf")


def _agreement_note(group: Sequence[FigureReport], whys: Sequence[str] = ()) -> str:
    why = f"matched: {whys[0]}" if whys else ""
    texts = {r.figure.text for r in group}
    if len(texts) == 1:
        return why
    if any(r.figure.kind == "year" for r in group) and any(
        r.figure.kind == "duration" for r in group
    ):
        return "consistent: the start year and the duration give the same span"
    widths = [interval(r.figure) for r in group]
    if all(w.high - w.low <= 1e-9 * max(abs(w.high), 1) for w in widths):
        return "; ".join(filter(None, (why, "the same value")))
    rounding = "consistent within rounding and hedges (" + "; ".join(sorted(texts)) + ")"
    return "; ".join(filter(None, (why, rounding)))
