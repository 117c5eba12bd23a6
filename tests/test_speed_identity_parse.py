"""The parse's batch size changes no Doc: texts parsed :data:`BATCH_SIZE` a batch are parsed
as 1,000 a batch parsed them, tokens, tags, parse, entities and tensors alike."""

from __future__ import annotations

import random

import pytest

pytest.importorskip("spacy")
pytest.importorskip("newsprism.extract")

import numpy
from spacy.attrs import IDS

from newsprism.extract import load_nlp
from newsprism.extract.nlp import BATCH_SIZE, parse

_ATTRS = [
    IDS[name]
    for name in (
        "ORTH", "LOWER", "NORM", "TAG", "POS", "MORPH", "LEMMA", "DEP", "HEAD",
        "ENT_IOB", "ENT_TYPE", "SENT_START", "SPACY",
    )
]  # fmt: skip
_PEOPLE = ["Maria Kolesnikova", "the minister", "Joe Biden", "a spokesman for the Kremlin", "He"]
_VERBS = ["said", "told reporters", "denied", "announced", "warned on Tuesday"]
_WHAT = [
    "that 1,500 people were detained in Minsk",
    "the $2.5 billion loan would be repaid by 2030",
    "nothing had been decided",
    "about 40 percent of the vote was counted",
    "talks with the European Union would resume next month",
]


def _texts(n: int) -> list[str]:
    """``n`` paragraphs of one to six sentences, varied so that batches differ in length."""
    rng = random.Random(15)
    texts = []
    for _ in range(n):
        sentences = [
            f"{rng.choice(_PEOPLE)} {rng.choice(_VERBS)} {rng.choice(_WHAT)}."
            for _ in range(rng.randint(1, 6))
        ]
        texts.append(" ".join(sentences))
    return texts


def test_batch_size_is_the_model_s_own() -> None:
    assert load_nlp().batch_size == BATCH_SIZE


def test_docs_parsed_batch_size_a_batch_are_those_of_a_thousand_a_batch() -> None:
    nlp = load_nlp()
    texts = _texts(BATCH_SIZE * 2 + 37)  # three batches against one
    ours = list(parse(texts, nlp))
    before = list(parse(texts, nlp, batch_size=1000))
    for a, b in zip(ours, before, strict=True):
        assert numpy.array_equal(a.to_array(_ATTRS), b.to_array(_ATTRS)), a.text
        assert [t.lemma_ for t in a] == [t.lemma_ for t in b]
        assert [(e.start, e.end, e.label_) for e in a.ents] == [
            (e.start, e.end, e.label_) for e in b.ents
        ]
        assert numpy.array_equal(a.tensor, b.tensor), a.text
