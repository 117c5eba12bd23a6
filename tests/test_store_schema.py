"""The typed schema of derived records: collections, indexed lookups, views, transactions."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsprism.records import Assignment, FramingTerm
from newsprism.store import COLLECTIONS, MemoryStore, SQLiteStore, Store
from newsprism.store.migrations import MIGRATIONS
from newsprism.store.schema import ASSIGNMENTS, EVENTS, FRAMING_PRIOR, STORYLINES


@pytest.fixture(params=["sqlite", "memory"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    made: Store = SQLiteStore(tmp_path / "n.db") if request.param == "sqlite" else MemoryStore()
    with made:
        yield made


def _assignment(doc: str, story: str) -> Assignment:
    return Assignment(doc, story, f"ev-{story}", "new")


def test_every_collection_names_a_record_class_and_its_indexed_field() -> None:
    import dataclasses

    for kind, collection in COLLECTIONS.items():
        assert collection.kind == kind
        cls = collection.cls
        assert dataclasses.is_dataclass(cls)
        if collection.index is not None:
            assert collection.index in {f.name for f in dataclasses.fields(cls)}


def test_a_collection_refuses_records_of_another_class(store: Store) -> None:
    with pytest.raises(TypeError, match="Assignment"):
        store.put_records(ASSIGNMENTS.kind, "k", [FramingTerm("t", 1, 0.0)])
    assert store.record_keys(ASSIGNMENTS.kind) == []
    store.put_records("a-plugin-kind", "k", [FramingTerm("t", 1, 0.0)])  # unlisted: any class


def test_indexed_records_are_found_by_document_the_latest_batch_last(store: Store) -> None:
    ASSIGNMENTS.put(store, "d1+2", [_assignment("d1", "st-a"), _assignment("d2", "st-a")])
    ASSIGNMENTS.put(store, "d3+2", [_assignment("d3", "st-b"), _assignment("d1", "st-b")])
    found = ASSIGNMENTS.find(store, ["d1", "d3", "absent"])
    assert [(a.doc_id, a.story_id) for a in found] == [
        ("d1", "st-a"),
        ("d3", "st-b"),
        ("d1", "st-b"),
    ]
    assert {a.doc_id: a.story_id for a in found}["d1"] == "st-b"  # latest wins
    ASSIGNMENTS.put(store, "d3+2", [_assignment("d3", "st-b")])  # replaced: d1 not there now
    assert [a.story_id for a in ASSIGNMENTS.find(store, ["d1"])] == ["st-a"]
    store.delete_records(ASSIGNMENTS.kind, "d1+2")
    assert ASSIGNMENTS.find(store, ["d1", "d2"]) == []
    store.delete_records(ASSIGNMENTS.kind)
    assert ASSIGNMENTS.find(store, ["d3"]) == []
    with pytest.raises(TypeError, match="index"):
        FRAMING_PRIOR.find(store, ["all"])


def test_many_values_are_looked_up_in_batches(store: Store) -> None:
    docs = [f"d{i}" for i in range(1_200)]
    ASSIGNMENTS.put(store, "all", [_assignment(d, "st-a") for d in docs])
    assert len(ASSIGNMENTS.find(store, docs)) == 1_200


def test_views_round_trip_with_their_version(store: Store) -> None:
    term = FramingTerm("talks", 3, 1.5)
    store.put_view("st-a", "v1", term)
    assert store.view_version("st-a") == "v1"
    assert store.get_view("st-a", FramingTerm) == term
    assert store.get_view("st-a", FramingTerm, "v1") == term
    assert store.get_view("st-a", FramingTerm, "v2") is None
    store.put_view("st-a", "v2", term)
    assert store.view_version("st-a") == "v2"
    store.delete_views(["st-a"])
    assert store.view_version("st-a") is None
    store.put_view("st-b", "v1", term)
    store.delete_views()
    assert store.get_view("st-b", FramingTerm) is None


def test_a_failing_inner_block_is_undone_alone(store: Store) -> None:
    with store.transaction():
        FRAMING_PRIOR.put(store, "kept", [FramingTerm("kept", 1, 0.0)])
        with pytest.raises(RuntimeError), store.transaction():
            FRAMING_PRIOR.put(store, "undone", [FramingTerm("undone", 1, 0.0)])
            store.put_view("st-undone", "v", FramingTerm("undone", 1, 0.0))
            raise RuntimeError("this block fails")
        FRAMING_PRIOR.put(store, "after", [FramingTerm("after", 1, 0.0)])
    assert FRAMING_PRIOR.keys(store) == ["kept", "after"]
    assert store.view_version("st-undone") is None


def test_a_failing_outer_block_leaves_nothing(store: Store) -> None:
    with pytest.raises(RuntimeError), store.transaction():
        STORYLINES.keys(store)
        ASSIGNMENTS.put(store, "k", [_assignment("d1", "st-a")])
        raise RuntimeError("the chunk fails")
    assert ASSIGNMENTS.find(store, ["d1"]) == []


def test_the_migration_indexes_records_stored_before_it(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    conn = sqlite3.connect(db, isolation_level=None)
    for step in MIGRATIONS[:3]:
        step(conn)
    conn.execute("PRAGMA user_version = 3")
    batch = [{"doc_id": "d1", "story_id": "st-a", "event_id": "ev-1", "kind": "new"}]
    event = {
        "id": "ev-1", "story_id": "st-a", "seq": 0, "n": 1, "vector": "", "first": None,
        "last": None, "articles": ["d1"], "outlets": [""],
    }  # fmt: skip
    conn.execute(
        "INSERT INTO records (kind, key, payload) VALUES (?, ?, ?)",
        (ASSIGNMENTS.kind, "d1+1", json.dumps(batch)),
    )
    conn.execute(
        "INSERT INTO records (kind, key, payload) VALUES (?, ?, ?)",
        (EVENTS.kind, "ev-1", json.dumps([event])),
    )
    conn.close()
    with SQLiteStore(db) as store:
        assert [a.story_id for a in ASSIGNMENTS.find(store, ["d1"])] == ["st-a"]
        assert [e.id for e in EVENTS.find(store, ["st-a"])] == ["ev-1"]


def test_index_values_and_digests_read_rows_without_decoding_them(store: Store) -> None:
    ASSIGNMENTS.put(store, "b1", [_assignment("d1", "st-a"), _assignment("d2", "st-a")])
    ASSIGNMENTS.put(store, "b2", [_assignment("d3", "st-b")])
    assert store.index_values(ASSIGNMENTS.kind, ["b1", "b2", "none"]) == {
        "b1": ["d1", "d2"],
        "b2": ["d3"],
    }
    by_key = store.record_digest(ASSIGNMENTS.kind, keys=["b1"])
    assert by_key is not None and by_key == store.record_digest(ASSIGNMENTS.kind, values=["d2"])
    assert store.record_digest(ASSIGNMENTS.kind, keys=["none"]) is None
    both = store.record_digest(ASSIGNMENTS.kind, keys=["b1", "b2"])
    assert both not in (None, by_key)
    ASSIGNMENTS.put(store, "b1", [_assignment("d1", "st-a"), _assignment("d2", "st-a")])
    assert store.record_digest(ASSIGNMENTS.kind, keys=["b1"]) == by_key  # same rows, same
    ASSIGNMENTS.put(store, "b1", [_assignment("d1", "st-c"), _assignment("d2", "st-a")])
    assert store.record_digest(ASSIGNMENTS.kind, keys=["b1"]) != by_key
