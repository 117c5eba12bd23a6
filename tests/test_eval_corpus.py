"""The end-to-end evaluation: analyze on a labelled folder, then stories and per-event briefs
scored; floors pinned on the golden folder (six NewsWCL50 events and sochi-2020)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsprism.evaluation.labels import write_labels

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "sochi-2020"
SHARED = ROOT.parent / "shared"
GOLDEN = SHARED / "golden"
FLOORS = json.loads((ROOT / "tests" / "quality_floors_corpus.json").read_text(encoding="utf-8"))


def _sochi_labels(tmp_path: Path) -> Path:
    files = sorted(EXAMPLE.glob("*.txt"))
    # The example's storyline: four articles on the Sochi meeting, one on a later visit.
    rows = [(f, "sochi", "sochi/nov" if i == 3 else "sochi/sep") for i, f in enumerate(files)]
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    rows.append((empty, "empty", "empty"))
    csv = tmp_path / "labels.csv"
    write_labels(csv, rows)
    return csv


def test_a_folder_is_analyzed_scored_and_its_failures_counted(tmp_path: Path) -> None:
    pytest.importorskip("spacy")
    from newsprism.evaluation.corpus import evaluate_corpus

    seen: list[str] = []
    result = evaluate_corpus(_sochi_labels(tmp_path), progress=lambda s, d, t: seen.append(s))
    assert result.n == 6 and result.stored == 5
    assert result.crashes == 1 and "empty.txt" in result.crash_reasons[0]
    assert {"analyze", "brief"} <= set(seen)
    assert set(result.storyline) == {"newsprism", "tfidf_average_link"}
    assert result.event["newsprism"].f1 > 0.5
    briefs = result.briefs
    assert briefs.events >= 2 and briefs.citations >= briefs.sentences > 0
    assert briefs.support_rate >= 0.95, briefs.unsupported_examples
    assert briefs.unattributed_quotes == 0, briefs.quote_examples
    figures = result.to_json()
    assert figures["crashes"] == 1 and figures["gold"] is None


def _golden_labels(tmp_path: Path) -> Path:
    from newsprism.evaluation.datasets.sochi import write_gold_labels

    return write_gold_labels(sorted(GOLDEN.glob("*.json")), tmp_path / "golden.csv")


@pytest.mark.slow
@pytest.mark.skipif(not GOLDEN.is_dir(), reason="../shared is absent")
def test_golden_folder_floors(tmp_path: Path) -> None:
    pytest.importorskip("spacy")
    from newsprism.evaluation.corpus import evaluate_corpus

    result = evaluate_corpus(_golden_labels(tmp_path), gold_dir=GOLDEN)
    floors = FLOORS["golden-folder"]["newsprism"]
    assert result.crashes <= floors["max_crashes"], result.crash_reasons
    assert result.briefs.support_rate >= floors["support_rate"], result.briefs.unsupported_examples
    assert result.briefs.unattributed_quotes <= floors["max_unattributed_quotes"], (
        result.briefs.quote_examples
    )
    assert result.gold is not None and result.gold.gold_files == 7
    assert result.gold.false_conflicts <= floors["max_false_conflicts"]
    assert result.gold.mixed_findings <= floors["max_mixed_findings"]
    assert result.gold.corroborated_recall >= floors["corroborated_recall"]
    assert result.gold.conflicting_recall >= floors["conflicting_recall"]
    assert result.storyline["newsprism"].f1 >= floors["storyline_f1"]
    assert result.event["newsprism"].f1 >= floors["event_f1"]
