"""One statement in several translations is grouped; different remarks are not."""

from __future__ import annotations

import pytest

from newsprism.compare.statements import group_statements, statement_similarity

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


def test_unknown_speakers_are_never_grouped() -> None:
    assert group_statements([A, B], [None, None]) == [[0], [1]]
