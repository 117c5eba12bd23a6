"""What the format readers share: where bytes came from, and how a record becomes a Document."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from dataclasses import dataclass

from newsprism.errors import InputError, message
from newsprism.ingest.decode import Decoded
from newsprism.limits import DEFAULT_LIMITS, Limits
from newsprism.records import Document, IngestFailure, Provenance

__all__ = [
    "DEFAULT_MAX_BYTES",
    "HEAD_BYTES",
    "Origin",
    "failure",
    "failure_from",
    "limits_with",
    "make_document",
    "parse_iso_date",
    "shown_path",
    "size_text",
]

DEFAULT_MAX_BYTES = DEFAULT_LIMITS.max_document_bytes
"""Largest single file (or container record) read into memory: 32 MiB
(:attr:`Limits.max_document_bytes <newsprism.limits.Limits.max_document_bytes>`)."""

HEAD_BYTES = 8192
"""How much of a file is looked at to sniff its format and whether it is binary."""


@dataclass(frozen=True, slots=True)
class Origin:
    """The file or URL being read, when its bytes were read, and the limits reading it obeys."""

    source: str
    fetched_at: dt.datetime | None
    max_bytes: int = DEFAULT_MAX_BYTES
    """The per-document size limit (``limits.max_document_bytes`` unless set apart)."""
    limits: Limits = DEFAULT_LIMITS


def limits_with(limits: Limits | None, max_bytes: int | None) -> Limits:
    """``limits`` (the defaults when None), with ``max_bytes`` as the document size if given."""
    limits = limits if limits is not None else DEFAULT_LIMITS
    if max_bytes is not None and max_bytes != limits.max_document_bytes:
        limits = dataclasses.replace(limits, max_document_bytes=max_bytes)
    return limits


def shown_path(path: str) -> str:
    """A path as text that can be stored and printed: bytes that are not UTF-8 as ``\\xNN``.

    Python reads such a byte in a file name as a lone surrogate, which no UTF-8 text (the
    store, a terminal, JSON) can hold.
    """
    if not any("\ud800" <= c <= "\udfff" for c in path):
        return path
    return "".join(
        (f"\\x{ord(c) - 0xDC00:02x}" if 0xDC80 <= ord(c) <= 0xDCFF else f"\\u{ord(c):04x}")
        if "\ud800" <= c <= "\udfff"
        else c
        for c in path
    )


def failure(source: str, code: str, detail: object = "", limit: object = "") -> IngestFailure:
    """An :class:`IngestFailure` whose reason is the coded message of ``code``."""
    if isinstance(detail, str):
        detail = shown_path(detail)
    return IngestFailure(source=shown_path(source), code=code, reason=message(code, detail, limit))


def failure_from(error: InputError) -> IngestFailure:
    """The :class:`IngestFailure` that reports ``error``."""
    return IngestFailure(source=error.source, code=error.code, reason=error.reason)


def size_text(n_bytes: int) -> str:
    """A byte count as people read it: ``"50.0 MB"`` (1 MB = 2**20 bytes), ``"8.0 GB"``, or
    bytes when small."""
    # Binary megabytes so that the default limit prints as the round "32.0 MB" it was set to.
    if n_bytes < 100 * 1024:
        return f"{n_bytes:,} bytes"
    if n_bytes >= 2**30:
        return f"{n_bytes / 2**30:.1f} GB"
    return f"{n_bytes / 2**20:.1f} MB"


def parse_iso_date(value: object) -> dt.date | None:
    """The calendar date of an ISO 8601 date or datetime string, or None when it is not one."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    try:
        # The date as written, in the timezone the source wrote it in: converting to UTC would
        # move late-evening stories onto the next day.
        return dt.datetime.fromisoformat(text).date()
    except ValueError:
        pass
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


def make_document(
    origin: Origin,
    raw: bytes,
    decoded: Decoded,
    media_type: str,
    *,
    record_offset: int | None = None,
    record_index: int | None = None,
    fetched_at: dt.datetime | None = None,
    url: str | None = None,
    title: str | None = None,
    outlet: str | None = None,
    published: dt.date | None = None,
) -> Document:
    """A :class:`Document` for one record, its id and hash taken from the record's raw bytes."""
    content_hash = hashlib.sha256(raw).hexdigest()
    provenance = Provenance(
        source=origin.source,
        record_offset=record_offset,
        record_index=record_index,
        content_hash=content_hash,
        fetched_at=fetched_at if fetched_at is not None else origin.fetched_at,
        encoding=decoded.encoding,
        repaired=decoded.repaired,
    )
    return Document(
        id=content_hash[:16],
        provenance=provenance,
        media_type=media_type,
        content=decoded.text,
        url=url or None,
        title=title or None,
        outlet=outlet or None,
        published=published,
    )
