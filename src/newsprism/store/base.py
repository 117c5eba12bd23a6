"""The store protocol every backend implements, and the helpers the backends share."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, Literal, Protocol, Self, TypeVar, runtime_checkable

from newsprism.errors import NewsprismError
from newsprism.records import Article, Document

__all__ = ["SearchHit", "Store"]

T = TypeVar("T")

MIN_PREFIX = 4
"""Shortest doc-id prefix accepted as a key: shorter keys are read as row numbers only."""


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One article found by :meth:`Store.search`; a higher score is a better match."""

    doc_id: str
    title: str
    outlet: str | None
    published: dt.date | None
    snippet: str
    score: float
    # Derived from the snippet as shown, so left out of equality: a hit is the same hit
    # whether or not its matches are marked.
    marks: tuple[tuple[int, int], ...] = field(default=(), compare=False)
    """Where the query matched in ``snippet``: (start, end) character offsets."""


class ClosingContext:
    """``with store:`` closes the store on the way out; shared by the store classes."""

    def close(self) -> None:
        """Release what the store holds."""
        raise NotImplementedError

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


@runtime_checkable
class Store(Protocol):
    """Where documents and their cleaned articles persist between runs."""

    def add(self, document: Document, article: Article) -> bool:
        """Store a document and its article together; False if it was already stored."""
        ...

    def has(self, content_hash: str) -> bool:
        """True when a document with this content hash is stored."""
        ...

    def document(self, doc_id: str) -> Document | None:
        """The document with this id, or None."""
        ...

    def article(self, key: str) -> Article:
        """The article for a doc id, a unique doc-id prefix or a 1-based row number."""
        ...

    def articles(self) -> Iterator[Article]:
        """All articles in the order they were added."""
        ...

    def count(self) -> int:
        """Number of stored articles."""
        ...

    def search(
        self,
        query: str,
        limit: int = 20,
        *,
        syntax: Literal["words", "fts5"] = "words",
        outlets: Sequence[str] = (),
        since: dt.date | None = None,
        until: dt.date | None = None,
    ) -> list[SearchHit]:
        """Articles whose title and kept text match ``query``, best first.

        ``syntax="words"`` asks for every word of ``query`` (nothing in it is syntax);
        ``"fts5"`` reads SQLite FTS5 query syntax (phrases, AND/OR/NOT, prefix*, NEAR), a
        malformed query raising E034. ``outlets`` keeps those outlets' articles (any of them,
        case-insensitive); ``since``/``until`` keep articles published in that range.
        """
        ...

    def update_article(self, article: Article) -> None:
        """Replace the article stored for ``article.doc_id``."""
        ...

    def put_records(
        self, kind: str, key: str, records: Sequence[Any], *, doc_id: str | None = None
    ) -> None:
        """Store (replace) the records of ``kind`` under ``key``, tied to ``doc_id`` if given."""
        ...

    def get_records(self, kind: str, key: str, cls: type[T]) -> list[T]:
        """The records of ``kind`` stored under ``key`` (empty when there are none)."""
        ...

    def find_records(self, kind: str, values: Sequence[str], cls: type[T]) -> list[T]:
        """The records of ``kind`` whose indexed field (store/schema.py) holds one of
        ``values``, in the order stored; TypeError for a kind without an index."""
        ...

    def index_values(self, kind: str, keys: Sequence[str]) -> dict[str, list[str]]:
        """For each of ``keys`` stored for ``kind``, the values its records' indexed field
        holds (an event's storyline, a batch's documents), read from the index alone."""
        ...

    def record_digest(
        self, kind: str, *, keys: Sequence[str] = (), values: Sequence[str] = ()
    ) -> str | None:
        """A digest of the rows of ``kind`` under ``keys`` and of those whose indexed field
        holds one of ``values``, read without decoding them; None when there are none."""
        ...

    def record_keys(self, kind: str) -> list[str]:
        """Every key stored for ``kind``, in the order first stored."""
        ...

    def delete_records(self, kind: str, key: str | None = None) -> None:
        """Remove the records of ``kind`` under ``key``, or all of ``kind`` when key is None."""
        ...

    def put_view(self, key: str, version: str, view: object) -> None:
        """Store (replace) the view ``key`` (a story's or an event's id) of story ``version``."""
        ...

    def get_view(self, key: str, cls: type[T], version: str | None = None) -> T | None:
        """The view stored under ``key``; None when there is none, or (with ``version``) when
        it was computed from another version of its story."""
        ...

    def view_version(self, key: str) -> str | None:
        """The story version the view ``key`` was computed from, or None when none is stored."""
        ...

    def delete_views(self, keys: Sequence[str] | None = None) -> None:
        """Remove the views under ``keys``, or every view when keys is None."""
        ...

    def mark_done(self, stage: str, doc_ids: Sequence[str]) -> None:
        """Record that the stored documents ``doc_ids`` have completed ``stage``."""
        ...

    def pending(self, stage: str) -> list[str]:
        """Doc ids of stored articles that have not completed ``stage``, in store order."""
        ...

    def transaction(self) -> AbstractContextManager[None]:
        """A block whose writes are committed together, or not at all if it raises."""
        ...

    def close(self) -> None:
        """Release the store's resources; closing twice is harmless."""
        ...

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...


# --------------------------------------------------------------------------------------------
# helpers shared by the backends


def digest_rows(rows: Mapping[str, str]) -> str | None:
    """A digest of stored rows (key: payload), whatever order they were read in."""
    if not rows:
        return None
    digest = hashlib.sha256()
    for key in sorted(rows):
        digest.update(f"{len(key)}:{key}{len(rows[key])}:".encode())
        digest.update(rows[key].encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:32]


def check_pair(document: Document, article: Article) -> None:
    """Refuse an article that does not belong to the document it is stored with."""
    if article.doc_id != document.id:
        raise ValueError(f"article {article.doc_id} does not belong to document {document.id}")


def pick(key: str, candidates: Sequence[str]) -> str:
    """The one doc id in ``candidates`` (duplicates allowed); E031 if none or several."""
    unique = list(dict.fromkeys(candidates))
    if not unique:
        raise NewsprismError("E031", key)
    if len(unique) > 1:
        shown = ", ".join(unique[:5]) + (", ..." if len(unique) > 5 else "")
        raise NewsprismError("E031", f"{key} uniquely (ambiguous: {shown})")
    return unique[0]


def row_number(key: str) -> int | None:
    """The 1-based row number ``key`` spells, or None when it is not one."""
    return int(key) if key.isascii() and key.isdigit() and int(key) >= 1 else None


# Word characters as SQLite's unicode61 tokenizer sees them, near enough: letters and digits.
_WORD = re.compile(r"[^\W_]+")


def query_phrases(query: str) -> list[list[str]]:
    """The phrases of a user query: one per whitespace-separated word, split into tokens."""
    # "U.S." becomes the phrase [U, S]; punctuation-only words ("--", "!!!") drop out, so no
    # character of the user's query ever reaches FTS5 as syntax.
    phrases = [_WORD.findall(word) for word in query.split()]
    return [p for p in phrases if p]


def fold(token: str) -> str:
    """Lower-case a token and strip its diacritics, as unicode61 remove_diacritics does."""
    decomposed = unicodedata.normalize("NFKD", token.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def tokens(text: str) -> list[str]:
    """Folded word tokens of ``text``."""
    return [fold(t) for t in _WORD.findall(text)]
