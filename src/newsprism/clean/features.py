"""Numeric features of one line of a scraped page, for the learned body-line model.

The features describe a line's shape (length, punctuation, stopword density, capitalisation,
quotes, list markers), whether it matches a widget phrase, and its neighbourhood (the lines
around it, its position on the page), so that the model can tell prose from menus, link lists
and widgets on pages it has never seen.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

from newsprism.clean import lexicon

__all__ = ["FEATURE_NAMES", "LineShape", "line_features", "line_shapes"]

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
_TERMINAL = re.compile(r"""[.!?…]["'”’»)\]]*$|[.!?]\s*["'”’»]$""")
_QUOTE_CHARS = frozenset('"“”«»„')
_URLISH = re.compile(r"(?i)https?://|www\.|\.com\b|@\w+\.")
_DIGIT = re.compile(r"\d")
# One alternation instead of eight searches per line: the lexicon patterns are all
# case-insensitive, so their inline flag moves to the combined pattern.
_WIDGETS = re.compile(
    "|".join(
        f"(?:{p.pattern.removeprefix('(?i)')})"
        for p in (
            lexicon.NAVIGATION,
            lexicon.AD,
            lexicon.SHARE,
            lexicon.PROMOTION,
            lexicon.COMMENTS,
            lexicon.ERROR_PAGE,
            lexicon.RIGHTS,
            lexicon.RELATED_HEADING,
        )
    ),
    re.IGNORECASE,
)


class LineShape:
    """Per-line measurements, computed once and shared by the features of its neighbours."""

    __slots__ = (
        "capital_share",
        "chars",
        "digit_share",
        "first_person",
        "headline_outlet",
        "indent",
        "list_marker",
        "quote_share",
        "stop_share",
        "terminal",
        "text",
        "urlish",
        "widget",
        "word_len",
        "words",
    )

    def __init__(self, text: str) -> None:
        stripped = text.strip()
        self.text = stripped
        words = _WORD.findall(stripped)
        lower = [w.lower() for w in words]
        n = len(words)
        self.words = n
        self.chars = len(stripped)
        self.indent = 1.0 if text[:1].isspace() else 0.0
        self.terminal = 1.0 if _TERMINAL.search(stripped) else 0.0
        stop = lexicon.STOPWORDS
        self.stop_share = len([w for w in lower if w in stop]) / n if n else 0.0
        self.capital_share = len([w for w in words if w[0].isupper()]) / n if n else 0.0
        self.first_person = float(len([w for w in lower if w in lexicon.FIRST_PERSON]))
        self.quote_share = sum(stripped.count(q) for q in _QUOTE_CHARS) / max(n, 1)
        self.digit_share = len(_DIGIT.findall(stripped)) / max(self.chars, 1)
        self.word_len = sum(map(len, words)) / n if n else 0.0
        self.list_marker = 1.0 if lexicon.LIST_MARKER.match(text) else 0.0
        self.urlish = 1.0 if _URLISH.search(stripped) else 0.0
        short = n <= 12
        self.widget = 1.0 if short and _WIDGETS.search(stripped) else 0.0
        self.headline_outlet = (
            1.0 if not self.terminal and lexicon.HEADLINE_OUTLET.match(stripped) else 0.0
        )


def line_shapes(lines: Sequence[str]) -> list[LineShape]:
    """Measure every line once."""
    return [LineShape(line) for line in lines]


_OWN = (
    "log_words",
    "log_chars",
    "terminal",
    "stop_share",
    "capital_share",
    "first_person",
    "quote_share",
    "digit_share",
    "word_len",
    "list_marker",
    "indent",
    "urlish",
    "widget",
    "headline_outlet",
    "repeated",
)
_NEIGHBOUR = ("log_words", "terminal", "stop_share", "widget")
FEATURE_NAMES: tuple[str, ...] = (
    *_OWN,
    *(f"prev_{n}" for n in _NEIGHBOUR),
    *(f"next_{n}" for n in _NEIGHBOUR),
    "window_prose",
    "window_short",
    "position",
    "position_sq",
    "bias",
)


def _own(shape: LineShape, repeated: float) -> list[float]:
    return [
        math.log1p(shape.words),
        math.log1p(shape.chars),
        shape.terminal,
        shape.stop_share,
        shape.capital_share,
        min(shape.first_person, 5.0),
        min(shape.quote_share, 1.0),
        shape.digit_share,
        shape.word_len / 10.0,
        shape.list_marker,
        shape.indent,
        shape.urlish,
        shape.widget,
        shape.headline_outlet,
        repeated,
    ]


def _neighbour(shape: LineShape | None) -> list[float]:
    if shape is None:
        return [0.0, 0.0, 0.0, 0.0]
    return [math.log1p(shape.words), shape.terminal, shape.stop_share, shape.widget]


def _is_prose(shape: LineShape) -> bool:
    # A sentence-like line: calibrated by eye on rendered pages of the article-extraction
    # benchmark, where body paragraphs rarely fall under 8 words with a stopword share < 0.25.
    return shape.words >= 8 and shape.terminal > 0 and shape.stop_share >= 0.25


def line_features(shapes: Sequence[LineShape]) -> list[list[float]]:
    """One feature vector per line, in the order of :data:`FEATURE_NAMES`."""
    counts = Counter(s.text.lower() for s in shapes)
    prose = [_is_prose(s) for s in shapes]
    n = len(shapes)
    rows: list[list[float]] = []
    for i, shape in enumerate(shapes):
        repeated = 1.0 if counts[shape.text.lower()] > 1 else 0.0
        lo, hi = max(0, i - 3), min(n, i + 4)
        window = hi - lo - 1
        others = [j for j in range(lo, hi) if j != i]
        window_prose = sum(prose[j] for j in others) / window if window else 0.0
        window_short = sum(shapes[j].words < 6 for j in others) / window if window else 0.0
        position = i / max(n - 1, 1)
        rows.append(
            [
                *_own(shape, repeated),
                *_neighbour(shapes[i - 1] if i > 0 else None),
                *_neighbour(shapes[i + 1] if i + 1 < n else None),
                window_prose,
                window_short,
                position,
                position * position,
                1.0,
            ]
        )
    return rows
