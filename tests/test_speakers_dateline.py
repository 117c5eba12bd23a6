"""Speakers: a dateline's place is never a speaker, and an outlet told something is not one.

The texts are made up for the tests (no corpus line is copied). spaCy loads once per session
(``load_nlp`` is cached).
"""

from __future__ import annotations

from typing import Any

import pytest

from body_articles import body_article
from newsprism.extract import extract_articles, load_nlp
from newsprism.extract.attribution_types import dateline_end
from newsprism.records import Quote


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_nlp()


def quotes(nlp: Any, *paragraphs: str, outlet: str | None = None) -> list[Quote]:
    article = body_article("doc", list(paragraphs), "Title", outlet=outlet)
    return list(extract_articles([article], nlp=nlp)[0].quotes)


def find(found: list[Quote], words: str) -> Quote:
    hits = [q for q in found if words in q.text]
    assert hits, f"no quote with {words!r} in {[q.text for q in found]}"
    return hits[0]


@pytest.mark.parametrize(
    ("text", "dateline"),
    [
        (
            "SEOUL (Reuters) - The North said on Saturday it would stop its tests.",
            "SEOUL (Reuters) -",
        ),
        (
            "SEOUL, April 21 — The North said on Saturday it would stop its tests.",
            "SEOUL, April 21 —",
        ),
        ("LIMA, Peru — The minister said the mine would reopen in May.", "LIMA, Peru —"),
        ("Ottawa (AFP) – Canada's trade minister said talks would go on.", "Ottawa (AFP) –"),
        (
            "MOSCOW, March 3. /TASS/. Ties are strong, the spokesman said.",
            "MOSCOW, March 3. /TASS/.",
        ),
        # not datelines: a hyphenated name, a person, an acronym set off by dashes, no dash
        ("U.S.-Canada talks stalled, officials said.", ""),
        ("Smith — never one to hold back — said the plan was dead.", ""),
        ("NATO - the alliance - said it would act.", ""),
        ("North Korea said on Saturday it would stop its tests.", ""),
    ],
)
def test_datelines_are_found_by_their_shape(nlp: Any, text: str, dateline: str) -> None:
    doc = nlp(text)
    assert doc[: dateline_end(doc)].text == dateline


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        (
            "SEOUL, South Korea — North Korea's leader, Kim Jong-un, announced early Saturday "
            "that his country no longer needed to test its missiles.",
            "no longer needed",
            None,
        ),
        (
            "SEOUL (Reuters) - North Korea said on Saturday it would suspend its nuclear tests.",
            "suspend its nuclear tests",
            "North Korea",
        ),
        (
            "Ottawa (AFP) – Prime Minister Justin Trudeau has decided to put off his answer on "
            "the tariffs until June.",
            "put off his answer",
            "Justin Trudeau",
        ),
    ],
)
def test_a_dateline_place_is_not_the_speaker(
    nlp: Any, text: str, words: str, speaker: str | None
) -> None:
    quote = find(quotes(nlp, text), words)
    place = text.split()[0].strip(",").casefold()
    assert (quote.speaker or "").casefold() != place
    assert place not in (quote.speaker_text or "").casefold()
    if speaker is not None:
        assert quote.speaker == speaker


def test_a_pronoun_after_a_dateline_does_not_refer_to_the_place(nlp: Any) -> None:
    found = quotes(
        nlp,
        "LIMA (Reuters) - Peru said on Monday it would reopen the copper mine in May.",
        '"We will be watching the site closely," he told Reuters.',
    )
    quote = find(found, "watching the site")
    # "he" is a person: neither the dateline's place nor the country that spoke before
    assert quote.speaker_id is None or quote.speaker_id.startswith("person:"), quote.speaker


def test_reported_content_leaves_the_dateline_out(nlp: Any) -> None:
    found = quotes(
        nlp,
        "OTTAWA, May 2 (Reuters) - Prime Minister Justin Trudeau has postponed the new "
        "tariffs on steel until June, his office said.",
    )
    quote = find(found, "postponed the new tariffs")
    assert not quote.text.startswith("OTTAWA")
    assert "(Reuters)" not in quote.text


def test_he_told_the_agency_is_not_the_agency(nlp: Any) -> None:
    found = quotes(
        nlp,
        "Reuters reported on Friday that the talks on the pipeline had stalled.",
        '"We will not give up on this project," he told Reuters.',
    )
    assert find(found, "stalled").speaker == "Reuters"
    assert find(found, "give up").speaker != "Reuters"


def test_she_told_the_outlet_is_not_the_outlet(nlp: Any) -> None:
    # The recogniser takes the masthead in capitals for a person: it must still not be "she".
    found = quotes(
        nlp,
        "USA TODAY reported that the plant closed in March. USA TODAY found that the town's "
        "budget fell by a third.",
        '"It was a shock to everyone here," she told USA TODAY.',
        outlet="USA TODAY",
    )
    assert find(found, "a shock").speaker != "USA TODAY"


def test_an_outlet_spoken_to_is_not_a_later_speaker(nlp: Any) -> None:
    found = quotes(
        nlp,
        '"It was a shock to everyone here," she told USA TODAY. "Nobody saw it coming."',
        '"We will rebuild the whole street," she told USA TODAY.',
    )
    for quote in found:
        assert quote.speaker != "USA TODAY", quote


@pytest.mark.parametrize(
    "text",
    [
        '"The plan will fail, and everyone knows it," Smith told USA TODAY.',
        '"The plan will fail, and everyone knows it," Jane Smith told Reuters on Monday.',
        '"The plan will fail, and everyone knows it," Jane Smith said in an interview with CNN.',
        "Jane Smith told USA TODAY that the plan would fail within a year.",
    ],
)
def test_the_person_who_told_the_outlet_is_the_speaker(nlp: Any, text: str) -> None:
    (quote,) = [q for q in quotes(nlp, text) if "plan" in q.text]
    assert quote.speaker in ("Smith", "Jane Smith")
