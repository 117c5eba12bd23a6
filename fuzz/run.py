"""Coverage-guided fuzzing of the ingest readers (HTML, WARC, RSS/Atom, JSON lines) with atheris.

    python fuzz/run.py --minutes 10          # fuzz for ten minutes, seeded from the hostile corpus
    python fuzz/run.py --minutes 1 --work DIR  # keep the corpus and any crash files in DIR

The first byte of each input picks the reader, the rest is the file: 0 HTML, 1 WARC, 2 feed,
3 JSON lines, 4 JSON (whole or lines), anything else the front door (sniffing, gzip, then
whichever reader the bytes call for). A reader must never raise on bad input, only yield an
``IngestFailure``; every Document it yields must hold text that can be stored (UTF-8, no lone
surrogates); every failure must be one line naming the input. Any exception, a hang past
``--timeout`` seconds or memory past ``--rss-mb`` is a crash: libFuzzer writes the input that
caused it to the work folder, and ``python fuzz/run.py --replay FILE`` runs it again.

The seeds are the committed hostile files (``tests/data/hostile/files``), each given to the
reader of its format and to the front door, plus the readers' test fixtures' shapes built here.
atheris is not a dependency of newsprism: ``pip install atheris`` (3.0.0 has wheels for
CPython 3.11; 3.1.0 for newer ones) into the same environment first.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HOSTILE = ROOT / "tests" / "data" / "hostile" / "files"
SOURCE = "fuzzed-input"
READERS = ("html", "warc", "feed", "jsonl", "json", "any")
_SELECT = {".html": 0, ".warc": 1, ".gz": 1, ".rss": 2, ".atom": 2, ".xml": 2, ".jsonl": 3}


def check(data: bytes) -> None:
    """Read ``data`` with the reader its first byte picks; raise AssertionError on a broken rule.

    Any other exception escaping a reader is itself the finding."""
    from newsprism.ingest.base import Origin
    from newsprism.ingest.feeds import read_feed
    from newsprism.ingest.html import read_html
    from newsprism.ingest.jsonl import read_json, read_jsonl
    from newsprism.ingest.reader import _read_stream
    from newsprism.ingest.warc import read_warc
    from newsprism.limits import Limits
    from newsprism.records import Document, IngestFailure

    if not data:
        return
    choice, body = data[0] % len(READERS), data[1:]
    # Small limits, so that the fuzzer reaches the limit checks with small inputs.
    limits = Limits(
        max_document_bytes=64 * 1024,
        max_decompressed_bytes=2 * 2**20,
        max_expansion=50,
        max_feed_entries=20,
    )
    origin = Origin(SOURCE, None, limits.max_document_bytes, limits)
    stream = io.BytesIO(body)
    items: Iterable[Document | IngestFailure]
    if choice == 0:
        items = read_html(body, origin)
    elif choice == 1:
        items = read_warc(stream, origin, len(body))
    elif choice == 2:
        items = read_feed(body, origin)
    elif choice == 3:
        items = read_jsonl(stream, origin)
    elif choice == 4:
        items = read_json(stream, origin, len(body))
    else:
        items = _read_stream(stream, len(body), None, origin) if body else []
    for item in items:
        if isinstance(item, IngestFailure):
            assert item.source == SOURCE, item
            assert item.code.startswith("E") and item.reason, item
            assert "\n" not in str(item).replace(SOURCE, ""), item
        else:
            assert isinstance(item, Document), item
            item.content.encode("utf-8")  # a lone surrogate here could not be stored
            for text in (item.title, item.url, item.outlet):
                if text is not None:
                    text.encode("utf-8")
            assert item.provenance.source == SOURCE


def seeds(folder: Path) -> int:
    """Write the seed inputs into ``folder``: each hostile file for its reader and the front
    door, and small valid inputs of every format. Returns how many."""
    folder.mkdir(parents=True, exist_ok=True)
    count = 0

    def put(choice: int, data: bytes) -> None:
        nonlocal count
        (folder / f"seed-{count:04d}").write_bytes(bytes([choice]) + data)
        count += 1

    for path in sorted(HOSTILE.iterdir()) if HOSTILE.is_dir() else []:
        data = path.read_bytes()[: 64 * 1024]
        for suffix, choice in _SELECT.items():
            if path.name.endswith(suffix):
                put(choice, data)
        if path.name.endswith(".json"):
            put(4, data)
        put(5, data)
    page = b"<html><head><title>T</title><meta charset='utf-8'></head><body><p>Text.</p></body>"
    put(0, page)
    put(2, b'<?xml version="1.0"?><rss version="2.0"><channel><title>F</title><item>'
           b"<title>A</title><description>Body</description></item></channel></rss>")  # fmt: skip
    put(3, b'{"text": "Body", "title": "T", "published": "2024-01-02"}\n{"html": "<p>x</p>"}\n')
    put(4, b'[{"text": "One"}, {"html": "<p>Two</p>"}]')
    record = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + page
    head = (
        b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://x.example/\r\n"
        b"Content-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n"
        % len(record)
    )
    put(1, head + record + b"\r\n\r\n")
    return count


def _one_input(data: bytes) -> None:
    check(data)


def main(argv: list[str]) -> int:
    """Fuzz for the minutes given (or replay crash files); exit 1 when something crashed."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--minutes", type=float, default=10.0, help="how long to fuzz")
    parser.add_argument("--work", type=Path, help="corpus and crash folder (default: a temp one)")
    parser.add_argument("--timeout", type=int, default=10, help="seconds one input may take")
    parser.add_argument("--rss-mb", type=int, default=2048, help="memory one input may take")
    parser.add_argument("--replay", nargs="+", type=Path, help="run these inputs once and stop")
    args = parser.parse_args(argv)
    if args.replay:
        for path in args.replay:
            check(path.read_bytes())
            sys.stdout.write(f"{path}: no crash\n")
        return 0
    try:
        import atheris
    except ImportError:
        sys.stderr.write("atheris is not installed: pip install atheris\n")
        return 2
    work = args.work or Path(tempfile.mkdtemp(prefix="newsprism-fuzz-"))
    corpus, crashes = work / "corpus", work / "crashes"
    crashes.mkdir(parents=True, exist_ok=True)
    if not corpus.is_dir() or not any(corpus.iterdir()):
        sys.stderr.write(f"{seeds(corpus)} seeds in {corpus}\n")
    with atheris.instrument_imports():
        import newsprism.ingest.feeds
        import newsprism.ingest.html
        import newsprism.ingest.jsonl
        import newsprism.ingest.reader
        import newsprism.ingest.warc  # noqa: F401  (imported to be instrumented)
    flags = [
        sys.argv[0],
        str(corpus),
        f"-max_total_time={max(1, round(args.minutes * 60))}",
        f"-timeout={args.timeout}",
        f"-rss_limit_mb={args.rss_mb}",
        f"-artifact_prefix={crashes}{os.sep}",
        "-print_final_stats=1",
    ]
    sys.stderr.write(f"fuzzing for {args.minutes:g} min; crashes go to {crashes}\n")
    atheris.Setup(flags, _one_input)
    atheris.Fuzz()  # libFuzzer ends the process: 0 when time ran out, non-zero on a crash
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
