"""Reader comments are never body: comment marks, thread detection and a test set of threads.

The threads in ``tests/fixtures/comments`` are written for this test (articles and comments
made up; six layouts of comment software, none copied from a page and none of them the layouts
the line model is trained with in ``scripts/comment_threads.py``). Their gold file is in the
golden format with its corpus inside its own folder and no outlet or date.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsprism.clean.comments import MarkKind, comment_heading, comment_mark, find_threads
from newsprism.clean.features import line_shapes, prose_lines
from newsprism.clean.text import classify_blocks, segment
from newsprism.evaluation.clean import evaluate_clean
from newsprism.evaluation.gold import load_gold
from newsprism.records import Role

GOLD = Path(__file__).parent / "fixtures" / "comments" / "gold.json"
DOCUMENTS = [d.name for d in load_gold(GOLD).documents]


@pytest.fixture(scope="module")
def evaluation():  # type: ignore[no-untyped-def]
    return evaluate_clean(GOLD, baselines={})


@pytest.mark.parametrize("name", DOCUMENTS)
def test_no_comment_line_is_kept(evaluation, name: str) -> None:  # type: ignore[no-untyped-def]
    (doc,) = [d for d in evaluation.documents if d.name == name]
    kept = [(m.line, m.text) for m in doc.false_positives if "comment" in m.gold]
    assert not kept, f"comment lines kept as body: {kept}"
    # The article above the thread is still read in full.
    assert doc.scores.recall >= 0.8, doc.false_negatives


def test_the_thread_set_covers_several_layouts() -> None:
    gold = load_gold(GOLD)
    assert len(gold.documents) >= 6
    assert all(d.outlet is None and d.published is None for d in gold.documents)
    assert sum(len(d.not_body) for d in gold.documents) >= 100


@pytest.mark.parametrize(
    "line, kind",
    [
        ("Posted by jsmith at 10:15 AM", MarkKind.STRONG),
        ("At 10:42 12 Mar 2008, Ellen wrote:", MarkKind.STRONG),
        ("Dave from Leeds said...", MarkKind.STRONG),
        ("3 hours ago", MarkKind.STRONG),
        ("• an hour ago", MarkKind.STRONG),
        ("Report abuse", MarkKind.STRONG),
        ("Reply | Report abuse | Link", MarkKind.STRONG),
        ("Recommend (12)", MarkKind.STRONG),
        ("12 people like this", MarkKind.STRONG),
        ("Quote | Reply", MarkKind.STRONG),
        ("Jane Smith | 03 Mar 08, 10:15am", MarkKind.WEAK),
        ("Gary, Millbrook", MarkKind.WEAK),
        ("- Sandra Hughes, Eastfield", MarkKind.WEAK),
        ("#12", MarkKind.WEAK),
        # Article text, prices, decimals and embedded posts are no comment marks.
        ("The council said it would reply to the letter by Friday.", MarkKind.NONE),
        ("Get it on Amazon for $39.99", MarkKind.NONE),
        ("Inflation rose to 2.75 in March", MarkKind.NONE),
        ("— Jane Doe (@janedoe) November 18, 2019", MarkKind.NONE),
        ("– Man**", MarkKind.NONE),
        (
            "Officials said the plan would cost about $40 million over five years, most of it "
            "paid by a regional transport grant approved last year, and that it was agreed.",
            MarkKind.NONE,
        ),
    ],
)
def test_comment_mark(line: str, kind: int) -> None:
    (shape,) = line_shapes([line])
    assert comment_mark(shape.text, shape.words) == kind


@pytest.mark.parametrize(
    "line, heading",
    [
        ("Comments", True),
        ("14 Comments", True),
        ("Comments (5)", True),
        ("Reader comments", True),
        ("Have Your Say", True),
        ("What do you think?", True),
        ("Post a comment", True),
        ("Showing 1-20 of 143 comments", True),
        ("Sort by Newest", True),
        ("The council will consider the comments of residents next week.", False),
        ("Related stories", False),
    ],
)
def test_comment_heading(line: str, heading: bool) -> None:
    (shape,) = line_shapes([line])
    assert comment_heading(shape.text, shape.words) is heading


ARTICLE = [
    "The city council voted on Tuesday to expand the bus network, adding four routes that "
    "will connect the northern suburbs with the central station by next spring.",
    "Officials said the plan would cost about $40 million over five years, most of it paid "
    "by a regional transport grant approved last year.",
    "The transport director told reporters after the vote that fares would not rise this "
    "year, and that the first route would open in March.",
]


def _threads(lines: list[str]) -> list[tuple[int, int]]:
    shapes = line_shapes(lines)
    found = find_threads([s.text for s in shapes], [s.words for s in shapes], prose_lines(shapes))
    return [(t.start, t.end) for t in found]


@pytest.mark.parametrize(
    "lines",
    [
        # A byline and a dateline over the article: two weak marks, no thread.
        ["By Jane Doe, City Reporter", "March 3, 2008 10:15 AM", *ARTICLE],
        # Votes and a button over an article have its prose after them, not between them.
        ["01:33, January 7th 2008", "12 votes", "Recommend", *ARTICLE],
        # A schedule of dates and times has no prose at all.
        [
            "Tuesday, January 15, 2008",
            "3:30 - 8:00 pm",
            "Saturday, January 19, 2008",
            "10:00 am",
            "Monday, January 21, 2008",
            "2:00 - 8:00 pm",
            *ARTICLE,
        ],
    ],
)
def test_no_thread_in_article_furniture(lines: list[str]) -> None:
    assert _threads(lines) == []


def test_a_thread_runs_from_its_heading_to_its_last_comment() -> None:
    thread = [
        "Comments (2)",
        "Posted by jsmith at 10:15 AM",
        "I have been saying this for years and nobody ever listens to people like us here.",
        "Report abuse",
        "Posted by Mary K. at 11:02 AM",
        "You clearly did not read the article before you wrote that comment, did you now?",
        "Report abuse",
    ]
    lines = [*ARTICLE, *thread, "About us | Contact"]
    assert _threads(lines) == [(3, 9)]


def test_a_long_thread_does_not_outweigh_the_article() -> None:
    """Comments with more prose than the article are still cut off where the thread starts."""
    comment = (
        "I think the council has got this completely wrong again and my neighbours all agree "
        "with me that the money should have gone to the schools instead."
    )
    thread = ["Reader comments"]
    for n in range(8):
        thread += [f"Posted by reader{n} on 12/03/2008 at 14:2{n}", comment, "Reply"]
    text = "\n\n".join(["Council expands bus network", *ARTICLE, *thread])
    blocks = segment(text)
    _, decisions = classify_blocks(blocks)
    roles = [d.role for d in decisions]
    assert all(r is Role.BODY for r in roles[1:4])
    assert not any(r.is_kept for r in roles[4:])
    assert Role.COMMENTS in roles[4:]


def test_strong_marks_and_headings_are_anchored_at_the_start() -> None:
    # comment_mark and comment_heading match these patterns at the start of the line only.
    import re._constants as constants
    import re._parser as parser

    from newsprism.clean.comments import _HEADING, _STRONG

    for pattern in (_STRONG, _HEADING):
        first = next(iter(parser.parse(pattern.pattern, pattern.flags)))
        assert first == (constants.AT, constants.AT_BEGINNING)
