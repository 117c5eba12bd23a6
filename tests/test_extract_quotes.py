"""Quotes: every form the issue names, table-driven, with the negative cases.

The texts are made up for the tests (no corpus line is copied); each case says which form it
covers. spaCy loads once per session (``load_nlp`` is cached).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from newsprism.extract import extract_articles, find_quotations, load_nlp
from newsprism.records import Article, DateEstimate, Paragraph, Quote, Role, Span


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_nlp()


def article(*paragraphs: str | tuple[str, Role], published: dt.date | None = None) -> Article:
    """An article whose paragraphs are separated by blank lines; roles default to body."""
    text, built = "", []
    for i, item in enumerate(paragraphs):
        body, role = item if isinstance(item, tuple) else (item, Role.BODY)
        start = len(text)
        text += body + "\n\n"
        built.append(Paragraph(i, body, Span("doc", start, start + len(body)), role, "test"))
    return Article("doc", "test", text, "Title", tuple(built), published=DateEstimate(published))


def quotes(nlp: Any, *paragraphs: str | tuple[str, Role]) -> list[Quote]:
    found = extract_articles([article(*paragraphs)], nlp=nlp)[0].quotes
    return list(found)


def find(found: list[Quote], words: str) -> Quote:
    hits = [q for q in found if words in q.text]
    assert hits, f"no quote with {words!r} in {[q.text for q in found]}"
    return hits[0]


# --------------------------------------------------------------------------------------------
# quotation marks


@pytest.mark.parametrize(
    "paragraphs, expected",
    [
        # straight and curly double marks
        (['"We will win," she said.'], [['"We will win,"']]),
        (["“We will win,” she said."], [["“We will win,”"]]),
        # two apostrophes, as some wires print them
        (["''We will win,'' she said."], [["''We will win,''"]]),
        # a quote over two paragraphs: the first stays open, the second opens again
        (
            ["“We will win.", "“And we will stay,” she said."],
            [["“We will win.", "“And we will stay,”"]],
        ),
        # the wrong glyph closing a quote at the end of its paragraph
        (["He said: “It is over “."], [["“It is over “"]]),
        # single marks, British style, and apostrophes that are not marks
        (["It’s the ‘best deal’, he said."], [["‘best deal’"]]),
        (["They don't know."], []),
    ],
)
def test_quotation_marks_pair(paragraphs: list[str], expected: list[list[str]]) -> None:
    found = find_quotations(paragraphs)
    pieces = [[paragraphs[p.paragraph][p.start : p.end] for p in q.pieces] for q in found]
    assert pieces == expected


# --------------------------------------------------------------------------------------------
# direct quotes and their speakers


@pytest.mark.parametrize(
    "paragraphs, words, speaker, cue, resolution",
    [
        # straight, curly and two-apostrophe marks, attribution after the quote
        (['"We will pass the bill this year," Josh Earnest said.'], "pass the bill",
         "Josh Earnest", "said", "name"),
        (["“We will pass the bill this year,” Josh Earnest said."], "pass the bill",
         "Josh Earnest", "said", "name"),
        (["''We will pass the bill this year,'' said Josh Earnest."], "pass the bill",
         "Josh Earnest", "said", "name"),
        # attribution before the quote, with a colon
        (["Josh Earnest told reporters: “The bill will pass this year.”"], "The bill will pass",
         "Josh Earnest", "told", "name"),
        # a reporting verb no list names, in an attribution tag
        (["“Go back to your seats,” barked Maria Kolesnikova."], "Go back",
         "Maria Kolesnikova", "barked", "name"),
        # "he said": the pronoun resolved to the person named before it
        (["Josh Earnest met reporters on Monday.", "“We will pass the bill this year,” he said."],
         "pass the bill", "Josh Earnest", "said", "pronoun"),
        # a role description bound earlier by "White House spokesman Josh Earnest"
        (["White House spokesman Josh Earnest met reporters on Monday.",
          "“We will pass the bill this year,” the White House spokesman said."],
         "pass the bill", "Josh Earnest", "said", "description"),
        # the same office under another role noun ("press secretary" is a spokesperson)
        (["White House spokesman Josh Earnest met reporters on Monday.",
          "“We will pass the bill this year,” Obama's press secretary said."],
         "pass the bill", "Josh Earnest", "said", "description"),
        # a spokesman described by apposition, then by "a spokesman for the president"
        (["Josh Earnest, spokesman for President Barack Obama, met reporters.",
          "“We will pass the bill this year,” said a spokesman for the president."],
         "pass the bill", "Josh Earnest", "said", "description"),
        # a quote standing alone continues the subject of the sentence before it
        (["Maria Kolesnikova spoke to the crowd in the square.",
          "“We will not leave the square until every vote is counted.”"],
         "every vote", "Maria Kolesnikova", None, "previous"),
    ],
)  # fmt: skip
def test_direct_quote_speakers(
    nlp: Any,
    paragraphs: list[str],
    words: str,
    speaker: str,
    cue: str | None,
    resolution: str,
) -> None:
    quote = find(quotes(nlp, *paragraphs), words)
    assert quote.kind == "direct"
    assert quote.speaker == speaker
    assert quote.speaker_id is not None and quote.speaker_id.startswith("person:")
    assert quote.cue == cue
    assert quote.resolution == resolution
    assert 0.0 < quote.confidence <= 1.0


def test_a_quote_split_by_its_attribution_is_one_quote_in_two_parts(nlp: Any) -> None:
    found = quotes(nlp, "“The bill is ready,” Josh Earnest said. “We will pass it this year.”")
    assert len([q for q in found if q.kind == "direct"]) == 1
    quote = found[0]
    assert len(quote.parts) == 2
    assert quote.text == "The bill is ready, We will pass it this year."
    assert quote.speaker == "Josh Earnest"


def test_a_quote_over_two_paragraphs_is_one_quote(nlp: Any) -> None:
    a = article(
        "“The bill is ready and we have the votes to pass it.",
        "“We will pass it before the summer recess,” Josh Earnest said.",
    )
    found = extract_articles([a], nlp=nlp)[0].quotes
    direct = [q for q in found if q.kind == "direct"]
    assert len(direct) == 1
    assert [a.text[p.start : p.end][:4] for p in direct[0].parts] == ["“The", "“We "]
    assert direct[0].speaker == "Josh Earnest"


def test_an_article_opening_mid_way_gives_its_pronoun_to_the_main_speaker(nlp: Any) -> None:
    found = quotes(
        nlp,
        "He also said that the talks would go on next week.",
        "“We will pass the bill this year,” Josh Earnest said.",
        "“Nobody will stop it,” Josh Earnest added.",
    )
    first = find(found, "talks would go on")
    assert first.kind == "indirect"
    assert first.speaker == "Josh Earnest"
    assert first.resolution == "main-speaker"
    assert first.confidence < find(found, "pass the bill").confidence


# --------------------------------------------------------------------------------------------
# reported speech


@pytest.mark.parametrize(
    "paragraph, words, speaker, cue",
    [
        ("Josh Earnest said that the bill would pass this year.", "that the bill would pass",
         "Josh Earnest", "said"),
        ("According to Josh Earnest, the bill will pass this year.", "the bill will pass",
         "Josh Earnest", "According to"),
        ("The bill will pass this year, Josh Earnest said on Monday.", "The bill will pass",
         "Josh Earnest", "said"),
        ("Maria Kolesnikova vowed to stay in the country.", "to stay in the country",
         "Maria Kolesnikova", "vowed"),
        # a quotation inside a reported clause: one statement, the clause with its quote
        ("Josh Earnest said that lawmakers should “get it done before the recess.”",
         "lawmakers should", "Josh Earnest", "said"),
    ],
)  # fmt: skip
def test_reported_speech(nlp: Any, paragraph: str, words: str, speaker: str, cue: str) -> None:
    quote = find(quotes(nlp, paragraph), words)
    assert quote.kind == "indirect"
    assert quote.speaker == speaker
    assert quote.cue == cue


# --------------------------------------------------------------------------------------------
# what is not a statement


@pytest.mark.parametrize(
    "paragraphs",
    [
        # scare quotes in running text
        ["Officials moved the “temporary” camp to the coast."],
        # a quoted title
        ["She starred in “The Long Goodbye” last year."],
        # a quoted phrase used as a name
        ["The “we will see” approach has failed."],
        # a quoted subheading, single or double marks
        [("'No surrender'", Role.SUBHEADING), "The march went on."],
        [("“No surrender to anyone at all”", Role.SUBHEADING), "The march went on."],
        # reader comments and captions are never read
        [("“This is all a lie,” said one reader.", Role.COMMENTS), "The march went on."],
        [("“We will win this fight,” Kolesnikova said.", Role.CAPTION), "The march went on."],
    ],
)
def test_not_statements(nlp: Any, paragraphs: list[str | tuple[str, Role]]) -> None:
    assert quotes(nlp, *paragraphs) == []


@pytest.mark.parametrize(
    "paragraph, scare",
    [
        ("The senator called the plan a “disaster” for farmers.", "“disaster”"),
        # the vow is reported speech; its scare quote is no statement of its own
        ("He vowed to stand by his “big brother” ally in the region.", "“big brother”"),
    ],
)
def test_a_scare_quote_in_reported_speech_is_not_a_direct_quote(
    nlp: Any, paragraph: str, scare: str
) -> None:
    found = quotes(nlp, paragraph)
    assert not [q for q in found if q.kind == "direct"]
    assert all(q.text != scare.strip("“”") for q in found)


def test_spans_point_into_the_article_text(nlp: Any) -> None:
    a = article(
        ("A subheading", Role.SUBHEADING),
        "White House spokesman Josh Earnest met reporters.",
        "“We will pass the bill this year,” he said. “Nobody will stop it.”",
    )
    extraction = extract_articles([a], nlp=nlp)[0]
    for quote in extraction.quotes:
        for part in quote.parts or (quote.span,):
            assert a.text[part.start : part.end].strip('“”"')[:5] in quote.text
        assert (
            quote.cue_span is not None
            and a.text[quote.cue_span.start : quote.cue_span.end] == quote.cue
        )
        assert quote.speaker_span is not None
        assert a.text[quote.speaker_span.start : quote.speaker_span.end] == quote.speaker_text
    for entity in extraction.entities:
        for mention in entity.mentions:
            assert a.text[mention.span.start : mention.span.end] == mention.text


@pytest.mark.parametrize(
    "paragraph, words, speaker",
    [
        # The quoted words belong to whoever voices the feeling, not to the person whose act
        # the feeling is about ("agreed ... with" is the weaker attribution frame).
        ("The opposition leader Maria Kolesnikova expressed disappointment that Viktor Babariko "
         "agreed with meeting “the impostor instead of the voters.”",
         "the impostor", "Maria Kolesnikova"),
        # Without a voiced feeling around it, the verb's own subject speaks.
        ("Viktor Babariko agreed with meeting “the impostor instead of the voters.”",
         "the impostor", "Viktor Babariko"),
    ],
)  # fmt: skip
def test_a_quote_inside_a_voiced_feeling_is_the_feelers(
    nlp: Any, paragraph: str, words: str, speaker: str
) -> None:
    assert find(quotes(nlp, paragraph), words).speaker == speaker
