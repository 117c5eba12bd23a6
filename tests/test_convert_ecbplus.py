"""ECB+ tokens are joined back into text as printed, numbers included."""

from __future__ import annotations

import pytest

from newsprism.evaluation.datasets.ecbplus import detokenise


@pytest.mark.parametrize(
    ("tokens", "text"),
    [
        ("a magnitude - 5 . 9 quake", "a magnitude - 5.9 quake"),
        ("killed 230 , 000 people", "killed 230,000 people"),
        ("$ 1 , 234 , 567 in total", "$1,234,567 in total"),
        ("at 09 : 10 hours", "at 09:10 hours"),
        # A year before a comma is not a thousands group.
        ("in 2003 , 600 were killed", "in 2003, 600 were killed"),
        ("Three , four or five", "Three, four or five"),
        ("`` We value them , '' he said .", '"We value them," he said.'),
        ("the company 's shares ( up 5 % )", "the company's shares (up 5%)"),
    ],
)
def test_detokenise(tokens: str, text: str) -> None:
    assert detokenise(tokens.split()) == text
