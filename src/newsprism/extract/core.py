"""Extraction of a batch of articles: parse once, find, resolve, merge across the batch.

All kept paragraphs of the batch go through spaCy's ``nlp.pipe`` in one stream (the costly
part); entities, attribution frames and figures are then read off the parses per article, and
entities are merged across the batch so that every quote's speaker is a canonical entity.
A role description no person of its own article matched ("the presidential spokesman" in
an article that binds only "White House spokesman") is resolved against the whole batch.
The parses are handed back with the batch's extractions, so that later readers of the same
paragraphs (framing terms) need no second parse.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from newsprism.extract.attribution import find_frames
from newsprism.extract.document import ParsedArticle
from newsprism.extract.entities import ArticleEntities, Description, find_entities
from newsprism.extract.figures import find_figures
from newsprism.extract.merge import Merged, merge_entities
from newsprism.extract.nlp import load_nlp, nlp_view, parse
from newsprism.extract.roles import bind_descriptions, match_description
from newsprism.extract.speakers import Attribution, attribute
from newsprism.records import Article, Entity, Extraction, Figure, Mention, Quote, Span

__all__ = [
    "ExtractBatch",
    "ExtractFailure",
    "Found",
    "assemble",
    "extract_articles",
    "extract_each",
    "find_each",
    "merge_extractions",
]

_QUOTE_MARKS = "\"“”„«»'‘’`"


@dataclass(slots=True)
class Found:
    """What was read off one article's parses before the batch merge: its entities (with
    their mentions), attribution frames and figures. :func:`assemble` needs of ``parsed``
    only the article and its ``token_span``, so a reader elsewhere may send a ``Found``
    whose parses are replaced by the spans it asks for."""

    parsed: ParsedArticle
    entities: ArticleEntities
    attributions: list[Attribution]
    figures: list[Figure]
    ids: list[str]
    """Local entity ids, by local index."""


@dataclass(frozen=True, slots=True)
class ExtractFailure:
    """An article whose extraction raised: its doc id and the error, for the caller to report."""

    doc_id: str
    error: BaseException


@dataclass(frozen=True, slots=True)
class ExtractBatch:
    """What a batch gave: an extraction per article that could be read, a failure per other."""

    extractions: tuple[Extraction, ...]
    failures: tuple[ExtractFailure, ...] = ()
    docs: Mapping[str, tuple[Any, ...]] = field(default_factory=dict)
    """Each extracted article's kept-paragraph parses (spaCy ``Doc`` objects, in the order of
    ``article.body``), by doc id: later readers of the same text (framing terms) read these
    rather than parse it again."""


def extract_articles(articles: Sequence[Article], *, nlp: Any = None) -> list[Extraction]:
    """Entities, quotes and figures of each article, entities merged across the batch.

    Raises the first article's error when one cannot be read; :func:`extract_each` reports
    such articles instead and extracts the others.
    """
    batch = extract_each(articles, nlp=nlp)
    if batch.failures:
        raise batch.failures[0].error
    return list(batch.extractions)


def extract_each(articles: Sequence[Article], *, nlp: Any = None) -> ExtractBatch:
    """Like :func:`extract_articles`, but an article that raises is a failure of its own.

    The others are extracted and merged as if it had not been in the batch. Every article is
    read within the parsing bounds of :func:`~newsprism.extract.nlp.nlp_view`.
    """
    pipeline = nlp if nlp is not None else load_nlp()
    views = [nlp_view(article).article for article in articles]
    read = find_each(views, pipeline)
    extractions, failures = assemble(read)
    done = {x.doc_id for x in extractions}
    parses = {
        f.parsed.doc_id: tuple(f.parsed.docs)
        for f in read
        if isinstance(f, Found) and f.parsed.doc_id in done
    }
    return ExtractBatch(tuple(extractions), tuple(failures), parses)


def find_each(
    articles: Sequence[Article], nlp: Any, start: int = 0
) -> list[Found | ExtractFailure]:
    """Each article parsed (one stream for the batch) and read: what it holds, or why it
    could not be read. ``start`` is the index of the first article in its batch (local
    entity ids carry it, so that a batch read in parts merges as if read whole)."""
    read: list[Found | ExtractFailure] = []
    for k, (article, docs) in enumerate(zip(articles, _parse_each(articles, nlp), strict=True)):
        try:
            if isinstance(docs, BaseException):
                raise docs
            read.append(_find(start + k, article, docs))
        except Exception as exc:  # one article's error is that article's failure
            read.append(ExtractFailure(article.doc_id, exc))
    return read


def assemble(
    read: Sequence[Found | ExtractFailure],
) -> tuple[list[Extraction], list[ExtractFailure]]:
    """The batch's extractions, entities merged across it, in the order of ``read``; and its
    failures: the articles that could not be read, then any the merge failed on."""
    failures = [f for f in read if isinstance(f, ExtractFailure)]
    found = [f for f in read if isinstance(f, Found)]
    try:
        return _assemble(found), failures
    except Exception:
        pass
    # The batch merge failed on some article's entities: merge each article alone, so that
    # only the one at fault fails (its entities are no longer merged across).
    extractions: list[Extraction] = []
    for f in found:
        try:
            extractions += _assemble([f])
        except Exception as exc:
            failures.append(ExtractFailure(f.parsed.doc_id, exc))
    return extractions, failures


def _parse_each(articles: Sequence[Article], pipeline: Any) -> list[list[Any] | BaseException]:
    """Each article's paragraph parses: one stream for the batch, per article if that fails."""
    bodies = [article.body for article in articles]
    try:
        # A paragraph met again in the batch (a syndicated copy, a standing line such as
        # "Advertisement") is parsed once: its Doc is the same, and readers never change one.
        distinct = list(dict.fromkeys(p.text for body in bodies for p in body))
        docs = dict(zip(distinct, parse(distinct, pipeline), strict=True))
        return [[docs[p.text] for p in body] for body in bodies]
    except Exception:
        pass  # some article's text broke the stream: parse each article on its own
    result: list[list[Any] | BaseException] = []
    for body in bodies:
        try:
            result.append(list(parse((p.text for p in body), pipeline)))
        except Exception as exc:
            result.append(exc)
    return result


def _find(k: int, article: Article, docs: list[Any]) -> Found:
    parsed = ParsedArticle(article, article.body, docs)
    entities = find_entities(parsed)
    bind_descriptions(parsed, entities)
    attributions = attribute(parsed, entities, find_frames(parsed))
    ids = [f"{k}:{article.doc_id}#{e.index}" for e in entities.entities]
    return Found(parsed, entities, attributions, find_figures(parsed), ids)


def _assemble(found: list[Found]) -> list[Extraction]:
    local = [entity for f in found for entity in _local_records(f)]
    merged = merge_entities(local)
    _resolve_pending(found, merged)
    lookup = merged.mapping()
    by_doc: dict[str, dict[str, list[Mention]]] = defaultdict(lambda: defaultdict(list))
    for entity in merged.entities:
        for mention in entity.mentions:
            by_doc[mention.span.doc_id][entity.id].append(mention)
    return [_extraction(f, merged, lookup, by_doc[f.parsed.doc_id]) for f in found]


def _local_records(found: Found) -> list[Entity]:
    records: list[Entity] = []
    for entity in found.entities.entities:
        if not entity.mentions:
            continue  # emptied by an alias merge
        mentions = [
            Mention(found.parsed.token_span(m.paragraph, m.start, m.end - 1), m.text, m.kind)
            for m in entity.mentions
        ]
        mentions += [Mention(d.span, d.text, "description") for d in entity.descriptions]
        mentions += [Mention(span, text, kind) for span, text, kind in entity.extra]
        aliases = list(dict.fromkeys(m.text for m in entity.mentions))
        aliases += [a.full for a in entity.aliases if a.full not in aliases]
        records.append(
            Entity(
                found.ids[entity.index],
                entity.label,
                entity.best_name(),
                tuple(aliases),
                tuple(dict.fromkeys(d.text for d in entity.descriptions)),
                tuple(mentions),
            )
        )
    return records


def _resolve_pending(found: Sequence[Found], merged: Merged) -> None:
    """Role phrases no person of their own article matched, matched against the batch."""
    bound: dict[str, list[Description]] = defaultdict(list)
    weight: dict[str, int] = {}
    lookup = merged.mapping()
    for f in found:
        for entity in f.entities.entities:
            canonical = lookup.get(f.ids[entity.index], f.ids[entity.index])
            bound[canonical].extend(entity.descriptions)
            weight[canonical] = weight.get(canonical, 0) + len(entity.mentions)
    candidates = [(key, descriptions, weight.get(key, 0)) for key, descriptions in bound.items()]
    by_id = {e.id: e for e in merged.entities}
    for f in found:
        for attribution in f.attributions:
            pending = attribution.pending
            if attribution.entity is not None or pending is None:
                continue
            key = match_description(pending.role, pending.words, pending.national, candidates)
            if key is not None and key in by_id:
                attribution.resolved_id = key


def _extraction(
    found: Found, merged: Merged, lookup: dict[str, str], mine: dict[str, list[Mention]]
) -> Extraction:
    parsed = found.parsed
    canonical_of = {i: lookup.get(found.ids[i], found.ids[i]) for i in range(len(found.ids))}
    names = {e.id: e.name for e in merged.entities}
    quotes = tuple(_quote(parsed, a, canonical_of, names) for a in found.attributions)
    # Description mentions resolved against the batch belong to the speaker's entity too.
    extra: dict[str, list[Mention]] = defaultdict(list)
    for a in found.attributions:
        if a.resolved_id and a.source_span is not None:
            extra[a.resolved_id].append(Mention(a.source_span, a.source_text or "", "description"))
    doc_id = parsed.doc_id
    entities: list[Entity] = []
    for entity in merged.entities:
        if entity.id not in mine and entity.id not in extra:
            continue
        mentions = (*mine.get(entity.id, ()), *extra.get(entity.id, ()))
        if mentions:
            entities.append(
                Entity(
                    entity.id,
                    entity.label,
                    entity.name,
                    entity.aliases,
                    entity.descriptions,
                    tuple(sorted(set(mentions), key=lambda m: (m.span.start, m.span.end))),
                )
            )
    return Extraction(doc_id, tuple(entities), quotes, tuple(found.figures))


def _quote(
    parsed: ParsedArticle, a: Attribution, canonical_of: dict[int, str], names: dict[str, str]
) -> Quote:
    frame = a.frame
    parts = [parsed.char_span(p, s, e) for p, s, e in a.pieces]
    texts = [parsed.text(p, s, e) for p, s, e in a.pieces]
    if frame.quoted:
        texts = [t.strip().strip(_QUOTE_MARKS).strip() for t in texts]
    speaker_id: str | None = None
    if a.entity is not None:
        speaker_id = canonical_of[a.entity]
    elif a.resolved_id:
        speaker_id = a.resolved_id
    speaker = names.get(speaker_id) if speaker_id else (a.display or a.source_text)
    cue_span: Span | None = None
    if frame.cue_range is not None:
        cue_span = parsed.char_span(frame.paragraph, *frame.cue_range)
    resolution = a.resolution
    return Quote(
        span=Span(parsed.doc_id, parts[0].start, parts[-1].end),
        text=" ".join(texts),
        kind=frame.kind,
        speaker_id=speaker_id,
        speaker_span=a.source_span,
        cue=frame.cue_text,
        cue_span=cue_span,
        confidence=a.confidence if speaker_id or a.resolution == "unnamed" else 0.5 * a.confidence,
        speaker=speaker,
        speaker_text=a.source_text,
        parts=tuple(parts) if len(parts) > 1 else (),
        resolution=resolution if speaker_id or resolution == "unnamed" else "",
    )


def merge_extractions(
    extractions: Sequence[Extraction], known: Sequence[Entity] = ()
) -> list[Extraction]:
    """Merge the entities of extractions (and of ``known`` ones, e.g. the store's) again.

    Ids are rewritten to the merged entities' ids in every extraction's entities and quotes.
    """
    # One entity per id, its mentions from every extraction, so that names weigh what they are
    # worth across the batch.
    by_id: dict[str, Entity] = {}
    for e in [*known, *(e for x in extractions for e in x.entities)]:
        seen = by_id.get(e.id)
        by_id[e.id] = e if seen is None else replace(seen, mentions=seen.mentions + e.mentions)
    merged = merge_entities(list(by_id.values()))
    full = {e.id: e for e in merged.entities}
    lookup = merged.mapping()
    result: list[Extraction] = []
    for x in extractions:
        mine: dict[str, list[Mention]] = defaultdict(list)
        for e in x.entities:
            mine[lookup.get(e.id, e.id)].extend(e.mentions)
        ents = tuple(
            Entity(i, full[i].label, full[i].name, full[i].aliases, full[i].descriptions,
                   tuple(sorted(set(ms), key=lambda m: (m.span.start, m.span.end))))
            for i, ms in mine.items()
        )  # fmt: skip
        quotes = tuple(
            _renamed(q, lookup.get(q.speaker_id, q.speaker_id), full) if q.speaker_id else q
            for q in x.quotes
        )
        result.append(Extraction(x.doc_id, ents, quotes, x.figures))
    return result


def _renamed(quote: Quote, speaker_id: str, entities: dict[str, Entity]) -> Quote:
    name = entities[speaker_id].name if speaker_id in entities else quote.speaker
    return replace(quote, speaker_id=speaker_id, speaker=name)
