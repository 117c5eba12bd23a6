"""The renderers under their former name: :mod:`newsprism.render` holds them now."""

from __future__ import annotations

from newsprism.render import (
    article_summary,
    brief_json,
    brief_markdown,
    comparison_json,
    comparison_markdown,
    to_json,
    to_markdown,
)

__all__ = [
    "article_summary",
    "brief_json",
    "brief_markdown",
    "comparison_json",
    "comparison_markdown",
    "to_json",
    "to_markdown",
]
