"""Figures: money in every spelling, counts, percentages, durations, years and dates.

Table-driven: each case gives a sentence and what must be read from it (kind, value, unit, and
where the case is about it, the qualifier, the counted noun, the predicate and the scope),
plus the sentences that hold no figure of a kind. The texts are made up for the tests.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from newsprism.extract import extract_articles, load_nlp, parse_number
from newsprism.records import Article, DateEstimate, Figure, Paragraph, Role, Span


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_nlp()


def figures(nlp: Any, text: str, published: dt.date | None = None) -> list[Figure]:
    paragraph = Paragraph(0, text, Span("doc", 0, len(text)), Role.BODY, "test")
    article = Article("doc", "test", text, "Title", (paragraph,), published=DateEstimate(published))
    return list(extract_articles([article], nlp=nlp)[0].figures)


def only(found: list[Figure], kind: str) -> Figure:
    of_kind = [f for f in found if f.kind == kind]
    assert len(of_kind) == 1, f"expected one {kind} in {found}"
    return of_kind[0]


@pytest.mark.parametrize(
    "text, value, unit",
    [
        ("The fund approved a $1.5-billion loan to the government.", 1.5e9, "USD"),
        ("The fund approved a US$1.5 billion loan to the government.", 1.5e9, "USD"),
        ("The fund approved a $1.5 bln loan to the government.", 1.5e9, "USD"),
        ("The fund approved a $1.5bn loan to the government.", 1.5e9, "USD"),
        ("The fund approved a loan of $1.5 billion to the government.", 1.5e9, "USD"),
        ("The fund approved 1.5 billion dollars for the government.", 1.5e9, "USD"),
        ("The union approved a €20m grant for the region.", 2e7, "EUR"),
        ("The city paid £300 million for the bridge.", 3e8, "GBP"),
        ("The bank lent the firm 300 million roubles last year.", 3e8, "RUB"),
        ("The deal is worth USD 2 billion to the company.", 2e9, "USD"),
    ],
)
def test_money_in_every_spelling_is_one_value(nlp: Any, text: str, value: float, unit: str) -> None:
    figure = only(figures(nlp, text), "money")
    assert figure.value == pytest.approx(value)
    assert figure.unit == unit
    assert figure.normalized.endswith(unit)


def test_money_keeps_what_it_pays_for(nlp: Any) -> None:
    for text in (
        "The fund approved a $1.5-billion loan to the government.",
        "The fund approved a loan of $1.5 billion to the government.",
    ):
        figure = only(figures(nlp, text), "money")
        assert figure.predicate == "loan"
        assert figure.normalized == "1.5 billion USD"


@pytest.mark.parametrize(
    "text, value, unit, qualifier, quantified, predicate, scope",
    [
        ("Police detained nearly 7,000 people during protests in the days after the vote.",
         7000, "people", "nearly", "people", "detained", "in the days after the vote"),
        ("A total of about 10,000 were arrested during the protests.",
         10000, "people", "about", None, "arrested", "during the protests"),
        ("About 10,000 were arrested during the protests.",
         10000, "people", "about", None, "arrested", "during the protests"),
        ("Three people died in the fire on Sunday.",
         3, "people", None, "people", "died", "on Sunday"),
        ("Police held more than 500 protesters in the capital.",
         500, "people", "more than", "protesters", "held", None),
        ("The country has a population of around 9.5 million.",
         9.5e6, "people", "around", "population", None, None),
        ("The firm built 40 factories in the south.",
         40, "factories", None, "factories", "built", None),
    ],
)  # fmt: skip
def test_counts_with_what_they_count(
    nlp: Any,
    text: str,
    value: float,
    unit: str,
    qualifier: str | None,
    quantified: str | None,
    predicate: str | None,
    scope: str | None,
) -> None:
    figure = only(figures(nlp, text), "count")
    assert figure.value == pytest.approx(value)
    assert figure.unit == unit
    assert figure.qualifier == qualifier
    assert figure.quantified == quantified
    if predicate is not None:
        assert figure.predicate == predicate
    assert figure.scope == scope
    assert text[figure.span.start : figure.span.end] == figure.text


@pytest.mark.parametrize(
    "text, value, quantified",
    [
        ("She won 80.10% of the vote.", 80.1, "vote"),
        ("She won 80 percent of the vote.", 80, "vote"),
        ("She won 80 per cent of the vote.", 80, "vote"),
        ("Her rival came second with 10.12% of the ballot.", 10.12, "ballot"),
    ],
)
def test_percentages_with_what_they_measure(
    nlp: Any, text: str, value: float, quantified: str
) -> None:
    figure = only(figures(nlp, text), "percent")
    assert figure.value == pytest.approx(value)
    assert figure.unit == "percent"
    assert figure.quantified == quantified


@pytest.mark.parametrize(
    "text, value, unit, qualifier",
    [
        ("The meeting lasted more than four hours.", 4, "hours", "more than"),
        ("They talked for some four hours.", 4, "hours", "some"),
        ("He has been in power for 26 years.", 26, "years", None),
        ("For more than a month there have been protests.", 1, "months", "more than"),
    ],
)
def test_durations(nlp: Any, text: str, value: float, unit: str, qualifier: str | None) -> None:
    figure = only(figures(nlp, text), "duration")
    assert (figure.value, figure.unit, figure.qualifier) == (value, unit, qualifier)


def test_years_with_their_predicate_and_scope(nlp: Any) -> None:
    figure = only(figures(nlp, "He has ruled the country since 1994."), "year")
    assert figure.value == 1994
    assert figure.predicate == "ruled"
    assert figure.scope == "since 1994"


@pytest.mark.parametrize(
    "text, published, iso",
    [
        # a date without a year takes the publication's year ...
        ("Protests began after the August 9 election.", dt.date(2020, 9, 14), "2020-08-09"),
        ("Protests began on 9 August.", dt.date(2020, 9, 14), "2020-08-09"),
        ("The talks ended on Nov. 13.", dt.date(2020, 11, 20), "2020-11-13"),
        # ... or the year before, when the date would lie far in the future
        ("The talks ended on December 28.", dt.date(2021, 1, 5), "2020-12-28"),
        # a written year wins
        ("They met on September 14, 2020, in the capital.", dt.date(2021, 3, 1), "2020-09-14"),
        ("They met on 14 September 2020 in the capital.", None, "2020-09-14"),
        ("They met on 2020-09-14 in the capital.", None, "2020-09-14"),
        # no year and no publication date: month and day only
        ("They met on September 14 in the capital.", None, "--09-14"),
    ],
)
def test_dates(nlp: Any, text: str, published: dt.date | None, iso: str) -> None:
    figure = only(figures(nlp, text, published), "date")
    assert figure.normalized == iso


def test_a_date_before_a_noun_belongs_to_it(nlp: Any) -> None:
    figure = only(figures(nlp, "Protests followed the August 9 election.", None), "date")
    assert figure.predicate == "election"


@pytest.mark.parametrize(
    "text, kind",
    [
        ("A 26-year-old man was arrested.", "duration"),
        ("He is 26 years old.", "duration"),
        ("The leaders held one-to-one talks.", "count"),
        ("One of the candidates withdrew.", "count"),
        ("Cases of COVID-19 rose again.", "count"),
        ("The office is on Route 66.", "count"),
        ("The vote is in May, officials said.", "date"),
    ],
)
def test_no_figure(nlp: Any, text: str, kind: str) -> None:
    assert not [f for f in figures(nlp, text) if f.kind == kind]


@pytest.mark.parametrize(
    "text, value",
    [("10,000", 10000), ("1.5", 1.5), ("four", 4), ("twenty-five", 25), ("a", 1), ("x", None)],
)
def test_parse_number(text: str, value: float | None) -> None:
    assert parse_number(text) == value
