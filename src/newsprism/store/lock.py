"""One writer at a time: an advisory lock beside the store file, held while a writer runs.

SQLite serialises single transactions, but a run that reads the stories, clusters a chunk in
memory and writes the result back would overwrite another run's updates between its reads and
its writes. A writer (``newsprism analyze``, a feed watcher) therefore holds this lock for as
long as it has the store open; a second writer waits for it (saying so) or is refused.

The lock is ``flock`` on ``<store>.lock``: the operating system releases it when its holder
exits, even when killed, so a crash never leaves a store locked. The file holds the holder's
process id and start time, for the waiting writer's message.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path
from typing import IO

from newsprism.errors import NewsprismError

__all__ = ["WriterLock", "lock_path"]

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no flock; writers there are not serialised
    fcntl = None  # type: ignore[assignment]


def lock_path(store_path: str) -> Path:
    """The lock file of the store at ``store_path``."""
    return Path(f"{store_path}.lock")


class WriterLock:
    """The writer lock of one store file; :meth:`acquire` then :meth:`release`."""

    def __init__(self, store_path: str) -> None:
        self.store_path = store_path
        self.path = lock_path(store_path)
        self._handle: IO[str] | None = None

    @property
    def held(self) -> bool:
        """True while this process holds the lock."""
        return self._handle is not None

    def acquire(self, *, wait: bool = True, on_wait: Callable[[str], None] | None = None) -> None:
        """Take the lock; when another writer holds it, wait (telling ``on_wait`` once, with
        who holds it) or, with ``wait=False``, raise E032."""
        if self._handle is not None or fcntl is None:
            return
        handle = self.path.open("a+", encoding="utf-8")
        try:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = _holder(handle)
                if not wait:
                    raise NewsprismError("E032", self.store_path, holder) from None
                if on_wait is not None:
                    on_wait(
                        f"{self.store_path} is being written by another process ({holder}); "
                        "waiting for it to finish"
                    )
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
            handle.seek(0)
            handle.truncate()
            started = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
            handle.write(f"pid {os.getpid()} since {started}\n")
            handle.flush()
        except BaseException:
            handle.close()
            raise
        self._handle = handle

    def release(self) -> None:
        """Let the lock go; releasing twice is harmless."""
        handle, self._handle = self._handle, None
        if handle is None:
            return
        try:
            handle.seek(0)
            handle.truncate()
        finally:
            handle.close()  # closing the descriptor releases the flock


def _holder(handle: IO[str]) -> str:
    """Who holds the lock, as its holder wrote it ("pid 123 since ...")."""
    handle.seek(0)
    text = handle.read().strip()
    return text or "its process id not yet written"
