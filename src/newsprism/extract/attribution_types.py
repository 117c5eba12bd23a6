"""The attribution frame: content pieces, cue, source, and how sure the reading is."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

__all__ = ["DATELINE_MAX_TOKENS", "Frame", "dateline_end", "set_cue_text"]


@dataclass(slots=True)
class Frame:
    """One attribution: content pieces, cue token, source token, and how sure we are."""

    pieces: list[tuple[int, int, int]]
    """(paragraph, start, end) character ranges of the content, in paragraph offsets."""
    kind: str
    cue: Any = None
    source: Any = None
    paragraph: int = 0
    """The paragraph of the cue (or of the first piece when there is no cue)."""
    sentence: int = 0
    confidence: float = 0.9
    quoted: bool = True
    """True when the content is a quotation between marks."""
    cue_text: str | None = None
    cue_range: tuple[int, int] | None = None
    """Character range of the cue in its paragraph."""
    follows: Frame | None = None
    """For a quotation with no verb of its own: the frame whose speaker it continues."""

    @property
    def start(self) -> tuple[int, int]:
        """Where the content begins: (paragraph, character)."""
        return self.pieces[0][0], self.pieces[0][1]


def set_cue_text(frame: Frame, cue: Any) -> None:
    """Record the cue's words ("pointed out", "according to") and their range on the frame."""
    particles = [c for c in cue.children if c.dep_ == "prt"]
    if cue.lower_ == "according":
        particles = [c for c in cue.children if c.lower_ == "to"]
    tokens = sorted([cue, *particles], key=lambda t: t.i)
    start = tokens[0].idx
    end = tokens[-1].idx + len(tokens[-1].text)
    frame.cue_text = cue.doc[tokens[0].i : tokens[-1].i + 1].text
    frame.cue_range = (start, end)


# A dash that ends a dateline stands apart between spaces ("SEOUL — North Korea"), unlike the
# hyphen of "U.S.-China"; "/TASS/." is the agency mark of "MOSCOW, November 13. /TASS/.".
_DATELINE_DASHES = frozenset({"—", "–", "-", "--", "―"})
# Tokens a dateline spans at most before its dash: a place, its region or country, a date and a
# wire credit ("TIJUANA, Mexico, April 29 (Reuters) -" is 10). Set by hand on datelines of
# NewsWCL50 and TASS copy; a longer run of names before a dash is a sentence, not a dateline.
DATELINE_MAX_TOKENS = 12
_DATELINE_POS = frozenset({"PROPN", "NUM", "PUNCT", "SPACE"})
_PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
_AGENCY_MARK = re.compile(r"/[A-Z][A-Za-z-]+/\.?")


def dateline_end(doc: Any) -> int:
    """The index of the first token after a paragraph's dateline, or 0 when it has none.

    A dateline opens the paragraph with a place, written in capitals or tagged as a place
    ("SEOUL", "Washington"), then only names, numbers, dates and a bracketed wire credit up
    to a free-standing dash or an agency mark: "SEOUL, April 21 —", "TEL AVIV (Reuters) -",
    "MOSCOW, November 13. /TASS/.". A place there is where the story was filed, never who
    speaks in it.
    """
    if len(doc) < 3:
        return 0
    first = doc[0]
    place = first.ent_type_ in _PLACE_TYPES or (first.is_upper and len(first.text) > 1)
    if first.pos_ != "PROPN" or not first.is_alpha or not place:
        return 0
    # A name in capitals the parser does not take for a place ("NATO - the alliance - said")
    # opens a dateline only with a region, date or wire credit after it.
    bare = first.ent_type_ not in _PLACE_TYPES
    depth = 0
    for token in doc[1 : DATELINE_MAX_TOKENS + 1]:
        text = token.text
        if text == "(":
            depth += 1
            continue
        if text == ")":
            depth -= 1
            continue
        if depth > 0:
            continue  # the wire credit: "(Reuters)", "(AFP)"
        apart = token.whitespace_ and doc[token.i - 1].whitespace_
        if text in _DATELINE_DASHES and apart:
            at: int = token.i
            return 0 if bare and at == _name_end(doc) else at + 1
        if _AGENCY_MARK.fullmatch(text):
            mark: int = token.i
            return mark + 1
        if token.ent_type_ == "PERSON":
            return 0  # "Kim Jong-un — ...": a person opening a sentence
        if token.pos_ not in _DATELINE_POS and token.ent_type_ != "DATE":
            return 0
    return 0


def _name_end(doc: Any) -> int:
    """The index after the run of names opening ``doc`` ("TEL AVIV")."""
    i = 0
    while i < len(doc) and doc[i].pos_ == "PROPN" and doc[i].is_alpha:
        i += 1
    return i
