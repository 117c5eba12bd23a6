"""End to end on sochi-2020: the Done-when items of extraction, read from the gold file.

Every ``quotes.must`` item found with its speaker, the ``must_not`` items absent, each
``entities.must_merge`` group one entity, every ``figures`` item marked ``must`` found with its
value and unit. The names and lines come from the gold file, never from this test.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newsprism.evaluation.extract import ExtractEvaluation, evaluate_extract, expected_figure
from newsprism.extract import load_nlp

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FLOORS = json.loads((ROOT / "tests" / "quality_floors_extract.json").read_text(encoding="utf-8"))
GOLD = ROOT / FLOORS["sochi-2020"]["gold"]

pytestmark = pytest.mark.skipif(not SHARED.is_dir(), reason="../shared is absent")


@pytest.fixture(scope="module")
def result() -> ExtractEvaluation:
    return evaluate_extract(GOLD, nlp=load_nlp())


def test_sochi_floors(result: ExtractEvaluation) -> None:
    figures = result.to_json()["newsprism"]
    for name, floor in FLOORS["sochi-2020"]["newsprism"].items():
        if name == "must_not_violations":
            assert figures[name] <= floor, f"{name} {figures[name]} above {floor}"
        else:
            assert figures[name] >= floor, f"{name} {figures[name]} fell under its floor {floor}"


def test_every_must_quote_has_its_speaker(result: ExtractEvaluation) -> None:
    missed = [
        (q.gold.doc, q.gold.starts, q.speaker) for q in result.newsprism.quotes if not q.speaker_ok
    ]
    assert not missed


def test_must_not_items_are_absent(result: ExtractEvaluation) -> None:
    assert result.newsprism.violations == ()


def test_each_must_merge_group_is_one_entity(result: ExtractEvaluation) -> None:
    assert [g for g in result.newsprism.groups if not g.ok] == []


def test_every_must_figure_is_found(result: ExtractEvaluation) -> None:
    assert [f for f in result.newsprism.figures if not f.found] == []


def test_newsprism_beats_textacy_on_quotes(result: ExtractEvaluation) -> None:
    ours, theirs = result.to_json()["newsprism"], result.to_json()["textacy"]
    assert ours["quotes_recall"] >= theirs["quotes_recall"]
    assert ours["speakers_recall"] > theirs["speakers_recall"]


@pytest.mark.parametrize(
    "value, kind, amount, unit",
    [
        ("1.5 billion USD", "money", 1.5e9, "USD"),
        ("2020-08-09", "date", None, "date"),
        ("80.10%", "percent", 80.1, "percent"),
        ("more than four hours", "duration", 4, "hours"),
        ("in power for 26 years", "duration", 26, "years"),
        ("ruled since 1994", "year", 1994, "year"),
        ("nearly 7,000 detained in the days after the election", "count", 7000, None),
        ("about 9.5 million", "count", 9.5e6, None),
    ],
)
def test_gold_values_are_read(
    value: str, kind: str, amount: float | None, unit: str | None
) -> None:
    expected = expected_figure(value)
    assert expected is not None
    assert (expected.kind, expected.unit) == (kind, unit)
    if amount is not None:
        assert expected.value == pytest.approx(amount)


def test_conflicting_counts_keep_their_scopes(result: Any) -> None:
    # A good report says the two counts were taken over different time scopes: each count of a
    # conflicting gold item must come with the scope its sentence states.
    from newsprism.clean import clean_batch
    from newsprism.evaluation.clean import _read
    from newsprism.evaluation.gold import load_gold
    from newsprism.evaluation.gold_extract import load_extract_gold
    from newsprism.extract import extract_articles

    corpus, gold = load_gold(GOLD), load_extract_gold(GOLD)
    articles = clean_batch([_read(corpus, d) for d in corpus.documents])
    by_doc = {
        d.name[:3]: x
        for d, x in zip(corpus.documents, extract_articles(articles, nlp=load_nlp()), strict=True)
    }
    conflicts = [f for f in gold.figures if f.section == "conflicting" and f.must]
    assert conflicts
    for item in conflicts:
        scopes = []
        for doc, value in item.values:
            expected = expected_figure(value)
            assert expected is not None
            hits = [
                f for f in by_doc[doc].figures if f.kind == "count" and f.value == expected.value
            ]
            assert hits and hits[0].scope, (doc, value)
            scopes.append(hits[0].scope)
        assert len(set(scopes)) == len(scopes)
