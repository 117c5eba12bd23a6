"""The whole of ``newsprism analyze`` against the two peers it is built on, on the same pages.

``analyze`` reads HTML pages, cleans them, parses every kept paragraph with spaCy and reads
entities, quotes, figures and framing terms off the parses, then places the articles in
stories. Its floor is what the two peers it leans on cost alone: trafilatura over the same
pages (the cleaning) plus spaCy's own ``nlp.pipe`` over the same kept text, each paragraph and
headline once (the parse). The ratio analyze / (spaCy + trafilatura), in CPU seconds, is what
the rest of the pipeline adds; the goal is at most 1.3.

    python bench/bench_parse.py [--limit N] [--json] [--shared ../shared]

Inputs: the 181 pages of the Article Extraction Benchmark
(``../shared/data/article-extraction-benchmark/html/*.html.gz``), written uncompressed to a
temporary folder. ``analyze`` runs as its own process, on a fresh store, its CPU time (user +
sys) read from the operating system, as ``/usr/bin/time`` reports it; the kept text is read
back from that store, so spaCy parses exactly what ``analyze`` parsed. The peers run in this
process, their CPU time by ``time.process_time``; loading the model is not counted for spaCy
(``analyze`` counts it: about a second).
"""

from __future__ import annotations

import argparse
import gzip
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SHARED = ROOT.parent / "shared"
PAGES = Path("data") / "article-extraction-benchmark" / "html"


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def write_pages(shared: Path, folder: Path, limit: int | None) -> list[Path]:
    """The benchmark's pages, uncompressed into ``folder``; the first ``limit`` of them."""
    sources = sorted((shared / PAGES).glob("*.html.gz"))[:limit]
    pages = []
    for source in sources:
        page = folder / source.name.removesuffix(".gz")
        page.write_bytes(gzip.decompress(source.read_bytes()))
        pages.append(page)
    return pages


def time_analyze(folder: Path, db: Path) -> float:
    """CPU seconds (user + sys) of ``newsprism analyze`` on ``folder``, a fresh store."""
    before = _children_cpu()
    # The installed command, as a user runs it (it sits beside the interpreter).
    command = [str(Path(sys.executable).with_name("newsprism")), "analyze", str(folder)]
    command += ["--db", str(db)]
    subprocess.run(command, check=True, capture_output=True)
    return _children_cpu() - before


def kept_texts(db: Path) -> list[str]:
    """Every headline and kept paragraph of the stored articles, as analyze's parser read them."""
    from newsprism.extract.nlp import nlp_view
    from newsprism.store import open_store

    texts: list[str] = []
    with open_store(db) as store:
        for stored in store.articles():
            article = nlp_view(stored).article
            title = article.title_span
            if title is not None and title.end > title.start:
                texts.append(article.text[title.start : title.end])
            texts.extend(p.text for p in article.body)
    return texts


def time_spacy(texts: list[str]) -> float:
    """CPU seconds of spaCy's ``nlp.pipe`` over ``texts`` (the model loaded beforehand)."""
    from newsprism.extract import load_nlp

    nlp = load_nlp()
    start = time.process_time()
    for _ in nlp.pipe(texts):
        pass
    return time.process_time() - start


def time_trafilatura(pages: list[Path]) -> float:
    """CPU seconds of ``trafilatura.extract`` (default settings) over every page."""
    import trafilatura

    htmls = [page.read_text(encoding="utf-8", errors="replace") for page in pages]
    start = time.process_time()
    for html in htmls:
        trafilatura.extract(html)
    return time.process_time() - start


def measure(shared: Path, limit: int | None) -> dict[str, Any]:
    """The three CPU times and the ratio, on a temporary copy of the pages."""
    with tempfile.TemporaryDirectory(prefix="bench_parse_") as tmp:
        folder = Path(tmp) / "pages"
        folder.mkdir()
        pages = write_pages(shared, folder, limit)
        db = Path(tmp) / "store.db"
        analyze = time_analyze(folder, db)
        texts = kept_texts(db)
        spacy = time_spacy(texts)
        traf = time_trafilatura(pages)
    floor = spacy + traf
    return {
        "pages": len(pages),
        "texts": len(texts),
        "characters": sum(len(t) for t in texts),
        "cpu_seconds": {"analyze": analyze, "spacy": spacy, "trafilatura": traf},
        "ratio": analyze / floor if floor > 0 else float("inf"),
    }


def table(figures: dict[str, Any]) -> str:
    """The figures as a short text table."""
    cpu = figures["cpu_seconds"]
    return "\n".join(
        [
            f"{figures['pages']} pages, {figures['texts']} texts parsed "
            f"({figures['characters']:,} characters)",
            f"{'system':<14}{'CPU s':>9}",
            *(f"{name:<14}{seconds:>9.1f}" for name, seconds in cpu.items()),
            f"analyze / (spacy + trafilatura) = {figures['ratio']:.2f} (goal <= 1.3)",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print a table (or JSON with ``--json``)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the shared folder")
    args = parser.parse_args(argv)
    if not (args.shared / PAGES).is_dir():
        print(f"skipped: {args.shared / PAGES} is absent (needs ../shared/data)", file=sys.stderr)
        return 0
    figures = measure(args.shared, args.limit)
    print(json.dumps(figures, indent=2) if args.json else table(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
