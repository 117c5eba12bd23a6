"""Parse helpers shared by the attribution readers: subjects, clause spans, sentence starts.

All take spaCy tokens and return tokens or character ranges; none knows about quotations beyond
the per-token quotation index (``row``) some of them take to skip tokens inside quotes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from newsprism.extract.lexicon import COGNITION_VERBS, SPEECH_VERBS

__all__ = [
    "CLOSERS",
    "OPENERS",
    "SUBJECTS",
    "according_clause",
    "before_source",
    "content_child",
    "in_relative_clause",
    "is_cue_lemma",
    "sentence_start",
    "source_start",
    "span_of",
    "subject",
    "tail_subject",
    "token_range",
    "words",
]

SUBJECTS = ("nsubj", "nsubjpass", "csubj")


_SENT_KEY = "newsprism.sentence_starts"


_NOMINALS = frozenset({"PROPN", "NOUN", "PRON"})


OPENERS = frozenset({"“", '"', "``", "‘", "''"})


CLOSERS = frozenset({"”", '"', "''", "’"})


def token_range(doc: Any, start: int, end: int) -> range:
    """Indices of the tokens that start inside characters ``start..end`` of a Doc."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return range(0)
    first = span.start if doc[span.start].idx >= start else span.start + 1
    return range(first, span.end)


def sentence_start(token: Any) -> int:
    """Index of the first token of the token's sentence (cached on the Doc: ``.sent`` is slow)."""
    starts = token.doc.user_data.get(_SENT_KEY)
    if starts is None:
        starts = [0] * len(token.doc)
        for sent in token.doc.sents:
            for i in range(sent.start, sent.end):
                starts[i] = sent.start
        token.doc.user_data[_SENT_KEY] = starts
    return int(starts[token.i])


def words(tokens: Sequence[Any]) -> int:
    """Number of word tokens (letters only) among ``tokens``."""
    return sum(1 for t in tokens if t.is_alpha)


def is_cue_lemma(token: Any) -> bool:
    """True when the lemma is a verb of speech or cognition, or "according"."""
    lemma = token.lemma_.lower()
    return lemma in SPEECH_VERBS or lemma in COGNITION_VERBS or lemma == "accord"


def content_child(token: Any) -> Any:
    """The clausal complement of a verb (ccomp or xcomp), or None."""
    return next((c for c in token.children if c.dep_ in ("ccomp", "xcomp")), None)


def in_relative_clause(token: Any) -> bool:
    """True when the token sits in a relative or adnominal clause."""
    node = token
    for _ in range(4):
        if node.dep_ in ("relcl", "acl"):
            return True
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def according_clause(token: Any) -> list[Any]:
    """The clause "according to X" attributes: its head's clause, or the rest of the sentence."""
    to = next((c for c in token.children if c.lower_ == "to"), None)
    if to is None:
        return []
    own = {t.i for t in token.subtree}
    if token.head.i != token.i:
        head = token.head
        tokens = [t for t in head.subtree if t.i not in own]
    else:
        # The parser made "According" the root: the clause is the rest of the sentence.
        own = {t.i for t in token.lefts} | {token.i} | {t.i for t in to.subtree}
        sentence = token.doc[sentence_start(token) :]
        tokens = [t for t in sentence if t.i not in own and sentence_start(t) == sentence.start]
    # A coordinated clause with its own subject and cue is another attribution ("..., but
    # the challenger says ..."): leave it out.
    cut: set[int] = set()
    for t in tokens:
        if (
            t.dep_ == "conj"
            and t.pos_ in ("VERB", "AUX")
            and any(c.dep_ in SUBJECTS for c in t.children)
        ):
            cut.update(x.i for x in t.subtree)
            cut.update(c.i for c in t.head.children if c.dep_ == "cc" and c.i < t.i)
    return [t for t in tokens if t.i not in cut]


_INHERIT = frozenset({"conj", "advcl", "xcomp", "pcomp", "prep"})


def subject(verb: Any, row: list[int] | None = None) -> Any:
    """The subject of a reporting verb, inherited through "and said", "saying", "went on to say".

    ``row`` marks the tokens inside quotations: a subject inside a quote is not the speaker.
    """
    node = verb
    for _ in range(5):
        for child in node.children:
            if child.dep_ in SUBJECTS and (row is None or row[child.i] == -1):
                return child  # a relative "who" included: the speaker code reads its noun
        if node.tag_ == "VBN" and any(c.lower_ in ("when", "if", "as") for c in node.children):
            return None  # "when asked": the asker is not the subject of the main clause
        if node.lower_ == "according":
            to = next((c for c in node.children if c.lower_ == "to"), None)
            if to is not None:
                return next((c for c in to.children if c.dep_ == "pobj"), None)
            return None
        if node.dep_ == "acl" and node.head.pos_ in _NOMINALS:
            return node.head  # "an item suggesting that ...": the noun the participle describes
        if node.dep_ in _INHERIT and node.head.i != node.i:
            node = node.head  # "..., saying", "and said", "went on to say", "after talking"
            continue
        break
    # Inverted order ("“...,” said a spokesman for ...") sometimes parses the speaker as the
    # object: only right after the verb, and only when punctuation sets the verb off.
    if verb.i > 0 and verb.doc[verb.i - 1].is_punct:
        for child in verb.children:
            after = child.dep_ in ("dobj", "attr") and child.i > verb.i
            if after and child.pos_ in _NOMINALS and (row is None or row[child.i] == -1):
                return child
    return tail_subject(verb)


def tail_subject(verb: Any) -> Any:
    """ "..., Josh Earnest, spokesman for Obama, said": a name the parser hung elsewhere.

    The nearest name before the verb counts when only its apposition and commas stand between.
    """
    if verb.i == 0 or verb.doc[verb.i - 1].pos_ == "VERB":
        return None
    found = None
    first = sentence_start(verb)
    for ent in reversed([e for e in verb.doc.ents if e.end <= verb.i and e.label_ == "PERSON"]):
        if ent.start < first:
            break
        head = verb.doc[ent.end - 1]
        between = verb.doc[ent.end : verb.i]
        inside = {t.i for t in head.subtree}
        if not all(t.is_punct or t.i in inside for t in between):
            break
        found = head  # keep going left: "Earnest, spokesman for Obama," is Earnest
    return found


def source_start(cue: Any, row: list[int] | None) -> int | None:
    """Where a cue's source phrase starts, when it follows the content ("..., Earnest said")."""
    source = subject(cue, row)
    if source is None or source.i > cue.i:
        return None
    return min(t.i for t in source.subtree) if source.doc is cue.doc else None


def before_source(tokens: Sequence[Any], cue: Any, row: list[int] | None) -> list[Any]:
    """Content tokens without the source phrase when it stands between content and cue."""
    stop = source_start(cue, row)
    return [t for t in tokens if stop is None or t.i < stop or t.i > cue.i]


def span_of(
    paragraph: int, tokens: Sequence[Any], cue: Any = None, row: list[int] | None = None
) -> tuple[int, int, int] | None:
    """The character range of content tokens, edge punctuation dropped; None when too short."""
    kept = before_source(tokens, cue, row) if cue is not None else tokens
    ordered = sorted((t for t in kept if not t.is_space), key=lambda t: t.i)
    while ordered and ordered[-1].is_punct and ordered[-1].text not in CLOSERS:
        ordered.pop()
    while ordered and ordered[0].is_punct and ordered[0].text not in OPENERS:
        ordered.pop(0)
    if words(ordered) < 2:
        return None
    return paragraph, ordered[0].idx, ordered[-1].idx + len(ordered[-1].text)
