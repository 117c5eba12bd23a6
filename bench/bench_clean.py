"""Cleaning throughput: newsprism's plain-text classifier against trafilatura and jusText.

Every system cleans the same plain-text scrapes: the sochi-2020 corpus files and the 181 pages of
the Article Extraction Benchmark rendered to text one block a line (as a scraper's text dump
looks). newsprism reads them as text documents; the peers, which only read HTML, get each
non-blank line as one HTML paragraph, exactly as in the cleaning evaluation. All in one process,
so articles per second of CPU time is articles per second per core.

    python bench/bench_clean.py [--repeat 5] [--limit N] [--json] [--shared ../shared]
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import statistics
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import zip_longest
from pathlib import Path
from typing import Any

import trafilatura
from trafilatura.utils import decode_file

from newsprism.evaluation.baselines import lines_to_html
from newsprism.records import Document, Provenance

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SHARED = ROOT.parent / "shared"
PEERS = ("trafilatura", "justext")


@dataclass(frozen=True, slots=True)
class BenchInput:
    """One plain-text scrape, as newsprism and as the peers see it."""

    name: str
    document: Document
    page: str
    """The non-blank lines as HTML paragraphs, for the peers."""


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


def scrape_texts(shared: Path) -> Iterator[tuple[str, str]]:
    """The sochi-2020 scrapes as they are on disk."""
    for path in sorted((shared / "corpus" / "sochi-2020").glob("*.txt")):
        yield f"sochi-2020/{path.name}", path.read_text(encoding="utf-8")


def rendered_texts(shared: Path) -> Iterator[tuple[str, str]]:
    """Article Extraction Benchmark pages rendered to text, one block a line, blank-separated."""
    from newsprism.clean.render import html_to_lines

    folder = shared / "data" / "article-extraction-benchmark" / "html"
    for path in sorted(folder.glob("*.html.gz")):
        html = decode_file(gzip.decompress(path.read_bytes()))
        yield f"aeb/{path.name[:12]}", "\n\n".join(html_to_lines(html))


def make_input(name: str, text: str) -> BenchInput:
    """A text Document for newsprism and the paragraph-wrapped page for the peers."""
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    document = Document(
        id=digest[:16],
        provenance=Provenance(source=name, content_hash=digest),
        media_type="text",
        content=text,
    )
    lines = [line for line in text.splitlines() if line.strip()]
    return BenchInput(name, document, lines_to_html(lines))


def load_inputs(shared: Path, limit: int | None = None) -> list[BenchInput]:
    """Scrapes and rendered pages, alternating, so that a small ``limit`` has some of both."""
    inputs: list[BenchInput] = []
    sources = zip_longest(scrape_texts(shared), rendered_texts(shared))
    for pair in sources:
        for item in pair:
            if item is None:
                continue
            if limit is not None and len(inputs) >= limit:
                return inputs
            inputs.append(make_input(*item))
    return inputs


def systems(inputs: Sequence[BenchInput]) -> dict[str, Callable[[], object]]:
    """Each system as a call that cleans all inputs once."""
    import justext

    from newsprism.clean import clean_batch

    documents = [i.document for i in inputs]
    pages = [i.page for i in inputs]
    stoplist = justext.get_stoplist("English")  # loaded once: it is set-up, not cleaning

    def run_newsprism() -> object:
        return clean_batch(documents)

    def run_trafilatura() -> object:
        return [trafilatura.extract(page) for page in pages]

    def run_justext() -> object:
        return [justext.justext(page, stoplist) for page in pages]

    return {"newsprism": run_newsprism, "trafilatura": run_trafilatura, "justext": run_justext}


def time_systems(runners: Mapping[str, Callable[[], object]], repeat: int) -> dict[str, Timing]:
    """One warm-up run of each, then ``repeat`` timed runs, interleaved; medians."""
    for run in runners.values():
        run()  # warm-up: imports, model loading, lxml and regex caches
    walls: dict[str, list[float]] = {name: [] for name in runners}
    cpus: dict[str, list[float]] = {name: [] for name in runners}
    for _ in range(repeat):
        # Interleaved, so that a slow spell of the machine hits every system alike.
        for name, run in runners.items():
            wall, cpu = time.perf_counter(), time.process_time()
            run()
            cpus[name].append(time.process_time() - cpu)
            walls[name].append(time.perf_counter() - wall)
    return {
        name: Timing(name, statistics.median(walls[name]), statistics.median(cpus[name]), repeat)
        for name in runners
    }


def summary(inputs: Sequence[BenchInput], timings: Mapping[str, Timing]) -> dict[str, Any]:
    """The figures as a JSON-ready dict: per system, and newsprism over each peer."""
    n = len(inputs)
    result: dict[str, Any] = {
        "inputs": n,
        "characters": sum(len(i.document.content) for i in inputs),
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
        ours = timings["newsprism"].rate_per_core(n)
        result["ratios"] = {
            peer: round(ours / timings[peer].rate_per_core(n), 3)
            for peer in PEERS
            if peer in timings
        }
    return result


def table(figures: Mapping[str, Any]) -> str:
    """The figures as a plain-text table."""
    rows = [
        f"cleaning throughput: {figures['inputs']} plain-text inputs, "
        f"{figures['characters']:,} characters, median of {figures['repeat']} runs, one process",
        "",
        f"{'system':<12} {'seconds':>9} {'cpu s':>9} {'articles/s':>11} {'per core':>10} "
        f"{'newsprism/peer':>15}",
    ]
    ratios = figures.get("ratios", {})
    for name, s in figures["systems"].items():
        ratio = f"{ratios[name]:.2f}x" if name in ratios else ""
        rows.append(
            f"{name:<12} {s['seconds']:>9.3f} {s['cpu_seconds']:>9.3f} "
            f"{s['articles_per_second']:>11.1f} {s['articles_per_second_per_core']:>10.1f} "
            f"{ratio:>15}"
        )
    return "\n".join(rows)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print a table (or JSON with ``--json``)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="timed runs after the warm-up")
    parser.add_argument("--limit", type=int, default=None, help="use only the first N inputs")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the shared folder")
    args = parser.parse_args(argv)
    if args.repeat < 1 or (args.limit is not None and args.limit < 1):
        parser.error("--repeat and --limit must be at least 1")
    data = args.shared / "data" / "article-extraction-benchmark" / "html"
    if not data.is_dir():
        print(f"skipped: {data} is absent (the benchmark needs ../shared/data)", file=sys.stderr)
        return 0
    inputs = load_inputs(args.shared, args.limit)
    figures = summary(inputs, time_systems(systems(inputs), args.repeat))
    print(json.dumps(figures, indent=2) if args.json else table(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
