"""The pipeline without its NLP stages against trafilatura's own extraction, on the same pages.

Without entity, quote and figure extraction, ``analyze`` reads HTML pages (ingest: decoding,
mojibake repair, head metadata), cleans them (trafilatura for the main text, newsprism's rules
and line model for every other block, outlet, agency, date), finds syndicated copies (dedup)
and places the articles in events and storylines (cluster), storing everything. Its floor is
trafilatura's own extraction over the same pages; the ratio pipeline / trafilatura, in CPU
seconds, is what the rest adds. The goal is at most 1.5.

    python bench/bench_nonlp.py [--repeat 3] [--limit N] [--json] [--shared ../shared]

Inputs: the 181 pages of the Article Extraction Benchmark
(``../shared/data/article-extraction-benchmark/html/*.html.gz``), written uncompressed to a
temporary folder. **pipeline** is the library call the ``analyze`` command makes
(``newsprism.runner.analyze``) with the default stages less those of the ``[nlp]`` extra
(extract, and compare and summarize, which read extractions), on a fresh SQLite store each
run. **trafilatura** is ``trafilatura.extract`` (default settings) on each page's text, read
from the same files. One process: CPU seconds by ``time.process_time``; one untimed warm-up of
each (imports, the line model, lxml), then ``--repeat`` timed runs, interleaved; medians.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from bench_parse import PAGES, write_pages

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SHARED = ROOT.parent / "shared"
NLP_STAGES = frozenset({"extract", "compare", "summarize"})
"""The stages that need the ``[nlp]`` extra or read what it extracted."""


def nonlp_stages() -> tuple[str, ...]:
    """The default stages, in order, without the NLP ones."""
    from newsprism.config import default_config

    return tuple(s for s in default_config().stages if s not in NLP_STAGES)


def run_pipeline(folder: Path, scratch: Path) -> int:
    """``analyze`` without NLP over ``folder`` into a fresh store; the articles stored."""
    from dataclasses import replace

    from newsprism.config import default_config
    from newsprism.runner import analyze
    from newsprism.store import open_store

    config = replace(default_config(), stages=nonlp_stages())
    db = scratch / f"store-{time.monotonic_ns()}.db"
    with open_store(db, writer=True) as store:
        report = analyze([str(folder)], store, config=config)
    for path in scratch.glob(f"{db.name}*"):
        path.unlink()
    if report.failures:
        raise SystemExit(f"analyze failed on {len(report.failures)} page(s)")
    return len(report.stored)


def run_trafilatura(htmls: Sequence[str]) -> int:
    """``trafilatura.extract`` (default settings) over every page; the pages with a text."""
    import trafilatura

    return sum(trafilatura.extract(html) is not None for html in htmls)


def time_runs(runners: dict[str, Callable[[], object]], repeat: int) -> dict[str, list[float]]:
    """One warm-up run of each, then ``repeat`` timed runs, interleaved: CPU seconds."""
    for run in runners.values():
        run()
    cpus: dict[str, list[float]] = {name: [] for name in runners}
    for _ in range(repeat):
        for name, run in runners.items():
            start = time.process_time()
            run()
            cpus[name].append(time.process_time() - start)
    return cpus


def measure(shared: Path, limit: int | None, repeat: int) -> dict[str, Any]:
    """Both systems' CPU seconds (median and every run) and the ratio."""
    with tempfile.TemporaryDirectory(prefix="bench_nonlp_") as tmp:
        folder = Path(tmp) / "pages"
        folder.mkdir()
        pages = write_pages(shared, folder, limit)
        htmls = [page.read_text(encoding="utf-8", errors="replace") for page in pages]
        scratch = Path(tmp) / "stores"
        scratch.mkdir()
        runs = time_runs(
            {
                "pipeline": lambda: run_pipeline(folder, scratch),
                "trafilatura": lambda: run_trafilatura(htmls),
            },
            repeat,
        )
    cpu = {name: statistics.median(values) for name, values in runs.items()}
    floor = cpu["trafilatura"]
    return {
        "pages": len(pages),
        "stages": list(nonlp_stages()),
        "repeat": repeat,
        "cpu_seconds": {name: round(value, 4) for name, value in cpu.items()},
        "runs": {name: [round(v, 4) for v in values] for name, values in runs.items()},
        "ratio": round(cpu["pipeline"] / floor, 3) if floor > 0 else float("inf"),
    }


def table(figures: dict[str, Any]) -> str:
    """The figures as a short text table."""
    cpu = figures["cpu_seconds"]
    return "\n".join(
        [
            f"{figures['pages']} pages, stages {', '.join(figures['stages'])}, "
            f"median of {figures['repeat']} runs",
            f"{'system':<14}{'CPU s':>9}",
            *(f"{name:<14}{seconds:>9.2f}" for name, seconds in cpu.items()),
            f"pipeline / trafilatura = {figures['ratio']:.2f} (goal <= 1.5)",
        ]
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print a table (or JSON with ``--json``)."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="timed runs after the warm-up")
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the shared folder")
    args = parser.parse_args(argv)
    if args.repeat < 1 or (args.limit is not None and args.limit < 1):
        parser.error("--repeat and --limit must be at least 1")
    if not (args.shared / PAGES).is_dir():
        print(f"skipped: {args.shared / PAGES} is absent (needs ../shared/data)", file=sys.stderr)
        return 0
    figures = measure(args.shared, args.limit, args.repeat)
    print(json.dumps(figures, indent=2) if args.json else table(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
