"""One canonical entity per referent across articles: the same rules as inside one article.

Two people are one when their surnames have the same transliteration skeleton and their given
names agree (or one is an initial of the other), or when both surname and given name are close
spellings of each other ("Maria Kolesnikova" / "Maryia Kalesnikava"). A surname
written alone joins the one person of the batch with that surname and a given name (the most
mentioned one when several share it). Organisations and places are one when their folded names
agree or one is the acronym of the other; a one-word "organisation" that is a person's surname
elsewhere in the batch is that person (the small model's commonest mislabel).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from newsprism.extract.names import (
    PersonName,
    compatible_given,
    fold,
    parse_person,
    same_full_name,
    skeleton,
    slug,
)
from newsprism.records import Entity

__all__ = ["Merged", "merge_entities"]


@dataclass(frozen=True, slots=True)
class Merged:
    """Canonical entities, and which canonical id each input entity id went to."""

    entities: tuple[Entity, ...]
    ids: tuple[tuple[str, str], ...]
    """(input id, canonical id) pairs."""

    def canonical(self, entity_id: str) -> str:
        """The canonical id an input entity id was merged into (itself when unknown)."""
        return self.mapping().get(entity_id, entity_id)

    def mapping(self) -> dict[str, str]:
        """Input id -> canonical id, as a dict (build it once when looking up many)."""
        return dict(self.ids)


class _Union:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        """The representative of ``i``'s group."""
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        """Put ``a`` and ``b`` in one group."""
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _names(entity: Entity) -> list[PersonName]:
    found = []
    for text in (entity.name, *entity.aliases):
        name = parse_person(text.split())
        if name is not None:
            found.append(name)
    return found


def _block(surname: str) -> str:
    """A blocking key that survives the first letter changing (t and ts alternating)."""
    skel = skeleton(surname)
    consonants = "".join(c for c in skel[1:] if c not in "aeiou")
    return consonants[:3] or skel


def _same_person(a: list[PersonName], b: list[PersonName]) -> bool:
    return any(same_full_name(x, y) for x in a for y in b)


def merge_entities(entities: Sequence[Entity]) -> Merged:
    """Merge entities (from many articles, or an article's and the store's) into canonical ones."""
    n = len(entities)
    union = _Union(n)
    names = [_names(e) if e.label == "PERSON" else [] for e in entities]
    people = [i for i in range(n) if entities[i].label == "PERSON"]
    full = [i for i in people if any(x.has_given for x in names[i])]
    blocks: dict[str, list[int]] = defaultdict(list)
    for i in full:
        for key in {_block(x.surname) for x in names[i] if x.has_given}:
            blocks[key].append(i)
    for members in blocks.values():
        for k, i in enumerate(members):
            for j in members[k + 1 :]:
                if union.find(i) != union.find(j) and _same_person(names[i], names[j]):
                    union.union(i, j)
    weight = [len(e.mentions) or 1 for e in entities]
    by_surname: dict[str, list[int]] = defaultdict(list)
    for i in full:
        for x in names[i]:
            if x.has_given:
                by_surname[skeleton(x.surname)].append(i)
    partial_groups: dict[str, int] = {}
    for i in people:
        if i in full or not names[i]:
            continue
        name = names[i][0]
        groups = {union.find(j) for j in by_surname.get(skeleton(name.surname), [])}
        groups = {g for g in groups if any(compatible_given(x.given, name.given) for x in names[g])}
        if groups:
            totals = Counter[int]()
            for j in full:
                totals[union.find(j)] += weight[j]
            union.union(i, max(groups, key=lambda g: totals[g]))
        else:
            key = skeleton(name.surname)
            if key in partial_groups:
                union.union(i, partial_groups[key])
            else:
                partial_groups[key] = i
    _merge_others(entities, union, by_surname, partial_groups)
    return _build(entities, union, names)


def _merge_others(
    entities: Sequence[Entity],
    union: _Union,
    by_surname: dict[str, list[int]],
    partial_groups: dict[str, int],
) -> None:
    by_key: dict[str, int] = {}
    acronyms: list[tuple[str, int]] = []
    for i, e in enumerate(entities):
        if e.label == "PERSON":
            continue
        keys = {fold(t) for t in (e.name, *e.aliases)}
        words = e.name.split()
        if len(words) == 1 and any(k in by_surname for k in {skeleton(words[0])}):
            # The surname of a person named in full elsewhere: a mislabelled person.
            targets = {union.find(j) for j in by_surname[skeleton(words[0])]}
            if len(targets) == 1:
                union.union(i, targets.pop())
                continue
        for key in keys:
            if key in by_key:
                union.union(i, by_key[key])
            else:
                by_key[key] = i
        for text in (e.name, *e.aliases):
            acronyms.append((text, i))
    # "UN" and "United Nations": index the long names by their initials.
    by_initials: dict[str, list[int]] = defaultdict(list)
    for long, j in acronyms:
        words = [w for w in long.split() if w.lower() not in ("of", "the", "and", "for")]
        if len(words) >= 2:
            by_initials["".join(w[0] for w in words).lower()].append(j)
    for short, i in acronyms:
        letters = fold(short)
        if 2 <= len(letters) <= 6 and short.replace(".", "").isupper():
            for j in by_initials.get(letters, []):
                union.union(i, j)


def _build(entities: Sequence[Entity], union: _Union, names: list[list[PersonName]]) -> Merged:
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(entities)):
        groups[union.find(i)].append(i)
    built: list[Entity] = []
    ids: list[tuple[str, str]] = []
    used: set[str] = set()
    for members in sorted(groups.values(), key=lambda m: m[0]):
        label_weight: Counter[str] = Counter()
        for i in members:
            label_weight[entities[i].label] += len(entities[i].mentions) or 1
        label = "PERSON" if "PERSON" in label_weight else label_weight.most_common(1)[0][0]
        name = _canonical_name([entities[i] for i in members], [names[i] for i in members], label)
        base = f"{label.lower()}:{slug(name)}"
        entity_id, k = base, 2
        while entity_id in used:
            entity_id, k = f"{base}-{k}", k + 1
        used.add(entity_id)
        aliases = list(
            dict.fromkeys(a for i in members for a in (entities[i].name, *entities[i].aliases))
        )
        descriptions = list(dict.fromkeys(d for i in members for d in entities[i].descriptions))
        mentions = sorted(
            {m for i in members for m in entities[i].mentions},
            key=lambda m: (m.span.doc_id, m.span.start, m.span.end, m.kind),
        )
        built.append(
            Entity(
                entity_id,
                label,
                name,
                tuple(a for a in aliases if a != name),
                tuple(descriptions),
                tuple(mentions),
            )
        )
        ids.extend((entities[i].id, entity_id) for i in members)
    return Merged(tuple(built), tuple(ids))


def _canonical_name(
    members: Sequence[Entity], names: Sequence[list[PersonName]], label: str
) -> str:
    counts: Counter[str] = Counter()
    if label == "PERSON":
        for entity, person_names in zip(members, names, strict=True):
            weight = max(1, len([m for m in entity.mentions if m.kind == "name"]))
            for name in person_names[:1]:
                if name.has_given:
                    counts[name.full] += weight
        if not counts:
            counts.update(n.surname for ns in names for n in ns)
    if not counts:
        for entity in members:
            counts[entity.name] += len(entity.mentions) or 1
    return max(counts, key=lambda k: (counts[k], len(k)))
