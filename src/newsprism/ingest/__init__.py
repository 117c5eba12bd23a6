"""Ingest: every input (text, HTML, JSON lines, WARC, RSS/Atom, directories, globs, feed URLs)
becomes :class:`~newsprism.records.Document` records with provenance, or an
:class:`~newsprism.records.IngestFailure` naming the input and the reason it could not be read.

>>> from newsprism.ingest import iter_documents
>>> for item in iter_documents(["articles/", "dump.warc.gz"]):  # doctest: +SKIP
...     ...
"""

from __future__ import annotations

from newsprism.ingest.base import DEFAULT_MAX_BYTES
from newsprism.ingest.fetch import Fetcher, FetchError, MemoryFetcher, UrllibFetcher
from newsprism.ingest.reader import iter_documents, read_file, read_url

__all__ = [
    "DEFAULT_MAX_BYTES",
    "FetchError",
    "Fetcher",
    "MemoryFetcher",
    "UrllibFetcher",
    "iter_documents",
    "read_file",
    "read_url",
]
