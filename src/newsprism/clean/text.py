"""newsprism's classifier for plain-text scrapes: every line gets a role and the reason for it.

Two layers. The learned model (``line_model.json``, trained on rendered web pages) gives each
line a body probability from its shape and neighbourhood. Structural rules then read what a
single line cannot show: the headline, where the article ends (a copyright line, a wire credit,
a rights notice, a comment form, a reader-comment thread), captions printed twice, lists of
"headline — outlet" links, an aggregator's commentary in its own voice, and subheadings between
body paragraphs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from newsprism.clean import lexicon
from newsprism.clean.comments import Thread
from newsprism.clean.features import LineShape, comment_threads, feature_matrix, line_shapes
from newsprism.clean.model import LineModel, load_model
from newsprism.records import Role

__all__ = ["Block", "LineDecision", "classify_blocks", "segment"]

# Body probability above which the model keeps a line. 0.4 of 0.3-0.5 on L3S-GN1 and the
# article-extraction benchmark's training half (line F1 0.935 and 0.792; at 0.5, 0.937 and
# 0.778; at 0.3, 0.925 and 0.809): the two-pass model reads a line's neighbours itself, so a
# doubted sentence next to body needs no separate rule (dropping it: +0.007 on L3S-GN1).
BODY_THRESHOLD = 0.4
# A line carrying no sentence punctuation can still be a subheading when it sits between body
# paragraphs; in the article-extraction benchmark's gold bodies subheadings stay under 20 words.
SUBHEADING_MAX_WORDS = 20
# A heading-shaped line the model keeps is decided by its neighbours (subheading or not) unless
# the model is this sure of it (a list item inside the article). 0.65 of 0.5, 0.65, 0.8 and
# never: on the benchmark's training half 0.794 against 0.792 never; L3S-GN1 unchanged (0.935).
HEADING_KEEP = 0.65
# Commentary: an aggregator speaking as "I". Reported news keeps first person inside quotes;
# three first-person words outside quotes in one paragraph is rare in wire copy.
FIRST_PERSON_MIN = 3
# A doubted full sentence right after body is kept when at most this many lines follow it (a
# share bar, a credit): a text that ends with its article. Web pages of L3S-GN1 and the
# benchmark end in footers of many lines, where this never applies.
TAIL_LINES = 2
# ...unless the page speaks in the first person throughout: a share of its prose lines with
# an "I" outside quotes. 0.15 of 0.15, 0.25 and 0.4 on L3S-GN1 and the article-extraction
# benchmark's training half (line F1 0.929 and 0.773; the rule everywhere: 0.927, 0.769).
FIRST_PERSON_PAGE_SHARE = 0.15

_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|«[^»]*»|„[^“”]*[“”]")
# A word of lexicon.FIRST_PERSON, in any case, as _first_person_outside_quotes splits words
# (runs of ASCII letters and apostrophes; only the words ignore case, not those classes).
_FIRST_PERSON_WORD = re.compile(
    "(?<![A-Za-z’'])(?i:"
    + "|".join(re.escape(w) for w in sorted(lexicon.FIRST_PERSON, key=len, reverse=True))
    + ")(?![A-Za-z’'])"
)
# A word every photo credit of lexicon.PHOTO_CREDIT holds: a cheaper search first. On an
# ASCII line, finding one ignoring case is finding it in the lower-cased line (no pattern).
_PHOTO_WORDS = (
    "©",
    "photo",
    "image",
    "picture",
    "video",
    "getty",
    "shutterstock",
    "reuters/",
    "epa-efe",
)
_PHOTO_WORD = re.compile("(?i)" + "|".join(re.escape(w) for w in _PHOTO_WORDS))
_LINE_END = re.compile(r"[.!?:\"”']\s*$")
_FULL_DATE_END = re.compile(
    r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}, (?:19|20)\d\d\.?$"
)


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph of the input: its character range and the line it starts on."""

    start: int
    end: int
    line: int
    raw: str
    """The whole source line(s), leading indentation included."""


@dataclass(frozen=True, slots=True)
class LineDecision:
    """The role given to one block and the reason, with the model's body probability."""

    role: Role
    reason: str
    score: float


def _looks_hard_wrapped(lines: list[str]) -> bool:
    # Text wrapped at a fixed column (email digests, wire feeds) splits paragraphs across lines;
    # such files show many long lines of nearly equal length that end mid-sentence.
    long = [ln for ln in lines if len(ln.strip()) >= 40]
    if len(long) < 6:
        return False
    widths = sorted(len(ln.rstrip()) for ln in long)
    median = widths[len(widths) // 2]
    if not 55 <= median <= 100:
        return False
    near = sum(abs(w - median) <= 8 for w in widths) / len(widths)
    if near < 0.6:
        return False
    unterminated = sum(not _LINE_END.search(ln) for ln in long) / len(long)
    return unterminated >= 0.5


def segment(text: str) -> list[Block]:
    """Split a plain-text scrape into paragraphs: one a line, or one a block if hard-wrapped."""
    lines = text.split("\n")
    if not _looks_hard_wrapped(lines):
        return _line_blocks(lines)
    # Hard-wrapped: a block is a run of non-blank lines.
    offsets = []
    pos = 0
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        if not lines[i].strip():
            i += 1
            continue
        j = i
        while j + 1 < len(lines) and lines[j + 1].strip():
            j += 1
        raw_start = offsets[i]
        raw_end = offsets[j] + len(lines[j])
        raw = text[raw_start:raw_end]
        lead = len(raw) - len(raw.lstrip())
        trail = len(raw) - len(raw.rstrip())
        blocks.append(Block(raw_start + lead, raw_end - trail, i + 1, raw))
        i = j + 1
    return blocks


def _line_blocks(lines: list[str]) -> list[Block]:
    """:func:`segment`'s blocks of a text that is not hard-wrapped: one a non-blank line."""
    blocks: list[Block] = []
    pos = 0
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if stripped:
            start = pos + len(line) - len(line.lstrip())
            blocks.append(Block(start, start + len(stripped), number, line))
        pos += len(line) + 1
    return blocks


def _first_person_outside_quotes(text: str) -> int:
    # Taking quotes out only removes words, so a text without any first-person word has none
    # outside quotes either: most lines stop at this one search.
    if not _FIRST_PERSON_WORD.search(text):
        return 0
    bare = _QUOTED.sub(" ", text)
    words = re.findall(r"[A-Za-z’']+", bare)
    return sum(w.lower() in lexicon.FIRST_PERSON for w in words)


class _Verdicts(NamedTuple):
    """What the line rules find in one line's text alone (kept on its shape: see _verdicts)."""

    speaks: int
    widget: tuple[Role, str] | None
    commentary: bool
    photo: bool


def _verdicts(shape: LineShape) -> _Verdicts:
    """The line rules' findings of ``shape``'s text, found once for each shape.

    Shapes are shared by every line of a batch with the same text (features.shared_shapes), so
    a menu line repeated on many pages is judged once; the findings depend on the text alone.
    """
    found = shape.verdicts
    if isinstance(found, _Verdicts):
        return found
    text = shape.text
    plain = text.isascii()
    found = shape.verdicts = _Verdicts(
        # On an ASCII line, every word the first-person pattern finds is one of the shape's
        # words (test_first_person_screen_on_ascii_lines): a line whose shape counts none has
        # none outside quotes either.
        speaks=0 if plain and not shape.first_person else _first_person_outside_quotes(text),
        widget=_widget_role(text, shape.words, shape.widget > 0),
        commentary=bool(lexicon.COMMENTARY_PREFIX.match(text)),
        photo=(
            shape.words <= 60
            and _has_photo_word(text, shape.key, plain)
            and bool(lexicon.PHOTO_CREDIT.search(text))
        ),
    )
    return found


def _has_photo_word(text: str, key: str, plain: bool) -> bool:
    """Whether ``text`` (``key`` in lower case; ``plain`` if ASCII) holds a photo word."""
    if plain:
        return any(word in key for word in _PHOTO_WORDS)
    return bool(_PHOTO_WORD.search(text))


def _first_person_page(shapes: Sequence[LineShape], speaks: Sequence[int]) -> bool:
    """Whether the page's prose is written in the first person throughout (a blog, a column).

    There "I" is the author's voice, not an aggregator's aside, and the first-person rule is
    off. Comment threads are left out of the count: readers' "I" is not the author's.
    """
    prose = [i for i, s in enumerate(shapes) if _is_prose(s)]
    if len(prose) < 4:
        return False
    return sum(speaks[i] >= 1 for i in prose) >= FIRST_PERSON_PAGE_SHARE * len(prose)


def _is_prose(shape: LineShape) -> bool:
    return shape.words >= 8 and bool(shape.terminal) and shape.stop_share >= 0.2


def _widget_role(text: str, words: int, widget: bool = True) -> tuple[Role, str] | None:
    """A role from the widget lexicons, for short lines that are labels rather than prose.

    ``widget=False`` says that the line's shape found no widget phrase (``LineShape.widget``:
    all of these lexicons but the copyright and credit shapes, on lines of up to 12 words).
    """
    if words <= 12 and not widget:
        if m := lexicon.COPYRIGHT.match(text):
            return Role.RIGHTS, f"a copyright line naming {m.group('name').strip()!r}"
        if lexicon.WIRE_CREDIT.match(text):
            return Role.CREDIT, "a wire-agency credit line"
        return None
    if words <= 12:
        checks = (
            (lexicon.AD, Role.AD, "an ad slot or ad label"),
            (lexicon.SHARE, Role.SHARE, "a share widget"),
            (lexicon.COMMENTS, Role.COMMENTS, "a comment-form prompt"),
            (lexicon.NAVIGATION, Role.NAVIGATION, "a navigation link"),
            (lexicon.ERROR_PAGE, Role.ERROR_PAGE, "error-page text"),
        )
        for pattern, role, why in checks:
            if pattern.search(text):
                return role, f"matches {why}"
    if words <= 25 and lexicon.ERROR_PAGE.search(text):
        return Role.ERROR_PAGE, "matches error-page text"
    if words <= 25 and lexicon.PROMOTION.search(text):
        return Role.PROMOTION, "a promotion (newsletter, app, subscription)"
    if words <= 12 and (m := lexicon.COPYRIGHT.match(text)):
        return Role.RIGHTS, f"a copyright line naming {m.group('name').strip()!r}"
    if lexicon.WIRE_CREDIT.match(text):
        return Role.CREDIT, "a wire-agency credit line"
    if words <= 60 and lexicon.RIGHTS.search(text):
        return Role.RIGHTS, "a rights notice"
    return None


def _find_title(shapes: Sequence[LineShape], hint: str | None) -> int | None:
    if hint:
        wanted = " ".join(hint.split()).lower()
        for i, shape in enumerate(shapes[:60]):
            text = " ".join(shape.text.split()).lower()
            # A page <title> often adds the site: "Headline | Site", "Headline - Site".
            if text == wanted or (shape.words >= 3 and wanted.startswith(text)):
                return i
    for i, shape in enumerate(shapes[:12]):
        if shape.words >= 3 and not shape.widget and not shape.text.endswith(":"):
            # Headlines drop the final stop; a first line that is a full sentence is the
            # story's first paragraph (wire items and digests often come without a headline).
            sentence = shape.text.endswith(".") and shape.words >= 6 and shape.stop_share >= 0.2
            return None if sentence else i
    return None


def _related_runs(shapes: Sequence[LineShape]) -> set[int]:
    """Lines in runs of two or more "headline — outlet" entries."""
    found: set[int] = set()
    i = 0
    while i < len(shapes):
        j = i
        while j < len(shapes) and shapes[j].headline_outlet:
            j += 1
        if j - i >= 2:
            found.update(range(i, j))
        i = max(j, i + 1)
    return found


def _caption_lines(shapes: Sequence[LineShape]) -> dict[int, str]:
    found: dict[int, str] = {}
    for i, shape in enumerate(shapes):
        text = shape.text
        if i + 1 < len(shapes) and len(text) >= 30:
            following = shapes[i + 1].text
            if following != text and following.startswith(text.rstrip(".")):
                found[i] = "a photo caption, printed again with its credit on the next line"
                found[i + 1] = "a photo caption with a photo credit"
                continue
        if i not in found and _verdicts(shape).photo:
            found[i] = "a photo caption or credit"
    # A caption often ends with the date the photo was taken; one next to another caption is
    # a caption too.
    for i, shape in enumerate(shapes):
        beside_caption = (i - 1) in found or (i + 1) in found
        if i not in found and beside_caption and _FULL_DATE_END.search(shape.text):
            found[i] = "a dated photo caption next to a photo credit"
    return found


def _article_end(
    shapes: Sequence[LineShape],
    decided: dict[int, tuple[Role, str]],
    threads: Sequence[Thread] = (),
) -> int | None:
    """Index of the line that closes the article (a credit, copyright, rights or comment form,
    or the start of a reader-comment thread).

    Only a marker after most of the page's prose counts, so that a copyright line in a page
    header or a credit inside the text does not cut the article short. The prose of comment
    threads is not counted: a long thread would otherwise outweigh the article above it.
    """
    in_thread = {j for t in threads for j in range(t.start, t.end + 1)}
    starts = {t.start for t in threads}
    prose = [s.words if _is_prose(s) and i not in in_thread else 0 for i, s in enumerate(shapes)]
    total = sum(prose)
    if not total:
        return None
    seen = 0
    for i, shape in enumerate(shapes):
        seen += prose[i]
        role = decided.get(i, (None, ""))[0]
        closing = (
            role in (Role.CREDIT, Role.RIGHTS)
            or (role is Role.COMMENTS and bool(lexicon.COMMENTS.search(shape.text)))
            or i in starts
        )
        # Half the prose: a closing line sits after the article, not in a header above it.
        if closing and seen >= 0.5 * total:
            return i
    return None


def classify_blocks(
    blocks: Sequence[Block],
    title_hint: str | None = None,
    *,
    title_index: int | None = None,
    model: LineModel | None = None,
) -> tuple[int | None, list[LineDecision]]:
    """Give every block a role; returns the index of the headline and one decision per block.

    ``title_index`` names the headline when the markup already says which block it is;
    ``model`` replaces the shipped line model (the training script scores candidate models).
    """
    shapes = line_shapes([b.raw for b in blocks])
    threads = comment_threads(shapes)
    scores = (model or load_model()).probabilities_of(feature_matrix(shapes, threads))
    title = title_index if title_index is not None else _find_title(shapes, title_hint)
    decided: dict[int, tuple[Role, str]] = {}
    verdicts = [_verdicts(s) for s in shapes]
    speaks = [v.speaks for v in verdicts]
    in_thread = {j for t in threads for j in range(t.start, t.end + 1)}
    first_person_page = _first_person_page(
        [s for i, s in enumerate(shapes) if i not in in_thread],
        [v for i, v in enumerate(speaks) if i not in in_thread],
    )
    for i, verdict in enumerate(verdicts):
        widget = verdict.widget
        if widget:
            decided[i] = widget
        elif verdict.commentary:
            decided[i] = (Role.COMMENTARY, "opens with an editor's label: the site's own opinion")
        elif speaks[i] >= FIRST_PERSON_MIN and not first_person_page:
            decided[i] = (Role.COMMENTARY, "written in the first person outside quotes")
    related = _related_runs(shapes)
    for i in related:
        decided.setdefault(i, (Role.RELATED, "related coverage: a 'headline — outlet' list"))
    for i, why in _caption_lines(shapes).items():
        if i not in decided or decided[i][0] is Role.RIGHTS:
            decided[i] = (Role.CAPTION, why)
    for thread in threads:
        first = blocks[thread.start].line
        for i in range(thread.start, thread.end + 1):
            if i != title:
                why = f"a reader-comment thread ({thread.marks} comment marks from line {first})"
                decided[i] = (Role.COMMENTS, why)
    end = _article_end(shapes, decided, threads)

    roles: list[tuple[Role, str]] = []
    for i, shape in enumerate(shapes):
        if i == title:
            roles.append((Role.TITLE, "the headline"))
        elif title is not None and i < title:
            roles.append(decided.get(i, (Role.NAVIGATION, "above the headline")))
        elif i in decided:
            roles.append(decided[i])
        elif end is not None and i > end:
            if shape.list_marker or shape.indent:
                why = f"reader comments after the end of the article (line {blocks[end].line})"
                roles.append((Role.COMMENTS, why))
            else:
                why = f"after the end of the article (line {blocks[end].line})"
                roles.append((Role.BOILERPLATE, why))
        elif scores[i] >= BODY_THRESHOLD:
            roles.append((Role.BODY, f"prose (body probability {scores[i]:.2f})"))
        else:
            roles.append((Role.BOILERPLATE, f"not prose (body probability {scores[i]:.2f})"))

    _promote_headings(shapes, roles, title, end, scores)
    _keep_last_paragraph(shapes, roles, scores)
    _ensure_body(shapes, roles, scores)
    return title, [LineDecision(role, why, scores[i]) for i, (role, why) in enumerate(roles)]


def _keep_last_paragraph(
    shapes: Sequence[LineShape], roles: list[tuple[Role, str]], scores: Sequence[float]
) -> None:
    """A scrape that ends with its article: the full sentence after the last body paragraph.

    The model learned position from whole web pages, where the last lines are a footer; a
    short text that stops with its story ends on a body paragraph the model doubts. Only a
    sentence directly after body with at most TAIL_LINES lines, none of them prose, after it.
    """
    n = len(shapes)
    for i in range(max(1, n - 1 - TAIL_LINES), n):
        role, _ = roles[i]
        rest = range(i + 1, n)
        if (
            role is Role.BOILERPLATE
            and _is_prose(shapes[i])
            and roles[i - 1][0] is Role.BODY
            and not any(_is_prose(shapes[j]) for j in rest)
        ):
            roles[i] = (Role.BODY, f"the last paragraph of the text (probability {scores[i]:.2f})")


def _ensure_body(
    shapes: Sequence[LineShape], roles: list[tuple[Role, str]], scores: Sequence[float]
) -> None:
    """Every article has a body: when nothing was kept, its full sentences are the body.

    The model learned position from whole web pages, where the last lines are a footer; in a
    three-paragraph wire item they are the story. When it keeps nothing at all, a sentence no
    rule has named is kept rather than leaving an article without text.
    """
    if any(role.is_kept for role, _ in roles):
        return
    for i, shape in enumerate(shapes):
        role, _ = roles[i]
        # No final stop required here: scrapes are often cut off mid-sentence.
        if role is Role.BOILERPLATE and shape.words >= 8 and shape.stop_share >= 0.2:
            why = f"a full sentence, and nothing else reads as body (probability {scores[i]:.2f})"
            roles[i] = (Role.BODY, why)


def _promote_headings(
    shapes: Sequence[LineShape],
    roles: list[tuple[Role, str]],
    title: int | None,
    end: int | None,
    scores: Sequence[float],
) -> None:
    """Short unpunctuated lines between body paragraphs are subheadings; right after the
    headline, a sentence without a final stop is the standfirst. A short line that heads a
    related-coverage list belongs to the list."""
    n = len(shapes)
    for i in range(n):
        role, _ = roles[i]
        shape = shapes[i]
        if role is Role.BODY and not shape.terminal and shape.words <= SUBHEADING_MAX_WORDS:
            role = Role.BOILERPLATE  # a heading-shaped line the model kept: decide it here
        if role is not Role.BOILERPLATE or (end is not None and i > end):
            continue
        after = roles[i + 1][0] if i + 1 < n else None
        before = roles[i - 1][0] if i > 0 else None
        if after is Role.RELATED and shape.words <= SUBHEADING_MAX_WORDS:
            roles[i] = (Role.RELATED, "heads a related-coverage list")
        elif (
            i - 1 == title
            and shape.words >= 8
            and shape.stop_share >= 0.2
            and after is not None
            and after.is_kept
        ):
            roles[i] = (Role.LEDE, "the standfirst under the headline")
        elif (
            shape.words <= SUBHEADING_MAX_WORDS
            and not shape.terminal
            and before is not None
            and before.is_kept
            and after is not None
            and after.is_kept
        ):
            roles[i] = (Role.SUBHEADING, "a short heading between body paragraphs")
        # A heading-shaped line the model is sure of (a list item inside the article) stays
        # body; the others are headings outside the body.
        elif roles[i][0] is Role.BODY and role is Role.BOILERPLATE and scores[i] < HEADING_KEEP:
            roles[i] = (Role.BOILERPLATE, "a heading-shaped line outside the body")
