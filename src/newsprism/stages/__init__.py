"""Stages: the named steps ``analyze`` runs, each taking and returning a batch of records.

>>> from newsprism.stages import stage_names
>>> stage_names()  # doctest: +SKIP
['clean', 'cluster', 'compare', 'date', 'dedup', 'extract', 'ingest', 'summarize']

A stage has a :class:`StageSpec` (its name, the record kinds it needs and makes, whether it
keeps state between batches, the store mark of its completion) and a ``pipe(batch)`` method;
:func:`compose` builds the stages a configuration names and checks their order before
anything runs. Another package adds a stage through the ``newsprism.stages`` entry points.
"""

from __future__ import annotations

from newsprism.stages.base import (
    KINDS,
    BaseStage,
    Batch,
    Failure,
    Scope,
    Stage,
    StageContext,
    StageSpec,
    reset,
    save,
)
from newsprism.stages.compose import StagePipeline, check, compose
from newsprism.stages.documents import EXTRACTION_KIND, Clean, Date, Extract, Ingest
from newsprism.stages.registry import ENTRY_POINT_GROUP, build, register, rescan, stage_names
from newsprism.stages.stories import Cluster, Compare, Dedup, StoryWork, Summarize

__all__ = [
    "ENTRY_POINT_GROUP",
    "EXTRACTION_KIND",
    "KINDS",
    "BaseStage",
    "Batch",
    "Clean",
    "Cluster",
    "Compare",
    "Date",
    "Dedup",
    "Extract",
    "Failure",
    "Ingest",
    "Scope",
    "Stage",
    "StageContext",
    "StagePipeline",
    "StageSpec",
    "StoryWork",
    "Summarize",
    "build",
    "check",
    "compose",
    "register",
    "rescan",
    "reset",
    "save",
    "stage_names",
]
