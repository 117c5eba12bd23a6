"""A record's id or hash is no outlet: the outlet comes from the text or stays unknown."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsprism.clean import clean_document
from newsprism.clean.outlet_identity import is_identifier, outlet_identity
from newsprism.ingest import read_file
from newsprism.records import Article, Document

BODY = (
    "Moscow has not changed its mind about Alexander Lukashenko, whom Vladimir Putin met"
    " face-to-face on Monday in Sochi, the Kremlin spokesman told journalists after the meeting."
)


@pytest.mark.parametrize(
    "written",
    [
        "c09bffb0d378b752",
        "000_c09bffb0d378b752",
        "C09BFFB0D378B752",
        "3f2a9c1e-8b7d-4c2a-9f1e-2b3c4d5e6f70",
        "article-2020091412",
    ],
)
def test_an_identifier_names_no_outlet(written: str) -> None:
    assert outlet_identity(written) is None


@pytest.mark.parametrize(
    "name", ["BBC", "France 24", "9News", "7sur7", "N1", "20minutes", "Decade", "Facebook"]
)
def test_names_with_digits_or_hex_letters_stay_names(name: str) -> None:
    assert not is_identifier(name)
    assert outlet_identity(name) == name


def _articles(tmp_path: Path, records: list[dict[str, str]]) -> list[str | None]:
    path = tmp_path / "000_c09bffb0d378b752.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    outlets = []
    for document in read_file(path):
        assert isinstance(document, Document)
        outlets.append(clean_document(document).outlet)
    return outlets


def test_an_id_in_the_outlet_field_gives_way_to_the_text(tmp_path: Path) -> None:
    records = [
        # Nothing else names the publisher: the outlet is unknown, not the id.
        {"outlet": "c09bffb0d378b752", "text": BODY},
        # The copyright line names it.
        {"outlet": "6c828646232d7051", "text": BODY + "\n\n(c)MEDUZA 2020"},
        # A real name in the field is kept.
        {"outlet": "Meduza", "text": BODY},
    ]
    assert _articles(tmp_path, records) == [None, "Meduza", "Meduza"]


def test_a_feed_titled_by_an_id_names_no_outlet(tmp_path: Path) -> None:
    feed = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<rss version="2.0"><channel><title>9f86d081884c7d65</title>\n'
        "<item><title>Putin meets Lukashenko</title><link>/story/1</link>\n"
        f'<description type="text">{BODY}</description></item></channel></rss>\n'
    )
    path = tmp_path / "9f86d081884c7d65.rss"
    path.write_text(feed, encoding="utf-8")
    (document,) = read_file(path)
    assert isinstance(document, Document)
    assert document.outlet == "9f86d081884c7d65"  # as the feed states it ...
    article = clean_document(document)
    assert article.outlet is None  # ... but no outlet
    assert not any(e.kind == "metadata" for e in article.outlet_evidence)


def _plain(tmp_path: Path, *lines: str) -> Article:
    # A plain-text scrape named by its hash, as corpus tools name them.
    path = tmp_path / "000_c09bffb0d378b752.txt"
    path.write_text(
        "Putin backs Lukashenko\n\n" + BODY + "\n\n" + "\n\n".join(lines) + "\n", encoding="utf-8"
    )
    (document,) = read_file(path)
    assert isinstance(document, Document)
    return clean_document(document)


@pytest.mark.parametrize(
    ("line", "outlet"),
    [
        ("Source: Meduza", "Meduza"),
        ("Source: The Moscow Times, 14 September 2020", "The Moscow Times"),
        ("This article first appeared in The Moscow Times.", "The Moscow Times"),
        ("Originally published by Meduza on 14 September 2020.", "Meduza"),
        (
            "This article was originally published on page 20 of The Pretoria News on"
            " January 16, 2008",
            "The Pretoria News",
        ),
        ("Republished with permission from The Conversation.", "The Conversation"),
        # A figure's source, a section, a day: no outlet, and none from the file name.
        ("Source: U.S. Census Bureau", None),
        ("Published in Politics", None),
        ("Posted on Monday", None),
        ("Thanks for reading.", None),
    ],
)
def test_a_source_line_names_the_outlet(tmp_path: Path, line: str, outlet: str | None) -> None:
    article = _plain(tmp_path, line)
    assert article.outlet == outlet
    if outlet:
        assert [e.kind for e in article.outlet_evidence] == ["source-line"]
        assert article.outlet_evidence[0].text == line


def test_a_source_line_beside_the_site_names_the_source_relayed(tmp_path: Path) -> None:
    article = _plain(
        tmp_path, "Source: Meduza", "Copyright 2020 Baltic Daily. All rights reserved."
    )
    assert (article.outlet, article.relayed_from) == ("Baltic Daily", "Meduza")
    # A site crediting itself relays no one.
    article = _plain(tmp_path, "Source: Meduza", "(c)MEDUZA 2020")
    assert (article.outlet, article.relayed_from) == ("Meduza", None)


def test_a_wire_named_as_the_source_is_the_wire(tmp_path: Path) -> None:
    article = _plain(tmp_path, "Source: Reuters")
    assert article.wire_agency == "Reuters"
    assert article.outlet == "Reuters"  # the only name the page gives
