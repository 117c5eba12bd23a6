"""Fetching URLs behind a small protocol, with an in-memory twin for tests and offline runs."""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from newsprism._version import __version__
from newsprism.ingest.base import DEFAULT_MAX_BYTES

__all__ = [
    "FetchError",
    "Fetcher",
    "HTTPStatusError",
    "MemoryFetcher",
    "Response",
    "UrllibFetcher",
    "is_url",
]


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


@dataclass(frozen=True, slots=True)
class Response:
    """One HTTP answer as a poller needs it: status, body, headers (lower-case names), and the
    URL it finally came from (after redirects)."""

    status: int
    body: bytes = b""
    headers: Mapping[str, str] = field(default_factory=dict)
    url: str = ""


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

    def get(self, url: str, headers: Mapping[str, str] | None = None) -> Response:
        """The answer at ``url`` sent with ``headers`` (``If-None-Match`` ...): a 2xx or a 304
        is a :class:`Response` (redirects followed, the body cut after ``max_bytes + 1``
        bytes); any other status, a timeout or a network error raises :class:`FetchError`."""
        if not is_url(url):
            raise FetchError(f"not an http(s) URL: {url}")
        sent = {"User-Agent": self.user_agent, **(headers or {})}
        request = urllib.request.Request(url, headers=sent)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                body: bytes = response.read(self.max_bytes + 1)
                got = {k.lower(): v for k, v in response.headers.items()}
                return Response(response.status, body, got, response.geturl())
        except urllib.error.HTTPError as error:
            got = {k.lower(): v for k, v in (error.headers or {}).items()}
            if error.code == 304:  # urllib treats "not modified" as an error; a poller does not
                return Response(304, b"", got, error.geturl() or url)
            raise HTTPStatusError(error.code, str(error.reason), got) from error
        except urllib.error.URLError as error:
            raise FetchError(str(error.reason)) from error
        except (TimeoutError, OSError) as error:
            raise FetchError(str(error) or type(error).__name__) from error


class HTTPStatusError(FetchError):
    """A URL answered with an error status; ``status`` and ``headers`` (``Retry-After``) kept."""

    def __init__(self, status: int, reason: str, headers: Mapping[str, str]) -> None:
        super().__init__(f"HTTP {status} {reason}")
        self.status = status
        self.headers = dict(headers)


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
