"""How much one input, one document and one run may cost: the limits reading enforces.

Every limit is checked while the bytes stream in, never after the fact, so a hostile input
(a decompression bomb, a feed of a million entries, a file that takes minutes to parse) is
refused in about the time it takes to read its first limit's worth, and its refusal is a coded
failure naming it: the rest of the batch goes on. The defaults are generous for real news (the
largest pages of the reference corpora are under 5 MB) and fit a laptop; a server or a cluster
worker passes its own :class:`Limits`. ``docs/limits.md`` lists them with the message each gives.

>>> from newsprism.limits import Limits
>>> Limits(max_feed_entries=200).max_document_bytes == Limits().max_document_bytes
True
"""

from __future__ import annotations

import math
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

__all__ = ["DEFAULT_LIMITS", "Limits", "TimeLimitExceeded", "time_limit"]


@dataclass(frozen=True, slots=True)
class Limits:
    """The bounds on what reading inputs may cost; each one refused with a coded failure."""

    max_document_bytes: int = 32 * 2**20
    """Largest single document, in bytes: a file read whole, a WARC record, a JSON line, a
    feed, or what a ``.gz`` file holds (32 MiB). The largest of the 181 pages of the
    article-extraction benchmark is 1.4 MB with its inline scripts; anything near the limit is a
    mis-filed dump or a media file. A plain file is
    measured with ``stat`` before it is opened; a record or a line as it is read. E003."""

    max_decompressed_bytes: int = 8 * 2**30
    """Most bytes inflated from one compressed input (a ``.gz`` file, or every gzip member of
    a ``.warc.gz`` archive together): 8 GiB, above the 3-5 GB a 1 GB Common Crawl News WARC
    inflates to. Counted as the bytes are inflated; past it the archive is left, the documents
    read before kept. E003."""

    max_expansion: float = 200.0
    """Most bytes a compressed input may inflate to per byte read, once more than a document's
    worth has been inflated. The 181 gzipped pages of the article-extraction benchmark inflate
    4.5 times (median), 8.3 at most; a bomb of zeros inflates about 1,000 times, so it is
    refused after its first ``max_document_bytes`` (a 10 MB archive that inflates to 10 GB:
    under a second). 200 leaves room for archives of near-identical pages. E003."""

    max_feed_entries: int = 5_000
    """Entries read from one RSS or Atom feed: 5,000. A live feed has 10 to 100; an archive
    export a few thousand. Past it the first entries are read and the feed is reported, so a
    feed of a million entries costs what 5,000 do. E016."""

    max_documents: int = 100_000
    """Documents one run reads from all its inputs together: 100,000, a few months of a large
    outlet list on a laptop. The input at which the run stops is named; the inputs after it
    are read by a run that names them (documents already stored count towards the limit, as
    they are read before the store is asked). E017."""

    max_document_seconds: float = 60.0
    """Wall-clock seconds reading may spend to produce one document (decoding, parsing a
    feed, sniffing a charset): 60. The slowest of the 1,686 files of the shared reference data
    reads in 2.5 s on a loaded 2-core machine; a pathological input that makes a parser crawl
    is stopped, and the input named. E018.
    Enforced with a timer signal in the main thread; elsewhere (a worker thread) not at all."""

    def __post_init__(self) -> None:
        for name in ("max_document_bytes", "max_decompressed_bytes", "max_feed_entries"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1")
        if self.max_documents < 0:
            raise ValueError("max_documents must not be negative")
        if not self.max_expansion > 1 or not self.max_document_seconds > 0:
            raise ValueError("max_expansion must be over 1 and max_document_seconds over 0")


DEFAULT_LIMITS = Limits()
"""The limits used when none are given."""


class TimeLimitExceeded(BaseException):
    """Raised inside work that ran past its :func:`time_limit`.

    A ``BaseException``, like ``KeyboardInterrupt``, so that a library's ``except Exception``
    (feedparser reports any parse error that way) does not swallow it.
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        super().__init__(f"it took more than {seconds:g} s")


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`TimeLimitExceeded` in the body once ``seconds`` of wall time have passed.

    A real-time interval timer (``SIGALRM``) interrupts pure-Python loops and returns from
    most C calls; it exists only in the main thread of a POSIX process, and is used only when
    no other handler or timer is using that signal, so elsewhere the body runs unbounded.
    """
    if (
        not math.isfinite(seconds)
        or not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
        or signal.getsignal(signal.SIGALRM) not in (signal.SIG_DFL, signal.SIG_IGN, None)
        or signal.getitimer(signal.ITIMER_REAL)[0] > 0
    ):
        yield
        return

    def expired(signum: int, frame: object) -> None:
        raise TimeLimitExceeded(seconds)

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
