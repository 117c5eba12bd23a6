"""A brief's body sentences read on their own: none leans on a sentence it does not print."""

from __future__ import annotations

import datetime as dt

from body_articles import body_article
from newsprism.brief import brief_story
from newsprism.records import (
    Article,
    Citation,
    Comparison,
    DateEstimate,
    Event,
    Finding,
    Span,
    Story,
)

DAY = dt.date(2018, 4, 21)


def _story(*docs: str) -> Story:
    event = Event("ev-k", "st-k", "tests", DAY, docs)
    return Story("st-k", "tests", (event,), DAY, DAY)


def test_a_context_sentence_does_not_lean_on_the_one_before_it() -> None:
    texts = [
        "North Korea will suspend its nuclear and missile tests, leader Kim Jong Un said in a "
        "statement carried by state media on Saturday.",
        "Pyongyang also said it plans to close down a former test site.",
        "South Korea's presidential office welcomed the decision as meaningful progress toward "
        "the denuclearization of the peninsula.",
        "The two Koreas opened a telephone hotline between their leaders on Friday, ahead of a "
        "summit at the border village of Panmunjom.",
    ]
    article = body_article("hpo", texts, "North Korea suspends tests", outlet="HuffPost",
                           published=DateEstimate(DAY))  # fmt: skip
    brief = brief_story(_story("hpo"), [article], None, min_sentences=4)
    assert brief.sentences
    assert all("also said" not in s.text for s in brief.sentences), brief.sentences
    assert brief.timeline
    assert all("also said" not in e.what for e in brief.timeline), brief.timeline


LEAD = (
    "North Korea will suspend its nuclear and missile tests and close a nuclear test site, "
    "leader Kim Jong Un said on Saturday."
)


def _cite(article: Article, text: str) -> Citation:
    at = article.text.index(text)
    span = Span(article.doc_id, at, at + len(text))
    return Citation(article.doc_id, article.source_name, article.doc_id, text, span)


def test_a_fact_is_stated_by_a_source_sentence_that_stands_on_its_own() -> None:
    # Both outlets report the 28,500 troops; one does so in a sentence leaning on the one
    # before it ("Moon also said ..."), the other on its own.
    leaning = body_article("usa", [
        LEAD,
        "President Moon Jae-in said on Thursday that the North had dropped a long-held demand.",
        "Moon also said that the 28,500 U.S. troops in South Korea could stay after a peace "
        "deal.",
    ], "Kim suspends tests", outlet="USA Today", published=DateEstimate(DAY))  # fmt: skip
    standing = body_article("hpo", [
        LEAD,
        "Kim Jong Un is due to meet President Moon Jae-in at the border on Friday.",
        "Seoul's leader said North Korea no longer sought the withdrawal of the 28,500 U.S. "
        "troops stationed in South Korea as a condition for denuclearization.",
    ], "Kim halts tests", outlet="HuffPost", published=DateEstimate(DAY))  # fmt: skip
    troops = Finding("corroborated", "U.S. troops in South Korea: 28,500",
                     (_cite(leaning, "28,500"), _cite(standing, "28,500")), 2)  # fmt: skip
    comparison = Comparison("st-k", findings=(troops,))
    brief = brief_story(_story("usa", "hpo"), [leaning, standing], comparison)
    facts = [s for s in brief.sentences if s.kind == "fact"]
    assert facts, brief.sentences
    assert all("also said" not in s.text for s in brief.sentences), brief.sentences
    assert facts[0].citations[0].doc_id == "hpo"
