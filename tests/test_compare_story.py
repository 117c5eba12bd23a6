"""Comparing a story's articles: coverage, leads, findings cited to spans, independence."""

from __future__ import annotations

import hashlib

from newsprism.clean import clean_batch
from newsprism.compare.story import compare_story, sentence_around
from newsprism.records import (
    Article,
    Assignment,
    Document,
    Extraction,
    Figure,
    Provenance,
    Quote,
    Span,
)

TEXTS = {
    "herald": "Council expands bus network\n\nThe council approved a loan of $40 million for the "
    'bus network on Tuesday, officials said.\n\n"This is the biggest change in a generation," '
    "Mayor Jane Doe told reporters.\n\nBus plan approved — Evening Post\nFares stay the same — "
    "Metro Daily\n\n© City Herald 2021",
    "times": "Bus network to grow\n\nCity leaders backed a $40-million loan for new routes on "
    'Tuesday.\n\n"It is the biggest change to the network in a generation," the mayor, Jane '
    "Doe, said.\n\n© Riverside Times 2021",
}


def _docs() -> list[Document]:
    docs = []
    for name, text in TEXTS.items():
        digest = hashlib.sha256(text.encode()).hexdigest()
        docs.append(Document(digest[:16], Provenance(f"{name}.txt", content_hash=digest),
                             "text", text))  # fmt: skip
    return docs


def _extraction(article_text: str, doc_id: str) -> Extraction:
    money = "$40 million" if "$40 million" in article_text else "$40-million"
    start = article_text.index(money)
    figure = Figure(Span(doc_id, start, start + len(money)), money, "money", 4e7, "USD",
                    quantified="loan", normalized="40 million USD")  # fmt: skip
    q_start = article_text.index("\u0022") + 1
    q_end = article_text.index("\u0022", q_start)
    quote = Quote(Span(doc_id, q_start, q_end), article_text[q_start:q_end], "direct", "e-doe",
                  None, "said", None, 0.9, speaker="Jane Doe")  # fmt: skip
    return Extraction(doc_id, (), (quote,), (figure,))


def test_story_comparison() -> None:
    articles = clean_batch(_docs())
    extractions = [_extraction(a.text, a.doc_id) for a in articles]
    comparison = compare_story("st-1", articles, extractions, {})
    outlets = {c.outlet: c for c in comparison.coverage}
    assert {"City Herald", "Riverside Times"} <= set(outlets)
    assert outlets["Evening Post"].lead and outlets["Metro Daily"].lead
    (loan,) = comparison.of_kind("corroborated")
    assert loan.sources == 2 and "loan" in loan.what
    for cite in loan.citations:
        article = next(a for a in articles if a.doc_id == cite.doc_id)
        assert article.text[cite.span.start : cite.span.end] == cite.text
        assert cite.text in cite.context
    (statement,) = comparison.of_kind("statement")
    assert statement.sources == 2 and statement.what.startswith("Jane Doe")


def test_reprints_count_once() -> None:
    articles = clean_batch(_docs())
    extractions = [_extraction(a.text, a.doc_id) for a in articles]
    same_group = {
        a.doc_id: Assignment(a.doc_id, "st-1", "ev-1", "copy", syndication_id="sy-1")
        for a in articles
    }
    comparison = compare_story("st-1", articles, extractions, same_group)
    assert not comparison.of_kind("corroborated") and not comparison.of_kind("statement")
    assert len(comparison.of_kind("exclusive")) == 2


def test_sentence_around() -> None:
    text = "First one. The loan was $5 million, he said. Last one."
    start = text.index("$5")
    assert sentence_around(text, start, start + 10) == "The loan was $5 million, he said."


def _loan(article: Article, **fields: str) -> Figure:
    """The $40 million loan each of ``_docs`` states, as a money figure with ``fields``."""
    money = "$40 million" if "$40 million" in article.text else "$40-million"
    start = article.text.index(money)
    span = Span(article.doc_id, start, start + len(money))
    return Figure(span, money, "money", 4e7, "USD", normalized="40 million USD", **fields)


def test_a_finding_is_named_by_what_it_counts_not_by_a_pronoun_nor_a_pronoun_speaker() -> None:
    articles = clean_batch(_docs())
    extractions = []
    for article in articles:
        text, doc = article.text, article.doc_id
        # "backed ... for them": the extractor took a pronoun for the counted thing.
        figure = _loan(article, quantified="them", predicate="backed")
        q_start = text.index("\u0022") + 1
        q_end = text.index("\u0022", q_start)
        quote = Quote(Span(doc, q_start, q_end), text[q_start:q_end], "direct", None, None,
                      "said", None, 0.5, speaker="they", resolution="unnamed")  # fmt: skip
        extractions.append(Extraction(doc, (), (quote,), (figure,)))
    comparison = compare_story("st-1", articles, extractions, {})
    (loan,) = comparison.of_kind("corroborated")
    assert loan.what == "backed: 40 million USD"
    (statement,) = comparison.of_kind("statement")
    assert statement.what.startswith("an unnamed source: ")


def test_a_figure_with_nothing_named_but_a_verb_that_says_nothing_is_named_by_its_kind() -> None:
    articles = clean_batch(_docs())
    extractions = []
    for article in articles:
        figure = _loan(article, predicate="said")
        extractions.append(Extraction(article.doc_id, (), (), (figure,)))
    (loan,) = compare_story("st-1", articles, extractions, {}).of_kind("corroborated")
    assert loan.what == "an amount: 40 million USD"  # not "said: 40 million USD"
