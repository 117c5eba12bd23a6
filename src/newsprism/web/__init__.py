"""The web UI and JSON API (the ``[web]`` extra): ``newsprism serve`` and ``newsprism report``."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from fastapi import FastAPI

    from newsprism.store import Store

__all__ = ["create_app"]


def create_app(store: Store | Path | str) -> FastAPI:
    """The application over a store or store path (FastAPI is imported only when called)."""
    from newsprism.web.app import create_app as make

    return make(store)
