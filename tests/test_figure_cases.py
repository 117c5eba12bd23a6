"""Figure identity on cases seen in real multi-outlet folders, end to end through real spaCy.

Each case is a few one-sentence articles, one per independent source, written for the test
after a pattern seen in real coverage. Every article is extracted (real parse) and compared;
the case says which figures must end in one set, its verdict, and a word of the reason the
set gives, or which figures must never meet.
"""

from __future__ import annotations

from typing import Any

import pytest

from newsprism.compare.figures import FigureReport, FigureSet, compare_figures, context_window
from newsprism.compare.quantity import same_period
from newsprism.extract import extract_articles, load_nlp
from newsprism.records import Article, DateEstimate, Paragraph, Role, Span


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_nlp()


def compared(nlp: Any, texts: list[str], year: int = 2019) -> list[FigureSet]:
    """Each text as one article of its own source, extracted and compared."""
    articles = []
    for k, text in enumerate(texts):
        paragraph = Paragraph(0, text, Span(f"d{k}", 0, len(text)), Role.BODY, "test")
        articles.append(
            Article(f"d{k}", f"d{k}.txt", text, "Title", (paragraph,), published=DateEstimate(None))
        )
    reports = []
    for article, extraction in zip(articles, extract_articles(articles, nlp=nlp), strict=True):
        for figure in extraction.figures:
            window = context_window(article.text, figure.span.start, figure.span.end)
            reports.append(FigureReport(figure, article.doc_id, article.doc_id, year, window))
    return compare_figures(reports)


def set_of(sets: list[FigureSet], text: str) -> FigureSet:
    """The set (a conflict first) holding the figure printed as ``text``."""
    holding = [s for s in sets if any(r.figure.text == text for r in s.reports)]
    assert holding, f"no set holds {text!r}: {[[r.figure.text for r in s.reports] for s in sets]}"
    holding.sort(key=lambda s: s.verdict != "conflict")
    return holding[0]


# (articles, figures that must share one set, its verdict, a word its reason gives)
SAME_SET = [
    pytest.param(
        [
            "The president requested $5.7 billion for a wall on the southern border.",
            "Democrats have opposed the $5.7 billion for the border wall.",
            "Pelosi said the House would not accept $5.7 billion in wall funding.",
        ],
        ["$5.7 billion"],
        "corroborated",
        "same amount",
        id="one amount next to three verbs corroborates",
    ),
    pytest.param(
        [
            "The climate plan lays out 19 actions to cut emissions by 2030.",
            "The climate plan includes 23 steps to cut emissions by 2030.",
        ],
        ["19", "23"],
        "conflict",
        "same thing counted",
        id="actions and steps of one plan conflict",
    ),
    pytest.param(
        [
            "The documents filled 50,000 pages, the committee said.",
            "Investigators received 55,000 pages of documents from the agency.",
        ],
        ["50,000", "55,000"],
        "conflict",
        "pages",
        id="pages filled and pages received conflict",
    ),
    pytest.param(
        [
            "The average tuition at the college is $43,350 a year.",
            "The average tuition at the college is $43,000 a year.",
        ],
        ["$43,350", "$43,000"],
        "corroborated",
        "rounding",
        id="a rounded amount is consistent",
    ),
    pytest.param(
        [
            "The Pentagon deployed 5,200 troops to the southern border.",
            "About 7,000 troops were deployed to the southern border.",
            "More than 5,000 troops have been deployed to the southern border.",
        ],
        ["5,200", "About 7,000"],
        "conflict",
        "cannot both be right",
        id="5,200 against about 7,000 troops is a conflict",
    ),
    pytest.param(
        [
            "Police intercepted 12 crude explosive devices mailed to critics of the president.",
            "At least a dozen packages were mailed to critics of the president.",
        ],
        ["12", "At least a dozen"],
        "corroborated",
        "same thing counted",
        id="a dozen packages are the 12 devices",
    ),
    pytest.param(
        [
            "The visit was confirmed for July 13 by the palace.",
            "The palace confirmed that the visit will take place on 13 July.",
        ],
        ["July 13", "13 July"],
        "corroborated",
        "same date",
        id="one day written two ways",
    ),
    pytest.param(
        [
            "The tariffs were announced on March 8 at the White House.",
            "Trump announced the tariffs in early March at the White House.",
        ],
        ["March 8", "early March"],
        "corroborated",
        "one period",
        id="a day within the month named",
    ),
    pytest.param(
        [
            "More than three quarters of applicants pass that initial screening.",
            "Nearly 80 percent of applicants passed the initial screening.",
        ],
        ["More than three quarters", "Nearly 80 percent"],
        "corroborated",
        "applicants",
        id="a fraction and a percentage of one share",
    ),
    pytest.param(
        [
            "Mueller's team has at least four dozen questions for the president.",
            "Mueller's team has almost four dozen questions for the president.",
        ],
        ["at least four dozen", "almost four dozen"],
        "conflict",
        "questions",
        id="at least and almost four dozen cannot both hold",
    ),
    pytest.param(
        [
            "Israel obtained hundreds of thousands of secret files from the archive.",
            "Israel obtained 100,000 secret files from the archive.",
        ],
        ["hundreds of thousands", "100,000"],
        "conflict",
        "files",
        id="hundreds of thousands is not 100,000",
    ),
    pytest.param(
        [
            "The EU will set its own duties on 2.8 billion euros of U.S. exports.",
            "The EU has compiled a list of retaliatory tariffs worth about $3.5 billion.",
        ],
        ["2.8 billion euros", "about $3.5 billion"],
        "corroborated",
        "currency conversion",
        id="one amount in two currencies",
    ),
    pytest.param(
        [
            "The House voted 134 to 63 to pass the bill on Tuesday.",
            "The bill passed the House 134-63 on Tuesday.",
        ],
        ["134 to 63", "134-63"],
        "corroborated",
        "tally",
        id="one vote tally in two spellings",
    ),
    pytest.param(
        [
            "The carmaker will cut 250 jobs at the plant, the union said.",
            "The carmaker will cut two hundred and fifty jobs at the plant.",
        ],
        ["250", "two hundred and fifty"],
        "corroborated",
        "same",
        id="a number in words and in digits",
    ),
    pytest.param(
        [
            "Nine thousand five hundred workers walked out of the shipyard on Monday.",
            "About 9,500 workers walked out of the shipyard on Monday.",
        ],
        ["Nine thousand five hundred", "About 9,500"],
        "corroborated",
        "same",
        id="a compound number in words and in digits",
    ),
]


@pytest.mark.parametrize("texts, figures, verdict, reason", SAME_SET)
def test_figures_meet_in_the_right_bucket_with_a_reason(
    nlp: Any, texts: list[str], figures: list[str], verdict: str, reason: str
) -> None:
    sets = compared(nlp, texts)
    found = set_of(sets, figures[0])
    printed = {r.figure.text for r in found.reports}
    assert set(figures) <= printed, f"{figures} not together in {found}"
    assert found.verdict == verdict, found
    assert reason in found.note, found.note


# (articles, figures that must never be in one set)
APART = [
    pytest.param(
        [
            "The couple paid $13.6 million in state taxes last year.",
            "The couple were paid $9.68 million in speaking fees last year.",
        ],
        ["$13.6 million", "$9.68 million"],
        id="taxes paid and fees paid do not meet",
    ),
    pytest.param(
        [
            "She began speaking at events in 2018, one year after she left office.",
            "She has been speaking at events for two years, and wrote a book in 2016.",
        ],
        ["one year", "two years", "2018", "2016"],
        id="one year, two years, 2018 and 2016 are four figures",
    ),
    pytest.param(
        [
            "The United States imposed 25 percent tariffs on steel imports.",
            "The United States imposed 10 percent tariffs on aluminum imports.",
        ],
        ["25 percent", "10 percent"],
        id="steel and aluminum tariffs are two things",
    ),
    pytest.param(
        [
            "About 100 people chanted slogans on the beach.",
            "About 150 people marched to the port of entry.",
        ],
        ["About 100", "About 150"],
        id="people who chanted and people who marched",
    ),
    pytest.param(
        [
            "AMD will pay $334 million for SeaMicro, the company said.",
            "AMD will pay $281 million in cash for SeaMicro, the company said.",
        ],
        ["$334 million", "$281 million"],
        id="a part named against an unnamed whole",
    ),
    pytest.param(
        [
            "A quake measuring 3.8 on the Richter scale hit the city on Monday.",
            "An earthquake measuring 5.9 shook the south of the country on Sunday.",
        ],
        ["3.8", "5.9"],
        id="two quakes measured",
    ),
]


@pytest.mark.parametrize("texts, figures", APART)
def test_figures_that_count_different_things_never_meet(
    nlp: Any, texts: list[str], figures: list[str]
) -> None:
    sets = compared(nlp, texts)
    for figure_set in sets:
        printed = {r.figure.text for r in figure_set.reports}
        together = printed & set(figures)
        assert len(together) <= 1, f"{together} met in a {figure_set.verdict}: {figure_set.note}"


def test_one_period_written_several_ways_is_one_scope(nlp: Any) -> None:
    sets = compared(
        nlp,
        [
            "Police made 1,200 arrests in the city from 2007 through 2014.",
            "Police made 1,500 arrests in the city from 2007 to 2014.",
        ],
        year=2014,
    )
    conflict = set_of(sets, "1,200")
    assert conflict.verdict == "conflict"
    assert "scopes differ" not in conflict.note


@pytest.mark.parametrize(
    "a, b, same",
    [
        ("from 2007 through 2014", "from 2007 to 2014", True),
        ("from 2007 to 2014", "since 2007", True),
        ("since 2007", "from 2007 through 2014", True),
        ("in 2016", "in 2017", False),
        ("from 2007 to 2014", "from 2009 to 2014", False),
        ("during the protests", "in 2016", None),
    ],
)
def test_scopes_compare_as_periods(a: str, b: str, same: bool | None) -> None:
    assert same_period(a, b, 2014) is same


def test_a_similarity_of_counted_things_joins_what_no_table_lists(nlp: Any) -> None:
    texts = [
        "Police seized 40 rifles from the smugglers on Monday.",
        "Police seized 40 firearms from the smugglers on Monday.",
    ]
    lexical = set_of(compared(nlp, texts), "40")
    assert lexical.verdict == "exclusive"  # "rifles" and "firearms": no table joins them

    def similar(a: str, b: str) -> float:
        # A stand-in scorer with the same signature as the [semantic] one.
        return 1.0 if {a, b} == {"rifles", "firearms"} else 0.0

    articles = []
    for k, text in enumerate(texts):
        paragraph = Paragraph(0, text, Span(f"d{k}", 0, len(text)), Role.BODY, "test")
        articles.append(
            Article(f"d{k}", f"d{k}.txt", text, "Title", (paragraph,), published=DateEstimate(None))
        )
    reports = [
        FigureReport(f, a.doc_id, a.doc_id, 2019, context_window(a.text, f.span.start, f.span.end))
        for a, e in zip(articles, extract_articles(articles, nlp=nlp), strict=True)
        for f in e.figures
    ]
    joined = set_of(compare_figures(reports, similar=similar), "40")
    assert joined.verdict == "corroborated" and "alike in meaning" in joined.note
