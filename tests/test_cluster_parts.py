"""Clustering's parts: average-link agglomeration, sparse vectors, the term index, postings."""

from __future__ import annotations

import datetime as dt
import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform

from newsprism.cluster.agglomerate import Lone, agglomerate, decay, gap_days
from newsprism.cluster.index import TermIndex
from newsprism.cluster.vectors import Vector, Vocabulary, gram, total, unit
from newsprism.dedup.postings import Postings


def _partition(labels: list[int] | np.ndarray) -> set[frozenset[int]]:
    groups: dict[int, set[int]] = {}
    for i, label in enumerate(labels):
        groups.setdefault(int(label), set()).add(i)
    return {frozenset(g) for g in groups.values()}


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=2, max_value=30), st.integers(0, 10_000))
def test_agglomeration_without_dates_is_scipy_average_linkage(n: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    points = rng.random((n, 6)) ** 3  # skewed, so that some pairs are close and some far
    points /= np.linalg.norm(points, axis=1, keepdims=True)
    sims = points @ points.T
    result = agglomerate(sims, [1.0] * n, [None] * n, [None] * n, 0.8, 3.0, 15.0)
    distance = np.clip(1.0 - sims, 0.0, None)
    np.fill_diagonal(distance, 0.0)
    tree = linkage(squareform(distance, checks=False), "average")
    expected = fcluster(tree, 1.0 - 0.8, "distance")
    found = [0] * n
    for g, group in enumerate(result.groups):
        for k in group:
            found[k] = g
    # Ties aside (none with random points), greedy UPGMA and scipy's cut agree exactly.
    assert _partition(found) == _partition(expected)


def test_agglomeration_decays_with_the_time_gap() -> None:
    day = dt.date(2020, 9, 14)
    later = day + dt.timedelta(days=60)
    sims = np.array([[1.0, 0.5], [0.5, 1.0]])
    together = agglomerate(sims, [1, 1], [day, day], [day, day], 0.3, 3.0, 15.0)
    apart = agglomerate(sims, [1, 1], [day, later], [day, later], 0.3, 3.0, 15.0)
    assert together.groups == [[0, 1]] and sorted(apart.groups) == [[0], [1]]
    assert apart.decided[0][1] == 60.0
    assert decay(gap_days((day, day), (later, later)), 3.0, 15.0) == pytest.approx(np.exp(-57 / 15))


DAY = dt.date(2019, 11, 20)


@pytest.mark.parametrize(
    "group_size, lone, group_date, lone_date, joins",
    [
        (3, Lone(1.2, 3), None, None, True),  # both undated: the lower bar
        (3, Lone(1.2, 3), DAY, DAY, True),  # both dated, the same day
        (3, None, None, None, False),  # no lone rule: 0.22 stays under 0.25
        (3, Lone(1.2, 3), None, DAY, False),  # a dated page beside an undated event
        (3, Lone(1.2, 3), DAY, None, False),
        (2, Lone(1.2, 3), None, None, False),  # two articles are no event to average
    ],
)
def test_a_lone_article_meets_an_event_of_several_at_a_lower_bar(
    group_size: int,
    lone: Lone | None,
    group_date: dt.date | None,
    lone_date: dt.date | None,
    joins: bool,
) -> None:
    # Unit 0 is an event of group_size articles (their summed vector), unit 1 a lone article
    # whose mean cosine with the event's members is 0.22.
    n = float(group_size)
    dots = np.array([[n * n * 0.6, n * 0.22], [n * 0.22, 1.0]])
    result = agglomerate(
        dots, [n, 1.0], [group_date, lone_date], [group_date, lone_date], 0.25, 3.0, 15.0,
        lone=lone,
    )  # fmt: skip
    assert (result.groups == [[0, 1]]) is joins
    # The deciding similarity is the plain average-link one either way.
    assert result.decided[1][0] == pytest.approx(0.22)


def test_vectors_sum_subtract_mask_and_dot() -> None:
    vocab = Vocabulary("#:")
    a = vocab.vector({"quake": 0.6, "sumatra": 0.8})
    b = vocab.vector({"quake": 1.0, "#:23": 0.5})
    both = total([a, b])
    assert vocab.weights(both) == pytest.approx({"quake": 1.6, "sumatra": 0.8, "#:23": 0.5})
    assert vocab.weights(both.plus(b, -1.0)) == pytest.approx(vocab.weights(a))
    assert vocab.weights(vocab.unmasked(b)) == {"quake": 1.0}
    assert a.dot(b) == pytest.approx(0.6)
    assert gram([a, b])[0, 1] == pytest.approx(0.6)
    assert float(np.linalg.norm(unit(both).vals)) == pytest.approx(1.0)
    assert vocab.weights(both.top(1)) == {"quake": 1.6}


def test_term_index_finds_clusters_by_shared_terms_near_their_dates() -> None:
    vocab = Vocabulary()
    index = TermIndex(terms=2, bucket_days=32)
    day = dt.date(2020, 9, 14)
    index.put("minsk", vocab.vector({"lukashenko": 0.9, "minsk": 0.4}), (day, day))
    index.put("old", vocab.vector({"lukashenko": 0.9}), (dt.date(2010, 1, 1),) * 2)
    index.put("quake", vocab.vector({"sumatra": 1.0}), (None, None))
    probe = vocab.vector({"lukashenko": 1.0, "sumatra": 0.5})
    assert index.votes(probe, (day, day), 63) == {"minsk": 1.0, "quake": 0.5}
    assert set(index.votes(probe, (None, None), 63)) == {"minsk", "old", "quake"}
    index.put("minsk", vocab.vector({"putin": 1.0}), (day, day))  # re-indexed: old terms go
    index.drop("quake")
    assert index.votes(probe, (day, day), 63) == {}
    assert len(index) == 2


def test_postings_match_a_dict_of_lists_across_merged_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    import newsprism.dedup.postings as postings

    monkeypatch.setattr(postings, "BUFFER", 50)
    index = Postings()
    reference: dict[int, list[int]] = {}
    rng = random.Random(1)
    for value in range(2000):
        keys = np.array(sorted({rng.randrange(400) for _ in range(5)}), dtype=np.uint64)
        index.add(keys, value)
        for k in keys.tolist():
            reference.setdefault(k, []).append(value)
        if value % 97 == 0:
            query = np.array(sorted({rng.randrange(500) for _ in range(7)}), dtype=np.uint64)
            expected = [v for k in query.tolist() for v in reference.get(k, [])]
            assert sorted(index.lookup(query)) == sorted(expected)
            capped = [
                v for k in query.tolist() for v in reference.get(k, []) if len(reference[k]) <= 8
            ]
            assert sorted(index.lookup(query, limit=8)) == sorted(capped)
    assert len(index) == sum(len(v) for v in reference.values())


def test_vector_helpers_handle_empty_input() -> None:
    assert total([]).ids.size == 0
    assert Vector.empty().dot(Vector.empty()) == 0.0
    assert gram([]).shape == (0, 0)
