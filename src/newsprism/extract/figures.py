"""Figures: money, counts, percentages, durations, years and dates, normalised, with context.

Numbers are found on characters (one pattern per kind, money first, so that "$1.5-billion",
"US$1.5 billion", "$1.5 bln" and "$1.5bn" are one money figure of 1.5e9 USD), then read in the
parse: the hedge before them ("about", "nearly", "more than"), the noun they count or measure
("people", "of the vote"), the verb or event noun they belong to ("detained", "loan"), and the
time phrase that scopes them ("in the days after the election"). Dates without a year take it
from the article's publication date (the such day nearest it, read as the timeline reads it);
in an undated article they are no figure.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from newsprism.datetext import resolve_month_day
from newsprism.extract.document import ParsedArticle
from newsprism.extract.lexicon import (
    CURRENCY_SYMBOLS,
    CURRENCY_WORDS,
    HUMAN_NOUNS,
    HUMAN_PREDICATES,
    MULTIPLIERS,
    NUMBER_WORDS,
    TIME_UNITS,
)
from newsprism.extract.numerals import (
    NUMERAL_NEEDS,
    NUMERAL_PATTERNS,
    WORD_NUMBER,
    numeral_value,
    word_number,
)
from newsprism.extract.quantity import counted_thing
from newsprism.extract.timex import TIMEX_PATTERNS, ago_value, month_value, weekday_value
from newsprism.records import Figure

__all__ = ["find_figures", "parse_number"]

_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_UNITS = r"(?:one|two|three|four|five|six|seven|eight|nine)"
# Compound number words first ("two hundred and fifty", "a thousand"), so that "two hundred
# people" is one count of 200, not a count of 2.
_WORD_NUM = (
    rf"(?:{WORD_NUMBER}|{_TENS}(?:[-\s]{_UNITS})?|{_UNITS}|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen|a dozen|dozen|a hundred)"
)
_BEFORE = r"(?<![\w.,:$€£¥₽₹/-])"
_SHORT_MULT = r"(?:thousand|million|billion|trillion|mln|mn|bln|bn|trln|tn|k|m|b)"
_LONG_MULT = r"(?:thousand|million|billion|trillion|mln|bln)"
_CUR_PRE = "|".join(
    re.escape(s) for s in sorted(CURRENCY_SYMBOLS, key=len, reverse=True) if s != "Rs"
)
_CODES = r"USD|EUR|GBP|JPY|CNY|RUB|BYN|UAH|INR|CAD|AUD|CHF"
_CUR_WORDS = "|".join(re.escape(w) for w in sorted(CURRENCY_WORDS, key=len, reverse=True))
_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH_NAMES = (
    "January February March April May June July August September October November December"
).split()
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.|Feb\.|Mar\.|Apr\.|Aug\.|Sept\.|Sep\.|Oct\.|Nov\.|Dec\.)"
)

# Kinds in the order they claim characters: a money figure's digits are not also a count.
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "money",
        re.compile(
            rf"(?:(?P<sym>{_CUR_PRE})|(?P<code>{_CODES})\s?)\s?(?P<num>{_NUM})"
            rf"(?:[-\s]?(?P<mult>{_SHORT_MULT})\b)?"
        ),
    ),
    (
        "money",
        re.compile(
            rf"{_BEFORE}(?P<num>{_NUM})(?:[-\s]?(?P<mult>{_LONG_MULT}))?\s"
            rf"(?P<word>{_CUR_WORDS}|{_CODES})\b",
            re.IGNORECASE,
        ),
    ),
    (
        "percent",
        re.compile(
            rf"{_BEFORE}(?P<num>{_NUM}|{_WORD_NUM})\s?(?:%|percent\b|per cent\b|pct\b)",
            re.IGNORECASE,
        ),
    ),
    *NUMERAL_PATTERNS,
    (
        "date",
        re.compile(
            rf"(?P<month>{_MONTH})\s(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b(?:,?\s(?P<year>(?:1[89]|20)\d\d)\b)?"
            rf"|\b(?P<day2>[0-3]?\d)\s(?P<month2>{_MONTH})(?:,?\s(?P<year2>(?:1[89]|20)\d\d)\b)?"
            r"|\b(?P<iy>(?:19|20)\d\d)-(?P<im>[01]\d)-(?P<id>[0-3]\d)\b"
        ),
    ),
    *TIMEX_PATTERNS,
    (
        "duration",
        re.compile(
            rf"{_BEFORE}(?P<num>{_NUM}|{_WORD_NUM}|an?)[-\s](?P<unit>{'|'.join(TIME_UNITS)})\b"
            r"(?!\s+old\b|-old\b)",
            re.IGNORECASE,
        ),
    ),
    ("year", re.compile(r"(?<![\w$€£.,-])(?P<num>(?:1[89]|20)\d\d)(?P<decade>s)?(?![\w%.,]\d)")),
    (
        "count",
        re.compile(
            rf"{_BEFORE}(?P<num>{_NUM}|{_WORD_NUM})(?:[-\s](?P<mult>{_LONG_MULT}|dozen)\b)?"
            r"(?![\w%]|\.\d|-[a-z]|:\d|\s(?:times|fold)\b)",
            re.IGNORECASE,
        ),
    ),
)

_QUALIFIER = re.compile(
    r"(?i)\b(about|around|some|roughly|approximately|an estimated|estimated|nearly|almost"
    r"|close to|just under|just over|more than|over|at least|upwards of|in excess of|less than"
    r"|fewer than|under|up to|at most|no more than|as many as|as much as|as few as)\s+$"
)
_TIME_NOUNS = frozenset(
    """
    day days week weeks month months year years hour hours decade decades period time times
    weekend night nights morning mornings evening afternoon spring summer autumn fall winter
    """.split()
)
_EVENT_PREPS = frozenset({"during", "after", "before", "since", "amid", "following", "until"})
_TIME_PREPS = frozenset({"in", "during", "since", "after", "before", "over", "within", "until"})
_GENERIC_NOUNS = frozenset({"total", "sum", "amount", "figure", "number", "some", "all"})
# Nouns a number is given "of": "a population of around 9.5 million", "a crowd of 5,000".
_HOLDERS = frozenset({"population", "crowd", "workforce", "force", "army", "group", "tally"})


@dataclass(frozen=True, slots=True)
class _Match:
    kind: str
    start: int
    end: int
    groups: dict[str, str | None]
    numeral: tuple[str, float, float | None, str, str] | None = None
    """For the numeral patterns: (kind, value, upper end, unit, normalised)."""


_NUMERAL_KINDS = frozenset(kind for kind, _ in NUMERAL_PATTERNS)
# Words that multiply the number before them ("four dozen", "two hundred").
_TIMES = {"dozen": 12, "hundred": 100}


def parse_number(text: str) -> float | None:
    """The value of a numeral written in digits or words ("10,000", "1.5", "four", "a")."""
    cleaned = text.strip().lower().replace(",", "")
    try:
        return float(cleaned)
    except ValueError:
        pass
    # Number words are text2num's ("two hundred and fifty", "nine thousand five hundred"); what
    # it does not read ("a dozen", "four dozen", "a" alone) is read below. On the word cases of
    # bench_parts_numbers.py: text2num alone 10/12, this reader alone 9/12, the two 12/12.
    words = word_number(cleaned)
    if words is not None:
        return words
    parts = re.split(r"[-\s]+", cleaned)
    if parts and parts[0] == "a" and len(parts) > 1:
        parts = parts[1:]
    total = 0
    for part in parts:
        if part not in NUMBER_WORDS:
            return None
        if part in _TIMES and total:
            total *= _TIMES[part]  # "four dozen" is 48, "two hundred" 200
        else:
            total += NUMBER_WORDS[part]
    return float(total)


# Kinds whose every pattern needs a digit (``\d``, as the patterns read it): a paragraph
# without one (three in five of the Article Extraction Benchmark's) is not searched for them.
_DIGIT_KINDS = frozenset({"money", "pages", "date", "year"})
_DIGIT = re.compile(r"\d")
# For a kind, a part every match of its pattern holds, searched with the pattern's own flags: a
# text without it is not searched for that kind (a cheap scan where the whole pattern tries
# every position). Of the kept paragraphs of the article-extraction benchmark, 1 to 20 in a
# hundred hold these.
# tests/test_speed_identity_figures.py checks each against its pattern.
_NEEDS: dict[str, re.Pattern[str]] = {
    "percent": re.compile(r"%|percent|per cent|pct", re.IGNORECASE),
    "duration": re.compile(rf"(?:{'|'.join(TIME_UNITS)})\b", re.IGNORECASE),
    "date": re.compile(rf"{_MONTH}|-[01]\d-"),
    # The kinds of timex.TIMEX_PATTERNS:
    "ago": re.compile(r"ago\b|last\s(?:week|month)\b", re.IGNORECASE),
    "month": re.compile(rf"\b(?:{'|'.join(_MONTH_NAMES)})\b"),
    "weekday": re.compile(r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"),
    **NUMERAL_NEEDS,
}


def _matches(text: str) -> list[_Match]:
    taken = [False] * len(text)
    found: list[_Match] = []
    digits = _DIGIT.search(text) is not None
    for kind, pattern in _PATTERNS:
        if not digits and kind in _DIGIT_KINDS:
            continue
        need = _NEEDS.get(kind)
        if need is not None and need.search(text) is None:
            continue
        for m in pattern.finditer(text):
            start, end = m.start(), m.end()
            if start == end or any(taken[start:end]):
                continue
            numeral = None
            if kind in _NUMERAL_KINDS:
                around = (text[max(0, start - 40) : start], text[end : end + 40])
                numeral = numeral_value(kind, m.groupdict(), *around)
                if numeral is None:
                    continue  # not this kind after all: leave the digits to the others
            for i in range(start, end):
                taken[i] = True
            found.append(_Match(kind, start, end, m.groupdict(), numeral))
    found.sort(key=lambda m: m.start)
    return found


def find_figures(parsed: ParsedArticle) -> list[Figure]:
    """Every figure in a parsed article's kept paragraphs, in reading order."""
    figures: list[Figure] = []
    published = parsed.article.published.date
    for paragraph, doc in enumerate(parsed.docs):
        text = parsed.paragraphs[paragraph].text  # the Doc's text, without rebuilding it
        for match in _matches(text):
            figure = _figure(parsed, paragraph, doc, match, published)
            if figure is not None:
                figures.append(figure)
    return figures


def _figure(
    parsed: ParsedArticle, paragraph: int, doc: Any, match: _Match, published: dt.date | None
) -> Figure | None:
    text = parsed.paragraphs[paragraph].text
    span = doc.char_span(match.start, match.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    qualifier_match = _QUALIFIER.search(text[max(0, match.start - 24) : match.start])
    qualifier = qualifier_match.group(1).lower() if qualifier_match else None
    start = match.start - (len(qualifier_match.group(0)) if qualifier_match else 0)
    kind = match.kind
    high: float | None = None
    if match.numeral is not None:
        kind, value, high, unit, normalized = match.numeral
    elif kind == "ago":
        ago = ago_value(match.groups)
        if ago is None:
            return None
        value, unit, normalized = ago
    elif kind in ("month", "weekday"):
        if not _is_time(span, match):
            return None
        if kind == "month":
            value, relative, normalized = month_value(match.groups, published)
        else:
            value, relative, normalized = weekday_value(match.groups)
        qualifier = " ".join(filter(None, (qualifier, relative))) or None
        unit = kind
    else:
        value_unit = _value(match, published)
        if value_unit is None:
            return None
        value, unit, normalized = value_unit
    if kind == "duration" and match.groups["num"] in ("a", "an") and qualifier is None:
        return None  # "a day after": a phrase, not a reported duration
    if kind == "duration" and unit in _LONG_UNITS:
        factor, unit = _LONG_UNITS[unit]  # "six decades" is 60 years: one unit to compare in
        value, normalized = value * factor, f"{_fmt(value * factor)} {unit}"
    head = _container(_head(span))
    quantified = counted_thing(kind, head) or _quantified(kind, head)
    predicate = _predicate(kind, head)
    if (
        kind == "count"
        and match.kind == "count"
        and (
            (match.groups["num"] or "").lower() in ("one", "a", "an")
            or not _is_count(head, quantified, predicate, match)
        )
    ):
        return None  # "one" is a pronoun more often than a count
    if kind == "count" and unit == "count":
        unit = _count_unit(quantified, predicate)
    if kind == "year" and head.dep_ == "nummod" and head.head.tag_ == "NNS":
        return None  # "2020 candidates": a count that looks like a year
    return Figure(
        span=parsed.char_span(paragraph, start, match.end),
        text=text[start : match.end],
        kind=kind,
        value=value,
        unit=unit,
        qualifier=qualifier,
        quantified=quantified,
        predicate=predicate,
        scope=_scope(head, predicate_token(head)),
        normalized=normalized,
        high=high,
    )


# Durations in long units are compared in years.
_LONG_UNITS = {"decades": (10.0, "years"), "centuries": (100.0, "years")}


def _is_time(span: Any, match: _Match) -> bool:
    """A month or weekday name that names a time ("in May"), not a person ("Theresa May")."""
    if any(t.ent_type_ in ("PERSON", "ORG") for t in span):
        return False
    if any(t.ent_type_ in ("DATE", "TIME") for t in span):
        return True
    # Untagged: only with a word that makes it a time ("last March", "in March", "March 2017").
    if match.groups.get("rel") or match.groups.get("part") or match.groups.get("year"):
        return True
    first = span[0]
    return first.i > 0 and first.nbor(-1).lower_ in ("in", "on", "since", "until", "by", "from")


def _value(match: _Match, published: dt.date | None) -> tuple[float, str, str] | None:
    g = match.groups
    if match.kind == "date":
        return _date_value(g, published)
    number = parse_number(g.get("num") or "")
    if number is None:
        return None
    if match.kind == "money":
        mult_word = (g.get("mult") or "").lower()
        mult = MULTIPLIERS.get(mult_word, 1.0)
        currency = _currency(g)
        scale = {1e3: "thousand", 1e6: "million", 1e9: "billion", 1e12: "trillion"}.get(mult, "")
        shown = f"{_fmt(number)} {scale} {currency}".replace("  ", " ")
        if mult not in (1.0, 1e3, 1e6, 1e9, 1e12):
            shown = f"{_fmt(number * mult)} {currency}"
        return number * mult, currency, shown
    if match.kind == "percent":
        return number, "percent", f"{_fmt(number)} percent"
    if match.kind == "duration":
        unit = TIME_UNITS[(g.get("unit") or "").lower()]
        return number, unit, f"{_fmt(number)} {unit}"
    if match.kind == "year":
        return number, "year", f"{int(number)}{g.get('decade') or ''}"
    mult_word = (g.get("mult") or "").lower()
    mult = 12.0 if mult_word == "dozen" else MULTIPLIERS.get(mult_word, 1.0)
    return number * mult, "count", _fmt(number * mult)


def _currency(g: dict[str, str | None]) -> str:
    if g.get("sym"):
        return CURRENCY_SYMBOLS[(g["sym"] or "").replace(" ", "")]
    if g.get("code"):
        return (g["code"] or "").upper()
    word = (g.get("word") or "").lower()
    return CURRENCY_WORDS.get(word, word.upper())


def _fmt(number: float) -> str:
    return f"{number:.10g}" if number != int(number) else f"{int(number)}"


def _date_value(
    g: dict[str, str | None], published: dt.date | None
) -> tuple[float, str, str] | None:
    if g.get("iy"):
        year, month, day = int(g["iy"] or 0), int(g["im"] or 0), int(g["id"] or 0)
    else:
        month_name = (g.get("month") or g.get("month2") or "").lower()[:3]
        month = _MONTHS.get(month_name, 0)
        day = int(g.get("day") or g.get("day2") or 0)
        written = g.get("year") or g.get("year2")
        year = int(written) if written else _infer_year(month, day, published)
    try:
        if year == 0:
            # The year is unknown (an undated article): the day is still compared with other
            # reports of it, and shown as the text gives it ("May 12"), never as "--05-12".
            dt.date(2000, month, day)  # a valid month and day
            return float(month * 100 + day), "date", f"{_MONTH_NAMES[month - 1]} {day}"
        day_ = dt.date(year, month, day)
    except ValueError:
        return None
    return float(day_.toordinal()), "date", day_.isoformat()


def _infer_year(month: int, day: int, published: dt.date | None) -> int:
    # One reading of "Dec. 15" for every stage (the timeline reads it the same way); 0 when
    # the article is undated.
    found = resolve_month_day(month, day, published)
    return found.year if found else 0


def _head(span: Any) -> Any:
    """The token that links the figure to the sentence (the root of its span)."""
    return span.root


def _container(head: Any) -> Any:
    """ "a total of about 10,000": the noun holding the number stands in the sentence for it."""
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.pos_ == "NOUN":
        holder = head.head.head
        if holder.lower_ in _GENERIC_NOUNS or holder.lower_ in _HOLDERS:
            return holder
    return head


def _quantified(kind: str, head: Any) -> str | None:
    """The noun a figure counts or measures."""
    if head.lower_ in _HOLDERS:
        return str(head.lower_)
    if head.lower_ in _GENERIC_NOUNS:
        return None
    if kind in ("count", "money") and head.dep_ in ("nummod", "compound", "amod", "quantmod"):
        noun = head.head
        if noun.pos_ in ("NOUN", "PROPN") and noun.lower_ not in _GENERIC_NOUNS:
            return str(noun.lower_)
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return str(objects[0].lower_)
    if kind == "money" and head.dep_ == "pobj" and head.head.lower_ == "of":
        noun = head.head.head
        if noun.pos_ == "NOUN":
            return str(noun.lower_)
    if kind == "percent" and head.dep_ in ("attr", "acomp", "dobj"):
        subjects = [c for c in head.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            return str(subjects[0].lower_)
    return None


def predicate_token(head: Any) -> Any:
    """The verb (or, for money, the event noun) a figure belongs to."""
    node = head
    if node.dep_ in ("nummod", "compound", "amod", "quantmod") and node.head.pos_ == "NOUN":
        noun = node.head
        for child in noun.children:
            if child.dep_ == "acl" and child.pos_ == "VERB":
                return child  # "7,000 people detained"
        node = noun
    for _ in range(6):
        if node.pos_ == "VERB" and node is not head:
            return node
        if node.head.i == node.i:
            return node if node.pos_ in ("VERB", "AUX") else None
        node = node.head
    return None


def _predicate(kind: str, head: Any) -> str | None:
    modifier = head.dep_ in ("compound", "nmod", "npadvmod", "amod")
    if kind == "date" and modifier and head.head.pos_ == "NOUN":
        return str(head.head.lower_)  # "the August 9 presidential election"
    if kind == "money":
        node = head
        if node.dep_ in ("compound", "nmod", "amod", "nummod") and node.head.pos_ == "NOUN":
            return str(node.head.lower_)  # "$1.5-billion loan"
        if node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.pos_ == "NOUN":
            return str(node.head.head.lower_)  # "a loan of $1.5 billion"
    token = predicate_token(head)
    return str(token.lower_) if token is not None else None


def _is_count(head: Any, quantified: str | None, predicate: str | None, match: _Match) -> bool:
    """True when a bare number counts something (not a street number, a score, a name)."""
    if head.pos_ == "NOUN" and head.lower_ in _GENERIC_NOUNS | _HOLDERS:
        return True  # "a total of about 10,000", "a population of 9.5 million"
    if quantified is not None:
        noun = _head_word(quantified)
        return (
            head.head.tag_ == "NNS"
            or noun in HUMAN_NOUNS
            or noun.endswith("s")
            or bool(match.groups["mult"])
        )
    if head.dep_ in ("nsubj", "nsubjpass", "dobj") and predicate is not None:
        return True
    return bool(match.groups["mult"]) and head.dep_ in ("pobj", "dobj", "attr")


def _count_unit(quantified: str | None, predicate: str | None) -> str:
    if quantified is not None:
        noun = _head_word(quantified)
        if noun:
            return "people" if noun in HUMAN_NOUNS else noun
    if predicate is not None:
        for lemma in HUMAN_PREDICATES:
            if predicate.startswith(lemma[:-1] if lemma.endswith("e") else lemma):
                return "people"
    return "count"


def _head_word(phrase: str) -> str:
    """The head noun of a counted-thing phrase: its last word before a preposition."""
    words = phrase.lower().split()
    for k, word in enumerate(words):
        if word in ("of", "on", "in", "for", "from"):
            return words[k - 1] if k else ""
    return words[-1] if words else ""


def _scope(head: Any, verb: Any) -> str | None:
    """The time phrase a figure is reported over, when the sentence states one."""
    if verb is None:
        return None
    temporal: list[Any] = []
    events: list[Any] = []
    for prep in _preps(verb, depth=2):
        word = prep.lower_
        objects = [c for c in prep.children if c.dep_ == "pobj"]
        if not objects:
            continue
        obj = objects[0]
        if (obj.lower_ in _TIME_NOUNS and word in _TIME_PREPS) or obj.ent_type_ in ("DATE", "TIME"):
            temporal.append(prep)
        elif word in _EVENT_PREPS and obj.pos_ == "NOUN":
            events.append(prep)
    chosen = temporal[0] if temporal else events[0] if events else None
    if chosen is None:
        return None
    tokens = list(chosen.subtree)
    cut = next((k for k, t in enumerate(tokens) if t.dep_ in ("cc", "conj") and k > 0), None)
    if cut is not None:
        tokens = tokens[:cut]
    while tokens and tokens[-1].is_punct:
        tokens.pop()
    end = _extend(chosen.doc, tokens[-1].i + 1)
    return str(chosen.doc[tokens[0].i : end].text)


def _extend(doc: Any, i: int) -> int:
    """Past "after the election" when the parser hung it elsewhere: where the scope ends."""
    if i >= len(doc) or doc[i].lower_ not in _EVENT_PREPS:
        return i
    j = i + 1
    while j < len(doc) and doc[j].pos_ in ("DET", "ADJ", "NOUN", "PROPN", "NUM"):
        j += 1
    return j if any(doc[k].pos_ in ("NOUN", "PROPN") for k in range(i + 1, j)) else i


def _preps(verb: Any, depth: int) -> Iterator[Any]:
    """Prepositions hanging from the verb, and from their objects down to ``depth``."""
    for child in verb.children:
        if child.dep_ == "prep":
            yield child
            if depth > 1:
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        yield from _preps(obj, depth - 1)
