"""Reader-comment threads in plain-text scrapes: the marks a comment carries, where a thread runs.

A comment thread is not told apart by what it says (readers write full sentences, as reporters
do) but by the furniture around each comment: a header naming the reader and the time ("Posted
by jsmith at 10:15 AM", "Jane wrote:"), the buttons after it ("Reply", "Report abuse",
"Recommend (12)"), vote counts, relative times ("3 hours ago"), a signature ("Jane, Leeds"), and
a heading over the whole thread ("Comments (23)", "Have your say"). One such mark can be a byline;
several within a few lines of each other, repeating, are a thread. Everything here is general web
vocabulary of the kind forum and blog software prints; none of it is taken from an evaluation file.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

__all__ = [
    "MAX_GAP",
    "MarkKind",
    "Thread",
    "comment_heading",
    "comment_mark",
    "find_threads",
]

# Lines between two marks of one thread. A comment of up to six paragraphs between its header
# and the next one's; chosen on the comment threads written for training
# (scripts/comment_threads.py), where comments run one to four paragraphs.
MAX_GAP = 7
# A mark is a short line: a header or a button row, never a paragraph of prose.
MARK_MAX_WORDS = 14


def _phrases(*items: str) -> re.Pattern[str]:
    # Every phrase is anchored at the start ("^..."), so that the pattern is matched there
    # alone (a test checks it).
    return re.compile(r"(?i)(?:" + "|".join(items) + r")")


# "10:15", "10:15:22 AM", "10.15pm"; never a price ("$39.99") or a decimal ("2.75").
_TIME = (
    r"(?<![\d$£€¥.,])(?:\d{1,2}:\d\d(?::\d\d)?\s*(?:[ap]\.?\s?m\b\.?)?|"
    r"\d{1,2}\.\d\d\s*[ap]\.?\s?m\b\.?)"
)
_DATE = (
    r"(?:\b\d{1,2}[/.-]\d{1,2}[/.-](?:\d\d){1,2}\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|"
    r"nov|dec)[a-z]*\.? \d{1,2}(?:st|nd|rd|th)?,? (?:\d\d){1,2}\b|\b\d{1,2}(?:st|nd|rd|th)? (?:jan|"
    r"feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,? (?:\d\d){1,2}\b)"
)
_AGO = (
    r"(?:about |over |almost |nearly )?(?:\d+|an?|one|two|three|few) (?:seconds?|minutes?|mins?|"
    r"hours?|hrs?|days?|weeks?|months?|years?) ago\b"
)
_ACTION = (
    r"(?:report(?: (?:abuse|spam|this(?: comment| post)?|comment|post|as (?:abusive|offensive|"
    r"inappropriate|spam)))?|flag(?: (?:as|this)\b[\w ]{0,30})?|reply(?: to (?:this|comment|"
    r"post|[\w.]{1,30}))?|respond|quote|permalink|link(?: to (?:this )?comment)?|"
    r"recommend(?:ed)?(?: this(?: comment)?)?\??|like|unlike|dislike|agree|disagree|"
    r"(?:not )?helpful|vote(?: (?:up|down))?|thumbs (?:up|down)|share comment|"
    r"edit|delete|block user|clip|award|rate(?: this)?|show replies|hide replies|"
    r"(?:view|see|show) (?:all )?\d* ?repl(?:y|ies))"
)
_COUNT = r"(?:\s*[(\[]?\s*[+-]?\d+\s*[)\]]?)?"
# Button rows: every part separated by | · • / is a comment action, optionally with a count.
_ACTION_ROW = re.compile(
    rf"(?i)^(?:{_ACTION}{_COUNT}|{_COUNT.strip('?')})"
    rf"(?:\s*[|·•/]\s*(?:{_ACTION}{_COUNT}|[+-]?\d+))*\s*$"
)

_STRONG = _phrases(
    # "Posted by jsmith at 10:15 AM", "Submitted by Jane on 3/3/08", "Comment from Bob".
    r"^(?:posted|submitted|written|added|sent|left)\s+(?:by|on|at)\b",
    r"^(?:comment|reply|response)\s*(?:#?\s*\d+\s*)?(?:from|by)\b",
    # "Jane Smith wrote:", "On Mar 3, 2008, Bob said...", "jsmith says:".
    r"^.{1,60}?\b(?:wrote|writes|said|says|commented|replied|responded)\s*(?::|\.\.\.|…)\s*$",
    rf"^{_AGO}",
    r"^(?:in )?(?:reply|response|answer) to\b.{0,60}$",
    r"^[+-]?\d+\s+(?:points?|votes?|likes?|recommendations?|replies|people (?:like|recommend)"
    r"(?:ed)? this)\b",
    r"^(?:\d+ (?:of \d+ )?)?(?:people|readers|users) (?:found|recommend|like|agree)",
    r"^(?:was|is) this (?:comment|review|post) (?:helpful|useful)\b",
    r"^(?:this )?comment (?:has been|was) (?:removed|deleted|moderated)\b",
    r"^(?:\w+\s+){0,3}(?:is|are) (?:a )?(?:regular|frequent|new) (?:commenter|contributor)",
)
# "Jane Smith | 03 Mar 08, 10:15am": a reader's name and a time on one short line.
_NAME_TIME = re.compile(
    rf"(?i)^(?=.*(?:{_TIME}|{_DATE}))[^.!?]{{0,80}}(?:{_TIME}|{_DATE})[^.!?]{{0,40}}$"
)
_DIGIT = re.compile(r"\d")
# "- Jane, Leeds", "Bob Smith, Toronto, Canada": a signature under a comment.
_SIGNATURE = re.compile(
    r"^[-–—~]\s*[\w'’.]+(?:\s+[\w'’.]+){0,3}(?:,\s*[\w .'’-]{2,40})?$"
    r"|^[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,2},\s*[A-Z][\w'’-]+(?:[ ,]+[A-Z][\w'’-]+){0,3}$"
)
# "#12", "Comment 4", "12." alone on a line: the number of a comment.
_NUMBER = re.compile(r"(?i)^(?:#\s*\d+|comment\s*#?\s*\d+|\d{1,3}\.)\s*$")
# "— Name (@handle) November 18, 2019", "pic.twitter.com/...": the credit of a social-media
# post embedded in the article, which the article quotes; not a reader's comment.
_EMBED = re.compile(r"(?i)\(@\w{1,30}\)|pic\.twitter\.com|https?://t\.co/")
# "@jsmith ..." opening a line: one reader answering another.
_ADDRESS = re.compile(r"^@[\w.-]{2,30}\b")

_HEADING = _phrases(
    r"^(?:\d+\s+)?(?:(?:readers?|reader's|readers'|user|your|visitor|latest|recent|top|all|"
    r"featured|most recent|most popular|newest|oldest)\s+)?(?:comments?|responses?|reactions?|"
    r"feedback|replies|posts)(?:\s*[(\[]\s*\d+\s*[)\]])?(?:\s+(?:so far|on this (?:story|article"
    r"|post)|\(\d+\)))?\s*:?$",
    r"^(?:have|had) your say\b",
    r"^(?:post|add|leave|submit|write|make|read)\s+(?:a |your |the )?(?:comments?|reply|"
    r"response|opinion|view)s?\b",
    r"^comments?\s+(?:are|is)\s+(?:now\s+)?(?:closed|moderated|open|disabled)\b",
    r"^(?:discuss|debate)(?: this)?(?: (?:article|story|post))?\s*:?$",
    r"^what (?:do )?you (?:think|say)\s*\??$",
    r"^(?:talkback|sound off|speak up|readers? respond|your views?|your opinions?|"
    r"join the (?:discussion|conversation|debate))\b",
    r"^(?:\d+\s+)?(?:responses?|comments?|replies) to\b.{0,80}$",
    r"^(?:showing|displaying|viewing)\s+(?:comments?\s+)?\d+(?:\s*[-–]\s*\d+)?\s+of\s+\d+",
    r"^sort(?:ed)? (?:comments )?by\b.{0,30}$",
    r"^(?:newest|oldest|best|top) first$",
    r"^comments? (?:policy|guidelines)\b",
)


class MarkKind:
    """How strongly a line marks a comment: a strong mark alone is furniture no article prints."""

    NONE = 0
    WEAK = 1
    STRONG = 2


def comment_heading(text: str, words: int) -> bool:
    """Whether a short line heads a reader-comment thread ("Comments (12)", "Have your say")."""
    return words <= 10 and bool(_HEADING.match(text.strip()))


def comment_mark(text: str, words: int) -> int:
    """How much one line looks like a comment's header, buttons or signature (a MarkKind)."""
    if words > MARK_MAX_WORDS:
        return MarkKind.NONE
    # "• 3 hours ago", "› Reply": list bullets and arrows around a mark are decoration.
    stripped = text.strip().lstrip("•·›»▸▶*").rstrip("›»").strip()
    if not stripped or _EMBED.search(stripped):
        return MarkKind.NONE
    # (Every strong phrase and every heading is anchored at the start: match, not search.)
    if _STRONG.match(stripped) or (words <= 8 and _ACTION_ROW.match(stripped) and words >= 1):
        return MarkKind.STRONG
    terminal = stripped[-1] in ".!?"
    # Every time and date the pattern knows has a digit: a cheap test first.
    if words <= 12 and not terminal and _DIGIT.search(stripped) and _NAME_TIME.match(stripped):
        return MarkKind.WEAK
    if words <= 8 and not terminal and _SIGNATURE.match(stripped):
        return MarkKind.WEAK
    if _NUMBER.match(stripped) or _ADDRESS.match(stripped):
        return MarkKind.WEAK
    return MarkKind.NONE


@dataclass(frozen=True, slots=True)
class Thread:
    """A run of lines that is a reader-comment thread: indexes ``start`` to ``end`` inclusive."""

    start: int
    end: int
    marks: int
    heading: int | None
    """The index of the thread's heading line, when it has one."""


def _clusters(marks: Sequence[int]) -> list[list[int]]:
    found: list[list[int]] = []
    for i, kind in enumerate(marks):
        if not kind:
            continue
        if found and i - found[-1][-1] <= MAX_GAP:
            found[-1].append(i)
        else:
            found.append([i])
    return found


def find_threads(
    texts: Sequence[str],
    words: Sequence[int],
    prose: Sequence[bool],
    *,
    marks: Sequence[int] | None = None,
    headings: Sequence[bool] | None = None,
) -> list[Thread]:
    """The comment threads of a page, from its lines, their word counts and which are prose.

    A thread is a cluster of marks, each within :data:`MAX_GAP` lines of the last, holding two
    strong marks, or three marks of which one is strong, or four weak ones (a byline and a
    dateline near each other are two weak marks, not a thread; a thread heading just above the
    marks counts as a strong mark), with prose between two of its marks (between two pairs when
    all are weak): the comments themselves. It starts at a comment heading just above its first
    mark, if there is one, and ends after the prose that follows its last mark. ``marks`` and
    ``headings`` are each line's :func:`comment_mark` and :func:`comment_heading` when the
    caller has them already.
    """
    n = len(texts)
    if marks is None:
        marks = [comment_mark(t, w) for t, w in zip(texts, words, strict=True)]
    if headings is None:
        headings = [comment_heading(t, w) for t, w in zip(texts, words, strict=True)]
    threads: list[Thread] = []
    for cluster in _clusters(marks):
        start = cluster[0]
        heading = next(
            (j for j in range(start - 1, max(-1, start - MAX_GAP - 1), -1) if headings[j]), None
        )
        # A thread heading just above the marks is as good as a strong mark.
        strong = sum(marks[i] == MarkKind.STRONG for i in cluster) + (heading is not None)
        enough = strong >= 2 or (strong >= 1 and len(cluster) >= 3) or len(cluster) >= 4
        # The comments themselves: prose between two marks. Votes and a "Recommend" button over
        # an article have the article's prose after them, not between them; a schedule of
        # dates and times has none at all.
        spoken = sum(any(prose[j] for j in range(a + 1, b)) for a, b in pairwise(cluster))
        if not enough or spoken < (1 if strong else 2):
            continue
        if heading is not None:
            start = heading
        elif marks[start] == MarkKind.WEAK and start > 0 and prose[start - 1]:
            # A signature closes its comment: the prose just above it is that comment.
            start -= 1
        end = cluster[-1]
        # The last comment's text follows its header: prose lines up to the usual spacing.
        spacing = max(1, (cluster[-1] - cluster[0]) // max(1, len(cluster) - 1))
        j = end + 1
        # A signature closes its comment: nothing of the thread follows the last one.
        signed = marks[end] == MarkKind.WEAK and prose[end - 1]
        while not signed and j < n and j - cluster[-1] <= spacing + 1 and (prose[j] or marks[j]):
            end = j
            j += 1
        threads.append(Thread(start, end, len(cluster), heading))
    return threads
