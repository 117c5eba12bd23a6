"""A WARC file read in byte ranges of records gives what reading it whole gives.

The archive is written with warcio from real pages (the Article Extraction Benchmark's HTML
when ``../shared`` is present, the sochi-2020 scrapes as text records always), gzipped per
record and plain, with requests and a redirect between the articles, as a crawler writes.
"""

from __future__ import annotations

import gzip
import io
import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsprism.config import default_config
from newsprism.ingest import iter_documents
from newsprism.ingest.warc import WarcRange, no_articles, read_warc_range, warc_ranges
from newsprism.pipeline import SerialExecutor
from newsprism.records import Document, IngestFailure
from newsprism.stages import Batch, StageContext, build
from newsprism.store import MemoryStore

ROOT = Path(__file__).resolve().parents[1]
AEB = ROOT.parent / "shared" / "data" / "article-extraction-benchmark" / "html"
SOCHI = ROOT / "examples" / "sochi-2020"


def _pages() -> list[tuple[str, str, bytes]]:
    """(url, media type, body) of real pages: up to 12 AEB pages and the sochi-2020 texts."""
    found = [
        (
            f"https://example.org/aeb/{p.name.split('.')[0]}",
            "text/html",
            gzip.decompress(p.read_bytes()),
        )
        for p in sorted(AEB.glob("*.html.gz"))[:12]
    ]
    found += [
        (f"https://example.org/sochi/{p.name}", "text/plain", p.read_bytes())
        for p in sorted(SOCHI.glob("*.txt"))
    ]
    return found


def write_warc(path: Path, gz: bool, pages: list[tuple[str, str, bytes]] | None = None) -> int:
    """An archive of ``pages`` (request, response; a redirect after every third); how many
    records it holds."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    records = 0
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gz)
        for k, (url, media, body) in enumerate(_pages() if pages is None else pages):
            request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "x")], is_http_request=True)
            writer.write_record(writer.create_warc_record(url, "request", http_headers=request))
            headers = [
                ("Content-Type", f"{media}; charset=utf-8"),
                ("Content-Length", str(len(body))),
            ]
            status = StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    url, "response", payload=io.BytesIO(body), length=len(body), http_headers=status
                )
            )
            records += 2
            if k % 3 == 2:
                moved = StatusAndHeaders("301 Moved", [("Location", url)], protocol="HTTP/1.1")
                writer.write_record(
                    writer.create_warc_record(
                        url + "/old",
                        "response",
                        payload=io.BytesIO(b""),
                        length=0,
                        http_headers=moved,
                    )
                )
                records += 1
    return records


def _ranged(ranges: list[WarcRange]) -> Iterator[Document | IngestFailure]:
    for part in ranges:
        yield from read_warc_range(part)


@pytest.mark.parametrize("gz", [True, False], ids=["gzip", "plain"])
@pytest.mark.parametrize("size", [1, 4, 7, 1000])
def test_ranges_read_what_the_whole_file_reads(tmp_path: Path, gz: bool, size: int) -> None:
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    records = write_warc(path, gz)
    ranges = warc_ranges(str(path), size)
    assert ranges is not None
    # The ranges cover the file, record by record, in order and without overlap.
    # (a plain archive ends with blank lines after its last record).
    assert ranges[0].start == 0 and 0 <= path.stat().st_size - ranges[-1].end <= 4
    assert sum(r.count for r in ranges) == records
    pairs = itertools.pairwise(ranges)
    assert all(a.end == b.start and b.first == a.first + size for a, b in pairs)
    assert len(ranges) == -(-records // size)
    whole = list(iter_documents([str(path)]))
    assert all(isinstance(d, Document) for d in whole)
    assert len(whole) == len(_pages())
    assert list(_ranged(ranges)) == whole


def test_a_damaged_or_foreign_file_is_not_cut(tmp_path: Path) -> None:
    path = tmp_path / "cut.warc.gz"
    write_warc(path, True)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 200])  # the last record cut short
    assert warc_ranges(str(path), 4) is None
    path.write_bytes(b"not an archive at all\n" * 20)
    assert warc_ranges(str(path), 4) is None
    assert warc_ranges(str(tmp_path / "missing.warc"), 4) is None


def test_an_archive_without_articles_fails_once(tmp_path: Path) -> None:
    path = tmp_path / "empty.warc"
    write_warc(path, False, [("https://example.org/a.png", "image/png", b"\x89PNG" + bytes(64))])
    ranges = warc_ranges(str(path), 1)
    assert ranges is not None and len(ranges) == 2
    assert list(_ranged(ranges)) == []
    assert list(iter_documents([str(path)])) == [no_articles(str(path))]


def test_a_cluster_reads_a_warc_in_ranges_as_one_process_does(tmp_path: Path) -> None:
    pytest.importorskip("dask.distributed")
    from newsprism.distributed import DaskExecutor

    archive = tmp_path / "crawl.warc.gz"
    write_warc(archive, True)
    empty = tmp_path / "images.warc"
    write_warc(empty, False, [("https://example.org/a.png", "image/png", b"\x89PNG" + bytes(64))])
    text = SOCHI / sorted(p.name for p in SOCHI.glob("*.txt"))[0]
    inputs = [str(text), str(archive), str(empty), str(tmp_path / "missing.warc"), str(text)]
    serial = list(iter_documents(inputs))
    with DaskExecutor.start("local", workers=2, warc_records=3) as executor:
        spread = list(executor.read(inputs))
        # The archive went as ranges: reading it took more tasks than there are inputs.
        tasks = executor.client.run_on_scheduler(_tasks_seen)
        # With the clean stage adapted, each range's documents are cleaned where they were
        # read, and the stage gets what one process makes of them.
        context = StageContext(MemoryStore(), default_config(), executor)
        clean = build("clean", context)
        executor.adapt(clean)
        documents = tuple(d for d in executor.read(inputs) if isinstance(d, Document))
        cleaned = clean.pipe(Batch(documents=documents))
        assert executor._precleaned.used == len(documents)
    assert spread == serial
    assert tasks > len(inputs) + 5
    assert [type(x).__name__ for x in serial].count("IngestFailure") == 2
    alone = StageContext(MemoryStore(), default_config(), SerialExecutor())
    assert cleaned == build("clean", alone).pipe(Batch(documents=documents))
    assert len(cleaned.articles) == len(documents) > 3


def _tasks_seen(dask_scheduler: object) -> int:
    return len(getattr(dask_scheduler, "transition_log", ())) // 3
