"""Clustering scale: time and peak memory to cluster 1k, 10k, 100k articles, beside baselines.

Articles are the real ECB+ and NewsWCL50 texts, cleaned once, then replicated with
perturbations (20% of words dropped, names suffixed per replica, dates shifted by 30 days per
replica) so that replicas are new texts about new events, not syndicated copies. newsprism's
StoryClusterer runs in chunks of 256 (as ``analyze``) on an in-memory store; the baselines are
all-pairs TF-IDF cosine with average linkage (up to --baseline-max articles) and datasketch's
MinHashLSH for dedup. Peak memory is tracemalloc's peak of each run in this process.

    python bench/bench_cluster.py [--sizes 1000 10000 100000] [--json] [--shared ../shared]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import random
import sys
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SHARED = ROOT.parent / "shared"


def base_articles(shared: Path) -> list[Any]:
    """The real articles, converted and cleaned once."""
    import tempfile

    from newsprism.evaluation.convert_ecbplus import write_ecbplus
    from newsprism.evaluation.convert_newswcl50 import write_newswcl50
    from newsprism.evaluation.labels import read_labels
    from newsprism.evaluation.stories import load_corpus

    with tempfile.TemporaryDirectory() as tmp:
        rows = read_labels(write_ecbplus(shared / "data" / "ecbplus", Path(tmp) / "ecb"))
        rows += read_labels(write_newswcl50(shared / "data" / "newswcl50", Path(tmp) / "wcl"))
        return load_corpus(rows)


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


def corpus(base: list[Any], n: int, seed: int = 7) -> list[Any]:
    """n articles: the real ones first, then perturbed replicas."""
    rng = random.Random(seed)
    out = list(base[:n])
    replica = 1
    while len(out) < n:
        for article in base:
            if len(out) >= n:
                break
            out.append(perturb(article, replica, rng))
        replica += 1
    return out


def measure(run: Callable[[], object]) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, peak MB) of one run."""
    tracemalloc.start()
    wall, cpu = time.perf_counter(), time.process_time()
    run()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return wall, cpu, peak


def run_newsprism(articles: list[Any]) -> None:
    from newsprism.cluster import StoryClusterer
    from newsprism.store import MemoryStore

    with MemoryStore() as store:
        clusterer = StoryClusterer(store)
        for start in range(0, len(articles), 256):
            clusterer.add(articles[start : start + 256])


def run_tfidf(articles: list[Any]) -> None:
    from newsprism.evaluation.stories import tfidf_average_link

    tfidf_average_link(articles, 0.2)


def run_datasketch(articles: list[Any]) -> None:
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=0.5, num_perm=64)
    for a in articles:
        tokens = a.body_text.lower().split()
        shingles = {" ".join(tokens[i : i + 5]).encode() for i in range(max(1, len(tokens) - 4))}
        m = MinHash(num_perm=64)
        m.update_batch(list(shingles))
        lsh.query(m)
        lsh.insert(a.doc_id, m)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--baseline-max", type=int, default=10000)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    args = parser.parse_args()
    if not (args.shared / "data" / "ecbplus").is_dir():
        print("bench_cluster skipped: ../shared/data is absent", file=sys.stderr)
        return 0
    base = base_articles(args.shared)
    results: dict[str, dict[str, dict[str, float]]] = {}
    systems: dict[str, Callable[[list[Any]], None]] = {
        "newsprism": run_newsprism,
        "tfidf_average_link": run_tfidf,
        "datasketch_lsh_dedup": run_datasketch,
    }
    for n in args.sizes:
        articles = corpus(base, n)
        for name, run in systems.items():
            if name == "tfidf_average_link" and n > args.baseline_max:
                continue
            wall, cpu, peak = measure(lambda run=run, articles=articles: run(articles))
            results.setdefault(name, {})[str(n)] = {
                "seconds": round(wall, 2), "cpu_seconds": round(cpu, 2), "peak_mb": round(peak, 1),
            }  # fmt: skip
            if not args.json:
                print(
                    f"{name:22s} {n:>7d} articles  {wall:8.1f} s  {peak:8.1f} MB peak", flush=True
                )
    figures: dict[str, Any] = {"systems": results}
    ours = results["newsprism"]
    sizes = sorted(int(k) for k in ours)
    if len(sizes) >= 2:
        a, b = sizes[-2], sizes[-1]
        ratio = ours[str(b)]["cpu_seconds"] / max(ours[str(a)]["cpu_seconds"], 1e-9)
        figures["growth_exponent"] = round(math.log(ratio) / math.log(b / a), 3)
        if not args.json:
            print(f"newsprism growth exponent {a} -> {b}: {figures['growth_exponent']}")
    if args.json:
        print(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
