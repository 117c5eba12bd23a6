"""The store: documents and cleaned articles persisted between runs (SQLite by default)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from newsprism.store.base import SearchHit, Store
from newsprism.store.codec import dumps, from_dict, loads, to_dict
from newsprism.store.memory import MemoryStore
from newsprism.store.schema import COLLECTIONS, Collection
from newsprism.store.sqlite import SQLiteStore

__all__ = [
    "COLLECTIONS",
    "Collection",
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


def open_store(
    path: str | Path = "newsprism.db",
    *,
    writer: bool = False,
    wait: bool = True,
    on_wait: Callable[[str], None] | None = None,
) -> Store:
    """The store at ``path``: an SQLite file, or a throw-away SQLite database for ``:memory:``.

    ``writer=True`` opens it as the one writer: a second writer waits until the first closes
    the store (``on_wait`` hears why, once) or, with ``wait=False``, is refused with E032.
    """
    # Every path is SQLite, ":memory:" included; MemoryStore is for tests and is chosen explicitly.
    return SQLiteStore(path, writer=writer, wait=wait, on_wait=on_wait)
