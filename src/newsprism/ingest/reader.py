"""The front of ingest: files, URLs and batches of them to Documents, never raising on bad input.

Each input yields its Documents, or one :class:`IngestFailure` naming it and saying why it could
not be read, and the batch goes on. A plain file's size is checked with ``stat`` before anything
is read, so an oversized file costs nothing; WARC and JSON lines are streamed record by record
and the size limit applies to each record, not to the archive. A gzip-compressed single file
(``page.html.gz``, ``notes.txt.gz``) is read as what it holds, inflated only up to the size
limit. An unexpected error while reading one input is that input's failure: the batch goes on.

The :class:`~newsprism.limits.Limits` in force bound each document's size, what a compressed
input may inflate to, the entries read from a feed, the documents of the whole batch and the
time spent producing one document; each is checked as the input is read.
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
import os
import re
import stat
import zlib
from collections.abc import Iterable, Iterator
from typing import IO
from urllib.parse import urlsplit

from newsprism.ingest.base import (
    HEAD_BYTES,
    Origin,
    failure,
    limits_with,
    shown_path,
    size_text,
)
from newsprism.ingest.feeds import read_feed
from newsprism.ingest.fetch import Fetcher, UrllibFetcher, is_url
from newsprism.ingest.html import read_html
from newsprism.ingest.jsonl import read_json, read_jsonl
from newsprism.ingest.paths import expand_paths
from newsprism.ingest.sniff import Format, binary_reason, by_extension, nul_reason, sniff
from newsprism.ingest.text import read_text
from newsprism.ingest.warc import read_warc
from newsprism.limits import Limits, TimeLimitExceeded, time_limit
from newsprism.records import Document, IngestFailure

__all__ = ["iter_documents", "read_file", "read_url"]

# Formats read into memory whole, so the size limit applies to the file itself.
_WHOLE = frozenset({Format.TEXT, Format.HTML, Format.FEED, Format.XML})
_ROOT_RE = re.compile(rb"<([A-Za-z_][\w:.-]*)")


def iter_documents(
    paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
    *,
    max_bytes: int | None = None,
    fetcher: Fetcher | None = None,
    limits: Limits | None = None,
) -> Iterator[Document | IngestFailure]:
    """Documents from files, directories, globs and feed URLs, with a failure for each bad input.

    ``limits`` bound what reading may cost (the defaults when None); ``max_bytes``, when given,
    is the per-document size limit in place of ``limits.max_document_bytes``.
    """
    limits = limits_with(limits, max_bytes)
    if isinstance(paths, str | os.PathLike):
        # A lone path is a common slip; iterating it would read one-letter file names.
        paths = [paths]
    documents = 0
    for item in expand_paths(paths):
        if isinstance(item, IngestFailure):
            yield item
            continue
        if is_url(item):
            if fetcher is None:
                fetcher = UrllibFetcher(max_bytes=limits.max_document_bytes)
            items = read_url(item, fetcher=fetcher, limits=limits)
        else:
            items = read_file(item, limits=limits)
        for read in _guarded(item, items, limits.max_document_seconds):
            if isinstance(read, Document):
                if documents >= limits.max_documents:
                    detail = "this input and any after it"
                    yield failure(item, "E017", detail, f"{limits.max_documents:,}")
                    return
                documents += 1
            yield read


def _guarded(
    source: str, items: Iterator[Document | IngestFailure], seconds: float
) -> Iterator[Document | IngestFailure]:
    """The items of one input; an error inside its reader becomes that input's failure, and so
    does a document that takes more than ``seconds`` to produce (the clock runs only while the
    reader works, not while the caller handles what it yielded)."""
    read = 0
    try:
        while True:
            with time_limit(seconds):
                item = next(items, None)
            if item is None:
                return
            read += 1
            yield item
    except TimeLimitExceeded:
        after = f" (after {read} item(s) of this input)" if read else ""
        yield failure(source, "E018", after, f"{seconds:g} s")
    except Exception as error:  # a reader's bug must not stop the batch
        yield failure(source, "E011", _error_text(error))
    finally:
        close = getattr(items, "close", None)
        if close is not None:
            close()


def _error_text(error: BaseException) -> str:
    text = " ".join(str(error).split())[:200]
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def read_file(
    path: str | os.PathLike[str], *, max_bytes: int | None = None, limits: Limits | None = None
) -> Iterator[Document | IngestFailure]:
    """The Documents in one file (one, or one per record of a container), or its failure."""
    limits = limits_with(limits, max_bytes)
    max_bytes = limits.max_document_bytes
    opened = os.fspath(path)
    source = shown_path(opened)
    try:
        info = os.stat(opened)
    except FileNotFoundError:
        yield failure(source, "E009")
        return
    except OSError as error:
        yield failure(source, "E011", _os_reason(error))
        return
    if not stat.S_ISREG(info.st_mode):
        kind = "a directory" if stat.S_ISDIR(info.st_mode) else "not a regular file"
        yield failure(source, "E011", f"it is {kind}")
        return
    origin = Origin(source, dt.datetime.fromtimestamp(info.st_mtime, dt.UTC), max_bytes, limits)
    hint = by_extension(source)
    lower = source.lower()
    if hint is None and lower.endswith(".gz"):
        hint = by_extension(source[:-3])  # what the compressed file holds
    if info.st_size == 0:
        yield failure(source, "E001")
        return
    if hint in _WHOLE and info.st_size > max_bytes:
        yield _too_large(origin, info.st_size)
        return
    try:
        with open(opened, "rb") as stream:
            yield from _read_stream(stream, info.st_size, hint, origin)
    except OSError as error:
        yield failure(source, "E011", _os_reason(error))


def read_url(
    url: str,
    *,
    fetcher: Fetcher | None = None,
    max_bytes: int | None = None,
    limits: Limits | None = None,
) -> Iterator[Document | IngestFailure]:
    """The Documents at a URL (a feed's entries, usually), fetched with ``fetcher``."""
    limits = limits_with(limits, max_bytes)
    max_bytes = limits.max_document_bytes
    fetcher = fetcher if fetcher is not None else UrllibFetcher(max_bytes=max_bytes)
    try:
        data = fetcher.fetch(url)
    except OSError as error:
        yield failure(url, "E011", _os_reason(error))
        return
    origin = Origin(url, dt.datetime.now(dt.UTC), max_bytes, limits)
    if not data:
        yield failure(url, "E001")
        return
    yield from _read_stream(io.BytesIO(data), len(data), by_extension(urlsplit(url).path), origin)


def _read_stream(
    stream: IO[bytes], size: int, hint: Format | None, origin: Origin, *, inflated: bool = False
) -> Iterator[Document | IngestFailure]:
    head = stream.read(HEAD_BYTES)
    if len(head) == size and not head.strip():
        yield failure(origin.source, "E001")
        return
    fmt = sniff(head, hint)
    if fmt is Format.WARC:
        stream.seek(0)
        yield from read_warc(stream, origin, size)
        return
    if head.startswith(_GZIP_MAGIC) and not inflated:
        stream.seek(0)
        data = _inflate(stream, origin)
        if isinstance(data, IngestFailure):
            yield data
        else:
            yield from _read_stream(io.BytesIO(data), len(data), hint, origin, inflated=True)
        return
    reason = binary_reason(head)
    if reason is not None:
        yield failure(origin.source, "E002", reason)
        return
    if fmt is Format.JSONL:
        stream.seek(0)
        yield from read_jsonl(stream, origin)
        return
    if fmt is Format.JSON:
        stream.seek(0)
        yield from read_json(stream, origin, size)
        return
    if size > origin.max_bytes:
        yield _too_large(origin, size)
        return
    # Bounded even if the file grew after it was measured.
    data = head + stream.read(origin.max_bytes + 1 - len(head))
    if len(data) > origin.max_bytes:
        yield _too_large(origin, len(data))
        return
    reason = nul_reason(data)
    if reason is not None:
        # The head was sniffed; a NUL byte further on still makes the file binary.
        yield failure(origin.source, "E002", reason)
        return
    yield from _read_whole(data, fmt, origin)


def _read_whole(data: bytes, fmt: Format, origin: Origin) -> Iterator[Document | IngestFailure]:
    if not data.strip():
        yield failure(origin.source, "E001")
    elif fmt is Format.FEED:
        yield from read_feed(data, origin)
    elif fmt is Format.XML:
        root = _ROOT_RE.search(re.sub(rb"<[?!][^>]*>", b"", data[:HEAD_BYTES]))
        name = root.group(1).decode("ascii") if root else "unknown"
        yield failure(origin.source, "E008", f"its root element <{name}> is not RSS or Atom")
    elif fmt is Format.HTML:
        yield from read_html(data, origin)
    else:
        yield from read_text(data, origin)


_GZIP_MAGIC = b"\x1f\x8b"


def _inflate(stream: IO[bytes], origin: Origin) -> bytes | IngestFailure:
    """The content of a gzip-compressed file, or its failure: corrupt, or over the size limit.

    Inflating stops one byte past the limit, so a decompression bomb costs only the limit.
    """
    try:
        with gzip.GzipFile(fileobj=stream, mode="rb") as inner:
            data = inner.read(origin.max_bytes + 1)
    except (OSError, EOFError, ValueError, zlib.error) as error:
        return failure(origin.source, "E005", _error_text(error))
    if len(data) > origin.max_bytes:
        limit = size_text(origin.max_bytes)
        return failure(origin.source, "E003", "what it holds is larger, decompressed", limit)
    if not data.strip():
        return failure(origin.source, "E001")
    return data


def _too_large(origin: Origin, n_bytes: int) -> IngestFailure:
    # A fetcher stops at max_bytes + 1, so that size only says the body is bigger than the limit.
    shown = (
        size_text(n_bytes)
        if n_bytes > origin.max_bytes + 1
        else f"more than {size_text(origin.max_bytes)}"
    )
    return failure(origin.source, "E003", shown, size_text(origin.max_bytes))


def _os_reason(error: OSError) -> str:
    if isinstance(error, PermissionError):
        return "permission denied"
    return error.strerror or str(error) or type(error).__name__
