"""Entities inside one article: name mentions found, cleaned and grouped per referent.

spaCy's small model finds the names but often mislabels them ("J. Earnest" as a nationality and
a place, "Kalesnikava" as an organisation). Labels are therefore repaired from the text around
a name: an initial or an honorific before it, or a full person name elsewhere in the article
with the same surname, make it a person. Person mentions are grouped by surname and compatible
given names ("J. Earnest", "Mr. Earnest" and "Earnest" join "Josh Earnest"); a name given in
brackets after another ("Maria Kolesnikova (Maryia Kalesnikava)") is an alias of it.
Organisations and places group by folded name and by acronym.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy

from newsprism.extract.document import ParsedArticle, TokenRef
from newsprism.extract.lexicon import PERSON_TITLES, ROLE_CLASSES, SPEECH_VERBS
from newsprism.extract.names import (
    PersonName,
    compatible_given,
    fold,
    parse_person,
    same_full_name,
    skeleton,
    strip_possessive,
)
from newsprism.records import Span

__all__ = ["ArticleEntities", "Description", "LocalEntity", "NameMention", "find_entities"]

_LABELS = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC", "FAC": "LOC"}
_INITIAL = re.compile(r"^[A-Z]\.$")
_DETERMINERS = frozenset({"the", "a", "an"})
# Honorifics that make the next name a person even when the tagger says otherwise. Narrower than
# PERSON_TITLES: "General" or "Prime" also begin organisation names.
_PERSON_MAKERS = frozenset(
    {"mr", "mrs", "ms", "miss", "dr", "president", "sen", "senator", "rep", "gov", "governor"}
)


_NOT_NOMINAL = frozenset({"acl", "amod", "advmod", "advcl", "relcl", "aux", "prep", "mark"})


@dataclass(slots=True)
class NameMention:
    """One name in the text: where, as written, and read as a person's name when it is one."""

    paragraph: int
    start: int
    """First token (index in the paragraph's Doc)."""
    end: int
    """One past the last token."""
    text: str
    """As written, titles kept and a possessive dropped."""
    label: str
    person: PersonName | None = None
    key: str = ""
    """The folded name of an organisation or place."""
    entity: int = -1
    """Index of the article entity the mention belongs to."""

    @property
    def kind(self) -> str:
        """``name``, ``title`` (an honorific and a surname) or ``surname``."""
        if self.person is None or self.person.given:
            return "name"
        return "title" if self.person.titles else "surname"


@dataclass(slots=True)
class Description:
    """A role description bound to a person ("White House spokesman", "spokesman for Obama")."""

    text: str
    role: str
    """The class of role the head noun names (``spokesperson``, ``president``...)."""
    words: frozenset[str]
    """Lower-cased stems of the description's other content words."""
    national: frozenset[str]
    """The stems among :attr:`words` that name a nation or place ("russi" for "Russian")."""
    span: Span
    entity: int = -1


@dataclass(slots=True)
class LocalEntity:
    """One referent inside one article, with its mentions there."""

    index: int
    label: str
    mentions: list[NameMention] = field(default_factory=list)
    descriptions: list[Description] = field(default_factory=list)
    aliases: list[PersonName] = field(default_factory=list)
    """Other names the text gives it in brackets."""
    extra: list[tuple[Span, str, str]] = field(default_factory=list)
    """Pronoun and description mentions found later: (span, text, kind)."""

    @property
    def names(self) -> list[PersonName]:
        """Every person name the entity is written as, aliases included."""
        return [m.person for m in self.mentions if m.person is not None] + self.aliases

    @property
    def gender(self) -> str | None:
        """``m`` or ``f`` when a title or a pronoun said so."""
        genders = {n.gender for n in self.names if n.gender}
        return genders.pop() if len(genders) == 1 else None

    def best_name(self) -> str:
        """The fullest, most frequent spelling: given names and surname, no titles."""
        if self.label == "PERSON":
            fulls = Counter(n.full for n in self.names if n.has_given)
            if fulls:
                return max(fulls, key=lambda k: fulls[k])  # ties: the first written
            return Counter(n.surname for n in self.names).most_common(1)[0][0]
        texts = Counter(m.text for m in self.mentions)
        return max(texts, key=lambda k: (texts[k], len(k)))


@dataclass(slots=True)
class ArticleEntities:
    """The entities of one article and a way from a token to the mention it is in."""

    entities: list[LocalEntity]
    by_token: dict[TokenRef, NameMention]
    descriptions: list[Description] = field(default_factory=list)

    def at(self, ref: TokenRef) -> LocalEntity | None:
        """The entity a token names, if any."""
        mention = self.by_token.get(ref)
        return self.entities[mention.entity] if mention is not None else None


def find_entities(parsed: ParsedArticle) -> ArticleEntities:
    """Find, repair and group the named entities of one parsed article."""
    mentions = _collect(parsed)
    _repair_labels(mentions)
    entities: list[LocalEntity] = []
    _group_people(parsed, mentions, entities)
    _group_others(mentions, entities)
    by_token: dict[TokenRef, NameMention] = {}
    for mention in mentions:
        for i in range(mention.start, mention.end):
            by_token[(mention.paragraph, i)] = mention
    return ArticleEntities(entities, by_token)


def _collect(parsed: ParsedArticle) -> list[NameMention]:
    found: list[NameMention] = []
    for p, doc in enumerate(parsed.docs):
        taken: set[int] = set()
        for ent in doc.ents:
            mention = _mention(p, doc, ent.start, ent.end, ent.label_, taken)
            if mention is not None:
                found.append(mention)
                taken.update(range(mention.start, mention.end))
        for i in proper_nouns(doc):
            # A capitalised name speaking ("Gorka said") that the tagger did not take for a
            # name at all: a person.
            token = doc[i]
            if token.dep_ != "nsubj" or token.i in taken:
                continue
            if token.ent_type_ in _LABELS or token.head.lemma_.lower() not in SPEECH_VERBS:
                continue  # (a name the tagger took for a work of art or an event is fine)
            start = token.i
            while (
                start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].pos_ == "PROPN"
            ):
                start -= 1
            if any(i in taken for i in range(start, token.i + 1)):
                continue
            mention = _mention(p, doc, start, token.i + 1, "PERSON", taken)
            if mention is not None:
                found.append(mention)
                taken.update(range(mention.start, mention.end))
    found.sort(key=lambda m: (m.paragraph, m.start))
    _untagged_people(parsed, found)
    return found


def proper_nouns(doc: Any) -> list[int]:
    """Indices of a Doc's proper nouns, read off its arrays (creating every Token is slow)."""
    pos = doc.to_array(["POS"])
    return [int(i) for i in numpy.flatnonzero(pos == doc.vocab.strings["PROPN"])]


def _untagged_people(parsed: ParsedArticle, found: list[NameMention]) -> None:
    """Names the tagger skipped whose last word is a person's surname elsewhere in the article."""
    surnames = {
        skeleton(m.person.surname) for m in found if m.person is not None and m.person.has_given
    }
    if not surnames:
        return
    taken = {(m.paragraph, i) for m in found for i in range(m.start, m.end)}
    added: list[NameMention] = []
    for p, doc in enumerate(parsed.docs):
        for i in proper_nouns(doc):
            token = doc[i]
            if (p, token.i) in taken or token.dep_ == "compound":
                continue
            if skeleton(strip_possessive(token.text)) not in surnames:
                continue
            start = token.i
            while start > 0 and doc[start - 1].pos_ == "PROPN" and (p, start - 1) not in taken:
                start -= 1
            mention = _mention(p, doc, start, token.i + 1, "PERSON", set())
            if mention is not None:
                added.append(mention)
                taken.update((p, i) for i in range(mention.start, mention.end))
    found.extend(added)
    found.sort(key=lambda m: (m.paragraph, m.start))


def _mention(
    p: int, doc: Any, start: int, end: int, spacy_label: str, taken: set[int]
) -> NameMention | None:
    label = _LABELS.get(spacy_label)
    initial_before = start > 0 and _INITIAL.match(doc[start - 1].text) is not None
    if label is None and not (spacy_label == "NORP" and _INITIAL.match(doc[start].text)):
        return None
    while start < end and doc[start].lower_ in _DETERMINERS:
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct):
        end -= 1
    if label not in (None, "PERSON"):
        # "White House Spokesman" is an office and a role, not an organisation's name.
        while end > start and doc[end - 1].lower_ in ROLE_CLASSES:
            end -= 1
    if start >= end or any(i in taken for i in range(start, end)):
        return None
    if label is None:
        # A lone initial the tagger took for a nationality: it belongs to the next name.
        return None
    is_person = label == "PERSON"
    while start > 0 and _INITIAL.match(doc[start - 1].text) and (start - 1) not in taken:
        start -= 1
        is_person = True
    while start > 0 and (start - 1) not in taken and _is_title(doc[start - 1]):
        if fold(doc[start - 1].text) in _PERSON_MAKERS:
            is_person = True
        start -= 1
    if initial_before:
        is_person = True
    tokens = doc[start:end]
    if is_person and not any(t.pos_ == "PROPN" for t in tokens):
        return None
    if is_person and len(tokens) == 1 and tokens[0].dep_ in _NOT_NOMINAL:
        return None  # "Exiled" tagged as a name: a name is a noun in its sentence
    text = strip_possessive(tokens.text).strip()
    if not text:
        return None  # a lone possessive ("'s") the tagger took for a name: nothing is named
    if is_person:
        person = parse_person([t.text for t in tokens])
        if person is None:
            return None
        return NameMention(p, start, end, text, "PERSON", person=person)
    words = [t.text for t in tokens]
    return NameMention(p, start, end, text, label, key=fold(" ".join(words)))


def _is_title(token: Any) -> bool:
    return bool(token.text[:1].isupper() and fold(token.text) in PERSON_TITLES)


def _repair_labels(mentions: list[NameMention]) -> None:
    """A short non-person name that is a person's surname elsewhere in the article is a person."""
    surnames = {
        skeleton(m.person.surname)
        for m in mentions
        if m.person is not None and (m.person.given or m.person.titles)
    }
    for m in mentions:
        words = m.text.split()
        # (A mention with no words left names no one; _mention drops those, this guards
        # mentions made elsewhere.)
        if m.person is None and 0 < len(words) <= 2 and skeleton(words[-1]) in surnames:
            person = parse_person(words)
            if person is not None:
                m.person = person
                m.label = "PERSON"


def _group_people(
    parsed: ParsedArticle, mentions: list[NameMention], entities: list[LocalEntity]
) -> None:
    people = [m for m in mentions if m.person is not None]
    full = [m for m in people if m.person is not None and m.person.has_given]
    partial = [m for m in people if m.person is not None and not m.person.has_given]
    # Each entity's names, each once, kept in step with its mentions: a person is named many
    # times the same way, and whether any of an entity's names fits is the same over each
    # name once (a page listing hundreds of people made this loop quadratic in mentions).
    known: dict[int, dict[PersonName, None]] = {}

    def names_of(entity: LocalEntity) -> dict[PersonName, None]:
        names = known.get(entity.index)
        if names is None:
            names = known[entity.index] = dict.fromkeys(entity.names)
        return names

    def join(m: NameMention, target: LocalEntity) -> None:
        assert m.person is not None
        m.entity = target.index
        target.mentions.append(m)
        names_of(target)[m.person] = None

    for m in full:
        assert m.person is not None
        person = m.person
        target = next(
            (e for e in entities if any(same_full_name(n, person) for n in names_of(e))), None
        )
        if target is None:
            target = LocalEntity(len(entities), "PERSON")
            entities.append(target)
        join(m, target)
    _bind_bracketed_aliases(parsed, people, entities)
    known.clear()  # aliases were bound and mentions moved: the names are read again
    for m in partial:
        assert m.person is not None
        person = m.person
        candidates = [
            e for e in entities if e.label == "PERSON" and _fits_partial(names_of(e), person)
        ]
        if candidates:
            before = [
                (max((n.paragraph, n.start) for n in e.mentions if _before(n, m)), e)
                for e in candidates
                if any(_before(n, m) for n in e.mentions)
            ]
            if before:
                target = max(before, key=lambda pair: pair[0])[1]
            else:
                target = max(candidates, key=lambda e: len(e.mentions))
        else:
            target = LocalEntity(len(entities), "PERSON")
            entities.append(target)
        join(m, target)


def _before(a: NameMention, b: NameMention) -> bool:
    return (a.paragraph, a.start) < (b.paragraph, b.start)


def _fits_partial(names: Iterable[PersonName], name: PersonName) -> bool:
    """True when a surname (with an initial or a title) can be that of the entity whose
    ``names`` (each once) are given."""
    if name.gender:
        genders = {n.gender for n in names if n.gender}
        gender = genders.pop() if len(genders) == 1 else None  # as LocalEntity.gender reads
        if gender and name.gender != gender:
            return False
    return any(_partial_fit(known, name) for known in names)


@functools.lru_cache(maxsize=65536)  # asked for each pair of a mention and an entity's name
def _partial_fit(known: PersonName, name: PersonName) -> bool:
    return skeleton(known.surname) == skeleton(name.surname) and compatible_given(
        known.given, name.given
    )


def _bind_bracketed_aliases(
    parsed: ParsedArticle, people: list[NameMention], entities: list[LocalEntity]
) -> None:
    """ "Maria Kolesnikova (Maryia Kalesnikava)": the bracketed name is an alias."""
    for first in people:
        doc = parsed.docs[first.paragraph]
        if first.end + 1 >= len(doc) or doc[first.end].text != "(":
            continue
        second = next(
            (
                m
                for m in people
                if m.paragraph == first.paragraph and m.start == first.end + 1 and m is not first
            ),
            None,
        )
        if second is None or second.end >= len(doc) or doc[second.end].text != ")":
            continue
        if second.entity == first.entity or first.entity < 0:
            continue
        keep, drop = entities[first.entity], entities[second.entity] if second.entity >= 0 else None
        if drop is not None:
            for m in drop.mentions:
                m.entity = keep.index
            keep.mentions.extend(drop.mentions)
            drop.mentions.clear()
        else:
            second.entity = keep.index
            keep.mentions.append(second)
        if second.person is not None:
            keep.aliases.append(second.person)


def _group_others(mentions: list[NameMention], entities: list[LocalEntity]) -> None:
    by_key: dict[str, LocalEntity] = {}
    labels: dict[int, Counter[str]] = {}
    for m in mentions:
        if m.person is not None:
            continue
        target = by_key.get(m.key)
        if target is None:
            target = next(
                (e for k, e in by_key.items() if _acronym(m.text, k) or _acronym(k, m.text)),
                None,
            )
        if target is None:
            target = LocalEntity(len(entities), m.label)
            entities.append(target)
        by_key.setdefault(m.key, target)
        m.entity = target.index
        target.mentions.append(m)
        labels.setdefault(target.index, Counter())[m.label] += 1
    for index, counts in labels.items():
        entities[index].label = counts.most_common(1)[0][0]


def _acronym(short: str, long: str) -> bool:
    """True when ``short`` is the initials of ``long`` ("UN", "United Nations")."""
    letters = fold(short)
    if not (2 <= len(letters) <= 6) or not short.replace(".", "").isupper():
        return False
    words = [w for w in long.split() if w[:1].isalpha() and w.lower() not in ("of", "the", "and")]
    return len(words) >= 2 and "".join(w[0] for w in words).lower() == letters
