"""WARC archives written with warcio, whole, truncated and corrupt."""

from __future__ import annotations

import datetime as dt
import gzip
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsprism.ingest import iter_documents, read_file
from newsprism.ingest.base import Origin
from newsprism.ingest.warc import read_warc
from newsprism.records import Document, IngestFailure

WARC_DATE = "2024-03-05T10:00:00Z"


def page(i: int, words: int = 300) -> bytes:
    body = " ".join(f"word{j}" for j in range(words))
    return (
        f"<html><head><title>Story {i}</title>"
        f'<meta property="og:site_name" content="Outlet {i}"></head>'
        f"<body><p>{body}</p></body></html>"
    ).encode()


def add(
    writer: WARCWriter,
    uri: str,
    body: bytes,
    *,
    rec_type: str = "response",
    status: str = "200 OK",
    content_type: str | None = "text/html; charset=utf-8",
    date: str = WARC_DATE,
) -> None:
    headers = [("Content-Type", content_type)] if content_type else []
    http = (
        StatusAndHeaders(status, headers, protocol="HTTP/1.1") if rec_type == "response" else None
    )
    record = writer.create_warc_record(
        uri,
        rec_type,
        payload=io.BytesIO(body),
        length=len(body),  # a known length keeps warcio from spooling to temporary files
        http_headers=http,
        warc_content_type=content_type or "" if rec_type == "resource" else "",
        warc_headers_dict={"WARC-Date": date},
    )
    writer.write_record(record)


def crawl(gz: bool = True, pages: int = 3) -> bytes:
    """A small crawl: requests, a redirect, an image, HTML and plain-text pages."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gz)
    add(writer, "http://news.example/", b"GET / HTTP/1.1\r\n\r\n", rec_type="request")
    add(writer, "http://news.example/old", b"", status="301 Moved Permanently")
    add(writer, "http://news.example/logo.png", b"\x89PNG\r\n\x1a\n\0\0", content_type="image/png")
    for i in range(pages):
        add(writer, f"http://news.example/{i}", page(i))
    add(writer, "http://news.example/plain", b"Just text.\r\nTwo lines.", content_type="text/plain")
    return out.getvalue()


def offsets(data: bytes) -> list[int]:
    """Offsets of every record, read independently of newsprism."""
    records = ArchiveIterator(io.BytesIO(data))
    found = []
    for _ in records:
        found.append(records.get_record_offset())
    return found


@pytest.mark.parametrize("name, gz", [("crawl.warc.gz", True), ("crawl.warc", False)])
def test_warc_response_records_become_documents(tmp_path: Path, name: str, gz: bool) -> None:
    data = crawl(gz)
    path = tmp_path / name
    path.write_bytes(data)
    items = list(read_file(str(path)))
    assert all(isinstance(item, Document) for item in items), items
    docs = [item for item in items if isinstance(item, Document)]
    assert [d.url for d in docs] == [
        "http://news.example/0",
        "http://news.example/1",
        "http://news.example/2",
        "http://news.example/plain",
    ]
    assert [d.media_type for d in docs] == ["html", "html", "html", "text"]
    assert docs[0].title == "Story 0"
    assert docs[0].outlet == "Outlet 0"
    assert docs[3].content == "Just text.\nTwo lines."
    stamp = dt.datetime(2024, 3, 5, 10, 0, tzinfo=dt.UTC)
    assert all(d.provenance.fetched_at == stamp for d in docs)
    record_offsets = offsets(data)
    assert [d.provenance.record_index for d in docs] == [3, 4, 5, 6]
    assert [d.provenance.record_offset for d in docs] == record_offsets[3:7]
    assert all(d.provenance.source == str(path) for d in docs)
    assert docs[0].content == page(0).decode()


def test_warc_documents_are_hashed_by_payload(tmp_path: Path) -> None:
    # The same page in a compressed and a plain archive is the same document.
    (tmp_path / "a.warc.gz").write_bytes(crawl(True))
    (tmp_path / "b.warc").write_bytes(crawl(False))
    first = [d for d in read_file(str(tmp_path / "a.warc.gz")) if isinstance(d, Document)]
    second = [d for d in read_file(str(tmp_path / "b.warc")) if isinstance(d, Document)]
    assert [d.id for d in first] == [d.id for d in second]


@pytest.mark.parametrize("gz", [True, False])
@pytest.mark.parametrize("keep", [0.45, 0.6, 0.8, 0.97])
def test_truncated_warc_yields_documents_before_the_damage_then_e005(
    tmp_path: Path, gz: bool, keep: float
) -> None:
    data = crawl(gz, pages=6)
    cut = int(len(data) * keep)
    path = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
    path.write_bytes(data[:cut])
    items = list(read_file(str(path)))
    *docs, last = items
    assert isinstance(last, IngestFailure), items
    assert last.code == "E005"
    assert last.source == str(path)
    assert all(isinstance(d, Document) for d in docs)
    # Every document yielded is whole and lies before the cut.
    whole = {d.url: d.content for d in read_file_bytes(tmp_path, data, gz)}
    for doc in docs:
        assert isinstance(doc, Document)
        assert doc.content == whole[doc.url]
        assert doc.provenance.record_offset is not None
        assert doc.provenance.record_offset < cut


def read_file_bytes(tmp_path: Path, data: bytes, gz: bool) -> list[Document]:
    path = tmp_path / ("whole.warc.gz" if gz else "whole.warc")
    path.write_bytes(data)
    return [d for d in read_file(str(path)) if isinstance(d, Document)]


def test_missing_gzip_trailer_is_reported(tmp_path: Path) -> None:
    data = crawl(True)
    path = tmp_path / "short.warc.gz"
    path.write_bytes(data[:-4])  # only the last member's length field is gone
    items = list(read_file(str(path)))
    assert isinstance(items[-1], IngestFailure)
    assert items[-1].code == "E005"
    assert sum(isinstance(i, Document) for i in items) == 4


@pytest.mark.parametrize(
    "name, content, code",
    [
        ("notwarc.warc.gz", gzip.compress(b"just some text\n" * 10), "E002"),
        ("page.warc", b"<html><body>not an archive</body></html>", "E005"),
        ("noise.warc", b"WARC/1.0\r\nnonsense without headers\r\n\r\n" + b"x" * 300, "E005"),
        ("empty.warc.gz", gzip.compress(b""), "E002"),
    ],
)
def test_corrupt_archives_fail_with_one_line(
    tmp_path: Path, name: str, content: bytes, code: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    items = list(read_file(str(path)))
    assert len(items) == 1
    failure = items[0]
    assert isinstance(failure, IngestFailure)
    assert failure.code == code
    assert str(path) in str(failure)
    assert "\n" not in str(failure)


def test_size_limit_applies_per_record(tmp_path: Path) -> None:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    add(writer, "http://news.example/small", page(1, words=10))
    add(writer, "http://news.example/big", page(2, words=40_000))
    add(writer, "http://news.example/after", page(3, words=10))
    path = tmp_path / "big.warc.gz"
    path.write_bytes(out.getvalue())
    items = list(read_file(str(path), max_bytes=100_000))
    assert [type(i).__name__ for i in items] == ["Document", "IngestFailure", "Document"]
    failure = items[1]
    assert isinstance(failure, IngestFailure)
    assert failure.code == "E003"
    assert "http://news.example/big" in failure.reason
    assert "per record" in failure.reason


def test_archive_without_articles_says_so(tmp_path: Path) -> None:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    add(writer, "http://news.example/", b"GET / HTTP/1.1\r\n\r\n", rec_type="request")
    path = tmp_path / "requests.warc.gz"
    path.write_bytes(out.getvalue())
    (failure,) = read_file(str(path))
    assert isinstance(failure, IngestFailure)
    assert failure.code == "E010"


def test_warc_is_sniffed_without_its_extension(tmp_path: Path) -> None:
    (tmp_path / "crawl.bin").write_bytes(crawl(True))
    (tmp_path / "crawl.dat").write_bytes(crawl(False))
    docs = list(iter_documents([str(tmp_path)]))
    assert len(docs) == 8
    assert all(isinstance(d, Document) for d in docs)


def test_legacy_charset_from_http_header(tmp_path: Path) -> None:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False)
    body = "<html><body><p>Новости из Москвы сегодня.</p></body></html>".encode("koi8_r")
    add(writer, "http://news.example/ru", body, content_type="text/html; charset=KOI8-R")
    path = tmp_path / "ru.warc"
    path.write_bytes(out.getvalue())
    (doc,) = read_file(str(path))
    assert isinstance(doc, Document)
    assert "Новости из Москвы" in doc.content
    assert doc.provenance.encoding == "koi8-r"


CRAWLS = {True: crawl(True), False: crawl(False)}


@st.composite
def damaged(draw: st.DrawFn) -> bytes:
    """A crawl with bytes overwritten, cut off or cut out."""
    data = bytearray(CRAWLS[draw(st.booleans())])
    at = draw(st.integers(0, len(data) - 1))
    how = draw(st.sampled_from(["flip", "cut", "delete"]))
    if how == "flip":
        data[at] = draw(st.integers(0, 255))
    elif how == "cut":
        del data[at:]
    else:
        del data[at : at + draw(st.integers(1, 64))]
    return bytes(data)


@settings(max_examples=150, deadline=None)
@given(damaged())
def test_damaged_archives_never_raise(data: bytes) -> None:
    items = list(read_warc(io.BytesIO(data), Origin("fuzz.warc", None), len(data)))
    codes = [i.code for i in items if isinstance(i, IngestFailure)]
    assert set(codes) <= {"E002", "E004", "E005", "E010"}
    # Damage to the archive itself is reported once, and nothing is read after it.
    if "E005" in codes:
        last = items[-1]
        assert isinstance(last, IngestFailure)
        assert last.code == "E005"
        assert codes.count("E005") == 1
