"""Turning what a user names (files, directories, globs, URLs) into the inputs to read, in order.

Directories are walked recursively, entries sorted by name at each level, so a run is
reproducible; hidden files and directories (``.git``, ``.DS_Store``) are skipped, as a shell
glob skips them. Symbolic links are followed, but a directory already visited is not walked
again, so link loops end. A file named twice (by a directory and a glob, say) is read once.
Inside a directory, notes and data that sit beside articles (READMEs, CSVs of labels, code,
configuration) are passed over by extension; anything else is read, so that a stray image is
reported rather than silently ignored. A file named on its own is always read.
"""

from __future__ import annotations

import glob
import os
import re
from collections.abc import Iterable, Iterator

from newsprism.ingest.base import failure
from newsprism.ingest.fetch import is_url
from newsprism.records import IngestFailure

__all__ = ["expand_paths"]

_GLOB_CHARS = re.compile(r"[*?\[]")
# Files a corpus folder carries beside its articles: documentation, labels, code, settings,
# and newsprism's own store (`newsprism analyze .` must not read its database).
_NOT_ARTICLES = frozenset(
    [
        ".md",
        ".rst",
        ".csv",
        ".tsv",
        ".py",
        ".sh",
        ".yml",
        ".yaml",
        ".toml",
        ".cfg",
        ".ini",
        ".log",
        ".ann",
        ".conf",
        ".lock",
        ".db",
        ".db-wal",
        ".db-shm",
        ".db-journal",
        ".sqlite",
        ".sqlite3",
    ]
)


def expand_paths(paths: Iterable[str | os.PathLike[str]]) -> Iterator[str | IngestFailure]:
    """Each file and URL ``paths`` names, in order; E009 when missing, E012 for an empty glob."""
    seen_files: set[str] = set()
    seen_dirs: set[str] = set()
    for given in paths:
        location = os.fspath(given)
        if is_url(location):
            yield location
            continue
        path = os.path.expanduser(location)
        if os.path.isdir(path):
            yield from _unseen(_walk(path, seen_dirs), seen_files)
        elif os.path.lexists(path):
            yield from _unseen([path], seen_files)
        elif _GLOB_CHARS.search(path):
            matches = sorted(glob.glob(path, recursive=True))
            if not matches:
                yield failure(location, "E012")
            for match in matches:
                found = _walk(match, seen_dirs) if os.path.isdir(match) else [match]
                yield from _unseen(found, seen_files)
        else:
            yield failure(location, "E009")


def _unseen(found: Iterable[str | IngestFailure], seen: set[str]) -> Iterator[str | IngestFailure]:
    for item in found:
        if isinstance(item, str):
            key = os.path.realpath(item)
            if key in seen:
                continue
            seen.add(key)
        yield item


def _walk(directory: str, seen_dirs: set[str]) -> Iterator[str | IngestFailure]:
    real = os.path.realpath(directory)
    if real in seen_dirs:
        return
    seen_dirs.add(real)
    try:
        with os.scandir(directory) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as error:
        yield failure(directory, "E011", error.strerror or type(error).__name__)
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from _walk(entry.path, seen_dirs)
        elif os.path.splitext(entry.name)[1].lower() not in _NOT_ARTICLES:
            yield entry.path
