"""The store: documents and cleaned articles persisted between runs (SQLite by default)."""

from __future__ import annotations

from pathlib import Path

from newsprism.store.base import SearchHit, Store
from newsprism.store.codec import dumps, from_dict, loads, to_dict
from newsprism.store.memory import MemoryStore
from newsprism.store.sqlite import SQLiteStore

__all__ = [
    "MemoryStore",
    "SQLiteStore",
    "SearchHit",
    "Store",
    "dumps",
    "from_dict",
    "loads",
    "open_store",
    "to_dict",
]


def open_store(path: str | Path = "newsprism.db") -> Store:
    """The store at ``path``: an SQLite file, or a throw-away SQLite database for ``:memory:``."""
    # Every path is SQLite, ":memory:" included; MemoryStore is for tests and is chosen explicitly.
    return SQLiteStore(path)
