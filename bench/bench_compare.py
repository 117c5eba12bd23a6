"""Comparison cost: one 50-article story compared, beyond extraction, against spaCy's parse.

The comparison (coverage, corroborated facts, conflicts, exclusives, statements grouped across
outlets, framing ranked by weighted log-odds) reads what extraction stored; this times it
alone. The articles are analysed into an in-memory store first (cleaning, extraction, framing
terms, clustering: not timed), then ``report.story_view`` loads the story and compares it,
which is what ``newsprism show`` and ``newsprism compare`` do. The target is under 2 seconds
for a 50-article story. For scale the same run times spaCy's own ``nlp.pipe`` over the same
articles' kept text (the parse extraction needs anyway): ``compare/spacy`` is the share of one
parse that the comparison adds.

Stories:
- ``newswcl50``: the 50 articles of NewsWCL50 (10 events x 5 US outlets) as one story;
- ``sochi``: the 5 sochi-2020 scrapes, each reprinted 10 times under another rights line, so
  the story has the figures, quotes and conflicts of a dense storyline at 50 articles.

    python bench/bench_compare.py [--repeat 5] [--json] [--copies 10] [--stories newswcl50 sochi]
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

from newsprism.records import Article

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SHARED = ROOT.parent / "shared"
TARGET_SECONDS = 2.0


def newswcl50_files(shared: Path, tmp: Path) -> list[Path]:
    """NewsWCL50's 50 articles, converted to JSON lines under ``tmp``."""
    from newsprism.evaluation.datasets.newswcl50 import write_newswcl50
    from newsprism.evaluation.labels import read_labels

    return [row.path for row in read_labels(write_newswcl50(shared / "data" / "newswcl50", tmp))]


def sochi_files(shared: Path, tmp: Path, copies: int = 10) -> list[Path]:
    """The sochi-2020 scrapes, each written ``copies`` times with another outlet's rights line
    (a reprint: the syndication groups count each text once, as for a wire story)."""
    paths = []
    for k in range(copies):
        for path in sorted((shared / "corpus" / "sochi-2020").glob("*.txt")):
            copy = tmp / f"copy{k:02d}_{path.name}"
            text = path.read_text(encoding="utf-8")
            copy.write_text(f"{text.rstrip()}\n\n\u00a9 2020 Outlet{k:02d} News\n", "utf-8")
            paths.append(copy)
    return paths


def analysed(paths: Sequence[Path]) -> tuple[Any, Any, list[Article]]:
    """A store holding the analysed files, the story spanning all of them, the articles."""
    from newsprism.records import Event, Story
    from newsprism.runner import analyze
    from newsprism.store import MemoryStore

    store = MemoryStore()
    analyze([str(p) for p in paths], store)
    articles = list(store.articles())
    event = Event("ev-bench", "st-bench", "bench", None, tuple(a.doc_id for a in articles))
    return store, Story("st-bench", "bench", (event,)), articles


def timed(run: Callable[[], object], repeat: int) -> dict[str, float]:
    """Median wall and CPU seconds over ``repeat`` runs after one warm-up."""
    run()
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        run()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return {"seconds": statistics.median(walls), "cpu_seconds": statistics.median(cpus)}


def measure(name: str, paths: Sequence[Path], repeat: int) -> dict[str, Any]:
    """Compare time and spaCy parse time of one story."""
    from newsprism.extract import load_nlp
    from newsprism.views import story_view

    store, story, articles = analysed(paths)
    nlp = load_nlp()
    texts = [a.body_text for a in articles]
    view = story_view(store, story)
    compare = timed(lambda: story_view(store, story), repeat)
    spacy = timed(lambda: list(nlp.pipe(texts)), max(1, repeat // 2))
    store.close()
    kinds: dict[str, int] = {}
    for finding in view.comparison.findings:
        kinds[finding.kind] = kinds.get(finding.kind, 0) + 1
    return {
        "story": name,
        "articles": len(articles),
        "outlets": len({a.outlet for a in articles}),
        "findings": kinds,
        "compare": compare,
        "spacy": spacy,
        "ratio_compare_over_spacy": round(compare["cpu_seconds"] / spacy["cpu_seconds"], 4),
        "under_target": compare["seconds"] < TARGET_SECONDS,
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print a table or JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per story (median)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="shared data dir")
    parser.add_argument(
        "--copies", type=int, default=10, help="reprints of each sochi scrape (5 articles each)"
    )
    parser.add_argument(
        "--stories", nargs="+", default=["newswcl50", "sochi"], choices=["newswcl50", "sochi"]
    )
    args = parser.parse_args(argv)
    makers: dict[str, Callable[[Path, Path], list[Path]]] = {
        "newswcl50": newswcl50_files,
        "sochi": lambda shared, tmp: sochi_files(shared, tmp, args.copies),
    }
    results = []
    for name in args.stories:
        print(f"analysing {name} (not timed) ...", file=sys.stderr)
        with tempfile.TemporaryDirectory() as tmp:
            results.append(measure(name, makers[name](args.shared, Path(tmp)), args.repeat))
    if args.json:
        print(json.dumps({"target_seconds": TARGET_SECONDS, "stories": results}, indent=2))
        return 0
    print(f"comparison of one story beyond extraction, median of {args.repeat} runs")
    print()
    header = f"{'story':<10} {'articles':>8} {'outlets':>7} {'compare s':>9} {'cpu s':>7}"
    print(f"{header} {'spaCy s':>8} {'compare/spaCy':>13}  findings")
    for r in results:
        found = ", ".join(f"{k} {v}" for k, v in sorted(r["findings"].items()))
        print(
            f"{r['story']:<10} {r['articles']:>8} {r['outlets']:>7} "
            f"{r['compare']['seconds']:>9.3f} {r['compare']['cpu_seconds']:>7.3f} "
            f"{r['spacy']['cpu_seconds']:>8.3f} {r['ratio_compare_over_spacy']:>12.3f}x  {found}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
