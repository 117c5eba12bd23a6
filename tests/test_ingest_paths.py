"""Directories, globs and URLs; a batch of bad inputs next to good ones; oversized files."""

from __future__ import annotations

import gzip
import io
import json
import os
import random
import time
import tracemalloc
from collections.abc import Sequence
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

import newsprism.ingest.reader as reader_module
from newsprism.ingest import MemoryFetcher, iter_documents, read_file
from newsprism.records import Document, IngestFailure


def touch(path: Path, text: str = "Some article text.") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def sources(items: Sequence[Document | IngestFailure]) -> list[str]:
    return [i.provenance.source if isinstance(i, Document) else i.source for i in items]


def relative(items: Sequence[Document | IngestFailure], root: Path) -> list[str]:
    return [os.path.relpath(s, root) for s in sources(items)]


def test_directory_is_walked_recursively_in_sorted_order(tmp_path: Path) -> None:
    for name in ["b.txt", "a/z.txt", "a/b/c.txt", ".hidden.txt", ".git/x.txt", "c.txt"]:
        touch(tmp_path / name, f"text of {name}")
    items = list(iter_documents([str(tmp_path)]))
    assert relative(items, tmp_path) == ["a/b/c.txt", "a/z.txt", "b.txt", "c.txt"]
    assert all(isinstance(i, Document) for i in items)


def test_a_single_path_string_is_one_path(tmp_path: Path) -> None:
    touch(tmp_path / "one.txt")
    assert relative(list(iter_documents(str(tmp_path))), tmp_path) == ["one.txt"]
    assert relative(list(iter_documents(tmp_path)), tmp_path) == ["one.txt"]


@pytest.mark.parametrize(
    "pattern, expected",
    [
        ("*.txt", ["a.txt", "b.txt"]),
        ("**/*.txt", ["a.txt", "b.txt", "sub/c.txt", "sub/deeper/d.txt"]),
        ("s*", ["sub/c.txt", "sub/deeper/d.txt", "sub/e.html"]),
        ("sub/*.html", ["sub/e.html"]),
        ("[ab].txt", ["a.txt", "b.txt"]),
    ],
)
def test_globs(tmp_path: Path, pattern: str, expected: list[str]) -> None:
    for name in ["a.txt", "b.txt", "sub/c.txt", "sub/deeper/d.txt", "sub/e.html"]:
        touch(tmp_path / name)
    items = list(iter_documents([str(tmp_path / pattern)]))
    assert relative(items, tmp_path) == expected


def test_missing_path_and_empty_glob(tmp_path: Path) -> None:
    touch(tmp_path / "real.txt")
    missing = str(tmp_path / "missing.txt")
    empty_glob = str(tmp_path / "*.nothing")
    items = list(iter_documents([missing, empty_glob, str(tmp_path / "real.txt")]))
    assert [(i.code, i.source) for i in items if isinstance(i, IngestFailure)] == [
        ("E009", missing),
        ("E012", empty_glob),
    ]
    assert isinstance(items[-1], Document)
    assert str(items[0]) == f"{missing}: no such file or directory [E009]"


def test_a_file_named_twice_is_read_once(tmp_path: Path) -> None:
    touch(tmp_path / "a.txt")
    touch(tmp_path / "b.txt")
    items = list(iter_documents([str(tmp_path), str(tmp_path / "a.txt"), str(tmp_path / "*")]))
    assert relative(items, tmp_path) == ["a.txt", "b.txt"]


def test_symlink_loops_end(tmp_path: Path) -> None:
    touch(tmp_path / "d" / "a.txt")
    (tmp_path / "d" / "loop").symlink_to(tmp_path / "d", target_is_directory=True)
    assert relative(list(iter_documents([str(tmp_path)])), tmp_path) == ["d/a.txt"]


def test_urls_mix_with_files(tmp_path: Path) -> None:
    touch(tmp_path / "a.txt")
    feed = b"""<rss><channel><title>F</title><item><title>t</title><link>https://f.example/1</link>
    <description>entry text</description></item></channel></rss>"""
    url = "https://f.example/rss"
    items = list(iter_documents([url, str(tmp_path)], fetcher=MemoryFetcher({url: feed})))
    assert sources(items) == [url, str(tmp_path / "a.txt")]


# --------------------------------------------------------------------------------------------
# a batch of bad inputs among good ones


def warc_bytes(pages: int) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    for i in range(pages):
        body = f"<html><title>{i}</title><body>{'words ' * 300}</body></html>".encode()
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                f"http://w.example/{i}",
                "response",
                payload=io.BytesIO(body),
                length=len(body),
                http_headers=http,
            )
        )
    return out.getvalue()


BAD_INPUTS: list[tuple[str, bytes, str]] = [
    ("empty.txt", b"", "E001"),
    ("blank.html", b"  \n\t\r\n  ", "E001"),
    ("blank-utf16.txt", "   \n".encode("utf-16"), "E001"),
    ("blank.jsonl", b"\n\n   \n", "E001"),
    ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "E002"),
    ("photo.txt", b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(100), "E002"),
    # A compressed file is read as what it holds: here an image, refused as one.
    ("image.png.gz", gzip.compress(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200)), "E002"),
    ("controls.txt", bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15]) * 50, "E002"),
    ("huge.txt", b"too many words " * 10_000, "E003"),
    ("noise.txt", bytes(random.Random(7).choices(range(0x80, 0x100), k=2000)), "E004"),
    ("broken.jsonl", b"{broken\n", "E006"),
    ("bodyless.jsonl", b'{"title": "no text"}\n', "E007"),
    ("junk.rss", b"<<< not a feed >>>", "E008"),
]
BATCH_LIMIT = 100_000


@pytest.mark.parametrize("name, content, code", BAD_INPUTS)
def test_each_bad_input_is_one_failure_and_the_batch_goes_on(
    tmp_path: Path, name: str, content: bytes, code: str
) -> None:
    touch(tmp_path / "a-good.txt", "A good article.")
    (tmp_path / name).write_bytes(content)
    touch(tmp_path / "z-good.html", "<html><title>Good</title><body>Fine.</body></html>")
    items = list(iter_documents([str(tmp_path)], max_bytes=BATCH_LIMIT))
    failures = [i for i in items if isinstance(i, IngestFailure)]
    assert len(failures) == 1, failures
    (failure,) = failures
    assert failure.code == code
    assert failure.source == str(tmp_path / name)
    line = str(failure)
    assert line.startswith(f"{tmp_path / name}: ")
    assert line.endswith(f"[{code}]")
    assert "\n" not in line
    docs = [i for i in items if isinstance(i, Document)]
    assert relative(docs, tmp_path) == ["a-good.txt", "z-good.html"]


def test_whole_batch_of_bad_and_good_inputs(tmp_path: Path) -> None:
    for name, content, _ in BAD_INPUTS:
        (tmp_path / name).write_bytes(content)
    data = warc_bytes(4)
    (tmp_path / "cut.warc.gz").write_bytes(data[: int(len(data) * 0.7)])
    os.mkfifo(tmp_path / "pipe.txt")
    lines = [json.dumps({"text": "fine"}), "{bad", json.dumps({"text": "also fine"})]
    (tmp_path / "mixed.jsonl").write_text("\n".join(lines), encoding="utf-8")
    touch(tmp_path / "good.txt")
    missing = str(tmp_path / "gone.txt")
    nothing = str(tmp_path / "*.none")
    items = list(iter_documents([str(tmp_path), missing, nothing], max_bytes=BATCH_LIMIT))

    codes: dict[str, list[str]] = {}
    for item in items:
        if isinstance(item, IngestFailure):
            codes.setdefault(os.path.basename(item.source), []).append(item.code)
    expected = {name: [code] for name, _, code in BAD_INPUTS}
    expected |= {
        "cut.warc.gz": ["E005"],
        "pipe.txt": ["E011"],
        "mixed.jsonl": ["E006"],
        "gone.txt": ["E009"],
        "*.none": ["E012"],
    }
    assert codes == expected
    docs = [i for i in items if isinstance(i, Document)]
    per_file: dict[str, int] = {}
    for doc in docs:
        name = os.path.basename(doc.provenance.source)
        per_file[name] = per_file.get(name, 0) + 1
    assert per_file["good.txt"] == 1
    assert per_file["mixed.jsonl"] == 2
    assert 1 <= per_file["cut.warc.gz"] < 4


def test_permission_error_is_e011(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = touch(tmp_path / "locked.txt")

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(path))

    # Tests may run as root, where chmod 000 does not stop reading.
    monkeypatch.setattr(reader_module, "open", refuse, raising=False)
    (failure,) = read_file(str(path))
    assert isinstance(failure, IngestFailure)
    assert (failure.code, failure.reason) == ("E011", "could not be read (permission denied)")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file_is_e011(tmp_path: Path) -> None:
    path = touch(tmp_path / "locked.txt")
    path.chmod(0)
    (failure,) = read_file(str(path))
    assert isinstance(failure, IngestFailure)
    assert failure.code == "E011"


def test_directory_given_to_read_file_is_e011(tmp_path: Path) -> None:
    (failure,) = read_file(str(tmp_path))
    assert isinstance(failure, IngestFailure)
    assert failure.code == "E011"
    assert "directory" in failure.reason


# --------------------------------------------------------------------------------------------
# oversized files


@pytest.mark.parametrize("name", ["huge.txt", "huge.html", "huge.unknown"])
def test_50_mb_file_is_refused_without_being_read(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    chunk = (b"<p>word word word</p>\n" * 50_000)[: 2**20]
    with path.open("wb") as out:
        for _ in range(50):
            out.write(chunk)
    tracemalloc.start()
    started = time.perf_counter()
    items = list(iter_documents([str(path)]))
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert len(items) == 1
    failure = items[0]
    assert isinstance(failure, IngestFailure)
    assert failure.code == "E003"
    assert failure.reason == "file is too large (50.0 MB; the limit is 32.0 MB)"
    assert peak < 2**20, f"{peak:,} bytes allocated: the file was read"
    assert elapsed < 1.0
