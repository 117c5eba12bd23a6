"""The stages that read each document on its own: ingest, clean, date, extract.

Ingest, clean and extract are pure (a function of their input: an executor may map them over
any partition); dating borrows anchors from the articles of earlier batches and of the store,
so it is stateful. Extraction merges entities across its batch and reads the framing terms off
the same spaCy ``Doc`` it made for entities, quotes and figures: each paragraph is parsed once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from newsprism.errors import NewsprismError, Problem, problem_of
from newsprism.records import Article, Citation, Document, IngestFailure
from newsprism.stages.base import BaseStage, Batch, Failure, StageContext, StageSpec
from newsprism.stages.registry import register

if TYPE_CHECKING:
    from newsprism.clean.dates import DateClues
    from newsprism.extract.core import ExtractBatch
    from newsprism.store import Store

__all__ = ["EXTRACTION_KIND", "Clean", "Date", "Extract", "Ingest"]

EXTRACTION_KIND = "extract"
"""Store kind of each article's :class:`Extraction`, keyed by document id (the kind of
``newsprism.store.schema.EXTRACTIONS``)."""


class Ingest(BaseStage):
    """Inputs (paths, globs, feed URLs) to documents with provenance, a failure per bad input."""

    spec = StageSpec("ingest", needs=("input",), makes=("document",), scope="input")

    def __init__(self, context: StageContext) -> None:
        self.limits = context.limits
        # [stages.ingest] max_bytes: the per-document size limit in place of the limits' own.
        self.max_bytes: int | None = context.options("ingest").get("max_bytes")

    def read(self, inputs: Sequence[str]) -> Iterator[Document | IngestFailure]:
        """Every document of ``inputs`` as it is read (a stream: a WARC may hold millions)."""
        from newsprism.ingest import iter_documents

        return iter_documents(inputs, max_bytes=self.max_bytes, limits=self.limits)

    def pipe(self, batch: Batch) -> Batch:
        """The documents of the batch's inputs (failures recorded by source)."""
        documents: list[Document] = []
        failures: list[Failure] = []
        for item in self.read(batch.inputs):
            if isinstance(item, IngestFailure):
                problem = Problem(item.code, item.reason)
                failures.append(Failure("ingest", "", item.source, problem))
            else:
                documents.append(item)
        return replace(
            batch,
            documents=batch.documents + tuple(documents),
            failures=batch.failures + tuple(failures),
        )


class Clean(BaseStage):
    """Each document to an article: roles, outlet, agency, language and the stated date.

    Documents are mapped through the run's executor (this process or a pool); relative dates
    are left to the ``date`` stage, which reads the batch together.
    """

    spec = StageSpec(
        "clean", needs=("document",), makes=("article",), scope="document", code="E015"
    )

    def __init__(self, context: StageContext) -> None:
        from newsprism.clean import CleanStage
        from newsprism.pipeline import Pipeline

        self.executor = context.executor
        self.pipeline = Pipeline([CleanStage(date=False)], code="E015")

    def pipe(self, batch: Batch) -> Batch:
        """The batch's documents cleaned, in their order; a document that raises fails alone."""
        documents = batch.documents
        cleaned: list[tuple[int, Article]] = []
        failures: list[Failure] = []
        for outcome in self.executor.map(self.pipeline, documents):
            document = documents[outcome.index]
            if outcome.problem is None:
                cleaned.append((outcome.index, outcome.value))
            else:
                source = document.provenance.source
                failures.append(Failure("clean", document.id, source, outcome.problem))
        cleaned.sort(key=lambda item: item[0])  # pools finish out of order
        failures.sort(key=lambda f: [d.id for d in documents].index(f.doc_id))
        return replace(
            batch,
            articles=batch.articles + tuple(a for _, a in cleaned),
            failures=batch.failures + tuple(failures),
        )


class Date(BaseStage):
    """Relative dates resolved together: undated articles borrow anchors from related dated
    ones of the batch, of earlier batches and of the store."""

    spec = StageSpec("date", needs=("article",), makes=("dated",), stateful=True)

    def __init__(self, context: StageContext) -> None:
        self.store = context.store
        self.anchors: list[tuple[Article, DateClues]] | None = None
        """Each dated article of the store and of the run, reduced to what dating reads of an
        anchor (its id and date: text and paragraphs emptied), with its date clues read once
        when it was added: a long run holds a few hundred bytes per article, not its text."""

    def pipe(self, batch: Batch) -> Batch:
        """The batch's articles with their dates resolved."""
        from newsprism.clean import article_clues
        from newsprism.clean.dates import resolve_batch

        if self.anchors is None:  # read once per run, when the first batch comes
            self.anchors = [
                _anchor(a) for a in self.store.articles() if a.published.date is not None
            ]
        # As ``resolve_dates(batch.articles, anchors)``, with the anchors' clues kept.
        dated = resolve_batch(
            batch.articles, [article_clues(a) for a in batch.articles], self.anchors
        )
        self.anchors.extend(_anchor(a) for a in dated if a.published.date is not None)
        return replace(batch, articles=tuple(dated))

    def reset(self) -> None:
        """Read the anchors from the store again."""
        self.anchors = None


def _anchor(article: Article) -> tuple[Article, DateClues]:
    """A dated article as :class:`Date` keeps it: its clues, and the article without text."""
    from newsprism.clean import article_clues

    light = replace(article, text="", title="", paragraphs=(), title_span=None)
    return light, article_clues(article)


class Extract(BaseStage):
    """Entities, quotes, figures and framing terms of each article, from one parse per text.

    Needs the ``[nlp]`` extra: without it the stage says so once in the run's notices and
    leaves the articles to a later run.
    """

    spec = StageSpec(
        "extract",
        needs=("article",),
        makes=("extraction", "framing.terms", "parse"),
        scope="document",
        mark="extract",
        code="E060",
    )

    def __init__(self, context: StageContext, *, nlp: Any = None, strict: bool = False) -> None:
        self.notices = context.notices
        self.nlp = nlp
        self.enabled = True
        # strict: raise an article's error instead of recording it (a caller with no report).
        self.strict = strict

    def _load(self) -> bool:
        if self.nlp is not None or not self.enabled:
            return self.enabled
        try:
            import importlib.util

            from newsprism.extras import require

            if importlib.util.find_spec("spacy") is None:
                require("spacy", "nlp")  # the install line, before the other [nlp] packages
            require("newsprism.extract", "nlp")
            from newsprism.extract import load_nlp

            self.nlp = load_nlp()  # spaCy imported here (see extract.nlp.import_spacy)
        except NewsprismError as exc:  # the [nlp] extra is missing: say so once, go on
            self.enabled = False
            self.notices.append(f"who-said-what and figures skipped: {exc}")
        return self.enabled

    def pipe(self, batch: Batch) -> Batch:
        """The batch with each readable article's extraction, framing terms and parses."""
        if not batch.articles or not self._load():
            return batch
        from newsprism.extract.nlp import nlp_view

        views: list[Article] = []
        for article in batch.articles:
            view = nlp_view(article)
            if view.left_out:
                self.notices.append(
                    f"{article.source}: who-said-what, figures and framing read the first "
                    f"{view.total - view.left_out:,} of {view.total:,} characters"
                )
            views.append(view.article)
        failures: dict[str, Failure] = {}
        by_id = {a.doc_id: a for a in batch.articles}

        def failure(doc_id: str, code: str, exc: BaseException) -> None:
            if self.strict:
                raise exc
            problem = problem_of(exc, code)
            failures.setdefault(doc_id, Failure("extract", doc_id, by_id[doc_id].source, problem))

        done, read_terms = self.read(views)
        for problem in done.failures:
            failure(problem.doc_id, "E060", problem.error)
        extracted = {x.doc_id: x for x in done.extractions}
        terms: dict[str, list[Citation]] = {}
        for doc_id in extracted:
            found = read_terms.get(doc_id)
            if isinstance(found, BaseException):
                failure(doc_id, "E061", found)
            elif found is not None:
                terms[doc_id] = found
        kept = {d: x for d, x in extracted.items() if d in terms}
        return replace(
            batch,
            extractions={**batch.extractions, **kept},
            terms={**batch.terms, **{d: tuple(terms[d]) for d in kept}},
            parses={**batch.parses, **{d: done.docs[d] for d in kept if d in done.docs}},
            failures=batch.failures + tuple(failures.values()),
        )

    def read(
        self, views: list[Article]
    ) -> tuple[ExtractBatch, dict[str, list[Citation] | BaseException]]:
        """Extract ``views`` (articles within the parsing bounds) and read the framing terms
        of each extracted one: its terms, or why reading them failed (E061), by doc id.

        The hook an executor replaces to read elsewhere
        (:mod:`newsprism.distributed.extraction`); :meth:`pipe` reports what it returns.
        """
        from newsprism.extract.core import extract_each

        done = extract_each(views, nlp=self.nlp)
        extracted = {x.doc_id for x in done.extractions}
        errors: dict[str, BaseException] = {}

        def failed(doc_id: str, code: str, exc: BaseException) -> None:
            errors.setdefault(doc_id, exc)

        terms = _framing_each(
            [v for v in views if v.doc_id in extracted], self.nlp, failed, done.docs
        )
        return done, {**terms, **errors}

    def save(self, batch: Batch, store: Store) -> Batch:
        """Store extractions and framing terms, add the terms to the framing prior and mark
        the articles done: one transaction (the runner's), so that a stop leaves each article
        either done or to be redone whole."""
        from newsprism.extract.framing import PRIOR_KEY, prior_records, term_counts
        from newsprism.store.schema import EXTRACTIONS, FRAMING_PRIOR, FRAMING_TERMS

        if not self.enabled:
            return batch
        failures: list[Failure] = []
        done: list[str] = []
        prior = Counter({t.term: t.count for t in FRAMING_PRIOR.get(store, PRIOR_KEY)})
        for article in batch.articles:
            extraction = batch.extractions.get(article.doc_id)
            citations = batch.terms.get(article.doc_id)
            if extraction is None or citations is None:
                continue
            try:
                EXTRACTIONS.put(store, article.doc_id, [extraction], doc_id=article.doc_id)
                FRAMING_TERMS.put(store, article.doc_id, citations, doc_id=article.doc_id)
            except Exception as exc:  # a record the store refuses (say, a NaN)
                if self.strict:
                    raise
                problem = problem_of(exc, "E063")
                failures.append(Failure("extract", article.doc_id, article.source, problem))
                continue
            prior.update(term_counts(citations))
            done.append(article.doc_id)
        FRAMING_PRIOR.put(store, PRIOR_KEY, prior_records(prior))
        store.mark_done("extract", done)
        saved = set(done)
        return replace(
            batch,
            extractions={d: x for d, x in batch.extractions.items() if d in saved},
            failures=batch.failures + tuple(failures),
        )


def _framing_each(
    articles: list[Article],
    nlp: Any,
    failure: Any,
    parses: Any,
) -> dict[str, list[Citation]]:
    """Each article's framing terms, its body read from ``parses`` (extraction's own Docs);
    an article that raises is a failure of its own (code E061)."""
    from newsprism.extract.framing import framing_terms

    try:
        terms = framing_terms(articles, nlp, parses=parses)
        return {a.doc_id: c for a, c in zip(articles, terms, strict=True)}
    except Exception:
        pass  # some article broke the batch: read each alone
    found: dict[str, list[Citation]] = {}
    for article in articles:
        try:
            found[article.doc_id] = framing_terms([article], nlp, parses=parses)[0]
        except Exception as exc:
            failure(article.doc_id, "E061", exc)
    return found


@register("ingest")
def _ingest(context: StageContext) -> Ingest:
    return Ingest(context)


@register("clean")
def _clean(context: StageContext) -> Clean:
    return Clean(context)


@register("date")
def _date(context: StageContext) -> Date:
    return Date(context)


@register("extract")
def _extract(context: StageContext) -> Extract:
    return Extract(context)
