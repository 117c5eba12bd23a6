"""The extraction stage on a cluster: workers parse and read, the client merges.

In one process the extraction stage parses a batch's paragraphs, reads entities, attribution
frames and figures off each article's parses, then merges entities across the batch
(:mod:`newsprism.extract.core`). Here a worker does the first two steps for a partition of
articles and also reads each article's framing terms off the same parses; what it sends back
is the reading, not the parses: an article's entities, attributions and figures with the
spaCy objects left out (tokens and spans become the article offsets they stand for). The
client only merges entities across the batch, as one process does, so the extractions are the
same and no ``Doc`` crosses the network (a ``DocBin`` round trip cost about 15% of parsing).
"""

from __future__ import annotations

import dataclasses
import pickle
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from newsprism.errors import problem_of
from newsprism.extract.document import ParsedArticle
from newsprism.records import Article, Citation, Span

__all__ = ["ARTICLE_PARAGRAPHS", "Reading", "extract_partition", "remote_pipe"]

ARTICLE_PARAGRAPHS = 64
"""Paragraphs (whole articles) one extraction task parses and reads: about 0.4 s on one core
here, so that scheduling (about 1 ms a task) is lost in it and a batch of 256 ECB+ texts
makes some 50 tasks to share (calibrated on ECB+ texts)."""


@dataclass(slots=True)
class _ReadArticle(ParsedArticle):
    """An article's parse reduced to what merging needs: its token spans, by token range."""

    spans: dict[tuple[int, int, int], Span] = field(default_factory=dict)

    def token_span(self, paragraph: int, first: int, last: int) -> Span:
        """The span of ``article.text`` covering tokens ``first..last``, read on the worker."""
        return self.spans[(paragraph, first, last)]


@dataclass(frozen=True, slots=True)
class Reading:
    """What a worker read of one article: its findings without parses, or why it failed."""

    doc_id: str
    found: Any = None
    """The article's findings (``newsprism.extract.core._Found``) free of spaCy objects."""
    error: BaseException | None = None
    """Why parsing or reading the article failed (extraction's E060)."""
    terms: list[Citation] | None = None
    terms_error: BaseException | None = None
    """Why reading its framing terms failed (E061)."""


def extract_partition(start: int, views: Sequence[Article]) -> list[Reading]:
    """Parse and read ``views`` (articles ``start``.. of a batch) on a worker, as one process
    does before it merges, and read each one's framing terms off the same parses."""
    from newsprism.extract.core import _find, _parse_each
    from newsprism.extract.framing import framing_terms
    from newsprism.extract.nlp import load_nlp, nlp_view

    nlp = load_nlp()
    # The extraction reads each article within the parsing bounds, as extract_each does.
    bounded = [nlp_view(view).article for view in views]
    readings: list[Reading] = []
    parsed = _parse_each(bounded, nlp)
    for k, (view, article, docs) in enumerate(zip(views, bounded, parsed, strict=True)):
        try:
            if isinstance(docs, BaseException):
                raise docs
            found = _find(start + k, article, docs)
        except Exception as exc:
            readings.append(Reading(view.doc_id, error=_portable(exc)))
            continue
        try:
            own = {view.doc_id: docs}
            terms: list[Citation] | None = framing_terms([view], nlp, parses=own)[0]
            terms_error = None
        except Exception as exc:
            terms, terms_error = None, _portable(exc)
        readings.append(Reading(view.doc_id, _without_parses(found), None, terms, terms_error))
    return readings


def _without_parses(found: Any) -> Any:
    """``found`` with its parses replaced by the spans merging asks of them."""
    parsed = found.parsed
    spans = {}
    for entity in found.entities.entities:
        for m in entity.mentions:
            key = (m.paragraph, m.start, m.end - 1)
            spans[key] = parsed.token_span(*key)
    light = _ReadArticle(parsed.article, parsed.paragraphs, (), spans=spans)
    attributions = [replace(a, frame=_frame_without_tokens(a.frame)) for a in found.attributions]
    return replace(found, parsed=light, attributions=attributions)


def _frame_without_tokens(frame: Any) -> Any:
    # The cue and source tokens were read into the frame's text and ranges already.
    return replace(frame, cue=None, source=None, follows=None)


def _portable(exc: BaseException) -> BaseException:
    """``exc`` when it crosses processes, else a plain error with its problem's text."""
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:
        return RuntimeError(str(problem_of(exc, "E060")))
    return exc


def partitions(views: Sequence[Article], paragraphs: int) -> Iterator[tuple[int, list[Article]]]:
    """``views`` in runs of whole articles of about ``paragraphs`` paragraphs, each with the
    index of its first article."""
    part: list[Article] = []
    start = size = 0
    for index, view in enumerate(views):
        if not part:
            start, size = index, 0
        part.append(view)
        size += max(1, len(view.body))
        if size >= paragraphs:
            yield start, part
            part = []
    if part:
        yield start, part


def remote_pipe(stage: Any, executor: Any) -> Any:
    """The extraction stage's ``pipe`` with parsing and reading on ``executor``'s workers.

    Mirrors ``newsprism.stages.documents.Extract.pipe`` step for step (notices, failure codes
    and their order, framing terms only for extracted articles); only where the work runs
    differs. The batch's parses are not sent back: ``adapt`` keeps the parses path when a
    later stage needs them.
    """
    from newsprism.extract.core import _assemble
    from newsprism.extract.nlp import nlp_view
    from newsprism.stages.base import Failure

    def pipe(batch: Any) -> Any:
        if not batch.articles or not stage._load():
            return batch
        views: list[Article] = []
        for article in batch.articles:
            view = nlp_view(article)
            if view.left_out:
                stage.notices.append(
                    f"{article.source}: who-said-what, figures and framing read the first "
                    f"{view.total - view.left_out:,} of {view.total:,} characters"
                )
            views.append(view.article)
        failures: dict[str, Failure] = {}
        by_id = {a.doc_id: a for a in batch.articles}

        def failure(doc_id: str, code: str, exc: BaseException) -> None:
            if stage.strict:
                raise exc
            problem = problem_of(exc, code)
            failures.setdefault(doc_id, Failure("extract", doc_id, by_id[doc_id].source, problem))

        # Every partition at once: the batch is in memory already and what comes back is
        # smaller than what goes, so no worker waits for the client to take an early result
        # (a window of a few in order left one worker idle behind a long page).
        tasks = [
            executor.client.submit(extract_partition, start, part, pure=False)
            for start, part in partitions(views, ARTICLE_PARAGRAPHS)
        ]
        readings = [r for task in tasks for r in task.result()]
        found = [r.found for r in readings if r.error is None]
        errors = [(r.doc_id, r.error) for r in readings if r.error is not None]
        # As extract_each: reading failures first, then any of the batch merge.
        try:
            extractions = _assemble(found)
        except Exception:
            extractions = []
            for f in found:
                try:
                    extractions += _assemble([f])
                except Exception as exc:
                    errors.append((f.parsed.doc_id, exc))
        for doc_id, error in errors:
            failure(doc_id, "E060", error)
        order = {a.doc_id: i for i, a in enumerate(views)}
        extractions.sort(key=lambda x: order[x.doc_id])
        extracted = {x.doc_id: x for x in extractions}
        terms: dict[str, list[Citation]] = {}
        for r in readings:
            if r.doc_id not in extracted:
                continue
            if r.terms is not None:
                terms[r.doc_id] = r.terms
            elif r.terms_error is not None:
                failure(r.doc_id, "E061", r.terms_error)
        kept = {d: x for d, x in extracted.items() if d in terms}
        return dataclasses.replace(
            batch,
            extractions={**batch.extractions, **kept},
            terms={**batch.terms, **{d: tuple(terms[d]) for d in kept}},
            failures=batch.failures + tuple(failures.values()),
        )

    return pipe
