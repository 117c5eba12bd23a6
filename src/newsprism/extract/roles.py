"""Role descriptions bound to people, and descriptive phrases resolved through them.

The text binds a role to a name in two ways: as modifiers before the name ("White House
spokesman Josh Earnest", "French President Emmanuel Macron") and in apposition ("Josh Earnest,
spokesman for US President Barack Obama"; "Britain's ambassador to the United Nations, Karen
Pierce"). A later phrase headed by a role noun of the same class ("the White House spokesman",
"Obama's press secretary", "a spokesman for the US president") resolves to the
person whose bound descriptions share its words; a nationality word that contradicts them
("the German president" against "French President Emmanuel Macron") rules a person out.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

from newsprism.extract.document import ParsedArticle
from newsprism.extract.entities import ArticleEntities, Description, NameMention
from newsprism.extract.lexicon import ROLE_CLASSES
from newsprism.extract.names import parse_person

__all__ = ["bind_descriptions", "describe", "match_description", "role_of"]

_CONTENT_POS = frozenset({"NOUN", "PROPN", "ADJ"})
_NATIONAL = frozenset({"NORP", "GPE"})
# Tokens that may sit between a role noun and the name it describes, left of the name.
_PRE_NAME_POS = frozenset({"NOUN", "PROPN", "ADJ", "PART"})
K = TypeVar("K")
_STEM = 5  # "Germany"/"German", "Ukraine"/"Ukrainian", "president"/"presidential" share 5


def _stem(word: str) -> str:
    return word.lower()[:_STEM]


def role_of(token: Any) -> str | None:
    """The role class a noun names ("spokesman" -> spokesperson), reading two-word roles too."""
    if token.pos_ not in ("NOUN", "PROPN"):
        return None
    word = token.lower_
    for child in token.lefts:
        if child.dep_ in ("compound", "amod"):
            pair = f"{child.lower_} {word}"
            if pair in ROLE_CLASSES:
                return ROLE_CLASSES[pair]
    return ROLE_CLASSES.get(word) or ROLE_CLASSES.get(token.lemma_.lower())


def describe(tokens: Iterable[Any], head: Any) -> tuple[frozenset[str], frozenset[str]]:
    """Stems of a description's content words (head excluded), and of its nationality words."""
    words: set[str] = set()
    national: set[str] = set()
    for t in tokens:
        if t.i == head.i or t.pos_ not in _CONTENT_POS or t.lower_ in ROLE_CLASSES:
            if t.pos_ in _CONTENT_POS and t.i != head.i and t.lower_ in ROLE_CLASSES:
                words.add(_stem(t.text))  # "president" in "for the Russian president"
            continue
        words.add(_stem(t.text))
        if t.ent_type_ in _NATIONAL:
            national.add(_stem(t.text))
    return frozenset(words), frozenset(national)


def bind_descriptions(parsed: ParsedArticle, found: ArticleEntities) -> None:
    """Bind the role descriptions the text attaches to people's names."""
    for entity in found.entities:
        if entity.label != "PERSON" and any(_role_apposition(parsed, m) for m in entity.mentions):
            # "Britain's ambassador to the United Nations, Karen Pierce": a person.
            entity.label = "PERSON"
            for m in entity.mentions:
                m.label = "PERSON"
                m.person = parse_person(m.text.split())
    for mention in [m for e in found.entities if e.label == "PERSON" for m in e.mentions]:
        doc = parsed.docs[mention.paragraph]
        for description in (
            *_before_name(parsed, doc, mention),
            *_appositions(parsed, doc, mention),
        ):
            description.entity = mention.entity
            found.entities[mention.entity].descriptions.append(description)
            found.descriptions.append(description)


def _role_apposition(parsed: ParsedArticle, mention: NameMention) -> bool:
    if len(mention.text.split()) < 2:
        return False
    head = parsed.docs[mention.paragraph][mention.end - 1]
    if head.dep_ == "appos" and role_of(head.head):
        return True
    return any(c.dep_ == "appos" and role_of(c) for c in head.children)


def _before_name(parsed: ParsedArticle, doc: Any, mention: NameMention) -> list[Description]:
    """ "White House spokesman Josh Earnest": role words right before the name (titles too)."""
    start = mention.start
    while start > 0 and doc[start - 1].pos_ in _PRE_NAME_POS and mention.start - start < 6:
        if doc[start - 1].ent_type_ == "PERSON":
            break
        start -= 1
    # The titles inside the mention ("President" in "President Emmanuel Macron") count too.
    titles = len(mention.person.titles) if mention.person is not None else 0
    end = mention.start + titles
    tokens = [t for t in doc[start:end] if t.tag_ != "POS"]
    roles = [(t, role_of(t)) for t in tokens]
    roles = [(t, r) for t, r in roles if r]
    if not roles:
        return []
    head, role = roles[-1]
    assert role is not None
    words, national = describe(tokens, head)
    text = doc[start:end].text
    span = parsed.token_span(mention.paragraph, start, end - 1)
    return [Description(text, role, words, national, span)]


def _appositions(parsed: ParsedArticle, doc: Any, mention: NameMention) -> list[Description]:
    """ "Earnest, spokesman for Obama," and "Britain's ambassador ..., Karen Pierce"."""
    head = doc[mention.end - 1]
    found: list[Description] = []
    for child in head.children:
        if child.dep_ == "appos" and (role := role_of(child)):
            tokens = [t for t in child.subtree if not t.is_punct]
            if tokens:
                found.append(_description(parsed, mention.paragraph, tokens, child, role))
    if head.dep_ == "appos" and (role := role_of(head.head)):
        inner = {t.i for t in head.subtree}
        tokens = [t for t in head.head.subtree if t.i not in inner and not t.is_punct]
        if tokens and tokens[0].lower_ in ("the", "a", "an"):
            tokens = tokens[1:]
        if tokens:
            found.append(_description(parsed, mention.paragraph, tokens, head.head, role))
    return found


def _description(
    parsed: ParsedArticle, paragraph: int, tokens: Sequence[Any], head: Any, role: str
) -> Description:
    words, national = describe(tokens, head)
    first, last = tokens[0].i, tokens[-1].i
    text = tokens[0].doc[first : last + 1].text
    return Description(text, role, words, national, parsed.token_span(paragraph, first, last))


def match_description(
    role: str,
    words: frozenset[str],
    national: frozenset[str],
    candidates: Sequence[tuple[K, Sequence[Description], int]],
) -> K | None:
    """Which candidate a role phrase refers to: (key, bound descriptions, recency) triples.

    The candidate must have a description of the same role class and no contradicting
    nationality; among those, the most shared words win, then the most recent (or most
    mentioned) candidate.
    """
    best: tuple[int, int, K] | None = None
    for key, descriptions, recency in candidates:
        bound = [d for d in descriptions if d.role == role]
        if not bound:
            continue
        bound_words = frozenset().union(*(d.words for d in bound))
        # A nationality the phrase names must be one the person's descriptions name, when
        # those name any: "the German leader" is not "French President Emmanuel Macron".
        bound_national = frozenset().union(*(d.national for d in bound))
        if national and bound_national and not national & bound_national:
            continue
        score = len(words & bound_words)
        if best is None or (score, recency) > best[:2]:
            best = (score, recency, key)
    return best[2] if best else None
