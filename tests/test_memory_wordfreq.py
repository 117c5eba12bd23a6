"""Clustering reads word frequencies from a compact copy of each language's wordfreq list
(hashes and bands, not wordfreq's list and dict of strings): the frequencies are wordfreq's
own, to the last digit."""

from __future__ import annotations

import itertools
import random

import pytest
import wordfreq

from newsprism.cluster.features import idf, word_frequency

ODD = (
    "3.14",
    "1,000",
    "2020",
    "12th",
    "l'homme",
    "rock'n'roll",
    "e-mail",
    "co-op",
    "über",
    "não",
    "Straße",
    "ÉCOLE",
    "kelvarmorrin",
    "",
    "  ",
    "x",
    "#",
)
"""Numbers, apostrophes, hyphens, accents, case, unknown words and empty text."""


@pytest.mark.parametrize("language", ["en", "pt", "de"])
def test_the_compact_lists_give_wordfreqs_frequencies(language: str) -> None:
    listed = list(itertools.islice(wordfreq.iter_wordlist(language), 0, 400_000))
    rng = random.Random(language)
    words = [*listed[:200], *rng.sample(listed, 800), *listed[-200:], *ODD]
    expected = [wordfreq.word_frequency(w, language) for w in words]
    assert [word_frequency(w, language) for w in words] == expected
    assert any(f == 0.0 for f in expected) and any(f > 0.0 for f in expected)


def test_idf_reads_the_compact_lists() -> None:
    assert idf("the") == 0.0  # among the commonest words
    assert 0.0 < idf("lukashenko") < idf("kelvarmorrin")  # listed, rare; unlisted: the ceiling
