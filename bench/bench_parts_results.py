"""Run every part benchmark and write ``bench/RESULTS.md``: one row per part, both figures, the
decision, and the command each figure comes from.

    python bench/bench_parts_results.py                 # runs all five (several minutes)
    python bench/bench_parts_results.py --from DIR      # reads DIR/<part>.json saved by --save
    python bench/bench_parts_results.py --save DIR      # runs them and keeps their JSON in DIR
    python bench/bench_parts_results.py --print         # prints the Markdown, writes nothing
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_speed_results import kept_section

BENCH = Path(__file__).resolve().parent
PARTS: dict[str, list[str]] = {
    "dates": ["bench/bench_parts_dates.py", "--json"],
    "numbers": ["bench/bench_parts_numbers.py", "--json"],
    "domains": ["bench/bench_parts_domains.py", "--json"],
    "dedup": ["bench/bench_parts_dedup.py", "--json"],
    "warc": ["bench/bench_parts_warc.py", "--json"],
}
Row = tuple[str, str, str, str, str]


def _pct(v: float | None) -> str:
    return "-" if v is None else f"{v:.1%}"


def dates_rows(r: Mapping[str, Any], cmd: str) -> list[Row]:
    """The date resolver's row."""

    def mode(name: str) -> str:
        parts = []
        for m, systems in r["totals"].items():
            s = systems[name]
            parts.append(f"{m}: {_pct(s['accuracy'])} right, {_pct(s['precision'])} of dated")
        speed = r["speed"][name]["items_per_second"]
        return "; ".join(parts) + f"; {speed} articles/s"

    libs = [n for n in r["speed"] if n != "newsprism"]
    lib = "<br>".join(f"**{n}**: {mode(n)}" for n in libs)
    return [
        (
            "date resolver (`datetext.py`, `clean/dates.py`)",
            mode("newsprism"),
            lib,
            f"**{r['decision']['decision']}**",
            cmd,
        )
    ]


def numbers_rows(r: Mapping[str, Any], cmd: str) -> list[Row]:
    """Two rows: the vague/range/fraction readings, and plain number words."""
    s = r["systems"]
    libs = [n for n in s if n != "newsprism"]

    def figs(name: str, kinds: tuple[str, ...]) -> str:
        by = s[name]["cases_right_by_kind"]
        cases = ", ".join(f"{k} {by[k]}" for k in kinds)
        return (
            f"cases {cases}; gold read {_pct(s[name]['gold_read'])}, corroborated pairs alike "
            f"{_pct(s[name]['gold_agreement'])}; {s[name]['paragraphs_per_second']:,} paragraphs/s"
        )

    rows = []
    for decision, kinds in zip(
        r["decisions"], (("vague", "range", "fraction"), ("words",)), strict=True
    ):
        lib = "<br>".join(f"**{n}**: {figs(n, kinds)}" for n in libs)
        rows.append(
            (
                decision["part"].replace("(", "(`").replace(")", "`)"),
                figs("newsprism", kinds),
                lib,
                f"**{decision['decision']}**",
                cmd,
            )
        )
    return rows


def domains_rows(r: Mapping[str, Any], cmd: str) -> list[Row]:
    """The registrable-domain row."""
    s = r["systems"]

    def figs(name: str) -> str:
        agree = s[name].get("agreement_with_newsprism")
        return (
            f"{_pct(s[name]['accuracy_labelled'])} of {r['labelled']} labelled URLs"
            + (f", agrees with newsprism on {_pct(agree)} of {r['urls']:,}" if agree else "")
            + f"; {s[name]['urls_per_second']:,} URLs/s"
        )

    lib = "<br>".join(f"**{n}**: {figs(n)}" for n in s if n != "newsprism")
    return [
        (
            "registrable domains (`clean/outlet_identity.py`, on tldextract)",
            figs("newsprism"),
            lib,
            f"**{r['decision']['decision']}**",
            cmd,
        )
    ]


def dedup_rows(r: Mapping[str, Any], cmd: str) -> list[Row]:
    """The near-duplicate row."""
    s = r["systems"]

    def figs(name: str) -> str:
        k = s[name]["recall_by_kind"]
        return (
            f"P {s[name]['precision']:.3f} R {s[name]['recall']:.3f} (copy {k['copy']}, edited "
            f"{k['edited']}, partial {k['partial']}, rewritten {k['rewritten']}); "
            f"{s[name]['articles_per_second']:,} articles/s, "
            f"heap {s[name]['python_heap_peak_mb']} MB"
        )

    lib = "<br>".join(f"**{n}**: {figs(n)}" for n in s if n != "newsprism")
    what = f"{r['reprints']} reprints of {r['originals']} ECB+ originals"
    return [
        (
            f"MinHash/LSH near-duplicates (`dedup/`), {what}",
            figs("newsprism"),
            lib,
            f"**{r['decision']['decision']}**",
            cmd,
        )
    ]


def warc_rows(r: Mapping[str, Any], cmd: str) -> list[Row]:
    """The WARC reader's row."""

    def figs(name: str) -> str:
        out = []
        for arch, e in r["archives"].items():
            v = e["systems"][name]
            read = f"{v['articles_read']}/{e['articles_written']}"
            extra = (
                f" ({e['newsprism_reading_mb_per_second']} MB/s reading alone, Documents not built)"
                if name == "newsprism"
                else ""
            )
            cut = "damage reported" if v["truncated_damage_reported"] else "no damage reported"
            out.append(
                f".{arch}: {read} read, {v['mb_per_second']} MB/s{extra}; truncated: "
                f"{v['truncated_articles_read']} read, {cut}"
            )
        return "<br>".join(out)

    lib = "<br>".join(f"**{n}**: {figs(n)}" for n in ("warcio", "fastwarc"))
    return [
        (
            "WARC reading (`ingest/warc.py`, on warcio)",
            figs("newsprism"),
            lib,
            f"**{r['decision']['decision']}**",
            cmd,
        )
    ]


Headline = tuple[str, str, str, str]
"""(part, what is measured, newsprism's figure, the best library's name and figure)."""


def dates_headline(r: Mapping[str, Any]) -> list[Headline]:
    """Right share per mode (and of dated), newsprism against the best library alone."""
    t = r["totals"]
    libs = [n for n in r["speed"] if n != "newsprism" and "+" not in n]
    best = max(libs, key=lambda n: sum(t[m][n]["accuracy"] or 0 for m in t))

    def fig(name: str) -> str:
        return " / ".join(
            f"{_pct(t[m][name]['accuracy'])} ({_pct(t[m][name]['precision'])})" for m in t
        )

    what = "right (of dated): " + " / ".join(t)
    return [("date resolver", what, fig("newsprism"), f"{best}: {fig(best)}")]


def numbers_headline(r: Mapping[str, Any]) -> list[Headline]:
    """Cases right, per part of the figure reader."""
    s = r["systems"]
    libs = [n for n in s if n != "newsprism"]

    def right(name: str, kinds: tuple[str, ...]) -> tuple[int, int]:
        rows = [row for row in r["case_table"] if row["kind"] in kinds]
        return sum(row[name + "_right"] for row in rows), len(rows)

    out = []
    for label, kinds, decision in zip(
        ("vague quantities, ranges, fractions", "number words"),
        (("vague", "range", "fraction"), ("words",)),
        r["decisions"],
        strict=True,
    ):
        best = decision.get("library") or max(libs, key=lambda n: right(n, kinds)[0])
        own, lib = right("newsprism", kinds), right(best, kinds)
        out.append(
            (
                label,
                f"cases right ({', '.join(kinds)})",
                f"{own[0]}/{own[1]}",
                f"{best}: {lib[0]}/{lib[1]}",
            )
        )
    return out


def domains_headline(r: Mapping[str, Any]) -> list[Headline]:
    """Labelled accuracy, agreement and speed."""
    s = r["systems"]
    own, lib = s["newsprism"], s["tldextract_private"]
    return [
        (
            "registrable domains",
            f"accuracy on {r['labelled']} labelled URLs; agreement on {r['urls']:,}; URLs/s",
            f"{_pct(own['accuracy_labelled'])}; -; {own['urls_per_second']:,}",
            f"tldextract (private PSL section): {_pct(lib['accuracy_labelled'])}; "
            f"{_pct(lib['agreement_with_newsprism'])}; {lib['urls_per_second']:,}",
        )
    ]


def dedup_headline(r: Mapping[str, Any]) -> list[Headline]:
    """Pair precision and recall, and speed."""
    s = r["systems"]
    libs = [n for n in s if n != "newsprism"]
    best = max(libs, key=lambda n: s[n]["recall"])

    def fig(name: str) -> str:
        v = s[name]
        return f"P {v['precision']:.3f} R {v['recall']:.3f}; {v['articles_per_second']:,}/s"

    what = f"pairs on {r['reprints']} constructed reprints; articles/s"
    return [("near-duplicates (MinHash/LSH)", what, fig("newsprism"), f"{best}: {fig(best)}")]


def warc_headline(r: Mapping[str, Any]) -> list[Headline]:
    """Records read, truncated archives, speed on the gzipped archive."""
    gz = r["archives"]["warc.gz"]

    def fig(name: str) -> str:
        v = gz["systems"][name]
        cut = "reports damage" if v["truncated_damage_reported"] else "silent"
        return f"{v['articles_read']}/{gz['articles_written']}; {cut}; {v['mb_per_second']}"

    own = fig("newsprism") + f" ({gz['newsprism_reading_mb_per_second']} reading alone)"
    return [
        (
            "WARC reading",
            "records read; truncated archive; MB/s on .warc.gz",
            own,
            f"fastwarc: {fig('fastwarc')}",
        )
    ]


HEADLINES: dict[str, Callable[[Mapping[str, Any]], list[Headline]]] = {
    "dates": dates_headline,
    "numbers": numbers_headline,
    "domains": domains_headline,
    "dedup": dedup_headline,
    "warc": warc_headline,
}


FORMATTERS: dict[str, Callable[[Mapping[str, Any], str], list[Row]]] = {
    "dates": dates_rows,
    "numbers": numbers_rows,
    "domains": domains_rows,
    "dedup": dedup_rows,
    "warc": warc_rows,
}


def run_part(name: str, save: Path | None) -> dict[str, Any]:
    """Run one part benchmark and parse its JSON."""
    out = subprocess.run(
        [sys.executable, *PARTS[name]],
        cwd=BENCH.parent,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    if save:
        save.mkdir(parents=True, exist_ok=True)
        (save / f"{name}.json").write_text(out, "utf-8")
    return dict(json.loads(out))


def notes(results: Mapping[str, Mapping[str, Any]]) -> list[str]:
    """What each decision asks of the code, with the figures that bound it."""
    out = []
    if "dates" in results:
        t = results["dates"]["totals"]
        both = "newsprism+htmldate_no_jan1"
        out.append(
            "**dates**: no library is right as often without more wrong dates; htmldate "
            "(1 January dropped) as a fallback for the articles the resolver leaves undated gives "
            + ", ".join(
                f"{m}: {_pct(t[m]['newsprism']['accuracy'])} -> {_pct(t[m][both]['accuracy'])} "
                f"right at {_pct(t[m][both]['precision'])} of dated"
                for m in t
            )
            + "; the decision rests on whether such a share of wrong dates is acceptable."
        )
    if "numbers" in results:
        words = results["numbers"]["decisions"][1]
        out.append(
            f"**number words**: {words['decision']} to {words.get('library')} for number words "
            "only (compound words such as 'two hundred and fifty'); the vague quantities, ranges, "
            "fractions, ages and 'a dozen' stay in `numerals.py`."
        )
    if "domains" in results:
        d = results["domains"]["systems"]["tldextract_private"]
        out.append(
            "**domains**: the same answers on the labelled URLs; the disagreements "
            f"({d['disagreements']}) are newsprism's own guards (one-letter names like `t.co`, "
            "hosts with `_`), which stay around the library call."
        )
    if "dedup" in results:
        s = results["dedup"]["systems"]
        out.append(
            "**dedup**: only newsprism's sampled-shingle containment finds partial reprints "
            "at precision 1 (datasketch's LSH Ensemble: P "
            f"{s['datasketch_ensemble']['precision']}); "
            f"rensa sketches {s['rensa']['articles_per_second']:,} articles/s against "
            f"{s['newsprism']['articles_per_second']:,}, a speed-up for the signatures alone "
            "if dedup ever dominates."
        )
    if "warc" in results:
        gz = results["warc"]["archives"]["warc.gz"]
        out.append(
            "**warc**: fastwarc and warcio both return the record cut short by a truncation as "
            "if whole and say nothing; building Documents is "
            f"{gz['building_share_of_newsprism']:.0%} of the reader's time, so a faster parser "
            "would change little."
        )
    return out


def markdown(results: Mapping[str, Mapping[str, Any]]) -> str:
    """RESULTS.md: one row per part, then every system's figures and why each decision reads
    as it does."""
    rows: list[Row] = []
    heads: list[tuple[Headline, str, str]] = []
    for name, result in results.items():
        cmd = "`.venv/bin/python " + " ".join(PARTS[name]) + "`"
        rows += FORMATTERS[name](result, cmd)
        decisions = result.get("decisions") or [result["decision"]]
        for head, d in zip(HEADLINES[name](result), decisions, strict=True):
            heads.append((head, d["decision"], cmd))
    lines = [
        "# Hand-written parts against their field-standard libraries",
        "",
        "Written by `.venv/bin/python bench/bench_parts_results.py` on "
        f"{dt.date.today().isoformat()} (2 shared cores; speeds are per CPU second, one process).",
        "Every figure is measured on this project's own data; each script's module docstring",
        "says what is read and how it is scored, and `bench/README.md` describes the runs.",
        'A library is taken ("switch") where it is at least as good for this job; the own code',
        'stays ("keep") where it is measured better.',
        "",
        "| part | measured | newsprism | best library | decision | command |",
        "|---|---|---|---|---|---|",
    ]
    lines += [
        f"| {part} | {what} | {own} | {lib} | **{decision}** | {cmd} |"
        for (part, what, own, lib), decision, cmd in heads
    ]
    lines += [
        "",
        "## Every system's figures",
        "",
        "| part | newsprism | libraries | decision | command |",
        "|---|---|---|---|---|",
    ]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    lines += ["", "## What each decision means", ""]
    lines += [f"- {note}" for note in notes(results)]
    lines += ["", "## Why", ""]
    for result in results.values():
        for d in result.get("decisions") or [result["decision"]]:
            lines.append(f"- **{d['part']}**: {d['decision']}: {d['why']}")
    return "\n".join(lines) + "\n"


def main() -> None:
    """Run (or read) every part benchmark and write RESULTS.md."""
    p = argparse.ArgumentParser(description="write bench/RESULTS.md from the part benchmarks")
    p.add_argument("--from", dest="source", type=Path, help="read saved <part>.json from here")
    p.add_argument("--save", type=Path, help="keep each part's JSON in this folder")
    p.add_argument("--print", action="store_true", help="print instead of writing RESULTS.md")
    p.add_argument("--parts", nargs="*", default=list(PARTS), choices=list(PARTS))
    args = p.parse_args()
    results = {}
    for name in args.parts:
        if args.source:
            results[name] = json.loads((args.source / f"{name}.json").read_text("utf-8"))
        else:
            results[name] = run_part(name, args.save)
    text = markdown(results)
    if args.print:
        print(text)
    else:
        # The speed section (bench_speed_results.py) is another script's: it stays.
        old = (BENCH / "RESULTS.md").read_text("utf-8") if (BENCH / "RESULTS.md").exists() else ""
        speed = kept_section(old)
        (BENCH / "RESULTS.md").write_text(text + ("\n" + speed if speed else ""), "utf-8")
        print(f"wrote {BENCH / 'RESULTS.md'}")


if __name__ == "__main__":
    main()
