"""An article's kept paragraphs with their spaCy parses, and the way back to article offsets.

Each kept paragraph is parsed on its own (sentences never cross a paragraph), and every
position found in a paragraph maps back into ``article.text`` through the paragraph's span:
``paragraph.span.start + offset``. Comments, captions, related links and commentary never get
here: only ``article.body`` is read.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from newsprism.records import Article, Paragraph, Role, Span

__all__ = ["ParsedArticle", "Sentence", "TokenRef"]

TokenRef = tuple[int, int]
"""A token as (paragraph index in the parsed article, token index in that paragraph's Doc)."""


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: which paragraph, its spaCy span, and its position in the article."""

    paragraph: int
    span: Any
    index: int

    @property
    def start(self) -> int:
        """Index of the sentence's first token in its paragraph's Doc."""
        return int(self.span.start)

    @property
    def end(self) -> int:
        """Index one past the sentence's last token."""
        return int(self.span.end)


@dataclass(slots=True)
class ParsedArticle:
    """The kept paragraphs of one article, each with its parse."""

    article: Article
    paragraphs: tuple[Paragraph, ...]
    docs: Sequence[Any]
    sentences: list[Sentence] = field(default_factory=list)
    sentence_of: list[list[int]] = field(default_factory=list)
    """Per paragraph, per token: the index of the token's sentence in :attr:`sentences`."""

    def __post_init__(self) -> None:
        if not self.sentences:
            for p, doc in enumerate(self.docs):
                owner = [0] * len(doc)
                for sent in doc.sents:
                    index = len(self.sentences)
                    self.sentences.append(Sentence(p, sent, index))
                    for i in range(sent.start, sent.end):
                        owner[i] = index
                self.sentence_of.append(owner)

    @property
    def doc_id(self) -> str:
        """The article's document id."""
        return self.article.doc_id

    def offset(self, paragraph: int, char: int) -> int:
        """The offset in ``article.text`` of character ``char`` of a kept paragraph."""
        return self.paragraphs[paragraph].span.start + char

    def char_span(self, paragraph: int, start: int, end: int) -> Span:
        """A span of ``article.text`` from paragraph-relative character offsets."""
        return Span(self.doc_id, self.offset(paragraph, start), self.offset(paragraph, end))

    def token_span(self, paragraph: int, first: int, last: int) -> Span:
        """The span of ``article.text`` covering tokens ``first..last`` (inclusive)."""
        doc = self.docs[paragraph]
        start = doc[first].idx
        end = doc[last].idx + len(doc[last].text)
        return self.char_span(paragraph, start, end)

    def text(self, paragraph: int, start: int, end: int) -> str:
        """The paragraph text between two paragraph-relative character offsets."""
        return str(self.paragraphs[paragraph].text[start:end])

    def sentence(self, ref: TokenRef) -> Sentence:
        """The sentence a token is in."""
        return self.sentences[self.sentence_of[ref[0]][ref[1]]]

    def tokens(self) -> Iterator[tuple[int, Any]]:
        """Every token with its paragraph index, in reading order."""
        for p, doc in enumerate(self.docs):
            for token in doc:
                yield p, token

    def is_subheading(self, paragraph: int) -> bool:
        """True for subheadings: headlines inside the article, not its running text."""
        return self.paragraphs[paragraph].role is Role.SUBHEADING
