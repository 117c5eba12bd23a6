"""The brief's measurable checks (citation support, attributed quotes, people in context) and
a brief and comparison scoped to one event of a storyline."""

from __future__ import annotations

import datetime as dt

import pytest

from body_articles import body_article
from newsprism.brief import brief_story
from newsprism.brief.checks import (
    FactIndex,
    balanced_quotes,
    citation_supports,
    opens_with_connective,
    opens_with_pronoun,
    unattributed_quotes,
)
from newsprism.compare.story import compare_story
from newsprism.records import (
    Article,
    BriefSentence,
    DateEstimate,
    Entity,
    Event,
    Extraction,
    Figure,
    Mention,
    Quote,
    Span,
    Story,
)

SENTENCE = "The council approved a loan of $40 million for the bus network on Tuesday."


@pytest.mark.parametrize(
    "kind, cited, expected",
    [
        ("fact", SENTENCE, True),  # taken whole
        ("fact", "Officials said the council approved a loan of $40 million for the bus "
                 "network on Tuesday, despite protests.", True),  # compressed from it
        ("fact", "City leaders backed a $40-million loan for new routes.", False),  # a paraphrase
        ("fact", "The trade war cost farmers $40 million on Tuesday.", False),  # same figure only
        ("fact", "", False),
        ("conflict", "the council approved a loan of $40 million", True),  # a quoted side
        ("conflict", "Between 150", False),  # a fragment is no side
    ],
)  # fmt: skip
def test_citation_supports(kind: str, cited: str, expected: bool) -> None:
    text = SENTENCE if kind != "conflict" else (
        f"Herald reports \u201c{SENTENCE.rstrip('.')}\u201d; Times reports \u201cthe council "
        "backed $30 million\u201d."
    )  # fmt: skip
    assert citation_supports(BriefSentence(text, (), kind), cited) is expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("He said \u201cno\u201d and left.", True),
        ('"Agent Peter Strzok was just fired from the FBI - finally.', False),
        ("The end of a quote.\u201d", False),
        ("\u201cOne \u2018nested\u2019 quote,\u201d she said.", True),
        ('Plain "scare" quotes and "another".', True),
    ],
)
def test_balanced_quotes(text: str, expected: bool) -> None:
    assert balanced_quotes(text) is expected


def _quote(text: str, start: int, speaker: str | None, resolution: str = "name") -> Quote:
    return Quote(Span("d", start, start + len(text)), text, "direct", "e-1" if speaker else None,
                 None, "said", None, 0.9, speaker=speaker, resolution=resolution)  # fmt: skip


@pytest.mark.parametrize(
    "text, quote_speaker, resolution, expected",
    [
        ("\u201cWe will win,\u201d Jane Doe said.", "Jane Doe", "name", 0),
        ("\u201cWe will win,\u201d Doe said.", "Jane Doe", "name", 0),
        ("\u201cWe will win,\u201d he said.", "Jane Doe", "pronoun", 1),
        ("\u201cWe will win,\u201d they added.", "they", "unnamed", 1),
        ("\u201cWe will win the vote in the end,\u201d they added.", None, "", 1),  # no extraction
        ('"Agent Peter Strzok was just fired from the FBI - finally.', None, "", 1),
        ("The council met on Tuesday.", None, "", 0),
    ],
)  # fmt: skip
def test_unattributed_quotes(
    text: str, quote_speaker: str | None, resolution: str, expected: int
) -> None:
    quotes: tuple[Quote, ...] = ()
    if quote_speaker is not None:
        quotes = (_quote("We will win,", 1, quote_speaker, resolution),)
    facts = FactIndex([Extraction("d", (), quotes, ())]).facts(Span("d", 0, len(text)), text)
    assert unattributed_quotes(text, facts) == expected


# --------------------------------------------------------------------------------------------
# a storyline of two events: a death toll updated, and an unrelated figure in each


def _article(doc: str, outlet: str, day: dt.date, sentences: list[str]) -> Article:
    return body_article(doc, sentences, sentences[0], outlet=outlet, published=DateEstimate(day))


MONDAY, THURSDAY = dt.date(2021, 3, 1), dt.date(2021, 3, 4)
ARTICLES = [
    _article("a1", "Herald", MONDAY, [
        "Floods in the northern valley killed 7 people on Monday, the regional governor said.",
        "Rescue teams from three provinces searched the flooded villages through the night.",
        "Governor Anna Berg said the army would send 400 soldiers to help the rescue teams.",
    ]),
    _article("a2", "Times", MONDAY, [
        "Floods in the northern valley killed 7 people, regional officials said on Monday.",
        "Berg said 400 soldiers would arrive to help rescuers in the flooded villages.",
        "Rescue teams searched the flooded villages of the northern valley overnight.",
    ]),
    _article("a3", "Herald", THURSDAY, [
        "The death toll from floods in the northern valley rose to 12 people on Thursday.",
        "Engineers began repairing the main dam, which cost $90 million to build in 1990.",
        "Officials in the valley said the rebuilding of the villages would take months.",
    ]),
    _article("a4", "Post", THURSDAY, [
        "Floods in the northern valley have killed 12 people, officials said on Thursday.",
        "Officials in the valley said rebuilding the damaged villages would take months.",
        "Engineers started work to repair the valley's main dam on Thursday afternoon.",
    ]),
]  # fmt: skip


def _figure(article: Article, text: str, kind: str, value: float, noun: str, verb: str) -> Figure:
    start = article.text.index(text)
    return Figure(Span(article.doc_id, start, start + len(text)), text, kind, value,
                  "people" if kind == "count" else "USD", quantified=noun, predicate=verb,
                  normalized=f"{value:g}")  # fmt: skip


def _extractions() -> list[Extraction]:
    a1, a2, a3, a4 = ARTICLES
    return [
        Extraction("a1", (), (), (_figure(a1, "7", "count", 7, "people", "killed"),)),
        Extraction("a2", (), (), (_figure(a2, "7", "count", 7, "people", "killed"),)),
        Extraction("a3", (), (), (_figure(a3, "12", "count", 12, "people", "rose"),
                                  _figure(a3, "$90 million", "money", 9e7, "dam", "cost"))),
        Extraction("a4", (), (), (_figure(a4, "12", "count", 12, "people", "killed"),)),
    ]  # fmt: skip


EVENTS = (
    Event("ev-mon", "st-flood", "floods kill 7", MONDAY, ("a1", "a2")),
    Event("ev-thu", "st-flood", "toll rises to 12", THURSDAY, ("a3", "a4")),
)


def test_a_storyline_comparison_is_organised_by_event_and_updates_a_count_across_them() -> None:
    comparison = compare_story("st-flood", ARTICLES, _extractions(), {}, events=EVENTS)
    by_event = {f.event for f in comparison.findings}
    assert {"ev-mon", "ev-thu"} <= by_event
    corroborated = comparison.of_kind("corroborated")
    assert {f.event for f in corroborated} == {"ev-mon", "ev-thu"}
    for finding in corroborated:  # each event's agreement cites that event's articles only
        event = next(e for e in EVENTS if e.id == finding.event)
        assert {c.doc_id for c in finding.citations} <= set(event.articles)
    assert not comparison.of_kind("conflict")  # 7 on Monday and 12 on Thursday is no conflict
    (update,) = comparison.of_kind("update")
    assert update.event == "" and "2021-03-01: 7" in update.note and "2021-03-04: 12" in update.note
    # Findings come event by event, in date order.
    events = [f.event for f in comparison.findings if f.event]
    assert events == sorted(events, key=["ev-mon", "ev-thu"].index)


def test_an_event_comparison_and_brief_read_only_that_event() -> None:
    thursday = [a for a in ARTICLES if a.doc_id in EVENTS[1].articles]
    comparison = compare_story("ev-thu", thursday, _extractions(), {}, events=EVENTS[1:])
    assert not comparison.of_kind("update")
    cited = {c.doc_id for f in comparison.findings for c in f.citations}
    assert cited <= {"a3", "a4"}
    story = Story("ev-thu", "toll rises to 12", EVENTS[1:], THURSDAY, THURSDAY)
    brief = brief_story(story, thursday, comparison, _extractions())
    assert brief.sentences
    assert {s.doc_id for b in brief.sentences for s in b.citations} <= {"a3", "a4"}


def test_every_citation_of_a_brief_sentence_supports_it() -> None:
    comparison = compare_story("st-flood", ARTICLES, _extractions(), {}, events=EVENTS)
    story = Story("st-flood", "floods", EVENTS, MONDAY, THURSDAY)
    brief = brief_story(story, ARTICLES, comparison, _extractions())
    by_id = {a.doc_id: a for a in ARTICLES}
    assert brief.sentences
    for sentence in brief.sentences:
        for span in sentence.citations:
            assert citation_supports(sentence, by_id[span.doc_id].text[span.start : span.end]), (
                sentence.text,
                by_id[span.doc_id].text[span.start : span.end],
            )


def test_a_person_is_introduced_before_a_surname_alone_stands_for_them() -> None:
    a1, a2 = ARTICLES[:2]
    full = a1.text.index("Governor Anna Berg")
    bare = a2.text.index("Berg said")
    berg = Entity("e-berg", "PERSON", "Anna Berg", mentions=(
        Mention(Span("a1", full + 9, full + 18), "Anna Berg", "name"),
    ))  # fmt: skip
    berg_a2 = Entity("e-berg", "PERSON", "Anna Berg", mentions=(
        Mention(Span("a2", bare, bare + 4), "Berg", "surname"),
    ))  # fmt: skip
    extractions = [Extraction("a1", (berg,)), Extraction("a2", (berg_a2,))]
    story = Story("ev-mon", "floods", EVENTS[:1], MONDAY, MONDAY)
    brief = brief_story(story, [a1, a2], None, extractions, min_sentences=5)
    texts = [s.text for s in brief.sentences]
    surname_only = [i for i, t in enumerate(texts) if "Berg said" in t and "Anna" not in t]
    full_name = [i for i, t in enumerate(texts) if "Anna Berg" in t]
    # "Berg said" may stand only after the sentence that introduces Governor Anna Berg.
    assert all(full_name and full_name[0] < i for i in surname_only), texts


def test_a_brief_never_takes_a_dangling_quote_or_an_unattributed_one() -> None:
    sentences = [
        "Floods in the northern valley killed 7 people on Monday, the regional governor said.",
        "\u201cAgent Peter Strzok was just fired from the FBI and the floods are over,"
        " the valley is safe.",
        "\u201cThe valley will be rebuilt within months after the floods,\u201d they added.",
        "Rescue teams from three provinces searched the flooded villages through the night.",
        "Engineers began repairing the main dam of the valley on Monday after the floods.",
        "Officials in the valley said the rebuilding of the villages would take many months.",
    ]
    article = _article("q1", "Herald", MONDAY, sentences)
    start = article.text.index("The valley will")
    quote = Quote(Span("q1", start, start + 58), article.text[start : start + 58], "direct",
                  None, None, "added", None, 0.9, speaker="they", resolution="unnamed")  # fmt: skip
    story = Story("ev-q", "floods", (Event("ev-q", "st-q", "floods", MONDAY, ("q1",)),))
    brief = brief_story(story, [article], None, [Extraction("q1", (), (quote,))], min_sentences=6)
    texts = " ".join(s.text for s in brief.sentences)
    assert brief.sentences and "Strzok" not in texts and "rebuilt within" not in texts, texts


@pytest.mark.parametrize(
    "text, title, headline, leans",
    [
        ("Democrats Sue Russia And Trump Campaign, Alleging Conspiracy.", "Other", True, False),
        ("Floods kill seven.", "Floods kill seven", True, False),
        ("Floods in the valley killed seven people on Monday.", "Floods kill seven", False, False),
        ("Pyongyang also said it plans to close a test site.", "", False, True),
        ("But hundreds made their way to the border anyway.", "", False, True),
        ("Butler County officials said the road was closed.", "", False, False),
    ],
)
def test_headlines_and_sentences_that_lean_on_a_previous_one(
    text: str, title: str, headline: bool, leans: bool
) -> None:
    from newsprism.brief.checks import headline_like, leans_on_previous

    assert headline_like(text, title) is headline
    assert leans_on_previous(text) is leans


def test_a_sentence_quoted_whole_in_single_quotes_has_no_speaker() -> None:
    text = "'During the campaign, Russia launched an all-out assault on our democracy.'"
    facts = FactIndex([]).facts(Span("d", 0, len(text)), text)
    assert unattributed_quotes(text, facts) == 1


@pytest.mark.parametrize(
    "text, expected",
    [
        ("But hundreds of participants made their way to the border on Sunday anyway.", True),
        ("However, the ministry denied it.", True),
        ("And then the talks broke down.", True),
        ("Putin also offered economic support, saying Russia would extend a loan.", False),
        ("Butler said the vote would go ahead.", False),
        ("Andrea Mitchell reported the remarks.", False),
        ("The talks lasted four hours.", False),
    ],
)
def test_a_brief_sentence_may_not_open_by_answering_one_it_does_not_print(
    text: str, expected: bool
) -> None:
    assert opens_with_connective(text) is expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("It also plans to close down a nuclear test site in the north.", True),
        ("He was taken to hospital with burns to his hands.", True),
        ("They’re expected back at the border on Monday.", True),
        ("Its army said the strike hit a weapons depot.", True),
        ("It is unclear whether the talks will resume next week.", False),
        ("It was not known how many people were inside the school.", False),
        ("Italy agreed to take in the migrants from the ship.", False),
        ("Hector Diaz, the mayor, said the road would reopen.", False),
    ],
)
def test_a_pronoun_opening_a_sentence_stands_for_someone_named_before_it(
    text: str, expected: bool
) -> None:
    assert opens_with_pronoun(text) is expected


def test_context_sentences_and_timeline_entries_read_on_their_own() -> None:
    texts = [
        "Workers rebuilt the bridge over the Tay river within six weeks of the floods, the "
        "council said on Monday.",
        "It also plans to close down the old ferry crossing once the new road is finished.",
        "\u201cWe will not leave anyone behind,\u201d the council leader told a meeting of "
        "residents in the town hall.",
        "The floods cut off three villages in the valley for nine days last month.",
    ]
    article = body_article("p1", texts, "Bridge rebuilt", outlet="Courier",
                           published=DateEstimate(MONDAY))  # fmt: skip
    story = Story("ev-p", "floods", (Event("ev-p", "st-p", "floods", MONDAY, ("p1",)),))
    brief = brief_story(story, [article], None, min_sentences=4)
    assert brief.sentences
    assert all(not s.text.startswith("It also") for s in brief.sentences), brief.sentences
    (entry,) = brief.timeline
    assert not entry.what.startswith(("It also", "\u201c")), entry.what
