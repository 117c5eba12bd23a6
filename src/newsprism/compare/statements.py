"""One statement, many renderings: grouping quotes that say the same thing in other words.

Two outlets translating the same remark rarely share a sentence, but they share its content
words ("value", "love", "legal", "unconstitutional"), often in other forms ("constitution",
"unconstitutional"). The lexical similarity here compares word stems and character trigrams of
content words, taking the larger of overlap-over-the-shorter (a short excerpt of a longer
rendering) and Jaccard; quotes of one speaker above the threshold are grouped transitively.

Reported speech counts as much as quotation (one outlet quotes a remark, another paraphrases
it), and outlets attribute one remark differently ("the agency", "the statement", its author, or
no one), so quotes of different articles also meet whatever their speakers, on closer wording.
Within a story the words of its topic ("nuclear", "Korea", "tests") are in most quotes; they
are weighed down by how many quotes use them, so that two remarks on one topic stay two.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Sequence

from newsprism.clean.lexicon import STOPWORDS
from newsprism.records import Extraction, Quote

__all__ = [
    "ACROSS_SPEAKERS",
    "SAME_STATEMENT",
    "content_stems",
    "group_statements",
    "quote_groups",
    "statement_quotes",
    "statement_similarity",
    "statement_words",
]

# Similarity from which two quotes of one speaker count as one statement. Set by construction
# rather than fitted (no labelled pairs of cross-outlet renderings are at hand): a rendering
# that shares 40% of the shorter one's content stems is a translation or excerpt, while two
# different remarks of one speaker on one topic typically share a fifth or less.
SAME_STATEMENT = 0.4
# Similarity from which quotes of different documents count as one statement whatever their
# speakers (different, or unresolved). Set by construction, well above SAME_STATEMENT: without
# the speaker's agreement the wording alone must show it. Checked on sochi-2020: with
# MIN_SHARED_ACROSS below, no pair of different speakers' quotes across its five articles
# reaches even 0.45 there (none is one remark).
ACROSS_SPEAKERS = 0.6
# Content stems two quotes of different speakers must share to be one statement: renderings of
# one remark share its key words ("join", "international", "efforts", "halt"), while a short
# paraphrase shares two or three with any quote on the topic. Calibrated on sochi-2020: the
# only pair of different speakers above ACROSS_SPEAKERS there (0.75: two remarks about
# recognising the election) shares three stems.
MIN_SHARED_ACROSS = 4
# The same for two quotes of one speaker (all the words of a shorter excerpt: "usurper"): two
# shared words of a short paraphrase are its topic. Set by construction; on sochi-2020 two pairs
# of one speaker share only two stems at 0.5, one a remark and one two different ones.
MIN_SHARED = 3
# Texts sharing a stem beyond which the stem no longer proposes candidate pairs (a pair of
# renderings shares rarer words too).
_COMMON_STEM = 200
# Content words (names aside) a reported statement needs to be one: "talked about the
# weather", "confirmed the announcement" or "met Russian President Vladimir Putin" report a
# topic or a person, not a statement another outlet could render ("Londoners treasured freedom
# of speech" does).
MIN_REPORTED_STEMS = 3

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_SUFFIXES = (
    "ational", "ization", "fulness", "ousness", "iveness", "ations", "ements", "ments",
    "ation", "ement", "ness", "ment", "ings", "ally", "ions", "ing", "ion", "ies", "ied",
    "ers", "est", "ly", "ed", "es", "er", "al", "s",
)  # fmt: skip
_NEGATION = re.compile(r"^(?:un|in|non|dis|il|ir|im)(?=[a-z]{5,})")


@functools.lru_cache(maxsize=65_536)  # asked for every word of every quote of a story
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


def _overlap(
    a: frozenset[str], b: frozenset[str], weight: Callable[[str], float] | None = None
) -> float:
    if not a or not b:
        return 0.0
    if weight is None:
        shared = len(a & b)
        return max(shared / min(len(a), len(b)) * _length_discount(a, b), shared / len(a | b))
    # fsum: a float sum over a set would depend on its iteration order (the hash seed), and
    # with it which of two near-equal pairs groups first.
    mass = math.fsum(weight(s) for s in a & b)
    smaller = min(math.fsum(weight(s) for s in a), math.fsum(weight(s) for s in b))
    union = math.fsum(weight(s) for s in a | b)
    return max(mass / smaller * _length_discount(a, b), mass / union)


def _length_discount(a: frozenset[str], b: frozenset[str]) -> float:
    # A one-word excerpt ("usurper") is wholly contained in many quotes; containment of a
    # very short side is weak evidence, so it is discounted until the shorter side has 4 stems.
    return min(1.0, min(len(a), len(b)) / 4)


def _features(text: str) -> tuple[frozenset[str], frozenset[str]]:
    stems = content_stems(text)
    return stems, _trigrams(stems)


def _score(
    a: tuple[frozenset[str], frozenset[str]],
    b: tuple[frozenset[str], frozenset[str]],
    weight: Callable[[str], float] | None = None,
) -> float:
    (stems_a, grams_a), (stems_b, grams_b) = a, b
    words = _overlap(stems_a, stems_b, weight)
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
    documents: Sequence[str] | None = None,
    across: float = ACROSS_SPEAKERS,
) -> list[list[int]]:
    """Indices of ``texts`` grouped into statements: same speaker, similar wording.

    Grouping is transitive (single link), so an excerpt joins the full rendering it comes
    from even when two excerpts share little. ``similarity`` may be a semantic scorer. When
    ``documents`` (each text's document) are given, texts of different documents also join
    whatever their speakers (different, or unresolved: None) from the stricter ``across``:
    outlets attribute one statement to different sources ("the agency", "the statement",
    its author), and an outlet that names no speaker still renders the same words. Then two
    texts of one document in different words are never one statement, and the closest pairs
    join first, so that a long quote joins the rendering closest to it.
    """
    pair: Callable[[int, int], float]
    features = [_features(t) for t in texts]
    stems = [own for own, _ in features]
    if similarity is statement_similarity:
        # The same scores with each quote's stems and trigrams computed once, not per pair,
        # and the story's common words weighed down.
        weight = _story_weights(stems, documents)
        pair = lambda i, j: _score(features[i], features[j], weight)  # noqa: E731
    else:
        pair = lambda i, j: similarity(texts[i], texts[j])  # noqa: E731
    candidates: list[tuple[float, int, int]] = []
    by_speaker: dict[str, list[int]] = {}
    for i, speaker in enumerate(speakers):
        if speaker is not None:
            by_speaker.setdefault(speaker, []).append(i)
    for own in by_speaker.values():
        for n, i in enumerate(own):
            for j in own[n + 1 :]:
                if not _enough_shared(stems[i], stems[j], MIN_SHARED):
                    continue
                if (score := pair(i, j)) >= threshold:
                    candidates.append((score, i, j))
    if documents is not None:
        for i, j in _sharing_pairs(stems):
            if documents[i] == documents[j]:
                continue
            if speakers[i] is not None and speakers[i] == speakers[j]:
                continue  # scored above
            # Without the speaker's agreement, a few shared words are no evidence: a short
            # paraphrase ("the suspension of nuclear tests") is contained in many quotes.
            if not _enough_shared(stems[i], stems[j], MIN_SHARED_ACROSS):
                continue
            if (score := pair(i, j)) >= across:
                candidates.append((score, i, j))
    return _link(len(texts), candidates, documents, speakers, pair, across)


def _story_weights(
    stems: Sequence[frozenset[str]], documents: Sequence[str] | None
) -> Callable[[str], float]:
    """How much each stem tells one remark from another among a story's quotes.

    One remark is rendered about once per document, so a stem found in more quotes than the
    story has documents is the story's topic ("nuclear", "Korea" in every quote of a test
    moratorium), not one remark's word; its weight falls as it spreads (documents / quotes
    using it). A stem of at most that many quotes ("usurper") weighs 1.
    """
    counts: dict[str, int] = {}
    for own in stems:
        for stem in own:
            counts[stem] = counts.get(stem, 0) + 1
    limit = max(2, len(set(documents)) if documents is not None else len(stems))
    return lambda stem: min(1.0, limit / counts.get(stem, 1))


def _enough_shared(a: frozenset[str], b: frozenset[str], needed: int) -> bool:
    """Whether two texts share ``needed`` content stems, or all of the shorter one's."""
    return len(a & b) >= min(needed, len(a), len(b))


def _link(
    size: int,
    candidates: list[tuple[float, int, int]],
    documents: Sequence[str] | None,
    speakers: Sequence[str | None],
    pair: Callable[[int, int], float],
    across: float,
) -> list[list[int]]:
    """Single-link groups from scored pairs, the closest first, kept apart within a document.

    Two quotes of one article given to different speakers (or to none) are two statements
    unless worded as closely as ``across`` asks of different speakers: an article may split
    one remark into pieces, but it gives them all to the one who made it. Without that bar, a
    short paraphrase ("North Korea will suspend its tests") would chain every quote on the
    topic into one "statement".
    """
    parent = list(range(size))
    members: dict[int, list[int]] = {i: [i] for i in range(size)}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def apart(a: int, b: int) -> bool:
        if documents is None or documents[a] != documents[b]:
            return False
        if speakers[a] is not None and speakers[a] == speakers[b]:
            return False
        return pair(a, b) < across

    for _, i, j in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        root_i, root_j = find(i), find(j)
        if root_i == root_j:
            continue
        if any(apart(a, b) for a in members[root_i] for b in members[root_j]):
            continue
        parent[root_j] = root_i
        members[root_i].extend(members.pop(root_j))
    groups: dict[int, list[int]] = {}
    for i in range(size):
        groups.setdefault(find(i), []).append(i)
    return sorted(groups.values())


def _sharing_pairs(stems: Sequence[frozenset[str]]) -> list[tuple[int, int]]:
    """Pairs of texts that share a content stem, the only ones that can render one statement.

    A stem found in more than ``_COMMON_STEM`` texts ("said", the story's main name) is left out
    of the index so that a large story does not compare every pair through it.
    """
    index: dict[str, list[int]] = {}
    for i, own in enumerate(stems):
        for stem in own:
            index.setdefault(stem, []).append(i)
    pairs: set[tuple[int, int]] = set()
    for members in index.values():
        if len(members) > _COMMON_STEM:
            continue
        for n, i in enumerate(members):
            pairs.update((i, j) for j in members[n + 1 :])
    return sorted(pairs)


def statement_quotes(extractions: Sequence[Extraction]) -> list[Quote]:
    """The quotes that can render a statement: direct ones, and reported ones with content.

    Reported speech counts as much as quotation: one outlet quotes a remark, another
    paraphrases it. Speakers need not be resolved; :func:`quote_groups` groups such quotes
    only across documents and on closer wording.
    """
    return [
        q
        for e in extractions
        for q in e.quotes
        if q.kind == "direct" or len(_common_words(q.text)) >= MIN_REPORTED_STEMS
    ]


def _common_words(text: str) -> frozenset[str]:
    """The content stems of the words not written with a capital (names left out)."""
    return content_stems(" ".join(w for w in _WORD.findall(text) if not w[0].isupper()))


_QUOTED = re.compile(r"[\"“”«»„]([^\"“”«»„]+)[\"“”«»„]?")


def statement_words(quote: Quote) -> str:
    """The words of a quote that render the speaker's remark.

    A reported statement that quotes the speaker ("expressed disappointment that Putin agreed to
    meet “the usurper instead of the Belarusian people”") renders the remark in its quoted
    words; the words around them are the outlet's own. They stand for the quote when they hold
    a statement's worth of content words; otherwise the whole text does.
    """
    if quote.kind == "direct":
        return quote.text
    quoted = " ".join(m.group(1) for m in _QUOTED.finditer(quote.text))
    return quoted if len(_common_words(quoted)) >= MIN_REPORTED_STEMS else quote.text


def quote_groups(
    quotes: Sequence[Quote],
    *,
    similarity: Callable[[str, str], float] = statement_similarity,
    threshold: float = SAME_STATEMENT,
    across: float = ACROSS_SPEAKERS,
) -> list[list[int]]:
    """Indices of ``quotes`` grouped into statements, the best-attributed member first.

    A group is kept when its quotes come from two or more documents, or when it is a direct
    quote of a named speaker (an exclusive quote); a reported or unattributed remark that no
    other document renders is left out. The first member is a direct quote of a named
    speaker where there is one, so that it names and words the statement.
    """
    groups = group_statements(
        [statement_words(q) for q in quotes],
        [q.speaker_id for q in quotes],
        similarity=similarity,
        threshold=threshold,
        documents=[q.span.doc_id for q in quotes],
        across=across,
    )
    kept = []
    for members in groups:
        ordered = sorted(
            members, key=lambda i: (quotes[i].speaker_id is None, quotes[i].kind != "direct", i)
        )
        first = quotes[ordered[0]]
        several = len({quotes[i].span.doc_id for i in members}) >= 2
        if several or (first.kind == "direct" and first.speaker_id):
            kept.append(ordered)
    return kept
