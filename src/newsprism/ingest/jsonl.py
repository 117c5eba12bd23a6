"""JSON lines (and plain JSON): article objects, streamed so that any size of dump reads flat.

Each line is an object with ``text`` or ``html`` (``html`` wins when both are present, since the
markup keeps headings and captions that cleaning uses), and optionally ``title``, ``url``,
``outlet`` and ``published`` (an ISO date or datetime). A bad line is one failure naming its
line number; the other lines still yield. ``record_offset`` is the line's byte offset and
``record_index`` its 0-based line number; the content hash covers the line without its line end.
Character references left in the text fields (``text``, ``title``, ``outlet``: "&#8217;",
"&amp;amp;") are decoded (:func:`~newsprism.ingest.base.unescape_entities`); ``html`` is markup,
left to the HTML cleaner.

A ``.json`` file (or an unnamed file starting with ``{`` or ``[``) may be one JSON document
rather than JSON lines: pretty-printed, it would otherwise fail once per line. It is parsed
whole when it fits the size limit: an object is one article (hashed over the file), a list is
one article per element (``record_index`` is the element's position, ``record_offset`` None,
and the hash covers the element's canonical JSON, since its raw bytes are not at hand). If it
does not parse whole, it is read as JSON lines.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import IO, Any

from newsprism.errors import InputError
from newsprism.ingest.base import (
    Origin,
    failure,
    make_document,
    parse_iso_date,
    size_text,
    unescape_entities,
)
from newsprism.ingest.decode import NO_ENCODING, Decoded, decode_bytes, repair_text
from newsprism.ingest.html import html_metadata
from newsprism.records import Document, IngestFailure

__all__ = ["read_json", "read_jsonl"]

# What a JSON value that should have been a string is, in words.
_KINDS: dict[type, str] = {
    int: "a number",
    float: "a number",
    bool: "true or false",
    type(None): "null",
    list: "a list",
    dict: "an object",
}

# Lines over the limit are skipped in pieces of this size, never held whole.
_SKIP_CHUNK = 1024 * 1024


def read_jsonl(stream: IO[bytes], origin: Origin) -> Iterator[Document | IngestFailure]:
    """One Document per line of a JSON-lines stream, or a failure naming the bad line."""
    offset = 0
    records = 0
    for index, (line, size) in enumerate(_lines(stream, origin.max_bytes)):
        start, offset = offset, offset + size
        number = index + 1
        if line is None:
            records += 1
            yield failure(
                origin.source,
                "E003",
                f"the record on line {number} is {size_text(size)}",
                f"{size_text(origin.max_bytes)} per record",
            )
            continue
        raw = line.rstrip(b"\r\n")
        if not raw.strip():
            continue
        records += 1
        yield _line_record(raw, origin, number, start)
    if records == 0:
        yield failure(origin.source, "E001")


def read_json(stream: IO[bytes], origin: Origin, size: int) -> Iterator[Document | IngestFailure]:
    """The articles of a whole JSON document (an object or a list), else of JSON lines."""
    if size <= origin.max_bytes:
        data = stream.read(origin.max_bytes + 1)
        whole = _parse_whole(data, origin.source)
        if whole is not None:
            yield from _whole_records(whole, data, origin)
            return
        stream.seek(0)
    yield from read_jsonl(stream, origin)


def _parse_whole(data: bytes, source: str) -> tuple[object, str] | None:
    try:
        text, encoding = decode_bytes(data, source=source)
        value = json.loads(text)
    except (InputError, ValueError, RecursionError):
        return None
    return (value, encoding) if isinstance(value, dict | list) else None


def _whole_records(
    whole: tuple[object, str], data: bytes, origin: Origin
) -> Iterator[Document | IngestFailure]:
    value, encoding = whole
    if isinstance(value, dict):
        yield _article(value, data, encoding, origin, where="the JSON document")
        return
    assert isinstance(value, list)
    if not value:
        yield failure(origin.source, "E010", "the JSON document is an empty list")
    for index, element in enumerate(value):
        where = f"item {index + 1} of the JSON list"
        if not isinstance(element, dict):
            yield failure(origin.source, "E010", f"{where} is not an object")
            continue
        raw = json.dumps(element, sort_keys=True, ensure_ascii=False).encode("utf-8")
        yield _article(element, raw, encoding, origin, where=where, index=index)


def _line_record(raw: bytes, origin: Origin, number: int, offset: int) -> Document | IngestFailure:
    source = origin.source
    try:
        line, encoding = decode_bytes(raw, source=source)
    except InputError:
        return failure(source, "E004", f"line {number}: {NO_ENCODING}")
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as error:
        return failure(source, "E006", f"{number} ({error.msg} at column {error.colno})")
    except RecursionError:
        return failure(source, "E006", f"{number} (nested too deeply)")
    if not isinstance(obj, dict):
        return failure(source, "E007", f"{number} (it is not an object)")
    if not isinstance(obj.get("html"), str) and not isinstance(obj.get("text"), str):
        field = next((f for f in ("html", "text") if f in obj), None)
        if field is not None:
            kind = _KINDS.get(type(obj[field]), "not text")
            return failure(source, "E010", f"line {number}: its '{field}' field is {kind}")
        return failure(source, "E007", number)
    return _article(
        obj, raw, encoding, origin, where=f"line {number}", offset=offset, index=number - 1
    )


def _article(
    obj: Mapping[str, Any],
    raw: bytes,
    encoding: str,
    origin: Origin,
    *,
    where: str,
    offset: int | None = None,
    index: int | None = None,
) -> Document | IngestFailure:
    html, text = obj.get("html"), obj.get("text")
    if isinstance(html, str):
        body, media_type = html, "html"
    elif isinstance(text, str):
        body, media_type = text, "text"
    else:
        return failure(origin.source, "E010", f"{where} has no 'text' or 'html' field")
    if not body.strip():
        return failure(origin.source, "E010", f"{where} has an empty '{media_type}' field")
    content, repaired = repair_text(body)
    meta = html_metadata(content) if media_type == "html" else None
    return make_document(
        origin,
        raw,
        Decoded(content, encoding, repaired),
        media_type,
        record_offset=offset,
        record_index=index,
        url=_string(obj.get("url")) or (meta.url if meta else None),
        title=_text_field(obj.get("title")) or (meta.title if meta else None),
        outlet=_text_field(obj.get("outlet")) or (meta.outlet if meta else None),
        published=parse_iso_date(obj.get("published")) or (meta.published if meta else None),
    )


def _string(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _text_field(value: object) -> str | None:
    # A title or an outlet name is text, never markup: its references are decoded.
    text = _string(value)
    return unescape_entities(text) if text else None


def _lines(stream: IO[bytes], limit: int) -> Iterator[tuple[bytes | None, int]]:
    # Yields (line, bytes consumed); line is None for a line longer than ``limit``, which is
    # skipped without being held in memory.
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) <= limit or line.endswith(b"\n"):
            yield line, len(line)
            continue
        size = len(line)
        while True:
            chunk = stream.readline(_SKIP_CHUNK)
            size += len(chunk)
            if not chunk or chunk.endswith(b"\n"):
                break
        yield None, size
