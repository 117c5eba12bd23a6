"""The main job as a library call: ingest, clean and store a batch of inputs.

The CLI's ``analyze`` is a thin layer over :func:`analyze`. Work goes in chunks: each chunk is
cleaned (in this process or a pool), its dates resolved against the chunk and the store, and
committed, so that a crash loses at most the chunk in flight and a re-run skips what is stored.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from newsprism.clean import CleanStage, resolve_dates
from newsprism.cluster import StoryClusterer
from newsprism.errors import NewsprismError
from newsprism.ingest import iter_documents
from newsprism.pipeline import Executor, Pipeline, SerialExecutor
from newsprism.records import Article, Assignment, Document, Extraction, IngestFailure
from newsprism.store import Store

__all__ = ["CHUNK_SIZE", "EXTRACTION_KIND", "RunReport", "analyze", "extract_into"]

EXTRACTION_KIND = "extract"
"""Store kind of each article's :class:`Extraction`, keyed by document id."""

# Documents cleaned between two commits: large enough that related articles of one batch
# lend each other date anchors, small enough that a crash costs little.
CHUNK_SIZE = 256

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

    ``on_failure`` hears of every input that could not be used; ``on_note`` of every article
    whose input had to be repaired to be read (bad bytes, broken markup). ``extract`` runs
    entity, quote and figure extraction (the ``[nlp]`` extra) on what was stored.
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

    anchors = [a for a in store.articles() if a.published.date is not None]
    # Built once: loading the stories costs a pass over the store, each chunk only its part.
    clusterer = StoryClusterer(store)
    extract_enabled = extract
    for chunk in _chunks(fresh_documents(), chunk_size):
        cleaned: list[tuple[int, Document, Article]] = []
        for outcome in executor.map(pipeline, chunk):
            document = chunk[outcome.index]
            if outcome.ok:
                cleaned.append((outcome.index, document, outcome.value))
            else:
                code = (outcome.error or "").rsplit("[", 1)[-1].rstrip("]")
                fail(
                    IngestFailure(
                        document.provenance.source,
                        code if code.startswith("E") else "E011",
                        (outcome.error or "").removeprefix(document.provenance.source + ": "),
                    )
                )
        cleaned.sort(key=lambda item: item[0])  # pools finish out of order
        dated = resolve_dates([a for _, _, a in cleaned], anchors)
        fresh: list[Article] = []
        for (_, document, _), article in zip(cleaned, dated, strict=True):
            if store.add(document, article):
                fresh.append(article)
                if article.notes and on_note:
                    on_note(article)
        report.stored.extend(fresh)
        if extract_enabled:
            try:
                report.extracted += extract_into(store, fresh)
            except NewsprismError as exc:  # the [nlp] extra is missing: say so once, go on
                extract_enabled = False
                report.notices.append(f"who-said-what and figures skipped: {exc}")
        # Stories are updated after the articles are committed: a crash in between loses no
        # article, and the next run's clusterer places what it finds unassigned.
        report.assignments.extend(clusterer.add(fresh))
        anchors.extend(a for a in dated if a.published.date is not None)
    return report


def extract_into(store: Store, articles: list[Article]) -> int:
    """Extract entities, quotes and figures of stored articles into the store; how many."""
    if not articles:
        return 0
    from newsprism.extras import require

    require("spacy", "nlp")
    require("newsprism.extract", "nlp")
    from newsprism.extract import extract_articles

    extractions: list[Extraction] = extract_articles(articles)
    for extraction in extractions:
        store.put_records(
            EXTRACTION_KIND, extraction.doc_id, [extraction], doc_id=extraction.doc_id
        )
    _frame_into(store, articles)
    return len(extractions)


def _frame_into(store: Store, articles: list[Article]) -> None:
    """Store each article's framing terms and add them to the store-wide prior."""
    from newsprism.extract import load_nlp
    from newsprism.framing import (
        PRIOR_KEY,
        PRIOR_KIND,
        TERMS_KIND,
        framing_terms,
        prior_records,
        term_counts,
    )
    from newsprism.records import FramingTerm

    found = framing_terms(articles, load_nlp())
    prior = Counter(
        {t.term: t.count for t in store.get_records(PRIOR_KIND, PRIOR_KEY, FramingTerm)}
    )
    for article, citations in zip(articles, found, strict=True):
        store.put_records(TERMS_KIND, article.doc_id, citations, doc_id=article.doc_id)
        prior.update(term_counts(citations))
    store.put_records(PRIOR_KIND, PRIOR_KEY, prior_records(prior))
