"""Fetching URLs behind a small protocol, with an in-memory twin for tests and offline runs."""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Mapping
from typing import Protocol, runtime_checkable

from newsprism._version import __version__
from newsprism.ingest.base import DEFAULT_MAX_BYTES

__all__ = ["FetchError", "Fetcher", "MemoryFetcher", "UrllibFetcher", "is_url"]


def is_url(location: str) -> bool:
    """True for an http(s) URL, the only kind ingest fetches."""
    return location.lower().startswith(("http://", "https://"))


class FetchError(OSError):
    """A URL could not be fetched; the message says why (HTTP status, timeout, DNS...)."""


@runtime_checkable
class Fetcher(Protocol):
    """Anything that turns a URL into the bytes of its body."""

    def fetch(self, url: str) -> bytes:
        """The body at ``url``; raises :class:`FetchError` (an ``OSError``) when it cannot."""
        ...


class UrllibFetcher:
    """Fetches over HTTP(S) with the standard library, reading at most ``max_bytes + 1`` bytes."""

    def __init__(
        self,
        *,
        timeout: float = 30.0,
        max_bytes: int = DEFAULT_MAX_BYTES,
        user_agent: str = f"newsprism/{__version__}",
    ) -> None:
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.user_agent = user_agent

    def fetch(self, url: str) -> bytes:
        """The body at ``url``, cut after ``max_bytes + 1`` bytes (enough to see it is too big)."""
        if not is_url(url):
            # urlopen would also read file:// and ftp:// URLs; a feed list must not reach those.
            raise FetchError(f"not an http(s) URL: {url}")
        request = urllib.request.Request(url, headers={"User-Agent": self.user_agent})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                body: bytes = response.read(self.max_bytes + 1)
        except urllib.error.HTTPError as error:
            raise FetchError(f"HTTP {error.code} {error.reason}") from error
        except urllib.error.URLError as error:
            raise FetchError(str(error.reason)) from error
        except (TimeoutError, OSError) as error:
            raise FetchError(str(error) or type(error).__name__) from error
        return body


class MemoryFetcher:
    """The in-memory twin of :class:`UrllibFetcher`: bodies (or errors to raise) from a dict."""

    def __init__(self, pages: Mapping[str, bytes | Exception]) -> None:
        self.pages = dict(pages)
        self.requested: list[str] = []

    def fetch(self, url: str) -> bytes:
        """The body stored for ``url``; the stored exception, or HTTP 404, otherwise."""
        self.requested.append(url)
        try:
            page = self.pages[url]
        except KeyError:
            raise FetchError("HTTP 404 Not Found") from None
        if isinstance(page, Exception):
            raise page
        return page
