"""WARC archives (plain or per-record gzip): each HTML or text response becomes a Document.

Records are streamed with warcio, so memory holds one record's payload at a time, bounded by
the per-record limit; a larger record is skipped with E003 while warcio reads past it.
Only successful (2xx) ``response`` records and ``resource`` records whose content is HTML or
plain text are articles; requests, metadata, redirects, images and scripts are passed over.

warcio does not report damage: a truncated gzip member or a record cut short simply ends the
iteration. So the reader checks for itself that every record got all the bytes its
Content-Length promised, that nothing but blank lines follows the last complete record, and
that the last gzip member ends properly; otherwise it yields E005 after the documents read
before the damage.

A gzipped archive is inflated through a reader that counts what it inflates: past the
archive's decompressed-size limit, or once more than a document's worth has been inflated at a
ratio no real archive reaches (a decompression bomb), reading stops with E003, the documents
read before kept. Skipping an oversized record would otherwise inflate all of it.
"""

from __future__ import annotations

import datetime as dt
import itertools
import logging
import os
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import DecompressingBufferedReader

from newsprism.errors import InputError
from newsprism.ingest.base import (
    HEAD_BYTES,
    Origin,
    failure,
    make_document,
    shown_path,
    size_text,
)
from newsprism.ingest.decode import NO_ENCODING, charset_codec, declared_charset, decode
from newsprism.ingest.html import html_metadata
from newsprism.ingest.sniff import binary_reason, gzip_holds_warc
from newsprism.limits import DEFAULT_LIMITS, Limits
from newsprism.records import Document, IngestFailure

__all__ = ["WarcRange", "no_articles", "read_warc", "read_warc_range", "warc_ranges"]

_GZIP_MAGIC = b"\x1f\x8b"
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_TEXT_TYPES = frozenset({"text/plain"})
_CHARSET_RE = re.compile(r"""charset\s*=\s*["']?([^"';\s]+)""", re.IGNORECASE)
# Blank lines may follow the last record of an uncompressed archive; more than this is damage.
_TRAILER_SLACK = 16
_CHUNK = 64 * 1024


# warcio logs a warning that quotes a damaged header raw (a stranger's bytes: escape codes and
# all); with logging not set up, Python prints it to stderr. The reader reports damage itself.
logging.getLogger("warcio").addHandler(logging.NullHandler())
logging.getLogger("warcio").propagate = False


class _Records(ArchiveIterator):  # type: ignore[misc]  # warcio is untyped
    # warcio writes this warning about a wrong Content-Length straight to stderr; the reader
    # reports that damage as E005 instead (it shows in err_count).
    INC_RECORD = ""


class _Damaged(Exception):
    """A record without a length, or one that ended before its Content-Length was reached."""


class _Inflated(Exception):
    """A gzipped archive inflated past its limits: a decompression bomb, or simply too big."""


class _CountingReader(DecompressingBufferedReader):  # type: ignore[misc]  # warcio is untyped
    """warcio's reader, counting the bytes read and inflated, refusing a bomb as it inflates."""

    def __init__(self, stream: IO[bytes], origin: Origin, **kwargs: Any) -> None:
        super().__init__(stream, **kwargs)
        self.limits = origin.limits
        self.max_document = origin.max_bytes
        self.compressed = 0
        self.inflated = 0

    def _process_read(self, data: bytes) -> None:
        super()._process_read(data)
        if not data or self.decompressor is None:
            return
        self.compressed += len(data)
        self.inflated += self.buff_size
        limits = self.limits
        if self.inflated > limits.max_decompressed_bytes:
            limit = size_text(limits.max_decompressed_bytes)
            raise _Inflated(f"it decompresses to more than {limit}", f"{limit} decompressed")
        if (
            self.inflated > self.max_document
            and self.inflated > limits.max_expansion * self.compressed
        ):
            ratio = self.inflated / self.compressed
            raise _Inflated(
                f"its first {size_text(self.compressed)} decompress to {size_text(self.inflated)},"
                f" {ratio:,.0f} times as much",
                f"{limits.max_expansion:g} times",
            )


def read_warc(stream: IO[bytes], origin: Origin, size: int) -> Iterator[Document | IngestFailure]:
    """One Document per HTML or text response record of a seekable WARC stream of ``size`` bytes."""
    gzipped, problem = _head(stream, origin)
    if problem is not None:
        yield problem
        return
    walk = _Walk()
    yield from walk.records(stream, origin)
    if walk.stopped:
        return
    damage = _trailing_damage(stream, walk.end, walk.last_offset, size, gzipped)
    if damage is not None:
        yield failure(origin.source, "E005", damage)
    elif not walk.yielded:
        yield no_articles(origin.source)


@dataclass(frozen=True, slots=True)
class WarcRange:
    """Records ``first``.. of a WARC file, bytes ``start`` to ``end``: one task's share."""

    path: str
    start: int
    end: int
    first: int
    """The index of the range's first record in the archive."""
    count: int
    """How many records the range holds."""


def no_articles(source: str) -> IngestFailure:
    """The failure of an archive none of whose records is an article (E010)."""
    return failure(source, "E010", "the archive holds no HTML or text responses")


def warc_ranges(path: str, records: int, *, limits: Limits | None = None) -> list[WarcRange] | None:
    """The WARC file at ``path`` cut into byte ranges of ``records`` whole records each.

    Every record is walked (inflated, its headers read) but no payload is decoded, so this
    costs a small part of reading the archive. Only a sound archive is cut: when the walk
    meets anything :func:`read_warc` would report (not a WARC, damage, past the size limits),
    the answer is None and the file is to be read whole, where the failure is reported as in
    one process.
    """
    limits = limits if limits is not None else DEFAULT_LIMITS
    try:
        with open(path, "rb") as stream:
            size = os.fstat(stream.fileno()).st_size
            origin = Origin(shown_path(path), None, limits.max_document_bytes, limits)
            gzipped, problem = _head(stream, origin)
            if problem is not None:
                return None
            walk = _Walk(payloads=False)
            for _ in walk.records(stream, origin):
                pass
            if walk.stopped or walk.failed:
                return None
            if _trailing_damage(stream, walk.end, walk.last_offset, size, gzipped) is not None:
                return None
    except OSError:
        return None
    offsets = [*walk.offsets, walk.end]
    step = max(1, records)
    records_in = len(offsets) - 1
    return [
        WarcRange(
            path, offsets[i], offsets[min(i + step, records_in)], i, min(step, records_in - i)
        )
        for i in range(0, records_in, step)
    ]


def read_warc_range(
    part: WarcRange, *, limits: Limits | None = None
) -> Iterator[Document | IngestFailure]:
    """The documents of one range of a WARC file (see :func:`warc_ranges`), each as
    :func:`read_warc` makes it from the whole file: same offsets, indexes and provenance. The
    archive-wide checks (trailing damage, no article at all) are the caller's, once the file's
    ranges are read."""
    limits = limits if limits is not None else DEFAULT_LIMITS
    source = shown_path(part.path)
    try:
        with open(part.path, "rb") as stream:
            info = os.fstat(stream.fileno())
            fetched = dt.datetime.fromtimestamp(info.st_mtime, dt.UTC)
            origin = Origin(source, fetched, limits.max_document_bytes, limits)
            stream.seek(part.start)
            walk = _Walk(first=part.first, count=part.count)
            yield from walk.records(stream, origin)
            # A plain archive's records are followed by blank lines: the next range's start.
            if not walk.stopped and not 0 <= part.end - walk.end <= _TRAILER_SLACK:
                detail = f"the records from byte {part.start} do not end at byte {part.end}"
                yield failure(source, "E005", detail)
    except OSError as error:
        yield failure(source, "E011", _describe(error))


def _head(stream: IO[bytes], origin: Origin) -> tuple[bool, IngestFailure | None]:
    """Whether the archive is gzipped, or the failure of a stream that is no WARC."""
    head = stream.read(HEAD_BYTES)
    stream.seek(0)
    gzipped = head.startswith(_GZIP_MAGIC)
    if gzipped and not gzip_holds_warc(head):
        return gzipped, failure(
            origin.source, "E002", "gzip-compressed data that is not a WARC archive"
        )
    if not gzipped and not head.lstrip(b"\r\n").startswith(b"WARC/"):
        reason = binary_reason(head)
        if reason is not None:
            return gzipped, failure(origin.source, "E002", reason)
        return gzipped, failure(
            origin.source, "E005", "it does not start with a WARC record header"
        )
    return gzipped, None


@dataclass(slots=True)
class _Walk:
    """One pass over an archive's records from where its stream stands, and what it saw."""

    payloads: bool = True
    """False: records are walked, not read (their offsets are kept instead)."""
    first: int = 0
    """The index of the first record walked."""
    count: int | None = None
    """Stop after this many records."""
    end: int = 0
    """Where the last complete record ended."""
    last_offset: int = 0
    yielded: bool = False
    failed: bool = False
    """A record's own failure was yielded (too large, broken encoding, binary)."""
    stopped: bool = False
    """Damage or a size limit ended the walk (its failure was yielded)."""
    offsets: list[int] = field(default_factory=list)

    def records(self, stream: IO[bytes], origin: Origin) -> Iterator[Document | IngestFailure]:
        """The documents (or failures) of the records walked, in order."""
        records = _Records(stream)
        # Installed before the first record is read (the iterator starts lazily).
        records.reader = _CountingReader(stream, origin, block_size=records.reader.block_size)
        walk = iter(records)
        self.end = stream.tell()
        for index in itertools.count(self.first):
            try:
                record = next(walk, None)
                if record is None:
                    break
                if not isinstance(record.length, int) or not record.rec_type:
                    # Both are mandatory; without a length the record swallows the rest.
                    raise _Damaged(f"record {index} has no WARC-Type or Content-Length header")
                payload, problem = _read_payload(record, origin) if self.payloads else (b"", None)
                offset: int = records.get_record_offset()  # reads the rest of the record
                length: int = records.get_record_length()
                if getattr(record.raw_stream, "limit", 0) > 0:
                    raise _Damaged(f"record {index} at byte {offset} is cut short")
                if records.err_count:
                    detail = f"record {index} at byte {offset} does not end where its length says"
                    raise _Damaged(detail)
            except _Damaged as damaged:
                self.stopped = True
                yield failure(origin.source, "E005", damaged)
                return
            except _Inflated as inflated:
                self.stopped = True
                detail, limit = inflated.args
                yield failure(origin.source, "E003", detail, limit)
                return
            except Exception as error:
                # warcio reports damaged headers and gzip streams with whatever its parser
                # trips on (ArchiveLoadFailed, zlib.error, ValueError, even AttributeError).
                self.stopped = True
                detail = f"unreadable after byte {self.end}: {_describe(error)}"
                yield failure(origin.source, "E005", detail)
                return
            self.end, self.last_offset = offset + length, offset
            if not self.payloads:
                self.offsets.append(offset)
            item = problem or (
                _document(record, payload, index, offset, origin) if self.payloads else None
            )
            if item is not None:
                self.yielded = True
                self.failed = self.failed or isinstance(item, IngestFailure)
                yield item
            if self.count is not None and index + 1 - self.first >= self.count:
                return


def _read_payload(record: Any, origin: Origin) -> tuple[bytes, IngestFailure | None]:
    # The payload of an article record, at most max_bytes of it; nothing for other records.
    if _media_type(record) is None and not _may_sniff(record):
        return b"", None
    uri = _target_uri(record)
    if record.length > origin.max_bytes:
        return b"", _too_large(origin, uri, record.length)
    try:
        payload: bytes = record.content_stream().read(origin.max_bytes + 1)
    except Exception as error:
        # A broken chunked or gzip Content-Encoding spoils this record only.
        detail = f"the record for {uri} has a broken content encoding: {_describe(error)}"
        return b"", failure(origin.source, "E005", detail)
    if len(payload) > origin.max_bytes:
        return b"", _too_large(origin, uri, len(payload))
    return payload, None


def _document(
    record: Any, payload: bytes, index: int, offset: int, origin: Origin
) -> Document | IngestFailure | None:
    media_type = _media_type(record)
    if media_type is None:
        if not _may_sniff(record) or payload.lstrip()[:1] != b"<":
            return None
        media_type = "html"
    if not payload.strip():
        return None  # an empty 200 is not an article and not damage either
    uri = _target_uri(record)
    reason = binary_reason(payload[:HEAD_BYTES])
    if reason is not None:
        return failure(origin.source, "E002", f"the record at byte {offset} for {uri}: {reason}")
    declared = _declared_charset(record)
    if declared is None and media_type == "html":
        declared = declared_charset(payload)
    try:
        decoded = decode(payload, source=origin.source, declared=declared)
    except InputError:
        detail = f"the record at byte {offset} for {uri}: {NO_ENCODING}"
        return failure(origin.source, "E004", detail)
    meta = html_metadata(decoded.text, uri) if media_type == "html" else None
    return make_document(
        origin,
        payload,
        decoded,
        media_type,
        record_offset=offset,
        record_index=index,
        fetched_at=_warc_date(record),
        url=uri,
        title=meta.title if meta else None,
        outlet=meta.outlet if meta else None,
        published=meta.published if meta else None,
    )


def _content_type(record: Any) -> str | None:
    if record.rec_type == "response":
        headers = record.http_headers
        if headers is None or not str(headers.get_statuscode() or "").startswith("2"):
            return None
        value = headers.get_header("Content-Type")
    elif record.rec_type == "resource":
        value = record.content_type
    else:
        return None
    return str(value) if value else ""


def _media_type(record: Any) -> str | None:
    content_type = _content_type(record)
    mime = (content_type or "").split(";")[0].strip().lower()
    if mime in _HTML_TYPES:
        return "html"
    if mime in _TEXT_TYPES:
        return "text"
    return None


def _may_sniff(record: Any) -> bool:
    # A successful response that does not say what it holds may still be a page.
    return _content_type(record) == ""


def _declared_charset(record: Any) -> str | None:
    match = _CHARSET_RE.search(_content_type(record) or "")
    return charset_codec(match.group(1)) if match else None


def _target_uri(record: Any) -> str | None:
    value = record.rec_headers.get_header("WARC-Target-URI")
    return str(value) if value else None


def _warc_date(record: Any) -> dt.datetime | None:
    value = record.rec_headers.get_header("WARC-Date")
    if not value:
        return None
    try:
        stamp = dt.datetime.fromisoformat(str(value))
    except ValueError:
        return None
    # WARC dates are UTC by the standard, even when a writer leaves the "Z" off.
    return stamp if stamp.tzinfo is not None else stamp.replace(tzinfo=dt.UTC)


def _too_large(origin: Origin, uri: str | None, n_bytes: int) -> IngestFailure:
    return failure(
        origin.source,
        "E003",
        f"the record for {uri} is {size_text(n_bytes)}",
        f"{size_text(origin.max_bytes)} per record",
    )


def _trailing_damage(
    stream: IO[bytes], end: int, last_offset: int, size: int, gzipped: bool
) -> str | None:
    # Damage warcio passed over in silence: unparsed bytes after the last complete record, or
    # a last gzip member that stops before its end-of-stream marker.
    if size - end > _TRAILER_SLACK:
        return f"{size - end:,} bytes after the last complete record (at byte {end}) are unreadable"
    stream.seek(end)
    if stream.read(_TRAILER_SLACK).strip():
        return f"the bytes after the last complete record (at byte {end}) are not a record"
    if gzipped and end > 0 and not _member_complete(stream, last_offset):
        return f"the gzip member of the last record (at byte {last_offset}) is cut short"
    return None


def _member_complete(stream: IO[bytes], offset: int) -> bool:
    # Decompress the member and throw the output away, a bounded piece at a time.
    stream.seek(offset)
    member = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        while not member.eof:
            chunk = member.unconsumed_tail or stream.read(_CHUNK)
            if not chunk:
                return False
            member.decompress(chunk, _CHUNK)
    except zlib.error:
        return False
    return True


def _describe(error: BaseException) -> str:
    text = " ".join(str(error).split())
    return f"{type(error).__name__}: {text}" if text else type(error).__name__
