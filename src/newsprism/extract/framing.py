"""Framing: the descriptive terms an article uses for actors and events, with their spans.

A term is a noun phrase whose head is a common noun and which carries its own description:
an adjective or participle ("embattled Belarus leader", "disputed win", "unauthorized
demonstrations"), or several modifiers ("landslide election victory"), optionally with the
"of" phrase that completes it ("legitimate leader of a brotherly nation"). Possessors,
articles, numbers and trailing names are trimmed ("Lukashenko's supposed landslide election
victory" gives "supposed landslide election victory"). Coordinated modifiers count as one
("long, grueling journey", "aggressive but toothless statement"). Verbs frame too: an uncommon
verb with what it acts on ("taunted each other", "lashed out at the investigation") and a
manner adverb with its verb ("angrily criticized"). Which terms are distinctive of an outlet is
decided later, against the whole store (``newsprism.compare.logodds``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy
import wordfreq

from newsprism.records import Article, Citation, FramingTerm, Span

__all__ = ["PRIOR_KEY", "PRIOR_KIND", "TERMS_KIND", "framing_terms", "term_counts"]

TERMS_KIND = "framing.terms"
"""Store kind of an article's framing terms (a list of citations), keyed by document id."""
PRIOR_KIND = "framing.prior"
PRIOR_KEY = "all"
"""The store-wide counts of every framing term: the Dirichlet prior of the log-odds."""

_DESCRIPTIVE = frozenset({"ADJ", "VERB"})
_MODIFIERS = frozenset({"ADJ", "VERB", "NOUN", "PROPN", "ADV"})
_MAX_WORDS = 8
_HYPHENS = frozenset({"-", "\u2010", "\u2011"})
_COORDINATORS = frozenset({"and", "but", "or", "yet"})
_MAX_VERB_WORDS = 6
# Verbs that carry no description of their own, whatever their object.
_LIGHT_VERBS = frozenset(
    "be have do make take get give go come say tell see know think want use put set "
    "become seem include".split()
)
LOADED_ZIPF = 3.6
"""Zipf frequency (wordfreq, general English) below which a verb or a manner adverb is
uncommon enough to colour a verb phrase. Calibrated on sochi-2020's five articles: below 3.6
the verb phrases kept there are 11, mostly descriptions ("castigated the ongoing turmoil",
"snowballed into fierce clashes", "adopts submissive pose"); below 4.0 they double with plain
reports ("exchanged frequent calls", "cooperate on all issues", "reproduce the information")."""


def _trim(chunk: Any) -> Any | None:
    """The descriptive part of a noun chunk, or None when it describes nothing."""
    tokens = list(chunk)
    # A possessor of several words ("Mr. Netanyahu's", "the Trump administration's") goes
    # up to its possessive ending; what it owns is the term.
    ends = [k for k, t in enumerate(tokens[:-1]) if t.dep_ == "case" and t.head.dep_ == "poss"]
    if ends:
        tokens = tokens[ends[-1] + 1 :]
    # Leading determiners, possessors ("Lukashenko's", "his") and numbers go.
    while tokens and (
        tokens[0].pos_ in {"DET", "PRON", "NUM", "PUNCT"}
        or tokens[0].dep_ in {"poss", "case"}
        or (len(tokens) > 1 and tokens[1].dep_ == "case")
    ):
        tokens = tokens[1:]
    # Trailing names ("opposition figure Tikhanovskaya") go: the term is the description.
    while len(tokens) > 1 and tokens[-1].pos_ == "PROPN":
        tokens = tokens[:-1]
    if len(tokens) < 2 or tokens[-1].pos_ != "NOUN":
        return None
    modifiers = tokens[:-1]
    # A hyphen joins words of one modifier ("western-backed"); a comma or a conjunction joins
    # two modifiers ("long, grueling journey", "aggressive but toothless statement"); other
    # punctuation ends a term.
    if any(
        t.pos_ not in _MODIFIERS and t.text not in _HYPHENS and not _joins(t) for t in modifiers
    ):
        return None
    if _joins(modifiers[0]) or _joins(modifiers[-1]):
        return None
    descriptive = sum(t.pos_ in _DESCRIPTIVE for t in modifiers)
    if not descriptive and len(modifiers) < 2:
        return None
    return chunk.doc[tokens[0].i : tokens[-1].i + 1]


def _joins(token: Any) -> bool:
    """A comma or a coordinating conjunction between two modifiers of one noun."""
    return token.text == "," or (token.pos_ == "CCONJ" and token.lower_ in _COORDINATORS)


def _verb_phrases(doc: Any) -> list[Any]:
    """Loaded verbs with what they act on: "taunted each other", "lashed out at the inquiry",
    "jettison the agreement", and manner adverbs with their verb ("angrily criticized").

    A verb phrase frames when its verb or object is uncommon in general English (a plain
    "signed the agreement" reports) or when a manner adverb colours it; the phrase runs from the
    verb (or its adverb) to its object's head, at most ``_MAX_VERB_WORDS`` words.
    """
    found = []
    # Only the verbs are read as tokens: their indices come off the Doc's arrays (creating a
    # Token for every word costs more than all the rest of the loop).
    pos = doc.to_array(["POS"])
    for i in numpy.flatnonzero(pos == doc.vocab.strings["VERB"]):
        verb = doc[int(i)]
        if verb.dep_ in ("amod", "aux", "auxpass") or not verb.is_alpha:
            continue
        if verb.lemma_.lower() in _LIGHT_VERBS:
            continue
        before = doc[verb.i - 1] if verb.i > 0 else None
        if (
            before is not None
            and before.dep_ == "advmod"
            and before.head.i == verb.i
            and before.lower_.endswith("ly")
            and before.is_alpha
            and _zipf(before.lower_) < LOADED_ZIPF
        ):
            found.append(doc[before.i : verb.i + 1])
            continue
        end = _object_end(verb)
        if end is None or end - verb.i > _MAX_VERB_WORDS:
            continue
        phrase = doc[verb.i : end]
        # One verb, no figures, no names as the object ("congratulated Lukashenko" says who).
        if any(
            t.is_punct
            or t.like_num
            or t.pos_ in ("PROPN", "NUM")
            or (t.pos_ == "VERB" and t.i != verb.i)
            for t in phrase
        ):
            continue
        if verb.is_lower and _zipf(verb.lower_) < LOADED_ZIPF:
            found.append(phrase)
    return found


def _object_end(verb: Any) -> int | None:
    """The end (exclusive) of a verb's object head: direct object, or particle/preposition
    object ("ratcheted up his rhetoric", "escalate into a trade war"); None without one."""
    for child in verb.rights:
        if child.dep_ == "dobj":
            return int(child.i) + 1
    for child in verb.rights:
        if child.dep_ == "prep":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return int(objects[0].i) + 1
            return None
    return None


def _zipf(word: str) -> float:
    return float(wordfreq.zipf_frequency(word, "en"))


def _with_of(span: Any) -> Any:
    """Extend "legitimate leader" with its "of a brotherly nation" when that follows."""
    head = span[-1]
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                end = max(t.i for t in objects[0].subtree) + 1
                if end - span.start <= _MAX_WORDS:
                    return span.doc[span.start : end]
    return span


def _participle_repair(chunk: Any) -> Any:
    """Take back a participle the parser read as a verb: "Lukashenko's officially reported
    landslide victory" is parsed as a clause whose subject is "Lukashenko's", but a subject
    never carries a possessive 's, so the verb is the noun's modifier."""
    doc = chunk.doc
    if chunk.start == 0:
        return chunk
    verb = doc[chunk.start - 1]
    if verb.pos_ != "VERB" or chunk.root.head.i != verb.i or chunk.root.dep_ != "dobj":
        return chunk
    subjects = [c for c in verb.lefts if c.dep_ == "nsubj"]
    if not subjects or not any(c.dep_ == "case" for c in subjects[0].children):
        return chunk
    start = verb.i
    while start > 0 and doc[start - 1].dep_ == "advmod" and doc[start - 1].head.i == verb.i:
        start -= 1
    return doc[start : chunk.end]


def framing_terms(
    articles: Sequence[Article],
    nlp: Any,
    sources: dict[str, str] | None = None,
    *,
    parses: Mapping[str, Sequence[Any]] | None = None,
) -> list[list[Citation]]:
    """Each article's framing terms as citations (term text and span): headline and body only.

    ``parses`` holds, by doc id, the spaCy ``Doc`` of each body paragraph (in the order of
    ``article.body``) that extraction already made; those paragraphs are read from them, not
    parsed again. Headlines, and the bodies of articles not in ``parses``, are parsed here.
    """
    known = parses or {}
    jobs: list[tuple[int, Article, int, Any]] = []
    texts: list[str] = []
    for index, article in enumerate(articles):
        # The headline frames the story first; it is read like a body paragraph.
        title = article.title_span
        if title is not None and title.end > title.start:
            jobs.append((index, article, title.start, None))
            texts.append(article.text[title.start : title.end])
        body = article.body
        docs = known.get(article.doc_id)
        if docs is not None and len(docs) != len(body):
            raise ValueError(f"{article.doc_id}: {len(docs)} parses for {len(body)} paragraphs")
        for k, paragraph in enumerate(body):
            jobs.append((index, article, paragraph.span.start, None if docs is None else docs[k]))
            if docs is None:
                texts.append(paragraph.text)
    parsed = iter(nlp.pipe(texts)) if texts else iter(())
    found: list[list[Citation]] = [[] for _ in articles]
    for index, article, offset, given in jobs:
        doc = given if given is not None else next(parsed)
        source = (sources or {}).get(article.doc_id, article.doc_id)
        spans = []
        for chunk in doc.noun_chunks:
            span = _trim(_participle_repair(chunk))
            if span is None:
                continue
            span = _with_of(span)
            if len(span) > _MAX_WORDS:
                continue
            spans.append(span)
        spans.extend(_verb_phrases(doc))
        for span in spans:
            start, end = offset + span.start_char, offset + span.end_char
            found[index].append(
                Citation(
                    article.doc_id,
                    article.source_name,
                    source,
                    article.text[start:end],
                    Span(article.doc_id, start, end),
                    span.sent.text.strip(),
                )
            )
    return found


def term_key(text: str) -> str:
    """The form terms are counted under: lower case, one space between words."""
    return " ".join(text.lower().split())


def term_counts(citations: Iterable[Citation]) -> Counter[str]:
    """How often each term occurs among ``citations``."""
    return Counter(term_key(c.text) for c in citations)


def prior_records(counts: Counter[str]) -> list[FramingTerm]:
    """The store-wide prior as records (terms and counts)."""
    return [FramingTerm(term, n, 0.0) for term, n in sorted(counts.items())]
