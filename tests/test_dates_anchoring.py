"""Publication dates only from evidence that fixes them; one reading of yearless dates."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from newsprism.brief.timeline import background_dates
from newsprism.clean.dates import date_clues, resolve, resolve_batch
from newsprism.datetext import resolve_month_day, resolve_weekday
from newsprism.records import Article, DateEstimate, Paragraph, Role, Span

# One story: the Comey memos handed to Congress (shared names), and another story of the same
# week that shares only the president.
MEMOS = (
    "The Justice Department gave Congress the Comey memos on Thursday. James Comey described "
    "his meetings with Donald Trump, Michael Flynn and Reince Priebus. Rod Rosenstein sent the "
    "memos to Bob Goodlatte, Trey Gowdy and Devin Nunes."
)
MEMOS_FOLLOW_UP = (
    "Republicans released the Comey memos on Thursday night. James Comey wrote about Donald "
    "Trump, Michael Flynn and Reince Priebus; Bob Goodlatte, Trey Gowdy and Devin Nunes had "
    "asked Rod Rosenstein for them."
)
OTHER_STORY = (
    "Donald Trump welcomed Emmanuel Macron to Washington on Tuesday. Brigitte Macron and Melania "
    "Trump visited Mount Vernon. The leaders discussed Iran, Syria and climate in Paris terms."
)
THURSDAY = dt.date(2018, 4, 19)
TUESDAY = dt.date(2018, 4, 24)


def article(doc_id: str, text: str) -> Article:
    paragraph = Paragraph(0, text, Span(doc_id, 0, len(text)), Role.BODY, "test")
    return Article(doc_id, f"{doc_id}.txt", text, "Title", (paragraph,))


def dated(undated_text: str, anchors: list[tuple[str, dt.date]]) -> DateEstimate:
    """The date the undated text gets in a batch with the given dated articles."""
    batch = [article("undated", undated_text)]
    metadata: list[dt.date | None] = [None]
    for i, (text, day) in enumerate(anchors):
        batch.append(article(f"anchor{i}", text))
        metadata.append(day)
    clues = [date_clues(a, metadata=m) for a, m in zip(batch, metadata, strict=True)]
    return resolve_batch(batch, clues)[0].published


@pytest.mark.parametrize(
    "undated, anchors, expected",
    [
        # a weekday alone, with no anchor: no date
        (MEMOS, [], None),
        # an anchored report of the same story, on the day the weekday names: that day
        (MEMOS, [(MEMOS_FOLLOW_UP, THURSDAY)], THURSDAY),
        # ... or the day after it ("on Thursday" in a Friday report)
        (MEMOS, [(MEMOS_FOLLOW_UP, THURSDAY + dt.timedelta(days=1))], THURSDAY + dt.timedelta(1)),
        # the same story, but the weekday does not fit the anchor's day
        (MEMOS, [(MEMOS_FOLLOW_UP, TUESDAY)], None),
        # another story of the same week (only the president shared): no date
        (MEMOS, [(OTHER_STORY, THURSDAY)], None),
        (OTHER_STORY, [(MEMOS, TUESDAY)], None),
    ],
)
def test_a_weekday_dates_an_article_only_against_its_own_story(
    undated: str, anchors: list[tuple[str, dt.date]], expected: dt.date | None
) -> None:
    estimate = dated(undated, anchors)
    assert estimate.date == expected
    if expected is not None:
        assert any(e.kind == "related-article" for e in estimate.evidence)


@pytest.mark.parametrize(
    "text",
    [
        # a background date and a weekday: the first such weekday after it is a guess
        "On Feb. 14, 2017, Comey met the president. The memos were released on Thursday.",
        # only a background date
        "Protests followed the August 9, 2020 election, the opposition said.",
        # a coming day
        "The leaders will meet next Tuesday in Sochi, officials said.",
    ],
)
def test_a_background_date_is_never_a_publication_date(text: str) -> None:
    assert resolve(date_clues(article("a", text))).date is None


@pytest.mark.parametrize(
    "month, day, published, expected",
    [
        # the timeline and compare once disagreed on this one (2018-12-15 vs 2019-12-15)
        (12, 15, dt.date(2019, 11, 20), dt.date(2019, 12, 15)),
        (8, 9, dt.date(2020, 9, 14), dt.date(2020, 8, 9)),
        # a recent past day across New Year
        (12, 28, dt.date(2021, 1, 5), dt.date(2020, 12, 28)),
        # a coming day months ahead (NewsWCL50: "July 13" in an April report)
        (7, 13, dt.date(2018, 4, 26), dt.date(2018, 7, 13)),
        # a coming day across New Year
        (1, 5, dt.date(2019, 11, 20), dt.date(2020, 1, 5)),
        # an undated article: the year is unknown, so there is no date
        (5, 12, None, None),
        # a day that does not exist
        (2, 30, dt.date(2020, 3, 1), None),
        # February 29 only where it exists, and within half a year
        (2, 29, dt.date(2020, 3, 10), dt.date(2020, 2, 29)),
        (2, 29, dt.date(2021, 3, 1), None),
    ],
)
def test_a_yearless_date_is_the_nearest_such_day(
    month: int, day: int, published: dt.date | None, expected: dt.date | None
) -> None:
    assert resolve_month_day(month, day, published) == expected


@pytest.mark.parametrize(
    "weekday, published, expected",
    [
        (0, dt.date(2020, 9, 14), dt.date(2020, 9, 14)),
        (6, dt.date(2020, 9, 14), dt.date(2020, 9, 13)),
        (4, dt.date(2020, 9, 14), dt.date(2020, 9, 11)),
    ],
)
def test_a_weekday_is_the_last_such_day(
    weekday: int, published: dt.date, expected: dt.date
) -> None:
    assert resolve_weekday(weekday, published) == expected


def test_timeline_and_compare_read_a_yearless_date_alike(nlp: Any) -> None:
    from newsprism.extract import extract_articles

    text = "The vote on Dec. 15 was postponed, officials said."
    published = dt.date(2019, 11, 20)
    base = article("a", text)
    story = Article(
        base.doc_id,
        base.source,
        base.text,
        base.title,
        base.paragraphs,
        published=DateEstimate(published),
    )
    figures = [f for f in extract_articles([story], nlp=nlp)[0].figures if f.kind == "date"]
    timeline = background_dates([story], dt.date(2030, 1, 1))
    assert [f.normalized for f in figures] == ["2019-12-15"]
    assert list(timeline) == [dt.date(2019, 12, 15)]


def test_a_yearless_date_in_an_undated_article_is_never_printed_partial(nlp: Any) -> None:
    from newsprism.extract import extract_articles

    text = "The deadline is May 12, officials said."
    figures = extract_articles([article("a", text)], nlp=nlp)[0].figures
    # No year to give it: no ISO date is invented, and no partial one ("--05-12") is shown.
    assert not any(f.normalized.startswith("--") for f in figures)
    assert not any(f.normalized[:4].isdigit() for f in figures if f.kind == "date")


@pytest.fixture(scope="module")
def nlp() -> Any:
    from newsprism.extract import load_nlp

    return load_nlp()
