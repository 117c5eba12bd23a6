"""`newsprism watch` end to end: a real feed server on 127.0.0.1, a real watcher process.

The server adds items as it is polled and serves a 500, a garbage body, a slow answer and a
redirect once each; it counts conditional requests and every page fetch, so the tests can tell
that nothing is fetched twice, across a SIGTERM and a restart too.
"""

from __future__ import annotations

import html
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from newsprism.store import SQLiteStore
from newsprism.store.schema import ASSIGNMENTS, EXTRACTIONS, WATCH_PENDING
from newsprism.views import current_version

ROOT = Path(__file__).resolve().parents[1]
TEXTS = sorted((ROOT / "examples" / "sochi-2020").glob("*.txt"))
SCRIPT = Path(sys.executable).with_name("newsprism")


def _article(k: int) -> tuple[str, list[str]]:
    title, *paragraphs = [p.strip() for p in TEXTS[k].read_text("utf-8").split("\n\n")]
    return title, [p for p in paragraphs if p]


def _page(k: int) -> bytes:
    title, paragraphs = _article(k)
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return (
        f"<html><head><title>{html.escape(title)}</title></head><body><article>"
        f"<h1>{html.escape(title)}</h1>{body}</article></body></html>"
    ).encode()


def _rss(base: str, items: list[tuple[int, bool]]) -> bytes:
    """An RSS feed of ``items`` (text number, full text or summary only)."""
    out = [f'<?xml version="1.0"?><rss version="2.0" xmlns:content="{_CONTENT}"><channel>']
    out.append(f"<title>Test Wire</title><link>{base}/</link>")
    for k, full in items:
        title, paragraphs = _article(k)
        link = f"{base}/private/{k}.html" if k < 0 else f"{base}/page/{k}.html"
        out.append(f"<item><title>{html.escape(title)}</title><link>{link}</link>")
        out.append(f"<guid>item-{k}</guid><pubDate>Tue, 15 Sep 2020 0{k % 9}:00:00 GMT</pubDate>")
        out.append(f"<description>{html.escape(paragraphs[0])}</description>")
        if full:
            text = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
            out.append(f"<content:encoded>{html.escape(text)}</content:encoded>")
        out.append("</item>")
    out.append("</channel></rss>")
    return "".join(out).encode()


_CONTENT = "http://purl.org/rss/1.0/modules/content/"


class FeedServer:
    """Two feeds: ``/full.xml`` (full text) and ``/summary.xml`` (summaries: pages fetched).

    Which answer a feed request gets depends on how many came before, never on time:
    ``/full.xml`` serves items 0-1, then a 500, then garbage, then a slow answer adding item
    2, then a redirect; ``/summary.xml`` serves item 3 and a page robots.txt disallows, then
    adds item 4. Unchanged feeds answer 304 to a matching conditional request.
    """

    def __init__(self, slow: float = 1.0) -> None:
        self.slow = slow
        self.hits: Counter[str] = Counter()
        self.conditional = 0
        self.not_modified = 0
        self.lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.answer(self)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> FeedServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def full_items(self, n: int) -> list[tuple[int, bool]]:
        return [(0, True), (1, True)] + ([(2, True)] if n >= 4 else [])

    def summary_items(self, n: int) -> list[tuple[int, bool]]:
        return [(3, False), (-1, False)] + ([(4, False)] if n >= 2 else [])

    def answer(self, request: BaseHTTPRequestHandler) -> None:
        path = request.path
        with self.lock:
            self.hits[path] += 1
            n = self.hits[path]
            if request.headers.get("If-None-Match") or request.headers.get("If-Modified-Since"):
                self.conditional += 1
        if path == "/robots.txt":
            self.send(request, 200, b"User-agent: *\nDisallow: /private/\n", "text/plain")
        elif path.startswith("/page/"):
            self.send(request, 200, _page(int(path[6:-5])), "text/html")
        elif path.startswith("/private/"):
            self.send(request, 200, b"<html><body>not for robots</body></html>", "text/html")
        elif path == "/full.xml" and n == 2:
            self.send(request, 500, b"oops", "text/plain")
        elif path == "/full.xml" and n == 3:
            body = b"<html><body><h1>Bad gateway</h1>"
            self.send(request, 200, body, "application/rss+xml", etag='"garbage"')
        elif path == "/full.xml" and n == 5:
            request.send_response(302)
            request.send_header("Location", "/full-moved.xml")
            request.send_header("Content-Length", "0")
            request.end_headers()
        elif path in ("/full.xml", "/full-moved.xml"):
            if path == "/full.xml" and n == 4:
                time.sleep(self.slow)
            full = self.hits["/full.xml"]
            self.feed(request, self.full_items(full), f'"full-{len(self.full_items(full))}"')
        elif path == "/summary.xml":
            items = self.summary_items(n)
            self.feed(request, items, f'"summary-{len(items)}"')
        else:
            self.send(request, 404, b"no", "text/plain")

    def feed(
        self, request: BaseHTTPRequestHandler, items: list[tuple[int, bool]], etag: str
    ) -> None:
        if request.headers.get("If-None-Match") == etag:
            with self.lock:
                self.not_modified += 1
            request.send_response(304)
            request.send_header("ETag", etag)
            request.end_headers()
            return
        self.send(request, 200, _rss(self.base, items), "application/rss+xml", etag=etag)

    def send(
        self,
        request: BaseHTTPRequestHandler,
        status: int,
        body: bytes,
        media: str,
        etag: str | None = None,
    ) -> None:
        request.send_response(status)
        request.send_header("Content-Type", media)
        request.send_header("Content-Length", str(len(body)))
        if etag:
            request.send_header("ETag", etag)
            request.send_header("Last-Modified", "Tue, 15 Sep 2020 12:00:00 GMT")
        request.end_headers()
        request.wfile.write(body)

    def pages(self) -> dict[str, int]:
        return {p: n for p, n in self.hits.items() if p.startswith(("/page/", "/private/"))}


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with FeedServer() as running:
        yield running


def _watch(db: Path, server: FeedServer, *more: str) -> list[str]:
    return [
        str(SCRIPT),
        "watch",
        f"{server.base}/full.xml",
        f"{server.base}/summary.xml",
        "--db",
        str(db),
        "--interval",
        "0.3",
        "--host-delay",
        "0.01",
        "--timeout",
        "10",
        *more,
    ]


def _env() -> dict[str, str]:
    return {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}


def _stored(db: Path) -> Counter[str]:
    """How many times each item's URL is stored."""
    with SQLiteStore(db) as store:
        return Counter(a.url or "" for a in store.articles())


GOOD = ["/page/0.html", "/page/1.html", "/page/2.html", "/page/3.html", "/page/4.html"]


def _check_consistent(db: Path) -> None:
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()


def test_the_watcher_stores_every_good_item_once_and_asks_conditionally(
    tmp_path: Path, server: FeedServer
) -> None:
    db = tmp_path / "w.db"
    done = subprocess.run(
        _watch(db, server, "--until-idle", "--max-polls", "30"),
        capture_output=True,
        text=True,
        timeout=120,
        env=_env(),
    )
    assert done.returncode == 0, done.stderr
    log = done.stderr
    # Each misbehaviour was met once, logged, and the watcher went on.
    assert server.hits["/full.xml"] >= 5 and server.hits["/full-moved.xml"] >= 1
    assert "HTTP 500" in log and "not a feed" in log and "robots.txt disallows" in log
    assert "answered from" in log  # the redirect, followed
    stored = _stored(db)
    urls = {u.removeprefix(server.base): n for u, n in stored.items()}
    for path in GOOD:
        assert urls.get(path) == 1, (path, urls, log)
    assert urls.get("/private/-1.html") == 1  # its summary, the page untouched
    assert sum(stored.values()) == len(GOOD) + 1
    assert server.pages().get("/private/-1.html") is None
    assert all(server.pages()[p] == 1 for p in ("/page/3.html", "/page/4.html"))
    assert server.conditional >= 3 and server.not_modified >= 2
    _check_consistent(db)
    with SQLiteStore(db) as store:
        # Every article is in a story, and every story's stored view is of its latest version.
        ids = [a.doc_id for a in store.articles()]
        stories = {a.story_id for a in ASSIGNMENTS.find(store, ids)}
        assert {a.doc_id for a in ASSIGNMENTS.find(store, ids)} == set(ids)
        assert set(EXTRACTIONS.keys(store)) == set(ids)  # the whole pipeline ran on them
        for story in stories:
            assert store.view_version(story) == current_version(store, story)
        assert store.record_keys(WATCH_PENDING.kind) == []

    # A restart asks again (conditionally) and fetches no page, stores nothing twice.
    pages, conditional = server.pages(), server.conditional
    again = subprocess.run(
        _watch(db, server, "--until-idle"), capture_output=True, text=True, timeout=60, env=_env()
    )
    assert again.returncode == 0, again.stderr
    assert server.pages() == pages
    assert server.conditional >= conditional + 2
    assert _stored(db) == stored


def test_a_sigterm_in_a_batch_rolls_it_back_and_a_restart_fetches_nothing_twice(
    tmp_path: Path, server: FeedServer
) -> None:
    db = tmp_path / "w.db"
    with subprocess.Popen(
        _watch(db, server, "--until-idle"),
        stderr=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=_env(),
    ) as watcher:
        assert watcher.stderr is not None
        lines = []
        for line in watcher.stderr:
            lines.append(line)
            if line.startswith("batch"):
                break
        watcher.send_signal(signal.SIGTERM)
        _, rest = watcher.communicate(timeout=60)
    log = "".join(lines) + (rest or "")
    assert watcher.returncode == 0, log
    assert "stopped by SIGTERM" in log and "rolled back" in log
    _check_consistent(db)
    with SQLiteStore(db) as store:
        # No half batch: nothing of it stored, all of it still waiting.
        assert store.count() == 0
        waiting = len(store.record_keys(WATCH_PENDING.kind))
    assert waiting == 4  # items 0, 1, 3 and the robots-blocked summary
    pages = server.pages()
    assert pages == {"/page/3.html": 1}

    again = subprocess.run(
        _watch(db, server, "--until-idle", "--max-polls", "30"),
        capture_output=True,
        text=True,
        timeout=120,
        env=_env(),
    )
    assert again.returncode == 0, again.stderr
    assert server.pages() == {"/page/3.html": 1, "/page/4.html": 1}
    stored = _stored(db)
    assert all(n == 1 for n in stored.values()) and len(stored) == len(GOOD) + 1, stored
    _check_consistent(db)
