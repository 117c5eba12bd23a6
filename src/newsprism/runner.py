"""The main job as a library call: the configured stages over a batch of inputs, in chunks.

The CLI's ``analyze`` is a thin layer over :func:`analyze`, and :func:`analyze` a thin loop
over the stages its configuration names (:mod:`newsprism.stages`): it knows each stage only by
what the stage declares (beyond leaving out ``extract`` when asked to). The first stage
(ingest) reads the inputs as a stream; the stream goes in chunks through the stages that make
the articles (clean, date); each chunk's articles are committed; then the stages after the
commit (extract, dedup, cluster) run on them, each stage's results and each article's
completed stage committed together. A run stopped anywhere (a crash, a kill) is finished by
the next one: stored articles whose stage mark is missing are taken up first. Once every chunk
is placed, the per-story stages (compare, summarize) run on the stories the run changed.

An error in any stage on one article is that article's failure, reported with its source and a
coded reason (a :class:`~newsprism.errors.Problem`, never a string read back), and the rest of
the batch goes on.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from newsprism.config import Config, default_config
from newsprism.errors import Problem, describe, problem_of
from newsprism.limits import Limits
from newsprism.pipeline import Executor, SerialExecutor
from newsprism.records import Article, Assignment, DateEstimate, Document, IngestFailure
from newsprism.stages import (
    EXTRACTION_KIND,
    Batch,
    Failure,
    Stage,
    StageContext,
    StagePipeline,
    compose,
    reset,
    save,
)
from newsprism.stages.base import Committed
from newsprism.store import Store

__all__ = [
    "CHUNK_SIZE",
    "CLUSTER_STAGE",
    "EXTRACTION_KIND",
    "EXTRACT_STAGE",
    "STORY_GROUP",
    "RunReport",
    "StageProgress",
    "StoredArticle",
    "analyze",
    "extract_into",
]

EXTRACT_STAGE = "extract"
"""Stage mark recorded once an article's extraction and framing terms are stored."""
CLUSTER_STAGE = "cluster"
"""Stage mark recorded once an article is placed in an event and a storyline."""

CHUNK_SIZE = default_config().chunk_size
"""Documents cleaned between two commits (``[pipeline] chunk_size`` of the defaults)."""

STORY_GROUP = 8
"""Changed stories the per-story stages take at once at the end of a run: one group's
articles, comparisons and briefs are held together. Not tuned: with it the peak of
bench/bench_memory.py (2,560 files, 188 stories, no view kept) is that of placing the
articles, the story stages below it."""

GC_ALLOCATIONS = 100_000
"""Allocations between two youngest-generation collections of Python's cycle collector while a
run goes (700 by default). A run allocates millions of short-lived objects (tokens, spans,
records) that form no cycle, and each collection walks a loaded spaCy model's objects too: on
the 181 pages of the Article Extraction Benchmark the default made about 2,000 collections,
2.3 CPU s of 68; at 100,000, ten, 0.4 s. The threshold is set back when the run ends."""

Progress = Callable[[int, str], None]
"""Called with (documents handled so far, source of the last one)."""

StageProgress = Callable[[str, int, int, int], None]
"""Called with (stage name, steps of the chunk done, steps in all, documents in the chunk) as
each stage starts on a chunk, and with steps done == steps in all once the chunk is through;
the per-story stages at the end report (name, 0, 0, stories)."""


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """What a run reports of an article it stored: its id, source, outlet, date, headline,
    notes and word counts, without its text and paragraphs (the store holds those), so that a
    run's report weighs a few hundred bytes per article however long the texts."""

    doc_id: str
    source: str
    title: str
    outlet: str | None
    wire_agency: str | None
    relayed_from: str | None
    published: DateEstimate
    notes: tuple[str, ...]
    kept: int
    """Words in the kept paragraphs."""
    removed: int
    """Words in the removed paragraphs."""

    @classmethod
    def of(cls, article: Article) -> StoredArticle:
        """The summary of ``article``."""
        return cls(
            article.doc_id,
            article.source,
            article.title,
            article.outlet,
            article.wire_agency,
            article.relayed_from,
            article.published,
            article.notes,
            article.words_kept(),
            article.words_removed(),
        )

    def words_kept(self) -> int:
        """Number of words in the kept paragraphs (as :meth:`Article.words_kept`)."""
        return self.kept

    def words_removed(self) -> int:
        """Number of words in the removed paragraphs (as :meth:`Article.words_removed`)."""
        return self.removed


@dataclass(slots=True)
class RunReport:
    """What one run did: articles stored, inputs skipped as already stored, and failures."""

    stored: list[StoredArticle] = field(default_factory=list)
    """The articles this run stored, in order (their texts are read from the store)."""
    assignments: list[Assignment] = field(default_factory=list)
    skipped: int = 0
    failures: list[IngestFailure] = field(default_factory=list)
    extracted: int = 0
    notices: list[str] = field(default_factory=list)
    """Things the user should know that are not failures (a missing optional feature)."""
    resumed: int = 0
    """Articles stored by an earlier, interrupted run whose extraction or clustering this
    run finished."""
    stories: set[str] = field(default_factory=set)
    """Ids of the stories this run changed."""
    views: list[Any] = field(default_factory=list)
    """The changed stories' views (``newsprism.views.StoryView``), when the run's stages
    compare and summarize and the run keeps them (``analyze(keep_views=True)``)."""
    viewed: list[str] = field(default_factory=list)
    """Ids of the stories whose views the run built and stored, in the order built (what
    :attr:`views` holds, by id, when the views are kept)."""
    stages: list[str] = field(default_factory=list)
    """The stages that ran, in order."""

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
    chunk_size: int | None = None,
    extract: bool = True,
    config: Config | None = None,
    limits: Limits | None = None,
    on_stage: StageProgress | None = None,
    keep_views: bool = True,
) -> RunReport:
    """Ingest, clean and store every input under ``paths``, then derive; bad inputs are
    reported, not fatal.

    The stages are those of ``config`` (the package defaults when None). ``on_failure`` hears
    of every input or article that could not be used (or not fully); ``on_note`` of every
    article whose input had to be repaired to be read (bad bytes, broken markup).
    ``extract=False`` leaves entity, quote and figure extraction (the ``[nlp]`` extra) to a
    later run. ``limits`` bound what reading the inputs may cost (the defaults when None).
    ``on_stage`` hears which stage is running (see :data:`StageProgress`).
    ``keep_views=False`` keeps only the ids of the views the per-story stages built
    (:attr:`RunReport.viewed`; the views are in the store), so that what the run holds at the
    end does not grow with the number of stories it changed.
    Articles an earlier run stored but did not finish are finished first.
    """
    config = config or default_config()
    names = [name for name in config.stages if extract or name != EXTRACT_STAGE]
    report = RunReport()
    context = StageContext(
        store, config, executor or SerialExecutor(), report.notices, limits=limits
    )
    pipeline = compose(names, context)
    # An executor that runs stages elsewhere (newsprism.distributed) takes over their
    # per-document work; the stages stay the same objects, run in the same order.
    adapt = getattr(context.executor, "adapt", None)
    if adapt is not None:
        for stage in pipeline.stages():
            adapt(stage)
    report.stages = pipeline.names()
    run = _Run(pipeline, store, report, on_failure, on_note)
    run.on_stage = on_stage
    run.keep_views = keep_views
    run.committed = context.committed
    size = chunk_size or config.chunk_size
    with _fewer_collections():
        run.resume(size)
        for chunk in _chunks(run.fresh_documents(list(paths), progress), size):
            run.chunk(chunk)
        run.finish()
    return report


@contextlib.contextmanager
def _fewer_collections() -> Iterator[None]:
    """A block in which the cycle collector runs every :data:`GC_ALLOCATIONS` allocations
    (never more often than it did before)."""
    before = gc.get_threshold()
    if before[0] == 0 or before[0] >= GC_ALLOCATIONS:  # disabled, or already as rare
        yield
        return
    gc.set_threshold(GC_ALLOCATIONS, *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


class _Run:
    """One run of a composed pipeline over a store."""

    on_stage: StageProgress | None = None
    keep_views: bool = True
    """Whether the report keeps the views the per-story stages build (else their ids)."""
    committed: Committed | None = None
    """Where the records the run commits are remembered for the per-story stages."""
    _steps: tuple[int, int] | None = None
    """(documents, steps) of the chunk going through, while one is."""

    def __init__(
        self,
        pipeline: StagePipeline,
        store: Store,
        report: RunReport,
        on_failure: Callable[[IngestFailure], None] | None,
        on_note: Callable[[Article], None] | None,
    ) -> None:
        self.pipeline = pipeline
        self.store = store
        self.report = report
        self.on_failure = on_failure
        self.on_note = on_note

    # -- reporting ------------------------------------------------------------------------

    def fail(self, failure: Failure) -> None:
        item = IngestFailure(failure.source, failure.problem.code, failure.problem.reason)
        self.report.failures.append(item)
        if self.on_failure:
            self.on_failure(item)

    def _report(self, batch: Batch, before: int) -> None:
        for failure in batch.failures[before:]:
            self.fail(failure)

    def _step(self, name: str, done: int) -> None:
        """Tell ``on_stage`` that stage ``name`` starts on the chunk, ``done`` steps in."""
        if self.on_stage is not None and self._steps is not None:
            documents, steps = self._steps
            self.on_stage(name, done, steps, documents)

    # -- the stream of fresh documents ----------------------------------------------------

    def fresh_documents(
        self, paths: Sequence[str], progress: Progress | None
    ) -> Iterator[Document]:
        """The source stage's documents not yet in the store, each input's failure reported."""
        seen: set[str] = set()
        for handled, item in enumerate(_read(self.pipeline.source, paths), start=1):
            if isinstance(item, Failure):
                self.fail(item)
            elif item.provenance.content_hash in seen or self.store.has(
                item.provenance.content_hash
            ):
                self.report.skipped += 1
            else:
                seen.add(item.provenance.content_hash)
                yield item
            if progress:
                source = item.source if isinstance(item, Failure) else item.provenance.source
                progress(handled, source)

    # -- one chunk ------------------------------------------------------------------------

    def chunk(self, documents: Sequence[Document]) -> None:
        """Make, store and derive the articles of one chunk of fresh documents."""
        batch = Batch(documents=tuple(documents))
        before = self.pipeline.before_store
        steps = len(before) + 1 + len(self.pipeline.after_store)
        self._steps = (len(documents), steps)
        for i, stage in enumerate(before):
            self._step(stage.spec.name, i)
            batch = self._before_store(stage, batch)
        self._step("store", len(before))
        batch = self._store(batch)
        # Stories are updated after the articles are committed: a crash in between loses no
        # article, and the next run finishes what is recorded as not done.
        self._after_store(batch, None, first_step=len(before) + 1)
        self._step("stored", steps)
        self._steps = None

    def _before_store(self, stage: Stage, batch: Batch) -> Batch:
        before = len(batch.failures)
        try:
            out = stage.pipe(batch)
        except Exception:  # some document breaks the batch: each alone, so that only it fails
            reset(stage)
            out = self._each(stage, batch, [d.id for d in batch.documents], stage.pipe)
            out = replace(out, documents=batch.documents)
        self._report(out, before)
        return out

    def _store(self, batch: Batch) -> Batch:
        documents = {d.id: d for d in batch.documents}
        fresh: list[Article] = []
        failures: list[Failure] = []
        # The chunk's documents and articles are committed together (one sync, not one per
        # article); an add that fails is undone alone, as a savepoint inside the transaction.
        with self.store.transaction():
            for article in batch.articles:
                document = documents[article.doc_id]
                try:
                    added = self.store.add(document, article)
                except Exception as exc:  # this document cannot be stored; the others can
                    source = document.provenance.source
                    problem = problem_of(exc, "E063")
                    failures.append(Failure("store", article.doc_id, source, problem))
                    continue
                if added:
                    fresh.append(article)
        self._committed(Batch(articles=tuple(fresh)))
        for article in fresh:
            if article.notes and self.on_note:
                self.on_note(article)
        self.report.stored.extend(StoredArticle.of(a) for a in fresh)
        for failure in failures:
            self.fail(failure)
        return replace(batch, articles=tuple(fresh), failures=batch.failures + tuple(failures))

    # -- after the commit -----------------------------------------------------------------

    def _after_store(
        self, batch: Batch, need: dict[str, set[str]] | None, first_step: int = 0
    ) -> None:
        """Run the stages after the commit; ``need`` holds, per stage mark, the articles that
        still need it (None: every article needs every stage)."""
        stages = self.pipeline.after_store
        k = 0
        while k < len(stages):
            self._step(stages[k].spec.name, first_step + k)
            if stages[k].spec.stateful:
                # Consecutive stateful stages (dedup, cluster) share state: one transaction.
                end = k
                while end < len(stages) and stages[end].spec.stateful:
                    end += 1
                batch = self._stateful(stages[k:end], batch, need)
                k = end
            else:
                batch = self._pure(stages[k], batch, need)
                k += 1
            if batch.parses and not any("parse" in s.spec.needs for s in stages[k:]):
                # spaCy Docs weigh far more than the records read off them: free them as soon
                # as no later stage reads them.
                batch = replace(batch, parses={})
        self.report.stories |= batch.stories

    def _pure(self, stage: Stage, batch: Batch, need: dict[str, set[str]] | None) -> Batch:
        sub = _wanted(stage, batch, need)
        if not sub.articles:
            return batch
        before = len(sub.failures)
        try:
            out = stage.pipe(sub)
        except Exception:  # some article breaks the batch: each alone, so that only it fails
            out = self._each(stage, sub, sub.doc_ids(), stage.pipe)
        try:
            with self.store.transaction():
                out = save(stage, out, self.store)
            self._committed(out)
        except Exception:
            out = self._each(stage, out, out.doc_ids(), lambda one: self._saved(stage, one))
        self._report(out, before)
        self.report.extracted += sum(
            1 for d in sub.doc_ids() if d in out.extractions and d not in batch.extractions
        )
        return replace(out, articles=batch.articles)

    def _saved(self, stage: Stage, batch: Batch) -> Batch:
        with self.store.transaction():
            out = save(stage, batch, self.store)
        self._committed(out)
        return out

    def _committed(self, batch: Batch) -> None:
        """Remember what ``batch`` holds, now that its transaction has committed."""
        if self.committed is not None:
            self.committed.add(batch)

    def _stateful(
        self, group: Sequence[Stage], batch: Batch, need: dict[str, set[str]] | None
    ) -> Batch:
        # A group whose marked stages have nothing left to do is skipped whole: a dedup pass
        # over articles already placed finds nothing, and loading the stories costs a pass.
        marked = [stage for stage in group if stage.spec.mark] or list(group)
        if not any(_wanted(stage, batch, need).articles for stage in marked):
            return batch
        current: list[Stage] = [group[0]]

        def run(whole: Batch) -> Batch:
            # The stages' writes and their stage marks are committed together.
            with self.store.transaction():
                for stage in group:
                    current[0] = stage
                    out = save(stage, stage.pipe(_wanted(stage, whole, need)), self.store)
                    whole = replace(out, articles=whole.articles)
            return whole

        before = len(batch.failures)
        try:
            out = run(batch)
        except Exception:
            # Some article breaks the batch: place each alone, so that only it fails. The
            # stages' state may be half-updated, so it is loaded again from the store (whose
            # transaction was rolled back).
            for stage in group:
                reset(stage)
            parts: list[Batch] = []
            for article in batch.articles:
                one = _narrow(batch, {article.doc_id})
                try:
                    parts.append(run(one))
                except Exception as exc:
                    for stage in group:
                        reset(stage)
                    spec = current[0].spec
                    problem = problem_of(exc, spec.code, spec.name)
                    failure = Failure(spec.name, article.doc_id, article.source, problem)
                    parts.append(replace(one, failures=(failure,)))
            out = replace(_merge(batch, parts), articles=batch.articles)
        self._report(out, before)
        self.report.assignments.extend(out.assignments[len(batch.assignments) :])
        return out

    def _each(
        self, stage: Stage, batch: Batch, ids: Sequence[str], step: Callable[[Batch], Batch]
    ) -> Batch:
        """``step`` on each document of ``batch`` alone; a document that raises fails."""
        sources = {a.doc_id: a.source for a in batch.articles}
        sources.update({d.id: d.provenance.source for d in batch.documents})
        parts: list[Batch] = []
        for doc_id in ids:
            one = _narrow(batch, {doc_id})
            try:
                parts.append(step(one))
            except Exception as exc:
                problem = problem_of(exc, stage.spec.code, stage.spec.name)
                failure = Failure(stage.spec.name, doc_id, sources.get(doc_id, doc_id), problem)
                parts.append(replace(one, articles=(), failures=(failure,)))
        return _merge(batch, parts)

    # -- resuming and finishing -----------------------------------------------------------

    def resume(self, chunk_size: int) -> None:
        """Finish the articles an earlier run stored but did not take through every stage."""
        marks = [s.spec.mark for s in self.pipeline.after_store if s.spec.mark]
        need = {mark: set(self.store.pending(mark)) for mark in dict.fromkeys(marks)}
        todo = set().union(*need.values()) if need else set()
        if not todo:
            return
        articles = [a for a in self.store.articles() if a.doc_id in todo]
        self.report.resumed += len(articles)
        for start in range(0, len(articles), chunk_size):
            self._after_store(Batch(articles=tuple(articles[start : start + chunk_size])), need)

    def finish(self) -> None:
        """Run the per-story stages on the stories this run changed, a few at a time.

        The stories go through in groups of :data:`STORY_GROUP` (in the order of their ids,
        the order one batch of all of them takes), so that at most one group's articles and
        views are held at once; each view is stored by the stages before the next group is
        read.
        """
        changed = sorted(self.report.stories)
        if not changed or not self.pipeline.per_story:
            return
        for start in range(0, len(changed), STORY_GROUP):
            group = changed[start : start + STORY_GROUP]
            # One story's failure leaves the others' views: each story alone if a group breaks.
            try:
                self._keep(self._stories(frozenset(group), len(changed)).views)
            except Exception:
                for story in group:
                    try:
                        self._keep(self._stories(frozenset({story}), len(changed)).views)
                    except Exception as exc:
                        self.report.notices.append(f"story {story} not compared: {describe(exc)}")

    def _keep(self, views: Iterable[Any]) -> None:
        """Note ``views`` in the report: the views themselves when kept, else their ids."""
        for view in views:
            story = getattr(view, "story", None)
            if story is not None:
                self.report.viewed.append(story.id)
            if self.keep_views:
                self.report.views.append(view)

    def _stories(self, stories: frozenset[str], changed: int) -> Batch:
        """The per-story stages on ``stories``, of the ``changed`` stories the progress names."""
        batch = Batch(stories=stories)
        for stage in self.pipeline.per_story:
            if self.on_stage is not None:
                self.on_stage(stage.spec.name, 0, 0, changed)
            batch = stage.pipe(batch)
            with self.store.transaction():
                batch = save(stage, batch, self.store)
        return batch


def _read(source: Stage | None, paths: Sequence[str]) -> Iterator[Document | Failure]:
    """The source stage's documents as a stream (its ``read``), else its batch of them."""
    if source is None:
        return
    read = getattr(source, "read", None)
    if read is not None:
        for item in read(paths):
            if isinstance(item, IngestFailure):
                yield Failure(source.spec.name, "", item.source, Problem(item.code, item.reason))
            else:
                yield item
        return
    batch = source.pipe(Batch(inputs=tuple(paths)))
    yield from batch.failures
    yield from batch.documents


def _wanted(stage: Stage, batch: Batch, need: dict[str, set[str]] | None) -> Batch:
    """The batch less the articles that have already completed ``stage``."""
    mark = stage.spec.mark
    if need is None or mark is None or mark not in need:
        return batch
    wanted = need[mark]
    return replace(batch, articles=tuple(a for a in batch.articles if a.doc_id in wanted))


def _narrow(batch: Batch, ids: set[str]) -> Batch:
    """The records of ``batch`` that belong to the documents ``ids``, nothing accumulated."""
    return Batch(
        documents=tuple(d for d in batch.documents if d.id in ids),
        articles=tuple(a for a in batch.articles if a.doc_id in ids),
        extractions={k: v for k, v in batch.extractions.items() if k in ids},
        terms={k: v for k, v in batch.terms.items() if k in ids},
        parses={k: v for k, v in batch.parses.items() if k in ids},
    )


def _merge(base: Batch, parts: Sequence[Batch]) -> Batch:
    """``base`` with the records its parts (narrowed copies of it) made."""
    extra: dict[str, tuple[Any, ...]] = dict(base.extra)
    for part in parts:
        for kind, records in part.extra.items():
            extra[kind] = extra.get(kind, ()) + records
    return replace(
        base,
        documents=tuple(d for p in parts for d in p.documents),
        articles=tuple(a for p in parts for a in p.articles),
        extractions={**base.extractions, **{k: v for p in parts for k, v in p.extractions.items()}},
        terms={**base.terms, **{k: v for p in parts for k, v in p.terms.items()}},
        parses={**base.parses, **{k: v for p in parts for k, v in p.parses.items()}},
        groups=base.groups + tuple(g for p in parts for g in p.groups),
        assignments=base.assignments + tuple(a for p in parts for a in p.assignments),
        stories=base.stories.union(*(p.stories for p in parts)),
        views=base.views + tuple(v for p in parts for v in p.views),
        failures=base.failures + tuple(f for p in parts for f in p.failures),
        extra=extra,
    )


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
    ``notices``. The results and the completed stage are committed together.
    """
    if not articles:
        return 0
    import importlib.util

    from newsprism.extras import require

    if importlib.util.find_spec("spacy") is None:
        require("spacy", "nlp")  # the install line (spaCy itself is imported with the model)
    require("newsprism.extract", "nlp")
    from newsprism.stages.documents import Extract

    context = StageContext(
        store, default_config(), SerialExecutor(), notices if notices is not None else []
    )
    stage = Extract(context, nlp=nlp, strict=fail is None)
    out = stage.pipe(Batch(articles=tuple(articles)))
    with store.transaction():
        out = stage.save(out, store)
    for failure in out.failures:
        if fail is not None:
            fail(IngestFailure(failure.source, failure.problem.code, failure.problem.reason))
    return len(out.extractions)
