"""The analysis sections of a gold file that extraction is scored on: quotes, entities, figures.

:mod:`.gold` types the per-document fields; this module reads ``quotes.must``,
``quotes.must_not``, ``entities.must_merge`` and the ``figures`` sections of the same file.
Documents are named there by the first three characters of their file name.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsprism.errors import NewsprismError

__all__ = [
    "ExtractGold",
    "ForbiddenLines",
    "GoldFigure",
    "GoldQuote",
    "load_extract_gold",
]


@dataclass(frozen=True, slots=True)
class GoldQuote:
    """A quote that must be found: in which document, by whom, and how it starts."""

    doc: str
    speaker: str
    starts: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class GoldFigure:
    """A figure the gold expects, one (document, value as written) pair per report of it."""

    what: str
    values: tuple[tuple[str, str], ...]
    must: bool
    section: str


@dataclass(frozen=True, slots=True)
class ForbiddenLines:
    """A ``must_not`` item read as lines of one document that no quote may come from."""

    text: str
    doc: str | None
    lines: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class ExtractGold:
    """The extraction sections of one gold file."""

    path: Path
    quotes: tuple[GoldQuote, ...]
    must_not: tuple[ForbiddenLines, ...]
    must_merge: tuple[tuple[str, ...], ...]
    figures: tuple[GoldFigure, ...]
    should_find: tuple[str, ...] = ()
    descriptions: tuple[tuple[str, tuple[str, ...]], ...] = ()


def load_extract_gold(path: str | Path) -> ExtractGold:
    """Read the quotes, entities and figures sections of a gold file (E040 when malformed)."""
    path = Path(path)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise NewsprismError("E040", path, f"cannot be read as JSON: {exc}") from exc
    if not isinstance(raw, dict):
        raise NewsprismError("E040", path, "the top level must be a JSON object")
    try:
        return _parse(path, raw)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise NewsprismError("E040", path, f"extraction sections malformed: {exc}") from exc


def _parse(path: Path, raw: dict[str, Any]) -> ExtractGold:
    quotes_section = raw.get("quotes", {})
    quotes = tuple(
        GoldQuote(str(q["doc"]), str(q["speaker"]), str(q["starts"]), str(q.get("note", "")))
        for q in quotes_section.get("must", [])
    )
    must_not = tuple(_forbidden(str(text)) for text in quotes_section.get("must_not", []))
    entities = raw.get("entities", {})
    must_merge = tuple(tuple(str(a) for a in group) for group in entities.get("must_merge", []))
    should_find = tuple(str(a) for a in entities.get("should_find", []))
    descriptions = tuple(
        (str(name), tuple(str(d) for d in items))
        for name, items in entities.get("should_merge_descriptions", {}).items()
    )
    figures: list[GoldFigure] = []
    for section, items in raw.get("figures", {}).items():
        for item in items:
            figures.append(_figure(section, item))
    return ExtractGold(
        path, quotes, must_not, must_merge, tuple(figures), should_find, descriptions
    )


def _figure(section: str, item: dict[str, Any]) -> GoldFigure:
    values: list[tuple[str, str]] = []
    if "values" in item:
        values = [(str(doc), str(value)) for doc, value in item["values"]]
    elif "documents" in item:
        values = [(str(doc), str(item["value"])) for doc in item["documents"]]
    elif "document" in item:
        values = [(str(item["document"]), str(item["value"]))]
    return GoldFigure(str(item.get("what", "")), tuple(values), bool(item.get("must")), section)


_LINES = re.compile(r"\blines?\s+(\d+)(?:\s*-\s*(\d+))?")
_DOC = re.compile(r"\b(\d{3})\b")


def _forbidden(text: str) -> ForbiddenLines:
    """ "any line of the reader comments in 000 (lines 16-21)": document 000, lines 16..21."""
    lines: list[int] = []
    for match in _LINES.finditer(text):
        first = int(match.group(1))
        last = int(match.group(2) or first)
        lines.extend(range(first, last + 1))
    docs = [m.group(1) for m in _DOC.finditer(_LINES.sub("", text))]
    return ForbiddenLines(text, docs[0] if docs else None, tuple(lines))
