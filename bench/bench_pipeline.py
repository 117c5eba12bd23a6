"""The whole pipeline in one run: ``analyze`` against its peers, then reading stored story views.

Part one is ``bench_parse.py``'s measure: CPU seconds (user + sys) of ``newsprism analyze`` as
its own process on the 181 pages of the Article Extraction Benchmark (a fresh store, with the
``[nlp]`` extra), against spaCy's own ``nlp.pipe`` over the same kept text plus
``trafilatura.extract`` over the same pages; the goal is ``analyze / (spacy + trafilatura)`` at
most 1.3.

Part two times reading a story of 50 articles: ``newsprism show STORY`` and ``newsprism brief
STORY``, each as its own process, output thrown away, wall seconds; start-up is ``newsprism
--help`` timed the same way, and "beyond start-up" is a command's median less start-up's
median. The story is the five sochi-2020 scrapes (``examples/sochi-2020``) and nine trimmed
copies of each (one paragraph and one word fewer, as outlets trim a wire text), analyzed once,
untimed, into a fresh store, whose views ``analyze`` stored. For scale, the same views computed
from the story's records (what every read cost before views were stored) are timed in this
process.

    python bench/bench_pipeline.py [--limit N] [--repeat 5] [--json] [--shared ../shared]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_parse import PAGES
from bench_parse import measure as parse_measure
from bench_parse import table as parse_table

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SHARED = ROOT.parent / "shared"
EXAMPLE = ROOT / "examples" / "sochi-2020"
COPIES = 10
"""Versions of each sochi-2020 scrape: 5 x 10 = a story of 50 articles."""


def newsprism(*args: str) -> list[str]:
    """The installed command line, as a user runs it (it sits beside the interpreter)."""
    return [str(Path(sys.executable).with_name("newsprism")), *args]


def write_story(folder: Path) -> int:
    """The sochi-2020 scrapes and trimmed copies of them in ``folder``; how many files."""
    folder.mkdir(parents=True, exist_ok=True)
    pages = sorted(EXAMPLE.glob("*.txt"))
    for copy in range(COPIES):
        for page in pages:
            paragraphs = page.read_text(encoding="utf-8").split("\n\n")
            if copy:
                # One word fewer in the longest paragraph, and one paragraph fewer, each copy
                # its own, so that no two texts are the same file.
                longest = max(range(len(paragraphs)), key=lambda i: len(paragraphs[i]))
                words = paragraphs[longest].split(" ")
                paragraphs[longest] = " ".join(words[: 5 + copy] + words[6 + copy :])
                drop = 1 + (copy * 3) % max(1, len(paragraphs) - 1)
                if drop != longest:
                    paragraphs = paragraphs[:drop] + paragraphs[drop + 1 :]
            text = "\n\n".join(paragraphs)
            (folder / f"{page.stem}_{copy:02d}.txt").write_text(text, encoding="utf-8")
    return len(pages) * COPIES


def wall(command: list[str], repeat: int) -> list[float]:
    """Wall seconds of ``command`` run ``repeat`` times (after one untimed run)."""
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return times


def in_process(call: Callable[[], object], repeat: int) -> float:
    """Median wall seconds of ``call`` in this process (after one untimed call)."""
    call()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure_reads(folder: Path, repeat: int) -> dict[str, Any]:
    """Start-up, ``show`` and ``brief`` of the largest story, and its views recomputed."""
    from newsprism.cluster import stories
    from newsprism.store import open_store
    from newsprism.views import load_view, story_view

    pages = folder / "pages"
    write_story(pages)
    db = folder / "story.db"
    subprocess.run(newsprism("analyze", str(pages), "--db", str(db)), check=True,
                   capture_output=True)  # fmt: skip
    with open_store(db) as store:
        story = max(stories(store), key=lambda s: sum(len(e.articles) for e in s.events))
        size = sum(len(e.articles) for e in story.events)
        stored = store.view_version(story.id) is not None
        compute = in_process(lambda: story_view(store, story), max(1, repeat // 2))
        load = in_process(lambda: load_view(store, story.id), repeat)
    startup = statistics.median(wall(newsprism("--help"), repeat))
    figures: dict[str, Any] = {
        "story_articles": size,
        "view_stored_by_analyze": stored,
        "startup_seconds": startup,
        "load_view_seconds": load,
        "compute_view_seconds": compute,
    }
    for command in ("show", "brief"):
        median = statistics.median(wall(newsprism(command, story.id, "--db", str(db)), repeat))
        figures[command] = {"seconds": median, "beyond_startup": median - startup}
    return figures


def measure(shared: Path, limit: int | None, repeat: int) -> dict[str, Any]:
    """Both parts: bench_parse's measure in the same run, then the reads of stored views."""
    figures = parse_measure(shared, limit)
    with tempfile.TemporaryDirectory(prefix="bench_pipeline_") as tmp:
        figures["reads"] = measure_reads(Path(tmp) / "story", repeat)
    return figures


def table(figures: dict[str, Any]) -> str:
    """The figures as a short text table."""
    reads = figures["reads"]
    return "\n".join(
        [
            parse_table(figures),
            "",
            f"a story of {reads['story_articles']} articles "
            f"(views stored by analyze: {reads['view_stored_by_analyze']})",
            f"{'read':<22}{'wall s':>9}{'beyond start-up':>17}",
            f"{'start-up (--help)':<22}{reads['startup_seconds']:>9.3f}",
            *(
                f"{'newsprism ' + c:<22}{reads[c]['seconds']:>9.3f}"
                f"{reads[c]['beyond_startup']:>17.3f}"
                for c in ("show", "brief")
            ),
            f"{'load_view (stored)':<22}{reads['load_view_seconds']:>9.3f}",
            f"{'story_view (computed)':<22}{reads['compute_view_seconds']:>9.3f}",
            "goal: show and brief under 0.2 s beyond start-up",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print a table (or JSON with ``--json``)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs of each read")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the shared folder")
    args = parser.parse_args(argv)
    if not (args.shared / PAGES).is_dir():
        print(f"skipped: {args.shared / PAGES} is absent (needs ../shared/data)", file=sys.stderr)
        return 0
    figures = measure(args.shared, args.limit, args.repeat)
    print(json.dumps(figures, indent=2) if args.json else table(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
