"""Syndication: real wire copies from ECB+, a partial reprint, and dedup's symmetry."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsprism.dedup import DedupIndex, duplicate_score, is_duplicate, sketch
from newsprism.records import Article, DateEstimate, Paragraph, Role, Span

ROOT = Path(__file__).resolve().parents[1]
ECBPLUS = ROOT.parent / "shared" / "data" / "ecbplus"

needs_ecbplus = pytest.mark.skipif(not ECBPLUS.is_dir(), reason="../shared/data/ecbplus is absent")


def make_article(doc_id: str, body: str, outlet: str | None = None, **kw: object) -> Article:
    """A cleaned article with one body paragraph per blank-line-separated block."""
    paragraphs = []
    offset = 0
    for i, block in enumerate(body.split("\n\n")):
        paragraphs.append(
            Paragraph(i, block, Span(doc_id, offset, offset + len(block)), Role.BODY, "test")
        )
        offset += len(block) + 2
    return Article(doc_id, doc_id, body, "", tuple(paragraphs), outlet=outlet, **kw)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def ecb_texts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    from newsprism.evaluation.datasets.ecbplus import documents

    wanted = {"7_2ecbplus", "7_9ecbplus", "45_2ecbplus", "45_9ecbplus", "7_1ecb", "18_1ecb"}
    return {
        d.name: "\n\n".join(d.sentences[1:])
        for d in documents(ECBPLUS / "ECBplus_LREC2014.tar.gz")
        if d.name in wanted
    }


@needs_ecbplus
def test_real_wire_copies_group_and_reports_of_other_events_do_not(
    ecb_texts: dict[str, str],
) -> None:
    # 7_2 and 7_9: one AP story on Klitschko-Thompson as printed by two outlets, each with its
    # own edits; 45_2 and 45_9: the same wire story printed word for word.
    arts = [make_article(name, text) for name, text in sorted(ecb_texts.items())]
    index = DedupIndex()
    index.add(arts)
    groups = {frozenset(g.members) for g in index.groups()}
    assert frozenset({"7_2ecbplus", "7_9ecbplus"}) in {
        g & {"7_2ecbplus", "7_9ecbplus"} for g in groups
    }
    assert any({"45_2ecbplus", "45_9ecbplus"} <= g for g in groups)
    # The other Klitschko fight (ECB's 7_1) and a shooting report are other texts.
    assert index.group_of("7_1ecb") is None or "7_2ecbplus" not in index.group_of("7_1ecb").members  # type: ignore[union-attr]
    assert index.group_of("18_1ecb") is None


@needs_ecbplus
def test_partial_reprint_is_found_by_containment(ecb_texts: dict[str, str]) -> None:
    wire = ecb_texts["7_2ecbplus"]
    blocks = wire.split("\n\n")
    own = (
        "Our correspondent at the ringside in Bern says the crowd of 30,000 barely had time to "
        "settle before the champion took control of the fight.\n\nLocal promoters said they "
        "hoped to bring another title fight to the city next summer, and the mayor praised the "
        "organisers for a peaceful evening at the stadium despite the rain."
    )
    reprint = "\n\n".join(blocks[: max(2, len(blocks) // 2)]) + "\n\n" + own
    kind, score = duplicate_score(
        sketch(make_article("wire", wire)), sketch(make_article("reprint", reprint))
    )
    assert is_duplicate(kind, score)
    index = DedupIndex()
    index.add(
        [
            make_article("wire", wire, outlet="AP", wire_agency="AP"),
            make_article("reprint", reprint, outlet="Bern Daily"),
        ]
    )
    group = index.group_of("reprint")
    assert group is not None
    assert group.original == "wire"  # the agency's own copy is the original


def test_exact_copy_and_earliest_original() -> None:
    import datetime as dt

    text = "The council approved the new budget on Tuesday after a long debate. " * 8
    a = make_article("a", text, published=DateEstimate(dt.date(2020, 9, 15)))
    b = make_article("b", text.upper(), published=DateEstimate(dt.date(2020, 9, 14)))
    index = DedupIndex()
    index.add([a, b])
    group = index.group_of("a")
    assert group is not None and group.original == "b"
    assert duplicate_score(sketch(a), sketch(b)) == ("exact", 1.0)


_words = st.lists(
    st.sampled_from(
        ["alpha", "beta", "gamma", "delta", "kiev", "minsk", "vote", "poll", "says", "loan"]
    ),
    min_size=0,
    max_size=60,
)


@settings(max_examples=60, deadline=None)
@given(_words, _words)
def test_dedup_is_symmetric(x: list[str], y: list[str]) -> None:
    a, b = sketch(make_article("a", " ".join(x))), sketch(make_article("b", " ".join(y)))
    assert duplicate_score(a, b) == duplicate_score(b, a)
    ia, ib = DedupIndex(), DedupIndex()
    ia.add([make_article("a", " ".join(x)), make_article("b", " ".join(y))])
    ib.add([make_article("b", " ".join(y)), make_article("a", " ".join(x))])
    assert [g.members for g in ia.groups()] == [g.members for g in ib.groups()] or (
        sorted(map(sorted, (g.members for g in ia.groups())))
        == sorted(map(sorted, (g.members for g in ib.groups())))
    )


SOCHI = ROOT / "examples" / "sochi-2020"


def test_an_original_stored_before_its_copy_and_the_copy_count_as_one_source(
    tmp_path: Path,
) -> None:
    """A reprint arriving in a later run joins its original's group: both assignments carry
    one syndication id, so every fact they share is counted once."""
    from newsprism.cluster import load_assignments
    from newsprism.runner import analyze
    from newsprism.store import open_store

    original = SOCHI / "001_6c828646232d7051.txt"
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    (first / original.name).write_bytes(original.read_bytes())
    text = original.read_text(encoding="utf-8")
    (second / "reprint.txt").write_text(text + "\n\n© 2020 Harbour Daily News\n", encoding="utf-8")
    with open_store(tmp_path / "s.db") as store:
        analyze([str(first)], store, extract=False)
        analyze([str(second)], store, extract=False)
        placed = load_assignments(store)
    assert len(placed) == 2
    groups = {a.syndication_id for a in placed.values()}
    assert len(groups) == 1 and None not in groups, placed
