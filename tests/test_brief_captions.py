"""Photo captions left inside body text are never facts of the brief nor dates of its timeline,
and a day the outlets share is the timeline's, not a fact of its own."""

from __future__ import annotations

import datetime as dt

import pytest

from body_articles import body_article
from newsprism.brief import brief_story
from newsprism.brief.sentences import caption_like, link_like
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


@pytest.mark.parametrize(
    "text",
    [
        "A photograph released by the country's state news agency shows the leader, Ivan Petrov, "
        "center, at a party congress in the capital on Friday.",
        "Pictured: The governor greets supporters at a rally in Dayton on Saturday.",
        "Protesters march through the old town on Sunday (Photo: Getty Images)",
        "Image: Reuters",
        "Photo: AP",
        "FILE - In this March 3, 2019, photo, the mayor speaks at city hall.",
        "In this undated file photo, workers repair the dam after the flood.",
        "The prime minister, left, and the finance minister leave the cabinet meeting in Rome.",
        "The two ministers (left) and their aides shake hands at the summit in Vienna on Tuesday.",
        "Rescuers search the rubble of the collapsed school on Monday. (AP Photo/Jane Doe)",
        "Firefighters battle the blaze near the harbour on Wednesday. REUTERS/John Smith",
        "This image taken from video shows smoke rising over the refinery on Tuesday.",
        "An undated handout photo made available by the ministry shows the damaged bridge.",
        "The suspect's car is seen near the border, in this handout picture released by police.",
        "Photo by Jane Doe/Getty Images",
    ],
)
def test_caption_shapes_are_recognised(text: str) -> None:
    assert caption_like(text)


@pytest.mark.parametrize(
    "text",
    [
        "The leader announced early Saturday that the country would stop testing missiles.",
        "The mayor posted a photo showing the flooded square on his official account.",
        "A photo released by the ministry on Tuesday was later withdrawn, officials said.",
        "Police said the man had taken photos of the station before the attack on Monday.",
        "The talks lasted more than four hours, the spokesman told reporters in Sochi.",
        "The image of the party has suffered since the scandal, the senator said on Friday.",
        "He left, right after the vote, without speaking to the waiting reporters.",
        "The leader appeared in a photo released by state media on Monday, ending rumours.",
        "Gov. Ann Miles (R) signed the bill into law on Tuesday after the Senate vote.",
        "Most voters oppose the plan, according to a Reuters/Ipsos poll published in June.",
        "The image, printed in Thursday's edition, showed the minister as a puppet.",
    ],
)
def test_sentences_that_only_mention_pictures_are_not_captions(text: str) -> None:
    assert not caption_like(text)


_CAPTION = (
    "A photograph released by the state news agency shows the premier, Ivan Petrov, center, "
    "at a cabinet meeting in the capital on Friday."
)
_LEADS = (
    "Premier Ivan Petrov announced that the government would freeze fuel prices for six "
    "months after weeks of protests in the capital.",
    "The government of Premier Ivan Petrov will freeze fuel prices for six months, he "
    "announced after weeks of protests in the capital.",
)
_MORE = (
    "Fuel prices rose by a third this year, and truck drivers blocked the main roads into the "
    "capital for nine days.",
    "Opposition leaders called the freeze a temporary measure that would not survive the "
    "winter budget debate.",
    "The finance ministry said the freeze would cost the budget about 2 billion in lost "
    "revenue over the six months.",
    "Truck drivers said they would end their blockade of the capital once the freeze was "
    "published in the official gazette.",
)


def _article(index: int, caption_first: bool) -> Article:
    doc = f"doc{index}"
    texts = [_CAPTION] if caption_first else []
    texts += [_LEADS[index], *_MORE[index * 2 : index * 2 + 2]]
    return body_article(doc, texts, "Premier freezes fuel prices", outlet=f"Outlet {index}",
                        published=DateEstimate(dt.date(2021, 3, 6)))  # fmt: skip


def _friday(article: Article) -> Citation:
    at = article.text.index("Friday")
    span = Span(article.doc_id, at, at + len("Friday"))
    return Citation(article.doc_id, article.source_name, article.doc_id, "Friday", span)


def test_a_caption_is_neither_a_brief_sentence_nor_a_timeline_entry() -> None:
    # Both outlets print the same agency photo with its caption at the top of the body, so
    # the caption is what the two agree on most, word for word; and its "Friday" is a day
    # both name.
    articles = [_article(0, True), _article(1, True)]
    friday = Finding("corroborated", "the day Friday", tuple(map(_friday, articles)), 2)
    comparison = Comparison("st-fuel", findings=(friday,))
    event = Event("ev-fuel", "st-fuel", "fuel", dt.date(2021, 3, 6), ("doc0", "doc1"))
    story = Story("st-fuel", "fuel", (event,), event.date, event.date)
    brief = brief_story(story, articles, comparison)
    assert brief.sentences
    assert all("photograph" not in s.text for s in brief.sentences), brief.sentences
    assert all(s.kind != "fact" for s in brief.sentences)  # a shared day is no fact
    assert brief.timeline
    assert all("photograph" not in e.what for e in brief.timeline), brief.timeline
    # Without the caption, the lead is the sentence the two outlets agree on.
    assert brief.sentences[0].text in _LEADS


@pytest.mark.parametrize(
    "text, link",
    [
        ("READ MORE: Plague outbreak confirmed as two are treated in the capital", True),
        ("RELATED: Senators question the budget chief over the missing funds", True),
        ("Watch: The moment the bridge collapsed into the river", True),
        ("More than 40 rockets were fired into the south on Sunday, the army said.", False),
        ("Moreover, the ministry said it would review the contract next year.", False),
    ],
)
def test_labelled_links_to_other_coverage_are_told_apart(text: str, link: bool) -> None:
    assert link_like(text) is link
