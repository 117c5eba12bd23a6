"""A run's stages composed from their names and checked before anything runs.

Each stage's needs must be made by an earlier stage (or be the run's inputs); a missing need
is error E020 naming the stage and the kinds it lacks. Stages that work per story (compare,
summarize) run after the last batch, so they are checked after every other stage.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from newsprism.errors import NewsprismError
from newsprism.stages.base import Stage, StageContext, StageSpec
from newsprism.stages.registry import build

__all__ = ["ARTICLE_KINDS", "StagePipeline", "check", "compose"]

ARTICLE_KINDS = frozenset({"article", "dated"})
"""Kinds that make or change the articles themselves: the articles are stored once the last
stage making one of these has run, and the stages after it can finish stored articles."""


def check(specs: Sequence[StageSpec], inputs: Iterable[str] = ("input",)) -> frozenset[str]:
    """Every kind the stages make, after checking that each stage's needs are met in order."""
    available = set(inputs)
    ordered = [s for s in specs if s.scope != "story"] + [s for s in specs if s.scope == "story"]
    seen: set[str] = set()
    for spec in ordered:
        if spec.name in seen:
            raise NewsprismError("E023", spec.name, "it is listed twice")
        seen.add(spec.name)
        missing = [need for need in spec.needs if need not in available]
        if missing:
            raise NewsprismError("E020", spec.name, ", ".join(missing))
        available.update(spec.makes)
    return frozenset(available)


@dataclass(frozen=True, slots=True)
class StagePipeline:
    """The stages of one run, split where the articles are stored.

    ``source`` turns the run's inputs into documents; ``before_store`` run on fresh documents
    only; ``after_store`` run on stored articles (fresh ones, and those an interrupted run
    left), batch by batch; ``per_story`` run once, after the last batch, on the changed stories.
    """

    source: Stage | None
    before_store: tuple[Stage, ...]
    after_store: tuple[Stage, ...]
    per_story: tuple[Stage, ...]
    makes: frozenset[str]

    def stages(self) -> list[Stage]:
        """Every stage, in the order they run."""
        head = [self.source] if self.source is not None else []
        return [*head, *self.before_store, *self.after_store, *self.per_story]

    def names(self) -> list[str]:
        """The stage names in the order they run."""
        return [s.spec.name for s in self.stages()]


def compose(names: Sequence[str], context: StageContext) -> StagePipeline:
    """Build the named stages for a run and check their order (E020, E021, E023)."""
    stages = [build(name, context) for name in names]
    makes = check([s.spec for s in stages])
    sources = [s for s in stages if s.spec.scope == "input"]
    if len(sources) > 1 or (sources and stages[0] is not sources[0]):
        raise NewsprismError("E023", sources[-1].spec.name, "only the first stage reads inputs")
    rest = [s for s in stages if s.spec.scope not in ("input", "story")]
    per_story = tuple(s for s in stages if s.spec.scope == "story")
    cut = max((k + 1 for k, s in enumerate(rest) if set(s.spec.makes) & ARTICLE_KINDS), default=0)
    return StagePipeline(
        sources[0] if sources else None, tuple(rest[:cut]), tuple(rest[cut:]), per_story, makes
    )
