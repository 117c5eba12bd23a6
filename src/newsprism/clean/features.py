"""Numeric features of one line of a scraped page, for the learned body-line model.

The features describe a line's shape (length, punctuation, stopword density, capitalisation,
quotes, list markers), whether it matches a widget phrase or carries a reader comment's
furniture (:mod:`.comments`), and its neighbourhood: the lines around it, its position on the
page, the run of prose it belongs to (an article is one long run; teasers and comments are many
short ones) and whether it sits in a comment thread. So the model can tell prose from menus,
link lists, teasers, comments and widgets on pages it has never seen.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from operator import itemgetter

import numpy as np
from numpy.typing import NDArray

from newsprism.clean import lexicon
from newsprism.clean.comments import Thread, comment_heading, comment_mark, find_threads
from newsprism.clean.language import OTHER_FUNCTION_WORDS

__all__ = [
    "CONTEXT_NAMES",
    "FEATURE_NAMES",
    "LineShape",
    "comment_threads",
    "context_features",
    "context_matrix",
    "feature_matrix",
    "line_features",
    "line_shapes",
    "shared_shapes",
]

# Prose lines separated by at most this many other lines (a subheading, a caption, an ad label)
# belong to one run. Chosen on L3S-GN1's training pages, where subheadings and captions inside
# an article rarely come more than two in a row.
RUN_BRIDGE = 2
SECOND_PERSON = frozenset({"you", "your", "you're", "you've", "yours", "yourself", "u"})

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
_TERMINAL = re.compile(r"""[.!?…。！？]["'”’»)\]」』]*$|[.!?]\s*["'”’»]$""")
# Chinese and Japanese run words together: a "word" of the pattern above is a whole clause.
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
# Particles and function characters of Japanese and Chinese, the counterpart of stopwords.
_CJK_FUNCTION = frozenset("のはがをにでともへやかなたしてる的了是在和不有这也就都而与")
_QUOTE_CHARS = frozenset('"“”«»„')
_CURLY_QUOTES = tuple(sorted(_QUOTE_CHARS - {'"'}))
_URLISH = re.compile(r"(?i)https?://|www\.|\.com\b|@\w+\.")
_DIGIT = re.compile(r"\d")
_FIRST = itemgetter(0)
# The widget lexicons split: the alternatives anchored at the start ("^home$") in one
# pattern, matched at the start only, and the others ("\bsubscribe\b") one pattern per
# lexicon, searched for (one pattern of them all searches slower: measured on the short lines
# of the rendered AEB pages). The lexicon patterns are all case-insensitive, so the flag moves
# to the combined patterns; none of their alternatives holds a "|" outside brackets.
_WIDGET_LEXICONS = (
    lexicon.NAVIGATION,
    lexicon.AD,
    lexicon.SHARE,
    lexicon.PROMOTION,
    lexicon.COMMENTS,
    lexicon.ERROR_PAGE,
    lexicon.RIGHTS,
    lexicon.RELATED_HEADING,
)
_WIDGET_START = re.compile(
    "|".join(
        f"(?:{item.removeprefix('^')})"
        for p in _WIDGET_LEXICONS
        for item in lexicon.phrase_items(p)
        if item.startswith("^")
    ),
    re.IGNORECASE,
)
_WIDGET_ANYWHERE = tuple(
    re.compile("|".join(f"(?:{item})" for item in items), re.IGNORECASE)
    for p in _WIDGET_LEXICONS
    if (items := [i for i in lexicon.phrase_items(p) if not i.startswith("^")])
)


def _is_widget(text: str) -> bool:
    """Whether ``text`` matches any of the widget lexicons (a search of each)."""
    return bool(_WIDGET_START.match(text)) or any(p.search(text) for p in _WIDGET_ANYWHERE)


class LineShape:
    """Per-line measurements, computed once and shared by the features of its neighbours."""

    __slots__ = (
        "capital_share",
        "chars",
        "comment_heading",
        "comment_mark",
        "digit_share",
        "exclaim",
        "first_person",
        "headline_outlet",
        "indent",
        "key",
        "list_marker",
        "own",
        "quote_share",
        "second_person",
        "stop_share",
        "terminal",
        "text",
        "urlish",
        "verdicts",
        "widget",
        "word_len",
        "words",
    )

    def __init__(self, text: str) -> None:
        stripped = text.strip()
        self.text = stripped
        self.key = stripped.lower()
        """The text in lower case: lines of a page with the same key are repeats."""
        words = _WORD.findall(stripped)
        # (Counts by map over the words: the same integers as counting in Python, cheaper.)
        lower = list(map(str.lower, words))
        n = len(words)
        self.words = n
        self.chars = len(stripped)
        self.indent = 1.0 if text[:1].isspace() else 0.0
        self.terminal = 1.0 if _TERMINAL.search(stripped) else 0.0
        stop = lexicon.STOPWORDS
        self.stop_share = sum(map(stop.__contains__, lower)) / n if n else 0.0
        if n:
            # The other languages' lists are a tenth as long as the English one and catch
            # about half as many words of running text: doubled, their share compares.
            other = 2 * sum(map(OTHER_FUNCTION_WORDS.__contains__, lower)) / n
            self.stop_share = max(self.stop_share, min(other, 1.0))
        ascii_only = stripped.isascii()
        cjk = () if ascii_only else _CJK.findall(stripped)
        if len(cjk) >= 10 and len(cjk) * 2 >= len(stripped):
            # About two characters a word; function characters stand in for stopwords.
            n = self.words = max(n, len(cjk) // 2)
            function = sum(c in _CJK_FUNCTION for c in cjk)
            self.stop_share = min(1.0, 2 * function / n)
        self.capital_share = sum(map(str.isupper, map(_FIRST, words))) / n if n else 0.0
        self.first_person = float(sum(map(lexicon.FIRST_PERSON.__contains__, lower)))
        self.second_person = float(sum(map(SECOND_PERSON.__contains__, lower)))
        # Readers shout and ask ("!!", "??"); reporters seldom end on either outside quotes.
        self.exclaim = float(stripped.count("!") + stripped.count("??"))
        quotes = stripped.count('"')
        if not ascii_only:
            quotes += sum(stripped.count(q) for q in _CURLY_QUOTES)
        self.quote_share = quotes / max(n, 1)
        self.digit_share = len(_DIGIT.findall(stripped)) / max(self.chars, 1)
        self.word_len = sum(map(len, words)) / n if n else 0.0
        self.list_marker = 1.0 if lexicon.LIST_MARKER.match(text) else 0.0
        self.urlish = 1.0 if _URLISH.search(stripped) else 0.0
        short = n <= 12
        self.widget = 1.0 if short and _is_widget(stripped) else 0.0
        self.headline_outlet = (
            1.0 if not self.terminal and lexicon.HEADLINE_OUTLET.match(stripped) else 0.0
        )
        self.comment_mark = comment_mark(stripped, n) / 2.0
        self.comment_heading = 1.0 if comment_heading(stripped, n) else 0.0
        self.verdicts: object = None
        """The line rules' findings of this text, kept by :mod:`.text` when it first asks."""
        self.own = tuple(_own(self, 0.0))
        """The line's own features (:data:`FEATURE_NAMES` up to ``comment_heading``), with
        ``repeated``, which depends on the page, at 0."""


# The shapes measured so far in the current batch, by line text (see :func:`shared_shapes`).
_SHARED: ContextVar[dict[str, LineShape] | None] = ContextVar("newsprism_shapes", default=None)


@contextmanager
def shared_shapes(known: dict[str, LineShape] | None = None) -> Iterator[None]:
    """Within the block, a line text measured once is not measured again, on any page.

    A shape is a function of its line's text alone (and so are the rule findings kept on it), so
    pages of one site share the shapes of their menus and footers (half the lines of the
    sochi-2020 scrapes and rendered AEB pages are repeats of a line of another page). The
    shapes live as long as the block (one batch), or as long as ``known``, the shapes of earlier
    blocks, to which the block adds its own.
    """
    token = _SHARED.set({} if known is None else known)
    try:
        yield
    finally:
        _SHARED.reset(token)


def line_shapes(lines: Sequence[str]) -> list[LineShape]:
    """Measure every distinct line once (once a batch inside :func:`shared_shapes`)."""
    known = _SHARED.get()
    if known is None:
        known = {}
    shapes = []
    for line in lines:
        shape = known.get(line)
        if shape is None:
            shape = known[line] = LineShape(line)
        shapes.append(shape)
    return shapes


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
    "second_person",
    "exclaim",
    "comment_mark",
    "comment_heading",
)
_NEIGHBOUR = ("log_words", "terminal", "stop_share", "widget")
FEATURE_NAMES: tuple[str, ...] = (
    *_OWN,
    *(f"prev_{n}" for n in _NEIGHBOUR),
    *(f"next_{n}" for n in _NEIGHBOUR),
    "window_prose",
    "window_short",
    "window_marks",
    "in_thread",
    "sandwiched",
    "run_log_words",
    "run_share",
    "in_main_run",
    "in_main_span",
    "main_distance",
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
        min(shape.second_person, 5.0),
        min(shape.exclaim, 3.0),
        shape.comment_mark,
        shape.comment_heading,
    ]


def _neighbour(shape: LineShape | None) -> list[float]:
    if shape is None:
        return [0.0, 0.0, 0.0, 0.0]
    return [math.log1p(shape.words), shape.terminal, shape.stop_share, shape.widget]


def _is_prose(shape: LineShape) -> bool:
    # A sentence-like line: calibrated by eye on rendered pages of the article-extraction
    # benchmark, where body paragraphs rarely fall under 8 words with a stopword share < 0.25.
    return shape.words >= 8 and shape.terminal > 0 and shape.stop_share >= 0.25


def comment_threads(shapes: Sequence[LineShape]) -> list[Thread]:
    """The reader-comment threads among the lines (see :func:`.comments.find_threads`)."""
    return find_threads(
        [s.text for s in shapes],
        [s.words for s in shapes],
        prose_lines(shapes),
        # The shapes measured each line's marks already (a mark kind halved, a heading as 1.0).
        marks=[round(s.comment_mark * 2) for s in shapes],
        headings=[s.comment_heading > 0 for s in shapes],
    )


def prose_lines(shapes: Sequence[LineShape]) -> list[bool]:
    """Which lines read as sentences."""
    return [_is_prose(s) for s in shapes]


def _runs(prose: Sequence[bool], words: Sequence[int]) -> tuple[list[int], list[int]]:
    """Each line's run of prose (prose lines at most RUN_BRIDGE lines apart) and its words.

    Returns the run id of every line (-1 outside any run) and the prose words of each run.
    """
    run_of = [-1] * len(prose)
    totals: list[int] = []
    last = -(RUN_BRIDGE + 2)
    for i, is_prose in enumerate(prose):
        if not is_prose:
            continue
        if i - last > RUN_BRIDGE + 1 or not totals:
            totals.append(0)
        else:
            for j in range(last + 1, i):
                run_of[j] = len(totals) - 1
        run_of[i] = len(totals) - 1
        totals[-1] += words[i]
        last = i
    return run_of, totals


def _running(flags: Sequence[int]) -> list[int]:
    """``out[k]`` is the sum of the first ``k`` flags."""
    out = [0]
    total = 0
    for flag in flags:
        total += flag
        out.append(total)
    return out


def _heading_shaped(shape: LineShape | None) -> bool:
    return shape is not None and 0 < shape.words <= 14 and not shape.terminal


def line_features(
    shapes: Sequence[LineShape], threads: Sequence[Thread] | None = None
) -> list[list[float]]:
    """One feature vector per line, in the order of :data:`FEATURE_NAMES`.

    ``threads`` are the lines' :func:`comment_threads` when the caller has them already.
    """
    rows: list[list[float]] = feature_matrix(shapes, threads).tolist()
    return rows


# The columns of _own that _neighbour repeats for the lines before and after.
_NEIGHBOUR_COLUMNS = [_OWN.index(name) for name in _NEIGHBOUR]
_REPEATED = _OWN.index("repeated")


def _window_share(flags: NDArray[np.int64]) -> NDArray[np.float64]:
    """Per line, the share of the lines up to three either side (not itself) with the flag."""
    n = len(flags)
    before = np.concatenate(([0], np.cumsum(flags)))
    at = np.arange(n)
    lo, hi = np.maximum(at - 3, 0), np.minimum(at + 4, n)
    window = hi - lo - 1
    # Integer counts over integer sizes: the same quotients as in Python.
    counts = before[hi] - before[lo] - flags
    return np.where(window > 0, counts / np.maximum(window, 1), 0.0)


def feature_matrix(
    shapes: Sequence[LineShape], threads: Sequence[Thread] | None = None
) -> NDArray[np.float64]:
    """:func:`line_features` as an array, a row per line, built column by column.

    Every value is the one the row-by-row definition gives (tests/test_clean_model.py keeps
    that definition and compares them bit for bit): logarithms by ``math.log1p`` as there,
    shares as quotients of the same integers.
    """
    n = len(shapes)
    x = np.zeros((n, len(FEATURE_NAMES)))
    if not n:
        return x
    own = np.array([s.own for s in shapes])
    width = len(_OWN)
    x[:, :width] = own
    counts = Counter(s.key for s in shapes)
    x[:, _REPEATED] = [counts[s.key] > 1 for s in shapes]
    neighbours = own[:, _NEIGHBOUR_COLUMNS]
    step = len(_NEIGHBOUR)
    x[1:, width : width + step] = neighbours[:-1]
    x[:-1, width + step : width + 2 * step] = neighbours[1:]
    col = width + 2 * step
    prose = prose_lines(shapes)
    words = [s.words for s in shapes]
    x[:, col] = _window_share(np.array(prose, dtype=np.int64))
    x[:, col + 1] = _window_share(np.array([w < 6 for w in words], dtype=np.int64))
    marks = [s.comment_mark > 0 for s in shapes]
    x[:, col + 2] = _window_share(np.array(marks, dtype=np.int64))
    threaded = np.zeros(n, dtype=bool)
    for thread in comment_threads(shapes) if threads is None else threads:
        threaded[thread.start : thread.end + 1] = True
    x[:, col + 3] = threaded
    # A sentence between two headline-shaped lines: a teaser under its link.
    heading = np.array([_heading_shaped(s) for s in shapes], dtype=bool)
    x[1:-1, col + 4] = heading[:-2] & heading[2:]
    # A comment thread can hold more prose than the article: its lines start no run.
    article_prose = [p and not t for p, t in zip(prose, threaded.tolist(), strict=True)]
    run_of, run_words = _runs(article_prose, words)
    all_prose = sum(run_words) or 1
    main = max(range(len(run_words)), key=run_words.__getitem__) if run_words else -1
    run = np.array(run_of)
    # Tables by run id; the extra last entry is what a line outside any run (id -1) reads.
    x[:, col + 5] = np.array([math.log1p(w) for w in run_words] + [0.0])[run]
    x[:, col + 6] = np.array([w / all_prose for w in run_words] + [0.0])[run]
    x[:, col + 7] = (run >= 0) & (run == main)
    span = np.flatnonzero((run >= 0) & (run == main))
    at = np.arange(n)
    if len(span):
        first, last = int(span[0]), int(span[-1])
        # Lists, tables and quotes inside the article break its run of prose but sit between
        # the run's ends; sidebars and footers sit lines away from them.
        x[:, col + 8] = (at >= first) & (at <= last)
        distance = np.maximum(np.maximum(first - at, at - last), 0)
        x[:, col + 9] = np.array([math.log1p(d) for d in range(n + 1)])[distance]
    else:
        x[:, col + 9] = 5.0
    position = at / max(n - 1, 1)
    x[:, col + 10] = position
    x[:, col + 11] = position * position
    x[:, col + 12] = 1.0
    return x


CONTEXT_NAMES: tuple[str, ...] = (
    "p",
    "prev_p",
    "next_p",
    "prev2_p",
    "next2_p",
    "window_mean_p",
    "window_max_p",
    "window_min_p",
    "page_mean_p",
    "page_kept_share",
)
"""What the second pass reads besides a line's own features: the first pass's probabilities
around it. A line among lines the first pass calls body is body more often than its shape says
(a list inside the article), and a lone prose line among menus is a teaser."""


def context_features(probabilities: Sequence[float]) -> list[list[float]]:
    """Per line, the first-pass body probabilities of the line, its neighbours and the page."""
    if not len(probabilities):
        return []
    rows: list[list[float]] = context_matrix(np.asarray(probabilities, dtype=float)).tolist()
    return rows


def context_matrix(probabilities: NDArray[np.float64]) -> NDArray[np.float64]:
    """:func:`context_features` as an array, a row per line.

    The window of three lines either side is summed left to right as a list of them would be
    (a missing line at the page's edge adds an exact 0), so the values are those of the
    row-by-row definition (tests/test_clean_model.py compares them bit for bit).
    """
    p = probabilities
    n = len(p)
    out = np.zeros((n, len(CONTEXT_NAMES)))
    if not n:
        return out
    padded = np.zeros(n + 6)
    padded[3 : n + 3] = p

    def at(k: int) -> NDArray[np.float64]:
        return padded[3 + k : 3 + k + n]  # the line k places on, 0 past the page's edges

    out[:, 0] = p
    out[:, 1], out[:, 2], out[:, 3], out[:, 4] = at(-1), at(1), at(-2), at(2)
    offsets = (-3, -2, -1, 1, 2, 3)
    total = at(-3) + at(-2) + at(-1) + at(1) + at(2) + at(3)
    line = np.arange(n)
    size = np.minimum(line, 3) + np.minimum(n - 1 - line, 3)
    inside = [((line + k >= 0) & (line + k < n), at(k)) for k in offsets]
    highest = np.maximum.reduce([np.where(ok, v, -np.inf) for ok, v in inside])
    lowest = np.minimum.reduce([np.where(ok, v, np.inf) for ok, v in inside])
    some = size > 0
    out[:, 5] = np.where(some, total / np.maximum(size, 1), 0.0)
    out[:, 6] = np.where(some, highest, 0.0)
    out[:, 7] = np.where(some, lowest, 0.0)
    values = p.tolist()
    out[:, 8] = sum(values) / n  # summed in order, as a list
    out[:, 9] = sum(v >= 0.5 for v in values) / n
    return out
