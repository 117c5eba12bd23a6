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
    ],
)
def test_dates(nlp: Any, text: str, published: dt.date | None, iso: str) -> None:
    figure = only(figures(nlp, text, published), "date")
    assert figure.normalized == iso


def test_a_date_without_a_year_in_an_undated_article_is_shown_as_written(nlp: Any) -> None:
    # Its year is unknown, but two outlets naming "September 14" still agree on a day; it is
    # shown as the text gives it, never as "--09-14".
    figure = only(figures(nlp, "They met on September 14 in the capital.", None), "date")
    assert figure.normalized == "September 14"
    assert "--" not in figure.normalized


def test_a_date_before_a_noun_belongs_to_it(nlp: Any) -> None:
    published = dt.date(2020, 9, 14)
    figure = only(figures(nlp, "Protests followed the August 9 election.", published), "date")
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
        ("The gene affects one in a million people.", "count"),  # a rate, not a million
    ],
)
def test_no_figure(nlp: Any, text: str, kind: str) -> None:
    assert not [f for f in figures(nlp, text) if f.kind == kind]


@pytest.mark.parametrize(
    "text, value",
    [
        ("10,000", 10000),
        ("1.5", 1.5),
        ("four", 4),
        ("twenty-five", 25),
        ("a", 1),
        ("x", None),
        # compound number words, read by text2num
        ("two hundred and fifty", 250),
        ("nine thousand five hundred", 9500),
        ("a thousand", 1000),
        ("Three Hundred Thousand", 300_000),
        ("twelve hundred", 1200),
        ("one million two hundred thousand", 1_200_000),
        # what text2num does not read stays with the own reading
        ("a dozen", 12),
        ("four dozen", 48),
    ],
)
def test_parse_number(text: str, value: float | None) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize(
    "text, kind, value, high, unit, normalized",
    [
        # page counts, ages, vote tallies, ranges, fractions, number words
        ("Investigators received 55,000 pages of documents.", "count", 55_000, None, "pages",
         "55000"),
        ("The committee released a 448-page report.", "count", 448, None, "pages", "448"),
        ("A 45-year-old man was arrested.", "age", 45, None, "years", "45 years old"),
        ("The suspect, aged 45, was arrested.", "age", 45, None, "years", "45 years old"),
        ("The House voted 134 to 63 to pass the bill.", "tally", 134, None, "tally", "134-63"),
        ("The bill passed in a 52-48 vote.", "tally", 52, None, "tally", "52-48"),
        ("Between 150 and 200 migrants arrived.", "count", 150, 200, "people", "150-200"),
        ("More than three quarters of applicants pass.", "percent", 75, None, "percent",
         "75 percent"),
        ("Two-thirds of voters agreed.", "percent", 66.6667, None, "percent", "66.67 percent"),
        ("Nearly seven thousand people came.", "count", 7_000, None, "people", "7000"),
        ("At least a dozen packages were mailed.", "count", 12, None, "packages", "12"),
        ("Mueller has almost four dozen questions.", "count", 48, None, "questions", "48"),
        ("Hundreds of thousands of signatures were collected.", "count", 200_000, 999_000,
         "signatures", "hundreds of thousands"),
        ("Tens of thousands of files were taken.", "count", 20_000, 99_000, "files",
         "tens of thousands"),
        ("They carried half a ton of documents.", "count", 0.5, None, "ton", "half a ton"),
        # compound number words: one figure, not the first word of it
        ("Fewer than a thousand people attended.", "count", 1_000, None, "people", "1000"),
        ("The plant cut two hundred and fifty jobs.", "count", 250, None, "jobs", "250"),
        ("Nine thousand five hundred workers went on strike.", "count", 9_500, None, "people",
         "9500"),
        ("Three hundred thousand refugees crossed the border.", "count", 300_000, None,
         "people", "300000"),
        ("Two hundred people were evacuated.", "count", 200, None, "people", "200"),
        ("The siege lasted two hundred days.", "duration", 200, None, "days", "200 days"),
        ("Prices rose by five hundred percent.", "percent", 500, None, "percent",
         "500 percent"),
        ("A seventeen-year-old student was arrested.", "age", 17, None, "years",
         "17 years old"),
        # durations in long units are years; "ago" is a time before publication
        ("The conflict has lasted more than six decades.", "duration", 60, None, "years",
         "60 years"),
        ("Trump recruited him two weeks ago.", "ago", 2, None, "weeks", "2 weeks ago"),
        ("He joined the team last week.", "ago", 1, None, "weeks", "1 weeks ago"),
        # months and weekdays
        ("Mueller was appointed in May 2017.", "month", 201705, None, "month", "2017-05"),
        ("Trump considered it in June of 2017.", "month", 201706, None, "month", "2017-06"),
        ("The caravan set out in March.", "month", 3, None, "month", "March"),
        ("The leaders will meet next Friday.", "weekday", 4, None, "weekday", "next Friday"),
    ],
)  # fmt: skip
def test_every_number_a_reader_compares(
    nlp: Any,
    text: str,
    kind: str,
    value: float,
    high: float | None,
    unit: str,
    normalized: str,
) -> None:
    figure = only(figures(nlp, text), kind)
    assert figure.value == pytest.approx(value, rel=1e-4)
    assert figure.high == (pytest.approx(high) if high is not None else None)
    assert figure.unit == unit
    assert figure.normalized == normalized
    assert text[figure.span.start : figure.span.end] == figure.text


@pytest.mark.parametrize(
    "text, kind, qualifier",
    [
        ("Flynn pleaded guilty last December.", "month", "last"),
        ("Trump cancelled the trip in early March.", "month", "early"),
        ("May said she would visit.", "month", None),  # a person, not a month
        ("The vote rose from 150 to 200 members.", "count", None),  # a change, not a range
    ],
)
def test_months_keep_their_qualifier_and_names_are_not_months(
    nlp: Any, text: str, kind: str, qualifier: str | None
) -> None:
    found = [f for f in figures(nlp, text) if f.kind == kind]
    if text.startswith("May said"):
        assert not found
        return
    if kind == "count":
        assert all(f.high is None for f in found)
        return
    assert found and found[0].qualifier == qualifier


@pytest.mark.parametrize(
    "text, thing",
    [
        (
            "The United States imposed 25 percent tariffs on steel imports.",
            "tariffs on steel imports",
        ),
        ("Trump slapped tariffs of 25 percent on imported steel.", "tariffs"),
        ("The couple paid $13.6 million in state taxes.", "state taxes"),
        ("More than 150 of the caravan's members went to the port.", "caravan members"),
        ("The U.S. has 28,500 U.S. troops stationed in South Korea.", "U.S. troops"),
        ("Police found 12 crude explosive devices.", "devices"),
    ],
)
def test_the_counted_thing_is_the_head_noun_with_what_narrows_it(
    nlp: Any, text: str, thing: str
) -> None:
    (figure,) = [f for f in figures(nlp, text) if f.kind in ("count", "money", "percent")]
    assert figure.quantified == thing


@pytest.mark.parametrize(
    "text, kind, value, high",
    [
        ("Three or four robbers burst into the store.", "count", 3, 4),
        ("It lasted two to three days.", "duration", 3, None),
    ],
)
def test_ranges_in_words(nlp: Any, text: str, kind: str, value: float, high: float | None) -> None:
    figure = only(figures(nlp, text), kind)
    assert (figure.value, figure.high) == (value, high)
