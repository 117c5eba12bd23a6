"""Attribution extraction scored on PolNeAR's brat standoff files, beside textacy.

PolNeAR (Newell et al. 2018) marks every attribution of political news articles with its source,
cue and content spans (``attributions/*.ann`` over ``text/*.txt``). Scores, per slice:

- content precision, recall and F1, ``exact`` (the same letters and digits: punctuation and
  quotation marks at the edges aside) and ``overlap`` (the shared letters and digits are at
  least half of the longer span); predictions and gold are paired one to one, best overlap
  first;
- speaker accuracy over the paired attributions whose gold has a source: right when one of the
  predicted speaker's mentions in the document overlaps the gold source span;
- cue accuracy (``all`` slice) over paired attributions: the predicted cue overlaps the gold cue.

Slices: ``direct`` holds the gold attributions whose content is one quotation from its opening
to its closing mark (trailing punctuation aside, pieces split by the attribution allowed), scored
against the systems' direct quotes; ``all`` holds every gold attribution, scored against
everything a system extracts. A direct quote a system finds that pairs with a gold attribution
outside the ``direct`` slice (a partial quotation inside reported speech) is left out of that
slice's precision, neither right nor wrong: the slice's gold says nothing about it.

The texts are already clean article text, so they are read as they are: each blank-line
separated block a body paragraph, offsets unchanged, headline included (PolNeAR annotates it).
When an article was annotated by several annotators, the first annotation file (by name) counts.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsprism.errors import NewsprismError
from newsprism.records import Article, Extraction, Paragraph, Role, Span

__all__ = [
    "GoldAttribution",
    "PolnearDocument",
    "Predicted",
    "QuoteEvaluation",
    "SliceScores",
    "evaluate_quotes",
    "read_polnear",
    "score",
]

Ranges = tuple[tuple[int, int], ...]
_OPENING = ("“", '"', "``", "''", "„", "«", "‘")
_CLOSING = ("”", '"', "''", "»", "’")
_TRAILING = " \t\n.,;:!?…)]"
_PARAGRAPH = re.compile(r"\n\s*\n")


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    """One PolNeAR attribution: content, cue and source character ranges."""

    id: str
    content: Ranges
    cue: Ranges
    source: Ranges
    direct: bool


@dataclass(frozen=True, slots=True)
class PolnearDocument:
    """One PolNeAR article: its text and its gold attributions."""

    name: str
    text: str
    attributions: tuple[GoldAttribution, ...]


@dataclass(frozen=True, slots=True)
class Predicted:
    """One predicted attribution, as character ranges of the document text."""

    content: Ranges
    cue: Ranges
    speaker: Ranges
    """The speaker's mentions in the document (its source phrase included)."""
    direct: bool


def _ranges(field_text: str) -> Ranges:
    return tuple(
        (int(a), int(b)) for a, b in (part.split() for part in field_text.split(";") if part)
    )


def read_polnear(split_dir: str | Path) -> list[PolnearDocument]:
    """The articles of a PolNeAR split folder (with ``text/`` and ``attributions/``)."""
    root = Path(split_dir)
    texts, annotations = root / "text", root / "attributions"
    if not texts.is_dir() or not annotations.is_dir():
        raise NewsprismError("E040", root, "a PolNeAR split needs 'text/' and 'attributions/'")
    by_article: dict[str, Path] = {}
    for ann in sorted(annotations.glob("*.ann")):
        stem = re.sub(r"_[0-9a-f]+$", "", ann.stem)
        by_article.setdefault(stem, ann)
    documents = []
    for text_path in sorted(texts.glob("*.txt")):
        ann_path = by_article.get(text_path.stem)
        text = text_path.read_text(encoding="utf-8")
        gold = _attributions(ann_path, text) if ann_path else ()
        documents.append(PolnearDocument(text_path.stem, text, gold))
    return documents


def _attributions(path: Path, text: str) -> tuple[GoldAttribution, ...]:
    spans: dict[str, Ranges] = {}
    found: list[GoldAttribution] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        if parts[0].startswith("T"):
            kind, _, ranges = parts[1].partition(" ")
            if kind in ("Source", "Cue", "Content"):
                spans[parts[0]] = _ranges(ranges)
        elif parts[0].startswith("E"):
            roles = dict(p.split(":", 1) for p in parts[1].split() if ":" in p)
            content = spans.get(roles.get("Content", ""), ())
            if not content:
                continue
            found.append(
                GoldAttribution(
                    parts[0],
                    content,
                    spans.get(roles.get("Cue", ""), ()),
                    spans.get(roles.get("Source", ""), ()),
                    is_direct(text, content),
                )
            )
    return tuple(found)


def is_direct(text: str, content: Ranges) -> bool:
    """True when a content is one quotation from its opening to its closing mark."""
    pieces = [text[a:b].strip() for a, b in sorted(content)]
    pieces = [p for p in pieces if p]
    if not pieces:
        return False
    for k, piece in enumerate(pieces):
        if not piece.startswith(_OPENING):
            return False
        body = piece.rstrip(_TRAILING)
        last = k == len(pieces) - 1
        # A piece may stay open when the next piece opens again (a quote over paragraphs).
        if not body.endswith(_CLOSING) and last:
            return False
        inner = body.lstrip("“\"`'„«‘")
        # "“immoral” “lie” of the ...": a mark closing before words that are not quoted.
        if re.search(r"[”»]\s*[^\W_]", inner[:-1]) or re.search(r"\"\s+[^\W\d_]+\s+\"", inner):
            return False
    return True


# --------------------------------------------------------------------------------------------
# scoring


def _letters(text: str, ranges: Ranges) -> frozenset[int]:
    return frozenset(i for a, b in ranges for i in range(a, min(b, len(text))) if text[i].isalnum())


def _overlaps(a: Ranges, b: Ranges) -> bool:
    return any(x < d and c < y for x, y in a for c, d in b)


@dataclass(slots=True)
class SliceScores:
    """Counts for one slice and system, with the figures derived from them."""

    gold: int = 0
    predicted: int = 0
    tp_exact: int = 0
    tp_overlap: int = 0
    speaker_right: int = 0
    speaker_scored: int = 0
    cue_right: int = 0
    cue_scored: int = 0

    def add(self, other: SliceScores) -> None:
        """Add another document's counts to these."""
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @staticmethod
    def _f1(tp: int, predicted: int, gold: int) -> tuple[float, float, float]:
        p = tp / predicted if predicted else 0.0
        r = tp / gold if gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def figures(self, prefix: str) -> dict[str, float | int]:
        """The slice's figures, keys prefixed (``direct_f1_overlap``...), rounded to 4 places."""
        pe, re_, fe = self._f1(self.tp_exact, self.predicted, self.gold)
        po, ro, fo = self._f1(self.tp_overlap, self.predicted, self.gold)
        speaker = self.speaker_right / self.speaker_scored if self.speaker_scored else 0.0
        out = {
            "precision_exact": pe,
            "recall_exact": re_,
            "f1_exact": fe,
            "precision_overlap": po,
            "recall_overlap": ro,
            "f1_overlap": fo,
            "speaker_accuracy": speaker,
        }
        result: dict[str, float | int] = {f"{prefix}_{k}": round(v, 4) for k, v in out.items()}
        result[f"{prefix}_n"] = self.gold
        return result


def _pairs(
    text: str, gold: Sequence[GoldAttribution], predicted: Sequence[Predicted], exact: bool
) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, predicted index), best overlap first."""
    gold_sets = [_letters(text, g.content) for g in gold]
    pred_sets = [_letters(text, p.content) for p in predicted]
    candidates: list[tuple[float, int, int]] = []
    for i, g in enumerate(gold_sets):
        for j, p in enumerate(pred_sets):
            if not g or not p:
                continue
            if exact:
                if g == p:
                    candidates.append((1.0, i, j))
                continue
            shared = len(g & p)
            ratio = shared / max(len(g), len(p))
            if ratio >= 0.5:
                candidates.append((ratio, i, j))
    candidates.sort(key=lambda c: -c[0])
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, i, j in candidates:
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            pairs.append((i, j))
    return pairs


def score(
    text: str, gold: Sequence[GoldAttribution], predicted: Sequence[Predicted], direct: bool
) -> SliceScores:
    """Score one document's predictions on the ``direct`` slice or on ``all`` attributions."""
    if direct:
        in_slice = [g for g in gold if g.direct]
        outside = [g for g in gold if not g.direct]
        candidates = [p for p in predicted if p.direct]
        matched = {j for _, j in _pairs(text, in_slice, candidates, exact=False)}
        # Direct quotes that pair with a gold attribution outside the slice are not scored.
        rest = [k for k in range(len(candidates)) if k not in matched]
        ignored = {
            rest[j] for _, j in _pairs(text, outside, [candidates[k] for k in rest], exact=False)
        }
        candidates = [p for k, p in enumerate(candidates) if k not in ignored]
        gold = in_slice
    else:
        candidates = list(predicted)
    result = SliceScores(gold=len(gold), predicted=len(candidates))
    result.tp_exact = len(_pairs(text, gold, candidates, exact=True))
    overlap = _pairs(text, gold, candidates, exact=False)
    result.tp_overlap = len(overlap)
    for i, j in overlap:
        g, p = gold[i], candidates[j]
        if g.source:
            result.speaker_scored += 1
            result.speaker_right += _overlaps(g.source, p.speaker)
        if g.cue:
            result.cue_scored += 1
            result.cue_right += _overlaps(g.cue, p.cue)
    return result


@dataclass(frozen=True, slots=True)
class SystemScores:
    """One system's scores on both slices."""

    direct: SliceScores
    all: SliceScores

    def to_json(self) -> dict[str, float | int]:
        """Both slices' figures, cue accuracy and the number of gold attributions."""
        out: dict[str, float | int] = {**self.direct.figures("direct"), **self.all.figures("all")}
        cue = self.all.cue_right / self.all.cue_scored if self.all.cue_scored else 0.0
        out["cue_accuracy"] = round(cue, 4)
        out["n"] = self.all.gold
        return out


@dataclass(frozen=True, slots=True)
class QuoteEvaluation:
    """Attribution scores of newsprism and its baselines on one PolNeAR split."""

    split: Path
    documents: int
    systems: Mapping[str, SystemScores] = field(default_factory=dict)

    @property
    def n(self) -> int:
        """Number of gold attributions scored."""
        return next(iter(self.systems.values())).all.gold if self.systems else 0

    def to_json(self) -> dict[str, Any]:
        """One object per system, plus ``n`` and the number of documents."""
        result: dict[str, Any] = {name: s.to_json() for name, s in self.systems.items()}
        result["n"] = self.n
        result["documents"] = self.documents
        return result


# --------------------------------------------------------------------------------------------
# systems


Predictor = Callable[[Sequence[PolnearDocument], Any], list[list[Predicted]]]


def polnear_article(document: PolnearDocument) -> Article:
    """The article text as newsprism reads it: every blank-line separated block kept as body."""
    paragraphs: list[Paragraph] = []
    start = 0
    for match in [*_PARAGRAPH.finditer(document.text), None]:
        end = match.start() if match else len(document.text)
        block = document.text[start:end]
        lead = len(block) - len(block.lstrip())
        body = block.strip()
        if body:
            a = start + lead
            paragraphs.append(
                Paragraph(len(paragraphs), body, Span(document.name, a, a + len(body)),
                          Role.BODY, "polnear text block")
            )  # fmt: skip
        start = match.end() if match else end
    title = paragraphs[0].text if paragraphs else ""
    return Article(document.name, document.name, document.text, title, tuple(paragraphs))


def newsprism_predictions(documents: Sequence[PolnearDocument], nlp: Any) -> list[list[Predicted]]:
    """newsprism's quotes for each document, as predicted attributions."""
    from newsprism.extract import extract_articles

    extractions = extract_articles([polnear_article(d) for d in documents], nlp=nlp)
    return [_from_extraction(x) for x in extractions]


def _from_extraction(extraction: Extraction) -> list[Predicted]:
    mentions: dict[str, list[tuple[int, int]]] = {}
    for entity in extraction.entities:
        mentions[entity.id] = [(m.span.start, m.span.end) for m in entity.mentions]
    predicted = []
    for q in extraction.quotes:
        content = tuple((s.start, s.end) for s in q.parts) or ((q.span.start, q.span.end),)
        speaker = list(mentions.get(q.speaker_id or "", []))
        if q.speaker_span is not None:
            speaker.append((q.speaker_span.start, q.speaker_span.end))
        cue = ((q.cue_span.start, q.cue_span.end),) if q.cue_span else ()
        predicted.append(Predicted(content, cue, tuple(speaker), q.kind == "direct"))
    return predicted


def textacy_predictions(documents: Sequence[PolnearDocument], nlp: Any) -> list[list[Predicted]]:
    """textacy's ``direct_quotations`` on each document's whole text (per paragraph if it bails)."""
    from newsprism.extras import require

    triples = require("textacy.extract.triples", "eval")
    results = []
    for document, doc in zip(documents, nlp.pipe(d.text for d in documents), strict=True):
        found: list[Predicted] = []
        try:
            found = [_from_triple(t, 0) for t in triples.direct_quotations(doc)]
        except ValueError:
            # An odd number of quotation marks makes textacy bail on the whole text; give it
            # each paragraph on its own so that one stray mark does not cost it the article.
            for start, end in _blocks(document.text):
                span = doc.char_span(start, end, alignment_mode="expand")
                if span is None:
                    continue
                try:
                    part = list(triples.direct_quotations(span.as_doc()))
                except ValueError:
                    continue
                found.extend(_from_triple(t, span.start_char) for t in part)
        results.append(found)
    return results


def _blocks(text: str) -> Iterable[tuple[int, int]]:
    start = 0
    for match in [*_PARAGRAPH.finditer(text), None]:
        end = match.start() if match else len(text)
        if text[start:end].strip():
            yield start, end
        start = match.end() if match else end


def _from_triple(triple: Any, offset: int) -> Predicted:
    def ranges(tokens: Iterable[Any]) -> Ranges:
        """Character ranges of tokens in the document text."""
        return tuple((offset + t.idx, offset + t.idx + len(t.text)) for t in tokens)

    content = triple.content
    return Predicted(
        ((offset + content.start_char, offset + content.end_char),),
        ranges(triple.cue),
        ranges(triple.speaker),
        True,
    )


DEFAULT_SYSTEMS: Mapping[str, Predictor] = {
    "newsprism": newsprism_predictions,
    "textacy": textacy_predictions,
}


def evaluate_quotes(
    split_dir: str | Path,
    *,
    systems: Mapping[str, Predictor] = DEFAULT_SYSTEMS,
    nlp: Any = None,
    limit: int | None = None,
) -> QuoteEvaluation:
    """Score every system on a PolNeAR split folder (``data/dev``, ``data/train``)."""
    from newsprism.extract import load_nlp

    documents = read_polnear(split_dir)[:limit]
    pipeline = nlp if nlp is not None else load_nlp()
    scored: dict[str, SystemScores] = {}
    for name, predict in systems.items():
        predictions = predict(documents, pipeline)
        direct, every = SliceScores(), SliceScores()
        for document, predicted in zip(documents, predictions, strict=True):
            direct.add(score(document.text, document.attributions, predicted, direct=True))
            every.add(score(document.text, document.attributions, predicted, direct=False))
        scored[name] = SystemScores(direct, every)
    return QuoteEvaluation(Path(split_dir), len(documents), scored)
