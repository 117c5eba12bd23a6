"""Figures of one story: corroborated, conflicting, exclusive; and what only looks alike."""

from __future__ import annotations

from newsprism.compare.figures import FigureReport, compare_figures, context_window
from newsprism.records import Figure, Span


def report(
    source: str,
    text: str,
    kind: str,
    value: float,
    unit: str,
    *,
    qualifier: str | None = None,
    quantified: str | None = None,
    predicate: str | None = None,
    scope: str | None = None,
    context: str = "",
) -> FigureReport:
    """One outlet's report of a figure, its own independent source."""
    figure = Figure(
        Span(source, 0, len(text)), text, kind, value, unit, qualifier, quantified, predicate, scope
    )
    return FigureReport(figure, source.upper(), source, 2020, context)


def verdicts(reports: list[FigureReport]) -> list[tuple[str, list[str]]]:
    """(verdict, sources) of every set, sorted for comparison."""
    return sorted(
        (s.verdict, sorted(r.source for r in s.reports)) for s in compare_figures(reports)
    )


def test_hedged_counts_of_one_quantity_conflict_with_the_scopes_noted() -> None:
    a = report("a", "about 10,000", "count", 10_000, "", qualifier="about", predicate="arrested",
               scope="during the protests")  # fmt: skip
    b = report("b", "nearly 7,000", "count", 7_000, "", qualifier="nearly", quantified="people",
               predicate="detained", scope="in the days after the election")  # fmt: skip
    (found,) = compare_figures([a, b])
    assert found.verdict == "conflict"
    assert "during the protests" in found.note and "in the days after the election" in found.note


def test_figures_that_only_look_alike_stand_alone() -> None:
    a = report("a", "nearly 7,000", "count", 7_000, "", qualifier="nearly", predicate="detained")
    b = report("b", "more than 500", "count", 500, "", qualifier="more than", predicate="detain")
    assert verdicts([a, b]) == [("exclusive", ["a"]), ("exclusive", ["b"])]


def test_rounding_hedges_and_forms_corroborate() -> None:
    reports = [
        report(
            "a", "80 percent", "percent", 80, "percent", quantified="vote", predicate="received"
        ),
        report("b", "80.10%", "percent", 80.1, "percent", quantified="vote", predicate="garnering"),
        report("a", "$1.5-billion", "money", 1.5e9, "USD", quantified="loan"),
        report("b", "$1.5bn", "money", 1.5e9, "USD", predicate="lend"),
    ]
    assert verdicts(reports) == [("corroborated", ["a", "b"]), ("corroborated", ["a", "b"])]


def test_a_start_year_and_a_duration_agree() -> None:
    since = report("a", "1994", "year", 1994, "year", predicate="ruled", scope="since 1994")
    span = report("b", "26 years", "duration", 26, "years", predicate="weakened",
                  context="strongman -- in power for -- has weakened")  # fmt: skip
    (found,) = compare_figures([since, span])
    assert found.verdict == "corroborated" and "start year" in found.note


def test_one_source_never_corroborates_itself() -> None:
    a = report("a", "$2 million", "money", 2e6, "USD", quantified="fine")
    copy = FigureReport(a.figure, "Reprint", "a")  # the same syndication group
    assert verdicts([a, copy]) == [("exclusive", ["a"]), ("exclusive", ["a"])]


def test_different_things_are_not_compared() -> None:
    share = report("a", "80%", "percent", 80, "percent", quantified="vote")
    turnout = report("b", "84%", "percent", 84, "percent", quantified="turnout")
    assert [v for v, _ in verdicts([share, turnout])] == ["exclusive", "exclusive"]


def test_small_word_counts_are_not_reported() -> None:
    assert compare_figures([report("a", "two", "count", 2, "", quantified="presidents")]) == []


def test_context_window_stays_in_the_sentence() -> None:
    text = "Earlier news. The leader -- in power for 26 years -- has weakened. Next one."
    start = text.index("26 years")
    window = context_window(text, start, start + 8)
    assert "power" in window and "Earlier" not in window and "Next" not in window


def test_the_window_around_a_figure_reads_past_titles_and_initials() -> None:
    text = "On Thursday, Mr. Moon said the U.S. troops would stay. The talks ended."
    at = text.index("Thursday")
    assert context_window(text, at, at + len("Thursday")) == "On , Mr. Moon said"
    at = text.index("troops")
    assert context_window(text, at, at + len("troops")) == "Moon said the U.S. would stay"


def test_figures_naming_no_counted_thing_clash_only_when_both_count_people() -> None:
    # Two stocks' closing prices (the extractor names no counted thing, only the act).
    eds = report("a", "$24.34", "money", 24.34, "USD", predicate="close",
                 context="EDS shares added 26 cents to close at Tuesday")  # fmt: skip
    hp = report("b", "$46.64", "money", 46.64, "USD", predicate="close",
                context="HP shares dropped $2.49 to close at as investors")  # fmt: skip
    assert verdicts([eds, hp]) == [("exclusive", ["a"]), ("exclusive", ["b"])]
    # Two people's years at one plant.
    one = report("a", "about 15 years", "duration", 15, "years", predicate="worked")
    other = report("b", "nearly 30 years", "duration", 30, "years", predicate="worked")
    assert verdicts([one, other]) == [("exclusive", ["a"]), ("exclusive", ["b"])]
    # Arrests count people even unnamed: still a conflict.
    a = report("a", "about 10,000", "count", 10_000, "", predicate="arrested")
    b = report("b", "nearly 7,000", "count", 7_000, "", predicate="detained")
    assert [v for v, _ in verdicts([a, b])] == ["conflict"]


def test_casualties_and_the_people_spared_are_two_sets_not_a_conflict() -> None:
    died = report("a", "three", "count", 3, "", quantified="bank workers", predicate="died")
    rescued = report("b", "five", "count", 5, "", quantified="bank workers", predicate="rescued")
    assert "conflict" not in {v for v, _ in verdicts([died, rescued])}
    wounded = report("a", "three", "count", 3, "", quantified="employees", predicate="wounded")
    trapped = report("b", "Seven", "count", 7, "", quantified="employees", predicate="trapped")
    assert "conflict" not in {v for v, _ in verdicts([wounded, trapped])}
    # The same fate counted twice is a conflict.
    killed = report("b", "five", "count", 5, "", quantified="bank workers", predicate="killed")
    assert [v for v, _ in verdicts([died, killed])] == ["conflict"]


def test_a_unit_of_time_or_a_pronoun_is_no_counted_thing_to_clash_over() -> None:
    # "between 30 and 40 years old" and "over the last 10-20 years": years are the unit.
    ages = report("a", "30", "count", 30, "years", quantified="years", predicate="said")
    span = report("b", "10 - 20", "count", 10, "years", quantified="years", predicate="made")
    assert "conflict" not in {v for v, _ in verdicts([ages, span])}
    # "55 others injured, five of them critically" against "several dozen people wounded".
    part = report("a", "five", "count", 5, "", quantified="them", predicate="injured")
    whole = report("b", "dozen", "count", 12, "", quantified="people", predicate="wounded")
    assert "conflict" not in {v for v, _ in verdicts([part, whole])}
