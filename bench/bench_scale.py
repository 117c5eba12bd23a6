"""Throughput at scale: articles per second per core, stage by stage, beside the peers' floors.

Inputs are real articles from ``../shared/data``: the HTML pages of the Article Extraction
Benchmark and the ECB+ and NewsWCL50 texts (converted by ``newsprism eval convert``'s
writers), written as files to a temporary folder; ``--copies K`` adds K - 1 perturbed replicas
of each text, made as ``bench_cluster.py`` makes them (20% of words dropped, names suffixed,
dates shifted), so that they are new articles about new events. ``--limit N`` takes the first N
of each corpus.

Timed in this process, one stage after the other on the same documents, each stage's CPU
seconds (``time.process_time``) and wall seconds: ingest (reading the files), clean, extract
(spaCy's parse and everything read off it), dedup and cluster (in chunks of 256 on an
in-memory store, as ``analyze`` feeds them); then the whole pipeline, ``analyze`` into a fresh
SQLite store, with the NLP stages and without them, and without them on the HTML pages alone.
Per core is articles per CPU second: one process uses one core.

On a ``LocalCluster`` of ``--workers`` processes: the per-document stages (ingest, clean,
extract) by ``newsprism.distributed.throughput.compare_rates`` (rounds in turn with a single
process in an interpreter of its own, the best of each counting; the load average as each round
ended beside it), and the whole pipeline by ``analyze`` with the cluster as executor; their CPU
is the client's plus every worker's. Per core, the cluster's rate over the single process's is
what distributing costs whatever the load: the wall ratio means something only on idle cores.

The peers, on the same inputs: ``trafilatura.extract`` over the same HTML pages (the floor of
HTML extraction), spaCy's own ``nlp.pipe`` over the headlines and kept paragraphs ``analyze``
parsed (the NLP floor; the model loaded beforehand), and datasketch's ``MinHashLSH`` over the
same cleaned articles (the dedup floor), each timed by ``bench_parse.py`` and
``bench_cluster.py``'s own functions. Ratios are newsprism's CPU seconds over the peer's on the
same inputs (below 1: newsprism costs less), and the cluster's wall-clock rate over the single
process's. The load average before and after is part of the result: the cluster's ratio means
something only when its workers have cores of their own.

    python bench/bench_scale.py [--limit N] [--copies K] [--workers 2] [--rounds 3]
                                [--quick] [--json] [--shared ../shared]
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import sys
import tempfile
import time
from collections.abc import Callable, Mapping
from functools import partial
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_cluster import CHUNK, Clock, chunks, perturb, run_datasketch
from bench_parse import PAGES, kept_texts, time_spacy, time_trafilatura, write_pages
from bench_parts_common import DEFAULT_SHARED, emit, require, shared_or_exit, table


def write_inputs(shared: Path, folder: Path, limit: int | None, copies: int) -> dict[str, Path]:
    """The HTML pages and the texts (with their replicas) as files; the two folders."""
    from newsprism.evaluation.datasets.ecbplus import write_ecbplus
    from newsprism.evaluation.datasets.newswcl50 import write_newswcl50

    html, text = folder / "html", folder / "text"
    html.mkdir(parents=True)
    text.mkdir()
    write_pages(shared, html, limit)
    converted = folder / "converted"
    write_ecbplus(shared / "data" / "ecbplus", converted / "ecb")
    write_newswcl50(shared / "data" / "newswcl50", converted / "wcl")
    for corpus in ("ecb", "wcl"):
        for path in sorted((converted / corpus / "docs").glob("*.jsonl"))[:limit]:
            path.rename(text / f"{corpus}-{path.name}")
    if copies > 1:
        write_replicas(text, copies)
    return {"html": html, "text": text}


def write_replicas(folder: Path, copies: int, seed: int = 7) -> None:
    """``copies - 1`` perturbed replicas of each text in ``folder``, as text files."""
    from newsprism.clean import clean_batch
    from newsprism.ingest import iter_documents
    from newsprism.records import Document

    documents = [d for d in iter_documents([str(folder)]) if isinstance(d, Document)]
    base = clean_batch(documents)
    rng = random.Random(seed)
    for replica in range(1, copies):
        for k, article in enumerate(base):
            copy = perturb(article, replica, rng)
            name = folder / f"replica{replica:03d}-{k:05d}.txt"
            name.write_text(f"{copy.title}\n\n{copy.text}\n", encoding="utf-8")


class Timer:
    """Wall and CPU seconds of the timed stretches, and what they handled."""

    def __init__(self) -> None:
        self.figures: dict[str, dict[str, float]] = {}

    def time(self, name: str, documents: int, run: Callable[[], Any]) -> Any:
        wall, cpu = time.perf_counter(), time.process_time()
        result = run()
        self.record(name, documents, time.perf_counter() - wall, time.process_time() - cpu)
        return result

    def record(self, name: str, documents: int, wall: float, cpu: float) -> None:
        self.figures[name] = {
            "documents": documents,
            "seconds": round(wall, 3),
            "cpu_seconds": round(cpu, 3),
            "per_second": round(documents / wall, 2) if wall else 0.0,
            "per_core": round(documents / cpu, 2) if cpu else 0.0,
        }


def single_process(folders: Mapping[str, Path], nlp: Any) -> dict[str, Any]:
    """Each stage in turn on every input, in this process; the HTML pages' share apart."""
    from newsprism.config import default_config
    from newsprism.pipeline import SerialExecutor
    from newsprism.records import Document
    from newsprism.stages import Batch, StageContext, build
    from newsprism.store import MemoryStore

    timer = Timer()
    stages: dict[str, Any] = {}
    articles: list[Any] = []
    for part, folder in folders.items():
        context = StageContext(MemoryStore(), default_config(), SerialExecutor())
        ingest, clean, extract = (build(n, context) for n in ("ingest", "clean", "extract"))
        extract.nlp = nlp  # type: ignore[attr-defined]
        # Untimed first: lazy imports, models and tables load on a stage's first document.
        first = sorted(folder.iterdir())[:2]
        warm = tuple(d for d in ingest.read([str(p) for p in first]) if isinstance(d, Document))  # type: ignore[attr-defined]
        extract.pipe(clean.pipe(Batch(documents=warm)))
        read = timer.time(f"{part}.ingest", 0, partial(_read, ingest, folder))
        documents = tuple(d for d in read if isinstance(d, Document))
        _fix_count(timer, f"{part}.ingest", len(documents))
        cleaned = timer.time(
            f"{part}.clean", len(documents), partial(clean.pipe, Batch(documents=documents))
        )
        timer.time(f"{part}.extract", len(cleaned.articles), partial(extract.pipe, cleaned))
        stages[part] = cleaned
        articles.extend(cleaned.articles)
    documents = {d.id: d for b in stages.values() for d in b.documents}
    context = StageContext(MemoryStore(), default_config(), SerialExecutor())
    dedup, cluster = build("dedup", context), build("cluster", context)
    dedup_wall = dedup_cpu = cluster_wall = cluster_cpu = 0.0
    for chunk in chunks(iter(articles), CHUNK):
        for article in chunk:
            context.store.add(documents[article.doc_id], article)
        batch = Batch(articles=tuple(chunk))
        w, c = time.perf_counter(), time.process_time()
        batch = dedup.pipe(batch)
        dedup_wall, dedup_cpu = (
            dedup_wall + time.perf_counter() - w,
            dedup_cpu + time.process_time() - c,
        )
        w, c = time.perf_counter(), time.process_time()
        cluster.pipe(batch)
        cluster_wall += time.perf_counter() - w
        cluster_cpu += time.process_time() - c
    timer.record("dedup", len(articles), dedup_wall, dedup_cpu)
    timer.record("cluster", len(articles), cluster_wall, cluster_cpu)
    for stage in ("ingest", "clean", "extract"):
        parts = [timer.figures[f"{p}.{stage}"] for p in folders]
        timer.record(
            stage,
            sum(int(p["documents"]) for p in parts),
            sum(p["seconds"] for p in parts),
            sum(p["cpu_seconds"] for p in parts),
        )
    return {"stages": timer.figures, "articles": articles}


def _read(ingest: Any, folder: Path) -> list[Any]:
    return list(ingest.read([str(folder)]))


def _fix_count(timer: Timer, name: str, documents: int) -> None:
    figures = timer.figures[name]
    timer.record(name, documents, figures["seconds"], figures["cpu_seconds"])


def pipeline(
    paths: list[str], db: Path, *, extract: bool = True, executor: Any = None
) -> dict[str, float]:
    """``analyze`` into a fresh store: documents stored, wall and CPU seconds (the cluster's
    workers' CPU added when an executor is given)."""
    from newsprism.runner import analyze
    from newsprism.store import SQLiteStore

    def cpu() -> float:
        own = time.process_time()
        client = getattr(executor, "client", None)
        return own + (sum(client.run(time.process_time).values()) if client else 0.0)

    store = SQLiteStore(db)
    try:
        c, w = cpu(), time.perf_counter()
        report = analyze(paths, store, executor=executor, extract=extract)
        wall, used = time.perf_counter() - w, cpu() - c
    finally:
        store.close()
    timer = Timer()
    timer.record("run", len(report.stored), wall, used)
    return timer.figures["run"]


def on_cluster(paths: list[str], workers: int, rounds: int, db: Path) -> dict[str, Any]:
    """The per-document stages in turn with one process, and the whole pipeline, on a
    LocalCluster of ``workers`` processes."""
    from newsprism.distributed import DaskExecutor
    from newsprism.distributed.throughput import compare_rates

    with DaskExecutor.start("local", workers) as executor:
        ratio = compare_rates(paths, workers, rounds, executor=executor)
        whole = pipeline(paths, db, executor=executor)
    best_serial = max(ratio.serial, key=lambda r: r.per_second)
    best_cluster = max(ratio.cluster, key=lambda r: r.per_second)
    return {
        "workers": workers,
        "rounds": rounds,
        "per_document": {
            "documents": best_serial.documents,
            "single": _rate(best_serial),
            "cluster": _rate(best_cluster),
            "ratio_best": round(ratio.best, 3),
            "ratio_median": round(ratio.median, 3),
            "cluster_per_core": round(ratio.cluster_per_core, 2),
            "single_per_core": round(ratio.serial_per_core, 2),
            "per_core_ratio": round(ratio.per_core, 3),
            "load": [round(x, 2) for x in ratio.load],
            "rounds": {
                "single": [_rate(r) for r in ratio.serial],
                "cluster": [_rate(r) for r in ratio.cluster],
            },
        },
        "pipeline": whole,
    }


def _rate(rate: Any) -> dict[str, float]:
    return {
        "seconds": round(rate.seconds, 3),
        "cpu_seconds": round(rate.cpu_seconds, 3),
        "per_second": round(rate.per_second, 2),
        "per_core": round(rate.per_core, 2),
        "load": round(rate.load, 2),
    }


def peers(html: Path, db: Path, articles: list[Any]) -> dict[str, dict[str, float]]:
    """trafilatura over the pages, spaCy's nlp.pipe over what analyze parsed, datasketch
    over the cleaned articles: CPU seconds and articles per CPU second."""
    pages = sorted(html.glob("*.html"))
    texts = kept_texts(db)
    clock = Clock()
    run_datasketch(iter(articles), clock)
    found = {
        "trafilatura": (len(pages), time_trafilatura(pages)),
        "spacy": (len(articles), time_spacy(texts)),
        "datasketch": (len(articles), clock.cpu),
    }
    return {
        name: {
            "documents": n,
            "cpu_seconds": round(cpu, 3),
            "per_core": round(n / cpu, 2) if cpu else 0.0,
        }
        for name, (n, cpu) in found.items()
    }


def ratio(own: float, other: float) -> float | None:
    """own / other, or None when the other is zero."""
    return round(own / other, 3) if other else None


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    import spacy

    return {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "spacy": spacy.__version__,
        "load_before": [round(x, 2) for x in os.getloadavg()],
    }


def measure(
    shared: Path, limit: int | None, copies: int, workers: int, rounds: int
) -> dict[str, Any]:
    """Every figure of the benchmark, in one run."""
    from newsprism.extract.nlp import load_nlp

    result: dict[str, Any] = {"machine": machine()}
    nlp = load_nlp()
    with tempfile.TemporaryDirectory(prefix="bench_scale_") as tmp:
        root = Path(tmp)
        folders = write_inputs(shared, root / "inputs", limit, copies)
        paths = [str(f) for f in folders.values()]
        single = single_process(folders, nlp)
        articles = single.pop("articles")
        stages = single["stages"]
        whole = pipeline(paths, root / "whole.db")
        plain = pipeline(paths, root / "plain.db", extract=False)
        html_plain = pipeline([str(folders["html"])], root / "html.db", extract=False)
        found = peers(folders["html"], root / "whole.db", articles)
        cluster = on_cluster(paths, workers, rounds, root / "cluster.db")
    result["inputs"] = {
        "html": stages["html.ingest"]["documents"],
        "text": stages["text.ingest"]["documents"],
        "copies": copies,
        "articles": len(articles),
    }
    result["single"] = {
        **{k: v for k, v in stages.items() if "." not in k},
        "html": {k.split(".", 1)[1]: v for k, v in stages.items() if k.startswith("html.")},
        "pipeline": whole,
        "pipeline_without_nlp": plain,
        "html_pipeline_without_nlp": html_plain,
    }
    result["cluster"] = cluster
    result["peers"] = found
    html = result["single"]["html"]
    result["ratios"] = {
        # newsprism's CPU seconds over the peer's, on the same inputs.
        "html_ingest_clean_vs_trafilatura": ratio(
            html["ingest"]["cpu_seconds"] + html["clean"]["cpu_seconds"],
            found["trafilatura"]["cpu_seconds"],
        ),
        "html_pipeline_without_nlp_vs_trafilatura": ratio(
            html_plain["cpu_seconds"], found["trafilatura"]["cpu_seconds"]
        ),
        "extract_vs_spacy": ratio(stages["extract"]["cpu_seconds"], found["spacy"]["cpu_seconds"]),
        "pipeline_vs_spacy": ratio(whole["cpu_seconds"], found["spacy"]["cpu_seconds"]),
        "dedup_vs_datasketch": ratio(
            stages["dedup"]["cpu_seconds"], found["datasketch"]["cpu_seconds"]
        ),
        # The cluster's wall-clock rate over one process's (per-document stages, best round).
        "cluster_vs_single": cluster["per_document"]["ratio_best"],
        "cluster_pipeline_vs_single": ratio(cluster["pipeline"]["per_second"], whole["per_second"]),
    }
    result["machine"]["load_after"] = [round(x, 2) for x in os.getloadavg()]
    return result


def render(r: Mapping[str, Any]) -> str:
    """The figures as tables."""
    inputs, single, cluster = r["inputs"], r["single"], r["cluster"]
    rows = [
        (name, f["documents"], f["seconds"], f["cpu_seconds"], f["per_core"])
        for name, f in [
            *((n, single[n]) for n in ("ingest", "clean", "extract", "dedup", "cluster")),
            ("pipeline", single["pipeline"]),
            ("pipeline, no NLP", single["pipeline_without_nlp"]),
            ("HTML pipeline, no NLP", single["html_pipeline_without_nlp"]),
        ]
    ]
    per_doc = cluster["per_document"]
    lines = [
        f"{inputs['html']} HTML pages and {inputs['text']} texts ({inputs['copies']} copies); "
        f"load {r['machine']['load_before']} before, {r['machine']['load_after']} after",
        "",
        "one process:",
        table(["stage", "articles", "wall s", "CPU s", "articles/s per core"], rows),
        "",
        f"{cluster['workers']}-worker LocalCluster, per-document stages (best of "
        f"{cluster['rounds']}): {per_doc['single']['per_second']}/s in one process, "
        f"{per_doc['cluster']['per_second']}/s on the cluster, "
        f"{per_doc['ratio_best']}x (median {per_doc['ratio_median']}x); per core "
        f"{per_doc['single_per_core']} and {per_doc['cluster_per_core']} "
        f"({per_doc['per_core_ratio']}x); load {per_doc['load'][0]}-{per_doc['load'][1]}",
        f"whole pipeline on the cluster: {cluster['pipeline']['per_second']}/s "
        f"({cluster['pipeline']['per_core']} per core)",
        "",
        "peers:",
        table(
            ["peer", "articles", "CPU s", "articles/s per core"],
            [(n, p["documents"], p["cpu_seconds"], p["per_core"]) for n, p in r["peers"].items()],
        ),
        "",
        "ratios (newsprism CPU / peer CPU; cluster: wall-clock rate over one process):",
        *(f"  {name}: {value}" for name, value in r["ratios"].items()),
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="the first N of each corpus")
    parser.add_argument("--copies", type=int, default=1, help="versions of each text (replicas)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3, help="cluster rounds, in turn")
    parser.add_argument("--quick", action="store_true", help="--limit 20 --rounds 1")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    args = parser.parse_args(argv)
    shared = shared_or_exit(args.shared)
    if not (shared / PAGES).is_dir():
        print(f"no pages at {shared / PAGES}; nothing to measure", file=sys.stderr)
        return 0
    require(trafilatura="trafilatura", datasketch="datasketch", spacy="spacy")
    require(**{"dask.distributed": "distributed"})
    limit, rounds = (args.limit or 20, 1) if args.quick else (args.limit, args.rounds)
    result = measure(shared, limit, max(1, args.copies), args.workers, max(1, rounds))
    emit(result, args.json, render)
    return 0


if __name__ == "__main__":  # a LocalCluster's workers import this module: no run on import
    sys.exit(main())
