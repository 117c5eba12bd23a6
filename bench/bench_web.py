"""Web latency: the stories page, the stories API and a 50-article story page over a 10,000-article
store, served by a real `newsprism serve` on 127.0.0.1.

The store holds the five sochi-2020 scrapes reprinted ten times under other rights lines (one
50-article story, analysed in full: cleaning, extraction, framing, clustering) and 9,950 made-up
wire articles in about 500 made-up stories (cleaned and clustered, not extracted: the stories
page and API read only the stored storylines and events). Building it is not timed. Then a
bounded loop of requests, to 127.0.0.1 only, times each response in full; the story page's
first request (its comparison computed) is reported apart from the rest.

Targets on a 2-core machine: p95 under 300 ms for the stories page, under 500 ms for a story.

    python bench/bench_web.py [--articles 10000] [--requests 200] [--json] [--db FILE]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "sochi-2020"
TARGETS_MS = {"stories page": 300.0, "stories API": 300.0, "story page (warm)": 500.0}

_SYLLABLES = "ka lo mi ne ra tu vo sel dan bri gor han pel tor vik mar len dus fen lor".split()
_ACTS = ["signed", "rejected", "postponed", "announced", "approved", "opened", "closed"]
_THINGS = ["bridge contract", "water tariff", "rail link", "school reform", "fishing quota",
           "port lease", "budget law", "wind farm", "bank merger", "mine licence"]  # fmt: skip


def _name(rng: random.Random, parts: int = 2) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(parts)).capitalize()


def synthetic(path: Path, n: int, per_story: int = 20, seed: int = 14) -> None:
    """``n`` made-up wire articles as JSON lines, ``per_story`` to a story."""
    rng = random.Random(seed)
    start = dt.date(2021, 1, 1)
    with path.open("w", encoding="utf-8") as out:
        for s in range(-(-n // per_story)):
            person, place, org = _name(rng, 3), _name(rng), _name(rng) + " " + _name(rng)
            # A made-up name in every storyline's subject, so storylines share no topic word.
            thing, act = f"{_name(rng)} {rng.choice(_THINGS)}", rng.choice(_ACTS)
            day = start + dt.timedelta(days=rng.randrange(700))
            for k in range(min(per_story, n - s * per_story)):
                date = day + dt.timedelta(days=rng.randrange(5))
                outlet = f"{_name(rng)} {rng.choice(['Times', 'Post', 'News', 'Herald'])}"
                figure = rng.randrange(100, 900)
                text = (
                    f"{place.upper()}, {date:%B} {date.day} ({outlet}) - {person}, head of "
                    f"{org}, {act} the {place} {thing} on {date:%A}, officials said. "
                    f"The {thing} is worth {figure} million dollars, {person} told reporters "
                    f'in {place}.\n\n"We did what the people of {place} asked," {person} '
                    f"said. Critics of {org} said the {thing} would cost {place} more than "
                    f"planned, and called for a vote.\n\nStory {s}, report {k}."
                )
                record = {
                    "text": text,
                    "title": f"{person} {act} {place} {thing}",
                    "outlet": outlet,
                    "published": date.isoformat(),
                    "url": f"https://example.invalid/{s}/{k}",
                }
                out.write(json.dumps(record) + "\n")


def build(db: Path, articles: int, tmp: Path) -> None:
    """The store: a 50-article sochi story analysed in full, then the made-up articles."""
    from newsprism.runner import analyze
    from newsprism.store import open_store

    copies = []
    for k in range(10):
        for path in sorted(EXAMPLE.glob("*.txt")):
            copy = tmp / f"copy{k:02d}_{path.name}"
            text = path.read_text(encoding="utf-8").rstrip()
            copy.write_text(f"{text}\n\n\u00a9 2020 Outlet{k:02d} News\n", "utf-8")
            copies.append(str(copy))
    lines = tmp / "synthetic.jsonl"
    synthetic(lines, max(0, articles - len(copies)))
    with open_store(db) as store:
        print(f"analysing {len(copies)} sochi copies (not timed) ...", file=sys.stderr)
        analyze(copies, store)
        print(f"cleaning and clustering {articles - len(copies)} more ...", file=sys.stderr)
        analyze([str(lines)], store, extract=False)


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _get(url: str) -> tuple[float, bytes]:
    t = time.perf_counter()
    with urllib.request.urlopen(url, timeout=60) as answer:
        body = answer.read()
    return (time.perf_counter() - t) * 1000, body


def _stats(ms: list[float]) -> dict[str, float]:
    q = statistics.quantiles(ms, n=100, method="inclusive")
    return {"n": len(ms), "p50": q[49], "p95": q[94], "p99": q[98], "max": max(ms)}


def measure(db: Path, requests: int) -> dict[str, Any]:
    """Serve ``db`` and time a bounded number of requests of each kind."""
    port = _port()
    base = f"http://127.0.0.1:{port}"
    exe = Path(sys.executable).with_name("newsprism")
    server = subprocess.Popen([str(exe), "serve", "--db", str(db), "--port", str(port)])
    try:
        for _ in range(600):
            try:
                _get(base + "/api/v1/outlets")
                break
            except OSError:
                time.sleep(0.2)
        _, body = _get(base + "/api/v1/stories?per_page=1")
        total = json.loads(body)["total"]
        pages = max(1, -(-total // 20))
        rng = random.Random(14)
        results: dict[str, Any] = {"storylines": total}
        results["stories page"] = _stats(
            [_get(f"{base}/stories?page={rng.randrange(1, pages + 1)}")[0] for _ in range(requests)]
        )
        results["stories API"] = _stats(
            [
                _get(f"{base}/api/v1/stories?page={rng.randrange(1, pages + 1)}")[0]
                for _ in range(requests)
            ]
        )
        results["stories search"] = _stats(
            [_get(f"{base}/stories?q=Peskov")[0] for _ in range(max(10, requests // 10))]
        )
        _, body = _get(base + "/api/v1/stories?q=Tikhanovskaya")
        story = json.loads(body)["items"][0]
        results["story articles"] = story["articles"]
        cold, _ = _get(f"{base}/stories/{story['id']}")
        results["story page (first)"] = {"ms": cold}
        results["story page (warm)"] = _stats(
            [_get(f"{base}/stories/{story['id']}")[0] for _ in range(max(20, requests // 4))]
        )
        return results
    finally:
        server.terminate()
        server.wait(timeout=30)


def main(argv: list[str] | None = None) -> int:
    """Build the store (unless ``--db`` names one already built), serve it and time it."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=200, help="requests per kind")
    parser.add_argument("--db", type=Path, help="reuse (or keep) the store here")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "bench.db"
        if not db.exists():
            build(db, args.articles, Path(tmp))
        results = measure(db, args.requests)
    results["targets_ms"] = TARGETS_MS
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print(f"{results['storylines']} storylines; story page of {results['story articles']} articles")
    print(f"{'what':<22} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}  target p95")
    for what, row in results.items():
        if isinstance(row, dict) and "p50" in row:
            target = TARGETS_MS.get(what)
            mark = (
                ""
                if target is None
                else f"< {target:.0f} " + ("ok" if row["p95"] < target else "MISSED")
            )
            cells = f"{row['n']:>5} {row['p50']:>8.1f} {row['p95']:>8.1f} {row['p99']:>8.1f}"
            print(f"{what:<22} {cells}  {mark}")
    first = results["story page (first)"]["ms"]
    print(f"story page, first request (comparison computed): {first:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
