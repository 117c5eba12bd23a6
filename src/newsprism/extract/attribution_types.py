"""The attribution frame: content pieces, cue, source, and how sure the reading is."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["Frame", "set_cue_text"]


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
