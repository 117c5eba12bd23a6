"""Reported speech: attribution frames read off the parse, without quotation marks.

A verb reports something through one of its complements: a clause ("Earnest said that ...";
"..., the spokesman said"), a ``to``-infinitive ("vowed to ..."), an object ("announced his
resignation") or a prepositional object ("called for a recount", "accused him of lying"); and
"according to X, ..." reports its clause. Which verbs report through which complement, and how
often such a frame is an attribution, was counted on PolNeAR's train split (``cue_frames.json``,
made by :func:`newsprism.evaluation.cue_frames.learn_cue_frames`); verbs too rare there fall
back on the word lists of :mod:`.lexicon`. The content stops before the source phrase when the
source follows it.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from importlib import resources
from typing import Any

from newsprism.extract.attribution_types import Frame, dateline_end, set_cue_text
from newsprism.extract.document import ParsedArticle
from newsprism.extract.lexicon import (
    COGNITION_VERBS,
    OBJECT_CUE_VERBS,
    SPEECH_VERBS,
    XCOMP_CUE_VERBS,
)
from newsprism.extract.syntax import SUBJECTS, according_clause, before_source, span_of, subject

__all__ = ["PREPOSITIONS", "complements", "cue_frames", "find_reported", "frame_rate"]

PREPOSITIONS = frozenset({"about", "on", "for", "of", "against", "to", "with"})
"""Prepositions whose object can be what a verb reports ("talked about", "called for")."""

# A frame seen at least this often in the counts is judged by its count; rarer ones by the
# word lists. Four keeps one-off parses out while still covering news-common verbs.
MIN_SEEN = 4
# Smoothed share of a frame's occurrences that were annotated attributions, from which it is
# taken as one. About half the F1 the frames reach together (0.6-0.65): a frame right more often
# than this adds more true attributions than it costs (calibrated on PolNeAR train).
MIN_RATE = 0.33
_ORDER = ("ccomp", "xcomp", "dobj")


@functools.lru_cache(maxsize=1)
def cue_frames() -> Mapping[str, tuple[int, int]]:
    """The counted frames: ``"lemma|complement"`` -> (annotated, seen) on PolNeAR train."""
    raw = json.loads(resources.files(__package__).joinpath("cue_frames.json").read_text("utf-8"))
    return {key: (int(a), int(n)) for key, (a, n) in raw["frames"].items()}


def frame_rate(lemma: str, kind: str) -> float | None:
    """The smoothed annotated share of a frame, or None when it was too rare to judge."""
    counted = cue_frames().get(f"{lemma}|{kind}")
    if counted is None or counted[1] < MIN_SEEN:
        return None
    annotated, seen = counted
    return (annotated + 0.5) / (seen + 1)


def complements(token: Any) -> list[tuple[str, list[Any]]]:
    """The complements a verb could report, with their tokens, clause first."""
    found: list[tuple[str, list[Any]]] = []
    children = list(token.children)
    for kind in _ORDER:
        for child in children:
            if child.dep_ == kind:
                found.append((kind, list(child.subtree)))
    for child in children:
        if child.dep_ == "prep" and child.lower_ in PREPOSITIONS:
            tokens = [t for t in child.subtree if t.i != child.i]
            if tokens:
                found.append((f"prep:{child.lower_}", tokens))
    return found


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
        dateline = dateline_end(doc)
        for i in _cue_candidates(doc):
            token = doc[i]
            if (paragraph, token.i) in used_cues or token.i in taken:
                continue
            if inside[paragraph][token.i] != -1:
                continue
            content, confidence = _content(token)
            if content is None:
                continue
            content = before_source(content, token, inside[paragraph])
            # "WASHINGTON (Reuters) - X has ..., the White House said": where the story was
            # filed is no part of what was said.
            content = [t for t in content if t.i >= dateline]
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
                confidence=confidence,
                quoted=False,
            )
            set_cue_text(frame, token)
            found.append(frame)
    return found


def _cue_candidates(doc: Any) -> list[int]:
    """Indices of the verbs and "according" of a Doc, read off its arrays (fast)."""
    strings = doc.vocab.strings
    verb, according = int(strings["VERB"]), int(strings["according"])
    rows = doc.to_array(["POS", "LOWER"]).tolist()
    return [i for i, (pos, lower) in enumerate(rows) if pos == verb or lower == according]


def _listed(lemma: str, kind: str) -> float | None:
    """The word lists' say on a frame too rare in the counts, as a confidence (None: no)."""
    # Hand-set: speech verbs report what follows them more reliably than verbs of thought.
    if kind == "ccomp" and lemma in SPEECH_VERBS:
        return 0.8
    if kind == "ccomp" and lemma in COGNITION_VERBS:
        return 0.5
    if kind == "xcomp" and lemma in XCOMP_CUE_VERBS:
        return 0.6
    if kind == "dobj" and lemma in OBJECT_CUE_VERBS:
        return 0.5
    return None


def _content(token: Any) -> tuple[list[Any] | None, float]:
    """The tokens a verb reports and how sure that is, or (None, 0) when it reports nothing."""
    if token.lower_ == "according":
        clause = according_clause(token)
        return (clause, 0.8) if clause else (None, 0.0)
    lemma = token.lemma_.lower()
    for kind, tokens in complements(token):
        rate = frame_rate(lemma, kind)
        confidence = _listed(lemma, kind) if rate is None else rate if rate >= MIN_RATE else None
        if confidence is not None:
            return tokens, round(min(confidence, 0.9), 3)
    if (
        lemma in SPEECH_VERBS
        and token.dep_ in ("parataxis", "ccomp")
        and token.head.i < token.i
        and any(c.dep_ in SUBJECTS for c in token.children)
    ):
        # "X has remained unchanged, the spokesman said": the parser hung the cue on X.
        own = {t.i for t in token.subtree}
        return [t for t in token.head.subtree if t.i not in own and t.i < token.i], 0.8
    return None, 0.0
