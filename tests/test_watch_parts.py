"""The watcher's parts: robots.txt rules, backoff, feed state, entries, folders (in process)."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

import pytest

from newsprism.config import default_config
from newsprism.ingest.feeds import feed_entries
from newsprism.ingest.fetch import FetchError, HTTPStatusError, Response
from newsprism.ingest.robots import MAX_CRAWL_DELAY, RobotsCache, host_of
from newsprism.ingest.watch import Watcher, WatchEvent
from newsprism.ingest.watch_state import FeedState, load_state
from newsprism.limits import DEFAULT_LIMITS
from newsprism.store import SQLiteStore
from newsprism.store.schema import WATCH_PENDING

ROOT = Path(__file__).resolve().parents[1]
TEXTS = sorted((ROOT / "examples" / "sochi-2020").glob("*.txt"))
# The default stages without extraction: the folder tests need no spaCy model.
NO_NLP = replace(default_config(), stages=("ingest", "clean", "date", "dedup", "cluster"))


class Answers:
    """An in-memory HTTP client: a queue of answers (or errors) per URL, requests recorded."""

    user_agent = "newsprism/test"

    def __init__(self, answers: Mapping[str, list[Response | Exception]]) -> None:
        self.answers = {url: list(queue) for url, queue in answers.items()}
        self.sent: list[tuple[str, dict[str, str]]] = []

    def get(self, url: str, headers: Mapping[str, str] | None = None) -> Response:
        self.sent.append((url, dict(headers or {})))
        queue = self.answers.get(url)
        if not queue:
            raise HTTPStatusError(404, "Not Found", {})
        answer = queue.pop(0) if len(queue) > 1 else queue[0]
        if isinstance(answer, Exception):
            raise answer
        return answer


@pytest.mark.parametrize(
    "robots, url, allowed",
    [
        (Response(200, b"User-agent: *\nDisallow: /private/\n"), "/private/a.html", False),
        (Response(200, b"User-agent: *\nDisallow: /private/\n"), "/news/a.html", True),
        (Response(200, b"User-agent: newsprism\nDisallow: /\n"), "/news/a.html", False),
        (Response(200, b"User-agent: otherbot\nDisallow: /\n"), "/news/a.html", True),
        (HTTPStatusError(404, "Not Found", {}), "/news/a.html", True),  # no file: all allowed
        (HTTPStatusError(403, "Forbidden", {}), "/news/a.html", True),  # RFC 9309: 4xx allows
        (HTTPStatusError(503, "Unavailable", {}), "/news/a.html", False),  # unreachable
        (FetchError("timed out"), "/news/a.html", False),
    ],
)
def test_robots_rules_follow_rfc_9309(
    robots: Response | Exception, url: str, allowed: bool
) -> None:
    getter = Answers({"http://h.test/robots.txt": [robots]})
    cache = RobotsCache(getter.get, getter.user_agent)
    assert cache.allows(f"http://h.test{url}") is allowed
    assert cache.allows(f"http://h.test{url}") is allowed
    assert len(getter.sent) == 1  # asked once per host, then kept


def test_a_crawl_delay_is_read_and_capped() -> None:
    text = b"User-agent: *\nCrawl-delay: 100000\n"
    getter = Answers({"http://h.test/robots.txt": [Response(200, text)]})
    cache = RobotsCache(getter.get, getter.user_agent)
    assert cache.allows("http://h.test/x")
    assert cache.delay("http://h.test/x") == MAX_CRAWL_DELAY
    assert host_of("HTTP://H.test:8080/a?b") == "http://h.test:8080"


def test_feed_state_keeps_the_current_entries_and_the_latest_others() -> None:
    state = FeedState("f").taking(["a", "b", "c", "b"]).taking(["d"])
    assert state.seen == ("a", "b", "c", "d") and state.has(["x", "c"]) and not state.has(["x"])
    assert state.pruned(["a"], keep=1).seen == ("a", "d")


@pytest.mark.parametrize(
    "data, expected",
    [
        (b"<html><body>oops</body></html>", "not RSS or Atom"),
        (b"<html><body>oops", "no element found"),
        (b"\x00\x01\x02 binary junk", ""),
    ],
)
def test_a_body_that_is_no_feed_says_why(data: bytes, expected: str) -> None:
    found = feed_entries(data, DEFAULT_LIMITS)
    assert isinstance(found, str) and expected in found


def test_a_sound_feed_without_entries_has_none() -> None:
    empty = b'<rss version="2.0"><channel><title>t</title></channel></rss>'
    assert feed_entries(empty, DEFAULT_LIMITS) == []


def _feed(*items: str, etag: str = '"v1"') -> Response:
    body = "".join(
        f"<item><guid>{i}</guid><link>http://f.test/{i}.html</link><title>{i}</title>"
        f"<description>Summary of {i}.</description></item>"
        for i in items
    )
    rss = f'<rss version="2.0"><channel><title>F</title>{body}</channel></rss>'
    return Response(200, rss.encode(), {"etag": etag}, "http://f.test/feed.xml")


def test_garbage_keeps_no_validator_and_a_failing_feed_backs_off(tmp_path: Path) -> None:
    feed = "http://f.test/feed.xml"
    garbage = Response(200, b"<html>down</html>", {"etag": '"bad"'}, feed)
    getter = Answers(
        {
            feed: [HTTPStatusError(500, "Internal Server Error", {}), garbage, _feed()],
            "http://f.test/robots.txt": [Response(200, b"")],
        }
    )
    events: list[WatchEvent] = []
    clock = [0.0]
    with SQLiteStore(tmp_path / "w.db", writer=True) as store:
        watcher = Watcher(
            store,
            [feed],
            getter,
            interval=10,
            config=NO_NLP,
            on_event=events.append,
            clock=lambda: clock[0],
        )
        watcher.poll()  # 500: asked again after one interval
        assert [e.kind for e in events] == ["failed"] and "10 s" in events[0].message
        clock[0] = 10.0
        watcher.poll()  # garbage: twice as long, and its ETag is not kept
        assert events[-1].kind == "garbage" and "20 s" in events[-1].message
        assert load_state(store, feed).etag is None
        clock[0] = 15.0
        watcher.poll()
        assert len(getter.sent) == 2  # not due yet
        clock[0] = 30.0
        watcher.poll()  # a feed without entries: kept, with its validator
        assert load_state(store, feed).etag == '"v1"'
        watcher.poll()
        clock[0] = 40.0
        watcher.poll()
        assert getter.sent[-1] == (feed, {"If-None-Match": '"v1"'})


def test_an_entry_whose_page_fails_is_asked_again_and_the_feed_refetched_whole(
    tmp_path: Path,
) -> None:
    feed = "http://f.test/feed.xml"
    getter = Answers(
        {
            feed: [_feed("a")],
            "http://f.test/robots.txt": [Response(200, b"")],
            "http://f.test/a.html": [FetchError("timed out"), Response(200, _page(0))],
        }
    )
    with SQLiteStore(tmp_path / "w.db", writer=True) as store:
        watcher = Watcher(store, [feed], getter, interval=0, host_delay=0, config=NO_NLP)
        assert watcher.poll() == 0
        assert load_state(store, feed).etag is None  # an entry left: no conditional next time
        assert watcher.poll() == 1
        assert load_state(store, feed).etag == '"v1"'
        held = WATCH_PENDING.get(store, store.record_keys(WATCH_PENDING.kind)[0])[0]
        assert held.url == "http://f.test/a.html" and "Lukashenko" in held.content
        watcher.analyze_held()
        assert store.count() == 1 and store.record_keys(WATCH_PENDING.kind) == []


def _page(k: int) -> bytes:
    paragraphs = TEXTS[k].read_text("utf-8").split("\n\n")
    body = "".join(f"<p>{p}</p>" for p in paragraphs[1:])
    return f"<html><head><title>{paragraphs[0]}</title></head><body>{body}</body></html>".encode()


def test_a_watched_folder_adds_each_new_file_once(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    old = time.time() - 60

    def drop(k: int) -> None:
        target = folder / TEXTS[k].name
        shutil.copy(TEXTS[k], target)
        os.utime(target, (old, old))

    drop(0)
    drop(1)
    (folder / "fresh.txt").write_text("still being written", encoding="utf-8")
    with SQLiteStore(tmp_path / "w.db", writer=True) as store:
        watcher = Watcher(store, [str(folder)], Answers({}), interval=0, config=NO_NLP)
        assert watcher.poll() == 2  # the file written just now waits for a later poll
        watcher.analyze_held()
        assert store.count() == 2
        assert watcher.poll() == 0
        drop(2)
        assert watcher.poll() == 1
        watcher.analyze_held()
        assert store.count() == 3
        assert watcher.report.stored == 3 and watcher.report.stories


def test_idle_means_every_source_was_last_asked_with_nothing_new(tmp_path: Path) -> None:
    one, two = "http://a.test/feed.xml", "http://b.test/feed.xml"
    getter = Answers(
        {
            one: [_feed(etag='"a"'), Response(304)],
            two: [HTTPStatusError(503, "Unavailable", {"retry-after": "50"}), _feed()],
        }
    )
    clock = [0.0]
    with SQLiteStore(tmp_path / "w.db", writer=True) as store:
        watcher = Watcher(store, [one, two], getter, interval=10, clock=lambda: clock[0])
        watcher.poll()
        assert not watcher.idle  # the second feed failed
        clock[0] = 10.0
        watcher.poll()  # the second one is not due: Retry-After asked for 50 s
        assert not watcher.idle and getter.sent[-1][0] == one
        clock[0] = 50.0
        watcher.poll()
        assert watcher.idle
