"""Search queries as users write them: SQLite FTS5 query syntax, its filters and marked snippets.

The SQLite store hands the query to FTS5 itself (:func:`fts5_match` only quotes words that
hold punctuation, so that ``COVID-19`` or ``U.S.`` are searched as the phrase they spell rather
than refused as syntax). The in-memory store evaluates the same syntax with :func:`parse_query`
and :func:`matches`, near enough for tests: phrases, prefixes, ``AND``/``OR``/``NOT``,
parentheses, ``NEAR(...)`` and ``title:``/``body:`` column filters.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from newsprism.errors import NewsprismError
from newsprism.store.base import fold, tokens

__all__ = [
    "COLUMNS",
    "MARK_END",
    "MARK_START",
    "Filters",
    "Node",
    "Phrase",
    "Syntax",
    "fts5_match",
    "matches",
    "occurrences",
    "parse_query",
    "positive_phrases",
    "query_error",
    "unmark",
]

Syntax = Literal["words", "fts5"]
"""How a query is read: ``words`` (every word must occur, nothing is syntax) or ``fts5``."""

MARK_START, MARK_END = "\x02", "\x03"
"""What snippet() puts around a match; control codes, which cleaned text never keeps."""

COLUMNS = ("title", "body")
"""The indexed columns a query may name (``title:word``)."""

NEAR_DEFAULT = 10
"""Tokens allowed between the phrases of ``NEAR(...)`` when no distance is given (FTS5's)."""

# One lexical item of a query: a string (or an unterminated one), a parenthesis or comma,
# white space, or a run of anything else.
_ITEM = re.compile(r'"(?:[^"]|"")*"|"[^"]*$|[(),]|\s+|[^\s(),"]+')
# FTS5 barewords: ASCII letters, digits and "_", the substitute character, any non-ASCII.
_BAREWORD = re.compile(r"(?:[A-Za-z0-9_\x1a]|[^\x00-\x7f])+\*?")
_COLUMN = re.compile(r"(?i)(title|body):(.*)", re.S)


@dataclass(frozen=True, slots=True)
class Filters:
    """What a search keeps besides its query: outlets (any of, case-insensitive) and a date
    range (inclusive; an undated article is kept only when no date is asked for)."""

    outlets: tuple[str, ...] = ()
    since: dt.date | None = None
    until: dt.date | None = None

    def keeps(self, outlet: str | None, published: dt.date | None) -> bool:
        """True when an article of this outlet and date passes the filters."""
        if self.outlets and (outlet or "").casefold() not in {o.casefold() for o in self.outlets}:
            return False
        if self.since is None and self.until is None:
            return True
        if published is None:
            return False
        return (self.since is None or published >= self.since) and (
            self.until is None or published <= self.until
        )


def query_error(query: str, problem: str) -> NewsprismError:
    """The coded error of a query that is not FTS5 syntax, naming the problem."""
    return NewsprismError("E034", repr(query), problem)


def fts5_match(query: str) -> str:
    """``query`` as an FTS5 MATCH expression: the user's syntax kept, words holding
    punctuation quoted as phrases (``COVID-19`` -> ``"COVID-19"``)."""
    out: list[str] = []
    for item in _ITEM.findall(query):
        out.append(_bare(item))
    return "".join(out)


def _bare(item: str) -> str:
    if not item or item[0] in '"(),' or item.isspace() or _BAREWORD.fullmatch(item):
        return item
    column = _COLUMN.fullmatch(item)
    if column:
        return f"{column[1]}:{_bare(column[2])}" if column[2] else item
    if not (item[0].isalnum() or item[0] == "_"):
        return item  # "-x", "^x", "+", "*": FTS5's to accept or to refuse
    star = "*" if item.endswith("*") else ""
    word = item[: len(item) - len(star)]
    return '"' + word.replace('"', '""') + '"' + star


def unmark(snippet: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A snippet without its match markers, and the (start, end) of each marked match."""
    text: list[str] = []
    marks: list[tuple[int, int]] = []
    at = 0
    start: int | None = None
    for char in snippet:
        if char == MARK_START:
            start = at
        elif char == MARK_END:
            if start is not None and at > start:
                marks.append((start, at))
            start = None
        else:
            text.append(char)
            at += 1
    return "".join(text), tuple(marks)


# -- the in-memory evaluation --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Phrase:
    """Tokens that must occur in a row (the last one as a prefix when ``prefix``)."""

    words: tuple[str, ...]
    prefix: bool = False
    column: str | None = None


@dataclass(frozen=True, slots=True)
class Node:
    """An operator over its parts: ``and``, ``or``, ``not`` (first part less the second) or
    ``near`` (phrases within ``distance`` tokens)."""

    op: str
    parts: tuple[Node | Phrase, ...]
    distance: int = NEAR_DEFAULT


Query = Node | Phrase


def parse_query(query: str, syntax: Syntax = "fts5") -> Query | None:
    """The parsed query (None when it holds no word); E034 when it is not FTS5 syntax."""
    if syntax == "words":
        phrases = [Phrase(tuple(tokens(w))) for w in query.split() if tokens(w)]
        if not phrases:
            return None
        return phrases[0] if len(phrases) == 1 else Node("and", tuple(phrases))
    items = [i for i in _ITEM.findall(fts5_match(query)) if not i.isspace()]
    if not items:
        return None
    parser = _Parser(query, items)
    node = parser.expression()
    if parser.at < len(items):
        raise query_error(query, f'syntax error near "{items[parser.at]}"')
    return node


class _Parser:
    """Recursive descent over FTS5's grammar: OR below AND below NOT."""

    def __init__(self, query: str, items: list[str]) -> None:
        self.query, self.items, self.at = query, items, 0

    def peek(self) -> str | None:
        return self.items[self.at] if self.at < len(self.items) else None

    def take(self) -> str:
        item = self.peek()
        if item is None:
            raise query_error(self.query, "the query ends too early")
        self.at += 1
        return item

    def expression(self) -> Query:
        parts = [self.conjunction()]
        while self.peek() == "OR":
            self.take()
            parts.append(self.conjunction())
        return parts[0] if len(parts) == 1 else Node("or", tuple(parts))

    def conjunction(self) -> Query:
        parts = [self.negation()]
        while (item := self.peek()) is not None and item not in ("OR", "NOT", ")", ","):
            if item == "AND":
                self.take()
            parts.append(self.negation())
        return parts[0] if len(parts) == 1 else Node("and", tuple(parts))

    def negation(self) -> Query:
        node = self.primary()
        while self.peek() == "NOT":
            self.take()
            node = Node("not", (node, self.primary()))
        return node

    def primary(self, column: str | None = None) -> Query:
        item = self.take()
        if item == "(":
            node = self.expression()
            if self.take() != ")":
                raise query_error(self.query, "a parenthesis is not closed")
            return node
        if item == "NEAR" and self.peek() == "(":
            return self.near()
        if item in ("AND", "OR", "NOT", ")", ","):
            raise query_error(self.query, f'syntax error near "{item}"')
        named = _COLUMN.fullmatch(item)
        if named and named[1].lower() in COLUMNS:
            rest = named[2]
            if rest:
                return self.phrase(rest, named[1].lower())
            return _in_column(self.primary(), named[1].lower())
        if named:
            raise query_error(self.query, f"no such column: {named[1]}")
        return self.phrase(item, column)

    def phrase(self, item: str, column: str | None) -> Phrase:
        if item.startswith('"'):
            if len(item) < 2 or not item.endswith('"'):
                raise query_error(self.query, "unterminated string")
            text, prefix = item[1:-1].replace('""', '"'), False
        elif _BAREWORD.fullmatch(item):
            text, prefix = item.rstrip("*"), item.endswith("*")
        else:
            raise query_error(self.query, f'syntax error near "{item[0]}"')
        if self.peek() == "*":  # "a phrase"*
            self.take()
            prefix = True
        return Phrase(tuple(tokens(text)), prefix, column)

    def near(self) -> Node:
        self.take()  # "("
        phrases: list[Query] = []
        distance = NEAR_DEFAULT
        while (item := self.take()) != ")":
            if item == ",":
                number = self.take()
                if not number.isdigit():
                    raise query_error(self.query, f'syntax error near "{number}"')
                distance = int(number)
            else:
                phrases.append(self.phrase(item, None))
        if not phrases:
            raise query_error(self.query, "NEAR() holds no phrase")
        return Node("near", tuple(phrases), distance)


def _in_column(node: Query, column: str) -> Query:
    if isinstance(node, Phrase):
        return Phrase(node.words, node.prefix, column)
    return Node(node.op, tuple(_in_column(p, column) for p in node.parts), node.distance)


def positive_phrases(node: Query) -> list[Phrase]:
    """The phrases whose occurrence counts toward a match (not those after ``NOT``)."""
    if isinstance(node, Phrase):
        return [node]
    parts = node.parts[:1] if node.op == "not" else node.parts
    return [p for part in parts for p in positive_phrases(part)]


def occurrences(words: Sequence[str], phrase: Phrase) -> list[int]:
    """Where ``phrase`` starts in the folded ``words``."""
    want = [fold(w) for w in phrase.words]
    if not want:
        return []
    n = len(want)
    found = []
    for i in range(len(words) - n + 1):
        head = all(words[i + k] == want[k] for k in range(n - 1))
        last = words[i + n - 1]
        if head and (last.startswith(want[-1]) if phrase.prefix else last == want[-1]):
            found.append(i)
    return found


def matches(node: Query, columns: dict[str, list[str]]) -> bool:
    """True when the article whose folded tokens per column are ``columns`` matches."""
    if isinstance(node, Phrase):
        chosen = [node.column] if node.column else list(columns)
        return any(occurrences(columns[c], node) for c in chosen)
    if node.op == "and":
        return all(matches(p, columns) for p in node.parts)
    if node.op == "or":
        return any(matches(p, columns) for p in node.parts)
    if node.op == "not":
        return matches(node.parts[0], columns) and not matches(node.parts[1], columns)
    return any(_near(node, words) for words in columns.values())


def _near(node: Node, words: list[str]) -> bool:
    phrases = [p for p in node.parts if isinstance(p, Phrase)]
    starts = [occurrences(words, p) for p in phrases]
    if not all(starts):
        return False
    # Within the distance of some occurrence of the first phrase, every other phrase occurs.
    reach = node.distance + sum(len(p.words) for p in phrases)
    return any(all(any(abs(s - first) <= reach for s in found) for found in starts[1:])
               for first in starts[0])  # fmt: skip
