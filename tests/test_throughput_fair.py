"""The throughput comparison times one process fairly: in an interpreter of its own.

``compare_rates`` sets the single process beside a LocalCluster. Timed in the process that
runs the cluster's client (whose scheduler, heartbeats and Dask imports run there too), the
single process was slowed; it runs instead in a fresh interpreter started for it. These checks
run tiny rounds and look at what is reported, never at how fast anything was.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from newsprism.distributed.throughput import Rate, Ratio, SingleProcess, per_document_rate
from newsprism.pipeline import SerialExecutor

ROOT = Path(__file__).resolve().parents[1]
SOCHI = ROOT / "examples" / "sochi-2020"


@pytest.mark.parametrize(
    "serial, cluster, best, median, per_core, load",
    [
        # Two rounds a side: (documents, wall seconds, CPU seconds, load when it ended).
        (
            [(100, 10.0, 10.0, 1.0), (100, 20.0, 10.0, 3.0)],
            [(100, 5.0, 12.5, 2.0), (100, 8.0, 20.0, 0.5)],
            2.0,
            ((20 + 12.5) / 2) / ((10 + 5) / 2),  # median rates: of documents per second
            0.8,
            (0.5, 3.0),
        ),
        # The cluster spends less CPU than one process and runs no faster (a busy machine).
        ([(10, 2.0, 2.0, 4.0)], [(10, 2.0, 1.0, 4.0)], 1.0, 1.0, 2.0, (4.0, 4.0)),
    ],
)
def test_ratio_reads_the_rounds_of_each_side(
    serial: list[tuple[int, float, float, float]],
    cluster: list[tuple[int, float, float, float]],
    best: float,
    median: float,
    per_core: float,
    load: tuple[float, float],
) -> None:
    ratio = Ratio(tuple(Rate(*r) for r in serial), tuple(Rate(*r) for r in cluster))
    assert ratio.best == pytest.approx(best)
    assert ratio.median == pytest.approx(median)
    assert ratio.per_core == pytest.approx(per_core)
    assert ratio.load == load
    shown = str(ratio)
    assert f"{per_core:.2f}x" in shown and f"load {load[0]:.2f}-{load[1]:.2f}" in shown


def test_a_rate_without_cpu_or_time_is_zero_not_an_error() -> None:
    rate = Rate(5, 0.0)
    assert rate.per_second == 0.0 and rate.per_core == 0.0 and rate.load == 0.0


def test_the_single_process_runs_in_its_own_interpreter_and_reads_what_this_one_reads() -> None:
    pytest.importorskip("spacy")
    from newsprism.extract.nlp import load_nlp

    paths = [str(SOCHI)]
    here = per_document_rate(paths, SerialExecutor(), nlp=load_nlp())
    with SingleProcess() as one:
        assert one.pid != os.getpid()
        rates = [one.rate(paths), one.rate(paths)]  # the model stays loaded between rounds
    assert here.documents == 5
    for rate in rates:
        assert rate.documents == here.documents
        assert rate.seconds > 0 and rate.cpu_seconds > 0 and rate.load >= 0


def test_a_round_that_raises_there_raises_here_and_the_next_round_still_runs() -> None:
    pytest.importorskip("spacy")
    with SingleProcess() as one:
        with pytest.raises(TypeError):
            one.rate([None])  # type: ignore[list-item]
        assert one.rate([str(SOCHI / "000_c09bffb0d378b752.txt")]).documents == 1


def test_compare_rates_counts_the_same_documents_on_both_sides() -> None:
    pytest.importorskip("spacy")
    pytest.importorskip("dask.distributed")
    from newsprism.distributed.throughput import compare_rates

    ratio = compare_rates([str(SOCHI)], workers=2, rounds=1)
    assert [r.documents for r in (*ratio.serial, *ratio.cluster)] == [5, 5]
    assert ratio.serial_per_core > 0 and ratio.cluster_per_core > 0
