"""Limits on what reading may cost, checked while streaming: real files, real SQLite.

A 10 GB decompression bomb (10 MB on disk, generated block by block, never built whole) is
refused in the time it takes to inflate its first document's worth; XXE and billion-laughs
feeds are read in well under a second and resolve nothing (no local file, no URL); a feed of
many entries, a run of many documents and a document that takes too long are each cut at
their limit, with the input named.
"""

from __future__ import annotations

import http.server
import importlib.util
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from newsprism.errors import MESSAGES
from newsprism.ingest import iter_documents, read_file
from newsprism.limits import DEFAULT_LIMITS, Limits, TimeLimitExceeded, time_limit
from newsprism.records import Document, IngestFailure
from newsprism.runner import analyze
from newsprism.store import SQLiteStore

HOSTILE = Path(__file__).resolve().parent / "data" / "hostile"


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_hostile", HOSTILE / "make_hostile.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make_hostile = _generator()


def _split(items: list[Document | IngestFailure]) -> tuple[list[Document], list[IngestFailure]]:
    docs = [i for i in items if isinstance(i, Document)]
    return docs, [i for i in items if isinstance(i, IngestFailure)]


def test_every_limit_is_documented_with_its_code() -> None:
    doc = (Path(__file__).resolve().parents[1] / "docs" / "limits.md").read_text(encoding="utf-8")
    for name in Limits.__dataclass_fields__:
        assert f"`{name}`" in doc, name
    assert DEFAULT_LIMITS.max_document_bytes == 32 * 2**20
    for code in ("E003", "E016", "E017", "E018"):
        assert code in doc and code in MESSAGES


@pytest.mark.parametrize(
    "changes",
    [
        {"max_document_bytes": 0},
        {"max_decompressed_bytes": -1},
        {"max_feed_entries": 0},
        {"max_documents": -5},
        {"max_expansion": 1.0},
        {"max_document_seconds": 0},
    ],
)
def test_a_limit_that_allows_nothing_is_refused(changes: dict[str, float]) -> None:
    with pytest.raises(ValueError):
        Limits(**changes)  # type: ignore[arg-type]


@pytest.mark.parametrize("name", ["bomb.warc.gz", "bomb.txt.gz"])
def test_a_10_gb_decompression_bomb_is_refused_in_under_5_seconds(
    tmp_path: Path, name: str
) -> None:
    path = tmp_path / name
    maker = make_hostile.warc_bomb if name.endswith(".warc.gz") else make_hostile.gzip_bomb
    maker(path, 10 * 2**30)
    assert path.stat().st_size < 12 * 2**20  # 10 GB of zeros is about 10 MB compressed
    started = time.monotonic()
    docs, failures = _split(list(read_file(path)))
    elapsed = time.monotonic() - started
    assert elapsed < 5, elapsed
    assert docs == [] and [f.code for f in failures] == ["E003"], failures
    assert "decompress" in failures[0].reason


def test_a_bomb_in_a_real_archive_keeps_the_records_before_it(tmp_path: Path) -> None:
    import gzip

    page = make_hostile._page("Before the bomb", make_hostile.GOOD * 3).encode()
    path = tmp_path / "mixed.warc.gz"
    with open(path, "wb") as out:
        out.write(gzip.compress(make_hostile._warc_record("http://a.example/1", page)))
        make_hostile.gzip_of_zeros(out, 2**30, b"WARC/1.0\r\nWARC-Type: resource\r\n"
                                   b"Content-Type: text/plain\r\nContent-Length: 1073741824\r\n"
                                   b"\r\n")  # fmt: skip
    started = time.monotonic()
    docs, failures = _split(list(read_file(path)))
    assert time.monotonic() - started < 5
    assert [d.title for d in docs] == ["Before the bomb"]
    assert [f.code for f in failures] == ["E003"]


def test_the_decompressed_size_limit_stops_an_archive_that_merely_inflates_a_lot(
    tmp_path: Path,
) -> None:
    path = tmp_path / "big.warc.gz"
    make_hostile.warc_bomb(path, 64 * 2**20)
    limits = Limits(max_decompressed_bytes=16 * 2**20, max_expansion=10**6)
    docs, failures = _split(list(read_file(path, limits=limits)))
    assert docs == [] and [f.code for f in failures] == ["E003"]
    assert "16.0 MB decompressed" in failures[0].reason


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []  # noqa: RUF012  (shared by the handler instances of one server)

    def do_GET(self) -> None:
        self.requests.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"FETCHED-BY-THE-PARSER")

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[tuple[str, list[str]]]:
    """A local HTTP server that records every request: an entity must never reach it."""
    requests: list[str] = []
    handler = type("Handler", (_Recorder,), {"requests": requests})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", requests
    httpd.shutdown()
    httpd.server_close()


def _passwd_lines() -> list[str]:
    try:
        lines = Path("/etc/passwd").read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []
    return [line for line in lines if line.strip()][:3]


@pytest.mark.parametrize(
    "name", ["xxe.rss", "xxe.atom", "billion-laughs.rss", "billion-laughs.atom", "local-xxe.rss"]
)
def test_xxe_and_billion_laughs_feeds_take_under_a_second_and_resolve_nothing(
    tmp_path: Path, server: tuple[str, list[str]], name: str
) -> None:
    url, requests = server
    folder = tmp_path / "in"
    folder.mkdir()
    if name == "local-xxe.rss":
        feed = (
            f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY web SYSTEM "{url}/leak">'
            f'<!ENTITY % remote SYSTEM "{url}/dtd"> %remote;'
            '<!ENTITY file SYSTEM "file:///etc/passwd">]><rss version="2.0"><channel>'
            "<title>Local &web;</title><item><title>Item &file;</title>"
            f"<description>Body &web; &file; {make_hostile.GOOD}</description></item>"
            "</channel></rss>"
        )
        (folder / name).write_text(feed, encoding="utf-8")
    else:
        (folder / name).write_bytes((HOSTILE / "files" / name).read_bytes())
    started = time.monotonic()
    docs, failures = _split(list(iter_documents([str(folder)])))
    assert time.monotonic() - started < 1
    assert failures == [] and len(docs) == 1
    db = tmp_path / "s.db"
    with SQLiteStore(db) as store:
        report = analyze([str(folder)], store)
        assert len(report.stored) == 1
    stored = db.read_bytes().decode("utf-8", errors="replace")
    for line in _passwd_lines():
        assert line not in stored
    assert "FETCHED-BY-THE-PARSER" not in stored
    assert "lollollol" not in stored
    assert requests == []


def _feed(entries: int) -> bytes:
    items = "".join(
        f"<entry><title>T{i}</title><id>urn:{i}</id><link href='http://f.example/{i}'/>"
        f"<content type='html'>&lt;p&gt;Body number {i} of the feed.&lt;/p&gt;</content></entry>"
        for i in range(entries)
    )
    return (
        "<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'><title>F</title>"
        f"{items}</feed>"
    ).encode()


def test_a_feed_past_its_entry_limit_reads_the_first_entries_and_says_so(tmp_path: Path) -> None:
    path = tmp_path / "many.atom"
    path.write_bytes(_feed(10))
    docs, failures = _split(list(read_file(path, limits=Limits(max_feed_entries=3))))
    assert [d.title for d in docs] == ["T0", "T1", "T2"]
    assert [d.provenance.record_index for d in docs] == [0, 1, 2]
    assert [f.code for f in failures] == ["E016"]
    assert "more than 3 entries" in failures[0].reason
    docs, failures = _split(list(read_file(path, limits=Limits(max_feed_entries=10))))
    assert len(docs) == 10 and failures == []


def test_a_run_stops_at_its_document_limit_naming_the_input(tmp_path: Path) -> None:
    for n in range(4):
        (tmp_path / f"{n}.txt").write_text(make_hostile.good_text(f"road {n}"), encoding="utf-8")
    items = list(iter_documents([str(tmp_path)], limits=Limits(max_documents=2)))
    docs, failures = _split(items)
    assert [Path(d.provenance.source).name for d in docs] == ["0.txt", "1.txt"]
    assert [(Path(f.source).name, f.code) for f in failures] == [("2.txt", "E017")]
    assert "limit of 2 documents" in failures[0].reason


def test_a_document_that_takes_too_long_to_read_is_stopped_and_named(tmp_path: Path) -> None:
    path = tmp_path / "slow.atom"
    path.write_bytes(_feed(5000))  # about a second to parse, whole
    (tmp_path / "quick.txt").write_text(make_hostile.good_text("lane"), encoding="utf-8")
    started = time.monotonic()
    items = list(iter_documents([str(tmp_path)], limits=Limits(max_document_seconds=0.05)))
    assert time.monotonic() - started < 1
    docs, failures = _split(items)
    assert [(Path(f.source).name, f.code) for f in failures] == [("slow.atom", "E018")]
    assert [Path(d.provenance.source).name for d in docs] == ["quick.txt"]


def test_the_clock_runs_only_while_reading_not_while_the_caller_works(tmp_path: Path) -> None:
    for n in range(3):
        (tmp_path / f"{n}.txt").write_text(make_hostile.good_text(f"path {n}"), encoding="utf-8")
    seen = []
    for item in iter_documents([str(tmp_path)], limits=Limits(max_document_seconds=0.3)):
        seen.append(item)
        time.sleep(0.4)  # the caller's own work: cleaning, storing
    assert [type(i).__name__ for i in seen] == ["Document"] * 3


def test_time_limit_interrupts_a_loop_and_does_nothing_outside_the_main_thread() -> None:
    started = time.monotonic()
    with pytest.raises(TimeLimitExceeded), time_limit(0.05):
        while True:
            pass
    assert time.monotonic() - started < 1
    finished: list[bool] = []

    def work() -> None:
        with time_limit(0.01):
            time.sleep(0.05)
        finished.append(True)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert finished == [True]
    with time_limit(0.2), time_limit(0.01):  # the inner one leaves the outer timer alone
        time.sleep(0.05)
