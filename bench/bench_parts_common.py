"""What the part benchmarks share: the shared-data folder, timing, tables and the decision rule.

Each ``bench_parts_*.py`` measures one hand-written part of newsprism against the field-standard
libraries for the same job, on this project's own data, and prints one table (or ``--json``)
with both figures, the ratios and the decision. ``bench_parts_results.py`` runs them all and
writes ``bench/RESULTS.md``.
"""

from __future__ import annotations

import argparse
import gc
import json
import re
import resource
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SHARED = ROOT.parent / "shared"


def parser(doc: str | None) -> argparse.ArgumentParser:
    """The options every part benchmark takes."""
    p = argparse.ArgumentParser(description=(doc or "").strip().splitlines()[0])
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    p.add_argument("--repeat", type=int, default=3, help="timed runs per system (median counts)")
    p.add_argument("--limit", type=int, default=None, help="use only the first N inputs")
    p.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the shared data folder")
    return p


def shared_or_exit(shared: Path) -> Path:
    """The shared folder, or exit 0 with a note when it is not there (as the other benches do)."""
    if not (shared / "data").is_dir():
        print(f"no shared data at {shared}; nothing to measure", file=sys.stderr)
        raise SystemExit(0)
    return shared


def require(**modules: str) -> None:
    """Exit 0 with the pip line when a library a benchmark compares against is not installed
    (``module="pip name"``)."""
    import importlib.util

    missing = [pip for module, pip in modules.items() if importlib.util.find_spec(module) is None]
    if missing:
        print(
            f"not installed: {', '.join(missing)}; pip install {' '.join(missing)}", file=sys.stderr
        )
        raise SystemExit(0)


@dataclass(frozen=True, slots=True)
class Timing:
    """Median wall and CPU seconds of one system over the timed runs."""

    system: str
    wall: float
    cpu: float
    runs: int


def time_systems(
    systems: Mapping[str, Callable[[], object]], repeat: int, warmup: bool = True
) -> dict[str, Timing]:
    """Time each system ``repeat`` times, interleaved so a slow spell of the machine hits all.

    One untimed warm-up run each first (imports, caches, lazy tables), then the median counts.
    """
    if warmup:
        for run in systems.values():
            run()
    walls: dict[str, list[float]] = {name: [] for name in systems}
    cpus: dict[str, list[float]] = {name: [] for name in systems}
    for _ in range(max(1, repeat)):
        for name, run in systems.items():
            gc.collect()
            w0, c0 = time.perf_counter(), time.process_time()
            run()
            cpus[name].append(time.process_time() - c0)
            walls[name].append(time.perf_counter() - w0)
    return {
        name: Timing(name, statistics.median(walls[name]), statistics.median(cpus[name]), repeat)
        for name in systems
    }


def peak_mb(run: Callable[[], object]) -> float:
    """Peak Python-heap megabytes allocated while ``run`` runs (tracemalloc).

    Native memory of a Rust or C extension is not seen by tracemalloc; :func:`rss_mb` gives the
    process's peak resident size for those.
    """
    gc.collect()
    tracemalloc.start()
    try:
        run()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / 1e6


def rss_mb() -> float:
    """The process's peak resident memory so far, in megabytes (Linux ``ru_maxrss`` is KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def ratio(own: float, other: float) -> float | None:
    """own / other, or None when the other is zero."""
    return round(own / other, 3) if other else None


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A Markdown table (it reads as a plain table in a terminal too)."""

    def cell(v: object) -> str:
        if isinstance(v, float):
            return f"{v:,.4g}" if abs(v) < 1000 else f"{v:,.0f}"
        return str(v)

    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def emit(
    result: Mapping[str, Any], as_json: bool, render: Callable[[Mapping[str, Any]], str]
) -> None:
    """Print the result as JSON or as the benchmark's own tables."""
    if as_json:
        print(json.dumps(result, indent=1, default=str))
    else:
        print(render(result))


_URL = re.compile(r"""https?://[^\s"'<>()\[\]{}]+""")
_HREF = re.compile(r"""(?i)href\s*=\s*["']?(https?://[^"'\s>]+)""")


def urls_in(text: str) -> Iterator[str]:
    """Absolute http(s) URLs written in a text or an HTML page (links and plain text)."""
    seen: set[str] = set()
    for m in (*_HREF.finditer(text), *_URL.finditer(text)):
        url = (m.group(1) if m.lastindex else m.group(0)).rstrip(".,;:!?")
        if url not in seen:
            seen.add(url)
            yield url
