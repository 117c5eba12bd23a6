"""NewsWCL50 as story-label CSV and JSON-lines inputs: 10 events, 5 US outlets each.

NewsWCL50 (Hamborg et al. 2019) labels which of 10 events of April 2018 each article covers and
nothing coarser, so both columns of the CSV carry the event: each gold event is its own
storyline, and the event level is the figure that means something. Each article becomes one
JSON-lines file with its text, its URL from ``urls.tsv`` and the publication date that URL
states (``/2018/04/17/``), as a feed or crawl would have given it.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from pathlib import Path

from newsprism.evaluation.labels import write_labels

__all__ = ["url_date", "write_newswcl50"]

_URL_DATE = re.compile(r"/(20\d\d)/(\d\d)/(\d\d)/")


def url_date(url: str) -> dt.date | None:
    """The date a news URL states in its path, if any."""
    match = _URL_DATE.search(url)
    if not match:
        return None
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def _urls(data: Path) -> dict[tuple[str, str], str]:
    with (data / "urls.tsv").open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t")
        return {(row["Event ID"].strip(), row["Outlet"].strip()): row["URL"] for row in reader}


def write_newswcl50(data: Path, out: Path) -> Path:
    """Write ``out/docs/*.jsonl`` and ``out/newswcl50.csv``; the CSV."""
    urls = _urls(data)
    docs_dir = out / "docs"
    docs_dir.mkdir(parents=True, exist_ok=True)
    rows: list[tuple[Path, str, str]] = []
    for path in sorted((data / "1-raw-articles").glob("event_*/*.txt")):
        # One event's files are named ``4_L.txt.txt``: the name up to its first dot is the key.
        stem = path.name.split(".", 1)[0]
        event, outlet = stem.split("_", 1)
        text = path.read_text(encoding="utf-8")
        record: dict[str, str] = {"text": text}
        url = urls.get((event, outlet))
        if url:
            record["url"] = url
            published = url_date(url)
            if published:
                record["published"] = published.isoformat()
        target = docs_dir / f"{stem}.jsonl"
        target.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
        label = f"event-{event}"
        rows.append((target, label, label))
    csv_path = out / "newswcl50.csv"
    write_labels(csv_path, rows)
    return csv_path
