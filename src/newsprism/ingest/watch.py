"""Feeds watched all day: new entries of RSS/Atom feeds (or new files of a folder) into the store.

Each poll asks every feed that is due, with its ``ETag`` and ``Last-Modified`` as
``If-None-Match`` / ``If-Modified-Since``, so an unchanged feed costs one 304. Each new entry
becomes a document: the feed's own text when it carries the article (``content:encoded``,
Atom ``content``), else the entry's page, fetched if the host's ``robots.txt`` allows it (the
summary is kept when it does not). Requests to one host are spaced by at least the host delay
(or the host's ``Crawl-delay``). A feed that fails (a network error, a 5xx, a body that is no
feed) is logged and asked again later, each failure in a row doubling the wait, and the other
feeds go on.

Each fetched document is committed with the feed's state (the entry marked taken) before the
next request; once every due feed is polled, the batch of new documents goes through the same
stages :func:`newsprism.runner.analyze` runs (clean, date, extract, dedup, cluster, compare,
summarize: stories and their stored views updated) in one transaction, which also releases the
documents. A stop (SIGINT, SIGTERM) during a fetch ends the watcher once the request in flight
is answered and committed; during a batch it rolls the batch back whole, and the next run
analyses the same documents without fetching them again.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import os
import signal
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from types import FrameType
from typing import Protocol

from newsprism.config import Config, default_config
from newsprism.ingest.base import Origin
from newsprism.ingest.feeds import FeedEntry, feed_entries, read_feed
from newsprism.ingest.fetch import FetchError, HTTPStatusError, MemoryFetcher, Response, is_url
from newsprism.ingest.paths import expand_paths
from newsprism.ingest.reader import read_file, read_url
from newsprism.ingest.robots import RobotsCache, host_of
from newsprism.ingest.watch_state import (
    held,
    hold,
    load_state,
    release,
    save_state,
    watch_config,
)
from newsprism.limits import DEFAULT_LIMITS, Limits, TimeLimitExceeded, time_limit
from newsprism.records import Document, IngestFailure
from newsprism.store import Store

__all__ = [
    "MAX_BACKOFF",
    "MAX_PAGE_TRIES",
    "Getter",
    "WatchEvent",
    "WatchReport",
    "WatchStopped",
    "Watcher",
    "stop_on_signals",
]

MAX_BACKOFF = 3600.0
"""The longest wait before a failing feed is asked again, in seconds."""
MAX_PAGE_TRIES = 3
"""Polls on which an entry's page is tried before its summary is kept instead."""
SETTLE_SECONDS = 1.0
"""A file of a watched folder changed less than this long ago may still be being written: it
is read on a later poll."""
_TICK = 0.1
"""How often a waiting watcher looks whether it was asked to stop, in seconds."""


class Getter(Protocol):
    """An HTTP client as the watcher needs it (:class:`~newsprism.ingest.fetch.UrllibFetcher`)."""

    user_agent: str

    def get(self, url: str, headers: Mapping[str, str] | None = None) -> Response:
        """The answer at ``url`` (2xx or 304); :class:`FetchError` otherwise."""
        ...


class WatchStopped(BaseException):
    """Raised inside a batch when the watcher is asked to stop: the batch is rolled back.

    A ``BaseException``, like ``KeyboardInterrupt``, so that no stage's ``except Exception``
    keeps it from reaching the transaction."""


@dataclass(frozen=True, slots=True)
class WatchEvent:
    """Something the watcher did or met, for its log: a kind, the feed or URL, and words."""

    kind: str
    """``not-modified``, ``new``, ``failed``, ``garbage``, ``robots``, ``retry``, ``batch``,
    ``stored``, ``stopping``."""
    source: str
    message: str


@dataclass(slots=True)
class WatchReport:
    """What a watcher did so far."""

    polls: int = 0
    fetched: int = 0
    """HTTP requests made (feeds, pages and robots.txt)."""
    not_modified: int = 0
    taken: int = 0
    """New entries and files taken into the store."""
    stored: int = 0
    """Articles the batches stored."""
    stories: set[str] = field(default_factory=set)
    failures: int = 0
    batches: int = 0


@dataclass(slots=True)
class _Schedule:
    due: float = 0.0
    failures: int = 0


_RETRY = object()
"""An entry whose page could not be fetched this time: left untaken, asked again next poll."""


class Watcher:
    """Polls ``sources`` (feed URLs, folders) into ``store``; :meth:`run` until told to stop.

    ``interval`` is the seconds between two polls of one feed, ``host_delay`` the least
    seconds between two requests to one host. ``config`` gives the stages (the package
    defaults when None); ``on_event`` hears of everything worth a log line.
    """

    def __init__(
        self,
        store: Store,
        sources: Sequence[str],
        getter: Getter,
        *,
        interval: float = 300.0,
        host_delay: float = 1.0,
        max_backoff: float = MAX_BACKOFF,
        config: Config | None = None,
        limits: Limits | None = None,
        on_event: Callable[[WatchEvent], None] | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.store = store
        self.sources = list(dict.fromkeys(sources))
        self.getter = getter
        self.interval = interval
        self.host_delay = host_delay
        self.max_backoff = max_backoff
        self.config = watch_config(config or default_config())
        self.limits = limits or DEFAULT_LIMITS
        self.on_event = on_event
        self.clock = clock
        self.report = WatchReport()
        self.robots = RobotsCache(self._request, getter.user_agent, clock)
        self.stop_reason: str | None = None
        self.in_batch = False
        self._schedule = {source: _Schedule() for source in self.sources}
        self._last_request: dict[str, float] = {}
        self._page_tries: dict[str, int] = {}
        self._troubled = False
        """Whether the source being asked failed or left something to retry."""
        self._quiet: set[str] = set()
        """Sources that, the last time they were asked, had nothing new and nothing to retry."""

    # -- the loop -------------------------------------------------------------------------

    def run(self, *, max_polls: int | None = None, until_idle: bool = False) -> WatchReport:
        """Poll until stopped, for ``max_polls`` polls, or (``until_idle``) until every
        source, the last time it was asked, had nothing new and nothing to retry."""
        self.analyze_held()  # what a stopped run fetched and did not analyse
        while self.stop_reason is None:
            self.poll()
            if self.stop_reason is not None:
                break
            self.analyze_held()
            if max_polls is not None and self.report.polls >= max_polls:
                break
            if until_idle and self.idle:
                break
            self._wait(min(s.due for s in self._schedule.values()))
        return self.report

    def stop(self, reason: str) -> None:
        """Ask the watcher to stop: after the request in flight, or now if inside a batch
        (which is rolled back). A second request stops it at once."""
        again = self.stop_reason is not None
        self.stop_reason = reason
        self._event("stopping", "", reason)
        if self.in_batch or again:
            raise WatchStopped(reason)

    @property
    def idle(self) -> bool:
        """True when every source, the last time it was asked, answered with nothing new,
        nothing to retry and no failure, and no fetched item waits for a batch."""
        return len(self._quiet) == len(self.sources) and not held(self.store)

    def poll(self) -> int:
        """Ask every due source once; the number of new entries and files taken."""
        self.report.polls += 1
        found = 0
        for source in self.sources:
            schedule = self._schedule[source]
            if self.stop_reason is not None:
                break
            if schedule.due > self.clock():
                continue
            self._troubled = False
            taken = self._folder(source) if not is_url(source) else self._feed(source)
            found += taken
            if taken or self._troubled:
                self._quiet.discard(source)
            else:
                self._quiet.add(source)
            if schedule.failures == 0:
                schedule.due = self.clock() + self.interval
            if len(held(self.store)) >= self.config.chunk_size:
                # A first poll of long feeds: stories need not wait for the last of them.
                self.analyze_held()
        self.report.taken += found
        return found

    def analyze_held(self) -> None:
        """Analyse the documents fetched and not yet analysed, as one batch (one transaction)."""
        from newsprism.runner import analyze

        keys = held(self.store)
        if not keys or self.stop_reason is not None:
            return
        self.in_batch = True
        try:
            with self.store.transaction():
                self._event("batch", "", f"analysing {len(keys)} new item(s)")
                run = analyze(
                    keys,
                    self.store,
                    config=self.config,
                    limits=self.limits,
                    on_failure=lambda f: self._event("failed", f.source, f"{f.reason} [{f.code}]"),
                )
                release(self.store, keys)
        finally:
            self.in_batch = False
        self.report.batches += 1
        self.report.stored += len(run.stored)
        self.report.stories |= run.stories
        for notice in dict.fromkeys(run.notices):
            self._event("note", "", notice)
        self._event(
            "stored",
            "",
            f"{len(run.stored)} article(s) stored, {run.skipped} already in the store, "
            f"{len(run.stories)} story(ies) updated",
        )

    def _wait(self, until: float) -> None:
        while self.stop_reason is None and self.clock() < until:
            time.sleep(min(_TICK, max(0.0, until - self.clock())))

    # -- feeds ----------------------------------------------------------------------------

    def _feed(self, url: str) -> int:
        state = load_state(self.store, url)
        headers = {}
        if state.etag:
            headers["If-None-Match"] = state.etag
        if state.last_modified:
            headers["If-Modified-Since"] = state.last_modified
        try:
            response = self._request(url, headers)
        except FetchError as error:
            self._failed(url, "failed", str(error), _retry_after(error))
            return 0
        if response.url and response.url != url:
            self._event("redirected", url, f"answered from {response.url}")
        if response.status == 304:
            self.report.not_modified += 1
            self._succeeded(url)
            self._event("not-modified", url, "not modified")
            return 0
        data = response.body
        entries: list[FeedEntry] | str
        if len(data) > self.limits.max_document_bytes:
            entries = f"larger than {self.limits.max_document_bytes:,} bytes"
        else:
            entries = self._parsed(url, data)
        if isinstance(entries, str):
            # Its validators are not kept: the next poll must get the feed whole again.
            self._failed(url, "garbage", f"not a feed: {entries}")
            return 0
        self._succeeded(url)
        texts = self._feed_documents(url, data)
        taken = left = 0
        for entry in entries:
            keys = _keys(entry)
            if not keys or state.has(keys):
                continue
            if self.stop_reason is not None:
                left += 1
                continue
            document = self._entry_document(entry, texts.get(entry.index))
            if document is _RETRY:
                left += 1
                continue
            with self.store.transaction():
                if isinstance(document, Document):
                    hold(self.store, document)
                state = state.taking(keys)
                save_state(self.store, state)
            taken += 1
        state = state.pruned(key for e in entries for key in _keys(e))
        if not left:  # every entry of this answer taken: the next poll may be conditional
            validators = response.headers
            state = replace(
                state, etag=validators.get("etag"), last_modified=validators.get("last-modified")
            )
        save_state(self.store, state)
        if taken:
            self._event("new", url, f"{taken} new item(s)")
        return taken

    def _parsed(self, url: str, data: bytes) -> list[FeedEntry] | str:
        try:
            with time_limit(self.limits.max_document_seconds):
                return feed_entries(data, self.limits)
        except TimeLimitExceeded as exc:
            return str(exc)

    def _feed_documents(self, url: str, data: bytes) -> dict[int, Document]:
        """The feed's own documents (an entry's text or summary), by entry index."""
        origin = Origin(url, dt.datetime.now(dt.UTC), self.limits.max_document_bytes, self.limits)
        found: dict[int, Document] = {}
        try:
            with time_limit(self.limits.max_document_seconds):
                for item in read_feed(data, origin):
                    if isinstance(item, Document) and item.provenance.record_index is not None:
                        found[item.provenance.record_index] = item
        except TimeLimitExceeded as exc:
            self._event("garbage", url, str(exc))
        return found

    def _entry_document(self, entry: FeedEntry, text: Document | None) -> Document | object:
        """The document of a new entry: the feed's text, or its page when the feed has only a
        summary (None: nothing readable; ``_RETRY``: the page is to be asked again)."""
        link = entry.link
        if entry.full_text or link is None or not is_url(link):
            return text
        if not self.robots.allows(link):
            self._event("robots", link, "robots.txt disallows it: the feed's summary is kept")
            return text
        try:
            response = self._request(link, {})
        except FetchError as error:
            tries = self._page_tries[link] = self._page_tries.get(link, 0) + 1
            if tries < MAX_PAGE_TRIES:
                self._troubled = True
                self._event("retry", link, f"{error}: asked again next poll")
                return _RETRY
            self._event("failed", link, f"{error}: the feed's summary is kept")
            return text
        self._page_tries.pop(link, None)
        final = response.url or link
        page: Document | None = None
        for item in read_url(
            final, fetcher=MemoryFetcher({final: response.body}), limits=self.limits
        ):
            if isinstance(item, Document):
                page = item
                break
            self._event("failed", final, f"{item.reason} [{item.code}]")
        if page is None:
            return text
        # What the page does not say, the feed entry does.
        return replace(
            page,
            url=page.url or link,
            title=page.title or (text.title if text else entry.title),
            outlet=page.outlet or (text.outlet if text else None),
            published=page.published or (text.published if text else None),
        )

    # -- folders --------------------------------------------------------------------------

    def _folder(self, path: str) -> int:
        state = load_state(self.store, path)
        present: list[str] = []
        taken = 0
        now = time.time()
        for item in expand_paths([path]):
            if self.stop_reason is not None:
                break
            if isinstance(item, IngestFailure):
                self._failed(path, "failed", f"{item.reason} [{item.code}]")
                return taken
            try:
                info = os.stat(item)
            except OSError:
                continue  # gone since it was listed
            if now - info.st_mtime < SETTLE_SECONDS:
                self._troubled = True  # still being written: read on a later poll
                continue
            key = f"{item}|{info.st_size}|{info.st_mtime_ns}"
            present.append(key)
            if state.has([key]):
                continue
            documents: list[Document] = []
            for read in read_file(item, limits=self.limits):
                if isinstance(read, Document):
                    documents.append(read)
                else:
                    self._event("failed", read.source, f"{read.reason} [{read.code}]")
            with self.store.transaction():
                for document in documents:
                    hold(self.store, document)
                state = state.taking([key])
                save_state(self.store, state)
            taken += 1
        if self.stop_reason is None:
            save_state(self.store, state.pruned(present, keep=0))
        if taken:
            self._event("new", path, f"{taken} new file(s)")
        return taken

    # -- requests, rate limits and backoff ------------------------------------------------

    def _request(self, url: str, headers: Mapping[str, str] | None = None) -> Response:
        """One request, spaced from the last one to its host by the host delay."""
        host = host_of(url)
        gap = max(self.host_delay, self.robots.delay(url))
        last = self._last_request.get(host)
        if last is not None:
            wait = last + gap - self.clock()
            if wait > 0:
                time.sleep(wait)
        self.report.fetched += 1
        try:
            return self.getter.get(url, headers or {})
        finally:
            self._last_request[host] = self.clock()

    def _succeeded(self, source: str) -> None:
        self._schedule[source].failures = 0

    def _failed(self, source: str, kind: str, why: str, retry_after: float | None = None) -> None:
        schedule = self._schedule[source]
        schedule.failures += 1
        self.report.failures += 1
        self._troubled = True
        wait = min(self.interval * 2 ** (schedule.failures - 1), self.max_backoff)
        if retry_after is not None:
            wait = max(wait, min(retry_after, self.max_backoff))
        schedule.due = self.clock() + wait
        self._event(kind, source, f"{why}; asked again in {wait:g} s")

    def _event(self, kind: str, source: str, message: str) -> None:
        if self.on_event is not None:
            self.on_event(WatchEvent(kind, source, message))


def _keys(entry: FeedEntry) -> list[str]:
    """What identifies an entry across polls: its id and its link (its title if it has
    neither, as some hand-written feeds do)."""
    keys = [key for key in (entry.id, entry.link) if key]
    return keys or ([f"title:{entry.title}"] if entry.title else [])


def _retry_after(error: FetchError) -> float | None:
    """The seconds a 429 or 503 answer asks to wait (``Retry-After``), if it says."""
    if not isinstance(error, HTTPStatusError):
        return None
    value = error.headers.get("retry-after", "").strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
        return max(0.0, (when - dt.datetime.now(dt.UTC)).total_seconds())
    except (TypeError, ValueError):  # no date, or one without a time zone
        return None


@contextmanager
def stop_on_signals(watcher: Watcher) -> Iterator[None]:
    """A block in which SIGINT and SIGTERM stop ``watcher`` cleanly (:meth:`Watcher.stop`)."""

    def handler(signum: int, frame: FrameType | None) -> None:
        watcher.stop(signal.Signals(signum).name)

    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)
