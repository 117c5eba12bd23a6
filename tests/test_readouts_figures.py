"""Read-outs of figures a journalist would call wrong: a length of time read as a count of
its event, and a weekday corroborated on nothing but the name said beside it."""

from __future__ import annotations

from body_articles import body_article
from newsprism.compare.figures import FigureReport, compare_figures
from newsprism.compare.story import compare_story
from newsprism.records import Extraction, Figure, Span

NYT = (
    "Mr. Kim could also be trying to drive a wedge between the United States and South Korea, "
    "since President Moon has put great emphasis on ending more than six decades of conflict "
    "on the Korean Peninsula."
)
HPO = (
    "Both countries, engaged in a war for over 60 years, used the event as an opportunity to "
    "re-establish dialogue."
)


def _figure(doc: str, text: str, phrase: str, kind: str, value: float, unit: str,
            **fields: str) -> Figure:  # fmt: skip
    start = text.index(phrase)
    return Figure(Span(doc, start, start + len(phrase)), phrase, kind, value, unit, **fields)


def test_a_length_of_time_is_named_as_the_length_of_its_event_not_a_count_of_it() -> None:
    nyt = body_article("nyt", [NYT], "North Korea halts tests", outlet="The New York Times")
    hpo = body_article("hpo", [HPO], "North Korea suspends tests", outlet="HuffPost")
    decades = _figure("nyt", nyt.text, "more than six decades", "duration", 60.0, "years",
                      qualifier="more than", quantified="conflict", predicate="ending",
                      normalized="60 years")  # fmt: skip
    years = _figure("hpo", hpo.text, "over 60 years", "duration", 60.0, "years",
                    qualifier="over", predicate="engaged", scope="for over 60 years",
                    normalized="60 years")  # fmt: skip
    extractions = [Extraction("nyt", figures=(decades,)), Extraction("hpo", figures=(years,))]
    (finding,) = compare_story("st-k", [nyt, hpo], extractions, {}).of_kind("corroborated")
    # Not "conflict: 60 years", which reads as sixty conflicts.
    assert finding.what == "length of conflict: 60 years"
    assert "length of one event (war)" in finding.note
    assert finding.sources == 2


def _length(source: str, sentence: str, phrase: str, value: float, unit: str,
            **fields: str) -> FigureReport:  # fmt: skip
    start = sentence.index(phrase)
    figure = Figure(Span(source, start, start + len(phrase)), phrase, "duration", value, unit,
                    normalized=f"{value:g} {unit}", **fields)  # fmt: skip
    before = sentence[:start].split()[-4:]
    after = sentence[start + len(phrase) :].split()[:4]
    context = " ".join([*before, *after])
    return FigureReport(figure, source.upper(), source, None, context, sentence)


def test_two_lengths_of_time_are_one_figure_only_as_lengths_of_one_event() -> None:
    # Two 30-day periods of one story that measure different things: the deals finalised
    # within 30 days, and the tariff delay. "the White House" is around both.
    deals = _length("a", "Details of those agreements will be finalized in the next 30 days, "
                    "the White House said.", "30 days", 30, "days", predicate="finalized",
                    scope="in the next 30 days")  # fmt: skip
    delay = _length("b", "In a statement Monday, the White House described the 30-day delay "
                    "as the final extension.", "30-day", 30, "days",
                    predicate="described")  # fmt: skip
    assert {s.verdict for s in compare_figures([deals, delay])} == {"exclusive"}
    # The delay and the extension are one act, named by two verbs.
    extension = _length("c", "The administration is also extending negotiations with Canada, "
                        "Mexico, and the European Union for a final 30 days.", "30 days", 30,
                        "days", predicate="extending")  # fmt: skip
    (one,) = [s for s in compare_figures([delay, extension]) if s.verdict == "corroborated"]
    assert "extend" in one.note
    # A unit of time around both is not what they measure ("for more than a month").
    month_a = _length("d", "Peskov said the Kremlin sees him as the legitimate leader, despite "
                      "more than a month of strikes.", "more than a month", 1, "months",
                      quantified="strikes", predicate="sees")  # fmt: skip
    month_b = _length("e", "For more than a month the capital's streets have been full every "
                      "Sunday.", "more than a month", 1, "months", predicate="been")  # fmt: skip
    assert {s.verdict for s in compare_figures([month_a, month_b])} == {"exclusive"}


def _day(source: str, context: str, predicate: str, sentence: str) -> FigureReport:
    figure = Figure(Span(source, 0, 9), "Wednesday", "weekday", 3.0, "", None, None, predicate,
                    None, "Wednesday")  # fmt: skip
    return FigureReport(figure, source.upper(), source, None, context, sentence)


def test_a_weekday_is_no_fact_on_one_shared_name_alone() -> None:
    said = _day("hpo", 'irreversible way," Trump said', "said",
                '"It will be a great day for the world," Trump said Wednesday.')  # fmt: skip
    raised = _day("usa", "about North Korea on Trump also raised the", "raised",
                  "While exuding confidence about North Korea on Wednesday, Trump also raised "
                  "the possibility that the summit might be called off.")  # fmt: skip
    assert {s.verdict for s in compare_figures([said, raised])} == {"exclusive"}
    # One name and what happened: the day is one fact.
    visit = _day("fox", "Trump cancelled a visit to London", "cancelled",
                 "On Wednesday Trump cancelled a visit to London.")  # fmt: skip
    nixed = _day("brb", "Trump nixed a visit to the", "nixed",
                 "On Wednesday Trump nixed a visit to the British capital.")  # fmt: skip
    verdicts = compare_figures([visit, nixed])
    assert [s.verdict for s in verdicts] == ["corroborated"], verdicts
    # Two names are two terms: "Moon and Kim met Wednesday".
    met = _day("nyt", "Moon and Kim spoke by", "spoke", "Moon and Kim spoke by phone Wednesday.")
    talked = _day("afp", "Kim told Moon on the", "told",
                  "Kim told Moon on Wednesday that the site would close.")  # fmt: skip
    assert [s.verdict for s in compare_figures([met, talked])] == ["corroborated"]
