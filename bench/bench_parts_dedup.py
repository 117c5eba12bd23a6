"""Near-duplicate detection: newsprism's MinHash/LSH index against datasketch and rensa.

No shared data set labels duplicates (the golden files list related coverage, not reprints, and
NewsWCL50's five outlets wrote five texts), so the benchmark makes labelled reprints of real
texts: the first ``--base`` ECB+ articles (cleaned as ``analyze`` cleans them; seeded), and for
every second one a reprint of one kind, in turn:

- **copy**: the same body under another headline, one line of the reprinting outlet's own
  added at the end ("Reporting by ...");
- **edited**: one paragraph in four dropped, 5% of the words dropped, a dateline-style prefix;
- **partial**: the first half of the paragraphs, then as much text of a NewsWCL50 article (not
  in the set; it stands for the outlet's own reporting): a partial reprint;
- **rewritten**: 20% of the words dropped and the paragraphs in another order: a heavy rewrite,
  still one text to a reader but far from the original's shingles.

A pair is a true duplicate when one is a reprint of the other. Every system's answer is read as
groups (linked texts are one group, as syndication groups are), and every pair inside a group is
a predicted duplicate. ECB+ holds real wire copies of its own, unlabelled: the originals that any
of the systems links to another original are left out before the reprints are made (the count
is printed), so every scored pair has a known answer.

- **newsprism**: ``newsprism.dedup.find_syndication`` (exact hash, MinHash Jaccard >= 0.5
  through 16x4 LSH bands, and sampled-shingle containment >= 0.3 for partial reprints).
- **datasketch** / **rensa**: ``MinHashLSH`` / ``RMinHashLSH`` (threshold 0.5, 64
  permutations) on the same 5-word shingles of newsprism's word normalisation, each candidate
  kept when its estimated Jaccard is >= 0.5, linked into groups the same way.
- **datasketch_ensemble**: datasketch's ``MinHashLSH`` as above plus its
  ``MinHashLSHEnsemble`` (containment search, threshold 0.3 as newsprism's, 16 partitions),
  each candidate kept when the containment of the shorter text in the longer, estimated from
  the Jaccard estimate and the two shingle counts, is >= 0.3: the library's own way to find
  partial reprints. Its index is built once over all texts (it is static).

Speed is CPU seconds of sketching and indexing all texts. Memory: the peak resident growth of
the process while the system runs (``VmHWM`` reset through ``/proc/self/clear_refs``; Rust and
numpy allocations count, but memory freed by an earlier run is reused, so small runs show 0),
and the Python heap's peak (tracemalloc: numpy counts, rensa's Rust memory does not).

    python bench/bench_parts_dedup.py [--base 400] [--repeat 3] [--json]
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from bench_parts_common import (
    emit,
    parser,
    peak_mb,
    ratio,
    require,
    shared_or_exit,
    table,
    time_systems,
)

KINDS = ("copy", "edited", "partial", "rewritten")
THRESHOLD, NUM_PERM, BANDS = 0.5, 64, 16
CONTAINMENT = 0.3  # newsprism's CONTAINMENT_MIN, so that the containment search meets it alike


def _with_paragraphs(article: Any, doc_id: str, texts: Sequence[str], title: str) -> Any:
    from newsprism.records import Paragraph, Role, Span

    paragraphs, pos = [], 0
    for i, text in enumerate(texts):
        paragraphs.append(
            Paragraph(i, text, Span(doc_id, pos, pos + len(text)), Role.BODY, "bench")
        )
        pos += len(text) + 2
    return replace(
        article,
        doc_id=doc_id,
        text="\n\n".join(texts),
        paragraphs=tuple(paragraphs),
        title=title,
        outlet=None,
        wire_agency=None,
    )


def reprint(article: Any, kind: str, other: Any, rng: random.Random) -> Any:
    """A reprint of ``article`` of the given kind (``other`` lends the partial reprint its own
    text)."""
    paras = [p.text for p in article.paragraphs if p.role.is_kept]
    doc_id = f"{article.doc_id[:12]}{kind[:2]}{rng.randrange(100):02d}"
    title = f"{article.title} (reprint)"
    if kind == "copy":
        texts = [*paras, "Reporting by the news desk; editing by the night editor."]
    elif kind == "edited":
        kept = [p for i, p in enumerate(paras) if i % 4 != 3 or len(paras) < 3]
        texts = [" ".join(w for w in p.split() if rng.random() >= 0.05) for p in kept]
        texts[0] = "LONDON (Newswire) - " + texts[0]
    elif kind == "partial":
        half = paras[: max(1, (len(paras) + 1) // 2)]
        size = sum(len(p) for p in half)
        own, n = [], 0
        for p in (q.text for q in other.paragraphs if q.role.is_kept):
            if n >= size:
                break
            own.append(p)
            n += len(p)
        texts = [*half, *own]
    else:
        texts = [" ".join(w for w in p.split() if rng.random() >= 0.2) for p in paras]
        rng.shuffle(texts)
    return _with_paragraphs(article, doc_id, [t for t in texts if t.strip()], title)


def labelled_set(shared: Path, base: int, seed: int = 11) -> tuple[list[Any], dict[str, str], int]:
    """The originals and their reprints, reprint doc_id -> "kind:original doc_id", and how many
    originals were left out as real copies of one another."""
    from bench_cluster import base_articles

    loaded = [a for a in base_articles(shared, base) if a.body_text.strip()]
    # ECB+ first, NewsWCL50 last (base_articles' order): the originals are ECB+ articles; the
    # partial reprints' own text comes from NewsWCL50, which is not in the set, so that a
    # partial reprint is a copy of one original only.
    originals, donors = loaded[:base], loaded[base:] or loaded[:1]
    # ECB+ holds real, unlabelled wire copies of its own (one AP obituary rewritten by three
    # outlets): an original that any system links to another original is left out, so that
    # every scored pair has a known answer.
    sets = [shingles(a) for a in originals]
    linked = {d for run in SYSTEMS.values() for g in run(originals, sets) for d in g}
    originals = [a for a in originals if a.doc_id not in linked]
    rng = random.Random(seed)
    articles = list(originals)
    truth: dict[str, str] = {}
    kind_of: dict[str, str] = {}
    for i, article in enumerate(originals[::2]):
        kind = KINDS[i % len(KINDS)]
        other = donors[i % len(donors)]
        copy = reprint(article, kind, other, rng)
        articles.append(copy)
        truth[copy.doc_id] = article.doc_id
        kind_of[copy.doc_id] = kind
    rng.shuffle(articles)
    return articles, {k: f"{kind_of[k]}:{v}" for k, v in truth.items()}, len(linked)


def _groups(ids: Sequence[str], links: Sequence[tuple[str, str]]) -> list[set[str]]:
    parent = {i: i for i in ids}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in links:
        parent[find(a)] = find(b)
    out: dict[str, set[str]] = {}
    for i in ids:
        out.setdefault(find(i), set()).add(i)
    return [g for g in out.values() if len(g) > 1]


def shingles(article: Any) -> list[str]:
    """newsprism's word normalisation, 5-word shingles (the libraries get these)."""
    from newsprism.dedup.shingles import SHINGLE, words

    tokens = words(article.body_text)
    return list(
        {" ".join(tokens[i : i + SHINGLE]) for i in range(max(1, len(tokens) - SHINGLE + 1))}
    )


def run_newsprism(articles: Sequence[Any], _: Sequence[list[str]]) -> list[set[str]]:
    """Syndication groups by newsprism's index."""
    from newsprism.dedup import find_syndication

    groups = find_syndication(list(articles))
    return [{g.original, *g.members} for g in groups]


def _datasketch_links(
    articles: Sequence[Any], sets: Sequence[list[str]]
) -> tuple[list[tuple[str, str]], dict[str, Any]]:
    """datasketch MinHashLSH links (estimated Jaccard >= 0.5) and every text's MinHash."""
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM, params=(BANDS, NUM_PERM // BANDS))
    sigs: dict[str, Any] = {}
    links = []
    for article, grams in zip(articles, sets, strict=True):
        m = MinHash(num_perm=NUM_PERM)
        m.update_batch([g.encode() for g in grams])
        for other in lsh.query(m):
            if m.jaccard(sigs[other]) >= THRESHOLD:
                links.append((article.doc_id, other))
        lsh.insert(article.doc_id, m)
        sigs[article.doc_id] = m
    return links, sigs


def run_datasketch(articles: Sequence[Any], sets: Sequence[list[str]]) -> list[set[str]]:
    """Groups from datasketch's MinHashLSH, candidates checked by estimated Jaccard."""
    return _groups([a.doc_id for a in articles], _datasketch_links(articles, sets)[0])


def run_datasketch_ensemble(articles: Sequence[Any], sets: Sequence[list[str]]) -> list[set[str]]:
    """datasketch's MinHashLSH for Jaccard plus its MinHashLSHEnsemble for containment (the
    shorter text's share in the longer, >= newsprism's 0.3), candidates checked by estimate."""
    from datasketch import MinHashLSHEnsemble

    links, by_id = _datasketch_links(articles, sets)
    sigs = [by_id[a.doc_id] for a in articles]
    ensemble = MinHashLSHEnsemble(threshold=CONTAINMENT, num_perm=NUM_PERM, num_part=16)
    ensemble.index(
        [(i, m, len(grams)) for i, (m, grams) in enumerate(zip(sigs, sets, strict=True))]
    )
    for i, (m, grams) in enumerate(zip(sigs, sets, strict=True)):
        q = len(grams)
        for j in ensemble.query(m, q):
            if j == i or len(sets[j]) < q:
                continue
            jac = m.jaccard(sigs[j])
            # containment of Q in X from the Jaccard estimate and the two sizes
            contained = jac * (q + len(sets[j])) / ((1 + jac) * q) if q else 0.0
            if contained >= CONTAINMENT:
                links.append((articles[i].doc_id, articles[j].doc_id))
    return _groups([a.doc_id for a in articles], links)


def run_rensa(articles: Sequence[Any], sets: Sequence[list[str]]) -> list[set[str]]:
    """Groups from rensa's RMinHashLSH, candidates checked by estimated Jaccard."""
    from rensa import RMinHash, RMinHashLSH

    lsh = RMinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM, num_bands=BANDS)
    sigs: list[Any] = []
    links = []
    for i, grams in enumerate(sets):
        m = RMinHash(num_perm=NUM_PERM, seed=42)
        m.update(grams)
        for other in lsh.query(m):
            if m.jaccard(sigs[other]) >= THRESHOLD:
                links.append((articles[i].doc_id, articles[other].doc_id))
        lsh.insert(i, m)
        sigs.append(m)
    return _groups([a.doc_id for a in articles], links)


LIBS = ("datasketch", "datasketch_ensemble", "rensa")
SYSTEMS: dict[str, Callable[[Sequence[Any], Sequence[list[str]]], list[set[str]]]] = {
    "newsprism": run_newsprism,
    "datasketch": run_datasketch,
    "datasketch_ensemble": run_datasketch_ensemble,
    "rensa": run_rensa,
}


def score(groups: list[set[str]], truth: Mapping[str, str]) -> dict[str, Any]:
    """Pair precision and recall, recall per reprint kind, and linked original pairs."""
    gold = {frozenset((k, v.split(":", 1)[1])) for k, v in truth.items()}
    predicted = {frozenset(p) for g in groups for p in itertools.combinations(sorted(g), 2)}
    originals = {p for p in predicted if not any(d in truth for d in p)}
    scored = predicted - originals
    tp = len(scored & gold)
    by_kind = {}
    for kind in KINDS:
        pairs = {
            frozenset((k, v.split(":", 1)[1])) for k, v in truth.items() if v.startswith(kind + ":")
        }
        by_kind[kind] = round(len(pairs & predicted) / len(pairs), 3) if pairs else None
    return {
        "precision": round(tp / len(scored), 4) if scored else 1.0,
        "recall": round(tp / len(gold), 4) if gold else None,
        "recall_by_kind": by_kind,
        "false_pairs": len(scored) - tp,
        "original_pairs_linked": len(originals),
    }


def _vm(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def peak_growth_mb(run: Callable[[], object]) -> float | None:
    """Peak resident growth while ``run`` runs, in MB (Linux only; None elsewhere)."""
    import gc

    gc.collect()
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return None
    before = _vm("VmRSS")
    run()
    return round(_vm("VmHWM") - before, 1)


def measure(shared: Path, repeat: int, base: int) -> dict[str, Any]:
    """Precision, recall, speed and memory of each system on the labelled reprints."""
    articles, truth, dropped = labelled_set(shared, base)
    sets = [shingles(a) for a in articles]
    out: dict[str, Any] = {
        "originals": len(articles) - len(truth),
        "reprints": len(truth),
        "originals_dropped_as_real_copies": dropped,
        "reprint_kinds": {k: sum(v.startswith(k + ":") for v in truth.values()) for k in KINDS},
        "systems": {},
    }
    for name, run in SYSTEMS.items():
        out["systems"][name] = score(run(articles, sets), truth)
        out["systems"][name]["peak_mb"] = peak_growth_mb(lambda run=run: run(articles, sets))
        out["systems"][name]["python_heap_peak_mb"] = round(
            peak_mb(lambda run=run: run(articles, sets)), 1
        )
    timings = time_systems({n: (lambda r=r: r(articles, sets)) for n, r in SYSTEMS.items()}, repeat)
    for name, t in timings.items():
        out["systems"][name]["cpu_seconds"] = round(t.cpu, 4)
        out["systems"][name]["articles_per_second"] = (
            round(len(articles) / t.cpu) if t.cpu else None
        )
    s = out["systems"]
    out["ratios"] = {
        lib: {
            "speed_newsprism_over_library": ratio(
                s["newsprism"]["articles_per_second"], s[lib]["articles_per_second"]
            ),
            "recall_newsprism_minus_library": round(s["newsprism"]["recall"] - s[lib]["recall"], 4),
        }
        for lib in LIBS
    }
    own = s["newsprism"]
    best = max(LIBS, key=lambda n: (s[n]["recall"], s[n]["precision"]))
    lib = s[best]
    at_least = lib["recall"] >= own["recall"] and lib["precision"] >= own["precision"]
    out["decision"] = {
        "part": "MinHash/LSH near-duplicates (dedup/)",
        "decision": "switch" if at_least else "keep",
        "why": (
            f"on {len(truth)} constructed ECB+ reprints among {out['originals']} originals: "
            f"newsprism P {own['precision']:.3f} R {own['recall']:.3f} (partial reprints "
            f"{own['recall_by_kind']['partial']}), {best} P {lib['precision']:.3f} R "
            f"{lib['recall']:.3f} (partial {lib['recall_by_kind']['partial']}); speed "
            f"newsprism/{best} {out['ratios'][best]['speed_newsprism_over_library']}x"
        ),
    }
    return out


def render(r: Mapping[str, Any]) -> str:
    """The figures as tables."""
    rows = [
        [
            n,
            s["precision"],
            s["recall"],
            *(s["recall_by_kind"][k] for k in KINDS),
            s["original_pairs_linked"],
            s["articles_per_second"],
            s["peak_mb"],
            s["python_heap_peak_mb"],
        ]
        for n, s in r["systems"].items()
    ]
    return "\n".join(
        [
            f"{r['originals']} ECB+ originals ({r['originals_dropped_as_real_copies']} left out "
            f"as real copies of one another), {r['reprints']} reprints {r['reprint_kinds']}",
            table(
                [
                    "system",
                    "precision",
                    "recall",
                    *(f"R {k}" for k in KINDS),
                    "original pairs linked",
                    "articles/s (CPU)",
                    "RSS growth MB",
                    "Python heap MB",
                ],
                rows,
            ),
            f"ratios: {r['ratios']}",
            f"\ndecision: {r['decision']['decision']}: {r['decision']['why']}",
        ]
    )


def main() -> None:
    """Run the benchmark."""
    p = parser(__doc__)
    p.add_argument("--base", type=int, default=400, help="ECB+ originals (half get a reprint)")
    args = p.parse_args()
    shared = shared_or_exit(args.shared)
    require(datasketch="datasketch", rensa="rensa")
    emit(measure(shared, args.repeat, args.limit or args.base), args.json, render)


if __name__ == "__main__":
    main()
