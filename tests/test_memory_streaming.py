"""What a run holds in memory grows with its open stories, not with what it has read: the
articles the per-story stages reuse are bounded by size, and the article vectors of events the
run's dates have moved past are let go, read back from the store if ever needed, the results
unchanged."""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import shutil
from pathlib import Path

import pytest

from newsprism.cluster import StoryClusterer
from newsprism.records import (
    Article,
    Assignment,
    DateEstimate,
    Document,
    Evidence,
    Extraction,
    Paragraph,
    Provenance,
    Role,
    Span,
)
from newsprism.runner import analyze
from newsprism.stages.base import Batch, Committed, weight
from newsprism.store import MemoryStore, SQLiteStore

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "sochi-2020"

STORIES = 40
"""Stories of the long run, each dated 30 days after the one before."""
PER_STORY = 3
START = dt.date(2019, 1, 1)
STEMS = ("kelvar", "morrin", "tasbek", "dolmir", "fenwick", "garrow", "hollin", "pradek")


def _code(k: int) -> str:
    """A story number as letters (made-up words, no digit for the tokenizer to split)."""
    return "".join("qwertyuiop"[int(c)] for c in str(k))


def _article(k: int, variant: int, date: dt.date | None) -> Article:
    """An article of story ``k``: its own made-up words and names, drawn per article."""
    code = _code(k)
    words = [f"{stem}{code}" for stem in STEMS]
    rng = random.Random(f"{k}-{variant}")
    body = " ".join(rng.choices(words, k=40))
    body = f"Reporters said {body}. {words[0].title()} {words[1].title()} confirmed it."
    doc_id = hashlib.sha256(f"{k}-{variant}-{date}".encode()).hexdigest()[:16]
    paragraph = Paragraph(0, body, Span(doc_id, 0, len(body)), Role.BODY, "test")
    evidence = (Evidence("metadata", str(date)),) if date else ()
    published = DateEstimate(date, evidence=evidence, confidence=0.95 if date else 0.0)
    title = f"{words[0].title()} {words[2]}"
    return Article(doc_id, doc_id, body, title, (paragraph,), published=published)


def _stored(store: MemoryStore, article: Article) -> Article:
    """``article`` added to ``store`` as a run adds it before clustering it."""
    digest = hashlib.sha256(article.text.encode()).hexdigest()
    provenance = Provenance(article.source, content_hash=digest)
    store.add(Document(article.doc_id, provenance, "text", article.text), article)
    return article


def _run(close: bool, late: list[Article]) -> tuple[StoryClusterer, list[Assignment], int]:
    """The long run of date-separated stories, one batch each, then ``late`` articles; the
    clusterer, every assignment, and the most article vectors it held after a batch."""
    store = MemoryStore()
    clusterer = StoryClusterer(store, close=close)
    assignments: list[Assignment] = []
    held = 0
    for k in range(STORIES):
        date = START + dt.timedelta(days=30 * k)
        batch = [_stored(store, _article(k, v, date)) for v in range(PER_STORY)]
        assignments += clusterer.add(batch)
        held = max(held, len(clusterer.engine.vectors))
    assignments += clusterer.add([_stored(store, a) for a in late])
    return clusterer, assignments, held


def _partition(clusterer: StoryClusterer) -> set[frozenset[str]]:
    return {frozenset(a for e in s.events for a in e.articles) for s in clusterer.stories()}


def test_the_vectors_held_stay_bounded_over_a_long_run_of_date_separated_stories() -> None:
    late = [_article(2, 9, START + dt.timedelta(days=60)), _article(5, 9, None)]
    kept, kept_assignments, kept_held = _run(False, late)
    closed, closed_assignments, closed_held = _run(True, late)
    # Kept, every article's vector stays; closed, only those of the events within the event
    # horizon (63 days: three stories 30 days apart) of the latest date, whatever the length.
    assert kept_held == STORIES * PER_STORY
    horizon = closed.engine.event_horizon
    assert horizon < 3 * 30
    assert closed_held <= (int(horizon) // 30 + 2) * PER_STORY
    assert len(closed.engine.event_of) == STORIES * PER_STORY + len(late)
    # The late articles read their events' vectors back and land where they would have.
    assert closed_assignments == kept_assignments
    assert _partition(closed) == _partition(kept)
    by_doc = {a.doc_id: a for a in closed_assignments}
    story_two = {
        a.doc_id for a in closed_assignments if a.event_id == by_doc[late[0].doc_id].event_id
    }
    assert len(story_two) == PER_STORY + 1
    # What is read back is let go again once the batch is placed.
    assert len(closed.engine.vectors) <= (int(horizon) // 30 + 2) * PER_STORY + len(late)


def test_committed_articles_are_bounded_by_their_characters_the_oldest_let_go() -> None:
    articles = [_article(k, 0, START) for k in range(30)]
    each = weight(articles[0])
    committed = Committed(limit=10 * each)
    for article in articles:
        extraction = Extraction(article.doc_id)
        committed.add(Batch(articles=(article,), extractions={article.doc_id: extraction}))
        assert committed.chars <= 10 * each + max(weight(a) for a in articles)
    held = list(committed.articles)
    assert 8 <= len(held) <= 11
    assert held == [a.doc_id for a in articles[-len(held) :]]
    assert set(committed.extractions) == set(held)
    assert committed.chars == sum(weight(a) for a in committed.articles.values())


def test_a_run_that_keeps_no_article_builds_the_same_views(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for path in sorted(EXAMPLE.glob("*.txt")):
        shutil.copy(path, folder / path.name)
    with SQLiteStore(tmp_path / "kept.db") as store:
        kept = analyze([str(folder)], store, extract=False)
    # Every article let go as soon as committed: the story stages read them all back.
    monkeypatch.setattr("newsprism.stages.base.COMMITTED_CHARS", 0)
    with SQLiteStore(tmp_path / "read.db") as store:
        read = analyze([str(folder)], store, extract=False)
    assert kept.views and read.views == kept.views
    assert read.assignments == kept.assignments
