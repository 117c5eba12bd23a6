"""Hypothesis strategies and sample records shared by the store tests (no tests here).

Strategies are derived from the records' type hints, as the codec is, so that a record added
to ``newsprism.records`` later is covered without touching this file.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import types
import typing
from typing import Any

from hypothesis import strategies as st

from newsprism.records import (
    Article,
    DateEstimate,
    Document,
    Evidence,
    Paragraph,
    Provenance,
    Role,
    Span,
)

_offsets = st.integers(min_value=-14 * 60, max_value=14 * 60).map(
    lambda minutes: dt.timezone(dt.timedelta(minutes=minutes))
)
datetimes = st.datetimes(timezones=st.none() | st.just(dt.UTC) | _offsets)
spans = st.builds(
    lambda doc, a, b: Span(doc, min(a, b), max(a, b)),
    st.text(max_size=20),
    st.integers(min_value=0, max_value=2**40),
    st.integers(min_value=0, max_value=2**40),
)
_SPECIAL: dict[Any, st.SearchStrategy[Any]] = {
    Span: spans,
    str: st.text(max_size=30),
    int: st.integers(min_value=-(2**63), max_value=2**63 - 1),
    float: st.floats(allow_nan=False, allow_infinity=False),
    bool: st.booleans(),
    dt.datetime: datetimes,
    dt.date: st.dates(),
    type(None): st.none(),
}


def strategy_for(tp: Any) -> st.SearchStrategy[Any]:
    """A strategy for any type the codec supports, built from type hints."""
    if tp in _SPECIAL:
        return _SPECIAL[tp]
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin is typing.Union or origin is types.UnionType:
        return st.one_of(*(strategy_for(a) for a in args))
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return st.lists(strategy_for(args[0]), max_size=3).map(tuple)
        return st.tuples(*(strategy_for(a) for a in args))
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return st.sampled_from(list(tp))
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        hints = typing.get_type_hints(tp)
        fields = {f.name: strategy_for(hints[f.name]) for f in dataclasses.fields(tp)}
        return st.builds(tp, **fields)
    raise TypeError(f"no strategy for {tp!r}")


articles = strategy_for(Article)
documents = strategy_for(Document)


@st.composite
def stored_pairs(draw: st.DrawFn, max_size: int = 6) -> list[tuple[Document, Article]]:
    """Documents with their articles, ids and content hashes unique (empty hashes allowed)."""
    n = draw(st.integers(min_value=0, max_value=max_size))
    pairs = []
    for i in range(n):
        doc_id = f"{draw(st.integers(0, 2**32)):08x}{i:08x}"
        document = draw(documents)
        content_hash = draw(st.sampled_from(["", f"{doc_id}{'0' * 48}"]))
        provenance = dataclasses.replace(document.provenance, content_hash=content_hash)
        document = dataclasses.replace(document, id=doc_id, provenance=provenance)
        pairs.append((document, dataclasses.replace(draw(articles), doc_id=doc_id)))
    return pairs


def sample_pair(i: int, words: str = "") -> tuple[Document, Article]:
    """A deterministic, realistic document and article number ``i``."""
    doc_id = f"{i:016x}"
    title = f"Storm number {i} hits the coast"
    body = [
        f"MOSCOW, November 13. /TASS/. The storm{i} reached the coast on Tuesday. {words}",
        "Officials said 1,200 people were evacuated (AFP).",
    ]
    lines = [title, *body, "Read more: other storms", "Comments (3): great article"]
    text = "\n\n".join(lines)
    roles = [Role.TITLE, Role.BODY, Role.BODY, Role.RELATED, Role.COMMENTS]
    paragraphs, start = [], 0
    for index, (line, role) in enumerate(zip(lines, roles, strict=True)):
        span = Span(doc_id, start, start + len(line))
        score = None if role is Role.TITLE else 0.5
        paragraphs.append(Paragraph(index, line, span, role, f"rule {role}", index + 1, score))
        start += len(line) + 2
    evidence = Evidence("dateline", "MOSCOW, November 13.", Span(doc_id, 0, 20), "dateline")
    published = DateEstimate(
        dt.date(2020, 11, 13), dt.date(2020, 11, 12), dt.date(2020, 11, 14), (evidence,), 0.9
    )
    article = Article(
        doc_id=doc_id,
        source=f"/data/{i}.txt",
        text=text,
        title=title,
        paragraphs=tuple(paragraphs),
        outlet="TASS",
        outlet_evidence=(Evidence("wire-credit", "/TASS/"),),
        wire_agency="AFP",
        dateline="MOSCOW",
        language="en",
        published=published,
        title_span=Span(doc_id, 0, len(title)),
    )
    provenance = Provenance(
        source=f"/data/{i}.txt",
        content_hash=doc_id * 4,
        fetched_at=dt.datetime(2020, 11, 13, 12, 0, i % 60, tzinfo=dt.UTC),
        encoding="utf-8",
    )
    document = Document(doc_id, provenance, "text", text, title=title)
    return document, article
