"""The figure finder's shortcuts change nothing: a kind's pattern is skipped on a text only
when it could not match there, so the matches are those of every pattern run over every text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsprism.extract import figures
from newsprism.extract.lexicon import TIME_UNITS
from newsprism.extract.numerals import numeral_value

_FRAGMENTS = [
    *"0123456789",
    "12", "1,500", "2.5", "1999", "2021", "2021-03-04", "-0", "-1", "-12-",
    " ", " ", "  ", "-", "–", ",", ".", ":", "/", "$", "€", "'s", "s", "\n", "\u00a0",
    "%", "percent", "per cent", "pct", "Percent", "PCT",
    "old", "year", "years", "-year-old", " years old", "aged ", "Aged", "OLD", "gold",
    "or", "to", " or ", " to ", "one", "two", "three", "nine", "ten", "twelve", "twenty",
    "twenty-one", "Ninety", "a", "an", "a dozen", "hundred", "thousand", "million", "half",
    "ago", "AGO", "last", "Last", "week", "month", "agog",
    *TIME_UNITS, *TIME_UNITS.values(), "DAYS", "Hours",
    "January", "May", "may", "Sept.", "Dec.", "december", "Mayor", "Marches",
    "Monday", "Sundays", "Friday's", "friday", "next", "early", "the end of",
    "people", "of", "the", "vote", "between", "and",
]  # fmt: skip
_texts = st.lists(st.sampled_from(_FRAGMENTS), max_size=14).map("".join)


def _reference(text: str) -> list[object]:
    """The matches as first defined: every pattern over the text, digits or none."""
    taken = [False] * len(text)
    found: list[figures._Match] = []
    for kind, pattern in figures._PATTERNS:
        for m in pattern.finditer(text):
            start, end = m.start(), m.end()
            if start == end or any(taken[start:end]):
                continue
            numeral = None
            if kind in figures._NUMERAL_KINDS:
                around = (text[max(0, start - 40) : start], text[end : end + 40])
                numeral = numeral_value(kind, m.groupdict(), *around)
                if numeral is None:
                    continue
            for i in range(start, end):
                taken[i] = True
            found.append(figures._Match(kind, start, end, m.groupdict(), numeral))
    found.sort(key=lambda m: m.start)
    return list(found)


_GUARDED = [(kind, p) for kind, p in figures._PATTERNS if kind in figures._NEEDS]


def test_every_need_names_a_kind_that_has_a_pattern() -> None:
    kinds = {kind for kind, _ in figures._PATTERNS}
    assert set(figures._NEEDS) <= kinds
    assert len(_GUARDED) >= len(figures._NEEDS)


@pytest.mark.parametrize(
    "kind, text",
    [
        ("percent", "up 12 per cent on the year"),
        ("duration", "for three Weeks"),
        ("date", "on 2021-03-04 it rained"),
        ("date", "on Sept. 4, 2020"),
        ("ago", "two years ago"),
        ("ago", "LAST MONTH"),
        ("month", "in late May 2020"),
        ("weekday", "next Friday"),
        ("age", "a 45-year-old man"),
        ("age", "aged 45"),
        ("wordpair", "three or four robbers"),
    ],
)
def test_a_text_the_pattern_matches_holds_its_need(kind: str, text: str) -> None:
    assert any(p.search(text) for k, p in _GUARDED if k == kind)
    assert figures._NEEDS[kind].search(text)


@settings(max_examples=1500, deadline=None)
@given(_texts)
def test_a_text_without_a_kind_s_need_has_no_match_of_its_patterns(text: str) -> None:
    for kind, pattern in _GUARDED:
        if figures._NEEDS[kind].search(text) is None:
            assert pattern.search(text) is None, kind
        if figures._DIGIT.search(text) is None and kind in figures._DIGIT_KINDS:
            assert pattern.search(text) is None, kind


@settings(max_examples=1500, deadline=None)
@given(_texts)
def test_matches_are_those_of_every_pattern_over_the_text(text: str) -> None:
    assert figures._matches(text) == _reference(text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_matches_are_those_of_every_pattern_over_any_text(text: str) -> None:
    assert figures._matches(text) == _reference(text)
