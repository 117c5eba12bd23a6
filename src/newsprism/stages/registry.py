"""Stages by name: newsprism's own, and those of other packages found through entry points.

A factory takes the run's :class:`~newsprism.stages.base.StageContext` and returns a stage.
newsprism registers its own stages on import with :func:`register`; another package offers a
stage by naming its factory in the ``newsprism.stages`` entry-point group::

    [project.entry-points."newsprism.stages"]
    wordcount = "mypackage.stages:make_wordcount"

and a configuration that lists ``wordcount`` among its stages runs it, with no change to
newsprism. (As Datasette loads its own features through the hooks it offers others,
newsprism's built-in stages go through the same registry.)
"""

from __future__ import annotations

from collections.abc import Callable
from importlib.metadata import entry_points
from typing import Any

from newsprism.errors import NewsprismError
from newsprism.stages.base import Stage, StageContext, StageSpec

__all__ = ["ENTRY_POINT_GROUP", "StageFactory", "build", "register", "rescan", "stage_names"]

ENTRY_POINT_GROUP = "newsprism.stages"

StageFactory = Callable[[StageContext], Any]
"""Builds a stage for one run."""

_FACTORIES: dict[str, StageFactory] = {}
_SCANNED = False


def register(name: str) -> Callable[[StageFactory], StageFactory]:
    """Register a stage factory under ``name`` (the name a configuration lists)."""

    def decorator(factory: StageFactory) -> StageFactory:
        _FACTORIES[name] = factory
        return factory

    return decorator


def _scan() -> None:
    global _SCANNED
    if _SCANNED:
        return
    _SCANNED = True
    # The built-in stages register when their modules load; none imports spaCy at load time.
    import newsprism.stages.documents
    import newsprism.stages.stories  # noqa: F401

    for ep in entry_points(group=ENTRY_POINT_GROUP):
        # A stage of another package never replaces one of newsprism's own by taking its name.
        _FACTORIES.setdefault(ep.name, ep.load())


def rescan() -> None:
    """Look at the installed entry points again (after a package was installed)."""
    global _SCANNED
    _SCANNED = False
    _scan()


def stage_names() -> list[str]:
    """Names of every stage a configuration may list."""
    _scan()
    return sorted(_FACTORIES)


def build(name: str, context: StageContext) -> Stage:
    """The stage registered under ``name``, built for this run; E021 if there is none."""
    _scan()
    factory = _FACTORIES.get(name)
    if factory is None:
        raise NewsprismError("E021", name)
    stage = factory(context)
    spec = getattr(stage, "spec", None)
    if not isinstance(spec, StageSpec):
        raise NewsprismError("E023", name, "it has no StageSpec named spec")
    if not callable(getattr(stage, "pipe", None)):
        raise NewsprismError("E023", name, "it has no pipe(batch) method")
    return stage  # type: ignore[no-any-return]
