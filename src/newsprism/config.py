"""newsprism's configuration: defaults shipped in the package, a user's file over them.

The defaults are ``defaults.toml`` beside this module. A user's TOML file overrides only the
keys it sets, table by table (``[pipeline] chunk_size = 64`` keeps the default stages), as
trafilatura's settings file and spaCy's config do.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Any

from newsprism.errors import NewsprismError

__all__ = ["Config", "default_config", "load_config", "merged"]


@dataclass(frozen=True, slots=True)
class Config:
    """The settings of a run: the stages in order, the chunk size, and each stage's options."""

    stages: tuple[str, ...]
    chunk_size: int
    stage_options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    def options(self, stage: str) -> Mapping[str, Any]:
        """The ``[stages.NAME]`` table for ``stage`` (empty when there is none)."""
        return self.stage_options.get(stage, {})


def merged(base: Mapping[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    """``base`` with the keys ``override`` sets replaced; tables are merged key by key."""
    result = dict(base)
    for key, value in override.items():
        known = result.get(key)
        if isinstance(known, Mapping) and isinstance(value, Mapping):
            result[key] = merged(known, value)
        else:
            result[key] = value
    return result


def _defaults() -> dict[str, Any]:
    text = files("newsprism").joinpath("defaults.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def _config(source: str, data: Mapping[str, Any]) -> Config:
    pipeline = data.get("pipeline", {})
    stages = pipeline.get("stages")
    if not isinstance(stages, list) or not all(isinstance(s, str) for s in stages):
        raise NewsprismError("E024", source, "[pipeline] stages must be a list of stage names")
    chunk_size = pipeline.get("chunk_size")
    if not isinstance(chunk_size, int) or isinstance(chunk_size, bool) or chunk_size < 1:
        raise NewsprismError("E024", source, "[pipeline] chunk_size must be a positive integer")
    options = data.get("stages", {})
    if not isinstance(options, Mapping) or not all(
        isinstance(v, Mapping) for v in options.values()
    ):
        raise NewsprismError("E024", source, "[stages.NAME] must be tables of options")
    return Config(tuple(stages), chunk_size, {k: dict(v) for k, v in options.items()})


def default_config() -> Config:
    """The configuration shipped in the package."""
    return _config("defaults.toml", _defaults())


def load_config(path: str | Path | None = None) -> Config:
    """The defaults, with the keys the TOML file at ``path`` sets (the defaults alone if None)."""
    if path is None:
        return default_config()
    try:
        user = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise NewsprismError("E024", path, exc.strerror or type(exc).__name__) from None
    except tomllib.TOMLDecodeError as exc:
        raise NewsprismError("E024", path, f"not TOML: {exc}") from None
    return _config(str(path), merged(_defaults(), user))
