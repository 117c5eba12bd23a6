"""The story-label CSV (``path,storyline,event``) that the story evaluation reads and the
converters write: one row per article file, paths relative to the CSV."""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from newsprism.errors import NewsprismError

__all__ = ["LabelRow", "read_labels", "write_labels"]

COLUMNS = ("path", "storyline", "event")


@dataclass(frozen=True, slots=True)
class LabelRow:
    """One labelled article: its file (absolute), its storyline and its event ('' if unknown)."""

    path: Path
    storyline: str
    event: str


def read_labels(csv_path: str | Path) -> list[LabelRow]:
    """The rows of a label CSV, paths resolved against the CSV's folder."""
    csv_path = Path(csv_path)
    try:
        handle = csv_path.open(encoding="utf-8", newline="")
    except OSError as exc:
        raise NewsprismError("E040", csv_path, exc.strerror or "unreadable") from None
    with handle:
        reader = csv.DictReader(handle)
        missing = [c for c in ("path", "storyline") if c not in (reader.fieldnames or ())]
        if missing:
            raise NewsprismError("E040", csv_path, f"no {', '.join(missing)} column")
        rows = [
            LabelRow(
                (csv_path.parent / row["path"]).resolve(),
                (row.get("storyline") or "").strip(),
                (row.get("event") or "").strip(),
            )
            for row in reader
            if (row.get("path") or "").strip()
        ]
    if not rows:
        raise NewsprismError("E040", csv_path, "no rows")
    return rows


def write_labels(csv_path: Path, rows: Iterable[tuple[Path, str, str]]) -> int:
    """Write (file, storyline, event) rows with paths relative to the CSV; the row count."""
    csv_path.parent.mkdir(parents=True, exist_ok=True)
    base = csv_path.parent.resolve()
    n = 0
    with csv_path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(COLUMNS)
        for path, storyline, event in rows:
            relative = Path(os.path.relpath(Path(path).resolve(), base))
            writer.writerow([relative.as_posix(), storyline, event])
            n += 1
    return n
