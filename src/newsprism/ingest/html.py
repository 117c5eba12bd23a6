"""HTML pages: the markup is kept whole for cleaning; only head metadata is read here.

The metadata (``<title>``, canonical URL, ``og:site_name``, a published-time meta tag) is what a
page states about itself, read with the standard library's forgiving tokenizer: scripts,
unclosed tags and broken attributes do not stop it. Dates beyond a stated meta tag are left to
the clean stage, which weighs all the evidence.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from newsprism.errors import InputError
from newsprism.ingest.base import Origin, failure, failure_from, make_document, parse_iso_date
from newsprism.ingest.decode import declared_charset, decode
from newsprism.records import Document, IngestFailure

__all__ = ["HtmlMeta", "html_metadata", "read_html"]

# The head of a real page, inline scripts and styles included, fits well inside this; the
# parser stops at <body> anyway, so this only bounds pages that have no <body> tag.
_SCAN_CHARS = 512 * 1024

# In order of preference: the Open Graph article time is the most deliberate statement.
_DATE_META = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "dc.date",
    "dc.date.issued",
    "dcterms.date",
    "dcterms.issued",
    "parsely-pub-date",
    "sailthru.date",
)


@dataclass(frozen=True, slots=True)
class HtmlMeta:
    """What a page's head says about it."""

    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: dt.date | None = None


class _StopParsing(Exception):
    """Raised inside the parser once the head has been read."""


class _HeadParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title_parts: list[str] = []
        self.in_title = False
        self.seen_title = False
        self.canonical: str | None = None
        self.meta: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body":
            raise _StopParsing
        values = {name.lower(): value or "" for name, value in attrs}
        if tag == "title" and not self.seen_title:
            self.in_title = True
        elif tag == "link" and "canonical" in values.get("rel", "").lower().split():
            self.canonical = self.canonical or values.get("href", "").strip() or None
        elif tag == "meta":
            key = values.get("property") or values.get("name") or values.get("itemprop") or ""
            key = key.strip().lower()
            content = values.get("content", "").strip()
            if key and content:
                self.meta.setdefault(key, content)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title" and self.in_title:
            self.in_title = False
            self.seen_title = True
        elif tag == "head":
            raise _StopParsing

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title_parts.append(data)


def html_metadata(text: str, base_url: str | None = None) -> HtmlMeta:
    """Title, canonical URL, outlet and stated publication date from an HTML page's head."""
    parser = _HeadParser()
    try:
        parser.feed(text[:_SCAN_CHARS])
        parser.close()
    except _StopParsing:
        pass
    except AssertionError:
        # The standard library's tokenizer gives up on junk such as "<![x" with an
        # AssertionError; what it read before that still stands.
        pass
    title = " ".join("".join(parser.title_parts).split()) or parser.meta.get("og:title")
    url = _absolute(parser.canonical, base_url) or _absolute(parser.meta.get("og:url"), base_url)
    published = next(
        (date for key in _DATE_META if (date := parse_iso_date(parser.meta.get(key))) is not None),
        None,
    )
    return HtmlMeta(
        title=title or None,
        url=url,
        outlet=parser.meta.get("og:site_name") or None,
        published=published,
    )


def read_html(data: bytes, origin: Origin) -> Iterator[Document | IngestFailure]:
    """One HTML page as a Document (media type ``"html"``) with its head metadata."""
    try:
        decoded = decode(data, source=origin.source, declared=declared_charset(data))
    except InputError as error:
        yield failure_from(error)
        return
    if not decoded.text.strip():
        yield failure(origin.source, "E001")
        return
    meta = html_metadata(decoded.text)
    yield make_document(
        origin,
        data,
        decoded,
        "html",
        url=meta.url,
        title=meta.title,
        outlet=meta.outlet,
        published=meta.published,
    )


def _absolute(url: str | None, base_url: str | None) -> str | None:
    # Only http(s) URLs identify an article; relative ones are kept when a base resolves them.
    if not url:
        return None
    if base_url:
        url = urljoin(base_url, url)
    return url if urlsplit(url).scheme in ("http", "https") else None
