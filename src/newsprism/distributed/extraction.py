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

import pickle
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, cast

from newsprism.errors import problem_of
from newsprism.extract.document import ParsedArticle
from newsprism.records import Article, Citation, Paragraph, Span

if TYPE_CHECKING:
    from newsprism.extract.core import ExtractBatch, ExtractFailure, Found

__all__ = ["ARTICLE_PARAGRAPHS", "Reading", "extract_partition", "remote_read"]

Read = tuple["ExtractBatch", dict[str, list[Citation] | BaseException]]
"""What the extraction stage's ``read`` returns: the batch's extractions and failures, and
each extracted article's framing terms or why reading them failed."""

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
    found: Found | ExtractFailure
    """The article's findings free of spaCy objects, or why parsing or reading it failed."""
    terms: list[Citation] | BaseException | None = None
    """Its framing terms, or why reading them failed (E061); none when it was not read."""


def extract_partition(start: int, views: Sequence[Article]) -> list[Reading]:
    """Parse and read ``views`` (articles ``start``.. of a batch) on a worker, as one process
    does before it merges, and read each one's framing terms off the same parses."""
    from newsprism.extract.core import ExtractFailure, find_each
    from newsprism.extract.nlp import load_nlp, nlp_view

    nlp = load_nlp()
    # The extraction reads each article within the parsing bounds, as extract_each does.
    bounded = [nlp_view(view).article for view in views]
    found_each = find_each(bounded, nlp, start)
    read = [
        (view, found)
        for view, found in zip(views, found_each, strict=True)
        if not isinstance(found, ExtractFailure)
    ]
    terms = iter(_framing_each(read, nlp))
    readings: list[Reading] = []
    for view, found in zip(views, found_each, strict=True):
        if isinstance(found, ExtractFailure):
            readings.append(Reading(view.doc_id, replace(found, error=_portable(found.error))))
        else:
            readings.append(Reading(view.doc_id, _without_parses(found), next(terms)))
    return readings


def _framing_each(read: Sequence[tuple[Article, Found]], nlp: Any) -> list[Any]:
    """The framing terms of each article read, off its own parses, or why reading them
    failed: the partition's articles together, as one process reads its batch's, their
    headlines parsed in one ``nlp.pipe`` (60 ECB+ texts one by one took 0.21-0.23 CPU s, by
    partitions of 3-9 articles 0.15); each alone once one of them raises, to fail alone."""
    from newsprism.extract.framing import framing_terms

    views = [view for view, _ in read]
    parses = {view.doc_id: found.parsed.docs for view, found in read}
    try:
        return list(framing_terms(views, nlp, parses=parses))
    except Exception:
        pass  # some article broke the partition: read each alone
    terms: list[Any] = []
    for view in views:
        try:
            terms.append(framing_terms([view], nlp, parses=parses)[0])
        except Exception as exc:
            terms.append(_portable(exc))
    return terms


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


def _sent(views: Sequence[Article]) -> bytes:
    """``views`` pickled for a task: the scheduler (in the client's process on a local
    cluster) passes bytes on without unpickling every article and paragraph (sending the
    partitions of 120 ECB+ texts cost the client 0.13-0.24 CPU s as articles, 0.06-0.09 as
    bytes, 0.05-0.07 for tasks with no data)."""
    return pickle.dumps(list(views), protocol=pickle.HIGHEST_PROTOCOL)


def _extract_sent(start: int, data: bytes) -> list[Reading]:
    """:func:`extract_partition` of the articles in ``data`` (see :func:`_sent`), each reading
    without the article it was read from when that is the one sent, nor that article's kept
    paragraphs: the client has them (the article was a third of what a reading weighed, its
    paragraphs a fifth of the rest: 11.5 KB a reading of ECB+ texts, 2.4 KB of paragraphs)."""
    views = pickle.loads(data)
    readings = extract_partition(start, views)
    return [_without_article(r, v) for r, v in zip(readings, views, strict=True)]


def _without_article(reading: Reading, view: Article) -> Reading:
    parsed = getattr(reading.found, "parsed", None)
    if parsed is None or parsed.article != view or parsed.paragraphs != view.body:
        return reading
    light = replace(
        parsed, article=cast(Article, None), paragraphs=cast("tuple[Paragraph, ...]", ())
    )
    return replace(reading, found=replace(reading.found, parsed=light))


def _with_article(reading: Reading, view: Article) -> Reading:
    """``reading`` with the article it was read from and its kept paragraphs, as the client
    sent them."""
    parsed = getattr(reading.found, "parsed", None)
    if parsed is None or parsed.article is not None:
        return reading
    whole = replace(parsed, article=view, paragraphs=view.body)
    return replace(reading, found=replace(reading.found, parsed=whole))


def _weight(views: Sequence[Article]) -> int:
    """What parsing ``views`` costs, as the characters of their kept paragraphs."""
    return sum(len(p.text) for view in views for p in view.body)


def remote_read(executor: Any) -> Callable[[Sequence[Article]], Read]:
    """The extraction stage's ``read`` with parsing and reading on ``executor``'s workers.

    What it returns is what ``newsprism.stages.documents.Extract.read`` returns (the stage's
    ``pipe`` reports it); only where the work runs differs. The batch's parses are not sent
    back: ``adapt`` puts the stage's own ``read`` back when a later stage needs them.
    """

    from newsprism.extract.core import ExtractBatch, assemble

    def read(views: Sequence[Article]) -> Read:
        # Every partition at once: the batch is in memory already, so no worker waits for
        # the client to take an early result (a window of a few in order left one worker
        # idle behind a long page). The longest partitions first (Dask starts tasks in the
        # order they come), so that the batch ends on short ones and no worker waits long
        # for the other's last task.
        parts = list(partitions(views, ARTICLE_PARAGRAPHS))
        order = sorted(range(len(parts)), key=lambda i: -_weight(parts[i][1]))
        tasks = {
            i: executor.client.submit(_extract_sent, parts[i][0], _sent(parts[i][1]), pure=False)
            for i in order
        }
        readings = [
            _with_article(reading, view)
            for i in range(len(parts))
            for reading, view in zip(tasks[i].result(), parts[i][1], strict=True)
        ]
        extractions, failures = assemble([r.found for r in readings])
        extracted = {x.doc_id for x in extractions}
        terms = {
            r.doc_id: r.terms for r in readings if r.doc_id in extracted and r.terms is not None
        }
        return ExtractBatch(tuple(extractions), tuple(failures)), terms

    return read
