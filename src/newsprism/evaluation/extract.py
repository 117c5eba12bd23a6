"""Extraction scored against a gold file's quotes, entities and figures, beside textacy.

The corpus files are read and cleaned exactly as the cleaning evaluation does (``read_file``,
then ``clean_batch`` over the whole corpus), then extracted as one batch. Scores:

- ``quotes_recall``: share of ``quotes.must`` items found: a quote of that document whose text
  starts with the item's words (or holds a quotation starting with them);
- ``speakers_recall``: share found with the right speaker (the gold name is the speaker
  entity's name or one of its aliases);
- ``entities_recall``: share of ``entities.must_merge`` groups whose names all belong to one
  entity, and every name found;
- ``figures_recall``: share of the (document, value) reports of ``figures`` items marked
  ``must`` found with that value and unit;
- ``must_not_violations``: ``quotes.must_not`` items broken (a quote taken from lines they
  forbid).

textacy's ``direct_quotations`` is scored on the quotes (it finds no entities or figures), on
the same kept paragraphs newsprism reads.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsprism.evaluation.gold import GoldCorpus, load_gold
from newsprism.evaluation.gold_extract import (
    ExtractGold,
    ForbiddenLines,
    GoldQuote,
    load_extract_gold,
)
from newsprism.records import Article, Extraction, Figure, Quote

__all__ = [
    "ExpectedFigure",
    "ExtractEvaluation",
    "evaluate_extract",
    "expected_figure",
    "score_extractions",
]

_QUOTE_CHARS = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "`": "'", "„": '"'})
_CURRENCIES = {"$": "USD", "usd": "USD", "eur": "EUR", "€": "EUR", "gbp": "GBP", "£": "GBP"}
_UNITS = {
    "second": "seconds", "minute": "minutes", "hour": "hours", "day": "days", "week": "weeks",
    "month": "months", "year": "years", "decade": "decades",
}  # fmt: skip
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20, "thirty": 30,
}  # fmt: skip
_NUMBER = r"(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?"


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_QUOTE_CHARS).casefold()
    return " ".join(text.split())


@dataclass(frozen=True, slots=True)
class ExpectedFigure:
    """A gold value as written ("1.5 billion USD", "more than four hours"), read."""

    kind: str
    value: float
    unit: str | None
    iso: str = ""


def _number(text: str) -> float | None:
    match = re.search(_NUMBER, text)
    if match:
        value = float(match.group(0).replace(",", ""))
    else:
        words = [w for w in re.findall(r"[a-z]+", text.lower()) if w in _WORDS]
        if not words:
            return None
        value = float(_WORDS[words[0]])
    scale = re.search(r"\b(thousand|million|billion|trillion)\b", text.lower())
    return value * _SCALES[scale.group(1)] if scale else value


def expected_figure(text: str) -> ExpectedFigure | None:
    """What a gold figure value means: kind, value and unit (None when it cannot be read)."""
    lower = text.lower()
    iso = re.search(r"\b(\d{4})-(\d{2})-(\d{2})\b", text)
    if iso:
        day = dt.date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        return ExpectedFigure("date", float(day.toordinal()), "date", day.isoformat())
    value = _number(lower)
    if value is None:
        return None
    if re.search(r"%|\bper ?cent\b", lower):
        return ExpectedFigure("percent", value, "percent")
    for sign, code in _CURRENCIES.items():
        if sign in lower.split() or (not sign.isalpha() and sign in lower):
            return ExpectedFigure("money", value, code)
    # A duration's unit follows its number: "four hours", "26 years" (not "in the days after").
    unit = re.search(
        rf"(?:{_NUMBER}|\b(?:{'|'.join(_WORDS)}))\s+(second|minute|hour|day|week|month|year|decade)s?\b",
        lower,
    )
    if unit:
        return ExpectedFigure("duration", value, _UNITS[unit.group(unit.lastindex or 0)])
    year = re.search(r"\b(1[89]\d\d|20\d\d)\b", text)
    if year and float(year.group(1)) == value and "," not in text:
        return ExpectedFigure("year", value, "year")
    return ExpectedFigure("count", value, None)


def _figure_matches(figure: Figure, expected: ExpectedFigure) -> bool:
    if expected.kind == "date":
        return figure.kind == "date" and figure.normalized == expected.iso
    if figure.kind != expected.kind:
        return False
    if abs(figure.value - expected.value) > 1e-6 * max(1.0, abs(expected.value)):
        return False
    return expected.unit is None or figure.unit == expected.unit


@dataclass(frozen=True, slots=True)
class QuoteCheck:
    """One must-quote: found or not, and by whom."""

    gold: GoldQuote
    found: bool
    speaker_ok: bool
    speaker: str | None = None


@dataclass(frozen=True, slots=True)
class FigureCheck:
    """One (document, value) report of a must-figure."""

    what: str
    doc: str
    value: str
    found: bool


@dataclass(frozen=True, slots=True)
class GroupCheck:
    """One must-merge group: the entities its names were found in."""

    names: tuple[str, ...]
    entities: tuple[str, ...]
    missing: tuple[str, ...]

    @property
    def ok(self) -> bool:
        """True when every name was found and all in one entity."""
        return not self.missing and len(self.entities) == 1


@dataclass(frozen=True, slots=True)
class SystemChecks:
    """One system's checks against the gold."""

    quotes: tuple[QuoteCheck, ...]
    violations: tuple[str, ...]
    groups: tuple[GroupCheck, ...] = ()
    figures: tuple[FigureCheck, ...] = ()
    has_entities: bool = True

    def to_json(self) -> dict[str, float | int]:
        """The recalls and the number of must-not items broken."""

        def share(hits: int, total: int) -> float:
            """hits / total to 4 places (0 when there is nothing to count)."""
            return round(hits / total, 4) if total else 0.0

        out: dict[str, float | int] = {
            "quotes_recall": share(sum(q.found for q in self.quotes), len(self.quotes)),
            "speakers_recall": share(sum(q.speaker_ok for q in self.quotes), len(self.quotes)),
        }
        if self.has_entities:
            out["entities_recall"] = share(sum(g.ok for g in self.groups), len(self.groups))
            out["figures_recall"] = share(sum(f.found for f in self.figures), len(self.figures))
        out["must_not_violations"] = len(self.violations)
        out["n"] = len(self.quotes) + len(self.groups) + len(self.figures)
        return out


@dataclass(frozen=True, slots=True)
class ExtractEvaluation:
    """The extraction evaluation of one gold corpus: newsprism and textacy."""

    gold: Path
    systems: dict[str, SystemChecks] = field(default_factory=dict)

    @property
    def newsprism(self) -> SystemChecks:
        """newsprism's checks."""
        return self.systems["newsprism"]

    def to_json(self) -> dict[str, Any]:
        """One object per system and ``n``, the number of gold items scored."""
        result: dict[str, Any] = {name: s.to_json() for name, s in self.systems.items()}
        result["n"] = self.systems["newsprism"].to_json()["n"] if self.systems else 0
        return result


def _starts(quote_text: str, starts: str) -> bool:
    text, head = _norm(quote_text).strip("\"' "), _norm(starts)
    index = text.find(head)
    return index == 0 or (index > 0 and text[index - 1] in "\"'")


def _line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]


def _violated(rule: ForbiddenLines, article: Article, spans: Sequence[tuple[int, int]]) -> bool:
    if not rule.lines:
        return False
    starts = _line_starts(article.text)
    for start, end in spans:
        first = bisect.bisect_right(starts, start)
        last = bisect.bisect_right(starts, max(start, end - 1))
        if any(first <= line <= last for line in rule.lines):
            return True
    return False


def _quote_spans(quote: Quote) -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in quote.parts] or [(quote.span.start, quote.span.end)]


def score_extractions(
    gold: ExtractGold,
    corpus: GoldCorpus,
    articles: Sequence[Article],
    extractions: Sequence[Extraction],
) -> SystemChecks:
    """Check newsprism's extractions (one per gold document, in order) against the gold."""
    by_doc = {
        d.name[:3]: (a, x) for d, a, x in zip(corpus.documents, articles, extractions, strict=True)
    }
    quotes = []
    for item in gold.quotes:
        article_x = by_doc.get(item.doc)
        found, right, who = False, False, None
        if article_x is not None:
            _, x = article_x
            known = {e.id: {_norm(e.name), *(_norm(a) for a in e.aliases)} for e in x.entities}
            for q in x.quotes:
                if _starts(q.text, item.starts):
                    found = True
                    aliases = known.get(q.speaker_id or "", set())
                    ok = q.speaker_id is not None and _norm(item.speaker) in aliases
                    if ok or who is None:
                        who = q.speaker
                    right = right or ok
        quotes.append(QuoteCheck(item, found, right, who))
    violations = tuple(
        rule.text
        for rule in gold.must_not
        if rule.doc in by_doc
        and any(
            _violated(rule, by_doc[rule.doc][0], _quote_spans(q))
            for q in by_doc[rule.doc][1].quotes
        )
    )
    groups = []
    for names in gold.must_merge:
        owners: set[str] = set()
        missing = []
        for name in names:
            folded = _norm(name)
            holders = {
                e.id
                for x in extractions
                for e in x.entities
                if folded
                in {
                    _norm(e.name),
                    *(_norm(a) for a in e.aliases),
                    *(_norm(m.text) for m in e.mentions),
                }
            }
            if holders:
                owners |= holders
            else:
                missing.append(name)
        groups.append(GroupCheck(tuple(names), tuple(sorted(owners)), tuple(missing)))
    figures = []
    for figure in gold.figures:
        if not figure.must:
            continue
        for doc, value in figure.values:
            expected = expected_figure(value)
            found = False
            if expected is not None and doc in by_doc:
                found = any(_figure_matches(f, expected) for f in by_doc[doc][1].figures)
            figures.append(FigureCheck(figure.what, doc, value, found))
    return SystemChecks(tuple(quotes), violations, tuple(groups), tuple(figures))


def _textacy_checks(
    gold: ExtractGold, corpus: GoldCorpus, articles: Sequence[Article], nlp: Any
) -> SystemChecks:
    from newsprism.extras import require

    triples = require("textacy.extract.triples", "eval")
    found_quotes: dict[str, list[tuple[str, str, tuple[int, int]]]] = {}
    for document, article in zip(corpus.documents, articles, strict=True):
        body = article.body
        entries = []
        for paragraph, doc in zip(body, nlp.pipe(p.text for p in body), strict=True):
            try:
                triple_list = list(triples.direct_quotations(doc))
            except ValueError:
                continue  # an odd number of marks in the paragraph: textacy bails
            for t in triple_list:
                span = (paragraph.span.start + t.content.start_char,
                        paragraph.span.start + t.content.end_char)  # fmt: skip
                speaker = " ".join(tok.text for tok in t.speaker)
                entries.append((t.content.text.strip("\"“”'‘’ "), speaker, span))
        found_quotes[document.name[:3]] = entries
    by_doc = {d.name[:3]: a for d, a in zip(corpus.documents, articles, strict=True)}
    quotes = []
    for item in gold.quotes:
        hits = [e for e in found_quotes.get(item.doc, []) if _starts(e[0], item.starts)]
        surname = _norm(item.speaker).split()[-1]
        right = [e for e in hits if surname in _norm(e[1])]
        who = (right or hits)[0][1] if hits else None
        quotes.append(QuoteCheck(item, bool(hits), bool(right), who))
    violations = tuple(
        rule.text
        for rule in gold.must_not
        if rule.doc in by_doc
        and _violated(rule, by_doc[rule.doc], [e[2] for e in found_quotes.get(rule.doc, [])])
    )
    return SystemChecks(tuple(quotes), violations, has_entities=False)


def evaluate_extract(
    gold_path: str | Path, *, nlp: Any = None, baselines: bool = True
) -> ExtractEvaluation:
    """Read and clean the gold's corpus, extract it as one batch, and check it against the gold."""
    from newsprism.clean import clean_batch
    from newsprism.evaluation.clean import _read
    from newsprism.extract import extract_articles, load_nlp

    corpus = load_gold(gold_path)
    gold = load_extract_gold(gold_path)
    documents = [_read(corpus, d) for d in corpus.documents]
    articles = clean_batch(documents)
    pipeline = nlp if nlp is not None else load_nlp()
    extractions = extract_articles(articles, nlp=pipeline)
    systems = {"newsprism": score_extractions(gold, corpus, articles, extractions)}
    if baselines:
        systems["textacy"] = _textacy_checks(gold, corpus, articles, pipeline)
    return ExtractEvaluation(Path(gold_path), systems)
