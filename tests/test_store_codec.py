"""The JSON codec round-trips every record and writes plain, stable JSON."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsprism import records
from newsprism.records import (
    Article,
    DateEstimate,
    Document,
    Paragraph,
    Provenance,
    Role,
    Span,
    SyndicationGroup,
)
from newsprism.store import dumps, from_dict, loads, to_dict
from test_store_strategies import sample_pair, strategy_for

RECORD_TYPES = [
    getattr(records, name)
    for name in records.__all__
    if dataclasses.is_dataclass(getattr(records, name))
]


def _plain(value: Any) -> bool:
    """True if ``value`` is made only of JSON's own types."""
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_plain(v) for v in value)
    return value is None or isinstance(value, str | int | float | bool)


@pytest.mark.parametrize("cls", RECORD_TYPES, ids=lambda c: c.__name__)
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_every_record_type_round_trips(cls: type, data: st.DataObject) -> None:
    record = data.draw(strategy_for(cls))
    as_dict = to_dict(record)
    assert _plain(as_dict)
    assert list(as_dict) == [f.name for f in dataclasses.fields(cls)]
    assert from_dict(cls, json.loads(json.dumps(as_dict))) == record
    text = dumps(record)
    assert loads(cls, text) == record
    assert dumps(loads(cls, text)) == text  # stable: same record, same text


def test_document_with_provenance_encodes_as_expected() -> None:
    fetched = dt.datetime(2020, 11, 13, 8, 30, tzinfo=dt.timezone(dt.timedelta(hours=3)))
    provenance = Provenance("crawl.warc.gz", 1024, 7, "ab" * 32, fetched, "cp1251", True)
    document = Document("abababababababab", provenance, "html", "<p>x</p>", published=None)
    assert to_dict(document) == {
        "id": "abababababababab",
        "provenance": {
            "source": "crawl.warc.gz",
            "record_offset": 1024,
            "record_index": 7,
            "content_hash": "ab" * 32,
            "fetched_at": "2020-11-13T08:30:00+03:00",
            "encoding": "cp1251",
            "repaired": True,
        },
        "media_type": "html",
        "content": "<p>x</p>",
        "url": None,
        "title": None,
        "outlet": None,
        "published": None,
    }
    assert loads(Document, dumps(document)) == document


def test_enums_dates_and_tuples_of_tuples_are_plain_json() -> None:
    paragraph = Paragraph(0, "Hi", Span("d", 0, 2), Role.CAPTION, "photo credit", None, 0.25)
    assert to_dict(paragraph)["role"] == "caption"
    assert from_dict(Paragraph, to_dict(paragraph)).role is Role.CAPTION
    estimate = DateEstimate(dt.date(2021, 2, 3), None, dt.date(2021, 2, 4))
    assert to_dict(estimate)["date"] == "2021-02-03"
    group = SyndicationGroup("g", "a", ("a", "b"), (("b", 0.97),))
    assert to_dict(group)["scores"] == [["b", 0.97]]
    assert from_dict(SyndicationGroup, to_dict(group)) == group


def test_sample_article_round_trips() -> None:
    _, article = sample_pair(3)
    assert loads(Article, dumps(article)) == article
    assert loads(Article, dumps(article).encode()) == article


def test_missing_field_with_default_takes_the_default() -> None:
    data = to_dict(sample_pair(1)[1])
    del data["language"], data["url"]
    assert from_dict(Article, data).language == "und"


@pytest.mark.parametrize(
    "cls, data, fragment",
    [
        (Span, {"doc_id": "d", "start": "0", "end": 1}, "Span.start: expected integer"),
        (Span, {"doc_id": "d", "start": True, "end": 1}, "Span.start: expected integer"),
        (Span, {"doc_id": "d", "start": 5, "end": 1}, "invalid span"),
        (Span, {"doc_id": "d", "start": 0}, "Span"),
        (Span, {"doc_id": "d", "start": 0, "end": 1, "extra": 2}, "unknown field(s) extra"),
        (Span, [1, 2], "expected Span object"),
        (DateEstimate, {"date": "13 Nov 2020"}, "DateEstimate.date: '13 Nov 2020'"),
        (DateEstimate, {"date": None, "evidence": {}}, "DateEstimate.evidence: expected array"),
        (DateEstimate, {"date": None, "confidence": "high"}, "expected number"),
        (
            Paragraph,
            {"index": 0, "text": "", "span": {"doc_id": "", "start": 0, "end": 0}, "role": "x"},
            "Paragraph.role: 'x' is not a Role",
        ),
        (SyndicationGroup, {"id": "g", "original": "a", "members": [], "scores": [["b"]]}, "2"),
    ],
)
def test_bad_data_fails_with_the_path_to_the_problem(cls: type, data: Any, fragment: str) -> None:
    with pytest.raises(ValueError, match=fragment.replace("(", r"\(").replace(")", r"\)")):
        from_dict(cls, data)


def test_non_finite_floats_are_refused_by_dumps() -> None:
    with pytest.raises(ValueError):
        dumps(DateEstimate(None, confidence=float("nan")))


def test_only_records_are_encoded() -> None:
    with pytest.raises(TypeError):
        to_dict({"a": 1})
    with pytest.raises(TypeError):
        to_dict(Span)
    with pytest.raises(TypeError):
        from_dict(dict, {})
