"""Both sides of a conflict, each in words that read on their own."""

from __future__ import annotations

import datetime as dt

from body_articles import body_article
from newsprism.brief import brief_story
from newsprism.records import (
    Article,
    Citation,
    Comparison,
    DateEstimate,
    Finding,
    Span,
)

_SIDES = (
    "The air strike on the school in the northern town, which also wounded around 100 people "
    "sheltering from the shelling, was the deadliest single strike of the offensive so far and "
    "drew condemnation from the United Nations.",
    "Doctors at the town's hospital said 55 people were wounded in the strike on the school, "
    "where hundreds of families had sought refuge.",
)
_MORE = (
    "The army said militants had fired mortar rounds from inside the school grounds before the "
    "strike, a claim the United Nations rejected.",
    "United Nations officials said the coordinates of the school had been given to the army "
    "weeks before the strike on the town.",
)


def _article(index: int) -> Article:
    texts = [_SIDES[index], _MORE[index]]
    day = DateEstimate(dt.date(2009, 1, 7))
    return body_article(f"doc{index}", texts, "Strike on school kills dozens",
                        outlet=f"Outlet {index}", published=day)  # fmt: skip


def _cite(article: Article, figure: str) -> Citation:
    at = article.text.index(figure)
    span = Span(article.doc_id, at, at + len(figure))
    return Citation(article.doc_id, article.source_name, article.doc_id, figure, span)


def test_a_side_cut_from_a_long_sentence_keeps_the_subject_of_its_relative_clause() -> None:
    articles = [_article(0), _article(1)]
    conflict = Finding(
        "conflict", "wounded: 55",
        (_cite(articles[1], "55"), _cite(articles[0], "around 100")), 2,
    )  # fmt: skip
    brief = brief_story("st-school", articles, Comparison("st-school", findings=(conflict,)))
    (sentence,) = [s for s in brief.sentences if s.kind == "conflict"]
    assert "around 100" in sentence.text and "55" in sentence.text
    # Not "Outlet 0 reports “also wounded around 100 people ...”": the side says what
    # wounded them.
    assert "reports \u201calso" not in sentence.text, sentence.text
    assert "air strike on the school" in sentence.text, sentence.text


_SEIZED = (
    "The navy confiscated 14 rifles, 31 magazines and a satellite phone from the boats during "
    "the operation off the coast.",
    "Six rifles, 12 magazines and 300 rounds of ammunition were seized from the boats during "
    "the operation, the navy said.",
)


def test_two_conflicts_read_off_the_same_two_sentences_are_quoted_once() -> None:
    articles = []
    for index, side in enumerate(_SEIZED):
        articles.append(body_article(f"doc{index}", [side, _MORE[index]], "Navy seizes arms",
                                     outlet=f"Outlet {index}"))  # fmt: skip
    rifles = Finding("conflict", "rifles: 14",
                     (_cite(articles[0], "14"), _cite(articles[1], "Six")), 2)  # fmt: skip
    magazines = Finding("conflict", "magazines: 31",
                        (_cite(articles[0], "31"), _cite(articles[1], "12")), 2)  # fmt: skip
    comparison = Comparison("st-arms", findings=(rifles, magazines))
    brief = brief_story("st-arms", articles, comparison)
    conflicts = [s for s in brief.sentences if s.kind == "conflict"]
    assert len(conflicts) == 1, conflicts
    texts = [s.text for s in brief.sentences]
    assert len(texts) == len(set(texts))
