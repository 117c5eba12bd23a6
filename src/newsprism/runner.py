"""The main job as a library call: ingest, clean and store a batch of inputs, then derive.

The CLI's ``analyze`` is a thin layer over :func:`analyze`. Work goes in chunks: each chunk is
cleaned (in this process or a pool), its dates resolved against the chunk and the store, and
committed; then its articles are extracted (entities, quotes, figures, framing terms) and
placed in stories. Each article's completed stages are recorded in the store with the stage's
results, so that a run stopped anywhere (a crash, a kill) is finished by the next one: stored
articles not yet extracted or clustered are taken up first.

An error in any stage on one article is that article's failure, reported with its source and a
coded reason, and the rest of the batch goes on.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from newsprism.clean import CleanStage, resolve_dates
from newsprism.cluster import StoryClusterer
from newsprism.errors import NewsprismError, message
from newsprism.ingest import iter_documents
from newsprism.pipeline import Executor, Outcome, Pipeline, SerialExecutor
from newsprism.records import Article, Assignment, Citation, Document, Extraction, IngestFailure
from newsprism.store import Store

__all__ = [
    "CHUNK_SIZE",
    "CLUSTER_STAGE",
    "EXTRACTION_KIND",
    "EXTRACT_STAGE",
    "RunReport",
    "analyze",
    "extract_into",
]

EXTRACTION_KIND = "extract"
"""Store kind of each article's :class:`Extraction`, keyed by document id."""

EXTRACT_STAGE = "extract"
"""Stage name recorded once an article's extraction and framing terms are stored."""
CLUSTER_STAGE = "cluster"
"""Stage name recorded once an article is placed in an event and a storyline."""

# Documents cleaned between two commits: large enough that related articles of one batch
# lend each other date anchors, small enough that a crash costs little.
CHUNK_SIZE = 256

_MAX_DETAIL = 200
"""Characters of an unexpected error's text kept in a failure's reason: one line."""

Progress = Callable[[int, str], None]
"""Called with (documents handled so far, source of the last one)."""


@dataclass(slots=True)
class RunReport:
    """What one run did: articles stored, inputs skipped as already stored, and failures."""

    stored: list[Article] = field(default_factory=list)
    assignments: list[Assignment] = field(default_factory=list)
    skipped: int = 0
    failures: list[IngestFailure] = field(default_factory=list)
    extracted: int = 0
    notices: list[str] = field(default_factory=list)
    """Things the user should know that are not failures (a missing optional feature)."""
    resumed: int = 0
    """Articles stored by an earlier, interrupted run whose extraction or clustering this
    run finished."""

    @property
    def ok(self) -> bool:
        """True when every input was read and cleaned."""
        return not self.failures


def _chunks(items: Iterable[Document], size: int) -> Iterator[list[Document]]:
    chunk: list[Document] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def analyze(
    paths: Iterable[str],
    store: Store,
    *,
    executor: Executor | None = None,
    progress: Progress | None = None,
    on_failure: Callable[[IngestFailure], None] | None = None,
    on_note: Callable[[Article], None] | None = None,
    chunk_size: int = CHUNK_SIZE,
    extract: bool = True,
) -> RunReport:
    """Ingest, clean and store every input under ``paths``; bad inputs are reported, not fatal.

    ``on_failure`` hears of every input or article that could not be used (or not fully);
    ``on_note`` of every article whose input had to be repaired to be read (bad bytes, broken
    markup). ``extract`` runs entity, quote and figure extraction (the ``[nlp]`` extra) on what
    was stored. Articles an earlier run stored but did not finish are finished first.
    """
    executor = executor or SerialExecutor()
    pipeline = Pipeline([CleanStage(date=False)])  # dated per chunk below
    report = RunReport()
    handled = 0

    def fail(failure: IngestFailure) -> None:
        report.failures.append(failure)
        if on_failure:
            on_failure(failure)

    def fresh_documents() -> Iterator[Document]:
        nonlocal handled
        seen: set[str] = set()
        for item in iter_documents(paths):
            handled += 1
            if isinstance(item, IngestFailure):
                fail(item)
            elif item.provenance.content_hash in seen or store.has(item.provenance.content_hash):
                report.skipped += 1
            else:
                seen.add(item.provenance.content_hash)
                yield item
            if progress:
                source = item.source if isinstance(item, IngestFailure) else item.provenance.source
                progress(handled, source)

    deriver = _Deriver(store, report, fail, extract)
    deriver.resume(chunk_size)
    anchors = [a for a in store.articles() if a.published.date is not None]
    for chunk in _chunks(fresh_documents(), chunk_size):
        cleaned: list[tuple[int, Document, Article]] = []
        for outcome in executor.map(pipeline, chunk):
            document = chunk[outcome.index]
            if outcome.ok:
                cleaned.append((outcome.index, document, outcome.value))
            else:
                fail(_clean_failure(document, outcome))
        cleaned.sort(key=lambda item: item[0])  # pools finish out of order
        dated = resolve_dates([a for _, _, a in cleaned], anchors)
        fresh: list[Article] = []
        for (_, document, _), article in zip(cleaned, dated, strict=True):
            try:
                added = store.add(document, article)
            except Exception as exc:  # this document cannot be stored; the others can
                fail(_failure(document.provenance.source, "E063", exc))
                continue
            if added:
                fresh.append(article)
                if article.notes and on_note:
                    on_note(article)
        report.stored.extend(fresh)
        # Stories are updated after the articles are committed: a crash in between loses no
        # article, and the next run finishes what is recorded as not done.
        deriver.run(fresh, {a.doc_id for a in fresh}, {a.doc_id for a in fresh})
        anchors.extend(a for a in dated if a.published.date is not None)
    return report


def _describe(exc: BaseException) -> str:
    """An error as one short line: a coded error's message, else its type and text."""
    if isinstance(exc, NewsprismError):
        text = str(exc).rsplit(" [", 1)[0]
    else:
        text = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    text = " ".join(text.split())
    return text if len(text) <= _MAX_DETAIL else text[: _MAX_DETAIL - 1] + "…"


def _failure(source: str, code: str, exc: BaseException) -> IngestFailure:
    return IngestFailure(source, code, message(code, _describe(exc)))


_CODED = re.compile(r"\A(?P<reason>.*) \[(?P<code>E\d{3})\]\Z", re.DOTALL)


def _clean_failure(document: Document, outcome: Outcome) -> IngestFailure:
    """The failure of a document whose cleaning raised, its code said once."""
    source = document.provenance.source
    error = (outcome.error or "").removeprefix(source + ": ")
    coded = _CODED.match(error)
    if coded:
        return IngestFailure(source, coded["code"], coded["reason"])
    return IngestFailure(source, "E015", message("E015", " ".join(error.split())[:_MAX_DETAIL]))


class _Deriver:
    """The stages after storing (extraction with framing, then clustering), each isolated
    per article, each article's completion recorded in the store."""

    def __init__(
        self,
        store: Store,
        report: RunReport,
        fail: Callable[[IngestFailure], None],
        extract: bool,
    ) -> None:
        self.store = store
        self.report = report
        self.fail = fail
        self.extract = extract
        # Built once: loading the stories costs a pass over the store, each chunk only its part.
        self.clusterer = StoryClusterer(store)

    def resume(self, chunk_size: int) -> None:
        """Finish the articles an earlier run stored but did not extract or cluster."""
        need_extract = set(self.store.pending(EXTRACT_STAGE)) if self.extract else set()
        need_cluster = set(self.store.pending(CLUSTER_STAGE))
        todo = [d for d in self.store.pending(CLUSTER_STAGE) if d in need_cluster]
        todo += [d for d in self.store.pending(EXTRACT_STAGE) if d in need_extract]
        todo = list(dict.fromkeys(todo))
        if not todo:
            return
        order = {a.doc_id: a for a in self.store.articles() if a.doc_id in set(todo)}
        articles = [order[d] for d in todo if d in order]
        self.report.resumed += len(articles)
        for start in range(0, len(articles), chunk_size):
            self.run(articles[start : start + chunk_size], need_extract, need_cluster)

    def run(
        self, articles: Sequence[Article], need_extract: set[str], need_cluster: set[str]
    ) -> None:
        """Extract and cluster the articles that still need it."""
        if self.extract:
            self._extract([a for a in articles if a.doc_id in need_extract])
        self._cluster([a for a in articles if a.doc_id in need_cluster])

    def _extract(self, articles: list[Article]) -> None:
        if not articles:
            return
        try:
            from newsprism.extras import require

            require("spacy", "nlp")
            require("newsprism.extract", "nlp")
            from newsprism.extract import load_nlp

            nlp = load_nlp()
        except NewsprismError as exc:  # the [nlp] extra is missing: say so once, go on
            self.extract = False
            self.report.notices.append(f"who-said-what and figures skipped: {exc}")
            return
        self.report.extracted += extract_into(
            self.store, articles, nlp=nlp, fail=self.fail, notices=self.report.notices
        )

    def _cluster(self, articles: list[Article]) -> None:
        if not articles:
            return
        try:
            self._place(articles)
        except Exception:
            # Some article breaks the batch: place each alone, so that only it fails. The
            # clusterer's state may be half-updated, so it is loaded again from the store
            # (whose transaction was rolled back).
            self.clusterer = StoryClusterer(self.store)
            for article in articles:
                try:
                    self._place([article])
                except Exception as exc:
                    self.clusterer = StoryClusterer(self.store)
                    self.fail(_failure(article.source, "E062", exc))

    def _place(self, articles: list[Article]) -> None:
        # The placements and the stage marks are committed together.
        with self.store.transaction():
            placed = self.clusterer.add(articles)
            self.store.mark_done(CLUSTER_STAGE, [a.doc_id for a in articles])
        self.report.assignments.extend(placed)


def extract_into(
    store: Store,
    articles: list[Article],
    *,
    nlp: Any = None,
    fail: Callable[[IngestFailure], None] | None = None,
    notices: list[str] | None = None,
) -> int:
    """Extract entities, quotes, figures and framing terms of stored articles; how many.

    An article that cannot be extracted is reported to ``fail`` (or raises when no ``fail``
    is given) and is left to be retried; a text cut to the parsing bounds is noted in
    ``notices``. Each article's results and its completed stage are committed together.
    """
    if not articles:
        return 0
    from newsprism.extras import require

    require("spacy", "nlp")
    require("newsprism.extract", "nlp")
    from newsprism.extract import load_nlp
    from newsprism.extract.core import extract_each
    from newsprism.extract.nlp import nlp_view

    nlp = nlp if nlp is not None else load_nlp()
    failed: dict[str, IngestFailure] = {}

    def failure(article: Article, code: str, exc: BaseException) -> None:
        if fail is None:
            raise exc
        failed.setdefault(article.doc_id, _failure(article.source, code, exc))

    views = []
    for article in articles:
        view = nlp_view(article)
        if view.left_out and notices is not None:
            notices.append(
                f"{article.source}: who-said-what, figures and framing read the first "
                f"{view.total - view.left_out:,} of {view.total:,} characters"
            )
        views.append(view.article)
    by_id = {a.doc_id: a for a in articles}
    batch = extract_each(views, nlp=nlp)
    for problem in batch.failures:
        failure(by_id[problem.doc_id], "E060", problem.error)
    extracted = {x.doc_id: x for x in batch.extractions}
    # Framing reads the parses extraction made: each paragraph goes through spaCy once.
    terms = _framing_each(
        [v for v in views if v.doc_id in extracted], nlp, failure, parses=batch.docs
    )
    done = _commit(store, articles, extracted, terms, failure)
    for item in failed.values():
        assert fail is not None
        fail(item)
    return done


def _framing_each(
    articles: list[Article],
    nlp: Any,
    failure: Callable[[Article, str, BaseException], None],
    *,
    parses: Mapping[str, Sequence[Any]] | None = None,
) -> dict[str, list[Citation]]:
    """Each article's framing terms, its body read from ``parses`` (extraction's own Docs);
    an article that raises is a failure of its own."""
    from newsprism.framing import framing_terms

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
            failure(article, "E061", exc)
    return found


def _commit(
    store: Store,
    articles: list[Article],
    extracted: dict[str, Extraction],
    terms: dict[str, list[Citation]],
    failure: Callable[[Article, str, BaseException], None],
) -> int:
    """Store extractions and framing terms, add the terms to the prior, mark the stage done:
    in one transaction, so a stop leaves each article either done or to be redone whole."""
    from newsprism.framing import PRIOR_KEY, PRIOR_KIND, TERMS_KIND, prior_records, term_counts
    from newsprism.records import FramingTerm

    done: list[str] = []
    with store.transaction():
        prior = Counter(
            {t.term: t.count for t in store.get_records(PRIOR_KIND, PRIOR_KEY, FramingTerm)}
        )
        for article in articles:
            extraction, citations = extracted.get(article.doc_id), terms.get(article.doc_id)
            if extraction is None or citations is None:
                continue
            try:
                store.put_records(
                    EXTRACTION_KIND, article.doc_id, [extraction], doc_id=article.doc_id
                )
                store.put_records(TERMS_KIND, article.doc_id, citations, doc_id=article.doc_id)
            except Exception as exc:  # a record the store refuses (say, a NaN)
                failure(article, "E063", exc)
                continue
            prior.update(term_counts(citations))
            done.append(article.doc_id)
        store.put_records(PRIOR_KIND, PRIOR_KEY, prior_records(prior))
        store.mark_done(EXTRACT_STAGE, done)
    return len(done)
