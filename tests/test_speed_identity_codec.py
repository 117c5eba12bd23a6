"""The codec's encoder writes what its plain definition writes: a value of a plain type is kept
without a call of ``_encode``, and nothing else changes."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from collections.abc import Mapping
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from newsprism.records import Article, Document, Extraction
from newsprism.store import codec
from test_store_strategies import articles, documents, strategy_for


def _reference(value: Any) -> Any:
    """The encoder as first written: every value, plain or not, through one walk."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, enum.Enum):
        return _reference(value.value)
    if isinstance(value, str):
        return value
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = dataclasses.fields(value)
        return {f.name: _reference(getattr(value, f.name)) for f in fields if f.init}
    if isinstance(value, tuple | list):
        return [_reference(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): _reference(v) for k, v in value.items()}
    raise TypeError(type(value).__name__)


def _same(a: Any, b: Any) -> bool:
    """Equal and of the same types all the way down (True is not 1, 1.0 is not 1)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b or (a != a and b != b))


@settings(max_examples=60, deadline=None)
@given(articles)
def test_an_article_encodes_as_the_plain_walk_encodes_it(article: Article) -> None:
    assert _same(codec.to_dict(article), _reference(article))


@settings(max_examples=60, deadline=None)
@given(documents)
def test_a_document_encodes_as_the_plain_walk_encodes_it(document: Document) -> None:
    assert _same(codec.to_dict(document), _reference(document))


@settings(max_examples=40, deadline=None)
@given(strategy_for(Extraction))
def test_an_extraction_encodes_as_the_plain_walk_encodes_it(extraction: Extraction) -> None:
    assert _same(codec.to_dict(extraction), _reference(extraction))


class _Kind(enum.StrEnum):
    A = "a"


@dataclasses.dataclass(frozen=True)
class _Mixed:
    kind: _Kind
    flag: bool
    count: int
    share: float
    when: dt.date
    names: tuple[Any, ...]
    table: dict[str, Any]


@given(
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.dates(),
    st.lists(st.one_of(st.none(), st.booleans(), st.integers(), st.text(), st.just(_Kind.A))),
)
def test_enum_and_bool_members_are_not_taken_for_plain_values(
    flag: bool, count: int, share: float, when: dt.date, names: list[Any]
) -> None:
    record = _Mixed(_Kind.A, flag, count, share, when, tuple(names), {"k": _Kind.A, "n": names})
    encoded = codec.to_dict(record)
    assert _same(encoded, _reference(record))
    assert type(encoded["kind"]) is str and all(type(v) is not _Kind for v in encoded["names"])
