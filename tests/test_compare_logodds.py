"""Weighted log-odds with a Dirichlet prior ranks each group's own terms first."""

from __future__ import annotations

from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from newsprism.compare.logodds import distinctive_terms


def test_each_group_gets_its_own_terms_first() -> None:
    groups = {
        "a": Counter({"strongman": 5, "leader": 3, "president": 4}),
        "b": Counter({"legitimate leader": 6, "leader": 3, "president": 4}),
    }
    found = distinctive_terms(groups)
    assert found["a"][0].term == "strongman"
    assert found["b"][0].term == "legitimate leader"
    shared = {t.term: t.z for t in found["a"]}
    assert abs(shared["president"]) < 1 < found["a"][0].z


def test_a_repeated_term_outranks_a_single_mention() -> None:
    groups = {"a": Counter({"crackdown": 6, "oddity": 1, "the": 20}), "b": Counter({"the": 20})}
    ranked = [t.term for t in distinctive_terms(groups)["a"]]
    assert ranked.index("crackdown") < ranked.index("oddity")


def test_the_prior_shrinks_terms_rare_in_the_background() -> None:
    # Without a prior a one-off coinage looks as distinctive as a term used throughout; the
    # store's background says the coinage is rare, so its estimate is shrunk.
    groups = {"a": Counter({"regime": 2, "zzcoinage": 2, "the": 40}), "b": Counter({"the": 40})}
    background = Counter({"regime": 300, "zzcoinage": 1, "the": 50_000})
    flat = {t.term: t.z for t in distinctive_terms(groups)["a"]}
    informed = {t.term: t.z for t in distinctive_terms(groups, background)["a"]}
    assert flat["regime"] == flat["zzcoinage"]
    assert informed["regime"] > informed["zzcoinage"]


@given(
    st.dictionaries(
        st.sampled_from("abcde"),
        st.dictionaries(st.sampled_from(["x", "y", "z", "w"]), st.integers(1, 30), min_size=1),
        min_size=2,
    )
)
def test_scores_are_finite_and_sorted(raw: dict[str, dict[str, int]]) -> None:
    groups = {name: Counter(counts) for name, counts in raw.items()}
    for terms in distinctive_terms(groups).values():
        zs = [t.z for t in terms]
        assert zs == sorted(zs, reverse=True)
        assert all(abs(z) < 1e6 for z in zs)
