"""Score the brief against NeuS's editor-written neutral summaries, beside extractive baselines.

NeuS (Lee et al., NAACL 2022) pairs three articles on one issue, from outlets of the left, the
centre and the right (AllSides), with the neutral summary AllSides' editors wrote. Its
``.source`` lines hold the three articles as ``TITLE=> ... ARTICLE=> ...`` separated by
``[SEP]`` (left, centre, right as the lines give them); its ``.target`` lines the summary in the
same ``TITLE=> ... ARTICLE=> ...`` form.

Each triple is briefed as one story of three articles (one body paragraph each, the headline as
title) by the same :func:`newsprism.brief.brief_story` that briefs stored stories, with no
extraction: NeuS articles are 70-word leads, so this scores the generic sentence scorer. The
reference is the summary's ``ARTICLE=>`` text (its headline is not a summary sentence). Every
system gets the same length budget in words and is cut at it (as DUC did): newsprism, the
lead sentences of the three articles taken in turn, LexRank (sumy) over all their sentences,
and the centre article's lead. ROUGE-1/2/L F-measures come from ``rouge-score`` with Porter
stemming, averaged over triples.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsprism.errors import NewsprismError
from newsprism.extras import require
from newsprism.records import Article, Paragraph, Role, Span

if TYPE_CHECKING:
    from newsprism.brief import Weights

__all__ = [
    "BUDGET_WORDS",
    "SYSTEMS",
    "NeusItem",
    "SummariesEvaluation",
    "evaluate_summaries",
    "neus_articles",
    "read_neus",
    "truncate",
]

BUDGET_WORDS = 55
"""The length budget of every system, in words: the median length of the editors' summaries
(``ARTICLE=>`` part) on the NeuS train split (mean 66.7, median 55). Not tuned for any
system."""

SYSTEMS = ("newsprism", "lead", "lexrank", "centre_lead")
"""Systems scored, in the order printed: newsprism and the three baselines."""


@dataclass(frozen=True, slots=True)
class NeusItem:
    """One NeuS triple: the three articles' (title, body) and the reference summary."""

    index: int
    articles: tuple[tuple[str, str], ...]
    reference: str


def _parts(text: str) -> tuple[str, str]:
    """(title, article) of a ``TITLE=> ... ARTICLE=> ...`` string."""
    title, _, body = text.partition("ARTICLE=>")
    return title.replace("TITLE=>", "").strip(), body.strip()


def read_neus(source: str | Path, target: str | Path) -> Iterator[NeusItem]:
    """The triples of a NeuS ``.source`` / ``.target`` pair, in file order."""
    try:
        sources = Path(source).read_text(encoding="utf-8").splitlines()
        targets = Path(target).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise NewsprismError("E040", source, exc) from None
    if len(sources) != len(targets):
        raise NewsprismError(
            "E040", source, f"{len(sources)} source lines but {len(targets)} target lines"
        )
    for i, (line, summary) in enumerate(zip(sources, targets, strict=True)):
        articles = tuple(_parts(part) for part in line.split("[SEP]"))
        yield NeusItem(i, articles, _parts(summary)[1])


def neus_articles(item: NeusItem) -> list[Article]:
    """The triple as three cleaned articles (one body paragraph each), ready to brief."""
    out = []
    for k, (title, body) in enumerate(item.articles):
        doc = f"neus-{item.index}-{k}"
        paragraph = Paragraph(0, body, Span(doc, 0, len(body)), Role.BODY, "NeuS article text")
        out.append(
            Article(doc, f"neus:{item.index}:{k}", body, title, (paragraph,), outlet=f"side {k}")
        )
    return out


def truncate(sentences: Sequence[str], budget: int) -> str:
    """The sentences joined and cut at ``budget`` words."""
    return " ".join(" ".join(sentences).split()[:budget])


# --------------------------------------------------------------------------------------------
# systems


def _newsprism(
    articles: Sequence[Article], budget: int, weights: Weights | None = None
) -> list[str]:
    from newsprism.brief import DEFAULT_WEIGHTS, brief_story

    brief = brief_story("neus", articles, max_words=budget, weights=weights or DEFAULT_WEIGHTS)
    return [s.text for s in brief.sentences]


def _sentences(article: Article) -> list[str]:
    from newsprism.brief.sentences import article_sentences

    return [s.text for s in article_sentences(article)]


def _lead(articles: Sequence[Article], budget: int) -> list[str]:
    """First sentences of each article, then second sentences, and so on."""
    per = [_sentences(a) for a in articles]
    out: list[str] = []
    for rank in range(max((len(p) for p in per), default=0)):
        out += [p[rank] for p in per if rank < len(p)]
    return out


def _centre_lead(articles: Sequence[Article], budget: int) -> list[str]:
    return _sentences(articles[len(articles) // 2]) if articles else []


class _Words:
    """sumy's word tokenizer protocol over newsprism's own tokenizer.

    sumy's English ``Tokenizer`` needs NLTK's punkt data, which would have to be downloaded;
    newsprism never downloads at run time, so the sentences come from newsprism's splitter
    (the same for every system here) and the words from this regex tokenizer.
    """

    language = "english"

    @staticmethod
    def to_words(text: str) -> list[str]:
        from newsprism.brief.sentences import words

        return words(text)

    @staticmethod
    def to_sentences(text: str) -> list[str]:
        from newsprism.brief.sentences import split_sentences

        return [text[s:e] for s, e in split_sentences(text)]


def _lexrank(articles: Sequence[Article], budget: int) -> list[str]:
    require("sumy", "eval")
    import numpy
    from sumy.models.dom import ObjectDocumentModel
    from sumy.models.dom import Paragraph as SumyParagraph
    from sumy.models.dom import Sentence as SumySentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.utils import get_stop_words

    tokenizer = _Words()
    paragraphs = [
        SumyParagraph([SumySentence(s, tokenizer) for s in _sentences(a)]) for a in articles
    ]
    summarizer = LexRankSummarizer(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")

    def fill(infos: list[Any]) -> list[Any]:
        # sumy hands the sentences best first; take them until the budget is filled.
        taken, total = [], 0
        for info in infos:
            if total >= budget:
                break
            taken.append(info)
            total += len(str(info.sentence).split())
        return taken

    # sumy's power method divides by a zero norm when no two sentences share a word (NaN
    # ratings, then an arbitrary order); that is LexRank's own answer for such a triple.
    with numpy.errstate(invalid="ignore", divide="ignore"):
        picked = summarizer(ObjectDocumentModel(paragraphs), fill)
    return [str(s) for s in picked]


_RUNNERS: dict[str, Callable[[Sequence[Article], int], list[str]]] = {
    "newsprism": _newsprism,
    "lead": _lead,
    "lexrank": _lexrank,
    "centre_lead": _centre_lead,
}


# --------------------------------------------------------------------------------------------
# scoring


@dataclass(frozen=True, slots=True)
class SummariesEvaluation:
    """Mean ROUGE-1/2/L F of each system over the triples scored."""

    scores: dict[str, dict[str, float]]
    n: int
    budget: int

    def to_json(self) -> dict[str, Any]:
        """System name -> {rouge1, rouge2, rougeL}, plus ``n``."""
        out: dict[str, Any] = {
            name: {k: round(v, 4) for k, v in figures.items()}
            for name, figures in self.scores.items()
        }
        out["n"] = self.n
        return out

    def beats_baselines(self) -> bool:
        """Whether newsprism beats every baseline on ROUGE-1, ROUGE-2 and ROUGE-L."""
        ours = self.scores["newsprism"]
        return all(
            ours[m] > figures[m]
            for name, figures in self.scores.items()
            if name != "newsprism"
            for m in ("rouge1", "rouge2", "rougeL")
        )


def evaluate_summaries(
    source: str | Path,
    target: str | Path,
    *,
    limit: int | None = None,
    budget: int = BUDGET_WORDS,
    systems: Sequence[str] = SYSTEMS,
    weights: Weights | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> SummariesEvaluation:
    """Brief every NeuS triple and score it and the baselines with ROUGE (stemming on).

    ``limit`` scores the first N triples only (quick runs); ``weights`` replaces the brief's
    calibrated weights (for calibration); ``progress(done, total)`` is called after each
    triple.
    """
    rouge = require("rouge_score.rouge_scorer", "eval")
    scorer = rouge.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
    items = list(read_neus(source, target))
    if limit is not None:
        items = items[:limit]
    totals: dict[str, dict[str, list[float]]] = {
        name: {"rouge1": [], "rouge2": [], "rougeL": []} for name in systems
    }
    for done, item in enumerate(items, 1):
        articles = neus_articles(item)
        for name in systems:
            if name == "newsprism":
                sentences = _newsprism(articles, budget, weights)
            else:
                sentences = _RUNNERS[name](articles, budget)
            summary = truncate(sentences, budget)
            result = scorer.score(item.reference, summary)
            for metric, values in totals[name].items():
                values.append(result[metric].fmeasure)
        if progress is not None:
            progress(done, len(items))
    scores = {
        name: {m: statistics.fmean(v) if v else 0.0 for m, v in metrics.items()}
        for name, metrics in totals.items()
    }
    return SummariesEvaluation(scores, len(items), budget)
