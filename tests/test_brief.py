"""The brief: sentence splitting, citations that always point back to body text, and the
sochi-2020 brief and timeline."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsprism.brief import brief_story, split_sentences, supported
from newsprism.brief.sentences import CITABLE_ROLES, words
from newsprism.brief.timeline import resolve_weekday
from newsprism.records import (
    Article,
    BriefSentence,
    Citation,
    Comparison,
    DateEstimate,
    Finding,
    Paragraph,
    Role,
    Span,
)

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "sochi-2020"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("One sentence here. Another one.", ["One sentence here.", "Another one."]),
        ("U.S. officials met Sen. Sanders on Jan. 5. Then left.",
         ["U.S. officials met Sen. Sanders on Jan. 5.", "Then left."]),
        ("It was made in the U.S. The factory closed.",
         ["It was made in the U.S.", "The factory closed."]),
        ("About 10,000 were arrested during the protests. people are dead.",
         ["About 10,000 were arrested during the protests.", "people are dead."]),
        ("“We value them all,” he said. “But not now.”",
         ["“We value them all,” he said.", "“But not now.”"]),
        ("John F. Kennedy spoke. No. 1 came.", ["John F. Kennedy spoke.", "No. 1 came."]),
        ("It sounds like a victory for the U.S. It’s not, at least not yet.",
         ["It sounds like a victory for the U.S.", "It’s not, at least not yet."]),
    ],
)  # fmt: skip
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert [text[s:e] for s, e in split_sentences(text)] == expected


def test_resolve_weekday_is_the_last_such_day_up_to_the_article_date() -> None:
    monday = dt.date(2020, 9, 14)
    assert resolve_weekday(0, monday) == monday
    assert resolve_weekday(6, monday) == dt.date(2020, 9, 13)  # "on Sunday"
    assert resolve_weekday(4, monday) == dt.date(2020, 9, 11)


# --------------------------------------------------------------------------------------------
# property: every brief sentence comes from its cited spans, and they are body text

_WORDS = (
    "police minister protest loan talks city rally vote report said people council budget "
    "agreed leader opposition meeting"
).split()
_ROLES = [Role.BODY, Role.BODY, Role.BODY, Role.LEDE, Role.CAPTION, Role.COMMENTS, Role.RELATED]


@st.composite
def _sentence(draw: st.DrawFn) -> str:
    body = draw(st.lists(st.sampled_from(_WORDS), min_size=10, max_size=24))
    number = draw(st.integers(1, 9999))
    body.insert(draw(st.integers(0, len(body))), f"{number:,}")
    return " ".join(body).capitalize() + draw(st.sampled_from([".", ".", "!", "?"]))


@st.composite
def _article(draw: st.DrawFn, index: int) -> Article:
    doc = f"doc{index}"
    texts, paragraphs, at = [], [], 0
    for i in range(draw(st.integers(1, 6))):
        text = " ".join(draw(st.lists(_sentence(), min_size=1, max_size=4)))
        role = draw(st.sampled_from(_ROLES))
        paragraphs.append(Paragraph(i, text, Span(doc, at, at + len(text)), role, "drawn"))
        texts.append(text)
        at += len(text) + 2
    title = " ".join(draw(st.lists(st.sampled_from(_WORDS), min_size=3, max_size=8)))
    published = DateEstimate(dt.date(2021, 3, 1) + dt.timedelta(days=index))
    return Article(doc, f"{doc}.txt", "\n\n".join(texts), title, tuple(paragraphs),
                   outlet=f"Outlet {index}", published=published)  # fmt: skip


@st.composite
def _story(draw: st.DrawFn) -> tuple[list[Article], Comparison]:
    articles = [draw(_article(i)) for i in range(draw(st.integers(1, 4)))]
    findings = []
    for kind in ("corroborated", "conflict"):
        cites = []
        for article in articles:
            body = [p for p in article.paragraphs if p.role in CITABLE_ROLES]
            if not body or not draw(st.booleans()):
                continue
            p = draw(st.sampled_from(body))
            start = draw(st.integers(p.span.start, p.span.end - 1))
            end = draw(st.integers(start + 1, min(p.span.end, start + 12)))
            span = Span(article.doc_id, start, end)
            cites.append(Citation(article.doc_id, article.outlet or "?", article.doc_id,
                                  article.text[start:end], span))  # fmt: skip
        if cites:
            findings.append(Finding(kind, "a figure", tuple(cites), len(cites)))
    return articles, Comparison("st-drawn", findings=tuple(findings))


def _glue(sentence: BriefSentence, by_id: dict[str, Article]) -> set[str]:
    outlets = {w for s in sentence.citations for w in words(by_id[s.doc_id].outlet or "")}
    return outlets | {"reports"}


@settings(max_examples=150, deadline=None)
@given(story=_story())
def test_every_brief_sentence_is_taken_from_its_cited_body_spans(
    story: tuple[list[Article], Comparison],
) -> None:
    articles, comparison = story
    by_id = {a.doc_id: a for a in articles}
    brief = brief_story("st-drawn", articles, comparison)
    for sentence in brief.sentences:
        assert sentence.citations, sentence
        assert supported(sentence, by_id)
        cited_words: list[str] = []
        for span in sentence.citations:
            article = by_id[span.doc_id]
            # Inside one citable paragraph: never a caption, a comment or a related line.
            assert any(
                p.role in CITABLE_ROLES and p.span.start <= span.start and span.end <= p.span.end
                for p in article.paragraphs
            ), (span, sentence)
            cited_words += words(article.text[span.start : span.end])
        # Independently of `supported`: the words, less the attribution glue, are a
        # subsequence of the cited words (taken in order, nothing added).
        remaining = iter(cited_words)
        glue = _glue(sentence, by_id)
        assert all(w in remaining for w in words(sentence.text) if w not in glue), sentence
        # The first citation is what the sentence reads as: its text starts the sentence.
        first = sentence.citations[0]
        own = by_id[first.doc_id].text[first.start : first.end]
        if sentence.kind != "conflict":
            assert sentence.text.rstrip(".") == own.rstrip(".").rstrip()
    texts = [s.text for s in brief.sentences]
    assert len(texts) == len(set(texts))


def test_a_sentence_without_citations_is_not_supported() -> None:
    assert not supported(BriefSentence("Anything at all.", ()), {})


# --------------------------------------------------------------------------------------------
# sochi-2020


@pytest.fixture(scope="module")
def sochi() -> object:
    pytest.importorskip("spacy")
    from newsprism.cluster import stories
    from newsprism.runner import analyze
    from newsprism.store import MemoryStore
    from newsprism.views import story_view

    with MemoryStore() as store:
        analyze([str(EXAMPLE)], store)
        found = stories(store)
        assert len(found) == 1
        return story_view(store, found[0])


def test_sochi_brief_names_the_meeting_the_loan_both_sides_and_the_conflict(sochi: object) -> None:
    from newsprism.views import StoryView

    assert isinstance(sochi, StoryView)
    brief = sochi.brief
    assert 5 <= len(brief.sentences) <= 10
    text = " ".join(s.text for s in brief.sentences)
    assert "Sochi" in text
    assert "$1.5" in text and "billion" in text
    peskov = [s.text for s in brief.sentences if "Peskov" in s.text]
    assert any("legitimate" in t for t in peskov), peskov
    tikhanovskaya = [s.text for s in brief.sentences if "Tikhanovskaya" in s.text]
    assert any(w in t for t in tikhanovskaya for w in ("illegitimate", "usurper", "regret")), text
    conflict = [s for s in brief.sentences if s.kind == "conflict"]
    assert conflict and "10,000" in conflict[0].text and "7,000" in conflict[0].text
    assert {"arrested", "detained"} <= set(words(conflict[0].text))
    assert len({c.doc_id for c in conflict[0].citations}) == 2
    by_id = {a.doc_id: a for a in sochi.articles}
    for sentence in brief.sentences:
        assert sentence.citations and supported(sentence, by_id)
        for span in sentence.citations:
            paragraph = next(
                p for p in by_id[span.doc_id].paragraphs
                if p.span.start <= span.start < p.span.end
            )  # fmt: skip
            assert paragraph.role in CITABLE_ROLES, (paragraph.role, sentence.text)
            assert span.end <= paragraph.span.end


def test_sochi_brief_leaves_loaded_terms_out_of_the_outlets_own_voice(sochi: object) -> None:
    from newsprism.views import StoryView

    assert isinstance(sochi, StoryView)
    text = " ".join(s.text for s in sochi.brief.sentences).lower()
    for loaded in ("supposed landslide", "embattled", "strongman"):
        assert loaded not in text


def test_sochi_timeline_has_the_three_events_in_order_with_the_election_as_background(
    sochi: object,
) -> None:
    from newsprism.views import StoryView

    assert isinstance(sochi, StoryView)
    timeline = sochi.brief.timeline
    dates = [e.date for e in timeline]
    assert dates == sorted(dates)  # type: ignore[type-var]
    assert dates == [dt.date(2020, 8, 9), dt.date(2020, 9, 14), dt.date(2020, 11, 13)]
    assert [e.background for e in timeline] == [True, False, False]
    assert "election" in timeline[0].what
    assert len({s.doc_id for s in timeline[0].citations}) == 5
    by_id = {a.doc_id: a for a in sochi.articles}
    for entry in timeline:
        assert entry.citations
        first = entry.citations[0]
        assert entry.what == by_id[first.doc_id].text[first.start : first.end]
