"""Each outlet's most distinctive terms for a story, side by side.

Terms are counted per outlet over the story's articles and ranked by weighted log-odds
against the other outlets, with the whole store's term counts as the informative Dirichlet
prior (Monroe et al. 2008). Many terms occur once, so equal scores are common; among them the
term whose rarest word is rarer in general English comes first, because a loaded description
("embattled", "strongman", "crackdown") uses less common words than a plain one. Capitalised
words (names, nationalities: "Belarusian", "Western") are left out of that measure: they say
who or where, not how, and are rare in general English without being loaded.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence

import wordfreq

from newsprism.compare.logodds import distinctive_terms
from newsprism.records import Citation, FramingTerm, OutletFraming

__all__ = ["TOP_TERMS", "outlet_framing", "rarity"]

TOP_TERMS = 15
"""Terms shown per outlet."""


def _key(text: str) -> str:
    return " ".join(text.lower().split())


def rarity(term: str) -> float:
    """How rare the term's rarest lower-case word is in general English (Zipf, lower is rarer)."""
    words = [w for w in term.replace("-", " ").split() if w.isalpha() and w[0].islower()]
    return min((wordfreq.zipf_frequency(w, "en") for w in words), default=8.0)


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
    result = []
    for outlet in sorted(groups):
        cited: dict[str, list[Citation]] = defaultdict(list)
        for cite in by_outlet[outlet]:
            cited[_key(cite.text)].append(cite)
        # Rarity reads the words as the article wrote them: case tells a name from a word.
        shown = {key: cites[0].text for key, cites in cited.items()}
        terms = sorted(
            ranked[outlet],
            key=lambda t: (-round(t.z, 2), rarity(shown.get(t.term, t.term)), t.term),
        )
        rows = []
        for term in terms[:top]:
            cites = tuple(cited.get(term.term, ()))
            rows.append(FramingTerm(shown.get(term.term, term.term), term.count,
                                    round(term.z, 3), cites))  # fmt: skip
        result.append(OutletFraming(outlet, tuple(rows)))
    return result
