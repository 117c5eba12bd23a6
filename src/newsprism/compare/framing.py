"""Each outlet's most distinctive terms for a story, side by side.

Terms are counted per outlet over the story's articles and ranked by weighted log-odds
against the other outlets, with the whole store's term counts as the informative Dirichlet
prior (Monroe et al. 2008). Many terms occur once, so equal scores are common; among them the
term whose rarest word is rarer in general English comes first, because a loaded description
("embattled", "strongman", "crackdown") uses less common words than a plain one. Capitalised
words (names, nationalities: "Belarusian", "Western") are left out of that measure: they say
who or where, not how, and are rare in general English without being loaded. Nor do words
that most other outlets of the story also write ("intercontinental", "tariffs"): they name
the story's subject, not an outlet's choice.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence, Set

import wordfreq

from newsprism.compare.logodds import distinctive_terms
from newsprism.records import Citation, FramingTerm, OutletFraming, Span

__all__ = ["SHARED_SHARE", "TOP_TERMS", "outlet_framing", "rarity", "story_words"]

TOP_TERMS = 15
"""Terms shown per outlet."""
SHARED_SHARE = 0.5
"""Share of the other outlets from which a word is the story's, not an outlet's, choice. Set by
construction (a word half the other outlets write is common ground); checked on sochi-2020, whose
gold terms all stay in their outlet's top 15."""
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def _key(text: str) -> str:
    return " ".join(text.lower().split())


def rarity(term: str, shared: Set[str] = frozenset()) -> float:
    """How rare the term's rarest lower-case word is in general English (Zipf, lower is rarer).

    Words in ``shared`` (the story's own vocabulary, see :func:`story_words`) are left out.
    """
    words = [w for w in term.replace("-", " ").split() if w.isalpha() and w[0].islower()]
    return min(
        (wordfreq.zipf_frequency(w, "en") for w in words if w.lower() not in shared), default=8.0
    )


def story_words(by_outlet: Mapping[str, Sequence[Citation]]) -> dict[str, frozenset[str]]:
    """Per outlet, the words that at least half of the other outlets (and two) also write.

    Such words name what the story is about ("intercontinental", "overcapacity", "tariffs"):
    rare in general English but no outlet's choice, so they do not make a term loaded. The
    words are read in the sentences the outlets' terms come from.
    """
    vocab = {
        outlet: {w.lower() for c in cites for w in _WORD.findall(c.context)}
        for outlet, cites in by_outlet.items()
    }
    counts: Counter[str] = Counter(w for words in vocab.values() for w in words)
    needed = max(2, math.ceil(SHARED_SHARE * (len(vocab) - 1)))
    return {
        outlet: frozenset(w for w in words if counts[w] - 1 >= needed)
        for outlet, words in vocab.items()
    }


def outlet_framing(
    citations: Mapping[str, Sequence[Citation]],
    prior: Counter[str] | None = None,
    top: int = TOP_TERMS,
) -> list[OutletFraming]:
    """The ``top`` most distinctive terms of each outlet, from each article's term citations."""
    by_outlet: dict[str, list[Citation]] = defaultdict(list)
    for cites in citations.values():
        for cite in cites:
            by_outlet[cite.outlet].append(cite)
    if len(by_outlet) < 2:
        return []
    groups = {outlet: Counter(_key(c.text) for c in cites) for outlet, cites in by_outlet.items()}
    ranked = distinctive_terms(groups, prior, top=10_000)
    shared = story_words(by_outlet)
    result = []
    for outlet in sorted(groups):
        cited: dict[str, list[Citation]] = defaultdict(list)
        for cite in by_outlet[outlet]:
            cited[_key(cite.text)].append(cite)
        # Rarity reads the words as the article wrote them: case tells a name from a word.
        shown = {key: cites[0].text for key, cites in cited.items()}
        terms = sorted(
            ranked[outlet],
            key=lambda t: (
                -round(t.z, 2),
                rarity(shown.get(t.term, t.term), shared[outlet]),
                t.term,
            ),
        )
        rows: list[FramingTerm] = []
        taken: list[Span] = []
        for term in terms:
            if len(rows) == top:
                break
            cites = tuple(cited.get(term.term, ()))
            # A term inside a higher-ranked one ("reported landslide victory" in "officially
            # reported landslide victory", the object of "complying with the vaunted nuclear
            # deal") repeats its description: every use of it is already shown.
            if cites and all(any(_overlap(c.span, t) for t in taken) for c in cites):
                continue
            taken.extend(c.span for c in cites)
            rows.append(FramingTerm(shown.get(term.term, term.term), term.count,
                                    round(term.z, 3), cites))  # fmt: skip
        result.append(OutletFraming(outlet, tuple(rows)))
    return result


def _overlap(a: Span, b: Span) -> bool:
    return a.doc_id == b.doc_id and a.start < b.end and b.start < a.end
