"""A store's records as a Parquet dataset: one folder per table, in parts, schemas versioned.

``newsprism export --format parquet -o DIR`` and ``newsprism analyze ... --dataset DIR`` write
the tables :data:`TABLES` names, each as ``DIR/TABLE/part-NNNNN.parquet`` (a new part every
:data:`ROWS_PER_PART` rows), so that pandas, Polars, DuckDB or Spark read ``DIR/TABLE`` as one
dataset. Every file carries the schema version under the ``newsprism.schema`` key of its
metadata, and ``DIR/manifest.json`` lists the tables, their row counts and the version.
docs/parquet.md describes every column. Articles are read from the store as a stream and
written in row groups: a store larger than memory exports all the same.

Needs pyarrow (the ``[distributed]`` extra).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsprism.extras import require
from newsprism.records import Article, Assignment, Document, Extraction
from newsprism.store import Store

__all__ = ["ROWS_PER_PART", "SCHEMA_VERSION", "TABLES", "Written", "schemas", "write_dataset"]

SCHEMA_VERSION = "1"
"""Raised when a column changes meaning or is removed; adding a column keeps the version."""

ROWS_PER_PART = 100_000
"""Rows per file: a part of articles is some 100 MB of text at most, a size every reader
takes in one go."""

_ROW_GROUP = 2_000
"""Rows held in memory per table before they are written as a row group."""

_PAGE = 500
"""Documents whose assignments are looked up at once (the store's batch of an IN query)."""

TABLES = (
    "documents",
    "articles",
    "paragraphs",
    "entities",
    "mentions",
    "quotes",
    "figures",
    "assignments",
)
"""The dataset's tables, each a folder of parts."""


def schemas() -> dict[str, Any]:
    """The pyarrow schema of every table, by name (version :data:`SCHEMA_VERSION`)."""
    pa = require("pyarrow", "distributed")
    s, i, f, b = pa.string(), pa.int64(), pa.float64(), pa.bool_()
    span = [("start", i), ("end", i)]
    columns: dict[str, list[tuple[str, Any]]] = {
        "documents": [
            ("doc_id", s), ("source", s), ("record_offset", i), ("record_index", i),
            ("content_hash", s), ("fetched_at", pa.timestamp("us", tz="UTC")),
            ("encoding", s), ("repaired", b), ("media_type", s), ("url", s), ("title", s),
            ("outlet", s), ("published", pa.date32()), ("content", s),
        ],
        "articles": [
            ("doc_id", s), ("source", s), ("url", s), ("title", s), ("title_start", i),
            ("title_end", i), ("outlet", s), ("wire_agency", s), ("relayed_from", s),
            ("dateline", s), ("language", s), ("published", pa.date32()),
            ("published_earliest", pa.date32()), ("published_latest", pa.date32()),
            ("published_confidence", f), ("notes", pa.list_(s)), ("text", s),
        ],
        "paragraphs": [
            ("doc_id", s), ("index", i), *span, ("role", s), ("reason", s), ("line", i),
            ("score", f), ("text", s),
        ],
        "entities": [
            ("doc_id", s), ("entity_id", s), ("label", s), ("name", s),
            ("aliases", pa.list_(s)), ("descriptions", pa.list_(s)),
        ],
        "mentions": [("doc_id", s), ("entity_id", s), *span, ("text", s), ("kind", s)],
        "quotes": [
            ("doc_id", s), ("index", i), *span, ("text", s), ("kind", s), ("speaker_id", s),
            ("speaker", s), ("speaker_text", s), ("speaker_start", i), ("speaker_end", i),
            ("cue", s), ("cue_start", i), ("cue_end", i), ("confidence", f),
            ("resolution", s),
        ],
        "figures": [
            ("doc_id", s), ("index", i), *span, ("text", s), ("kind", s), ("value", f),
            ("high", f), ("unit", s), ("normalized", s), ("qualifier", s), ("quantified", s),
            ("predicate", s), ("scope", s),
        ],
        "assignments": [
            ("doc_id", s), ("story_id", s), ("event_id", s), ("kind", s),
            ("syndication_id", s), ("reason", s),
            ("scores", pa.list_(pa.struct([("name", s), ("score", f)]))),
        ],
    }  # fmt: skip
    meta = {b"newsprism.schema": SCHEMA_VERSION.encode()}
    return {
        name: pa.schema([pa.field(n, t) for n, t in cols], metadata=meta)
        for name, cols in columns.items()
    }


@dataclass(slots=True)
class Written:
    """What :func:`write_dataset` wrote: rows and files per table."""

    rows: dict[str, int] = field(default_factory=dict)
    files: dict[str, list[str]] = field(default_factory=dict)

    def summary(self) -> str:
        """One line: rows per table."""
        return ", ".join(f"{self.rows.get(t, 0)} {t}" for t in TABLES)


class _Table:
    """One table's rows on their way to parts: buffered, written by row group, rolled over."""

    def __init__(self, root: Path, name: str, schema: Any, written: Written) -> None:
        self.pq = require("pyarrow.parquet", "distributed")
        self.pa = require("pyarrow", "distributed")
        self.folder = root / name
        self.folder.mkdir(parents=True, exist_ok=True)
        for old in self.folder.glob("part-*.parquet"):  # a rewrite leaves no stale part
            old.unlink()
        self.name, self.schema, self.written = name, schema, written
        self.rows: list[dict[str, Any]] = []
        self.writer: Any = None
        self.in_part = 0
        written.rows[name] = 0
        written.files[name] = []

    def add(self, row: dict[str, Any]) -> None:
        self.rows.append(row)
        if len(self.rows) >= _ROW_GROUP:
            self.flush()

    def flush(self, *, last: bool = False) -> None:
        if self.rows or (last and not self.written.files[self.name]):
            if self.writer is None or self.in_part >= ROWS_PER_PART:
                self._next_part()
            table = self.pa.Table.from_pylist(self.rows, schema=self.schema)
            self.writer.write_table(table)
            self.in_part += len(self.rows)
            self.written.rows[self.name] += len(self.rows)
            self.rows = []
        if last and self.writer is not None:
            self.writer.close()

    def _next_part(self) -> None:
        if self.writer is not None:
            self.writer.close()
        path = self.folder / f"part-{len(self.written.files[self.name]):05d}.parquet"
        self.writer = self.pq.ParquetWriter(path, self.schema)
        self.written.files[self.name].append(str(path))
        self.in_part = 0


def write_dataset(
    store: Store, out: str | Path, *, doc_ids: Sequence[str] | None = None
) -> Written:
    """Write the store's documents, articles, paragraphs, extractions and assignments (only
    those of ``doc_ids`` when given) as Parquet tables under ``out``; what was written."""
    from newsprism.store.schema import EXTRACTIONS

    root = Path(out)
    root.mkdir(parents=True, exist_ok=True)
    written = Written()
    tables = {name: _Table(root, name, schema, written) for name, schema in schemas().items()}
    wanted = set(doc_ids) if doc_ids is not None else None
    page: list[str] = []
    for article in _articles(store, wanted):
        document = store.document(article.doc_id)
        if document is not None:
            tables["documents"].add(_document_row(document))
        tables["articles"].add(_article_row(article))
        for row in _paragraph_rows(article):
            tables["paragraphs"].add(row)
        for extraction in EXTRACTIONS.get(store, article.doc_id):
            for name, row in _extraction_rows(extraction):
                tables[name].add(row)
        page.append(article.doc_id)
        if len(page) >= _PAGE:
            _assignments(store, page, tables["assignments"])
            page = []
    _assignments(store, page, tables["assignments"])
    for table in tables.values():
        table.flush(last=True)
    manifest = {
        "schema_version": SCHEMA_VERSION,
        "tables": {n: {"rows": written.rows[n], "files": len(written.files[n])} for n in TABLES},
    }
    (root / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return written


def _articles(store: Store, wanted: set[str] | None) -> Iterator[Article]:
    if wanted is None:
        yield from store.articles()
        return
    for doc_id in sorted(wanted):
        yield store.article(doc_id)


def _assignments(store: Store, page: list[str], table: _Table) -> None:
    from newsprism.store.schema import ASSIGNMENTS

    if not page:
        return
    found: dict[str, Assignment] = {}
    for assignment in ASSIGNMENTS.find(store, page):
        found[assignment.doc_id] = assignment  # the latest stored wins, as the store reads it
    for doc_id in page:
        if doc_id in found:
            table.add(_assignment_row(found[doc_id]))


def _document_row(d: Document) -> dict[str, Any]:
    p = d.provenance
    return {
        "doc_id": d.id, "source": p.source, "record_offset": p.record_offset,
        "record_index": p.record_index, "content_hash": p.content_hash,
        "fetched_at": p.fetched_at, "encoding": p.encoding, "repaired": p.repaired,
        "media_type": d.media_type, "url": d.url, "title": d.title, "outlet": d.outlet,
        "published": d.published, "content": d.content,
    }  # fmt: skip


def _article_row(a: Article) -> dict[str, Any]:
    date = a.published
    return {
        "doc_id": a.doc_id, "source": a.source, "url": a.url, "title": a.title,
        "title_start": a.title_span.start if a.title_span else None,
        "title_end": a.title_span.end if a.title_span else None,
        "outlet": a.outlet, "wire_agency": a.wire_agency, "relayed_from": a.relayed_from,
        "dateline": a.dateline, "language": a.language, "published": date.date,
        "published_earliest": date.earliest, "published_latest": date.latest,
        "published_confidence": date.confidence, "notes": list(a.notes), "text": a.text,
    }  # fmt: skip


def _paragraph_rows(a: Article) -> Iterable[dict[str, Any]]:
    for p in a.paragraphs:
        yield {
            "doc_id": a.doc_id, "index": p.index, "start": p.span.start, "end": p.span.end,
            "role": str(p.role), "reason": p.reason, "line": p.line, "score": p.score,
            "text": p.text,
        }  # fmt: skip


def _extraction_rows(x: Extraction) -> Iterable[tuple[str, dict[str, Any]]]:
    doc = x.doc_id
    for e in x.entities:
        yield "entities", {
            "doc_id": doc, "entity_id": e.id, "label": e.label, "name": e.name,
            "aliases": list(e.aliases), "descriptions": list(e.descriptions),
        }  # fmt: skip
        for m in e.mentions:
            yield "mentions", {
                "doc_id": m.span.doc_id, "entity_id": e.id, "start": m.span.start,
                "end": m.span.end, "text": m.text, "kind": m.kind,
            }  # fmt: skip
    for k, q in enumerate(x.quotes):
        yield "quotes", {
            "doc_id": doc, "index": k, "start": q.span.start, "end": q.span.end,
            "text": q.text, "kind": q.kind, "speaker_id": q.speaker_id, "speaker": q.speaker,
            "speaker_text": q.speaker_text,
            "speaker_start": q.speaker_span.start if q.speaker_span else None,
            "speaker_end": q.speaker_span.end if q.speaker_span else None, "cue": q.cue,
            "cue_start": q.cue_span.start if q.cue_span else None,
            "cue_end": q.cue_span.end if q.cue_span else None, "confidence": q.confidence,
            "resolution": q.resolution,
        }  # fmt: skip
    for k, g in enumerate(x.figures):
        yield "figures", {
            "doc_id": doc, "index": k, "start": g.span.start, "end": g.span.end,
            "text": g.text, "kind": g.kind, "value": g.value, "high": g.high, "unit": g.unit,
            "normalized": g.normalized, "qualifier": g.qualifier, "quantified": g.quantified,
            "predicate": g.predicate, "scope": g.scope,
        }  # fmt: skip


def _assignment_row(a: Assignment) -> dict[str, Any]:
    return {
        "doc_id": a.doc_id, "story_id": a.story_id, "event_id": a.event_id, "kind": a.kind,
        "syndication_id": a.syndication_id, "reason": a.reason,
        "scores": [{"name": n, "score": v} for n, v in a.scores],
    }  # fmt: skip
