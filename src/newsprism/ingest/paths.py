"""Turning what a user names (files, directories, globs, URLs) into the inputs to read, in order.

Directories are walked depth first, entries sorted by name at each level, so a run is
reproducible; hidden files and directories (``.git``, ``.DS_Store``) are skipped, as a shell
glob skips them. The walk keeps its own stack (no recursion) and stops :data:`MAX_DEPTH`
levels down, saying so. Nothing outside what was named is read: a symbolic link inside a
named directory (or a glob's directory) is followed only when it points inside it, and a link
that points out is refused with its target named (a link to ``/etc/passwd`` in a folder of
articles is an attack or an accident, never an article). A directory already visited is not
walked again, so link loops end. A file named twice (by a directory and a glob, say) is read
once. A file or link named on its own is always read: the user named it.
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

__all__ = ["MAX_DEPTH", "expand_paths"]

MAX_DEPTH = 64
"""Directory levels walked below a named directory; deeper ones are reported, not read.
(Corpus folders nest a few levels: by outlet, by date, by event.)"""

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
            yield from _unseen(_walk(path, os.path.realpath(path), seen_dirs), seen_files)
        elif os.path.lexists(path):
            yield from _unseen([path], seen_files)
        elif _GLOB_CHARS.search(path):
            matches = sorted(glob.glob(path, recursive=True))
            if not matches:
                yield failure(location, "E012")
            root = _glob_root(path)
            for match in matches:
                found: Iterable[str | IngestFailure]
                if not _inside(match, root):
                    found = [_outside(match, root)]
                elif os.path.isdir(match):
                    found = _walk(match, root, seen_dirs)
                else:
                    found = [match]
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


def _glob_root(pattern: str) -> str:
    """The real directory a glob pattern searches: its part before the first wildcard."""
    wildcard = _GLOB_CHARS.search(pattern)
    fixed = pattern[: wildcard.start()] if wildcard else pattern
    return os.path.realpath(os.path.dirname(fixed) or ".")


def _inside(path: str, root: str) -> bool:
    """True when ``path``, links resolved, is ``root`` (a real path) or lies under it."""
    real = os.path.realpath(path)
    return real == root or real.startswith(root.rstrip(os.sep) + os.sep)


def _outside(path: str, root: str) -> IngestFailure:
    return failure(path, "E013", os.path.realpath(path), f"folder {root}")


def _walk(directory: str, root: str, seen_dirs: set[str]) -> Iterator[str | IngestFailure]:
    """Files under ``directory`` in sorted depth-first order, none outside ``root``."""
    real = os.path.realpath(directory)
    if real in seen_dirs:
        return
    seen_dirs.add(real)
    # One list of entries per open level: the walk's own stack, so depth costs no recursion.
    stack: list[Iterator[os.DirEntry[str]]] = []
    listed = _list(directory)
    if isinstance(listed, IngestFailure):
        yield listed
        return
    stack.append(iter(listed))
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        if entry.name.startswith("."):
            continue
        try:
            is_link, is_dir = entry.is_symlink(), entry.is_dir()
        except OSError as error:
            yield failure(entry.path, "E011", error.strerror or type(error).__name__)
            continue
        if is_link and not _inside(entry.path, root):
            yield _outside(entry.path, root)
            continue
        if not is_dir:
            if os.path.splitext(entry.name)[1].lower() not in _NOT_ARTICLES:
                yield entry.path
            continue
        real = os.path.realpath(entry.path)
        if real in seen_dirs:
            continue  # a link back to a directory already walked: a loop, or a second name
        if len(stack) >= MAX_DEPTH:
            yield failure(entry.path, "E014", "", MAX_DEPTH)
            continue
        seen_dirs.add(real)
        listed = _list(entry.path)
        if isinstance(listed, IngestFailure):
            yield listed
        else:
            stack.append(iter(listed))


def _list(directory: str) -> list[os.DirEntry[str]] | IngestFailure:
    try:
        with os.scandir(directory) as scan:
            return sorted(scan, key=lambda entry: entry.name)
    except OSError as error:
        return failure(directory, "E011", error.strerror or type(error).__name__)
