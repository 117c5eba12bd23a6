"""Every conflict the comparison reports on real multi-outlet data, for audit.

No corpus labels conflicting figures, so precision is audited instead: each gold event of a
label CSV (``path,storyline,event``) is compared as one story, and every reported conflict is
written out with both sides. A test re-reads a sample of them independently of the matcher
(parsing each side's sentence) and checks that both sides count the same thing (the same head
noun or a synonym) with the same predicate (or a synonym).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from newsprism.records import Finding

__all__ = ["ConflictAudit", "ConflictRecord", "audit_conflicts", "spread", "write_conflicts"]


@dataclass(frozen=True, slots=True)
class ConflictRecord:
    """One reported conflict: the event it was found in and the two sides."""

    event: str
    what: str
    sides: tuple[tuple[str, str, str], ...]
    """(outlet, cited figure, its sentence) for each side."""
    note: str

    def to_json(self) -> dict[str, object]:
        """A JSON-ready dict."""
        return {
            "event": self.event,
            "what": self.what,
            "sides": [list(side) for side in self.sides],
            "note": self.note,
        }


@dataclass(frozen=True, slots=True)
class ConflictAudit:
    """What an audit compared and the conflicts it found."""

    events: tuple[str, ...]
    """The events compared (those with at least two articles)."""
    conflicts: tuple[ConflictRecord, ...]
    articles: int

    def to_json(self) -> dict[str, object]:
        """The ``--json`` form: counts per system, plus ``n`` (events compared)."""
        with_conflicts = len({c.event for c in self.conflicts})
        return {
            "newsprism": {
                "events": len(self.events),
                "articles": self.articles,
                "conflicts": len(self.conflicts),
                "events_with_conflicts": with_conflicts,
            },
            "n": len(self.events),
        }


def spread(names: Sequence[str], sample: int | None) -> list[str]:
    """``sample`` names taken evenly across the sorted ``names`` (all of them when None)."""
    ordered = sorted(names)
    if sample is None or sample >= len(ordered):
        return ordered
    if sample <= 0:
        return []
    step = len(ordered) / sample
    return [ordered[int(k * step)] for k in range(sample)]


def audit_conflicts(labels_csv: str | Path, *, sample: int | None = None) -> ConflictAudit:
    """Run the pipeline on the CSV's files and compare each gold event as one story.

    ``sample`` keeps that many events, spread evenly over the sorted event names (a corpus too
    large to audit whole, such as ECB+), and only their files are analysed.
    """
    from newsprism.evaluation.labels import read_labels
    from newsprism.records import Event, Story
    from newsprism.runner import analyze
    from newsprism.store import MemoryStore
    from newsprism.views import story_view

    rows = read_labels(labels_csv)
    names: dict[str, list[Path]] = defaultdict(list)
    for row in rows:
        names[row.event or row.storyline].append(row.path.resolve())
    chosen = spread([n for n, paths in names.items() if len(paths) >= 2], sample)
    compared: list[str] = []
    found: list[ConflictRecord] = []
    with MemoryStore() as store:
        analyze([str(p) for name in chosen for p in names[name]], store)
        by_source: dict[Path, list[str]] = defaultdict(list)
        articles = 0
        for article in store.articles():
            by_source[Path(article.source).resolve()].append(article.doc_id)
            articles += 1
        for name in chosen:
            docs = [doc for path in names[name] for doc in by_source.get(path, [])]
            if len(docs) < 2:
                continue
            story = Story(f"st-{name}", name, (Event(f"ev-{name}", f"st-{name}", name, None,
                                                     tuple(docs)),))  # fmt: skip
            compared.append(name)
            found.extend(
                _record(name, f) for f in story_view(store, story).comparison.of_kind("conflict")
            )
    return ConflictAudit(tuple(compared), tuple(found), articles)


def _record(event: str, finding: Finding) -> ConflictRecord:
    sides = tuple((c.outlet, c.text, c.context) for c in finding.citations)
    return ConflictRecord(event, finding.what, sides, finding.note)


def write_conflicts(
    labels_csv: str | Path, out: Path, *, sample: int | None = None
) -> ConflictAudit:
    """Write every conflict as JSON lines to ``out``; the audit."""
    audit = audit_conflicts(labels_csv, sample=sample)
    with out.open("w", encoding="utf-8") as handle:
        for record in audit.conflicts:
            handle.write(json.dumps(record.to_json(), ensure_ascii=False) + "\n")
    return audit
