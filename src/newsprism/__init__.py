"""newsprism: one news story through every outlet that covered it.

The library front: read inputs, clean them, keep them in a store, and run the main job.

>>> import newsprism
>>> with newsprism.open_store("news.db") as store:  # doctest: +SKIP
...     report = newsprism.analyze(["articles/"], store)
"""

from __future__ import annotations

from newsprism._version import __version__
from newsprism.clean import clean_batch, clean_document, resolve_dates
from newsprism.errors import InputError, NewsprismError
from newsprism.ingest import iter_documents, read_file
from newsprism.records import Article, Document, IngestFailure, Paragraph, Role
from newsprism.runner import RunReport, analyze
from newsprism.store import MemoryStore, SQLiteStore, Store, open_store

__all__ = [
    "Article",
    "Document",
    "IngestFailure",
    "InputError",
    "MemoryStore",
    "NewsprismError",
    "Paragraph",
    "Role",
    "RunReport",
    "SQLiteStore",
    "Store",
    "__version__",
    "analyze",
    "clean_batch",
    "clean_document",
    "iter_documents",
    "open_store",
    "read_file",
    "resolve_dates",
]
