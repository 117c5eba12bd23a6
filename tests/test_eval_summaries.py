"""Quality gate for the brief: NeuS val ROUGE floors (newsprism above every baseline) and the
sochi-2020 timeline, with the NeuS reader and the length budget checked on small inputs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsprism.evaluation.summaries import neus_articles, read_neus, truncate

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
NEUS = SHARED / "data" / "neus"
GOLD = SHARED / "golden" / "sochi-2020.json"
FLOORS = json.loads((ROOT / "tests" / "quality_floors_brief.json").read_text(encoding="utf-8"))


def test_read_neus_splits_the_triple_and_keeps_the_summary_text(tmp_path: Path) -> None:
    source, target = tmp_path / "x.source", tmp_path / "x.target"
    source.write_text(
        "TITLE=> Left. ARTICLE=> Left body one. Left two. [SEP] TITLE=> Centre. ARTICLE=> "
        "Centre body. [SEP] TITLE=> Right. ARTICLE=> Right body.\n",
        encoding="utf-8",
    )
    target.write_text("TITLE=> Neutral. ARTICLE=> The neutral summary.\n", encoding="utf-8")
    (item,) = read_neus(source, target)
    assert item.articles == (
        ("Left.", "Left body one. Left two."),
        ("Centre.", "Centre body."),
        ("Right.", "Right body."),
    )
    assert item.reference == "The neutral summary."
    articles = neus_articles(item)
    assert [a.body_text for a in articles] == ["Left body one. Left two.", "Centre body.",
                                               "Right body."]  # fmt: skip


def test_truncate_cuts_every_system_at_the_same_word_budget() -> None:
    assert truncate(["One two three.", "Four five."], 4) == "One two three. Four"
    assert truncate(["One."], 10) == "One."


@pytest.mark.slow
@pytest.mark.skipif(not (NEUS / "val.source").is_file(), reason="../shared/data/neus is absent")
def test_neus_val_floors_and_newsprism_beats_every_baseline() -> None:
    pytest.importorskip("rouge_score")
    pytest.importorskip("sumy")
    from newsprism.evaluation.summaries import evaluate_summaries

    result = evaluate_summaries(NEUS / "val.source", NEUS / "val.target")
    assert result.n == 307
    figures = result.to_json()
    for name, floor in FLOORS["neus-val"]["newsprism"].items():
        assert figures["newsprism"][name] >= floor, f"{name} {figures['newsprism'][name]} < {floor}"
    assert set(figures) == {"newsprism", "lead", "lexrank", "centre_lead", "n"}
    assert result.beats_baselines(), figures


@pytest.mark.slow
@pytest.mark.skipif(not GOLD.is_file(), reason="../shared is absent")
def test_sochi_timeline_floors() -> None:
    pytest.importorskip("spacy")
    from newsprism.evaluation.timeline import evaluate_timeline

    figures = evaluate_timeline(GOLD).to_json()
    assert figures["n"] == 3
    for name, floor in FLOORS["sochi-2020-timeline"]["newsprism"].items():
        assert figures["newsprism"][name] >= floor, f"{name} {figures['newsprism'][name]} < {floor}"
    assert figures["publication_dates"]["events_found"] < figures["newsprism"]["events_found"]
