"""The newcomer's tour (docs/architecture.md) names only what exists in the code."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TOUR = ROOT / "docs" / "architecture.md"
SRC = ROOT / "src" / "newsprism"

# Dotted names as the tour writes them: `store.schema`, stages.base.Batch, views.load_view.
_DOTTED = re.compile(r"\b([a-z_]+(?:\.[A-Za-z_]+)+)\b")
_PACKAGES = re.compile(r"`([a-z_]+)/`")


def _names() -> list[str]:
    text = TOUR.read_text(encoding="utf-8")
    roots = {p.stem for p in SRC.iterdir() if p.suffix == ".py" or p.is_dir()}
    found = {m for m in _DOTTED.findall(text) if m.split(".")[0] in roots}
    found.discard("defaults.toml")
    return sorted(found)


def _resolve(dotted: str) -> object:
    """Import the longest module prefix of ``newsprism.<dotted>``, then walk attributes."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj: object = importlib.import_module("newsprism." + ".".join(parts[:cut]))
        except ModuleNotFoundError:
            continue
        for attr in parts[cut:]:
            obj = getattr(obj, attr)
        return obj
    raise ModuleNotFoundError(dotted)


def test_the_tour_names_something() -> None:
    assert len(_names()) >= 20


@pytest.mark.parametrize("dotted", _names())
def test_every_dotted_name_in_the_tour_exists(dotted: str) -> None:
    pytest.importorskip("spacy")  # extract's modules import it at module level
    assert _resolve(dotted) is not None


def test_every_package_the_tour_names_exists() -> None:
    packages = set(_PACKAGES.findall(TOUR.read_text(encoding="utf-8")))
    assert packages, "the tour names its packages as `name/`"
    missing = sorted(p for p in packages if not (SRC / p).is_dir())
    assert not missing, missing
