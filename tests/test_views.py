"""Stored story views: computed when a story changes, stored with its version, loaded on read."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from newsprism.cluster.state import EventState, StoryState
from newsprism.errors import NewsprismError
from newsprism.records import Brief, Comparison, Event, Story
from newsprism.store import MemoryStore, SQLiteStore, Store
from newsprism.views import (
    StoredView,
    current_version,
    find_view_key,
    load_view,
    refresh_views,
    save_view,
    stories_of,
    story_view,
    story_views,
    view_of,
)

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "sochi-2020"


def _pages(folder: Path, names: list[str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy(EXAMPLE / name, folder / name)
    return folder


def _names() -> list[str]:
    return sorted(p.name for p in EXAMPLE.glob("*.txt"))


def _analyze(paths: list[Path], store: Store, *, stages: tuple[str, ...] | None = None) -> None:
    from newsprism.config import default_config
    from newsprism.runner import analyze

    config = default_config()
    if stages is not None:
        config = replace(config, stages=stages)
    report = analyze([str(p) for p in paths], store, config=config)
    assert report.ok, report.failures


def _only_story(store: Store) -> Story:
    from newsprism.cluster import stories

    found = stories(store)
    assert len(found) == 1
    return found[0]


@pytest.fixture(scope="module")
def four_then_five(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Two folders of the sochi-2020 scrapes: the first four, and the fifth alone."""
    pytest.importorskip("spacy")
    tmp = tmp_path_factory.mktemp("sochi")
    names = _names()
    return _pages(tmp / "first", names[:-1]), _pages(tmp / "last", names[-1:])


def test_adding_an_article_to_a_story_recomputes_its_view(
    four_then_five: tuple[Path, Path], tmp_path: Path
) -> None:
    first, last = four_then_five
    with SQLiteStore(tmp_path / "n.db") as store:
        _analyze([first], store)
        story = _only_story(store)
        # analyze stored the story's view with its version: nothing is left to compute.
        before = store.view_version(story.id)
        assert before is not None and before == current_version(store, story.id)
        assert refresh_views(store, [story.id]) == 0
        old = load_view(store, story.id)
        assert len(old.articles) == 4

        _analyze([last], store)
        grown = _only_story(store)
        assert grown.id in stories_of(store, [d for e in grown.events for d in e.articles])
        # The story changed: analyze stored its new view under the new version.
        after = store.view_version(grown.id)
        assert after == current_version(store, grown.id) and after != before
        assert refresh_views(store, stories_of(store, _doc_ids(grown))) == 0
        new = load_view(store, grown.id)
        assert len(new.articles) == 5
        assert new.comparison == story_view(store, grown).comparison


_STORY_STAGES = ("compare", "summarize")


def test_a_stale_view_is_recomputed_and_stored_on_read(
    four_then_five: tuple[Path, Path], tmp_path: Path
) -> None:
    from newsprism.config import default_config

    without_views = tuple(s for s in default_config().stages if s not in _STORY_STAGES)
    first, last = four_then_five
    with SQLiteStore(tmp_path / "n.db") as store:
        _analyze([first], store)
        old = load_view(store, _only_story(store).id)
        _analyze([last], store, stages=without_views)  # the story grows, its view is not redone
        grown = _only_story(store)
        assert store.view_version(grown.id) != current_version(store, grown.id)
        assert store.get_view(grown.id, StoredView, current_version(store, grown.id)) is None
        view = load_view(store, grown.id)
        assert {a.doc_id for a in view.articles} > {a.doc_id for a in old.articles}
        assert store.view_version(grown.id) == current_version(store, grown.id)


def test_a_stored_view_is_read_not_recomputed(
    four_then_five: tuple[Path, Path], tmp_path: Path
) -> None:
    first, _ = four_then_five
    with SQLiteStore(tmp_path / "n.db") as store:
        _analyze([first], store)
        story = _only_story(store)
        refresh_views(store)
        computed = story_view(store, story)
        # Remove what a recomputation would read: a view read from the store keeps it all.
        from newsprism.store.schema import EXTRACTIONS

        for doc in _doc_ids(story):
            store.delete_records(EXTRACTIONS.kind, doc)
        loaded = load_view(store, story.id)
        assert computed.extractions and loaded.extractions == computed.extractions
        assert loaded.comparison == computed.comparison
        assert loaded.brief == computed.brief
        assert [a.doc_id for a in loaded.articles] == [a.doc_id for a in computed.articles]
        assert [v.key for v in story_views(store)] == [story.id]
        assert view_of(store, story).extractions == computed.extractions


def test_the_view_analyze_stores_is_the_one_the_store_gives(
    four_then_five: tuple[Path, Path], tmp_path: Path
) -> None:
    # analyze compares and briefs its own articles from the records it committed, not decoded
    # again from the store: the view must be the one computed from the store alone, on a story
    # of this run's articles and of an earlier run's.
    first, last = four_then_five
    with SQLiteStore(tmp_path / "c.db") as store:
        _analyze([first], store)
        _analyze([last], store)
        story = _only_story(store)
        stored = store.get_view(story.id, StoredView, current_version(store, story.id))
        assert stored is not None
        computed = story_view(store, story)
        assert stored.extractions == computed.extractions
        assert stored.comparison == computed.comparison
        assert stored.brief == computed.brief


def test_an_event_view_is_of_the_event_and_names_its_storyline(
    four_then_five: tuple[Path, Path], tmp_path: Path
) -> None:
    first, _ = four_then_five
    with SQLiteStore(tmp_path / "n.db") as store:
        _analyze([first], store)
        story = _only_story(store)
        event = story.events[0]
        view = load_view(store, story.id, event.id)
        assert view.key == event.id and view.storyline == story
        assert store.view_version(event.id) == current_version(store, story.id, event.id)
        with pytest.raises(NewsprismError, match="E033"):
            load_view(store, story.id, "ev-none")
        with pytest.raises(NewsprismError, match="E033"):
            load_view(store, "st-none")


def test_a_view_computed_elsewhere_is_saved_under_its_story_version(
    four_then_five: tuple[Path, Path], tmp_path: Path
) -> None:
    first, _ = four_then_five
    with SQLiteStore(tmp_path / "n.db") as store:
        _analyze([first], store)
        story = _only_story(store)
        event = story.events[-1]
        for view, version in (
            (story_view(store, story), current_version(store, story.id)),
            (story_view(store, story, event), current_version(store, story.id, event.id)),
        ):
            save_view(store, view)
            assert store.view_version(view.key) == version
        assert refresh_views(store, [story.id]) == 0  # already current


def test_a_merged_away_storyline_loses_its_view() -> None:
    with MemoryStore() as store:
        store.put_view("st-gone", "v1", _empty_view("st-gone"))
        assert refresh_views(store, ["st-gone"]) == 0
        assert store.view_version("st-gone") is None


def _doc_ids(story: Story) -> list[str]:
    return [d for e in story.events for d in e.articles]


def _empty_view(story_id: str) -> StoredView:
    story = Story(story_id, "label", (Event("ev-1", story_id, "label", None, ("d1",)),))
    return StoredView(story, (), Comparison(story_id), Brief(story_id, (), ()))


def _event_state(
    event_id: str, story_id: str, articles: tuple[str, ...], label: str = ""
) -> object:
    from newsprism.cluster.state import EventState

    outlets = ("",) * len(articles)
    return EventState(event_id, story_id, 0, len(articles), "", None, None, articles, outlets,
                      label=label)  # fmt: skip


@pytest.mark.parametrize(
    "change, story_changes",
    [
        ("an article joins the event", True),
        ("the event's label changes", True),
        ("a second event joins", True),
        ("the storyline's label changes", True),
        ("another storyline's event changes", False),
        ("the same event written again", False),
    ],
)
def test_the_version_follows_the_stored_story(change: str, story_changes: bool) -> None:
    from newsprism.store.schema import EVENTS, STORYLINES

    with MemoryStore() as store:
        STORYLINES.put(store, "st-1", [StoryState("st-1", 0, "Talks")])
        STORYLINES.put(store, "st-2", [StoryState("st-2", 1, "Other")])
        EVENTS.put(store, "ev-1", [_event_state("ev-1", "st-1", ("d1", "d2"), "Talks")])
        EVENTS.put(store, "ev-9", [_event_state("ev-9", "st-2", ("d9",))])
        before = current_version(store, "st-1")
        assert before is not None and before == current_version(store, "st-1")
        assert current_version(store, "st-1", "ev-1") != before  # an event's view is its own
        if change == "an article joins the event":
            EVENTS.put(store, "ev-1", [_event_state("ev-1", "st-1", ("d1", "d2", "d3"), "Talks")])
        elif change == "the event's label changes":
            EVENTS.put(store, "ev-1", [_event_state("ev-1", "st-1", ("d1", "d2"), "Loan")])
        elif change == "a second event joins":
            EVENTS.put(store, "ev-2", [_event_state("ev-2", "st-1", ("d4",))])
        elif change == "the storyline's label changes":
            STORYLINES.put(store, "st-1", [StoryState("st-1", 0, "Talks resume")])
        elif change == "another storyline's event changes":
            EVENTS.put(store, "ev-9", [_event_state("ev-9", "st-2", ("d9", "d8"))])
        else:
            EVENTS.put(store, "ev-1", [_event_state("ev-1", "st-1", ("d1", "d2"), "Talks")])
        assert (current_version(store, "st-1") != before) is story_changes
        assert current_version(store, "st-none") is None


@pytest.mark.parametrize(
    "key, expected",
    [
        ("st-1", None),  # a prefix of two storylines
        ("st-1a", ("st-1aa", None)),
        ("st-1aa", ("st-1aa", None)),
        ("ev-2b", ("st-1bb", "ev-2bb")),  # an event's id scopes the view to the event
        ("ev-2", None),  # events of two storylines
        ("ev-3", ("st-1bb", None)),  # two events of one storyline: the storyline
        ("st-", None),  # too short
        ("zzzz", None),
    ],
)
def test_find_view_key(key: str, expected: tuple[str, str | None] | None) -> None:
    from newsprism.store.schema import EVENTS, STORYLINES

    with MemoryStore() as store:
        for seq, story_id in enumerate(["st-1aa", "st-1bb"]):
            STORYLINES.put(store, story_id, [StoryState(story_id, seq)])
        events = [("ev-2aa", "st-1aa"), ("ev-2bb", "st-1bb"), ("ev-3x", "st-1bb"),
                  ("ev-3y", "st-1bb")]  # fmt: skip
        for seq, (event_id, story_id) in enumerate(events):
            state = EventState(event_id, story_id, seq, 1, "", None, None, ("d",), ("",))
            EVENTS.put(store, event_id, [state])
        assert find_view_key(store, key) == expected
