"""Extraction throughput: full extraction against spaCy's own ``nlp.pipe`` on the same texts.

spaCy's parse is the floor extraction cannot beat without a faster model: every article goes
through ``nlp.pipe`` once, and entities, quotes and figures are read off the parses. The ratio
newsprism / spaCy (CPU time) is extraction's cost over that floor; the target is at most 1.3.
All in one process, so articles per second of CPU time is articles per second per core.

    python bench/bench_extract.py [--repeat 3] [--limit N] [--json] [--shared ../shared]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsprism.records import Article

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SHARED = ROOT.parent / "shared"
FLOORS = ("spacy", "spacy_paragraphs")


@dataclass(frozen=True, slots=True)
class Timing:
    """Median wall-clock and CPU seconds of one system over the timed repetitions."""

    system: str
    wall: float
    cpu: float
    runs: int

    def rate(self, n: int) -> float:
        """Articles per second of wall-clock time."""
        return n / self.wall if self.wall > 0 else float("inf")

    def rate_per_core(self, n: int) -> float:
        """Articles per second of CPU time: per core, since one process does all the work."""
        return n / self.cpu if self.cpu > 0 else float("inf")


def sochi_articles(shared: Path) -> list[Article]:
    """The sochi-2020 scrapes, read and cleaned as ``newsprism analyze`` does."""
    from newsprism.clean import clean_batch
    from newsprism.ingest import read_file
    from newsprism.records import Document

    documents = [
        d
        for path in sorted((shared / "corpus" / "sochi-2020").glob("*.txt"))
        for d in read_file(path)
        if isinstance(d, Document)
    ]
    return clean_batch(documents)


def polnear_articles(shared: Path) -> list[Article]:
    """PolNeAR's dev articles, every text block a body paragraph (they are clean already)."""
    from newsprism.evaluation.quotes import polnear_article, read_polnear

    return [polnear_article(d) for d in read_polnear(shared / "data" / "polnear" / "data" / "dev")]


def load_inputs(shared: Path, limit: int | None = None) -> list[Article]:
    """The sochi articles, then PolNeAR's dev articles; the first ``limit`` of them."""
    articles = [*sochi_articles(shared), *polnear_articles(shared)]
    return articles[:limit] if limit is not None else articles


def systems(articles: Sequence[Article], nlp: Any) -> dict[str, Callable[[], object]]:
    """Each system as a call that processes all articles once."""
    from newsprism.extract import extract_articles

    bodies = [a.body_text for a in articles]
    paragraphs = [p.text for a in articles for p in a.body]

    def run_newsprism() -> object:
        """Full extraction of all articles."""
        return extract_articles(articles, nlp=nlp)

    def run_spacy() -> object:
        """spaCy over each article's kept text."""
        return list(nlp.pipe(bodies))

    def run_spacy_paragraphs() -> object:
        """spaCy over the kept paragraphs one by one."""
        return list(nlp.pipe(paragraphs))

    return {
        "newsprism": run_newsprism,
        "spacy": run_spacy,
        "spacy_paragraphs": run_spacy_paragraphs,
    }


def time_systems(runners: Mapping[str, Callable[[], object]], repeat: int) -> dict[str, Timing]:
    """One warm-up run of each, then ``repeat`` timed runs, interleaved; medians."""
    for run in runners.values():
        run()  # warm-up: model caches, regex compilation, lazy imports
    walls: dict[str, list[float]] = {name: [] for name in runners}
    cpus: dict[str, list[float]] = {name: [] for name in runners}
    for _ in range(repeat):
        # Interleaved, so that a slow spell of the (shared) machine hits every system alike.
        for name, run in runners.items():
            wall, cpu = time.perf_counter(), time.process_time()
            run()
            cpus[name].append(time.process_time() - cpu)
            walls[name].append(time.perf_counter() - wall)
    return {
        name: Timing(name, statistics.median(walls[name]), statistics.median(cpus[name]), repeat)
        for name in runners
    }


def summary(articles: Sequence[Article], timings: Mapping[str, Timing]) -> dict[str, Any]:
    """The figures as a JSON-ready dict: per system, and newsprism's time over each floor's."""
    n = len(articles)
    result: dict[str, Any] = {
        "inputs": n,
        "characters": sum(len(a.body_text) for a in articles),
        "repeat": next(iter(timings.values())).runs if timings else 0,
        "systems": {
            name: {
                "seconds": round(t.wall, 6),
                "cpu_seconds": round(t.cpu, 6),
                "articles_per_second": round(t.rate(n), 2),
                "articles_per_second_per_core": round(t.rate_per_core(n), 2),
            }
            for name, t in timings.items()
        },
    }
    if "newsprism" in timings:
        ours = timings["newsprism"].cpu
        result["ratios"] = {
            floor: round(ours / timings[floor].cpu, 3) if timings[floor].cpu > 0 else None
            for floor in FLOORS
            if floor in timings
        }
    return result


def table(figures: Mapping[str, Any]) -> str:
    """The figures as a plain-text table."""
    rows = [
        f"extraction throughput: {figures['inputs']} articles, {figures['characters']:,} "
        f"characters of kept text, median of {figures['repeat']} runs, one process",
        "",
        f"{'system':<17} {'seconds':>9} {'cpu s':>9} {'articles/s':>11} {'per core':>10} "
        f"{'newsprism/this':>15}",
    ]
    ratios = figures.get("ratios", {})
    for name, s in figures["systems"].items():
        ratio = f"{ratios[name]:.2f}x" if ratios.get(name) is not None else ""
        rows.append(
            f"{name:<17} {s['seconds']:>9.3f} {s['cpu_seconds']:>9.3f} "
            f"{s['articles_per_second']:>11.1f} {s['articles_per_second_per_core']:>10.1f} "
            f"{ratio:>15}"
        )
    return "\n".join(rows)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print a table (or JSON with ``--json``)."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="timed runs after the warm-up")
    parser.add_argument("--limit", type=int, default=None, help="use only the first N articles")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the shared folder")
    args = parser.parse_args(argv)
    if args.repeat < 1 or (args.limit is not None and args.limit < 1):
        parser.error("--repeat and --limit must be at least 1")
    data = args.shared / "data" / "polnear" / "data" / "dev"
    if not data.is_dir() or not (args.shared / "corpus" / "sochi-2020").is_dir():
        print(f"skipped: {data} is absent (the benchmark needs ../shared/data)", file=sys.stderr)
        return 0
    from newsprism.extract import load_nlp

    nlp = load_nlp()
    articles = load_inputs(args.shared, args.limit)
    figures = summary(articles, time_systems(systems(articles, nlp), args.repeat))
    print(json.dumps(figures, indent=2) if args.json else table(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
