"""What a figure counts: its head noun with the modifiers and the entity it belongs to.

A figure's identity is its counted thing, not the word printed next to it. "25 percent
tariffs on steel", "tariffs of 25 percent on imported steel" and "25 percent on imported
steel" all count one thing (a tariff on steel), while "$13.6 million in state taxes" and
"$9.68 million in speaking fees" count two, whatever verb they share. The thing is read in the
parse and written as a short phrase in the text's own words, head noun included: the
modifiers before it ("U.S. troops", "crude explosive devices"), its owner ("the caravan's
members") and one prepositional object ("tariffs on steel imports").
"""

from __future__ import annotations

from typing import Any

__all__ = ["QUANTITY_WORDS", "counted_thing"]

# Words that stand for a number rather than a thing: "hundreds of thousands of files" counts
# files, "a total of 10,000" counts what the sentence says, "80 percent of the vote" the vote.
QUANTITY_WORDS = frozenset(
    """
    hundred hundreds thousand thousands million millions billion billions dozen dozens
    score scores tens total sum amount figure number numbers some all percent per cent
    share proportion majority half third thirds quarter quarters fifth fifths tenth tenths
    """.split()
)
# Prepositions whose object says what a number counts or belongs to.
_THING_PREPS = ("of", "on", "in", "for", "from")
_MAX_WORDS = 7


def counted_thing(kind: str, head: Any) -> str | None:
    """The phrase for what the figure at ``head`` (its root token) counts, or None.

    Durations, years and dates count time: they have no counted thing beyond their unit.
    """
    if kind in ("duration", "year", "date", "month", "weekday", "ago"):
        return None
    noun = _noun(kind, head)
    if noun is not None:
        return noun.lower_ if kind == "age" else _phrase(noun)  # an age belongs to a person
    # "25 percent on imported steel", "$5.7 billion for the wall": no noun, only its object.
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in ("on", "for", "in"):
            objects = [c for c in child.children if c.dep_ == "pobj" and c.pos_ in _NOUNS]
            if objects and objects[0].lower_ not in QUANTITY_WORDS:
                return f"{child.lower_} {_phrase(objects[0])}"
    return None


_NOUNS = ("NOUN", "PROPN")


def _noun(kind: str, head: Any) -> Any:
    """The noun the number stands before, counts "of", or is given "of" (a loan of $1m)."""
    node = head
    # "25 percent tariffs": the number's noun chain ends on the counted noun.
    for _ in range(3):
        if node.dep_ in ("nummod", "compound", "amod", "quantmod", "nmod") and (
            node.head.pos_ in _NOUNS and node.head.i != node.i
        ):
            node = node.head
            if node.lower_ not in QUANTITY_WORDS:
                return node
        else:
            break
    # "150 of the caravan's members", "hundreds of thousands of files".
    node = head
    for _ in range(3):
        objects = [
            obj
            for child in node.children
            if child.dep_ == "prep" and child.lower_ == "of"
            for obj in child.children
            if obj.dep_ == "pobj" and obj.pos_ in (*_NOUNS, "NUM")
        ]
        if not objects:
            break
        node = objects[0]
        if node.lower_ not in QUANTITY_WORDS and node.pos_ != "NUM":
            return node
    # "$13.6 million in state taxes": money spent or earned in a kind of payment, the "in"
    # hung on the amount or, by the parser, on the verb right after it ("paying $281m in cash").
    if kind == "money":
        after = head.doc[head.i + 1] if head.i + 1 < len(head.doc) else None
        preps = [c for c in head.children if c.dep_ == "prep" and c.lower_ == "in"]
        if not preps and after is not None and after.lower_ == "in" and after.dep_ == "prep":
            preps = [after]
        for child in preps:
            objects = [c for c in child.children if c.dep_ == "pobj" and c.pos_ == "NOUN"]
            if objects:
                return objects[0]
    # "a loan of $1.5 billion", "tariffs of 25 percent".
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.pos_ == "NOUN":
        holder = head.head.head
        if holder.lower_ not in QUANTITY_WORDS:
            return holder
    if kind == "count" and head.pos_ == "NOUN" and head.lower_ not in QUANTITY_WORDS:
        return head  # "the pages": a number word parsed as the noun itself
    return None


def _phrase(noun: Any) -> str:
    """The noun with its modifiers, owner and first prepositional object, in text order."""
    picked = {noun.i}
    for child in noun.children:
        # Nouns narrow the thing ("state taxes", "U.S. troops", "the caravan's members");
        # adjectives only describe it ("secret files", "young couples") and are left out, so
        # that two outlets' descriptions of one thing do not read as two things.
        if child.dep_ in ("compound", "nmod", "poss") and child.i < noun.i:
            if child.pos_ not in _NOUNS or child.lower_ in QUANTITY_WORDS:
                continue
            picked.update(t.i for t in child.subtree if t.pos_ in _NOUNS and t.is_alpha)
            picked.add(child.i)
    preps = [c for c in noun.children if c.dep_ == "prep" and c.i > noun.i]
    after = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else None
    # "imposed 25 percent tariffs on steel imports": the parser hangs "on" on the verb, though
    # it says what the tariffs are on.
    if (
        not preps
        and after is not None
        and after.dep_ == "prep"
        and after.head.i == noun.head.i
        and after.lower_ in ("on", "for", "of")
    ):
        preps = [after]
    for child in preps:
        if child.lower_ in _THING_PREPS:
            objects = [
                c
                for c in child.children
                if c.dep_ == "pobj" and c.pos_ in _NOUNS and c.lower_ not in QUANTITY_WORDS
            ]  # "tariffs of 25 percent": the figure itself narrows nothing
            if objects:
                obj = objects[0]
                picked.add(child.i)
                picked.update(
                    t.i for t in obj.children if t.dep_ == "compound" and t.pos_ in _NOUNS
                )
                picked.add(obj.i)
            break
    doc = noun.doc
    words = [doc[i] for i in sorted(picked) if doc[i].is_alpha or "." in doc[i].text]
    if len(words) > _MAX_WORDS:
        words = [w for w in words if w.i >= noun.i][:_MAX_WORDS]
    return " ".join(w.text if w.pos_ == "PROPN" else w.lower_ for w in words)
