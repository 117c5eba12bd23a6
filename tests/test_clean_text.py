"""The plain-text classifier: roles on made-up scrapes, and that cleaning never invents text."""

from __future__ import annotations

import hashlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsprism.clean import clean_batch, clean_document
from newsprism.clean.text import classify_blocks, segment
from newsprism.records import Document, Provenance, Role

BODY = (
    "The city council voted on Tuesday to expand the bus network, adding four routes that "
    "will connect the northern suburbs with the central station by next spring."
)
BODY2 = (
    "Officials said the plan would cost about $40 million over five years, most of it paid "
    "by a regional transport grant approved last year."
)
BODY3 = (
    '"This is the biggest change to our network in a generation," the transport director '
    "told reporters after the vote, adding that fares would not rise."
)


def doc(text: str, **kwargs: object) -> Document:
    """A plain-text Document for ``text``."""
    digest = hashlib.sha256(text.encode()).hexdigest()
    return Document(
        digest[:16], Provenance("test.txt", content_hash=digest), "text", text, **kwargs
    )  # type: ignore[arg-type]


def roles(text: str) -> dict[str, Role]:
    """Role of every non-blank line, keyed by its text."""
    blocks = segment(text)
    _, decisions = classify_blocks(blocks)
    return {text[b.start : b.end]: d.role for b, d in zip(blocks, decisions, strict=True)}


def page(*lines: str) -> str:
    """Lines joined the way scrapes separate paragraphs."""
    return "\n\n".join(lines)


@pytest.mark.parametrize(
    "noise, role",
    [
        ("Skip to main content", Role.NAVIGATION),
        ("Advertisement", Role.AD),
        ("[ad_3]", Role.AD),
        ("Share this", Role.SHARE),
        ("Sign up for our daily newsletter", Role.PROMOTION),
        ("Download the Example News app", Role.PROMOTION),
        ("Page not found", Role.ERROR_PAGE),
        ("(Reuters)", Role.CREDIT),
        ("© 2021 Example Media. All rights reserved.", Role.RIGHTS),
        ("Leave a Reply", Role.COMMENTS),
    ],
)
def test_widget_lines_get_their_role(noise: str, role: Role) -> None:
    text = page("Council expands bus network to northern suburbs", BODY, BODY2, noise, BODY3)
    assert roles(text)[noise] is role


def test_body_and_headline() -> None:
    text = page("Council expands bus network to northern suburbs", BODY, BODY2, BODY3)
    found = roles(text)
    assert found["Council expands bus network to northern suburbs"] is Role.TITLE
    assert all(found[line] is Role.BODY for line in (BODY, BODY2, BODY3))


def test_navigation_above_the_headline() -> None:
    text = page("Home", "Council expands bus network to northern suburbs", BODY, BODY2)
    found = roles(text)
    assert found["Home"] is Role.NAVIGATION
    assert found["Council expands bus network to northern suburbs"] is Role.TITLE


def test_subheading_between_body_paragraphs() -> None:
    text = page("Council expands bus network", BODY, "What changes for riders", BODY2, BODY3)
    assert roles(text)["What changes for riders"] is Role.SUBHEADING


def test_related_coverage_list() -> None:
    related = [
        "Council approves new bus routes after long debate — City Herald",
        "Suburbs welcome transport plan — Evening Post",
        "What the bus expansion means for fares — Metro Daily",
    ]
    text = page("Council expands bus network", BODY, BODY2, BODY3, "Related stories", *related)
    found = roles(text)
    assert all(found[line] is Role.RELATED for line in related)
    assert found["Related stories"] is Role.RELATED


def test_commentary_in_first_person() -> None:
    opinion = (
        "Editor's note: I think this plan is overdue. I have ridden these buses for years and "
        "my prediction is that ridership will double."
    )
    text = page("Council expands bus network", BODY, BODY2, opinion, BODY3)
    assert roles(text)[opinion] is Role.COMMENTARY


def test_reader_comments_after_the_end_of_the_article() -> None:
    comments = [
        "1. This council never gets anything right and everyone in this town knows it already.",
        "  Totally agree with you, they waste our money on useless projects every single year.",
    ]
    text = page("Council expands bus network", BODY, BODY2, BODY3, "© City Herald 2021")
    text += "\n\n" + "\n".join(comments)
    found = roles(text)
    assert found["© City Herald 2021"] is Role.RIGHTS
    for comment in comments:
        assert found[comment.strip()] is Role.COMMENTS


def test_caption_printed_twice() -> None:
    caption = "The mayor speaks to reporters outside city hall, March 3, 2021."
    credited = caption + " © Jane Doe, AFP"
    text = page("Council expands bus network", BODY, caption + "\n" + credited, BODY2, BODY3)
    found = roles(text)
    assert found[caption] is Role.CAPTION
    assert found[credited] is Role.CAPTION


@pytest.mark.parametrize(
    "closing, outlet, agency",
    [
        ("(c)CITYHERALD 2021", "Cityherald", None),
        ("(AFP)", "AFP", "AFP"),
        ("Download the City Herald app", "City Herald", None),
    ],
)
def test_outlet_from_the_text(closing: str, outlet: str, agency: str | None) -> None:
    article = clean_document(doc(page("Council expands bus network", BODY, BODY2, BODY3, closing)))
    assert article.outlet == outlet
    assert article.wire_agency == agency
    assert article.outlet_evidence


def test_dateline_names_the_agency() -> None:
    text = page("Council expands bus network", "LONDON, March 3. /TASS/. " + BODY, BODY2)
    article = clean_document(doc(text))
    assert (article.outlet, article.wire_agency) == ("TASS", "TASS")
    assert article.dateline == "LONDON March 3"


def test_metadata_outlet_wins_over_text() -> None:
    text = page("Council expands bus network", BODY, BODY2, "(AFP)")
    article = clean_document(doc(text, outlet="Example Times"))
    assert (article.outlet, article.wire_agency) == ("Example Times", "AFP")


def test_relative_date_borrows_an_anchor_from_a_related_article() -> None:
    dated = page(
        "Council expands bus network",
        "Mayor Jane Doe opened the council meeting at Riverside Hall on Tuesday. " + BODY,
        "Mayor Jane Doe opens the meeting at Riverside Hall, March 2, 2021.\n"
        "Mayor Jane Doe opens the meeting at Riverside Hall, March 2, 2021. © Photo: City Herald",
        BODY2,
    )
    undated = page(
        "Riverside Hall vote",
        "Mayor Jane Doe said on Tuesday at Riverside Hall that the council backed the plan. "
        + BODY2,
        BODY3,
    )
    first, second = clean_batch([doc(dated), doc(undated)])
    assert str(first.published.date) == "2021-03-02"
    assert str(second.published.date) == "2021-03-02"
    assert any(e.kind == "related-article" for e in second.published.evidence)


# Ingest normalises "\r\n" and "\r" to "\n"; no "\r" reaches cleaning.
line = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r"),
    max_size=120,
)


@settings(max_examples=150, deadline=None)
@given(st.lists(line, min_size=1, max_size=25))
def test_cleaning_never_invents_text(lines: list[str]) -> None:
    text = "\n".join(lines)
    if not text.strip():
        return
    article = clean_document(doc(text))
    assert article.text == text
    for p in article.paragraphs:
        assert p.text == text[p.span.start : p.span.end]
        assert p.text.strip()
    # Every visible character is in exactly one paragraph: nothing dropped silently.
    covered = [0] * len(text)
    for p in article.paragraphs:
        for i in range(p.span.start, p.span.end):
            covered[i] += 1
    assert all(c == 1 for i, c in enumerate(covered) if not text[i].isspace())


_WIDGET_LINES = [
    "Home",
    "Share this:",
    "Subscribe to our newsletter",
    "Sign up for the morning briefing",
    "All rights reserved.",
    "Advertisement",
    "Page not found",
    "Read more",
    "The minister said the plan would be ready by June.",
    "Reply",
    "bloggers like this:",
    "Tweet | Email | Print",
]


@pytest.mark.parametrize("line", _WIDGET_LINES)
def test_widget_screen_agrees_with_every_lexicon(line: str) -> None:
    # LineShape.widget reads the lexicons in two patterns; it must say what searching each
    # lexicon says.
    from newsprism.clean import lexicon
    from newsprism.clean.features import _is_widget

    lexicons = (
        lexicon.NAVIGATION,
        lexicon.AD,
        lexicon.SHARE,
        lexicon.PROMOTION,
        lexicon.COMMENTS,
        lexicon.ERROR_PAGE,
        lexicon.RIGHTS,
        lexicon.RELATED_HEADING,
    )
    assert _is_widget(line) == any(p.search(line) for p in lexicons)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(["I", "my", "me", "I'm", "mine", "“", "”", '"', "said", " ", "éI", "ſmy"]),
        max_size=12,
    )
)
def test_first_person_screen_misses_nothing(parts: list[str]) -> None:
    import re

    from newsprism.clean import lexicon
    from newsprism.clean.text import _QUOTED, _first_person_outside_quotes

    text = " ".join(parts)
    words = re.findall(r"[A-Za-z’']+", _QUOTED.sub(" ", text))
    assert _first_person_outside_quotes(text) == sum(
        w.lower() in lexicon.FIRST_PERSON for w in words
    )


def test_batch_shares_line_shapes_without_changing_any_article() -> None:
    # Pages of one site repeat their menus: inside clean_batch a repeated line is measured and
    # judged once. Each article must come out as it does cleaned on its own, the shared shapes
    # must not outlive the batch, and the cycle collector must be left as it was found.
    import gc

    from newsprism.clean.features import _SHARED, line_shapes, shared_shapes

    menu = "Home\nWorld\nSport\nSubscribe to our newsletter\nShare on Facebook\n\n"
    footer = "\n\n© 2024 Example News. All rights reserved.\nPhoto: Jane Doe/Reuters"
    texts = [
        menu + "Council expands bus network\n\n" + BODY + "\n\n" + BODY2 + footer,
        menu + "Transport chief defends plan\n\n" + BODY3 + "\n\n" + BODY + footer,
        menu + "I think the plan is wrong, I said so.\n\n" + BODY2 + "\n\n" + BODY3 + footer,
    ]
    documents = [doc(t) for t in texts]
    alone = [repr(clean_document(d, date=False)) for d in documents]
    assert gc.isenabled()
    batch = clean_batch(documents)
    assert gc.isenabled()
    assert _SHARED.get() is None
    assert [repr(clean_document(d, date=False)) for d in documents] == alone
    # Dates are resolved over the batch, the rest of each article is as cleaned alone.
    assert [repr(a.paragraphs) for a in batch] == [
        repr(clean_document(d, date=False).paragraphs) for d in documents
    ]
    with shared_shapes():
        first = line_shapes(["Home", "World"])
        again = line_shapes(["World", "Home"])
    assert again == [first[1], first[0]]
    assert line_shapes(["Home"])[0] is not first[0]


def test_the_stage_shares_line_shapes_between_documents_without_changing_any() -> None:
    import pickle

    from newsprism.clean import CleanStage

    menu = "Home\nWorld\nSport\nSubscribe to our newsletter\n\n"
    texts = [menu + BODY + "\n\n" + BODY2, menu + BODY3 + "\n\n" + BODY, menu + BODY2]
    documents = [doc(t) for t in texts]
    stage = CleanStage(date=False)
    shared = [repr(stage(d)) for d in documents]
    assert shared == [repr(clean_document(d, date=False)) for d in documents]
    assert "Home" in stage._shapes  # measured once, for all three
    # A stage sent to a worker process goes without its shapes, and cleans alike there.
    copy = pickle.loads(pickle.dumps(stage))
    assert copy._shapes == {} and copy.date is False
    assert [repr(copy(d)) for d in documents] == shared
