"""What the comparison calls a figure only one source reports: never a bare day that other
sources name too, and never the same figure twice from one source."""

from __future__ import annotations

from body_articles import body_article
from newsprism.compare.story import compare_story
from newsprism.records import Extraction, Figure, Span

# Four outlets mention Friday, each about something else: no two are matched, yet none of them
# is the only source to report "Friday".
FRIDAYS = {
    "brb": "The announcement came Friday, the state news agency said.",
    "nyt": "On Friday, markets in Seoul rose sharply in early trading.",
    "hpo": "Mr. Moon is expected to speak to reporters on Friday afternoon.",
    "fox": "A senior diplomat flew to Beijing on Friday for consultations.",
}
ALONE = "The summit was first proposed on a Tuesday, officials recalled later."


def _friday(doc: str, text: str, word: str = "Friday") -> Figure:
    start = text.index(word)
    return Figure(Span(doc, start, start + len(word)), word, "weekday", 5.0, "weekday",
                  normalized=word.lower())  # fmt: skip


def test_a_day_other_sources_name_is_not_one_source_s_figure() -> None:
    articles, extractions = [], []
    for doc, text in FRIDAYS.items():
        paragraphs = [text] + ([ALONE] if doc == "nyt" else [])
        article = body_article(doc, paragraphs, f"{doc} on the talks", outlet=doc.upper())
        figures = [_friday(doc, article.text)]
        if doc == "nyt":
            figures.append(_friday(doc, article.text, "Tuesday"))
        articles.append(article)
        extractions.append(Extraction(doc, figures=tuple(figures)))
    comparison = compare_story("st-f", articles, extractions, {})
    shown = [f.what for f in comparison.of_kind("exclusive")]
    assert not any("friday" in what.lower() for what in shown), shown
    # A day only one source names stays its own.
    assert sum("tuesday" in what.lower() for what in shown) == 1, shown


def test_a_figure_one_source_repeats_is_listed_once() -> None:
    text = (
        "Officials said 23 missiles were fired last year.\n\n"
        "In all, 23 missiles were fired, the ministry said."
    )
    article = body_article("one", text.split("\n\n"), "Missiles", outlet="ONE")
    other = body_article("two", ["The talks are due to resume soon."], "Talks", outlet="TWO")
    figures = []
    for start in (article.text.index("23"), article.text.rindex("23")):
        span = Span("one", start, start + 2)
        figures.append(Figure(span, "23", "count", 23.0, "missiles", quantified="missiles",
                              predicate="fired", normalized="23"))  # fmt: skip
    extractions = [Extraction("one", figures=tuple(figures)), Extraction("two")]
    comparison = compare_story("st-m", [article, other], extractions, {})
    shown = [f.what for f in comparison.of_kind("exclusive")]
    assert len([w for w in shown if "23" in w]) == 1, shown
