"""robots.txt as a polite poller reads it (RFC 9309): fetched once per host and kept a day.

A robots.txt that answers 4xx (none, or not for us) allows everything; one that cannot be
reached (5xx, a timeout, a network error) disallows everything for now and is asked again
after :data:`RETRY_SECONDS`, as the RFC asks of a crawler that cannot tell what is allowed.
``Crawl-delay`` is read and capped, so that a hostile file cannot stall the watcher for days.
"""

from __future__ import annotations

import time
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from newsprism.ingest.fetch import FetchError, HTTPStatusError, Response

__all__ = ["MAX_CRAWL_DELAY", "RETRY_SECONDS", "Robots", "RobotsCache", "host_of"]

KEEP_SECONDS = 24 * 3600.0
"""How long a fetched robots.txt is trusted: RFC 9309 asks for at most 24 hours."""
RETRY_SECONDS = 600.0
"""When an unreachable robots.txt is asked again (everything on its host waits till then)."""
MAX_CRAWL_DELAY = 60.0
"""The longest ``Crawl-delay`` obeyed, in seconds: a minute between pages is already slow."""
MAX_ROBOTS_BYTES = 500 * 1024
"""RFC 9309 lets a crawler stop reading a robots.txt after 500 KiB."""

Get = Callable[[str], Response]
"""Fetches a URL (through the poller's rate limit) and returns its answer."""


def host_of(url: str) -> str:
    """The scheme and host (with port) of ``url``: what robots.txt and rate limits apply to."""
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


@dataclass(frozen=True, slots=True)
class Robots:
    """One host's rules as read, and until when they hold."""

    parser: urllib.robotparser.RobotFileParser | None
    """None: everything allowed (no robots.txt); see ``blocked`` for the opposite."""
    blocked: bool
    """True while the robots.txt cannot be reached: nothing on the host is fetched."""
    until: float

    def allows(self, url: str, agent: str) -> bool:
        """True when ``agent`` may fetch ``url``."""
        if self.blocked:
            return False
        return self.parser is None or self.parser.can_fetch(agent, url)

    def delay(self, agent: str) -> float:
        """The host's ``Crawl-delay`` for ``agent`` (0 when it sets none), capped."""
        if self.parser is None:
            return 0.0
        value = self.parser.crawl_delay(agent)
        try:
            return min(float(value or 0), MAX_CRAWL_DELAY)
        except (TypeError, ValueError):
            return 0.0


class RobotsCache:
    """robots.txt of each host, fetched with ``get`` when first needed and kept a day."""

    def __init__(self, get: Get, agent: str, clock: Callable[[], float] = time.monotonic) -> None:
        self.get = get
        # robots.txt groups name a product token, not a full User-Agent string with a version.
        self.agent = agent.split("/", 1)[0]
        self.clock = clock
        self._hosts: dict[str, Robots] = {}

    def rules(self, url: str) -> Robots:
        """The rules of ``url``'s host, fetched if not known or out of date."""
        host = host_of(url)
        known = self._hosts.get(host)
        if known is not None and known.until > self.clock():
            return known
        self._hosts[host] = rules = self._fetch(host)
        return rules

    def allows(self, url: str) -> bool:
        """True when the host's robots.txt lets newsprism fetch ``url``."""
        return self.rules(url).allows(url, self.agent)

    def delay(self, url: str) -> float:
        """The ``Crawl-delay`` of ``url``'s host, if its robots.txt is known (else 0)."""
        known = self._hosts.get(host_of(url))
        return known.delay(self.agent) if known is not None else 0.0

    def _fetch(self, host: str) -> Robots:
        now = self.clock()
        try:
            response = self.get(f"{host}/robots.txt")
        except HTTPStatusError as error:
            if 400 <= error.status < 500:  # "unavailable": everything is allowed
                return Robots(None, False, now + KEEP_SECONDS)
            return Robots(None, True, now + RETRY_SECONDS)
        except FetchError:
            return Robots(None, True, now + RETRY_SECONDS)
        text = response.body[:MAX_ROBOTS_BYTES].decode("utf-8", "replace")
        parser = urllib.robotparser.RobotFileParser()
        parser.parse(text.splitlines())
        return Robots(parser, False, now + KEEP_SECONDS)
