"""One outlet per publisher: names, domains and handles normalised, junk rejected, headline
suffixes moved into outlet evidence."""

from __future__ import annotations

import pytest

from newsprism.clean.outlet import attribute
from newsprism.clean.outlet_identity import (
    outlet_identity,
    outlet_key,
    registrable_domain,
    split_headline_suffix,
)
from newsprism.records import Paragraph, Role, Span


@pytest.mark.parametrize(
    "raw, expected",
    [
        # one outlet whatever the case
        ("FOX", "FOX"),
        ("fox", "FOX"),
        ("Fox", "FOX"),
        ("MEDUZA", "Meduza"),
        ("meduza", "Meduza"),
        ("TASS", "TASS"),
        ("MacRumors", "MacRumors"),  # mixed case is the owner's spelling
        # whatever the form: domain, URL, e-mail, handle, company
        ("meduza.io", "Meduza"),
        ("https://www.nytimes.com/2018/04/19/us/politics/comey-memos.html", "The New York Times"),
        ("NYTimes", "The New York Times"),
        ("@nytimes", "The New York Times"),
        ("The New York Times Company", "The New York Times"),
        ("news.bbc.co.uk", "BBC"),
        ("letters@guardian.co.uk", "The Guardian"),
        ("https://www.newsnation.in", "newsnation.in"),
        ("Earthtimes.org", "earthtimes.org"),
        ("ⓒ Entermedia.co.kr. 무단전재 및 재배포 금지", "entermedia.co.kr"),
        # what copyright lines put around the name
        ("MMVIII, CBS Interactive Inc.", "CBS Interactive"),
        ("Courtesy of The Sports Network", "The Sports Network"),
        ("Cable News Network. A Time Warner Company", "Cable News Network"),
        ("ABC Privacy Policy", "ABC News"),  # the known outlet of abc.net.au
        ("2007-2008, azcentral.com", "azcentral.com"),
        ("Times Colonist (Victoria", "Times Colonist"),
        ("LinkNaija | Nigeria's popular news platform", "LinkNaija"),
        ("Radio New Zealand - Te Reo Irirangi o Aotearoa", "Radio New Zealand"),
        # junk: no publisher at all
        ("무단 전재 및 재배포 금지 저작권자", None),
        ("@politifact", None),  # a handle is whoever the article quotes
        ("Wday_", None),
        ("DEAR ABBY", None),  # a column
        ("UPDATED", None),  # a status label
        ("All Rights Reserved", None),
        ("& Permission Rules", None),
        ("and Trade Mark Notice", None),
        ("respective author or news agency", None),
        ("20:58 EST", None),
        ("", None),
        (None, None),
    ],
)
def test_outlet_identity(raw: str | None, expected: str | None) -> None:
    assert outlet_identity(raw) == expected


def test_case_variants_share_one_key_and_one_name() -> None:
    forms = ["FOX", "fox", "Fox"]
    assert len({outlet_key(f) for f in forms}) == 1
    assert len({outlet_identity(f) for f in forms}) == 1


@pytest.mark.parametrize(
    "text, expected",
    [
        ("http://news.bbc.co.uk/2/hi/europe/7190000.stm", "bbc.co.uk"),
        ("www.earthtimes.org", "earthtimes.org"),
        ("letters@guardian.co.uk", "guardian.co.uk"),
        ("icscotland.icnetwork.co.uk", "icnetwork.co.uk"),
        ("NEWS.com.au", "news.com.au"),
        ("s.africa", None),  # an abbreviation ending in a public suffix
        ("not a host", None),
        ("co.uk", None),  # a public suffix alone
        ("https://t.co/XPxUJuyIAC", None),  # a one-letter name: a link shortener
        ("http://my_site.com/page", None),  # a host with "_" is no host
        ("https://example.blogspot.com/2019/05/post.html", "example.blogspot.com"),  # a blog
        ("https://foo.github.io/", "foo.github.io"),
        ("https://www.example.invalid/", None),  # no public suffix
        ("HTTPS://WWW.Reuters.COM/world", "reuters.com"),
    ],
)
def test_registrable_domain(text: str, expected: str | None) -> None:
    assert registrable_domain(text) == expected


def test_the_suffix_list_is_read_offline(monkeypatch: pytest.MonkeyPatch) -> None:
    # The bundled snapshot only: a reader built afresh with every way out refused answers
    # without trying one (a reader with tldextract's defaults would look the list up online).
    import socket

    from newsprism.clean import outlet_identity

    tried: list[object] = []

    def refuse(*args: object, **kwargs: object) -> None:
        tried.append(args)
        raise OSError("no network in this test")

    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    outlet_identity._suffixes.cache_clear()
    registrable_domain.cache_clear()
    try:
        assert registrable_domain("https://news.bbc.co.uk/x") == "bbc.co.uk"
        assert registrable_domain("https://example.blogspot.com/") == "example.blogspot.com"
    finally:
        outlet_identity._suffixes.cache_clear()
        registrable_domain.cache_clear()
    assert tried == []


@pytest.mark.parametrize(
    "title, known, headline, suffix",
    [
        # a known outlet's name
        (
            "Republicans Are Following Trump to Nowhere - The New York Times",
            frozenset(),
            "Republicans Are Following Trump to Nowhere",
            "The New York Times",
        ),
        # a name the page's other evidence gives (its URL, its copyright line)
        (
            "New SUVs and electric vehicles highlight L.A. Auto Show - Connecticut Post",
            frozenset({"connecticutpost"}),
            "New SUVs and electric vehicles highlight L.A. Auto Show",
            "Connecticut Post",
        ),
        (
            "State attorney general investigating WeWork and former CEO | VentureBeat",
            frozenset({"venturebeat"}),
            "State attorney general investigating WeWork and former CEO",
            "VentureBeat",
        ),
        # an edition or a desk of the site
        (
            "Royal Self-Indicting Arrogance of the Week - Sputnik International",
            frozenset({"sputnikint"}),
            "Royal Self-Indicting Arrogance of the Week",
            "Sputnik International",
        ),
        # a domain
        (
            "Parise scores twice as Wild beat Sabres - example.com",
            frozenset(),
            "Parise scores twice as Wild beat Sabres",
            "example.com",
        ),
        # uncorroborated: a subtitle or a menu stays
        ("Star Trek: Picard review - a slow start", frozenset(), None, None),
        ("Doobie Brothers tour dates - Rolling Stone", frozenset(), None, None),
        ("IOL News | IOL Sport | IOL Business | More", frozenset(), None, None),
        ("Obama - a profile", frozenset({"profile"}), None, None),  # too short a headline
    ],
)
def test_split_headline_suffix(
    title: str, known: frozenset[str], headline: str | None, suffix: str | None
) -> None:
    got_headline, got_suffix = split_headline_suffix(title, known)
    assert got_suffix == suffix
    assert got_headline == (headline if suffix else title)


def _paragraphs(doc: str, texts: list[tuple[str, Role]]) -> list[Paragraph]:
    out, pos = [], 0
    for i, (text, role) in enumerate(texts):
        out.append(Paragraph(i, text, Span(doc, pos, pos + len(text)), role, "test"))
        pos += len(text) + 2
    return out


@pytest.mark.parametrize(
    "texts, title, outlet, headline",
    [
        # a headline suffix becomes outlet evidence and leaves the headline
        (
            [("The talks ended without a deal, officials said.", Role.BODY)],
            "Leaders meet in Sochi as protests go on - The New York Times",
            "The New York Times",
            "Leaders meet in Sochi as protests go on",
        ),
        # a footer's copyright notice names the page, the wire's credit does not
        (
            [
                ("HONOLULU (AP) — A storm hit the island on Monday.", Role.BODY),
                ("Copyright 2008 The Associated Press. All rights reserved.", Role.RIGHTS),
                ("Copyright © 2008 The Modesto Bee.", Role.BOILERPLATE),
            ],
            None,
            "The Modesto Bee",
            None,
        ),
        # the domain the page keeps writing outranks the company in its notice
        (
            [
                ("Visit www.thestar.com for more.", Role.BOILERPLATE),
                ("A storm hit the city on Monday, officials said.", Role.BODY),
                ("Send tips to news@thestar.com", Role.BOILERPLATE),
                ("© Copyright Toronto Star Newspapers Ltd. 1996-2008", Role.BOILERPLATE),
            ],
            None,
            "thestar.com",
            None,
        ),
        # share buttons' hosts are not the page's
        (
            [
                ("del.icio.us Digg it Facebook", Role.SHARE),
                ("A storm hit the city on Monday, officials said.", Role.BODY),
            ],
            None,
            None,
            None,
        ),
        # a label before a colon is not a relay source
        (
            [("UPDATED: A storm hit the city on Monday, officials said.", Role.BODY)],
            None,
            None,
            None,
        ),
        (
            [("DEAR ABBY: My husband never listens to me, and I am tired.", Role.BODY)],
            None,
            None,
            None,
        ),
    ],
)
def test_attribute(
    texts: list[tuple[str, Role]], title: str | None, outlet: str | None, headline: str | None
) -> None:
    found = attribute("d", _paragraphs("d", texts), title=title)
    assert found.outlet == outlet
    assert found.relayed_from is None
    assert found.headline == (headline or title)
    if headline:
        assert any(e.kind == "headline-suffix" for e in found.evidence)
