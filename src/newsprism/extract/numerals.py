"""Numbers a reader compares that are not written as one plain numeral.

Vague quantities ("hundreds of thousands", "tens of thousands", "dozens") stand for ranges;
fractions ("three quarters of", "two-thirds of") are shares, read as percentages; vote tallies
("134 to 63", "a 52-48 vote") are two numbers that go together; ranges ("between 150 and
200", "150 to 200") state both ends; ages ("45-year-old", "aged 45") are not durations; page
counts written as a modifier ("a 448-page report") count pages. Numbers written in words
("two hundred and fifty", "nine thousand five hundred", "a thousand") are read by text2num
(:func:`word_number`); what it does not read ("a dozen", "four dozen") stays with
``figures.parse_number``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import cast

from newsprism.extras import require

__all__ = ["NUMERAL_NEEDS", "NUMERAL_PATTERNS", "WORD_NUMBER", "numeral_value", "word_number"]

_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_WORD = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\s](?:one|two|three|four"
    r"|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven"
    r"|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
)
_BEFORE = r"(?<![\w.,$€£¥₽₹/-])"
_SCALE = r"(?:hundred|thousand|million|billion|trillion)"
# A number in words with a scale word: "nine thousand five hundred", "two hundred and fifty",
# "a thousand", "three hundred thousand", "twelve hundred". Groups with a scale may follow one
# another; one group without a scale may close it ("two hundred and fifty", "... three"), so
# that "two hundred three four" is 203 and then 4, not one number. Below a hundred, ``_WORD``.
# "one in a million" is a rate, not a million.
WORD_NUMBER = (
    rf"(?:(?:{_WORD}|(?<!\bin\s)a)(?:[-\s]{_SCALE}\b)+"
    rf"(?:\s(?:and\s)?{_WORD}(?:[-\s]{_SCALE}\b)+)*"
    rf"(?:\s(?:and\s)?{_WORD}\b)?)"
)

# The range a vague quantity word stands for: "hundreds" is at least two hundred and fewer
# than a thousand (one hundred is "a hundred", a thousand is "thousands"). The conventional
# reading of the words, not fitted to data.
_VAGUE: dict[str, tuple[float, float]] = {
    "dozens": (24, 99),
    "scores": (40, 99),
    "hundreds": (200, 999),
    "thousands": (2_000, 9_999),
    "millions": (2e6, 9.99e6),
    "billions": (2e9, 9.99e9),
    "tens": (20, 99),
}
_SCALES = {"thousands": 1e3, "millions": 1e6, "billions": 1e9}
_HALF_SCALES = {"dozen": 12, "hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9}
_FRACTIONS = {
    "half": 50.0, "halves": 50.0, "third": 100 / 3, "thirds": 100 / 3, "quarter": 25.0,
    "quarters": 25.0, "fourth": 25.0, "fourths": 25.0, "fifth": 20.0, "fifths": 20.0,
    "tenth": 10.0, "tenths": 10.0,
}  # fmt: skip
_SMALL = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "nine": 9}
# Words near "134 to 63" that make it a tally, not a range.
_TALLY_CUES = re.compile(
    r"(?i)\b(?:vot\w*|ballot\w*|margin|tally|passed|approved|rejected|confirmed|defeated"
    r"|won|beat|lost|split|majority)\b"
)

NUMERAL_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "age",
        re.compile(
            rf"{_BEFORE}(?P<num>\d{{1,3}}|{_WORD})[-\s]years?[-\s]old\b"
            r"|\baged\s(?P<num2>\d{1,3})\b",
            re.IGNORECASE,
        ),
    ),
    (
        "fraction",
        re.compile(
            r"\b(?P<fnum>a|an|one|two|three|four|nine)[-\s](?P<fden>half|third|thirds|quarter"
            r"|quarters|fourth|fourths|fifth|fifths|tenth|tenths)(?=\sof\b)"
            r"|\b(?P<half>half)(?=\sof\b)",
            re.IGNORECASE,
        ),
    ),
    (
        "vague",
        re.compile(
            r"\b(?P<vague>hundreds|thousands|millions|billions|tens|dozens|scores)"
            r"(?:\sof\s(?P<scale>thousands|millions|billions))?(?=\sof\b)",
            re.IGNORECASE,
        ),
    ),
    (
        "pair",
        re.compile(
            rf"{_BEFORE}(?:(?P<between>(?i:between))\s)?(?P<a>{_NUM})\s?(?P<sep>-|–|to|and)\s?"
            rf"(?P<b>{_NUM})(?![\w%.,]\d|\d|-[a-z])"
        ),
    ),
    ("pages", re.compile(rf"{_BEFORE}(?P<num>{_NUM})-page\b")),
    # "three or four robbers", "two to three days": a range in words
    ("wordpair", re.compile(rf"(?i)\b(?P<wa>{_WORD})\s(?:or|to)\s(?P<wb>{_WORD})\b")),
    # "half a ton", "half a million": a half of one unit
    ("half", re.compile(r"\b[Hh]alf an?\s(?P<what>[a-z]+)\b")),
)

NUMERAL_NEEDS: dict[str, re.Pattern[str]] = {
    "age": re.compile(r"old\b|\baged\s", re.IGNORECASE),
    "wordpair": re.compile(rf"(?i)(?:or|to)\s{_WORD}\b"),
}
"""For a kind of :data:`NUMERAL_PATTERNS`, a part every match of its pattern holds, found with
the same flags: a text without it holds no match (``figures`` searches such a text no further;
tests/test_speed_identity_figures.py checks each against its pattern)."""


@cache
def _text2num() -> Callable[[str, str], int]:
    # Imported on first use: this module is imported with ``newsprism.extract`` also where no
    # number is read (merging stored extractions); reading them is the extract stage's, which
    # needs the [nlp] extra, text2num's home.
    return cast(Callable[[str, str], int], require("text_to_num", "nlp").text2num)


def word_number(text: str) -> float | None:
    """The value of a number written in words ("two hundred and fifty", "a thousand"), or None.

    Read by text2num; a leading "a" is "one" ("a thousand"), which text2num does not take.
    None for what it does not read as one number ("a dozen", "one two", "dozens").
    """
    spoken = " ".join(text.lower().split())
    spoken = re.sub(r"^an?\s", "one ", spoken)
    if not spoken or not spoken[0].isalpha():
        return None
    try:
        return float(_text2num()(spoken, "en"))
    except ValueError:
        return None


def _number(text: str) -> float | None:
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return None


def numeral_value(
    kind: str, groups: dict[str, str | None], before: str, after: str
) -> tuple[str, float, float | None, str, str] | None:
    """(figure kind, value, upper end, unit, normalised) of a numeral match, or None.

    ``before`` and ``after`` are the text either side of the match, for telling a tally
    from a range, and a range from a change ("rose from 150 to 200").
    """
    if kind == "age":
        from newsprism.extract.figures import parse_number

        age = parse_number(groups.get("num") or groups.get("num2") or "")
        if age is None or not 0 < age < 130:
            return None
        return "age", age, None, "years", f"{age:g} years old"
    if kind == "fraction":
        if groups.get("half"):
            share = 50.0
        else:
            share = (
                _SMALL[(groups.get("fnum") or "a").lower()]
                * _FRACTIONS[(groups.get("fden") or "").lower()]
            )
        return "percent", round(share, 4), None, "percent", f"{share:.4g} percent"
    if kind == "vague":
        low, high = _VAGUE[(groups.get("vague") or "").lower()]
        scale_word = (groups.get("scale") or "").lower()
        if (groups.get("vague") or "").lower() == "tens" and not scale_word:
            return None  # "tens" alone is not a number in news copy
        scale = _SCALES.get(scale_word, 1.0)
        shown = " of ".join(filter(None, ((groups.get("vague") or "").lower(), scale_word)))
        return "count", low * scale, high * scale, "count", shown
    if kind == "half":
        what = (groups.get("what") or "").lower()
        if what in _HALF_SCALES:
            return "count", 0.5 * _HALF_SCALES[what], None, "count", f"half a {what}"
        if what in ("day", "week", "month", "year", "hour", "minute", "century", "decade"):
            return None  # "half a year": a duration, read there
        return "count", 0.5, None, what, f"half a {what}"
    if kind == "wordpair":
        from newsprism.extract.figures import parse_number

        if re.match(
            r"(?i)\s*(?:-\s*)?(?:second|minute|hour|day|week|month|year|decade)s?\b", after
        ):
            return None  # "two to three days": a duration, read there
        first = parse_number(groups.get("wa") or "")
        last = parse_number(groups.get("wb") or "")
        if first is None or last is None or not 0 < first < last:
            return None
        return "count", first, last, "count", f"{first:g}-{last:g}"
    if kind == "pages":
        pages = _number(groups.get("num") or "")
        return None if pages is None else ("count", pages, None, "pages", f"{pages:g}")
    a, b = _number(groups.get("a") or ""), _number(groups.get("b") or "")
    if a is None or b is None:
        return None
    both_years = all(1800 <= v <= 2100 and v == int(v) for v in (a, b))
    if both_years or (a > 1900 and b < 100):  # "2007 to 2014", "1950-53": years, read as such
        return None
    between = bool(groups.get("between"))
    if groups.get("sep") == "and" and not between:
        return None  # "killed 150 and injured 200": two figures
    if re.search(r"(?i)\bfrom\s*$", before):
        return None  # "rose from 150 to 200": a change, read as two figures
    if not between and a > b and _TALLY_CUES.search(f"{before} {after}"):
        return "tally", a, None, "tally", f"{a:g}-{b:g}"
    if 0 < a < b and (between or b / a < 10):
        return "count", a, b, "count", f"{a:g}-{b:g}"
    return None
