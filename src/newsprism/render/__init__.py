"""Renderers: story views and stored articles as Markdown and JSON (the HTML report to come).

They render what :mod:`newsprism.views` loads and compute nothing themselves; text from the
pages is made inert on the way out (:mod:`newsprism.render.escape`).
"""

from __future__ import annotations

from newsprism.render.articles import article_summary, to_json, to_markdown
from newsprism.render.story import brief_json, brief_markdown, comparison_json, comparison_markdown

__all__ = [
    "article_summary",
    "brief_json",
    "brief_markdown",
    "comparison_json",
    "comparison_markdown",
    "to_json",
    "to_markdown",
]
