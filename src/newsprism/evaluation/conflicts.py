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
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from newsprism.records import Finding

__all__ = ["ConflictRecord", "audit_conflicts", "write_conflicts"]


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


def audit_conflicts(labels_csv: str | Path) -> Iterator[ConflictRecord]:
    """Run the pipeline on the CSV's files and yield every conflict, event by event."""
    from newsprism.evaluation.labels import read_labels
    from newsprism.records import Event, Story
    from newsprism.report import story_view
    from newsprism.runner import analyze
    from newsprism.store import MemoryStore

    rows = read_labels(labels_csv)
    with MemoryStore() as store:
        analyze([str(r.path) for r in rows], store)
        by_source: dict[str, list[str]] = defaultdict(list)
        for article in store.articles():
            by_source[str(Path(article.source).resolve())].append(article.doc_id)
        events: dict[str, list[str]] = defaultdict(list)
        for row in rows:
            events[row.event or row.storyline].extend(by_source.get(str(row.path.resolve()), []))
        for name, docs in sorted(events.items()):
            if len(docs) < 2:
                continue
            story = Story(f"st-{name}", name, (Event(f"ev-{name}", f"st-{name}", name, None,
                                                     tuple(docs)),))  # fmt: skip
            for finding in story_view(store, story).comparison.of_kind("conflict"):
                yield _record(name, finding)


def _record(event: str, finding: Finding) -> ConflictRecord:
    sides = tuple((c.outlet, c.text, c.context) for c in finding.citations)
    return ConflictRecord(event, finding.what, sides, finding.note)


def write_conflicts(labels_csv: str | Path, out: Path) -> int:
    """Write every conflict as JSON lines to ``out``; how many."""
    n = 0
    with out.open("w", encoding="utf-8") as handle:
        for record in audit_conflicts(labels_csv):
            handle.write(json.dumps(record.to_json(), ensure_ascii=False) + "\n")
            n += 1
    return n
