"""A storyline's label lists a name once: not beside the hashtag that joins it."""

from __future__ import annotations

import datetime as dt

import pytest

from newsprism.cluster import StoryClusterer, stories
from newsprism.cluster.clusterer import _joins
from newsprism.records import Article, DateEstimate, Evidence, Paragraph, Role, Span
from newsprism.store import MemoryStore


@pytest.mark.parametrize(
    "hashtag, name, joins",
    [
        ("MattBevin", "Bevin", True),
        ("MattBevin", "Matt Bevin", True),
        ("MattBevin", "Beshear", False),
        ("WeWork", "Work", False),  # a two-letter part: a name of its own
        ("McDonald", "Donald", False),
        ("Bevin", "Bevin", False),
        ("NYAG", "NY", False),
    ],
)
def test_a_hashtag_joins_a_name_only_as_its_camelcase_parts(
    hashtag: str, name: str, joins: bool
) -> None:
    assert _joins(hashtag, name) is joins


def _article(doc_id: str, body: str) -> Article:
    day = dt.date(2019, 11, 19)
    paragraph = Paragraph(0, body, Span(doc_id, 0, len(body)), Role.BODY, "test")
    published = DateEstimate(day, evidence=(Evidence("metadata", str(day)),), confidence=0.95)
    return Article(doc_id, doc_id, body, "Bevin concedes in Kentucky", (paragraph,),
                   outlet="Courier", published=published)  # fmt: skip


def test_the_storyline_label_lists_a_name_and_not_its_hashtag_too() -> None:
    bodies = [
        "Trump had tweeted that Governor @MattBevin did a wonderful job for Kentucky. "
        "Republican Matt Bevin conceded to Beshear on Thursday, and Governor Bevin said the "
        "recount was fair. The tweet for @MattBevin came on election eve.",
        "Kentucky's governor, Matt Bevin, lost to Beshear by 5,000 votes. Trump's tweet for "
        "@MattBevin did not help, and Governor Bevin thanked supporters in Frankfort.",
    ]
    with MemoryStore() as store:
        StoryClusterer(store).add([_article(f"k{i}", b) for i, b in enumerate(bodies)])
        labels = [s.label for s in stories(store)]
    assert any("Bevin" in label.split(" · ") for label in labels), labels
    assert all("MattBevin" not in label for label in labels), labels
