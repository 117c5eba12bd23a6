"""When two written times can name one moment: table-driven cases of compare.quantity."""

from __future__ import annotations

import pytest

from newsprism.compare.figures import FigureReport, compare_figures
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


# --------------------------------------------------------------------------------------------
# a time the outlets share is a fact only with what happened then


def _time(source: str, text: str, kind: str, value: float, context: str, **kw: str) -> FigureReport:
    span = Span(source, 0, len(text))
    figure = Figure(span, text, kind, value, "", kw.get("qualifier"), None, kw.get("predicate"),
                    kw.get("scope"), kw.get("normalized", text))  # fmt: skip
    return FigureReport(figure, source.upper(), source, 2018, context, kw.get("sentence", ""))


@pytest.mark.parametrize(
    "a, b, corroborated",
    [
        # Four Fridays of one story, each another thing: a caption, a tweet, a meeting.
        (_time("a", "Friday", "weekday", 4, "in the capital, Pyongyang, on", predicate="shows"),
         _time("b", "Friday", "weekday", 4, "the president will meet on in the week ahead",
               predicate="meet"), False),
        (_time("a", "Friday", "weekday", 4, "in a tweet about 7 p.m. EDT, calling it",
               predicate="commended"),
         _time("b", "Friday", "weekday", 4, "state media evening indicated that the",
               predicate="indicated"), False),
        # The words around a time are no content: "Saturday morning local time".
        (_time("a", "Saturday", "weekday", 5, "state media reported morning local time",
               predicate="reported"),
         _time("b", "Saturday", "weekday", 5, "the border reopened (local time) after weeks",
               predicate="reopened"), False),
        # One meeting next Friday, however it is written.
        (_time("a", "next Friday", "weekday", 4, "who will meet the president in the border town",
               predicate="meet", qualifier="next"),
         _time("b", "next Friday", "weekday", 4, "the two leaders hold a summit in the zone",
               predicate="summit", qualifier="next"), True),
        # One announcement: reported or announced, it is the statement of that day.
        (_time("a", "Saturday", "weekday", 5, "state media reported morning local time",
               predicate="reported"),
         _time("b", "Saturday", "weekday", 5, "the leader's announcement (local time) may be",
               predicate="be"), True),
        # Two outlets' "March 8" with nothing said alike are two mentions, not one fact.
        (_time("a", "March 8", "date", 308, "the tariffs were announced on by the",
               predicate="announced", normalized="March 8",
               sentence="The tariffs were announced on March 8 by the president."),
         _time("b", "March 8", "date", 308, "women marched on for International Women's Day",
               predicate="marched", normalized="March 8",
               sentence="Thousands of women marched on March 8 for International Women's Day."),
         False),
        # A calendar day is said about in its whole sentence.
        (_time("a", "April 21", "date", 421, "From, the country will stop",
               predicate="stop", normalized="April 21",
               sentence="From April 21, the country will stop nuclear tests and launches of "
                        "intercontinental ballistic missiles."),
         _time("b", "April 21", "date", 421, "intercontinental ballistic missiles on",
               predicate="freeze", normalized="April 21",
               sentence="The nation would freeze its nuclear tests, specifically "
                        "intercontinental ballistic missiles, on April 21."), True),
    ],
)  # fmt: skip
def test_a_shared_time_is_corroborated_only_with_what_happened_then(
    a: FigureReport, b: FigureReport, corroborated: bool
) -> None:
    verdicts = {s.verdict for s in compare_figures([a, b])}
    assert ("corroborated" in verdicts) is corroborated, verdicts
    assert "conflict" not in verdicts
