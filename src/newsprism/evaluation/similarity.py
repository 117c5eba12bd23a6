"""The pairwise same-event score against SemEval-2022 Task 8's human ratings.

Each row of the CSV holds two article texts (headline and the start and end of the body, about
1,000 characters) and ``Overall``, the annotators' mean rating from 1 (same story) to 4 (not
related). newsprism's score (:func:`newsprism.cluster.pair_similarity`, higher = same event) is
computed on each pair and correlated with ``Overall``, so a good score correlates negatively;
the headline figure is its Pearson r. Beside it, plain TF-IDF cosine fitted on the pairs' texts.

The lexical score's choices (which features a pair compares) were made on the English-English
pairs of the training CSV; ``languages="others"`` scores every other pair, which it was never
tuned on (German, Spanish, Turkish, Chinese... and the cross-language ones).
"""

from __future__ import annotations

import csv
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsprism.errors import NewsprismError
from newsprism.records import Article, Paragraph, Role, Span

__all__ = ["PairRow", "SimilarityEvaluation", "evaluate_similarity", "pearson", "read_pairs"]


@dataclass(frozen=True, slots=True)
class PairRow:
    """Two texts, their languages and the human Overall rating (1 = same, 4 = different)."""

    pair_id: str
    lang1: str
    lang2: str
    text1: str
    text2: str
    overall: float


@dataclass(frozen=True, slots=True)
class SimilarityEvaluation:
    """Pearson r of each system's score with Overall, over ``n`` pairs."""

    n: int
    pearson: dict[str, float]

    def to_json(self) -> dict[str, Any]:
        """``{"newsprism": {"pearson", "n"}, "tfidf_cosine": {...}, "n"}``."""
        result: dict[str, Any] = {
            name: {"pearson": round(r, 4), "n": self.n} for name, r in self.pearson.items()
        }
        result["n"] = self.n
        return result


TUNED_LANGUAGES = "en-en"
"""The language pair the lexical score was tuned on."""


def _wanted(pair: str, languages: str) -> bool:
    if languages == "all":
        return True
    if languages == "others":
        return pair != TUNED_LANGUAGES
    return pair == languages


def read_pairs(path: str | Path, languages: str = "en-en") -> list[PairRow]:
    """The pairs of the CSV in the given language pair (``all`` for every pair, ``others``
    for every pair but the English ones the score was tuned on)."""
    path = Path(path)
    csv.field_size_limit(1 << 30)
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as exc:
        raise NewsprismError("E040", path, exc.strerror or "unreadable") from None
    with handle:
        reader = csv.DictReader(handle)
        need = {"lang1", "lang2", "text1", "text2", "Overall"}
        missing = need - set(reader.fieldnames or ())
        if missing:
            raise NewsprismError("E040", path, f"no {', '.join(sorted(missing))} column")
        rows = []
        for row in reader:
            pair = f"{row['lang1']}-{row['lang2']}"
            if not _wanted(pair, languages):
                continue
            try:
                overall = float(row["Overall"])
            except ValueError:
                continue
            rows.append(
                PairRow(
                    row.get("pair_id", ""),
                    row["lang1"],
                    row["lang2"],
                    row["text1"] or "",
                    row["text2"] or "",
                    overall,
                )
            )
    return rows


def pearson(x: Sequence[float], y: Sequence[float]) -> float:
    """Pearson correlation coefficient (0.0 when either side is constant)."""
    n = len(x)
    if n < 2:
        return 0.0
    mx, my = sum(x) / n, sum(y) / n
    sxy = sum((a - mx) * (b - my) for a, b in zip(x, y, strict=True))
    sxx = sum((a - mx) ** 2 for a in x)
    syy = sum((b - my) ** 2 for b in y)
    return sxy / math.sqrt(sxx * syy) if sxx and syy else 0.0


def _article(doc_id: str, text: str, language: str) -> Article:
    # The texts are extracted already (headline, then body): the first line is the headline.
    text = text.strip()
    title, _, body = text.partition("\n")
    if not body.strip():
        title, body = "", text
    paragraph = Paragraph(0, body, Span(doc_id, 0, len(body)), Role.BODY, "pair text")
    return Article(doc_id, doc_id, body, title.strip(), (paragraph,), language=language)


def _tfidf_cosines(rows: Sequence[PairRow]) -> list[float]:
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = [t for r in rows for t in (r.text1, r.text2)]
    matrix = TfidfVectorizer(sublinear_tf=True).fit_transform(texts)
    return [float((matrix[2 * i] @ matrix[2 * i + 1].T).toarray()[0, 0]) for i in range(len(rows))]


def evaluate_similarity(
    path: str | Path, *, languages: str = "en-en", semantic: bool = False
) -> SimilarityEvaluation:
    """Pearson r of newsprism's pair score and of TF-IDF cosine with Overall."""
    from newsprism.cluster import DEFAULT, SEMANTIC, pair_similarity

    config = SEMANTIC if semantic else DEFAULT

    rows = read_pairs(path, languages)
    if len(rows) < 2:
        raise NewsprismError("E040", path, f"fewer than two {languages} pairs")
    ours = [
        pair_similarity(
            _article(f"{i}a", r.text1, r.lang1), _article(f"{i}b", r.text2, r.lang2), config
        )
        for i, r in enumerate(rows)
    ]
    overall = [r.overall for r in rows]
    return SimilarityEvaluation(
        len(rows),
        {
            "newsprism": pearson(ours, overall),
            "tfidf_cosine": pearson(_tfidf_cosines(rows), overall),
        },
    )
