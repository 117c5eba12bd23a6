"""The brief's first sentence says what happened: the statement most sources render in their
leads, cited without its dateline; and no fact of the brief points back to a sentence the
brief does not print ("the event", "the move")."""

from __future__ import annotations

import datetime as dt

import pytest

from body_articles import body_article
from newsprism.brief import brief_story, supported
from newsprism.brief.checks import leans_on_previous, points_back
from newsprism.brief.sentences import dateline_end
from newsprism.records import Article, Citation, Comparison, DateEstimate, Finding, Span

_DAY = DateEstimate(dt.date(2022, 11, 2))
_TITLE = "Ethiopia and Tigray forces agree to end war"

_TEXTS = {
    "a": [
        "ADDIS ABABA, Ethiopia \u2014 The Ethiopian government and Tigrayan forces agreed on "
        "Wednesday to a permanent cessation of hostilities after ten days of talks in Pretoria.",
        "The foreign minister of Kenya will meet on Friday in Nairobi with leaders of both sides "
        "to discuss the next round of talks with African Union mediators.",
        "Both sides, at war for two years, used the event as an opportunity to call for food aid "
        "to reach the 6 million people of the region.",
    ],
    "b": [
        "Ethiopia's federal government and the Tigray People's Liberation Front signed a deal to "
        "stop the fighting, African Union envoy Olusegun Obasanjo announced in Pretoria.",
        "Leaders of both sides will meet on Friday in Nairobi with the foreign minister of Kenya "
        "and African Union mediators to discuss the next round of talks.",
        "The United Nations says 6 million people in the region have been cut off from food aid "
        "for two years.",
    ],
    "c": [
        "Warring parties in Ethiopia promised to silence their guns under a deal reached in "
        "Pretoria, the African Union said on Wednesday.",
        "Kenya's foreign minister will meet leaders of both sides on Friday in Nairobi to discuss "
        "the next round of talks with African Union mediators.",
    ],
}


# The statement as two outlets quote it in their leads: a quotation is a position, never the
# lead, so the lead is the one outlet's own rendering.
_QUOTED = {
    "b": "\u201cWe have agreed to a deal to stop the fighting for good,\u201d African Union envoy "
    "Olusegun Obasanjo told reporters in Pretoria.",
    "c": "\u201cThe parties have promised to silence their guns,\u201d the African Union said in a "
    "statement from Pretoria on Wednesday.",
}


def _articles(quoted: bool = False) -> list[Article]:
    out = []
    for doc, texts in _TEXTS.items():
        if quoted and doc in _QUOTED:
            texts = [_QUOTED[doc], *texts[1:]]
        out.append(body_article(doc, texts, _TITLE, outlet=f"Outlet {doc.upper()}", published=_DAY))
    return out


def _cite(article: Article, words: str) -> Citation:
    at = article.text.index(words)
    span = Span(article.doc_id, at, at + len(words))
    return Citation(article.doc_id, article.source_name, article.doc_id, words, span)


def _comparison(articles: list[Article]) -> Comparison:
    a, b, c = articles
    statement = Finding(
        "statement",
        "African Union: a permanent cessation of hostilities",
        (
            _cite(a, "to a permanent cessation of hostilities"),
            _cite(b, "a deal to stop the fighting"),
            _cite(c, "promised to silence their guns"),
        ),
        3,
    )
    people = Finding(
        "corroborated", "people cut off from aid: 6 million", (_cite(a, "6 million"),
                                                              _cite(b, "6 million")), 2,
    )  # fmt: skip
    return Comparison("st-ceasefire", findings=(people, statement))


def test_the_lead_is_the_statement_most_sources_render() -> None:
    articles = _articles()
    brief = brief_story("st-ceasefire", articles, _comparison(articles))
    first = brief.sentences[0]
    assert first.kind == "lead"
    # Not the side fact every outlet also carries ("... will meet on Friday in Nairobi ...").
    assert "Friday" not in first.text, first.text
    assert first.citations[0].doc_id in {"a", "b", "c"}
    lead_sentences = [texts[0] for texts in _TEXTS.values()]
    assert any(first.text in sentence for sentence in lead_sentences), first.text


def test_the_lead_is_cited_after_its_dateline() -> None:
    articles = _articles(quoted=True)
    by_id = {a.doc_id: a for a in articles}
    brief = brief_story("st-ceasefire", articles, _comparison(articles))
    for sentence in brief.sentences:
        assert dateline_end(sentence.text) == 0, sentence.text
        assert supported(sentence, by_id)
        span = sentence.citations[0]
        assert by_id[span.doc_id].text[span.start : span.end] in sentence.text
    assert "The Ethiopian government and Tigrayan forces agreed" in brief.sentences[0].text


def test_a_fact_does_not_point_back_at_a_sentence_the_brief_does_not_print() -> None:
    articles = _articles()
    brief = brief_story("st-ceasefire", articles, _comparison(articles))
    texts = [s.text for s in brief.sentences]
    assert not any("the event" in t for t in texts), texts
    (fact,) = [s for s in brief.sentences if s.kind == "fact"]
    assert fact.text.startswith("The United Nations says 6 million people"), fact.text


@pytest.mark.parametrize(
    "text, after",
    [
        ("SEOUL, South Korea \u2014 North Korea said on Saturday it would stop its tests.",
         "North Korea said"),
        ("WASHINGTON, April 30 (Reuters) - President Donald Trump has postponed the tariffs.",
         "President Donald"),
        ("Washington (AFP) \u2013 US President Donald Trump has decided to push back his decision.",
         "US President"),
        ("WASHINGTON \u2014 The Trump administration said on Monday it would delay a decision.",
         "The Trump"),
        ("U.S. - China talks resumed in Geneva on Monday after a pause of six months.", "U.S."),
        ("Kim Jong-un \u2014 the country's leader since 2011 \u2014 spoke on Saturday.", "Kim"),
        ("MOSCOW, November 13. /TASS/.", "MOSCOW"),
    ],
)  # fmt: skip
def test_dateline_end(text: str, after: str) -> None:
    assert text[dateline_end(text) :].startswith(after)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Both sides, at war for two years, used the event as an opportunity to call for aid.",
         True),
        ("The move comes after weeks of pressure from Washington and its allies in Europe.", True),
        ("Analysts said this decision would weigh on the currency for months.", True),
        ("The decision to delay the vote was taken late on Monday by the election board.", False),
        ("The announcement from the central bank surprised markets in Asia on Tuesday.", False),
        ("The state news agency reported the launch early on Saturday morning.", False),
        ("Police said the event drew about 3,000 people to the square on Sunday.", True),
        ("Organisers expect 40,000 runners at the event in Berlin on Sunday.", False),
    ],
)  # fmt: skip
def test_points_back(text: str, expected: bool) -> None:
    assert points_back(text) is expected
    assert leans_on_previous(text) is expected
