"""One statement in several translations is grouped; different remarks are not."""

from __future__ import annotations

import pytest

from newsprism.compare.statements import (
    group_statements,
    quote_groups,
    statement_quotes,
    statement_similarity,
    statement_words,
)
from newsprism.records import Extraction, Quote, Span

# Two translations of one remark (made up for the test, in the style of wire copy).
A = (
    "We respect all of them, but we want everything in the country to happen within a legal "
    "framework and not through unconstitutional processes"
)
B = (
    "We respect them all, but, as the president said from the start, we want everything in the "
    "country to be done not through unconstitutional processes but in a legal way"
)
OTHER = "No, these reports have absolutely nothing to do with reality, the issue was not raised"


@pytest.mark.parametrize(
    "a, b, same",
    [
        (A, B, True),
        (A, OTHER, False),
        (
            "the usurper instead of the people",
            "hold dialogue with a usurper and not the people",
            True,
        ),
        ("usurper", OTHER, False),
        ("", A, False),
    ],
)
def test_similarity(a: str, b: str, same: bool) -> None:
    assert (statement_similarity(a, b) >= 0.4) is same
    assert statement_similarity(a, b) == pytest.approx(statement_similarity(b, a))


def test_grouping_needs_the_same_speaker() -> None:
    texts = [A, B, OTHER, A]
    speakers = ["s1", "s1", "s1", "s2"]
    assert group_statements(texts, speakers) == [[0, 1], [2], [3]]


def test_unknown_speakers_are_never_grouped_without_documents() -> None:
    assert group_statements([A, B], [None, None]) == [[0], [1]]


# One remark in two renderings, attributed differently by two outlets (the agency / its author).
C = "The North will shut down a nuclear test site in the northern side to prove the suspension"
D = "North Korea would shut down a nuclear test site in its northern side to guarantee suspension"


@pytest.mark.parametrize(
    "texts, speakers, documents, expected",
    [
        # different speakers, different documents, close wording: one statement
        ([C, D], ["s1", "s2"], ["d1", "d2"], [[0, 1]]),
        # unresolved speakers across documents: one statement
        ([C, D], [None, None], ["d1", "d2"], [[0, 1]]),
        # one document attributing similar words to two people: two statements
        ([C, D], ["s1", "s2"], ["d1", "d1"], [[0], [1]]),
        # two translations of one speaker's remark
        ([A, B], ["s1", "s1"], ["d1", "d2"], [[0, 1]]),
        # different remarks stay apart whatever the speakers
        ([C, OTHER], [None, None], ["d1", "d2"], [[0], [1]]),
    ],
)
def test_grouping_across_documents(
    texts: list[str], speakers: list[str | None], documents: list[str], expected: list[list[int]]
) -> None:
    assert group_statements(texts, speakers, documents=documents) == expected


def _quote(doc: str, text: str, kind: str, speaker_id: str | None) -> Quote:
    span = Span(doc, 0, len(text))
    return Quote(span, text, kind, speaker_id, None, None, None, 0.9, speaker_id)


def test_quote_groups_keep_cross_document_statements_and_named_direct_quotes() -> None:
    quotes = [
        _quote("d1", C, "indirect", None),
        _quote("d2", D, "direct", "org:agency"),
        _quote("d1", OTHER, "direct", "person:x"),
        _quote("d2", "the weather in the capital was mild on Friday", "indirect", None),
    ]
    assert quote_groups(quotes) == [[1, 0], [2]]


@pytest.mark.parametrize(
    "text, kind, kept",
    [
        ("the announcement", "indirect", False),
        ("the hotline will improve communications between leaders", "indirect", True),
        ("No.", "direct", True),
    ],
)
def test_statement_quotes(text: str, kind: str, kept: bool) -> None:
    extraction = Extraction("d1", quotes=(_quote("d1", text, kind, None),))
    assert bool(statement_quotes([extraction])) is kept


def test_the_storys_common_words_do_not_make_one_statement() -> None:
    # Twenty quotes of five articles all name the topic; two different remarks that share only
    # its words stay apart, while one remark in two renderings still joins.
    remarks = [
        "North Korea nuclear tests drew sanctions from the council",
        "nuclear tests by North Korea ended the talks abruptly",
    ]
    filler = [
        f"North Korea and its nuclear tests, {word} said"
        for word in ("analysts", "diplomats", "officials", "experts", "envoys", "aides")
    ]
    texts = [*remarks, *(filler * 3), C, D]
    documents = [f"d{i % 5}" for i in range(len(texts))]
    documents[0], documents[1], documents[-2], documents[-1] = "d0", "d1", "d2", "d3"
    speakers = [f"s{i}" for i in range(len(texts))]
    groups = group_statements(texts, speakers, documents=documents)
    assert [0] in groups and [1] in groups
    assert [len(texts) - 2, len(texts) - 1] in groups


@pytest.mark.parametrize(
    "text, kind, words",
    [
        # a reported statement quoting the remark is rendered by its quoted words
        ("disappointment that he agreed to meet “the usurper instead of the people”",
         "indirect", "the usurper instead of the people"),
        # a quoted word or two is not the remark: the whole paraphrase stands
        ('that it was "disgraceful" that the questions were leaked', "indirect",
         'that it was "disgraceful" that the questions were leaked'),
        ("We will stay “no matter what” they say", "direct",
         "We will stay “no matter what” they say"),
    ],
)  # fmt: skip
def test_statement_words(text: str, kind: str, words: str) -> None:
    assert statement_words(_quote("d1", text, kind, None)) == words
