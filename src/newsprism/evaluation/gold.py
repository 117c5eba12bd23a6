"""Gold files in the golden format, loaded into typed records.

The golden format (``golden/README.md``) is the contract between newsprism's evaluations and any
labelled corpus: one JSON file naming a corpus folder and, per file of it, the outlet, the date
range, the headline line and which lines are body, subheading, commentary or related coverage.
A document may leave out its outlet or its date range (a page whose URL holds no date, say):
the figures that need them then skip it. The corpus folder is read relative to the gold file's
folder's parent, as the README lays out, or failing that relative to the gold file's own folder
(a gold file shipped beside its corpus).
Only the per-document fields the evaluations score are typed here; the analysis sections
(``storyline``, ``quotes``, ...) are kept out of this module.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeGuard

from newsprism.errors import NewsprismError

__all__ = ["DateRange", "GoldCorpus", "GoldDocument", "load_gold"]

_Fail = Callable[[str], NewsprismError]


@dataclass(frozen=True, slots=True)
class DateRange:
    """An inclusive range of dates a publication date must lie in."""

    earliest: dt.date
    latest: dt.date

    def __contains__(self, day: object) -> bool:
        if isinstance(day, dt.datetime):
            day = day.date()
        return isinstance(day, dt.date) and self.earliest <= day <= self.latest

    def __str__(self) -> str:
        return f"{self.earliest.isoformat()}..{self.latest.isoformat()}"


@dataclass(frozen=True, slots=True)
class GoldDocument:
    """What the gold says about one corpus file; line numbers are 1-based lines of the file."""

    name: str
    """The file name as the gold spells it (relative to the corpus folder)."""
    path: Path
    """Where the corpus file is."""
    outlet: str | None
    """Free text (a name or a registrable domain); None when the gold does not say."""
    wire_agency: str | None
    published: DateRange | None
    """None when the gold gives no date range: date accuracy skips the document."""
    title_line: int
    body_lines: frozenset[int]
    subheading_lines: frozenset[int]
    commentary_lines: frozenset[int]
    related_coverage_lines: frozenset[int]
    not_body: Mapping[int, str]
    """Line number -> why it is not body, with ``"a-b"`` ranges expanded."""
    url: str | None = None
    """The page's address when the gold keeps it (``url`` or ``source.url``)."""

    @property
    def kept_lines(self) -> frozenset[int]:
        """Lines a cleaner should keep: body and subheadings."""
        return self.body_lines | self.subheading_lines

    def label(self, line: int) -> str:
        """What the gold says line ``line`` is, in words."""
        if line == self.title_line:
            return "title"
        if line in self.body_lines:
            return "body"
        if line in self.subheading_lines:
            return "subheading"
        if line in self.commentary_lines:
            return "commentary"
        if line in self.related_coverage_lines:
            return "related coverage"
        return self.not_body.get(line, "not body (unlabelled)")


@dataclass(frozen=True, slots=True)
class GoldCorpus:
    """A loaded gold file: where it is, its corpus folder and its documents in the gold's order."""

    path: Path
    corpus: Path
    documents: tuple[GoldDocument, ...]
    about: str = ""


def load_gold(path: str | Path) -> GoldCorpus:
    """Load and check a gold file; a malformed one raises ``NewsprismError`` E040."""
    path = Path(path)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise NewsprismError("E040", path, f"cannot be read: {exc.strerror or exc}") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise NewsprismError("E040", path, f"not valid JSON: {exc}") from exc
    return _parse(path, raw)


def _parse(path: Path, raw: Any) -> GoldCorpus:
    def fail(what: str) -> NewsprismError:
        return NewsprismError("E040", path, what)

    if not isinstance(raw, dict):
        raise fail("the top level must be a JSON object")
    corpus_field = raw.get("corpus")
    if not isinstance(corpus_field, str) or not corpus_field.strip():
        raise fail("'corpus' must name the corpus folder")
    corpus = _corpus_folder(path, corpus_field, fail)
    documents = raw.get("documents")
    if not isinstance(documents, dict) or not documents:
        raise fail("'documents' must be a non-empty object keyed by file name")
    about = raw.get("about", "")
    parsed = tuple(_document(name, entry, corpus, fail) for name, entry in documents.items())
    return GoldCorpus(
        path=path, corpus=corpus, documents=parsed, about=about if isinstance(about, str) else ""
    )


def _corpus_folder(path: Path, field: str, fail: _Fail) -> Path:
    """The corpus folder: beside the gold's folder (the README's layout), else inside it."""
    # An absolute path is taken as it is (Path's join does exactly that).
    here = path.resolve().parent
    tried = [(here.parent / field).resolve(), (here / field).resolve()]
    for folder in tried:
        if folder.is_dir():
            return folder
    raise fail(f"corpus folder {field!r} does not exist (looked for {tried[0]} and {tried[1]})")


def _document(name: str, entry: Any, corpus: Path, fail: _Fail) -> GoldDocument:
    where = f"document {name!r}"
    if not isinstance(entry, dict):
        raise fail(f"{where} must be an object")
    file = (corpus / name).resolve()
    if not file.is_file():
        raise fail(f"{where}: no such file {file}")
    outlet = entry.get("outlet")
    if outlet is not None and (not isinstance(outlet, str) or not outlet.strip()):
        raise fail(f"{where}: 'outlet', when given, must be a non-empty string")
    agency = entry.get("wire_agency")
    if agency is not None and not isinstance(agency, str):
        raise fail(f"{where}: 'wire_agency' must be a string")
    title_line = entry.get("title_line")
    if not _is_line(title_line):
        raise fail(f"{where}: 'title_line' must be a positive integer")
    lines = {
        key: _line_set(entry, key, required=key == "body_lines", where=where, fail=fail)
        for key in ("body_lines", "subheading_lines", "commentary_lines", "related_coverage_lines")
    }
    not_body = _not_body(entry.get("not_body", {}), where, fail)
    _check_disjoint(title_line, lines, not_body, where, fail)
    return GoldDocument(
        name=name,
        path=file,
        outlet=outlet.strip() if outlet else None,
        wire_agency=agency.strip() if agency else None,
        published=(_date_range(entry["published"], where, fail) if "published" in entry else None),
        title_line=title_line,
        body_lines=lines["body_lines"],
        subheading_lines=lines["subheading_lines"],
        commentary_lines=lines["commentary_lines"],
        related_coverage_lines=lines["related_coverage_lines"],
        not_body=MappingProxyType(not_body),
        url=_url(entry),
    )


def _url(entry: dict[str, Any]) -> str | None:
    source = entry.get("source")
    url = entry.get("url") or (source.get("url") if isinstance(source, dict) else None)
    return url if isinstance(url, str) and url.strip() else None


def _is_line(value: object) -> TypeGuard[int]:
    # bool is an int subclass; True is not a line number.
    return isinstance(value, int) and not isinstance(value, bool) and value >= 1


def _line_set(
    entry: dict[str, Any], key: str, *, required: bool, where: str, fail: _Fail
) -> frozenset[int]:
    if key not in entry:
        if required:
            raise fail(f"{where}: '{key}' is missing")
        return frozenset()
    value = entry[key]
    if not isinstance(value, list) or not all(_is_line(v) for v in value):
        raise fail(f"{where}: '{key}' must be a list of positive line numbers")
    return frozenset(value)


def _not_body(value: Any, where: str, fail: _Fail) -> dict[int, str]:
    if not isinstance(value, dict):
        raise fail(f"{where}: 'not_body' must be an object of line or 'a-b' range -> reason")
    expanded: dict[int, str] = {}
    for key, reason in value.items():
        if not isinstance(reason, str):
            raise fail(f"{where}: not_body[{key!r}] must be a reason in words")
        first, sep, last = str(key).strip().partition("-")
        try:
            start = int(first)
            end = int(last) if sep else start
        except ValueError:
            raise fail(f"{where}: not_body key {key!r} is not a line or an 'a-b' range") from None
        if start < 1 or end < start:
            raise fail(f"{where}: not_body key {key!r} is not a valid line range")
        for line in range(start, end + 1):
            if line in expanded:
                raise fail(f"{where}: line {line} appears twice in not_body")
            expanded[line] = reason
    return expanded


def _check_disjoint(
    title_line: int,
    lines: dict[str, frozenset[int]],
    not_body: dict[int, str],
    where: str,
    fail: _Fail,
) -> None:
    # Commentary and related coverage may also carry a not_body reason (they are not body);
    # only body and subheading lines must not be claimed twice.
    kept = {"body_lines": lines["body_lines"], "subheading_lines": lines["subheading_lines"]}
    if lines["body_lines"] & lines["subheading_lines"]:
        overlap = sorted(lines["body_lines"] & lines["subheading_lines"])
        raise fail(f"{where}: lines {overlap} are both body and subheading")
    for key, kept_lines in kept.items():
        if title_line in kept_lines:
            raise fail(f"{where}: title line {title_line} is also in '{key}'")
        clash = sorted(kept_lines & (lines["commentary_lines"] | lines["related_coverage_lines"]))
        clash += sorted(kept_lines & not_body.keys())
        if clash:
            raise fail(f"{where}: lines {clash} are in '{key}' and also labelled not body")


def _date_range(value: Any, where: str, fail: _Fail) -> DateRange:
    bounds = value.get("must_be_between") if isinstance(value, dict) else None
    if not isinstance(bounds, list) or len(bounds) != 2:
        raise fail(f"{where}: 'published.must_be_between' must be [earliest, latest]")
    try:
        earliest, latest = (dt.date.fromisoformat(str(b)) for b in bounds)
    except ValueError:
        raise fail(f"{where}: 'published.must_be_between' must hold ISO dates") from None
    if latest < earliest:
        raise fail(f"{where}: 'published.must_be_between' ends before it starts")
    return DateRange(earliest, latest)
