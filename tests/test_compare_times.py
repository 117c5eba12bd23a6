"""When two written times can name one moment: table-driven cases of compare.quantity."""

from __future__ import annotations

import pytest

from newsprism.compare.quantity import time_agreement, times_exclude
from newsprism.records import Figure, Span


def _month(text: str, value: int, qualifier: str | None = None) -> Figure:
    return Figure(Span("d", 0, len(text)), text, "month", float(value), "", qualifier)


@pytest.mark.parametrize(
    "a, b, one_moment",
    [
        # "last December" in an undated article: which year is meant cannot be told.
        (_month("last December", 12, "last"), _month("late December 2016", 201612, "late"), False),
        (_month("December 2016", 201612), _month("last December", 12, "last"), False),
        # A bare month may be any year's: it can name the month a dated one names.
        (_month("December", 12), _month("late December 2016", 201612, "late"), True),
        (_month("January last year", 1, "last"), _month("January this year", 1, "this"), False),
        (_month("March 2018", 201803), _month("March 2018", 201803), True),
        (_month("March 2018", 201803), _month("April 2018", 201804), False),
    ],
)
def test_two_months_name_one_moment_only_when_nothing_sets_them_apart(
    a: Figure, b: Figure, one_moment: bool
) -> None:
    assert (time_agreement(a, b) is not None) is one_moment
    assert times_exclude(a, b) is not one_moment
