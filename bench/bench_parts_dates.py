"""Publication dates: newsprism's date resolver against dateparser and htmldate.

Labelled dates in the shared data, every set scored on its own:

- **golden**: the golden files' ``published.must_be_between`` (sochi-2020 and six NewsWCL50
  events, 35 plain-text files; NewsWCL50's URLs from the gold, sochi's scrapes have none);
- **l3s**: L3S-GN1's training scrapes whose gold has a window (90 of 439: the URL holds a date;
  the window is the gold's, URL date +-1 day);
- **newswcl50**: all 50 NewsWCL50 raw articles (``1-raw-articles``) whose URL in ``urls.tsv``
  holds a date, that date -1/+1 day;
- **aeb-pages**: the Article Extraction Benchmark's HTML pages whose URL holds a date (45 of
  181), that date -1/+1 day: a page test (its ground truth holds no dates).

The plain-text sets run twice: **with URL** (the URL is given, as a crawl gives it) and **text
only** (the URL withheld: only the text's clues can date it; the labels of l3s and newswcl50
come from the URL, so this is the fair test there). Pages run without the URL (the page may
state its own: a canonical link, meta tags).

- **newsprism**: ``newsprism.clean.clean_batch`` over each set (the resolver dates an article
  from its metadata, URL, dateline, captions and copyright, and lets an undated one borrow an
  anchor from a related article of the batch), pages through ``clean_document`` (trafilatura's
  metadata, then the same resolver).
- **dateparser**: the URL's date when there is one (htmldate's URL reader: dateparser reads
  no URLs), else the first date ``dateparser.search.search_dates`` finds in the text whose
  words hold a year and a month (by name or in a numeric date) and that is not after today:
  dateparser completes "December 2" or "Monday" from today's date, which dates nothing here.
- **htmldate**: ``find_date`` (extensive search, ``original_date=True``) on the page, or for a
  text on its lines as HTML paragraphs, with the URL where it is given.
- **htmldate_no_jan1**: the same answers, less those on 1 January: htmldate falls back to
  1 January of a copyright or other year it found, which is a year, not a date (newsprism
  drops those from trafilatura's metadata for the same reason).
- **newsprism+htmldate_no_jan1**: newsprism's date, and htmldate_no_jan1's where newsprism
  leaves the article undated (its CPU time is counted as both systems').

A date is right when it lies in the window; *accuracy* is right / all, *precision* right /
dated. Speed: CPU seconds of the dating alone on the same texts: for newsprism
``clean.resolve_dates`` on the articles cleaned without dates (clues and resolution), for the
libraries their calls.

    python bench/bench_parts_dates.py [--repeat 3] [--limit N] [--json]
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import html as htmllib
import json
import re
import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench_parts_common import emit, parser, ratio, require, shared_or_exit, table, time_systems

_URL_DATE = re.compile(r"/(?P<y>(?:19|20)\d\d)[/-](?P<m>[01]?\d)[/-](?P<d>[0-3]?\d)(?:/|\b)")


@dataclass(frozen=True, slots=True)
class Item:
    """One labelled input: its text or page, its URL, and the window its date must fall in."""

    name: str
    content: str
    media_type: str
    url: str | None
    earliest: dt.date
    latest: dt.date


def _url_window(url: str | None) -> tuple[dt.date, dt.date] | None:
    m = _URL_DATE.search(url or "")
    if m is None:
        return None
    try:
        day = dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        return None
    return day - dt.timedelta(days=1), day + dt.timedelta(days=1)


def golden(shared: Path) -> list[Item]:
    """The golden files' documents with a publication window."""
    items = []
    for path in sorted((shared / "golden").glob("*.json")):
        gold = json.loads(path.read_text("utf-8"))
        folder = shared / gold["corpus"]
        for name, doc in gold["documents"].items():
            window = (doc.get("published") or {}).get("must_be_between")
            if window and (folder / name).is_file():
                text = (folder / name).read_text("utf-8")
                lo, hi = (dt.date.fromisoformat(w) for w in window)
                items.append(Item(f"{path.stem}/{name}", text, "text", doc.get("url"), lo, hi))
    return items


def l3s(shared: Path) -> list[Item]:
    """L3S-GN1 scrapes whose gold gives a window."""
    folder = shared / "data" / "l3s-gn1-train"
    gold = json.loads((folder / "gold.json").read_text("utf-8"))
    items = []
    for name, doc in gold["documents"].items():
        window = (doc.get("published") or {}).get("must_be_between")
        if window:
            lo, hi = (dt.date.fromisoformat(w) for w in window)
            text = (folder / "corpus" / name).read_text("utf-8")
            items.append(Item(f"l3s/{name[:12]}", text, "text", doc["source"]["url"], lo, hi))
    return items


def newswcl50(shared: Path) -> list[Item]:
    """NewsWCL50's raw articles whose URL holds a date."""
    folder = shared / "data" / "newswcl50"
    items = []
    for line in (folder / "urls.tsv").read_text("utf-8").splitlines()[1:]:
        event, outlet, url = line.split("\t")[:3]
        path = folder / "1-raw-articles" / f"event_{event}" / f"{event}_{outlet}.txt"
        window = _url_window(url)
        if window and path.is_file():
            text = path.read_text("utf-8")
            items.append(Item(f"wcl/{event}_{outlet}", text, "text", url.strip(), *window))
    return items


def aeb_pages(shared: Path) -> list[Item]:
    """AEB pages whose URL holds a date (the URL itself is not given to the systems)."""
    folder = shared / "data" / "article-extraction-benchmark"
    truth = json.loads((folder / "ground-truth.json").read_text("utf-8"))
    items = []
    for key, entry in sorted(truth.items()):
        window = _url_window(entry.get("url"))
        path = folder / "html" / f"{key}.html.gz"
        if window and path.is_file():
            page = gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
            items.append(Item(f"aeb/{key[:12]}", page, "html", None, *window))
    return items


def _document(item: Item, with_url: bool) -> Any:
    from newsprism.records import Document, Provenance

    digest = hashlib.sha256(item.content.encode("utf-8")).hexdigest()
    return Document(
        id=digest[:16],
        provenance=Provenance(source=item.name, content_hash=digest),
        media_type=item.media_type,
        content=item.content,
        url=item.url if with_url else None,
    )


def run_newsprism(items: Sequence[Item], with_url: bool) -> list[dt.date | None]:
    """newsprism's dates for a whole set (one batch, as ``analyze`` cleans a folder)."""
    from newsprism.clean import clean_batch, clean_document

    if items and items[0].media_type == "html":
        return [clean_document(_document(i, with_url)).published.date for i in items]
    return [a.published.date for a in clean_batch([_document(i, with_url) for i in items])]


def _as_html(item: Item) -> str:
    if item.media_type == "html":
        return item.content
    paras = "".join(
        f"<p>{htmllib.escape(ln)}</p>" for ln in item.content.splitlines() if ln.strip()
    )
    return f"<html><body>{paras}</body></html>"


def _iso(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _url_date(url: str | None) -> dt.date | None:
    from htmldate import find_date

    if not url:
        return None
    return _iso(find_date("<html><body></body></html>", url=url, extensive_search=False))


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_MONTH = re.compile(r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b")
_NUMERIC = re.compile(r"\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}")
_SETTINGS = {
    "REQUIRE_PARTS": ["day", "month", "year"],
    "PREFER_DATES_FROM": "past",
    "RETURN_AS_TIMEZONE_AWARE": False,
}


def date_dateparser(item: Item, with_url: bool) -> dt.date | None:
    """The URL's date, else the first fully written date dateparser finds in the text."""
    from dateparser.search import search_dates

    found = _url_date(item.url) if with_url else None
    if found:
        return found
    text = item.content
    if item.media_type == "html":
        from newsprism.clean.render import html_to_lines

        text = "\n".join(html_to_lines(text))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            hits = search_dates(text, languages=["en"], settings=_SETTINGS)
        except Exception:  # it raises on odd inputs; that is no date
            hits = None
    today = dt.date.today()
    for written, when in hits or ():
        # Only a date written whole: a year, and a month by name or in a numeric date, and not
        # after today (dateparser completes "December 2" or "Monday" from today's date).
        if (
            _YEAR.search(written)
            and (_MONTH.search(written) or _NUMERIC.search(written))
            and when.date() <= today
        ):
            return when.date()
    return None


def date_htmldate(item: Item, with_url: bool) -> dt.date | None:
    """htmldate on the page (or the text as paragraphs), with the URL where given."""
    from htmldate import find_date

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            found = find_date(
                _as_html(item),
                url=item.url if with_url else None,
                extensive_search=True,
                original_date=True,
            )
        except Exception:
            found = None
    return _iso(found)


COMBINED = "newsprism+htmldate_no_jan1"
"""newsprism's date, and htmldate's (1 January dropped) for the articles newsprism leaves
undated: the resolver kept for what it dates, the library filling in."""

LIBRARIES: dict[str, Callable[[Item, bool], dt.date | None]] = {
    "dateparser": date_dateparser,
    "htmldate": date_htmldate,
}


def score(items: Sequence[Item], dates: Sequence[dt.date | None]) -> dict[str, Any]:
    """Right, wrong and undated counts, accuracy and precision."""
    right = sum(
        d is not None and i.earliest <= d <= i.latest for i, d in zip(items, dates, strict=True)
    )
    dated = sum(d is not None for d in dates)
    return {
        "right": right,
        "wrong": dated - right,
        "undated": len(items) - dated,
        "accuracy": round(right / len(items), 4) if items else None,
        "precision": round(right / dated, 4) if dated else None,
    }


def timing(items: Sequence[Item], with_url: bool, repeat: int) -> dict[str, float]:
    """CPU seconds of the dating alone, per system, on one set."""
    from newsprism.clean import clean_document, resolve_dates

    docs = [_document(i, with_url) for i in items]
    undated = [clean_document(d, date=False) for d in docs]
    runs: dict[str, Callable[[], object]] = {"newsprism": lambda: resolve_dates(undated)}
    for name, f in LIBRARIES.items():
        runs[name] = lambda f=f: [f(i, with_url) for i in items]
    return {n: t.cpu for n, t in time_systems(runs, repeat, warmup=False).items()}


def measure(shared: Path, repeat: int, limit: int | None) -> dict[str, Any]:
    """Every set, every mode, every system."""
    sets = {
        "golden": golden(shared),
        "l3s": l3s(shared),
        "newswcl50": newswcl50(shared),
        "aeb-pages": aeb_pages(shared),
    }
    out: dict[str, Any] = {"runs": []}
    totals: dict[str, dict[str, dict[str, int]]] = {}
    for set_name, items in sets.items():
        items = items[:limit]
        modes = (False,) if set_name == "aeb-pages" else (True, False)
        for with_url in modes:
            mode = (
                "with URL"
                if with_url
                else ("page only" if set_name == "aeb-pages" else "text only")
            )
            run: dict[str, Any] = {
                "set": set_name,
                "mode": mode,
                "items": len(items),
                "systems": {},
            }
            answers = {"newsprism": run_newsprism(items, with_url)}
            for name, f in LIBRARIES.items():
                answers[name] = [f(i, with_url) for i in items]
            answers["htmldate_no_jan1"] = [
                None if d is not None and (d.month, d.day) == (1, 1) else d
                for d in answers["htmldate"]
            ]
            answers[COMBINED] = [
                own or lib
                for own, lib in zip(answers["newsprism"], answers["htmldate_no_jan1"], strict=True)
            ]
            cpu = timing(items, with_url, repeat) if items else {}
            for name, dates in answers.items():
                run["systems"][name] = score(items, dates)
                spent = cpu.get(name, cpu.get("htmldate", 0.0))
                if name == COMBINED:  # at most both: htmldate runs only on what is undated
                    spent = cpu.get("newsprism", 0.0) + cpu.get("htmldate", 0.0)
                run["systems"][name]["cpu_seconds"] = round(spent, 4)
                agg = totals.setdefault(mode if mode != "page only" else "page only", {})
                t = agg.setdefault(name, {"right": 0, "items": 0, "dated": 0})
                t["right"] += run["systems"][name]["right"]
                t["items"] += len(items)
                t["dated"] += len(items) - run["systems"][name]["undated"]
            run["wrong_examples"] = {
                name: [
                    [i.name, str(d), f"{i.earliest}..{i.latest}"]
                    for i, d in zip(items, dates, strict=True)
                    if d is not None and not i.earliest <= d <= i.latest
                ][:4]
                for name, dates in answers.items()
            }
            out["runs"].append(run)
    out["totals"] = {
        mode: {
            name: {
                **t,
                "accuracy": round(t["right"] / t["items"], 4) if t["items"] else None,
                "precision": round(t["right"] / t["dated"], 4) if t["dated"] else None,
            }
            for name, t in systems.items()
        }
        for mode, systems in totals.items()
    }
    cpu_total = {n: sum(r["systems"][n]["cpu_seconds"] for r in out["runs"]) for n in answers}
    n_items = sum(r["items"] for r in out["runs"])
    out["speed"] = {
        n: {"cpu_seconds": round(c, 3), "items_per_second": round(n_items / c, 1) if c else None}
        for n, c in cpu_total.items()
    }
    out["ratios"] = {
        lib: {
            "speed_newsprism_over_library": ratio(
                out["speed"]["newsprism"]["items_per_second"] or 0,
                out["speed"][lib]["items_per_second"] or 0,
            )
        }
        for lib in (*LIBRARIES, "htmldate_no_jan1", COMBINED)
    }
    out["decision"] = _decision(out)
    return out


FALLBACK_MIN_PRECISION = 0.9
"""A fallback is worth adding when at least nine in ten of the dates it adds are right: a wrong
date misplaces an article on the timeline and can join it to the wrong event, while an undated
article is only left out of the timeline. A judgement, not fitted to data."""


def _decision(out: Mapping[str, Any]) -> dict[str, str]:
    modes = list(out["totals"])

    def get(mode: str, name: str, key: str) -> float:
        return float(out["totals"][mode][name][key] or 0)

    # A library replaces the resolver only where it is right at least as often and wrong no
    # more often, in every mode.
    alone = [
        lib
        for lib in (*LIBRARIES, "htmldate_no_jan1")
        if all(
            get(m, lib, "accuracy") >= get(m, "newsprism", "accuracy")
            and get(m, lib, "precision") >= get(m, "newsprism", "precision")
            for m in modes
        )
    ]
    added = {}
    for m in modes:
        own, both = out["totals"][m]["newsprism"], out["totals"][m][COMBINED]
        dated = both["dated"] - own["dated"]
        added[m] = (
            both["right"] - own["right"],
            dated,
            (both["right"] - own["right"]) / dated if dated else None,
        )
    names = ("newsprism", *LIBRARIES, "htmldate_no_jan1", COMBINED)
    figures = "; ".join(
        f"{m}: "
        + ", ".join(
            f"{n} {get(m, n, 'accuracy'):.1%} right ({get(m, n, 'precision'):.1%} of dated)"
            for n in names
        )
        for m in modes
    )
    filled = "; ".join(
        f"{m}: htmldate_no_jan1 dates {d} that newsprism leaves undated, {r} right"
        + (f" ({p:.0%})" if p is not None else "")
        for m, (r, d, p) in added.items()
    )
    if alone:
        decision = f"switch to {alone[0]}"
    elif all(p is None or p >= FALLBACK_MIN_PRECISION for _, _, p in added.values()):
        decision = "keep, and add htmldate (1 January dropped) for what it leaves undated"
    else:
        decision = "keep"
    return {
        "part": "date resolver (datetext.py, clean/dates.py)",
        "decision": decision,
        "why": f"{figures}. Fallback: {filled}",
    }


def render(r: Mapping[str, Any]) -> str:
    """The figures as tables."""
    names = list(r["speed"])
    rows = []
    for run in r["runs"]:
        rows.append(
            [run["set"], run["mode"], run["items"]]
            + [
                f"{run['systems'][n]['right']}/{run['systems'][n]['wrong']}/"
                f"{run['systems'][n]['undated']}"
                for n in names
            ]
        )
    totals = [
        [mode, *(f"{s[n]['accuracy']:.3f} ({s[n]['precision'] or 0:.3f})" for n in names)]
        for mode, s in r["totals"].items()
    ]
    lines = [
        "right/wrong/undated per set:",
        table(["set", "mode", "items", *names], rows),
        "",
        "accuracy (precision = right of dated):",
        table(["mode", *names], totals),
        "",
        table(
            ["system", "CPU s (all sets, dating only)", "items/s"],
            [[n, s["cpu_seconds"], s["items_per_second"]] for n, s in r["speed"].items()],
        ),
        f"ratios: {r['ratios']}",
        "",
    ]
    for run in r["runs"]:
        for name, wrong in run["wrong_examples"].items():
            for w in wrong[:2]:
                lines.append(f"  wrong ({run['set']}, {run['mode']}) {name}: {w}")
    lines.append(f"\ndecision: {r['decision']['decision']}: {r['decision']['why']}")
    return "\n".join(lines)


def main() -> None:
    """Run the benchmark."""
    args = parser(__doc__).parse_args()
    shared = shared_or_exit(args.shared)
    require(dateparser="dateparser", htmldate="htmldate")
    emit(measure(shared, args.repeat, args.limit), args.json, render)


if __name__ == "__main__":
    main()
