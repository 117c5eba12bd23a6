"""Line-level evaluation of cleaning against a gold file, beside jusText and trafilatura.

The scored lines of a document are its non-blank lines other than the gold title line. A line is
gold positive when the gold calls it body or subheading, and predicted positive when it overlaps
the span of a paragraph the cleaner kept. Counts are summed over all documents (micro average).
The peers see the same lines, one HTML paragraph each (see :mod:`.baselines`), and are scored on
the same lines the same way. Outlet and date accuracy are shares of the documents whose gold
gives an outlet or a date range; a document without one is not counted in that figure.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from newsprism.errors import NewsprismError
from newsprism.evaluation.baselines import Baseline, justext_kept, trafilatura_kept
from newsprism.evaluation.gold import DateRange, GoldCorpus, GoldDocument, load_gold
from newsprism.evaluation.outlets import outlet_matches
from newsprism.records import Article, Document, Paragraph

__all__ = [
    "CleanEvaluation",
    "DocumentResult",
    "LineMiss",
    "LineScores",
    "evaluate_articles",
    "evaluate_clean",
    "predicted_lines",
    "score_document",
]

_LINE_BREAK = re.compile(r"\r\n|\r|\n")

DEFAULT_BASELINES: Mapping[str, Baseline] = MappingProxyType(
    {"justext": justext_kept, "trafilatura": trafilatura_kept}
)


@dataclass(frozen=True, slots=True)
class LineScores:
    """Confusion counts over scored lines, with precision, recall and F1 derived from them."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    @property
    def n(self) -> int:
        """Number of lines scored."""
        return self.tp + self.fp + self.fn + self.tn

    @property
    def precision(self) -> float:
        """Share of kept lines that are body (0.0 when nothing was kept)."""
        kept = self.tp + self.fp
        return self.tp / kept if kept else 0.0

    @property
    def recall(self) -> float:
        """Share of body lines that were kept (0.0 when there is no body)."""
        body = self.tp + self.fn
        return self.tp / body if body else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: LineScores) -> LineScores:
        return LineScores(
            self.tp + other.tp, self.fp + other.fp, self.fn + other.fn, self.tn + other.tn
        )

    def to_json(self) -> dict[str, float | int]:
        """Precision, recall, F1 (rounded to 4 places) and the number of lines scored."""
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "n": self.n,
        }

    @classmethod
    def count(cls, scored: Sequence[int], gold: frozenset[int], kept: frozenset[int]) -> LineScores:
        """Count the scored lines by gold (body or not) and prediction (kept or not)."""
        tp = fp = fn = tn = 0
        for line in scored:
            if line in kept:
                if line in gold:
                    tp += 1
                else:
                    fp += 1
            elif line in gold:
                fn += 1
            else:
                tn += 1
        return cls(tp, fp, fn, tn)


@dataclass(frozen=True, slots=True)
class LineMiss:
    """A line the cleaner got wrong: what the gold says it is and what the cleaner made of it."""

    line: int
    text: str
    gold: str
    """The gold label: body, subheading, or the not_body reason."""
    predicted: str
    """The role and reason of the paragraph covering the line, or ``"not in any paragraph"``."""


@dataclass(frozen=True, slots=True)
class DocumentResult:
    """How one document was cleaned, against its gold."""

    name: str
    path: Path
    scores: LineScores
    false_positives: tuple[LineMiss, ...]
    false_negatives: tuple[LineMiss, ...]
    gold_outlet: str | None
    predicted_outlet: str | None
    outlet_ok: bool | None
    """None when the gold names no outlet for this document."""
    gold_dates: DateRange | None
    predicted_date: dt.date | None
    date_ok: bool | None
    """None when the gold gives no date range for this document."""
    baselines: Mapping[str, LineScores]
    """The peers' scores on this document, by name (``justext``, ``trafilatura``)."""
    aligned_by: str = "span"
    """``span`` when lines were found from paragraph spans; ``line`` when from line numbers."""
    cleaned: bool = True
    """False when the cleaner returned no article for this document."""


@dataclass(frozen=True, slots=True)
class CleanEvaluation:
    """The cleaning evaluation of one gold corpus: newsprism and its peers, micro-averaged."""

    gold: Path
    corpus: Path
    newsprism: LineScores
    outlet_accuracy: float | None
    """Share of the documents with a gold outlet whose outlet was found; None if none has one."""
    date_accuracy: float | None
    """Share of the documents with a gold date range dated inside it; None if none has one."""
    baselines: Mapping[str, LineScores]
    documents: tuple[DocumentResult, ...]

    @property
    def n(self) -> int:
        """Number of lines scored over all documents."""
        return self.newsprism.n

    @property
    def justext(self) -> LineScores:
        """jusText's scores on the same lines."""
        return self.baselines["justext"]

    @property
    def trafilatura(self) -> LineScores:
        """trafilatura's scores on the same lines."""
        return self.baselines["trafilatura"]

    def to_json(self) -> dict[str, Any]:
        """The headline figures as a JSON-ready dict (lower-case keys, floats to 4 places)."""
        ours = self.newsprism
        newsprism = {
            "precision": round(ours.precision, 4),
            "recall": round(ours.recall, 4),
            "f1": round(ours.f1, 4),
            "outlet_accuracy": _rounded(self.outlet_accuracy),
            "date_accuracy": _rounded(self.date_accuracy),
            "n": ours.n,
        }
        result: dict[str, Any] = {"newsprism": newsprism}
        for name, scores in self.baselines.items():
            result[name] = scores.to_json()
        result["n"] = self.n
        return result


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _share(flags: Sequence[bool | None]) -> float | None:
    """The share of True among the flags that are not None (None when all are)."""
    scored = [f for f in flags if f is not None]
    return sum(scored) / len(scored) if scored else None


def evaluate_clean(
    gold_path: str | Path, *, baselines: Mapping[str, Baseline] = DEFAULT_BASELINES
) -> CleanEvaluation:
    """Ingest the gold's corpus, clean it as one batch, and score it line by line."""
    # Imported here, not at the top: load_gold and outlet_matches should not pay for loading
    # the cleaner's model, and the stages stay free to import nothing from the evaluation.
    from newsprism.clean import clean_batch

    gold = load_gold(gold_path)
    documents = [_read(gold, doc) for doc in gold.documents]
    articles = clean_batch(documents)
    return evaluate_articles(gold, documents, articles, baselines=baselines)


def evaluate_articles(
    gold: GoldCorpus,
    documents: Sequence[Document],
    articles: Sequence[Article],
    *,
    baselines: Mapping[str, Baseline] = DEFAULT_BASELINES,
) -> CleanEvaluation:
    """Score cleaned articles against ``gold``; ``documents`` are the gold's files, in order."""
    if len(documents) != len(gold.documents):
        raise ValueError(f"{len(documents)} documents for {len(gold.documents)} gold entries")
    by_id: dict[str, Article] = {}
    for cleaned in articles:
        by_id.setdefault(cleaned.doc_id, cleaned)
    in_order = len(articles) == len(documents) and all(
        a.doc_id == d.id for a, d in zip(articles, documents, strict=True)
    )
    results = []
    for i, (gold_doc, document) in enumerate(zip(gold.documents, documents, strict=True)):
        # Two identical files share an id, so trust the order when clean_batch kept it.
        article: Article | None = articles[i] if in_order else by_id.get(document.id)
        results.append(
            score_document(gold_doc, document.content, article, baselines=baselines, gold=gold)
        )
    total = sum((r.scores for r in results), LineScores())
    per_baseline = {
        name: sum((r.baselines[name] for r in results), LineScores()) for name in baselines
    }
    return CleanEvaluation(
        gold=gold.path,
        corpus=gold.corpus,
        newsprism=total,
        outlet_accuracy=_share([r.outlet_ok for r in results]),
        date_accuracy=_share([r.date_ok for r in results]),
        baselines=MappingProxyType(per_baseline),
        documents=tuple(results),
    )


def score_document(
    gold_doc: GoldDocument,
    text: str,
    article: Article | None,
    *,
    baselines: Mapping[str, Baseline] = DEFAULT_BASELINES,
    gold: GoldCorpus | None = None,
) -> DocumentResult:
    """Score one cleaned document (``article`` None when the cleaner dropped it)."""
    text = _normalise_newlines(text)
    lines = text.split("\n")
    _check_lines(gold_doc, lines, gold.path if gold else gold_doc.path)
    non_blank = [i for i, line in enumerate(lines, 1) if line.strip()]
    scored = [i for i in non_blank if i != gold_doc.title_line]
    positives = gold_doc.kept_lines

    if article is None:
        covering: dict[int, Paragraph] = {}
        kept: frozenset[int] = frozenset()
        aligned_by = "span"
    else:
        covering, aligned_by = _covering_paragraphs(article, text)
        kept = frozenset(line for line, p in covering.items() if p.role.is_kept)
    scores = LineScores.count(scored, positives, kept)

    def miss(line: int) -> LineMiss:
        paragraph = covering.get(line)
        said = "not in any paragraph"
        if paragraph is not None:
            said = f"{paragraph.role.value}: {paragraph.reason}"
        return LineMiss(line, lines[line - 1], gold_doc.label(line), said)

    # Each peer reads every non-blank line (the headline too, as newsprism does) but is scored
    # only on the scored lines.
    peer_input = [lines[i - 1] for i in non_blank]
    peer_scores = {}
    for name, baseline in baselines.items():
        flags = baseline(peer_input)
        peer_kept = frozenset(i for i, flag in zip(non_blank, flags, strict=True) if flag)
        peer_scores[name] = LineScores.count(scored, positives, peer_kept)

    outlet = article.outlet if article else None
    day = article.published.date if article else None
    return DocumentResult(
        name=gold_doc.name,
        path=gold_doc.path,
        scores=scores,
        false_positives=tuple(miss(i) for i in scored if i in kept and i not in positives),
        false_negatives=tuple(miss(i) for i in scored if i in positives and i not in kept),
        gold_outlet=gold_doc.outlet,
        predicted_outlet=outlet,
        outlet_ok=None if gold_doc.outlet is None else outlet_matches(outlet, gold_doc.outlet),
        gold_dates=gold_doc.published,
        predicted_date=day,
        date_ok=None
        if gold_doc.published is None
        else day is not None and day in gold_doc.published,
        baselines=MappingProxyType(peer_scores),
        aligned_by=aligned_by,
        cleaned=article is not None,
    )


def predicted_lines(article: Article, text: str) -> frozenset[int]:
    """1-based lines of ``text`` overlapped by a kept paragraph of ``article``."""
    covering, _ = _covering_paragraphs(article, _normalise_newlines(text))
    return frozenset(line for line, p in covering.items() if p.role.is_kept)


def _covering_paragraphs(article: Article, text: str) -> tuple[dict[int, Paragraph], str]:
    """Map each line to the paragraph covering it (a kept one wins), and say how it was found."""
    covering: dict[int, Paragraph] = {}

    def cover(line: int, paragraph: Paragraph) -> None:
        current = covering.get(line)
        if current is None or (paragraph.role.is_kept and not current.role.is_kept):
            covering[line] = paragraph

    if _normalise_newlines(article.text) == text or not all(
        p.line is not None for p in article.paragraphs
    ):
        # Spans point into article.text; its line breaks are the file's, so offsets give lines.
        starts, ends = _line_bounds(article.text)
        for paragraph in article.paragraphs:
            start, end = paragraph.span.start, paragraph.span.end
            first = max(bisect.bisect_right(starts, start) - 1, 0)
            last = bisect.bisect_left(starts, end) - 1
            for index in range(first, last + 1):
                # The line's own characters, not its line break, must overlap the span.
                if starts[index] < ends[index] and start < ends[index] and end > starts[index]:
                    cover(index + 1, paragraph)
        return covering, "span"
    # article.text is not the file (a cleaner that rewrote it): fall back on line numbers.
    for paragraph in article.paragraphs:
        assert paragraph.line is not None  # checked above
        height = _normalise_newlines(paragraph.text).strip("\n").count("\n") + 1
        for line in range(paragraph.line, paragraph.line + height):
            cover(line, paragraph)
    return covering, "line"


def _line_bounds(text: str) -> tuple[list[int], list[int]]:
    """Start and end offsets of each line; "\r\n", "\r" and "\n" each end a line."""
    starts, ends = [0], []
    for match in _LINE_BREAK.finditer(text):
        ends.append(match.start())
        starts.append(match.end())
    ends.append(len(text))
    return starts, ends


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _check_lines(gold_doc: GoldDocument, lines: Sequence[str], gold_path: Path) -> None:
    """A gold whose title or body lines are blank or past the end does not fit its file."""

    def blank(line: int) -> bool:
        return line > len(lines) or not lines[line - 1].strip()

    bad = sorted(line for line in gold_doc.kept_lines | {gold_doc.title_line} if blank(line))
    if bad:
        raise NewsprismError(
            "E040",
            gold_path,
            f"document {gold_doc.name!r}: lines {bad} are labelled but blank or past the end "
            f"of the file ({len(lines)} lines)",
        )


def _read(gold: GoldCorpus, gold_doc: GoldDocument) -> Document:
    from newsprism.ingest import read_file

    outcomes = list(read_file(gold_doc.path))
    documents = [o for o in outcomes if isinstance(o, Document)]
    failures = [o for o in outcomes if not isinstance(o, Document)]
    if failures:
        raise NewsprismError("E040", gold.path, f"corpus file cannot be read: {failures[0]}")
    if len(documents) != 1:
        raise NewsprismError(
            "E040",
            gold.path,
            f"corpus file {gold_doc.name!r} holds {len(documents)} documents; line-level gold "
            "needs exactly one per file",
        )
    return documents[0]
