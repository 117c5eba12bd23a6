"""Quotation marks paired into quotations, over a run of paragraphs.

Works on characters, before any parsing, so that it sees what a reader sees: straight and curly
double marks, ``''``/```` `` ```` pairs (as some wires print them), guillemets, and single marks
as British outlets use them. A mark's direction is read from its glyph and its neighbours,
since scrapes often carry the wrong glyph ("... of the country “." closes a quote). A quotation left
open at the end of a paragraph continues when the next paragraph opens with a mark: the
newspaper convention for a quote running over several paragraphs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["Piece", "Quotation", "find_quotations"]

_DOUBLE = re.compile(r"''|``|[\"“”„«»]")
_SINGLE = re.compile(r"[‘’']")
_OPEN_GLYPHS = frozenset({"“", "„", "«", "``"})
_CLOSE_GLYPHS = frozenset({"”", "»"})
# What may stand right before an opening mark and right after a closing one.
_BEFORE_OPEN = frozenset(" \t\n([{—–-/:;,")
_AFTER_CLOSE = frozenset(" \t\n.,;:!?)]}—–-/…")


@dataclass(frozen=True, slots=True)
class Piece:
    """One stretch of a quotation inside one paragraph, marks included."""

    paragraph: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Quotation:
    """Text between an opening and a closing mark, possibly over several paragraphs."""

    pieces: tuple[Piece, ...]
    closed: bool = True
    """False when no closing mark was found: the quote runs to the end of its paragraph."""
    single: bool = False
    """True when delimited by single marks (British style, or headline scare quotes)."""


def _opening(text: str, start: int, end: int) -> bool:
    """True when the mark at ``text[start:end]`` reads as opening from its neighbours."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return (before.isspace() or before in _BEFORE_OPEN or before in "“‘\"'") and not after.isspace()


def _closing(text: str, start: int, end: int) -> bool:
    """True when the mark at ``text[start:end]`` reads as closing from its neighbours."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not before.isspace() and (after.isspace() or after in _AFTER_CLOSE or after in "”’\"'")


def _starts_with_opening(text: str) -> bool:
    stripped = text.lstrip()
    match = _DOUBLE.match(stripped)
    if not match:
        return False
    offset = len(text) - len(stripped)
    return match.group(0) not in _CLOSE_GLYPHS and _opening(text, offset, offset + match.end())


def find_quotations(paragraphs: Sequence[str]) -> list[Quotation]:
    """Every quotation in a run of paragraphs, in reading order."""
    found: list[Quotation] = []
    open_pieces: list[Piece] = []  # a quotation carried over from earlier paragraphs
    for index, text in enumerate(paragraphs):
        inside = bool(open_pieces)
        start = 0
        if inside:
            # The carried quotation resumes at this paragraph's opening mark.
            start = len(text) - len(text.lstrip())
        double_regions: list[tuple[int, int]] = []
        for match in _DOUBLE.finditer(text):
            glyph, m_start, m_end = match.group(0), match.start(), match.end()
            resumes = inside and open_pieces and m_start == start and not double_regions
            if resumes and (not _closing(text, m_start, m_end) or glyph in _OPEN_GLYPHS):
                continue  # the continuation paragraph's own opening mark
            closes = _closing(text, m_start, m_end) and (
                glyph not in _OPEN_GLYPHS or not _opening(text, m_start, m_end)
            )
            if inside and not text[m_end:].strip(" .,;:!?…"):
                closes = True  # nothing but punctuation left: a closing mark, whatever its glyph
            opens = _opening(text, m_start, m_end) and glyph not in _CLOSE_GLYPHS
            if glyph in _CLOSE_GLYPHS and not inside and _opening(text, m_start, m_end):
                opens = not _closing(text, m_start, m_end)  # a wrong glyph opening a quote
            if inside and closes:
                pieces = (*open_pieces, Piece(index, start, m_end))
                found.append(Quotation(pieces))
                double_regions.append((start, m_end))
                open_pieces, inside = [], False
            elif opens:
                if inside and not open_pieces:
                    # An opening mark while a quotation of this paragraph is open: the earlier
                    # one never closed. Keep it as unclosed up to here.
                    found.append(Quotation((Piece(index, start, m_start),), closed=False))
                    double_regions.append((start, m_start))
                elif inside:
                    open_pieces = []
                inside, start = True, m_start
        if inside:
            piece = Piece(index, start, len(text.rstrip()))
            following = paragraphs[index + 1] if index + 1 < len(paragraphs) else ""
            if following and _starts_with_opening(following):
                open_pieces = [*open_pieces, piece]
            else:
                found.append(Quotation((*open_pieces, piece), closed=False))
                double_regions.append((start, piece.end))
                open_pieces = []
        found.extend(_single_quotations(index, text, double_regions))
    if open_pieces:
        found.append(Quotation(tuple(open_pieces), closed=False))
    found.sort(key=lambda q: (q.pieces[0].paragraph, q.pieces[0].start))
    return found


def _single_quotations(
    index: int, text: str, double_regions: Sequence[tuple[int, int]]
) -> list[Quotation]:
    """Single-mark quotations outside the double-mark ones (nested singles are not quotes)."""
    found: list[Quotation] = []
    start: int | None = None
    for match in _SINGLE.finditer(text):
        pos = match.start()
        if any(a <= pos < b for a, b in double_regions):
            continue
        glyph = match.group(0)
        after = text[pos + 1] if pos + 1 < len(text) else " "
        if start is None:
            if glyph != "’" and _opening(text, pos, pos + 1) and after.isalnum():
                start = pos
        elif glyph != "‘" and _closing(text, pos, pos + 1) and not after.isalnum():
            if any(start < a < pos for a, _ in double_regions):
                start = None  # a double quotation in between: these marks are apostrophes
                continue
            found.append(Quotation((Piece(index, start, pos + 1),), single=True))
            start = None
    return found
