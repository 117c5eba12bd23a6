"""One statement, many renderings: grouping quotes that say the same thing in other words.

Two outlets translating the same remark rarely share a sentence, but they share its content
words ("value", "love", "legal", "unconstitutional"), often in other forms ("constitution",
"unconstitutional"). The lexical similarity here compares word stems and character trigrams of
content words, taking the larger of overlap-over-the-shorter (a short excerpt of a longer
rendering) and Jaccard; quotes of one speaker above the threshold are grouped transitively.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from newsprism.clean.lexicon import STOPWORDS

__all__ = ["SAME_STATEMENT", "content_stems", "group_statements", "statement_similarity"]

# Similarity from which two quotes of one speaker count as one statement. Set by construction
# rather than fitted (no labelled pairs of cross-outlet renderings are at hand): a rendering
# that shares 40% of the shorter one's content stems is a translation or excerpt, while two
# different remarks of one speaker on one topic typically share a fifth or less.
SAME_STATEMENT = 0.4

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_SUFFIXES = (
    "ational", "ization", "fulness", "ousness", "iveness", "ations", "ements", "ments",
    "ation", "ement", "ness", "ment", "ings", "ally", "ions", "ing", "ion", "ies", "ied",
    "ers", "est", "ly", "ed", "es", "er", "al", "s",
)  # fmt: skip
_NEGATION = re.compile(r"^(?:un|in|non|dis|il|ir|im)(?=[a-z]{5,})")


def _stem(word: str) -> str:
    word = word.lower()
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    # "unconstitutional" and "constitution" name the same thing for matching purposes.
    return _NEGATION.sub("", word)


def content_stems(text: str) -> frozenset[str]:
    """Stems of the content words of ``text`` (stopwords and one-letter words dropped)."""
    return frozenset(
        _stem(w) for w in _WORD.findall(text) if len(w) > 1 and w.lower() not in STOPWORDS
    )


def _trigrams(stems: frozenset[str]) -> frozenset[str]:
    grams: set[str] = set()
    for stem in stems:
        padded = f" {stem} "
        grams.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return frozenset(grams)


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    shared = len(a & b)
    return max(shared / min(len(a), len(b)) * _length_discount(a, b), shared / len(a | b))


def _length_discount(a: frozenset[str], b: frozenset[str]) -> float:
    # A one-word excerpt ("usurper") is wholly contained in many quotes; containment of a
    # very short side is weak evidence, so it is discounted until the shorter side has 4 stems.
    return min(1.0, min(len(a), len(b)) / 4)


def _features(text: str) -> tuple[frozenset[str], frozenset[str]]:
    stems = content_stems(text)
    return stems, _trigrams(stems)


def _score(
    a: tuple[frozenset[str], frozenset[str]], b: tuple[frozenset[str], frozenset[str]]
) -> float:
    (stems_a, grams_a), (stems_b, grams_b) = a, b
    words = _overlap(stems_a, stems_b)
    # Trigrams catch inflections and transliterations the crude stemmer misses. Jaccard only:
    # a long quote contains most trigrams of any short one, so containment would mean nothing.
    grams = len(grams_a & grams_b) / len(grams_a | grams_b) if grams_a and grams_b else 0.0
    return max(words, grams)


def statement_similarity(a: str, b: str) -> float:
    """How likely two quotes render one statement, from 0 to 1 (lexical)."""
    return _score(_features(a), _features(b))


def group_statements(
    texts: Sequence[str],
    speakers: Sequence[str | None],
    *,
    similarity: Callable[[str, str], float] = statement_similarity,
    threshold: float = SAME_STATEMENT,
) -> list[list[int]]:
    """Indices of ``texts`` grouped into statements: same speaker, similar wording.

    Grouping is transitive (single link), so an excerpt joins the full rendering it comes
    from even when two excerpts share little. ``similarity`` may be a semantic scorer.
    """
    parent = list(range(len(texts)))
    pair: Callable[[int, int], float]
    if similarity is statement_similarity:
        # The same scores with each quote's stems and trigrams computed once, not per pair.
        features = [_features(t) for t in texts]
        pair = lambda i, j: _score(features[i], features[j])  # noqa: E731
    else:
        pair = lambda i, j: similarity(texts[i], texts[j])  # noqa: E731

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_speaker: dict[str, list[int]] = {}
    for i, speaker in enumerate(speakers):
        if speaker is not None:
            by_speaker.setdefault(speaker, []).append(i)
    for members in by_speaker.values():
        for n, i in enumerate(members):
            for j in members[n + 1 :]:
                # Pairs already joined through others need no score (single link).
                if find(i) != find(j) and pair(i, j) >= threshold:
                    parent[find(j)] = find(i)
    groups: dict[int, list[int]] = {}
    for i in range(len(texts)):
        groups.setdefault(find(i), []).append(i)
    return sorted(groups.values())
