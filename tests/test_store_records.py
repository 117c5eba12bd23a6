"""Typed record collections of the store: round trips, replacement, keys and deletion."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsprism.records import Event, Figure, Span, Story
from newsprism.store import MemoryStore, SQLiteStore, Store


@pytest.fixture(params=["sqlite", "memory"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    opened: Store = SQLiteStore(tmp_path / "s.db") if request.param == "sqlite" else MemoryStore()
    with opened:
        yield opened


FIGURE = Figure(Span("d1", 10, 24), "$1.5 billion", "money", 1.5e9, "USD", qualifier=None)
STORY = Story(
    "s1",
    "Sochi talks",
    (Event("e1", "s1", "Putin meets Lukashenko", dt.date(2020, 9, 14), ("d1", "d2")),),
    dt.date(2020, 9, 14),
    dt.date(2020, 11, 13),
)


def test_round_trip_and_replace(store: Store) -> None:
    store.put_records("figures", "d1", [FIGURE], doc_id="d1")
    assert store.get_records("figures", "d1", Figure) == [FIGURE]
    store.put_records("figures", "d1", [], doc_id="d1")
    assert store.get_records("figures", "d1", Figure) == []
    assert store.get_records("figures", "nope", Figure) == []


def test_keys_in_order_and_delete(store: Store) -> None:
    for key in ("s2", "s1", "s3"):
        store.put_records("stories", key, [STORY])
    assert store.record_keys("stories") == ["s2", "s1", "s3"]
    assert store.get_records("stories", "s1", Story) == [STORY]
    store.delete_records("stories", "s1")
    assert store.record_keys("stories") == ["s2", "s3"]
    store.delete_records("stories")
    assert store.record_keys("stories") == []


def test_records_survive_reopening(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "s.db") as first:
        first.put_records("stories", "s1", [STORY])
    with SQLiteStore(tmp_path / "s.db") as second:
        assert second.get_records("stories", "s1", Story) == [STORY]
