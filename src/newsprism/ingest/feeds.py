"""RSS and Atom feeds (files or fetched URLs): each entry with content becomes a Document.

The entry's ``content:encoded`` or Atom ``content`` (else its summary) is the Document's HTML;
its link, title and published (else updated) date come with it, and the feed's title is the
outlet. feedparser decodes the feed and sanitises the HTML; ingest repairs mojibake and
decodes the character references a plain-text summary, a title or the feed's title still holds
once feedparser has read them (a feed that escaped them twice: "&amp;#8217;").
A malformed feed (an undefined entity, a missing close tag) is read by feedparser's forgiving
parser; only a feed from which no entry at all can be recovered is E008.

Entity declarations in a feed's document type (``<!DOCTYPE rss [<!ENTITY ...>]>``) are
blanked before parsing: no real feed needs them, and they are how an attacker expands a few
bytes into gigabytes ("billion laughs") or pulls a local file or a URL into the text (XXE). The
references to them are then undefined, and read as the text they are. Blanking keeps every byte
offset where it was.

A feed with more entries than :attr:`Limits.max_feed_entries
<newsprism.limits.Limits.max_feed_entries>` is cut before its first entry past the limit,
before it is parsed, so its cost is that of the limit; the entries before the cut are read and
the feed is reported (E016).

Provenance: ``record_index`` is the entry's position in the feed. When the raw bytes can be
matched to the entries (one ``<item>`` or ``<entry>`` element per entry, as in any well-formed
feed in an ASCII-compatible encoding), ``record_offset`` is where the element starts and the
content hash covers the element's bytes; otherwise ``record_offset`` is None and the hash covers
a canonical JSON of the entry's link, id, title, date and content, which is just as stable.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import feedparser

from newsprism.ingest.base import Origin, failure, make_document, unescape_entities
from newsprism.ingest.decode import Decoded, repair_text
from newsprism.limits import Limits
from newsprism.records import Document, IngestFailure

__all__ = ["FeedEntry", "feed_entries", "read_feed"]

_DOCTYPE_RE = re.compile(rb"<!DOCTYPE\b", re.IGNORECASE)
_ROOT_RE = re.compile(rb"<(?:[\w.-]+:)?(?:rss|feed|RDF)[\s>/]")
# A document type comes before the root element, near the start of the file.
_PROLOGUE_BYTES = 64 * 1024
_ENTRY_START_RE = re.compile(rb"<(?:[\w.-]+:)?(item|entry)(?=[\s>/])")
_ENTRY_END_RE = {
    b"item": re.compile(rb"</(?:[\w.-]+:)?item\s*>"),
    b"entry": re.compile(rb"</(?:[\w.-]+:)?entry\s*>"),
}


def read_feed(data: bytes, origin: Origin) -> Iterator[Document | IngestFailure]:
    """One Document per entry of an RSS or Atom feed, or a failure when it is not one."""
    headers = {"content-location": origin.source} if "://" in origin.source else {}
    data, cut = _first_entries(_without_entities(data), origin.limits.max_feed_entries)
    try:
        # A stream, never the bytes: feedparser would try bytes as a file name first.
        parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    except Exception as error:
        # feedparser reports most damage as "bozo", but some (a non-UTF-8 byte in the XML
        # declaration) escapes as an exception; either way the feed cannot be parsed.
        yield failure(origin.source, "E008", f"{type(error).__name__}: {error}")
        return
    entries: list[Any] = list(parsed.get("entries", []))
    if not entries:
        if parsed.get("bozo"):
            exception = parsed.get("bozo_exception")
            yield failure(origin.source, "E008", " ".join(str(exception).split()) or "malformed")
        elif not parsed.get("version"):
            yield failure(origin.source, "E008", "it is not RSS or Atom")
        else:
            yield failure(origin.source, "E010", "the feed has no entries")
        return
    outlet = _plain(parsed.get("feed", {}).get("title"))
    encoding = str(parsed.get("encoding") or "utf-8")
    spans = _entry_spans(data, len(entries))
    for index, entry in enumerate(entries):
        body, media_type = _entry_body(entry)
        link = _text(entry.get("link"))
        if not body.strip():
            detail = f"entry {index + 1} ({link or 'no link'}) has no content or summary"
            yield failure(origin.source, "E010", detail)
            continue
        content, repaired = repair_text(body)
        published = _entry_date(entry)
        if spans is not None:
            start, stop = spans[index]
            raw, offset = data[start:stop], start
        else:
            raw, offset = _canonical(entry, content, published), None
        yield make_document(
            origin,
            raw,
            Decoded(content, encoding, repaired),
            media_type,
            record_offset=offset,
            record_index=index,
            url=link,
            title=_plain(entry.get("title")),
            outlet=outlet,
            published=published,
        )
    if cut:
        yield failure(origin.source, "E016", "", f"{origin.limits.max_feed_entries:,}")


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """What a poller needs to know of one entry before reading it: where it is in the feed
    (the ``record_index`` :func:`read_feed` gives its Document), its id and link, and whether
    the feed carries its text or only a summary."""

    index: int
    id: str | None
    link: str | None
    title: str | None
    full_text: bool
    """True when the entry has ``content:encoded`` or Atom ``content``, not only a summary."""


def feed_entries(data: bytes, limits: Limits) -> list[FeedEntry] | str:
    """The entries of a feed, parsed as :func:`read_feed` parses it (same cut, same order),
    or why none can be read (it is not RSS or Atom, or no entry can be recovered); a sound
    feed with no entries has an empty list."""
    data, _ = _first_entries(_without_entities(data), limits.max_feed_entries)
    try:
        parsed = feedparser.parse(io.BytesIO(data))
    except Exception as error:
        return f"{type(error).__name__}: {error}"
    entries: list[Any] = list(parsed.get("entries", []))
    if not entries:
        if parsed.get("bozo"):
            return " ".join(str(parsed.get("bozo_exception")).split()) or "malformed"
        return [] if parsed.get("version") else "it is not RSS or Atom"
    found: list[FeedEntry] = []
    for index, entry in enumerate(entries):
        contents = [c for c in entry.get("content", []) if str(c.get("value", "")).strip()]
        found.append(
            FeedEntry(
                index,
                _text(entry.get("id")),
                _text(entry.get("link")),
                _text(entry.get("title")),
                bool(contents),
            )
        )
    return found


def _without_entities(data: bytes) -> bytes:
    """``data`` with a document type declaring entities blanked out, offsets unchanged."""
    doctype = _DOCTYPE_RE.search(data, 0, _PROLOGUE_BYTES)
    if doctype is None:
        return data
    root = _ROOT_RE.search(data, doctype.end())
    end = root.start() if root is not None else len(data)
    if b"<!ENTITY" not in data[doctype.start() : end].upper():
        return data
    # The declaration is blanked up to the root element: an entity value may hold "]>".
    return data[: doctype.start()] + b" " * (end - doctype.start()) + data[end:]


def _first_entries(data: bytes, limit: int) -> tuple[bytes, bool]:
    """``data`` cut where its entry past ``limit`` starts, and whether it was cut.

    Counting start tags is one linear scan, far cheaper than parsing; the forgiving parser
    reads the cut feed (whose root is left open) as it reads any truncated one.
    """
    position = 0
    for count, start in enumerate(_ENTRY_START_RE.finditer(data)):
        if count == limit:
            position = start.start()
            break
    else:
        return data, False
    return data[:position], True


def _entry_body(entry: Mapping[str, Any]) -> tuple[str, str]:
    # content:encoded and Atom content land in entry.content; prefer an HTML one.
    contents = [c for c in entry.get("content", []) if str(c.get("value", "")).strip()]
    contents.sort(key=lambda c: "html" not in str(c.get("type", "")))
    if contents:
        chosen = contents[0]
    else:
        chosen = entry.get("summary_detail") or {"value": entry.get("summary", "")}
    value = str(chosen.get("value") or "")
    media_type = "text" if chosen.get("type") == "text/plain" else "html"
    return value, media_type


def _entry_date(entry: dict[str, Any]) -> dt.date | None:
    # dict.get, not entry.get: feedparser's own get maps a missing "updated_parsed" onto
    # "published_parsed" with a DeprecationWarning.
    parsed = dict.get(entry, "published_parsed") or dict.get(entry, "updated_parsed")
    if not isinstance(parsed, time.struct_time):
        return None
    return dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)


def _entry_spans(data: bytes, count: int) -> list[tuple[int, int]] | None:
    # Byte ranges of the <item>/<entry> elements, if they pair off one-to-one with the entries.
    spans: list[tuple[int, int]] = []
    position = 0
    while True:
        start = _ENTRY_START_RE.search(data, position)
        if start is None:
            break
        end = _ENTRY_END_RE[start.group(1)].search(data, start.end())
        if end is None:
            return None
        spans.append((start.start(), end.end()))
        position = end.end()
    return spans if len(spans) == count else None


def _canonical(entry: Mapping[str, Any], content: str, published: dt.date | None) -> bytes:
    fields = {
        "content": content,
        "id": _text(entry.get("id")),
        "link": _text(entry.get("link")),
        "published": published.isoformat() if published else None,
        "title": _text(entry.get("title")),
    }
    return json.dumps(fields, sort_keys=True, ensure_ascii=False).encode("utf-8")


def _text(value: object) -> str | None:
    return " ".join(value.split()) or None if isinstance(value, str) else None


def _plain(value: object) -> str | None:
    # A title as printed: the references feedparser left in it decoded.
    text = _text(value)
    return " ".join(unescape_entities(text).split()) or None if text else None
