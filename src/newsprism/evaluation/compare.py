"""Score the comparison against a gold file: corroborated, conflicting, exclusive, statements.

The gold names documents by the first three characters of their file names and gives values
as the outlets wrote them ("more than four hours") or normalised ("1.5 billion USD"). A gold
item is found when a finding of the right kind cites the gold's documents with matching
values: numbers compared by value, other text by word containment.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsprism.errors import NewsprismError
from newsprism.records import Article, Citation, Comparison, Finding

__all__ = [
    "CompareEvaluation",
    "PooledCompareEvaluation",
    "evaluate_compare",
    "evaluate_compare_many",
    "pool",
    "score_articles",
    "score_comparison",
]

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20, "hundred": 100,
}  # fmt: skip
_SCALE = {"thousand": 1e3, "million": 1e6, "mln": 1e6, "billion": 1e9, "bln": 1e9, "bn": 1e9}
_NUM = re.compile(r"(\d+(?:[.,]\d+)*)\s*(thousand|million|mln|billion|bln|bn)?", re.I)
_WORD = re.compile(r"[a-z0-9]+")


def _number(text: str) -> float | None:
    """The first number a value string states, scaled ("$1.5bn" -> 1.5e9, "three" -> 3)."""
    if m := re.search(r"\b(\d{4})-(\d{2})-(\d{2})\b", text):
        return float(m.group(1) + m.group(2) + m.group(3))
    if m := _NUM.search(text):
        value = float(m.group(1).replace(",", ""))
        return value * _SCALE.get((m.group(2) or "").lower(), 1.0)
    for word in _WORD.findall(text.lower()):
        if word in _NUMBER_WORDS:
            return float(_NUMBER_WORDS[word])
    return None


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower()))


def _matches(gold: str, cited: Citation, normalized: str = "") -> bool:
    """Whether a cited text (or its normalised value) states the gold value."""
    want = _number(gold)
    for candidate in (cited.text, normalized):
        if not candidate:
            continue
        got = _number(candidate)
        if want is not None and got is not None and abs(want - got) <= 1e-6 * max(abs(want), 1):
            return True
    gold_words, cited_words = _words(gold), _words(f"{cited.text} {cited.context}")
    return bool(gold_words) and len(gold_words & cited_words) / len(gold_words) >= 0.6


@dataclass(frozen=True, slots=True)
class CompareEvaluation:
    """Recall (and precision of conflicts) of each bucket, with the items scored."""

    corroborated_recall: float
    conflicting_recall: float
    conflicting_precision: float
    single_source_recall: float
    statements_recall: float
    framing_recall: float
    false_conflicts: int
    n: int
    missed: tuple[str, ...] = ()
    mixed_findings: int = 0
    """Corroborated findings that join figures the gold holds as different things: two of
    their citations state values of different gold items and of no item in common."""
    counts: tuple[tuple[str, int, int], ...] = ()
    """(bucket, items found, items in the gold) for every scored bucket, for pooling; the
    ``conflict`` bucket's hits are the gold conflicts found, ``reported`` counts every
    reported conflict (hits: the right ones)."""
    findings: tuple[str, ...] = ()
    """Every corroborated and conflicting finding reported, with its reason, for reading."""

    def to_json(self) -> dict[str, Any]:
        """The figures under the ``newsprism`` key, plus ``n``."""
        figures = {
            "corroborated_recall": round(self.corroborated_recall, 4),
            "conflicting_recall": round(self.conflicting_recall, 4),
            "conflicting_precision": round(self.conflicting_precision, 4),
            "single_source_recall": round(self.single_source_recall, 4),
            "statements_recall": round(self.statements_recall, 4),
            "framing_recall": round(self.framing_recall, 4),
            "false_conflicts": self.false_conflicts,
            "mixed_findings": self.mixed_findings,
            "n": self.n,
        }
        return {"newsprism": figures, "n": self.n}

    def count(self, bucket: str) -> tuple[int, int]:
        """(found, items) of one bucket."""
        for name, hits, items in self.counts:
            if name == bucket:
                return hits, items
        return 0, 0


@dataclass(frozen=True, slots=True)
class PooledCompareEvaluation:
    """Several gold files scored one by one (each event its own story) and pooled.

    Pooled recall is items found over items, summed over the events, so an event without
    conflicts adds nothing to conflicting recall (where alone it reports a vacuous 1.0).
    """

    events: tuple[tuple[str, CompareEvaluation], ...]
    pooled: CompareEvaluation

    def to_json(self) -> dict[str, Any]:
        """The pooled figures under ``newsprism`` (with item counts) and each event's."""
        pooled = self.pooled.to_json()
        pooled["counts"] = {
            name: {"found": hits, "items": items} for name, hits, items in self.pooled.counts
        }
        pooled["events"] = {
            name: {
                **result.to_json()["newsprism"],
                "counts": {b: {"found": h, "items": i} for b, h, i in result.counts},
            }
            for name, result in self.events
        }
        return pooled


_BUCKETS = (
    "corroborated",
    "conflict",
    "exclusive",
    "statement",
    "framing",
    "reported",
    "exclusive_reported",
)


def pool(results: Sequence[CompareEvaluation]) -> CompareEvaluation:
    """One evaluation of several events: item counts summed, recalls recomputed from them."""

    def summed(bucket: str) -> tuple[int, int]:
        pairs = [r.count(bucket) for r in results]
        return sum(h for h, _ in pairs), sum(i for _, i in pairs)

    def ratio(bucket: str) -> float:
        hits, items = summed(bucket)
        return hits / items if items else 1.0

    return CompareEvaluation(
        corroborated_recall=ratio("corroborated"),
        conflicting_recall=ratio("conflict"),
        conflicting_precision=ratio("reported"),
        single_source_recall=ratio("exclusive"),
        statements_recall=ratio("statement"),
        framing_recall=ratio("framing"),
        false_conflicts=sum(r.false_conflicts for r in results),
        n=sum(r.n for r in results),
        mixed_findings=sum(r.mixed_findings for r in results),
        missed=tuple(m for r in results for m in r.missed),
        counts=tuple((b, *summed(b)) for b in _BUCKETS),
        findings=tuple(f for r in results for f in r.findings),
    )


def _finding_docs(finding: Finding, prefixes: dict[str, str]) -> dict[str, list[Citation]]:
    docs: dict[str, list[Citation]] = {}
    for cite in finding.citations:
        name = prefixes.get(cite.doc_id)
        if name:
            docs.setdefault(name, []).append(cite)
    return docs


def _values(item: dict[str, Any]) -> list[tuple[str, str]]:
    """(document, value) pairs of a gold figure item."""
    if "values" in item:
        return [(str(doc), str(value)) for doc, value in item["values"]]
    docs = item.get("documents") or [item.get("document")]
    return [(str(doc), str(item.get("value", ""))) for doc in docs if doc]


def _found(
    item: dict[str, Any], findings: Sequence[Finding], kind: str, prefixes: dict[str, str]
) -> Finding | None:
    pairs = _values(item)
    needed = 1 if kind == "exclusive" else 2
    for finding in findings:
        if finding.kind != kind:
            continue
        docs = _finding_docs(finding, prefixes)
        hits = sum(
            any(_matches(value, c, finding.what) for c in docs.get(doc, ())) for doc, value in pairs
        )
        if hits >= min(needed, len(pairs)):
            return finding
    return None


def _states(gold: str, cited: Citation) -> bool:
    """Whether the cited words themselves state the gold value (number, or most of its words)."""
    want, got = _number(gold), _number(cited.text)
    if want is not None and got is not None:
        return abs(want - got) <= 1e-6 * max(abs(want), 1)
    gold_words = _words(gold) - {"in", "on", "of", "the", "a", "at", "by", "about", "from", "to"}
    return bool(gold_words) and len(gold_words & _words(cited.text)) / len(gold_words) >= 0.6


def _mixed(figures: dict[str, Any], findings: Sequence[Finding], prefixes: dict[str, str]) -> int:
    """Corroborated findings whose citations state values of disjoint sets of gold items.

    Every value of a corroborated or conflicting gold item counts the same thing; each value of
    a ``not_conflicting`` item (look-alikes, such as tariffs announced on 8 March and imposed on
    23 March) counts a thing of its own. A citation matching no item says nothing either way.
    """
    things: list[list[tuple[str, str]]] = [
        _values(item)
        for bucket in ("corroborated", "conflicting", "single_source")
        for item in figures.get(bucket, [])
    ]
    for item in figures.get("not_conflicting", []):
        things.extend([pair] for pair in _values(item))
    mixed = 0
    for finding in findings:
        if finding.kind != "corroborated":
            continue
        sets = []
        for cite in finding.citations:
            doc = prefixes.get(cite.doc_id)
            found = frozenset(
                k for k, pairs in enumerate(things)
                if any(d == doc and _states(v, cite) for d, v in pairs)
            )  # fmt: skip
            if found:
                sets.append(found)
        if any(not (a & b) for n, a in enumerate(sets) for b in sets[n + 1 :]):
            mixed += 1
    return mixed


def _statement_found(
    item: dict[str, Any], findings: Sequence[Finding], prefixes: dict[str, str]
) -> bool:
    variants = [(str(doc), str(text)) for doc, text in item.get("variants", [])]
    for finding in findings:
        if finding.kind != "statement":
            continue
        docs = _finding_docs(finding, prefixes)
        hits = sum(
            any(len(_words(text) & _words(c.text)) / max(len(_words(text)), 1) >= 0.5
                for c in docs.get(doc, ()))
            for doc, text in variants
        )  # fmt: skip
        if hits >= 2:
            return True
    return False


def _framing_found(
    outlet_key: str, term: str, comparison: Comparison, outlets: dict[str, str]
) -> bool:
    outlet = outlets.get(outlet_key[:3])
    want = _words(term)
    for framing in comparison.framing:
        if framing.outlet != outlet:
            continue
        for found in framing.terms[:15]:
            got = _words(found.term)
            if want and (want <= got or (got and got <= want and len(got) >= 2)):
                return True
    return False


def score_comparison(
    gold: dict[str, Any],
    comparison: Comparison,
    prefixes: dict[str, str],
    outlets: dict[str, str],
) -> CompareEvaluation:
    """Score one comparison against a gold file's figures, quotes and framing sections."""
    figures = gold.get("figures", {})
    findings = comparison.findings
    missed: list[str] = []

    counts: list[tuple[str, int, int]] = []

    def recall(items: list[dict[str, Any]], kind: str) -> tuple[float, list[Finding]]:
        hits = []
        for item in items:
            found = _found(item, findings, kind, prefixes)
            if found:
                hits.append(found)
            else:
                missed.append(f"{kind}: {item.get('what')}")
        counts.append((kind, len(hits), len(items)))
        return (len(hits) / len(items) if items else 1.0), hits

    corroborated, _ = recall(list(figures.get("corroborated", [])), "corroborated")
    conflicting, matched = recall(list(figures.get("conflicting", [])), "conflict")
    single, _ = recall(list(figures.get("single_source", [])), "exclusive")
    conflicts = [f for f in findings if f.kind == "conflict"]
    false = [f for f in conflicts if f not in matched]
    precision = (len(conflicts) - len(false)) / len(conflicts) if conflicts else 1.0
    statements = list(gold.get("quotes", {}).get("same_statement_across_outlets", []))
    statement_hits = sum(_statement_found(s, findings, prefixes) for s in statements)
    examples = gold.get("framing", {}).get("examples", {})
    pairs = [(key, term) for key, terms in examples.items() for term in terms]
    framing_hits = sum(_framing_found(key, term, comparison, outlets) for key, term in pairs)
    n = sum(len(list(figures.get(k, []))) for k in ("corroborated", "conflicting", "single_source"))
    exclusives = sum(f.kind == "exclusive" for f in findings)
    counts += [
        ("statement", statement_hits, len(statements)),
        ("framing", framing_hits, len(pairs)),
        ("reported", len(conflicts) - len(false), len(conflicts)),
        # how many figures the comparison calls single-source (found = items: a size, no recall)
        ("exclusive_reported", exclusives, exclusives),
    ]
    shown = tuple(
        f"{f.kind}: {f.what} [{'; '.join(f'{c.outlet}/{c.text}' for c in f.citations)}]"
        + (f" ({f.note})" if f.note else "")
        for f in findings
        if f.kind in ("corroborated", "conflict")
    )
    return CompareEvaluation(
        corroborated_recall=corroborated,
        conflicting_recall=conflicting,
        conflicting_precision=precision,
        single_source_recall=single,
        statements_recall=statement_hits / len(statements) if statements else 1.0,
        framing_recall=framing_hits / len(pairs) if pairs else 1.0,
        false_conflicts=len(false),
        n=n + len(statements) + len(pairs),
        mixed_findings=_mixed(figures, findings, prefixes),
        missed=tuple(missed),
        counts=tuple(counts),
        findings=shown,
    )


def evaluate_compare_many(gold_paths: Sequence[str | Path]) -> PooledCompareEvaluation:
    """Score each gold file on its own corpus (each event its own story) and pool them."""
    events = tuple((Path(p).stem, evaluate_compare(p)) for p in gold_paths)
    return PooledCompareEvaluation(events, pool([result for _, result in events]))


def evaluate_compare(gold_path: str | Path) -> CompareEvaluation:
    """Run the whole pipeline on the gold's corpus in a fresh store and score the comparison.

    All the corpus's articles are compared as one story, whatever the clustering says, so that
    this scores the comparison and not the clustering (``eval stories`` scores that).
    """
    from newsprism.evaluation.gold import load_gold
    from newsprism.records import Event, Story
    from newsprism.runner import analyze
    from newsprism.store import MemoryStore
    from newsprism.views import story_view

    path = Path(gold_path)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise NewsprismError("E040", path, exc) from None
    corpus = load_gold(path)
    with MemoryStore() as store:
        analyze([str(doc.path) for doc in corpus.documents], store)
        articles = list(store.articles())
        event = Event("ev-all", "st-all", "all", None, tuple(a.doc_id for a in articles))
        view = story_view(store, Story("st-all", "all", (event,)))
    return score_articles(raw, view.comparison, articles)


def score_articles(
    gold: dict[str, Any], comparison: Comparison, articles: Sequence[Article]
) -> CompareEvaluation:
    """:func:`score_comparison` with the gold's keys read off the articles' file names.

    The gold names a document by the first three characters of its file name; an outlet is
    keyed as the comparison keys framing, so that an article of unknown outlet is its own source.
    """
    prefixes = {a.doc_id: Path(a.source).name[:3] for a in articles}
    outlets = {Path(a.source).name[:3]: a.source_name for a in articles}
    return score_comparison(gold, comparison, prefixes, outlets)
