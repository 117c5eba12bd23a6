"""Reported speech: attribution frames read off the parse, without quotation marks.

A reporting verb with a clausal complement ("Earnest said that ..."; "..., the spokesman said"),
"according to X, ...", and, for verbs of wanting and promising, a ``to``-infinitive ("vowed to
..."); for a few verbs whose object is the content itself, the object ("announced his
resignation"). The content stops before the source phrase when the source follows it.
"""

from __future__ import annotations

from typing import Any

from newsprism.extract.document import ParsedArticle
from newsprism.extract.frame import Frame, set_cue_text
from newsprism.extract.lexicon import (
    COGNITION_VERBS,
    OBJECT_CUE_VERBS,
    SPEECH_VERBS,
    XCOMP_CUE_VERBS,
)
from newsprism.extract.syntax import SUBJECTS, according_clause, before_source, span_of, subject

__all__ = ["find_reported"]


def find_reported(
    parsed: ParsedArticle,
    inside: list[list[int]],
    used_cues: set[tuple[int, int]],
    claimed: list[set[int]],
) -> list[Frame]:
    """Reported-speech frames whose cue and content are not already claimed by a quotation."""
    found: list[Frame] = []
    for paragraph, doc in enumerate(parsed.docs):
        taken = claimed[paragraph]
        for i in _cue_candidates(doc):
            token = doc[i]
            if (paragraph, token.i) in used_cues or token.i in taken:
                continue
            if inside[paragraph][token.i] != -1:
                continue
            content, cue_kind = _indirect_content(token)
            if content is None:
                continue
            content = before_source(content, token, inside[paragraph])
            piece = span_of(paragraph, content)
            if piece is None:
                continue
            tokens_in = {t.i for t in content}
            if tokens_in & taken:
                continue
            taken.update(tokens_in)
            taken.add(token.i)
            frame = Frame(
                [piece],
                "indirect",
                cue=token,
                source=subject(token, inside[paragraph]),
                paragraph=paragraph,
                sentence=parsed.sentence_of[paragraph][token.i],
                confidence={"speech": 0.8, "according": 0.8}.get(cue_kind, 0.6),
                quoted=False,
            )
            set_cue_text(frame, token)
            found.append(frame)
    return found


_CUE_WORDS = SPEECH_VERBS | COGNITION_VERBS | XCOMP_CUE_VERBS | {"accord", "according"}


def _cue_candidates(doc: Any) -> list[int]:
    """Indices of tokens whose lemma can be a cue, read off the Doc's arrays (fast)."""
    wanted = _cue_hashes(doc.vocab.strings)
    rows = doc.to_array(["LEMMA", "LOWER"]).tolist()
    return [i for i, (lemma, lower) in enumerate(rows) if lemma in wanted or lower in wanted]


_HASHES: dict[int, frozenset[int]] = {}


def _cue_hashes(strings: Any) -> frozenset[int]:
    key = id(strings)
    if key not in _HASHES:
        _HASHES[key] = frozenset(int(strings[w]) for w in _CUE_WORDS)
    return _HASHES[key]


def _indirect_content(token: Any) -> tuple[list[Any] | None, str]:
    """The tokens a reporting verb reports, and what kind of cue it is."""
    if token.lower_ == "according":
        clause = according_clause(token)
        return (clause, "according") if clause else (None, "")
    if token.pos_ != "VERB":
        return None, ""
    lemma = token.lemma_.lower()
    speech = lemma in SPEECH_VERBS
    if not speech and lemma not in COGNITION_VERBS and lemma not in XCOMP_CUE_VERBS:
        return None, ""
    for child in token.children:
        if child.dep_ == "ccomp" and (speech or lemma in COGNITION_VERBS):
            return list(child.subtree), "speech" if speech else "cognition"
    if (
        speech
        and token.dep_ in ("parataxis", "ccomp")
        and token.head.i < token.i
        and any(c.dep_ in SUBJECTS for c in token.children)
    ):
        # "X has remained unchanged, the spokesman said": the parser hung the cue on X.
        own = {t.i for t in token.subtree}
        return [t for t in token.head.subtree if t.i not in own and t.i < token.i], "speech"
    for child in token.children:
        if child.dep_ == "xcomp" and lemma in XCOMP_CUE_VERBS:
            return list(child.subtree), "intent"
    if lemma in OBJECT_CUE_VERBS:
        for child in token.children:
            if child.dep_ == "dobj" and child.pos_ in ("NOUN", "PROPN"):
                return list(child.subtree), "object"
    return None, ""
