"""Events and time at the storyline level: a small fragment folds into its storyline's event,
and pages months apart need more than a site's vocabulary to share a storyline."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import replace

from newsprism.cluster import DEFAULT, StoryClusterer, stories
from newsprism.cluster.config import ClusterConfig
from newsprism.cluster.engine import Engine
from newsprism.cluster.vectors import Vector
from newsprism.records import Article, DateEstimate, Evidence, Paragraph, Role, Span
from newsprism.store import MemoryStore


def _engine(config: ClusterConfig = DEFAULT) -> Engine:
    return Engine(config)


def _report(engine: Engine, overlap: float) -> Vector:
    """A report sharing ``overlap`` of its direction with the event's common terms."""
    return engine.vector({"quake": overlap, "own": math.sqrt(1.0 - overlap**2)})


def _event_reports(engine: Engine) -> list[Vector]:
    return [engine.vector({"quake": 1.0}) for _ in range(3)]


def test_a_fragment_under_the_event_bar_folds_into_its_storyline_event() -> None:
    # Undated reports (no same-weeks rule at the storyline level). 0.18 is under the event
    # threshold even for one article meeting three (0.25 / 1.2), over the fragment threshold
    # (0.15) and far over the storyline threshold.
    for config, folded in ((DEFAULT, True), (replace(DEFAULT, fragment_size=0), False)):
        engine = _engine(config)
        docs = ["a1", "a2", "a3", "f"]
        vectors = [*_event_reports(engine), _report(engine, 0.18)]
        changes = engine.add(docs, vectors, [None] * 4)
        assert engine.story_of[engine.event_of["f"]] == engine.story_of[engine.event_of["a1"]]
        assert (engine.event_of["f"] == engine.event_of["a1"]) is folded
        placed = {p.doc_id: p.event_id for p in changes.placements}
        assert placed == {d: engine.event_of[d] for d in docs}
        assert set(engine.events) <= changes.events
        assert not changes.removed_events & set(engine.events)
        fragment = next(p for p in changes.placements if p.doc_id == "f")
        assert (round(fragment.folded, 2) == 0.18) is folded
        if folded:
            (event,) = engine.events.values()
            assert event.n == 4 and list(event.members) == docs


def test_a_fragment_arriving_later_folds_and_stays_folded() -> None:
    engine = _engine()
    engine.add(["a1", "a2", "a3"], _event_reports(engine), [None] * 3)
    changes = engine.add(["f"], [_report(engine, 0.18)], [None])
    event_id = engine.event_of["a1"]
    assert engine.event_of["f"] == event_id
    assert changes.placements[0].event_id == event_id and changes.placements[0].joined
    engine.add(["a4"], [engine.vector({"quake": 1.0})], [None])
    assert {engine.event_of[d] for d in ("a1", "a4", "f")} == {event_id}
    assert engine.events[event_id].n == 5
    assert set(engine.event_of.values()) == set(engine.events)
    assert set(engine.story_of) == set(engine.events)


def test_a_dated_fragment_does_not_fold_into_an_undated_event() -> None:
    # An undated event has no time relation to a dated page; the other way round, an undated
    # report beside a dated event may fold.
    day = dt.date(2019, 11, 18)
    engine = _engine()
    engine.add(
        ["a1", "a2", "a3", "f"],
        [*_event_reports(engine), _report(engine, 0.2)],
        [None, None, None, day],
    )
    assert engine.event_of["f"] != engine.event_of["a1"]
    assert engine.story_of[engine.event_of["f"]] == engine.story_of[engine.event_of["a1"]]
    engine = _engine()
    engine.add(
        ["a1", "a2", "a3", "f"],
        [*_event_reports(engine), _report(engine, 0.18)],
        [day, day, day, None],
    )
    assert engine.event_of["f"] == engine.event_of["a1"]


def test_a_weak_fragment_stays_its_own_event_in_the_storyline() -> None:
    engine = _engine()
    engine.add(["a1", "a2", "a3", "f"], [*_event_reports(engine), _report(engine, 0.1)], [None] * 4)
    assert engine.event_of["f"] != engine.event_of["a1"]
    assert engine.story_of[engine.event_of["f"]] == engine.story_of[engine.event_of["a1"]]


def _page(
    doc_id: str, title: str, body: str, date: dt.date | None, outlet: str = "Retrovault"
) -> Article:
    paragraph = Paragraph(0, body, Span(doc_id, 0, len(body)), Role.BODY, "test")
    published = DateEstimate(date, evidence=(Evidence("metadata", str(date)),), confidence=0.95)
    return Article(
        doc_id, doc_id, body, title, (paragraph,), outlet=outlet,
        published=published, url=f"https://www.{outlet.lower()}.example/{doc_id}",
    )  # fmt: skip


FOOTER = " Our shop sells vintage memorabilia for collectors every weekend."
REMAKE = (
    "Netflix will remake the animated series about knights of the zodiac, with new armour "
    "designs, a shorter first season and a voice cast announced in Tokyo by the producers. "
    "The studio behind the original episodes will animate it in three dimensions, and the "
    "composer of the theme song returns; fans petitioned against a change to one heroine, "
    "whom the writers turned into a hero, and the premiere is planned for next summer. "
    "Critics who grew up with the dubbed version on afternoon television are divided." + FOOTER
)
SALE = (
    "Black Friday discounts on consoles, cassette players and board games: retailers cut "
    "prices on handheld gaming devices, vinyl reissues and arcade cabinets until Monday. "
    "A boxed set of a detective sitcom costs half its usual price, a plush bear from a "
    "breakfast advertisement is back in stock, and a remastered racing game for a home "
    "computer ships with a printed map and a poster of its desert track. Nostalgic buyers "
    "queued outside a toy store that reopened for the weekend with its original sign." + FOOTER
)


def _storyline_count(
    config: ClusterConfig, first: dt.date | None, second: dt.date | None, other: str = "Retrovault"
) -> int:
    pages = [_page("remake", "Zodiac knights remake", REMAKE, first)]
    pages.append(_page("sale", "Black Friday deals for collectors", SALE, second, other))
    with MemoryStore() as store:
        StoryClusterer(store, config).add(pages)
        return len(stories(store))


def test_one_sites_pages_months_apart_sharing_its_boilerplate_are_two_storylines() -> None:
    months = (dt.date(2017, 8, 2), dt.date(2017, 11, 23))
    assert _storyline_count(DEFAULT, *months) == 2
    # Without the rules the footer and the subject alone held them together.
    off = replace(DEFAULT, storyline_far_factor=1.0, storyline_one_source_factor=1.0)
    assert _storyline_count(off, *months) == 1
    # Months apart alone parts them, as does one outlet alone.
    assert _storyline_count(replace(DEFAULT, storyline_one_source_factor=1.0), *months) == 2
    assert _storyline_count(replace(DEFAULT, storyline_far_factor=1.0), *months) == 2
    # Undated (no time relation to weigh) they stay one.
    assert _storyline_count(DEFAULT, None, None) == 1


PRESS = (
    " Medisonic provides clinical alarm and nurse call workflow solutions to hospitals; it is "
    "headquartered in Lausanne and listed on the SIX exchange."
)


def test_one_outlets_press_releases_months_apart_are_two_storylines() -> None:
    first = (
        "Medisonic announced a distribution partnership for intensive care units in Europe: "
        "a medical device distributor will sell its alarm routing software to hospitals in "
        "Germany, France and Italy from January, with training for nurses on each ward. The "
        "distributor's sales teams in Munich, Lyon and Milan will offer the software with its "
        "bedside monitors, and the first contracts, with two university clinics, run for five "
        "years; the companies expect the partnership to reach forty hospitals by spring." + PRESS
    )
    second = (
        "Medisonic introduced an integrated alarm management system for North American "
        "hospitals, built with a ventilator maker, which sends patient monitor alerts to the "
        "smartphones of nurses and logs every response for the hospital's quality reports." + PRESS
    )

    def count(config: ClusterConfig, outlets: tuple[str, str]) -> int:
        pages = [
            _page("p1", "Distribution partnership", first, dt.date(2017, 10, 12), outlets[0]),
            _page("p2", "Alarm management system", second, dt.date(2018, 8, 23), outlets[1]),
        ]
        with MemoryStore() as store:
            StoryClusterer(store, config).add(pages)
            return len(stories(store))

    assert count(DEFAULT, ("Medisonic", "Medisonic")) == 2
    assert count(replace(DEFAULT, storyline_one_source_factor=1.0), ("Medisonic", "Medisonic")) == 1
    # Two outlets telling both are not one site's template.
    assert count(DEFAULT, ("Medisonic", "Healthcare IT Today")) == 1


def test_a_follow_up_months_later_sharing_specific_names_still_joins() -> None:
    quake = (
        "The magnitude 6.1 earthquake near Ridgecrest shook Trona and the Searles Valley; "
        "Caltech seismologists at Pasadena mapped the Garlock fault and the Airport Lake fault."
    )
    later = (
        "Four months after the Ridgecrest earthquake, Caltech seismologists said the Garlock "
        "fault near Trona and the Searles Valley had crept, and the Airport Lake fault slipped."
    )
    pages = [
        _page("q1", "Ridgecrest earthquake", quake, dt.date(2019, 7, 5)),
        _page(
            "q2", "Garlock fault creeps after Ridgecrest earthquake", later, dt.date(2019, 11, 5)
        ),
    ]
    with MemoryStore() as store:
        StoryClusterer(store).add(pages)
        assert len(stories(store)) == 1
