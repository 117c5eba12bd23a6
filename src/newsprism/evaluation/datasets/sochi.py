"""A story-label CSV for a corpus described by a golden-format gold file (sochi-2020).

The gold's ``storyline`` section names the documents of each event by the first three
characters of their file names; every document of the corpus is in the one storyline the gold
describes, and a document no event names is left without an event label.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from newsprism.errors import NewsprismError
from newsprism.evaluation.labels import write_labels

__all__ = ["write_gold_labels", "write_story_labels"]


def write_story_labels(gold: Path, out_csv: Path) -> Path:
    """Write the storyline and events of ``gold`` as a label CSV pointing at its corpus."""
    write_labels(out_csv, _gold_rows(gold))
    return out_csv


def write_gold_labels(golds: Sequence[Path], out_csv: Path) -> Path:
    """One label CSV over the corpora of several gold files, each corpus its own storyline.

    Event labels are kept apart per storyline (``storyline/event``), so that two gold files whose
    events share a date never share an event.
    """
    rows = [
        (path, storyline, f"{storyline}/{event}" if event else "")
        for gold in golds
        for path, storyline, event in _gold_rows(gold)
    ]
    write_labels(out_csv, rows)
    return out_csv


def _gold_rows(gold: Path) -> list[tuple[Path, str, str]]:
    try:
        data = json.loads(gold.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise NewsprismError("E040", gold, f"unreadable gold file: {exc}") from None
    storyline = data.get("storyline")
    if not isinstance(storyline, dict) or "corpus" not in data:
        raise NewsprismError("E040", gold, "no corpus or storyline section")
    corpus = (gold.parent.parent / data["corpus"]).resolve()
    event_of: dict[str, str] = {}
    for i, event in enumerate(storyline.get("events", [])):
        for prefix in event.get("documents", []):
            event_of[prefix] = f"{event.get('date') or 'event'}-{i}"
    name = Path(data["corpus"]).name
    return [
        (corpus / filename, name, event_of.get(filename[:3], ""))
        for filename in sorted(data.get("documents", {}))
    ]
