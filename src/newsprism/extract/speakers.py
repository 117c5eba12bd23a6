"""Who said it: the source of each attribution frame resolved to an article entity.

The source phrase is read in this order: a name (the entity it names); a pronoun ("he said":
the speaker or the subject of the nearest sentence before it that names a person of the right
gender); a role description ("the White House spokesman": the person the text bound that role to,
see :mod:`.roles`); otherwise an unnamed source kept as written ("one Democratic official"). A
quotation with no verb of its own continues the speaker of the frame before it. A pronoun with
nothing before it to refer to (an article that opens mid-way, "He also noted that ...") goes to
the article's main speaker: the entity most quotes were attributed to.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from newsprism.extract.attribution_types import Frame, dateline_end
from newsprism.extract.document import ParsedArticle
from newsprism.extract.entities import ArticleEntities, Description, LocalEntity
from newsprism.extract.roles import describe, match_description, role_of
from newsprism.records import Span

__all__ = ["Attribution", "PendingDescription", "attribute"]

_DEFERRED = -1
"""Stands for a speaker not known yet (a pronoun before any name): the main speaker later."""
_PRONOUN_GENDER = {"he": "m", "him": "m", "she": "f", "her": "f"}
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# Sentences looked back through for a pronoun's antecedent: "he" rarely reaches further back
# than the previous paragraph in news copy.
LOOKBACK = 6
# How much each way of finding the speaker keeps of the frame's own confidence. Set by hand in
# the order of how often each way named the annotated source on PolNeAR's train split (name and
# pronoun above 0.95, descriptions about 0.9, continuations about 0.7, the sentence before and
# the main speaker lower); a ranking, not a fitted probability.
RESOLUTION_WEIGHT = {
    "name": 1.0,
    "pronoun": 0.9,
    "description": 0.85,
    "continuation": 0.85,
    "previous": 0.7,
    "main-speaker": 0.6,
    "unnamed": 0.9,
    "": 0.5,
}
_NP_CUT = frozenset({"relcl", "acl", "appos", "punct", "advcl", "prep", "cc", "conj"})


@dataclass(frozen=True, slots=True)
class PendingDescription:
    """A role description naming a speaker that no person of its own article matched."""

    role: str
    words: frozenset[str]
    national: frozenset[str]


@dataclass(slots=True)
class Attribution:
    """A frame with its speaker resolved (to a local entity index, or unnamed)."""

    frame: Frame
    pieces: list[tuple[int, int, int]]
    entity: int | None = None
    source_span: Span | None = None
    source_text: str | None = None
    resolution: str = ""
    pending: PendingDescription | None = None
    display: str | None = None
    """How to name an unnamed speaker when the source words are a relative ("who")."""
    resolved_id: str | None = None
    """The canonical entity a pending description was matched to across the batch."""

    @property
    def confidence(self) -> float:
        """The frame's confidence weighed by how its speaker was found."""
        return round(self.frame.confidence * RESOLUTION_WEIGHT.get(self.resolution, 0.5), 3)


@dataclass(slots=True)
class _State:
    speakers: dict[int, list[int]] = field(default_factory=dict)
    """Sentence index -> entities that spoke there."""
    gender: dict[int, str] = field(default_factory=dict)
    recency: dict[int, int] = field(default_factory=dict)
    people: frozenset[int] = frozenset()
    """The person entities: the only ones "he" or "she" can refer to."""
    outlets: frozenset[int] = frozenset()
    """Entities named as the article's outlet or wire agency, and listeners (told, never
    telling): they report or hear, they are not whom "he said" or a verbless quotation
    refers to."""


def attribute(
    parsed: ParsedArticle, found: ArticleEntities, frames: Sequence[Frame]
) -> list[Attribution]:
    """Resolve every frame's speaker; quotations continuing a quote are joined to it."""
    state = _State(
        people=frozenset(e.index for e in found.entities if e.label == "PERSON"),
        outlets=_outlet_entities(parsed, found) | _listeners(found, frames),
    )
    for entity in found.entities:
        if entity.gender:
            state.gender[entity.index] = entity.gender
    people = _people_by_sentence(parsed, found)
    done: dict[int, Attribution] = {}
    result: list[Attribution] = []
    for frame in frames:
        attribution = Attribution(frame, list(frame.pieces))
        if frame.cue is None and frame.follows is not None and id(frame.follows) in done:
            previous = done[id(frame.follows)]
            attribution.entity = previous.entity
            attribution.source_span = previous.source_span
            attribution.source_text = previous.source_text
            attribution.display = previous.display
            attribution.pending = previous.pending
            attribution.resolution = "continuation" if previous.resolution else ""
            if (
                frame.follows.quoted
                and frame.follows.cue is not None
                and frame.pieces[0][0] == previous.pieces[-1][0]
            ):
                # "“A,” he said. “B.”": one attribution in two pieces.
                previous.pieces.extend(frame.pieces)
                done[id(frame)] = previous
                continue
        elif _speaking(frame) is not None:
            _resolve_source(parsed, found, frame, attribution, state, people)
        elif frame.quoted:
            antecedent = _antecedent(
                parsed, frame.paragraph, None, frame.sentence, state, people, None
            )
            if antecedent is not None and antecedent != _DEFERRED:
                attribution.entity, attribution.resolution = antecedent, "previous"
        if attribution.entity is not None:
            state.speakers.setdefault(frame.sentence, []).append(attribution.entity)
            state.recency[attribution.entity] = frame.sentence
        elif attribution.resolution == "pronoun":
            # A pronoun with nothing to refer to yet: later pronouns refer to the same speaker.
            state.speakers.setdefault(frame.sentence, []).append(_DEFERRED)
        done[id(frame)] = attribution
        result.append(attribution)
    _main_speaker(found, result, state)
    return result


def _speaking(frame: Frame) -> Any:
    """The frame's source token, moved off a dateline the parser took for the subject.

    In "SEOUL, South Korea — North Korea's leader, Kim Jong-un, announced ..." the parser
    makes "SEOUL" the subject and hangs the real one on it; the speaker is the first noun
    after the dateline that hangs on the dateline or on the cue. None when there is none.
    """
    source = frame.source
    if source is None:
        return None
    end = dateline_end(source.doc)
    if source.i >= end:
        return source
    cue = frame.cue
    for token in source.doc[end:]:
        if cue is not None and token.i >= cue.i:
            break
        if token.pos_ not in ("NOUN", "PROPN", "PRON"):
            continue
        hangs = token.head.i < end or (cue is not None and token.head.i == cue.i)
        if hangs and token.dep_ not in ("compound", "poss", "amod", "nmod"):
            return token
    return None


def _outlet_entities(parsed: ParsedArticle, found: ArticleEntities) -> frozenset[int]:
    """The entities written as the article's outlet or wire agency ("Reuters", "USA TODAY").

    Whatever label the recogniser gave them: a masthead in capitals is often taken for a
    person ("USA TODAY").
    """
    article = parsed.article
    names = {n.casefold() for n in (article.outlet, article.wire_agency) if n}
    if not names:
        return frozenset()
    return frozenset(
        e.index for e in found.entities if any(m.text.casefold() in names for m in e.mentions)
    )


# How a reporting verb names whom it was said to: "told USA TODAY", "said to reporters",
# "spoke with CNN", "said in an interview with Reuters".
_LISTENER_DEPS = frozenset({"dobj", "dative", "iobj"})
_LISTENER_PREPS = frozenset({"to", "with"})


def _addressees(cue: Any) -> list[Any]:
    """The tokens naming whom a cue was said to: the object of "tell", the object of "to" or
    "with" after the cue, or of "with" after the noun of "in an interview with"."""
    found: list[Any] = []
    tell = cue.lemma_.lower() == "tell"
    for child in cue.children:
        if child.i < cue.i:
            continue
        if tell and child.dep_ in _LISTENER_DEPS:
            found.append(child)
        elif child.dep_ == "prep" and child.lower_ in _LISTENER_PREPS:
            found.extend(c for c in child.children if c.dep_ == "pobj")
        elif child.dep_ == "prep":
            for noun in (c for c in child.children if c.dep_ == "pobj"):
                for prep in noun.children:
                    if prep.dep_ == "prep" and prep.lower_ == "with":
                        found.extend(c for c in prep.children if c.dep_ == "pobj")
    return found


def _listeners(found: ArticleEntities, frames: Sequence[Frame]) -> frozenset[int]:
    """Entities a reporting verb was addressed to ("told USA TODAY") and that are never
    themselves the named source of a frame of the article."""
    heard: set[int] = set()
    spoke: set[int] = set()
    for frame in frames:
        if frame.cue is None:
            continue
        source = _speaking(frame)
        if source is not None:
            mention = found.by_token.get((frame.paragraph, source.i))
            if mention is not None:
                spoke.add(mention.entity)
        for token in _addressees(frame.cue):
            mention = found.by_token.get((frame.paragraph, token.i))
            if mention is not None:
                heard.add(mention.entity)
    return frozenset(heard - spoke)


def _people_by_sentence(
    parsed: ParsedArticle, found: ArticleEntities
) -> dict[int, list[tuple[int, int, bool]]]:
    """Sentence index -> (token index, entity, is subject) of its person mentions."""
    people: dict[int, list[tuple[int, int, bool]]] = {}
    for entity in found.entities:
        if entity.label != "PERSON":
            continue
        for m in entity.mentions:
            doc = parsed.docs[m.paragraph]
            head = doc[m.end - 1]
            sentence = parsed.sentence_of[m.paragraph][m.start]
            subject = head.dep_ in _SUBJECT_DEPS or (
                head.dep_ == "appos" and head.head.dep_ in _SUBJECT_DEPS
            )
            people.setdefault(sentence, []).append((m.start, entity.index, subject))
    for mentions in people.values():
        mentions.sort()
    return people


def _phrase(token: Any) -> list[Any]:
    """The words of a source phrase: the token with its modifiers, clauses and asides cut."""
    keep = [token]
    for child in token.children:
        if child.dep_ in _NP_CUT:
            if child.dep_ == "prep" and child.i > token.i and child.lower_ in ("for", "of", "to"):
                keep.extend(child.subtree)  # "a spokesman for the Russian president"
            continue
        keep.extend(child.subtree)
    return sorted(keep, key=lambda t: t.i)


def _resolve_source(
    parsed: ParsedArticle,
    found: ArticleEntities,
    frame: Frame,
    attribution: Attribution,
    state: _State,
    people: dict[int, list[tuple[int, int, bool]]],
) -> None:
    source = _speaking(frame)
    paragraph = frame.paragraph
    phrase = _phrase(source)
    attribution.source_span = parsed.token_span(paragraph, phrase[0].i, phrase[-1].i)
    attribution.source_text = source.doc[phrase[0].i : phrase[-1].i + 1].text
    relative = source.tag_ in ("WP", "WDT") and source.head.dep_ == "relcl"
    if relative:
        # "the candidate, who claims ...": the source is "who", the speaker its noun.
        source = source.head.head
        noun = _phrase(source)
        attribution.display = source.doc[noun[0].i : noun[-1].i + 1].text
    # A name: the head of the phrase is in a mention ("White House spokesman Josh Earnest"), not
    # a name inside it ("Obama's press secretary" is not Obama).
    mention = found.by_token.get((paragraph, source.i))
    if mention is not None:
        attribution.entity, attribution.resolution = mention.entity, "name"
        if not relative:
            attribution.source_span = parsed.token_span(paragraph, mention.start, mention.end - 1)
            attribution.source_text = mention.text
        return
    lower = source.lower_
    if source.pos_ == "PRON" and lower in _PRONOUN_GENDER:
        entity = _antecedent(
            parsed, paragraph, source, frame.sentence, state, people, _PRONOUN_GENDER[lower]
        )
        attribution.resolution = "pronoun"
        if entity is not None and entity != _DEFERRED:
            attribution.entity = entity
            state.gender.setdefault(entity, _PRONOUN_GENDER[lower])
            found.entities[entity].extra.append((attribution.source_span, source.text, "pronoun"))
        return
    role = role_of(source) if source.tag_ in ("NN", "NNP") else None  # not "the leaders"
    if role is not None:
        descriptions: dict[int, list[Description]] = {}
        for d in found.descriptions:
            descriptions.setdefault(d.entity, []).append(d)
        candidates = [
            (e.index, descriptions.get(e.index, []), state.recency.get(e.index, -1))
            for e in found.entities
            if e.label == "PERSON"
        ]
        words, national = describe(phrase, source)
        entity = match_description(role, words, national, candidates)
        attribution.resolution = "description"
        if entity is not None:
            attribution.entity = entity
            found.entities[entity].extra.append(
                (attribution.source_span, attribution.source_text or "", "description")
            )
        else:
            attribution.pending = PendingDescription(role, words, national)
        return
    attribution.resolution = "unnamed"


def _antecedent(
    parsed: ParsedArticle,
    paragraph: int,
    pronoun: Any,
    sentence: int,
    state: _State,
    people: dict[int, list[tuple[int, int, bool]]],
    gender: str | None,
) -> int | None:
    """The person a pronoun (or a missing subject) refers to, looking back a few sentences."""

    def fits(entity: int) -> bool:
        """True when the entity can be referred to: "he" and "she" are people of the
        pronoun's gender, and the article's own outlet is who reports, not who speaks."""
        if entity == _DEFERRED:
            return True
        if entity in state.outlets or (gender is not None and entity not in state.people):
            return False
        known = state.gender.get(entity)
        return gender is None or known is None or known == gender

    here = sentence
    if pronoun is not None:
        here = parsed.sentence_of[paragraph][pronoun.i]
    for index in range(here, max(-1, here - LOOKBACK), -1):
        speakers = [e for e in state.speakers.get(index, []) if fits(e)]
        mentions = people.get(index, [])
        if index == here and pronoun is not None:
            mentions = [m for m in mentions if m[0] < pronoun.i]
        if speakers:
            return speakers[-1]
        subjects = [e for _, e, subject in mentions if subject and fits(e)]
        if subjects:
            return subjects[-1]
        others = [e for _, e, _ in mentions if fits(e)]
        if others:
            return others[-1]
    return None


def _main_speaker(
    found: ArticleEntities, attributions: Sequence[Attribution], state: _State
) -> None:
    """Give speakerless pronoun frames the article's main speaker.

    The main speaker is the entity most frames were attributed to, the article's own outlet
    left out; a pronoun ("he told Reuters") gets the person most often attributed to.
    """
    counts = Counter(
        a.entity for a in attributions if a.entity is not None and a.entity not in state.outlets
    )
    people = [e for e in found.entities if e.label == "PERSON" and e.index not in state.outlets]
    fallback = max(people, key=_weight).index if people else None
    main = counts.most_common(1)[0][0] if counts else fallback
    spoken = [(n, e) for e, n in counts.items() if e in state.people]
    person = max(spoken, key=lambda pair: pair[0])[1] if spoken else fallback
    for attribution in attributions:
        if attribution.entity is not None:
            continue
        # A pronoun with no antecedent, or a quotation with no verb at all; an unquoted clause
        # with no subject ("it was reported that ...") has no speaker to give.
        if attribution.resolution == "pronoun":
            chosen = person
        elif attribution.resolution == "" and attribution.frame.quoted:
            chosen = main
        else:
            continue
        if chosen is not None:
            attribution.entity = chosen
            attribution.resolution = "main-speaker"


def _weight(entity: LocalEntity) -> int:
    return len(entity.mentions)
