"""Storyline decisions: specific terms, the same-weeks rule, evidence and labels."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pytest

from newsprism.cluster import StoryClusterer, load_assignments, stories
from newsprism.cluster.features import (
    EVENT_ONLY,
    NUMBER_CAP,
    NUMBER_WEIGHT,
    YEAR_STORY_WEIGHT,
    YEAR_WEIGHT,
    featurize,
    names,
    own_name_terms,
)
from newsprism.cluster.specific import (
    CountingIndex,
    DocumentCounts,
    Rarity,
    shared_terms,
    specific,
)
from newsprism.cluster.vectors import Vector
from newsprism.records import Article, DateEstimate, Evidence, Paragraph, Role, Span
from newsprism.store import MemoryStore


def make(
    doc_id: str,
    title: str,
    body: str,
    date: dt.date | None,
    outlet: str | None = None,
    url: str | None = None,
) -> Article:
    paragraph = Paragraph(0, body, Span(doc_id, 0, len(body)), Role.BODY, "test")
    published = DateEstimate(date, evidence=(Evidence("metadata", str(date)),), confidence=0.95)
    return Article(
        doc_id, doc_id, body, title, (paragraph,), outlet=outlet, published=published, url=url
    )


@pytest.mark.parametrize(
    "text, expected",
    [
        ("He met President Trump's aides.", ["president", "trump"]),
        ("Officials of the U.S. Treasury spoke.", ["u.s.", "treasury"]),
        ("It was Plan B for them.", ["plan"]),
        ("Talks with Kim Jong-un ended.", ["kim", "jong-un"]),
        ("Trump spoke. Then Comey’s memos came out.", ["comey"]),
    ],
)
def test_names_drop_possessives_and_lone_letters(text: str, expected: list[str]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(
    "numbers, norm",
    [
        (3, NUMBER_WEIGHT * math.sqrt(3)),  # a report's few figures keep their weights
        (40, NUMBER_WEIGHT * math.sqrt(NUMBER_CAP)),  # a listicle's forty weigh as six
    ],
)
def test_number_block_is_capped(numbers: int, norm: float) -> None:
    body = "Figures were given. " + " ".join(f"Item {n * 7 + 100} sold." for n in range(numbers))
    vector = featurize(make("a", "Sales", body, None)).vector
    # The article vector is unit length: compare the number block with the word block's share.
    block = math.sqrt(sum(v * v for k, v in vector.items() if k.startswith(EVENT_ONLY)))
    rest = math.sqrt(sum(v * v for k, v in vector.items() if not k.startswith(EVENT_ONLY)))
    assert block / rest == pytest.approx(norm / math.sqrt(1 + 0.6**2 * _has_names(vector)), 0.05)


def _has_names(vector: dict[str, float]) -> int:
    return int(any(k.startswith("n:") for k in vector))


@pytest.mark.parametrize(
    "outlet, url, expected",
    [
        ("GiveWell", "https://blog.givewell.org/2018/09/10/open-thread/", {"givewell"}),
        ("The New York Times", "https://www.nytimes.com/2018/04/17/x.html", {"nytimes"}),
        ("The Real Deal New York", None, set()),  # common words stay: they may be the story
        (None, None, set()),
    ],
)
def test_own_name_terms_are_the_outlets_rare_words(
    outlet: str | None, url: str | None, expected: set[str]
) -> None:
    assert own_name_terms(make("a", "t", "b", None, outlet, url)) == expected


@pytest.mark.parametrize(
    "outlet, url, body",
    [
        ("Ascom", "https://www.ascom.com/news/a", "Ascom's solutions serve hospitals."),
        ("my6sense", "https://my6sense.com/2018/07/02/x/", "my6sense’s platform serves ads."),
    ],
)
def test_a_possessive_of_the_outlets_name_is_left_out(outlet: str, url: str, body: str) -> None:
    vector = featurize(make("a", "News", body, None, outlet, url)).vector
    own = own_name_terms(make("a", "t", "b", None, outlet, url))
    assert own and not [t for t in vector if t.replace("'s", "") in own]


@pytest.mark.parametrize(
    "text, years_seen",
    [
        ("The merger of 2008 and the crisis of 2009 changed the papers.", 2),
        ("The fund was set up in 2019.", 1),
        ("No year is named here.", 0),
    ],
)
def test_a_year_weighs_less_for_storylines_than_for_events(text: str, years_seen: int) -> None:
    vector = featurize(make("a", "Papers", text, None)).vector
    story = [v for k, v in vector.items() if k.startswith("y:")]
    event = [v for k, v in vector.items() if k.startswith(f"{EVENT_ONLY}y:")]
    assert len(story) == len(event) == years_seen
    # An event weighs each year as before (the two parts add up); a storyline sees less of it.
    for s, e in zip(story, event, strict=True):
        assert math.hypot(s, e) / s == pytest.approx(YEAR_WEIGHT / YEAR_STORY_WEIGHT)


def test_event_frequency_weighs_down_terms_many_events_hold() -> None:
    index = CountingIndex(terms=4, bucket_days=None, count_terms=4)
    # Term 0 is in six events, term 1 in one: 0 keeps 3/6 of its weight against 1.
    for k in range(6):
        ids = [0, 1] if k == 0 else [0, 10 + k]
        index.put(f"e{k}", Vector(np.array(ids), np.array([1.0, 1.0])), (None, None))
    assert index.counts(np.array([0, 1, 99])).tolist() == [6.0, 1.0, 0.0]
    probe = Vector(np.array([0, 1]), np.array([1.0, 1.0]))
    weighed = specific(probe, index, Rarity(3.0, 1.0, 0.15, 3.0, 2.0, 4.0))
    assert weighed.vals[0] / weighed.vals[1] == pytest.approx(0.5)
    assert float(np.linalg.norm(weighed.vals)) == pytest.approx(float(np.linalg.norm(probe.vals)))
    index.drop("e1")
    assert index.counts(np.array([0])).tolist() == [5.0]
    shared = shared_terms(probe, Vector(np.array([1, 5]), np.array([2.0, 1.0])), 3)
    assert shared == [(1, 1.0)]


@pytest.mark.parametrize(
    "events, holding, ratio",
    [
        # 40 articles: the limit is max(0.15 * 40, 3) = 6 articles; term 0 is in 24 of them,
        # so it weighs (6 / 24) ** 2 against term 1 (in 2), once the store holds 8 events.
        (8, 24, (6 / 24) ** 2),
        (12, 24, (6 / 24) ** 2),
        (6, 24, (6 / 24) ** 1),  # half way between 4 and 8 events: half the exponent
        (4, 24, 1.0),  # too few events to tell common from the storyline's own
        (8, 6, 1.0),  # at the limit: not common
    ],
)
def test_document_frequency_weighs_down_terms_most_articles_hold(
    events: int, holding: int, ratio: float
) -> None:
    index = CountingIndex(terms=4, bucket_days=None, count_terms=4)
    for k in range(events):
        index.put(f"e{k}", Vector(np.array([100 + k]), np.array([1.0])), (None, None))
    documents = DocumentCounts()
    for k in range(40):
        documents.add(np.array([0, 1] if k < 2 else ([0] if k < holding else [2])))
    assert documents.counts(np.array([0, 1, 99])).tolist() == [holding, 2.0, 0.0]
    probe = Vector(np.array([0, 1]), np.array([1.0, 1.0]))
    weighed = specific(probe, index, Rarity(4.0, 1.0, 0.15, 3.0, 2.0, 4.0), documents)
    assert weighed.vals[0] / weighed.vals[1] == pytest.approx(ratio)
    assert float(np.linalg.norm(weighed.vals)) == pytest.approx(math.sqrt(2.0))
    documents.add(np.array([0]), -1.0)
    assert documents.counts(np.array([0])).tolist() == [holding - 1]


PRESIDENTS = (
    "President Trump said the White House in Washington would act.",
    "In Washington, the White House said President Trump was briefed.",
    "President Trump, speaking at the White House, called it a disgrace for Washington.",
    "Aides to President Trump at the White House declined to comment in Washington.",
    "The White House said President Trump would travel from Washington on Friday.",
    "Washington waited for President Trump; the White House gave no schedule.",
)


def president(k: int) -> str:
    """One of several wordings of what every event of those weeks mentions."""
    return PRESIDENTS[k % len(PRESIDENTS)]


MEMOS = (
    "The Comey memos were released to Congress on Thursday. In the memos, Comey described "
    "private dinners, loyalty requests and the Flynn investigation; Goodlatte and Gowdy had "
    "demanded the documents from the Justice Department, and Rosenstein sent redacted copies "
    "late at night. Lawmakers read the classified passages and argued about leaks."
)
CARAVAN = (
    "A caravan of migrants from Honduras and Guatemala reached Tijuana after a month on "
    "freight trains. Asylum seekers camped at the San Ysidro crossing, where border officers "
    "said the port was full; lawyers explained credible fear interviews to mothers carrying "
    "infants, and volunteers handed out blankets and water."
)
OTHERS = (
    "Steel and aluminium tariffs on Canada, Mexico and the European Union were delayed by "
    "thirty days while negotiators in Brussels argued over quotas, exemptions and duties on "
    "car imports; exporters of soybeans and bourbon braced for retaliation.",
    "Missiles struck chemical weapons laboratories near Damascus and Homs overnight; Syrian "
    "air defences fired back, inspectors from The Hague waited in Beirut, and Assad's "
    "ministers denounced the strikes as aggression against a sovereign state.",
    "Macron addressed a joint session of Congress, planted an oak sapling on the south lawn, "
    "and argued for the climate accord in a speech that drew standing ovations from "
    "Democrats; Brigitte Macron toured a museum of African American history.",
    "Mueller's investigators drew up four dozen questions about obstruction, the Moscow "
    "tower project, Manafort's polling data and the firing of the national security adviser, "
    "and the defence lawyers weighed a subpoena fight.",
    "Pompeo's confirmation as secretary of state cleared the Senate foreign relations "
    "committee after Rand Paul changed his vote; Corker praised the nominee's briefing on "
    "sanctions, embassies and the diplomats who had resigned.",
)


def test_events_of_the_same_weeks_sharing_only_frequent_names_stay_apart() -> None:
    day = dt.date(2018, 4, 20)
    articles = [
        make(f"m{i}", "Comey memos released", f"{president(i)} {MEMOS} Copy {i}.", day)
        for i in range(3)
    ] + [
        make(
            f"c{i}", "Caravan at the border", f"{CARAVAN} {president(i + 3)}", day + dt.timedelta(8)
        )
        for i in range(3)
    ]
    # Other events of those weeks that hold the same names.
    articles += [
        make(f"x{k}", text.split(",")[0], f"{text} {president(k)}", day + dt.timedelta(k))
        for k, text in enumerate(OTHERS)
    ]
    with MemoryStore() as store:
        StoryClusterer(store).add(articles)
        found = stories(store)
        story_of = {a: s.id for s in found for e in s.events for a in e.articles}
        assert story_of["m0"] == story_of["m2"] and story_of["c0"] == story_of["c2"]
        assert story_of["m0"] != story_of["c0"]
        labels = {s.label for s in found}
        assert all("'S" not in label and " U " not in f" {label} " for label in labels)
        memo_story = next(s for s in found if s.id == story_of["m0"])
        assert "Comey" in memo_story.label
        event = memo_story.events[0]
        assert event.reasons[0].startswith("storyline: its own storyline")
        assignment = load_assignments(store)["m0"]
        assert dict(assignment.scores)["storyline_similarity"] == 0.0
        assert "storyline:" in assignment.reason


def test_a_follow_up_weeks_later_joins_on_specific_names_with_its_evidence() -> None:
    day = dt.date(2020, 9, 14)
    belarus = (
        "Lukashenko met Putin in Sochi. Tikhanovskaya called Lukashenko a usurper and the "
        "Kremlin spokesman Peskov said Minsk and Moscow agreed. "
    )
    first = [make(f"a{i}", "Lukashenko in Sochi", belarus + f"Loan {i}.", day) for i in range(2)]
    later = make(
        "b0",
        "Tikhanovskaya answers the Kremlin",
        "Two months after the Sochi meeting, Tikhanovskaya told supporters in Vilnius that "
        "Lukashenko had lost Minsk's streets; Peskov repeated that the Kremlin would not "
        "meddle, while Belarusian strikers at tractor plants stayed out and students marched.",
        day + dt.timedelta(60),
    )
    with MemoryStore() as store:
        StoryClusterer(store).add([*first, later])
        (story,) = stories(store)
        assert len(story.events) == 2
        reason = story.events[0].reasons[0]
        assert reason.startswith("storyline: similarity") and "lukashenko" in reason
        assert "Lukashenko" in story.label
        assert dict(load_assignments(store)["b0"].scores)["storyline_similarity"] > 0.04


@pytest.mark.parametrize(
    "first, second",
    [
        (
            "Mueller's investigators asked Flynn and Manafort about obstruction during the "
            "2016 campaign.",
            "Beekeepers in Vermont harvested clover honey from hives planted in 2016.",
        ),
        (
            "The 2008 collapse of Lehman Brothers froze interbank lending across Europe.",
            "Lagos actress Kate Henshaw posted gym photographs from 2008 on Instagram.",
        ),
    ],
)
def test_a_shared_year_alone_does_not_make_a_storyline(first: str, second: str) -> None:
    # Undated, so no same-weeks rule: only what the texts share can link them, and a year is
    # a date, not a story (it was 2016 that joined NewsWCL50's undated Mueller event to
    # unrelated pages).
    articles = [
        make("a", first.split()[0], first, None),
        make("b", second.split()[0], second, None),
    ]
    with MemoryStore() as store:
        StoryClusterer(store).add(articles)
        story_of = {a: s.id for s in stories(store) for e in s.events for a in e.articles}
        assert story_of["a"] != story_of["b"]
