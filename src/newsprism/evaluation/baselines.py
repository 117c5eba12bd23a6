"""Peer extractors run on plain-text lines, for the cleaning evaluation and benchmark.

Neither jusText nor trafilatura reads plain text, so each non-blank line of a scrape is given to
them as one HTML paragraph, the most favourable markup a scrape can be turned into without
guessing its structure. A line counts as kept when the extractor keeps its paragraph.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

import trafilatura

from newsprism.extras import require

__all__ = [
    "Baseline",
    "justext_kept",
    "lines_to_html",
    "normalise_space",
    "trafilatura_kept",
]

Baseline = Callable[[Sequence[str]], list[bool]]
"""Given the non-blank lines of one document, says for each whether the extractor keeps it."""


def normalise_space(text: str) -> str:
    """Collapse runs of whitespace to one space and strip the ends."""
    return " ".join(text.split())


def lines_to_html(lines: Sequence[str]) -> str:
    """Wrap each line as one HTML paragraph of an otherwise empty page."""
    paragraphs = "".join(f"<p>{html.escape(line.strip(), quote=False)}</p>\n" for line in lines)
    return f"<html><body>\n{paragraphs}</body></html>"


def justext_kept(lines: Sequence[str]) -> list[bool]:
    """jusText (English stoplist, default settings): is each line's paragraph not boilerplate?"""
    return justext_kept_html(lines_to_html(lines), lines)


def justext_kept_html(page: str, lines: Sequence[str]) -> list[bool]:
    """Run jusText on ``page`` (made by :func:`lines_to_html` from ``lines``) and align."""
    justext = require("justext", "eval")
    paragraphs = justext.justext(page, justext.get_stoplist("English"))
    found = [(normalise_space(p.text), not p.is_boilerplate) for p in paragraphs]
    return _align(lines, found)


def trafilatura_kept(lines: Sequence[str]) -> list[bool]:
    """trafilatura.extract (default settings): does each line appear among the output's lines?"""
    return trafilatura_kept_html(lines_to_html(lines), lines)


def trafilatura_kept_html(page: str, lines: Sequence[str]) -> list[bool]:
    """Run trafilatura on ``page`` (made by :func:`lines_to_html` from ``lines``) and compare."""
    output = trafilatura.extract(page) or ""
    kept = {normalise_space(line) for line in output.splitlines()}
    kept.discard("")
    return [normalise_space(line) in kept for line in lines]


def _align(lines: Sequence[str], found: Sequence[tuple[str, bool]]) -> list[bool]:
    """Match lines to extractor paragraphs in order; a line with no paragraph is not kept."""
    result: list[bool] = []
    start = 0
    for line in lines:
        target = normalise_space(line)
        for k in range(start, len(found)):
            if found[k][0] == target:
                result.append(found[k][1])
                start = k + 1
                break
        else:
            result.append(False)
    return result
