"""Clustering scale: time and peak memory to cluster 1k, 10k, 100k articles, beside baselines.

Articles are the real ECB+ and NewsWCL50 texts, cleaned once, then replicated with
perturbations (20% of words dropped, names suffixed per replica, dates shifted by 30 days per
replica) so that replicas are new texts about new events, not syndicated copies; they are made
chunk by chunk, as a feed delivers them, so that the corpus itself does not fill the memory
measured. newsprism's StoryClusterer (syndication, events, storylines) runs in chunks of 256
(as ``analyze``) on an in-memory store; the baselines are all-pairs TF-IDF cosine with average
linkage (up to --baseline-max articles; the baselines get the whole list at once) and
datasketch's MinHashLSH for dedup. Each run is a child process of its own: the wall and CPU
seconds spent in the system (making replicas is not timed), and the peak resident memory
(ru_maxrss: everything the process holds, interpreter, libraries, the cleaned real articles and
the in-memory store included).

    python bench/bench_cluster.py [--sizes 1000 10000 100000] [--json] [--shared ../shared]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import pickle
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SHARED = ROOT.parent / "shared"
CHUNK = 256


def base_articles(shared: Path, limit: int | None = None) -> list[Any]:
    """The real articles, converted and cleaned once (the first ``limit`` of each corpus)."""
    from newsprism.evaluation.datasets.ecbplus import write_ecbplus
    from newsprism.evaluation.datasets.newswcl50 import write_newswcl50
    from newsprism.evaluation.labels import read_labels
    from newsprism.evaluation.stories import load_corpus

    with tempfile.TemporaryDirectory() as tmp:
        ecb = read_labels(write_ecbplus(shared / "data" / "ecbplus", Path(tmp) / "ecb"))
        wcl = read_labels(write_newswcl50(shared / "data" / "newswcl50", Path(tmp) / "wcl"))
        return load_corpus(ecb[:limit] + wcl[:limit])


def perturb(article: Any, replica: int, rng: random.Random) -> Any:
    """A new article about a new event, made from a real one."""
    from newsprism.records import DateEstimate, Evidence, Paragraph, Role, Span

    suffix = f"q{replica}"
    words = []
    for word in article.body_text.split():
        if rng.random() < 0.2:
            continue
        words.append(word + suffix if word[:1].isupper() else word)
    body = " ".join(words)
    doc_id = f"{article.doc_id[:10]}r{replica:05d}"
    base = article.published.date or dt.date(2015, 1, 1)
    date = base + dt.timedelta(days=30 * replica)
    paragraph = Paragraph(0, body, Span(doc_id, 0, len(body)), Role.BODY, "bench")
    published = DateEstimate(date, evidence=(Evidence("metadata", str(date)),), confidence=0.95)
    return replace(
        article, doc_id=doc_id, text=body, paragraphs=(paragraph,), published=published,
        title=" ".join(w + suffix if w[:1].isupper() else w for w in article.title.split()),
    )  # fmt: skip


def corpus(base: list[Any], n: int, seed: int = 7) -> Iterator[Any]:
    """n articles, one at a time: the real ones first, then perturbed replicas."""
    rng = random.Random(seed)
    yield from base[:n]
    made, replica = min(n, len(base)), 1
    while made < n:
        for article in base:
            if made >= n:
                return
            yield perturb(article, replica, rng)
            made += 1
        replica += 1


def chunks(articles: Iterator[Any], size: int = CHUNK) -> Iterator[list[Any]]:
    """The articles in lists of ``size``."""
    chunk: list[Any] = []
    for article in articles:
        chunk.append(article)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class Clock:
    """Wall and CPU seconds summed over the timed stretches (making replicas is not timed)."""

    def __init__(self) -> None:
        self.wall = self.cpu = 0.0

    def __enter__(self) -> Clock:
        self._wall, self._cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall += time.perf_counter() - self._wall
        self.cpu += time.process_time() - self._cpu


def run_newsprism(articles: Iterator[Any], clock: Clock) -> None:
    from newsprism.cluster import StoryClusterer
    from newsprism.store import MemoryStore

    with MemoryStore() as store:
        with clock:
            clusterer = StoryClusterer(store)
        for chunk in chunks(articles):
            with clock:
                clusterer.add(chunk)


def run_tfidf(articles: Iterator[Any], clock: Clock) -> None:
    from newsprism.evaluation.stories import tfidf_average_link

    made = list(articles)
    with clock:
        tfidf_average_link(made, 0.2)


def run_datasketch(articles: Iterator[Any], clock: Clock) -> None:
    from datasketch import MinHash, MinHashLSH

    made = list(articles)
    with clock:
        lsh = MinHashLSH(threshold=0.5, num_perm=64)
        for a in made:
            tokens = a.body_text.lower().split()
            shingles = {" ".join(tokens[i : i + 5]) for i in range(max(1, len(tokens) - 4))}
            m = MinHash(num_perm=64)
            m.update_batch([s.encode() for s in shingles])
            lsh.query(m)
            lsh.insert(a.doc_id, m)


SYSTEMS: dict[str, Callable[[Iterator[Any], Clock], None]] = {
    "newsprism": run_newsprism,
    "tfidf_average_link": run_tfidf,
    "datasketch_lsh_dedup": run_datasketch,
}


def child(system: str, n: int, base_file: Path) -> dict[str, float]:
    """One measured run in this process: seconds, CPU seconds, peak and starting RSS (MB)."""
    with base_file.open("rb") as handle:
        base = pickle.load(handle)
    start_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    clock = Clock()
    SYSTEMS[system](corpus(base, n), clock)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "seconds": round(clock.wall, 2), "cpu_seconds": round(clock.cpu, 2),
        "peak_mb": round(peak_mb, 1), "start_mb": round(start_mb, 1),
    }  # fmt: skip


def measure(system: str, n: int, base_file: Path) -> dict[str, float]:
    """Run one system at one size in a child process and read its figures."""
    command = [sys.executable, __file__, "--child", system, str(n), str(base_file)]
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    figures: dict[str, float] = json.loads(out.strip().splitlines()[-1])
    return figures


def growth(results: dict[str, dict[str, float]]) -> float | None:
    """log(cpu(b) / cpu(a)) / log(b / a) between the two largest sizes."""
    sizes = sorted(int(k) for k in results)
    if len(sizes) < 2:
        return None
    a, b = sizes[-2], sizes[-1]
    ratio = results[str(b)]["cpu_seconds"] / max(results[str(a)]["cpu_seconds"], 1e-9)
    return round(math.log(ratio) / math.log(b / a), 3)


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--baseline-max", type=int, default=10000)
    parser.add_argument("--systems", nargs="+", choices=list(SYSTEMS), default=list(SYSTEMS))
    parser.add_argument("--base", type=int, default=None, help="real articles per corpus")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--child", nargs=3, metavar=("SYSTEM", "N", "BASE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        system, n, base_file = args.child
        print(json.dumps(child(system, int(n), Path(base_file))))
        return 0
    if not (args.shared / "data" / "ecbplus").is_dir():
        print("bench_cluster skipped: ../shared/data is absent", file=sys.stderr)
        return 0
    results: dict[str, dict[str, dict[str, float]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        base_file = Path(tmp) / "base.pickle"
        with base_file.open("wb") as handle:
            pickle.dump(base_articles(args.shared, args.base), handle)
        for n in args.sizes:
            for name in args.systems:
                if name == "tfidf_average_link" and n > args.baseline_max:
                    continue
                figures = measure(name, n, base_file)
                results.setdefault(name, {})[str(n)] = figures
                if not args.json:
                    print(
                        f"{name:22s} {n:>7d} articles  {figures['seconds']:8.1f} s  "
                        f"{figures['cpu_seconds']:8.1f} s CPU  {figures['peak_mb']:8.1f} MB peak",
                        flush=True,
                    )
    report: dict[str, Any] = {"systems": results}
    if "newsprism" in results:
        report["growth_exponent"] = growth(results["newsprism"])
        if not args.json and report["growth_exponent"] is not None:
            print(f"newsprism growth exponent (CPU time): {report['growth_exponent']}")
    if args.json:
        print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
