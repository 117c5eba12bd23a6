"""Run the speed and memory benchmarks and write their section of ``bench/RESULTS.md``: each
aim, the figure measured against it, the peer it is measured beside, and the command.

    python bench/bench_speed_results.py                 # runs all five (20-40 minutes)
    python bench/bench_speed_results.py --save DIR      # and keeps each one's JSON in DIR
    python bench/bench_speed_results.py --from DIR      # reads DIR/<part>.json saved by --save
    python bench/bench_speed_results.py --print         # prints the section, writes nothing

The section sits between two marker lines of RESULTS.md; the rest of the file (written by
``bench_parts_results.py``, which keeps this section when it rewrites the file) is left alone.
The figures mean something only on a quiet machine: the load average before and after each run
is part of the section.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
RESULTS = BENCH / "RESULTS.md"
BEGIN = "<!-- speed: written by bench/bench_speed_results.py -->"
END = "<!-- speed: end -->"
PARTS: dict[str, list[str]] = {
    "clean": ["bench/bench_clean.py", "--repeat", "5", "--json"],
    "nonlp": ["bench/bench_nonlp.py", "--json"],
    "parse": ["bench/bench_parse.py", "--json"],
    "memory": ["bench/bench_memory.py", "--files", "256", "--factor", "10", "--no-nlp", "--json"],
    "scale": ["bench/bench_scale.py", "--limit", "120", "--rounds", "3", "--json"],
}
Row = tuple[str, str, str, str]


def _x(v: float | None) -> str:
    return "-" if v is None else f"{v:.2f}x"


def clean_rows(r: Mapping[str, Any]) -> list[Row]:
    """Plain-text cleaning per core against trafilatura and jusText (above 1: faster)."""
    s = r["systems"]
    per = {name: s[name]["articles_per_second_per_core"] for name in s}
    return [
        (
            f"plain-text cleaning faster per core than {peer} (ratio > 1)",
            f"{_x(r['ratios'][peer])} ({per['newsprism']} vs {per[peer]} articles/s per core, "
            f"{r['inputs']} scrapes)",
            "met" if r["ratios"][peer] > 1 else "short",
            peer,
        )
        for peer in ("trafilatura", "justext")
    ]


def nonlp_rows(r: Mapping[str, Any]) -> list[Row]:
    """The pipeline without NLP over the HTML pages, in units of trafilatura's extraction."""
    cpu = r["cpu_seconds"]
    return [
        (
            "pipeline without NLP (ingest, clean, date, dedup, cluster) on HTML pages "
            "within 1.5x trafilatura's extraction",
            f"{_x(r['ratio'])} ({cpu['pipeline']:.1f} vs {cpu['trafilatura']:.1f} CPU s, "
            f"{r['pages']} pages)",
            "met" if r["ratio"] <= 1.5 else "short",
            "trafilatura",
        )
    ]


def parse_rows(r: Mapping[str, Any]) -> list[Row]:
    """The whole pipeline with NLP against spaCy's nlp.pipe plus trafilatura."""
    cpu = r["cpu_seconds"]
    floor = " + ".join(f"{k} {v:.1f}" for k, v in cpu.items() if k != "analyze")
    return [
        (
            "pipeline with NLP within 1.3x spaCy's nlp.pipe (and trafilatura on the pages)",
            f"{_x(r['ratio'])} ({cpu['analyze']:.1f} CPU s vs {floor})",
            "met" if r["ratio"] <= 1.3 else "short",
            "spaCy, trafilatura",
        )
    ]


def memory_rows(r: Mapping[str, Any]) -> list[Row]:
    """Peak memory on N and 10N input files."""
    runs = r["runs"]
    peaks = ", ".join(f"{n} files {v['peak_mb']:.0f} MB" for n, v in runs.items())
    return [
        (
            f"peak memory on {r['factor']}x the input within 20%",
            f"{_x(r['peak_ratio'])} ({peaks}; NLP {'on' if r['nlp'] else 'off'})",
            "met" if r["peak_ratio"] <= 1.2 else "short",
            "-",
        )
    ]


def scale_rows(r: Mapping[str, Any]) -> list[Row]:
    """The 2-worker cluster against one process, and the per-stage ratios against the peers."""
    per_doc = r["cluster"]["per_document"]
    rows: list[Row] = [
        (
            f"per-document stages on a {r['cluster']['workers']}-worker LocalCluster at 1.7x "
            "one process",
            f"{_x(per_doc['ratio_best'])} best, {_x(per_doc['ratio_median'])} median "
            f"({per_doc['single']['per_second']}/s vs {per_doc['cluster']['per_second']}/s)",
            "met" if per_doc["ratio_best"] >= 1.7 else "short",
            "one process",
        )
    ]
    peers = {
        "html_ingest_clean_vs_trafilatura": "trafilatura",
        "html_pipeline_without_nlp_vs_trafilatura": "trafilatura",
        "extract_vs_spacy": "spaCy",
        "pipeline_vs_spacy": "spaCy",
        "dedup_vs_datasketch": "datasketch",
    }
    for name, peer in peers.items():
        if name in r["ratios"]:
            what = name.replace("_vs_", " against ").replace("_", " ")
            rows.append((f"{what} (CPU ratio)", _x(r["ratios"][name]), "-", peer))
    return rows


FORMATTERS: dict[str, Callable[[Mapping[str, Any]], list[Row]]] = {
    "clean": clean_rows,
    "nonlp": nonlp_rows,
    "parse": parse_rows,
    "memory": memory_rows,
    "scale": scale_rows,
}


def _load(r: Mapping[str, Any]) -> str:
    before = r.get("load_before") or r.get("machine", {}).get("load_before")
    after = r.get("load_after") or r.get("machine", {}).get("load_after")
    return f"{before or '-'} / {after or '-'}"


def section(results: Mapping[str, Mapping[str, Any]]) -> str:
    """The Markdown between the markers."""
    lines = [
        BEGIN,
        "## Speed and memory against the peers",
        "",
        f"Written by `.venv/bin/python bench/bench_speed_results.py` on "
        f"{dt.date.today().isoformat()}: {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, {platform.platform()}. Speeds are CPU seconds (one "
        "process is one core); the cluster's ratio is wall-clock and needs two idle cores.",
        "",
        "| aim | measured | | beside | load before / after | command |",
        "|---|---|---|---|---|---|",
    ]
    for name, result in results.items():
        cmd = "`.venv/bin/python " + " ".join(PARTS[name]) + "`"
        for aim, measured, verdict, peer in FORMATTERS[name](result):
            lines.append(f"| {aim} | {measured} | {verdict} | {peer} | {_load(result)} | {cmd} |")
    lines.append(END)
    return "\n".join(lines) + "\n"


def merged(text: str, block: str) -> str:
    """RESULTS.md's text with the speed section replaced (or appended)."""
    if BEGIN in text and END in text:
        head, rest = text.split(BEGIN, 1)
        return head + block + rest.split(END, 1)[1].lstrip("\n")
    return text.rstrip("\n") + "\n\n" + block


def kept_section(text: str) -> str:
    """The speed section of an existing RESULTS.md ('' when it has none)."""
    if BEGIN in text and END in text:
        return BEGIN + text.split(BEGIN, 1)[1].split(END, 1)[0] + END + "\n"
    return ""


def run_part(name: str, save: Path | None) -> dict[str, Any]:
    """Run one benchmark and parse its JSON."""
    print(f"running {' '.join(PARTS[name])}", file=sys.stderr, flush=True)
    before = _loadavg()
    out = subprocess.run(
        [sys.executable, *PARTS[name]], cwd=BENCH.parent, check=True, capture_output=True, text=True
    ).stdout
    result = dict(json.loads(out))
    # The benchmarks that do not report the machine's load get it from here.
    result.setdefault("load_before", before)
    result.setdefault("load_after", _loadavg())
    if save:
        save.mkdir(parents=True, exist_ok=True)
        (save / f"{name}.json").write_text(json.dumps(result, indent=2), "utf-8")
    return result


def _loadavg() -> list[float]:
    """The 1, 5 and 15-minute load averages, rounded."""
    return [round(v, 2) for v in os.getloadavg()]


def main(argv: list[str] | None = None) -> int:
    """Run (or read) the speed benchmarks and write their section of RESULTS.md."""
    p = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    p.add_argument("--from", dest="source", type=Path, help="read saved <part>.json from here")
    p.add_argument("--save", type=Path, help="keep each part's JSON in this folder")
    p.add_argument("--print", action="store_true", help="print instead of writing RESULTS.md")
    p.add_argument("--parts", nargs="*", default=list(PARTS), choices=list(PARTS))
    args = p.parse_args(argv)
    results = {}
    for name in args.parts:
        if args.source:
            path = args.source / f"{name}.json"
            if not path.exists():
                print(f"skipped {name}: {path} is absent", file=sys.stderr)
                continue
            results[name] = json.loads(path.read_text("utf-8"))
        else:
            results[name] = run_part(name, args.save)
    block = section(results)
    if args.print:
        print(block)
        return 0
    old = RESULTS.read_text("utf-8") if RESULTS.exists() else ""
    RESULTS.write_text(merged(old, block), "utf-8")
    print(f"wrote {RESULTS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
