"""What the format readers share: where bytes came from, and how a record becomes a Document."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import html
import re
import unicodedata
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
    "unescape_entities",
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


# A character reference with its closing semicolon. Without one ("AT&T", "R&D", "&copy2008") an
# ampersand is as often plain text as a reference, so it is never read as one.
_REFERENCE_BODY = r"(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
_REFERENCE = re.compile("&" + _REFERENCE_BODY)
# What an escaper must write as a reference: text that still holds one of these raw (a "<", a
# ">", an "&" that starts no reference) was not escaped, so its "&lt;" and "&amp;" are what its
# author wrote. (Most escapers leave quotes raw, so a raw quote says nothing.)
_RAW_MARKUP = re.compile(f"[<>]|&(?!{_REFERENCE_BODY})")
_MARKUP = frozenset("<>&\"'")


def _character(reference: str) -> str | None:
    """The character a reference stands for, or None when it is to be left as written: an
    unknown name, no character at all (a control code, a surrogate) or a line break, which
    would renumber the lines after it (a blank stands for it)."""
    char = html.unescape(reference)
    if char == reference or not char:
        return None
    if len(char) == 1 and len(f"a{char}b".splitlines()) > 1:
        return " "
    if char == "\ufffd" or any(unicodedata.category(c) in ("Cc", "Cs") and c != "\t" for c in char):
        return None
    return char


def _decode(text: str, markup: bool) -> str:
    """``text`` with its references replaced: all of them when ``markup``, else those that
    stand for characters other than markup ones (``&#8217;``, ``&eacute;``, ``&nbsp;``)."""

    def one(match: re.Match[str]) -> str:
        char = _character(match.group())
        if char is None or (not markup and char in _MARKUP):
            return match.group()
        return char

    return _REFERENCE.sub(one, text)


def unescape_entities(text: str) -> str:
    """Text that reached newsprism as text (a plain-text file, a JSON field, a feed's plain
    summary, a title) with the HTML character references it was left holding decoded, so that
    it reads as the outlet printed it.

    Each line is read on its own, since a scrape joins lines of different makings ("War & Peace"
    printed raw above a line of escaped markup its CMS left behind). A reference to a character
    that is no markup ("&#8217;", "&rsquo;", "&nbsp;") is always decoded: no one prints one in
    running text. A reference to a markup character ("&lt;", "&amp;", "&quot;") is decoded only
    when the line was escaped, that is when it holds no raw "<", ">" or bare "&": a line that
    writes "&" raw beside "&lt;b&gt;" is writing about markup. Escaped twice ("&amp;amp;",
    "&amp;#8217;"), a line is decoded a second time only when its second level holds an escaped
    ampersand or a character that is no markup: "&amp;lt;b&amp;gt;" may well be a line about
    markup that was escaped once, and becomes "&lt;b&gt;".

    A reference to a line break becomes a blank, so that the text keeps its lines (gold labels
    and line numbers count them); unknown names and references to no character stay as written.
    """
    if "&" not in text or not _REFERENCE.search(text):
        return text
    return "\n".join(_unescape_line(line) if "&" in line else line for line in text.split("\n"))


def _unescape_line(line: str) -> str:
    if _RAW_MARKUP.search(line):
        return _decode(line, markup=False)
    once = _decode(line, markup=True)
    if not _RAW_MARKUP.search(once) and any(
        (char := _character(m.group())) is not None and (char == "&" or char not in _MARKUP)
        for m in _REFERENCE.finditer(once)
    ):
        return _decode(once, markup=True)
    # What is left of a second level is decoded as in a line that was never escaped.
    return _decode(once, markup=False)


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
    """A :class:`Document` for one record, its id and hash taken from the record's raw bytes.

    Plain text (a text file, a JSON ``text`` field, a feed's plain summary, a WARC ``text/plain``
    record) is stored with its character references decoded (:func:`unescape_entities`): the
    stored text is what every span points into, and it reads as the outlet printed it.
    """
    if media_type == "text":
        decoded = dataclasses.replace(decoded, text=unescape_entities(decoded.text))
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
