"""Optional features: import them through :func:`require` to get the exact install line."""

from __future__ import annotations

import importlib
from types import ModuleType

from newsprism.errors import NewsprismError

__all__ = ["require"]


def require(module: str, extra: str) -> ModuleType:
    """Import ``module`` or fail with the ``pip install 'newsprism[extra]'`` line."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise NewsprismError("E050", module, extra) from exc
