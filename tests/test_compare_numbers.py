"""Hedged and rounded figures read as intervals: which pairs can both be true."""

from __future__ import annotations

import pytest

from newsprism.compare.numbers import converted, hedge, interval, overlap
from newsprism.records import Figure, Span


def fig(
    text: str, value: float, unit: str, qualifier: str | None = None, high: float | None = None
) -> Figure:
    """A figure as extraction reports it."""
    money = unit in ("USD", "EUR", "GBP", "XYZ")
    kind = "percent" if unit == "percent" else "money" if money else "count"
    return Figure(Span("d", 0, len(text)), text, kind, value, unit, qualifier=qualifier, high=high)


@pytest.mark.parametrize(
    "qualifier, expected",
    [
        ("about", "about"),
        ("some", "about"),
        ("nearly", "nearly"),
        ("almost", "nearly"),
        ("more than", "more"),
        ("at least", "more"),
        ("fewer than", "less"),
        ("no more than", "less"),
        (None, None),
        ("exactly", None),
    ],
)
def test_hedges(qualifier: str | None, expected: str | None) -> None:
    assert hedge(qualifier) == expected


@pytest.mark.parametrize(
    "a, b, agree",
    [
        # rounding: 80 percent is anything that rounds to 80
        (fig("80 percent", 80, "percent"), fig("80.10%", 80.10, "percent"), True),
        (fig("80 percent", 80, "percent"), fig("81.2%", 81.2, "percent"), False),
        # hedges on both sides
        (
            fig("more than four hours", 4, "hours", "more than"),
            fig("some four hours", 4, "hours", "some"),
            True,
        ),
        (
            fig("about 10,000", 10_000, "people", "about"),
            fig("nearly 7,000", 7_000, "people", "nearly"),
            False,
        ),
        # one value in many forms
        (fig("$1.5-billion", 1.5e9, "USD"), fig("$1.5bn", 1.5e9, "USD"), True),
        (fig("$1.5 billion", 1.5e9, "USD"), fig("$1.6 billion", 1.6e9, "USD"), False),
        (fig("nearly 7,000", 7_000, "people", "nearly"), fig("7,200", 7_200, "people"), False),
        (fig("more than 500", 500, "people", "more than"), fig("600", 600, "people"), True),
        # ranges hold every value between their ends, and nothing far outside
        (fig("three or four", 3, "robbers", high=4), fig("four", 4, "robbers"), True),
        (fig("three or four", 3, "robbers", high=4), fig("three", 3, "robbers"), True),
        (fig("three or four", 3, "robbers", high=4), fig("six", 6, "robbers"), False),
        (
            fig("150 and 200", 150, "people", high=200),
            fig("about 200", 200, "people", "about"),
            True,
        ),
        (fig("150 and 200", 150, "people", high=200), fig("175", 175, "people"), True),
        (fig("150 and 200", 150, "people", high=200), fig("300", 300, "people"), False),
        (fig("150 to 200", 150, "people", "about", 200), fig("215", 215, "people"), True),
        # a round number may be a rounded or truncated exact one, within two percent
        (fig("$43,000", 43_000, "USD"), fig("$43,350", 43_350, "USD"), True),
        (fig("50,000", 50_000, "pages"), fig("55,000", 55_000, "pages"), False),
        (fig("100,000", 100_000, "files"), fig("55,000", 55_000, "files"), False),
        # "almost 48" stops short of 48, "at least 48" starts there
        (
            fig("almost 48", 48, "questions", "almost"),
            fig("at least 48", 48, "questions", "at least"),
            False,
        ),
        (fig("almost 48", 48, "questions", "almost"), fig("48", 48, "questions"), True),
    ],
)
def test_overlap(a: Figure, b: Figure, agree: bool) -> None:
    assert overlap(a, b) is agree
    assert overlap(b, a) is agree  # symmetric


def test_decimal_places_set_the_rounding() -> None:
    assert interval(fig("80.10%", 80.10, "percent")).high == pytest.approx(80.105)
    assert interval(fig("1.5 billion", 1.5e9, "USD")).low == pytest.approx(1.45e9)


@pytest.mark.parametrize(
    "a, b, agree",
    [
        # 2.8 billion euros is about $3.5 billion at any recent rate
        (fig("2.8 billion euros", 2.8e9, "EUR"), fig("about $3.5 billion", 3.5e9, "USD", "about"),
         True),
        (fig("2.8 billion euros", 2.8e9, "EUR"), fig("$5 billion", 5e9, "USD"), False),
        (fig("£300 million", 3e8, "GBP"), fig("$400 million", 4e8, "USD"), True),
    ],
)  # fmt: skip
def test_amounts_in_two_currencies(a: Figure, b: Figure, agree: bool) -> None:
    assert converted(a, b) is agree


def test_an_unknown_currency_has_no_conversion() -> None:
    assert converted(fig("5 million", 5e6, "XYZ"), fig("$5 million", 5e6, "USD")) is None
