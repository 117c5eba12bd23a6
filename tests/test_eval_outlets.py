"""Outlet matching against free-text gold outlets."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsprism.evaluation.outlets import GoldOutletName, gold_outlet_name, outlet_matches

BNS = "BNS (Baltic News Service), republished by an aggregator"
WNU = "War News Updates (blog) relaying RT"
F24 = "France 24 carrying an AFP wire story"


@pytest.mark.parametrize(
    "gold, expected",
    [
        ("Meduza", GoldOutletName("Meduza")),
        (BNS, GoldOutletName("BNS", "Baltic News Service")),
        (WNU, GoldOutletName("War News Updates")),  # "(blog)" describes, it does not expand
        ("TASS", GoldOutletName("TASS")),
        (F24, GoldOutletName("France 24")),
        ("France 24 (AFP)", GoldOutletName("France 24")),  # a second outlet, not an expansion
        ("Baltic News Service (BNS)", GoldOutletName("Baltic News Service", "BNS")),
        ("The Times of India, syndicated", GoldOutletName("The Times of India")),
        ("Meduza and TASS", GoldOutletName("Meduza")),
        ("an aggregator's copy", GoldOutletName("aggregator's")),
    ],
)
def test_gold_outlet_name(gold: str, expected: GoldOutletName) -> None:
    assert gold_outlet_name(gold) == expected


@pytest.mark.parametrize(
    "predicted, gold, expected",
    [
        ("Meduza", "Meduza", True),
        ("MEDUZA", "Meduza", True),
        ("meduza.io", "Meduza", True),
        ("https://www.france24.com/en/", F24, True),
        ("BNS", BNS, True),
        ("bns", BNS, True),
        ("Baltic News Service", BNS, True),
        ("Baltic News Service (BNS)", BNS, True),
        ("War News Updates", WNU, True),
        ("WNU", WNU, True),
        ("War News Updates.", WNU, True),
        ("TASS", "TASS", True),
        ("/TASS/", "TASS", True),
        ("France 24", F24, True),
        ("FRANCE24", F24, True),
        ("Guardian", "The Guardian", True),
        ("The New York Times", "NYT", True),
        ("Agence France-Presse", "AFP", True),
        ("DW", "Deutsche Welle (DW)", True),
        # negatives: another outlet named in the sentence is not the outlet
        ("AFP", F24, False),
        ("RT", WNU, False),
        ("blog", WNU, False),
        ("aggregator", BNS, False),
        ("France", F24, False),
        ("News", WNU, False),
        ("Meduza", "TASS", False),
        ("TASS", "Meduza", False),
        ("", "Meduza", False),
        ("   ", "Meduza", False),
        (None, "Meduza", False),
        ("M", "Meduza", False),
    ],
)
def test_outlet_matches(predicted: str | None, gold: str, expected: bool) -> None:
    assert outlet_matches(predicted, gold) is expected


@pytest.mark.parametrize(
    "predicted, gold, expected",
    [
        # a gold domain accepts the same site's domain, URL or trade name
        ("bbc.co.uk", "bbc.co.uk", True),
        ("news.bbc.co.uk", "bbc.co.uk", True),
        ("http://news.bbc.co.uk/2/hi/europe/7190000.stm", "bbc.co.uk", True),
        ("BBC News", "bbc.co.uk", True),
        ("BBC", "bbc.co.uk", True),
        ("The Guardian", "guardian.co.uk", True),
        ("Guardian News and Media", "guardian.co.uk", True),
        ("Winnipeg Free Press", "winnipegfreepress.com", True),
        ("The Ledger", "theledger.com", True),
        ("Los Angeles Times", "latimes.com", True),
        ("Seattle Post-Intelligencer", "seattlepi.nwsource.com", True),
        ("South Florida Sun-Sentinel", "sun-sentinel.com", True),
        ("Cable News Network", "cnn.com", True),
        ("CBS Interactive", "cbsnews.com", True),
        ("icScotland", "icscotland.icnetwork.co.uk", True),
        ("The New York Times Company", "nytimes.com", True),
        # ... and nothing else
        ("cars.com", "latimes.com", False),
        ("Associated Press", "mlive.com", False),
        ("The Times of India", "thetimes.co.za", False),
        ("Daily Press", "dailymail.co.uk", False),
        ("guardian.co.uk", "bbc.co.uk", False),
        ("Michigan Live", "cleveland.com", False),
        (None, "bbc.co.uk", False),
    ],
)
def test_outlet_matches_a_gold_domain(predicted: str | None, gold: str, expected: bool) -> None:
    assert outlet_matches(predicted, gold) is expected


_NAME_WORD = st.from_regex(r"[A-Z][a-z]{1,8}|[A-Z]{2,5}|[0-9]{1,3}", fullmatch=True)


@given(
    name=st.lists(_NAME_WORD, min_size=1, max_size=4).map(" ".join),
    tail=st.sampled_from(["", ", republished", " relaying RT", " (blog) carrying an AFP story"]),
)
def test_a_gold_outlet_matches_its_own_name(name: str, tail: str) -> None:
    gold = name + tail
    assert gold_outlet_name(gold).name == name
    assert outlet_matches(name, gold)
    assert outlet_matches(name.upper(), gold)
    assert not outlet_matches("Zzqx Unrelated", gold)
