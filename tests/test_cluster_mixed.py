"""Story clustering on whole mixed folders: AEB's unrelated pages alone and the full visible mix,
scored against their pinned floors (``aeb``, ``mixed``, ``mixed-plain``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsprism.evaluation.datasets.mixed import MIXED_PLAIN_CSV, write_aeb_pages, write_mixed
from newsprism.evaluation.stories import evaluate_stories

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DATA = SHARED / "data"
AEB = DATA / "article-extraction-benchmark"
FLOORS = json.loads((ROOT / "tests" / "quality_floors_stories.json").read_text(encoding="utf-8"))

needs_shared = pytest.mark.skipif(not AEB.is_dir(), reason="../shared/data is absent")


def _check(result: dict[str, dict[str, float]], key: str) -> None:
    ours = result["newsprism"]
    for name, floor in FLOORS[key]["newsprism"].items():
        assert ours[name] >= floor, f"{key} {name} {ours[name]} < {floor}"


@needs_shared
@pytest.mark.slow
def test_aeb_pages_alone_floors(tmp_path: Path) -> None:
    # 181 unrelated pages, two of each site, many months apart: one site's pages must not
    # become one storyline on its boilerplate, nor a page of another year join an event.
    result = evaluate_stories(write_aeb_pages(AEB, tmp_path), baselines=False).to_json()
    assert result["n"] == 181
    _check(result, "aeb")


@needs_shared
@pytest.mark.slow
def test_full_visible_mix_floors(tmp_path: Path) -> None:
    plain = SHARED / "corpus" / "newswcl50"
    labels = write_mixed(
        tmp_path,
        ecbplus=DATA / "ecbplus",
        newswcl50=DATA / "newswcl50",
        aeb=AEB,
        sochi_gold=SHARED / "golden" / "sochi-2020.json",
        newswcl50_plain=plain if any(plain.glob("event-*")) else None,
    )
    _check(evaluate_stories(labels, baselines=False).to_json(), "mixed")
    if (tmp_path / MIXED_PLAIN_CSV).is_file():
        _check(
            evaluate_stories(tmp_path / MIXED_PLAIN_CSV, baselines=False).to_json(), "mixed-plain"
        )
