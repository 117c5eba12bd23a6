"""Whether two figures state one quantity, and why: the counted thing, predicate and scope.

A figure's quantity is what it counts (the head noun of its counted-thing phrase, with the
noun modifiers and the prepositional object that narrow it), the act it goes with (its
predicate) and the period it covers (its scope). Two figures are one quantity only when these
agree, read through a table of newsroom synonyms; values are never enough on their own, except
for an amount so specific that two outlets printing it name the same thing ("$5.7 billion").
Kinds never mix (a duration is not a year, an age is not a count), and times are compared as
the periods they name ("2016" holds "June 2016", which holds "June 14, 2016").

Every decision comes with a reason, kept on the finding it produces.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from newsprism.clean.lexicon import STOPWORDS
from newsprism.compare.semantic_things import SIMILAR_THINGS
from newsprism.records import Figure

__all__ = [
    "ACT_SYNONYMS",
    "HEAD_SYNONYMS",
    "PREDICATE_SYNONYMS",
    "WEAK_PREDICATES",
    "Similarity",
    "Thing",
    "Verdict",
    "act_of",
    "base",
    "humans",
    "named_alike",
    "predicate_key",
    "same_period",
    "same_thing",
    "scope_span",
    "thing",
    "time_agreement",
    "times_exclude",
]

# Nouns news reports use for one counted thing. General newsroom vocabulary grouped by hand
# (not read off any evaluation file); each group is known by its first word.
HEAD_SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("people", "person", "individual", "resident", "citizen"),
    ("action", "step", "measure", "move", "initiative"),
    ("device", "bomb", "explosive", "package", "parcel"),
    ("signature", "signatory", "signer"),
    ("file", "document", "record"),
    ("troop", "soldier", "servicemember", "personnel"),
    ("tariff", "duty", "levy"),
    ("death", "fatality", "dead", "killed"),
    ("injury", "injured", "wounded"),
    ("arrest", "detention", "detainee"),
    ("cd", "disc", "compact disc"),
    ("question", "query"),
    ("vote", "ballot"),
    ("protester", "protestor", "demonstrator", "marcher"),
    ("migrant", "asylum seeker", "asylum-seeker"),
    ("exemption", "exception", "waiver", "reprieve"),
)
# Acts news reports name with interchangeable verbs and event nouns; shared by the predicate
# groups below and by the context-word groups of ``compare.figures``.
ACT_SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("detain", "arrest", "jail", "imprison", "hold", "apprehend", "custody", "detention"),
    ("die", "died", "kill", "dead", "death", "fatal", "perish"),
    ("injure", "wound", "hurt", "injury"),
    ("rule", "power", "govern", "reign", "lead", "office", "presidency"),
    ("vote", "ballot", "poll", "election", "receive", "garner", "win", "secure", "get"),
    ("loan", "lend", "credit", "lending"),
    ("protest", "protester", "demonstration", "demonstrator", "rally", "march"),
    ("talk", "meet", "meeting", "negotiation", "summit", "conversation", "last"),
    ("suspend", "halt", "stop", "freeze", "pause", "cease", "suspension", "moratorium"),
)
# Verbs (and event nouns) news reports use for one act; the heads of a verb's nominalisation
# are listed with it ("sign", "signature") so that "1.8 million people signed" and "1.8 million
# signatures" meet.
PREDICATE_SYNONYMS: tuple[tuple[str, ...], ...] = (
    *ACT_SYNONYMS,
    ("sign", "signature", "signatory", "signer", "petition"),
    ("hire", "recruit", "join", "retain", "add", "bring"),
    ("impose", "slap", "levy", "put", "set", "place"),
    ("pay", "spend", "earn", "receive"),
    ("obtain", "take", "seize", "steal", "acquire", "smuggle", "get"),
    ("send", "mail", "deliver", "ship"),
    ("announce", "unveil", "reveal", "present", "disclose"),
    ("extend", "delay", "postpone", "push", "prolong"),
    ("start", "begin", "head", "leave", "depart", "launch"),
    ("cancel", "nix", "scrap", "scrub", "drop", "abandon"),
)
# Predicates too common to show that two figures go with one act.
WEAK_PREDICATES = frozenset(
    """
    say said says tell told be is was were are been being have has had make made do did go went
    come came
    see saw know knew think thought want use include report add get got
    measure measuring total reach stand number
    """.split()
)
_HEADS = {w: g[0] for g in HEAD_SYNONYMS for w in g}
_PREDICATES = {w: g[0] for g in PREDICATE_SYNONYMS for w in g}
# Heads that name people in general: two counts of them are one quantity only for one act.
GENERIC_HEADS = frozenset({"people", "member", "participant", "american"})
# Heads that only name a unit of measure: "602 miles" and "700 miles" share no thing.
MEASURES = frozenset(
    """
    mile kilometre kilometer km metre meter foot feet inch yard kilogram kg gram tonne ton pound
    litre liter gallon barrel acre hectare degree magnitude percent point
    year month week day hour minute second decade century
    """.split()
)
_PREPOSITIONS = ("of", "on", "in", "for", "from")
_WORD = re.compile(r"[a-z][a-z.'-]*[a-z]|[a-z]")
_IRREGULAR = {"feet": "foot", "people": "people", "children": "child", "men": "man",
              "women": "woman", "news": "news", "series": "series", "us": "us"}  # fmt: skip


# A story's figures are compared pairwise, so each figure's reading is asked for many times.
_CACHE = 65_536


@lru_cache(maxsize=_CACHE)
def base(word: str) -> str:
    """A word without its plural, possessive or verb ending ("taxes" -> "tax", "CD's" -> "cd")."""
    word = word.lower().strip(".'’-")
    word = re.sub(r"['’]s$", "", word)
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    for ending, repl in (("ies", "y"), ("sses", "ss"), ("xes", "x"), ("ches", "ch"),
                         ("shes", "sh"), ("ses", "s")):  # fmt: skip
        if word.endswith(ending) and len(word) > len(ending) + 1:
            return word[: -len(ending)] + repl
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word


def _verb_base(word: str) -> str:
    word = base(word)
    for ending in ("ing", "ed"):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            stem = word[: -len(ending)]
            if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "ls":
                stem = stem[:-1]  # "slapped" -> "slap"
            # "cancelled" -> "cancel"
            doubled: tuple[str, ...] = (stem[:-1],) if stem[-1] == stem[-2] else ()
            for candidate in (stem, stem + "e", *doubled):
                if candidate in _PREDICATES or candidate in WEAK_PREDICATES:
                    return candidate
            return stem
    return word


@lru_cache(maxsize=_CACHE)
def predicate_key(word: str | None) -> str | None:
    """The synonym group of a predicate ("detained" -> "detain")."""
    if not word:
        return None
    stem = _verb_base(word)
    return _PREDICATES.get(stem, _PREDICATES.get(base(word), stem))


@lru_cache(maxsize=_CACHE)
def act_of(word: str) -> str | None:
    """The synonym group of a word that names an act ("nixed" -> "cancel", "delay" ->
    "extend"), or None for a word of no group or one too common to tell acts apart."""
    stem = _verb_base(word)
    key = _PREDICATES.get(stem, _PREDICATES.get(base(word)))
    return key if key and key not in WEAK_PREDICATES and stem not in WEAK_PREDICATES else None


@dataclass(frozen=True, slots=True)
class Thing:
    """A counted thing read from a figure's phrase: its head and the words that narrow it."""

    head: str | None
    """The head noun's synonym group, or None when the phrase names only an object."""
    narrowing: frozenset[str]
    """Noun modifiers and the prepositional object ("steel", "state", "tax" -> "taxes")."""

    @property
    def words(self) -> frozenset[str]:
        """All the words of the thing, head included."""
        return self.narrowing | ({self.head} if self.head else set())


@lru_cache(maxsize=_CACHE)
def thing(figure: Figure) -> Thing:
    """The counted thing of a figure (its head noun in its synonym group, and its modifiers)."""
    phrase = (figure.quantified or "").lower()
    words = [w for w in _WORD.findall(phrase) if w not in STOPWORDS or w in _PREPOSITIONS]
    cut = next((k for k, w in enumerate(words) if w in _PREPOSITIONS), len(words))
    before, after = words[:cut], [w for w in words[cut:] if w not in _PREPOSITIONS]
    if len(before) >= 2 and " ".join(before[-2:]) in _HEADS:
        head: str | None = _HEADS[" ".join(before[-2:])]  # "asylum seekers", "compact discs"
        before = before[:-2]
    elif before:
        word = base(before[-1])
        head = _HEADS.get(word, word)
        before = before[:-1]
    else:
        head = None
    narrowing = frozenset(_HEADS.get(base(w), base(w)) for w in (*before, *after) if len(w) > 1)
    return Thing(head, narrowing - {head} if head else narrowing)


@dataclass(frozen=True, slots=True)
class Verdict:
    """Whether two figures are one quantity, and the reason a reader is given."""

    same: bool
    reason: str


# ------------------------------------------------------------------------------------------
# periods: years, months and dates as day ranges; scopes as year spans


def _period(figure: Figure) -> tuple[int | None, int | None, tuple[int, int] | None] | None:
    """(year, month, (first day, last day)) a time figure names; None parts are unknown."""
    value = int(figure.value)
    if figure.kind == "year":
        return value, None, None
    if figure.kind == "month":
        year, month = (value // 100, value % 100) if value > 1300 else (None, value)
        part = (figure.qualifier or "").split()
        days = (1, 10) if "early" in part else (11, 20) if "mid" in part else None
        days = (21, 31) if "late" in part else days
        return year, month, days
    if figure.kind == "date":
        if value > 10_000:
            day = dt.date.fromordinal(value)
            return day.year, day.month, (day.day, day.day)
        return None, value // 100, (value % 100, value % 100)
    return None


def times_exclude(a: Figure, b: Figure) -> bool:
    """True when two times cannot name one moment (other years, months or days)."""
    pa, pb = _period(a), _period(b)
    if pa is None or pb is None:
        return False
    (ya, ma, da), (yb, mb, db) = pa, pb
    ra, rb = _relative_year(a), _relative_year(b)
    return bool(
        (ya is not None and yb is not None and ya != yb)
        or _unplaced_against_year(ya, ra, yb, rb)
        or (ma is not None and mb is not None and ma != mb)
        or (da is not None and db is not None and (da[1] < db[0] or db[1] < da[0]))
        or (ra and rb and ra != rb)
    )


def time_agreement(a: Figure, b: Figure) -> str | None:
    """Why two times can name one moment ("2016" and "June 2016"), or None when they cannot."""
    pa, pb = _period(a), _period(b)
    if pa is None or pb is None:
        return None
    (ya, ma, da), (yb, mb, db) = pa, pb
    ra, rb = _relative_year(a), _relative_year(b)
    if ra and rb and ra != rb:
        return None  # "January last year" is not "January this year"
    if ya is not None and yb is not None and ya != yb:
        return None
    if _unplaced_against_year(ya, ra, yb, rb):
        return None
    if ma is not None and mb is not None and ma != mb:
        return None
    if da is not None and db is not None and (da[1] < db[0] or db[1] < da[0]):
        return None
    if (ya is None) != (yb is None) and (ma is None or mb is None):
        return None  # a bare month against a bare year: nothing to compare
    if ma is None and mb is None and (ya is None or yb is None):
        return None
    if a.normalized and a.normalized == b.normalized and a.kind == b.kind:
        return f"the same {a.kind} ({a.normalized})"
    return f"'{a.text}' and '{b.text}' name one period, the one holding the other"


def _unplaced_against_year(ya: int | None, ra: str | None, yb: int | None, rb: str | None) -> bool:
    """A year given only relative to an unknown date ("last December" in an undated article)
    against a year written out ("late December 2016"): which year is meant cannot be told, so
    the two are never one moment (a December 2016 call is not a December 2017 plea)."""
    return bool((ra and ya is None and yb is not None) or (rb and yb is None and ya is not None))


def _relative_year(figure: Figure) -> str | None:
    words = (figure.qualifier or "").split()
    for relative in ("last", "this", "next"):
        if relative in words:
            return relative
    return None


_SPAN_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


def scope_span(scope: str | None, published_year: int | None = None) -> tuple[int, int] | None:
    """The years a scope covers: "from 2007 through 2014" and "from 2007 to 2014" -> (2007, 2014);
    "since 2007" -> (2007, the publication year, or open)."""
    if not scope:
        return None
    years = [int(y) for y in _SPAN_YEAR.findall(scope)]
    if not years:
        return None
    low = scope.lower()
    if len(years) >= 2 and re.search(r"\b(?:to|through|until|till|and|-|–)\b", low):
        return min(years), max(years)
    if re.search(r"\b(?:since|from|after)\b", low):
        return years[0], published_year or 9999
    if re.search(r"\b(?:until|through|before|by)\b", low):
        return 0, years[0]
    return years[0], years[0]


def same_period(a: str | None, b: str | None, published: int | None = None) -> bool | None:
    """True when two scopes cover the same years, False when they differ, None when unknown."""
    sa, sb = scope_span(a, published), scope_span(b, published)
    if sa is None or sb is None:
        return None
    if sa == sb:
        return True
    open_a, open_b = sa[1] in (9999, published), sb[1] in (9999, published)
    # "since 2007" is "from 2007 to 2014" when the article dates from 2014
    return sa[0] == sb[0] and (open_a or open_b)


# ------------------------------------------------------------------------------------------
# one counted thing


Similarity = Callable[[str, str], float]
"""Scores two counted-thing phrases (``compare.semantic_things``, the ``[semantic]`` extra)."""


def _alike(fa: Figure, fb: Figure, similar: Similarity | None) -> bool:
    if similar is None or not fa.quantified or not fb.quantified:
        return False
    return similar(fa.quantified, fb.quantified) >= SIMILAR_THINGS


def same_thing(fa: Figure, fb: Figure, similar: Similarity | None = None) -> Verdict:
    """Whether two figures count one thing, by their counted things and predicates.

    Heads must agree (synonyms folded); a noun that narrows the thing on both sides must agree
    too ("tariffs on steel" is not "tariffs on aluminum"); a thing named only as people counts
    as one only with one act ("chanted" is not "marched").
    """
    ta, tb = thing(fa), thing(fb)
    pa, pb = predicate_key(fa.predicate), predicate_key(fb.predicate)
    if ta.head and tb.head:
        if ta.head != tb.head:
            # "1.8 million people signed" and "hundreds of thousands of signatures"
            if ta.head in GENERIC_HEADS and pa and _PREDICATE_GROUP.get(tb.head) == pa:
                return Verdict(True, f"{fb.quantified} are what {fa.quantified} {fa.predicate}")
            if tb.head in GENERIC_HEADS and pb and _PREDICATE_GROUP.get(ta.head) == pb:
                return Verdict(True, f"{fa.quantified} are what {fb.quantified} {fb.predicate}")
            if _alike(fa, fb, similar):
                return Verdict(True, f"things alike in meaning ({fa.quantified} ~ {fb.quantified})")
            return Verdict(False, f"different things counted ({ta.head} vs {tb.head})")
        if ta.head in MEASURES:
            return Verdict(False, f"only the unit ({ta.head}) is shared")
        na, nb = _nouns(ta.narrowing), _nouns(tb.narrowing)
        if na - nb and nb - na:
            # each side narrows the thing in a way the other does not: "tariffs on steel
            # imports" and "tariffs on aluminum imports" share "imports", not the metal
            return Verdict(
                False,
                f"different {ta.head}s ({', '.join(sorted(na - nb))} vs "
                f"{', '.join(sorted(nb - na))})",
            )
        if ta.head in GENERIC_HEADS and not (pa and pa == pb) and not (na & nb):
            return Verdict(False, f"{ta.head} counted for different acts ({pa} vs {pb})")
        return Verdict(True, f"the same thing counted ({_shown(fa, fb)})")
    shared = (ta.words & tb.words) - MEASURES
    if shared:
        return Verdict(True, f"the same thing counted ({', '.join(sorted(shared))})")
    if (ta.head or tb.head) and (ta.narrowing or tb.narrowing):
        return Verdict(False, "what is counted differs")
    if pa and pa == pb and pa not in WEAK_PREDICATES:
        return Verdict(True, f"the same act ({fa.predicate} / {fb.predicate})")
    return Verdict(False, "nothing shows they count one thing")


def named_alike(fa: Figure, fb: Figure) -> bool:
    """Whether both sides of a conflict name what they count, or neither does and both count
    people.

    A figure that names its thing ("$281 million in cash") against one that does not ("$334
    million" paid) may be a part against the whole; only people are safe to leave unnamed
    ("about 10,000 were arrested" against "nearly 7,000 people detained").
    """
    if fa.quantified in _PRONOUN_THINGS or fb.quantified in _PRONOUN_THINGS:
        return False  # "five of them critically": a part of something named elsewhere
    ha, hb = thing(fa).head, thing(fb).head
    if ha is None and hb is None:
        # Neither names what it counts: one act done to people ("were arrested", "detained")
        # still counts people; any other act may be done by or to anything ("EDS shares
        # closed at $24.34", "HP shares closed at $46.64"; "Hiller has worked 15 years", "a
        # colleague worked nearly 30").
        acts = {predicate_key(fa.predicate), predicate_key(fb.predicate)}
        return acts <= _PEOPLE_ACTS or (humans(fa) and humans(fb))
    if ha is not None and hb is not None:
        return True
    named = ha or hb
    return named in GENERIC_HEADS or named in _HUMAN_HEADS


_PRONOUN_THINGS = frozenset("them they it those these us we others".split())
_HUMAN_HEADS = frozenset({"protester", "demonstrator", "migrant", "troop", "voter", "detainee"})
_PEOPLE_ACTS = frozenset({"detain", "die", "injure", "protest", "vote"})
"""Acts (groups of :data:`ACT_SYNONYMS`) whose counted things are people when a figure names
none: "about 10,000 were arrested" counts people as surely as "7,000 people detained"."""


def humans(figure: Figure) -> bool:
    """A figure counting or measuring people (its unit, or its thing's head, names them)."""
    return figure.unit == "people" or (figure.kind == "percent" and bool(figure.quantified))


def _nouns(words: frozenset[str]) -> frozenset[str]:
    # Only narrowing nouns tell two things apart ("steel" vs "aluminum"); "secret" and
    # "Iranian" only describe (the extractor keeps adjectives out of counted things).
    return frozenset(w for w in words if len(w) > 2)


def _shown(fa: Figure, fb: Figure) -> str:
    qa, qb = fa.quantified or "", fb.quantified or ""
    return qa if qa == qb else f"{qa} ~ {qb}"


_PREDICATE_GROUP = {base(w): predicate_key(w) for g in PREDICATE_SYNONYMS for w in g}
