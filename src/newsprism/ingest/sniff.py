"""Which format a file is in: by its extension, or by its first bytes when that is ambiguous."""

from __future__ import annotations

import enum
import re
import zlib

from newsprism.ingest.decode import bom_encoding, utf16_without_bom

__all__ = [
    "Format",
    "binary_reason",
    "by_extension",
    "gzip_holds_warc",
    "looks_like_feed",
    "nul_reason",
    "sniff",
]


class Format(enum.Enum):
    """The input formats ingest reads."""

    TEXT = "text"
    HTML = "html"
    JSONL = "jsonl"
    JSON = "json"
    """A whole JSON document, or JSON lines under another name: decided when read."""
    WARC = "warc"
    FEED = "feed"
    XML = "xml"
    """Some XML that is not (yet known to be) a feed: ``.xml`` before sniffing."""


_EXTENSIONS: dict[str, Format] = {
    ".txt": Format.TEXT,
    ".text": Format.TEXT,
    ".html": Format.HTML,
    ".htm": Format.HTML,
    ".xhtml": Format.HTML,
    ".shtml": Format.HTML,
    ".jsonl": Format.JSONL,
    ".ndjson": Format.JSONL,
    ".json": Format.JSON,
    ".warc": Format.WARC,
    ".warc.gz": Format.WARC,
    ".rss": Format.FEED,
    ".atom": Format.FEED,
    ".xml": Format.XML,
}

# Magic numbers of the binary files most often found in scraped folders, to name them.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"BZh", "bzip2-compressed data"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"\x28\xb5\x2f\xfd", "zstd-compressed data"),
)
_GZIP_MAGIC = b"\x1f\x8b"

# Text almost never has control characters other than tab, newlines, form feed and escape;
# 10 % leaves room for a terminal log full of colour codes, while binary formats are far above.
_MAX_CONTROL_SHARE = 0.10
_CONTROL_BYTES = frozenset(range(0x20)) - {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B}

# After an optional XML prologue, comments, processing instructions or a doctype.
_FEED_RE = re.compile(
    r"\A\s*(?:(?:<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>)\s*)*<(?:rss|feed|rdf:RDF)[\s>/]",
    re.DOTALL | re.IGNORECASE,
)
_HTML_RE = re.compile(
    r"\A\s*(?:<\?xml.*?\?>\s*)?(?:<!--.*?-->\s*)*"
    r"<(?:!doctype\s+html|html|head|body|meta|title|link|script|style|div|p|article|section|h[1-6])[\s>/]",
    re.DOTALL | re.IGNORECASE,
)


def by_extension(name: str) -> Format | None:
    """The format a file or URL path's extension names, or None when it names none."""
    lower = name.lower()
    if lower.endswith(".warc.gz"):
        return Format.WARC
    dot = lower.rfind(".")
    slash = max(lower.rfind("/"), lower.rfind("\\"))
    if dot <= slash:
        return None
    return _EXTENSIONS.get(lower[dot:])


def binary_reason(head: bytes) -> str | None:
    """Why the first bytes of a file look binary (named format, NUL bytes, control characters)."""
    for magic, name in _MAGIC:
        if head.startswith(magic):
            return name
    if not head or bom_encoding(head) in ("utf-16", "utf-32") or utf16_without_bom(head):
        # UTF-16 and UTF-32 text is full of NUL bytes; the mark (or their pattern) says text.
        return None
    if b"\x00" in head:
        return "it contains NUL bytes"
    controls = sum(1 for byte in head if byte in _CONTROL_BYTES)
    if controls > _MAX_CONTROL_SHARE * len(head):
        return f"{100 * controls // len(head)} % of its first bytes are control characters"
    return None


def nul_reason(data: bytes) -> str | None:
    """Why ``data`` (a whole file, its head already sniffed) is binary: a NUL byte anywhere,
    unless it is UTF-16 or UTF-32 text."""
    first = data.find(b"\x00")
    if first < 0 or bom_encoding(data) in ("utf-16", "utf-32") or utf16_without_bom(data):
        return None
    return f"it contains NUL bytes, the first at byte {first:,}"


def gzip_holds_warc(head: bytes) -> bool:
    """True when ``head`` is the start of a gzip member whose content begins with a WARC header."""
    if not head.startswith(_GZIP_MAGIC):
        return False
    try:
        # Only the start of the member is at hand, so no end-of-stream is expected.
        start = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 64)
    except zlib.error:
        return False
    return start.lstrip(b"\r\n").startswith(b"WARC/")


def looks_like_feed(head: bytes) -> bool:
    """True when ``head`` starts (after an XML prologue) with an RSS, Atom or RDF root element."""
    return _FEED_RE.match(_head_text(head)) is not None


def sniff(head: bytes, hint: Format | None) -> Format:
    """The format of a file from its extension ``hint`` and its first bytes ``head``."""
    if hint in (Format.WARC, Format.JSONL, Format.JSON):
        return hint
    if head.lstrip(b"\r\n").startswith(b"WARC/") or gzip_holds_warc(head):
        return Format.WARC if hint is None else hint
    if looks_like_feed(head):
        # Any file that opens with a feed's root element is a feed, whatever its name says.
        return Format.FEED
    if hint is not None and hint is not Format.XML:
        return hint
    text = _head_text(head)
    if _HTML_RE.match(text):
        return Format.HTML
    if hint is Format.XML:
        return Format.XML
    if text.lstrip().startswith(("{", "[")):
        return Format.JSON
    return Format.TEXT


def _head_text(head: bytes) -> str:
    codec = bom_encoding(head) or utf16_without_bom(head)
    if codec is not None:
        # A cut-off head may end inside a character; ignore that partial character.
        return head.decode(codec, errors="ignore").lstrip("\ufeff")
    # Latin-1 never fails, and the markers sniffed for are ASCII.
    return head.decode("latin-1")
