"""Entities: names taken apart, transliterations compared, one entity per referent across articles.

Table-driven on names made up or common in news (none from the evaluation corpus): surname-only
mentions, titles, initials, transliteration variants, bracketed aliases, role descriptions, and
the cases that must stay apart.
"""

from __future__ import annotations

from typing import Any

import pytest

from newsprism.extract import extract_articles, load_nlp, merge_entities, name_similarity, same_name
from newsprism.extract.names import compatible_given, parse_person, skeleton
from newsprism.records import Article, Entity, Mention, Paragraph, Role, Span


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_nlp()


def article(doc_id: str, *paragraphs: str) -> Article:
    text, built = "", []
    for i, body in enumerate(paragraphs):
        start = len(text)
        text += body + "\n\n"
        built.append(Paragraph(i, body, Span(doc_id, start, start + len(body)), Role.BODY, "t"))
    return Article(doc_id, doc_id, text, "Title", tuple(built))


@pytest.mark.parametrize(
    "a, b",
    [
        ("Kolesnikova", "Kalesnikava"),  # Russian and Belarusian spellings
        ("Alexander", "Aliaksandr"),
        ("Alexei", "Aliaksei"),
        ("Zelensky", "Zelenskyy"),
        ("Navalny", "Navalnyy"),
        ("Dmitry", "Dmitriy"),
        ("Tatyana", "Tatiana"),
        ("Mohammed", "Muhammad"),
    ],
)
def test_transliteration_variants_are_one_name(a: str, b: str) -> None:
    assert same_name(a, b)
    assert name_similarity(a, b) == name_similarity(b, a)


@pytest.mark.parametrize(
    "a, b", [("Trump", "Cruz"), ("Hillary", "Bill"), ("Kasich", "Kaine"), ("Rubio", "Romney")]
)
def test_different_names_stay_apart(a: str, b: str) -> None:
    assert not same_name(a, b)


@pytest.mark.parametrize(
    "written, titles, given, surname, gender",
    [
        ("Mr. John Smith", ("Mr.",), ("John",), "Smith", "m"),
        ("J. Earnest", (), ("J.",), "Earnest", None),
        ("President Emmanuel Macron", ("President",), ("Emmanuel",), "Macron", None),
        ("Mrs. Kolesnikova", ("Mrs.",), (), "Kolesnikova", "f"),
        ("Obama’s", (), (), "Obama", None),
        ("Martin Luther King Jr.", (), ("Martin", "Luther"), "King", None),
    ],
)
def test_names_are_taken_apart(
    written: str, titles: tuple[str, ...], given: tuple[str, ...], surname: str, gender: str | None
) -> None:
    name = parse_person(written.split())
    assert name is not None
    assert (name.titles, name.given, name.surname, name.gender) == (titles, given, surname, gender)


@pytest.mark.parametrize(
    "a, b, fits",
    [
        (("Josh",), ("J.",), True),
        (("Alexander",), ("A.",), True),
        (("Aliaksandr",), ("Alexander",), True),
        ((), ("Josh",), True),
        (("Hillary",), ("Bill",), False),
        (("J.",), ("B.",), False),
    ],
)
def test_given_names_and_initials(a: tuple[str, ...], b: tuple[str, ...], fits: bool) -> None:
    assert compatible_given(a, b) is fits


def test_skeleton_folds_romanisation_alternations() -> None:
    assert skeleton("Khodorkovsky") == skeleton("Hodorkovski")
    assert skeleton("Tatyana") == skeleton("Tatjana")


def entity(eid: str, label: str, name: str, *aliases: str, mentions: int = 1) -> Entity:
    spans = tuple(Mention(Span(eid, i, i + 1), name) for i in range(mentions))
    return Entity(eid, label, name, aliases, (), spans)


def groups(merged: Any) -> list[set[str]]:
    by_target: dict[str, set[str]] = {}
    for source, target in merged.ids:
        by_target.setdefault(target, set()).add(source)
    return sorted(by_target.values(), key=lambda g: sorted(g))


@pytest.mark.parametrize(
    "entities, expected",
    [
        # transliteration variants, each with a given name, in two articles
        ([entity("a", "PERSON", "Maria Kolesnikova"), entity("b", "PERSON", "Maryia Kalesnikava")],
         [{"a", "b"}]),
        # a surname alone joins the one person with that surname
        ([entity("a", "PERSON", "Maria Kolesnikova"), entity("b", "PERSON", "Kolesnikova")],
         [{"a", "b"}]),
        # initials and titles
        ([entity("a", "PERSON", "Josh Earnest"), entity("b", "PERSON", "J. Earnest"),
          entity("c", "PERSON", "Mr. Earnest")], [{"a", "b", "c"}]),
        # two people sharing a surname stay two; the surname alone goes to the most mentioned
        ([entity("a", "PERSON", "Hillary Clinton", mentions=5),
          entity("b", "PERSON", "Bill Clinton"), entity("c", "PERSON", "Clinton")],
         [{"a", "c"}, {"b"}]),
        # a near spelling of a surname with no given name to confirm it is another person
        ([entity("a", "PERSON", "Hillary Clinton"), entity("b", "PERSON", "Clanton")],
         [{"a"}, {"b"}]),
        # an organisation and its acronym; a place tagged once as an organisation
        ([entity("a", "ORG", "United Nations"), entity("b", "ORG", "UN")], [{"a", "b"}]),
        ([entity("a", "GPE", "Ukraine"), entity("b", "ORG", "Ukraine")], [{"a", "b"}]),
        # a person's surname the tagger took for an organisation
        ([entity("a", "PERSON", "Maria Kolesnikova"), entity("b", "ORG", "Kolesnikova")],
         [{"a", "b"}]),
    ],
)  # fmt: skip
def test_merging_across_articles(entities: list[Entity], expected: list[set[str]]) -> None:
    merged = merge_entities(entities)
    assert groups(merged) == sorted(expected, key=lambda g: sorted(g))
    for group in merged.entities:
        assert all(m in group.mentions for e in entities if merged.canonical(e.id) == group.id
                   for m in e.mentions)  # fmt: skip


def test_one_entity_per_person_across_articles(nlp: Any) -> None:
    first = article(
        "d1",
        "White House spokesman Josh Earnest met reporters on Monday.",
        "“We will pass the bill,” Mr. Earnest said, and J. Earnest added that the vote was near.",
        "Maria Kolesnikova (Maryia Kalesnikava) joined the march.",
    )
    second = article(
        "d2",
        "Earnest said the talks went well.",
        "Kolesnikova said she would stay in the country.",
    )
    extractions = extract_articles([first, second], nlp=nlp)
    ids = {e.name: e.id for x in extractions for e in x.entities if e.label == "PERSON"}
    assert set(ids) == {"Josh Earnest", "Maria Kolesnikova"}
    earnest = next(e for e in extractions[0].entities if e.name == "Josh Earnest")
    assert {"J. Earnest", "Mr. Earnest", "Earnest"} <= {*earnest.aliases, earnest.name}
    assert "White House spokesman" in earnest.descriptions
    kinds = {m.kind for m in earnest.mentions}
    assert {"name", "title", "description"} <= kinds
    kolesnikova = next(e for e in extractions[0].entities if e.name == "Maria Kolesnikova")
    assert "Maryia Kalesnikava" in kolesnikova.aliases
    # the second article's surname-only mentions are the same entities
    assert {e.id for e in extractions[1].entities if e.label == "PERSON"} == set(ids.values())
    speakers = {q.speaker_id for x in extractions for q in x.quotes}
    assert speakers <= set(ids.values())
    for x, a in zip(extractions, (first, second), strict=True):
        for e in x.entities:
            for m in e.mentions:
                assert m.span.doc_id == a.doc_id
                assert a.text[m.span.start : m.span.end] == m.text


def test_a_nationality_rules_out_a_description(nlp: Any) -> None:
    text = article(
        "d1",
        "French President Emmanuel Macron met German Chancellor Angela Merkel on Monday.",
        "“We agree on the budget,” the French president said.",
        "“We do not,” the German chancellor said.",
    )
    quotes = extract_articles([text], nlp=nlp)[0].quotes
    said = {q.text: q.speaker for q in quotes if q.kind == "direct"}
    assert said["We agree on the budget,"] == "Emmanuel Macron"
    assert said["We do not,"] == "Angela Merkel"


def test_a_role_apposition_makes_a_person(nlp: Any) -> None:
    text = article("d1", "Britain's ambassador to the United Nations, Karen Pierce, spoke first.")
    people = [e for e in extract_articles([text], nlp=nlp)[0].entities if e.label == "PERSON"]
    assert [p.name for p in people] == ["Karen Pierce"]
    assert people[0].descriptions
