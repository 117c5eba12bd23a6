"""Plain text, HTML, JSON lines and RSS/Atom feeds, from files and from a fetcher."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsprism.ingest import FetchError, MemoryFetcher, iter_documents, read_file, read_url
from newsprism.ingest.base import Origin
from newsprism.ingest.feeds import read_feed
from newsprism.records import Document, IngestFailure

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<!-- a comment before the root -->
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Example News</title><link>https://news.example/</link>
<item><title>First story</title><link>https://news.example/1</link>
<pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate>
<description>Short summary</description>
<content:encoded><![CDATA[<p>The full first story.</p>]]></content:encoded></item>
<item><title>Second story</title><link>https://news.example/2</link>
<description>Only a summary for this one.</description></item>
<item><title>Link only</title><link>https://news.example/3</link></item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Times</title>
<entry><title>Atom story</title><link href="https://atom.example/a"/>
<updated>2024-01-02T23:30:00Z</updated>
<content type="html">&lt;p&gt;Caf\u00e9 society.&lt;/p&gt;</content></entry>
</feed>
""".encode()

RDF = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
<channel rdf:about="https://rdf.example/"><title>RDF Daily</title>
<items><rdf:Seq><rdf:li resource="https://rdf.example/1"/></rdf:Seq></items></channel>
<item rdf:about="https://rdf.example/1"><title>RDF story</title>
<link>https://rdf.example/1</link><description>An RDF item.</description></item>
</rdf:RDF>
"""


def only(items: list[Document | IngestFailure]) -> Document:
    assert len(items) == 1, items
    item = items[0]
    assert isinstance(item, Document), item
    return item


def docs_of(items: list[Document | IngestFailure]) -> list[Document]:
    return [item for item in items if isinstance(item, Document)]


# --------------------------------------------------------------------------------------------
# plain text


def test_text_file(tmp_path: Path) -> None:
    raw = b"MOSCOW, November 13. /TASS/.\r\n\r\n  Menu | Home\r\nBody text.\r\n"
    path = tmp_path / "story.txt"
    path.write_bytes(raw)
    doc = only(list(read_file(str(path))))
    assert doc.media_type == "text"
    assert doc.content == "MOSCOW, November 13. /TASS/.\n\n  Menu | Home\nBody text.\n"
    digest = hashlib.sha256(raw).hexdigest()
    assert doc.provenance.content_hash == digest
    assert doc.id == digest[:16]
    assert doc.provenance.source == str(path)
    assert doc.provenance.record_offset is None
    assert doc.provenance.record_index is None
    assert doc.provenance.encoding == "utf-8"
    mtime = dt.datetime.fromtimestamp(os.stat(path).st_mtime, dt.UTC)
    assert doc.provenance.fetched_at == mtime
    assert (doc.url, doc.title, doc.outlet, doc.published) == (None, None, None, None)


def test_mojibake_is_repaired_and_flagged(tmp_path: Path) -> None:
    path = tmp_path / "moji.txt"
    path.write_text("The cafÃ© reopened.", encoding="utf-8")
    doc = only(list(read_file(str(path))))
    assert doc.content == "The café reopened."
    assert doc.provenance.repaired


def test_legacy_text_file(tmp_path: Path) -> None:
    path = tmp_path / "fr.txt"
    path.write_bytes("Le président a déclaré à l’Assemblée.".encode("cp1252"))
    doc = only(list(read_file(str(path))))
    assert doc.content == "Le président a déclaré à l’Assemblée."
    assert doc.provenance.encoding == "cp1252"


# --------------------------------------------------------------------------------------------
# HTML


@pytest.mark.parametrize(
    "head, title, url, outlet, published",
    [
        ("<title>A  headline\n</title>", "A headline", None, None, None),
        (
            '<title>T</title><link rel="canonical" href="https://ex.example/a">'
            '<meta property="og:url" content="https://ex.example/og">',
            "T",
            "https://ex.example/a",
            None,
            None,
        ),
        (
            '<meta property="og:url" content="https://ex.example/og">',
            None,
            "https://ex.example/og",
            None,
            None,
        ),
        ('<meta property="og:title" content="OG title">', "OG title", None, None, None),
        ('<meta property="og:site_name" content="The Example">', None, None, "The Example", None),
        (
            '<meta name="date" content="2020-01-01">'
            '<meta property="article:published_time" content="2024-03-05T23:10:00+01:00">',
            None,
            None,
            None,
            dt.date(2024, 3, 5),
        ),
        ('<meta name="pubdate" content="not a date">', None, None, None, None),
        ('<link rel="canonical" href="/relative">', None, None, None, None),
        ("<title>Caf&eacute; &amp; bar</title>", "Café & bar", None, None, None),
    ],
)
def test_html_metadata(
    tmp_path: Path,
    head: str,
    title: str | None,
    url: str | None,
    outlet: str | None,
    published: dt.date | None,
) -> None:
    path = tmp_path / "page.html"
    html = f"<!DOCTYPE html><html><head>{head}</head><body><p>Text.</p></body></html>"
    path.write_text(html, encoding="utf-8")
    doc = only(list(read_file(str(path))))
    assert doc.media_type == "html"
    assert doc.content == html
    assert (doc.title, doc.url, doc.outlet, doc.published) == (title, url, outlet, published)


def test_messy_html_still_ingests(tmp_path: Path) -> None:
    html = (
        "<html><head><title>Messy</title><script>if (a < b && c > d) { document.write('<body>'); }"
        "</script><style>p{}</style><body><div><p>Unclosed <b>bold <i>italic<table><tr><td>cell"
        "<p>another paragraph<!-- unterminated comment"
    )
    path = tmp_path / "messy.htm"
    path.write_text(html, encoding="utf-8")
    doc = only(list(read_file(str(path))))
    assert doc.content == html
    assert doc.title == "Messy"


def test_html_declared_charset(tmp_path: Path) -> None:
    html = '<html><head><meta charset="windows-1251"><title>Новости</title></head><body>Москва'
    path = tmp_path / "ru.html"
    path.write_bytes(html.encode("cp1251"))
    doc = only(list(read_file(str(path))))
    assert doc.title == "Новости"
    assert doc.provenance.encoding == "cp1251"


# --------------------------------------------------------------------------------------------
# JSON lines


def test_jsonl_records_and_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps(
            {
                "text": "Plain body.\r\nSecond line.",
                "title": "One",
                "url": "https://j.example/1",
                "outlet": "J",
                "published": "2024-03-05T10:00:00Z",
            }
        ),
        "{not json",
        "",
        json.dumps({"html": "<html><head><title>From head</title></head><p>x</p></html>"}),
        json.dumps({"title": "no body"}),
        json.dumps(["a", "list"]),
        json.dumps({"text": "   "}),
        json.dumps({"text": "Both", "html": "<p>Both</p>", "published": "2024-02-30"}),
    ]
    raw = "\n".join(lines).encode() + b"\n"
    path = tmp_path / "dump.jsonl"
    path.write_bytes(raw)
    items = list(read_file(str(path)))
    kinds = [i.code if isinstance(i, IngestFailure) else i.media_type for i in items]
    assert kinds == ["text", "E006", "html", "E007", "E007", "E010", "html"]
    first, third, last = docs_of(items)
    assert first.content == "Plain body.\nSecond line."
    assert (first.title, first.url, first.outlet) == ("One", "https://j.example/1", "J")
    assert first.published == dt.date(2024, 3, 5)
    assert first.provenance.record_index == 0
    assert first.provenance.record_offset == 0
    assert first.provenance.content_hash == hashlib.sha256(lines[0].encode()).hexdigest()
    assert third.title == "From head"
    assert third.provenance.record_index == 3
    assert third.provenance.record_offset == raw.index(lines[3].encode())
    assert last.content == "<p>Both</p>"
    assert last.published is None
    failures = [i for i in items if isinstance(i, IngestFailure)]
    assert [f.reason.split(" (")[0] for f in failures] == [
        "line 2",
        "JSON line 5 has neither a 'text' nor an 'html' field",
        "JSON line 6",
        "no article text found",
    ]
    assert all(f.source == str(path) for f in failures)


def test_jsonl_size_limit_is_per_record(tmp_path: Path) -> None:
    small = json.dumps({"text": "small"})
    big = json.dumps({"text": "x" * 300_000})
    path = tmp_path / "big.jsonl"
    path.write_text("\n".join([small, big, small]) + "\n", encoding="utf-8")
    items = list(read_file(str(path), max_bytes=200_000))
    assert [type(i).__name__ for i in items] == ["Document", "IngestFailure", "Document"]
    failure = items[1]
    assert isinstance(failure, IngestFailure)
    assert failure.code == "E003"
    assert "line 2" in failure.reason
    after = items[2]
    assert isinstance(after, Document)
    assert after.provenance.record_index == 2


@pytest.mark.parametrize(
    "name, value, expected",
    [
        ("one.json", {"text": "Whole object."}, ["text"]),
        (
            "many.json",
            [{"html": "<p>a</p>"}, {"nope": 1}, "str", {"text": "b"}],
            ["html", "E010", "E010", "text"],
        ),
        ("meta.json", {"id": {"articleBody": "not our schema"}}, ["E010"]),
        ("empty.json", [], ["E010"]),
        ("unnamed", [{"text": "sniffed as JSON"}], ["text"]),
    ],
)
def test_whole_json_documents(
    tmp_path: Path, name: str, value: object, expected: list[str]
) -> None:
    path = tmp_path / name
    path.write_text(json.dumps(value, indent=2), encoding="utf-8")
    items = list(read_file(str(path)))
    assert [i.code if isinstance(i, IngestFailure) else i.media_type for i in items] == expected
    for doc in docs_of(items):
        assert doc.provenance.record_offset is None


def test_json_file_holding_json_lines(tmp_path: Path) -> None:
    path = tmp_path / "lines.json"
    path.write_text('{"text": "one"}\n{"text": "two"}\n', encoding="utf-8")
    docs = docs_of(list(read_file(str(path))))
    assert [(d.content, d.provenance.record_index) for d in docs] == [("one", 0), ("two", 1)]


# --------------------------------------------------------------------------------------------
# feeds


def test_rss_file(tmp_path: Path) -> None:
    path = tmp_path / "news.rss"
    path.write_bytes(RSS)
    items = list(read_file(str(path)))
    assert [type(i).__name__ for i in items] == ["Document", "Document", "IngestFailure"]
    first, second = docs_of(items)
    assert first.content == "<p>The full first story.</p>"
    assert first.media_type == "html"
    assert (first.title, first.url, first.outlet) == (
        "First story",
        "https://news.example/1",
        "Example News",
    )
    assert first.published == dt.date(2024, 3, 5)
    assert first.provenance.record_index == 0
    assert first.provenance.record_offset == RSS.index(b"<item>")
    assert second.content == "Only a summary for this one."
    assert second.provenance.record_index == 1
    failure = items[2]
    assert isinstance(failure, IngestFailure)
    assert failure.code == "E010"
    assert "https://news.example/3" in failure.reason


@pytest.mark.parametrize(
    "name, data, title, outlet, published",
    [
        ("atom.atom", ATOM, "Atom story", "Atom Times", dt.date(2024, 1, 2)),
        ("atom.xml", ATOM, "Atom story", "Atom Times", dt.date(2024, 1, 2)),
        ("feed", ATOM, "Atom story", "Atom Times", dt.date(2024, 1, 2)),
        ("rdf.xml", RDF, "RDF story", "RDF Daily", None),
        ("saved.txt", RDF, "RDF story", "RDF Daily", None),
    ],
)
def test_feed_formats_are_sniffed(
    tmp_path: Path, name: str, data: bytes, title: str, outlet: str, published: dt.date | None
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    doc = only(list(read_file(str(path))))
    assert (doc.title, doc.outlet, doc.published) == (title, outlet, published)
    assert doc.provenance.record_offset is not None


def test_feed_url_through_the_fetcher() -> None:
    url = "https://news.example/feed"
    fetcher = MemoryFetcher({url: RSS})
    items = list(iter_documents([url], fetcher=fetcher))
    assert fetcher.requested == [url]
    docs = docs_of(items)
    assert [d.url for d in docs] == ["https://news.example/1", "https://news.example/2"]
    assert all(d.provenance.source == url for d in docs)
    assert all(d.provenance.fetched_at is not None for d in docs)


@pytest.mark.parametrize(
    "pages, reason",
    [
        ({}, "HTTP 404 Not Found"),
        ({"https://down.example/rss": FetchError("timed out")}, "timed out"),
    ],
)
def test_fetch_failure_is_e011(pages: dict[str, bytes | Exception], reason: str) -> None:
    (failure,) = read_url("https://down.example/rss", fetcher=MemoryFetcher(pages))
    assert isinstance(failure, IngestFailure)
    assert failure.code == "E011"
    assert reason in failure.reason


def test_fetched_body_over_the_limit_is_e003() -> None:
    url = "https://big.example/rss"
    (failure,) = read_url(url, fetcher=MemoryFetcher({url: RSS}), max_bytes=100)
    assert isinstance(failure, IngestFailure)
    assert failure.code == "E003"


@pytest.mark.parametrize(
    "name, data, code",
    [
        ("broken.rss", b"<rss><channel><title>x</title><item><title>never closed", "E010"),
        ("junk.rss", b"this is not xml at all < >", "E008"),
        ("page.rss", b"<html><body>an HTML page</body></html>", "E008"),
        ("sitemap.xml", b'<?xml version="1.0"?><urlset><url><loc>x</loc></url></urlset>', "E008"),
        ("empty.rss", b'<rss version="2.0"><channel><title>Quiet</title></channel></rss>', "E010"),
    ],
)
def test_bad_feeds(tmp_path: Path, name: str, data: bytes, code: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    items = list(read_file(str(path)))
    assert [i.code for i in items if isinstance(i, IngestFailure)] == [code]
    assert not docs_of(items)


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from([RSS, ATOM, RDF]),
    st.integers(0, 10_000),
    st.sampled_from(["flip", "cut", "delete"]),
    st.integers(0, 255),
)
def test_damaged_feeds_never_raise(feed: bytes, at: int, how: str, byte: int) -> None:
    data = bytearray(feed)
    at %= len(data)
    if how == "flip":
        data[at] = byte
    elif how == "cut":
        del data[at:]
    else:
        del data[at : at + 1 + byte % 64]
    items = list(read_feed(bytes(data), Origin("fuzz.rss", None)))
    assert all(i.code in {"E008", "E010"} for i in items if isinstance(i, IngestFailure))


# --------------------------------------------------------------------------------------------
# sniffing


@pytest.mark.parametrize(
    "name, data, media_type",
    [
        ("page", b"<!doctype html><html><body>x</body></html>", "html"),
        ("page.php", b"\n  <html><body>x</body></html>", "html"),
        ("notes", b"Just some words.", "text"),
        ("records", b'{"text": "from a json line"}\n', "text"),
        ("page.txt", b"<html><body>kept as text: the name says so</body></html>", "text"),
    ],
)
def test_ambiguous_names_are_sniffed(
    tmp_path: Path, name: str, data: bytes, media_type: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    doc = only(list(read_file(str(path))))
    assert doc.media_type == media_type
