"""Item pipelines check stage order, find stages by name, and run on both executors; an
item's error comes back as a coded record, never as a string to read the code back from."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from newsprism.errors import InputError, NewsprismError, Problem
from newsprism.pipeline import (
    Pipeline,
    ProcessPoolExecutor,
    SerialExecutor,
    get_stage,
    registered_stages,
)


@dataclass
class Double:
    """Doubles a number."""

    name: str = "double"
    requires: tuple[str, ...] = ("number",)
    provides: tuple[str, ...] = ("doubled",)

    def __call__(self, item: int) -> int:
        if item < 0:
            raise ValueError("negative input")
        return item * 2


@dataclass
class Refuse:
    """Refuses odd numbers with a coded error, even ones with an uncoded one."""

    name: str = "refuse"
    requires: tuple[str, ...] = ("number",)
    provides: tuple[str, ...] = ("number",)

    def __call__(self, item: int) -> int:
        if item % 2:
            raise InputError(f"{item}.txt", "E010", "odd")
        raise KeyError(item)


@dataclass
class Describe:
    """Turns a doubled number into text."""

    name: str = "describe"
    requires: tuple[str, ...] = ("doubled",)
    provides: tuple[str, ...] = ("text",)

    def __call__(self, item: int) -> str:
        return f"<{item}>"


def test_order_is_checked_before_running() -> None:
    with pytest.raises(NewsprismError, match="E020"):
        Pipeline([Describe(), Double()], inputs=("number",))


def test_runs_in_order() -> None:
    pipeline = Pipeline([Double(), Describe()], inputs=("number",))
    assert pipeline(4) == "<8>"
    assert pipeline.names() == ["double", "describe"]
    assert "text" in pipeline.provides


@pytest.mark.parametrize("executor", [SerialExecutor(), ProcessPoolExecutor(workers=2, window=3)])
def test_executors_keep_going_after_a_bad_item(executor: object) -> None:
    pipeline = Pipeline([Double(), Describe()], inputs=("number",))
    outcomes = sorted(executor.map(pipeline, [1, -1, 3, 4, 5]), key=lambda o: o.index)  # type: ignore[attr-defined]
    assert [o.value for o in outcomes if o.ok] == ["<2>", "<6>", "<8>", "<10>"]
    bad = [o for o in outcomes if not o.ok]
    assert len(bad) == 1 and bad[0].index == 1 and "negative input" in (bad[0].error or "")


def test_registry_finds_the_clean_stage() -> None:
    assert "newsprism.clean.v1" in registered_stages()
    stage = get_stage("newsprism.clean.v1")
    assert stage.requires == ("document",) and stage.provides == ("article",)
    assert Pipeline.from_names(["newsprism.clean.v1"]).names() == ["clean"]


def test_registry_finds_the_extract_stage() -> None:
    stage = get_stage("newsprism.extract.v1")
    assert stage.requires == ("article",) and stage.provides == ("extraction",)


def test_unknown_stage_is_a_coded_error() -> None:
    with pytest.raises(NewsprismError, match="E021"):
        get_stage("newsprism.nothing.v9")


@pytest.mark.parametrize("executor", [SerialExecutor(), ProcessPoolExecutor(workers=2, window=2)])
def test_an_items_error_comes_back_as_a_coded_record(executor: object) -> None:
    pipeline = Pipeline([Refuse()], inputs=("number",), code="E015")
    outcomes = sorted(executor.map(pipeline, [1, 2]), key=lambda o: o.index)  # type: ignore[attr-defined]
    assert [o.ok for o in outcomes] == [False, False]
    coded, uncoded = (o.problem for o in outcomes)
    # A newsprism error keeps its own code and reason; any other is the pipeline's code.
    assert coded == Problem("E010", "no article text found (odd)")
    assert uncoded == Problem("E015", "could not be cleaned (KeyError: 2)")
    assert outcomes[1].error == "could not be cleaned (KeyError: 2) [E015]"


def test_an_uncoded_error_is_named_by_its_stage() -> None:
    value, problem = Pipeline([Double()], inputs=("number",)).run_one(-1)
    assert value is None and problem is not None
    assert problem.code == "E022" and problem.reason.startswith("stage double failed")
