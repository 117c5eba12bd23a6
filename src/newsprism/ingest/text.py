"""Plain-text scrapes: the whole file is one Document, menus and comments included.

A scrape that kept the page's character references as text ("&#8217;", "&amp;") has them
decoded (:func:`~newsprism.ingest.base.make_document`), so the stored text, which every
span points into, reads as the outlet printed it.
"""

from __future__ import annotations

from collections.abc import Iterator

from newsprism.errors import InputError
from newsprism.ingest.base import Origin, failure, failure_from, make_document
from newsprism.ingest.decode import decode
from newsprism.records import Document, IngestFailure

__all__ = ["read_text"]


def read_text(data: bytes, origin: Origin) -> Iterator[Document | IngestFailure]:
    """One plain-text file as a Document (media type ``"text"``)."""
    try:
        decoded = decode(data, source=origin.source)
    except InputError as error:
        yield failure_from(error)
        return
    if not decoded.text.strip():
        yield failure(origin.source, "E001")
        return
    yield make_document(origin, data, decoded, "text")
