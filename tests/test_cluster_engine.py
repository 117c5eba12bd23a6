"""Clustering on small made-up articles: order independence, re-runs, time, syndication."""

from __future__ import annotations

import datetime as dt
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from newsprism.cluster import StoryClusterer, assign, stories
from newsprism.records import Article, DateEstimate, Evidence, Paragraph, Role, Span
from newsprism.store import MemoryStore

TOPICS = {
    "quake": "Earthquake magnitude tremor Sumatra rescuers collapsed buildings aftershock",
    "vote": "Election ballots turnout Lukashenko opposition protest Minsk polling commission",
    "trade": "Tariffs steel aluminium exemptions Brussels negotiators import duties exporters",
}


def article(doc_id: str, topic: str, variant: int, date: dt.date | None = None) -> Article:
    words = TOPICS[topic].split()
    # Words drawn at random per article: same topic, different texts (no syndication).
    body = " ".join(random.Random(f"{doc_id}{variant}").choices(words, k=40)) + "."
    body = f"Reporters said {body} Officials in {words[variant % 3]} confirmed it."
    paragraph = Paragraph(0, body, Span(doc_id, 0, len(body)), Role.BODY, "test")
    published = DateEstimate(date, evidence=(Evidence("metadata", str(date)),), confidence=0.95)
    return Article(
        doc_id, doc_id, body, f"{words[0]} {words[1]}", (paragraph,), published=published
    )


CORPUS = [article(f"{t}{v:02d}", t, v) for t in TOPICS for v in range(4)]


def partition(store: MemoryStore) -> set[frozenset[str]]:
    return {frozenset(a for e in s.events for a in e.articles) for s in stories(store)}


@settings(max_examples=25, deadline=None)
@given(st.permutations(range(len(CORPUS))), st.integers(min_value=1, max_value=6))
def test_clustering_does_not_depend_on_input_order(order: list[int], batch: int) -> None:
    with MemoryStore() as store:
        clusterer = StoryClusterer(store)
        shuffled = [CORPUS[i] for i in order]
        for start in range(0, len(shuffled), batch):
            clusterer.add(shuffled[start : start + batch])
        found = partition(store)
    assert found == {frozenset(a.doc_id for a in CORPUS if a.doc_id.startswith(t)) for t in TOPICS}


def test_rerun_creates_no_new_stories_and_ids_are_stable() -> None:
    with MemoryStore() as store:
        first = assign(CORPUS, store)
        assert {a.kind for a in first} <= {"new", "joined"} and len(first) == len(CORPUS)
        ids = [s.id for s in stories(store)]
        assert assign(CORPUS, store) == []  # a fresh clusterer loads the state and skips all
        assert [s.id for s in stories(store)] == ids
        more = article("quake99", "quake", 5)
        (placed,) = StoryClusterer(store).add([more])
        assert placed.kind == "joined" and placed.story_id in ids
        scores = dict(placed.scores)
        assert scores["event_similarity"] >= scores["event_threshold"]


def test_a_follow_up_months_later_joins_the_storyline_not_the_event() -> None:
    day = dt.date(2020, 9, 14)
    early = [article(f"v{i}", "vote", i, day) for i in range(4)]
    late = article("late", "vote", 2, day + dt.timedelta(days=60))
    with MemoryStore() as store:
        assign([*early, late], store)
        (story,) = stories(store)
    events = sorted(sorted(e.articles) for e in story.events)
    assert events == [["late"], ["v0", "v1", "v2", "v3"]]


def test_a_syndicated_copy_joins_its_original_without_weighing_twice() -> None:
    original = CORPUS[0]
    copy = Article(
        "copy",
        "copy",
        original.text,
        "Another headline",
        original.paragraphs,
        outlet="Reprint Daily",
    )
    with MemoryStore() as store:
        assignments = assign([original, copy], store)
    kinds = {a.doc_id: a for a in assignments}
    # The group's original (both undated: the smaller id) is clustered, the other follows it,
    # whichever arrived first.
    assert kinds[original.doc_id].kind == "copy" and kinds[original.doc_id].syndication_id
    assert kinds["copy"].kind == "new"
    assert kinds["copy"].event_id == kinds[original.doc_id].event_id
    with MemoryStore() as store:
        assert {a.doc_id: a.kind for a in assign([copy, original], store)} == {
            d: a.kind for d, a in kinds.items()
        }


def _text(seed: int, n: int) -> str:
    words = (
        "ballots turnout protest opposition commission tariffs steel exports court ruling".split()
    )
    rng = random.Random(seed)
    return " ".join(f"{rng.choice(words)}{rng.randrange(40)}" for _ in range(n))


@settings(max_examples=10, deadline=None)
@given(st.permutations(range(3)), st.integers(min_value=1, max_value=3))
def test_a_reprint_joining_two_placed_texts_makes_one_source_whatever_the_order(
    order: list[int], batch: int
) -> None:
    # B reprints half of A and half of C: the three are one syndication group, clustered as one
    # article (their mean) under one of them, the other two being its copies.
    a, c = _text(1, 80), _text(2, 80)
    b = " ".join(a.split()[:45] + c.split()[:45])
    texts = {"a": a, "b": b, "c": c}
    arts = []
    for doc_id, body in texts.items():
        paragraph = Paragraph(0, body, Span(doc_id, 0, len(body)), Role.BODY, "test")
        arts.append(Article(doc_id, doc_id, body, "", (paragraph,)))
    with MemoryStore() as store:
        clusterer = StoryClusterer(store)
        shuffled = [arts[i] for i in order]
        kinds: dict[str, str] = {}
        for start in range(0, 3, batch):
            for placed in clusterer.add(shuffled[start : start + batch]):
                kinds[placed.doc_id] = placed.kind
        (story,) = stories(store)
        (event,) = story.events
    assert sorted(event.articles) == ["a", "b", "c"]
    assert sorted(kinds.values()).count("copy") == 2
