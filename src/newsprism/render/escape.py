"""Text from pages made inert for Markdown: no markup, no HTML, no control codes."""

from __future__ import annotations

import html
import re

from newsprism.safe import safe

__all__ = ["md_escape", "md_inline", "md_paragraph"]

# Markdown is rendered to HTML by whoever reads it: text from pages must never become markup
# there (a page's <script> or <img onerror> would run in the reader's browser), nor emphasis,
# links or headings, nor a control sequence on the terminal that prints it.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]#])")


def md_escape(text: str) -> str:
    """Input text for a Markdown line or table cell: one line, HTML and control codes inert."""
    return html.escape(safe(text), quote=False).replace("\n", " ").replace("|", "\\|")


def md_inline(text: str) -> str:
    """Input text for a heading, a name or a label: Markdown syntax inert too."""
    return md_escape(_MD_SPECIAL.sub(r"\\\1", safe(text)))


def md_paragraph(text: str) -> str:
    """A paragraph of an article: its lines kept, HTML and control codes inert."""
    return html.escape(safe(text), quote=False)
