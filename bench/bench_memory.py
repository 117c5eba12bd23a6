"""Streaming memory: the peak resident memory of ``analyze`` on N and on 10N input files.

A single-process run should hold what its open stories need, not what it has read: 10 times
more input files should leave the peak within 20%. The inputs are real ECB+ and NewsWCL50
texts, cleaned once, then replicated as ``bench_cluster.py`` replicates them (20% of words
dropped, names suffixed per replica, dates shifted 30 days per replica), so that each replica
of the corpus forms new small stories rather than joining the old ones; each article is
written as a JSON-lines file of one record: its text (headline, blank line, body) and its date
as ``published``, since a plain text file would leave the run undated, every story open to every
later article. The N files are the first N of the 10N.

Each run is a child process of its own: ``analyze`` on the folder into a fresh SQLite store,
as the CLI's ``analyze`` runs it (the story views kept in the store, not in the report, then
read back one at a time as its digest reads them), with the NLP stages (``--no-nlp`` leaves
them out), the peak resident memory read from ``ru_maxrss`` after the run (interpreter,
libraries and the spaCy model included: ``start_mb`` is the same figure once they are loaded,
before the run). With ``--trace`` the children also
run under ``tracemalloc``: the highest traced memory while each stage ran, and the source
lines holding the most memory once every chunk is placed (before compare and summarize, the
stages and their state still alive), compared between the two runs: where growth shows.

    python bench/bench_memory.py [--files 100] [--factor 10] [--no-nlp] [--trace] [--json]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_cluster import base_articles, corpus
from bench_parts_common import DEFAULT_SHARED, emit, shared_or_exit, table

TOP = 12
"""Source lines listed: those whose held memory grew most from the N run to the 10N run."""
KEPT = 400
"""Source lines a traced child reports (the most memory first)."""


def write_files(shared: Path, folder: Path, n: int, base: int | None) -> None:
    """``n`` article files in ``folder``: the real texts first, then their replicas."""
    folder.mkdir(parents=True, exist_ok=True)
    for k, article in enumerate(corpus(base_articles(shared, base), n)):
        record: dict[str, str] = {"text": f"{article.title}\n\n{article.body_text}\n"}
        if article.published.date is not None:
            record["published"] = article.published.date.isoformat()
        path = folder / f"{k:07d}.jsonl"
        path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")


def child(folder: Path, db: Path, nlp: bool, trace: bool) -> dict[str, Any]:
    """One run of ``analyze`` in this process; its figures."""
    import tracemalloc

    from newsprism.runner import analyze
    from newsprism.store import SQLiteStore
    from newsprism.views import load_view

    if nlp:
        from newsprism.extract.nlp import load_nlp

        load_nlp()
    start_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if trace:
        tracemalloc.start(1)
    store = SQLiteStore(db)
    stories: list[float] = []
    stage_peaks: dict[str, float] = {}
    placed: list[Any] = []
    running = [""]

    def on_stage(name: str, done: int, steps: int, documents: int) -> None:
        # The per-story stages report (name, 0, 0, stories) once every chunk is placed.
        if steps == 0 and not stories:
            stories.append(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
            if trace:
                # What the run holds once every chunk is placed (its stages still alive).
                placed.append(tracemalloc.take_snapshot())
        if trace:
            # The traced peak of the stage that just ended, then a fresh peak for this one.
            _, peak = tracemalloc.get_traced_memory()
            last = running[0]
            stage_peaks[last] = max(stage_peaks.get(last, 0.0), round(peak / 2**20, 1))
            tracemalloc.reset_peak()
            running[0] = name

    began = time.perf_counter()
    report = analyze([str(folder)], store, extract=nlp, on_stage=on_stage, keep_views=False)
    for story_id in report.viewed:  # what the CLI's digest reads back, one view at a time
        load_view(store, story_id)
    seconds = time.perf_counter() - began
    figures: dict[str, Any] = {
        "files": len(list(folder.iterdir())),
        "stored": len(report.stored),
        "seconds": round(seconds, 1),
        "start_mb": round(start_mb, 1),
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        # The peak once every chunk was placed, before compare and summarize ran.
        "peak_before_story_stages_mb": round(stories[0], 1) if stories else None,
        "stories": len(report.stories),
    }
    if trace:
        snapshot = placed[0] if placed else tracemalloc.take_snapshot()
        _, peak = tracemalloc.get_traced_memory()
        figures["traced_peak_mb"] = round(peak / 2**20, 1)
        last = running[0]
        stage_peaks[last] = max(stage_peaks.get(last, 0.0), round(peak / 2**20, 1))
        # The highest traced memory while each stage ran ("" before the first), any chunk.
        figures["stage_peaks_mb"] = stage_peaks
        figures["held"] = [
            {
                "where": str(stat.traceback[0]),
                "mb": round(stat.size / 2**20, 2),
                "blocks": stat.count,
            }
            for stat in snapshot.statistics("lineno")[:KEPT]
        ]
        tracemalloc.stop()
    store.close()
    del report
    return figures


def measure_child(folder: Path, db: Path, nlp: bool, trace: bool) -> dict[str, Any]:
    """Run :func:`child` in a process of its own and read its figures."""
    command = [sys.executable, __file__, "--child", str(folder), str(db)]
    command += [] if nlp else ["--no-nlp"]
    command += ["--trace"] if trace else []
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    figures: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    return figures


def measure(
    shared: Path, files: int, factor: int, nlp: bool, trace: bool, base: int | None
) -> dict[str, Any]:
    """Both runs and the ratio of their peaks."""
    import os

    with tempfile.TemporaryDirectory(prefix="bench_memory_") as tmp:
        root = Path(tmp)
        big = root / "big"
        write_files(shared, big, files * factor, base)
        small = root / "small"
        small.mkdir()
        for path in sorted(big.iterdir())[:files]:
            (small / path.name).write_bytes(path.read_bytes())
        load = [round(x, 2) for x in os.getloadavg()]
        runs = {
            str(files): measure_child(small, root / "small.db", nlp, trace),
            str(files * factor): measure_child(big, root / "big.db", nlp, trace),
        }
    peaks = [r["peak_mb"] for r in runs.values()]
    chunks = [r["peak_before_story_stages_mb"] or 0.0 for r in runs.values()]
    grew = _growth(*runs.values()) if trace else []
    grown = [r["peak_mb"] - r["start_mb"] for r in runs.values()]
    return {
        "nlp": nlp,
        "factor": factor,
        "load_before": load,
        "load_after": [round(x, 2) for x in os.getloadavg()],
        "runs": runs,
        "peak_ratio": round(peaks[1] / peaks[0], 3),
        "peak_ratio_before_story_stages": round(chunks[1] / chunks[0], 3) if chunks[0] else None,
        "growth_ratio": round(grown[1] / grown[0], 3) if grown[0] > 0 else None,
        "goal": "peak_ratio <= 1.2",
        "grew": grew,
    }


def _growth(small: dict[str, Any], big: dict[str, Any]) -> list[dict[str, Any]]:
    """The source lines holding more after the 10N run than after the N run, most first."""
    before = {h["where"]: h["mb"] for h in small["held"]}
    grew = [
        {
            "where": h["where"],
            "mb": h["mb"],
            "more_mb": round(h["mb"] - before.get(h["where"], 0.0), 2),
        }
        for h in big["held"]
    ]
    return sorted(grew, key=lambda g: -g["more_mb"])[:TOP]


def render(r: Any) -> str:
    """The figures as a table, and the lines holding the most memory when traced."""
    rows = [
        (
            n,
            f["stored"],
            f["stories"],
            f["seconds"],
            f["start_mb"],
            f["peak_before_story_stages_mb"],
            f["peak_mb"],
        )
        for n, f in r["runs"].items()
    ]
    lines = [
        f"analyze {'with' if r['nlp'] else 'without'} the NLP stages; load "
        f"{r['load_before']} before, {r['load_after']} after",
        table(
            [
                "files",
                "stored",
                "stories",
                "seconds",
                "start MB",
                "peak before stories MB",
                "peak MB",
            ],
            rows,
        ),
        f"peak ratio {r['peak_ratio']} (goal <= 1.2); above start {r['growth_ratio']}; "
        f"before the story stages {r['peak_ratio_before_story_stages']}",
    ]
    for n, f in r["runs"].items():
        if "stage_peaks_mb" in f:
            peaks = ", ".join(f"{k or 'start'} {v}" for k, v in f["stage_peaks_mb"].items())
            lines += [f"traced peak MB by stage, {n} files: {peaks}"]
    if r["grew"]:
        lines += [
            "",
            "held once every chunk was placed, by source line, most growth first (tracemalloc):",
        ]
        lines += [
            f"  +{g['more_mb']:>7.2f} MB (of {g['mb']:>7.2f})  {g['where']}" for g in r["grew"]
        ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--files", type=int, default=100, help="N, the smaller run's files")
    parser.add_argument("--factor", type=int, default=10)
    parser.add_argument("--base", type=int, default=50, help="real texts per corpus")
    parser.add_argument("--no-nlp", action="store_true", help="without the NLP stages")
    parser.add_argument("--trace", action="store_true", help="list what holds memory")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--child", nargs=2, metavar=("FOLDER", "DB"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        folder, db = (Path(p) for p in args.child)
        print(json.dumps(child(folder, db, not args.no_nlp, args.trace)))
        return 0
    shared = shared_or_exit(args.shared)
    result = measure(shared, args.files, args.factor, not args.no_nlp, args.trace, args.base)
    emit(result, args.json, render)
    return 0


if __name__ == "__main__":
    sys.exit(main())
